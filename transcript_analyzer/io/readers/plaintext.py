"""Plain-text transcripts with speaker prefixes (also used for the paragraphs of Word files).

Recognised lines::

    Therapist: How have things been?            T: ...   Dr. Lee: ...   SPEAKER_00: ...
    [00:12:03] Client: Not great.                00:12:03 Client: ...   (12:03) C - no dash form
    Client [00:12:03]: ...                       Client (00:12:03): ...  Client: [00:12:03] ...
    **Therapist:** ...                           (Markdown bold)
    Speaker 1  00:03     Smith, Sarah   0:00:03  (Otter, Teams: label line, text below)
    Sarah Smith (00:03):                         (Rev: label line, text below)
    [00:00:03] Sarah Smith                       (Trint: time first, text below)
    [00:00:03] Sarah Smith: ...   Sarah Smith: [00:00:03] ...   (Descript, Sonix)
    Dr. Sarah Smith (she/her): ...               (pronouns are not part of the speaker)

Otter's footer and Teams' 'started transcription' lines are dropped (clinic.py). A malformed time
where a label line has one ('Sarah Smith  0:0x3', '[00:0x:03] Sam: ...') keeps the turn; build.py
estimates the time, with a warning.

A line without a prefix continues the previous turn. A candidate label counts as a speaker when
it repeats, or (once dialogue has started) when it names a role or looks like a name; anything
else ("My goal for this week: ...") stays text. Lines before the first repeated speaker label
are a header ("Trainee: J. Ellis", "Date: 14 March") and are skipped with a warning.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from ...errors import InputError
from ...text.labels import role_from_label
from .build import Entry, parse_time
from .checks import label_key
from .clinic import PRONOUNS, device_owner, is_service_line

_TS = r"(?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?"
_SLIP = r"\d[\w.,;]*:[\w:.,;]*"  # a time with a typing slip: '00:0x:03', '0:3'
# A slip is taken for a time only in brackets: [..] around a time that opens or ends a label, (..)
# between a label and its colon ('Sam (00:0x:03):'); '(10:30am)' after a label is speech.
_SQ_TS = rf"(?:{_TS}|(?<=\[){_SLIP}(?=\]))"
_BR_TS = rf"(?:{_TS}|(?<=[\[(]){_SLIP}(?=[\])]))"
_LINE = re.compile(
    rf"""^\s*
    (?:[\[(]?(?P<ts1>{_SQ_TS})[\])]?\s*[-–—|]?\s*)?
    (?:\*\*|__)?(?P<label>[^\W\d_][\w.'’\- ]{{0,39}}?)\s*
    (?:{PRONOUNS}\s*)?                  # Zoom/Teams display names: 'Dr. Sarah Smith (she/her): ...'
    (?:[\[(](?P<ts2>{_BR_TS})[\])])?\s*
    (?:\*\*|__)?[:：](?!\d)(?:\*\*|__)?\s*   # not the colon of a clock time ('Tom 3:30')
    (?:[\[(]?(?P<ts3>{_SQ_TS})[\])]?(?:\s+|(?<=[\])])$))?   # 'Client: [00:12:03]' may end the line
    (?P<text>.*)$""",
    re.X,
)
# 'Speaker 1  0:03', 'Smith, Sarah   0:00:03' (Otter, Teams): the label line, text on the next lines
_LABEL_LINE = re.compile(
    rf"^\s*(?P<label>[^\W\d_][\w.,'’\- ]{{0,39}}?)(?<!,)\s*(?:{PRONOUNS})?\s+[\[(]?(?P<ts>{_TS}|{_SLIP})[\])]?\s*$")
# '[00:00:03] Sarah Smith' (Trint): the time first, text on the next lines
_TIME_FIRST = re.compile(
    rf"^\s*[\[(]?(?P<ts>{_SQ_TS})[\])]?\s+(?P<label>[^\W\d_][\w.,'’\- ]{{0,39}}?)(?<![.!?,])\s*$")
_TIME_LINE = re.compile(rf"^\s*[\[(]?(?P<ts>{_SQ_TS})[\])]?\s*$")

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
    set_apart: bool = False  # a label line's time set apart as exports do ('Name  0:03', '[00:00:03] Name')
    bad_time: str | None = None  # a malformed time where a time belongs, quoted


def parse_lines(lines: Iterable[tuple[int, str]], path: Path) -> tuple[list[Entry], list[str]]:
    """Turn numbered lines into speaker entries; returns (entries, warnings)."""
    candidates = [_candidate(n, raw) for n, raw in lines if raw.strip() and not is_service_line(raw)]
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
    m = _LABEL_LINE.match(raw) or _TIME_FIRST.match(raw)
    if m and (m.re is _LABEL_LINE or _plausible_label(m["label"])):
        time, bad = _time(m["ts"])
        gap = raw[m.end("label"):m.start("ts")] if m.re is _LABEL_LINE else raw.lstrip()[:1]
        apart = "  " in gap or "\t" in gap or gap == "["
        return _Candidate(number, raw, _canon(m["label"]), "", time, label_only=True, bad_time=bad, set_apart=apart)
    m = _TIME_LINE.match(raw)
    if m:
        time, bad = _time(m["ts"])
        return _Candidate(number, raw, None, "", time, time_only=True, bad_time=bad)
    m = _LINE.match(raw)
    if m and _plausible_label(m["label"]):
        time, bad = _time(m["ts1"] or m["ts2"] or m["ts3"])
        return _Candidate(number, raw, _canon(m["label"]), m["text"].strip(), time, bad_time=bad)
    return _Candidate(number, raw, None, raw.strip())


def _time(ts: str | None) -> tuple[float | None, str | None]:
    """(seconds, None) for a time, (None, the text quoted) for a malformed one, (None, None) for none."""
    if not ts:
        return None, None
    seconds = parse_time(ts)
    return (seconds, None) if seconds is not None else (None, f"'{ts}'")


def _canon(label: str) -> str:
    return " ".join(label.strip(" *_").split())


def _plausible_label(label: str) -> bool:
    words = _canon(label).split()
    return 1 <= len(words) <= 4 and not label.rstrip().endswith(("'", "’", "-", ","))


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
    return bool(role_from_label(label) or _name_like(label) or device_owner(label))


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


def _label_line_layout(candidates: list[_Candidate], speakers: dict[str, str]) -> bool:
    """Whether the speakers are mostly written on lines of their own ('Speaker 1  0:03', Otter, Teams)."""
    known = [c.label_only for c in candidates if c.label and c.label.lower() in speakers]
    return sum(known) > len(known) / 2


def _assemble(candidates: list[_Candidate], speakers: dict[str, str]) -> tuple[list[Entry], list[str]]:
    """Entries keep each label as spelled; build.py merges spellings of one speaker, with a warning."""
    entries: list[Entry] = []
    warnings: list[str] = []
    header: list[int] = []
    pending: _Candidate | None = None  # a time on a line of its own, for the next turn
    keys = {label_key(label) for label in speakers.values()}
    label_lines = _label_line_layout(candidates, speakers)
    for c in candidates:
        key = c.label.lower() if c.label else None
        # A label seen once may still start a turn, but not a bare 'Tuesday 3:30' line: a name and
        # a time alone on a line only where speakers are written so, set apart, after a turn's text.
        starts_turn = key in speakers or (key and label_key(c.label) in keys) or (
            entries and key and may_start_turn(c.label)
            and (not c.label_only or (label_lines and c.set_apart and c.time is not None and entries[-1].text)))
        if starts_turn:
            timed = c if c.time is not None or c.bad_time or pending is None else pending
            entries.append(Entry(speaker=c.label, text=c.text, start=timed.time, line=c.line, bad_time=timed.bad_time))
            pending = None
        elif c.time_only:
            pending = c
        elif not entries:
            header.append(c.line)
        else:
            entries[-1] = dataclasses.replace(entries[-1], text=f"{entries[-1].text} {c.raw.strip()}".strip())
    if header:
        warnings.append(
            f"{len(header)} line(s) before the first speaker label were treated as a header and "
            f"skipped (lines {header[0]}-{header[-1]})"
        )
    return entries, warnings
