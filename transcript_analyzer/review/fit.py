"""Fitting one decision threshold to reviewed moments (pure numpy; docs/review.md).

The rule: among the thresholds that separate the reviewed probabilities differently (midpoints
between neighbouring values, one below and one above them all) and the shipped threshold itself,
take the one with the highest F1 of "present" against the reviewers' labels; on a tie, the one
nearest the shipped threshold (so the shipped threshold stays unless another does strictly better).
A decision is refitted only with at least ``MIN_POSITIVES`` reviewed utterances where the marker is
present and ``MIN_NEGATIVES`` where it is absent, and only when refitting beats the shipped decisions
on the reviewed moments it did not see in at least ``CONFIDENCE`` of ``BOOTS`` bootstrap rounds
(``out_of_bag_wins``): without that check a refit hurt about as often as it helped in the simulation.

``weights`` (optional) count each reviewed moment for the utterances it stands for. Reviewers look
at the moments the model flagged more often than at the rest; weighting each stratum (flagged /
not flagged) by its size over the number reviewed estimates F1 over all the session's utterances
(if the reviewed ones are a random pick within each stratum). Whether that helps is measured in
benchmarks/review_recalibration.py.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

MIN_POSITIVES = 5
MIN_NEGATIVES = 5
CONFIDENCE = 0.6
BOOTS = 100


@dataclass(frozen=True)
class Fit:
    threshold: float | None  # None: not refitted (too few reviews)
    f1_before: float | None  # on the reviewed moments (weighted when weights are given)
    f1_after: float | None
    positives: int
    negatives: int
    reason: str


def f1_at(p: np.ndarray, y: np.ndarray, t: float | np.ndarray, w: np.ndarray | None = None) -> np.ndarray | float:
    """F1 of "present" (p >= t) against y (1/0), each moment counted w times; ``t`` may be an array
    of thresholds (vectorised: sorted suffix sums)."""
    p, y = np.asarray(p, float), np.asarray(y, int)
    w = np.ones(len(y)) if w is None else np.asarray(w, float)
    order = np.argsort(p, kind="stable")
    ps = p[order]
    yes = np.concatenate([np.cumsum((w * (y == 1))[order][::-1])[::-1], [0.0]])
    no = np.concatenate([np.cumsum((w * (y != 1))[order][::-1])[::-1], [0.0]])
    k = np.searchsorted(ps, np.asarray(t, float), side="left")
    tp, fp = yes[k], no[k]
    fn = yes[0] - tp
    denom = 2 * tp + fp + fn
    out = np.where(denom > 0, 2 * tp / np.where(denom > 0, denom, 1), 0.0)
    return float(out) if np.ndim(out) == 0 else out


def candidates(p: np.ndarray, reference: float | None) -> np.ndarray:
    """Midpoints between neighbouring distinct probabilities, one below and one above them all,
    and the reference threshold."""
    u = np.unique(p)
    mids = (u[:-1] + u[1:]) / 2 if len(u) > 1 else np.array([])
    ends = np.array([max(u[0] / 2, u[0] - 0.01), min((1 + u[-1]) / 2, u[-1] + 0.01)]) if len(u) else np.array([])
    extra = np.array([reference]) if reference is not None else np.array([])
    return np.unique(np.concatenate([mids, ends, extra]))


def best_threshold(p: np.ndarray, y: np.ndarray, reference: float | None = None,
                   w: np.ndarray | None = None) -> tuple[float, float]:
    """(threshold, its F1): the F1-best candidate, the one nearest ``reference`` (else 0.5) on a tie."""
    ts = candidates(p, reference)
    scores = np.atleast_1d(f1_at(p, y, ts, w))
    best = scores.max()
    tied = ts[np.isclose(scores, best, rtol=0, atol=1e-12)]
    anchor = 0.5 if reference is None else reference
    t = float(tied[np.argmin(np.abs(tied - anchor))])
    return t, float(best)


def fit_threshold(p: np.ndarray, y: np.ndarray, shipped: float | None, before: np.ndarray | None = None,
                  w: np.ndarray | None = None, min_positives: int = MIN_POSITIVES,
                  min_negatives: int = MIN_NEGATIVES, confidence: float | None = CONFIDENCE,
                  boots: int = BOOTS, seed: int = 0) -> Fit:
    """Fit a decision's threshold to reviewed moments: probabilities ``p``, the reviewers' labels ``y``;
    ``before``: the shipped decisions of those moments (default p >= shipped) for the F1 before.
    ``confidence``: keep the new threshold only when refitting beats the shipped decisions on the
    moments left out in at least this share of bootstrap rounds (None: always)."""
    p, y = np.asarray(p, float), np.asarray(y, int)
    positives, negatives = int((y == 1).sum()), int((y == 0).sum())
    decided = before if before is not None else (p >= shipped if shipped is not None else None)
    decided = None if decided is None else np.asarray(decided, bool)
    f1_before = None if decided is None else _f1_of(decided, y, w)
    if positives < min_positives or negatives < min_negatives:
        return Fit(None, f1_before, None, positives, negatives,
                   f"too few reviews: {positives} present and {negatives} absent; needs at least {min_positives} and "
                   f"{min_negatives}")
    t, f1 = best_threshold(p, y, shipped, w)
    if shipped is not None and abs(t - shipped) < 1e-12:
        return Fit(None, f1_before, f1, positives, negatives, "kept: no threshold does better on the reviews")
    if confidence is not None and decided is not None:
        share = out_of_bag_wins(p, y, decided, shipped, w, boots, seed)
        if share < confidence:
            return Fit(None, f1_before, f1, positives, negatives,
                       f"kept: refitting beat the shipped decisions on the reviews left out in only {share:.0%} of "
                       f"{boots} bootstrap rounds (needs {confidence:.0%})")
    return Fit(round(t, 6), f1_before, f1, positives, negatives, "refitted: the F1-best threshold on the reviews")


def out_of_bag_wins(p: np.ndarray, y: np.ndarray, before: np.ndarray, shipped: float | None,
                    w: np.ndarray | None = None, boots: int = BOOTS, seed: int = 0) -> float:
    """How often refitting helps on reviews it did not see: in each bootstrap round the threshold is
    refitted on a resample of the reviewed moments and scored on the moments left out, against the
    shipped decisions there; the share of rounds where it has the higher F1 (ties: no win)."""
    rng = np.random.default_rng(seed)
    n = len(y)
    w = np.ones(n) if w is None else np.asarray(w, float)
    wins = rounds = 0
    for _ in range(boots):
        idx = rng.integers(0, n, n)
        oob = np.ones(n, bool)
        oob[idx] = False
        if not oob.any() or not (y[idx] == 1).any():
            continue
        t, _ = best_threshold(p[idx], y[idx], shipped, w[idx])
        rounds += 1
        wins += _f1_of(p[oob] >= t, y[oob], w[oob]) > _f1_of(before[oob], y[oob], w[oob]) + 1e-12
    return wins / rounds if rounds else 0.0


def _f1_of(d: np.ndarray, y: np.ndarray, w: np.ndarray | None) -> float:
    w = np.ones(len(y)) if w is None else w
    tp, fp, fn = w[d & (y == 1)].sum(), w[d & (y == 0)].sum(), w[~d & (y == 1)].sum()
    return float(2 * tp / (2 * tp + fp + fn)) if tp + fp + fn else 0.0


def stratum_weights(flagged_reviewed: np.ndarray, flagged_total: int, unflagged_total: int) -> np.ndarray:
    """Per reviewed moment, how many utterances of its stratum (model flagged / not) it stands for."""
    f = np.asarray(flagged_reviewed, bool)
    nf, nu = int(f.sum()), int((~f).sum())
    return np.where(f, flagged_total / max(nf, 1), unflagged_total / max(nu, 1)).astype(float)


def agreement(d: np.ndarray, y: np.ndarray) -> dict[str, float | int | None]:
    """Unweighted agreement of decisions with the reviewers' labels: share agreeing, precision, recall,
    F1, Cohen's kappa, and the counts."""
    d, y = np.asarray(d, bool), np.asarray(y, int) == 1
    n = len(y)
    tp, fp, fn = int((d & y).sum()), int((d & ~y).sum()), int((~d & y).sum())
    tn = n - tp - fp - fn
    po = (tp + tn) / n if n else None
    pe = ((tp + fp) * (tp + fn) + (fn + tn) * (fp + tn)) / n**2 if n else None
    kappa = None if po is None or pe is None or pe == 1 else (po - pe) / (1 - pe)
    return {"n": n, "agree": None if po is None else round(po, 4),
            "precision": round(tp / (tp + fp), 4) if tp + fp else None,
            "recall": round(tp / (tp + fn), 4) if tp + fn else None,
            "f1": round(2 * tp / (2 * tp + fp + fn), 4) if tp + fp + fn else None,
            "kappa": None if kappa is None else round(kappa, 4), "tp": tp, "fp": fp, "fn": fn, "tn": tn}
