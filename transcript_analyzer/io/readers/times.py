"""Malformed times in an otherwise timed file (a mistyped cue timing, a 'soon' in a time column).

A few are a typing slip: the entry is kept, its missing time is estimated from the entries around
it (so that talk time and silences still add up), and a warning names the lines. When most times
are malformed they are not slips but the wrong column or a layout we do not know, and the file is
refused with one message that says so.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING

from ...errors import InputError
from .checks import count_phrase
from .lines import line_ranges

if TYPE_CHECKING:  # build.py imports this module
    from .build import Entry

_HINTS = {
    "csv": "; or name the time columns with --columns start=COLUMN,end=COLUMN",
    "json": "; or name the time fields with --columns start=FIELD,end=FIELD",
}


def repair_times(entries: list[Entry], path: Path, fmt: str, noun: str,
                 line_noun: str) -> tuple[list[Entry], list[str]]:
    """Entries with estimated times where a reader found a malformed one, and the warning; an
    InputError when most of the file's times are malformed."""
    bad = [i for i, e in enumerate(entries) if e.bad_time is not None]
    if not bad:
        return entries, []
    timed = sum(1 for e in entries if e.start is not None or e.bad_time is not None)
    lines = [entries[i].line if entries[i].line is not None else i + 1 for i in bad]
    example = entries[bad[0]].bad_time
    where = f"{line_noun} {lines[0]}" if len(lines) == 1 else f"{line_noun}s {line_ranges(lines)}"
    if 2 * len(bad) > timed:
        raise InputError(
            path,
            f"malformed {_what(noun)} {example}; most of the file's times are malformed ({len(bad)} of "
            f"{count_phrase(timed, noun)}: {where}): fix them (hh:mm:ss.mmm, mm:ss or seconds){_HINTS.get(fmt, '')}",
            line=lines[0], quoted=[_value(entries[i].bad_time) for i in bad],
        )
    spans = any(e.end is not None for e in entries if e.bad_time is None)
    repaired = list(entries)
    for i in bad:
        repaired[i] = _estimate(entries, i, spans)
    if len(bad) == 1:
        warning = (f"malformed {_what(noun)} {example} ({where}): the {noun} is kept, "
                   f"its time estimated from the {noun}s around it")
    else:
        warning = (f"{len(bad)} malformed {_what(noun)}s ({where}, e.g. {example}): the {noun}s "
                   f"are kept, their times estimated from the {noun}s around them")
    return repaired, [warning]


def _what(noun: str) -> str:
    return "cue timing" if noun == "cue" else "time"


def _value(bad_time: str | None) -> str:
    """The value a reader quoted: "'soon' in column start" -> 'soon' (it may hold a name)."""
    text = bad_time or ""
    return text[text.find("'") + 1:text.rfind("'")] if text.count("'") >= 2 else text


def _estimate(entries: list[Entry], i: int, spans: bool) -> Entry:
    """The entry with its missing start (and end, in a file of spans) between its good neighbours."""
    entry = entries[i]
    before = next((e for e in reversed(entries[:i]) if e.bad_time is None and e.start is not None), None)
    after = next((e for e in entries[i + 1:] if e.bad_time is None and e.start is not None), None)
    low = (before.end if spans and before.end is not None else before.start) if before else None
    high = after.start if after else None
    if low is None and high is None:
        return entry
    low = high if low is None else low
    high = low if high is None else high
    low = min(low, high)
    if spans:
        start = entry.start if entry.start is not None else low
        end = entry.end if entry.end is not None else max(high, start)
    else:
        start = entry.start if entry.start is not None else (low + high) / 2
        end = entry.end
    return dataclasses.replace(entry, start=start, end=end)
