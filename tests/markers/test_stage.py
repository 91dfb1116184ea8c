import dataclasses

import pytest

from transcript_analyzer.config import MarkerOptions
from transcript_analyzer.markers.stage import MarkersStage, previous_client_turns
from transcript_analyzer.model import Speaker, Utterance

from ..conftest import make_session
from .fakes import FakeCoder, FakeEncoder, fake_appropriateness, fake_heads


def coded(*turns):
    """A session with roles and one utterance per sentence-like line: turns are (role, [sentences])."""
    session = make_session(*[(r[0].upper(), " ".join(sents), None, None, r) for r, sents in turns])
    utts = []
    for t, (role, sents) in zip(session.turns, turns):
        utts += [Utterance(len(utts), t.index, t.speaker, role, s) for s in sents]
    return dataclasses.replace(session, utterances=tuple(utts),
                               speakers=(Speaker("T", "therapist", "transcript"), Speaker("C", "client", "transcript")))


def stage(**options):
    return MarkersStage(MarkerOptions(**options), encoder=FakeEncoder(), heads=fake_heads(), appropriateness=fake_appropriateness(),
                        coder=FakeCoder())


def scores(session, index):
    return {m.marker: m for m in session.utterances[index].markers}


SESSION = coded(
    ("client", ["I just feel so stuck with everything."]),
    ("therapist", ["It sounds like you feel worn down.", "What would help this week?"]),
    ("client", ["Maybe sleeping more."]),
    ("therapist", ["When I was going through my divorce my wife took the house and I was drinking every night for a year.",
                   "My kids would not talk to me and my friend had to drive me to meetings for months after that.",
                   "My own therapist told me I was hiding from it all, and that I had to stop drinking or lose my job."]),
    ("client", ["Oh, I'm so sorry, that must have been so hard for you."]),
    ("therapist", ["This is clearly about your father."]),
    ("client", ["No, I don't think that's it."]),
    ("therapist", ["It's really about him, you just can't see it yet.", "You should call him tonight."]),
)


def test_every_therapist_utterance_gets_every_marker_and_clients_none():
    out = stage()(SESSION)
    for u in out.utterances:
        if u.role == "client":
            assert u.markers == ()
        else:
            names = [m.marker for m in u.markers]
            assert len(names) == 13 and "advice_without_permission" in names
            assert all(0.0 <= m.probability <= 1.0 for m in u.markers)


def test_decisions_evidence_and_context_rules():
    out = stage()(SESSION)
    first = scores(out, 1)
    assert first["empathy"].decision and first["simple_reflection"].decision is False
    assert first["complex_reflection"].decision and "feel" in first["empathy"].evidence
    assert scores(out, 2)["open_question"].decision
    disclosure = [scores(out, i)["inappropriate_self_disclosure"] for i in (4, 5, 6)]
    assert all(d.decision for d in disclosure)
    assert any("takes care of the therapist" in r for r in disclosure[0].reasons)
    assert scores(out, 8)["rigid_interpretation"].decision and scores(out, 8)["rigid_interpretation"].reasons == ()
    persisted = scores(out, 10)["rigid_interpretation"]
    assert persisted.decision and "disagreed" in persisted.reasons[0]
    advice = scores(out, 11)
    assert advice["advice_without_permission"].decision and not advice["advice_with_permission"].decision


def test_subset_of_markers_and_no_evidence():
    out = stage(markers=("empathy", "open_question"), evidence=False)(SESSION)
    assert [m.marker for m in out.utterances[1].markers] == ["empathy", "open_question"]
    assert all(m.evidence == () for u in out.utterances for m in u.markers)


def test_contexts_are_encoded_once_per_client_turn():
    st = stage(evidence=False)
    st(SESSION)
    assert st.encoder.calls == 2  # one batch of utterances, one of distinct contexts
    rows = [i for i, u in enumerate(SESSION.utterances) if u.role == "therapist"]
    contexts = previous_client_turns(SESSION, rows)
    assert contexts[0] == "I just feel so stuck with everything." and contexts[-1] == "No, I don't think that's it."


def test_unknown_marker_name_fails_when_built():
    with pytest.raises(Exception, match="unknown marker 'warmth'"):
        MarkersStage(MarkerOptions(markers=("warmth",)))


def test_the_coder_reads_the_utterances_before_each_therapist_utterance():
    st = stage(evidence=False)
    st(SESSION)
    contexts, targets = st.coder.calls[0]
    assert targets[1] == "What would help this week?"
    assert contexts[1] == "client: I just feel so stuck with everything. therapist: It sounds like you feel worn down."
    assert contexts[0] == "client: I just feel so stuck with everything."
    # at most five utterances back, oldest first, each with its role
    assert contexts[-1].startswith("therapist: My own therapist") and contexts[-1].endswith("therapist: It's really about him, you just can't see it yet.")
    assert contexts[-1].count("therapist: ") + contexts[-1].count("client: ") == 5


def test_empathy_is_built_from_the_mechanisms_and_shows_their_levels():
    out = stage(evidence=False)(SESSION)
    # "It sounds like you feel worn down.": an emotional reaction (feeling word, cue fake) and a
    # complex reflection (reflective opener + feeling word), which makes Interpretations strong
    first = scores(out, 1)["empathy"]
    assert first.decision
    levels = {m.mechanism: m.level for m in first.mechanisms}
    assert levels == {"emotional_reactions": 2, "interpretations": 2, "explorations": 0}
    question = scores(out, 2)["empathy"]  # "What would help this week?": no mechanism strong
    assert not question.decision and {m.level for m in question.mechanisms} <= {0, 1}
    assert all(0 <= m.probability <= 1 for m in first.mechanisms)
    assert all(m.mechanisms == () for u in out.utterances for m in u.markers if m.marker != "empathy")
    assert first.probability == max(m.probability for m in first.mechanisms if m.level == 2)


def test_markers_from_the_coder_alone_need_no_sentence_encoder():
    st = stage(markers=("open_question", "empathy"), evidence=True)
    st.heads = None  # would be loaded from disk if any were needed
    st(SESSION)
    assert st.heads == {} and st.encoder.calls == 0
    assert [m.name for m in st.models()][0] == "fake-coder" and "fake-encoder" not in [m.name for m in st.models()]
