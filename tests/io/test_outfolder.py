"""Output folders replaced as a whole, under a lock, never over the user's own files or inputs."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from transcript_analyzer.errors import OutputError
from transcript_analyzer.io import outfolder
from transcript_analyzer.io.outfolder import MARKER, check_not_over_inputs, folder_lock, recover, replace_folder
from transcript_analyzer.io.writers import check_output_folder, write_outputs

from ..conftest import ROOT, make_session


def names(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()}


def leftovers(parent: Path) -> list[str]:
    return sorted(p.name for p in parent.iterdir() if ".tmp-" in p.name or ".old-" in p.name)


def timed():
    return make_session(("T", "How was the week?", 0.0, 2.0, "therapist"), ("C", "Hard.", 2.5, 4.0, "client"),
                        session_id="timed")


def untimed():
    return make_session(("T", "How was the week?", None, None, "therapist"), ("C", "Hard.", None, None, "client"),
                        session_id="untimed")


def test_a_second_run_replaces_the_whole_set(tmp_path):
    out = tmp_path / "out"
    write_outputs(timed(), out)
    assert {"session.vtt", "session.rttm"} <= names(out)
    write_outputs(untimed(), out)  # the IT review: an untimed (e.g. redacted) run after a timed one
    assert names(out) == {"session.json", "utterances.csv", "report.html", "summary.md", MARKER}
    assert json.loads((out / "session.json").read_text())["meta"]["session_id"] == "untimed"
    assert json.loads((out / MARKER).read_text())["files"] == ["report.html", "session.json", "summary.md",
                                                               "utterances.csv"]
    assert leftovers(tmp_path) == []
    assert (out.stat().st_mode & 0o777) == 0o700 and ((out / "session.json").stat().st_mode & 0o777) == 0o600


def test_a_folder_with_the_users_own_files_is_refused_and_left_alone(tmp_path):
    out = tmp_path / "mine"
    out.mkdir()
    (out / "utterances.csv").write_text("my own table\n")
    with pytest.raises(OutputError, match=r"holds files this tool did not write \(utterances.csv\)"):
        write_outputs(untimed(), out)
    assert names(out) == {"utterances.csv"} and (out / "utterances.csv").read_text() == "my own table\n"
    written = tmp_path / "ours"
    write_outputs(untimed(), written)
    (written / "notes.txt").write_text("added by the user")
    with pytest.raises(OutputError, match=r"notes.txt"):
        write_outputs(timed(), written)
    assert (written / "notes.txt").exists() and "session.vtt" not in names(written)


def test_an_output_folder_of_another_kind_or_a_file_is_refused(tmp_path):
    replace_folder(tmp_path / "run", {"x.json": b"{}"}, "batch-session")
    with pytest.raises(OutputError, match="'batch-session' run"):
        write_outputs(untimed(), tmp_path / "run")
    (tmp_path / "file").write_text("x")
    with pytest.raises(OutputError, match="not a folder"):
        write_outputs(untimed(), tmp_path / "file")


def test_a_folder_written_before_markers_existed_is_adopted(tmp_path):
    out = tmp_path / "old"
    write_outputs(timed(), out)
    (out / MARKER).unlink()  # as an earlier version wrote it
    write_outputs(untimed(), out)
    assert "session.vtt" not in names(out)
    (out / MARKER).unlink()
    (out / "session.json").write_text('{"not": "ours"}')
    with pytest.raises(OutputError, match="did not write"):
        write_outputs(untimed(), out)


def test_the_output_folder_may_not_be_or_hold_an_input_folder(tmp_path, monkeypatch):
    data = tmp_path / "d"
    data.mkdir()
    (data / "utterances.csv").write_text("speaker,text\nT,Hi?\nC,Hello.\n")
    for out in (data, tmp_path):
        with pytest.raises(OutputError, match="is the input's folder or holds it"):
            check_output_folder(out, [data / "utterances.csv"])
    check_not_over_inputs(data / "results", [data / "utterances.csv"])  # inside the input's folder: fine
    monkeypatch.chdir(data)
    with pytest.raises(OutputError, match="current folder"):
        check_not_over_inputs(".", [])
    with pytest.raises(OutputError, match="is the input's folder"):
        write_outputs(untimed(), data, inputs=[data / "utterances.csv"])
    assert names(data) == {"utterances.csv"}


def test_without_an_atomic_exchange_the_old_set_is_renamed_aside(tmp_path, monkeypatch):
    monkeypatch.setattr(outfolder, "_exchange", lambda a, b: False)
    out = tmp_path / "out"
    replace_folder(out, {"a": b"1", "b": b"1"}, "test")
    replace_folder(out, {"a": b"2"}, "test")
    assert names(out) == {"a", MARKER} and (out / "a").read_bytes() == b"2" and leftovers(tmp_path) == []


def test_a_crash_between_the_renames_leaves_the_old_set_which_the_next_run_restores(tmp_path, monkeypatch):
    out = tmp_path / "out"
    replace_folder(out, {"a": b"old", "b": b"old"}, "test")
    monkeypatch.setattr(outfolder, "_exchange", lambda a, b: False)
    real_rename = os.rename

    def fail_on_second(error):
        calls = []

        def rename(src, dst):
            calls.append(dst)
            if len(calls) == 2:
                raise error
            real_rename(src, dst)
        return rename

    monkeypatch.setattr(outfolder.os, "rename", fail_on_second(OSError(5, "Input/output error")))
    with pytest.raises(OutputError, match="cannot replace the folder"):  # a failure: the old set is put back
        replace_folder(out, {"a": b"new"}, "test")
    assert names(out) == {"a", "b", MARKER} and (out / "a").read_bytes() == b"old" and leftovers(tmp_path) == []
    monkeypatch.setattr(outfolder.os, "rename", fail_on_second(SystemExit("killed")))  # the process dies there
    with pytest.raises(SystemExit):
        replace_folder(out, {"a": b"new"}, "test")
    monkeypatch.setattr(outfolder.os, "rename", real_rename)
    assert not out.exists() and sorted(n.split("-")[0] for n in leftovers(tmp_path)) == [".out.old", ".out.tmp"]
    recover(out)  # what the next run on the folder does first
    assert names(out) == {"a", "b", MARKER} and (out / "a").read_bytes() == b"old" and leftovers(tmp_path) == []


def test_a_killed_runs_staging_folder_is_removed_by_the_next_run(tmp_path):
    out = tmp_path / "out"
    replace_folder(out, {"a": b"1"}, "test")
    (tmp_path / ".out.tmp-killed").mkdir()
    (tmp_path / ".out.tmp-killed" / "a").write_bytes(b"half")
    replace_folder(out, {"a": b"2"}, "test")
    assert leftovers(tmp_path) == [] and (out / "a").read_bytes() == b"2"


def test_a_second_run_waits_for_the_lock_or_fails_clearly(tmp_path):
    out = tmp_path / "out"
    held, release = threading.Event(), threading.Event()

    def hold():
        with folder_lock(out):
            held.set()
            release.wait(10)

    holder = threading.Thread(target=hold)
    holder.start()
    held.wait(10)
    try:
        started = time.perf_counter()
        with pytest.raises(OutputError, match="another run is writing to this folder"):
            replace_folder(out, {"a": b"x"}, "test", wait=0.3)
        assert time.perf_counter() - started >= 0.25
        threading.Timer(0.5, release.set).start()
        replace_folder(out, {"a": b"x"}, "test", wait=10)  # waits until the holder is done
        assert time.perf_counter() - started >= 0.7
    finally:
        release.set()
        holder.join()
    assert names(out) == {"a", MARKER}


WRITER = """
import sys, time
from transcript_analyzer.io.writers import write_outputs
from tests.conftest import make_session
timed = sys.argv[2] == "timed"
turns = [("T", "How was the week?", 0.0 if timed else None, 2.0 if timed else None, "therapist"),
         ("C", "Hard.", 2.5 if timed else None, 4.0 if timed else None, "client")]
session = make_session(*turns, session_id=sys.argv[2])
for _ in range(int(sys.argv[3])):
    write_outputs(session, sys.argv[1])
"""


def test_two_processes_writing_one_folder_leave_one_complete_set(tmp_path):
    out = tmp_path / "out"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, str(out), kind, "15"], env=env, cwd=ROOT,
                              stderr=subprocess.PIPE, text=True) for kind in ("timed", "untimed")]
    for p in procs:
        assert p.wait(120) == 0, p.stderr.read()
    marker = json.loads((out / MARKER).read_text())
    assert names(out) == {*marker["files"], MARKER}
    session_id = json.loads((out / "session.json").read_text())["meta"]["session_id"]
    assert {"session.vtt", "session.rttm"} <= names(out) if session_id == "timed" else "session.vtt" not in names(out)
    assert all(line.startswith(f"{session_id},") for line in (out / "utterances.csv").read_text().splitlines()[1:])
    assert leftovers(tmp_path) == []


def test_a_symlinked_output_folder_has_its_target_replaced(tmp_path):
    real = tmp_path / "real"
    replace_folder(real, {"a": b"1", "b": b"1"}, "test")
    (tmp_path / "link").symlink_to(real)
    replace_folder(tmp_path / "link", {"a": b"2"}, "test")
    assert (tmp_path / "link").is_symlink() and names(real) == {"a", MARKER} and (real / "a").read_bytes() == b"2"
