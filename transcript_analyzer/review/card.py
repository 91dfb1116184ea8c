"""The local model card of a site calibration (card.md beside calibration.json)."""

from __future__ import annotations

from typing import Any

SMALL = 200
"""Fewer reviewed moments of a decision than this: the card warns (docs/review.md: below about 200 a
refit helped no more often than it hurt in the simulation)."""


def _pct(x: float | None) -> str:
    return "n/a" if x is None else f"{x:.0%}"


def _num(x: float | None, digits: int = 3) -> str:
    return "n/a" if x is None else f"{x:.{digits}f}"


def _agreement(a: dict[str, Any] | None) -> str:
    if not a:
        return "n/a"
    return (f"agree {_pct(a['agree'])}, precision {_num(a['precision'], 2)}, recall {_num(a['recall'], 2)}, "
            f"F1 {_num(a['f1'])}, κ {_num(a['kappa'])}")


def render_card(data: dict[str, Any]) -> str:
    coder = data["coder"]
    decisions = data["decisions"]
    changed = [d for d, e in decisions.items() if e["status"] == "recalibrated"]
    out = [f"# Site calibration `{data['name']}`", "",
           "A local model card: the shipped markers' decision thresholds refitted to this site's own reviews by "
           "`transcript-analyzer train --recalibrate`. Used only when asked: `transcript-analyzer analyze SESSION "
           f"--calibration {data['name']}`. The shipped models are unchanged; probabilities, evidence and every other "
           "marker stay as shipped.", "",
           "## Summary", "",
           f"- Fitted {data['date']} by transcript-analyzer {data['tool_version']} to the coder "
           f"`{coder['name']}` version {coder['version']}, sha256 `{coder['sha256']}` (refused with any other coder).",
           f"- Data: {data['reviewed_moments']} reviewed moments of the recalibratable markers "
           f"({data['all_reviewed_moments']} verdicts in all) by {len(data['reviewers'])} reviewer(s) "
           f"({', '.join(data['reviewers'])}) in {len(data['sessions'])} session(s) "
           f"({', '.join(s['session_id'] for s in data['sessions'])}); review files: "
           f"{', '.join(f['name'] for f in data['review_files'])}.",
           f"- Thresholds changed: {', '.join(changed) or 'none (every decision keeps the shipped threshold)'}.", ""]
    small = [d for d, e in decisions.items() if e["reviewed"] and e["reviewed"] < SMALL]
    if small:
        counts = ", ".join(f"{d} {decisions[d]['reviewed']}" for d in small)
        out += [f"> **Small numbers.** Reviewed moments: {counts}. Below about {SMALL} per decision, refitting helped "
                "no more often than it hurt in a simulation with human codes (docs/review.md); read the agreement below "
                "as what the reviews say, not as what to expect on new sessions.", ""]
    out += ["## Thresholds", "",
            "| decision | markers | shipped | site | reviewed (present / absent) | status |",
            "|---|---|---:|---:|---|---|"]
    for d, e in decisions.items():
        out.append(f"| {d} | {', '.join(e['markers'])} | {_num(e['shipped_threshold'])} | {_num(e['threshold'])} | "
                   f"{e['reviewed']} ({e['present']} / {e['absent']}) | {e['reason']} |")
    out += ["", "## Agreement with the reviews", "",
            "On the reviewed moments themselves (unweighted): the shipped decisions, and the site's where a threshold "
            "changed. These are the moments the thresholds were fitted to, so the 'site' column is optimistic.", "",
            "| decision | shipped decisions | site decisions |", "|---|---|---|"]
    for d, e in decisions.items():
        out.append(f"| {d} | {_agreement(e['before'])} | {_agreement(e['after']) if e['after'] else 'unchanged'} |")
    out += ["", "## Method", "", f"{data['rule']['description']}.", "",
            "A reviewed moment's label is the reviewers' (the decision the reviewer saw when they agreed, its opposite "
            "when they disagreed, present when they coded it instead of another marker; several reviewers: the "
            "majority, ties left out). Advice is one decision before the permission rule: present when a reviewer "
            "says either advice marker is. The probabilities are the coder's, read from each session's session.json.",
            ""]
    if data["not_recalibrated"]:
        out += ["Verdicts on markers a calibration does not set (kept as shipped; they are in `review import`'s gold "
                "and training labels): " + ", ".join(f"{m} ({n})" for m, n in data["not_recalibrated"].items()) + ".",
                ""]
    out += ["## Limits", "",
            "- Reviewers see the flagged moments more often than the rest; the weighting assumes the reviewed moments "
            "of each group (flagged / not flagged) are a random pick from it. Reviewing only the misses you noticed "
            "pushes thresholds down.",
            "- A threshold fitted to one site's sessions and reviewers carries their habits; check it on sessions "
            "that were not reviewed (`review import` then `evaluate --gold`) before relying on it.",
            "- The reviewers' labels are one or a few people's judgement, not an adjudicated coding.", ""]
    return "\n".join(out)
