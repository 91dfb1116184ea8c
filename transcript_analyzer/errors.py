"""Exceptions. Every message says what was wrong and, where it can, how to fix it.

The CLI maps :class:`InputError` (the user's file is the problem) and :class:`ConfigError`
(an option is the problem) to exit status 2, anything else from this hierarchy to 1.
"""

from __future__ import annotations

from pathlib import Path


class AnalyzerError(Exception):
    """Base class for every error the library raises on purpose."""

    exit_code = 1


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
