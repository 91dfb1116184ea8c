"""Reading review files: checked against review.file.SCHEMA with jsonschema, and every problem
names the file (and the item) without quoting the offending value."""

import copy
import json

import pytest

from transcript_analyzer.errors import InputError
from transcript_analyzer.review.file import SCHEMA
from transcript_analyzer.review.reviews import read_review, schema_errors

VALID = {"format": "transcript-analyzer-review", "version": 1, "session_id": "s1", "session_sha256": "a" * 64,
         "reviewer": "A. Supervisor", "exported_at": None, "speaker_names": {"SPEAKER_00": "Dr. Lee"},
         "items": [{"utterance": 3, "marker": "empathy", "model_decision": True, "probability": 0.81,
                    "verdict": "disagree", "reviewer_code": "none", "note": "not really", "reviewed_at": None},
                   {"utterance": 5, "marker": "positive_regard", "verdict": None, "note": "listen again"}]}


def broken(path, value):
    doc = copy.deepcopy(VALID)
    *parents, last = path
    target = doc
    for key in parents:
        target = target[key]
    if value is KeyError:
        del target[last]
    else:
        target[last] = value
    return doc


CASES = [
    (("format",), "transcript-analyzer-session"),
    (("version",), 2),
    (("version",), True),
    (("session_id",), KeyError),
    (("session_sha256",), "ABC"),
    (("items",), {}),
    (("items", 0, "utterance"), -1),
    (("items", 0, "utterance"), 1.5),
    (("items", 0, "utterance"), True),
    (("items", 0, "marker"), ""),
    (("items", 0, "verdict"), "maybe"),
    (("items", 0, "verdict"), KeyError),
    (("items", 0, "probability"), 1.2),
    (("items", 0, "model_decision"), "yes"),
    (("speaker_names",), {"SPEAKER_00": 3}),
    (("reviewer",), 7),
]


@pytest.mark.parametrize("path, value", CASES)
def test_each_break_of_the_schema_is_named_without_quoting_the_value(path, value):
    assert list(schema_errors(VALID, SCHEMA)) == []
    doc = broken(path, value)
    found = list(schema_errors(doc, SCHEMA))
    assert found, (path, value)
    path = path[:-1] if value is KeyError else path
    where = "the file" if not path else path[0] if len(path) == 1 else f"{path[0]}[{path[1]}]" + (f".{path[2]}" if len(path) > 2 else "")
    assert any(m.startswith(where) for m in found), found
    if isinstance(value, str) and value:
        assert not any(value in m for m in found), found


def test_read_review_gives_the_items_in_order_and_names_the_reviewer(tmp_path):
    path = tmp_path / "r.json"
    path.write_text(json.dumps(VALID), encoding="utf-8")
    review = read_review(path)
    assert review.session_id == "s1" and review.reviewer == "A. Supervisor" and len(review.sha256) == 64
    assert [(i.position, i.utterance, i.marker, i.verdict) for i in review.items] == [
        (0, 3, "empathy", "disagree"), (1, 5, "positive_regard", None)]
    anonymous = broken(("reviewer",), None)
    path.write_text(json.dumps(anonymous), encoding="utf-8")
    assert read_review(path).reviewer == "reviewer of r.json"


@pytest.mark.parametrize("content, message", [
    ("{\n  \"format\": ", "r.json, line 2: not valid JSON"),
    ("[]", "r.json: not a valid review file: the file must be object"),
    (json.dumps(broken(("items", 0, "utterance"), -1)), "items[0].utterance is below 0"),
    (json.dumps(broken(("items", 1, "verdict"), "unsure")), "items[1].verdict must be one of"),
    (json.dumps(broken(("format",), "other")), "(is it a review file exported by report.html?)"),
])
def test_bad_review_files_name_the_file_and_the_place(tmp_path, content, message):
    path = tmp_path / "r.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as e:
        read_review(path)
    assert message in str(e.value) and str(path) in str(e.value) and "\n" not in str(e.value)


def test_a_missing_review_file(tmp_path):
    with pytest.raises(InputError, match="review file not found"):
        read_review(tmp_path / "nope.json")
