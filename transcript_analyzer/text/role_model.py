"""The role model: which speaker in a session is the therapist, learned from AnnoMI.

Each speaker is described by how they talk over the whole session (share of words, questions,
second- vs first-person pronouns, reflective openers, turn length...). A linear score per
speaker, normalised with a softmax across the session's speakers (a conditional logit), gives
the probability that each one is the therapist. Trained on pairwise differences, so a speaker is
judged relative to the others in the same session, not against a global norm.

Deliberately not used: who speaks first (80 of 88 AnnoMI sessions open with the therapist, while
ESConv seekers and many real recordings open with the client; the feature learned that artefact).
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import numpy as np

from ..errors import ModelError
from ..model import Turn
from ..resources import sha256_file, verify

_TOKEN = re.compile(r"[a-z]+(?:'[a-z]+)?|\?")
_YOU = {"you", "your", "you're", "yourself", "you've", "you'd", "you'll", "yours", "ya"}
_I = {"i", "me", "my", "i'm", "myself", "i've", "i'd", "i'll", "mine"}
_WE = {"we", "us", "our", "we're", "let's", "we've", "we'll", "ours"}
_REFLECTIVE_OPENERS = ("so you", "it sounds like", "sounds like", "you're saying", "you feel",
                       "it seems like", "you've been", "you're feeling", "what i'm hearing")
_INVITATIONS = ("tell me", "how do you", "what do you", "how are you", "how would you", "what would",
                "how does that", "what was that", "can you say", "what's that like")
_FILLERS = re.compile(r"^(?:(?:uh|um|well|okay|ok|mm-hmm|yeah|right|all right)[,.]?\s+)+")
_BACKCHANNEL = {"mm-hmm", "mhm", "uh-huh", "mm", "hmm", "right", "okay", "ok", "yeah", "yes", "sure"}

FEATURES = (
    "word_share", "turn_share", "question_turn_rate", "question_share", "you_rate", "i_rate",
    "we_rate", "you_minus_i", "log_mean_turn_words", "reflective_opener_rate", "invitation_rate",
    "backchannel_turn_rate",
)


def speaker_features(turns: Sequence[Turn]) -> dict[str, np.ndarray]:
    """Feature vector (in FEATURES order) for every speaker in the turns."""
    by_speaker: dict[str, list[str]] = {}
    for turn in turns:
        by_speaker.setdefault(turn.speaker, []).append(turn.text)
    total_words = sum(len(_words(t.text)) for t in turns) or 1
    total_questions = sum("?" in t.text for t in turns) or 1
    return {
        label: _vector(texts, total_words, total_questions, len(turns))
        for label, texts in by_speaker.items()
    }


def _words(text: str) -> list[str]:
    return [t for t in _TOKEN.findall(text.lower().replace("’", "'")) if t != "?"]


def _vector(texts: list[str], total_words: int, total_questions: int, total_turns: int) -> np.ndarray:
    lowered = [" ".join(t.lower().replace("’", "'").split()) for t in texts]
    words = [w for t in lowered for w in _words(t)]
    n = len(words) or 1
    counts = Counter(words)
    questions = sum("?" in t for t in lowered)
    you = sum(counts[w] for w in _YOU) / n
    i = sum(counts[w] for w in _I) / n
    values = {
        "word_share": len(words) / total_words,
        "turn_share": len(texts) / total_turns,
        "question_turn_rate": questions / len(texts),
        "question_share": questions / total_questions,
        "you_rate": you,
        "i_rate": i,
        "we_rate": sum(counts[w] for w in _WE) / n,
        "you_minus_i": you - i,
        "log_mean_turn_words": math.log1p(len(words) / len(texts)),
        "reflective_opener_rate": sum(_FILLERS.sub("", t).startswith(_REFLECTIVE_OPENERS) for t in lowered) / len(texts),
        "invitation_rate": sum(any(p in t for p in _INVITATIONS) for t in lowered) / len(texts),
        "backchannel_turn_rate": sum(set(_words(t)) <= _BACKCHANNEL for t in lowered) / len(texts),
    }
    return np.array([values[f] for f in FEATURES], dtype=float)


@dataclass(frozen=True)
class RoleModel:
    """Standardised linear scores + softmax across a session's speakers."""

    mean: np.ndarray
    scale: np.ndarray
    weights: np.ndarray
    confident: float
    """Below this therapist probability the decision is reported as uncertain."""
    version: str = "unversioned"
    sha256: str | None = None

    def probabilities(self, turns: Sequence[Turn]) -> dict[str, float]:
        """P(therapist) for every speaker; sums to 1 over the session's speakers."""
        feats = speaker_features(turns)
        labels = list(feats)
        scores = np.array([self.score(feats[label]) for label in labels])
        exp = np.exp(scores - scores.max())
        return dict(zip(labels, (exp / exp.sum()).tolist()))

    def score(self, x: np.ndarray) -> float:
        return float(((x - self.mean) / self.scale) @ self.weights)

    def to_json(self) -> dict:
        return {
            "kind": "role-model", "version": self.version, "features": list(FEATURES),
            "mean": self.mean.tolist(), "scale": self.scale.tolist(),
            "weights": self.weights.tolist(), "thresholds": {"confident": self.confident},
        }

    def save(self, folder: Path) -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "model.json"
        path.write_text(json.dumps(self.to_json(), indent=2) + "\n", encoding="utf-8")
        return path

    @classmethod
    def load(cls, folder: Path, *, check: bool = True) -> RoleModel:
        """Load ``model.json`` from a model folder, verifying its checksum first."""
        path = folder / "model.json"
        if not path.is_file():
            raise ModelError(f"{folder}: no model.json (is this a role model folder?)")
        if check:
            verify(folder)
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("kind") != "role-model" or tuple(data.get("features", ())) != FEATURES:
            raise ModelError(f"{path}: not a role model for this version (features differ); retrain it")
        return cls(
            mean=np.array(data["mean"]), scale=np.array(data["scale"]), weights=np.array(data["weights"]),
            confident=float(data["thresholds"]["confident"]), version=data.get("version", "unversioned"),
            sha256=sha256_file(path),
        )
