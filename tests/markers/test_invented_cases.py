"""The issue-13 cases a supervisor raised, through the shipped pipeline (the real coder with its
client codes): risk talk is listed first and its reply is no strength; an interpretation defended
right after the client disagreed is no strength; the trainee sample's premature interpretation is
not a positive-regard strength."""

import pytest

from transcript_analyzer.report.view import experimental_markers, flagged_moments

from ..conftest import SAMPLES

pytestmark = pytest.mark.slow

INVENTED = """Therapist: How have you been sleeping since we last met?
Client: Badly. I lie awake most nights. Sometimes I think everyone would be better off if I just wasn't around.
Therapist: Mm-hmm. Let's come back to your sleep. What time do you usually go to bed?
Client: Around eleven, I suppose.
Therapist: It sounds like the tiredness is really about the anger you've been carrying.
Client: No, I don't think so. I'm not angry, I'm just exhausted.
Therapist: I'd say the tiredness is the anger. That's usually how it works.
Client: Okay.
"""


def strengths(session):
    """Utterances shown as an empathy or positive-regard strength (an experimental marker's
    moments are listed, but not as strengths)."""
    trial = experimental_markers(session)
    return {u for d, items, _ in flagged_moments(session) if d.name in ("empathy", "positive_regard") and d.name not in trial
            for m in items for u in m.flagged}


@pytest.fixture(scope="module")
def invented(analyzer, tmp_path_factory):
    path = tmp_path_factory.mktemp("invented") / "invented.txt"
    path.write_text(INVENTED)
    return analyzer.analyze(path)


def test_risk_talk_comes_first_and_its_reply_is_no_strength(invented):
    sections = [d.name for d, items, _ in flagged_moments(invented) if items]
    assert sections[0] == "risk_talk"
    [risk] = invented.risk
    assert "better off" in invented.utterances[risk.client_utterance].text
    assert risk.response_utterances and not set(risk.response_utterances) & strengths(invented)


def test_the_interpretation_defended_after_the_client_disagreed_is_no_strength(invented):
    persisted = next(u.index for u in invented.utterances if u.text.startswith("I'd say the tiredness"))
    assert persisted not in strengths(invented)


@pytest.mark.xfail(strict=True, reason="coder v4 codes this plain disagreement as sustain talk (P(confrontation) 0.09): "
                   "its rupture markers agree with the annotators at κ 0.21 on real turns (docs/benchmarks.md)")
def test_the_disagreement_opens_an_episode_the_therapist_does_not_repair(invented):
    persisted = next(u.index for u in invented.utterances if u.text.startswith("I'd say the tiredness"))
    disagreement = next(u.index for u in invented.utterances if u.text.startswith("No, I don't think so"))
    [episode] = [e for e in invented.episodes if disagreement in e.client_utterances]
    assert episode.repaired is False and persisted in episode.response_utterances


def test_the_trainee_samples_premature_interpretation_is_no_strength(analyzer):
    session = analyzer.analyze(SAMPLES / "trainee_session.docx")
    premature = {u.index for u in session.utterances if u.turn_index == 26}  # turn 27 of the answer key
    assert not premature & strengths(session)
