"""Fitting a head on the training split, calibrating and tuning it on validation, scoring it on test.

- C (L2 strength) is chosen from a small grid by validation macro-F1 (binary: positive-class F1).
- Temperature scaling on the validation split calibrates the probabilities (minimum log loss).
- Decisions are tuned on validation: a probability threshold (binary heads) or per-class weights
  (multi-class heads), both for F1; probabilities are left calibrated.
- The shipped head is the one fit on the training split, so the test numbers in its card are the
  numbers of the shipped weights.
"""

from __future__ import annotations

import random
from typing import Any, Sequence

import numpy as np

from ...markers.heads import Head, softmax as _softmax


def _linear(x: np.ndarray, y: np.ndarray, n_classes: int, C: float,
            weight: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """L2 logistic regression on standardised features (``weight``: per-row sample weights)."""
    from sklearn.linear_model import LogisticRegression

    mean, scale = x.mean(axis=0), x.std(axis=0) + 1e-6
    clf = LogisticRegression(C=C, max_iter=3000).fit((x - mean) / scale, y, sample_weight=weight)
    coef = np.zeros((n_classes, x.shape[1]))
    intercept = np.zeros(n_classes)
    if n_classes == 2:  # sklearn: one row for the second class
        coef[1], intercept[1] = clf.coef_[0], clf.intercept_[0]
    else:
        coef[clf.classes_], intercept[clf.classes_] = clf.coef_, clf.intercept_
    return mean, scale, coef, intercept


def fit_temperature(logits: np.ndarray, y: np.ndarray) -> float:
    from scipy.optimize import minimize_scalar

    def nll(log_t: float) -> float:
        p = _softmax(logits / np.exp(log_t))
        return float(-np.log(p[np.arange(len(y)), y] + 1e-12).mean())

    return float(np.exp(minimize_scalar(nll, bounds=(np.log(0.05), np.log(20.0)), method="bounded").x))


def tune_threshold(p_pos: np.ndarray, y_pos: np.ndarray) -> float:
    """Probability threshold with the best F1 of the positive class."""
    best, best_f1 = 0.5, -1.0
    for t in np.unique(np.round(p_pos, 4)):
        pred = p_pos >= t
        tp = float((pred & y_pos).sum())
        f1 = 2 * tp / max(pred.sum() + y_pos.sum(), 1)
        if f1 > best_f1:
            best, best_f1 = float(t), f1
    return best


def tune_weights(p: np.ndarray, y: np.ndarray, rounds: int = 3) -> np.ndarray:
    """Per-class weights for argmax(w * p) with the best macro-F1 (coordinate ascent on a grid)."""
    from sklearn.metrics import f1_score

    w = np.ones(p.shape[1])
    grid = np.exp(np.linspace(np.log(0.25), np.log(8.0), 15))
    score = f1_score(y, np.argmax(p * w, axis=1), average="macro")
    for _ in range(rounds):
        for k in range(p.shape[1]):
            for g in grid:
                trial = w.copy()
                trial[k] = g
                s = f1_score(y, np.argmax(p * trial, axis=1), average="macro")
                if s > score + 1e-9:
                    score, w = s, trial
    return w / w.max()


def fit_head(name: str, classes: Sequence[str], positive: str | None, context: bool, cues: bool,
             train: tuple[np.ndarray, np.ndarray], val: tuple[np.ndarray, np.ndarray],
             grid: Sequence[float] = (0.1, 0.3, 1.0), version: str = "1.0",
             weight: np.ndarray | None = None) -> tuple[Head, dict[str, Any]]:
    from sklearn.metrics import f1_score

    (xt, yt), (xv, yv) = train, val
    k = len(classes)
    pos = classes.index(positive) if positive else None
    best = None
    for C in grid:
        mean, scale, coef, intercept = _linear(xt, yt, k, C, weight)
        z = ((xv - mean) / scale) @ coef.T + intercept
        pred = np.argmax(z, axis=1)
        score = f1_score(yv, pred, pos_label=pos, average="binary") if pos is not None else f1_score(yv, pred, average="macro")
        if best is None or score > best[0]:
            best = (score, C, mean, scale, coef, intercept, z)
    _, C, mean, scale, coef, intercept, z = best
    temperature = fit_temperature(z, yv)
    p = _softmax(z / temperature)
    threshold = tune_threshold(p[:, pos], yv == pos) if pos is not None else None
    weights = tune_weights(p, yv) if pos is None else None
    head = Head(name=name, classes=tuple(classes), context=context, cues=cues, mean=mean, scale=scale, coef=coef,
                intercept=intercept, temperature=temperature, weights=weights, threshold=threshold,
                positive=positive, version=version)
    return head, {"C": C, "temperature": round(temperature, 4), "threshold": threshold,
                  "decision_weights": None if weights is None else [round(float(w), 3) for w in weights]}


def ece(confidence: np.ndarray, correct: np.ndarray, bins: int = 10) -> float:
    """Expected calibration error over equal-width bins of [0, 1]."""
    edges = np.linspace(0, 1, bins + 1)
    index = np.clip(np.digitize(confidence, edges[1:-1]), 0, bins - 1)
    total = 0.0
    for b in range(bins):
        mask = index == b
        if mask.any():
            total += abs(correct[mask].mean() - confidence[mask].mean()) * mask.mean()
    return round(float(total), 4)


def score(head: Head, x: np.ndarray, y: np.ndarray, groups: Sequence[str], n_boot: int = 1000,
          seed: int = 0) -> dict[str, Any]:
    """Test-set metrics of a head (see ``score_predictions``)."""
    p = head.predict_proba(x)
    return score_predictions(head.classes, head.positive, p, head.decide(p), y, groups, n_boot, seed)


def score_predictions(classes: Sequence[str], positive: str | None, p: np.ndarray, pred: np.ndarray, y: np.ndarray,
                      groups: Sequence[str], n_boot: int = 1000, seed: int = 0) -> dict[str, Any]:
    """Test-set metrics: per class P/R/F1, macro-F1, kappa, ECE, confusion, bootstrap CI by conversation."""
    from sklearn.metrics import cohen_kappa_score, confusion_matrix, precision_recall_fscore_support

    labels = list(range(len(classes)))
    prec, rec, f1, support = precision_recall_fscore_support(y, pred, labels=labels, zero_division=0)
    pos = list(classes).index(positive) if positive else None
    headline = (lambda yy, pp: _f1(yy, pp, pos)) if pos is not None else (lambda yy, pp: _macro(yy, pp, labels))
    out = {
        "n": int(len(y)),
        "per_class": {c: {"precision": round(float(prec[i]), 4), "recall": round(float(rec[i]), 4),
                          "f1": round(float(f1[i]), 4), "support": int(support[i])} for i, c in enumerate(classes)},
        "macro_f1": round(float(np.mean(f1)), 4),
        "kappa": round(float(cohen_kappa_score(y, pred)), 4) if len(set(y)) > 1 else None,
        "accuracy": round(float((pred == y).mean()), 4),
        "confusion": confusion_matrix(y, pred, labels=labels).tolist(),
    }
    if pos is not None:
        out["positive_f1"] = round(float(f1[pos]), 4)
        out["ece"] = ece(p[:, pos], (y == pos).astype(float))
    else:
        out["ece"] = ece(p.max(axis=1), (p.argmax(axis=1) == y).astype(float))
    out["headline"] = "positive_f1" if pos is not None else "macro_f1"
    out["ci95"] = _bootstrap(y, pred, groups, headline, n_boot, seed)
    return out


def _f1(y: np.ndarray, pred: np.ndarray, pos: int) -> float:
    tp = float(((pred == pos) & (y == pos)).sum())
    return 2 * tp / max(float((pred == pos).sum() + (y == pos).sum()), 1.0)


def _macro(y: np.ndarray, pred: np.ndarray, labels: list[int]) -> float:
    return float(np.mean([_f1(y, pred, k) for k in labels if (y == k).any()]))


def _bootstrap(y: np.ndarray, pred: np.ndarray, groups: Sequence[str], metric, n: int, seed: int) -> list[float] | None:
    """95 % interval of the headline metric, resampling whole conversations."""
    by_group: dict[str, list[int]] = {}
    for i, g in enumerate(groups):
        by_group.setdefault(g, []).append(i)
    keys = list(by_group)
    if len(keys) < 5:
        return None
    rng = random.Random(seed)
    values = []
    for _ in range(n):
        index = [i for g in (rng.choice(keys) for _ in keys) for i in by_group[g]]
        values.append(metric(y[index], pred[index]))
    return [round(float(np.percentile(values, 2.5)), 4), round(float(np.percentile(values, 97.5)), 4)]
