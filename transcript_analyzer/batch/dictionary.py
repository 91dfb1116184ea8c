"""The corpus tables' data dictionary: every column of every table a batch run writes, with its
type, description and allowed values. The one source for the tables' Parquet schemas (tables.py,
codes.py), the run's ``datapackage.json`` (datapackage.py) and the corpus-table section of
``docs/schema.md``: ``python -m transcript_analyzer.batch.dictionary`` rewrites that section, and a
test fails when the committed copy is stale. A column that mirrors a field of the data model takes
its description (and allowed values) from that field's doc in model.py.
"""

from __future__ import annotations

import dataclasses
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

from ..markers.client import CLIENT_CODES
from ..markers.codebook import MARKERS
from ..metrics import BENCHMARKS, REACTION_MOVES
from ..model import (ROLES, TIME_BASES, VERDICTS, AllianceIndex, AudioQuality, Benchmark, CalibrationInfo,
                     ClientMeasures, MarkerScore, MarkerSummary, MoveReaction, RoleStats, SessionMeta, SessionMetrics,
                     Speaker, SpeakerShare, Timing, Utterance)

_ARROW = {"string": "string", "integer": "int32", "number": "float64", "boolean": "bool_"}
BINARY = (0, 1)


@dataclass(frozen=True)
class Column:
    """One column: its Frictionless type, description, allowed values, and Arrow type in Parquet."""

    name: str
    type: str  # Frictionless field type: string, integer, number, boolean
    description: str
    enum: tuple[Any, ...] | None = None
    arrow: str = ""  # pyarrow type function in the Parquet files (default by type: int32, float64, string, bool_)
    required: bool = False  # never empty

    @property
    def arrow_type(self) -> str:
        return self.arrow or _ARROW[self.type]

    def descriptor(self) -> dict[str, Any]:
        """The Frictionless Table Schema field."""
        out: dict[str, Any] = {"name": self.name, "type": self.type, "description": self.description}
        constraints: dict[str, Any] = {}
        if self.required:
            constraints["required"] = True
        if self.enum is not None:
            constraints["enum"] = list(self.enum)
        if constraints:
            out["constraints"] = constraints
        return out


def doc(cls: type, name: str) -> str:
    """The description of a data-model field (model.py)."""
    return next(f.metadata["doc"] for f in dataclasses.fields(cls) if f.name == name)


def choices(cls: type, name: str) -> tuple[str, ...] | None:
    return next(f.metadata.get("choices") for f in dataclasses.fields(cls) if f.name == name)


def arrow_schema(columns: Sequence[Column]) -> Any:
    """The Parquet schema. Integer columns that may be empty carry pandas metadata naming pandas'
    nullable integer type, so ``pd.read_parquet`` reads them as integers with <NA> rather than as
    floats with NaN (other readers ignore it)."""
    import json

    import pyarrow as pa

    nullable = [{"name": c.name, "field_name": c.name, "pandas_type": c.arrow_type, "numpy_type": c.arrow_type.title(),
                 "metadata": None} for c in columns if c.type == "integer" and not c.required]
    schema = pa.schema([pa.field(c.name, getattr(pa, c.arrow_type)()) for c in columns])
    if not nullable:
        return schema
    pandas = {"index_columns": [], "column_indexes": [], "columns": nullable}
    return schema.with_metadata({b"pandas": json.dumps(pandas).encode()})


# ---------------------------------------------------------------- the codes

def code_role(code: str) -> str:
    """Which utterances a code is scored on."""
    return "client" if code in {c.name for c in CLIENT_CODES} else "therapist"


def code_title(code: str) -> str:
    found = {m.name: m.title for m in MARKERS} | {c.name: c.title for c in CLIENT_CODES}
    return found.get(code, f"custom code {code}")


def _label(code: str) -> str:
    if code.startswith("<"):
        return f"the code {code} (scored on therapist utterances, or for a client code on client ones)"
    return f"{code_title(code)} (`{code}`, scored on {code_role(code)} utterances)"


# ---------------------------------------------------------------- utterance-level tables

CORPUS = Column("corpus", "string", "Corpus name: `batch --corpus NAME`; by default the input folder's name (several "
                                    "inputs: their names joined with '+'; with --redact: the run folder's name).",
                required=True)
SESSION_ID = Column("session_id", "string", doc(SessionMeta, "session_id") + " In a batch run: the input's path below "
                    "its input folder without suffix, a manifest's session_id, or an opaque id (s-...) with --redact. "
                    "Joins every table.", required=True)

UTTERANCE_KEYS = (
    Column("utterance_index", "integer", doc(Utterance, "index"), arrow="int32", required=True),
    Column("turn_index", "integer", doc(Utterance, "turn_index"), arrow="int32", required=True),
    Column("speaker", "string", doc(Utterance, "speaker")),
    Column("role", "string", doc(Utterance, "role"), enum=ROLES),
    Column("start", "number", doc(Utterance, "start")),
    Column("end", "number", doc(Utterance, "end")),
)
CODED = Column("coded", "integer", "1 when codes were scored on this utterance: the therapist markers (and custom codes) "
                                   "on a therapist utterance, the client codes on a client one; 0 when none were (e.g. "
                                   "the client utterances of a run that does not code clients). A code of the other "
                                   "role is always 0 on it, with an empty probability.",
               enum=BINARY, arrow="int8", required=True)


def utterance_columns(codes: Sequence[str]) -> list[Column]:
    """utterances.parquet / utterances.csv: one row per utterance, two columns per code."""
    columns = [CORPUS, SESSION_ID, *UTTERANCE_KEYS,
               Column("time_source", "string", doc(Utterance, "time_source"), enum=choices(Utterance, "time_source")),
               Column("text", "string", doc(Utterance, "text") + " (CSV: a cell that would start a spreadsheet formula "
                                        "has a leading ', see docs/schema.md)"),
               CODED]
    for code in codes:
        label = _label(code)
        columns += [Column(code, "integer", f"{label}: 1 decided present, 0 absent, and 0 where it was not scored "
                                            "(see coded).", enum=BINARY, arrow="int8", required=True),
                    Column(f"{code}_p", "number", f"{label}: {doc(MarkerScore, 'probability')} Empty where it was "
                                                  "not scored.", arrow="float32")]
    return columns


def code_columns(codes: Sequence[str] | None = None) -> list[Column]:
    """codes.parquet: one row per utterance x code scored on it (``codes``: the allowed values)."""
    return [CORPUS, SESSION_ID, *UTTERANCE_KEYS,
            Column("code", "string", "The code: a therapist marker or custom code on a therapist utterance, a client "
                                     "code on a client one (datapackage.json lists each with its definition). Codes "
                                     "not scored on an utterance have no row.",
                   enum=tuple(codes) if codes is not None else None, required=True),
            Column("probability", "number", doc(MarkerScore, "probability"), arrow="float32", required=True),
            Column("decision", "integer", "1 when the code is decided present, else 0: the probability against "
                                          "the threshold (or the rule named in datapackage.json when threshold is "
                                          "empty), then the session-context rules (their reasons are in session.json).",
                   enum=BINARY, arrow="int8", required=True),
            Column("threshold", "number", "The decision threshold this session's model used for the code (a site "
                                          "calibration's where calibration names one); empty when no single threshold "
                                          "decides it (class decisions, mechanism and session rules: see how_decided "
                                          "in datapackage.json)."),
            Column("calibration", "string", "The site calibration whose threshold decided the code "
                                            "(`analyze --calibration NAME`); empty: the shipped threshold."),
            Column("model", "string", "The model of record for the code: its name in session.json's meta.models "
                                      "(the coder, a separate head, or a custom code)."),
            Column("model_sha256", "string", "SHA-256 of that model's file, as in session.json's meta.models.")]


# ---------------------------------------------------------------- the session table

def _role_columns(role: str) -> list[Column]:
    ints = {"turns", "utterances", "words", "questions"}
    return [Column(f"{role}_{name}", "integer" if name in ints else "number", f"{doc(RoleStats, name)} ({role})")
            for name in ("turns", "utterances", "words", "word_share", "mean_turn_words", "questions", "seconds",
                         "second_share", "mean_turn_seconds")]


def _marker_columns(marker: str) -> list[Column]:
    return [Column(f"{marker}_count", "integer", f"{marker}: {doc(MarkerSummary, 'count')}"),
            Column(f"{marker}_per_100", "number", f"{marker}: {doc(MarkerSummary, 'per_100')}"),
            Column(f"{marker}_mean_p", "number", f"{marker}: {doc(MarkerSummary, 'mean_probability')}")]


def _move_columns(move: str) -> list[Column]:
    return [Column(f"after_{move}_n", "integer", f"{move}: {doc(MoveReaction, 'moves')}"),
            *(Column(f"after_{move}_{name}", "number", f"{move}: {doc(MoveReaction, name)}")
              for name in ("change_talk", "sustain_talk", "rupture"))]


def _benchmark_columns() -> list[Column]:
    out = []
    for name, fair, good, source in BENCHMARKS:
        out += [Column(name, "number", f"MITI summary score {name}: {doc(Benchmark, 'value')} Fair from {fair:g}, "
                                       f"good from {good:g} ({source})."),
                Column(f"{name}_level", "string", f"{name}: {doc(Benchmark, 'level')}", enum=choices(Benchmark, "level"))]
    return out


def _client_columns() -> list[Column]:
    pairs = (("client_change_talk", "change_talk", "integer"), ("client_sustain_talk", "sustain_talk", "integer"),
             ("change_to_sustain", "change_to_sustain", "number"), ("ruptures", "ruptures", "integer"),
             ("ruptures_withdrawal", "withdrawal", "integer"), ("ruptures_confrontation", "confrontation", "integer"),
             ("ruptures_repaired", "repaired", "integer"), ("ruptures_repaired_share", "repaired_share", "number"),
             ("risk_statements", "risk_statements", "integer"))
    return [Column(column, kind, doc(ClientMeasures, name)) for column, name, kind in pairs]


def _timing_columns() -> list[Column]:
    return [Column("silences", "integer", doc(Timing, "silences")),
            Column("silence_seconds", "number", doc(Timing, "silence_seconds")),
            Column("longest_silence", "number", doc(Timing, "longest_silence")),
            Column("long_silences_after_client", "integer", "Number of " + doc(Timing, "long_silences_after_client")
                   .split(", with times")[0].replace("Gaps", "gaps") + "."),
            Column("therapist_latency_median", "number", doc(Timing, "therapist_latency_median")),
            Column("therapist_interruptions", "integer", doc(Timing, "therapist_interruptions")),
            Column("overlap_seconds", "number", doc(Timing, "overlap_seconds")),
            Column("overlap_share", "number", doc(Timing, "overlap_share"))]


def _audio_columns() -> list[Column]:
    note = " Empty for a transcript."
    return [Column("audio_verdict", "string", doc(AudioQuality, "verdict") + note, enum=VERDICTS),
            Column("audio_reasons", "string", "Why the verdict is not 'ok': 'severity: message' per reason, joined "
                                              "with ' | ', most severe first." + note),
            *(Column(f"audio_{name}", "number", doc(AudioQuality, name) + note)
              for name in ("level_dbfs", "snr_db", "clipped_share", "high_band_db")),
            Column("audio_speakers_found", "integer", doc(AudioQuality, "speakers_found") + note),
            Column("audio_top_speaker_share", "number", "The largest speaker's " + doc(SpeakerShare, "share")[0].lower()
                   + doc(SpeakerShare, "share")[1:] + note),
            Column("audio_separation", "number", doc(AudioQuality, "separation") + note)]


def session_columns(markers: Sequence[str], roles: Sequence[str] = ROLES,
                    moves: Sequence[str] = REACTION_MOVES) -> list[Column]:
    """sessions.csv / sessions.parquet, before the manifest's extra columns (``extra_columns``)."""
    m = SessionMetrics
    columns = [CORPUS, SESSION_ID,
               Column("date", "string", doc(SessionMeta, "date")),
               Column("source_format", "string", doc(SessionMeta, "source_format")),
               Column("duration", "number", doc(SessionMeta, "duration")),
               Column("turns", "integer", doc(m, "turns")), Column("utterances", "integer", doc(m, "utterances")),
               Column("speakers", "integer", "Number of speakers."),
               Column("therapist", "string", "The speaker label(s) with the therapist role, joined with '; ' "
                                             "(placeholders with --redact)."),
               Column("role_source", "string", "How the roles were decided, the speakers' values joined with '; ': "
                                               + doc(Speaker, "role_source")),
               Column("words", "integer", doc(m, "words")),
               Column("time_basis", "string", doc(m, "time_basis"), enum=TIME_BASES),
               Column("therapist_questions_per_100", "number", doc(m, "therapist_questions_per_100"))]
    for role in roles:
        columns += _role_columns(role)
    for marker in markers:
        columns += _marker_columns(marker)
    columns += [*_benchmark_columns(), Column("alliance_index", "number", doc(AllianceIndex, "value")),
                *_client_columns()]
    for move in moves:
        columns += _move_columns(move)
    return columns + [
        *_timing_columns(), *_audio_columns(),
        Column("calibration", "string", "The site calibration the marker decisions used (`--calibration NAME`): "
                                        + doc(CalibrationInfo, "name")[0].lower() + doc(CalibrationInfo, "name")[1:]
                                        + " Empty: the shipped thresholds."),
        Column("utterance_unit", "string", doc(SessionMeta, "utterance_unit"), enum=choices(SessionMeta, "utterance_unit")),
        Column("redacted", "boolean", doc(SessionMeta, "redacted")),
        Column("warnings", "string", doc(SessionMeta, "warnings") + " Joined with ' | '."),
        Column("tool_version", "string", doc(SessionMeta, "tool_version")),
        Column("input_sha256", "string", doc(SessionMeta, "source_sha256") + " Empty with --redact.")]


def extra_columns(types: dict[str, str], sources: dict[str, str] | None = None) -> list[Column]:
    """A manifest's own columns (table column -> Frictionless type), carried into the session
    tables; ``sources``: a column's name in the manifest where it differs (``manifest_<name>``)."""
    out = []
    for name, kind in types.items():
        number = "; a number when every value is one" if kind != "string" else ""
        out.append(Column(name, kind, f"From the manifest's column '{(sources or {}).get(name, name)}', as given "
                                      f"(not used by the analysis){number}."))
    return out


FAILURE_COLUMNS = (
    Column("input", "string", "The input file that failed (empty with --redact: --id-map maps the session id back)."),
    SESSION_ID,
    Column("stage", "string", "Where it failed: read, roles, segment, markers, metrics, redact, write, or worker "
                              "(the process died)."),
    Column("error", "string", "What went wrong (redacted with --redact)."),
    Column("time", "string", "When it failed: local time, YYYY-MM-DDTHH:MM:SS."),
)


# ---------------------------------------------------------------- the tables

@dataclass(frozen=True)
class Table:
    path: str
    title: str
    description: str
    primary_key: tuple[str, ...]
    foreign_keys: tuple[tuple[tuple[str, ...], str, tuple[str, ...]], ...] = ()  # (fields, resource path, its fields)


def tables() -> tuple[Table, ...]:
    session = ((("session_id",), "sessions.{fmt}", ("session_id",)),)
    utterance = ("session_id", "utterance_index")
    text = ("Text columns hold the text as it is" + "; in the CSV, a cell that would start a spreadsheet formula "
            "has a leading ' (docs/schema.md).")
    return (
        Table("sessions.csv", "Sessions", "One row per finished session: talk, timing and marker metrics, MITI "
              "scores, the alliance index, recording quality, provenance, then the manifest's own columns. "
              + text, ("session_id",)),
        Table("sessions.parquet", "Sessions (Parquet)", "sessions.csv as typed Parquet, text untouched.", ("session_id",)),
        Table("utterances.parquet", "Utterances (wide)", "One row per utterance of every finished session; per code a "
              "0/1 decision and a probability. The manifest's columns are not repeated here: join sessions on "
              "session_id.", utterance, tuple((f, p.format(fmt="parquet"), r) for f, p, r in session)),
        Table("utterances.csv", "Utterances (wide, CSV)", "utterances.parquet as CSV. " + text, utterance,
              tuple((f, p.format(fmt="csv"), r) for f, p, r in session)),
        Table("codes.parquet", "Codes (long)", "One row per utterance x code scored on it: therapist markers (and "
              "custom codes) on therapist utterances, client codes on client ones; a code not scored on an utterance "
              "has no row. Agrees with the wide table: each row's decision and probability are the wide table's "
              "<code> and <code>_p.", (*utterance, "code"), ((utterance, "utterances.parquet", utterance),)),
        Table("failures.csv", "Failures", "One row per input that failed in this run or an earlier one and is not "
              "finished; retried on the next run.", ("session_id",)),
    )


def columns_of(path: str, codes: Sequence[str], markers: Sequence[str], extras: dict[str, str] | None = None,
               sources: dict[str, str] | None = None) -> list[Column]:
    name = path.split(".")[0]
    if name == "utterances":
        return utterance_columns(codes)
    if name == "codes":
        return code_columns(codes)
    if name == "sessions":
        return session_columns(markers) + extra_columns(extras or {}, sources)
    return list(FAILURE_COLUMNS)


# ---------------------------------------------------------------- docs/schema.md

BEGIN = "<!-- corpus tables: generated by `python -m transcript_analyzer.batch.dictionary`; do not edit by hand -->"
END = "<!-- end of corpus tables -->"


INTRO = ("A batch run folder holds these tables beside `sessions/<id>/`, and `datapackage.json`: a Frictionless Data "
         "Package (v1) describing each table's columns (type, description, allowed values), every code with its "
         "codebook definition, how it is decided and its model card's held-out agreement, and the run's exact "
         "configuration, tool version and model hashes (its `transcript_analyzer` property). Below, `<code>` stands for "
         "each code the run scored (therapist markers, custom codes, then client codes), `<marker>` for each therapist "
         "marker and custom code, `<role>` for `therapist` and `client`, `<move>` for each of {moves}, `<column>` for "
         "each extra column of a manifest. Empty cells (null in Parquet) are unknown or not applicable, never zero; "
         "decisions are never empty. In the Parquet files an integer column that can be empty reads in pandas as a "
         "nullable integer (`Int32`, `<NA>`), not as floats.")


def _placeholders() -> dict[str, list[Column]]:
    return {"utterances": utterance_columns(["<code>"]), "codes": code_columns(None),
            "sessions": session_columns(["<marker>"], ["<role>"], ["<move>"]) + extra_columns({"<column>": "string"}),
            "failures": list(FAILURE_COLUMNS)}


def markdown() -> str:
    """The corpus-table section of docs/schema.md, with placeholders for what a run decides."""
    lines = [BEGIN, "", "## Corpus tables (batch)", "", INTRO.format(moves=", ".join(f"`{m}`" for m in REACTION_MOVES)), ""]
    placeholders, shown = _placeholders(), set()
    for table in tables():
        name, fmt = table.path.split(".")
        same = f" Columns as in `{name}.{'csv' if fmt == 'parquet' else 'parquet'}`." if name in shown else ""
        lines += [f"### {table.path}", "", table.description, "", f"Key: {', '.join(table.primary_key)}.{same}", ""]
        if name in shown:
            continue
        shown.add(name)
        lines += ["| column | type | description |", "|---|---|---|"]
        for c in placeholders[name]:
            allowed = f" One of: {', '.join(f'`{v}`' for v in c.enum)}." if c.enum else ""
            kind = c.type if c.arrow_type == _ARROW[c.type] else f"{c.type} ({c.arrow_type})"
            lines.append(f"| `{c.name}` | {kind} | {_cell(c.description)}{allowed} |")
        lines.append("")
    return "\n".join(lines + [END])


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def update_schema_md(path: Path) -> bool:
    """Rewrite the generated section of ``path`` (appended when absent); True when it changed."""
    text = path.read_text(encoding="utf-8")
    section = markdown()
    if BEGIN in text and END in text:
        new = text[:text.index(BEGIN)] + section + text[text.index(END) + len(END):]
    else:
        new = text.rstrip("\n") + "\n\n" + section + "\n"
    if new != text:
        path.write_text(new, encoding="utf-8")
    return new != text


def committed_section(path: Path) -> str | None:
    text = path.read_text(encoding="utf-8")
    if BEGIN not in text or END not in text:
        return None
    return text[text.index(BEGIN):text.index(END) + len(END)]


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[2] / "docs" / "schema.md"
    sys.stdout.write(f"{target}: {'updated' if update_schema_md(target) else 'up to date'}\n")
