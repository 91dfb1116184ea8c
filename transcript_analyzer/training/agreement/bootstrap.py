"""Bootstrap 95 % intervals for the agreement statistics, resampling sessions (clusters), not units.

Units of one session are not independent (one therapist, one coder, one topic), so an interval
from resampled units would be too narrow. Each of ``RESAMPLES`` resamples draws as many sessions
as there are, with replacement (fixed seed: the same data give the same interval); a statistic is
computed on the units of the drawn sessions (a session drawn twice counts twice), and the interval
is the 2.5th to 97.5th percentile of the resampled values (percentile bootstrap). Resamples in
which a statistic is undefined (e.g. no positive at all) are left out of its interval.

Why our own code here rather than the libraries' functions (stats.py): a percentile interval needs
the statistic on 1,000 resamples for every code, and calling scikit-learn (about 2 ms a call),
krippendorff or pingouin (13 ms a call, it builds a DataFrame and an ANOVA table) that often takes
a minute or more for six codes. Every statistic here is a function of per-session counts that add
up (the 2x2 confusion counts; Krippendorff's coincidences; the per-session rates for the ICC), so
all 1,000 resamples are one matrix product. The point estimates in the reports still come from
the libraries, and tests/training/agreement/test_stats.py checks that these formulas give the
libraries' values on the full data and on explicit resamples.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np

RESAMPLES = 1000
SEED = 15  # fixed: the same data give the same interval
LEVEL = 0.95
METHOD = (f"percentile bootstrap over sessions (clusters), {RESAMPLES} resamples, seed {SEED}; "
          "resamples where a statistic is undefined are left out")

Interval = tuple[float | None, float | None]
NONE: Interval = (None, None)


def resample_weights(sessions: int, resamples: int = RESAMPLES, seed: int = SEED) -> np.ndarray:
    """(resamples, sessions): how often each session is drawn in each resample."""
    draws = np.random.default_rng(seed).integers(0, sessions, size=(resamples, sessions))
    weights = np.zeros((resamples, sessions))
    np.add.at(weights, (np.repeat(np.arange(resamples), sessions), draws.ravel()), 1)
    return weights


def interval(values: np.ndarray, level: float = LEVEL) -> Interval:
    """Percentile interval of the defined (finite) values."""
    values = np.asarray(values, dtype=float)
    values = values[np.isfinite(values)]
    if not values.size:
        return NONE
    tail = 100 * (1 - level) / 2
    low, high = np.percentile(values, [tail, 100 - tail])
    return float(low) + 0.0, float(high) + 0.0


def _ratio(num: np.ndarray, den: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(np.abs(den) > 1e-12, num / np.where(np.abs(den) > 1e-12, den, 1.0), np.nan)


# ---- 2x2 counts: columns tp, fp, fn, tn (reference x model) ------------------------------------

def kappa_from_counts(c: np.ndarray) -> np.ndarray:
    """Cohen's kappa from confusion counts (..., 4)."""
    tp, fp, fn, tn = (c[..., i] for i in range(4))
    n = tp + fp + fn + tn
    n2 = np.where(n > 0, n * n, 1.0)
    po = _ratio(tp + tn, n)
    pe = ((tp + fn) * (tp + fp) + (fp + tn) * (fn + tn)) / n2
    return np.where(n > 0, _ratio(po - pe, 1 - pe), np.nan)


def f1_from_counts(c: np.ndarray) -> np.ndarray:
    """F1 of the positive value (positive agreement) from confusion counts (..., 4)."""
    tp, fp, fn = c[..., 0], c[..., 1], c[..., 2]
    return _ratio(2 * tp, 2 * tp + fp + fn)


def coincidences_from_counts(c: np.ndarray) -> np.ndarray:
    """Krippendorff's coincidences (o00, o01, o11) of two coders who coded every unit."""
    tp, fp, fn, tn = (c[..., i] for i in range(4))
    return np.stack([2 * tn, fp + fn, 2 * tp], axis=-1)


def coincidences(values: Sequence[Sequence[int]]) -> np.ndarray:
    """Coincidences (o00, o01, o11) of binary codes, one list of the coders' values per unit;
    units with fewer than two values are not pairable and add nothing."""
    o = np.zeros(3)
    for unit in values:
        m, ones = len(unit), sum(unit)
        if m < 2:
            continue
        zeros = m - ones
        o += np.array([zeros * (zeros - 1), ones * zeros, ones * (ones - 1)]) / (m - 1)
    return o


def alpha_from_coincidences(o: np.ndarray) -> np.ndarray:
    """Krippendorff's alpha (nominal, binary) from coincidences (..., 3):
    1 - (n - 1) o01 / (n0 n1), with n0 = o00 + o01, n1 = o11 + o01, n = n0 + n1."""
    o00, o01, o11 = o[..., 0], o[..., 1], o[..., 2]
    n0, n1 = o00 + o01, o11 + o01
    return 1 - _ratio((n0 + n1 - 1) * o01, n0 * n1)


# ---- ICC(2,1) from per-session ratings, resampled by weights ---------------------------------------

def icc_2_1_weighted(ratings: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """ICC(2,1) (Shrout & Fleiss; pingouin's ICC(A,1)) of ``ratings`` (targets x raters) with each
    target repeated ``weights[b, target]`` times, for every row b of ``weights``."""
    x = np.asarray(ratings, dtype=float)
    w = np.atleast_2d(weights)
    k = x.shape[1]
    n = w.sum(axis=1)
    col = (w @ x) / n[:, None]
    grand = col.mean(axis=1)
    ss_rows = k * (w @ (x.mean(axis=1) ** 2) - n * grand ** 2)
    ss_cols = n * ((col - grand[:, None]) ** 2).sum(axis=1)
    ss_total = w @ (x ** 2).sum(axis=1) - n * k * grand ** 2
    ems = (ss_total - ss_rows - ss_cols) / ((n - 1) * (k - 1))
    bms, jms = ss_rows / (n - 1), ss_cols / (k - 1)
    return _ratio(bms - ems, bms + (k - 1) * ems + k * (jms - ems) / n)


# ---- the intervals a report shows ----------------------------------------------------------------

def binary_intervals(counts: np.ndarray) -> dict[str, Interval]:
    """Intervals of kappa, F1 and alpha (model vs reference) from per-session counts (sessions, 4)."""
    counts = np.asarray(counts, dtype=float)
    if counts.shape[0] < 2:
        return {"kappa": NONE, "f1": NONE, "alpha": NONE}
    totals = resample_weights(counts.shape[0]) @ counts
    return {"kappa": interval(kappa_from_counts(totals)), "f1": interval(f1_from_counts(totals)),
            "alpha": interval(alpha_from_coincidences(coincidences_from_counts(totals)))}


def alpha_interval(per_session: np.ndarray) -> Interval:
    """Interval of Krippendorff's alpha from per-session coincidences (sessions, 3)."""
    per_session = np.asarray(per_session, dtype=float)
    if per_session.shape[0] < 2:
        return NONE
    return interval(alpha_from_coincidences(resample_weights(per_session.shape[0]) @ per_session))


def icc_interval(ratings: np.ndarray, min_sessions: int = 3) -> Interval:
    """Interval of ICC(2,1) of per-session ratings (sessions, raters)."""
    ratings = np.asarray(ratings, dtype=float)
    if ratings.shape[0] < min_sessions:
        return NONE
    return interval(icc_2_1_weighted(ratings, resample_weights(ratings.shape[0])))
