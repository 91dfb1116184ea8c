"""Embeddings of training texts, cached on disk per encoder (keyed by the model file's sha256 and
the text's hash), so that training recipes do not re-encode the corpora on every run. The cache
lives outside the project ($TRANSCRIPT_ANALYZER_CACHE, else ~/.cache/transcript-analyzer)."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path
from typing import Sequence

import numpy as np

from ...markers.encoder import Encoder
from ...resources import cache_dir


class CachedEncoder:
    """``encode(texts)`` like the Encoder, reading and adding to the on-disk cache."""

    def __init__(self, encoder: Encoder, folder: Path | None = None):
        self.encoder = encoder.load()
        digest = (encoder.info().sha256 or "unknown")[:16]
        # "single": vectors of texts encoded one per run (see Encoder.encode), never batched ones
        self.path = (folder or cache_dir()) / f"embeddings-{digest}-single.npz"
        self._vectors: dict[str, np.ndarray] = {}
        if self.path.is_file():
            with np.load(self.path) as z:
                self._vectors = dict(zip(z["keys"].tolist(), z["vectors"]))
        self._dirty = False

    @staticmethod
    def key(text: str) -> str:
        return hashlib.sha1(text.encode("utf-8")).hexdigest()

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        keys = [self.key(t) for t in texts]
        missing = sorted({k: t for k, t in zip(keys, texts) if k not in self._vectors}.items())
        if missing:
            vectors = self.encoder.encode([t for _, t in missing])
            self._vectors.update(zip([k for k, _ in missing], vectors))
            self._dirty = True
            self.save()
        if not texts:
            return np.zeros((0, self.encoder.dim), dtype=np.float32)
        return np.stack([self._vectors[k] for k in keys])

    def save(self) -> None:
        if not self._dirty:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, suffix=".npz")
        with os.fdopen(fd, "wb") as f:
            np.savez(f, keys=np.array(list(self._vectors)), vectors=np.stack(list(self._vectors.values())))
        os.replace(tmp, self.path)
        self._dirty = False
