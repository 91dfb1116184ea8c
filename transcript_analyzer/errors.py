"""Exceptions. Every message says what was wrong and, where it can, how to fix it.

The CLI maps :class:`InputError` (the user's file is the problem) and :class:`ConfigError`
(an option is the problem) to exit status 2, anything else from this hierarchy to 1.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
# control, format (bidi overrides, zero-width), line/paragraph separators, and lone surrogates
# (undecodable bytes of a file name), which would otherwise fail to print
_HIDDEN = {"Cc", "Cf", "Zl", "Zp", "Cs"}


def one_line(text: str) -> str:
    """``text`` with line breaks, control and format characters escaped (``\\n``, ``\\x1b``, ``\\u202e``),
    so that a message holding a file name or file content stays one line and cannot drive a terminal."""
    return "".join(ch if unicodedata.category(ch) not in _HIDDEN else _escape(ch) for ch in text)


def _escape(ch: str) -> str:
    if ch in _ESCAPES:
        return _ESCAPES[ch]
    return f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}"


class AnalyzerError(Exception):
    """Base class for every error the library raises on purpose. Its message is always one line:
    control characters (a newline in a file name, say) are shown escaped."""

    exit_code = 1

    def __str__(self) -> str:
        return one_line(super().__str__())


class InputError(AnalyzerError):
    """The input file cannot be used: empty, binary, unknown format, malformed, unreadable."""

    exit_code = 2

    def __init__(self, path: str | Path | None, problem: str, *, line: int | None = None):
        self.path = str(path) if path is not None else None
        self.problem = problem
        self.line = line
        where = self.path or "<input>"
        if line is not None:
            where = f"{where}, line {line}"
        super().__init__(f"{where}: {problem}")


class ConfigError(AnalyzerError):
    """An option, recipe or configuration value is wrong."""

    exit_code = 2


class RoleError(InputError):
    """Roles cannot be decided (one speaker, or no clear therapist among several)."""


class ModelError(AnalyzerError):
    """A model is missing, fails its integrity check or cannot be loaded."""


class PipelineError(AnalyzerError):
    """Stages were put together so that one needs something no earlier stage provides."""


class ClusterError(AnalyzerError):
    """The batch run's Dask cluster cannot start (e.g. this machine cannot reach 127.0.0.1)."""


class OutputError(AnalyzerError):
    """Results cannot be written (e.g. the output path is a file, or not writable)."""

    exit_code = 2
