"""Session metrics: pure functions of a session's turns and utterances.

Talk time uses turn spans (start to end) when the source has them; when it has only start times
a turn is taken to last until the next one starts (so pauses count to the speaker before them,
and the last turn, whose end is unknown, is left out); without times there are no seconds.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Sequence

from .model import CLIENT, THERAPIST, ModelInfo, RoleStats, Session, SessionMetrics, Turn, Utterance

_WORD = re.compile(r"\w+(?:[-'’]\w+)*")
_QUESTION_START = re.compile(
    r"^(?:so,?\s+|and\s+|but\s+)?(?:what|why|how|when|where|who|which|whose|"
    r"(?:do|does|did|are|is|was|were|have|has|had|can|could|would|will|should|may|might|shall)"
    r"(?:n't)?\s+(?:you|i|we|it|that|this|there|they|he|she))\b",
    re.I,
)


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


def is_question(text: str, punctuated: bool = True) -> bool:
    """A question by its question mark; in unpunctuated transcripts, by its opening words."""
    stripped = text.rstrip(" \"'”’)]")
    if stripped.endswith("?"):
        return True
    return not punctuated and bool(_QUESTION_START.match(text.strip()))


def time_basis(turns: Sequence[Turn]) -> str | None:
    if turns and all(t.start is not None and t.end is not None for t in turns):
        return "spans"
    if turns and all(t.start is not None for t in turns):
        return "start_times"
    return None


def turn_seconds(turns: Sequence[Turn], basis: str | None) -> list[float | None]:
    """Duration of each turn under the given basis (None where unknown)."""
    if basis == "spans":
        return [max(t.end - t.start, 0.0) for t in turns]
    if basis == "start_times":
        nexts = [t.start for t in turns[1:]] + [None]
        return [max(n - t.start, 0.0) if n is not None else None for t, n in zip(turns, nexts)]
    return [None] * len(turns)


def session_metrics(session: Session) -> SessionMetrics:
    turns, utterances = session.turns, session.utterances
    punctuated = any(ch in u.text for u in utterances for ch in ".?!")
    basis = time_basis(turns)
    seconds = turn_seconds(turns, basis)
    total_words = sum(word_count(t.text) for t in turns) or 1
    total_seconds = sum(s for s in seconds if s is not None) or None
    stats = tuple(
        _role_stats(role, session, seconds, total_words, total_seconds, punctuated)
        for role in (THERAPIST, CLIENT)
    )
    therapist = stats[0]
    return SessionMetrics(
        roles=stats,
        turns=len(turns),
        utterances=len(utterances),
        words=sum(word_count(t.text) for t in turns),
        therapist_questions_per_100=(
            round(100 * therapist.questions / therapist.utterances, 2) if therapist.utterances else None
        ),
        time_basis=basis,
    )


def _role_stats(role: str, session: Session, seconds: list[float | None], total_words: int,
                total_seconds: float | None, punctuated: bool) -> RoleStats:
    turns = [t for t in session.turns if t.role == role]
    utterances: list[Utterance] = [u for u in session.utterances if u.role == role]
    words = sum(word_count(t.text) for t in turns)
    role_seconds = [seconds[t.index] for t in turns if seconds[t.index] is not None]
    talk = sum(role_seconds) if total_seconds is not None else None
    return RoleStats(
        role=role,
        speakers=sum(1 for s in session.speakers if s.role == role),
        turns=len(turns),
        utterances=len(utterances),
        words=words,
        word_share=round(words / total_words, 4),
        mean_turn_words=round(words / len(turns), 2) if turns else 0.0,
        questions=sum(is_question(u.text, punctuated) for u in utterances),
        seconds=round(talk, 2) if talk is not None else None,
        second_share=round(talk / total_seconds, 4) if talk is not None else None,
        mean_turn_seconds=round(talk / len(role_seconds), 2) if talk is not None and role_seconds else None,
    )


class MetricsStage:
    name = "metrics"
    requires = frozenset({"roles", "utterances"})
    provides = frozenset({"metrics"})

    def load(self) -> None:
        pass

    def models(self) -> tuple[ModelInfo, ...]:
        return ()

    def __call__(self, session: Session) -> Session:
        return dataclasses.replace(session, metrics=session_metrics(session))
