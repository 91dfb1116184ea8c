"""The agreement report (human_agreement.AgreementReport) as a table for the terminal, and as
agreement.json (everything), agreement.csv (one row per code) and agreement_sessions.csv (one row per
matched gold session: how it was matched, whether it was in the models' training data)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Sequence

from ...io.atomic import write_files
from . import bootstrap
from .human_agreement import AgreementReport, CodeAgreement, _mean
from .overlap import RULE
from .stats import ICC_FORM, PINGOUIN_ICC

CSV_COLUMNS = ("code", "units", "support", "predicted", "tp", "fp", "fn", "tn", "precision", "recall",
               "f1", "f1_low", "f1_high", "kappa", "kappa_low", "kappa_high", "alpha", "alpha_low", "alpha_high",
               "uncoded", "ties", "sessions", "sessions_in_training", "gold_per_100_mean", "model_per_100_mean",
               "icc_2_1", "icc_2_1_low", "icc_2_1_high", "spearman_rho", "annotators", "shared_units", "human_kappa",
               "human_pairs", "human_alpha", "human_alpha_low", "human_alpha_high", "model_kappa_each",
               "model_kappa_reference", "model_alpha", "model_alpha_low", "model_alpha_high")
SESSION_COLUMNS = ("session_id", "prediction_session_id", "matched_by", "in_training", "training_share",
                   "training_units", "training_model", "excluded")
ICC_NAME = f"{ICC_FORM}: two-way random effects, absolute agreement, single rater (Shrout & Fleiss 1979; pingouin {PINGOUIN_ICC})"


def _r(value: float | None) -> float | None:
    return None if value is None else round(value, 4) + 0.0  # + 0.0: no "-0.0"


def _with_interval(name: str, value: float | None, interval: bootstrap.Interval | None) -> dict[str, Any]:
    low, high = interval or bootstrap.NONE
    return {name: _r(value), f"{name}_low": _r(low), f"{name}_high": _r(high)}


def code_row(c: CodeAgreement) -> dict[str, object]:
    """One flat row per code (the CSV's columns)."""
    h, ci = c.human, c.intervals
    return {"code": c.code, "units": c.units, "support": c.support, "predicted": c.predicted, "tp": c.tp, "fp": c.fp,
            "fn": c.fn, "tn": c.tn, "precision": _r(c.precision), "recall": _r(c.recall),
            **_with_interval("f1", c.f1, ci.get("f1")), **_with_interval("kappa", c.kappa, ci.get("kappa")),
            **_with_interval("alpha", c.alpha, ci.get("alpha")),
            "uncoded": c.uncoded, "ties": c.ties, "sessions": len(c.sessions), "sessions_in_training": c.sessions_in_training,
            "gold_per_100_mean": _r(_mean([s.gold_per_100 for s in c.sessions])),
            "model_per_100_mean": _r(_mean([s.model_per_100 for s in c.sessions])),
            **_with_interval("icc_2_1", c.icc, ci.get("icc")), "spearman_rho": _r(c.spearman),
            "annotators": h.annotators if h else None, "shared_units": h.shared_units if h else None,
            "human_kappa": _r(h.human_kappa) if h else None, "human_pairs": h.pairs if h else None,
            **_with_interval("human_alpha", h.human_alpha if h else None, h.intervals.get("human_alpha") if h else None),
            "model_kappa_each": _r(h.model_kappa_each) if h else None,
            "model_kappa_reference": _r(h.model_kappa_reference) if h else None,
            **_with_interval("model_alpha", h.model_alpha if h else None, h.intervals.get("model_alpha") if h else None)}


def session_rows(report: AgreementReport) -> list[dict[str, object]]:
    """One row per matched gold session (agreement_sessions.csv)."""
    match = report.match
    rows = []
    for o in report.overlaps:
        rows.append({"session_id": o.session_id, "prediction_session_id": match.pairs.get(o.session_id) if match else None,
                     "matched_by": match.how.get(o.session_id) if match else None, "in_training": o.in_training,
                     "training_share": _r(o.share), "training_units": o.units, "training_model": o.model,
                     "excluded": o.session_id in report.excluded})
    return rows


def _alignment_dict(report: AgreementReport) -> dict[str, object]:
    total = sum(a.therapist_chars for a in report.alignments)
    unaligned = sum(a.unaligned_chars for a in report.alignments)
    sessions = [{"session_id": a.session_id, "method": a.method, "aligned_units": len(a.units),
                 "therapist_chars": a.therapist_chars, "unaligned_chars": a.unaligned_chars,
                 "coverage": _r(a.coverage), "text_mismatches": a.text_mismatches} for a in report.alignments]
    return {"therapist_chars": total, "unaligned_chars": unaligned, "coverage": _r(1 - unaligned / total) if total else None,
            "unaligned_units": report.unaligned_units, "sessions": sessions}


def report_dict(report: AgreementReport) -> dict[str, object]:
    in_training = {o.session_id: o.in_training for o in report.overlaps}
    codes = [{**code_row(c), "session_rates": [{"session_id": s.session_id, "units": s.units,
                                                "gold_per_100": _r(s.gold_per_100), "model_per_100": _r(s.model_per_100),
                                                "in_training": in_training.get(s.session_id)}
                                               for s in c.sessions]} for c in report.codes]
    by_model = {o.session_id: o.by_model for o in report.overlaps}
    matched = [{**row, "by_model": by_model.get(row["session_id"], {})} for row in session_rows(report)]
    return {"gold": report.gold, "layout": report.layout, "predictions": report.predictions,
            "sessions": list(report.sessions), "missing_sessions": list(report.missing),
            "unmatched_predictions": list(report.match.unmatched_pred) if report.match else [],
            "matched_sessions": matched, "excluded_sessions": list(report.excluded),
            "in_training_rule": RULE, "intervals": bootstrap.METHOD, "icc": ICC_NAME,
            "annotators": list(report.annotators), "alignment": _alignment_dict(report), "codes": codes,
            "warnings": list(report.warnings)}


def _csv(columns: Sequence[str], rows: list[dict[str, object]]) -> bytes:
    import csv
    import io

    from ...escape import csv_cell

    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=list(columns), lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: "" if v is None else csv_cell(v) for k, v in row.items()})
    return buffer.getvalue().encode("utf-8")


def report_csv(report: AgreementReport) -> bytes:
    return _csv(CSV_COLUMNS, [code_row(c) for c in report.codes])


def write_report(report: AgreementReport, out_dir: str | Path) -> list[Path]:
    """agreement.json, agreement.csv and agreement_sessions.csv, written atomically into out_dir."""
    text = json.dumps(report_dict(report), indent=2, ensure_ascii=False) + "\n"
    return write_files(out_dir, {"agreement.json": text.encode("utf-8"), "agreement.csv": report_csv(report),
                                 "agreement_sessions.csv": _csv(SESSION_COLUMNS, session_rows(report))})


# ---- the terminal table ---------------------------------------------------------------------------

def _f(value: float | None, width: int = 6) -> str:
    return f"{'n/a':>{width}}" if value is None else f"{round(value, 3) + 0.0:>{width}.3f}"


def _ci(value: float | None, interval: bootstrap.Interval | None, width: int = 21) -> str:
    """'0.748 [0.66, 0.83]'; the interval left out where it is undefined."""
    low, high = interval or bootstrap.NONE
    text = "n/a" if value is None else f"{round(value, 3) + 0.0:.3f}"
    if value is not None and low is not None and high is not None:
        text += f" [{round(low, 2) + 0.0:.2f}, {round(high, 2) + 0.0:.2f}]"
    return f"{text:<{width}}"


def _header(report: AgreementReport) -> list[str]:
    align = _alignment_dict(report)
    methods = ", ".join(f"{m} {sum(a.method == m for a in report.alignments)}"
                        for m in dict.fromkeys(a.method for a in report.alignments))
    coders = len([a for a in report.annotators if a])
    overlap = "" if any(c.human for c in report.codes) or coders < 2 else " (no unit coded by two)"
    lines = [f"gold: {report.gold} ({report.layout} layout, {len(report.sessions)} sessions"
             + (f", {coders} annotators{overlap}" if coders > 1 else "") + f"); predictions: {report.predictions}"]
    if report.match:
        how = ", ".join(f"{sum(h == k for h in report.match.how.values())} by {k}" for k in dict.fromkeys(report.match.how.values()))
        verdicts = [o.in_training for o in report.overlaps]
        lines.append(f"sessions: {len(report.match.pairs)} matched ({how}); in the shipped models' training data: "
                     + ", ".join(f"{k} {verdicts.count(k)}" for k in ("train", "validation", "none", "unknown")
                                 if k in verdicts or k != "unknown")
                     + (f"; {len(report.excluded)} of them left out (--exclude-training)" if report.excluded else ""))
    lines.append(f"alignment: {methods}")
    if align["therapist_chars"]:
        lines[-1] += (f"; {align['coverage']:.1%} of therapist text aligned "
                      f"({align['unaligned_chars']} of {align['therapist_chars']} characters not)")
    lines[-1] += f"; {report.unaligned_units} units without an utterance"
    return lines


def _sessions_block(report: AgreementReport, limit: int = 30) -> list[str]:
    rows = session_rows(report)
    if not rows:
        return []
    lines = ["", f"{'session':<20} {'prediction':<24} {'matched by':<13} {'in training':<22} {'share':>6}"]
    for row in rows[:limit]:
        share = "" if row["training_share"] is None else f"{row['training_share']:.0%}"
        lines.append(f"{str(row['session_id']):<20} {str(row['prediction_session_id']):<24} {str(row['matched_by']):<13} "
                     f"{str(row['in_training']) + (' (left out)' if row['excluded'] else ''):<22} {share:>6}")
    if len(rows) > limit:
        lines.append(f"... and {len(rows) - limit} more (agreement_sessions.csv with --out)")
    return lines


def format_table(report: AgreementReport) -> str:
    """The report as plain text for the terminal."""
    lines = _header(report)
    lines += ["", f"{'code':<26} {'units':>6} {'gold+':>6} {'model+':>6} {'prec':>6} {'recall':>6} {'F1 [95% CI]':<21} "
                  f"{'kappa [95% CI]':<21} {'alpha':>6} {'sess':>5} {'ICC(2,1) [95% CI]':<21} {'rho':>6} {'in trn':>6}"]
    for c in report.codes:
        ci = c.intervals
        lines.append(f"{c.code:<26} {c.units:>6} {c.support:>6} {c.predicted:>6} {_f(c.precision)} {_f(c.recall)} "
                     f"{_ci(c.f1, ci.get('f1'))} {_ci(c.kappa, ci.get('kappa'))} {_f(c.alpha)} {len(c.sessions):>5} "
                     f"{_ci(c.icc, ci.get('icc'))} {_f(c.spearman)} {f'{c.sessions_in_training}/{len(c.sessions)}':>6}")
    humans = [c for c in report.codes if c.human]
    if humans:
        lines += ["", "on units coded by >= 2 annotators (kappa; Krippendorff's alpha, the model added as one more coder):",
                  f"{'code':<26} {'units':>6} {'human-human':>12} {'model-each':>11} {'model-ref':>10} "
                  f"{'human alpha [95% CI]':<21} {'+model alpha [95% CI]':<21}"]
        for c in humans:
            h = c.human
            lines.append(f"{c.code:<26} {h.shared_units:>6} {_f(h.human_kappa, 12)} {_f(h.model_kappa_each, 11)} "
                         f"{_f(h.model_kappa_reference, 10)} {_ci(h.human_alpha, h.intervals.get('human_alpha'))} "
                         f"{_ci(h.model_alpha, h.intervals.get('model_alpha'))}")
    lines += _sessions_block(report)
    lines += ["", f"95% CI: {bootstrap.METHOD}.", f"{ICC_NAME}.",
              "in trn: sessions in the shipped models' training or validation data (agreement on them is optimistic)."]
    lines += [f"warning: {w}" for w in report.warnings]
    return "\n".join(line.rstrip() for line in lines)


__all__ = ["CSV_COLUMNS", "SESSION_COLUMNS", "code_row", "format_table", "report_csv", "report_dict",
           "session_rows", "write_report"]
