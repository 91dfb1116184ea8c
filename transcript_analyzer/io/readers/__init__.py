"""Transcript readers: one per format, chosen by suffix or by content, or forced by name.

``read_transcript(path, options)`` returns a :class:`~transcript_analyzer.model.Session` with
turns (and roles only where the file states them as data, e.g. a role column or our own JSON).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from ...config import ReadOptions
from ...errors import ConfigError, InputError
from ...model import Session
from . import docx, jsonfmt, plaintext, subtitles, tables
from .build import build_session
from .source import Source


def _read_txt(source: Source, options: ReadOptions) -> Session:
    lines = list(enumerate(source.text().split("\n"), start=1))
    entries, warnings = plaintext.parse_lines(lines, source.path)
    return _build(entries, source, "txt", options, warnings=warnings)


def _read_vtt(source: Source, options: ReadOptions) -> Session:
    entries, warnings = subtitles.read_vtt(source)
    return _build(entries, source, "vtt", options, warnings=warnings)


def _read_srt(source: Source, options: ReadOptions) -> Session:
    entries, warnings = subtitles.read_srt(source)
    return _build(entries, source, "srt", options, warnings=warnings)


def _read_csv(source: Source, options: ReadOptions) -> Session:
    entries, session_id = tables.read_csv(source, options)
    return _build(entries, source, "csv", options, session_id=session_id)


def _read_json(source: Source, options: ReadOptions) -> Session:
    data = jsonfmt.load_json(source, options.max_json_depth)
    if jsonfmt.is_session(data):
        entries, speakers, session_id = jsonfmt.read_session_json(source, data)
        return _build(entries, source, "json", options, speakers=speakers, session_id=session_id)
    entries, warnings, session_id = jsonfmt.read_json_records(source, data, options)
    return _build(entries, source, "json", options, warnings=warnings, session_id=session_id)


def _read_docx(source: Source, options: ReadOptions) -> Session:
    entries, warnings = docx.read_docx(source, options.max_docx_unpacked_mb)
    return build_session(entries, source, "docx", warnings=warnings, max_turn_chars=options.max_turn_chars)


def _build(entries: list, source: Source, fmt: str, options: ReadOptions, **kwargs: Any) -> Session:
    """build_session for the text formats: the detected encoding, and the turn-length limit."""
    return build_session(entries, source, fmt, encoding=source.encoding, max_turn_chars=options.max_turn_chars,
                         **kwargs)


@dataclass(frozen=True)
class Reader:
    name: str
    suffixes: tuple[str, ...]
    description: str
    read: Callable[[Source, ReadOptions], Session]


READERS: tuple[Reader, ...] = (
    Reader("txt", ("txt", "text", "md"), "plain text with speaker prefixes or label lines (Otter.ai)", _read_txt),
    Reader("vtt", ("vtt",), "WebVTT subtitles with voice tags or Name: prefixes (Zoom, Teams)", _read_vtt),
    Reader("srt", ("srt",), "SRT subtitles with Name: prefixes", _read_srt),
    Reader("csv", ("csv", "tsv"), "CSV/TSV with speaker and text columns (AnnoMI, Rev, Descript)", _read_csv),
    Reader("json", ("json",), "session.json, WhisperX segments, or a list of turns", _read_json),
    Reader("docx", ("docx",), "Word document with speaker prefixes (Teams, Otter, Rev, Descript, Sonix, Trint)",
           _read_docx),
)


def reader_names() -> list[str]:
    return [r.name for r in READERS]


def get_reader(name: str) -> Reader:
    for reader in READERS:
        if reader.name == name:
            return reader
    raise ConfigError(f"unknown format '{name}'; known formats: {', '.join(reader_names())}")


def read_transcript(path: str | Path, options: ReadOptions | None = None) -> Session:
    """Read one transcript file into a Session (turns, speakers, provenance)."""
    options = options or ReadOptions()
    reader = get_reader(options.format) if options.format else None
    source = Source.open(path, options.encoding, max_bytes=options.max_file_mb * 1_000_000)
    reader = reader or get_reader(detect_format(source, options))
    return reader.read(source, options)


def detect_format(source: Source, options: ReadOptions | None = None) -> str:
    """The reader for a file: by suffix, else by content; an InputError when neither tells."""
    if docx.is_docx(source.data):
        return "docx"
    by_suffix = next((r.name for r in READERS if source.suffix in r.suffixes), None)
    if by_suffix:
        return by_suffix
    kind = source.kind()
    if kind:
        raise InputError(source.path, f"is {kind}, not a transcript; known formats: {', '.join(reader_names())}",
                         quoted=())
    text = source.text().lstrip("\ufeff")
    head = text.lstrip()
    if head.startswith("WEBVTT"):
        return "vtt"
    if subtitles.looks_like_srt(text):
        return "srt"
    if head.startswith(("{", "[")) and jsonfmt.looks_like_json(text, (options or ReadOptions()).max_json_depth):
        return "json"
    if tables.looks_like_csv(text):
        return "csv"
    lines = list(enumerate(text.split("\n")[:200], start=1))
    try:
        plaintext.parse_lines(lines, source.path)
    except InputError:
        suffix = f"'.{source.suffix}' " if source.suffix else ""
        raise InputError(
            source.path,
            f"unknown format: the {suffix}file is not one of {', '.join(reader_names())} "
            "(no speaker prefixes, subtitle cues, JSON or CSV header found); pass --format NAME to force a reader",
            quoted=(),
        ) from None
    return "txt"
