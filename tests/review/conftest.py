"""Coded sessions built by hand (no models), and run folders holding them as `analyze --out` does."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Sequence

import pytest

from transcript_analyzer.io.writers import session_json, utterances_csv
from transcript_analyzer.model import MarkerScore, ModelInfo, Session, SessionMeta, Speaker, Turn, Utterance

SHIPPED = {"positive_regard": 0.35, "self_disclosure": 0.6, "advice": 0.6, "confront": 0.33}


def coded_session(probs: Sequence[float], session_id: str = "s1", marker: str = "positive_regard",
                  coder_sha: str | None = "c" * 64, threshold: float | None = None, withdrawn: Sequence[int] = (),
                  words: str = "line") -> Session:
    """Client and therapist turns in turn, one utterance each; therapist utterance k has ``marker``
    with probability probs[k] (decided at ``threshold``, default the shipped one), the other
    therapist markers low; client utterances carry risk_talk. ``withdrawn``: therapist positions
    whose positive decision a session rule withdrew (decision False, a reason)."""
    threshold = SHIPPED.get(marker, 0.5) if threshold is None else threshold
    turns, utts = [], []
    for k, p in enumerate(probs):
        for role, speaker, text in (("client", "C", f"Client {words} {k}, said plainly."),
                                    ("therapist", "T", f"Therapist {words} {k}, said warmly.")):
            i = len(turns)
            turns.append(Turn(i, speaker, text, role=role))
            if role == "client":
                markers = (MarkerScore("risk_talk", 0.01, False),)
            else:
                decided = p >= threshold and k not in withdrawn
                reasons = ("answers risk talk",) if k in withdrawn else ()
                others = [MarkerScore(m, 0.02, False) for m in ("positive_regard", "self_disclosure", "empathy",
                                                                  "advice_with_permission", "advice_without_permission",
                                                                  "confront") if m != marker]
                markers = (MarkerScore(marker, round(p, 4), decided, (), reasons), *others)
            utts.append(Utterance(i, i, speaker, role, text, markers=markers))
    meta = SessionMeta(session_id=session_id, source_file=f"{session_id}.txt",
                       models=(ModelInfo("coder", "markers", "3.0", coder_sha),))
    return Session(meta=meta, turns=tuple(turns), utterances=tuple(utts),
                   speakers=(Speaker("T", "therapist", "transcript"), Speaker("C", "client", "transcript")))


def therapist_index(k: int) -> int:
    """The utterance index of the k-th therapist utterance of a coded_session."""
    return 2 * k + 1


def write_run(folder: Path, session: Session) -> Path:
    """A folder as `analyze --out` writes it (session.json and utterances.csv suffice here)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "session.json").write_bytes(session_json(session))
    (folder / "utterances.csv").write_bytes(utterances_csv(session))
    return folder


def renamed(session: Session, session_id: str) -> Session:
    return dataclasses.replace(session, meta=dataclasses.replace(session.meta, session_id=session_id))


@pytest.fixture
def models_dir(tmp_path, monkeypatch):
    """An empty user models folder (custom codes, calibrations) for the test."""
    folder = tmp_path / "user-models"
    monkeypatch.setenv("TA_MODELS_DIR", str(folder))
    return folder
