"""`transcript-analyzer train --recalibrate REVIEWS... --sessions RUNS [--name NAME]`: the shipped
markers' decision thresholds refitted to a site's reviews, written as a local model card beside the
user's custom codes (markers/calibration.py reads it; docs/review.md).

For each decision a calibration can set (markers/calibration.DECISIONS): the reviewed therapist
utterances, each with the coder's probability from its session.json (the coder that is installed:
checked by sha256) and the reviewers' reference label (importer.py; advice: present when a reviewer
says either advice marker is); the threshold is refitted by review/fit.py, weighting each reviewed
moment by how many utterances of its group (flagged by the model or not, in the reviewed sessions)
it stands for, and kept only when refitting beats the shipped decisions on reviews left out in at
least 60 % of bootstrap rounds. Decisions with too few reviews keep the shipped threshold; the card
says so. The shipped models are never touched.
"""

from __future__ import annotations

import datetime
import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from .. import __version__
from ..errors import ConfigError, InputError
from ..markers.calibration import DECISIONS, FILE, KIND
from ..model import THERAPIST
from ..resources import find_model, user_models_dir, verify
from . import fit
from .importer import Imported, Label, import_reviews
from .output import reference_labels

log = logging.getLogger(__name__)

DEFAULT_NAME = "site"
RULE = (f"per decision: the threshold with the highest F1 on the reviewed moments, each weighted by how many "
        f"utterances of its group (flagged by the model / not flagged, in the reviewed sessions) it stands for; the "
        f"shipped threshold on a tie; only with at least {fit.MIN_POSITIVES} reviewed moments where the marker is "
        f"present and {fit.MIN_NEGATIVES} where it is absent, and only if refitting beats the shipped decisions on the "
        f"reviews left out in at least {fit.CONFIDENCE:.0%} of {fit.BOOTS} bootstrap rounds")


@dataclass(frozen=True)
class ShippedCoder:
    name: str
    version: str | None
    sha256: str | None
    thresholds: dict[str, float | None]  # decision -> shipped threshold


def shipped_coder(name: str = "coder") -> ShippedCoder:
    """The installed coder's identity and the shipped thresholds of the decisions (from coder.json)."""
    folder = find_model(name)
    sums = verify(folder)
    config = json.loads((folder / "coder.json").read_text(encoding="utf-8"))
    tasks = {t["name"]: t for t in config["tasks"]}
    thresholds: dict[str, float | None] = {d: tasks.get(d, {}).get("threshold") for d in DECISIONS}
    thresholds.update({d: float(t) for d, t in config.get("marker_thresholds", {}).items() if d in DECISIONS})
    return ShippedCoder(config.get("name", "coder"), config.get("version"), sums.get("model.onnx"), thresholds)


@dataclass(frozen=True)
class DecisionData:
    """One decision's reviewed utterances (probability, reviewers' label, shipped decision, weight)."""

    decision: str
    p: np.ndarray
    y: np.ndarray
    shipped: np.ndarray
    withdrawn: np.ndarray  # positive decisions a session rule withdrew (they stay withdrawn)
    weights: np.ndarray
    flagged_total: int
    unflagged_total: int
    ties: int
    units: tuple[tuple[str, int], ...]


def check_coder(imported: Imported, coder: ShippedCoder) -> None:
    """Every reviewed session must carry the installed coder's probabilities."""
    for r in imported.reviews:
        used = [m for m in r.session.meta.models if m.stage == "markers" and m.name == coder.name]
        if not used:
            raise InputError(r.found.path, f"has no results of the coder ('{coder.name}'): analyse the session with "
                                           "the shipped markers and review that run")
        if coder.sha256 and used[0].sha256 != coder.sha256:
            raise InputError(r.found.path, f"was coded by the coder {(used[0].sha256 or '?')[:12]} (version "
                                           f"{used[0].version}), but the installed coder is {coder.sha256[:12]} "
                                           f"(version {coder.version}): a recalibration fits the installed coder's "
                                           "probabilities. Analyse the session again (the review still applies: it "
                                           "refers to the words, not to the model) and pass that run to --sessions")


def decision_data(imported: Imported, decision: str, shipped: float | None) -> DecisionData:
    markers = DECISIONS[decision]
    sessions = imported.sessions
    labels = [x for x in imported.labels if x.code in markers]
    merged: dict[tuple[str, int, str], int] = {}
    for x in labels:  # advice: present when a reviewer says either advice marker is
        key = (x.session_id, x.utterance, x.reviewer)
        merged[key] = max(merged.get(key, 0), x.value)
    refs, ties = reference_labels([Label(s, u, decision, v, r, "") for (s, u, r), v in merged.items()])
    flagged_total = unflagged_total = 0
    p, y, stored, withdrawn, units = [], [], [], [], []
    for sid, session in sorted(sessions.items()):
        for u in session.utterances:
            scores = [m for m in u.markers if m.marker in markers]
            if u.role != THERAPIST or not scores:
                continue
            decided = any(m.decision for m in scores)
            flagged_total += decided
            unflagged_total += not decided
            ref = refs.get((decision, sid, u.index))
            if ref is None:
                continue
            p.append(sum(m.probability for m in scores))
            y.append(ref)
            stored.append(decided)
            withdrawn.append(not decided and any(m.reasons for m in scores))
            units.append((sid, u.index))
    p_, stored_, withdrawn_ = np.array(p, float), np.array(stored, bool), np.array(withdrawn, bool)
    shipped_d = (p_ >= shipped) & ~withdrawn_ if shipped is not None else stored_
    weights = fit.stratum_weights(stored_, flagged_total, unflagged_total)
    return DecisionData(decision, p_, np.array(y, int), shipped_d, withdrawn_, weights, flagged_total,
                        unflagged_total, ties.get(decision, 0), tuple(units))


def fit_decision(data: DecisionData, shipped: float | None) -> dict[str, Any]:
    """The calibration.json entry of one decision."""
    result = fit.fit_threshold(data.p, data.y, shipped, before=data.shipped, w=data.weights)
    refitted = result.threshold is not None and shipped is not None
    after = (data.p >= result.threshold) & ~data.withdrawn if refitted else None
    return {
        "markers": list(DECISIONS[data.decision]), "shipped_threshold": shipped,
        "threshold": result.threshold if refitted else None, "status": "recalibrated" if refitted else "shipped",
        "reason": result.reason if shipped is not None else "no shipped threshold to replace",
        "reviewed": len(data.y), "present": result.positives, "absent": result.negatives, "ties": data.ties,
        "flagged_in_sessions": data.flagged_total, "not_flagged_in_sessions": data.unflagged_total,
        "before": fit.agreement(data.shipped, data.y) if len(data.y) else None,
        "after": fit.agreement(after, data.y) if after is not None else None,
        "weighted_f1_before": _r(result.f1_before), "weighted_f1_after": _r(result.f1_after) if refitted else None,
    }


def _r(x: float | None) -> float | None:
    return None if x is None else round(float(x), 4)


def calibration_data(imported: Imported, name: str, coder: ShippedCoder) -> dict[str, Any]:
    """Everything calibration.json holds."""
    check_coder(imported, coder)
    decisions = {d: fit_decision(decision_data(imported, d, coder.thresholds.get(d)), coder.thresholds.get(d))
                 for d in DECISIONS}
    covered = {m for d in DECISIONS.values() for m in d}
    others: dict[str, int] = {}
    for x in imported.labels:
        if x.verdict and x.code not in covered:
            others[x.code] = others.get(x.code, 0) + 1
    return {
        "kind": KIND, "name": name, "date": datetime.date.today().isoformat(),
        "created_at": datetime.datetime.now().astimezone().isoformat(timespec="seconds"), "tool_version": __version__,
        "coder": {"name": coder.name, "version": coder.version, "sha256": coder.sha256},
        "rule": {"description": RULE, "min_positives": fit.MIN_POSITIVES, "min_negatives": fit.MIN_NEGATIVES,
                 "out_of_bag_share": fit.CONFIDENCE, "bootstrap_rounds": fit.BOOTS, "weighted": True},
        "thresholds": {d: e["threshold"] for d, e in decisions.items() if e["status"] == "recalibrated"},
        "decisions": decisions,
        "reviewed_moments": sum(e["reviewed"] for e in decisions.values()),
        "all_reviewed_moments": imported.reviewed_moments,
        "not_recalibrated": dict(sorted(others.items())),
        "reviewers": list(imported.reviewers),
        "sessions": [{"session_id": r.session.meta.session_id, "content_sha256": r.found.content_sha256}
                     for r in {r.session.meta.session_id: r for r in imported.reviews}.values()],
        "review_files": [{"name": r.review.path.name, "sha256": r.review.sha256} for r in imported.reviews],
    }


@dataclass(frozen=True)
class Recalibration:
    folder: Path
    data: dict[str, Any]


def target_folder(name: str, out_dir: str | Path | None, replace: bool) -> Path:
    from ..markers.custom import NAME, installed

    if not NAME.fullmatch(name):
        raise ConfigError(f"calibration name '{name}': use 2-40 lowercase letters, digits and underscores, starting "
                          "with a letter (e.g. clinic_a)")
    root = Path(out_dir).expanduser() if out_dir else user_models_dir()
    folder = root / name
    if not out_dir and name in installed():
        raise ConfigError(f"{folder} holds the custom code '{name}'; choose another name for the calibration")
    if folder.exists() and not ((folder / FILE).is_file() or not any(folder.iterdir())):
        raise ConfigError(f"{folder} exists and is not a calibration; choose another name")
    if folder.exists() and any(folder.iterdir()) and not replace:
        raise ConfigError(f"{folder} already exists; pass --replace to refit the calibration '{name}' (sessions "
                          "analysed with the old one keep its sha256 in meta.calibration)")
    return folder


def recalibrate(reviews: Sequence[str | Path], sessions: Sequence[str | Path], name: str = DEFAULT_NAME,
                out_dir: str | Path | None = None, replace: bool = False) -> Recalibration:
    """Fit a site calibration from review files and install it (``out_dir``: instead of the user
    models folder). The shipped models are read, never written."""
    from ..training import write_model
    from .card import render_card

    folder = target_folder(name, out_dir, replace)
    imported = import_reviews(reviews, sessions)
    data = calibration_data(imported, name, shipped_coder())

    def save(tmp: Path) -> list[str]:
        (tmp / FILE).write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        (tmp / "card.md").write_text(render_card(data), encoding="utf-8")
        return [FILE, "card.md"]

    write_model(folder, save, {})
    log.info("site calibration %s: thresholds %s from %d reviewed moments", name, data["thresholds"] or "unchanged",
             data["reviewed_moments"])
    return Recalibration(folder, data)


def summary_lines(result: Recalibration) -> list[str]:
    """What the CLI prints: one line per decision."""
    lines = []
    for d, e in result.data["decisions"].items():
        if e["status"] == "recalibrated":
            b, a = e["before"], e["after"]
            lines.append(f"  {d}: threshold {e['shipped_threshold']:.3f} -> {e['threshold']:.3f} ({e['reviewed']} reviewed; "
                         f"agreement with the reviews {b['agree']:.0%} -> {a['agree']:.0%})")
        else:
            lines.append(f"  {d}: shipped threshold kept ({e['reviewed']} reviewed; {e['reason']})")
    return lines
