"""What every reader shares: raw entries in, a validated Session out."""

from __future__ import annotations

import dataclasses
import math
import re
from dataclasses import dataclass
from typing import Iterable

from ... import __version__
from ...config import ReadOptions
from ...errors import InputError
from ...model import ROLES, Session, SessionMeta, Speaker, Turn, Word
from .checks import merge_label_variants, order_warnings
from .clinic import merge_device_labels
from .source import Source
from .times import repair_times

# What one entry is called in a format, and what its ``line`` counts (for warnings).
_NOUNS = {"vtt": ("cue", "line"), "srt": ("cue", "line"), "csv": ("row", "line"), "json": ("segment", "item"),
          "docx": ("paragraph", "paragraph")}
_TIME = re.compile(r"^\s*(?:(\d{1,2}):)?(\d{1,2}):(\d{2})(?:[.,](\d{1,3}))?\s*$")


@dataclass(frozen=True)
class Entry:
    """One speaker-attributed piece of text as found in the source (a line, cue, row, segment)."""

    speaker: str
    text: str
    start: float | None = None
    end: float | None = None
    line: int | None = None
    role: str | None = None
    words: tuple[Word, ...] = ()
    bad_time: str | None = None  # a malformed time as found, quoted ("'00:0x:03'"); start/end None


def parse_time(value: str) -> float | None:
    """``hh:mm:ss(.mmm)``, ``mm:ss`` or a number of seconds -> seconds; None if it is neither."""
    value = value.strip()
    m = _TIME.match(value)
    if m:
        h, mnt, s, frac = m.groups()
        seconds = int(h or 0) * 3600 + int(mnt) * 60 + int(s)
        return seconds + (int(frac.ljust(3, "0")) / 1000 if frac else 0.0)
    try:
        number = float(value)
    except ValueError:
        return None
    return number if number >= 0 and math.isfinite(number) else None


def clean_text(text: str) -> str:
    return " ".join(text.split())


def build_session(
    entries: Iterable[Entry],
    source: Source,
    fmt: str,
    *,
    warnings: Iterable[str] = (),
    session_id: str | None = None,
    speakers: tuple[Speaker, ...] = (),
    encoding: str | None = None,
    max_turn_chars: int = ReadOptions.max_turn_chars,
) -> Session:
    """Merge consecutive entries of one speaker into turns, check the result, attach provenance.

    Labels differing only in case, spacing or punctuation become one speaker, as do a device name
    and its owner ('Jordan's iPhone', 'Jordan Lee'); entries whose times run backwards, and a few
    malformed times, are named, each with a warning. A turn over ``max_turn_chars``, or a file whose
    times are mostly malformed, is refused."""
    kept = [e for e in entries if clean_text(e.text)]
    if not kept:
        raise InputError(source.path, f"no speech turns found (read as {fmt})", quoted=())
    noun, line_noun = _NOUNS.get(fmt, ("line", "line"))
    kept, time_warnings = repair_times(kept, source.path, fmt, noun, line_noun)
    kept, renames, label_warnings = merge_label_variants(kept, noun)
    kept, device_renames, device_warnings = merge_device_labels(kept, noun)
    speakers = _rename_speakers(_rename_speakers(speakers, renames), device_renames)
    _check_labels(kept, source)
    turns = _merge(kept)
    _check_turn_lengths(turns, source, max_turn_chars)
    warnings = [*source.warnings, *warnings, *time_warnings, *label_warnings, *device_warnings,
                *order_warnings(kept, noun, line_noun)]
    times = [t for turn in turns for t in (turn.start, turn.end) if t is not None]
    meta = SessionMeta(
        session_id=session_id or source.path.stem,
        source_file=str(source.path),
        source_sha256=source.sha256,
        source_format=fmt,
        source_encoding=encoding,
        duration=max(times) if times else None,
        warnings=tuple(warnings),
        tool_version=__version__,
    )
    return Session(meta=meta, turns=tuple(turns), speakers=speakers)


def _rename_speakers(speakers: tuple[Speaker, ...], renames: dict[str, str]) -> tuple[Speaker, ...]:
    """A session file's speaker list after merging label variants (one entry per label)."""
    renamed = {}
    for speaker in speakers:
        label = renames.get(speaker.label, speaker.label)
        renamed.setdefault(label, dataclasses.replace(speaker, label=label))
    return tuple(renamed.values())


def _check_turn_lengths(turns: list[Turn], source: Source, limit: int) -> None:
    """Refuse a turn too long to segment: usually missing speaker labels or line breaks."""
    longest = max(turns, key=lambda t: len(t.text))
    if len(longest.text) > limit:
        raise InputError(
            source.path,
            f"one turn ({longest.speaker}) is {len(longest.text):,} characters long, over the {limit:,} limit: "
            "are speaker labels missing? Split the turn, or raise the limit with --set read.max_turn_chars=N",
            line=longest.source_line, quoted=[longest.speaker],
        )


def _check_labels(entries: list[Entry], source: Source) -> None:
    labels = [e.speaker for e in entries]
    distinct = set(labels)
    if len(distinct) >= 3 and len(distinct) == len(labels):
        shown = ", ".join(sorted(distinct)[:4])
        raise InputError(
            source.path,
            f"speaker labels never repeat ({len(distinct)} labels on {len(labels)} turns, e.g. {shown}): "
            "they do not identify speakers; check the speaker prefixes or the speaker column",
            quoted=sorted(distinct)[:4],
        )
    bad_roles = sorted({e.role for e in entries if e.role is not None and e.role not in ROLES})
    if bad_roles:
        raise InputError(source.path, f"unknown role(s) {', '.join(bad_roles)}; roles are {' and '.join(ROLES)}", quoted=bad_roles)


def _merge(entries: list[Entry]) -> list[Turn]:
    turns: list[Turn] = []
    group: list[Entry] = []
    for entry in entries:
        if group and (entry.speaker != group[0].speaker or entry.role != group[0].role):
            turns.append(_turn(len(turns), group))
            group = []
        group.append(entry)
    turns.append(_turn(len(turns), group))
    return turns


def _turn(index: int, group: list[Entry]) -> Turn:
    first = group[0]
    ends = [e.end for e in group if e.end is not None]
    return Turn(
        index=index,
        speaker=first.speaker,
        text=clean_text(" ".join(e.text for e in group)),
        start=first.start,
        end=max(ends) if ends else None,
        role=first.role,
        words=tuple(w for e in group for w in e.words),
        source_line=first.line,
    )
