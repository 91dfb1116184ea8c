"""Agreement between two coders (or a model and a coder): Cohen's kappa and positive agreement."""

from __future__ import annotations

from collections import Counter
from typing import Hashable, Sequence


def cohen_kappa(a: Sequence[Hashable], b: Sequence[Hashable]) -> float | None:
    """Cohen's (1960) kappa for two raters over the same items; None when undefined."""
    if len(a) != len(b):
        raise ValueError("the two codings must have the same length")
    n = len(a)
    if n == 0:
        return None
    observed = sum(x == y for x, y in zip(a, b)) / n
    ca, cb = Counter(a), Counter(b)
    expected = sum(ca[k] * cb[k] for k in set(ca) | set(cb)) / (n * n)
    return None if expected >= 1 else (observed - expected) / (1 - expected)


def positive_agreement(a: Sequence[bool], b: Sequence[bool]) -> float | None:
    """2 * both-positive / (positives of a + positives of b): agreement on a rare value, which
    kappa understates when the value is rare."""
    both = sum(x and y for x, y in zip(a, b))
    total = sum(a) + sum(b)
    return None if total == 0 else 2 * both / total
