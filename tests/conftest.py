"""Shared test helpers: sessions built by hand, the shared data folder, real models loaded once."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest

from transcript_analyzer.model import Session, SessionMeta, Turn
from transcript_analyzer.text.role_model import FEATURES, RoleModel

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "sample_transcripts"
SHARED_DATA = Path(os.environ.get("TA_SHARED_DATA", ROOT.parent / "shared" / "data"))


def make_session(*turns: tuple, session_id: str = "test") -> Session:
    """make_session(("T", "Hello?"), ("C", "Hi.", 1.0, 2.5), ...): (speaker, text[, start[, end[, role]]])."""
    built = []
    for i, t in enumerate(turns):
        speaker, text, *rest = t
        start = rest[0] if len(rest) > 0 else None
        end = rest[1] if len(rest) > 1 else None
        role = rest[2] if len(rest) > 2 else None
        built.append(Turn(index=i, speaker=speaker, text=text, start=start, end=end, role=role))
    return Session(meta=SessionMeta(session_id=session_id, source_file=f"{session_id}.txt"), turns=tuple(built))


def question_model(confident: float = 0.8) -> RoleModel:
    """A hand-set role model: the speaker who asks questions and says 'you' is the therapist."""
    weights = np.zeros(len(FEATURES))
    weights[FEATURES.index("question_turn_rate")] = 4.0
    weights[FEATURES.index("you_minus_i")] = 20.0
    return RoleModel(mean=np.zeros(len(FEATURES)), scale=np.ones(len(FEATURES)), weights=weights,
                     confident=confident, version="test")


@pytest.fixture
def shared_data() -> Path:
    if not SHARED_DATA.is_dir():
        pytest.skip(f"shared data folder not found at {SHARED_DATA} (set TA_SHARED_DATA); data-backed test skipped")
    return SHARED_DATA


@pytest.fixture(scope="session")
def segmenter():
    """The real segment stage (spaCy), cutting every sentence, loaded once for the test run."""
    from transcript_analyzer.config import SegmentOptions
    from transcript_analyzer.text.segment import SegmentStage

    stage = SegmentStage(SegmentOptions(unit="sentence"))
    stage.load()
    return stage


@pytest.fixture(scope="session")
def analyzer():
    """The real analysis pipeline with every model loaded once."""
    from transcript_analyzer.api import Analyzer

    return Analyzer().load()


@pytest.fixture(scope="session", autouse=True)
def _private_id_key(tmp_path_factory):
    """Redacted batch runs key their session ids with the user's id.key (batch/ids.py): tests use
    one of their own instead of making one in the real home folder."""
    if "TA_ID_KEY" not in os.environ:
        os.environ["TA_ID_KEY"] = str(tmp_path_factory.mktemp("id-key") / "id.key")
    yield
