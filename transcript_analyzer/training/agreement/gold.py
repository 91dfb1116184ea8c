"""Gold codes from human coders, for `transcript-analyzer evaluate --gold CODED.csv --pred RUN_DIR`.

Two layouts of a CSV file (UTF-8, header row) are recognised by their columns:

**AnnoMI layout** (one row per turn, as in the AnnoMI corpus): ``transcript_id``, ``utterance_id``
(the row's order in the transcript), ``interlocutor`` (``therapist`` or ``client``),
``utterance_text``, ``question_subtype``, ``reflection_subtype``, ``therapist_input_subtype``; an
``annotator`` (or AnnoMI's ``annotator_id``) column is used when present; other columns (e.g.
``main_therapist_behaviour``) are ignored. Every therapist row is a unit coded for all the codes
below (1 when its subtype says so, else 0); client rows only carry text for the alignment.

=========================  ===============  =====================
AnnoMI column              value            code (tool marker)
=========================  ===============  =====================
question_subtype           open             open_question
question_subtype           closed           closed_question
reflection_subtype         simple           simple_reflection
reflection_subtype         complex          complex_reflection
therapist_input_subtype    information      giving_information
therapist_input_subtype    advice           advice (= advice_with_permission OR advice_without_permission)
=========================  ===============  =====================

Other subtype values (``negotiation``, ``options``, ``n/a``, empty) code 0. AnnoMI codes the
subtypes independently of ``main_therapist_behaviour`` (a row can be a question and a
reflection), so only the subtype columns are read.

**Simple layout** (long, one row per unit and code): ``session_id``, ``utterance_index`` *or*
``turn_index``, ``code`` (a marker name from `transcript-analyzer markers`, or ``advice``),
``value`` (1/0, true/false, yes/no), and optionally ``annotator`` and ``text``.
``utterance_index`` refers to the tool's own utterances (``utterances.csv``), ``turn_index`` to
its turns. A unit with no row for a code is not counted for that code.

**Wide layout** (one row per unit, one column per code): ``session_id``, ``utterance_index`` or
``turn_index`` (utterance_index wins when both are there), then columns named after codes with
1/0, true/false, yes/no, or empty (not coded); optional ``annotator``, ``text``, and ``role`` (rows
whose role is not therapist are skipped). This is a blank copy of the tool's ``utterances.csv``
that coders filled in; a file that still has the tool's ``<marker>_p`` columns is refused, so a
model decision can never pass for a human one.

Sessions are matched to the predictions by id, file stem or content (``matching.py``): a gold
session id is ``session_id`` (in the AnnoMI layout, ``transcript_id`` unless a ``session_id``
column is there too). Optional columns in any layout, constant within a session, match by content:
``session_sha256`` (the analysed session's content hash, as report.html and review files carry it)
and ``source_sha256`` (or ``input_sha256``: the SHA-256 of the analysed file's bytes, as a batch
run's sessions.csv has it).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, Mapping

from ...errors import InputError
from ...escape import csv_uncell
from ...markers.codebook import MARKER_NAMES

# A gold code that the tool splits into several markers: predicted positive when any is.
DERIVED_CODES: Mapping[str, tuple[str, ...]] = {"advice": ("advice_with_permission", "advice_without_permission")}

ANNOMI_KEY = ("transcript_id", "utterance_id", "interlocutor", "utterance_text")
ANNOMI_CODES: Mapping[str, Mapping[str, str]] = {
    "question_subtype": {"open": "open_question", "closed": "closed_question"},
    "reflection_subtype": {"simple": "simple_reflection", "complex": "complex_reflection"},
    "therapist_input_subtype": {"information": "giving_information", "advice": "advice"},
}
ANNOMI_OTHER_VALUES = frozenset({"", "n/a", "na", "negotiation", "options"})
SIMPLE_KEY = ("session_id", "code", "value")
UNIT_COLUMNS = ("utterance_index", "turn_index")
ANNOTATOR_COLUMNS = ("annotator", "annotator_id")
VALUES = {"1": 1, "0": 0, "true": 1, "false": 0, "yes": 1, "no": 0}
HASH_COLUMNS = {"session_sha256": "session_sha256", "source_sha256": "source_sha256", "input_sha256": "source_sha256"}
_SHA256 = re.compile(r"^[0-9a-f]{64}$")


def code_markers(code: str) -> tuple[str, ...]:
    """The tool's marker column(s) a gold code is compared with."""
    return DERIVED_CODES.get(code, (code,))


def known_codes() -> tuple[str, ...]:
    """The shipped markers, ``advice``, and the custom codes installed here (their columns are in a run
    made with ``--markers +CODE``)."""
    from ...markers.custom import installed

    return tuple(dict.fromkeys((*MARKER_NAMES, *DERIVED_CODES, *installed())))


@dataclass(frozen=True)
class Label:
    """One human decision: a unit of a session coded 1/0 for a code by an annotator."""

    session_id: str
    unit: int
    code: str
    value: int
    annotator: str = ""
    line: int = 0


@dataclass(frozen=True)
class GoldRow:
    """A unit's text (AnnoMI rows; simple-layout rows with a ``text`` column)."""

    unit: int
    role: str
    text: str


@dataclass(frozen=True)
class Gold:
    """A gold file: its labels and, per session, its units' text in order.

    ``layout`` is ``annomi`` (units are the file's rows, aligned to the tool's utterances by
    text), ``utterance`` (units are the tool's utterances) or ``turn`` (the tool's turns)."""

    path: Path
    layout: str
    labels: tuple[Label, ...]
    rows: Mapping[str, tuple[GoldRow, ...]] = field(default_factory=dict)
    hashes: Mapping[str, Mapping[str, str]] = field(default_factory=dict)  # session -> {session_sha256, source_sha256}

    @property
    def sessions(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(label.session_id for label in self.labels))

    @property
    def codes(self) -> tuple[str, ...]:
        order = {c: i for i, c in enumerate(known_codes())}
        return tuple(sorted({label.code for label in self.labels}, key=order.__getitem__))

    @property
    def annotators(self) -> tuple[str, ...]:
        return tuple(sorted({label.annotator for label in self.labels}))


def read_gold(path: str | Path) -> Gold:
    """Read a gold file in either layout; InputError naming the file (and line) if it is bad."""
    path = Path(path)
    if not path.is_file():
        raise InputError(path, "gold file not found")
    try:
        with open(path, newline="", encoding="utf-8-sig") as f:
            reader = csv.DictReader(f)
            columns = [c.strip() for c in reader.fieldnames or []]
            reader.fieldnames = columns
            if all(c in columns for c in ANNOMI_KEY):
                gold = _read_annomi(path, reader, columns)
            elif all(c in columns for c in SIMPLE_KEY):
                gold = _read_simple(path, reader, columns)
            elif "session_id" in columns and any(c in known_codes() for c in columns):
                gold = _read_wide(path, reader, columns)
            else:
                raise InputError(path, _unrecognised(columns))
    except UnicodeDecodeError as e:
        raise InputError(path, f"not UTF-8 text ({e.reason} at byte {e.start}); save it as UTF-8 CSV") from e
    except csv.Error as e:
        raise InputError(path, f"not a readable CSV file ({e})") from e
    if not gold.labels:
        raise InputError(path, "no coded units (for the AnnoMI layout: no therapist rows)")
    return gold


def _read_wide(path: Path, reader: csv.DictReader, columns: list[str]) -> Gold:
    """One row per unit, one column per code (empty cell: not coded)."""
    if any(f"{c}_p" in columns for c in columns if c in known_codes()):
        raise InputError(path, "this looks like the tool's own utterances.csv (it has <marker>_p probability columns): "
                               "give the coders a copy without the tool's marker and _p columns, with blank code "
                               "columns for them to fill, so that no model decision is left standing as a human one")
    unit_col = next((c for c in UNIT_COLUMNS if c in columns), None)
    if unit_col is None:
        raise InputError(path, "wide layout needs a utterance_index or turn_index column")
    codes, annotator_col = [c for c in columns if c in known_codes()], _annotator_column(columns)
    labels: list[Label] = []
    texts: dict[str, dict[int, GoldRow]] = {}
    hashes: dict[str, dict[str, str]] = {}
    for line, row in _iter_rows(path, reader):
        session, unit = row["session_id"], _int(path, line, unit_col, row[unit_col])
        if not session:
            raise InputError(path, "empty session_id", line=line)
        _note_hashes(path, line, row, session, hashes)
        if row.get("role", "therapist").lower() not in ("therapist", ""):
            continue
        for code in codes:
            if not row[code]:
                continue
            value = VALUES.get(row[code].lower())
            if value is None:
                raise InputError(path, f"{code} must be 1/0, true/false, yes/no or empty, got '{row[code]}'", line=line)
            labels.append(Label(session, unit, code, value, row[annotator_col] if annotator_col else "", line))
        if row.get("text"):
            texts.setdefault(session, {}).setdefault(unit, GoldRow(unit, "therapist", row["text"]))
    ordered = {s: tuple(rows[u] for u in sorted(rows)) for s, rows in texts.items()}
    return Gold(path, unit_col.removesuffix("_index"), tuple(labels), ordered, hashes)


def _note_hashes(path: Path, line: int, row: dict[str, str], session: str, hashes: dict[str, dict[str, str]]) -> None:
    """Record a row's optional content-hash cells for its session (one value per session)."""
    for column, kind in HASH_COLUMNS.items():
        value = row.get(column, "").lower()
        if not value:
            continue
        if not _SHA256.match(value):
            raise InputError(path, f"{column} must be a SHA-256 (64 hex digits), got '{row[column]}'", line=line)
        known = hashes.setdefault(session, {}).setdefault(kind, value)
        if known != value:
            raise InputError(path, f"session {session} has two different {column} values", line=line)


def _unrecognised(columns: list[str]) -> str:
    found = ", ".join(columns[:12]) + (", ..." if len(columns) > 12 else "") if columns else "none (empty file?)"
    return ("columns not recognised. Expected the AnnoMI layout (transcript_id, utterance_id, interlocutor, "
            "utterance_text, question_subtype, reflection_subtype, therapist_input_subtype) or the simple layout "
            f"(session_id, utterance_index or turn_index, code, value) or the wide layout (session_id, "
            f"utterance_index or turn_index, one column per code); found: {found}")


def _iter_rows(path: Path, reader: csv.DictReader) -> Iterator[tuple[int, dict[str, str]]]:
    for row in reader:
        if None in row:
            raise InputError(path, f"more cells than columns ({len(reader.fieldnames or [])})", line=reader.line_num)
        # a copy of the tool's utterances.csv has "'-..." for text cells starting with "-" (escape.csv_cell)
        yield reader.line_num, {k: csv_uncell(v or "").strip() for k, v in row.items()}


def _annotator_column(columns: list[str]) -> str | None:
    return next((c for c in ANNOTATOR_COLUMNS if c in columns), None)


def _int(path: Path, line: int, column: str, value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = -1
    if number < 0:
        raise InputError(path, f"{column} must be a whole number >= 0, got '{value}'", line=line)
    return number


def _read_annomi(path: Path, reader: csv.DictReader, columns: list[str]) -> Gold:
    missing = [c for c in ANNOMI_CODES if c not in columns]
    if missing:
        raise InputError(path, f"AnnoMI layout: missing column(s) {', '.join(missing)}")
    annotator_col = _annotator_column(columns)
    labels: list[Label] = []
    rows: dict[str, dict[int, GoldRow]] = {}
    seen: set[tuple[str, int, str]] = set()
    hashes: dict[str, dict[str, str]] = {}
    for line, row in _iter_rows(path, reader):
        # a session_id column, where there is one, names the session the predictions call it
        session, unit = row.get("session_id") or row["transcript_id"], _int(path, line, "utterance_id", row["utterance_id"])
        role = row["interlocutor"].lower()
        if not session:
            raise InputError(path, "empty transcript_id", line=line)
        _note_hashes(path, line, row, session, hashes)
        if role not in ("therapist", "client"):
            raise InputError(path, f"interlocutor must be 'therapist' or 'client', got '{row['interlocutor']}'", line=line)
        annotator = row[annotator_col] if annotator_col else ""
        if (session, unit, annotator) in seen:
            raise InputError(path, f"transcript {session}, utterance {unit} appears twice"
                             + (f" for annotator {annotator}" if annotator else ""), line=line)
        seen.add((session, unit, annotator))
        rows.setdefault(session, {}).setdefault(unit, GoldRow(unit, role, row["utterance_text"]))
        if role == "therapist":
            labels += [Label(session, unit, code, value, annotator, line) for code, value in _annomi_codes(path, line, row)]
    ordered = {s: tuple(units[u] for u in sorted(units)) for s, units in rows.items()}
    return Gold(path, "annomi", tuple(labels), ordered, hashes)


def _annomi_codes(path: Path, line: int, row: dict[str, str]) -> list[tuple[str, int]]:
    codes = []
    for column, mapping in ANNOMI_CODES.items():
        value = row[column].lower()
        if value not in mapping and value not in ANNOMI_OTHER_VALUES:
            known = sorted(set(mapping) | (ANNOMI_OTHER_VALUES - {""}))
            raise InputError(path, f"unknown {column} '{row[column]}'; known: {', '.join(known)}", line=line)
        codes += [(code, int(value == key)) for key, code in mapping.items()]
    return codes


def _read_simple(path: Path, reader: csv.DictReader, columns: list[str]) -> Gold:
    units = [c for c in UNIT_COLUMNS if c in columns]
    if len(units) != 1:
        problem = "has both" if units else "needs one of the columns"
        raise InputError(path, f"simple layout {problem} utterance_index and turn_index (use one)")
    unit_col, annotator_col = units[0], _annotator_column(columns)
    known = known_codes()
    labels: list[Label] = []
    texts: dict[str, dict[int, GoldRow]] = {}
    seen: dict[tuple[str, int, str, str], int] = {}
    hashes: dict[str, dict[str, str]] = {}
    for line, row in _iter_rows(path, reader):
        session, unit, code = row["session_id"], _int(path, line, unit_col, row[unit_col]), row["code"]
        if not session:
            raise InputError(path, "empty session_id", line=line)
        _note_hashes(path, line, row, session, hashes)
        if code not in known:
            raise InputError(path, f"unknown code '{code}'; known: {', '.join(known)}", line=line)
        value = VALUES.get(row["value"].lower())
        if value is None:
            raise InputError(path, f"value must be 1/0, true/false or yes/no, got '{row['value']}'", line=line)
        annotator = row[annotator_col] if annotator_col else ""
        key = (session, unit, code, annotator)
        if key in seen:
            raise InputError(path, f"session {session}, {unit_col} {unit}, code {code} coded twice"
                             + (f" by annotator {annotator}" if annotator else "") + f" (first on line {seen[key]})",
                             line=line)
        seen[key] = line
        labels.append(Label(session, unit, code, value, annotator, line))
        if row.get("text"):
            texts.setdefault(session, {}).setdefault(unit, GoldRow(unit, "therapist", row["text"]))
    ordered = {s: tuple(rows[u] for u in sorted(rows)) for s, rows in texts.items()}
    return Gold(path, unit_col.removesuffix("_index"), tuple(labels), ordered, hashes)
