"""Training a custom code from a researcher's labelled examples (`transcript-analyzer train --labels`).

The head machinery of the shipped heads: the shipped encoder's utterance embedding (plus the
client's previous turn and their product, with ``context="previous-turn"``) and the linguistic
cues, an L2 logistic regression, temperature scaling and a probability threshold for the best
F1, with C, temperature and threshold chosen on out-of-fold predictions.

The reported numbers are nested cross-validation: each outer fold's head is chosen, calibrated,
tuned and fit without that fold, which it then codes. Folds keep whole conversations apart
when the labels file says which conversation each row comes from; otherwise they split
examples, which is optimistic when examples of one conversation resemble each other. The
installed head is then fit on every example the same way.
"""

from __future__ import annotations

import json
import logging
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from ...errors import ConfigError, InputError
from ...markers.custom import check_name
from ...markers.features import assemble, cue_matrix
from ...markers.heads import Head
from ...resources import sha256_file, user_models_dir
from .. import write_model
from .card import render_custom_card
from ..heads.fit import _linear, _softmax, fit_temperature, score_predictions, tune_threshold
from .labels import Labelled, read_labels

log = logging.getLogger(__name__)

CONTEXT_MODES = ("previous-turn",)
GRID = (0.1, 0.3, 1.0)
CLASSES = ("no", "yes")
WORST = 5  # errors listed per kind in the card


@dataclass(frozen=True)
class CustomCodeResult:
    folder: Path
    metrics: dict[str, Any]
    seconds: float


class _TooFewGroups(Exception):
    pass


def folds(y: np.ndarray, groups: np.ndarray, n: int = 5, seed: int = 0) -> list[tuple[np.ndarray, np.ndarray]]:
    """Stratified folds that keep each group on one side; every training part holds both labels."""
    from sklearn.model_selection import StratifiedGroupKFold

    k = min(n, len(set(groups[y == 1])), len(set(groups[y == 0])))
    if k < 2:
        raise _TooFewGroups()
    splits = list(StratifiedGroupKFold(n_splits=k, shuffle=True, random_state=seed).split(np.zeros(len(y)), y, groups))
    if any(len(set(y[tr])) < 2 for tr, _ in splits):
        raise _TooFewGroups()
    return splits


def fit_code(name: str, x: np.ndarray, y: np.ndarray, groups: np.ndarray, context: bool, version: str = "1",
             grid: Sequence[float] = GRID, info: dict | None = None) -> tuple[Head, dict[str, Any]]:
    """C by out-of-fold F1, temperature and threshold on the out-of-fold probabilities, then a fit on all."""
    splits = folds(y, groups)
    best = None
    for C in grid:
        z = np.zeros((len(y), 2))
        for tr, te in splits:
            mean, scale, coef, intercept = _linear(x[tr], y[tr], 2, C)
            z[te] = ((x[te] - mean) / scale) @ coef.T + intercept
        pred = z.argmax(axis=1)
        f1 = 2 * float(((pred == 1) & (y == 1)).sum()) / max(float((pred == 1).sum() + (y == 1).sum()), 1.0)
        if best is None or f1 > best[0]:
            best = (f1, C, z)
    _, C, z = best
    t = fit_temperature(z, y)
    threshold = tune_threshold(_softmax(z / t)[:, 1], y == 1)
    mean, scale, coef, intercept = _linear(x, y, 2, C)
    head = Head(name=name, classes=CLASSES, context=context, cues=True, mean=mean, scale=scale, coef=coef,
                intercept=intercept, temperature=t, threshold=threshold, positive="yes", version=version,
                info=info or {})
    return head, {"C": C, "temperature": round(t, 4), "threshold": threshold}


def cross_validate(name: str, x: np.ndarray, y: np.ndarray, groups: np.ndarray, context: bool) -> tuple[dict, np.ndarray, np.ndarray]:
    """Nested cross-validation: out-of-fold P(yes) and decisions of heads that never saw the fold."""
    p = np.zeros(len(y))
    pred = np.zeros(len(y), dtype=int)
    outer = folds(y, groups)
    for tr, te in outer:
        head, _ = fit_code(name, x[tr], y[tr], groups[tr], context)
        probs = head.predict_proba(x[te])
        p[te], pred[te] = probs[:, 1], head.decide(probs)
    metrics = score_predictions(CLASSES, "yes", np.stack([1 - p, p], axis=1), pred, y, list(groups))
    metrics["folds"] = len(outer)
    return metrics, p, pred


def worst_errors(data: Labelled, p: np.ndarray, pred: np.ndarray) -> dict[str, Any]:
    """Counts of the cross-validated errors, and the worst of each kind by line (no texts)."""
    y = data.labels
    fp = [int(i) for i in np.flatnonzero((pred == 1) & (y == 0))]
    fn = [int(i) for i in np.flatnonzero((pred == 0) & (y == 1))]
    fp.sort(key=lambda i: -p[i])
    fn.sort(key=lambda i: p[i])
    return {"false_positives": len(fp), "false_negatives": len(fn),
            "worst_false_positives": [{"line": data.lines[i], "p": round(float(p[i]), 3), "row": i} for i in fp[:WORST]],
            "worst_false_negatives": [{"line": data.lines[i], "p": round(float(p[i]), 3), "row": i} for i in fn[:WORST]]}


def _groups(data: Labelled) -> np.ndarray:
    if data.groups is None:
        return np.array([f"line {n}" for n in data.lines])
    groups = np.array(data.groups)
    for label, word in ((1, "yes"), (0, "no")):
        have = len(set(groups[data.labels == label]))
        if have < 3:
            raise InputError(data.path, f"the '{word}' examples come from {have} {data.group_column}(s): cross-validation "
                                        f"grouped by {data.group_column} needs at least 3; label examples from more "
                                        f"{data.group_column}s, or drop the {data.group_column} column (the numbers are "
                                        "then by example, and optimistic)")
    return groups


def _features(data: Labelled, encoder: Any, context: bool) -> np.ndarray:
    u = encoder.encode(list(data.texts))
    c = encoder.encode([t or "." for t in data.contexts]) if context else None
    return assemble(u, c, cue_matrix(list(data.texts)), context)


def _target(name: str, out_dir: str | Path | None, replace: bool) -> Path:
    check_name(name)
    folder = Path(out_dir).expanduser() / name if out_dir else user_models_dir() / name
    if folder.exists() and not replace:
        raise ConfigError(f"{folder} already exists; pass --replace to retrain the code '{name}' "
                          "(sessions coded with the old one keep its sha256 in their meta.models)")
    return folder


def train_custom_code(labels: str | Path, name: str, context: str | None = None, out_dir: str | Path | None = None,
                      quote_errors: bool = False, description: str = "", replace: bool = False,
                      encoder: Any = None) -> CustomCodeResult:
    """Train, cross-validate and install the custom code ``name`` from a labels file; writes
    ``<models folder>/<name>/`` (head, metrics.json, card.md, SHA256SUMS). ``out_dir`` replaces the
    user models folder (resources.user_models_dir())."""
    if context is not None and context not in CONTEXT_MODES:
        raise ConfigError(f"--context '{context}': known: {', '.join(CONTEXT_MODES)}")
    folder = _target(name, out_dir, replace)
    data = read_labels(labels, need_context=context is not None)
    groups = _groups(data)
    started = time.perf_counter()
    if encoder is None:
        from ...markers.encoder import Encoder

        encoder = Encoder()
    encoder.load()
    x = _features(data, encoder, context is not None)
    try:
        cv, p, pred = cross_validate(name, x, data.labels, groups, context is not None)
        version = date.today().isoformat()
        info = {"custom": True, "description": description.strip(), "labels_file": data.path.name,
                "labels_sha256": data.sha256, "context_mode": context}
        head, tuning = fit_code(name, x, data.labels, groups, context is not None, version, info=info)
    except _TooFewGroups:
        raise InputError(data.path, "too few examples of one label spread over too few groups for cross-validation; "
                                    "add labelled examples") from None
    cv["grouped_by"] = "conversation" if data.groups is not None else "example"
    cv["group_column"] = data.group_column
    cv["groups"] = len(set(groups))
    metrics = {"kind": "custom_code", "name": name, "cv": cv, "tuning": tuning, "errors": worst_errors(data, p, pred),
               "data": {"file": data.path.name, "sha256": data.sha256, "n": data.n,
                        "labels": {"yes": int(data.labels.sum()), "no": int(data.n - data.labels.sum())},
                        "context": context, "quoted_errors": quote_errors},
               "encoder_sha256": (encoder.info().sha256 if encoder.info() else None), "date": version,
               "seconds": round(time.perf_counter() - started, 1)}
    write_model(folder, lambda f: _save(f, head, metrics, data, quote_errors), {})
    log.info("custom code %s: CV F1 %.3f, κ %s (%s s)", name, cv["per_class"]["yes"]["f1"], cv["kappa"], metrics["seconds"])
    return CustomCodeResult(folder, metrics, metrics["seconds"])


def _save(folder: Path, head: Head, metrics: dict[str, Any], data: Labelled, quote_errors: bool) -> list[str]:
    """The head, then its metrics and card (which name the weights' sha256); all go into SHA256SUMS."""
    names = head.save(folder)
    metrics["weights_sha256"] = sha256_file(folder / "weights.npz")
    texts = data.texts if quote_errors else None
    (folder / "metrics.json").write_text(json.dumps(_public(metrics), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    (folder / "card.md").write_text(render_custom_card(head, metrics, texts), encoding="utf-8")
    return [*names, "metrics.json", "card.md"]


def _public(metrics: dict[str, Any]) -> dict[str, Any]:
    """metrics.json without the row indices (they only serve the card's quotes)."""
    errors = {k: ([{"line": e["line"], "p": e["p"]} for e in v] if isinstance(v, list) else v)
              for k, v in metrics["errors"].items()}
    return {**metrics, "errors": errors}
