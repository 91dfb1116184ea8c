"""The markers the analyzer reports, and how each is computed from the heads' outputs.

Definitions, include/exclude rules and sources are in docs/codebook.md; this module is the
executable side of it. A marker's probability for an utterance comes from one head, or from a
chain of heads (an open question is a question, then an open one: P(question) * P(open |
question)); session-context markers are finished by the rules in ``rules.py``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Sequence

import numpy as np

from ..errors import ConfigError


@dataclass(frozen=True)
class MarkerDef:
    name: str
    title: str
    group: str  # "alliance" or "mi"
    direction: int  # +1 supports the alliance, -1 risks it, 0 neutral (MI information)
    description: str
    heads: tuple[str, ...]
    codebook: str


MARKERS: tuple[MarkerDef, ...] = (
    MarkerDef("empathy", "Empathy", "alliance", +1,
              "Communicates understanding of the client's feelings or meaning (strong level on an EPITOME mechanism: "
              "emotional reaction, interpretation or exploration).",
              ("epitome_er", "epitome_ip", "epitome_ex", "mi_main", "reflection_type", "self_disclosure"), "section 3"),
    MarkerDef("positive_regard", "Positive regard", "alliance", +1,
              "Affirms the client's strengths, efforts or worth; warmth without conditions.", ("positive_regard",), "section 4"),
    MarkerDef("self_disclosure", "Self-disclosure", "alliance", 0,
              "The therapist reveals their own life, experiences or feelings outside the session.", ("self_disclosure",), "section 5"),
    MarkerDef("inappropriate_self_disclosure", "Inappropriate self-disclosure", "alliance", -1,
              "A disclosure that is long, frequent, intimate, keeps the focus on the therapist or does not serve the client (Hill & Knox).",
              ("self_disclosure", "disclosure_appropriateness"), "section 5.3"),
    MarkerDef("rigid_interpretation", "Rigid over-interpretation", "alliance", -1,
              "Asserts a meaning, motive or cause the client has not offered, with certainty and without checking, or repeats it after the client disagreed.",
              ("interpretive", "interpretation_certainty"), "section 6"),
    MarkerDef("open_question", "Open question", "mi", +1, "Invites the client to elaborate.", ("mi_main", "question_type"), "section 7"),
    MarkerDef("closed_question", "Closed question", "mi", 0, "Asks for yes/no or a specific fact.", ("mi_main", "question_type"), "section 7"),
    MarkerDef("simple_reflection", "Simple reflection", "mi", +1, "Repeats or rephrases what the client said.", ("mi_main", "reflection_type"), "section 7"),
    MarkerDef("complex_reflection", "Complex reflection", "mi", +1, "Adds meaning or emphasis to what the client said.", ("mi_main", "reflection_type"), "section 7"),
    MarkerDef("giving_information", "Giving information", "mi", 0, "Gives information, explains or gives feedback.", ("mi_main", "input_type"), "section 7"),
    MarkerDef("advice_with_permission", "Advice with permission", "mi", 0,
              "Advice after the client agreed to hear it, or that offers itself as optional.", ("advice",), "section 7"),
    MarkerDef("advice_without_permission", "Advice without permission", "mi", -1,
              "Advice, suggestion or direction the client did not ask for.", ("advice",), "section 7"),
    MarkerDef("confront", "Confront", "mi", -1, "Disagrees, argues, warns, shames, blames or moralises.", ("confront",), "section 7"),
)

MARKER_NAMES = tuple(m.name for m in MARKERS)


def marker(name: str) -> MarkerDef:
    for m in MARKERS:
        if m.name == name:
            return m
    raise ConfigError(f"unknown marker '{name}'; known: {', '.join(MARKER_NAMES)}")


def required_heads(names: tuple[str, ...] = MARKER_NAMES) -> tuple[str, ...]:
    """Heads needed for these markers (the appropriateness model is loaded by the stage itself)."""
    heads = [h for n in names for h in marker(n).heads if h != "disclosure_appropriateness"]
    return tuple(dict.fromkeys(heads))


Outputs = dict[str, tuple[np.ndarray, np.ndarray]]  # head -> (probabilities (n, classes), decided class index (n,))


def _chain(out: Outputs, classes: dict[str, tuple[str, ...]], first: str, first_class: str,
           second: str, second_class: str) -> tuple[np.ndarray, np.ndarray]:
    p1, d1 = out[first]
    p2, d2 = out[second]
    i, j = classes[first].index(first_class), classes[second].index(second_class)
    return p1[:, i] * p2[:, j], (d1 == i) & (d2 == j)


# Codebook section 3: empathy is present when one EPITOME mechanism is at the strong level. The
# Interpretations mechanism includes reflections of feeling and meaning (3.3), which is what a
# complex reflection is (3.8): in spoken therapy EPITOME's Reddit-trained levels miss most of them,
# so a complex reflection (MI main behaviour x subtype) also makes Interpretations strong.
MECHANISMS: tuple[tuple[str, str], ...] = (("epitome_er", "emotional_reactions"), ("epitome_ip", "interpretations"),
                                           ("epitome_ex", "explorations"))
STRONG = "2"


# Codebook 3.3: a strong Interpretation made of the responder's own experience ("me too, I went
# through the same") is self-disclosure, not empathy. EPITOME's levels count it, so the coder learnt
# to; with the rule ``interpretation_disclosure_below`` (coder.json ``marker_rules``, chosen on
# validation by training/coder/calibrate.py) an Interpretation (EPITOME's, or a complex reflection)
# is strong only while the coder's P(self-disclosure) stays below it, and its probability is
# P(strong) x (1 - P(self-disclosure)).
DISCLOSURE_RULE = "interpretation_disclosure_below"


def _strong(out: Outputs, classes: dict[str, tuple[str, ...]], head: str,
            rules: dict[str, float] | None = None) -> tuple[np.ndarray, np.ndarray]:
    """P(strong) and decided-strong of one mechanism (Interpretations: not the therapist's own
    story, when the rule is set; or a complex reflection)."""
    p, d = out[head]
    k = classes[head].index(STRONG)
    prob, decided = p[:, k], d == k
    if head == "epitome_ip":
        if "mi_main" in out and "reflection_type" in out:
            cp, cd = _chain(out, classes, "mi_main", "reflection", "reflection_type", "complex")
            prob, decided = np.maximum(prob, cp), decided | cd
        below = (rules or {}).get(DISCLOSURE_RULE)
        if below is not None and "self_disclosure" in out:
            sd, _ = _binary(out, classes, "self_disclosure")
            prob, decided = prob * (1 - sd), decided & (sd < below)
    return prob, decided


def _mechanisms(out: Outputs, classes: dict[str, tuple[str, ...]],
                rules: dict[str, float] | None = None) -> tuple[np.ndarray, np.ndarray]:
    """P(empathy) = the largest P(strong) over the three mechanisms; present when one is decided strong."""
    parts = [_strong(out, classes, h, rules) for h, _ in MECHANISMS]
    return np.stack([p for p, _ in parts]).max(axis=0), np.stack([d for _, d in parts]).any(axis=0)


def mechanism_levels(out: Outputs, classes: dict[str, tuple[str, ...]],
                     rules: dict[str, float] | None = None) -> list[list[tuple[str, int, float]]]:
    """Per row, (mechanism, decided level, its probability), for the empathy marker's output. A
    level-2 decision the rules withdraw reads as the likelier of the two lower levels."""
    columns = []
    for head, name in MECHANISMS:
        p, d = out[head]
        prob, strong = _strong(out, classes, head, rules)
        k = classes[head].index(STRONG)
        lower = np.where(np.arange(p.shape[1]) == k, -np.inf, p).argmax(axis=1)  # best level below strong
        level = np.where(strong, k, np.where(d == k, lower, d))
        value = np.where(strong, prob, p[np.arange(len(p)), level])
        columns.append([(name, int(classes[head][lv]), float(v)) for lv, v in zip(level, value)])
    return [list(row) for row in zip(*columns)]


def _binary(out: Outputs, classes: dict[str, tuple[str, ...]], head: str, positive: str = "yes") -> tuple[np.ndarray, np.ndarray]:
    p, d = out[head]
    i = classes[head].index(positive)
    return p[:, i], d == i


# Codebook 6.5 Q5: rigid means asserted with a certainty marker or as a causal or motivational
# claim about the client's inner life. Stricter than the cues of features.py: "really" and
# "actually" are everyday intensifiers in reflections (OI-1), "pattern" and "your mum" are
# ordinary reflection and affirmation words.
GATES: dict[str, re.Pattern[str]] = {
    "certainty_or_attribution": re.compile(
        r"\b(clearly|obviously|definitely|certainly|no doubt|of course you|the truth is|the real (reason|problem|issue|question)|"
        r"what'?s really (going on|happening|behind)|deep down|you'?re (just|simply)|textbook|classic|i know (you|that you)|"
        r"because (you|you'?re|your)|that'?s why you|the reason (you|is that you)|stems? from|rooted in|"
        r"(is|it'?s|this is|that'?s) (really |clearly |obviously |all |actually )?about (your|you)|afraid of|fear of|"
        r"defen[cs](e|ive)|resist(ing|ance)|denial|projecting|(sub|un)conscious\w*|that'?s (the|your) \w+ talking)\b", re.I),
}


def gate(name: str, text: str) -> bool:
    """Whether a decision's required linguistic form is present in the text."""
    if name not in GATES:
        raise ConfigError(f"unknown gate '{name}'; known: {', '.join(GATES)}")
    return bool(GATES[name].search(text))


DECISION_GATES: dict[str, str] = {"rigid_interpretation": "certainty_or_attribution"}  # marker -> gate


Rule = Callable[[Outputs, dict[str, tuple[str, ...]]], tuple[np.ndarray, np.ndarray]]

UTTERANCE_LEVEL: dict[str, Rule] = {
    "empathy": _mechanisms,
    "positive_regard": lambda o, c: _binary(o, c, "positive_regard"),
    "self_disclosure": lambda o, c: _binary(o, c, "self_disclosure"),
    "rigid_interpretation": lambda o, c: _chain(o, c, "interpretive", "yes", "interpretation_certainty", "rigid"),
    "open_question": lambda o, c: _chain(o, c, "mi_main", "question", "question_type", "open"),
    "closed_question": lambda o, c: _chain(o, c, "mi_main", "question", "question_type", "closed"),
    "simple_reflection": lambda o, c: _chain(o, c, "mi_main", "reflection", "reflection_type", "simple"),
    "complex_reflection": lambda o, c: _chain(o, c, "mi_main", "reflection", "reflection_type", "complex"),
    "giving_information": lambda o, c: _chain(o, c, "mi_main", "therapist_input", "input_type", "information"),
    "advice": lambda o, c: _binary(o, c, "advice"),
    "confront": lambda o, c: _binary(o, c, "confront"),
}


def apply_gates(scores: dict[str, tuple[np.ndarray, np.ndarray]], texts: Sequence[str]) -> None:
    """Withdraw decisions whose marker requires a linguistic form the text lacks (probabilities stay)."""
    for name, gate_name in DECISION_GATES.items():
        if name in scores:
            p, d = scores[name]
            scores[name] = (p, d & np.array([gate(gate_name, t) for t in texts], dtype=bool))


def utterance_markers(out: Outputs, classes: dict[str, tuple[str, ...]],
                      thresholds: dict[str, float] | None = None,
                      rules: dict[str, float] | None = None) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """(probability, decision) arrays per utterance-level marker, from the heads' outputs.
    ``thresholds``: markers decided by their own probability against a calibrated threshold
    instead of by their parts' decisions (the coder's rate-matched empathy threshold); ``rules``:
    the coder's calibrated marker rules (``DISCLOSURE_RULE``)."""
    scores = {name: (_mechanisms(out, classes, rules) if name == "empathy" else rule(out, classes))
              for name, rule in UTTERANCE_LEVEL.items() if all(h in out for h in _heads_of(name))}
    for name, t in (thresholds or {}).items():
        if name in scores:
            scores[name] = (scores[name][0], scores[name][0] >= t)
    return scores


def _heads_of(name: str) -> tuple[str, ...]:
    return ("advice",) if name == "advice" else marker(name).heads
