"""95 % intervals for the progress page: a bootstrap over each session's turns.

A session's rate (empathy per 100 therapist utterances, R:Q, change talk per sustain talk, ...) is
computed from a few hundred coded utterances; another 50 minutes with the same trainee and client
would give a different number. The bootstrap asks how different: it draws the session's turns
again with replacement (as many as there were), recounts the decisions in the drawn turns,
recomputes the value, and does this ``RESAMPLES`` times; the middle 95 % of the recomputed values
is the interval. It needs no model of how markers occur, works the same for rates, shares and
ratios, and is rebuilt from the session file alone (the utterances' decisions).

Why turns and not utterances: a long turn is cut into several utterances, and the pieces of one
turn share their topic and often their codes, so they are not independent draws. Drawing whole
turns (a block bootstrap with the turn as the block) keeps those pieces together and gives a
wider, more honest interval than drawing utterances. Its limit: neighbouring turns are not
independent either (a session moves through topics, and a client's ruptures come in runs), so
the interval is still a *lower bound* on the uncertainty; and it says nothing about the coder's
own errors (see each report's *Method and validity*) or about how much the client and the topic
shape the rates.

A count of zero gives the bootstrap nothing to vary: every draw is zero and the interval would be
0 to 0, as if the trainee could never show the marker. Where the numerator of a value is zero
(or, for a share, its complement is), the interval is widened to what ``ZERO_EVENTS`` events
would give: 3.7 is the upper end of the exact two-sided 95 % interval for a Poisson count of 0.

Comparing two sessions: their values differ clearly when their 95 % intervals do not overlap.
That is a conservative test (two non-overlapping 95 % intervals mean roughly p < 0.01), on
purpose: the page should say "no clear change" rather than an arrow the data do not support.

Draws are vectorised (one matrix of how often each turn was drawn, per session and role, times
the per-turn counts) and seeded, so the page is the same every time it is written.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ..markers.codebook import MARKER_NAMES
from ..model import CLIENT, THERAPIST, Session

RESAMPLES = 1000
SEED = 14  # fixed: the same sessions give the same page
LEVEL = 0.95
ZERO_EVENTS = -math.log((1 - LEVEL) / 2)  # 3.69: exact upper 97.5 % bound of a Poisson count of 0
UTTERANCES = "utterances"  # the per-turn column counting the role's coded utterances


@dataclass(frozen=True)
class Formula:
    """How a value is computed from counts summed over turns: ``scale * num / den`` (a count when
    ``den`` is empty). ``share``: ``num`` is part of ``den``, so the value is at most ``scale``."""

    role: str
    num: tuple[str, ...]
    den: tuple[str, ...] = ()
    scale: float = 1.0
    share: bool = False

    def value(self, num, den):
        if not self.den:
            return num * 1.0
        with np.errstate(divide="ignore", invalid="ignore"):
            return self.scale * np.divide(num, den)


def _formulas() -> dict[str, Formula]:
    out = {name: Formula(THERAPIST, (name,), (UTTERANCES,), 100.0, share=True) for name in MARKER_NAMES}
    reflections, questions = ("simple_reflection", "complex_reflection"), ("open_question", "closed_question")
    out.update({
        # the MITI summary scores (metrics.miti_benchmarks)
        "reflection_to_question": Formula(THERAPIST, reflections, questions),
        "percent_complex_reflections": Formula(THERAPIST, ("complex_reflection",), reflections, 100.0, share=True),
        "percent_open_questions": Formula(THERAPIST, ("open_question",), questions, 100.0, share=True),
        # the client measures (metrics.client_measures): episodes are counted in the turn they begin in
        "ruptures": Formula(CLIENT, ("episodes",)),
        "ruptures_repaired_share": Formula(CLIENT, ("repaired",), ("answered",), share=True),
        "change_to_sustain": Formula(CLIENT, ("change_talk",), ("sustain_talk",)),
        "risk_statements": Formula(CLIENT, ("risk",)),
    })
    return out


FORMULAS = _formulas()
"""The progress page's rows that can be rebuilt from the utterances (the alliance index cannot:
it is scored against reference sessions, docs/alliance_index.md)."""


@dataclass(frozen=True)
class Estimate:
    """A value rebuilt from the utterances' decisions, with its 95 % interval (``high`` may be
    infinite: a ratio whose denominator can vanish in a draw)."""

    value: float
    low: float
    high: float

    def overlaps(self, other: Estimate) -> bool:
        return self.low <= other.high and other.low <= self.high


def turn_counts(session: Session, role: str) -> tuple[dict[str, int], np.ndarray]:
    """Per turn of ``role`` with coded utterances: how many coded utterances it has and how many of
    them carry each decided code; for the client, also the rupture episodes beginning in it (all,
    answered, repaired) and its risk moments. Returns (column index, turns x columns array)."""
    coded = [u for u in session.utterances if u.role == role and u.markers]
    rows = {t: i for i, t in enumerate(dict.fromkeys(u.turn_index for u in coded))}
    columns: dict[str, np.ndarray] = {UTTERANCES: np.zeros(len(rows))}

    def add(column: str, turn: int | None) -> None:
        if turn in rows:
            columns.setdefault(column, np.zeros(len(rows)))[rows[turn]] += 1

    for u in coded:
        add(UTTERANCES, u.turn_index)
        for m in u.markers:
            if m.decision:
                add(m.marker, u.turn_index)
    if role == CLIENT:
        turn_of = {u.index: u.turn_index for u in session.utterances}
        for e in session.episodes:
            turn = turn_of.get(e.client_utterances[0]) if e.client_utterances else None
            add("episodes", turn)
            if e.repaired is not None:
                add("answered", turn)
            if e.repaired:
                add("repaired", turn)
        for r in session.risk:
            add("risk", turn_of.get(r.client_utterance))
    names = {name: i for i, name in enumerate(columns)}
    return names, np.column_stack(list(columns.values())) if rows else np.zeros((0, len(names)))


def draws(table: np.ndarray, resamples: int = RESAMPLES, seed: int = SEED) -> np.ndarray:
    """Column sums over ``resamples`` bootstrap draws of the table's rows (turns): resamples x columns."""
    n = len(table)
    picks = np.random.default_rng(seed).integers(0, n, size=(resamples, n))  # each draw: n turns, with replacement
    weights = np.bincount((picks + n * np.arange(resamples)[:, None]).ravel(), minlength=resamples * n)
    return weights.reshape(resamples, n) @ table  # how often each turn was drawn, times its counts


def estimate(formula: Formula, names: dict[str, int], table: np.ndarray, drawn: np.ndarray) -> Estimate | None:
    """The value from the observed counts and its interval from the drawn ones (None when the
    value is undefined, e.g. a ratio without a denominator)."""
    def total(cols: tuple[str, ...], sums: np.ndarray):
        idx = [names[c] for c in cols if c in names]
        return sums[..., idx].sum(axis=-1) if idx else np.zeros(sums.shape[:-1])

    observed = table.sum(axis=0)
    num, den = float(total(formula.num, observed)), float(total(formula.den, observed))
    value = float(formula.value(num, den))
    if not math.isfinite(value):
        return None
    boot = formula.value(total(formula.num, drawn), total(formula.den, drawn))
    # A draw without a denominator (0/0: no questions drawn) could have been anything: it counts
    # against both ends of the interval.
    top = formula.scale if formula.share else math.inf
    # The outer order statistics (no interpolation: an infinite draw stays infinite).
    tail = 100 * (1 - LEVEL) / 2
    low = float(np.percentile(np.where(np.isnan(boot), 0.0, boot), tail, method="lower"))
    high = float(np.percentile(np.where(np.isnan(boot), top, boot), 100 - tail, method="higher"))
    if num == 0:  # no events: widen to what ZERO_EVENTS would give
        high = max(high, float(formula.value(ZERO_EVENTS, den + ZERO_EVENTS if formula.share else den)))
    if formula.share and den - num == 0:  # every one: the complement had no events
        low = min(low, float(formula.value(num, num + ZERO_EVENTS)))
    return Estimate(value, min(low, value), max(high, value))


def session_estimates(session: Session, resamples: int = RESAMPLES, seed: int = SEED) -> dict[str, Estimate]:
    """Every row of ``FORMULAS`` the session's coded utterances define, with its 95 % interval."""
    out: dict[str, Estimate] = {}
    for role in (THERAPIST, CLIENT):
        names, table = turn_counts(session, role)
        if not len(table):
            continue
        drawn = draws(table, resamples, seed)
        for key, formula in FORMULAS.items():
            if formula.role == role:
                found = estimate(formula, names, table, drawn)
                if found is not None:
                    out[key] = found
    return out
