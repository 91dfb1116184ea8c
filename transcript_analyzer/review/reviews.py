"""Reading review files (the layout and its JSON Schema: ``file.py``) into plain objects.

The files are checked against ``file.SCHEMA`` with jsonschema. Every problem is an ``InputError``
naming the file and, where there is one, the item, without quoting the offending value.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

from ..errors import InputError
from . import file as review_file

MAX_BYTES = 20 * 1024 * 1024  # a review of a 3-hour session with every utterance reviewed is < 2 MB


@dataclass(frozen=True)
class ReviewItem:
    """One verdict of a review file; ``position`` is its place in the file's ``items`` (from 0)."""

    position: int
    utterance: int
    marker: str
    verdict: str | None
    model_decision: bool | None = None
    probability: float | None = None
    reviewer_code: str | None = None
    note: str | None = None

    @property
    def where(self) -> str:
        return f"item {self.position} (utterance {self.utterance}, {self.marker})"


@dataclass(frozen=True)
class Review:
    """A review file: whose verdicts on which version of which session."""

    path: Path
    sha256: str  # of the file's bytes
    session_id: str
    session_sha256: str
    reviewer: str  # the file's reviewer, or 'reviewer of <file name>' when it names none
    exported_at: str | None
    items: tuple[ReviewItem, ...]


def read_review(path: str | Path) -> Review:
    """Read and check one review file."""
    path = Path(path)
    try:
        if path.stat().st_size > MAX_BYTES:
            raise InputError(path, f"over {MAX_BYTES // 2**20} MB: not a review file exported by report.html")
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError(path, "review file not found") from None
    except IsADirectoryError:
        raise InputError(path, "is a folder; give the review files (.json) exported by report.html") from None
    except OSError as e:
        raise InputError(path, f"cannot be read ({e.strerror})") from e
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as e:
        raise InputError(path, f"not UTF-8 text (byte {e.start}): not a review file exported by report.html") from e
    except json.JSONDecodeError as e:
        raise InputError(path, f"not valid JSON ({e.msg})", line=e.lineno) from e
    problem = next(schema_errors(data, review_file.SCHEMA), None)
    if problem:
        hint = "" if isinstance(data, dict) and data.get("format") == review_file.FORMAT else \
            " (is it a review file exported by report.html?)"
        raise InputError(path, f"not a valid review file: {problem}{hint}")
    items = tuple(ReviewItem(k, it["utterance"], it["marker"], it["verdict"], it.get("model_decision"),
                             it.get("probability"), it.get("reviewer_code"), it.get("note"))
                  for k, it in enumerate(data["items"]))
    reviewer = (data.get("reviewer") or "").strip() or f"reviewer of {path.name}"
    return Review(path, hashlib.sha256(raw).hexdigest(), data["session_id"], data["session_sha256"], reviewer,
                  data.get("exported_at"), items)


# ---- messages for jsonschema's findings --------------------------------------------------------


def schema_errors(value: Any, schema: dict[str, Any]) -> Iterator[str]:
    """Problems of ``value`` against ``schema``, found by jsonschema (Draft 2020-12), each naming
    where it is ('items[1].verdict must be one of ...'). The messages are ours, not jsonschema's,
    because jsonschema quotes the offending value and a review's values may be a reviewer's note."""
    from jsonschema import Draft202012Validator

    for e in sorted(Draft202012Validator(schema).iter_errors(value), key=lambda e: [str(k) for k in e.absolute_path]):
        yield _message(e)


def _message(e: Any) -> str:
    where = "the file"
    for key in e.absolute_path:
        where = f"{where}[{key}]" if isinstance(key, int) else key if where == "the file" else f"{where}.{key}"
    if where.startswith("the file["):
        where = where.replace("the file", "the file's item", 1)
    rule, wanted = e.validator, e.validator_value
    if rule == "type":
        return f"{where} must be {' or '.join([wanted] if isinstance(wanted, str) else wanted)}"
    if rule == "const":
        return f"{where} must be {json.dumps(wanted)}"
    if rule == "enum":
        return f"{where} must be one of {', '.join(json.dumps(v) for v in wanted)}"
    if rule == "required":
        missing = next((k for k in wanted if isinstance(e.instance, dict) and k not in e.instance), "?")
        return f"{where} lacks '{missing}'"
    if rule == "pattern":
        return f"{where} does not match {wanted}"
    if rule == "minLength":
        return f"{where} is empty"
    if rule in ("minimum", "maximum"):
        return f"{where} is {'below' if rule == 'minimum' else 'above'} {wanted}"
    return f"{where} breaks the schema's '{rule}' rule"
