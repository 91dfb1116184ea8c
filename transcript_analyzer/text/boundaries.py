"""Utterance boundaries and questions in unpunctuated text (lowercase, no full stops or question
marks: what many recognisers other than Whisper write).

spaCy's parser finds sentences from punctuation and syntax; without punctuation it leaves most
run-on turns whole (measured on AnnoMI, docs/benchmarks.md). This model decides, after every
word, whether an utterance ends there and whether it ended as a question: a linear model over
hashed features of the words around the gap (the words before and after, bigrams, a trigram),
how many words the current utterance has, and its first words (questions open with "what",
"do you", "how"...). It reads left to right, cutting where P(no boundary) falls below the
threshold tuned on validation. Trained on the punctuation of the corpora's training split
(pipelines/boundaries.toml); weights are plain numpy (no scikit-learn at run time).
"""

from __future__ import annotations

import json
import re
import zlib
from dataclasses import dataclass
from typing import Sequence

import numpy as np

from ..errors import ModelError
from ..model import ModelInfo
from ..resources import find_model, verify

CLASSES = ("none", "end", "question")
BITS = 18
_WORD = re.compile(r"[\w']+")


def words_of(text: str) -> list[tuple[int, int, str]]:
    """(start, end, normalised word) for each word of a text (letters, digits, apostrophes)."""
    return [(m.start(), m.end(), m.group().lower()) for m in _WORD.finditer(text)]


def _bucket(n: int) -> str:
    return str(n) if n < 4 else "4-6" if n < 7 else "7-10" if n < 11 else "11-15" if n < 16 else "16+"


def gap_features(words: Sequence[str], i: int, first: int) -> list[str]:
    """Features of the gap after ``words[i]``; ``first`` is the index where the current utterance began."""
    def w(j: int) -> str:
        return words[j] if 0 <= j < len(words) else ("<s>" if j < 0 else "</s>")

    since = _bucket(i - first + 1)
    head = w(first)
    head2 = f"{w(first)}|{w(first + 1)}" if i > first else f"{w(first)}|</u>"
    return ["bias", f"w0={w(i)}", f"w1={w(i + 1)}", f"wm1={w(i - 1)}", f"w2={w(i + 2)}",
            f"w0w1={w(i)}|{w(i + 1)}", f"wm1w0={w(i - 1)}|{w(i)}", f"w1w2={w(i + 1)}|{w(i + 2)}",
            f"tri={w(i - 1)}|{w(i)}|{w(i + 1)}", f"since={since}", f"since_w1={since}|{w(i + 1)}",
            f"left={_bucket(len(words) - i - 1)}", f"first={head}", f"first2={head2}", f"first_w0={head}|{w(i)}",
            f"first_w1={head}|{w(i + 1)}"]


def feature_index(features: Sequence[str], bits: int = BITS) -> np.ndarray:
    mask = (1 << bits) - 1
    return np.array([zlib.crc32(f.encode()) & mask for f in features], dtype=np.int64)


@dataclass(frozen=True)
class BoundaryModel:
    weights: np.ndarray  # (classes, 2**bits)
    bias: np.ndarray  # (classes,)
    threshold: float  # cut where P(none) < threshold
    bits: int = BITS
    question_factor: float = 1.0  # an utterance end is a question when P(question) > factor * P(end)
    version: str = "1"
    sha256: str | None = None
    min_words: int = 6
    """Turns shorter than this are one utterance (not worth cutting)."""

    def probabilities(self, features: Sequence[str]) -> np.ndarray:
        z = self.weights[:, feature_index(features, self.bits)].sum(axis=1) + self.bias
        z = z - z.max()
        e = np.exp(z)
        return e / e.sum()

    def segment(self, text: str) -> list[tuple[int, int, bool]]:
        """(start, end, is_question) character spans of the utterances of an unpunctuated text."""
        found = words_of(text)
        if not found:
            return [(0, len(text), False)]
        words = [w for _, _, w in found]
        cuts: list[tuple[int, bool]] = []  # (index of the last word, question)
        first = 0
        for i in range(len(words)):
            p = self.probabilities(gap_features(words, i, first))
            last = i == len(words) - 1
            if last or (len(words) >= self.min_words and p[0] < self.threshold):
                cuts.append((i, bool(p[2] > self.question_factor * p[1])))
                first = i + 1
        spans, start = [], 0
        for n, (i, question) in enumerate(cuts):
            end = len(text) if n == len(cuts) - 1 else found[i][1]
            a = found[start][0] if n else 0
            spans.append((a, end, question))
            start = i + 1
        return spans

    def info(self) -> ModelInfo:
        return ModelInfo(name="boundaries", stage="segment", version=self.version, sha256=self.sha256)

    def save(self, folder) -> list[str]:  # noqa: ANN001
        meta = {"kind": "boundaries", "classes": list(CLASSES), "bits": self.bits, "threshold": self.threshold,
                "question_factor": self.question_factor, "min_words": self.min_words, "version": self.version}
        (folder / "model.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
        with open(folder / "weights.npz", "wb") as f:
            np.savez_compressed(f, weights=self.weights.astype(np.float16), bias=self.bias.astype(np.float32))
        return ["model.json", "weights.npz"]

    @classmethod
    def load(cls, name: str = "boundaries") -> BoundaryModel:
        folder = find_model(name)
        sums = verify(folder)
        try:
            meta = json.loads((folder / "model.json").read_text(encoding="utf-8"))
            arrays = np.load(folder / "weights.npz")
            weights, bias = arrays["weights"].astype(np.float32), arrays["bias"]
        except (OSError, ValueError, KeyError) as e:
            raise ModelError(f"{folder}: not a readable boundary model ({e})") from e
        if meta.get("kind") != "boundaries" or tuple(meta["classes"]) != CLASSES:
            raise ModelError(f"{folder}: model.json does not describe a boundary model")
        return cls(weights, bias, float(meta["threshold"]), int(meta["bits"]), float(meta.get("question_factor", 1.0)),
                   str(meta.get("version", "1")), sums.get("weights.npz"), int(meta.get("min_words", 6)))
