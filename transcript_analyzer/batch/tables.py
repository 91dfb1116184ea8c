"""Corpus tables, built from each finished session's own files, so a resumed run holds every
session exactly once: one row per utterance (wide: utterances.parquet and .csv), one row per
utterance x code (long: codes.parquet, codes.py), one row per session (sessions.csv and .parquet,
with a manifest's own columns), the failures, and datapackage.json describing them all
(datapackage.py). Every column is defined once, in dictionary.py."""

from __future__ import annotations

import csv
import io
import json
import logging
import os
import re
import tempfile
from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

from ..errors import OutputError
from ..escape import FORMULA_REGEX, csv_cell
from ..model import AudioQuality, Session
from .dictionary import Column, arrow_schema, extra_columns, session_columns, utterance_columns

log = logging.getLogger(__name__)
BASE_COLUMNS = ("corpus", "session_id", "utterance_index", "turn_index", "speaker", "role", "start", "end",
                "time_source", "text", "coded")


def utterance_schema(codes: Sequence[str]):
    return arrow_schema(utterance_columns(codes))


def utterance_table(session: Session, corpus: str, codes: Sequence[str]):
    """The session's utterances, wide: ``coded`` (1 when codes were scored on the utterance), and
    per code its decision (1/0; 0 where the code was not scored) and probability (null there)."""
    import pyarrow as pa

    columns: dict[str, list[Any]] = {c: [] for c in BASE_COLUMNS}
    for m in codes:
        columns[m], columns[f"{m}_p"] = [], []
    for u in session.utterances:
        for c, v in zip(BASE_COLUMNS, (corpus, session.meta.session_id, u.index, u.turn_index, u.speaker, u.role,
                                       u.start, u.end, u.time_source, u.text, int(bool(u.markers)))):
            columns[c].append(v)
        scores = {s.marker: s for s in u.markers}
        for m in codes:
            s = scores.get(m)
            columns[m].append(0 if s is None else int(s.decision))
            columns[f"{m}_p"].append(None if s is None else s.probability)
    return pa.table(columns, schema=utterance_schema(codes))


def utterance_table_bytes(session: Session, corpus: str, codes: Sequence[str]) -> bytes:
    import pyarrow.parquet as pq

    buffer = io.BytesIO()
    pq.write_table(utterance_table(session, corpus, codes), buffer)
    return buffer.getvalue()


def session_row(session: Session, corpus: str) -> dict[str, Any]:
    """Every session metric and index as one flat row."""
    m, meta = session.metrics, session.meta
    therapists = [s.label for s in session.speakers if s.role == "therapist"]
    row: dict[str, Any] = {"corpus": corpus, "session_id": meta.session_id, "date": meta.date,
                           "source_format": meta.source_format, "duration": meta.duration,
                           "turns": len(session.turns), "utterances": len(session.utterances),
                           "speakers": len(session.speakers), "therapist": "; ".join(therapists),
                           "role_source": "; ".join(sorted({s.role_source or "" for s in session.speakers}))}
    if m:
        row.update(words=m.words, time_basis=m.time_basis, therapist_questions_per_100=m.therapist_questions_per_100)
        for r in m.roles:
            for name in ("turns", "utterances", "words", "word_share", "mean_turn_words", "questions", "seconds",
                         "second_share", "mean_turn_seconds"):
                row[f"{r.role}_{name}"] = getattr(r, name)
        for s in m.markers:
            row.update({f"{s.marker}_count": s.count, f"{s.marker}_per_100": s.per_100,
                        f"{s.marker}_mean_p": s.mean_probability})
        for b in m.benchmarks:
            row.update({b.name: b.value, f"{b.name}_level": b.level})
        row["alliance_index"] = m.alliance.value if m.alliance else None
        if m.client:  # client codes, ruptures and reactions (codebook sections 8-9)
            c = m.client
            row.update(client_change_talk=c.change_talk, client_sustain_talk=c.sustain_talk,
                       change_to_sustain=c.change_to_sustain, ruptures=c.ruptures, ruptures_withdrawal=c.withdrawal,
                       ruptures_confrontation=c.confrontation, ruptures_repaired=c.repaired,
                       ruptures_repaired_share=c.repaired_share, risk_statements=c.risk_statements)
            for r in c.reactions:
                row.update({f"after_{r.move}_n": r.moves, f"after_{r.move}_change_talk": r.change_talk,
                            f"after_{r.move}_sustain_talk": r.sustain_talk, f"after_{r.move}_rupture": r.rupture})
        if m.timing:
            t = m.timing
            row.update(silences=t.silences, silence_seconds=t.silence_seconds, longest_silence=t.longest_silence,
                       long_silences_after_client=len(t.long_silences_after_client),
                       therapist_latency_median=t.therapist_latency_median,
                       therapist_interruptions=t.therapist_interruptions, overlap_seconds=t.overlap_seconds,
                       overlap_share=t.overlap_share)
    row.update(quality_columns(meta.audio_quality))
    row.update(calibration=meta.calibration.name if meta.calibration else None, utterance_unit=meta.utterance_unit,
               redacted=meta.redacted, warnings=" | ".join(meta.warnings), tool_version=meta.tool_version,
               input_sha256=meta.source_sha256 if not meta.redacted else None)
    return row


def quality_columns(q: AudioQuality | None) -> dict[str, Any]:
    """The recording's verdict, reasons and measures; empty for a transcript (no audio, no verdict)."""
    top = q.speaker_shares[0].share if q and q.speaker_shares else None
    return {"audio_verdict": q.verdict if q else None,
            "audio_reasons": " | ".join(f"{r.severity}: {r.message}" for r in q.reasons) if q else None,
            "audio_level_dbfs": q.level_dbfs if q else None, "audio_snr_db": q.snr_db if q else None,
            "audio_clipped_share": q.clipped_share if q else None, "audio_high_band_db": q.high_band_db if q else None,
            "audio_speakers_found": q.speakers_found if q else None, "audio_top_speaker_share": top,
            "audio_separation": q.separation if q else None}


def csv_bytes(rows: Iterable[dict[str, Any]], columns: Sequence[str] | None = None, raw: bool = False) -> bytes:
    """A CSV of dict rows; text cells that would start a spreadsheet formula get a leading ``'``
    unless ``raw`` (escape.csv_cell), numbers stay numbers."""
    rows = list(rows)
    if columns is None:
        columns = list(dict.fromkeys(k for r in rows for k in r))
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=list(columns), lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    for r in rows:
        writer.writerow({k: "" if v is None else csv_cell(v, raw) for k, v in r.items()})
    return buffer.getvalue().encode("utf-8")


def csv_safe_table(table: Any, raw: bool = False) -> Any:
    """``csv_cell`` on every text column of an Arrow table (the Parquet file keeps the raw text:
    its columns are typed, no spreadsheet runs them)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if raw:
        return table
    for i, field in enumerate(table.schema):
        if pa.types.is_string(field.type):
            safe = pc.replace_substring_regex(table.column(i), pattern=FORMULA_REGEX, replacement="'\\1")
            table = table.set_column(i, field, safe)
    return table


# ---------------------------------------------------------------- a manifest's own columns

_INTEGER = re.compile(r"-?(0|[1-9][0-9]*)")
_NUMBER = re.compile(r"-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?")


def extra_types(values: Mapping[str, Iterable[str]]) -> dict[str, str]:
    """Each extra column's type: 'integer' or 'number' when every non-empty value clearly is one
    (no leading zeros: '007' is an identifier), else 'string'."""
    types = {}
    for name, column in values.items():
        given = [v for v in column if v != ""]
        kind = "string"
        if given and all(_INTEGER.fullmatch(v) for v in given):
            kind = "integer"
        elif given and all(_NUMBER.fullmatch(v) for v in given):
            kind = "number"
        types[name] = kind
    return types


def extra_names(manifest: Sequence[str], taken: Iterable[str]) -> dict[str, str]:
    """The table column of each manifest column: its own name, or ``manifest_<name>`` when a column
    of the tool's has that name."""
    taken = {t.lower() for t in taken}
    out = {}
    for name in manifest:
        column = f"manifest_{name}" if name.lower() in taken else name
        if column != name:
            log.warning("the manifest's column '%s' is named like a column of sessions.csv: written as '%s'", name, column)
        out[name] = column
    return out


def _typed(value: str, kind: str) -> Any:
    """A manifest cell as its column's type; a number as a Decimal, which the CSV writes as given
    ('4' stays '4') and never escapes as a formula ('-3')."""
    if value == "":
        return None
    return int(value) if kind == "integer" else Decimal(value) if kind == "number" else value


# ---------------------------------------------------------------- writing the run's tables

def write_corpus_tables(out_dir: Path, folders: Sequence[Path], markers: Sequence[str],
                        failures: Sequence[dict[str, Any]], raw_csv: bool = False, *, codes: Sequence[str] | None = None,
                        corpus: str | None = None, extras: Mapping[str, Mapping[str, str]] | None = None,
                        run: Any = None) -> list[Path]:
    """utterances.parquet and .csv, codes.parquet, sessions.csv and .parquet, failures.csv and
    datapackage.json, streamed session by session into temporary files and renamed into place
    together at the end. ``markers``: the therapist markers and custom codes (sessions' columns);
    ``codes``: every code column of the wide table (default: ``markers``); ``corpus``: replaces
    the sessions' own corpus name; ``extras``: session id -> the manifest's own columns;
    ``run``: the run's description for datapackage.json (datapackage.RunInfo). ``raw_csv``: the
    CSVs' text cells as they are, formula-like ones included (see ``csv_bytes``)."""
    from .datapackage import RunInfo, write_datapackage

    codes = list(markers if codes is None else codes)
    tmp = Path(tempfile.mkdtemp(prefix=".tmp-tables-", dir=out_dir))
    try:
        usage = _utterance_tables(tmp, folders, codes, corpus, raw_csv)
        types, sources = _session_tables(tmp, folders, markers, corpus, extras or {}, raw_csv)
        (tmp / "failures.csv").write_bytes(csv_bytes(failures, ("input", "session_id", "stage", "error", "time"), raw_csv))
        names = ["sessions.csv", "sessions.parquet", "utterances.parquet", "utterances.csv", "codes.parquet",
                 "failures.csv"]
        write_datapackage(tmp, names, run or RunInfo(corpus=corpus), codes, markers, (types, sources), usage,
                          _models(folders), len(folders), len(failures))
        final = []
        for name in [*names, "datapackage.json"]:
            os.replace(tmp / name, out_dir / name)
            final.append(out_dir / name)
        return final
    except OSError as e:
        raise OutputError(f"{out_dir}: cannot write the corpus tables ({e.strerror or e})") from e
    finally:
        for p in tmp.glob("*"):
            p.unlink(missing_ok=True)
        tmp.rmdir()


def _with_corpus(table: Any, corpus: str | None) -> Any:
    import pyarrow as pa

    if corpus is None:
        return table
    i = table.schema.get_field_index("corpus")
    return table.set_column(i, "corpus", pa.array([corpus] * table.num_rows, pa.string()))


def _utterance_tables(tmp: Path, folders: Sequence[Path], codes: Sequence[str], corpus: str | None,
                      raw_csv: bool) -> Counter:
    """The wide and long utterance tables; returns how each code was decided, counted by session."""
    import pyarrow.csv as pcsv
    import pyarrow.parquet as pq

    from .codes import code_schema, usage

    wide, long = utterance_schema(codes), code_schema()
    counts: Counter = Counter()
    with pq.ParquetWriter(tmp / "utterances.parquet", wide) as parquet, \
            pcsv.CSVWriter(tmp / "utterances.csv", wide) as table_csv, \
            pq.ParquetWriter(tmp / "codes.parquet", long) as code_parquet:
        for folder in folders:
            table = _with_corpus(pq.read_table(folder / "utterances.parquet"), corpus).cast(wide)
            parquet.write_table(table)
            table_csv.write_table(csv_safe_table(table, raw_csv))
            coded = _with_corpus(pq.read_table(folder / "codes.parquet"), corpus).cast(long)
            code_parquet.write_table(coded)
            counts.update(usage(coded))
    return counts


def _session_tables(tmp: Path, folders: Sequence[Path], markers: Sequence[str], corpus: str | None,
                    extras: Mapping[str, Mapping[str, str]], raw_csv: bool) -> tuple[dict[str, str], dict[str, str]]:
    """sessions.csv and sessions.parquet; returns the extra columns' types by table column name,
    and the manifest's name of each column named otherwise in the tables."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    columns = session_columns(markers)
    rows = [json.loads((f / "row.json").read_text(encoding="utf-8")) for f in folders]
    manifest = list(dict.fromkeys(k for r in rows for k in extras.get(r["session_id"], {})))
    names = extra_names(manifest, [c.name for c in columns])
    types = {names[k]: t for k, t in extra_types({k: [extras.get(r["session_id"], {}).get(k, "") for r in rows]
                                                  for k in manifest}).items()}
    for r in rows:
        if corpus is not None:
            r["corpus"] = corpus
        given = extras.get(r["session_id"], {})
        r.update({names[k]: _typed(given.get(k, ""), types[names[k]]) for k in manifest})
    sources = {column: name for name, column in names.items() if column != name}
    columns: list[Column] = columns + extra_columns(types, sources)
    (tmp / "sessions.csv").write_bytes(csv_bytes(rows, [c.name for c in columns], raw=raw_csv))
    schema = arrow_schema(columns)
    number = {c.name for c in columns if c.type == "number"}
    table = pa.table({c.name: pa.array([_float(r.get(c.name)) if c.name in number else r.get(c.name) for r in rows],
                                       schema.field(c.name).type) for c in columns}, schema=schema)
    pq.write_table(table, tmp / "sessions.parquet")
    return types, sources


def _float(value: Any) -> Any:
    return float(value) if isinstance(value, Decimal) else value


def _models(folders: Sequence[Path]) -> list[dict[str, Any]]:
    """The models the sessions were made with (from their done.json), each with its number of sessions."""
    counts: Counter = Counter()
    for folder in folders:
        try:
            done = json.loads((folder / "done.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        counts.update(tuple(m.get(k) for k in ("name", "stage", "version", "sha256")) for m in done.get("models", ()))
    return [{"name": n, "stage": st, "version": v, "sha256": sha, "sessions": c}
            for (n, st, v, sha), c in sorted(counts.items(), key=lambda kv: (str(kv[0][1]), str(kv[0][0]), -kv[1]))]
