import dataclasses

import pytest

from transcript_analyzer.metrics import MetricsStage, is_question, session_metrics, time_basis, word_count
from transcript_analyzer.model import Speaker, Utterance

from .conftest import make_session


def with_utterances(session, speakers=("T", "C")):
    """One utterance per turn, roles T -> therapist, C -> client."""
    roles = {"T": "therapist", "C": "client"}
    turns = tuple(dataclasses.replace(t, role=roles[t.speaker]) for t in session.turns)
    utts = tuple(Utterance(i, t.index, t.speaker, t.role, t.text, t.start, t.end) for i, t in enumerate(turns))
    spk = tuple(Speaker(s, roles[s], "transcript") for s in speakers)
    return dataclasses.replace(session, turns=turns, utterances=utts, speakers=spk)


def test_word_count_and_questions():
    assert word_count("Mm-hmm, I don't know.") == 4
    assert is_question("How are you?")
    assert is_question('He asked "why?"')
    assert not is_question("Tell me more.")
    assert is_question("how are you feeling about that", punctuated=False)
    assert is_question("so do you want to stop", punctuated=False)
    assert not is_question("how are you feeling about that", punctuated=True)
    assert not is_question("I think so", punctuated=False)


def test_talk_share_turns_and_questions_from_spans():
    s = with_utterances(make_session(
        ("T", "How are you today?", 0.0, 2.0),
        ("C", "Not great, honestly, work has been awful.", 2.5, 8.5),
        ("T", "Tell me more.", 9.0, 10.0),
    ))
    m = session_metrics(s)
    therapist, client = m.roles
    assert (therapist.role, client.role) == ("therapist", "client")
    assert therapist.words == 7 and client.words == 7
    assert therapist.word_share == pytest.approx(0.5)
    assert therapist.turns == 2 and client.turns == 1
    assert therapist.mean_turn_words == 3.5
    assert therapist.questions == 1
    assert m.therapist_questions_per_100 == 50.0
    assert m.time_basis == "spans"
    assert therapist.seconds == 3.0 and client.seconds == 6.0
    assert therapist.second_share == pytest.approx(1 / 3, abs=1e-4)


def test_start_times_only_count_until_the_next_turn_and_skip_the_last():
    s = with_utterances(make_session(("T", "Hi?", 0.0), ("C", "Hello there.", 4.0), ("T", "Go on.", 10.0)))
    m = session_metrics(s)
    assert m.time_basis == "start_times"
    assert m.roles[0].seconds == 4.0 and m.roles[1].seconds == 6.0


def test_no_times_no_seconds():
    s = with_utterances(make_session(("T", "Hi?"), ("C", "Hello.")))
    m = session_metrics(s)
    assert time_basis(s.turns) is None
    assert m.roles[0].seconds is None and m.roles[0].second_share is None


def test_unpunctuated_transcripts_count_questions_by_their_opening_words():
    s = with_utterances(make_session(("T", "how are you feeling"), ("C", "fine i guess"), ("T", "ok tell me more")))
    assert session_metrics(s).roles[0].questions == 1


def test_stage_adds_metrics_and_leaves_the_rest():
    s = with_utterances(make_session(("T", "Hi?"), ("C", "Hello.")))
    out = MetricsStage()(s)
    assert out.metrics is not None and out.turns == s.turns and s.metrics is None
