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


def test_timing_silences_latency_and_overlap():
    from transcript_analyzer.metrics import timing_metrics
    from transcript_analyzer.model import Turn

    turns = [
        Turn(0, "T", "How was the week?", 0.0, 2.0, role="therapist"),
        Turn(1, "C", "Hard. I hardly slept, and then on Friday it all came out.", 2.5, 9.0, role="client"),
        Turn(2, "T", "Mm-hmm.", 5.0, 5.4, role="therapist"),  # a backchannel inside the client's turn
        Turn(3, "T", "What came out?", 13.0, 14.0, role="therapist"),  # after a 4 s silence
        Turn(4, "C", "Everything.", 13.8, 14.6, role="client"),  # starts before the therapist finished
        Turn(5, "T", "Go on.", 15.0, 15.5, role="therapist"),
    ]
    t = timing_metrics(turns)
    assert t.silences == 1 and t.longest_silence == 4.0
    (pause,) = t.long_silences_after_client
    assert (pause.start, pause.end, pause.after_role, pause.after_turn) == (9.0, 13.0, "client", 1)
    assert t.therapist_responses == 2  # 1 -> 3 and 4 -> 5; the backchannel is not a response
    assert t.therapist_interruptions == 0 and t.therapist_latency_median == pytest.approx(2.2)
    assert t.overlaps == 2 and t.overlap_seconds == pytest.approx(0.6)




def test_a_therapist_starting_before_the_client_finished_is_an_interruption():
    from transcript_analyzer.metrics import timing_metrics
    from transcript_analyzer.model import Turn

    t = timing_metrics([Turn(0, "C", "I just think that", 0.0, 3.0, role="client"),
                        Turn(1, "T", "Let me stop you there.", 2.5, 4.0, role="therapist")])
    assert t.therapist_interruptions == 1 and t.therapist_latency_median == -0.5 and t.overlap_seconds == 0.5
    assert t.silences == 0 and t.long_silences_after_client == ()
