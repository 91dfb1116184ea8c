"""A researcher's labelled examples for a custom code (LABELS.csv, docs/custom_codes.md).

One row per therapist utterance, UTF-8, comma-separated (tab or semicolon also recognised), a
header row naming the columns (any order, case ignored):

- ``text`` (required): the therapist utterance;
- ``label`` (required): 1/0, yes/no, true/false (also y/n): the code applies or not;
- ``context`` (optional; required with ``--context previous-turn``): the client's previous turn;
- ``conversation`` or ``session`` (optional): which conversation the row comes from, so that
  cross-validation keeps each conversation on one side.

Every problem raises InputError naming the file and, where there is one, the line.
"""

from __future__ import annotations

import csv
import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ...errors import InputError

POSITIVE = frozenset({"1", "yes", "y", "true", "t"})
NEGATIVE = frozenset({"0", "no", "n", "false", "f"})
GROUP_COLUMNS = ("conversation", "session")
MIN_EXAMPLES = 20
MIN_PER_CLASS = 5


@dataclass(frozen=True)
class Labelled:
    path: Path
    sha256: str
    texts: tuple[str, ...]
    labels: np.ndarray  # 1 = yes, 0 = no
    lines: tuple[int, ...]  # line of each example in the file
    contexts: tuple[str, ...] | None  # the client's previous turns, when read
    groups: tuple[str, ...] | None  # conversation of each example, when the file has a column for it
    group_column: str | None

    @property
    def n(self) -> int:
        return len(self.texts)


def _decode(path: Path) -> tuple[str, str]:
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise InputError(path, f"cannot be read ({e.strerror})") from e
    if not raw.strip():
        raise InputError(path, "the labels file is empty; it needs a header row (text,label) and labelled rows")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = raw[:e.start].count(b"\n") + 1
        raise InputError(path, f"not UTF-8 text (byte 0x{raw[e.start]:02x}); save the file as UTF-8 "
                               "(in Excel: 'CSV UTF-8')", line=line) from e
    if "\x00" in text:
        raise InputError(path, "holds NUL bytes: not a text CSV file", line=text[:text.index("\x00")].count("\n") + 1)
    return text, hashlib.sha256(raw).hexdigest()


def _header(path: Path, text: str) -> tuple[str, list[str]]:
    first = text.lstrip("\r\n").splitlines()[0]
    for delimiter in (",", "\t", ";"):
        names = [c.strip().lower() for c in next(csv.reader([first], delimiter=delimiter))]
        if {"text", "label"} <= set(names):
            return delimiter, names
    names = [c.strip().lower() for c in next(csv.reader([first]))]
    missing = [c for c in ("text", "label") if c not in names]
    raise InputError(path, f"the header row lacks the column(s) {', '.join(missing)} (found: {', '.join(names) or 'nothing'}); "
                           "LABELS.csv needs text and label, optionally context and conversation", line=1)


def parse_label(value: str, path: Path, line: int) -> int:
    v = value.strip().lower()
    if v in POSITIVE:
        return 1
    if v in NEGATIVE:
        return 0
    hint = ("; custom codes are binary: for a code with several values, train one code per value "
            "(yes for that value, no for the others)") if v else ""
    raise InputError(path, f"label '{value.strip()}' is not one of 1/0, yes/no, true/false{hint}", line=line)


def read_labels(path: str | Path, need_context: bool = False) -> Labelled:
    """Read and check a labels file (see the module docstring)."""
    path = Path(path)
    text, digest = _decode(path)
    delimiter, names = _header(path, text)
    col = {name: i for i, name in reversed(list(enumerate(names)))}
    if need_context and "context" not in col:
        raise InputError(path, "--context previous-turn needs a 'context' column (the client's previous turn; "
                               "empty where there is none)", line=1)
    group_column = next((g for g in GROUP_COLUMNS if g in col), None)
    texts, labels, lines, contexts, groups = [], [], [], [], []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = True
    try:
        for row in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if header:  # the first non-blank row
                header = False
                continue
            if len(row) < len(names):
                row = row + [""] * (len(names) - len(row))
            utterance = row[col["text"]].strip()
            if not utterance:
                raise InputError(path, "empty text", line=line)
            labels.append(parse_label(row[col["label"]], path, line))
            texts.append(utterance)
            lines.append(line)
            contexts.append(row[col["context"]].strip() if "context" in col else "")
            if group_column:
                group = row[col[group_column]].strip()
                if not group:
                    raise InputError(path, f"empty {group_column} (every row needs one when the column is there)", line=line)
                groups.append(group)
    except csv.Error as e:
        raise InputError(path, f"not a readable CSV file ({e})", line=reader.line_num) from e
    _check_counts(path, labels)
    return Labelled(path, digest, tuple(texts), np.array(labels, dtype=int), tuple(lines),
                    tuple(contexts) if need_context else None, tuple(groups) if group_column else None, group_column)


def _check_counts(path: Path, labels: list[int]) -> None:
    yes = sum(labels)
    no = len(labels) - yes
    if len(labels) < MIN_EXAMPLES or min(yes, no) < MIN_PER_CLASS:
        raise InputError(path, f"{len(labels)} labelled examples ({yes} yes, {no} no): a custom code needs at least "
                               f"{MIN_EXAMPLES}, with at least {MIN_PER_CLASS} of each label (a few hundred give "
                               "steadier numbers)")
