"""Pipelines: named stages, checked when built, models loaded once, run on one session or many."""

from __future__ import annotations

import dataclasses
import logging
import time
from typing import Callable, Iterable, Iterator, Sequence

from .config import AnalyzeConfig
from .errors import PipelineError
from .markers.custom import includes_defaults
from .markers.stage import MarkersStage
from .metrics import MetricsStage
from .model import ModelInfo, Session
from .stage import Stage
from .text.roles import RolesStage
from .text.segment import SegmentStage

log = logging.getLogger(__name__)

# What a freshly read transcript provides.
TRANSCRIPT_PROVIDES = frozenset({"turns"})


class Pipeline:
    """Stages in order. ``load()`` loads every model once; calling the pipeline runs them all."""

    def __init__(self, stages: Sequence[Stage], provided: frozenset[str] = TRANSCRIPT_PROVIDES):
        self.stages = tuple(stages)
        check_order(self.stages, provided)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(s.name for s in self.stages)

    def load(self) -> Pipeline:
        for stage in self.stages:
            stage.load()
        return self

    def models(self) -> tuple[ModelInfo, ...]:
        return tuple(m for stage in self.stages for m in stage.models())

    def __call__(self, session: Session, hook: Callable[[str], None] | None = None) -> Session:
        """Run every stage; ``hook(stage_name)`` is called as each one starts (progress, and
        knowing where a failure happened)."""
        for stage in self.stages:
            if hook:
                hook(stage.name)
            started = time.perf_counter()
            session = stage(session)
            log.debug("%s: %.3f s", stage.name, time.perf_counter() - started)
        ours = self.models()
        # e.g. the recogniser that made the turns; a stage run again replaces its own (a session.json re-analysed)
        kept = tuple(m for m in session.meta.models if m not in ours and m.stage not in self.names)
        meta = dataclasses.replace(session.meta, models=kept + ours)
        return dataclasses.replace(session, meta=meta)

    def pipe(self, sessions: Iterable[Session]) -> Iterator[Session]:
        """Run over many sessions with the models loaded once."""
        self.load()
        for session in sessions:
            yield self(session)


def check_order(stages: Sequence[Stage], provided: frozenset[str]) -> None:
    """Fail at build time when a stage needs something no earlier stage provides."""
    available = set(provided)
    for stage in stages:
        missing = stage.requires - available
        if missing:
            raise PipelineError(
                f"stage '{stage.name}' needs {', '.join(sorted(missing))}, which no earlier stage provides "
                f"(available: {', '.join(sorted(available))})"
            )
        available |= stage.provides


def build_pipeline(config: AnalyzeConfig | None = None, markers: bool = True) -> Pipeline:
    """The transcript analysis pipeline: roles -> utterances -> markers -> metrics
    (``markers=False`` stops before the marker models: roles, utterances and talk metrics only)."""
    config = config or AnalyzeConfig()
    stages: list[Stage] = [RolesStage(config.roles), SegmentStage(config.segment)]
    if markers:
        stages.append(MarkersStage(config.markers))
    stages.append(MetricsStage(with_index=markers and includes_defaults(config.markers.markers)))
    return Pipeline(stages)
