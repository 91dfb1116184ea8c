import dataclasses

import pytest

from transcript_analyzer.errors import PipelineError
from transcript_analyzer.model import ModelInfo
from transcript_analyzer.pipeline import Pipeline, build_pipeline, check_order
from transcript_analyzer.stage import Stage

from .conftest import make_session


class Tag:
    """A fake stage that appends a warning, to see order and provenance."""

    def __init__(self, name, requires=(), provides=()):
        self.name, self.requires, self.provides = name, frozenset(requires), frozenset(provides)
        self.loaded = 0

    def load(self):
        self.loaded += 1

    def models(self):
        return (ModelInfo(f"{self.name}-model", self.name),)

    def __call__(self, session):
        meta = dataclasses.replace(session.meta, warnings=session.meta.warnings + (self.name,))
        return dataclasses.replace(session, meta=meta)


def test_stages_satisfy_the_protocol():
    for stage in build_pipeline().stages:
        assert isinstance(stage, Stage)
    assert build_pipeline().names == ("roles", "segment", "markers", "metrics")
    assert build_pipeline(markers=False).names == ("roles", "segment", "metrics")


def test_missing_requirement_fails_at_build_time_naming_the_stage():
    with pytest.raises(PipelineError, match="stage 'b' needs utterances"):
        Pipeline([Tag("a", provides=["roles"]), Tag("b", requires=["utterances"])])
    check_order([Tag("a", provides=["x"]), Tag("b", requires=["x"])], frozenset())


def test_runs_in_order_records_models_and_loads_once_in_pipe():
    a, b = Tag("a", requires=["turns"], provides=["x"]), Tag("b", requires=["x"])
    pipeline = Pipeline([a, b])
    out = list(pipeline.pipe([make_session(("A", "x")), make_session(("A", "y"))]))
    assert [s.meta.warnings for s in out] == [("a", "b"), ("a", "b")]
    assert [m.name for m in out[0].meta.models] == ["a-model", "b-model"]
    assert a.loaded == 1


def test_the_api_can_leave_the_markers_out_or_pick_some():
    from transcript_analyzer.api import Analyzer

    assert Analyzer(markers=False).pipeline.names == ("roles", "segment", "metrics")
    assert Analyzer(markers=True).pipeline.names == ("roles", "segment", "markers", "metrics")
    some = Analyzer(markers="empathy, confront")
    assert some.config.markers.markers == ("empathy", "confront")
