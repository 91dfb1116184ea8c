"""JSON transcripts: our own session.json, WhisperX-style ``segments``, or a list of turns."""

from __future__ import annotations

import dataclasses
import json
import re
from collections import Counter
from itertools import accumulate
from typing import Any

from ...config import ReadOptions
from ...errors import InputError
from ...model import Session, Speaker, Word
from .build import Entry
from .records import resolve_columns, select_session, to_entries
from .source import Source


# A JSON string, or an unterminated one running to the end; possessive, so linear on any input.
_STRING = re.compile(r'"[^"\\]*+(?:\\.[^"\\]*+)*+(?:"|\\?\Z)', re.S)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}


def load_json(source: Source, max_depth: int) -> Any:
    """Parse the file; nesting deeper than ``max_depth`` is refused before parsing (the parser
    recurses, and a file nested 100,000 levels would end in a RecursionError)."""
    text = source.text().lstrip("\ufeff")
    depth = nesting_depth(text)
    if depth > max_depth:
        raise InputError(source.path, f"JSON nested {depth:,} levels deep, over the limit of {max_depth} "
                                      "(transcripts nest 5-7); raise it with --set read.max_json_depth=N")
    try:
        return json.loads(text)
    except json.JSONDecodeError as e:
        raise InputError(source.path, f"invalid JSON: {e.msg} (column {e.colno})", line=e.lineno, quoted=()) from e
    except RecursionError as e:  # only when max_depth was set above Python's recursion limit
        raise InputError(source.path, "JSON nested too deeply for the parser; lower read.max_json_depth", quoted=()) from e


def nesting_depth(text: str) -> int:
    """How deep brackets nest outside strings, without parsing (fast: regular expressions in C)."""
    brackets = _NOT_BRACKET.sub("", _STRING.sub("", text))
    return max(accumulate(map(_STEP.__getitem__, brackets)), default=0)


def looks_like_json(text: str, max_depth: int) -> bool:
    """For detection by content: parses as JSON, or nests too deep to try (the reader says so)."""
    if nesting_depth(text) > max_depth:
        return True
    try:
        json.loads(text)
    except ValueError:
        return False
    return True


def is_session(data: Any) -> bool:
    return isinstance(data, dict) and "turns" in data and isinstance(data.get("meta"), dict)


def read_session_json(source: Source, data: dict) -> tuple[list[Entry], tuple[Speaker, ...], str]:
    """Our own schema: keep the turns and decided roles; derived parts are recomputed."""
    try:
        session = Session.from_dict(data)
    except ValueError as e:
        raise InputError(source.path, f"not a valid session file: {e}") from e
    speakers = tuple(dataclasses.replace(s, role_source="input") for s in session.speakers if s.role)
    entries = [Entry(t.speaker, t.text, t.start, t.end, t.source_line, t.role, t.words) for t in session.turns]
    return entries, speakers, session.meta.session_id


def read_json_records(source: Source, data: Any, options: ReadOptions) -> tuple[list[Entry], list[str], str | None]:
    """WhisperX ``{"segments": [...]}``, ``{"turns": [...]}`` or a bare list of turn objects."""
    if isinstance(data, dict):
        records = data.get("segments", data.get("turns", data.get("utterances")))
    else:
        records = data
    if not isinstance(records, list) or not records or not all(isinstance(r, dict) for r in records):
        raise InputError(
            source.path,
            "unrecognised JSON layout: expected a session.json, {\"segments\": [...]} (WhisperX), "
            "or a list of {\"speaker\": ..., \"text\": ...} objects",
            quoted=(),
        )
    if isinstance(data, dict) and "segments" in data and not any(r.get("speaker") for r in records):
        raise InputError(
            source.path,
            "the segments carry no speaker labels (transcribed without diarization); "
            "give the recording itself, or add a 'speaker' to each segment",
            quoted=(),
        )
    records, warnings = _fill_speakers(records, source)
    headers = list(dict.fromkeys(k for r in records for k in r))
    mapping = resolve_columns(headers, options, source.path)
    rows, session_id = select_session(list(enumerate(records, start=1)), mapping, options, source.path)
    entries = to_entries(rows, mapping, source.path)
    if "words" in headers:
        entries = [dataclasses.replace(e, words=_words(records[e.line - 1], source)) for e in entries]
    return entries, warnings, session_id


def _fill_speakers(records: list[dict], source: Source) -> tuple[list[dict], list[str]]:
    """WhisperX leaves ``speaker`` off segments it could not assign: take the words' majority
    speaker, else the previous segment's."""
    if not any("speaker" in r for r in records):
        return records, []
    filled, guessed, previous = [], 0, None
    for record in records:
        speaker = record.get("speaker")
        if not speaker:
            votes = [w.get("speaker") for w in record.get("words", []) if isinstance(w, dict) and w.get("speaker")]
            speaker = Counter(votes).most_common(1)[0][0] if votes else previous  # ties: first seen
            guessed += 1
            record = {**record, "speaker": speaker}
        previous = speaker or previous
        filled.append(record)
    warnings = [f"{guessed} segment(s) had no speaker label; took it from their words or the previous segment"] if guessed else []
    return filled, warnings


def _words(record: dict, source: Source) -> tuple[Word, ...]:
    words = []
    for w in record.get("words") or []:
        if not isinstance(w, dict) or "word" not in w and "text" not in w:
            raise InputError(source.path, "a segment's words must be objects with 'word', 'start', 'end'", quoted=())
        words.append(Word(
            text=str(w.get("word", w.get("text", ""))).strip(),
            start=_num(w.get("start")), end=_num(w.get("end")),
            probability=_num(w.get("probability", w.get("score"))),
        ))
    return tuple(words)


def _num(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None
