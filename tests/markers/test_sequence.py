"""Client codes, rupture episodes and risk talk in the markers stage (codebook sections 8-9), with a
coder whose client tasks decide by words (tests/markers/fakes.py): the sequence logic, not the model."""

import dataclasses

import pytest

from transcript_analyzer.config import MarkerOptions
from transcript_analyzer.markers import client as client_codes
from transcript_analyzer.markers.stage import MarkersStage
from transcript_analyzer.model import MarkerScore, Utterance

from .fakes import FakeCoder, FakeEncoder, client_validity, fake_appropriateness, fake_heads
from .test_stage import coded


@pytest.fixture(autouse=True)
def measured(monkeypatch):
    """Rupture markers and the repair judgement as if their held-out precision were 0.8."""
    client_validity(monkeypatch)


def stage(client=True, **options):
    return MarkersStage(MarkerOptions(**options), encoder=FakeEncoder(), heads=fake_heads(),
                        appropriateness=fake_appropriateness(), coder=FakeCoder(client=client))


def codes(session, index):
    return {m.marker: m for m in session.utterances[index].markers}


RISK_IGNORED = coded(
    ("therapist", ["How has the week been?"]),
    ("client", ["Sometimes I think everyone would be better off if I just wasn't around."]),
    ("therapist", ["Mm-hmm. Let's come back to your sleep. It sounds like you feel worn down."]),
    ("client", ["I guess."]),
)


def test_risk_talk_is_listed_with_the_response_which_is_never_a_strength():
    out = stage()(RISK_IGNORED)
    assert codes(out, 1)["risk_talk"].decision
    [moment] = out.risk
    assert moment.client_utterance == 1 and moment.response_utterances == (2,)
    reply = codes(out, 2)
    assert not reply["empathy"].decision  # the fake codes "feel" as empathy; the rule withdraws it
    assert any("risk talk" in r for r in reply["empathy"].reasons)
    assert all(m.marker in client_codes.CLIENT_CODE_NAMES for m in out.utterances[1].markers)


RIGID_AFTER_DISAGREEMENT = coded(
    ("therapist", ["It sounds like the anger is really about your father."]),
    ("client", ["No, that's not it. It's about my boss."]),
    ("therapist", ["I'd say the tiredness is the anger. That's usually how it works, you feel it."]),
    ("client", ["Fine."]),
    ("therapist", ["You're right, I pushed my idea. Tell me more about what didn't fit."]),
    ("client", ["It's my boss, he shouts at me."]),
)


def test_an_unrepaired_rupture_is_an_episode_and_its_response_no_strength():
    out = stage()(RIGID_AFTER_DISAGREEMENT)
    assert codes(out, 1)["rupture_confrontation"].decision and codes(out, 3)["rupture_withdrawal"].decision
    first, second = out.episodes  # one per marked client turn (CR-9)
    assert (first.kind, first.client_utterances, first.response_utterances, first.repaired) == ("confrontation", (1,), (2,), False)
    assert first.reaction_utterance == 3 and first.reaction_codes == ("rupture_withdrawal",)
    assert (second.kind, second.response_utterances, second.repaired, second.reaction_utterance) == ("withdrawal", (4,), True, 5)
    persisted = codes(out, 2)
    assert not persisted["empathy"].decision and any("without repairing" in r for r in persisted["empathy"].reasons)


def test_a_repaired_rupture_keeps_its_strengths():
    session = coded(
        ("therapist", ["Maybe you could keep a diary."]),
        ("client", ["I tried that, it does not work for me."]),
        ("therapist", ["You're right, it didn't help, and it sounds like you feel frustrated."]),
        ("client", ["Yes. I want to stop drinking though."]),
    )
    out = stage()(session)
    [episode] = out.episodes
    assert episode.repaired and episode.response_utterances == (2,)
    assert episode.reaction_utterance == 3 and episode.reaction_codes == ("change_talk",)
    assert codes(out, 2)["empathy"].decision


def test_backchannels_are_not_the_response():
    session = coded(
        ("therapist", ["What do you make of that?"]),
        ("client", ["Whatever."]),
        ("therapist", ["Mm-hmm."]),
        ("client", ["Yeah."]),
        ("therapist", ["Let's look at your homework."]),
    )
    out = stage()(session)
    [episode] = out.episodes
    assert episode.kind == "withdrawal" and episode.response_utterances == (4,) and episode.repaired is False


def test_no_client_codes_without_the_client_tasks_or_with_a_marker_subset():
    plain = stage(client=False)(RISK_IGNORED)
    assert plain.utterances[1].markers == () and plain.risk == () and plain.episodes == ()
    subset = stage(markers=("empathy",))(RISK_IGNORED)
    assert subset.utterances[1].markers == () and subset.risk == ()


def test_episode_building_is_pure_and_ends_with_the_session():
    def u(i, turn, role, text, **codes_):
        return Utterance(i, turn, role[0].upper(), role, text,
                         markers=tuple(MarkerScore(n, 0.9, True) for n in codes_))
    utts = [u(0, 0, "therapist", "Try the breathing."), u(1, 1, "client", "No.", rupture_confrontation=1)]
    [episode] = client_codes.build_episodes(utts, {}, 0.5)
    assert episode.response_utterances == () and episode.repaired is None and episode.reaction_utterance is None
    assert client_codes.backchannel("Mm-hmm, okay.") and not client_codes.backchannel("Okay, tell me more.")


def test_session_measures_count_talk_ruptures_repairs_and_reactions():
    from transcript_analyzer.metrics import client_measures

    session = coded(
        ("therapist", ["Write in a diary every night."]),
        ("client", ["I tried that, it does not work for me."]),
        ("therapist", ["You're right, it didn't help, and it sounds like you feel frustrated."]),
        ("client", ["I want to stop drinking though."]),
        ("therapist", ["What would that look like?"]),
        ("client", ["I like drinking with my friends."]),
    )
    m = client_measures(stage()(session))
    assert (m.client_utterances, m.change_talk, m.sustain_talk, m.change_to_sustain) == (3, 1, 1, 1.0)
    assert (m.ruptures, m.confrontation, m.withdrawal, m.repaired, m.repaired_share, m.risk_statements) == (1, 1, 0, 1, 1.0, 0)
    empathy = next(r for r in m.reactions if r.move == "empathy")
    assert empathy.moves == 1 and empathy.change_talk == 1.0 and empathy.rupture == 0.0
    assert client_measures(stage(client=False)(session)) is None


RANKING = coded(  # the invented exchange: risk talk ignored, an interpretation defended, then repaired
    ("therapist", ["How has the week been?"]),
    ("client", ["Sometimes I think everyone would be better off if I just wasn't around."]),
    ("therapist", ["Mm-hmm. Let's come back to your sleep. It sounds like you feel worn down."]),
    ("client", ["No, that's not it. It's about my boss."]),
    ("therapist", ["I'd say the tiredness is the anger, you feel it."]),
    ("client", ["Fine."]),
    ("therapist", ["You're right, I pushed. Tell me more about what didn't fit, it sounds like you feel unheard."]),
    ("client", ["I want to stop drinking, honestly."]),
)


def test_the_report_ranks_risk_then_unrepaired_ruptures_and_shows_the_reaction():
    from transcript_analyzer.metrics import MetricsStage
    from transcript_analyzer.report.markdown import session_markdown
    from transcript_analyzer.report.view import flagged_moments

    out = MetricsStage(with_index=False)(stage()(RANKING))
    sections = [(d.name, [m.flagged for m in items]) for d, items, _ in flagged_moments(out)]
    names = [n for n, _ in sections]
    assert names[:2] == ["risk_talk", "rupture_unrepaired"] and names.index("rupture_repaired") < names.index("empathy")
    assert dict(sections)["risk_talk"] == [(1,)] and dict(sections)["rupture_unrepaired"] == [(3,)]
    assert all(2 not in flagged and 4 not in flagged for flagged in dict(sections)["empathy"])  # no strength among the replies
    text = session_markdown(out)
    assert text.index("### Risk talk") < text.index("### Ruptures not repaired") < text.index("### Ruptures repaired")
    assert "the therapist's response: \u201cMm-hmm. Let's come back to your sleep." in text
    assert "then the client: \u201cI want to stop drinking, honestly.\u201d (change talk)" in text
    from transcript_analyzer.report.summary import summary_text

    summary = summary_text(out).splitlines()
    assert summary[1].startswith("  RISK TALK at ?") and "Let's come back to your sleep" in summary[1]
    assert "ruptures: 2 (withdrawal 1, confrontation 1); repaired 1 (50% of those answered)" in summary[3]


def test_experimental_rupture_sections_come_after_the_therapist_markers_and_risk_talk_stays_first(monkeypatch):
    """While the rupture markers (or the repair judgement) fall below precision 0.5 on held-out
    conversations, ruptures are listed among the experimental markers, not as risks or strengths;
    risk talk is a safety net and stays first."""
    from transcript_analyzer.metrics import MetricsStage
    from transcript_analyzer.report.markdown import session_markdown
    from transcript_analyzer.report.summary import summary_text
    from transcript_analyzer.report.view import experimental_markers, flagged_moments

    client_validity(monkeypatch, rupture=0.3)
    out = MetricsStage(with_index=False)(stage()(RANKING))
    names = [d.name for d, _, _ in flagged_moments(out)]
    assert names[0] == "risk_talk" and names.index("empathy") < names.index("rupture_unrepaired")
    assert {"rupture_unrepaired", "rupture_repaired"} <= experimental_markers(out)
    assert "### Ruptures not repaired (1 flagged) — experimental" in session_markdown(out)
    assert "experimental (held-out precision < 0.5)" in summary_text(out).splitlines()[3]
    client_validity(monkeypatch, rupture=0.8, repair=0.2)
    assert "rupture_unrepaired" in experimental_markers(out)


def test_the_html_report_has_the_client_sections_reaction_and_timeline_rows():
    from transcript_analyzer.metrics import MetricsStage
    from transcript_analyzer.report.html import session_html

    out = MetricsStage(with_index=False)(stage()(RIGID_AFTER_DISAGREEMENT))
    page = session_html(out)
    assert page.index('id="h-rupture_unrepaired"') < page.index('id="h-rupture_repaired"')
    assert "Then the client:" in page and "(rupture: withdrawal)" in page
    assert "C: confront." in page and "C: withdrawal" in page  # the client rows of the timeline


def test_session_tables_and_progress_carry_the_client_measures():
    from transcript_analyzer.batch.tables import session_row
    from transcript_analyzer.metrics import MetricsStage
    from transcript_analyzer.report.progress import series

    out = MetricsStage(with_index=False)(stage()(RIGID_AFTER_DISAGREEMENT))
    row = session_row(out, "demo")
    assert (row["ruptures"], row["ruptures_withdrawal"], row["ruptures_confrontation"], row["ruptures_repaired_share"]) == (2, 1, 1, 0.5)
    rows = {r.key: r for r in series([out, out])}
    assert rows["ruptures_repaired_share"].values == (0.5, 0.5) and rows["risk_statements"].values == (0, 0)


def test_a_turn_the_client_answers_with_a_rupture_is_no_strength():
    session = coded(("therapist", ["It sounds like you feel angry at your father."]),
                    ("client", ["No, that's not it. It's about my boss."]),
                    ("therapist", ["You're right, tell me more about what didn't fit."]))
    assert codes(stage(client=False)(session), 0)["empathy"].decision  # the fake hears "feel" as empathy
    provoking = codes(stage()(session), 0)
    assert not provoking["empathy"].decision
    assert any("answered it with a rupture (confrontation, utterance 1)" in r for r in provoking["empathy"].reasons)


def test_persistence_hears_a_colloquial_disagreement_through_the_client_codes():
    """The word list misses "honestly mate you've got me all wrong there"; the coder's confrontation code (here the
    fake's words "that's not") is what the persistence rule reads when the coder codes clients."""
    from transcript_analyzer.markers import rules

    utts = [rules.Utt(0, 0, "therapist", "This is clearly about your father."),
            rules.Utt(1, 1, "client", "honestly mate you've got me all wrong there", disagrees=True),
            rules.Utt(2, 2, "therapist", "It's really about him, you can't see it yet.")]
    assert not rules.DISAGREE.search(utts[1].text)
    assert 2 in rules.persistence(utts, [True, False, True])
    assert 2 not in rules.persistence([dataclasses.replace(u, disagrees=None) for u in utts], [True, False, True])
    plain = [dataclasses.replace(utts[1], text="No, that's not it.", disagrees=False)]
    assert 2 in rules.persistence([utts[0], *plain, utts[2]], [True, False, True])  # the plain forms still count


def test_a_coder_that_only_knows_the_clients_talk_type_leaves_clients_uncoded():
    coder = FakeCoder(client=True)
    for name in ("rupture", "risk", "repair"):
        del coder.keyword[name], coder.tasks[name]
    out = MarkersStage(MarkerOptions(), encoder=FakeEncoder(), heads=fake_heads(),
                       appropriateness=fake_appropriateness(), coder=coder)(RISK_IGNORED)
    assert out.utterances[1].markers == () and out.risk == () and out.episodes == ()
