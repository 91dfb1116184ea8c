"""Small assertions shared by the reader tests."""

from __future__ import annotations

from transcript_analyzer.model import Session


def said(session: Session) -> list[tuple[str, str]]:
    """(speaker, text) per turn."""
    return [(t.speaker, t.text) for t in session.turns]


def starts(session: Session) -> list[float | None]:
    return [t.start for t in session.turns]
