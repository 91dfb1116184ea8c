"""The 'heads' recipe: every [[heads]] entry becomes trained_models/<name>/ with weights,
thresholds, metrics.json, a model card and SHA256SUMS.

Splits are by conversation (corpora.split_of). ``calibration = "val"`` fits on train and tunes on
validation; ``calibration = "cv"`` (small annotated sets) tunes on grouped 5-fold out-of-fold
predictions over train+validation and fits on both. Either way the test split is only scored.
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

from ..io.atomic import write_files
from ..markers.encoder import Encoder
from ..markers.features import assemble, cue_matrix
from ..resources import sha256_file
from .embed_cache import CachedEncoder
from .head_data import Item, collect
from .head_fit import _linear, _softmax, fit_head, fit_temperature, score, tune_threshold, tune_weights

LICENCES = {
    "annomi": "AnnoMI (Wu et al. 2022, 2023): publicly and freely available for research; cite the papers",
    "esconv": "ESConv (Liu et al. 2021): CC BY-NC 4.0, non-commercial academic research only",
    "epitome": "EPITOME (Sharma et al. 2020): academic research use",
    "mi": "MI sentences (Welivita & Pu 2022): CC BY-NC-SA 3.0, non-commercial",
    "pair": "PAIR (Min et al. 2022): research use",
    "counselchat": "CounselChat: MIT",
}


def features(items: list[Item], encoder: CachedEncoder, context: bool, cues: bool) -> np.ndarray:
    u = encoder.encode([i.text for i in items])
    c = encoder.encode([i.context or "." for i in items]) if context else None
    return assemble(u, c, cue_matrix([i.text for i in items]) if cues else None, context)


def cv_tuning(x: np.ndarray, y: np.ndarray, groups: list[str], k: int, C: float, positive: int | None) -> tuple[float, Any]:
    """Temperature and threshold/weights from grouped 5-fold out-of-fold logits."""
    from sklearn.model_selection import GroupKFold

    z = np.zeros((len(y), k))
    for tr, te in GroupKFold(n_splits=min(5, len(set(groups)))).split(x, y, groups):
        mean, scale, coef, intercept = _linear(x[tr], y[tr], k, C)
        z[te] = ((x[te] - mean) / scale) @ coef.T + intercept
    t = fit_temperature(z, y)
    p = _softmax(z / t)
    return t, (tune_threshold(p[:, positive], y == positive) if positive is not None else tune_weights(p, y))


def cross_validate(spec: dict[str, Any], x: np.ndarray, y: np.ndarray, items: list[Item], version: str,
                   folds: int = 5) -> dict[str, Any]:
    """Grouped k-fold over all items (every split): each fold fits and tunes on the others (C by
    the recipe's first grid value, temperature and threshold by inner grouped CV), then predicts
    the fold. For small annotated sets, where the test split alone holds a handful of positives."""
    import dataclasses

    from sklearn.model_selection import GroupKFold

    classes = list(spec["classes"])
    positive = spec.get("positive")
    pos = classes.index(positive) if positive else None
    groups = np.array([f"{i.corpus}:{i.conversation}" for i in items])
    C = float(tuple(spec.get("C", (0.3,)))[0])
    p = np.zeros((len(y), len(classes)))
    pred = np.zeros(len(y), dtype=int)
    for tr, te in GroupKFold(n_splits=folds).split(x, y, groups):
        head, _ = fit_head(spec["name"], classes, positive, bool(spec.get("context", True)), bool(spec.get("cues", True)),
                           (x[tr], y[tr]), (x[tr], y[tr]), (C,), version)
        t, tuned = cv_tuning(x[tr], y[tr], list(groups[tr]), len(classes), C, pos)
        head = dataclasses.replace(head, temperature=t, threshold=tuned if pos is not None else None,
                                   weights=None if pos is not None else tuned)
        p[te] = head.predict_proba(x[te])
        pred[te] = head.decide(p[te])
    result = score(_Fixed(head, p, pred), x, y, list(groups))
    result["folds"] = folds
    return result


class _Fixed:
    """Adapter so that ``score`` can rate out-of-fold predictions made by several fold models."""

    def __init__(self, head: Any, p: np.ndarray, pred: np.ndarray):
        self.classes, self.positive = head.classes, head.positive
        self._p, self._pred = p, pred

    def predict_proba(self, x: np.ndarray) -> np.ndarray:
        return self._p

    def decide(self, p: np.ndarray) -> np.ndarray:
        return self._pred


def train_head(spec: dict[str, Any], data: Path, root: Path, encoder: CachedEncoder, version: str) -> tuple[Any, dict]:
    items = collect(spec, data, root)
    classes = list(spec["classes"])
    context, cues = bool(spec.get("context", True)), bool(spec.get("cues", True))
    x = features(items, encoder, context, cues)
    y = np.array([classes.index(i.label) for i in items])
    split = np.array([i.split for i in items])
    positive = spec.get("positive")
    pos = classes.index(positive) if positive else None
    grid = tuple(spec.get("C", (0.1, 0.3, 1.0)))
    if spec.get("calibration", "val") == "cv":
        fit_mask = split != "test"
        head, tuning = fit_head(spec["name"], classes, positive, context, cues, (x[fit_mask], y[fit_mask]),
                                (x[fit_mask], y[fit_mask]), grid, version)
        groups = [f"{i.corpus}:{i.conversation}" for i, m in zip(items, fit_mask) if m]
        t, tuned = cv_tuning(x[fit_mask], y[fit_mask], groups, len(classes), tuning["C"], pos)
        import dataclasses

        head = dataclasses.replace(head, temperature=t, threshold=tuned if pos is not None else None,
                                   weights=None if pos is not None else tuned)
        tuning.update({"temperature": round(t, 4), "calibration": "grouped 5-fold CV on train+val"})
    else:
        tr, va = split == "train", split == "val"
        head, tuning = fit_head(spec["name"], classes, positive, context, cues, (x[tr], y[tr]), (x[va], y[va]), grid, version)
        tuning["calibration"] = "validation split"
    te = split == "test"
    test_items = [i for i, m in zip(items, te) if m]
    metrics = {"test": score(head, x[te], y[te], [f"{i.corpus}:{i.conversation}" for i in test_items])}
    for source in sorted({i.source for i in test_items}):
        mask = np.array([i.source == source for i in test_items])
        if mask.sum() >= 20:
            metrics.setdefault("test_by_source", {})[source] = score(
                head, x[te][mask], y[te][mask], [f"{i.corpus}:{i.conversation}" for i, m in zip(test_items, mask) if m], n_boot=200)
    if spec.get("evaluate") == "cv":
        metrics["cv"] = cross_validate(spec, x, y, items, version)
    metrics["data"] = {s: dict(Counter(i.label for i in items if i.split == s)) for s in ("train", "val", "test")}
    metrics["sources"] = sorted({i.corpus for i in items})
    metrics["tuning"] = tuning
    return head, metrics


def run(recipe: dict[str, Any], data: Path, out_root: Path, only: set[str] | None = None) -> Path:
    """Train every head in the recipe (``out_root`` is trained_models/ or a given folder)."""
    root = Path(recipe.get("_root", "."))
    encoder = CachedEncoder(Encoder(recipe.get("encoder", "encoder")))
    version = str(recipe["recipe"].get("version", "1.0"))
    for spec in recipe["heads"]:
        if only and spec["name"] not in only:
            continue
        head, metrics = train_head(spec, data, root, encoder, version)
        metrics["encoder_sha256"] = encoder.encoder.info().sha256
        metrics["date"] = date.today().isoformat()
        head = _with_info(head, spec)
        folder = out_root / spec["name"]
        staging = folder.parent / f".{spec['name']}.staging"
        names = head.save(staging)
        files = {n: (staging / n).read_bytes() for n in names}
        files["metrics.json"] = (json.dumps(metrics, indent=2) + "\n").encode()
        files["card.md"] = render_card(spec, head, metrics).encode()
        sums = "".join(f"{sha256_file(staging / n)}  {n}\n" for n in sorted(names))
        files["SHA256SUMS"] = sums.encode()
        write_files(folder, files)
        for n in names:
            (staging / n).unlink()
        staging.rmdir()
    return out_root


def _with_info(head: Any, spec: dict[str, Any]) -> Any:
    import dataclasses

    return dataclasses.replace(head, info={"description": spec.get("description", ""), "marker_of": spec.get("marker_of", "")})


def _cv_section(m: dict[str, Any]) -> str:
    if "cv" not in m:
        return ""
    c = m["cv"]
    ci = f" (95 % CI {c['ci95'][0]:.3f}–{c['ci95'][1]:.3f})" if c.get("ci95") else ""
    rows = "\n".join(_row(k, v) for k, v in c["per_class"].items())
    return f"""
## Cross-validated results (all annotated items, grouped {c['folds']}-fold by conversation)
The test split alone holds few positives, so every item is also scored by a model fit and tuned
without its conversation. {c['headline'].replace('_', ' ')}: **{c[c['headline']]:.3f}**{ci}; κ {c['kappa']}; ECE {c['ece']}.

| class | precision | recall | F1 | support |
|---|---|---|---|---|
{rows}
"""


def _row(name: str, m: dict[str, Any]) -> str:
    return f"| {name} | {m['precision']:.3f} | {m['recall']:.3f} | {m['f1']:.3f} | {m['support']} |"


def render_card(spec: dict[str, Any], head: Any, m: dict[str, Any]) -> str:
    t = m["test"]
    ci = f" (95 % CI {t['ci95'][0]:.3f}–{t['ci95'][1]:.3f}, by conversation)" if t.get("ci95") else ""
    headline = t[t["headline"]]
    target = spec.get("target")
    target_line = ""
    if target is not None:
        target_line = f"\nTarget: {t['headline'].replace('_', ' ')} ≥ {target} — **{'met' if headline >= target else 'not met'}**.\n"
    for cls, goal in (spec.get("class_targets") or {}).items():
        value = t["per_class"][cls]["f1"]
        target_line += f"\nTarget: F1 of {cls} ≥ {goal} — **{'met' if value >= goal else 'not met'}** ({value:.3f}).\n"
    per_source = ""
    for source, s in m.get("test_by_source", {}).items():
        per_source += f"| {source} | {s['n']} | {s[s['headline']]:.3f} | {s['kappa']} | {s['ece']} |\n"
    licences = "\n".join(f"- {LICENCES.get(s, s)}" for s in m["sources"])
    if any("annotations" in s for s in spec["sources"]):
        licences += "\n- Project annotations (pipelines/annotations/): references and labels only, MIT; the texts stay under their corpus licences"
    data_rows = "\n".join(f"| {s} | {sum(c.values())} | {', '.join(f'{k}: {v}' for k, v in sorted(c.items()))} |" for s, c in m["data"].items())
    decision = (f"probability of '{head.positive}' ≥ {head.threshold:.4f}" if head.threshold is not None
                else f"argmax of class weight × probability, weights {m['tuning']['decision_weights']}")
    return f"""# Model card: {spec['name']} (version {head.version})

{spec.get('description', '').strip()}

## Data and licence
{licences}

Some of these licences are **non-commercial**: the weights inherit that restriction.

| split (by conversation) | items | labels |
|---|---|---|
{data_rows}

## Method
Features: the utterance embedding{', the context embedding and their product' if head.context else ''} from the
shipped encoder (trained_models/encoder, sha256 {m['encoder_sha256'][:12]}…){', and ' + str(len(head.mean) - (3 if head.context else 1) * 384) + ' linguistic cues' if head.cues else ''}.
L2 logistic regression (C={m['tuning']['C']} chosen on validation), temperature scaling
(T={m['tuning']['temperature']}, {m['tuning']['calibration']}). Decision: {decision}.

## Test results (held-out conversations, never used for fitting or tuning)
{t['headline'].replace('_', ' ')}: **{headline:.3f}**{ci}; macro-F1 {t['macro_f1']:.3f}; Cohen's κ {t['kappa']};
accuracy {t['accuracy']:.3f}; expected calibration error {t['ece']} (10 bins).
{target_line}
| class | precision | recall | F1 | support |
|---|---|---|---|---|
{chr(10).join(_row(c, v) for c, v in t['per_class'].items())}

Confusion matrix (rows = gold, columns = predicted, order {', '.join(head.classes)}): {t['confusion']}
{('''
By source (test items):

| source | n | ''' + t['headline'].replace('_', ' ') + ''' | κ | ECE |
|---|---|---|---|---|
''' + per_source) if per_source else ''}
{_cv_section(m)}
## Known failure modes
{spec.get('failure_modes', 'Not yet characterised beyond the numbers above.').strip()}

Reproduce: `transcript-analyzer train pipelines/heads.toml --data ../shared/data --only {spec['name']}`
(evaluated {m['date']}); check: `transcript-analyzer evaluate --data ../shared/data`.
"""
