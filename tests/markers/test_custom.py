"""Custom codes in the markers stage and the report, with fakes (no real models)."""

import dataclasses

import numpy as np
import pytest

from transcript_analyzer.config import MarkerOptions
from transcript_analyzer.errors import ConfigError
from transcript_analyzer.markers import custom
from transcript_analyzer.markers.codebook import MARKER_NAMES
from transcript_analyzer.markers.heads import Head
from transcript_analyzer.markers.stage import MarkersStage
from transcript_analyzer.metrics import MetricsStage
from transcript_analyzer.pipeline import build_pipeline
from transcript_analyzer.config import AnalyzeConfig
from transcript_analyzer.training import write_model

from .fakes import FakeCoder, FakeEncoder, cue_head, fake_appropriateness, fake_heads
from .test_stage import SESSION


def install(root, name="asks_question", cue="question_mark", context=True):
    """A custom code whose head says yes when the cue is present."""
    head = cue_head(name, ("no", "yes"), {cue: "yes"}, "no", positive="yes", context=context)
    head = dataclasses.replace(head, info={"custom": True, "description": "Any question."}, version="2026-01-01")
    write_model(root / name, head.save, {"metrics.json": b"{}\n"})
    return root / name


@pytest.fixture
def models(tmp_path, monkeypatch):
    monkeypatch.setenv("TA_MODELS_DIR", str(tmp_path))
    install(tmp_path)
    return tmp_path


def stage(markers=()):
    return MarkersStage(MarkerOptions(markers=markers), encoder=FakeEncoder(), heads=fake_heads(),
                        appropriateness=fake_appropriateness(), coder=FakeCoder())


def test_user_models_dir_from_env_or_xdg(tmp_path, monkeypatch):
    from transcript_analyzer.resources import user_models_dir

    monkeypatch.setenv("TA_MODELS_DIR", str(tmp_path / "mine"))
    assert user_models_dir() == tmp_path / "mine"
    monkeypatch.delenv("TA_MODELS_DIR")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert user_models_dir() == tmp_path / "xdg" / "transcript-analyzer" / "models"
    monkeypatch.delenv("XDG_DATA_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert user_models_dir() == tmp_path / "home" / ".local" / "share" / "transcript-analyzer" / "models"


def test_select_plus_adds_to_the_defaults_and_plain_lists_mix(models):
    assert custom.select(()).names == MARKER_NAMES
    plus = custom.select(("+asks_question",))
    assert plus.shipped == MARKER_NAMES and list(plus.custom) == ["asks_question"]
    mixed = custom.select(("asks_question", "empathy"))
    assert mixed.names == ("empathy", "asks_question")
    assert custom.includes_defaults(("+asks_question",)) and custom.includes_defaults(())
    assert not custom.includes_defaults(("empathy",))


def test_unknown_name_lists_shipped_and_installed_codes(models):
    with pytest.raises(ConfigError, match="unknown marker 'warmth'.*empathy.*custom codes installed in .*asks_question"):
        stage(("+warmth",))


def test_folder_that_is_not_a_custom_code_is_ignored(models):
    head = cue_head("plain", ("no", "yes"), {"question_mark": "yes"}, "no", positive="yes")
    write_model(models / "plain", head.save, {})  # a head, but not marked custom
    assert list(custom.installed()) == ["asks_question"]


def test_stage_codes_custom_marker_after_the_shipped_ones(models):
    st = stage(("+asks_question",))
    out = st(SESSION)
    plain = stage()(SESSION)
    for u, v in zip(out.utterances, plain.utterances):
        if u.role != "therapist":
            assert u.markers == ()
            continue
        assert u.markers[:-1] == v.markers  # the shipped markers are untouched
        code = u.markers[-1]
        assert code.marker == "asks_question"
        assert code.decision == u.text.rstrip().endswith("?")
        assert code.decision == (code.probability >= 0.5)
    asked = next(u for u in out.utterances if u.text == "What would help this week?").markers[-1]
    assert asked.evidence  # explained by occlusion like the others
    info = {m.name: m for m in st.models()}["asks_question"]
    assert info.sha256 and info.version == "2026-01-01"


def test_only_custom_codes_need_no_shipped_heads(models):
    st = MarkersStage(MarkerOptions(markers=("asks_question",)), encoder=FakeEncoder())
    st.load()
    assert st.heads == {} and list(st.custom) == ["asks_question"]
    out = st(SESSION)
    assert {m.marker for u in out.utterances for m in u.markers} == {"asks_question"}


def test_custom_code_counts_in_metrics_and_keeps_the_index_with_plus(models):
    coded = stage(("+asks_question",))(SESSION)
    session = MetricsStage(with_index=False)(coded)
    summary = {s.marker: s for s in session.metrics.markers}
    assert summary["asks_question"].count == sum(u.text.rstrip().endswith("?") for u in SESSION.utterances
                                                 if u.role == "therapist")
    with_plus = build_pipeline(AnalyzeConfig(markers=MarkerOptions(markers=("+asks_question",))))
    only = build_pipeline(AnalyzeConfig(markers=MarkerOptions(markers=("asks_question",))))
    assert with_plus.stages[-1].with_index and not only.stages[-1].with_index


def test_report_shows_a_custom_marker(models):
    from transcript_analyzer.report.html import session_html
    from transcript_analyzer.report.markdown import session_markdown
    from transcript_analyzer.report.view import coded_markers, marker_rows

    session = MetricsStage(with_index=False)(stage(("+asks_question",))(SESSION))
    assert [d.name for d in coded_markers(session)][-1] == "asks_question"
    assert marker_rows(session)[-1].marker.group == "custom"
    html = session_html(session)
    assert '<option value="asks_question">' in html and "asks_question: custom code, no metrics found" in html
    assert "| asks_question |" in session_markdown(session)


def test_check_name_refuses_clashes_and_odd_names(models):
    for name in ("empathy", "mi_main", "text", "Bad Name", "x", "empathy_p"):
        with pytest.raises(ConfigError):
            custom.check_name(name)
    custom.check_name("sleep_question")


def test_custom_head_must_be_binary(models):
    head = cue_head("multi", ("a", "b", "c"), {"question_mark": "b"}, "a")
    head = dataclasses.replace(head, info={"custom": True})
    write_model(models / "multi", head.save, {})
    with pytest.raises(Exception, match="not a binary head"):
        custom.load_head("multi", models / "multi")
    assert isinstance(custom.load_head("asks_question", models / "asks_question"), Head)
    assert np.isclose(custom.load_head("asks_question", models / "asks_question").threshold, 0.5)
