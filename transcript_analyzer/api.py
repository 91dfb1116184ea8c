"""The Python API. The CLI calls these and nothing else.

    >>> from transcript_analyzer.api import Analyzer
    >>> analyzer = Analyzer(therapist="Dr. Lee").load()   # models load once
    >>> sessions = [analyzer.analyze(p) for p in paths]
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping

from .config import AnalyzeConfig, ReadOptions, parse_columns
from .errors import ConfigError, redacting
from .audio.decode import is_audio
from .io.readers import read_transcript
from .model import Session
from .pipeline import Pipeline, build_pipeline

# Keyword options of analyze()/Analyzer(): name -> (config section, field).
OPTIONS = {
    "format": ("read", "format"),
    "encoding": ("read", "encoding"),
    "columns": ("read", "columns"),
    "session": ("read", "session"),
    "therapist": ("roles", "therapist"),
    "role_model": ("roles", "model"),
    "spacy_model": ("segment", "spacy_model"),
    "markers": ("markers", "markers"),
    "evidence": ("markers", "evidence"),
    "calibration": ("markers", "calibration"),
    "asr_model": ("audio", "asr_model"),
    "language": ("audio", "language"),
    "speakers": ("audio", "speakers"),
    "stereo": ("audio", "stereo"),
    "redact": ("output", "redact"),
    "embed_audio": ("output", "embed_audio"),
    "raw_csv": ("output", "raw_csv"),
    "date": ("read", "date"),
}


def make_config(config: AnalyzeConfig | None = None, **options: Any) -> AnalyzeConfig:
    """A configuration with keyword options applied on top (None values are ignored)."""
    config = config or AnalyzeConfig()
    for name, value in options.items():
        if name not in OPTIONS:
            raise ConfigError(f"unknown option '{name}'; known: {', '.join(sorted(OPTIONS))}")
        if value is None:
            continue
        if name == "columns":
            value = _columns(value)
        if name == "markers" and isinstance(value, str):
            value = tuple(m.strip() for m in value.split(",") if m.strip())
        if name == "speakers":
            value = _speakers(value)
        if name == "date":
            value = _date(value)
        section, fld = OPTIONS[name]
        part = dataclasses.replace(getattr(config, section), **{fld: value})
        config = dataclasses.replace(config, **{section: part})
    if config.output.redact and config.output.embed_audio:
        raise ConfigError("--embed-audio cannot be combined with --redact: the voices in a recording identify people")
    return config


def _date(value: Any) -> str:
    """A session date as YYYY-MM-DD (a date object or a string)."""
    import datetime

    text = value.isoformat() if isinstance(value, datetime.date) else str(value).strip()
    try:
        return datetime.date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        raise ConfigError(f"date: '{value}' is not a date like 2026-03-14") from None


def _speakers(value: Any) -> int | None:
    """'auto' (estimate) or a count of 1-8."""
    if isinstance(value, str) and value.strip().lower() == "auto":
        return None
    try:
        n = int(value)
    except (TypeError, ValueError):
        raise ConfigError(f"speakers: '{value}' is neither a number nor 'auto'") from None
    if not 1 <= n <= 8:
        raise ConfigError(f"speakers: {n} is out of range (1-8, or 'auto')")
    return n


def _columns(value: str | Mapping[str, str] | tuple) -> tuple[tuple[str, str], ...]:
    if isinstance(value, str):
        return parse_columns(value)
    if isinstance(value, Mapping):
        return parse_columns(",".join(f"{k}={v}" for k, v in value.items()))
    return tuple(value)


class Analyzer:
    """A configured pipeline that reads and analyses transcripts and recordings, loading its
    models once."""

    def __init__(self, config: AnalyzeConfig | None = None, **options: Any):
        """``markers``: None or True for all markers, names (a list or a comma-separated string)
        for some, shipped and custom codes mixed, '+name' to add custom codes to all the shipped
        markers, False for none (roles, utterances and talk metrics only)."""
        with_markers = options.get("markers") is not False
        if isinstance(options.get("markers"), bool):
            options["markers"] = None
        self.config = make_config(config, **options)
        self.pipeline: Pipeline = build_pipeline(self.config, markers=with_markers)
        self._audio: Any = None  # the audio reader, built on the first recording
        self._redactor: Any = None

    def load(self) -> Analyzer:
        self.pipeline.load()
        return self

    def read(self, path: str | Path, progress: Any = None, read: ReadOptions | None = None) -> Session:
        """A transcript file through its reader, or a recording through the audio path (by
        suffix: see ``audio.decode.AUDIO_SUFFIXES``; ``format='audio'`` forces it). ``read``
        replaces the configured read options for this file (a batch manifest's per-file ones)."""
        options = read or self.config.read
        with redacting(self.config.output.redact, [self.config.roles.therapist or ""], [path]):
            if options.format == "audio" or (options.format is None and is_audio(path)):
                if self._audio is None:
                    from .audio.reader import AudioReader

                    self._audio = AudioReader(self.config.audio)
                session = self._audio.read(path, progress)
            else:
                session = read_transcript(path, options)
        if options.date:
            session = dataclasses.replace(session, meta=dataclasses.replace(session.meta, date=options.date))
        return session

    def run(self, session: Session, hook: Callable[[str], None] | None = None) -> Session:
        """Analyse a session; with ``redact``, identifying details are replaced afterwards (the
        markers see the original words, nothing written or printed does, errors included: see
        ``errors.redacting``). ``hook(step)`` is called as each step starts."""
        if not self.config.output.redact:
            return self.pipeline(session, hook)
        identifying = [self.config.roles.therapist or "", session.meta.session_id,
                       *names_in_labels([*(t.speaker for t in session.turns), *(s.label for s in session.speakers)])]
        with redacting(True, identifying, [session.meta.source_file] if session.meta.source_file else []):
            session = self.pipeline(session, hook)
            if hook:
                hook("redact")
            if self._redactor is None:
                from .text.redact import Redactor

                self._redactor = Redactor(self.config.segment.spacy_model)
            return self._redactor.session(session)

    def analyze(self, path: str | Path, progress: Any = None) -> Session:
        return self.run(self.read(path, progress))


def names_in_labels(labels: Iterable[str]) -> list[str]:
    """The speaker labels that may be names: not a role ("Therapist", "T", "Client 2") nor a
    diariser's label ("SPEAKER_01")."""
    from .text.labels import role_from_label

    return [label for label in dict.fromkeys(labels)
            if role_from_label(label) is None and not re.fullmatch(r"(?i)speaker[ _]?\d+", label.strip())]


def analyze(path: str | Path, config: AnalyzeConfig | None = None, **options: Any) -> Session:
    """Read a transcript or a recording and analyse it: roles, utterances, markers, metrics.
    One-off convenience; use :class:`Analyzer` for many files so that models load once."""
    return Analyzer(config, **options).analyze(path)


def read(path: str | Path, config: AnalyzeConfig | None = None, **options: Any) -> Session:
    """Read a transcript into a Session without analysing it."""
    return read_transcript(path, make_config(config, **options).read)
