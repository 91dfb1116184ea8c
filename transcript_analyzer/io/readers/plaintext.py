"""Plain-text transcripts with speaker prefixes (also used for the paragraphs of Word files).

Recognised lines::

    Therapist: How have things been?            T: ...   Dr. Lee: ...   SPEAKER_00: ...
    [00:12:03] Client: Not great.                00:12:03 Client: ...   (12:03) C - no dash form
    Client [00:12:03]: ...                       Client (00:12:03): ...  Client: [00:12:03] ...
    **Therapist:** ...                           (Markdown bold)
    Speaker 1  00:03                             (Otter/Zoom export: label line, text below)

A line without a prefix continues the previous turn. A candidate label counts as a speaker when
it repeats, or (once dialogue has started) when it names a role or looks like a name; anything
else ("My goal for this week: ...") stays text. Lines before the first repeated speaker label
are a header ("Trainee: J. Ellis", "Date: 14 March") and are skipped with a warning.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from ...errors import InputError
from ...text.labels import role_from_label
from .build import Entry, parse_time
from .checks import label_key

_TS = r"(?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?"
_LINE = re.compile(
    rf"""^\s*
    (?:[\[(]?(?P<ts1>{_TS})[\])]?\s*[-–—|]?\s*)?
    (?:\*\*|__)?(?P<label>[^\W\d_][\w.'’\- ]{{0,39}}?)\s*
    (?:[\[(](?P<ts2>{_TS})[\])])?\s*
    (?:\*\*|__)?[:：](?!\d)(?:\*\*|__)?\s*   # not the colon of a clock time ('Tom 3:30')
    (?:[\[(]?(?P<ts3>{_TS})[\])]?(?:\s+|(?<=[\])])$))?   # 'Client: [00:12:03]' may end the line
    (?P<text>.*)$""",
    re.X,
)
_LABEL_LINE = re.compile(rf"^\s*(?P<label>[^\W\d_][\w.'’\- ]{{0,39}}?)\s+[\[(]?(?P<ts>{_TS})[\])]?\s*$")
_TIME_LINE = re.compile(rf"^\s*[\[(]?(?P<ts>{_TS})[\])]?\s*$")

_PARTICLES = {"de", "da", "del", "van", "von", "der", "le", "la", "di", "du", "bin", "al"}
# Capitalised words that start ordinary "Word: text" lines in notes, not speaker names.
_NOT_NAMES = {
    "note", "notes", "example", "answer", "question", "summary", "subject", "update", "edit",
    "warning", "important", "quote", "reason", "result", "response", "tip", "step", "goal",
    "goals", "homework", "plan", "assessment", "diagnosis", "date", "time", "session", "re",
    "ps", "nb", "so", "well", "ok", "okay", "yes", "no", "and", "but", "also", "location",
    "duration", "recorded", "transcript", "supervisor", "topic", "title", "agenda",
}


@dataclass(frozen=True)
class _Candidate:
    line: int
    raw: str
    label: str | None = None
    text: str = ""
    time: float | None = None
    time_only: bool = False
    label_only: bool = False  # 'Speaker 1  0:03' with the text on the next lines


def parse_lines(lines: Iterable[tuple[int, str]], path: Path) -> tuple[list[Entry], list[str]]:
    """Turn numbered lines into speaker entries; returns (entries, warnings)."""
    candidates = [_candidate(n, raw) for n, raw in lines if raw.strip()]
    if not candidates:
        raise InputError(path, "contains no text", quoted=())
    speakers = accept_labels([c.label for c in candidates if c.label])
    if not speakers:
        raise InputError(
            path,
            "no speaker labels found: expected lines like 'Therapist: ...', 'C: ...' or "
            "'Dr. Lee: ...' (or pass --format if this is another format)",
            quoted=(),
        )
    return _assemble(candidates, speakers)


def _candidate(number: int, raw: str) -> _Candidate:
    m = _LABEL_LINE.match(raw)
    if m:
        return _Candidate(number, raw, _canon(m["label"]), "", parse_time(m["ts"]), label_only=True)
    m = _TIME_LINE.match(raw)
    if m:
        return _Candidate(number, raw, None, "", parse_time(m["ts"]), time_only=True)
    m = _LINE.match(raw)
    if m and _plausible_label(m["label"]):
        ts = m["ts1"] or m["ts2"] or m["ts3"]
        return _Candidate(number, raw, _canon(m["label"]), m["text"].strip(), parse_time(ts) if ts else None)
    return _Candidate(number, raw, None, raw.strip())


def _canon(label: str) -> str:
    return " ".join(label.strip(" *_").split())


def _plausible_label(label: str) -> bool:
    words = _canon(label).split()
    return 1 <= len(words) <= 4 and not label.rstrip().endswith(("'", "’", "-"))


def _name_like(label: str) -> bool:
    words = label.replace("_", " ").split()
    if words and words[0].lower().strip(".") in _NOT_NAMES:
        return False
    return all(w[0].isupper() or w[0].isdigit() or w.lower() in _PARTICLES for w in words)


def speaker_prefix(raw: str) -> tuple[str, str, float | None] | None:
    """(label, text, time) when the line starts with something that may be a speaker label."""
    c = _candidate(0, raw)
    return (c.label, c.text, c.time) if c.label and not c.time_only else None


def may_start_turn(label: str) -> bool:
    """Whether a label seen once may still be a speaker (a role word or a name)."""
    return bool(role_from_label(label) or _name_like(label))


def accept_labels(labels: list[str]) -> dict[str, str]:
    """Case-insensitive label -> display form, for labels that are surely speakers. A label repeats
    when its spelling up to case, spaces and punctuation does ('Dr Lee' once and 'Dr. Lee' once)."""
    counts = Counter(label_key(label) for label in labels)
    display: dict[str, str] = {}
    for label in labels:
        display.setdefault(label.lower(), label)
    sure = {k: v for k, v in display.items() if counts[label_key(v)] >= 2}
    if sure:
        return sure
    # No label repeats: keep role words and name-like labels, so that a two-line exchange
    # still reads and the "labels never repeat" check can say what is wrong.
    return {k: v for k, v in display.items() if may_start_turn(v)}


def _assemble(candidates: list[_Candidate], speakers: dict[str, str]) -> tuple[list[Entry], list[str]]:
    """Entries keep each label as spelled; build.py merges spellings of one speaker, with a warning."""
    entries: list[Entry] = []
    warnings: list[str] = []
    header: list[int] = []
    pending_time: float | None = None
    keys = {label_key(label) for label in speakers.values()}
    for c in candidates:
        key = c.label.lower() if c.label else None
        # A label seen once may still start a turn, but not a bare 'Tuesday 3:30' line.
        starts_turn = key in speakers or (key and label_key(c.label) in keys) or (
            entries and key and not c.label_only and may_start_turn(c.label))
        if starts_turn:
            time = c.time if c.time is not None else pending_time
            entries.append(Entry(speaker=c.label, text=c.text, start=time, line=c.line))
            pending_time = None
        elif c.time_only:
            pending_time = c.time
        elif not entries:
            header.append(c.line)
        else:
            last = entries[-1]
            entries[-1] = Entry(last.speaker, f"{last.text} {c.raw.strip()}".strip(), last.start, None, last.line)
    if header:
        warnings.append(
            f"{len(header)} line(s) before the first speaker label were treated as a header and "
            f"skipped (lines {header[0]}-{header[-1]})"
        )
    return entries, warnings
