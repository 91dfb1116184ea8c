import pytest

from transcript_analyzer.model import Turn, Word
from transcript_analyzer.text.segment import repair_spans, utterance_times

from ..conftest import make_session


def pieces(text, cuts):
    """Spans for a text cut at the given character offsets (what a parser might return)."""
    bounds = [0, *cuts, len(text)]
    return [(a, b) for a, b in zip(bounds, bounds[1:])]


def texts(text, spans):
    return [text[a:b] for a, b in spans]


def test_pieces_after_unfinished_sentences_are_joined_back():
    text = "I mean, yeah, sometimes I thought of quitting. And then I stopped."
    cut = pieces(text, [8, 47])  # the parser cut after "I mean,"
    assert texts(text, repair_spans(text, cut)) == ["I mean, yeah, sometimes I thought of quitting.", "And then I stopped."]


def test_break_offs_with_a_dash_stay_separate():
    text = "So what's the- what's the plan?"
    assert texts(text, repair_spans(text, pieces(text, [14]))) == ["So what's the-", "what's the plan?"]


def test_pieces_without_letters_are_attached():
    text = "[laughs] Thanks. ."
    assert texts(text, repair_spans(text, pieces(text, [1, 8, 17]))) == ["[laughs] Thanks. ."]


def test_unpunctuated_text_keeps_the_parser_cuts():
    text = "i dont know really i just feel stuck"
    assert texts(text, repair_spans(text, pieces(text, [19]))) == ["i dont know really", "i just feel stuck"]


def test_times_interpolated_within_a_turn_span():
    turn = Turn(0, "T", "Aaaa. Bbbb.", start=10.0, end=21.0)
    assert utterance_times(turn, 0, 5, None, 2) == (10.0, 15.0, "interpolated")
    assert utterance_times(turn, 6, 11, None, 2) == (16.0, 21.0, "interpolated")


def test_start_only_turns_interpolate_to_the_next_turn_and_single_utterances_keep_the_turn():
    turn = Turn(0, "T", "Aaaa. Bbbb.", start=10.0)
    assert utterance_times(turn, 6, 11, 21.0, 2)[2] == "interpolated"
    assert utterance_times(turn, 0, 11, 21.0, 1) == (10.0, None, "turn")
    assert utterance_times(Turn(0, "T", "x"), 0, 1, None, 1) == (None, None, None)


def test_times_from_words_when_there_are_words():
    words = (Word("Hello", 1.0, 1.4), Word("there.", 1.5, 1.9), Word("How", 2.5, 2.7), Word("are", 2.7, 2.8),
             Word("you?", 2.8, 3.1))
    turn = Turn(0, "T", "Hello there. How are you?", 1.0, 3.1, words=words)
    assert utterance_times(turn, 0, 12, None, 2) == (1.0, 1.9, "words")
    assert utterance_times(turn, 13, 25, None, 2) == (2.5, 3.1, "words")


@pytest.mark.slow
def test_stage_splits_turns_into_utterances_with_spacy(segmenter):
    session = make_session(
        ("T", "Uh, well, it sounds like you've been struggling. So, tell me what you did.", 0.0, 8.0, "therapist"),
        ("C", "Well, I mean, we've been married over 25 years, and uh, we've never had any major problems.", 8.5, 14.0, "client"),
        ("T", "Mm-hmm.", 14.2, 14.6, "therapist"),
    )
    out = segmenter(session)
    assert [u.text for u in out.utterances] == [
        "Uh, well, it sounds like you've been struggling.", "So, tell me what you did.",
        "Well, I mean, we've been married over 25 years, and uh, we've never had any major problems.",
        "Mm-hmm.",
    ]
    assert [u.turn_index for u in out.utterances] == [0, 0, 1, 2]
    assert [u.role for u in out.utterances] == ["therapist", "therapist", "client", "therapist"]
    assert out.utterances[0].start == 0.0 and out.utterances[1].end == 8.0
    assert [u.index for u in out.utterances] == [0, 1, 2, 3]
    for u in out.utterances:
        assert u.text == session.turns[u.turn_index].text[session.turns[u.turn_index].text.index(u.text):][: len(u.text)]


@pytest.mark.slow
def test_the_default_unit_is_the_turn_and_long_turns_are_cut_at_sentences(segmenter):
    from transcript_analyzer.config import SegmentOptions
    from transcript_analyzer.text.segment import SegmentStage, group_spans

    stage = SegmentStage(SegmentOptions(max_words=14), nlp=segmenter._nlp)
    assert SegmentOptions().unit == "turn"
    long = ("It sounds like this week was hard. You kept going anyway. I wonder what helped. "
            "Can you tell me about the moment you decided to call?")
    session = make_session(
        ("T", "  Uh, well, it sounds like you've been struggling. So, tell me what you did. ", 0.0, 8.0, "therapist"),
        ("C", "Mm-hmm.", 8.5, 9.0, "client"),
        ("T", long, 9.0, 20.0, "therapist"),
    )
    out = stage(session)
    assert [u.text for u in out.utterances] == [
        "Uh, well, it sounds like you've been struggling. So, tell me what you did.", "Mm-hmm.",
        "It sounds like this week was hard. You kept going anyway.", "I wonder what helped.",
        "Can you tell me about the moment you decided to call?"]
    assert [u.turn_index for u in out.utterances] == [0, 1, 2, 2, 2]
    assert out.utterances[0].start == 0.0 and out.utterances[0].end == 8.0 and out.utterances[0].time_source == "turn"
    assert out.utterances[2].start == 9.0 and out.utterances[-1].end == 20.0
    # a single sentence longer than the limit stays whole
    assert group_spans("a b c d e. f g.", [(0, 10), (11, 15)], 3) == [(0, 10), (11, 15)]
    assert group_spans("a b. c d. e f.", [(0, 4), (5, 9), (10, 14)], 4) == [(0, 9), (10, 14)]


def test_a_unit_that_does_not_exist_is_a_config_error():
    from transcript_analyzer.config import load_config
    from transcript_analyzer.errors import ConfigError

    assert load_config(overrides=["segment.unit=sentence"]).segment.unit == "sentence"
    with pytest.raises(ConfigError, match="segment.unit"):
        load_config(overrides=["segment.unit=clause"])
    with pytest.raises(ConfigError, match="segment.max_words"):
        load_config(overrides=["segment.max_words=0"])


@pytest.mark.slow
def test_stage_records_the_spacy_model(segmenter):
    (info,) = segmenter.models()
    assert info.stage == "segment" and "core_web_sm" in info.name and info.version
