"""The corpus tables of a batch run, built from hand-made session folders (no cluster needed):
spreadsheet formulas neutralised in every CSV, Parquet untouched, --raw-csv keeps the text."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from transcript_analyzer.batch.codes import code_table_bytes
from transcript_analyzer.batch.tables import session_row, utterance_table_bytes, write_corpus_tables
from transcript_analyzer.escape import csv_uncell
from transcript_analyzer.model import Session, Utterance

from ..conftest import make_session

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
TEXTS = ["=cmd|' /C calc'!A0", "- yeah, I guess", "+1 555", "@SUM(1+1)*cmd", "fine -1.5", "'=quoted"]


def session(session_id: str, speaker: str) -> Session:
    base = make_session(*[(speaker, t, float(i), i + 0.5) for i, t in enumerate(TEXTS)], session_id=session_id)
    utterances = tuple(Utterance(i, i, speaker, "client", t, float(i), i + 0.5, "turn") for i, t in enumerate(TEXTS))
    return Session(meta=base.meta, turns=base.turns, utterances=utterances)


def run_folder(tmp_path: Path) -> tuple[Path, list[Path], list[dict]]:
    folders = []
    for sid, speaker in (("-s1", "@therapist"), ("=s2", "+client")):
        folder = tmp_path / "run" / "sessions" / sid.strip("=-")
        folder.mkdir(parents=True)
        s = session(sid, speaker)
        (folder / "utterances.parquet").write_bytes(utterance_table_bytes(s, "=corpus", []))
        (folder / "codes.parquet").write_bytes(code_table_bytes(s, "=corpus", {}))
        (folder / "row.json").write_text(json.dumps(session_row(s, "=corpus")), encoding="utf-8")
        folders.append(folder)
    failures = [{"input": "-rf.txt", "session_id": "@x", "stage": "read", "error": "=1+1 is not a transcript",
                 "time": "2026-12-05T00:00:00"}]
    return tmp_path / "run", folders, failures


def rows(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_every_corpus_csv_neutralises_formulas_and_parquet_keeps_the_text(tmp_path):
    import pyarrow.parquet as pq

    out, folders, failures = run_folder(tmp_path)
    write_corpus_tables(out, folders, [], failures)
    for name in ("utterances.csv", "sessions.csv", "failures.csv"):
        cells = [c for r in rows(out / name) for c in r.values()]
        assert cells and not any(c.startswith(FORMULA_START) for c in cells), name
    utterances = rows(out / "utterances.csv")
    assert [csv_uncell(r["text"]) for r in utterances] == TEXTS * 2
    assert {(r["corpus"], r["session_id"], r["speaker"]) for r in utterances} == \
        {("'=corpus", "'-s1", "'@therapist"), ("'=corpus", "'=s2", "'+client")}
    assert utterances[0]["start"] == "0" and utterances[4]["text"] == "fine -1.5"  # numbers and plain text as they were
    sessions = rows(out / "sessions.csv")
    assert [r["session_id"] for r in sessions] == ["'-s1", "'=s2"] and sessions[0]["therapist"] == ""
    assert rows(out / "failures.csv")[0] == {"input": "'-rf.txt", "session_id": "'@x", "stage": "read",
                                             "error": "'=1+1 is not a transcript", "time": "2026-12-05T00:00:00"}
    table = pq.read_table(out / "utterances.parquet")
    assert table.column("text").to_pylist() == TEXTS * 2 and table.column("session_id")[0].as_py() == "-s1"


def test_raw_csv_writes_the_cells_as_they_are(tmp_path):
    out, folders, failures = run_folder(tmp_path)
    write_corpus_tables(out, folders, [], failures, raw_csv=True)
    assert [r["text"] for r in rows(out / "utterances.csv")] == TEXTS * 2
    assert [r["session_id"] for r in rows(out / "sessions.csv")] == ["-s1", "=s2"]
    assert rows(out / "failures.csv")[0]["error"] == "=1+1 is not a transcript"


def test_the_tools_own_tables_read_back_unescaped(tmp_path):
    """`evaluate --pred` reads utterances.csv: the apostrophes come off again."""
    from transcript_analyzer.training.agreement.predictions import read_predictions

    out, folders, failures = run_folder(tmp_path)
    write_corpus_tables(out, folders, [], failures)
    (out / "utterances.parquet").unlink()  # read the CSV, not the Parquet file
    predictions = read_predictions(out / "utterances.csv", [])
    assert set(predictions.sessions) == {"-s1", "=s2"}
    assert [u.text for u in predictions.sessions["-s1"]] == TEXTS


def test_sessions_csv_has_the_recording_verdict_and_reasons_and_none_for_a_transcript(tmp_path):
    import dataclasses

    from transcript_analyzer.model import AudioQuality, QualityReason, SpeakerShare

    out, folders, failures = run_folder(tmp_path)
    s = session("rec", "SPEAKER_00")
    q = AudioQuality("unreliable", (QualityReason("speakers", "unreliable", "one voice detected; rerun with --speakers 2"),
                                    QualityReason("snr", "check", "noisy recording")),
                     "clustering", 30.0, -24.2, 0.0, 8.0, -20.5, 2, 1, (SpeakerShare("SPEAKER_00", 30.0, 1.0),))
    recording = dataclasses.replace(s, meta=dataclasses.replace(s.meta, source_format="audio", audio_quality=q))
    (folders[0] / "row.json").write_text(json.dumps(session_row(recording, "c")), encoding="utf-8")
    write_corpus_tables(out, folders, [], failures)
    audio_row, transcript_row = rows(out / "sessions.csv")
    assert audio_row["audio_verdict"] == "unreliable" and audio_row["audio_reasons"] == \
        "unreliable: one voice detected; rerun with --speakers 2 | check: noisy recording"
    assert (audio_row["audio_snr_db"], audio_row["audio_level_dbfs"], audio_row["audio_top_speaker_share"]) == \
        ("8.0", "-24.2", "1.0")
    assert transcript_row["audio_verdict"] == transcript_row["audio_reasons"] == transcript_row["audio_snr_db"] == ""


@pytest.mark.slow
def test_a_batch_run_from_the_cli(tmp_path):
    """End to end on a local cluster: hostile names and texts in, safe CSVs and a clean terminal out."""
    from click.testing import CliRunner

    from transcript_analyzer.cli import main

    inputs = tmp_path / "in"
    inputs.mkdir()
    lines = ["speaker,text"] + [f"{'@Therapist' if i % 2 == 0 else 'Client'},"
                                f"{'- How did that feel for you?' if i % 2 == 0 else '=1+1 it felt bad, really bad.'}"
                                for i in range(8)]
    (inputs / "-session.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (inputs / "broken\x1b[31m.txt").write_text("one line, no speakers \x1b]0;title\x07\n", encoding="utf-8")
    out = tmp_path / "run"
    result = CliRunner().invoke(main, ["batch", str(inputs), "--out", str(out), "--workers", "1",
                                      "--no-evidence", "--markers", "empathy",
                                      "--therapist", "@Therapist"])
    assert result.exit_code == 1, result.output
    assert "\x1b" not in result.output and "broken\\x1b[31m.txt" in result.stderr
    for name in ("utterances.csv", "sessions.csv", "failures.csv", "sessions/-session/utterances.csv"):
        cells = [c for r in rows(out / name) for c in r.values()]
        assert cells and not any(c.startswith(FORMULA_START) for c in cells), name
    assert {r["speaker"] for r in rows(out / "utterances.csv")} == {"'@Therapist", "Client"}
