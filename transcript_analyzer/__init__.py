"""transcript-analyzer: therapeutic-alliance evidence from therapy-session transcripts and recordings.

    >>> import transcript_analyzer as ta
    >>> session = ta.analyze("sample_transcripts/strong_alliance.txt")
    >>> session.metrics.roles[0].word_share

Importing the package is cheap: models load on first use.
"""

from __future__ import annotations

import os
import sys
import warnings
from typing import TYPE_CHECKING, Any

# Nothing is sent anywhere, by construction (issue 10). The onnxruntime wheels from 1.29 on carry
# Microsoft's 1DS telemetry client: some 8 s after the first model loads it resolves
# mobile.events.data.microsoft.com and uploads over TLS, and it keeps a device id and an event queue
# in ~/.cache/Microsoft/DeveloperTools/.onnxruntime. `onnxruntime.disable_telemetry_events()` does not
# stop it; this variable does, but only if it is set before onnxruntime is first imported (the library
# reads it when it loads). Every module of the package runs this file first, so the CLI, the API and the
# batch's Dask workers (spawned with this environment, and importing this package to unpickle their
# plugin) all have it in time. onnxruntime 1.28.0, the last release without the client, would change
# every embedding (up to 0.03) and so the heads' results. Proven by tests/test_network.py.
_ORT_LOADED_FIRST = "onnxruntime" in sys.modules and os.environ.get("ORT_DISABLE_TELEMETRY") not in ("1", "true")
os.environ["ORT_DISABLE_TELEMETRY"] = "1"
if _ORT_LOADED_FIRST:  # a program that imported onnxruntime itself before this package
    warnings.warn("onnxruntime was imported before transcript_analyzer, so its telemetry (which contacts "
                  "Microsoft's servers) is on for this process: import transcript_analyzer first, or set "
                  "ORT_DISABLE_TELEMETRY=1 in the environment", RuntimeWarning, stacklevel=2)

__version__ = "0.1.0"
__all__ = ["analyze", "read_transcript", "__version__"]

if TYPE_CHECKING:
    from .model import Session


def analyze(path: Any, **options: Any) -> Session:
    """Read a transcript and run the analysis pipeline on it; see :func:`transcript_analyzer.api.analyze`."""
    from .api import analyze as _analyze

    return _analyze(path, **options)


def read_transcript(path: Any, **options: Any) -> Session:
    """Read a transcript into a Session (turns only, no analysis)."""
    from .api import read as _read

    return _read(path, **options)
