"""Corpus tables: one row per utterance (Parquet and CSV) and one row per session (CSV), built
from each finished session's own files, so a resumed run holds every session exactly once."""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from pathlib import Path
from typing import Any, Iterable, Sequence

from ..errors import OutputError
from ..escape import FORMULA_REGEX, csv_cell
from ..model import AudioQuality, Session

BASE_COLUMNS = ("corpus", "session_id", "utterance_index", "turn_index", "speaker", "role", "start", "end",
                "time_source", "text")


def utterance_schema(markers: Sequence[str]):
    import pyarrow as pa

    fields = [pa.field("corpus", pa.string()), pa.field("session_id", pa.string()),
              pa.field("utterance_index", pa.int32()), pa.field("turn_index", pa.int32()),
              pa.field("speaker", pa.string()), pa.field("role", pa.string()), pa.field("start", pa.float64()),
              pa.field("end", pa.float64()), pa.field("time_source", pa.string()), pa.field("text", pa.string())]
    for m in markers:
        fields += [pa.field(m, pa.int8()), pa.field(f"{m}_p", pa.float32())]
    return pa.schema(fields)


def utterance_table(session: Session, corpus: str, markers: Sequence[str]):
    """The session's utterances with every marker's decision (1/0, null for client utterances)
    and probability."""
    import pyarrow as pa

    columns: dict[str, list[Any]] = {c: [] for c in BASE_COLUMNS}
    for m in markers:
        columns[m], columns[f"{m}_p"] = [], []
    for u in session.utterances:
        for c, v in zip(BASE_COLUMNS, (corpus, session.meta.session_id, u.index, u.turn_index, u.speaker, u.role,
                                       u.start, u.end, u.time_source, u.text)):
            columns[c].append(v)
        scores = {s.marker: s for s in u.markers}
        for m in markers:
            s = scores.get(m)
            columns[m].append(None if s is None else int(s.decision))
            columns[f"{m}_p"].append(None if s is None else s.probability)
    return pa.table(columns, schema=utterance_schema(markers))


def utterance_table_bytes(session: Session, corpus: str, markers: Sequence[str]) -> bytes:
    import pyarrow.parquet as pq

    buffer = io.BytesIO()
    pq.write_table(utterance_table(session, corpus, markers), buffer)
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
    row.update(redacted=meta.redacted, warnings=" | ".join(meta.warnings), tool_version=meta.tool_version,
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


def write_corpus_tables(out_dir: Path, folders: Sequence[Path], markers: Sequence[str],
                        failures: Sequence[dict[str, Any]], raw_csv: bool = False) -> list[Path]:
    """utterances.parquet, utterances.csv, sessions.csv and failures.csv, streamed session by
    session into temporary files and renamed into place together at the end. ``raw_csv``: the
    CSVs' text cells as they are, formula-like ones included (see ``csv_bytes``)."""
    import pyarrow.csv as pcsv
    import pyarrow.parquet as pq

    schema = utterance_schema(markers)
    tmp = Path(tempfile.mkdtemp(prefix=".tmp-tables-", dir=out_dir))
    try:
        with pq.ParquetWriter(tmp / "utterances.parquet", schema) as parquet, \
                pcsv.CSVWriter(tmp / "utterances.csv", schema) as table_csv:
            for folder in folders:
                table = pq.read_table(folder / "utterances.parquet").cast(schema)
                parquet.write_table(table)
                table_csv.write_table(csv_safe_table(table, raw_csv))
        rows = [json.loads((f / "row.json").read_text(encoding="utf-8")) for f in folders]
        (tmp / "sessions.csv").write_bytes(csv_bytes(rows, raw=raw_csv))
        (tmp / "failures.csv").write_bytes(csv_bytes(failures, ("input", "session_id", "stage", "error", "time"), raw_csv))
        final = []
        for name in ("utterances.parquet", "utterances.csv", "sessions.csv", "failures.csv"):
            os.replace(tmp / name, out_dir / name)
            final.append(out_dir / name)
        return final
    except OSError as e:
        raise OutputError(f"{out_dir}: cannot write the corpus tables ({e.strerror or e})") from e
    finally:
        for p in tmp.glob("*"):
            p.unlink(missing_ok=True)
        tmp.rmdir()
