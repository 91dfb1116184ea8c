"""Every kind of bad input: a message naming the file and the problem, exit status 2, no output."""


import pytest
from click.testing import CliRunner

from transcript_analyzer.cli import main

CASES = {
    "empty": ("session.txt", b"", "the file is empty"),
    "whitespace": ("session.txt", b"  \n\n \t\n", "the file is empty"),
    "binary": ("session.txt", bytes(range(256)) * 8, "binary file"),
    "png": ("notes.txt", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "PNG image"),
    "unknown_format": ("notes.xyz", b"Dear diary, today was a long day and nobody said much.\n", "unknown format"),
    "pdf": ("session.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "PDF document"),
    "truncated_json": ("session.json", b'{"segments": [{"speaker": "A", "text": "Hi", "start": 0', "invalid JSON"),
    "csv_without_text": ("session.csv", b"speaker,start\nT,0\nC,1\n", "no text column"),
    "unreadable_encoding": ("session.txt", b"Therapist: caf\x81 \x8d\x90\nClient: \x9d\x8f ok\n", "cannot decode"),
    "one_speaker": ("session.txt", b"Sam: I talked to myself.\nSam: Nobody answered.\n", "only one speaker"),
    "labels_never_repeat": ("session.txt", b"Ann: Hi.\nBen: Hello.\nCat: Hey.\nDan: Yo.\nEve: Hiya.\n", "never repeat"),
    "no_speakers": ("session.txt", b"Just some prose.\nWith two lines.\n", "speaker"),
    "vtt_without_speakers": ("s.vtt", b"WEBVTT\n\n00:00.000 --> 00:01.000\nHello\n\n00:01.000 --> 00:02.000\nHi\n", "no speaker labels"),
    "bad_docx": ("s.docx", b"PK\x03\x04not really a zip", "not a valid Word .docx"),
    "three_unclear_speakers": ("s.txt", b"A: Hello.\nB: Hi.\nC: Hey.\nA: Fine.\nB: Ok.\nC: Yes.\n", "--therapist"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_input_fails_cleanly(tmp_path, case):
    name, content, problem = CASES[case]
    path = tmp_path / name
    path.write_bytes(content)
    out = tmp_path / "results"
    result = CliRunner().invoke(main, ["analyze", str(path), "--out", str(out)])
    assert result.exit_code == 2, result.output
    assert str(path) in result.stderr and problem in result.stderr
    assert result.stderr.startswith("error: ")
    assert not out.exists()


@pytest.mark.parametrize(
    ("name", "content", "hint"),
    [
        pytest.param("session.txt", b"Sam: I talked to myself.\nSam: Nobody answered.\n",
                     "(it was read as txt), pass --format NAME", id="txt"),
        pytest.param("session.csv", b"speaker,participant,text\nRecorder,Dr Lee,Hello.\nRecorder,Sam,Hi.\n",
                     "If another column holds the speakers, pass --columns speaker=COLUMN", id="csv"),
    ],
)
def test_one_speaker_names_the_label_seen_and_the_option_that_fixes_it(tmp_path, name, content, hint):
    path = tmp_path / name
    path.write_bytes(content)
    result = CliRunner().invoke(main, ["analyze", str(path), "--out", str(tmp_path / "results")])
    assert result.exit_code == 2, result.output
    label = "Sam" if name.endswith(".txt") else "Recorder"
    assert f"only one speaker in the transcript: '{label}' is the only speaker label seen" in result.stderr
    assert hint in result.stderr and str(path) in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_missing_file(tmp_path):
    result = CliRunner().invoke(main, ["analyze", str(tmp_path / "nope.txt"), "--out", str(tmp_path / "o")])
    assert result.exit_code == 2 and "file not found" in result.stderr


def test_failure_leaves_an_existing_output_folder_untouched(tmp_path):
    out = tmp_path / "results"
    out.mkdir()
    (out / "keep.txt").write_text("earlier results")
    bad = tmp_path / "bad.json"
    bad.write_text("{")
    result = CliRunner().invoke(main, ["analyze", str(bad), "--out", str(out)])
    assert result.exit_code == 2
    assert [p.name for p in out.iterdir()] == ["keep.txt"]


def test_a_write_failure_leaves_nothing_half_written(tmp_path, monkeypatch):
    from transcript_analyzer.io import atomic

    calls = []
    real_replace = atomic.os.replace

    def fail_on_second(src, dst):
        calls.append(dst)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        real_replace(src, dst)

    monkeypatch.setattr(atomic.os, "replace", fail_on_second)
    out = tmp_path / "new"
    with pytest.raises(Exception, match="cannot write results"):
        atomic.write_files(out, {"a.json": b"{}", "b.csv": b"x"})
    assert not out.exists()


def test_output_path_that_is_a_file(tmp_path):
    from transcript_analyzer.errors import OutputError
    from transcript_analyzer.io.atomic import write_files

    target = tmp_path / "file"
    target.write_text("x")
    with pytest.raises(OutputError, match="not a folder"):
        write_files(target, {"a": b""})


def test_bad_columns_option(tmp_path):
    path = tmp_path / "s.csv"
    path.write_text("who,said\nT,Hi?\nC,Hello.\n")
    result = CliRunner().invoke(main, ["analyze", str(path), "--columns", "speaker=who"])
    assert result.exit_code == 2 and "text column" in result.stderr
    result = CliRunner().invoke(main, ["analyze", str(path), "--columns", "speaker=who,text=nothing"])
    assert result.exit_code == 2 and "'nothing', which is not a column" in result.stderr


def test_bad_format_option(tmp_path):
    path = tmp_path / "s.txt"
    path.write_text("T: Hi\nC: Hello\n")
    result = CliRunner().invoke(main, ["analyze", str(path), "--format", "pdf"])
    assert result.exit_code == 2 and "unknown format 'pdf'; known formats: txt" in result.stderr


# --- hostile input: each refused with one line on stderr, exit 2, nothing written -------------------


def _zip_bomb(path, unpacked_mb: int) -> None:
    """A .docx whose document.xml inflates ~1000-fold, written in 1 MB pieces (little memory)."""
    import zipfile

    head = b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        with z.open("word/document.xml", "w", force_zip64=True) as part:
            part.write(head)
            piece = b"<w:p><w:r><w:t>Therapist: aaaa</w:t></w:r></w:p>" * (1_000_000 // 48)
            for _ in range(unpacked_mb):
                part.write(piece)
            part.write(b"</w:body></w:document>")


def _deep_json(path) -> None:
    path.write_text("[" * 100_000 + "]" * 100_000)


def _long_turn(path) -> None:
    path.write_text("Therapist: Tell me.\nClient: " + "and then it went on " * 60_000 + "\nTherapist: I see.\nClient: Yes.\n")


def _big_file(path) -> None:
    path.write_text("Therapist: Hello there.\nClient: Hi.\n" * 40_000)  # 1.4 MB, over --set read.max_file_mb=1


HOSTILE = {
    "json_nested_100000_levels": ("deep.json", _deep_json, [], "nested 100,000 levels"),
    "json_nested_without_suffix": ("deep", _deep_json, [], "nested 100,000 levels"),
    "docx_zip_bomb": ("bomb.docx", lambda p: _zip_bomb(p, 60), [], "over the 50 MB limit for Word files"),
    "turn_over_the_limit": ("long.txt", _long_turn, [], "1,199,999 characters long, over the 100,000 limit"),
    "file_over_the_limit": ("big.txt", _big_file, ["--set", "read.max_file_mb=1"], "over the 1 MB limit"),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_input_is_refused_in_one_line(tmp_path, case):
    name, make, extra, problem = HOSTILE[case]
    path = tmp_path / name
    make(path)
    out = tmp_path / "results"
    result = CliRunner().invoke(main, ["analyze", str(path), "--out", str(out), *extra])
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.stderr.startswith(f"error: {path}") and problem in result.stderr, result.stderr
    assert result.stderr.count("\n") == 1 and result.stderr.endswith("\n")
    assert not out.exists()


@pytest.mark.parametrize("name", ["bad\nname.txt", "two\n\nlines\r.txt", "red\x1b[31m.txt", "rtl\u202egnp.txt"])
def test_a_file_name_with_control_characters_gives_one_escaped_line(tmp_path, name):
    path = tmp_path / name
    path.write_text("Just some prose.\nWith two lines.\n")
    out = tmp_path / "results"
    result = CliRunner().invoke(main, ["analyze", str(path), "--out", str(out)])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and result.stderr.endswith("\n")
    assert "\x1b" not in result.stderr and "\u202e" not in result.stderr and "\r" not in result.stderr
    shown = str(path).replace("\n", "\\n").replace("\r", "\\r").replace("\x1b", "\\x1b").replace("\u202e", "\\u202e")
    assert result.stderr.startswith(f"error: {shown}: no speaker labels found")
    assert not out.exists()


# --- messy but readable input: analysed, with warnings in the summary and session.json ------------


@pytest.mark.slow
def test_mixed_encodings_label_variants_and_backward_times_are_warned_end_to_end(tmp_path):
    import json

    rows = [
        ("[00:00:01] Dr. Lee: Hello Zo\u00eb, welcome. How have things been since we last met?", "utf-8"),
        ("[00:00:09] Zo\u00eb: Honestly, not great. Work has been a lot.", "utf-8"),
        ("[00:00:15] Dr. Lee: Tell me more about work.", "utf-8"),
        ("[00:00:21] Zo\u00eb: My manager keeps adding projects and I can\u2019t say no.", "cp1252"),
        ("[00:00:19] Dr Lee: That sounds exhausting. What happens when you think about saying no?", "utf-8"),
        ("[00:00:35] Zo\u00eb: I feel guilty, like I\u2019m letting everyone down.", "cp1252"),
        ("[00:00:42] Dr. Lee: So guilt shows up as soon as you consider it.", "utf-8"),
        ("[00:00:50] Zo\u00eb: Yes, exactly.", "utf-8"),
    ]
    path = tmp_path / "messy.txt"
    path.write_bytes(b"".join(text.encode(enc) + b"\n" for text, enc in rows))
    out = tmp_path / "results"
    result = CliRunner().invoke(main, ["analyze", str(path), "--out", str(out), "--redact"])
    assert result.exit_code == 0, result.output
    warnings = json.loads((out / "session.json").read_text())["meta"]["warnings"]
    assert warnings[0].startswith("lines 4, 6 were not UTF-8 and were read as Windows-1252")
    assert "taken as" in warnings[1] and "differ only in case, spacing or punctuation" in warnings[1]
    assert warnings[2].startswith("1 line starts earlier than the line before it (line 5)")
    assert result.output.count("warning: ") == 3
    session = json.loads((out / "session.json").read_text())
    assert len(session["speakers"]) == 2  # 'Dr Lee' is not a third speaker
    for name in ("session.json", "utterances.csv", "summary.md", "report.html"):
        written = (out / name).read_text(encoding="utf-8")
        assert "Zo\u00eb" not in written and "\u00c3" not in written and "\u00ab" not in written  # no mojibake
