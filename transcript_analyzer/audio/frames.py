"""Frame-level speaker evidence: how much each 0.1 s frame of speech sounds like each speaker.

The diarizer embeds 1.5 s voice windows every 0.25 s. A frame's plain score, the mean similarity
to a speaker's centroid over the windows covering it, is blurred over about 1.5 s on either side:
at a turn change the first words of the new speaker still score as the previous one. The frame
scores handed to the aligner are sharpened by deconvolution: per speech region and speaker, the
frame scores x that best explain each window's similarity as the mean of the frames it covers,
with a penalty on differences between neighbouring frames (ridge-regularised least squares, a
banded system: linear in the region's length). Measured on the synthetic dialogues
(benchmarks/boundary_words.py, tune half), this halves the words at turn boundaries given to the
wrong speaker against the plain mean.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

GRID = 0.1  # seconds per frame
SMOOTHNESS = 1.0  # weight of the neighbouring-frame penalty in the deconvolution (tuned: tune half)
PRIOR = 1e-3  # weight pulling each frame towards its plain score (keeps the system well posed)


@dataclass(frozen=True, eq=False)
class FrameScores:
    """Speaker evidence every GRID seconds inside speech, for the aligner."""

    times: np.ndarray
    """(n,) start of each frame in seconds, increasing; frames cover [t, t + GRID)."""
    scores: np.ndarray
    """(n, speakers) how much each frame sounds like each speaker (cosine similarity scale), columns
    in ``speakers`` order."""
    speakers: tuple[str, ...]
    """Column labels, the labels of ``Diarization.segments``."""


def frame_scores(regions, starts, vectors: np.ndarray, centroids: np.ndarray,
                 window: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(times, scores, region index) of a frame every GRID seconds inside speech: its score for
    each speaker is the mean similarity, over the windows covering the frame, to the speaker's
    centroid (the nearest window when none covers it)."""
    sims = vectors @ centroids.T
    starts_arr = np.array(starts)
    times, scores, region_of = [], [], []
    for r, (a, b) in enumerate(regions):
        for t in np.arange(a, b, GRID):
            cover = (starts_arr <= t) & (t < starts_arr + window)
            if not cover.any():
                cover = np.abs(starts_arr + window / 2 - t) == np.abs(starts_arr + window / 2 - t).min()
            times.append(t)
            scores.append(sims[cover].mean(axis=0))
            region_of.append(r)
    k = centroids.shape[0]
    return (np.array(times, dtype=float), np.array(scores, dtype=float).reshape(-1, k), np.array(region_of, dtype=int))


def sharpen(times: np.ndarray, scores: np.ndarray, region_of: np.ndarray, starts, sims: np.ndarray,
            window: float, smoothness: float = SMOOTHNESS) -> np.ndarray:
    """Deconvolved frame scores (see the module doc): per region, solve
    ``(AᵀA + s·DᵀD + p·I) x = Aᵀ sims + p·plain`` where A averages a window's frames and D takes
    differences of neighbouring frames."""
    from scipy.linalg import solveh_banded

    out = scores.copy()
    starts_arr = np.asarray(starts, dtype=float)
    for r in np.unique(region_of):
        idx = np.flatnonzero(region_of == r)
        centre = times[idx] + GRID / 2
        first, last = np.searchsorted(centre, starts_arr), np.searchsorted(centre, starts_arr + window)
        inside = last > first  # windows covering at least one frame of this region
        first, last, rows = first[inside], last[inside], sims[inside]
        n = len(idx)
        if not len(rows) or n < 2:
            continue
        width = int(np.max(last - first))
        band = np.zeros((width + 1, n))  # upper banded form of the symmetric matrix: band[width - d, j] = M[j - d, j]
        rhs = PRIOR * scores[idx]
        for f, l, row in zip(first, last, rows):
            m = l - f
            for d in range(m):
                band[width - d, f + d:l] += 1.0 / m**2
            rhs[f:l] += row / m
        band[width] += PRIOR + 2 * smoothness
        band[width, 0] -= smoothness
        band[width, -1] -= smoothness
        band[width - 1, 1:] -= smoothness
        out[idx] = solveh_banded(band, rhs)
    return out
