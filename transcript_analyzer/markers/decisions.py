"""How each reported code is decided: the threshold its decision uses (None when no single
threshold decides it) and the model of record (the ``ModelInfo.name`` in ``session.meta.models``
whose card holds the code's held-out agreement). Read by the corpus tables (batch/codes.py);
the thresholds themselves live with the models (coder.json, head.json), never here.

A site calibration (``session.meta.calibration``) replaces some of these thresholds for the
sessions that used it; ``calibrated`` applies it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping, Sequence

from ..model import CalibrationInfo
from . import calibration as site_calibration
from .client import CLIENT_CODES
from .codebook import MARKER_NAMES, marker

RULE_DECIDED = {
    "inappropriate_self_disclosure": "an episode-level judgement (the Hill & Knox criteria, docs/codebook.md 5.3) "
                                     "over the self-disclosure decisions: no single threshold",
    "rigid_interpretation": "two chained decisions (interpretive, then rigid), a certainty-or-attribution wording "
                            "gate and the persistence rule (docs/codebook.md 6): no single threshold",
}
"""Codes decided by session rules over other decisions (threshold null)."""

CLASS_DECIDED = "the class the coder decides among several (class weights tuned on validation): no single threshold"
MECHANISM_RULE = ("present when one EPITOME mechanism is decided strong (a rule over the coder's three level "
                  "decisions, docs/codebook.md 3): no single threshold")
THRESHOLDED = "present when the probability reaches the threshold"
WITHDRAWN = ("; a strength decision is withdrawn (0) when the utterance answers risk talk, is answered by a rupture "
             "or answers one without repairing it (the reason is in session.json)")


@dataclass(frozen=True)
class CodeDecision:
    """How one code was decided in a run."""

    threshold: float | None  # None: no single threshold (see how_decided)
    model: str | None  # the model of record's name in session.meta.models


def decision_key(code: str) -> str:
    """The decision a code's threshold belongs to: both advice markers share the advice decision
    (the permission rule splits it afterwards)."""
    return "advice" if code in ("advice_with_permission", "advice_without_permission") else code


def client_code_names(shipped: Sequence[str], coder_tasks: Sequence[str]) -> tuple[str, ...]:
    """The client codes a run codes: with every shipped marker selected and a coder that has the
    rupture task (the markers stage's rule), those of the coder's client tasks."""
    if set(shipped) != set(MARKER_NAMES) or "rupture" not in coder_tasks:
        return ()
    return tuple(c.name for c in CLIENT_CODES if c.task in coder_tasks)


def code_decisions(codes: Sequence[str], coder: str | None, tasks: Mapping[str, Any],
                   marker_thresholds: Mapping[str, float], heads: Mapping[str, Any],
                   custom: Mapping[str, Any], appropriateness: str | None) -> dict[str, CodeDecision]:
    """Each code's shipped threshold and model of record. ``tasks``: the coder's task specs (with
    ``positive`` and ``threshold``); ``heads``/``custom``: loaded heads by name; ``marker_thresholds``:
    the coder's own per-marker thresholds (not a site calibration's)."""
    out = {}
    client = {c.name: c for c in CLIENT_CODES}
    for code in codes:
        if code in custom:
            out[code] = CodeDecision(_float(custom[code].threshold), code)
        elif code in client:
            spec = tasks.get(client[code].task)
            binary = spec is not None and spec.positive == client[code].cls
            out[code] = CodeDecision(_float(spec.threshold) if binary else None, coder)
        elif code in RULE_DECIDED:
            out[code] = CodeDecision(None, appropriateness if code == "inappropriate_self_disclosure"
                                     else _record(code, coder, tasks, heads))
        else:
            out[code] = CodeDecision(_threshold(decision_key(code), tasks, marker_thresholds, heads),
                                     _record(code, coder, tasks, heads))
    return out


def _threshold(key: str, tasks: Mapping[str, Any], marker_thresholds: Mapping[str, float],
               heads: Mapping[str, Any]) -> float | None:
    if key in marker_thresholds:
        return float(marker_thresholds[key])
    source = tasks.get(key) or heads.get(key)
    if source is not None and source.positive is not None:
        return _float(source.threshold)
    return None


def _record(code: str, coder: str | None, tasks: Mapping[str, Any], heads: Mapping[str, Any]) -> str | None:
    """The coder when it computes every part of the code; else the last separate head (whose card
    holds the chained marker's end-to-end figures, e.g. interpretation_certainty)."""
    parts = [h for h in marker(code).heads if h != "disclosure_appropriateness"]
    own = [h for h in parts if h not in tasks and h in heads]
    return own[-1] if own else coder


def _float(value: Any) -> float | None:
    return None if value is None else float(value)


def calibrated(code: str, decision: CodeDecision, calibration: CalibrationInfo | None) -> tuple[float | None, str | None]:
    """(threshold, calibration name) a session used for a code: the site calibration's threshold
    where it sets this code's decision, else the shipped one (and no name)."""
    if calibration is not None:
        key = site_calibration.decision_of(code)
        for t in calibration.thresholds:
            if t.marker == key:
                return float(t.threshold), calibration.name
    return decision.threshold, None


def how_decided(code: str) -> str:
    """One line for the data dictionary: what the decision is, and when the threshold is null."""
    if code in RULE_DECIDED:
        return RULE_DECIDED[code]
    if code == "empathy":
        return MECHANISM_RULE + " (unless the coder sets an empathy threshold)" + WITHDRAWN
    client = {c.name: c for c in CLIENT_CODES}
    if code in client:
        return (THRESHOLDED + " (a safety net: the threshold favours recall)" if code == "risk_talk"
                else CLASS_DECIDED.replace("the coder decides", f"the coder decides for its {client[code].task} task"))
    if code in MARKER_NAMES:
        if code in ("open_question", "closed_question", "simple_reflection", "complex_reflection", "giving_information"):
            return CLASS_DECIDED
        if code.startswith("advice_"):
            return THRESHOLDED + " (the advice decision), then the permission rule decides which of the two advice markers"
        return THRESHOLDED + (WITHDRAWN if code == "positive_regard" else "")
    return THRESHOLDED + " (a custom code's binary head)"
