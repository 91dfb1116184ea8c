"""The learned recogniser of identifying mentions (``trained_models/pii_tagger``): a token tagger
that reads a whole utterance and marks names, places, organisations, ages, dates and handles from
how they are used, where the rules (cues, word lists) need a cue they do not have: "me and ate
crystal used to share a bunk bed", "Bongani, Thandeka, the twins", "deal with it" vs "moved to
deal". It adds to the rules and NER, never replaces them (the redactor takes the union).

all-MiniLM-L6-v2 fine-tuned for token tagging (training/pii/), exported to ONNX with int8 weights;
its word pieces are uncased, so the tagger is told each word's case through a small learned
embedding (``case_ids``): lowercase speech-recognition text and cased text both work. Needs only
onnxruntime and tokenizers at run time, like the sentence encoder.
"""

from __future__ import annotations

import json
import re
from typing import Any

import numpy as np

from ...resources import find_model, onnx_session, verify
from .patterns import Mention

WORD = re.compile(r"[\w@#]+(?:['’\-.][\w]+)*", re.UNICODE)


def case_ids(text: str, offsets: list[tuple[int, int]], special: list[int]) -> list[int]:
    """Per word piece: 0 for special tokens, else the shape of the word holding it (1 lowercase,
    2 capitalised, 3 all capitals, 4 no letters) plus 4 when the whole text has no capital
    letter (a speech recogniser's output, where case says nothing)."""
    lower_text = 4 if not any(c.isupper() for c in text) else 0
    starts = {}
    for m in WORD.finditer(text):
        for i in range(m.start(), m.end()):
            starts[i] = m
    out = []
    for (start, end), is_special in zip(offsets, special):
        if is_special or end <= start:
            out.append(0)
            continue
        m = starts.get(start)
        word = m.group(0) if m else text[start:end]
        letters = [c for c in word if c.isalpha()]
        if not letters:
            shape = 4
        elif all(c.islower() for c in letters):
            shape = 1
        elif len(letters) > 1 and all(c.isupper() for c in letters):
            shape = 3
        else:
            shape = 2 if letters[0].isupper() else 1
        out.append(shape + lower_text)
    return out


class Tagger:
    """``find(text)`` -> mentions the tagger is confident of (probability ≥ the model's threshold)."""

    def __init__(self, model: str = "pii_tagger", threshold: float | None = None):
        self.model = model
        self.threshold = threshold
        self._session: Any = None
        self._tokenizer: Any = None
        self._max_length = 256
        self._cls = self._sep = 0
        self.tags: list[str] = []
        self.word_threshold = 0.8
        """Confidence a mention made only of ordinary words or numbers needs (redactor.py)."""

    def load(self) -> Tagger:
        if self._session is not None:
            return self
        from tokenizers import Tokenizer

        folder = find_model(self.model)
        verify(folder)
        config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
        self._session = onnx_session(folder / "model.onnx")
        tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        tokenizer.no_padding()
        tokenizer.no_truncation()
        self._tokenizer = tokenizer
        self._max_length = int(config["max_length"])
        self._cls, self._sep = tokenizer.token_to_id("[CLS]"), tokenizer.token_to_id("[SEP]")
        self.tags = list(config["tags"])
        if self.threshold is None:
            self.threshold = float(config["threshold"])
        self.word_threshold = float(config.get("word_threshold", 0.8))
        return self

    def probabilities(self, text: str) -> tuple[np.ndarray, list[tuple[int, int]]]:
        """Per word piece of ``text``: class probabilities (O, B-tag..., I-tag...) and character
        offsets. A text longer than the model's window is read in overlapping windows; each piece
        takes its probabilities from the window where it sits furthest from an edge."""
        self.load()
        enc = self._tokenizer.encode(text, add_special_tokens=False)
        keep = [i for i, (a, b) in enumerate(enc.offsets) if b > a]
        ids = [enc.ids[i] for i in keep]
        offsets = [enc.offsets[i] for i in keep]
        if not ids:
            return np.zeros((0, 1 + 2 * len(self.tags)), dtype=np.float32), []
        cases = case_ids(text, offsets, [0] * len(offsets))
        width = self._max_length - 2
        step = max(1, width - 2 * (width // 4))
        probs = np.zeros((len(ids), 1 + 2 * len(self.tags)), dtype=np.float32)
        margin = np.full(len(ids), -1)
        for start in range(0, max(1, len(ids) - width + step), step):
            end = min(len(ids), start + width)
            window = self._run(ids[start:end], cases[start:end])
            for j in range(end - start):
                edge = min(j, end - start - 1 - j) if (start > 0 or end < len(ids)) else 0
                if edge > margin[start + j]:
                    margin[start + j], probs[start + j] = edge, window[j]
            if end == len(ids):
                break
        return probs, offsets

    def _run(self, ids: list[int], cases: list[int]) -> np.ndarray:
        feeds = {"input_ids": np.array([[self._cls, *ids, self._sep]], dtype=np.int64),
                 "attention_mask": np.ones((1, len(ids) + 2), dtype=np.int64),
                 "case_ids": np.array([[0, *cases, 0]], dtype=np.int64)}
        logits = self._session.run(None, feeds)[0][0][1:-1]
        exp = np.exp(logits - logits.max(axis=-1, keepdims=True))
        return exp / exp.sum(axis=-1, keepdims=True)

    def find(self, text: str) -> list[Mention]:
        return [m for m, _ in self.scored(text)]

    def scored(self, text: str) -> list[tuple[Mention, float]]:
        """Mentions with their confidence (the mean chance, over their pieces, of being inside one)."""
        if not text.strip():
            return []
        probs, offsets = self.probabilities(text)
        return decode_scored(text, probs, offsets, self.tags, float(self.threshold))


def decode(text: str, probs: np.ndarray, offsets: list[tuple[int, int]], tags: list[str], threshold: float) -> list[Mention]:
    """Mentions from per-piece probabilities (classes O, B-tag, I-tag for each tag): pieces whose
    chance of being inside any mention reaches ``threshold`` join into mentions of whole words;
    a piece more likely to begin a mention than to continue one starts a new mention; the label is
    the tag with most probability over the mention's pieces."""
    return [m for m, _ in decode_scored(text, probs, offsets, tags, threshold)]


def decode_scored(text: str, probs: np.ndarray, offsets: list[tuple[int, int]], tags: list[str],
                  threshold: float) -> list[tuple[Mention, float]]:
    """``decode``, with each mention's confidence."""
    n = len(tags)
    inside = 1.0 - probs[:, 0]
    spans: list[list[int]] = []  # [start, end, first piece, last piece]
    for i, (start, end) in enumerate(offsets):
        if inside[i] < threshold:
            continue
        begins = probs[i, 1:1 + n].sum() > probs[i, 1 + n:].sum()
        joined = spans and spans[-1][3] == i - 1 and (start == spans[-1][1] or not begins)
        if joined:
            spans[-1][1], spans[-1][3] = end, i
        else:
            spans.append([start, end, i, i])
    out = []
    for start, end, first, last in spans:
        start, end = _whole_words(text, start, end)
        label_scores = probs[first:last + 1, 1:1 + n] + probs[first:last + 1, 1 + n:]
        label = tags[int(label_scores.sum(axis=0).argmax())]
        out.append((Mention(start, end, label, text[start:end]), float(inside[first:last + 1].mean())))
    return out


def _whole_words(text: str, start: int, end: int) -> tuple[int, int]:
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "_@"):
        start -= 1
    while end < len(text) and (text[end].isalnum() or text[end] == "_"):
        end += 1
    return start, end
