"""Record-shaped transcripts (CSV rows, JSON objects): which column holds what.

Columns are recognised by name, ignoring case, spaces and punctuation ('Speaker Name', 'speaker_name'
and 'Start Time' are recognised as in Rev's and Descript's exports); the AnnoMI layout (``interlocutor``,
``utterance_text``, ``timestamp``, ``transcript_id``) is one of the recognised layouts. Any other
layout is given with ``--columns speaker=...,text=...,start=...``.
"""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any, Iterable, Mapping

from ...config import ReadOptions
from ...errors import InputError
from ...text.labels import role_from_label
from .build import Entry, parse_time

ALIASES: dict[str, tuple[str, ...]] = {
    "text": ("text", "utterance_text", "utterance", "transcript", "content", "line", "sentence",
             "message", "dialogue", "dialog", "speech", "words", "turn_text"),
    "speaker": ("speaker", "speaker_name", "speaker_label", "speaker_id", "interlocutor", "name",
                "who", "participant", "spk", "role"),
    "start": ("start", "start_time", "begin", "timestamp", "time", "start_sec", "onset", "from"),
    "end": ("end", "end_time", "stop", "end_sec", "offset", "to"),
    "session": ("session", "session_id", "transcript_id", "conversation_id", "dialog_id",
                "dialogue_id", "conversation", "file", "filename"),
    "role": ("role", "speaker_role"),
}


def resolve_columns(headers: Iterable[str], options: ReadOptions, path: Path) -> dict[str, str]:
    """Map field -> column name, from --columns or by recognising the header names."""
    headers = [h for h in headers if h is not None]
    by_lower = {h.strip().lower(): h for h in headers}
    by_name = {column_name(h): h for h in reversed(headers)}  # the first of equal names wins
    if options.columns:
        mapping = {}
        for fld, column in options.columns:
            if column.lower() not in by_lower:
                raise InputError(path, f"--columns names '{column}', which is not a column; columns are: {', '.join(headers)}",
                                 quoted=[column, *headers])
            mapping[fld] = by_lower[column.lower()]
    else:
        mapping = {}
        for fld, names in ALIASES.items():
            found = next((by_name[n] for n in names if n in by_name and by_name[n] not in mapping.values()), None)
            if found:
                mapping[fld] = found
        if mapping.get("role") and mapping.get("speaker") == mapping.get("role"):
            del mapping["role"]
    for needed in ("text", "speaker"):
        if needed not in mapping:
            raise InputError(
                path,
                f"no {needed} column (looked for: {', '.join(ALIASES[needed][:6])}, ...); columns are: "
                f"{', '.join(headers) or '(none)'}; pass --columns {needed}=COLUMN",
                quoted=headers,
            )
    return mapping


def column_name(header: str) -> str:
    """A header as the aliases spell it: 'Speaker Name' -> 'speaker_name', 'Start-Time' -> 'start_time'."""
    return re.sub(r"[\W_]+", "_", header.strip().lower()).strip("_")


def select_session(rows: list[tuple[int, Mapping[str, Any]]], mapping: dict[str, str],
                   options: ReadOptions, path: Path) -> tuple[list[tuple[int, Mapping[str, Any]]], str | None]:
    """Keep the rows of one session when the file holds several."""
    column = mapping.get("session")
    if column is None:
        if options.session is not None:
            raise InputError(path, f"--session {options.session} given, but the file has no session column "
                                   f"(looked for: {', '.join(ALIASES['session'][:5])}, ...); pass --columns session=COLUMN",
                             quoted=[options.session])
        return rows, None
    ids = list(dict.fromkeys(str(r.get(column, "")).strip() for _, r in rows))
    if options.session is not None:
        if options.session not in ids:
            raise InputError(path, f"no session '{options.session}' in column {column}; sessions: {_few(ids)}",
                             quoted=[options.session, column, *ids[:5]])
        return [(n, r) for n, r in rows if str(r.get(column, "")).strip() == options.session], options.session
    if len(ids) > 1:
        raise InputError(
            path, f"holds {len(ids)} sessions (column {column}: {_few(ids)}); pass --session ID to pick one",
            quoted=[column, *ids[:5]],
        )
    return rows, ids[0] if ids and ids[0] else None


def _few(ids: list[str]) -> str:
    return ", ".join(ids[:5]) + (", ..." if len(ids) > 5 else "")


def to_entries(rows: list[tuple[int, Mapping[str, Any]]], mapping: dict[str, str], path: Path) -> list[Entry]:
    """Rows -> entries; times are seconds or hh:mm:ss (a malformed one is marked on its entry);
    roles must be therapist/client words."""
    entries = []
    for number, row in rows:
        text = _str(row.get(mapping["text"]))
        speaker = _str(row.get(mapping["speaker"]))
        if not text:
            continue
        if not speaker:
            raise InputError(path, f"entry has text but no speaker ('{mapping['speaker']}' is empty or missing)", line=number,
                             quoted=[mapping['speaker']])
        role = None
        if "role" in mapping and _str(row.get(mapping["role"])):
            role = role_from_label(_str(row.get(mapping["role"])))
            if role is None:
                raise InputError(path, f"unknown role '{_str(row.get(mapping['role']))}' (expected therapist or client)", line=number,
                                 quoted=[_str(row.get(mapping['role']))])
        start, bad_start = _time(row, mapping.get("start"))
        end, bad_end = _time(row, mapping.get("end"))
        entries.append(Entry(speaker=speaker, text=text, role=role, line=number, start=start, end=end,
                             bad_time=bad_start or bad_end))
    return entries


def _str(value: Any) -> str:
    return "" if value is None else " ".join(str(value).split())


def _time(row: Mapping[str, Any], column: str | None) -> tuple[float | None, str | None]:
    """(seconds, None); (None, what is wrong, quoted) for a value that is not a time (build.py
    estimates a few of those, with a warning); (None, None) when there is no value."""
    if column is None:
        return None, None
    value = row.get(column)
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, None
    if isinstance(value, int | float) and not isinstance(value, bool):
        seconds = float(value) if value >= 0 and math.isfinite(value) else None
    else:
        seconds = parse_time(str(value))
    return (seconds, None) if seconds is not None else (None, f"'{value}' in column {column}")
