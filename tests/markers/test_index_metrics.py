import dataclasses


from transcript_analyzer.markers.index import COMPONENTS, AllianceIndexModel, reference, session_features
from transcript_analyzer.metrics import MetricsStage, marker_summaries, miti_benchmarks
from transcript_analyzer.model import MarkerScore, Speaker, Utterance
from transcript_analyzer.resources import write_sums

from ..conftest import make_session

NAMES = ("empathy", "positive_regard", "open_question", "closed_question", "simple_reflection", "complex_reflection",
         "advice_without_permission", "confront", "rigid_interpretation", "inappropriate_self_disclosure")


def session_with(decisions: list[set[str]], p_yes: float = 0.9):
    """Therapist utterances whose markers are decided as listed (probability p_yes, else 0.05)."""
    turns = [("T", f"Utterance {i}.", None, None, "therapist") for i in range(len(decisions))]
    s = make_session(*turns, ("C", "Okay.", None, None, "client"))
    utts = [Utterance(i, i, "T", "therapist", f"Utterance {i}.", markers=tuple(
        MarkerScore(n, p_yes if n in d else 0.05, n in d) for n in NAMES)) for i, d in enumerate(decisions)]
    utts.append(Utterance(len(decisions), len(decisions), "C", "client", "Okay."))
    return dataclasses.replace(s, utterances=tuple(utts), speakers=(Speaker("T", "therapist"), Speaker("C", "client")))


def test_marker_summaries_and_miti_levels():
    s = session_with([{"open_question"}, {"closed_question"}, {"complex_reflection"}, {"complex_reflection"},
                      {"simple_reflection"}, {"complex_reflection"}, {"empathy"}, set()])
    summaries = {m.marker: m for m in marker_summaries(s)}
    assert summaries["complex_reflection"].count == 3 and summaries["complex_reflection"].per_100 == 37.5
    bench = {b.name: b for b in miti_benchmarks(marker_summaries(s))}
    assert bench["reflection_to_question"].value == 2.0 and bench["reflection_to_question"].level == "good"
    assert bench["percent_complex_reflections"].value == 75.0 and bench["percent_complex_reflections"].level == "good"
    assert bench["percent_open_questions"].value == 50.0 and bench["percent_open_questions"].level == "fair"
    assert "MITI 3.1.1" in bench["percent_open_questions"].source


def test_benchmarks_undefined_without_questions():
    bench = {b.name: b for b in miti_benchmarks(marker_summaries(session_with([{"empathy"}])))}
    assert bench["reflection_to_question"].value is None and bench["reflection_to_question"].level is None


def model_from(sessions):
    mean, sd = reference([session_features(s) for s in sessions])
    return AllianceIndexModel(mean=mean, sd=sd, weights=dict(COMPONENTS))


def test_alliance_index_rewards_alliance_building_and_penalises_damage(tmp_path):
    good = session_with([{"empathy", "complex_reflection"}, {"open_question"}, {"positive_regard"}, {"complex_reflection"}])
    bad = session_with([{"closed_question"}, {"advice_without_permission", "confront"}, {"rigid_interpretation"},
                        {"closed_question"}])
    mid = session_with([{"open_question"}, {"simple_reflection"}, {"closed_question"}, {"empathy"}])
    model = model_from([good, bad, mid])
    ig, ib = model.compute(good), model.compute(bad)
    assert 0 <= ib.value < 50 < ig.value <= 100
    assert abs(ig.components[0].contribution) >= abs(ig.components[-1].contribution)
    names = model.save(tmp_path)
    write_sums(tmp_path, names)
    again = AllianceIndexModel.load(str(tmp_path))
    assert again.compute(good).value == ig.value


def test_metrics_stage_fills_markers_benchmarks_and_index():
    s = session_with([{"open_question"}, {"complex_reflection", "empathy"}, {"closed_question"}])
    model = model_from([s, session_with([{"closed_question"}, {"confront"}])])
    out = MetricsStage(alliance=model)(s)
    assert len(out.metrics.markers) == len(NAMES) and len(out.metrics.benchmarks) == 3
    assert out.metrics.alliance is not None and out.metrics.alliance.components
    assert MetricsStage(with_index=False)(make_session(("T", "Hi?"), ("C", "Hello."))).metrics.markers == ()
