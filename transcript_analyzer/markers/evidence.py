"""Evidence: the words that drove a decision, found by occlusion.

For each utterance with a positive decision, every word (or, in long utterances, every short
window of words) is removed in turn, the variants are scored by the same heads, and the words
whose removal lowers the marker's probability most are the evidence. This explains the model
that made the decision (not a keyword list), and costs one batch of extra encodings per flagged
utterance, so it is done only for positive decisions.
"""

from __future__ import annotations

import math
import re
from typing import Callable, Sequence

import numpy as np

_TOKEN = re.compile(r"\S+")
_STRIP = " \t.,;:!?\"'“”‘’()[]"

Scorer = Callable[[list[str], list[int]], dict[str, np.ndarray]]


def _units(text: str, max_units: int) -> list[tuple[int, int]]:
    """Character spans of the occlusion units: single words, or windows in long utterances."""
    tokens = [(m.start(), m.end()) for m in _TOKEN.finditer(text)]
    size = max(1, math.ceil(len(tokens) / max_units))
    return [(tokens[i][0], tokens[min(i + size, len(tokens)) - 1][1]) for i in range(0, len(tokens), size)]


def occlusion(texts: Sequence[str], rows: Sequence[int], flagged: Sequence[Sequence[str]],
              base: dict[str, np.ndarray], scorer: Scorer, top: int = 3, max_units: int = 24,
              min_drop: float = 0.05) -> list[dict[str, tuple[str, ...]]]:
    """For each text, {marker: evidence words} for the markers flagged on it.

    ``rows[i]`` is the row of text i in ``base`` (its probabilities with nothing removed) and what
    the scorer needs to find its context."""
    variants: list[str] = []
    owners: list[tuple[int, tuple[int, int]]] = []
    for i, (text, markers) in enumerate(zip(texts, flagged)):
        if not markers:
            continue
        for a, b in _units(text, max_units):
            variants.append((text[:a] + text[b:]).strip() or ".")
            owners.append((i, (a, b)))
    result: list[dict[str, tuple[str, ...]]] = [{} for _ in texts]
    if not variants:
        return result
    scores = scorer(variants, [rows[i] for i, _ in owners])
    for i, (text, markers) in enumerate(zip(texts, flagged)):
        mine = [k for k, (owner, _) in enumerate(owners) if owner == i]
        for m in markers:
            drops = [(base[m][rows[i]] - scores[m][k], owners[k][1]) for k in mine]
            drops.sort(key=lambda d: -d[0])
            threshold = max(min_drop, 0.15 * float(base[m][rows[i]]))
            words = [text[a:b].strip(_STRIP) for d, (a, b) in drops[:top] if d >= threshold]
            result[i][m] = tuple(w for w in words if w)
    return result
