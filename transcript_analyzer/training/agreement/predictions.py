"""The tool's codes from earlier runs, for `evaluate --gold ... --pred RUN_DIR`.

RUN_DIR is one of:

* a folder written by ``analyze --out DIR`` (``utterances.csv``, ``session.json``);
* a batch run folder with a corpus table ``utterances.parquet`` and/or ``utterances.csv`` at its
  top level (Parquet is preferred when both are there);
* a folder of such session folders (one per session, searched one level down), e.g. a batch
  run's ``sessions/`` (used when the run has no corpus table yet);
* an ``utterances.csv`` / ``utterances.parquet`` file itself.

Every table has the columns of ``utterances.csv`` ([corpus,] session_id, utterance_index,
turn_index, speaker, role, start, end, time_source, text) and, per marker, ``<marker>`` (1/0;
empty for client utterances) and ``<marker>_p`` (probability).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

from ...errors import InputError
from ...escape import csv_uncell

TABLES = ("utterances.parquet", "utterances.csv")
NEEDED = ("session_id", "utterance_index", "turn_index", "role", "text")


@dataclass(frozen=True)
class PredUtterance:
    """One utterance of a run: where it is, its text, and its marker decisions (None when the
    tool did not code it, e.g. a client utterance) and probabilities."""

    index: int
    turn_index: int
    role: str
    text: str
    decisions: Mapping[str, int | None]
    probabilities: Mapping[str, float | None]


@dataclass(frozen=True)
class Predictions:
    source: Path
    sessions: Mapping[str, tuple[PredUtterance, ...]]
    files: tuple[Path, ...]
    tables: Mapping[str, Path] = field(default_factory=dict)  # session id -> the table it was read from


def read_predictions(path: str | Path, markers: Sequence[str]) -> Predictions:
    """Read the tables under ``path`` keeping the given markers' columns; InputError naming the
    file when one is missing, malformed, or lacks a marker."""
    path = Path(path)
    files = _tables(path)
    sessions: dict[str, tuple[PredUtterance, ...]] = {}
    tables: dict[str, Path] = {}
    for file in files:
        for session_id, utterances in _read_table(file, markers).items():
            if session_id in sessions:
                raise InputError(file, f"session '{session_id}' also appears in another table under {path}")
            sessions[session_id] = utterances
            tables[session_id] = file
    if not sessions:
        raise InputError(path, "the predictions hold no utterances")
    return Predictions(path, sessions, tuple(files), tables)


def _tables(path: Path) -> list[Path]:
    if path.is_file():
        return [path]
    if not path.is_dir():
        raise InputError(path, "predictions not found (pass a folder written by `analyze --out` or `batch --out`)")
    top = _table_in(path)
    if top:
        return [top]
    folders = path / "sessions" if (path / "sessions").is_dir() else path  # a batch run without its tables
    found = [t for sub in sorted(p for p in folders.iterdir() if p.is_dir()) if (t := _table_in(sub))]
    if not found:
        raise InputError(path, f"no {' or '.join(TABLES)} here or in its subfolders "
                               "(pass a folder written by `analyze --out` or `batch --out`)")
    return found


def _table_in(folder: Path) -> Path | None:
    return next((folder / t for t in TABLES if (folder / t).is_file()), None)


def _read_table(file: Path, markers: Sequence[str]) -> dict[str, tuple[PredUtterance, ...]]:
    rows = _parquet_rows(file, markers) if file.suffix == ".parquet" else _csv_rows(file, markers)
    sessions: dict[str, dict[int, PredUtterance]] = {}
    for line, row in rows:
        session_id = str(row["session_id"] or "")
        utterance = _utterance(file, line, row, markers)
        units = sessions.setdefault(session_id, {})
        if utterance.index in units:
            raise InputError(file, f"session '{session_id}' has utterance_index {utterance.index} twice "
                                   "(two sessions with one id?)", line=line)
        units[utterance.index] = utterance
    return {s: tuple(units[i] for i in sorted(units)) for s, units in sessions.items()}


def _check_columns(file: Path, columns: Iterable[str], markers: Sequence[str]) -> None:
    columns = set(columns)
    missing = [c for c in NEEDED if c not in columns]
    if missing:
        raise InputError(file, f"not an utterance table: no column(s) {', '.join(missing)}")
    absent = [m for m in markers if m not in columns or f"{m}_p" not in columns]
    if absent:
        raise InputError(file, f"the run did not code {', '.join(absent)} (no such columns); "
                               "rerun the analysis with those markers")


def _csv_rows(file: Path, markers: Sequence[str]) -> list[tuple[int | None, dict[str, Any]]]:
    """(line, row) pairs; the line is where the row ends (text cells may span lines)."""
    try:
        with open(file, newline="", encoding="utf-8-sig") as f:
            reader = csv.DictReader(f)
            _check_columns(file, reader.fieldnames or [], markers)
            # text cells written as "'-..." (escape.csv_cell) read back as the text they were
            return [(reader.line_num, {k: csv_uncell(v) if isinstance(v, str) else v for k, v in row.items()})
                    for row in reader]
    except UnicodeDecodeError as e:
        raise InputError(file, f"not UTF-8 text ({e.reason} at byte {e.start})") from e
    except (csv.Error, OSError) as e:
        raise InputError(file, f"cannot read the utterance table ({e})") from e


def _parquet_rows(file: Path, markers: Sequence[str]) -> list[tuple[int | None, dict[str, Any]]]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        schema = pq.read_schema(file)
        _check_columns(file, schema.names, markers)
        columns = [*NEEDED, *(c for m in markers for c in (m, f"{m}_p"))]
        return [(None, row) for row in pq.read_table(file, columns=list(dict.fromkeys(columns))).to_pylist()]
    except (pa.ArrowException, OSError) as e:
        raise InputError(file, f"cannot read the Parquet table ({e})") from e


def _number(file: Path, line: int | None, column: str, value: Any, kind: type) -> Any:
    if value is None or value == "":
        return None
    try:
        return kind(value)
    except (TypeError, ValueError) as e:
        raise InputError(file, f"{column}: '{value}' is not a number", line=line) from e


def _utterance(file: Path, line: int | None, row: Mapping[str, Any], markers: Sequence[str]) -> PredUtterance:
    index = _number(file, line, "utterance_index", row["utterance_index"], int)
    turn = _number(file, line, "turn_index", row["turn_index"], int)
    if index is None or turn is None or not row["session_id"]:
        raise InputError(file, "empty session_id, utterance_index or turn_index", line=line)
    decisions = {m: _number(file, line, m, row[m], int) for m in markers}
    bad = [m for m, d in decisions.items() if d not in (None, 0, 1)]
    if bad:
        raise InputError(file, f"{bad[0]}: decision must be 1, 0 or empty, got {decisions[bad[0]]}", line=line)
    return PredUtterance(index, turn, str(row["role"] or ""), str(row["text"] or ""), decisions,
                         {m: _number(file, line, f"{m}_p", row[f"{m}_p"], float) for m in markers})
