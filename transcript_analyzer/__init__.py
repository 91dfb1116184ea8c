"""transcript-analyzer: therapeutic-alliance evidence from therapy-session transcripts and recordings.

    >>> import transcript_analyzer as ta
    >>> session = ta.analyze("sample_transcripts/strong_alliance.txt")
    >>> session.metrics.roles[0].word_share

Importing the package is cheap: models load on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

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
