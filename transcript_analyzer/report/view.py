"""What a report shows, derived from a Session: flagged moments with their context, marker rows
with benchmarks, and positions on the session's time (or word) axis. Pure functions; the HTML
and Markdown renderers only lay these out."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from ..markers import custom
from ..markers.client import CLIENT_CODES
from ..markers.codebook import MARKER_NAMES, MARKERS, MarkerDef, marker
from ..markers.validity import EPISODES, MIN_PRECISION, client_experimental, experimental
from ..model import CLIENT, MarkerScore, Session, Turn, Utterance

# Markers that get their own flagged-moment section: every risk, and the strongest strengths.
# A marker whose held-out precision is below MIN_PRECISION (markers/validity.py) is neither: its
# moments come last, under "experimental".
RISKS = ("inappropriate_self_disclosure", "rigid_interpretation")
STRENGTHS = ("empathy", "positive_regard")
STRONGEST = 5  # strength moments shown per marker
TIMELINE_MARKERS = ("risk_talk", "rupture_withdrawal", "rupture_confrontation", "rigid_interpretation",
                    "inappropriate_self_disclosure", "self_disclosure", "empathy", "positive_regard", "change_talk",
                    "sustain_talk")  # client codes (risk_talk, rupture_*, *_talk) mark client utterances
CONTEXT_WORDS = 80  # a long client turn is cut to its last words

# The client sections of the flagged moments (docs/codebook.md sections 8-9).
CLIENT_SECTIONS = {
    "risk_talk": MarkerDef("risk_talk", "Risk talk", "client", -1,
                           "The client spoke of suicidal thoughts, self-harm, harm to others or abuse. A prompt for you, "
                           "not a risk assessment: read what was said and the therapist's response.", (), "section 8.6"),
    "rupture_unrepaired": MarkerDef("rupture_unrepaired", "Ruptures not repaired", "client", -1,
                                    "The client withdrew or confronted, and the therapist's response did not repair it "
                                    "(persisted, defended, ignored, changed topic).", (), "section 9"),
    "rupture_repaired": MarkerDef("rupture_repaired", "Ruptures repaired", "client", +1,
                                  "The client withdrew or confronted, and the therapist acknowledged, explored or "
                                  "adjusted.", (), "section 9"),
}
CLIENT_TITLES = {c.name: c.title.lower() for c in CLIENT_CODES}  # "change talk", "rupture: withdrawal", …


@dataclass(frozen=True)
class Moment:
    """One flagged turn: a therapist turn flagged for a marker, or a client turn with risk talk or
    a rupture marker; the flagged utterances inside it, the other speaker's turn before it as
    context, for a client moment the therapist's response, and the client's reaction after."""

    marker: MarkerDef
    turn: Turn
    utterances: tuple[Utterance, ...]  # every utterance of the turn
    flagged: tuple[int, ...]  # indices of the flagged utterances
    probability: float  # the highest among the flagged utterances
    start: float | None
    context: Turn | None
    reasons: tuple[str, ...]
    code: str = ""  # the code whose evidence is highlighted (the marker itself by default)
    response: tuple[Utterance, ...] = ()  # client moments: the therapist's answer
    reaction: Utterance | None = None  # the client's next utterance after the moment (after the response)

    @property
    def context_text(self) -> str:
        """The other speaker's turn before, its last words when it is long."""
        return _tail(self.context.text) if self.context else ""

    @property
    def who(self) -> str:
        return "Client" if self.turn.role == CLIENT else "Therapist"

    @property
    def context_who(self) -> str:
        return "Client" if self.context is not None and self.context.role == CLIENT else "Therapist"

    @property
    def evidence_code(self) -> str:
        return self.code or self.marker.name

    @property
    def reaction_codes(self) -> tuple[str, ...]:
        """The client codes decided on the reaction, as words ("change talk", "rupture: withdrawal")."""
        if self.reaction is None:
            return ()
        return tuple(CLIENT_TITLES[m.marker] for m in self.reaction.markers if m.decision and m.marker in CLIENT_TITLES)

    @property
    def anchor(self) -> str:
        return f"m-{self.marker.name}-{self.turn.index}"


@dataclass(frozen=True)
class MarkerRow:
    marker: MarkerDef
    count: int
    per_100: float | None
    mean_probability: float | None

    @property
    def experimental(self) -> bool:
        return experimental(self.marker.name)

    @property
    def direction_word(self) -> str:
        """'supports', 'risks' or 'neutral'; 'experimental' when its precision cannot back either."""
        if self.experimental:
            return f"experimental (precision < {MIN_PRECISION})"
        d = self.marker.direction
        return "supports" if d > 0 else "risks" if d < 0 else "neutral"


def score(u: Utterance, name: str) -> MarkerScore | None:
    return next((m for m in u.markers if m.marker == name), None)


def flagged(u: Utterance, name: str) -> bool:
    s = score(u, name)
    return bool(s and s.decision)


def definition(name: str) -> MarkerDef:
    """A shipped marker's definition, or a custom code's (markers/custom.py)."""
    return marker(name) if name in MARKER_NAMES else custom.definition(name)


def _in_order(names: Sequence[str]) -> list[MarkerDef]:
    """Shipped markers in codebook order, then custom codes in the order they were coded."""
    present = set(names)
    return [d for d in MARKERS if d.name in present] + [custom.definition(n) for n in dict.fromkeys(names)
                                                         if n not in MARKER_NAMES]


def marker_rows(session: Session) -> list[MarkerRow]:
    """Every coded marker in codebook order (custom codes last), with its count and rate."""
    found = {m.marker: m for m in (session.metrics.markers if session.metrics else ())}
    return [MarkerRow(d, found[d.name].count, found[d.name].per_100, found[d.name].mean_probability)
            for d in _in_order(list(found))]


def coded_markers(session: Session) -> list[MarkerDef]:
    return _in_order([m.marker for u in session.utterances if u.role != CLIENT for m in u.markers])


def _turn_utterances(session: Session) -> dict[int, list[Utterance]]:
    by_turn: dict[int, list[Utterance]] = {}
    for u in session.utterances:
        by_turn.setdefault(u.turn_index, []).append(u)
    return by_turn


def reaction_after(session: Session, utterance: int) -> Utterance | None:
    """The client's first utterance after the turn of ``utterance``, when the client speaks next."""
    utts = session.utterances
    turn = utts[utterance].turn_index
    following = next((u for u in utts[utterance:] if u.turn_index != turn), None)
    return following if following is not None and following.role == CLIENT else None


def previous_turn(turns: Sequence[Turn], index: int) -> Turn | None:
    """The last turn before ``index`` by another speaker."""
    return next((t for t in reversed(turns[:index]) if t.speaker != turns[index].speaker), None)


def client_moments(session: Session) -> dict[str, list[Moment]]:
    """Risk talk, and rupture episodes split into not repaired and repaired, as moments on the
    client's turn, each with the therapist's turn before, the response and the reaction."""
    utts, turns = session.utterances, session.turns
    by_turn = _turn_utterances(session)
    out: dict[str, list[Moment]] = {"risk_talk": [], "rupture_unrepaired": [], "rupture_repaired": []}

    def moment(name: str, flagged: Sequence[int], p: float, response: Sequence[int], code: str, reasons=()) -> Moment:
        turn = turns[utts[flagged[0]].turn_index]
        last = response[-1] if response else flagged[-1]
        return Moment(CLIENT_SECTIONS[name], turn, tuple(by_turn[turn.index]), tuple(flagged), p,
                      _start(turn, [utts[flagged[0]]]), previous_turn(turns, turn.index), tuple(reasons), code,
                      tuple(utts[r] for r in response), reaction_after(session, last) if response else None)

    for r in session.risk:
        out["risk_talk"].append(moment("risk_talk", [r.client_utterance], r.probability, r.response_utterances, "risk_talk"))
    for e in session.episodes:
        name = "rupture_repaired" if e.repaired else "rupture_unrepaired"
        code = f"rupture_{e.kind}"
        why = ([] if e.repaired is None else
               [f"the response {'repairs' if e.repaired else 'does not repair'} it (p = {e.repair_probability:.2f})"])
        out[name].append(moment(name, e.client_utterances, e.probability, e.response_utterances, code, why))
    return out


def moments(session: Session, name: str, limit: int | None = None) -> list[Moment]:
    """Turns with the marker, in session order; with ``limit``, only the most probable ones."""
    d = definition(name)
    by_turn = _turn_utterances(session)
    found = []
    for turn in session.turns:
        utts = by_turn.get(turn.index, [])
        hits = [u for u in utts if flagged(u, name)]
        if not hits:
            continue
        context = previous_client_turn(session.turns, turn.index)
        reasons = tuple(dict.fromkeys(r for u in hits for r in score(u, name).reasons))
        found.append(Moment(d, turn, tuple(utts), tuple(u.index for u in hits),
                            max(score(u, name).probability for u in hits), _start(turn, hits), context, reasons,
                            reaction=reaction_after(session, utts[-1].index)))
    if limit is not None:
        found = sorted(sorted(found, key=lambda m: -m.probability)[:limit], key=lambda m: m.turn.index)
    return found


def flagged_moments(session: Session) -> list[tuple[MarkerDef, list[Moment], bool]]:
    """(marker, moments, all-of-them?) in the order a supervisor should see them: risk talk,
    ruptures not repaired, the therapist risks, ruptures repaired, the strongest strengths, then
    the experimental markers among these (``experimental_markers``), which are neither. The client
    sections appear when the session has client codes; the two rupture sections move among the
    experimental ones while the rupture markers or the repair judgement are (validity.py).
    Risk talk always comes first."""
    coded = {d.name for d in coded_markers(session)}
    shown = [d for d in MARKERS if d.name in coded and (d.name in RISKS or d.name in STRENGTHS)]
    client = client_moments(session) if has_client_codes(session) else {}
    section = {n: [(CLIENT_SECTIONS[n], client[n], True)] if client else [] for n in CLIENT_SECTIONS}
    measured = not (client and client_experimental("rupture_unrepaired"))
    unrepaired, repaired = (section[n] if measured else [] for n in EPISODES)
    risks = [(d, moments(session, d.name), True) for d in shown if d.name in RISKS and not experimental(d.name)]
    strengths = [(d, moments(session, d.name, STRONGEST), False) for d in shown if d.name in STRENGTHS and not experimental(d.name)]
    trial = [] if measured else section["rupture_unrepaired"] + section["rupture_repaired"]
    trial += [(d, moments(session, d.name), True) if d.name in RISKS else (d, moments(session, d.name, STRONGEST), False)
              for d in shown if experimental(d.name)]
    return section["risk_talk"] + unrepaired + risks + repaired + strengths + trial


# The supervision summary (the printed report and summary.md) shows the first TOP_MOMENTS moments
# of ``summary_order``: at most 3 A4 pages for a 50-minute session.
TOP_MOMENTS = 10
TOP_RISK_TALK = 3  # risk talk moments taken before any other section's


def summary_order(groups: Sequence[tuple[MarkerDef, list[Moment], bool]]) -> list[tuple[int, int]]:
    """(section, moment) positions of ``flagged_moments`` in the order the supervision summary
    takes them: up to TOP_RISK_TALK risk-talk moments first, then one moment of each section in
    the report's order, round after round, each section's most probable first."""
    queues = [sorted(range(len(items)), key=lambda i: -items[i].probability) for _, items, _ in groups]
    order = []
    for g, (d, _, _) in enumerate(groups):
        if d.name == "risk_talk":
            order += [(g, i) for i in queues[g][:TOP_RISK_TALK]]
            queues[g] = queues[g][TOP_RISK_TALK:]
    while any(queues):
        for g, queue in enumerate(queues):
            if queue:
                order.append((g, queue.pop(0)))
    return order


def top_moments(groups: Sequence[tuple[MarkerDef, list[Moment], bool]], limit: int = TOP_MOMENTS) -> set[tuple[int, int]]:
    return set(summary_order(groups)[:limit])


def score_intervals(session: Session) -> dict[str, tuple[float, float]]:
    """95 % intervals (bootstrap.py, as on the progress page) of the marker rates per 100 therapist
    utterances and the MI summary scores, by name; only where the rebuilt value is the stored one
    (a file from another version may count differently)."""
    from .bootstrap import session_estimates

    if not (session.metrics and session.metrics.markers):
        return {}
    stored = {m.marker: m.per_100 for m in session.metrics.markers}
    stored.update({b.name: b.value for b in session.metrics.benchmarks})
    found = session_estimates(session)
    return {k: (e.low, e.high) for k, e in found.items()
            if stored.get(k) is not None and abs(e.value - stored[k]) <= 0.006 + 1e-6 * abs(stored[k])}


def interval_text(span: tuple[float, float] | None, digits: int = 1) -> str:
    if span is None:
        return ""
    high = "∞" if span[1] == float("inf") else f"{span[1]:.{digits}f}"
    return f"{span[0]:.{digits}f}–{high}"


def has_client_codes(session: Session) -> bool:
    return any(u.role == CLIENT and u.markers for u in session.utterances)


def experimental_markers(session: Session) -> set[str]:
    """The coded shipped markers that are experimental (markers/validity.py), and the rupture
    sections when the rupture markers or the repair judgement are."""
    names = {d.name for d in coded_markers(session) if experimental(d.name)}
    if has_client_codes(session) and client_experimental("rupture_unrepaired"):
        names |= set(EPISODES)
    return names


def previous_client_turn(turns: Sequence[Turn], index: int) -> Turn | None:
    """The last client turn before the turn at ``index`` (the turn the therapist answers)."""
    return next((t for t in reversed(turns[:index]) if t.role == CLIENT), None)


def _start(turn: Turn, hits: list[Utterance]) -> float | None:
    return hits[0].start if hits[0].start is not None else turn.start


def _tail(text: str) -> str:
    words = text.split()
    return text if len(words) <= CONTEXT_WORDS else "… " + " ".join(words[-CONTEXT_WORDS:])


def evidence_spans(text: str, evidence: Sequence[str]) -> list[tuple[str, bool]]:
    """The text cut into (piece, is_evidence) pieces, evidence words matched as whole words."""
    words = [re.escape(w) for w in dict.fromkeys(e for e in evidence if e.strip())]
    if not words:
        return [(text, False)]
    pattern = re.compile(r"(?<!\w)(" + "|".join(sorted(words, key=len, reverse=True)) + r")(?!\w)", re.I)
    out, last = [], 0
    for m in pattern.finditer(text):
        if m.start() > last:
            out.append((text[last:m.start()], False))
        out.append((m.group(0), True))
        last = m.end()
    if last < len(text):
        out.append((text[last:], False))
    return out


def clock(seconds: float | None) -> str:
    if seconds is None:
        return ""
    s = int(seconds)
    return f"{s // 3600:d}:{s % 3600 // 60:02d}:{s % 60:02d}" if s >= 3600 else f"{s // 60:d}:{s % 60:02d}"


@dataclass(frozen=True)
class Axis:
    """Where things sit on the timeline: seconds when every turn is timed, else words spoken so far."""

    timed: bool
    length: float
    turn_span: dict[int, tuple[float, float]]
    utterance_pos: dict[int, float]

    def label(self, value: float) -> str:
        return clock(value) if self.timed else f"{int(value)} words"


def axis(session: Session) -> Axis:
    timed = bool(session.turns) and all(t.start is not None and t.end is not None for t in session.turns)
    spans: dict[int, tuple[float, float]] = {}
    pos: dict[int, float] = {}
    if timed:
        for t in session.turns:
            spans[t.index] = (t.start, max(t.end, t.start))
        for u in session.utterances:
            pos[u.index] = u.start if u.start is not None else spans[u.turn_index][0]
        length = max([session.meta.duration or 0.0] + [e for _, e in spans.values()])
        return Axis(True, length or 1.0, spans, pos)
    done = 0.0
    by_turn: dict[int, list[Utterance]] = {}
    for u in session.utterances:
        by_turn.setdefault(u.turn_index, []).append(u)
    for t in session.turns:
        start = done
        for u in by_turn.get(t.index, []):
            pos[u.index] = done
            done += max(len(u.text.split()), 1)
        done = max(done, start + max(len(t.text.split()), 1)) if t.index not in by_turn else done
        spans[t.index] = (start, done)
    return Axis(False, done or 1.0, spans, pos)
