"""Trained classifier heads: a linear layer over [utterance, context, utterance*context, cues]
(or over the cues alone, for heads learned from a few dozen annotated examples).

Inference is plain numpy (no scikit-learn at run time): standardise, linear logits, divide by
the temperature fit on the validation split (calibration), softmax. Decisions use what was tuned
on the validation split and stored with the head: a probability threshold for a binary head, per
class weights for a multi-class one (argmax of weight * probability, to balance macro-F1).

A head folder holds ``head.json`` (settings, classes, thresholds), ``weights.npz`` (arrays),
``card.md``, ``metrics.json`` and ``SHA256SUMS``, checked before loading.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ..errors import ModelError
from ..resources import find_model, verify
from .features import CUE_NAMES


def softmax(z: np.ndarray, temperature: float = 1.0) -> np.ndarray:
    """Class probabilities from logits divided by a calibration temperature, rows summing to 1."""
    z = z / temperature
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def decide(p: np.ndarray, classes: tuple[str, ...], positive: str | None, threshold: float | None,
           weights: np.ndarray | None) -> np.ndarray:
    """Class index per row: binary with a threshold, 1 when P(positive) reaches it; otherwise the
    argmax of weight * probability (the weights balance macro-F1; none = plain argmax). Shared by
    the heads and the coder's tasks."""
    if threshold is not None and positive is not None:
        pos = classes.index(positive)
        return np.where(p[:, pos] >= threshold, pos, 1 - pos)
    w = weights if weights is not None else np.ones(len(classes))
    return np.argmax(p * w, axis=1)


@dataclass(frozen=True)
class Head:
    name: str
    classes: tuple[str, ...]
    context: bool
    cues: bool
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray  # (classes, features)
    intercept: np.ndarray  # (classes,)
    temperature: float = 1.0
    weights: np.ndarray | None = None  # multi-class decision weights
    threshold: float | None = None  # binary: P(positive) >= threshold
    positive: str | None = None
    version: str = "1.0"
    sha256: str | None = None
    info: dict = field(default_factory=dict)
    embedding: bool = True
    """False for heads over the linguistic cues alone (small annotated sets)."""

    @property
    def n_features(self) -> int:
        return self.coef.shape[1]

    def logits(self, x: np.ndarray) -> np.ndarray:
        return ((x - self.mean) / self.scale) @ self.coef.T + self.intercept

    def predict_proba(self, x: np.ndarray) -> np.ndarray:
        """Calibrated class probabilities, shape (n, classes)."""
        if x.shape[1] != self.n_features:
            raise ModelError(f"head {self.name}: expects {self.n_features} features, got {x.shape[1]}")
        return softmax(self.logits(x), self.temperature)

    def decide(self, p: np.ndarray) -> np.ndarray:
        """Class index per row (binary heads: 1 when P(positive) reaches the threshold)."""
        return decide(p, self.classes, self.positive, self.threshold, self.weights)

    def save(self, folder: Path) -> list[str]:
        """Write head.json and weights.npz; returns the file names (for SHA256SUMS)."""
        folder.mkdir(parents=True, exist_ok=True)
        meta = {"kind": "head", "name": self.name, "version": self.version, "classes": list(self.classes),
                "context": self.context, "embedding": self.embedding, "cues": list(CUE_NAMES) if self.cues else [],
                "temperature": self.temperature, "threshold": self.threshold, "positive": self.positive,
                "decision_weights": None if self.weights is None else [round(float(w), 6) for w in self.weights],
                "info": self.info}
        (folder / "head.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
        with open(folder / "weights.npz", "wb") as f:
            np.savez(f, mean=self.mean, scale=self.scale, coef=self.coef, intercept=self.intercept)
        return ["head.json", "weights.npz"]

    @classmethod
    def load(cls, name_or_path: str | Path) -> Head:
        folder = find_model(str(name_or_path))
        sums = verify(folder)
        try:
            meta = json.loads((folder / "head.json").read_text(encoding="utf-8"))
            arrays = np.load(folder / "weights.npz")
        except (OSError, ValueError) as e:
            raise ModelError(f"{folder}: not a readable head ({e})") from e
        if meta.get("kind") != "head":
            raise ModelError(f"{folder}: head.json does not describe a head")
        if meta["cues"] and tuple(meta["cues"]) != CUE_NAMES:
            raise ModelError(f"{folder}: trained with another cue set than this version has; retrain it")
        return cls(
            name=meta["name"], classes=tuple(meta["classes"]), context=bool(meta["context"]), cues=bool(meta["cues"]),
            mean=arrays["mean"], scale=arrays["scale"], coef=arrays["coef"], intercept=arrays["intercept"],
            temperature=float(meta["temperature"]), threshold=meta["threshold"], positive=meta["positive"],
            weights=None if meta["decision_weights"] is None else np.array(meta["decision_weights"]),
            version=meta.get("version", "1.0"), sha256=sums.get("weights.npz"), info=meta.get("info", {}),
            embedding=bool(meta.get("embedding", True)),
        )
