"""CSV / TSV transcripts: one row per turn or utterance, with a header row."""

from __future__ import annotations

import csv
import io

from ...config import ReadOptions
from ...errors import InputError
from ...escape import csv_uncell
from .build import Entry
from .records import resolve_columns, select_session, to_entries
from .source import Source


def read_csv(source: Source, options: ReadOptions) -> tuple[list[Entry], str | None]:
    """Entries and the session id (from a session column), for the chosen session."""
    text = source.text().lstrip("\ufeff")
    csv.field_size_limit(2**31 - 1)
    reader = csv.DictReader(io.StringIO(text, newline=""), dialect=_dialect(text, source.suffix))
    try:
        headers = reader.fieldnames or []
        rows = [(_first_line(reader.line_num, row), row) for row in reader]
    except csv.Error as e:
        raise InputError(source.path, f"malformed CSV ({e})", line=reader.line_num, quoted=()) from e
    if len(headers) < 2:
        raise InputError(source.path, "is not a CSV transcript: it needs a header row with at least a speaker and a text column", quoted=())
    if _ours(headers):  # the tool's own utterances.csv: formula-like cells carry a leading ' (escape.csv_cell)
        rows = [(n, {k: csv_uncell(v) if isinstance(v, str) else v for k, v in row.items()}) for n, row in rows]
    mapping = resolve_columns(headers, options, source.path)
    rows, session_id = select_session(rows, mapping, options, source.path)
    return to_entries(rows, mapping, source.path), session_id


def _ours(headers: list[str]) -> bool:
    from ..writers import UTTERANCE_COLUMNS

    return tuple(headers[:len(UTTERANCE_COLUMNS)]) == UTTERANCE_COLUMNS


def _first_line(last_line: int, row: dict) -> int:
    """The line a row starts on: ``line_num`` is its last line, and quoted cells may span lines."""
    cells = [v for value in row.values() for v in (value if isinstance(value, list) else [value])]
    return last_line - sum(v.count("\n") for v in cells if isinstance(v, str))


def looks_like_csv(text: str) -> bool:
    first = text.lstrip("\ufeff").split("\n", 1)[0]
    try:
        dialect = csv.Sniffer().sniff(first, delimiters=",;\t|")
    except csv.Error:
        return False
    from .records import ALIASES, column_name

    headers = [column_name(h) for h in next(csv.reader([first], dialect))]
    return any(h in ALIASES["text"] for h in headers) and any(h in ALIASES["speaker"] for h in headers)


def _dialect(text: str, suffix: str) -> type[csv.Dialect] | csv.Dialect:
    if suffix == "tsv":
        return csv.excel_tab
    try:
        sniffed = csv.Sniffer().sniff(text[:4096].split("\n", 1)[0], delimiters=",;\t|")
    except csv.Error:
        return csv.excel
    # only the delimiter is taken from the header line: sniffing one line cannot see that quotes
    # inside cells are doubled ("say ""no"""), and getting that wrong silently cuts the text
    return type("SniffedDialect", (csv.excel,), {"delimiter": sniffed.delimiter})
