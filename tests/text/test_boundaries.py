"""The boundary model for unpunctuated turns: its gap features, its labels from punctuation, the
spans it returns, and the segment stage using it only where a turn has no sentence punctuation."""

import numpy as np
import pytest

from transcript_analyzer.text.boundaries import CLASSES, BoundaryModel, feature_index, gap_features, words_of
from transcript_analyzer.text.segment import SegmentStage, unpunctuated_text
from transcript_analyzer.training.boundaries.data import labelled
from transcript_analyzer.training.boundaries.recipe import _gold, _predicted

from ..conftest import make_session


def test_labels_come_from_the_punctuation():
    words, labels = labelled("Okay. So how are you feeling today? I mean, honestly... it's fine")
    assert words[:3] == ["okay", "so", "how"]
    assert labels == ["end", "none", "none", "none", "none", "none", "question", "none", "none", "none", "none", "end"]
    boundaries, ends = _gold("Okay. So how are you? Fine")
    assert boundaries == {0, 4} and ends == {0: False, 4: True, 5: False}


def test_words_and_features():
    assert [w for _, _, w in words_of("I don't KNOW, 20 times")] == ["i", "don't", "know", "20", "times"]
    f = gap_features(["so", "what", "do", "you", "think"], 0, 0)
    assert "w0=so" in f and "w1=what" in f and "wm1=<s>" in f and "first2=so|</u>" in f
    idx = feature_index(f, bits=10)
    assert idx.min() >= 0 and idx.max() < 1024 and list(idx) == list(feature_index(f, bits=10))  # stable hashing


def cue_model(threshold=0.5):
    """A hand-set model: a boundary before 'so' and before 'what'; a question when the utterance opens with 'what'."""
    bits = 12
    w = np.zeros((len(CLASSES), 1 << bits), dtype=np.float32)
    b = np.array([3.0, 0.0, 0.0], dtype=np.float32)
    for word in ("so", "what"):
        w[1, feature_index([f"w1={word}"], bits)[0]] = 8.0
    w[2, feature_index(["first_w1=what|</s>"], bits)[0]] = 10.0
    w[1, feature_index(["w1=</s>"], bits)[0]] = 8.0
    return BoundaryModel(w, b, threshold, bits, min_words=4)


def test_segment_cuts_where_the_model_says_and_spans_cover_the_text():
    text = "i tried everything so what would help now"
    spans = cue_model().segment(text)
    assert [(text[a:b], q) for a, b, q in spans] == [("i tried everything", False), ("so", False),
                                                      ("what would help now", True)]
    assert cue_model().segment("so what") == [(0, 7, False)]  # fewer words than min_words: whole
    found = words_of(text)
    assert _predicted(spans, found) == ({2, 3}, {2: False, 3: False, 7: True})


def test_save_and_load_round_trip(tmp_path):
    from transcript_analyzer.training import write_model

    model = cue_model(0.4)
    write_model(tmp_path / "b", model.save, {})
    again = BoundaryModel.load(str(tmp_path / "b"))
    assert again.threshold == 0.4 and again.bits == 12 and again.min_words == 4 and again.sha256
    text = "i tried everything so what would help now"
    assert again.segment(text) == model.segment(text)


def test_only_turns_without_sentence_punctuation_use_the_model():
    assert unpunctuated_text("i tried everything so what would help")
    assert not unpunctuated_text("I tried. What would help?")
    assert not unpunctuated_text("okay")  # one word: nothing to cut


@pytest.mark.slow
def test_stage_cuts_unpunctuated_turns_with_the_model_and_punctuated_ones_with_spacy(segmenter):
    stage = SegmentStage(segmenter.options, nlp=segmenter._nlp, boundaries=cue_model())
    session = make_session(("T", "i tried everything so what would help now", None, None, "therapist"),
                           ("C", "I don't know. Maybe sleep.", None, None, "client"))
    out = stage(session)
    assert [u.text for u in out.utterances] == ["i tried everything", "so", "what would help now", "I don't know.", "Maybe sleep."]
    assert [m.name for m in stage.models()][-1] == "boundaries"


def test_the_shipped_model_beats_the_parser_on_its_card():
    import json

    from transcript_analyzer.resources import find_model

    m = json.loads((find_model("boundaries") / "metrics.json").read_text())["test"]["annomi"]
    assert m["model"]["f1"] > m["spacy_parser"]["f1"] and m["model"]["left_whole"] < m["spacy_parser"]["left_whole"]
    model = BoundaryModel.load()
    spans = model.segment("how are you feeling today i have been thinking about what you said last week")
    assert len(spans) >= 2 and spans[0][2]  # the first utterance is a question
