"""Word (.docx) transcripts: paragraphs (and two/three-column tables) with speaker prefixes.

Numbers in messages and ``source_line`` count paragraphs and table rows from 1, in document order.
"""

from __future__ import annotations

import io
import zipfile

from ...errors import InputError
from .build import Entry, parse_time
from .plaintext import parse_lines
from .source import Source


def read_docx(source: Source, max_unpacked_mb: int) -> tuple[list[Entry], list[str]]:
    return parse_lines(_lines(source, max_unpacked_mb), source.path)


def is_docx(data: bytes) -> bool:
    if not data.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return "word/document.xml" in z.namelist()
    except zipfile.BadZipFile:
        return False


def check_unpacked_size(source: Source, max_unpacked_mb: int) -> None:
    """Refuse a .docx whose parts unzip to more than the limit, before anything is inflated (a zip
    bomb: 1 MB of zip can hold 300 MB of XML, which python-docx would parse into ~6 GB).

    The sizes come from the zip's directory; they can be trusted as a bound, because Python's
    zipfile stops inflating a part at its declared size (and then fails its CRC check)."""
    with zipfile.ZipFile(io.BytesIO(source.data)) as z:
        unpacked = sum(info.file_size for info in z.infolist())
    if unpacked > max_unpacked_mb * 1_000_000:
        ratio = unpacked / max(len(source.data), 1)
        raise InputError(
            source.path,
            f"unzips to {unpacked / 1e6:,.0f} MB ({ratio:,.0f} times its size), over the {max_unpacked_mb} MB "
            "limit for Word files; a damaged or hostile file? (raise the limit with --set read.max_docx_unpacked_mb=N)",
            quoted=(),
        )


def _lines(source: Source, max_unpacked_mb: int) -> list[tuple[int, str]]:
    import docx  # python-docx; imported here so that --help stays fast
    from docx.table import Table

    if not is_docx(source.data):
        what = source.kind()
        hint = f" (it is {what})" if what and what != "a ZIP archive" else ""
        raise InputError(source.path, f"is not a valid Word .docx file{hint}", quoted=())
    check_unpacked_size(source, max_unpacked_mb)
    try:
        document = docx.Document(io.BytesIO(source.data))
        blocks = list(document.iter_inner_content())
    except Exception as e:  # python-docx raises many kinds on damaged files
        raise InputError(source.path, f"is a damaged Word file ({type(e).__name__}: {e})") from e
    rows = [
        row
        for block in blocks
        for row in ([[c.text.strip() for c in r.cells] for r in block.rows] if isinstance(block, Table) else [[block.text]])
    ]
    return [(number, part) for number, cells in enumerate(rows, start=1) for part in _row_text(cells).split("\n")]


def _row_text(cells: list[str]) -> str:
    """A paragraph's text, or a table row as 'Speaker: text' / '[time] Speaker: text'."""
    cells = [c for c in cells if c]
    if len(cells) == 3 and parse_time(cells[0]) is not None:
        return f"[{cells[0]}] {cells[1]}: {cells[2]}"
    if len(cells) == 2:
        return f"{cells[0]}: {cells[1]}"
    return " ".join(cells)
