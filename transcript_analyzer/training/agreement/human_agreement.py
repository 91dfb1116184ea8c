"""Agreement of the tool's codes with human coders: `evaluate --gold CODED.csv --pred RUN_DIR`.

For every code in the gold file (see ``gold.py`` for the two layouts and the AnnoMI mapping), over
the therapist units of the sessions found in the predictions (see ``predictions.py``; units are
aligned as in ``alignment.py``):

* **unit level**: a unit is predicted positive when any of its utterances is (probability: the
  highest); precision, recall, F1, Cohen's kappa, support and the 2x2 confusion matrix against
  the reference label;
* **session level**: per session, positives per 100 therapist units for the reference and the
  model; ICC(2,1) (Shrout & Fleiss 1979; at least 2 sessions) and Spearman's rho (at least 3);
* **several annotators**: the reference label is the adjudicated one (annotator named
  ``adjudicated``, ``consensus`` or ``gold``) where there is one, else the majority (a tie leaves
  the unit out, counted as ``ties``). On the units coded by two or more annotators: human-human
  kappa (mean over annotator pairs), the model's kappa with each annotator (mean) and with the
  reference label, so that the model can be read against the humans on the same units.

Units are left out when the text alignment found no utterance for them (counted); a therapist
unit whose utterances the tool took for client speech counts as a negative (``uncoded``).
"""

from __future__ import annotations

import json
import logging
import math
from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import Mapping, Sequence

from ...errors import InputError
from ...io.atomic import write_files
from .stats import cohen_kappa, icc_2_1, positive_agreement
from .alignment import SessionAlignment, align_session
from .gold import Gold, code_markers, read_gold
from .predictions import Predictions, PredUtterance, read_predictions

log = logging.getLogger(__name__)

ADJUDICATED = frozenset({"adjudicated", "adjudication", "consensus", "gold"})


@dataclass(frozen=True)
class UnitCode:
    """One gold unit for one code: the humans' values (by annotator) and the model's."""

    session_id: str
    unit: int
    gold: Mapping[str, int]
    model: int
    probability: float | None
    coded: bool  # the tool coded at least one of the unit's utterances (took it for therapist speech)


@dataclass(frozen=True)
class SessionRate:
    session_id: str
    units: int
    gold_per_100: float
    model_per_100: float


@dataclass(frozen=True)
class HumanAgreement:
    """On the units coded by >= 2 annotators: humans with each other and the model with them."""

    annotators: int
    shared_units: int
    human_kappa: float | None  # mean over annotator pairs with a defined kappa
    pairs: int
    model_kappa_each: float | None  # the model with each annotator, mean
    model_kappa_reference: float | None  # the model with the adjudicated / majority label


@dataclass(frozen=True)
class CodeAgreement:
    code: str
    units: int
    support: int  # reference positives
    predicted: int  # model positives
    tp: int
    fp: int
    fn: int
    tn: int
    precision: float | None
    recall: float | None
    f1: float | None
    kappa: float | None
    uncoded: int
    ties: int
    sessions: tuple[SessionRate, ...]
    icc: float | None
    spearman: float | None
    human: HumanAgreement | None = None


@dataclass(frozen=True)
class AgreementReport:
    gold: str
    layout: str
    predictions: str
    sessions: tuple[str, ...]  # gold sessions found in the predictions
    missing: tuple[str, ...]  # gold sessions with no prediction
    annotators: tuple[str, ...]
    alignments: tuple[SessionAlignment, ...]
    unaligned_units: int  # coded units with no aligned utterance (left out)
    codes: tuple[CodeAgreement, ...]
    warnings: tuple[str, ...]


def evaluate_agreement(gold_path: str | Path, pred_path: str | Path) -> AgreementReport:
    """Read a gold file and a run's predictions, align them, and score every gold code."""
    gold = read_gold(gold_path)
    markers = list(dict.fromkeys(m for code in gold.codes for m in code_markers(code)))
    predictions = read_predictions(pred_path, markers)
    matched, missing = _match_sessions(gold, predictions)
    warnings = []
    if missing:
        warnings.append(f"{len(missing)} of {len(gold.sessions)} gold sessions have no prediction and are left out: "
                        + ", ".join(missing))
    alignments = [align_session(gold, s, predictions.sessions[s]) for s in matched]
    warnings += _alignment_warnings(alignments)
    units, unaligned = _units(gold, alignments, predictions)
    if unaligned:
        warnings.append(f"{unaligned} gold units had no aligned utterance and are left out")
    for w in warnings:
        log.info(w)  # the caller shows report.warnings
    codes = tuple(code_agreement(code, units.get(code, [])) for code in gold.codes)
    return AgreementReport(str(gold.path), gold.layout, str(predictions.source), tuple(matched), tuple(missing),
                           gold.annotators, tuple(alignments), unaligned, codes, tuple(warnings))


def _match_sessions(gold: Gold, predictions: Predictions) -> tuple[list[str], list[str]]:
    matched = [s for s in gold.sessions if s in predictions.sessions]
    missing = [s for s in gold.sessions if s not in predictions.sessions]
    if not matched:
        raise InputError(gold.path, f"none of its {len(gold.sessions)} sessions ({_shown(gold.sessions)}) is in the "
                                    f"predictions under {predictions.source} ({_shown(list(predictions.sessions))}); "
                                    "session ids must equal the analysed files' names without suffix")
    return matched, missing


def _shown(ids: Sequence[str]) -> str:
    return ", ".join(ids[:5]) + (", ..." if len(ids) > 5 else "")


def _alignment_warnings(alignments: Sequence[SessionAlignment]) -> list[str]:
    warnings = []
    for a in alignments:
        if a.coverage is not None and a.coverage < 0.95:
            warnings.append(f"session {a.session_id}: only {a.coverage:.1%} of the therapist text could be aligned "
                            f"({a.unaligned_chars} of {a.therapist_chars} characters not found in the predictions)")
        if a.text_mismatches:
            warnings.append(f"session {a.session_id}: the text of {a.text_mismatches} coded units differs from the "
                            "predicted utterances' (were they coded on another run?)")
    return warnings


def _units(gold: Gold, alignments: Sequence[SessionAlignment],
           predictions: Predictions) -> tuple[dict[str, list[UnitCode]], int]:
    """Per code, the units with the humans' and the model's values; and the count left out."""
    aligned = {a.session_id: a for a in alignments}
    values: dict[tuple[str, str, int], dict[str, int]] = defaultdict(dict)
    for label in gold.labels:
        if label.session_id in aligned:
            values[(label.code, label.session_id, label.unit)][label.annotator] = label.value
    by_index = {s: {u.index: u for u in predictions.sessions[s]} for s in aligned}
    units: dict[str, list[UnitCode]] = defaultdict(list)
    unaligned: set[tuple[str, int]] = set()
    for (code, session, unit), by_annotator in values.items():
        members = [by_index[session][i] for i in aligned[session].units.get(unit, ())]
        if not members:
            unaligned.add((session, unit))
            continue
        units[code].append(_unit_code(code, session, unit, by_annotator, members))
    return units, len(unaligned)


def _unit_code(code: str, session: str, unit: int, gold: Mapping[str, int],
               members: Sequence[PredUtterance]) -> UnitCode:
    markers = code_markers(code)
    decisions = [u.decisions[m] for u in members for m in markers]
    probabilities = [p for u in members for m in markers if (p := u.probabilities[m]) is not None]
    return UnitCode(session, unit, gold, int(any(d == 1 for d in decisions)),
                    max(probabilities) if probabilities else None, any(d is not None for d in decisions))


def reference_label(gold: Mapping[str, int]) -> int | None:
    """The adjudicated label if there is one, else the majority; None on a tie."""
    for annotator, value in gold.items():
        if annotator.lower() in ADJUDICATED:
            return value
    positives, n = sum(gold.values()), len(gold)
    return 1 if 2 * positives > n else 0 if 2 * positives < n else None


def code_agreement(code: str, units: Sequence[UnitCode]) -> CodeAgreement:
    """Unit- and session-level agreement of the model with the reference labels for one code."""
    pairs = [(ref, u) for u in units if (ref := reference_label(u.gold)) is not None]
    gold = [ref for ref, _ in pairs]
    model = [u.model for _, u in pairs]
    tp = sum(g and m for g, m in zip(gold, model))
    fp, fn = sum(model) - tp, sum(gold) - tp
    sessions = session_rates(pairs)
    ratings = [(s.gold_per_100, s.model_per_100) for s in sessions]
    return CodeAgreement(
        code=code, units=len(pairs), support=sum(gold), predicted=sum(model), tp=tp, fp=fp, fn=fn,
        tn=len(pairs) - tp - fp - fn, precision=tp / (tp + fp) if tp + fp else None,
        recall=tp / (tp + fn) if tp + fn else None, f1=positive_agreement(gold, model),
        kappa=cohen_kappa(gold, model), uncoded=sum(not u.coded for _, u in pairs), ties=len(units) - len(pairs),
        sessions=sessions, icc=icc_2_1(ratings) if len(ratings) >= 2 else None, spearman=spearman(ratings),
        human=human_agreement(units))


def session_rates(pairs: Sequence[tuple[int, UnitCode]]) -> tuple[SessionRate, ...]:
    by_session: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for ref, u in pairs:
        by_session[u.session_id].append((ref, u.model))
    return tuple(SessionRate(s, len(v), 100 * sum(g for g, _ in v) / len(v), 100 * sum(m for _, m in v) / len(v))
                 for s, v in by_session.items())


def spearman(ratings: Sequence[tuple[float, float]]) -> float | None:
    """Spearman's rho of the two columns; None with fewer than 3 rows or a constant column."""
    if len(ratings) < 3 or len({g for g, _ in ratings}) < 2 or len({m for _, m in ratings}) < 2:
        return None
    from scipy.stats import spearmanr

    rho = float(spearmanr([g for g, _ in ratings], [m for _, m in ratings]).statistic)
    return None if math.isnan(rho) else rho


def _mean(values: Sequence[float | None]) -> float | None:
    defined = [v for v in values if v is not None]
    return sum(defined) / len(defined) if defined else None


def human_agreement(units: Sequence[UnitCode]) -> HumanAgreement | None:
    """Humans with each other and the model with them, on the units >= 2 annotators coded;
    None when no unit was coded by two (non-adjudicating) annotators."""
    coders = sorted({a for u in units for a in u.gold if a.lower() not in ADJUDICATED})
    shared = [u for u in units if sum(a in u.gold for a in coders) >= 2]
    if not shared:
        return None
    pairwise = []
    for a, b in combinations(coders, 2):
        both = [u for u in shared if a in u.gold and b in u.gold]
        pairwise.append(cohen_kappa([u.gold[a] for u in both], [u.gold[b] for u in both]))
    each = []
    for a in coders:
        mine = [u for u in shared if a in u.gold]
        each.append(cohen_kappa([u.gold[a] for u in mine], [u.model for u in mine]))
    referenced = [(ref, u.model) for u in shared if (ref := reference_label(u.gold)) is not None]
    return HumanAgreement(len(coders), len(shared), _mean(pairwise), sum(k is not None for k in pairwise),
                          _mean(each), cohen_kappa([r for r, _ in referenced], [m for _, m in referenced]))


# ---- output: a table for the terminal, JSON and CSV -------------------------------------------

CSV_COLUMNS = ("code", "units", "support", "predicted", "tp", "fp", "fn", "tn", "precision", "recall", "f1", "kappa",
               "uncoded", "ties", "sessions", "gold_per_100_mean", "model_per_100_mean", "icc_2_1", "spearman_rho",
               "annotators", "shared_units", "human_kappa", "human_pairs", "model_kappa_each", "model_kappa_reference")


def _r(value: float | None) -> float | None:
    return None if value is None else round(value, 4) + 0.0  # + 0.0: no "-0.0"


def code_row(c: CodeAgreement) -> dict[str, object]:
    """One flat row per code (the CSV's columns)."""
    h = c.human
    return {"code": c.code, "units": c.units, "support": c.support, "predicted": c.predicted, "tp": c.tp, "fp": c.fp,
            "fn": c.fn, "tn": c.tn, "precision": _r(c.precision), "recall": _r(c.recall), "f1": _r(c.f1),
            "kappa": _r(c.kappa), "uncoded": c.uncoded, "ties": c.ties, "sessions": len(c.sessions),
            "gold_per_100_mean": _r(_mean([s.gold_per_100 for s in c.sessions])),
            "model_per_100_mean": _r(_mean([s.model_per_100 for s in c.sessions])),
            "icc_2_1": _r(c.icc), "spearman_rho": _r(c.spearman), "annotators": h.annotators if h else None,
            "shared_units": h.shared_units if h else None, "human_kappa": _r(h.human_kappa) if h else None,
            "human_pairs": h.pairs if h else None, "model_kappa_each": _r(h.model_kappa_each) if h else None,
            "model_kappa_reference": _r(h.model_kappa_reference) if h else None}


def _alignment_dict(report: AgreementReport) -> dict[str, object]:
    total = sum(a.therapist_chars for a in report.alignments)
    unaligned = sum(a.unaligned_chars for a in report.alignments)
    sessions = [{"session_id": a.session_id, "method": a.method, "aligned_units": len(a.units),
                 "therapist_chars": a.therapist_chars, "unaligned_chars": a.unaligned_chars,
                 "coverage": _r(a.coverage), "text_mismatches": a.text_mismatches} for a in report.alignments]
    return {"therapist_chars": total, "unaligned_chars": unaligned, "coverage": _r(1 - unaligned / total) if total else None,
            "unaligned_units": report.unaligned_units, "sessions": sessions}


def report_dict(report: AgreementReport) -> dict[str, object]:
    codes = [{**code_row(c), "session_rates": [{"session_id": s.session_id, "units": s.units,
                                                "gold_per_100": _r(s.gold_per_100), "model_per_100": _r(s.model_per_100)}
                                               for s in c.sessions]} for c in report.codes]
    return {"gold": report.gold, "layout": report.layout, "predictions": report.predictions,
            "sessions": list(report.sessions), "missing_sessions": list(report.missing),
            "annotators": list(report.annotators), "alignment": _alignment_dict(report), "codes": codes,
            "warnings": list(report.warnings)}


def report_csv(report: AgreementReport) -> bytes:
    import csv
    import io

    from ...escape import csv_cell

    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for c in report.codes:
        writer.writerow({k: "" if v is None else csv_cell(v) for k, v in code_row(c).items()})
    return buffer.getvalue().encode("utf-8")


def write_report(report: AgreementReport, out_dir: str | Path) -> list[Path]:
    """agreement.json and agreement.csv, written atomically into out_dir."""
    text = json.dumps(report_dict(report), indent=2, ensure_ascii=False) + "\n"
    return write_files(out_dir, {"agreement.json": text.encode("utf-8"), "agreement.csv": report_csv(report)})


def _f(value: float | None, width: int = 6) -> str:
    return f"{'n/a':>{width}}" if value is None else f"{round(value, 3) + 0.0:>{width}.3f}"


def format_table(report: AgreementReport) -> str:
    """The report as plain text for the terminal."""
    align = _alignment_dict(report)
    methods = ", ".join(f"{m} {sum(a.method == m for a in report.alignments)}"
                        for m in dict.fromkeys(a.method for a in report.alignments))
    coders = len([a for a in report.annotators if a])
    humans = [c for c in report.codes if c.human]
    overlap = "" if humans or coders < 2 else " (no unit coded by two)"
    lines = [f"gold: {report.gold} ({report.layout} layout, {len(report.sessions)} sessions"
             + (f", {coders} annotators{overlap}" if coders > 1 else "") + f"); predictions: {report.predictions}",
             f"alignment: {methods}"]
    if align["therapist_chars"]:
        lines[-1] += (f"; {align['coverage']:.1%} of therapist text aligned "
                      f"({align['unaligned_chars']} of {align['therapist_chars']} characters not)")
    lines[-1] += f"; {report.unaligned_units} units without an utterance"
    lines += ["", f"{'code':<26} {'units':>6} {'gold+':>6} {'model+':>6} {'prec':>6} {'recall':>6} {'F1':>6} "
                  f"{'kappa':>6} {'sess':>5} {'ICC21':>6} {'rho':>6}"]
    for c in report.codes:
        lines.append(f"{c.code:<26} {c.units:>6} {c.support:>6} {c.predicted:>6} {_f(c.precision)} {_f(c.recall)} "
                     f"{_f(c.f1)} {_f(c.kappa)} {len(c.sessions):>5} {_f(c.icc)} {_f(c.spearman)}")
    if humans:
        lines += ["", "on units coded by >= 2 annotators (kappa):",
                  f"{'code':<26} {'units':>6} {'human-human':>12} {'model-each':>11} {'model-ref':>10}"]
        for c in humans:
            h = c.human
            lines.append(f"{c.code:<26} {h.shared_units:>6} {_f(h.human_kappa, 12)} {_f(h.model_kappa_each, 11)} "
                         f"{_f(h.model_kappa_reference, 10)}")
    lines += [f"warning: {w}" for w in report.warnings]
    return "\n".join(lines)
