"""Choosing a reader: by suffix, by content, or forced by name; and the reader registry."""

from __future__ import annotations

import json

import pytest

from transcript_analyzer.config import ReadOptions
from transcript_analyzer.errors import ConfigError
from transcript_analyzer.io.readers import get_reader, read_transcript, reader_names

from .helpers import said

VTT = "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v T>Hello.\n\n00:00:03.000 --> 00:00:04.000\n<v C>Hi.\n"
SRT = ("1\n00:00:01,000 --> 00:00:02,000\nT: Hello.\n\n2\n00:00:03,000 --> 00:00:04,000\nC: Hi.\n\n"
       "3\n00:00:05,000 --> 00:00:06,000\nT: Bye.\n")
JSON = json.dumps([{"speaker": "T", "text": "Hello."}, {"speaker": "C", "text": "Hi."}])
CSV = "speaker,text\nT,Hello.\nC,Hi.\nT,Bye.\n"
TXT = "Therapist: Hello.\nClient: Hi.\nTherapist: Bye.\n"


@pytest.mark.parametrize(
    ("content", "fmt"),
    [
        pytest.param(VTT, "vtt", id="vtt"),
        pytest.param("\ufeff" + VTT, "vtt", id="vtt-bom"),
        pytest.param(SRT, "srt", id="srt"),
        pytest.param(JSON, "json", id="json"),
        pytest.param(CSV, "csv", id="csv"),
        pytest.param(CSV.replace(",", "\t"), "csv", id="tsv"),
        pytest.param(TXT, "txt", id="txt"),
    ],
)
@pytest.mark.parametrize("name", ["session.dat", "session"])
def test_unknown_suffix_is_detected_by_content(read, content, fmt, name):
    session = read(name, content)
    assert session.meta.source_format == fmt
    assert [t.speaker for t in session.turns][:2] in (["T", "C"], ["Therapist", "Client"])


@pytest.mark.parametrize(
    ("name", "content", "fmt"),
    [("s.txt", TXT, "txt"), ("s.TEXT", TXT, "txt"), ("s.md", TXT, "txt"), ("s.vtt", VTT, "vtt"),
     ("s.srt", SRT, "srt"), ("s.csv", CSV, "csv"), ("s.json", JSON, "json")],
)
def test_known_suffixes(read, name, content, fmt):
    assert read(name, content).meta.source_format == fmt


def test_prose_with_an_unknown_suffix(read_fails):
    error = read_fails("notes.xyz", "Dear diary, today was long.\nNobody said much.\n", r"unknown format")
    for name in reader_names():
        assert name in str(error)
    assert "'.xyz'" in str(error)
    assert "--format" in str(error)


def test_forced_format_overrides_the_suffix(read):
    session = read("captions.txt", VTT, format="vtt")
    assert session.meta.source_format == "vtt"
    assert said(session) == [("T", "Hello."), ("C", "Hi.")]
    assert read("session.dat", TXT, format="txt").meta.source_format == "txt"


def test_forced_format_that_does_not_fit_fails_in_that_reader(read_fails):
    read_fails("session.txt", TXT, r"WEBVTT", format="vtt")


def test_unknown_format_name_is_a_config_error_listing_formats(write):
    path = write("session.txt", TXT)
    with pytest.raises(ConfigError, match=r"unknown format 'nope'") as info:
        read_transcript(path, ReadOptions(format="nope"))
    for name in reader_names():
        assert name in str(info.value)


def test_unknown_format_name_is_reported_before_the_file_is_opened(tmp_path):
    with pytest.raises(ConfigError, match="nope"):
        read_transcript(tmp_path / "missing.txt", ReadOptions(format="nope"))


@pytest.mark.parametrize(
    ("name", "data", "what"),
    [
        pytest.param("session.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< >>\n", "PDF document", id="pdf"),
        pytest.param("image.png", b"\x89PNG\r\n\x1a\n" + bytes(64), "PNG image", id="png"),
        pytest.param("audio.wav", b"RIFF\x24\x00\x00\x00WAVEfmt " + bytes(32), "WAV audio", id="wav"),
        pytest.param("video.mp4", b"\x00\x00\x00\x18ftypmp42" + bytes(32), "MP4", id="mp4"),
        pytest.param("archive.zip", b"PK\x03\x04" + bytes(32), "ZIP archive", id="zip"),
    ],
)
def test_binary_files_with_their_own_suffix_say_what_they_are(read_fails, name, data, what):
    error = read_fails(name, data, what)
    assert "not a transcript" in str(error)
    assert "txt" in str(error)  # lists the known formats


def test_registry():
    assert reader_names() == ["txt", "vtt", "srt", "csv", "json", "docx"]
    assert get_reader("csv").suffixes == ("csv", "tsv")
    with pytest.raises(ConfigError, match="known formats: txt, vtt"):
        get_reader("pdf")
