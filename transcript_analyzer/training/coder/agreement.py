"""Scoring the coder against human codes (test conversations, and the validation ones where
calibrate.py needs a truth): per task (score_all), per session (session_agreement: ICC(2,1) of
counts a report shows), the markers end to end as the analyzer decides them (marker_agreement;
spoken_agreement on AnnoMI's therapist turns), and how a session ratio separates MI quality
(quality_separation). Where the project annotated a task or marker under the codebook
(annotation/references.py), that annotation is the truth (truth_of, empathy_truth)."""

from __future__ import annotations

from typing import Any, Sequence

import numpy as np

from ..agreement.stats import icc_2_1
from ..annotation import check_text
from ..annotation.references import AnnotatedTruth, annotated_interpretations, annotated_truth, spoken_labels
from ..heads.fit import score_predictions
from ...markers.validity import REAL_TURNS
from .data import LOADERS, Item, Task, Utt, task_rows


def _check(digest: str, utt: Utt) -> None:
    check_text(digest, utt.text, f"{utt.corpus}/{utt.conversation}/{utt.index}")


def truth_of(task: Task, items: Sequence[Item], index: Sequence[int], y: np.ndarray,
             truth: AnnotatedTruth | None) -> tuple[np.ndarray, float]:
    """The class indices to score a task against: the project's annotation where there is one
    (``truth``, annotation.references.annotated_truth; two-class tasks with a positive class), else the corpus's
    label; and the estimated number of positives among these items (the annotated ones, plus,
    among the corpus's unannotated negatives, the rate found in the annotation's random sample of
    them)."""
    if truth is None or task.positive is None or len(task.classes) != 2:
        return y, float((y == (task.classes.index(task.positive) if task.positive else 1)).sum())
    pos, neg = task.classes.index(task.positive), 1 - task.classes.index(task.positive)
    out, expected = y.copy(), 0.0
    rest: dict[str, int] = {}
    for row, i in enumerate(index):
        utt = items[i].utt
        found = truth.labels.get((utt.corpus, utt.conversation, utt.index))
        if found is None:  # outside the annotation: the corpus's label
            if y[row] == pos:
                expected += 1
            else:  # the unannotated negatives hold positives at the random sample's rate
                rest[utt.split] = rest.get(utt.split, 0) + 1
            continue
        _check(found[0], utt)
        out[row] = pos if found[1] else neg
        expected += found[1]
    for split, n in rest.items():
        sampled, positives, _ = truth.rest_sample.get(split, (0, 0, 0))
        expected += n * positives / sampled if sampled else 0.0
    return out, expected


def session_counts(items: Sequence[Item], k: int, cls: int, decided: np.ndarray, index: list[int],
                    y: np.ndarray) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Per conversation: (ids, human count, predicted count) of class ``cls`` of task ``k``."""
    human: dict[str, int] = {}
    predicted: dict[str, int] = {}
    for row, (i, truth) in enumerate(zip(index, y)):
        conv = items[i].utt.conversation
        human[conv] = human.get(conv, 0) + int(truth == cls)
        predicted[conv] = predicted.get(conv, 0) + int(decided[row] == cls)
    ids = sorted(human)
    return ids, np.array([human[c] for c in ids], float), np.array([predicted[c] for c in ids], float)


def icc(human: np.ndarray, predicted: np.ndarray) -> float | None:
    value = icc_2_1(np.stack([human, predicted], axis=1).tolist())
    return None if value is None else round(float(value), 4)


def score_all(coder: Any, tasks: Sequence[Task], logits: np.ndarray, items: Sequence[Item],
              brief: bool = False) -> dict[str, Any]:
    """Per task: the heads' test metrics (P/R/F1, κ, ECE, confusion, bootstrap CI by conversation)."""
    out: dict[str, Any] = {}
    for k, task in enumerate(tasks):
        index, y = task_rows(items, k)
        if not len(y):
            continue
        p, decided = coder.outputs(logits[index], [task.name])[task.name]
        groups = [items[i].utt.conversation for i in index]
        m = score_predictions(task.classes, task.positive, p, decided, y, groups, n_boot=200 if brief else 1000)
        if brief:
            m = {key: m[key] for key in ("n", "macro_f1", "kappa", "headline", "positive_f1") if key in m}
            m["per_class_f1"] = {}
        out[task.name] = m
    return out


REAL = REAL_TURNS
"""The pooled entry of ``by_corpus``: every corpus of real conversations (not a written probe);
the report reads it under this name (markers/validity.py)."""


def by_corpus(coder: Any, tasks: Sequence[Task], logits: np.ndarray, items: Sequence[Item]) -> dict[str, Any]:
    """Per task drawn from more than one corpus (client codes, repair, …): the same metrics per
    corpus, and pooled over the real corpora (``REAL``), so that a spoken corpus, a text corpus
    and a written probe set are seen apart; with the confusion matrix (rows human, columns
    decided), from which the report judges a code's precision on real turns."""
    out: dict[str, Any] = {}
    for k, task in enumerate(tasks):
        index, y = task_rows(items, k)
        corpora = sorted({items[i].utt.corpus for i in index})
        if len(corpora) < 2 or task.name not in coder.tasks:
            continue
        p, decided = coder.outputs(logits[index], [task.name])[task.name]
        real = [c for c in corpora if c in LOADERS]
        for corpus in corpora + ([REAL] if len(real) > 1 and len(real) < len(corpora) else []):
            rows = np.array([items[i].utt.corpus in (real if corpus == REAL else (corpus,)) for i in index])
            if len(set(y[rows])) < 2:
                continue
            groups = [items[i].utt.conversation for i, r in zip(index, rows) if r]
            m = score_predictions(task.classes, task.positive, p[rows], decided[rows], y[rows], groups, n_boot=200)
            out.setdefault(task.name, {})[corpus] = {key: m[key] for key in ("n", "headline", "macro_f1", "kappa", "positive_f1",
                                                                           "ci95", "per_class", "confusion") if key in m}
    return out


def false_alarms(coder: Any, tasks: Sequence[Task], logits: np.ndarray, items: Sequence[Item]) -> dict[str, Any]:
    """Binary tasks: per corpus whose test items hold no positive at all (e.g. risk talk in the
    spoken sessions), how many items were decided positive: the false alarms a user would see."""
    out: dict[str, Any] = {}
    for k, task in enumerate(tasks):
        if task.positive is None or task.name not in coder.tasks:
            continue
        index, y = task_rows(items, k)
        _, decided = coder.outputs(logits[index], [task.name])[task.name]
        pos = task.classes.index(task.positive)
        for corpus in sorted({items[i].utt.corpus for i in index}):
            rows = np.array([items[i].utt.corpus == corpus for i in index])
            if (y[rows] == pos).any():
                continue
            out.setdefault(task.name, {})[corpus] = {"n": int(rows.sum()), "flagged": int((decided[rows] == pos).sum())}
    return out


def session_agreement(coder: Any, counts: dict[str, Any], logits: np.ndarray, items: Sequence[Item]) -> dict[str, Any]:
    """ICC(2,1) between predicted and human per-session counts of each counted code (``corpus``:
    only that corpus's conversations), with the sessions' mean counts (a systematic over- or
    under-count shows there)."""
    names = list(coder.tasks)
    out: dict[str, Any] = {}
    for label, spec in counts.items():
        if spec["task"] not in names:
            continue
        k = names.index(spec["task"])
        task = coder.tasks[spec["task"]]
        index, y = task_rows(items, k, spec.get("corpus"))
        if not index:
            continue
        _, decided = coder.outputs(logits[index], [task.name])[task.name]
        ids, human, predicted = session_counts(items, k, task.classes.index(spec["class"]), decided, index, y)
        out[label] = {"corpus": ", ".join(sorted({items[i].utt.corpus for i in index})),
                      "sessions": len(ids), "icc_2_1": icc(human, predicted),
                      "human_mean": round(float(human.mean()), 2), "predicted_mean": round(float(predicted.mean()), 2),
                      "pearson_r": round(float(np.corrcoef(human, predicted)[0, 1]), 4) if len(ids) > 2 else None}
    return out


def annomi_truth(labels: dict[str, str]) -> dict[str, bool]:
    """The shipped MI markers as AnnoMI's human codes give them for one therapist utterance."""
    main = labels.get("main")
    return {"open_question": main == "question" and labels.get("question") == "open",
            "closed_question": main == "question" and labels.get("question") == "closed",
            "simple_reflection": main == "reflection" and labels.get("reflection") == "simple",
            "complex_reflection": main == "reflection" and labels.get("reflection") == "complex",
            "giving_information": main == "therapist_input" and labels.get("input") == "information"}


def prf(truth: np.ndarray, decided: np.ndarray) -> dict[str, Any]:
    tp = int((truth & decided).sum())
    p, r = tp / max(int(decided.sum()), 1), tp / max(int(truth.sum()), 1)
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(2 * p * r / max(p + r, 1e-9), 4),
            "support": int(truth.sum()), "decided": int(decided.sum()), "n": int(len(truth))}


def empathy_truth(items: Sequence[Item], rows: Sequence[int]) -> np.ndarray:
    """Codebook 3.3 on EPITOME pairs: the project's adjudicated annotation of a strong
    Interpretation where there is one (validation and test pairs), else the rationale heuristic."""
    from ..heads.data import epitome_strong_empathy

    annotated = annotated_interpretations()
    out = []
    for i in rows:
        utt = items[i].utt
        a = annotated.get((utt.corpus, utt.conversation, utt.index))
        about = a.check(utt.text).labels["interpretation_about"] if a else None
        out.append(epitome_strong_empathy(utt.labels, about) == "yes")
    return np.array(out, dtype=bool)


def marker_agreement(coder: Any, logits: np.ndarray, items: Sequence[Item]) -> dict[str, Any]:
    """Each shipped marker the coder decides, scored end to end against human codes of the test
    conversations: the MI markers on AnnoMI therapist utterances (chained decisions, as the
    analyzer makes them), empathy on EPITOME pairs (a strong mechanism, codebook 3.3), and the
    binary marker codes on all their sources."""
    from ...markers.codebook import utterance_markers

    classes = {n: t.classes for n, t in coder.tasks.items()}
    out: dict[str, Any] = {}
    annomi = [i for i, item in enumerate(items) if item.utt.corpus == "annomi" and item.utt.role == "therapist"]
    if annomi:
        scores = utterance_markers(coder.outputs(logits[annomi]), classes, coder.marker_thresholds, coder.marker_rules)
        truth = [annomi_truth(items[i].utt.labels) for i in annomi]
        for name in ("open_question", "closed_question", "simple_reflection", "complex_reflection", "giving_information"):
            out[name] = {**prf(np.array([t[name] for t in truth]), scores[name][1]), "source": "AnnoMI"}
        # the pooled codes a session ratio counts (reflection-to-question): either subtype
        for pooled, parts, main in (("reflection", ("simple_reflection", "complex_reflection"), "reflection"),
                                    ("question", ("open_question", "closed_question"), "question")):
            decided = scores[parts[0]][1] | scores[parts[1]][1]
            human = np.array([items[i].utt.labels.get("main") == main for i in annomi])
            out[pooled] = {**prf(human, decided), "source": "AnnoMI (either subtype)"}
    epitome = [i for i, item in enumerate(items) if item.utt.corpus == "epitome"]
    if epitome:
        scores = utterance_markers(coder.outputs(logits[epitome]), classes, coder.marker_thresholds, coder.marker_rules)
        truth = empathy_truth(items, epitome)
        out["empathy"] = {**prf(truth, scores["empathy"][1]), "source": "EPITOME (a strong mechanism; codebook 3.3, interpretations adjudicated by the project)"}
    names = list(coder.tasks)
    for name in ("positive_regard", "self_disclosure", "advice", "confront"):
        if name not in coder.tasks:
            continue
        k = names.index(name)
        index, y = task_rows(items, k)
        if not index:
            continue
        pos = coder.tasks[name].classes.index(coder.tasks[name].positive)
        _, decided = coder.outputs(logits[index], [name])[name]
        corpora = ", ".join(sorted({items[i].utt.corpus for i in index}))
        spec = coder.tasks[name]
        annotated = annotated_truth(name)
        truth, _ = truth_of(Task(name, spec.classes, (), positive=spec.positive), items, index, y, annotated)
        out[name] = {**prf(truth == pos, decided == pos),
                     "source": corpora + (" (codebook, annotated by the project)" if annotated else "")}
    for name in ("advice_with_permission", "advice_without_permission"):
        if "advice" in out:  # the permission rule splits advice in session context; not measurable here
            out[name] = {**out["advice"], "source": out["advice"]["source"] + " (advice before the permission rule)"}
    return out


def spoken_agreement(coder: Any, logits: np.ndarray, items: Sequence[Item]) -> dict[str, Any]:
    """Positive regard and confront as the analyzer decides them on AnnoMI's therapist turns (spoken
    MI sessions), against the project's annotation of every turn (annotation.references.SPOKEN):
    per turn, and per session (ICC(2,1) of the counts). Empty without the annotation."""
    labels = spoken_labels()
    rows = [i for i, item in enumerate(items) if item.utt.corpus == "annomi" and item.utt.role == "therapist"
            and (item.utt.conversation, item.utt.index) in labels]
    out: dict[str, Any] = {}
    if not rows:
        return out
    for i in rows:
        _check(labels[(items[i].utt.conversation, items[i].utt.index)][0], items[i].utt)
    for name in ("positive_regard", "confront"):
        if name not in coder.tasks:
            continue
        spec = coder.tasks[name]
        _, decided = coder.outputs(logits[rows], [name])[name]
        decided = decided == spec.classes.index(spec.positive)
        truth = np.array([labels[(items[i].utt.conversation, items[i].utt.index)][1][name] for i in rows])
        sessions, human, predicted = session_counts(items, 0, 1, decided.astype(int), rows, truth.astype(int))
        out[name] = {**prf(truth, decided), "source": "AnnoMI therapist turns (annotated by the project)",
                     "sessions": len(sessions), "icc_2_1": icc(human, predicted),
                     "human_mean": round(float(human.mean()), 2), "predicted_mean": round(float(predicted.mean()), 2)}
    return out


def quality_separation(coder: Any, logits: np.ndarray, items: Sequence[Item]) -> dict[str, Any]:
    """Per AnnoMI conversation, the reflection-to-question ratio from the coder's decisions and
    from the human codes, and how well each separates high- from low-quality MI (ROC AUC)."""
    from sklearn.metrics import roc_auc_score

    rows = [i for i, item in enumerate(items) if item.utt.corpus == "annomi" and item.utt.role == "therapist"]
    if not rows:
        return {}
    task = coder.tasks["mi_main"]
    _, decided = coder.outputs(logits[rows], ["mi_main"])["mi_main"]
    q, r = task.classes.index("question"), task.classes.index("reflection")
    sessions: dict[str, dict[str, Any]] = {}
    for k, i in enumerate(rows):
        labels = items[i].utt.labels
        s = sessions.setdefault(items[i].utt.conversation, {"quality": labels.get("quality"), "hq": 0, "hr": 0, "pq": 0, "pr": 0})
        s["hq"] += labels.get("main") == "question"
        s["hr"] += labels.get("main") == "reflection"
        s["pq"] += int(decided[k] == q)
        s["pr"] += int(decided[k] == r)
    high = np.array([s["quality"] == "high" for s in sessions.values()])
    human = np.array([s["hr"] / max(s["hq"], 1) for s in sessions.values()])
    predicted = np.array([s["pr"] / max(s["pq"], 1) for s in sessions.values()])
    if high.all() or not high.any():
        return {"sessions": len(sessions), "high": int(high.sum())}
    return {"sessions": len(sessions), "high": int(high.sum()),
            "reflection_to_question_auc_human": round(float(roc_auc_score(high, human)), 4),
            "reflection_to_question_auc_coder": round(float(roc_auc_score(high, predicted)), 4)}
