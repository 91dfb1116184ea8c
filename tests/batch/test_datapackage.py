"""The run folder's data dictionary (datapackage.json) and tidy tables: validated with the
frictionless library, read with pandas and DuckDB, the long and wide tables checked against each
other; and the corpus-table section of docs/schema.md generated from the same definitions."""

from __future__ import annotations

import csv
import dataclasses
import json
import shutil
from pathlib import Path

import pytest

from transcript_analyzer.batch.codes import code_table_bytes
from transcript_analyzer.batch.datapackage import RunInfo, recorded_config
from transcript_analyzer.batch.dictionary import committed_section, markdown
from transcript_analyzer.batch.tables import session_row, utterance_table_bytes, write_corpus_tables
from transcript_analyzer.config import AnalyzeConfig, MarkerOptions, RoleOptions

from .test_codes import CODES, DECISIONS, MARKER_NAMES, coded_session

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "sample_transcripts"


def validate(folder: Path):
    frictionless = pytest.importorskip("frictionless")
    report = frictionless.validate(folder / "datapackage.json")
    errors = [(t.name, e.type, e.note) for t in report.tasks for e in t.errors]
    assert report.valid, errors[:10]
    return {t.name for t in report.tasks}


def agree(folder: Path) -> int:
    """Every long row's decision and probability equal the wide table's; every probability in the
    wide table has its long row. Returns the number of long rows."""
    import pandas as pd

    wide = pd.read_parquet(folder / "utterances.parquet")
    long = pd.read_parquet(folder / "codes.parquet")
    codes = [c for c in wide.columns if f"{c}_p" in wide.columns]
    decisions = wide.melt(["session_id", "utterance_index"], codes, var_name="code", value_name="wide_decision")
    p = wide.melt(["session_id", "utterance_index"], [f"{c}_p" for c in codes], var_name="code", value_name="wide_p")
    p["code"] = p["code"].str[:-2]
    both = decisions.merge(p, on=["session_id", "utterance_index", "code"])
    merged = both.merge(long, on=["session_id", "utterance_index", "code"], how="left", indicator=True)
    scored = merged[merged["wide_p"].notna()]
    assert (scored["_merge"] == "both").all() and len(scored) == len(long)
    assert (scored["decision"] == scored["wide_decision"]).all() and (scored["probability"] == scored["wide_p"]).all()
    assert (merged.loc[merged["wide_p"].isna(), "wide_decision"] == 0).all()  # not scored: 0, never NaN
    return len(long)


def test_the_schema_doc_section_is_generated_from_the_dictionary():
    committed = committed_section(ROOT / "docs" / "schema.md")
    assert committed == markdown(), "docs/schema.md is stale: python -m transcript_analyzer.batch.dictionary"


def test_hand_made_tables_validate_with_hostile_text_extras_and_a_redacted_config(tmp_path):
    out = tmp_path / "run"
    folders = []
    for sid in ("-s1", "=s2"):
        folder = out / "sessions" / sid.strip("-=")
        folder.mkdir(parents=True)
        s = coded_session(sid)
        s = dataclasses.replace(s, utterances=tuple(dataclasses.replace(u, text="=1+1 " + u.text) for u in s.utterances))
        (folder / "utterances.parquet").write_bytes(utterance_table_bytes(s, "old name", CODES))
        (folder / "codes.parquet").write_bytes(code_table_bytes(s, "old name", DECISIONS))
        (folder / "row.json").write_text(json.dumps(session_row(s, "old name")), encoding="utf-8")
        (folder / "done.json").write_text(json.dumps({"models": [dataclasses.asdict(m) for m in s.meta.models]}))
        folders.append(folder)
    config = AnalyzeConfig(roles=RoleOptions(therapist="Dr Jane Roe"))
    config = dataclasses.replace(config, output=dataclasses.replace(config.output, redact=True))
    extras = {"-s1": {"site": "=north", "quality": "-1.5"}, "=s2": {"site": "south", "quality": "2"}}
    write_corpus_tables(out, folders, MARKER_NAMES, [], codes=CODES, corpus="=corpus", extras=extras,
                        run=RunInfo("=corpus", recorded_config(config), "k", True))
    assert validate(out) == {"sessions-csv", "sessions-parquet", "utterances-parquet", "utterances-csv",
                             "codes-parquet", "failures-csv"}
    assert agree(out) == 2 * (4 * len(MARKER_NAMES) + 3 * 5)
    package = json.loads((out / "datapackage.json").read_text())
    assert package["name"] == "corpus" and package["title"] == "=corpus"
    assert package["transcript_analyzer"]["configuration"]["roles"]["therapist"] == "<redacted>"
    assert "Jane" not in (out / "datapackage.json").read_text()
    with open(out / "sessions.csv", newline="") as f:
        rows = list(csv.DictReader(f))
    assert [(r["corpus"], r["site"], r["quality"]) for r in rows] == [("'=corpus", "'=north", "-1.5"),
                                                                      ("'=corpus", "south", "2")]  # numbers as given


@pytest.mark.slow
def test_a_batch_run_has_tidy_tables_and_a_data_dictionary(tmp_path):
    """The acceptance test of issue 15 (items 1-2): a small corpus with a manifest carrying extra
    columns; datapackage.json validates; codes.parquet reads with pandas and DuckDB; long = wide."""
    import duckdb
    import pandas as pd
    from click.testing import CliRunner

    from transcript_analyzer.batch import BatchOptions, run_batch
    from transcript_analyzer.cli import main

    corpus = tmp_path / "clinic_2026"
    corpus.mkdir()
    for name in ("strong_alliance.txt", "self_disclosure.vtt"):
        shutil.copy(SAMPLES / name, corpus / name)
    (corpus / "manifest.csv").write_text("path,session_id,quality,topic,therapist_id,date\n"
                                         "strong_alliance.txt,s1,4,grief,007,2026-01-05\n"
                                         "self_disclosure.vtt,s2,2.5,work,T12,\n")
    out = tmp_path / "run"
    config = AnalyzeConfig(markers=MarkerOptions(evidence=False))
    result = run_batch([corpus / "manifest.csv"], out, config, BatchOptions(workers=1))
    assert (result.analysed, result.failed) == (2, 0)
    assert {p.name for p in result.tables} >= {"codes.parquet", "sessions.parquet", "datapackage.json"}

    assert validate(out) == {"sessions-csv", "sessions-parquet", "utterances-parquet", "utterances-csv",
                             "codes-parquet", "failures-csv"}
    long = pd.read_parquet(out / "codes.parquet")
    wide = pd.read_parquet(out / "utterances.parquet")
    assert agree(out) == len(long) > 0
    assert str(long["decision"].dtype) == "int8" and long["decision"].isin([0, 1]).all()
    codes = [c for c in wide.columns if f"{c}_p" in wide.columns]
    assert all(str(wide[c].dtype) == "int8" for c in codes) and not wide[codes].isna().any().any()
    assert {"change_talk", "risk_talk", "empathy"} <= set(codes) and set(long["code"]) <= set(codes)
    assert set(long.loc[long.role == "client", "code"]) <= {"change_talk", "sustain_talk", "rupture_withdrawal",
                                                             "rupture_confrontation", "risk_talk"}
    assert (wide.groupby("role")["coded"].min() == 1).all()
    assert set(long["corpus"]) == set(wide["corpus"]) == {"clinic_2026"}  # the input folder's name

    with duckdb.connect() as db:
        mismatches = db.execute(f"""select count(*) from '{out / "codes.parquet"}' c
                                join '{out / "utterances.parquet"}' u using (session_id, utterance_index)
                                where c.code = 'self_disclosure' and (c.decision <> u.self_disclosure
                                      or c.probability <> u.self_disclosure_p)""").fetchall()[0][0]
        thresholds = dict(db.execute(f"select code, max(threshold) from '{out / 'codes.parquet'}' group by code").fetchall())
        hashes = db.execute(f"select distinct model, model_sha256 from '{out / 'codes.parquet'}'").fetchall()
    assert mismatches == 0
    assert thresholds["open_question"] is None and 0 < thresholds["self_disclosure"] < 1 and 0 < thresholds["risk_talk"] < 1
    assert all(len(sha or "") == 64 for _, sha in hashes) and "coder" in dict(hashes)

    sessions = pd.read_parquet(out / "sessions.parquet").set_index("session_id")
    assert sessions.loc["s1", "quality"] == 4.0 and sessions.loc["s2", "therapist_id"] == "T12"
    assert sessions.loc["s1", "therapist_id"] == "007" and sessions.loc["s2", "topic"] == "work"  # ids stay text
    with open(out / "sessions.csv", newline="") as f:
        rows = {r["session_id"]: r for r in csv.DictReader(f)}
    assert (rows["s1"]["quality"], rows["s1"]["topic"], rows["s1"]["therapist_id"]) == ("4", "grief", "007")
    assert "quality" not in wide.columns  # the utterance tables stay lean: join on session_id

    package = json.loads((out / "datapackage.json").read_text())
    ta = package["transcript_analyzer"]
    assert ta["configuration"] == json.loads(json.dumps(dataclasses.asdict(config)))
    assert ta["tool_version"] and ta["sessions"] == {"finished": 2, "failed": 0}
    assert [c["name"] for c in ta["codes"]] == codes
    empathy = next(c for c in ta["codes"] if c["name"] == "empathy")
    assert empathy["definition"] and empathy["codebook"].startswith("docs/codebook.md")
    assert 0 < empathy["held_out_agreement"]["precision"] < 1 and empathy["held_out_agreement"]["card"]
    assert empathy["decided_in_this_run"][0]["sessions"] == 2
    models = {m["name"]: m["sha256"] for m in ta["models"]}
    assert models["coder"] == dict(hashes)["coder"]
    assert [m["name"] for m in ta["manifest_columns"]] == ["quality", "topic", "therapist_id"]
    fields = {f["name"]: f for r in package["resources"] if r["name"] == "sessions-csv" for f in r["schema"]["fields"]}
    assert fields["quality"]["type"] == "number" and fields["therapist_id"]["type"] == "string"

    again = CliRunner().invoke(main, ["batch", str(corpus / "manifest.csv"), "--out", str(out), "--workers", "1",
                                      "--no-evidence", "--corpus", "Clinic A"])
    assert again.exit_code == 0, again.output
    assert "0 analysed, 2 already finished" in again.output  # a new name, not a new analysis
    assert set(pd.read_parquet(out / "codes.parquet")["corpus"]) == {"Clinic A"}
    assert set(pd.read_csv(out / "sessions.csv")["corpus"]) == {"Clinic A"}
    assert json.loads((out / "datapackage.json").read_text())["title"] == "Clinic A"
    validate(out)
