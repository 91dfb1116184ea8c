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


def icc_2_1(ratings: Sequence[Sequence[float]]) -> float | None:
    """ICC(2,1) of Shrout & Fleiss (1979): two-way random effects, absolute agreement, a single
    rater. ``ratings`` has one row per target and one column per rater (at least 2 x 2); None
    when undefined (too few targets, or no variance at all).

        ICC(2,1) = (BMS - EMS) / (BMS + (k - 1) EMS + k (JMS - EMS) / n)

    with BMS the between-targets mean square, JMS the between-raters mean square and EMS the
    residual mean square of the two-way ANOVA."""
    rows = [list(map(float, r)) for r in ratings]
    n = len(rows)
    k = len(rows[0]) if rows else 0
    if any(len(r) != k for r in rows):
        raise ValueError("every target needs a rating from every rater")
    if n < 2 or k < 2:
        return None
    grand = sum(map(sum, rows)) / (n * k)
    row_means = [sum(r) / k for r in rows]
    col_means = [sum(r[j] for r in rows) / n for j in range(k)]
    ss_rows = k * sum((m - grand) ** 2 for m in row_means)
    ss_cols = n * sum((m - grand) ** 2 for m in col_means)
    ss_total = sum((x - grand) ** 2 for r in rows for x in r)
    bms, jms = ss_rows / (n - 1), ss_cols / (k - 1)
    ems = (ss_total - ss_rows - ss_cols) / ((n - 1) * (k - 1))
    denominator = bms + (k - 1) * ems + k * (jms - ems) / n
    return None if denominator <= 1e-12 else (bms - ems) / denominator
