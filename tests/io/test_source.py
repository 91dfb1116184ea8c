"""Reading bytes: encodings, binary files, empty files, missing paths."""

from __future__ import annotations

import struct

import pytest

from transcript_analyzer.config import ReadOptions
from transcript_analyzer.errors import InputError
from transcript_analyzer.io.readers import read_transcript
from transcript_analyzer.io.readers.source import Source

from .helpers import said

TEXT = "Therapist: Caf\u00e9 \u2019today\u2019?\nClient: It\u2019s fine.\nTherapist: Good.\nClient: Yes.\n"
EXPECTED = [
    ("Therapist", "Caf\u00e9 \u2019today\u2019?"),
    ("Client", "It\u2019s fine."),
    ("Therapist", "Good."),
    ("Client", "Yes."),
]


# --- encodings -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        pytest.param(TEXT.encode("utf-8"), "utf-8", id="utf-8"),
        pytest.param(TEXT.encode("utf-8-sig"), "utf-8", id="utf-8-bom"),
        pytest.param(b"\xff\xfe" + TEXT.encode("utf-16-le"), "utf-16-le", id="utf-16-le-bom"),
        pytest.param(b"\xfe\xff" + TEXT.encode("utf-16-be"), "utf-16-be", id="utf-16-be-bom"),
        pytest.param(TEXT.encode("utf-16-le"), "utf-16-le", id="utf-16-le-no-bom"),
        pytest.param(TEXT.encode("utf-16-be"), "utf-16-be", id="utf-16-be-no-bom"),
        pytest.param(TEXT.encode("cp1252"), "cp1252", id="cp1252"),
    ],
)
def test_encodings_are_detected_and_the_first_turn_survives(read, data, encoding):
    session = read("session.txt", data)
    assert said(session) == EXPECTED
    assert session.meta.source_encoding == encoding
    assert session.turns[0].source_line == 1


def test_cp1252_curly_quote_and_e_acute_bytes(read):
    session = read("session.txt", b"Therapist: It\x92s caf\xe9 time.\nClient: Ok.\nTherapist: Fine.\n")
    assert session.turns[0].text == "It\u2019s caf\u00e9 time."
    assert session.meta.source_encoding == "cp1252"


def test_windows_line_endings_and_old_mac_line_endings(read):
    crlf = read("crlf.txt", b"Therapist: Hello.\r\nand more\r\nClient: Hi.\r\nTherapist: Bye.\r\n")
    assert said(crlf) == [("Therapist", "Hello. and more"), ("Client", "Hi."), ("Therapist", "Bye.")]
    cr = read("cr.txt", b"Therapist: Hello.\rClient: Hi.\rTherapist: Bye.\r")
    assert said(cr) == [("Therapist", "Hello."), ("Client", "Hi."), ("Therapist", "Bye.")]


def test_text_is_normalised_to_nfc(read):
    session = read("session.txt", "Therapist: Cafe\u0301?\nClient: Oui.\nTherapist: Bien.\n")
    assert session.turns[0].text == "Caf\u00e9?"


def test_forced_encoding_is_used(read):
    data = TEXT.replace("\u2019", "'").encode("latin-1")
    session = read("session.txt", data, encoding="latin-1")
    assert session.turns[0].text == "Caf\u00e9 'today'?"
    assert session.meta.source_encoding == "latin-1"


def test_forced_encoding_overrides_detection(read):
    # Valid UTF-8 bytes, but the user says cp1252: the mojibake is what they asked for.
    session = read("session.txt", "Therapist: caf\u00e9\nClient: ok\nTherapist: ok\n".encode(), encoding="cp1252")
    assert session.turns[0].text == "caf\u00c3\u00a9"


def test_forced_utf8_on_a_file_with_a_bom_keeps_the_first_turn(read):
    session = read("session.txt", TEXT.encode("utf-8-sig"), encoding="utf-8")
    assert said(session) == EXPECTED


def test_forced_encoding_that_does_not_fit_names_the_byte(read_fails):
    error = read_fails("session.txt", TEXT.encode("cp1252"), r"not valid utf-8", encoding="utf-8")
    assert "0xe9" in str(error)


def test_unknown_forced_encoding(read_fails):
    read_fails("session.txt", TEXT.encode(), r"unknown encoding 'klingon-8'", encoding="klingon-8")


def test_undecodable_bytes_name_the_file_and_the_byte(read_fails):
    data = b"Therapist: caf\x81 \x8d\x8f\nClient: \x90\x9d ok\n"
    error = read_fails("notes.txt", data, r"cannot decode")
    assert "0x81" in str(error)
    assert "--encoding" in str(error)


# --- binary and empty files ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "what"),
    [
        pytest.param(b"Therapist: hi\x00\x00\x01\x02\nClient: yo\n", "binary file", id="nul-bytes"),
        pytest.param(bytes(range(256)) * 4, "binary file", id="all-bytes"),
        pytest.param(b"\x89PNG\r\n\x1a\n" + bytes(range(64)), "PNG image", id="png"),
        pytest.param(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< >>\n", "PDF document", id="pdf"),
        pytest.param(b"RIFF\x24\x00\x00\x00WAVEfmt " + bytes(32), "WAV audio", id="wav"),
        pytest.param(b"ID3\x03\x00\x00\x00" + bytes(32), "MP3 audio", id="mp3"),
        pytest.param(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(32), ".doc", id="legacy-doc"),
    ],
)
def test_binary_files_say_what_they_are(read_fails, data, what):
    error = read_fails("session.txt", data, what)
    assert "not a text transcript" in str(error)


def test_headerless_16_bit_binary_data_is_not_mistaken_for_utf16(read_fails):
    # Raw 16-bit samples have a NUL in every other byte, like ASCII text in UTF-16 without a BOM.
    data = struct.pack("<400h", *[(i * 7) % 200 + 1 for i in range(400)])
    read_fails("recording.txt", data, "binary file")


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(b"", id="empty"),
        pytest.param(b"   \n\t\r\n  \n", id="whitespace"),
        pytest.param(b"\xef\xbb\xbf\r\n", id="utf-8-bom-only"),
        pytest.param("  \n \n".encode("utf-16"), id="utf-16-whitespace"),
    ],
)
def test_empty_files(read_fails, data):
    read_fails("session.txt", data, "empty")


def test_missing_file(tmp_path):
    path = tmp_path / "nowhere.txt"
    with pytest.raises(InputError, match="not found") as info:
        read_transcript(path)
    assert str(path) in str(info.value)


def test_directory_is_not_a_transcript(tmp_path):
    folder = tmp_path / "sessions.txt"
    folder.mkdir()
    with pytest.raises(InputError, match="is a directory") as info:
        read_transcript(folder, ReadOptions())
    assert str(folder) in str(info.value)


def test_source_hash_and_suffix(write):
    import hashlib

    path = write("Session.TXT", TEXT)
    source = Source.open(path)
    assert source.suffix == "txt"
    assert source.sha256 == hashlib.sha256(TEXT.encode()).hexdigest()
    session = read_transcript(path)
    assert session.meta.source_sha256 == source.sha256
    assert session.meta.source_file == str(path)
    assert session.meta.session_id == "Session"


# --- mixed encodings: decoded line by line -------------------------------------------------------


def _mixed(*lines: tuple[str, str]) -> bytes:
    """Each (text, encoding) pair one line: a file written partly by a UTF-8 and partly by a cp1252 editor."""
    return b"".join(text.encode(encoding) + b"\n" for text, encoding in lines)


def test_a_file_mixing_utf8_and_cp1252_is_read_line_by_line_with_a_warning(read):
    data = _mixed(
        ("Therapist: Hello Zo\u00eb, caf\u00e9?", "utf-8"),
        ("Client: Oui, caf\u00e9 \u201cok\u201d.", "cp1252"),
        ("Therapist: Zo\u00eb, good.", "utf-8"),
        ("Client: na\u00efve \u2013 yes.", "cp1252"),
        ("Therapist: Fine \u2019til then.", "cp1252"),
        ("Client: Plain ASCII.", "utf-8"),
    )
    session = read("session.txt", data)
    assert [t.text for t in session.turns] == [
        "Hello Zo\u00eb, caf\u00e9?", "Oui, caf\u00e9 \u201cok\u201d.", "Zo\u00eb, good.",
        "na\u00efve \u2013 yes.", "Fine \u2019til then.", "Plain ASCII.",
    ]
    assert session.meta.source_encoding == "utf-8+cp1252"
    assert session.meta.warnings == (
        "lines 2, 4-5 (3 lines) were not UTF-8 and were read as Windows-1252 (cp1252); the rest of the file is UTF-8",
    )


def test_one_cp1252_line_is_named(read):
    data = _mixed(("Therapist: Zo\u00eb?", "utf-8"), ("Client: caf\u00e9", "cp1252"), ("Therapist: ok", "utf-8"))
    session = read("session.txt", data)
    assert session.meta.warnings == (
        "line 2 was not UTF-8 and was read as Windows-1252 (cp1252); the rest of the file is UTF-8",)


def test_mixed_lines_are_numbered_as_the_text_is_with_crlf_and_a_bom(read):
    data = b"\xef\xbb\xbf" + _mixed(("Therapist: Zo\u00eb?\r", "utf-8"), ("Client: ok\r", "utf-8"),
                                    ("Therapist: caf\u00e9\r", "cp1252"))
    session = read("session.txt", data)
    assert session.turns[2].text == "caf\u00e9" and session.turns[2].source_line == 3
    assert session.meta.warnings[0].startswith("line 3 was not UTF-8")


def test_a_whole_cp1252_file_stays_cp1252_without_a_warning(read):
    session = read("session.txt", TEXT.encode("cp1252"))
    assert session.meta.source_encoding == "cp1252"
    assert session.meta.warnings == ()


def test_undecodable_bytes_name_the_line(read_fails):
    data = _mixed(("Therapist: Zo\u00eb?", "utf-8"), ("Client: fine", "utf-8")) + b"Therapist: caf\x81\n"
    error = read_fails("notes.txt", data, r"cannot decode")
    assert error.line == 3 and "0x81" in str(error)


# --- size limit ---------------------------------------------------------------------------------


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(read_fails):
    error = read_fails("big.txt", "Therapist: Hi.\nClient: Hello.\n" * 40_000, r"is 1\.2 MB, over the 1 MB limit",
                       max_file_mb=1)
    assert "read.max_file_mb" in str(error)


def test_a_file_under_the_size_limit_is_read(read):
    assert len(read("ok.txt", "Therapist: Hi.\nClient: Hello.\n" * 30_000, max_file_mb=1).turns) == 60_000


def test_the_size_limit_holds_for_files_that_report_no_size(tmp_path, monkeypatch):
    path = tmp_path / "s.txt"
    path.write_text("Therapist: Hi.\nClient: Hello.\n" * 100)
    real_stat = type(path).stat
    monkeypatch.setattr(type(path), "stat", lambda self, **kw: type("S", (), {"st_size": 0, "st_mode": real_stat(self).st_mode})())
    with pytest.raises(InputError, match="larger than the 0 MB limit"):
        Source.open(path, max_bytes=1000)
