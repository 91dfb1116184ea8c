"""Session ids (usually file names) under redaction."""

import shutil
from pathlib import Path

import pytest

from transcript_analyzer.text.redact import Redactor

SAMPLES = Path(__file__).resolve().parents[2] / "sample_transcripts"
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def redactor():
    return Redactor().load()


@pytest.mark.parametrize("sid", ["Jane_Doe_2024-03-01", "jane_doe", "client_maria", "S12_Okafor", "2024-05-02_intake",
                                 "John Smith intake"])
def test_ids_that_name_someone_or_a_date_become_opaque(redactor, sid):
    out = redactor.session_id(sid)
    assert out.startswith("session-") and len(out) == len("session-") + 8
    assert out == redactor.session_id(sid)  # stable across runs


@pytest.mark.parametrize("sid", ["P012_S3", "session_04", "strong_alliance", "trainee_session"])
def test_codes_are_kept(redactor, sid):
    assert redactor.session_id(sid) == sid


def test_a_file_named_after_the_client_leaks_nowhere(tmp_path):
    from click.testing import CliRunner

    from transcript_analyzer.cli import main

    source = tmp_path / "Jane_Doe_2024-03-01.txt"
    shutil.copy(SAMPLES / "strong_alliance.txt", source)
    result = CliRunner().invoke(main, ["analyze", str(source), "--redact", "--markers", "empathy", "--no-evidence",
                                       "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    for path in (tmp_path / "out").iterdir():
        assert "jane" not in path.read_text(encoding="utf-8").lower(), path.name
    assert "jane" not in result.output.lower()
