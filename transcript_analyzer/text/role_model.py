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

import dataclasses
import json
import re
from collections import Counter
from dataclasses import dataclass, field
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


# What is counted per speaker; features are computed from these counts.
COUNTS = ("turns", "words", "questions", "you", "i", "we", "reflective", "invitation", "backchannel")
_PER_WORD = ("you", "i", "we")
_PER_TURN = ("questions", "reflective", "invitation", "backchannel")
_C = {name: i for i, name in enumerate(COUNTS)}


@dataclass(frozen=True)
class Smoothing:
    """Shrinks each speaker's rates towards corpus rates by pseudo-counts, so that a speaker who
    said four words does not get an extreme rate from them (empirical-Bayes smoothing). The
    default (no pseudo-counts) leaves the rates raw."""

    rates: dict[str, float] = field(default_factory=dict)
    """Corpus rate of each count: per word for you/i/we, per turn for the others and 'words'."""
    pseudo_words: float = 0.0
    pseudo_turns: float = 0.0

    @classmethod
    def from_counts(cls, counts: np.ndarray, pseudo_words: float, pseudo_turns: float) -> Smoothing:
        """Corpus rates from an array of speaker counts (..., len(COUNTS))."""
        total = counts.reshape(-1, len(COUNTS)).sum(axis=0)
        words, turns = max(total[_C["words"]], 1), max(total[_C["turns"]], 1)
        rates = {k: float(total[_C[k]] / words) for k in _PER_WORD}
        rates |= {k: float(total[_C[k]] / turns) for k in (*_PER_TURN, "words")}
        return cls(rates=rates, pseudo_words=pseudo_words, pseudo_turns=pseudo_turns)

    def prior(self, key: str) -> float:
        return self.rates.get(key, 0.0)


def speaker_counts(turns: Sequence[Turn]) -> dict[str, np.ndarray]:
    """Counts (in COUNTS order) for every speaker, in order of first appearance."""
    by_speaker: dict[str, list[str]] = {}
    for turn in turns:
        by_speaker.setdefault(turn.speaker, []).append(" ".join(turn.text.lower().replace("’", "'").split()))
    return {label: _count(texts) for label, texts in by_speaker.items()}


def _words(text: str) -> list[str]:
    return [t for t in _TOKEN.findall(text) if t != "?"]


def _count(texts: list[str]) -> np.ndarray:
    words = [w for t in texts for w in _words(t)]
    counts = Counter(words)
    return np.array([
        len(texts), len(words), sum("?" in t for t in texts),
        sum(counts[w] for w in _YOU), sum(counts[w] for w in _I), sum(counts[w] for w in _WE),
        sum(_FILLERS.sub("", t).startswith(_REFLECTIVE_OPENERS) for t in texts),
        sum(any(p in t for p in _INVITATIONS) for t in texts),
        sum(set(_words(t)) <= _BACKCHANNEL for t in texts),
    ], dtype=float)


def features(counts: np.ndarray, smoothing: Smoothing) -> np.ndarray:
    """Features (..., speakers, len(FEATURES)) from counts (..., speakers, len(COUNTS)); shares
    are relative to the other speakers of the same session (the second-to-last axis)."""
    s = smoothing
    k = counts.shape[-2]
    c = {name: counts[..., i] for name, i in _C.items()}
    words_pseudo = c["words"] + s.pseudo_words
    turns_pseudo = c["turns"] + s.pseudo_turns

    def share(x: np.ndarray, pseudo: float) -> np.ndarray:
        return (x + pseudo / k) / np.maximum(x.sum(axis=-1, keepdims=True) + pseudo, 1e-9)

    def per_word(key: str) -> np.ndarray:
        return (c[key] + s.pseudo_words * s.prior(key)) / np.maximum(words_pseudo, 1)

    def per_turn(key: str) -> np.ndarray:
        return (c[key] + s.pseudo_turns * s.prior(key)) / np.maximum(turns_pseudo, 1)

    you, i = per_word("you"), per_word("i")
    values = {
        "word_share": share(c["words"], s.pseudo_words),
        "turn_share": share(c["turns"], s.pseudo_turns),
        "question_turn_rate": per_turn("questions"),
        "question_share": share(c["questions"], s.pseudo_turns * s.prior("questions")),
        "you_rate": you,
        "i_rate": i,
        "we_rate": per_word("we"),
        "you_minus_i": you - i,
        "log_mean_turn_words": np.log1p(per_turn("words")),
        "reflective_opener_rate": per_turn("reflective"),
        "invitation_rate": per_turn("invitation"),
        "backchannel_turn_rate": per_turn("backchannel"),
    }
    return np.stack([values[f] for f in FEATURES], axis=-1)


def speaker_features(turns: Sequence[Turn], smoothing: Smoothing | None = None) -> dict[str, np.ndarray]:
    """Feature vector for every speaker in the turns (raw rates unless a Smoothing is given)."""
    counts = speaker_counts(turns)
    matrix = features(np.stack(list(counts.values())), smoothing or Smoothing())
    return dict(zip(counts, matrix))


@dataclass(frozen=True)
class RoleModel:
    """Standardised linear scores + softmax across a session's speakers."""

    mean: np.ndarray
    scale: np.ndarray
    weights: np.ndarray
    confident: float
    """Below this therapist probability the decision is reported as uncertain."""
    smoothing: Smoothing = field(default_factory=Smoothing)
    """Priors and pseudo-counts for the speakers' rates (from the training corpus)."""
    temperature: float = 1.0
    """Calibration: scores are multiplied by temperature * n / (n + evidence_turns)."""
    evidence_turns: float = 0.0
    """Calibration: how many turns of evidence halve the confidence (fit on held-out excerpts)."""
    version: str = "unversioned"
    sha256: str | None = None

    def probabilities(self, turns: Sequence[Turn]) -> dict[str, float]:
        """P(therapist) for every speaker; sums to 1 over the session's speakers."""
        feats = speaker_features(turns, self.smoothing)
        labels = list(feats)
        scores = np.array([self.score(feats[label]) for label in labels]) * self.evidence(len(turns))
        exp = np.exp(scores - scores.max())
        return dict(zip(labels, (exp / exp.sum()).tolist()))

    def score(self, x: np.ndarray) -> float:
        """Uncalibrated linear score of one speaker's feature vector."""
        return float(((x - self.mean) / self.scale) @ self.weights)

    def evidence(self, n_turns: int) -> float:
        """Score multiplier: fewer turns, less evidence, probabilities closer to chance."""
        return self.temperature * n_turns / (n_turns + self.evidence_turns)

    def to_json(self) -> dict:
        return {
            "kind": "role-model", "version": self.version, "features": list(FEATURES),
            "mean": self.mean.tolist(), "scale": self.scale.tolist(),
            "weights": self.weights.tolist(), "thresholds": {"confident": self.confident},
            "calibration": {"temperature": self.temperature, "evidence_turns": self.evidence_turns},
            "smoothing": dataclasses.asdict(self.smoothing),
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
        sums = verify(folder) if check else {}
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("kind") != "role-model" or tuple(data.get("features", ())) != FEATURES:
            raise ModelError(f"{path}: not a role model for this version (features differ); retrain it")
        return cls(
            mean=np.array(data["mean"]), scale=np.array(data["scale"]), weights=np.array(data["weights"]),
            confident=float(data["thresholds"]["confident"]), version=data.get("version", "unversioned"),
            temperature=float(data["calibration"]["temperature"]),
            evidence_turns=float(data["calibration"]["evidence_turns"]),
            smoothing=Smoothing(**data["smoothing"]),
            sha256=sums.get("model.json") or sha256_file(path),
        )
