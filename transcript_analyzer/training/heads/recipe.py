"""The 'heads' recipe: every [[heads]] entry becomes trained_models/<name>/ with weights,
thresholds, metrics.json, a model card and SHA256SUMS.

Splits are by conversation (corpora.split_of). Heads on corpus labels are fit on the training
split and tuned on the validation split (C, temperature, threshold or class weights): the encoder
was fine-tuned on the training split's labels, so only validation predictions are honest enough
to tune on. Heads on the project's annotations (labels the encoder never saw) use
``calibration = "cv"``: C, temperature and threshold from grouped 5-fold out-of-fold
predictions on train+validation, then a fit on both. Either way the test conversations are only
scored, so the card's test numbers are the shipped weights' numbers. ``evaluate = "cv"`` adds
cross-validated results over every item (small annotated sets, where the test part holds a handful
of positives). ``[[chains]]`` report a marker that multiplies two heads (e.g. an interpretation
that is rigid), scored by cross-validation over the parent's items.
"""

from __future__ import annotations

import dataclasses
import json
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

from ...markers.codebook import gate
from ...markers.encoder import Encoder
from ...markers.features import assemble, cue_matrix
from ...markers.heads import Head
from .. import write_model
from ..corpora.split_manifest import FILE as MANIFEST, manifest_bytes
from .cards import render_card
from ..corpora.embed_cache import CachedEncoder
from .data import Item, collect
from .fit import _linear, _softmax, fit_head, fit_temperature, score, tune_threshold, tune_weights


def features(items: list[Item], encoder: CachedEncoder | None, context: bool, cues: bool, embedding: bool = True) -> np.ndarray:
    u = c = None
    if embedding:
        u = encoder.encode([i.text for i in items])
        c = encoder.encode([i.context or "." for i in items]) if context else None
    q = cue_matrix([i.text for i in items]) if cues else None
    return assemble(u, c, q, context, embedding)


def _folds(groups: np.ndarray, n: int = 5) -> list[tuple[np.ndarray, np.ndarray]]:
    from sklearn.model_selection import GroupKFold

    return list(GroupKFold(n_splits=min(n, len(set(groups)))).split(np.zeros(len(groups)), groups=groups))


def _real_folds(groups: np.ndarray, train_only: np.ndarray) -> list[tuple[np.ndarray, np.ndarray]]:
    """Folds over the real items; training-only items join every fold's training part."""
    real = np.flatnonzero(~train_only)
    extra = np.flatnonzero(train_only)
    return [(np.concatenate([real[tr], extra]), real[te]) for tr, te in _folds(groups[real])]


def _oof_logits(x: np.ndarray, y: np.ndarray, folds: list, k: int, C: float, weight: np.ndarray) -> np.ndarray:
    """Out-of-fold logits; rows never in a test fold (training-only items) stay zero."""
    z = np.zeros((len(y), k))
    for tr, te in folds:
        mean, scale, coef, intercept = _linear(x[tr], y[tr], k, C, weight[tr])
        z[te] = ((x[te] - mean) / scale) @ coef.T + intercept
    return z


def _f1_of(z: np.ndarray, y: np.ndarray, pos: int | None) -> float:
    from sklearn.metrics import f1_score

    pred = np.argmax(z, axis=1)
    return float(f1_score(y, pred, pos_label=pos, average="binary") if pos is not None else f1_score(y, pred, average="macro"))


def fit_cv(name: str, classes: list[str], positive: str | None, x: np.ndarray, y: np.ndarray, groups: np.ndarray,
           grid: tuple[float, ...], flags: dict[str, bool], version: str,
           train_only: np.ndarray | None = None, weight: np.ndarray | None = None) -> tuple[Head, dict[str, Any]]:
    """C by out-of-fold score; temperature and threshold/weights on out-of-fold probabilities of
    the real items; final fit on all (training-only items included, with their sample weights)."""
    k, pos = len(classes), classes.index(positive) if positive else None
    train_only = np.zeros(len(y), dtype=bool) if train_only is None else train_only
    weight = np.ones(len(y)) if weight is None else weight
    folds = _real_folds(groups, train_only)
    real = ~train_only
    best = max(((C, _oof_logits(x, y, folds, k, C, weight)) for C in grid), key=lambda cz: _f1_of(cz[1][real], y[real], pos))
    C, z = best
    t = fit_temperature(z[real], y[real])
    p = _softmax(z[real] / t)
    threshold = tune_threshold(p[:, pos], y[real] == pos) if pos is not None else None
    weights = tune_weights(p, y[real]) if pos is None else None
    mean, scale, coef, intercept = _linear(x, y, k, C, weight)
    head = Head(name=name, classes=tuple(classes), mean=mean, scale=scale, coef=coef, intercept=intercept,
                temperature=t, weights=weights, threshold=threshold, positive=positive, version=version, **flags)
    return head, {"C": C, "temperature": round(t, 4), "threshold": threshold,
                  "decision_weights": None if weights is None else [round(float(w), 3) for w in weights],
                  "calibration": "out-of-fold predictions of grouped 5-fold cross-validation on train+val conversations (then fit on both)"}


def cross_validate(spec: dict[str, Any], x: np.ndarray, y: np.ndarray, groups: np.ndarray, version: str,
                   train_only: np.ndarray, weight: np.ndarray) -> tuple[dict, np.ndarray, np.ndarray]:
    """Out-of-fold results over every real item: each fold's head is tuned and fit without that
    fold's conversations (training-only items are always in the training part). Returns the
    metrics (real items only), the out-of-fold probabilities and decisions (rows of all items)."""
    classes, positive = list(spec["classes"]), spec.get("positive")
    p = np.zeros((len(y), len(classes)))
    pred = np.zeros(len(y), dtype=int)
    for tr, te in _real_folds(groups, train_only):
        head, _ = fit_cv(spec["name"], classes, positive, x[tr], y[tr], groups[tr], _grid(spec), _flags(spec), version,
                         train_only[tr], weight[tr])
        p[te] = head.predict_proba(x[te])
        pred[te] = head.decide(p[te])
    real = ~train_only
    result = score(_Fixed(head, p[real], pred[real]), x[real], y[real], list(groups[real]))
    result["folds"] = 5
    return result, p, pred


class _Fixed:
    """Adapter so that ``score`` can rate predictions made by several fold models."""

    def __init__(self, head: Any, p: np.ndarray, pred: np.ndarray):
        self.classes, self.positive = head.classes, head.positive
        self._p, self._pred = p, pred

    def predict_proba(self, x: np.ndarray) -> np.ndarray:
        return self._p

    def decide(self, p: np.ndarray) -> np.ndarray:
        return self._pred


def _grid(spec: dict[str, Any]) -> tuple[float, ...]:
    return tuple(float(c) for c in spec.get("C", (0.1, 0.3, 1.0)))


def _flags(spec: dict[str, Any]) -> dict[str, bool]:
    return {"context": bool(spec.get("context", True)), "cues": bool(spec.get("cues", True)),
            "embedding": bool(spec.get("embedding", True))}


@dataclasses.dataclass
class Trained:
    head: Head
    metrics: dict[str, Any]
    items: list[Item]
    oof: np.ndarray | None = None  # cross-validated probabilities over all items (evaluate = "cv")
    oof_pred: np.ndarray | None = None  # and the fold models' decisions


def train_head(spec: dict[str, Any], data: Path, root: Path, encoder: CachedEncoder, version: str) -> Trained:
    items = collect(spec, data, root)
    classes = list(spec["classes"])
    flags = _flags(spec)
    x = features(items, encoder, flags["context"], flags["cues"], flags["embedding"])
    y = np.array([classes.index(i.label) for i in items])
    split = np.array([i.split for i in items])
    groups = np.array([f"{i.corpus}:{i.conversation}" for i in items])
    train_only = np.array([i.train_only for i in items])
    weight = np.array([i.weight for i in items])
    if spec.get("calibration", "val") == "cv":
        fit = split != "test"
        head, tuning = fit_cv(spec["name"], classes, spec.get("positive"), x[fit], y[fit], groups[fit], _grid(spec), flags,
                              version, train_only[fit], weight[fit])
    else:
        tr, va = split == "train", split == "val"
        head, tuning = fit_head(spec["name"], classes, spec.get("positive"), flags["context"], flags["cues"],
                                (x[tr], y[tr]), (x[va], y[va]), _grid(spec), version, weight[tr])
        tuning["calibration"] = "validation split (the encoder never saw it)"
    head = dataclasses.replace(head, info={"description": spec.get("description", ""), "marker_of": spec.get("marker_of", "")})
    te = (split == "test") & ~train_only
    test_items = [i for i, m in zip(items, te) if m]
    metrics: dict[str, Any] = {"test": score(head, x[te], y[te], list(groups[te]))}
    for source in sorted({i.source for i in test_items}):
        mask = np.array([i.source == source for i in test_items])
        if mask.sum() >= 20:
            metrics.setdefault("test_by_source", {})[source] = score(head, x[te][mask], y[te][mask], list(groups[te][mask]), n_boot=200)
    oof = oof_pred = None
    if spec.get("evaluate") == "cv":
        metrics["cv"], oof, oof_pred = cross_validate(spec, x, y, groups, version, train_only, weight)
    metrics["data"] = {s: dict(Counter(i.label for i in items if i.split == s and not i.train_only)) for s in ("train", "val", "test")}
    if train_only.any():
        for source in sorted({i.source for i in items if i.train_only}):
            metrics["data"][f"training only: {source}"] = dict(Counter(i.label for i in items if i.train_only and i.source == source))
    metrics["sources"] = sorted({i.corpus for i in items})
    metrics["tuning"] = tuning
    return Trained(head, metrics, items, oof, oof_pred)


def chain_metrics(chain: dict[str, Any], parent: Trained, child_spec: dict[str, Any], encoder: CachedEncoder) -> dict[str, Any]:
    """A chained marker (parent class, then child class) scored over the parent's items with
    out-of-fold probabilities for both: P = P_parent(class) * P_child(class | features)."""
    child_cls = list(child_spec["classes"])
    flags = _flags(child_spec)
    x_child = features(parent.items, encoder, flags["context"], flags["cues"], flags["embedding"])
    groups = np.array([f"{i.corpus}:{i.conversation}" for i in parent.items])
    train_only = np.array([i.train_only for i in parent.items])
    weight = np.array([i.weight for i in parent.items])
    target = np.array([i.source_label == chain["target"] for i in parent.items])
    child_items = np.array([i.source_label in chain["child_labels"] for i in parent.items])
    p_child = np.zeros(len(parent.items))
    d_child = np.zeros(len(parent.items), dtype=bool)
    pos = child_cls.index(chain["child_class"])
    for tr, te in _real_folds(groups, train_only):
        train = tr[child_items[tr]]
        y = np.array([child_cls.index(chain["child_map"][parent.items[i].source_label]) for i in train])
        head, _ = fit_cv("chain", child_cls, child_spec.get("positive"), x_child[train], y, groups[train], _grid(child_spec),
                         flags, "cv", train_only[train], weight[train])
        probs = head.predict_proba(x_child[te])
        p_child[te] = probs[:, pos]
        d_child[te] = head.decide(probs) == pos
    parent_pos = list(parent.head.classes).index(chain["parent_class"])
    real = ~train_only
    p = (parent.oof[:, parent_pos] * p_child)[real]
    decided = ((parent.oof_pred == parent_pos) & d_child)[real]
    if chain.get("gate"):
        decided &= np.array([gate(chain["gate"], i.text) for i in parent.items])[real]
    fixed = _Fixed(parent.head, np.stack([1 - p, p], axis=1), decided.astype(int))
    fixed.classes, fixed.positive = ("no", "yes"), "yes"
    return score(fixed, np.zeros((len(p), 1)), target[real].astype(int), list(groups[real]))


def run(recipe: dict[str, Any], data: Path, out_root: Path, only: set[str] | None = None) -> Path:
    """Train every head in the recipe (``out_root`` is trained_models/ or a given folder)."""
    root = Path(recipe.get("_root", "."))
    encoder = CachedEncoder(Encoder(recipe.get("encoder", "encoder")))
    version = str(recipe["recipe"].get("version", "1.0"))
    specs = {s["name"]: s for s in recipe["heads"]}
    trained: dict[str, Trained] = {}
    for spec in recipe["heads"]:
        if only and spec["name"] not in only:
            continue
        trained[spec["name"]] = train_head(spec, data, root, encoder, version)
    for chain in recipe.get("chains", []):
        if chain["parent"] in trained and chain["child"] in trained:
            trained[chain["child"]].metrics["chain_cv"] = {"marker": chain["marker"], "gate": chain.get("gate"), **chain_metrics(
                chain, trained[chain["parent"]], specs[chain["child"]], encoder)}
    for name, t in trained.items():
        t.metrics["encoder_sha256"] = encoder.encoder.info().sha256
        t.metrics["date"] = date.today().isoformat()
        save_head(t.head, t.metrics, specs[name], out_root / name, t.items)
    return out_root


def save_head(head: Head, metrics: dict[str, Any], spec: dict[str, Any], folder: Path, items: tuple[Item, ...] | list[Item] = ()) -> None:
    """The head's folder; with its items, their split manifest too (training/corpora/split_manifest.py)."""
    extra = {"metrics.json": (json.dumps(metrics, indent=2) + "\n").encode(),
             "card.md": render_card(spec, head, metrics).encode()}
    if items:
        extra[MANIFEST] = manifest_bytes(spec["name"], [(i.split, i.corpus, i.conversation, i.text) for i in items],
                                         "pipelines/heads.toml")
    write_model(folder, head.save, extra)
