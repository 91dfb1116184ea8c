"""The alliance index: one number per session summarising the markers (docs/alliance_index.md).

    index = 50 + scale * sum_k w_k * z_k / sum_k |w_k|,   clipped to 0..100

where z_k is the session's value of component k standardised against reference sessions, and
w_k = +1 for components the alliance literature and MI theory count as alliance-building
(empathy, positive regard, complex reflections, reflection-to-question ratio, open questions)
and -1 for those they count as damaging (advice without permission, confrontation, rigid
interpretation, inappropriate self-disclosure). Unit weights are deliberate: they are not fit
to any quality label, so the index's agreement with quality ratings is a real test.
Component values are expected rates (mean probabilities), steadier than counts in short sessions,
except for markers decided partly by session rules (``COUNTED``): their probabilities do not carry
the rules, so their decisions are counted. Standard deviations are floored (``SD_FLOOR``) so that
a marker the reference sessions almost never show cannot swing the index on one utterance.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..errors import ModelError
from ..model import THERAPIST, AllianceIndex, IndexComponent, Session
from ..resources import find_model, verify

COMPONENTS: tuple[tuple[str, float], ...] = (
    ("empathy_per_100", +1.0), ("positive_regard_per_100", +1.0), ("complex_reflection_share", +1.0),
    ("reflection_to_question", +1.0), ("open_question_share", +1.0),
    ("advice_without_permission_per_100", -1.0), ("confront_per_100", -1.0),
    ("rigid_interpretation_per_100", -1.0), ("inappropriate_self_disclosure_per_100", -1.0),
)
# The markers each component is computed from: a component whose markers include an experimental
# one (held-out precision below 0.5, markers/validity.py) is left out of the index when it is built.
COMPONENT_MARKERS: dict[str, tuple[str, ...]] = {
    "empathy_per_100": ("empathy",), "positive_regard_per_100": ("positive_regard",),
    "complex_reflection_share": ("simple_reflection", "complex_reflection"),
    "reflection_to_question": ("reflection", "question"),  # subtype-free: validity.POOLED
    "open_question_share": ("open_question", "closed_question"),
    "advice_without_permission_per_100": ("advice_without_permission",), "confront_per_100": ("confront",),
    "rigid_interpretation_per_100": ("rigid_interpretation",),
    "inappropriate_self_disclosure_per_100": ("inappropriate_self_disclosure",),
}


def shown_components() -> list[tuple[str, float]]:
    """The components whose markers are all shown (not experimental), with their weights."""
    from .validity import experimental

    return [(n, w) for n, w in COMPONENTS if not any(experimental(m) for m in COMPONENT_MARKERS[n])]


# Rigid interpretation: a form gate and the persistence rule decide it, not its probability alone.
COUNTED = frozenset({"rigid_interpretation"})
SD_FLOOR = {"per_100": 1.0, "share": 0.02, "ratio": 0.1}  # one per 100 utterances; 2 points of share


def _floor(name: str) -> float:
    return SD_FLOOR["per_100"] if name.endswith("_per_100") else SD_FLOOR["share"] if name.endswith("_share") else SD_FLOOR["ratio"]


def session_features(session: Session, basis: str = "expected") -> dict[str, float]:
    """Expected rates from the therapist utterances' marker probabilities (decisions for ``COUNTED``);
    with ``basis="decisions"``, every rate from decisions (what the report's counts show)."""
    probs: dict[str, list[float]] = {}
    n = 0
    for u in session.utterances:
        if u.role != THERAPIST or not u.markers:
            continue
        n += 1
        for m in u.markers:
            counted = basis == "decisions" or m.marker in COUNTED
            probs.setdefault(m.marker, []).append(float(m.decision) if counted else m.probability)
    total = {k: float(np.sum(v)) for k, v in probs.items()}
    per_100 = {f"{k}_per_100": 100 * v / n for k, v in total.items()} if n else {}
    reflections = total.get("simple_reflection", 0.0) + total.get("complex_reflection", 0.0)
    questions = total.get("open_question", 0.0) + total.get("closed_question", 0.0)
    per_100["complex_reflection_share"] = total.get("complex_reflection", 0.0) / reflections if reflections > 0.5 else 0.0
    per_100["reflection_to_question"] = min(reflections / max(questions, 0.5), 4.0)
    per_100["open_question_share"] = total.get("open_question", 0.0) / questions if questions > 0.5 else 0.0
    return per_100


@dataclass(frozen=True)
class AllianceIndexModel:
    mean: dict[str, float]
    sd: dict[str, float]
    weights: dict[str, float]
    scale: float = 15.0
    version: str = "1"
    sha256: str | None = None
    basis: str = "expected"
    """How session rates are computed (session_features): "expected" or "decisions"."""

    def compute(self, session: Session) -> AllianceIndex | None:
        feats = session_features(session, self.basis)
        if not feats or any(name not in feats for name in self.weights):
            return None
        norm = sum(abs(w) for w in self.weights.values())
        components = []
        for name, w in self.weights.items():
            z = (feats[name] - self.mean[name]) / self.sd[name]
            components.append(IndexComponent(name=name, value=round(feats[name], 4), weight=w,
                                             contribution=round(self.scale * w * z / norm, 3)))
        value = float(np.clip(50 + sum(c.contribution for c in components), 0, 100))
        components.sort(key=lambda c: -abs(c.contribution))
        return AllianceIndex(value=round(value, 2), components=tuple(components), version=self.version)

    def save(self, folder: Path) -> list[str]:
        folder.mkdir(parents=True, exist_ok=True)
        data = {"kind": "alliance-index", "version": self.version, "scale": self.scale, "basis": self.basis,
                "components": [{"name": n, "weight": w, "mean": self.mean[n], "sd": self.sd[n]} for n, w in self.weights.items()]}
        (folder / "index.json").write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
        return ["index.json"]

    @classmethod
    def load(cls, name_or_path: str = "alliance_index") -> AllianceIndexModel:
        folder = find_model(name_or_path)
        sums = verify(folder)
        data = json.loads((folder / "index.json").read_text(encoding="utf-8"))
        if data.get("kind") != "alliance-index":
            raise ModelError(f"{folder}: index.json does not describe an alliance index")
        comps = data["components"]
        return cls(mean={c["name"]: c["mean"] for c in comps}, sd={c["name"]: c["sd"] for c in comps},
                   weights={c["name"]: c["weight"] for c in comps}, scale=data["scale"], version=data["version"],
                   sha256=sums.get("index.json"), basis=data.get("basis", "expected"))


def reference(features: list[dict[str, float]]) -> tuple[dict[str, float], dict[str, float]]:
    """Means and standard deviations of the components over reference sessions."""
    names = [n for n, _ in COMPONENTS]
    mean = {n: float(np.mean([f[n] for f in features])) for n in names}
    sd = {n: float(max(np.std([f[n] for f in features]), _floor(n))) for n in names}
    return mean, sd
