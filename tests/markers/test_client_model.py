"""Short invented exchanges through the shipped pipeline and its real coder (codebook sections 8-9):
each kind of rupture, a repair and a non-repair, risk talk answered and ignored, and the turns
that are not ruptures. None of these sentences is in the training or probe sets.

The cases coder v4 gets wrong are marked xfail (strict: a coder that gets them right turns them
into failures to un-mark). Found when these tests were written: with one therapist line before
it, as in the written examples, "I've done lists before. They're pointless" is a confrontation
(P 0.98); with the session before it, as the analyzer gives it, P 0.22. The coder learnt the
written examples' short context as a cue (docs/benchmarks.md, "Client codes in the coder")."""

import pytest

pytestmark = pytest.mark.slow

SHORTCUT = pytest.mark.xfail(strict=True, reason="coder v4 learnt the written examples' one-line context as a cue; "
                             "with a real session before it the marker is missed")


def analyzed(analyzer, tmp_path, lines):
    path = tmp_path / "exchange.txt"
    path.write_text("\n".join(f"{'Therapist' if k % 2 == 0 else 'Client'}: {t}" for k, t in enumerate(lines)) + "\n")
    return analyzer.analyze(path)


def client_codes(session, text):
    u = next(u for u in session.utterances if u.text.startswith(text))
    return {m.marker for m in u.markers if m.decision}


OPENING = ["What brings you in this week?", "Work, mostly. My manager keeps piling things on me and I can't say no."]


@pytest.mark.parametrize("therapist, client, code", [
    pytest.param("And how did it feel when your father missed the graduation?", "Fine.", "rupture_withdrawal",
                 marks=SHORTCUT),
    pytest.param("What was it like for you, being left out of the wedding?", "Anyway. Did you catch the match on Sunday?",
                 "rupture_withdrawal", marks=SHORTCUT),
    ("It sounds like underneath all this you're really angry at your mother.",
     "No, that's not it at all. Why do you keep bringing her up?", "rupture_confrontation"),
    pytest.param("Maybe you could try writing a list of your worries before bed.",
                 "I've done lists before. They're pointless, they don't help me at all.", "rupture_confrontation",
                 marks=SHORTCUT),
    pytest.param("So where would you like to start today?",
                 "Honestly, I'm not sure these sessions are doing anything for me.", "rupture_confrontation", marks=SHORTCUT),
])
def test_each_kind_of_rupture_is_coded(analyzer, tmp_path, therapist, client, code):
    session = analyzed(analyzer, tmp_path, OPENING + [therapist, client, "Okay."])
    assert code in client_codes(session, client)


@pytest.mark.parametrize("therapist, client", [
    ("So you've cut down to two drinks on weeknights.", "Yeah."),
    ("What would it take for you to cut down?", "Honestly I don't want to cut down. It's the only thing I enjoy."),
    ("Was it on the Monday or the Tuesday?", "Actually it was the Wednesday, I think."),
])
def test_backchannels_sustain_talk_and_corrections_are_not_ruptures(analyzer, tmp_path, therapist, client):
    session = analyzed(analyzer, tmp_path, OPENING + [therapist, client, "Okay."])
    assert not {"rupture_withdrawal", "rupture_confrontation"} & client_codes(session, client)


DISAGREED = ["It sounds like what's really going on is that you feel abandoned by your partner.",
             "No. I don't feel abandoned. I'm just busy, that's all."]


@SHORTCUT
def test_a_repair_and_a_persisting_reply(analyzer, tmp_path):
    repaired = analyzed(analyzer, tmp_path, OPENING + DISAGREED + [
        "You're right, I got ahead of you there. Help me understand what busy feels like for you.", "Tiring, mostly."])
    [episode] = [e for e in repaired.episodes if e.client_utterances]
    assert episode.kind == "confrontation" and episode.repaired is True
    persisted = analyzed(analyzer, tmp_path, OPENING + DISAGREED + [
        "I still think it's abandonment. People who stay busy are usually avoiding that feeling.", "If you say so."])
    [episode] = [e for e in persisted.episodes if e.client_utterances[0] == episode.client_utterances[0]]
    assert episode.repaired is False


RISK = "Some nights I lie there and think about taking all the pills at once and not waking up."


def test_risk_talk_is_listed_whether_the_therapist_answers_it_or_not(analyzer, tmp_path):
    answered = analyzed(analyzer, tmp_path, OPENING[:1] + [RISK, "Thank you for telling me. Are you having those "
                                                           "thoughts now, and do you have the pills at home?", "Yes."])
    ignored = analyzed(analyzer, tmp_path, OPENING[:1] + [RISK, "Okay. And how is work going?", "Busy."])
    for session in (answered, ignored):
        [moment] = session.risk
        assert session.utterances[moment.client_utterance].text == RISK and moment.response_utterances


FIGURE = pytest.mark.xfail(strict=True, reason="risk talk is flagged at precision 0.40 on real turns: a figure of speech "
                           "about dying passes the recall-first threshold")


@pytest.mark.parametrize("figure", [
    pytest.param("This commute is killing me, honestly.", marks=FIGURE),
    pytest.param("I could have died of embarrassment when she said it.", marks=FIGURE),
])
def test_figures_of_speech_are_not_risk_talk(analyzer, tmp_path, figure):
    assert not analyzed(analyzer, tmp_path, OPENING[:1] + [figure, "Tell me more."]).risk
