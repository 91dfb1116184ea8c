"""Batch runs on a real Dask LocalCluster: tables, failures, resuming, and a run killed with
SIGKILL then rerun."""

from __future__ import annotations

import csv
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from transcript_analyzer.batch import BatchOptions, run_batch
from transcript_analyzer.cli import main
from transcript_analyzer.config import AnalyzeConfig, MarkerOptions

SAMPLES = Path(__file__).resolve().parents[2] / "sample_transcripts"
TRANSCRIPTS = ("strong_alliance.txt", "self_disclosure.vtt", "over_interpretation.json", "trainee_session.docx")
pytestmark = pytest.mark.slow


def corpus(folder: Path, copies: int = 1, bad: bool = True) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for c in range(copies):
        for name in TRANSCRIPTS:
            shutil.copy(SAMPLES / name, folder / (f"{c}_{name}" if copies > 1 else name))
    if bad:
        (folder / "broken.txt").write_text("just one line with no speakers at all\n")
    return folder


def table_ids(out: Path) -> tuple[Counter, Counter]:
    import pyarrow.parquet as pq

    utterances = Counter(pq.read_table(out / "utterances.parquet", columns=["session_id"]).column(0).to_pylist())
    with open(out / "sessions.csv", newline="") as f:
        sessions = Counter(r["session_id"] for r in csv.DictReader(f))
    return utterances, sessions


def fast_config() -> AnalyzeConfig:
    return AnalyzeConfig(markers=MarkerOptions(evidence=False))


def test_a_small_corpus_on_a_local_cluster(tmp_path):
    inputs, out = corpus(tmp_path / "in"), tmp_path / "run"
    seen = []
    result = run_batch([inputs], out, fast_config(), BatchOptions(workers=2, convokit=True),
                       progress=lambda o, done, total: seen.append((o.session_id, done, total)))
    assert (result.total, result.analysed, result.failed, result.skipped) == (5, 4, 1, 0)
    assert len(seen) == 5 and seen[-1][1:] == (5, 5)
    utterances, sessions = table_ids(out)
    done = {json.loads((out / "sessions" / s / "done.json").read_text())["session_id"]:
            json.loads((out / "sessions" / s / "done.json").read_text())["utterances"]
            for s in ("strong_alliance", "self_disclosure", "over_interpretation", "trainee_session")}
    assert dict(utterances) == done and set(sessions) == set(done) and set(sessions.values()) == {1}
    with open(out / "failures.csv", newline="") as f:
        failures = list(csv.DictReader(f))
    assert [(Path(r["input"]).name, r["stage"]) for r in failures] == [("broken.txt", "roles")] or \
        [Path(r["input"]).name for r in failures] == ["broken.txt"]
    assert "speaker" in failures[0]["error"]
    for name in ("report.html", "summary.md", "session.json", "utterances.csv"):
        assert (out / "sessions" / "strong_alliance" / name).is_file()
    with open(out / "utterances.csv", newline="") as f:
        header = next(csv.reader(f))
    assert header[:3] == ["corpus", "session_id", "utterance_index"] and "rigid_interpretation_p" in header

    convo = [json.loads(line) for line in (out / "convokit" / "utterances.jsonl").read_text().splitlines()]
    assert len(convo) == sum(done.values())
    roots = {u["conversation_id"] for u in convo}
    assert roots == set(json.loads((out / "convokit" / "conversations.json").read_text()))
    assert all(u["reply_to"] is None for u in convo if u["id"] in roots)  # ConvoKit: a conversation's id is its root's
    index = json.loads((out / "convokit" / "index.json").read_text())
    assert "empathy_p" in index["utterances-index"] and index["version"] == 1

    again = run_batch([inputs], out, fast_config(), BatchOptions(workers=1))  # the bad file is retried, the rest kept
    assert (again.analysed, again.skipped, again.failed) == (0, 4, 1)
    assert table_ids(out) == (utterances, sessions)
    (inputs / "broken.txt").unlink()
    finished = run_batch([inputs], out, fast_config(), BatchOptions(workers=1))
    assert (finished.analysed, finished.skipped, finished.failed) == (0, 4, 0)
    assert finished.seconds < 30  # nothing to do: no cluster is started
    with open(out / "failures.csv", newline="") as f:
        assert list(csv.DictReader(f)) == []


def test_the_cli_exit_status_says_whether_any_failed_and_force_redoes(tmp_path):
    inputs, out = corpus(tmp_path / "in"), tmp_path / "run"
    (inputs / "self_disclosure.vtt").unlink()
    (inputs / "trainee_session.docx").unlink()
    (inputs / "over_interpretation.json").unlink()
    args = ["batch", str(inputs), "--out", str(out), "--workers", "1", "--no-evidence", "--markers", "empathy"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1, result.output
    assert "1 analysed, 0 already finished, 1 failed" in result.output and "broken.txt" in result.output
    (inputs / "broken.txt").unlink()
    result = CliRunner().invoke(main, [*args, "--force"])
    assert result.exit_code == 0, result.output
    assert "1 analysed, 0 already finished, 0 failed" in result.output


def test_a_redacted_run_uses_opaque_ids_and_keeps_the_map_apart(tmp_path):
    inputs, out = corpus(tmp_path / "in", bad=False), tmp_path / "run"
    (inputs / "jane_doe_broken.txt").write_text("just one line with no speakers at all\n")
    for name in TRANSCRIPTS[1:]:
        (inputs / name).unlink()
    (inputs / "strong_alliance.txt").rename(inputs / "jane_doe_2024.txt")
    config = AnalyzeConfig(markers=MarkerOptions(evidence=False, markers=("empathy",)))
    import dataclasses

    config = dataclasses.replace(config, output=dataclasses.replace(config.output, redact=True))
    id_map = tmp_path / "researcher" / "ids.csv"
    run_batch([inputs], out, config, BatchOptions(workers=1, id_map=id_map))
    for table in ("utterances.csv", "sessions.csv", "failures.csv"):
        assert "jane" not in (out / table).read_text().lower()
    with open(out / "failures.csv", newline="") as f:
        assert [r["session_id"].startswith("s-") for r in csv.DictReader(f)] == [True]
    assert not [p for p in (out / "sessions").iterdir() if "jane" in p.name]
    assert not [p for p in out.rglob("*") if "jane" in p.name or (p.is_file() and b"jane" in p.read_bytes().lower())]
    assert "jane_doe_2024.txt" in id_map.read_text()  # the map back only where asked, never in the run folder
    from transcript_analyzer.errors import ConfigError, OutputError

    with pytest.raises(OutputError, match="may not be inside the run folder"):
        run_batch([inputs], out, config, BatchOptions(workers=1, id_map=out / "ids.csv"))
    with pytest.raises(ConfigError, match="--id-map goes with --redact"):
        run_batch([inputs], tmp_path / "plain", fast_config(), BatchOptions(id_map=id_map))
    with pytest.raises(OutputError, match="holds a redacted run"):  # unredacted sessions beside redacted ones: no
        run_batch([inputs], out, fast_config(), BatchOptions(workers=1))


def test_a_rerun_with_out_inside_the_input_folder_reads_none_of_its_own_outputs(tmp_path):
    inputs = corpus(tmp_path / "in", bad=False)
    for name in TRANSCRIPTS[1:]:
        (inputs / name).unlink()
    out = inputs / "results"
    first = run_batch([inputs], out, fast_config(), BatchOptions(workers=1))
    again = run_batch([inputs], out, fast_config(), BatchOptions(workers=1))
    assert (first.total, first.analysed, first.failed) == (1, 1, 0)
    assert (again.total, again.skipped, again.failed) == (1, 1, 0)
    utterances, sessions = table_ids(out)
    assert dict(sessions) == {"strong_alliance": 1}
    with open(out / "failures.csv", newline="") as f:
        assert list(csv.DictReader(f)) == []


def test_inputs_inside_the_run_folder_and_a_second_run_on_it_are_refused(tmp_path):
    from transcript_analyzer.errors import InputError, OutputError
    from transcript_analyzer.io.outfolder import folder_lock

    inputs = corpus(tmp_path / "in", bad=False)
    with pytest.raises(InputError, match="inside the run's output folder"):
        run_batch([inputs], inputs, fast_config())  # --out is the input folder
    with pytest.raises(InputError, match="inside the run's output folder"):
        run_batch([inputs / "strong_alliance.txt"], tmp_path / "in", fast_config())
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "sessions.csv").write_text("my own table")
    with pytest.raises(OutputError, match="did not write"):
        run_batch([inputs], mine, fast_config())
    with folder_lock(tmp_path / "run"):
        started = time.perf_counter()
        with pytest.raises(OutputError, match="another run is writing to this folder"):
            run_batch([inputs], tmp_path / "run", fast_config())
        assert time.perf_counter() - started < 5  # fails at once


def test_a_run_killed_with_sigkill_resumes_with_every_session_exactly_once(tmp_path):
    inputs, out = corpus(tmp_path / "in", copies=3, bad=False), tmp_path / "run"
    cmd = [sys.executable, "-m", "transcript_analyzer.cli", "batch", str(inputs), "--out", str(out), "--workers", "1"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.time() + 240
        while time.time() < deadline and len(list(out.glob("sessions/*/done.json"))) < 2:
            time.sleep(0.1)
    finally:
        os.killpg(proc.pid, signal.SIGKILL)  # the driver, the scheduler and the worker processes
        proc.wait()
    before = len(list(out.glob("sessions/*/done.json")))
    assert 2 <= before < 12, "the run must be killed part-way (make the corpus larger if this fails)"
    assert not (out / "utterances.parquet").exists()
    time.sleep(1)  # let any orphaned worker notice its scheduler is gone
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    assert f"12 sessions: {12 - before} analysed, {before} already finished, 0 failed" in result.stdout
    utterances, sessions = table_ids(out)
    assert len(sessions) == 12 and set(sessions.values()) == {1}
    for done in out.glob("sessions/*/done.json"):
        info = json.loads(done.read_text())
        assert utterances[info["session_id"]] == info["utterances"]
    assert not [p for p in tmp_path.rglob(".*") if ".tmp-" in p.name or ".old-" in p.name or ".scratch-" in p.name]


def test_a_custom_code_in_a_batch_and_its_retraining_redoes_the_sessions(tmp_path, monkeypatch):
    from transcript_analyzer.training.custom.train import train_custom_code

    monkeypatch.setenv("TA_MODELS_DIR", str(tmp_path / "models"))  # the worker processes inherit it
    labels = Path(__file__).resolve().parents[1] / "data" / "custom_code" / "sleep_question.csv"
    train_custom_code(labels, "sleep_q")
    inputs, out = corpus(tmp_path / "in", bad=False), tmp_path / "run"
    for name in TRANSCRIPTS[1:]:
        (inputs / name).unlink()
    config = AnalyzeConfig(markers=MarkerOptions(evidence=False, markers=("+sleep_q",)))
    first = run_batch([inputs], out, config, BatchOptions(workers=1))
    assert (first.analysed, first.failed) == (1, 0)
    with open(out / "utterances.csv", newline="") as f:
        header = next(csv.reader(f))
    assert "sleep_q_p" in header and "rigid_interpretation_p" in header
    assert run_batch([inputs], out, config, BatchOptions(workers=1)).skipped == 1
    train_custom_code(labels, "sleep_q", context="previous-turn", replace=True)  # other weights, same name
    assert run_batch([inputs], out, config, BatchOptions(workers=1)).analysed == 1


def test_an_existing_cluster_by_its_scheduler_address(tmp_path):
    from distributed import LocalCluster

    inputs, out = corpus(tmp_path / "in", bad=False), tmp_path / "run"
    for name in TRANSCRIPTS[2:]:
        (inputs / name).unlink()
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None,
                      host="127.0.0.1") as cluster:
        result = run_batch([inputs], out, fast_config(), BatchOptions(scheduler=cluster.scheduler_address))
        assert (result.analysed, result.failed) == (2, 0)
        assert len(cluster.scheduler.workers) == 1  # the run used this cluster and left it running
    utterances, sessions = table_ids(out)
    assert set(sessions) == {"strong_alliance", "self_disclosure"}


def test_an_unreachable_scheduler_is_a_clear_error(tmp_path):
    from transcript_analyzer.errors import ConfigError

    inputs = corpus(tmp_path / "in", bad=False)
    with pytest.raises(ConfigError, match="cannot reach the Dask scheduler"):
        run_batch([inputs], tmp_path / "run", fast_config(), BatchOptions(scheduler="tcp://127.0.0.1:9",
                                                                                connect_timeout=2))
