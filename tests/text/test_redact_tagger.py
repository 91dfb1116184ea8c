"""The learned recogniser of identifying mentions (text/redact/tagger.py): decoding, case features,
windows over long text, and what it adds to the rules."""

from __future__ import annotations

import numpy as np
import pytest

from transcript_analyzer.text.redact.tagger import Tagger, case_ids, decode

TAGS = ["PERSON", "PLACE", "ORG", "AGE", "DATE", "HANDLE"]


def _probs(rows: list[tuple[str, float]]) -> np.ndarray:
    """One row per piece from (class name, its probability); the rest goes to O."""
    names = ["O", *(f"B-{t}" for t in TAGS), *(f"I-{t}" for t in TAGS)]
    out = np.zeros((len(rows), len(names)), dtype=np.float32)
    for i, (name, p) in enumerate(rows):
        out[i, names.index(name)] = p
        out[i, 0] += 1 - p if name != "O" else 0
    return out


def test_decode_joins_pieces_of_one_word_and_extends_to_whole_words():
    text = "me and oluwaseun went"
    offsets = [(0, 2), (3, 6), (7, 10), (10, 14), (14, 16), (17, 21)]  # oluwaseun as three pieces
    probs = _probs([("O", 1), ("O", 1), ("B-PERSON", .9), ("I-PERSON", .8), ("O", 1), ("O", 1)])
    found = decode(text, probs, offsets, TAGS, 0.5)
    assert [(m.text, m.label) for m in found] == [("oluwaseun", "PERSON")]  # the piece below threshold joins its word


def test_decode_splits_adjacent_mentions_that_each_begin():
    text = "kwesi jojo"
    probs = _probs([("B-PERSON", .9), ("B-PERSON", .9)])
    found = decode(text, probs, [(0, 5), (6, 10)], TAGS, 0.5)
    assert [m.text for m in found] == ["kwesi", "jojo"]


def test_decode_keeps_a_multiword_mention_whole_and_labels_it_by_majority():
    text = "at st oriel's high"
    offsets = [(0, 2), (3, 5), (6, 11), (11, 12), (12, 13), (14, 18)]
    probs = _probs([("O", 1), ("B-ORG", .8), ("I-PLACE", .6), ("I-ORG", .9), ("I-ORG", .9), ("I-ORG", .9)])
    found = decode(text, probs, offsets, TAGS, 0.5)
    assert [(m.text, m.label) for m in found] == [("st oriel's high", "ORG")]


def test_threshold_trades_recall_for_precision():
    text = "with grace"
    probs = _probs([("O", 1), ("B-PERSON", .4)])
    assert decode(text, probs, [(0, 4), (5, 10)], TAGS, 0.5) == []
    assert [m.text for m in decode(text, probs, [(0, 4), (5, 10)], TAGS, 0.3)] == ["grace"]


def test_case_ids_tell_word_shapes_and_lowercase_text():
    text = "Then NHS said Jade's fine 42"
    offsets = [(0, 4), (5, 8), (9, 13), (14, 18), (18, 19), (19, 20), (21, 25), (26, 28)]
    assert case_ids(text, offsets, [0] * 8) == [2, 3, 1, 2, 2, 2, 1, 4]
    lower = "then nhs said jades fine 42"
    assert case_ids(lower, [(0, 4), (5, 8), (25, 27)], [0, 0, 0]) == [5, 5, 8]  # +4: a text without capitals
    assert case_ids(text, [(0, 0), (0, 4)], [1, 0]) == [0, 2]  # special tokens


@pytest.fixture(scope="module")
def tagger() -> Tagger:
    return Tagger().load()


def test_long_text_is_read_in_windows_and_tagged_to_its_end(tagger):
    filler = "and then we just sat there for a while not saying much " * 60
    text = filler + "until my cousin obinna rang from lagos"
    probs, offsets = tagger.probabilities(text)
    assert len(offsets) > 600 and probs.shape[0] == len(offsets)
    assert offsets[-1][1] == len(text)
    found = tagger.find(text)
    for name in ("obinna", "lagos"):
        at = text.index(name)
        assert any(m.start <= at and at + len(name) <= m.end for m in found), name


def test_same_text_same_mentions(tagger):
    text = "me and ate crystal used to share a room in quezon city"
    assert tagger.find(text) == tagger.find(text)
