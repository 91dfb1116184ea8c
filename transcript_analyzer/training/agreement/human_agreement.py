"""Agreement of the tool's codes with human coders: `evaluate --gold CODED.csv --pred RUN_DIR`.

For every code in the gold file (see ``gold.py`` for the two layouts and the AnnoMI mapping), over
the therapist units of the sessions found in the predictions (see ``predictions.py``; units are
aligned as in ``alignment.py``):

* **unit level**: a unit is predicted positive when any of its utterances is (probability: the
  highest); precision, recall, F1, Cohen's kappa, Krippendorff's alpha, support and the 2x2
  confusion matrix against the reference label;
* **session level**: per session, positives per 100 therapist units for the reference and the
  model; ICC(2,1) (Shrout & Fleiss 1979; at least 3 sessions) and Spearman's rho (at least 3);
* **several annotators**: the reference label is the adjudicated one (annotator named
  ``adjudicated``, ``consensus`` or ``gold``) where there is one, else the majority (a tie leaves
  the unit out, counted as ``ties``). On the units coded by two or more annotators: human-human
  kappa (mean over annotator pairs) and Krippendorff's alpha over all of them, the model's kappa
  with each annotator (mean) and with the reference label, and alpha with the model as one more
  coder, so that the model can be read against the humans on the same units.

Statistics come from scikit-learn, krippendorff and pingouin (``stats.py``); kappa, F1, alpha and
ICC get 95 % intervals from a bootstrap over sessions (``bootstrap.py``). Gold sessions are matched
to predicted ones by id, name or content (``matching.py``) and checked against the shipped
models' training data (``overlap.py``); ``exclude_training`` scores only the others.

Units are left out when the text alignment found no utterance for them (counted); a therapist
unit whose utterances the tool took for client speech counts as a negative (``uncoded``).
"""

from __future__ import annotations

import logging
import math
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Mapping, Sequence

import numpy as np

from ...errors import InputError
from . import bootstrap
from .alignment import SessionAlignment, align_session
from .gold import Gold, code_markers, read_gold
from .matching import SessionMatch, match_sessions
from .overlap import FLAGGED, SessionOverlap, overlap_warning, session_overlap
from .predictions import PredUtterance, read_predictions
from .stats import ICC_MIN_TARGETS, cohen_kappa, icc_2_1, krippendorff_alpha, positive_agreement, precision_recall

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
    human_alpha: float | None = None  # Krippendorff's alpha over the annotators (missing codes allowed)
    model_alpha: float | None = None  # ... with the model as one more coder
    intervals: Mapping[str, bootstrap.Interval] = field(default_factory=dict)  # human_alpha, model_alpha


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
    alpha: float | None = None  # Krippendorff's alpha, model vs reference label
    intervals: Mapping[str, bootstrap.Interval] = field(default_factory=dict)  # kappa, f1, alpha, icc: 95 % bootstrap
    sessions_in_training: int = 0  # of ``sessions``, those in the shipped models' training or validation data


@dataclass(frozen=True)
class AgreementReport:
    gold: str
    layout: str
    predictions: str
    sessions: tuple[str, ...]  # gold sessions scored (matched, and not excluded)
    missing: tuple[str, ...]  # gold sessions with no prediction
    annotators: tuple[str, ...]
    alignments: tuple[SessionAlignment, ...]
    unaligned_units: int  # coded units with no aligned utterance (left out)
    codes: tuple[CodeAgreement, ...]
    warnings: tuple[str, ...]
    match: SessionMatch | None = None  # how gold sessions were matched to predicted ones
    overlaps: tuple[SessionOverlap, ...] = ()  # per matched gold session: in the models' training data?
    excluded: tuple[str, ...] = ()  # matched sessions left out by exclude_training


def evaluate_agreement(gold_path: str | Path, pred_path: str | Path, *, match: str | Path | None = None,
                       exclude_training: bool = False, models: str | Path | None = None) -> AgreementReport:
    """Read a gold file and a run's predictions, match and align their sessions, and score every
    gold code. ``match``: a CSV pairing gold and predicted session ids (matching.py);
    ``exclude_training``: leave out the sessions in the shipped models' training or validation data;
    ``models``: where the models' split manifests are (default: the shipped models)."""
    from ..corpora.split_manifest import load_manifests
    from ...resources import models_dir

    gold = read_gold(gold_path)
    markers = list(dict.fromkeys(m for code in gold.codes for m in code_markers(code)))
    predictions = read_predictions(pred_path, markers)
    found = match_sessions(gold, predictions, match)
    if not found.pairs:
        raise InputError(gold.path, found.problem(gold, predictions))
    warnings = [found.problem(gold, predictions)] if found.unmatched_gold else []
    sessions = {g: predictions.sessions[p] for g, p in found.pairs.items()}
    manifests = load_manifests(Path(models) if models else None)
    overlaps = tuple(session_overlap(g, gold.rows.get(g, ()), sessions[g], manifests) for g in sessions)
    warning = overlap_warning(overlaps, str(models or models_dir()))
    warnings += [warning] if warning else []
    excluded = tuple(o.session_id for o in overlaps if exclude_training and o.in_training in FLAGGED)
    if excluded and len(excluded) == len(sessions):
        raise InputError(gold.path, f"all {len(sessions)} matched sessions were in the shipped models' training or "
                                    "validation data: nothing is left to score without --exclude-training")
    sessions = {g: u for g, u in sessions.items() if g not in excluded}
    alignments = [align_session(gold, s, sessions[s]) for s in sessions]
    warnings += _alignment_warnings(alignments)
    units, unaligned = _units(gold, alignments, sessions)
    if unaligned:
        warnings.append(f"{unaligned} gold units had no aligned utterance and are left out")
    for w in warnings:
        log.info(w)  # the caller shows report.warnings
    in_training = {o.session_id: o.in_training for o in overlaps}
    codes = tuple(code_agreement(code, units.get(code, []), in_training) for code in gold.codes)
    return AgreementReport(str(gold.path), gold.layout, str(predictions.source), tuple(sessions), found.unmatched_gold,
                           gold.annotators, tuple(alignments), unaligned, codes, tuple(warnings), found, overlaps,
                           excluded)


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
           sessions: Mapping[str, Sequence[PredUtterance]]) -> tuple[dict[str, list[UnitCode]], int]:
    """Per code, the units with the humans' and the model's values; and the count left out."""
    aligned = {a.session_id: a for a in alignments}
    values: dict[tuple[str, str, int], dict[str, int]] = defaultdict(dict)
    for label in gold.labels:
        if label.session_id in aligned:
            values[(label.code, label.session_id, label.unit)][label.annotator] = label.value
    by_index = {s: {u.index: u for u in sessions[s]} for s in aligned}
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
    # coded: the tool scored the code on one of the unit's utterances. Read from the probability, which
    # is empty where a code was not scored in every table layout (batch tables since the `coded` column
    # write decision 0, not empty, for codes not scored on an utterance).
    return UnitCode(session, unit, gold, int(any(d == 1 for d in decisions)),
                    max(probabilities) if probabilities else None, bool(probabilities))


def reference_label(gold: Mapping[str, int]) -> int | None:
    """The adjudicated label if there is one, else the majority; None on a tie."""
    for annotator, value in gold.items():
        if annotator.lower() in ADJUDICATED:
            return value
    positives, n = sum(gold.values()), len(gold)
    return 1 if 2 * positives > n else 0 if 2 * positives < n else None


def code_agreement(code: str, units: Sequence[UnitCode], in_training: Mapping[str, str] | None = None) -> CodeAgreement:
    """Unit- and session-level agreement of the model with the reference labels for one code, with
    bootstrap intervals over sessions."""
    pairs = [(ref, u) for u in units if (ref := reference_label(u.gold)) is not None]
    gold = [ref for ref, _ in pairs]
    model = [u.model for _, u in pairs]
    tp = sum(g and m for g, m in zip(gold, model))
    fp, fn = sum(model) - tp, sum(gold) - tp
    precision, recall = precision_recall(gold, model)
    sessions = session_rates(pairs)
    ratings = [(s.gold_per_100, s.model_per_100) for s in sessions]
    icc = icc_2_1(ratings)
    intervals = {**bootstrap.binary_intervals(session_counts(pairs)),
                 "icc": bootstrap.icc_interval(np.array(ratings).reshape(-1, 2), ICC_MIN_TARGETS) if icc is not None
                 else bootstrap.NONE}
    return CodeAgreement(
        code=code, units=len(pairs), support=sum(gold), predicted=sum(model), tp=tp, fp=fp, fn=fn,
        tn=len(pairs) - tp - fp - fn, precision=precision, recall=recall, f1=positive_agreement(gold, model),
        kappa=cohen_kappa(gold, model), uncoded=sum(not u.coded for _, u in pairs), ties=len(units) - len(pairs),
        sessions=sessions, icc=icc, spearman=spearman(ratings), human=human_agreement(units),
        alpha=krippendorff_alpha([gold, model]) if pairs else None, intervals=intervals,
        sessions_in_training=sum((in_training or {}).get(s.session_id) in FLAGGED for s in sessions))


def session_counts(pairs: Sequence[tuple[int, UnitCode]]) -> np.ndarray:
    """Per session (in order of appearance), the 2x2 counts tp, fp, fn, tn of model vs reference."""
    counts: dict[str, list[int]] = {}
    for ref, u in pairs:
        c = counts.setdefault(u.session_id, [0, 0, 0, 0])
        c[0 if ref and u.model else 1 if u.model else 2 if ref else 3] += 1
    return np.array(list(counts.values()), dtype=float).reshape(-1, 4)


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
    humans = [[u.gold.get(a) for u in shared] for a in coders]
    human_o: dict[str, np.ndarray] = defaultdict(lambda: np.zeros(3))  # per session, for the intervals
    model_o: dict[str, np.ndarray] = defaultdict(lambda: np.zeros(3))
    for u in shared:
        values = [u.gold[a] for a in coders if a in u.gold]
        human_o[u.session_id] += bootstrap.coincidences([values])
        model_o[u.session_id] += bootstrap.coincidences([[*values, u.model]])
    return HumanAgreement(len(coders), len(shared), _mean(pairwise), sum(k is not None for k in pairwise),
                          _mean(each), cohen_kappa([r for r, _ in referenced], [m for _, m in referenced]),
                          human_alpha=krippendorff_alpha(humans),
                          model_alpha=krippendorff_alpha([*humans, [u.model for u in shared]]),
                          intervals={"human_alpha": bootstrap.alpha_interval(np.array(list(human_o.values()))),
                                     "model_alpha": bootstrap.alpha_interval(np.array(list(model_o.values())))})


# The report as a table, JSON and CSV (report.py); imported here too, where callers found them before.
from .report import CSV_COLUMNS, code_row, format_table, report_csv, report_dict, write_report  # noqa: E402,F401
