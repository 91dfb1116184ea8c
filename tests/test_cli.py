import csv
import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from transcript_analyzer.cli import main
from transcript_analyzer.model import Session

from .conftest import SAMPLES

SAMPLE_FILES = ["strong_alliance.txt", "self_disclosure.vtt", "over_interpretation.json", "trainee_session.docx"]
# Who the samples' authors made the therapist (sample_transcripts/ANSWER_KEY.md).
THERAPIST = {"strong_alliance.txt": "Therapist", "self_disclosure.vtt": "Dr. Alan Pierce",
             "over_interpretation.json": "SPEAKER_01", "trainee_session.docx": "T"}


def test_help_does_not_import_heavy_modules():
    code = ("import sys; from transcript_analyzer.cli import main\n"
            "heavy = [m for m in ('spacy', 'numpy', 'sklearn', 'torch', 'docx') if m in sys.modules]\n"
            "print(','.join(heavy))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_help_lists_the_commands():
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    for command in ("analyze", "formats", "train", "review"):
        assert command in result.output


@pytest.mark.slow
@pytest.mark.parametrize("name", SAMPLE_FILES)
def test_analyze_each_sample_writes_every_output(tmp_path, name):
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["analyze", str(SAMPLES / name), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "therapist" in result.output and "wrote" in result.output
    data = json.loads((out / "session.json").read_text())
    session = Session.from_dict(data)
    assert session.to_dict() == data
    therapist = [s.label for s in session.speakers if s.role == "therapist"]
    assert therapist == [THERAPIST[name]]
    assert 40 <= len(session.turns) <= 80
    assert len(session.utterances) > len(session.turns)
    assert all(u.role in ("therapist", "client") for u in session.utterances)
    rows = (out / "utterances.csv").read_text().splitlines()
    assert rows[0].startswith("session_id,utterance_index") and len(rows) == len(session.utterances) + 1
    timed = ["session.rttm", "session.vtt"] if session.metrics.time_basis == "spans" else []
    assert sorted(p.name for p in out.iterdir()) == sorted(["session.json", "utterances.csv", "report.html", "summary.md",
                                                            *timed, ".transcript-analyzer.json"])
    assert f"report: {(out / 'report.html').resolve().as_uri()}" in result.output
    assert (session.metrics.timing is not None) == bool(timed)


def test_out_may_not_be_the_inputs_folder_and_the_input_is_left_alone(tmp_path):
    data = tmp_path / "d"
    data.mkdir()
    (data / "utterances.csv").write_text("speaker,text\nT,How are you?\nC,Fine.\n")
    result = CliRunner().invoke(main, ["analyze", str(data / "utterances.csv"), "--out", str(data)])
    assert result.exit_code == 2 and "is the input's folder or holds it" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert [p.name for p in data.iterdir()] == ["utterances.csv"]
    assert (data / "utterances.csv").read_text() == "speaker,text\nT,How are you?\nC,Fine.\n"


@pytest.mark.slow
def test_a_reused_out_folder_holds_only_the_last_runs_files(tmp_path):
    """The IT review: a timed session, then an untimed --redact one into the same --out, left the
    first session.vtt/rttm (unredacted) beside the redacted outputs."""
    out = tmp_path / "out"
    first = CliRunner().invoke(main, ["analyze", str(SAMPLES / "self_disclosure.vtt"), "--out", str(out), "-q",
                                      "--no-evidence", "--markers", "empathy"])
    assert first.exit_code == 0 and (out / "session.vtt").exists()
    second = CliRunner().invoke(main, ["analyze", str(SAMPLES / "strong_alliance.txt"), "--out", str(out), "-q",
                                       "--no-evidence", "--markers", "empathy", "--redact"])
    assert second.exit_code == 0, second.output
    assert sorted(p.name for p in out.iterdir()) == [".transcript-analyzer.json", "report.html", "session.json",
                                                     "summary.md", "utterances.csv"]
    assert json.loads((out / "session.json").read_text())["meta"]["redacted"] is True
    (out / "my_notes.txt").write_text("mine")
    third = CliRunner().invoke(main, ["analyze", str(SAMPLES / "strong_alliance.txt"), "--out", str(out), "-q"])
    assert third.exit_code == 2 and "my_notes.txt" in third.stderr and (out / "my_notes.txt").exists()


@pytest.mark.slow
def test_out_dash_prints_the_session_json(tmp_path):
    result = CliRunner().invoke(main, ["analyze", str(SAMPLES / "strong_alliance.txt"), "--out", "-", "-q"])
    assert result.exit_code == 0
    assert Session.from_dict(json.loads(result.stdout)).meta.session_id == "strong_alliance"


@pytest.mark.slow
def test_therapist_option_and_config_overrides(tmp_path):
    config = tmp_path / "c.toml"
    config.write_text('[roles]\ntherapist = "Maya"\n')
    result = CliRunner().invoke(main, ["analyze", str(SAMPLES / "self_disclosure.vtt"), "--config", str(config)])
    assert result.exit_code == 0, result.output
    assert "Maya = therapist (given with --therapist)" in result.output
    result = CliRunner().invoke(main, ["analyze", str(SAMPLES / "self_disclosure.vtt"), "--set", "roles.colour=red"])
    assert result.exit_code == 2 and "unknown option(s) colour" in result.output


def test_formats_lists_every_reader():
    result = CliRunner().invoke(main, ["formats"])
    for name in ("txt", "vtt", "srt", "csv", "json", "docx"):
        assert name in result.output


@pytest.mark.slow
def test_python_api_matches_the_cli(tmp_path):
    import transcript_analyzer as ta

    session = ta.analyze(SAMPLES / "over_interpretation.json")
    assert session.speaker("SPEAKER_01").role == "therapist"
    assert session.metrics.roles[0].role == "therapist"
    with pytest.raises(Exception, match="unknown option 'colour'"):
        ta.analyze(SAMPLES / "over_interpretation.json", colour="red")


# ---- nothing user-controlled reaches the terminal raw (issue 10) ------------------------------------

ESCAPES = ("\x1b", "\x07", "\x9b", "\r")


def test_an_error_naming_a_hostile_file_is_one_clean_line(tmp_path):
    bad = tmp_path / "session \x1b[31mred\x1b]0;title\x07.vtt"
    bad.write_text("not a subtitle file\r\n\x1b[2J\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["analyze", str(bad)])
    assert result.exit_code == 2
    assert not any(c in result.output for c in ESCAPES)
    assert result.stderr.count("\n") == 1 and "session \\x1b[31mred\\x1b]0;title\\x07.vtt" in result.stderr


def test_log_lines_show_control_characters_as_escapes():
    import logging

    from transcript_analyzer.cli import _SafeFormatter

    record = logging.LogRecord("x", logging.WARNING, __file__, 1, "speaker %s", ("\x1b[31mDr Lee\x1b[0m",), None)
    assert _SafeFormatter("%(levelname)s %(message)s").format(record) == "WARNING speaker \\x1b[31mDr Lee\\x1b[0m"


@pytest.mark.slow
def test_hostile_speaker_labels_reach_the_terminal_escaped_and_raw_csv_keeps_the_cells(tmp_path):
    therapist = "Dr \x1b[31mLee\x1b]0;title\x07"
    lines = ["speaker,text,start,end"]
    for i in range(4):
        lines += [f'"{therapist}","How did that feel for you, this week?",{i * 10},{i * 10 + 4}',
                  f'"Client\x9b2J","- Bad. <v {therapist}>really --> bad",{i * 10 + 5},{i * 10 + 9}']
    source = tmp_path / "in \x1b[1mbold.csv"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    options = ["--therapist", therapist, "--markers", "empathy", "--no-evidence"]
    result = CliRunner().invoke(main, ["analyze", str(source), "--out", str(tmp_path / "out \x1b[7m"), *options])
    assert result.exit_code == 0, result.output
    assert not any(c in result.output for c in ESCAPES)
    assert "Dr \\x1b[31mLee\\x1b]0;title\\x07 = therapist" in result.output and "wrote " in result.output
    with open(tmp_path / "out \x1b[7m" / "utterances.csv", newline="", encoding="utf-8") as f:
        texts = [r["text"] for r in csv.DictReader(f)]
    assert any(t.startswith("'- Bad.") for t in texts)  # a cell that starts like a formula is quoted
    raw = CliRunner().invoke(main, ["analyze", str(source), "--out", str(tmp_path / "raw"), "--raw-csv", "-q", *options])
    assert raw.exit_code == 0, raw.output
    with open(tmp_path / "raw" / "utterances.csv", newline="", encoding="utf-8") as f:
        assert any(r["text"].startswith("- Bad.") for r in csv.DictReader(f))
