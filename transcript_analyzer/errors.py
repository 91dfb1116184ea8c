"""Exceptions. Every message says what was wrong and, where it can, how to fix it.

The CLI maps :class:`InputError` (the user's file is the problem), :class:`ConfigError`
(an option is the problem), :class:`OutputError` and :class:`ExtraError` (an optional part of the
install is missing) to exit status 2, anything else from this hierarchy to 1.

A redacted run shows no identifying text, errors included. An error's message may quote the
user's data (a speaker label, a line of the file); the raising code says which text it quoted
(``quoted=...``; ``()`` for none), and ``redacted()`` gives the same error with that text, the
input's path and any other identifying strings replaced. An input error whose raiser did not say
what it quotes is assumed to quote the file: a redacted run withholds its problem. ``redacting``
applies this to everything raised in a block.
"""

from __future__ import annotations

import copy
import re
import traceback
import unicodedata
from contextlib import contextmanager
from pathlib import Path
from typing import Iterable, Iterator

REDACTED = "[redacted]"
WITHHELD = "the problem is not shown in a redacted run, as it may quote the file; rerun without --redact to see it"

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
    quoted: tuple[str, ...] | None = None  # user text the message quotes; None: not declared

    def __init__(self, *args: object, quoted: Iterable[str] | None = None):
        super().__init__(*args)
        if quoted is not None:
            self.quoted = tuple(str(q) for q in quoted)

    def redacted(self, identifying: Iterable[str] = (), paths: Iterable[str] = ()) -> AnalyzerError:
        """This error with the text it quotes, every ``identifying`` string and ``paths`` replaced."""
        return self._with_message(scrub(str(self), [*(self.quoted or ()), *identifying], paths))

    def _with_message(self, message: str) -> AnalyzerError:
        clone = copy.copy(self)
        clone.args = (message,)
        clone.quoted = ()
        return clone

    def __str__(self) -> str:
        return one_line(super().__str__())


class InputError(AnalyzerError):
    """The input file cannot be used: empty, binary, unknown format, malformed, unreadable."""

    exit_code = 2

    def __init__(self, path: str | Path | None, problem: str, *, line: int | None = None,
                 quoted: Iterable[str] | None = None):
        self.path = str(path) if path is not None else None
        self.problem = problem
        self.line = line
        where = self.path or "<input>"
        if line is not None:
            where = f"{where}, line {line}"
        super().__init__(f"{where}: {problem}", quoted=quoted)

    def __reduce__(self):  # pickles (e.g. across Dask processes) with its fields
        return _rebuild, (type(self), self.path, self.problem, self.line, self.quoted, self.args)

    def redacted(self, identifying: Iterable[str] = (), paths: Iterable[str] = ()) -> AnalyzerError:
        """The input's path becomes '<input>'; the problem is withheld unless its raiser declared
        what it quotes, and then that text and every ``identifying`` string are replaced."""
        if self.quoted is None:
            problem = WITHHELD
        else:
            own = [self.path, Path(self.path).name] if self.path else []
            problem = scrub(self.problem, [*self.quoted, *identifying], [*own, *paths])
        where = "<input>" + (f", line {self.line}" if self.line is not None else "")
        clone = self._with_message(f"{where}: {problem}")
        clone.path, clone.problem = None, problem
        return clone


def _rebuild(cls, path, problem, line, quoted, args):
    error = cls(path, problem, line=line, quoted=quoted)
    error.args = args
    return error


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


class ExtraError(AnalyzerError):
    """What was asked for needs an optional part of the install (a pip extra) that is not installed:
    a recording needs ``[audio]``, a corpus run ``[batch]``, a training recipe ``[train]`` (extras.py)."""

    exit_code = 2

    def __init__(self, purpose: str, extra: str, module: str):
        self.purpose, self.extra, self.module = purpose, extra, module
        super().__init__(f"{purpose} needs the optional [{extra}] part of transcript-analyzer (Python module "
                         f"'{module}' is not installed): pip install 'transcript-analyzer[{extra}]'", quoted=())

    def __reduce__(self):
        return type(self), (self.purpose, self.extra, self.module)


def scrub(message: str, names: Iterable[str | None] = (), whole: Iterable[str | None] = ()) -> str:
    """``message`` with each of ``names`` (and each name in one, "Jane" and "Roe" of "Dr. Jane
    Roe") and each of ``whole`` (e.g. paths) replaced by [redacted], ignoring case, whole words only."""
    strings = {str(w).strip() for w in whole if w and len(str(w).strip()) > 1}
    for text in names:
        if not text or len(str(text).strip()) < 2:  # a one-letter label ("T") would hit every "t"
            continue
        text = str(text).strip()
        strings.add(text)
        strings.update(p for p in re.split(r"[^\w'’-]+", text) if len(p) >= 3 and p[0].isupper())
    for text in sorted(strings, key=len, reverse=True):
        message = re.sub(rf"(?<!\w){re.escape(text)}(?!\w)", REDACTED, message, flags=re.I)
    return message


def internal_error(error: BaseException) -> AnalyzerError:
    """An unexpected exception as a redacted run may report it: its type and where, not its message."""
    where = traceback.extract_tb(error.__traceback__)[-1] if error.__traceback__ else None
    at = f" at {Path(where.filename).name}:{where.lineno}" if where else ""
    return AnalyzerError(f"internal error ({type(error).__name__}{at}); its message is not shown in a redacted run, "
                         "as it may quote the file: rerun without --redact to see it", quoted=())


@contextmanager
def redacting(enabled: bool, identifying: list[str], paths: Iterable[str | Path] = ()) -> Iterator[None]:
    """In a redacted run, errors leave the block redacted (``AnalyzerError.redacted``) and any
    other exception as ``internal_error``; the originals are not chained, as they hold the text.
    ``identifying`` may grow inside the block (e.g. with speaker labels once read); ``paths``
    are the input files (their full path, name and stem are identifying)."""
    if not enabled:
        yield
        return
    names = [str(s) for p in paths for s in (p, Path(p).name, Path(p).stem)]
    try:
        yield
    except AnalyzerError as e:
        raise e.redacted(identifying, names) from None
    except Exception as e:
        raise internal_error(e) from None
