"""With --redact, nothing identifying reaches any file, log line or message a run leaves.

A transcript with names in its file name, its speaker labels and its text (the client's and the
therapist's names, a town, a phone number, an e-mail address) is analysed by `analyze --redact` and
`batch --redact` with debug logs on (-vv), a second file failing on its speaker label, as the user
would run them, with TMPDIR pointing into the test folder. Then every file the runs left anywhere
under the test folder (outputs, failure records, lock files, temporary files; Parquet tables
decoded; all but the inputs and the id map the batch was asked to write apart) and every line they
printed is searched for each labelled span.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT

pytestmark = pytest.mark.slow

NAME = "philippa_quennell_2024-03-14.txt"
TRANSCRIPT = """\
Dr. Tobias Wrenfield: Hello Philippa, thanks for coming in today. How has the week been?
Philippa Quennell: Honestly, hard. I drove back to Harrogate to see my mum and it was a lot.
Dr. Tobias Wrenfield: That sounds like a heavy week. What made it hardest for you?
Philippa Quennell: She kept asking when I'm moving home. I felt guilty the whole drive back.
Dr. Tobias Wrenfield: You felt pulled between her wishes and your own life here.
Philippa Quennell: Yes, exactly. I don't know how to say no to her without feeling awful.
Dr. Tobias Wrenfield: It makes sense that saying no feels awful when you care about her so much.
Philippa Quennell: My new number is 07700 900461, and my email is p.quennell@example.org, for the letters.
Dr. Tobias Wrenfield: Thank you, I'll update your file. Shall we look at what you'd like to say to her?
Philippa Quennell: I'd like that. Maybe I can practise it here first.
"""
BROKEN = "philippa_quennell_broken.txt"  # one speaker: the roles error quotes the label
BROKEN_TEXT = "Philippa Quennell: I could not sleep again.\nPhilippa Quennell: I kept thinking about Harrogate.\n"

# (label, span): every span is identifying; none may appear anywhere (ignoring case)
SPANS = (("client name", "Philippa"), ("client name", "Quennell"), ("therapist name", "Tobias"),
         ("therapist name", "Wrenfield"), ("place", "Harrogate"), ("phone", "07700 900461"), ("phone", "900461"),
         ("email", "p.quennell@example.org"))


def run(args: list[str], tmp: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TMPDIR": str(tmp / "tmp"), "PYTHONWARNINGS": "default"}
    return subprocess.run([sys.executable, "-m", "transcript_analyzer.cli", "-vv", *args], cwd=tmp, env=env,
                          capture_output=True, text=True, timeout=600)


def texts_left(root: Path, skip: tuple[Path, ...]):
    """(path, text) of every file under root outside ``skip``; Parquet tables as their rows."""
    for path in sorted(root.rglob("*")):
        if any(s in path.parents or path == s for s in skip):
            continue
        yield path, str(path.relative_to(root))  # names of files and folders count too
        if not path.is_file():
            continue
        if path.suffix == ".parquet":
            import pyarrow.parquet as pq

            yield path, str(pq.read_table(path).to_pylist())
        else:
            yield path, path.read_bytes().decode("utf-8", errors="replace")


def leaks(texts) -> list[str]:
    found = []
    for where, text in texts:
        low = text.lower()
        found += [f"{where}: {label} {span!r}" for label, span in SPANS if span.lower() in low]
    return found


def test_a_redacted_analyze_and_batch_leave_no_identifying_text(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / NAME).write_text(TRANSCRIPT, encoding="utf-8")
    (inputs / BROKEN).write_text(BROKEN_TEXT, encoding="utf-8")
    (tmp_path / "tmp").mkdir()
    assert leaks([("input", TRANSCRIPT + NAME)]), "the spans must be in the input for the test to mean anything"

    good = run(["analyze", f"in/{NAME}", "--redact", "--no-evidence", "--out", "analyzed"], tmp_path)
    bad = run(["analyze", f"in/{BROKEN}", "--redact", "--no-evidence", "--out", "failed"], tmp_path)
    batch = run(["batch", "in", "--redact", "--no-evidence", "--workers", "1", "--out", "run",
                 "--id-map", "private/idmap.csv"], tmp_path)
    assert (good.returncode, bad.returncode, batch.returncode) == (0, 2, 1), good.stderr + bad.stderr + batch.stderr

    printed = [(f"{name} {stream}", getattr(result, stream)) for name, result in
               (("analyze", good), ("analyze (failing)", bad), ("batch", batch)) for stream in ("stdout", "stderr")]
    # all but the inputs, and the map back to them, which goes only where the user asked
    assert leaks(printed + list(texts_left(tmp_path, skip=(inputs, tmp_path / "private")))) == []

    assert "roles decided" in good.stderr  # -v logged the roles step (with opaque ids)
    assert "only one speaker" in bad.stderr and "<input>" in bad.stderr  # the error still says what is wrong
    assert "1 analysed" in batch.stdout and "1 failed" in batch.stdout and "only one speaker" in batch.stderr
    assert NAME in (tmp_path / "private" / "idmap.csv").read_text()
    ours = [p.name for p in (tmp_path / "tmp").rglob("*") if "tmp-" in p.name or "dask" in p.name]
    assert ours == []  # temporary folders are beside the outputs, and gone
    assert not [p for p in tmp_path.rglob("*") if ".tmp-" in p.name or ".old-" in p.name or ".scratch-" in p.name]
