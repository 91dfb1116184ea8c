"""Word (.docx) transcripts, built with python-docx inside each test."""

from __future__ import annotations

import io
import zipfile
from typing import Callable

import docx
import pytest

from .helpers import said, starts


def make_docx(build: Callable[[docx.document.Document], None]) -> bytes:
    document = docx.Document()
    build(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def add_table(document, rows: list[tuple[str, ...]]) -> None:
    table = document.add_table(rows=0, cols=len(rows[0]))
    for row in rows:
        for cell, text in zip(table.add_row().cells, row):
            cell.text = text


def test_paragraphs_with_prefixes_and_a_header(read):
    def build(document):
        document.add_paragraph("Session 3 transcript")
        for line in ["T: Hello.", "C: Hi.", "", "T: How are you?", "C: Fine.", "Really fine."]:
            document.add_paragraph(line)

    session = read("session.docx", make_docx(build))
    assert said(session) == [("T", "Hello."), ("C", "Hi."), ("T", "How are you?"), ("C", "Fine. Really fine.")]
    assert [t.source_line for t in session.turns] == [2, 3, 5, 6]  # paragraphs counted from 1
    assert session.meta.source_format == "docx"
    assert any("header" in w for w in session.meta.warnings)


def test_line_breaks_inside_a_paragraph(read):
    def build(document):
        document.add_paragraph("Therapist: Hello.\nClient: Hi.")
        document.add_paragraph("Therapist: Bye.")
        document.add_paragraph("Client: Bye.")

    assert said(read("session.docx", make_docx(build))) == [
        ("Therapist", "Hello."), ("Client", "Hi."), ("Therapist", "Bye."), ("Client", "Bye."),
    ]


def test_two_column_table(read):
    def build(document):
        document.add_paragraph("Transcript")
        add_table(document, [("Speaker", "Text"), ("Therapist", "Hello."), ("Client", "Hi."),
                             ("Therapist", "How are you?"), ("Client", "Fine.")])

    session = read("session.docx", make_docx(build))
    assert said(session) == [("Therapist", "Hello."), ("Client", "Hi."), ("Therapist", "How are you?"),
                             ("Client", "Fine.")]
    assert [t.source_line for t in session.turns] == [3, 4, 5, 6]  # the title paragraph, then table rows


def test_three_column_table_with_times(read):
    def build(document):
        add_table(document, [("Time", "Speaker", "Text"), ("00:00:01", "Dr. Lee", "Hello."),
                             ("00:00:04", "Sam", "Hi.\nSecond paragraph."), ("00:01:02", "Dr. Lee", "How?"),
                             ("01:05", "Sam", "Fine.")])

    session = read("session.docx", make_docx(build))
    assert said(session) == [("Dr. Lee", "Hello."), ("Sam", "Hi. Second paragraph."), ("Dr. Lee", "How?"),
                             ("Sam", "Fine.")]
    assert starts(session) == [1.0, 4.0, 62.0, 65.0]


def test_docx_is_detected_by_content_whatever_the_suffix(read):
    def build(document):
        for line in ["T: Hello.", "C: Hi.", "T: Bye."]:
            document.add_paragraph(line)

    session = read("session.dat", make_docx(build))
    assert session.meta.source_format == "docx"
    assert said(session) == [("T", "Hello."), ("C", "Hi."), ("T", "Bye.")]


def test_docx_without_speaker_labels(read_fails):
    def build(document):
        document.add_paragraph("Dear diary, nothing happened today.")

    read_fails("notes.docx", make_docx(build), r"no speaker labels")


# --- broken files ----------------------------------------------------------------------------


def zip_bytes(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        for name, data in files.items():
            z.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(b"Therapist: hi\nClient: hello\n", id="plain-text"),
        pytest.param(b"PK\x03\x04 not really a zip", id="broken-zip"),
        pytest.param(zip_bytes({"hello.txt": b"hi"}), id="zip-without-document-xml"),
    ],
)
def test_not_a_docx(read_fails, data):
    read_fails("session.docx", data, r"not a valid Word \.docx file")


def test_legacy_doc_saved_as_docx_says_so(read_fails):
    error = read_fails("session.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(64), r"not a valid Word")
    assert "legacy" in str(error) and "save it as .docx" in str(error)


def test_damaged_docx(read_fails):
    data = zip_bytes({"word/document.xml": b"<not xml", "[Content_Types].xml": b"<broken"})
    read_fails("session.docx", data, r"damaged Word file")


# --- unzipped size (zip bombs) ------------------------------------------------------------------


def _inflated(data: bytes, extra_mb: float) -> bytes:
    """The same document with ``extra_mb`` MB of highly compressible paragraphs added."""
    src, buffer = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            part = src.read(info.filename)
            if info.filename == "word/document.xml":
                cut = part.rindex(b"<w:sectPr")
                filler = b"<w:p><w:r><w:t>T: aaaa</w:t></w:r></w:p><w:p><w:r><w:t>C: bbbb</w:t></w:r></w:p>"
                filler *= int(extra_mb * 1_000_000) // len(filler)
                part = part[:cut] + filler + part[cut:]
            out.writestr(info.filename, part)
    return buffer.getvalue()


def _dialogue(document) -> None:
    for line in ["T: Hello.", "C: Hi.", "T: How are you?", "C: Fine."]:
        document.add_paragraph(line)


def test_a_docx_unzipping_past_the_limit_is_refused_before_parsing(read_fails, monkeypatch):
    import docx as python_docx

    bomb = _inflated(make_docx(_dialogue), 3)
    assert len(bomb) < 100_000  # 3 MB of XML in a few kB of zip

    def never(*args, **kwargs):
        raise AssertionError("python-docx must not see the file")

    monkeypatch.setattr(python_docx, "Document", never)
    error = read_fails("bomb.docx", bomb, r"unzips to \d MB \(\d+ times its size\), over the 2 MB limit for Word files",
                       max_docx_unpacked_mb=2)
    assert "read.max_docx_unpacked_mb" in str(error)


def test_a_docx_under_the_limit_is_read(read):
    session = read("big.docx", _inflated(make_docx(_dialogue), 0.2), max_docx_unpacked_mb=2)
    assert said(session)[:2] == [("T", "Hello."), ("C", "Hi.")]
