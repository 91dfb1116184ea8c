"""The model card of a custom code: its data (file, sha256, size, balance), method, nested
cross-validated results, failure modes (counts and lines; texts only when the user allows
quoting them) and how to use it."""

from __future__ import annotations

from typing import Any, Sequence

from ..heads.cards import _table


def _grouping(cv: dict[str, Any]) -> str:
    if cv["grouped_by"] == "conversation":
        return (f"{cv['folds']}-fold cross-validation **grouped by {cv['group_column']}** ({cv['groups']} "
                f"{cv['group_column']}s): no {cv['group_column']} has examples on both sides of a fold.")
    return (f"{cv['folds']}-fold cross-validation **by example** (the labels file has no conversation or session "
            "column). This is **optimistic**: examples from one conversation resemble each other, and a code "
            "is judged here on neighbours of the examples it learnt from. Add a conversation column for honest numbers.")


def _error_lines(kind: str, errors: list[dict[str, Any]], texts: Sequence[str] | None) -> list[str]:
    if not errors:
        return [f"- {kind}: none"]
    if texts is None:
        where = ", ".join(f"{e['line']} (P(yes) {e['p']:.2f})" for e in errors)
        return [f"- {kind}, worst first, by line of the labels file: {where}"]
    return [f"- {kind}:"] + [f"  - line {e['line']}, P(yes) {e['p']:.2f}: “{texts[e['row']]}”" for e in errors]


def _failures(m: dict[str, Any], texts: Sequence[str] | None) -> str:
    e = m["errors"]
    lines = [f"Cross-validated errors among {m['cv']['n']} examples: false positives (coded yes, labelled no) "
             f"{e['false_positives']}; false negatives (coded no, labelled yes) {e['false_negatives']}."]
    lines += _error_lines("False positives", e["worst_false_positives"], texts)
    lines += _error_lines("False negatives", e["worst_false_negatives"], texts)
    if texts is None:
        lines.append("\nTexts are not quoted (labels files may hold sensitive text): look the lines up in the labels "
                     "file, or retrain with `--quote-errors` to quote them here.")
    if m["cv"]["n"] < 200:
        lines.append(f"\nWith {m['cv']['n']} examples these numbers are uncertain (see the interval), and the tuned "
                     "threshold may move when examples are added.")
    lines.append("\nThe code only knows the kinds of utterances that were labelled: check it on a few whole sessions "
                 "before trusting rates from it.")
    return "\n".join(lines)


def render_custom_card(head: Any, m: dict[str, Any], texts: Sequence[str] | None = None) -> str:
    """The card; ``texts`` (the labels file's texts by row) only when errors may be quoted."""
    cv, d, t = m["cv"], m["data"], m["tuning"]
    yes = cv["per_class"]["yes"]
    ctx = d["context"] == "previous-turn"
    feats = ("the therapist utterance's embedding" + (", the client's previous turn's embedding and their product" if ctx else "")
             + f" from the shipped encoder (model.onnx sha256 {(m['encoder_sha256'] or '?')[:12]}…) and the linguistic "
             "cues of markers/features.py")
    ci = f" (95 % CI {cv['ci95'][0]:.3f}–{cv['ci95'][1]:.3f}, resampling {cv['grouped_by']}s)" if cv.get("ci95") else ""
    description = head.info.get("description") or "A custom code trained from the user's own labels."
    return f"""# Model card: {head.name} (custom code, version {head.version})

{description}

## Data
- Labels file: `{d['file']}`, sha256 `{d['sha256']}`
- {d['n']} examples: {d['labels']['yes']} yes ({d['labels']['yes'] / d['n']:.0%}), {d['labels']['no']} no
- Context: {"the client's previous turn (`context` column)" if ctx else "none (the utterance alone)"}
- Groups: {f"{cv['groups']} {cv['group_column']}s" if cv['grouped_by'] == 'conversation' else 'none given'}

The labels are the user's; what the code means is what they labelled. Whatever licence or consent
covers the texts covers these weights too.

## Method
Features: {feats}. L2 logistic regression (C={t['C']}), temperature scaling (T={t['temperature']}) and a
probability threshold for the best F1 of 'yes', all chosen on out-of-fold predictions; the installed head is
then fit on every example. Decision: P(yes) ≥ **{t['threshold']:.4f}**. Weights sha256 (recorded in each coded
session's `meta.models`): `{m['weights_sha256']}`.

## Cross-validated results (nested: each fold coded by a head chosen, tuned and fit without it)
{_grouping(cv)}

F1 of 'yes': **{yes['f1']:.3f}**{ci}; precision {yes['precision']:.3f}; recall {yes['recall']:.3f};
Cohen's κ {cv['kappa']}; accuracy {cv['accuracy']:.3f}; expected calibration error {cv['ece']} (10 bins).

{_table(cv)}

Confusion matrix (rows = label, columns = coded, order no, yes): {cv['confusion']}

## Known failure modes
{_failures(m, texts)}

## Use
`transcript-analyzer analyze SESSION --markers +{head.name}` (the shipped markers plus this code), or
`--markers {head.name},empathy,...`. Trained {m['date']} in {m['seconds']} s.
"""
