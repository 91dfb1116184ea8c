"""`pip install transcript-analyzer` on a fresh venv: the wheel carries the shipped models, the
report templates and redaction's word table; the core install (no extra) brings no PyTorch, analyzes
a transcript into a report outside the source tree, and names the extra for a recording, a corpus
run and a transformer recipe. Builds the wheel and a venv: about a minute with the package
registry reachable (skipped, saying so, when it is not)."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from benchmarks.install_size import build_wheel, distributions, fresh_venv, install

ROOT = Path(__file__).resolve().parent.parent
MODELS = ("alliance_index", "boundaries", "coder", "disclosure_appropriateness", "encoder", "interpretation_certainty",
          "interpretive", "pii_tagger", "roles", "voice_encoder")


def registry_reachable(tmp_path: Path) -> str | None:
    """None when pip can fetch a package the project needs (from the registry or its cache), else why not."""
    result = subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--dest",
                             str(tmp_path / "probe"), "click==8.5.1"], capture_output=True, text=True, timeout=300)
    return None if result.returncode == 0 else (result.stderr.strip().splitlines() or ["pip download failed"])[-1]


@pytest.fixture(scope="module")
def core_venv(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("install")
    why = registry_reachable(tmp)
    if why:
        pytest.skip(f"the package registry cannot be reached, so no fresh venv can be installed: {why}")
    wheel = build_wheel(tmp)
    python = fresh_venv(tmp / "venv")
    result = install(python, wheel, None)
    assert result.returncode == 0, result.stderr[-3000:]
    return wheel, python


@pytest.mark.slow
def test_the_wheel_holds_the_models_templates_and_word_table(core_venv):
    wheel, _ = core_venv
    names = set(zipfile.ZipFile(wheel).namelist())
    for model in MODELS:
        sums = f"transcript_analyzer/trained_models/{model}/SHA256SUMS"
        assert sums in names and f"transcript_analyzer/trained_models/{model}/card.md" in names
        listed = zipfile.ZipFile(wheel).read(sums).decode().split()[1::2]
        assert {f"transcript_analyzer/trained_models/{model}/{f}" for f in listed} <= names
    assert "transcript_analyzer/text/redact/english_words.tsv.gz" in names
    assert {"transcript_analyzer/report/templates/session.html.j2", "transcript_analyzer/report/templates/report.css",
            "transcript_analyzer-0.1.0.dist-info/licenses/LICENSE"} <= names


@pytest.mark.slow
def test_the_core_install_analyzes_a_transcript_without_torch(core_venv, tmp_path):
    _, python = core_venv
    installed = {d.lower() for d in distributions(python)}
    assert not installed & {"torch", "transformers", "sentence-transformers", "faster-whisper", "distributed",
                            "spacy-lookups-data", "onnx", "pyarrow"}
    sample = tmp_path / "session.txt"  # outside the source tree: the installed package, its installed models
    sample.write_bytes((ROOT / "sample_transcripts" / "strong_alliance.txt").read_bytes())
    cli = python.parent / "transcript-analyzer"
    result = subprocess.run([str(cli), "analyze", str(sample), "--out", str(tmp_path / "out"), "--redact"],
                            capture_output=True, text=True, cwd=tmp_path, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    assert (tmp_path / "out" / "report.html").stat().st_size > 10_000
    assert {"session.json", "summary.md", "utterances.csv"} <= {p.name for p in (tmp_path / "out").iterdir()}


@pytest.mark.slow
@pytest.mark.parametrize("args, extra", [
    (["analyze", str(ROOT / "sample_transcripts" / "audio" / "sample_session.ogg")], "audio"),
    (["batch", str(ROOT / "sample_transcripts" / "strong_alliance.txt"), "--out", "run"], "batch"),
    (["train", str(ROOT / "pipelines" / "coder.toml"), "--data", "."], "train"),
], ids=["recording", "batch", "train"])
def test_the_core_install_names_the_extra_it_lacks(core_venv, tmp_path, args, extra):
    _, python = core_venv
    result = subprocess.run([str(python.parent / "transcript-analyzer"), *args], capture_output=True, text=True,
                            cwd=tmp_path, timeout=300)
    assert result.returncode == 2, result.stderr[-3000:]
    assert result.stderr.strip().splitlines() == [result.stderr.strip()]
    assert result.stderr.strip().endswith(f"pip install 'transcript-analyzer[{extra}]'")
