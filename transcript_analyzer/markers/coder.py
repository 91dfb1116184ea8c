"""The context-aware coder: one fine-tuned transformer that codes an utterance together with the
conversation before it, for every task at once (MI behaviours, EPITOME mechanisms, ESConv
strategies, the MI sentence codes, the binary marker codes, the client's talk type).

Input is a pair, ``[CLS] context [SEP] target [SEP]``: the context is the utterances before the
target, each prefixed with its speaker's role ("client: ... therapist: ..."), cut from the left
(oldest words go first) so that the target always fits; the target keeps its first
``target_max`` word pieces. The target's tokens are mean-pooled and one linear layer per task
gives its logits. ``pair_ids`` is the only place that builds this input: training
(training/coder) and inference use it, so what the model was trained on is what it sees.

The shipped model (``trained_models/coder/``, made by ``pipelines/coder.toml``) is an ONNX graph
with int8 weights (no torch at run time); ``coder.json`` holds the tasks, their classes, logit
offsets, temperatures (fit on validation) and decision rules (thresholds or class weights tuned
on validation; for counted codes, tuned so that per-session counts agree with human counts).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Sequence

import numpy as np

from ..errors import ModelError
from ..model import ModelInfo
from ..resources import find_model, onnx_session, run_each, verify
from .heads import decide, softmax

CONTEXT_UTTERANCES = 5
"""How many utterances before the target are offered as context (then cut to the token budget)."""


def context_text(previous: Sequence[tuple[str, str]]) -> str:
    """'client: ... therapist: ...' from (role, text) pairs, oldest first."""
    return " ".join(f"{role}: {' '.join(text.split())}" for role, text in previous if text.strip())


def pair_ids(tokenizer: Any, context: str, target: str, max_length: int, target_max: int) -> tuple[list[int], list[int]]:
    """Token ids and segment ids of ``[CLS] context [SEP] target [SEP]`` (a ``tokenizers.Tokenizer``
    without truncation or padding; RoBERTa-style vocabularies: ``<s> context </s></s> target </s>``).
    The target keeps its first ``target_max`` pieces; the context keeps its last pieces that fit in
    ``max_length``. Segment id 1 marks the target (its tokens are the ones pooled)."""
    cls, middle, sep = _specials(tokenizer)
    t = tokenizer.encode(target.strip() or ".", add_special_tokens=False).ids[:target_max]
    room = max_length - len(t) - 2 - len(middle)
    c = tokenizer.encode(context, add_special_tokens=False).ids if context.strip() and room > 0 else []
    c = c[len(c) - room:] if len(c) > room else c
    ids = [cls, *c, *middle, *t, sep]
    return ids, [0] * (len(c) + 1 + len(middle)) + [1] * (len(t) + 1)


_SPECIALS: dict[int, tuple[int, list[int], int]] = {}


def _specials(tokenizer: Any) -> tuple[int, list[int], int]:
    """(start id, ids between the two segments, end id), read from the tokenizer's own pair
    template: [CLS] / [SEP] / [SEP] for BERT, <s> / </s></s> / </s> for RoBERTa and MPNet."""
    key = id(tokenizer)
    if key not in _SPECIALS:
        x = tokenizer.encode("x", add_special_tokens=False).ids
        y = tokenizer.encode("y", add_special_tokens=False).ids
        ids = tokenizer.encode("x", "y", add_special_tokens=True).ids
        start = ids.index(x[0])
        middle = ids[start + len(x):ids.index(y[0], start + len(x))]
        _SPECIALS[key] = (ids[0], middle, ids[-1])
    return _SPECIALS[key]


def load_tokenizer(path: str) -> Any:
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(path)
    tokenizer.no_truncation()
    tokenizer.no_padding()
    return tokenizer


@dataclass(frozen=True)
class TaskSpec:
    """One task's slice of the logits and how to decide it."""

    name: str
    classes: tuple[str, ...]
    offset: int
    temperature: float = 1.0
    positive: str | None = None
    threshold: float | None = None
    weights: tuple[float, ...] | None = None

    def probabilities(self, logits: np.ndarray) -> np.ndarray:
        return softmax(logits[:, self.offset:self.offset + len(self.classes)], self.temperature)

    def decide(self, p: np.ndarray) -> np.ndarray:
        return decide(p, self.classes, self.positive, self.threshold,
                      None if self.weights is None else np.array(self.weights))


class Coder:
    """``load()`` once, then ``predict(contexts, targets)`` -> {task: (probabilities, decided class)}.

    Each pair is run alone (as the sentence encoder does): the int8 quantization is dynamic, so in
    a batch a pair's logits would depend on its neighbours; ``threads`` pairs run at once."""

    name = "coder"

    def __init__(self, model: str = "coder", threads: int | None = None):
        self.model = model
        self.threads = threads
        self._session = None
        self._tokenizer = None
        self._info: ModelInfo | None = None
        self.tasks: dict[str, TaskSpec] = {}
        self.config: dict[str, Any] = {}
        self.marker_thresholds: dict[str, float] = {}
        self.marker_rules: dict[str, float] = {}

    def load(self) -> Coder:
        if self._session is not None:
            return self
        folder = find_model(self.model)
        sums = verify(folder)
        try:
            config = json.loads((folder / "coder.json").read_text(encoding="utf-8"))
        except (OSError, ValueError) as e:
            raise ModelError(f"{folder}: no readable coder.json ({e})") from e
        self.config = config
        self.tasks = {t["name"]: TaskSpec(t["name"], tuple(t["classes"]), int(t["offset"]), float(t.get("temperature", 1.0)),
                                          t.get("positive"), t.get("threshold"),
                                          tuple(t["weights"]) if t.get("weights") else None)
                      for t in config["tasks"]}
        self.marker_thresholds = {k: float(v) for k, v in config.get("marker_thresholds", {}).items()}
        self.marker_rules = {k: float(v) for k, v in config.get("marker_rules", {}).items()}
        self._tokenizer = load_tokenizer(str(folder / "tokenizer.json"))
        self._session = onnx_session(folder / "model.onnx")
        self._info = ModelInfo(name=config.get("name", "coder"), stage="markers", version=config.get("version"),
                               sha256=sums.get("model.onnx"))
        return self

    def info(self) -> ModelInfo | None:
        return self._info

    def logits(self, contexts: Sequence[str], targets: Sequence[str]) -> np.ndarray:
        """Raw logits of every task, shape (n, sum of classes)."""
        self.load()
        width = sum(len(t.classes) for t in self.tasks.values())
        out = np.zeros((len(targets), width), dtype=np.float32)
        if not len(targets):
            return out
        max_length, target_max = int(self.config["max_length"]), int(self.config["target_max"])

        def one(pair: tuple[str, str]) -> np.ndarray:
            ids, types = pair_ids(self._tokenizer, pair[0], pair[1], max_length, target_max)
            feeds = {"input_ids": np.array([ids], dtype=np.int64), "attention_mask": np.ones((1, len(ids)), dtype=np.int64),
                     "token_type_ids": np.array([types], dtype=np.int64)}
            return self._session.run(None, feeds)[0][0]

        for i, row in enumerate(run_each(one, list(zip(contexts, targets)), self.threads)):
            out[i] = row
        return out

    def outputs(self, logits: np.ndarray, tasks: Sequence[str] | None = None) -> dict[str, tuple[np.ndarray, np.ndarray]]:
        """(calibrated probabilities, decided class index) per task."""
        out = {}
        for name in tasks or list(self.tasks):
            spec = self.tasks[name]
            p = spec.probabilities(logits)
            out[name] = (p, spec.decide(p))
        return out

    def predict(self, contexts: Sequence[str], targets: Sequence[str],
                tasks: Sequence[str] | None = None) -> dict[str, tuple[np.ndarray, np.ndarray]]:
        return self.outputs(self.logits(contexts, targets), tasks)
