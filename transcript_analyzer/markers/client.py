"""Client codes and the alliance as a sequence (docs/codebook.md sections 8 and 9).

The coder codes each client utterance with the conversation before it: MI talk type (change /
neutral / sustain), 3RS rupture markers (withdrawal, confrontation) and risk talk. This module
turns those outputs into client codes, and the session's client and therapist codes into rupture
episodes (a marker, the therapist's response, repaired or not, and the client's reaction) and
risk moments (risk talk with the therapist's response beside it). Pure functions; the markers
stage runs them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

import numpy as np

from ..model import THERAPIST, RiskMoment, RuptureEpisode, Utterance


@dataclass(frozen=True)
class ClientCode:
    name: str
    title: str
    task: str
    cls: str
    description: str
    codebook: str


CLIENT_CODES: tuple[ClientCode, ...] = (
    ClientCode("change_talk", "Change talk", "client_talk", "change",
               "The client argues for change: desire, ability, reasons, need, commitment, steps (MISC 2.5).", "section 8.1"),
    ClientCode("sustain_talk", "Sustain talk", "client_talk", "sustain",
               "The client argues for the status quo (MISC 2.5); not a rupture by itself (CR-1).", "section 8.1"),
    ClientCode("rupture_withdrawal", "Rupture: withdrawal", "rupture", "withdrawal",
               "The client moves away from the therapist or the work: minimal or deferential answers to an invitation, "
               "'I don't know' that closes a question, denial, abrupt topic shifts (3RS).", "section 8.2"),
    ClientCode("rupture_confrontation", "Rupture: confrontation", "rupture", "confrontation",
               "The client moves against the therapist or the work: disagrees with the therapist's view, rejects a "
               "suggestion, complains about the therapist or the therapy, pushes back (3RS).", "section 8.2"),
    ClientCode("risk_talk", "Risk talk", "risk", "yes",
               "Suicidal thoughts, self-harm, harm to others or abuse. A prompt for the supervisor, not a risk assessment; "
               "the threshold favours recall.", "section 8.6"),
)
CLIENT_CODE_NAMES = tuple(c.name for c in CLIENT_CODES)
CLIENT_TASKS = ("client_talk", "rupture", "risk")
RUPTURE_CODES = {"rupture_withdrawal": "withdrawal", "rupture_confrontation": "confrontation"}
REPAIR_TASK = "repair"

Outputs = dict[str, tuple[np.ndarray, np.ndarray]]


def client_scores(out: Outputs, classes: dict[str, tuple[str, ...]]) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """(probability, decision) per client code from the coder's client tasks (those it has)."""
    scores = {}
    for code in CLIENT_CODES:
        if code.task in out and code.cls in classes[code.task]:
            p, decided = out[code.task]
            k = classes[code.task].index(code.cls)
            scores[code.name] = (p[:, k], decided == k)
    return scores


# A therapist turn that only acknowledges ("Mm-hmm.", "Okay.", "Right, yeah.") is not the response
# to a rupture (codebook RP-5): the response is the first turn that says something.
_BACKCHANNEL = re.compile(r"^(?:(?:mm+[- ]?h?mm+|uh[- ]?huh|mhm|hmm+|okay|ok|right|yeah|yes|sure|i see|got it|alright|"
                          r"all right)[\s,.!]*)+$", re.I)


def backchannel(text: str) -> bool:
    return bool(_BACKCHANNEL.match(text.strip()))


def decided(u: Utterance, name: str) -> bool:
    """Whether the code ``name`` is decided present on the utterance."""
    return any(m.marker == name and m.decision for m in u.markers)


def _codes(u: Utterance) -> tuple[str, ...]:
    return tuple(m.marker for m in u.markers if m.decision and m.marker in CLIENT_CODE_NAMES)


def _response(utts: Sequence[Utterance], after: int) -> tuple[tuple[int, ...], int | None]:
    """The therapist's response to the client utterance ``after``: the utterances of the first
    therapist turn after it that is not a backchannel (before the client speaks again with
    something other than a continuation), and the client's next utterance after that response."""
    i = after + 1
    while i < len(utts) and utts[i].role != THERAPIST:
        i += 1
    while i < len(utts):
        turn = utts[i].turn_index
        rows = []
        while i < len(utts) and utts[i].turn_index == turn:
            rows.append(i)
            i += 1
        if not all(backchannel(utts[r].text) for r in rows):
            reaction = next((j for j in range(i, len(utts)) if utts[j].role != THERAPIST), None)
            return tuple(rows), reaction
        while i < len(utts) and utts[i].role != THERAPIST:  # the client went on after the backchannel
            i += 1
    return (), None


def build_episodes(utts: Sequence[Utterance], repair: dict[int, float], threshold: float) -> tuple[RuptureEpisode, ...]:
    """One episode per client turn with a rupture marker (codebook CR-9: every turn that carries
    a marker is coded), from the client codes on ``utts`` and the coder's P(repair) per therapist
    utterance (``repair``). A confrontation met with persistence and followed by withdrawal is two
    episodes: the first unrepaired, its reaction the withdrawal."""
    episodes: list[RuptureEpisode] = []
    seen_turns: set[int] = set()
    for i, u in enumerate(utts):
        if u.role == THERAPIST or u.turn_index in seen_turns:
            continue
        seen_turns.add(u.turn_index)
        turn = [j for j in range(i, len(utts)) if utts[j].turn_index == u.turn_index]
        marked = [(j, kind) for j in turn for code, kind in RUPTURE_CODES.items() if decided(utts[j], code)]
        if not marked:
            continue
        rows, reaction = _response(utts, turn[-1])
        p_repair = max((repair[r] for r in rows if r in repair), default=None)
        first, kind = marked[0]
        ends = [utts[r].end for r in rows if utts[r].end is not None]
        episodes.append(RuptureEpisode(
            kind=kind, client_utterances=tuple(dict.fromkeys(j for j, _ in marked)),
            probability=round(max(m.probability for m in utts[first].markers if m.marker in RUPTURE_CODES), 4),
            response_utterances=rows, repaired=None if p_repair is None else p_repair >= threshold,
            repair_probability=None if p_repair is None else round(float(p_repair), 4),
            reaction_utterance=reaction, reaction_codes=_codes(utts[reaction]) if reaction is not None else (),
            start=utts[first].start, end=max(ends) if ends else utts[turn[-1]].end))
    return tuple(episodes)


def risk_moments(utts: Sequence[Utterance]) -> tuple[RiskMoment, ...]:
    """Every client utterance decided as risk talk, with the therapist's next turn."""
    out = []
    for i, u in enumerate(utts):
        score = next((m for m in u.markers if m.marker == "risk_talk"), None)
        if u.role == THERAPIST or score is None or not score.decision:
            continue
        rows, _ = _response(utts, i)
        out.append(RiskMoment(client_utterance=i, probability=score.probability, response_utterances=rows,
                              evidence=score.evidence, start=u.start))
    return tuple(out)


def answers_to_protect(risk: Sequence[RiskMoment], episodes: Sequence[RuptureEpisode],
                       utts: Sequence[Utterance]) -> dict[int, str]:
    """Therapist utterances that can never be a strength, with the reason: the turn a client
    answered with a rupture (the client's reaction says it did not land as understanding or
    regard), every response to a rupture that did not repair it (codebook RP-4, section 9), and
    every response to risk talk (the supervisor judges it, beside the client's words)."""
    out: dict[int, str] = {}
    for e in episodes:
        first = e.client_utterances[0]
        before = next((j for j in range(first - 1, -1, -1) if utts[j].role == THERAPIST), None)
        if before is not None:
            turn = utts[before].turn_index
            for j in range(before, -1, -1):
                if utts[j].turn_index != turn:
                    break
                out[j] = f"the client answered it with a rupture ({e.kind}, utterance {first})"
    for e in episodes:
        if e.repaired is False:
            for r in e.response_utterances:
                out[r] = f"answers a client {e.kind} (utterance {e.client_utterances[0]}) without repairing it"
    for m in risk:
        for r in m.response_utterances:
            out[r] = f"answers risk talk (utterance {m.client_utterance}): for the supervisor to judge, never a strength"
    return out
