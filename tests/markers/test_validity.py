"""Which markers are experimental (held-out precision below 0.5, or not measured), and what that
changes: the report's wording and moments, and the alliance index's components."""

import json

import pytest

from transcript_analyzer.markers import validity
from transcript_analyzer.markers.codebook import MARKER_NAMES
from transcript_analyzer.markers.index import COMPONENT_MARKERS, COMPONENTS, shown_components


def write(folder, name, metrics):
    (folder / name).mkdir(parents=True, exist_ok=True)
    (folder / name / "metrics.json").write_text(json.dumps(metrics), encoding="utf-8")


@pytest.fixture
def shipped(tmp_path, monkeypatch):
    monkeypatch.setenv("TRANSCRIPT_ANALYZER_MODELS", str(tmp_path))
    validity._read.cache_clear()
    markers = {name: {"precision": 0.8, "recall": 0.7, "f1": 0.75, "support": 20, "decided": 18, "n": 300, "source": "AnnoMI"}
               for name in MARKER_NAMES}
    markers["confront"] = dict(markers["confront"], precision=0.2, source="mi")
    markers["reflection"] = markers["question"] = markers["empathy"]
    write(tmp_path, "coder", {"markers": markers, "test": {}})
    write(tmp_path, "interpretation_certainty", {"chain_cv": {"n": 800, "per_class": {"yes": {"precision": 0.23}}}})
    write(tmp_path, "disclosure_appropriateness", {"test": {"n": 65, "per_class": {"inappropriate": {"precision": 0.61}}}})
    yield tmp_path
    validity._read.cache_clear()


def test_experimental_is_precision_below_half_or_unknown(shipped):
    assert validity.experimental("confront") and validity.experimental("rigid_interpretation")
    assert not validity.experimental("empathy") and not validity.experimental("inappropriate_self_disclosure")
    assert validity.marker_precision("rigid_interpretation")[0] == 0.23
    assert not validity.experimental("my_custom_code")  # custom codes are the user's own
    (shipped / "coder" / "metrics.json").write_text(json.dumps({"markers": {}}), encoding="utf-8")
    validity._read.cache_clear()
    assert validity.experimental("empathy")  # not measured = experimental


def test_a_marker_measured_in_text_and_in_spoken_sessions_is_judged_by_the_lower_precision(shipped):
    metrics = json.loads((shipped / "coder" / "metrics.json").read_text(encoding="utf-8"))
    metrics["markers_spoken"] = {"positive_regard": {"precision": 0.31, "decided": 40, "source": "AnnoMI therapist turns"},
                                 "confront": {"precision": 0.9, "decided": 10, "source": "AnnoMI therapist turns"}}
    (shipped / "coder" / "metrics.json").write_text(json.dumps(metrics), encoding="utf-8")
    validity._read.cache_clear()
    assert validity.experimental("positive_regard")  # 0.8 on text, 0.31 in spoken sessions
    assert validity.marker_precision("positive_regard")[0] == 0.31
    assert validity.experimental("confront")  # 0.2 on text, 0.9 spoken: still the lower
    assert not validity.experimental("empathy")


def test_the_index_leaves_experimental_components_out(shipped):
    used = dict(shown_components())
    assert "confront_per_100" not in used and "rigid_interpretation_per_100" not in used
    assert "empathy_per_100" in used and "reflection_to_question" in used
    assert set(COMPONENT_MARKERS) == {n for n, _ in COMPONENTS}
    assert all(m in MARKER_NAMES or m in validity.POOLED for ms in COMPONENT_MARKERS.values() for m in ms)


def test_validity_lines_say_experimental(shipped):
    lines = dict((m.name, ls) for m, ls in validity.validity_table())
    assert any(line.startswith("experimental") for line in lines["confront"])
    assert not any(line.startswith("experimental") for line in lines["empathy"])
    assert any("confront end to end: precision 0.20" in line for line in lines["confront"])


def test_report_calls_experimental_markers_neither_risk_nor_strength(shipped):
    from transcript_analyzer.model import MarkerScore, MarkerSummary, SessionMetrics, Utterance
    from transcript_analyzer.report.markdown import session_markdown
    from transcript_analyzer.report.view import flagged_moments, marker_rows

    from ..conftest import make_session

    import dataclasses

    session = make_session(("C", "I feel awful.", None, None, "client"), ("T", "You must stop it.", None, None, "therapist"),
                           ("C", "Okay.", None, None, "client"), ("T", "That took courage.", None, None, "therapist"))
    utts = [Utterance(i, i, t.speaker, t.role, t.text) for i, t in enumerate(session.turns)]
    utts[1] = dataclasses.replace(utts[1], markers=(MarkerScore("confront", 0.9, True), MarkerScore("rigid_interpretation", 0.8, True),
                                                    MarkerScore("positive_regard", 0.1, False)))
    utts[3] = dataclasses.replace(utts[3], markers=(MarkerScore("confront", 0.1, False), MarkerScore("rigid_interpretation", 0.1, False),
                                                    MarkerScore("positive_regard", 0.9, True)))
    summaries = tuple(MarkerSummary(m, 1, 50.0, 0.5) for m in ("confront", "rigid_interpretation", "positive_regard"))
    session = dataclasses.replace(session, utterances=tuple(utts),
                                  metrics=SessionMetrics(roles=(), turns=4, utterances=4, words=10, markers=summaries))
    words = {r.marker.name: r.direction_word for r in marker_rows(session)}
    assert words["positive_regard"] == "supports" and words["confront"].startswith("experimental")
    assert words["rigid_interpretation"].startswith("experimental")
    order = [d.name for d, _, _ in flagged_moments(session)]
    assert order == ["positive_regard", "rigid_interpretation"]  # shown strengths first, experimental last
    text = session_markdown(session)
    assert "### Rigid over-interpretation (1 flagged) — experimental" in text and "not a risk until you have listened" in text
    assert "| Positive regard | 1 | 50.0 | supports |" in text


def test_client_codes_are_judged_on_their_test_confusion_and_risk_talk_never_is_experimental(shipped):
    metrics = json.loads((shipped / "coder" / "metrics.json").read_text(encoding="utf-8"))
    line = {"kappa": 0.3, "ece": 0.05, "n": 100, "headline": "macro_f1", "macro_f1": 0.5}
    metrics["test"] = {
        # any rupture decided 10 times, 6 of them on a gold rupture (one of another kind): precision 0.6
        "rupture": dict(line, per_class={"none": {"precision": 0.9, "recall": 0.9, "support": 80},
                                         "withdrawal": {"precision": 0.0, "recall": 0.0, "support": 5},
                                         "confrontation": {"precision": 0.55, "recall": 0.4, "support": 15}},
                        confusion=[[76, 0, 4], [0, 0, 1], [9, 0, 5]]),
        "repair": dict(line, per_class={"non_repair": {}, "repair": {"precision": 0.3, "recall": 0.5, "support": 6}},
                       confusion=[[4, 7], [3, 3]]),
        "risk": dict(line, per_class={"no": {}, "yes": {"precision": 0.2, "recall": 0.9, "support": 30}},
                     confusion=[[10, 80], [3, 27]]),
    }
    metrics["test_by_corpus"] = {"risk": {"esconv": {"per_class": {"yes": {"precision": 0.3, "recall": 0.8, "support": 10}}},
                                          "written_probe": {"per_class": {"yes": {"precision": 0.9, "recall": 1.0, "support": 20}}}}}
    (shipped / "coder" / "metrics.json").write_text(json.dumps(metrics), encoding="utf-8")
    validity._read.cache_clear()
    assert validity._precision("rupture", ("withdrawal", "confrontation")) == (0.6, 10)
    assert validity.client_experimental("rupture_withdrawal")  # never decided: no precision to show
    assert not validity.client_experimental("rupture_confrontation")  # 5 of 10
    assert validity.client_experimental("rupture_unrepaired")  # the repair judgement: 3 of 10
    assert not validity.client_experimental("risk_talk")  # precision 0.2, but a safety net
    assert validity.client_experimental("change_talk")  # not measured
    table = dict(validity.client_validity())
    assert "esconv (real client turns): recall 0.80, precision 0.30 (10 positive)" in table["Risk talk"]
    assert "written_probe (written statements): recall 1.00, precision 0.90 (20 positive)" in table["Risk talk"]
    assert any(line.startswith("experimental") for line in table["Repair of a rupture"])
    assert "Change talk" not in table  # the coder has no client_talk task here
