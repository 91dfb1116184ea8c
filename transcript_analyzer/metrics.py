"""Session metrics: pure functions of a session's turns and utterances.

Talk time uses turn spans (start to end) when the source has them; when it has only start times
a turn is taken to last until the next one starts (so pauses count to the speaker before them,
and the last turn, whose end is unknown, is left out); without times there are no seconds.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Sequence

import numpy as np

from .markers.client import decided
from .markers.index import AllianceIndexModel
from .model import (
    CLIENT, THERAPIST, Benchmark, ClientMeasures, MarkerSummary, ModelInfo, MoveReaction, Pause, RoleStats, Session,
    SessionMetrics, Timing, Turn, Utterance,
)

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
        timing=timing_metrics(turns) if basis == "spans" else None,
    )


SILENCE = 1.0  # seconds: a gap between turns at least this long is a silence
LONG_SILENCE = 3.0  # seconds: listed with times when it follows a client turn


def timing_metrics(turns: Sequence[Turn]) -> Timing:
    """Silences, therapist response latency and overlap from turns with start and end times."""
    ordered = sorted(turns, key=lambda t: (t.start, t.end))
    gaps: list[Pause] = []
    latencies: list[float] = []
    overlaps: list[float] = []
    longest = None
    last = ordered[0] if ordered else None  # the turn that has ended latest so far
    for nxt in ordered[1:]:
        gap = nxt.start - last.end  # against the latest end: a backchannel inside a turn leaves no gap
        longest = gap if longest is None else max(longest, gap)
        if gap >= SILENCE:
            gaps.append(Pause(start=round(last.end, 3), end=round(nxt.start, 3), seconds=round(gap, 3),
                              after_turn=last.index, after_role=last.role))
        if gap < 0:
            overlaps.append(min(-gap, nxt.end - nxt.start))
        if last.role == CLIENT and nxt.role == THERAPIST and nxt.end > last.end:  # not a backchannel inside it
            latencies.append(gap)
        if nxt.end >= last.end:
            last = nxt
    talk = sum(t.end - t.start for t in turns) or 1.0
    return Timing(
        silences=len(gaps), silence_seconds=round(sum(g.seconds for g in gaps), 2),
        longest_silence=round(max(longest, 0.0), 3) if longest is not None else None,
        long_silences_after_client=tuple(g for g in gaps if g.after_role == CLIENT and g.seconds >= LONG_SILENCE),
        therapist_responses=len(latencies),
        therapist_latency_median=round(float(np.median(latencies)), 3) if latencies else None,
        therapist_latency_mean=round(float(np.mean(latencies)), 3) if latencies else None,
        therapist_interruptions=sum(1 for x in latencies if x < 0),
        overlaps=len(overlaps), overlap_seconds=round(sum(overlaps), 2), overlap_share=round(sum(overlaps) / talk, 4),
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


# MITI summary scores: (name, fair, good, source). R:Q and % complex reflections are MITI 4.2.1;
# MITI 4 no longer codes open/closed questions, so % open questions uses MITI 3.1.1's thresholds.
BENCHMARKS = (
    ("reflection_to_question", 1.0, 2.0, "MITI 4.2.1 (Moyers et al.)"),
    ("percent_complex_reflections", 40.0, 50.0, "MITI 4.2.1 (Moyers et al.)"),
    ("percent_open_questions", 50.0, 70.0, "MITI 3.1.1 (Moyers et al.); MITI 4 does not code open/closed"),
)


def marker_summaries(session: Session) -> tuple[MarkerSummary, ...]:
    """Count, rate per 100 therapist utterances and mean probability of each marker."""
    coded = [u for u in session.utterances if u.role == THERAPIST and u.markers]
    if not coded:
        return ()
    names = list(dict.fromkeys(m.marker for u in coded for m in u.markers))
    out = []
    for name in names:
        scores = [m for u in coded for m in u.markers if m.marker == name]
        count = sum(m.decision for m in scores)
        out.append(MarkerSummary(marker=name, count=count, per_100=round(100 * count / len(coded), 2),
                                 mean_probability=round(sum(m.probability for m in scores) / len(scores), 4)))
    return tuple(out)


def miti_benchmarks(summaries: Sequence[MarkerSummary]) -> tuple[Benchmark, ...]:
    """MITI summary scores from the marker counts, against their fair/good thresholds."""
    n = {s.marker: s.count for s in summaries}
    if not {"open_question", "closed_question", "simple_reflection", "complex_reflection"} <= set(n):
        return ()
    questions = n["open_question"] + n["closed_question"]
    reflections = n["simple_reflection"] + n["complex_reflection"]
    values = {
        "reflection_to_question": reflections / questions if questions else None,
        "percent_complex_reflections": 100 * n["complex_reflection"] / reflections if reflections else None,
        "percent_open_questions": 100 * n["open_question"] / questions if questions else None,
    }
    out = []
    for name, fair, good, source in BENCHMARKS:
        v = values[name]
        level = None if v is None else "good" if v >= good else "fair" if v >= fair else "below fair"
        out.append(Benchmark(name=name, value=None if v is None else round(v, 3), fair=fair, good=good,
                             level=level, source=source))
    return tuple(out)


REACTION_MOVES = ("open_question", "closed_question", "simple_reflection", "complex_reflection", "giving_information",
                  "advice_with_permission", "advice_without_permission", "confront", "empathy", "positive_regard")
"""Therapist moves whose client reactions are counted (client codes after each, codebook 8)."""


def client_measures(session: Session) -> ClientMeasures | None:
    """Change and sustain talk, rupture episodes, risk statements, and what clients said next after
    each kind of therapist move (the client's next utterance after the therapist's turn)."""
    utts = session.utterances
    coded = [u for u in utts if u.role == CLIENT and u.markers]
    if not coded:
        return None

    change = sum(decided(u, "change_talk") for u in coded)
    sustain = sum(decided(u, "sustain_talk") for u in coded)
    episodes = session.episodes
    answered = [e for e in episodes if e.repaired is not None]
    repaired = sum(bool(e.repaired) for e in answered)
    next_client: dict[int, Utterance] = {}
    for i, u in enumerate(utts):
        if u.role == THERAPIST and (i + 1 == len(utts) or utts[i + 1].turn_index != u.turn_index):
            if i + 1 < len(utts) and utts[i + 1].role == CLIENT:
                next_client[u.turn_index] = utts[i + 1]
    reactions = []
    for move in REACTION_MOVES:
        after = [next_client[u.turn_index] for u in utts if u.role == THERAPIST and decided(u, move) and u.turn_index in next_client]
        if not after:
            continue
        share = lambda names: round(sum(any(decided(c, n) for n in names) for c in after) / len(after), 3)  # noqa: E731
        reactions.append(MoveReaction(move=move, moves=len(after), change_talk=share(("change_talk",)),
                                      sustain_talk=share(("sustain_talk",)),
                                      rupture=share(("rupture_withdrawal", "rupture_confrontation"))))
    return ClientMeasures(client_utterances=len(coded), change_talk=change, sustain_talk=sustain,
                          change_to_sustain=round(change / sustain, 3) if sustain else None,
                          ruptures=len(episodes), withdrawal=sum(e.kind == "withdrawal" for e in episodes),
                          confrontation=sum(e.kind == "confrontation" for e in episodes), repaired=repaired,
                          repaired_share=round(repaired / len(answered), 3) if answered else None,
                          risk_statements=len(session.risk), reactions=tuple(reactions))


class MetricsStage:
    """Session metrics; with markers, also marker summaries, MITI benchmarks and the alliance
    index (whose reference values are a shipped model, loaded once)."""

    name = "metrics"
    requires = frozenset({"roles", "utterances"})
    provides = frozenset({"metrics"})

    def __init__(self, alliance: AllianceIndexModel | None = None, with_index: bool = True):
        self._alliance = alliance
        self.with_index = with_index

    def load(self) -> None:
        if self._alliance is None and self.with_index:
            self._alliance = AllianceIndexModel.load()

    def models(self) -> tuple[ModelInfo, ...]:
        a = self._alliance
        return (ModelInfo(name="alliance_index", stage=self.name, version=a.version, sha256=a.sha256),) if a else ()

    def __call__(self, session: Session) -> Session:
        metrics = session_metrics(session)
        summaries = marker_summaries(session)
        if summaries:
            self.load()
            alliance = self._alliance.compute(session) if self._alliance else None
            metrics = dataclasses.replace(metrics, markers=summaries, benchmarks=miti_benchmarks(summaries),
                                          alliance=alliance, client=client_measures(session))
        return dataclasses.replace(session, metrics=metrics)
