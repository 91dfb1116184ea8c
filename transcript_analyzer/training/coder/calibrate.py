"""Calibrating the exported coder on validation and scoring it on test.

Per task, on the validation split: a temperature (minimum log loss), then a decision rule — a
threshold on P(positive) for the best positive-class F1 (binary tasks), or per-class weights for
the best macro-F1 (multi-class tasks). Probabilities stay calibrated; only decisions are tuned.

Rate matching (``[calibrate] match_rate`` in the recipe): for the listed two-class tasks, the
decision threshold is set so that as many validation utterances are decided positive as human
coders marked (binary: on P(positive); otherwise on P(second class), written as class weights).
A report counts these codes per session; a threshold tuned for F1 alone over-counts when the
positive class is rare (positive regard was flagged at 1.5 times the human rate). The empathy
marker's threshold on its P(strong mechanism) is matched the same way against the codebook's rule
on the EPITOME validation pairs (``marker_rate``).

Counted codes (``[counts]`` in the recipe: e.g. questions = mi_main's "question") are what a
report shows per session. Their agreement with human counts is measured as ICC(2,1) over
sessions, and the multi-class weights of their task can be re-tuned on the validation sessions
for per-session agreement (``tune = "sessions"``): a weight grid on the counted classes that
maximises the mean ICC, accepted only if validation macro-F1 drops by at most 0.01.
"""

from __future__ import annotations

from typing import Any, Sequence

import numpy as np

from ..agreement.stats import icc_2_1
from ...markers.heads import softmax
from ..heads.fit import fit_temperature, score_predictions, tune_threshold, tune_weights
from .data import Item, Task, task_rows


def truth_of(task: Task, items: Sequence[Item], index: Sequence[int], y: np.ndarray) -> tuple[np.ndarray, float]:
    """The class indices to score a task against: the project's annotation where there is one
    (heads.data.ANNOTATED_TASKS; for two-class tasks with a positive class), else the corpus's
    label; and the estimated number of positives among these items (the annotated ones, plus,
    among the corpus's unannotated negatives, the rate found in the annotation's random sample of
    them)."""
    from ...errors import ConfigError
    from ..annotation import text_hash
    from ..heads.data import annotated_truth

    truth = annotated_truth(task.name)
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
        if text_hash(utt.text) != found[0]:
            raise ConfigError(f"annotation {utt.corpus}/{utt.conversation}/{utt.index}: the text no longer matches its hash")
        out[row] = pos if found[1] else neg
        expected += found[1]
    for split, n in rest.items():
        sampled, positives, _ = truth.rest_sample.get(split, (0, 0, 0))
        expected += n * positives / sampled if sampled else 0.0
    return out, expected


def rate_threshold(p: np.ndarray, positives: int) -> float:
    """The threshold that decides as many items positive as there are human positives."""
    if positives <= 0:
        return 1.0
    ranked = np.sort(p)[::-1]
    return float(ranked[min(positives, len(ranked)) - 1])  # not rounded: rounding up would drop the last one


def fit(tasks: Sequence[Task], offs: Sequence[int], logits: np.ndarray, val: Sequence[Item],
        counts: dict[str, Any], match_rate: Sequence[str] = ()) -> list[dict[str, Any]]:
    """The calibration of each task: temperature and decision rule, for coder.json."""
    rules = []
    for k, task in enumerate(tasks):
        index, y = task_rows(val, k)
        z = logits[index, offs[k]:offs[k] + len(task.classes)]
        if len(y) < 5 or len(set(y)) < 2:
            rules.append({"temperature": 1.0, "threshold": None, "weights": None, "val_n": int(len(y))})
            continue
        temperature = fit_temperature(z, y)
        p = softmax(z, temperature)
        rule: dict[str, Any] = {"temperature": round(temperature, 4), "val_n": int(len(y))}
        if task.name in match_rate and len(task.classes) == 2:
            pos = task.classes.index(task.positive) if task.positive is not None else 1
            _, positives = truth_of(task, val, index, y)  # annotated truth, where the project made one
            t = rate_threshold(p[:, pos], int(round(positives)))
            if task.positive is not None:
                rule["threshold"], rule["weights"] = t, None
            else:  # argmax(w * p) with w = (1, (1 - t) / t) decides class 1 exactly when P(class 1) > t
                rule["threshold"], rule["weights"] = None, [1.0, round((1 - t) / max(t, 1e-6), 6)]
            rule["rate_matched"] = True
        elif task.positive is not None:
            rule["threshold"] = round(tune_threshold(p[:, task.classes.index(task.positive)], y == task.classes.index(task.positive)), 4)
            rule["weights"] = None
        else:
            rule["threshold"] = None
            rule["weights"] = [round(float(w), 4) for w in tune_weights(p, y)]
        rules.append(rule)
    _tune_for_sessions(tasks, offs, logits, val, counts, rules)
    return rules


def _session_counts(items: Sequence[Item], k: int, cls: int, decided: np.ndarray, index: list[int],
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


def _icc(human: np.ndarray, predicted: np.ndarray) -> float | None:
    value = icc_2_1(np.stack([human, predicted], axis=1).tolist())
    return None if value is None else round(float(value), 4)


def _tune_for_sessions(tasks: Sequence[Task], offs: Sequence[int], logits: np.ndarray, val: Sequence[Item],
                       counts: dict[str, Any], rules: list[dict[str, Any]]) -> None:
    from sklearn.metrics import f1_score

    by_task: dict[str, list[str]] = {}
    for spec in counts.values():
        if spec.get("tune") == "sessions":
            by_task.setdefault(spec["task"], []).append(spec["class"])
    for name, classes in by_task.items():
        if name not in [t.name for t in tasks]:
            continue
        k = [t.name for t in tasks].index(name)
        task, rule = tasks[k], rules[k]
        if rule.get("weights") is None:
            continue
        index, y = task_rows(val, k)
        p = softmax(logits[index, offs[k]:offs[k] + len(task.classes)], rule["temperature"])
        cls = [task.classes.index(c) for c in classes]

        def objective(w: np.ndarray) -> tuple[float, float]:
            decided = np.argmax(p * w, axis=1)
            iccs = [_icc(*_session_counts(val, k, c, decided, index, y)[1:]) for c in cls]
            return float(np.mean([v if v is not None else -1 for v in iccs])), float(f1_score(y, decided, average="macro"))

        w = np.array(rule["weights"], float)
        base_icc, base_f1 = objective(w)
        best = (base_icc, w)
        grid = np.exp(np.linspace(np.log(0.5), np.log(2.0), 9))
        for _ in range(2):
            for c in cls:
                for g in grid:
                    trial = best[1].copy()
                    trial[c] = w[c] * g
                    icc, f1 = objective(trial)
                    if icc > best[0] + 1e-6 and f1 >= base_f1 - 0.01:
                        best = (icc, trial)
        rule["weights"] = [round(float(v), 4) for v in best[1] / best[1].max()]
        rule["session_tuning"] = {"val_mean_icc_before": round(base_icc, 4), "val_mean_icc_after": round(best[0], 4),
                                  "val_macro_f1_before": round(base_f1, 4),
                                  "val_macro_f1_after": round(objective(best[1])[1], 4)}


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
        ids, human, predicted = _session_counts(items, k, task.classes.index(spec["class"]), decided, index, y)
        out[label] = {"corpus": ", ".join(sorted({items[i].utt.corpus for i in index})),
                      "sessions": len(ids), "icc_2_1": _icc(human, predicted),
                      "human_mean": round(float(human.mean()), 2), "predicted_mean": round(float(predicted.mean()), 2),
                      "pearson_r": round(float(np.corrcoef(human, predicted)[0, 1]), 4) if len(ids) > 2 else None}
    return out


# ---------------------------------------------------------------- markers end to end

def _annomi_truth(labels: dict[str, str]) -> dict[str, bool]:
    """The shipped MI markers as AnnoMI's human codes give them for one therapist utterance."""
    main = labels.get("main")
    return {"open_question": main == "question" and labels.get("question") == "open",
            "closed_question": main == "question" and labels.get("question") == "closed",
            "simple_reflection": main == "reflection" and labels.get("reflection") == "simple",
            "complex_reflection": main == "reflection" and labels.get("reflection") == "complex",
            "giving_information": main == "therapist_input" and labels.get("input") == "information"}


def _prf(truth: np.ndarray, decided: np.ndarray) -> dict[str, Any]:
    tp = int((truth & decided).sum())
    p, r = tp / max(int(decided.sum()), 1), tp / max(int(truth.sum()), 1)
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(2 * p * r / max(p + r, 1e-9), 4),
            "support": int(truth.sum()), "decided": int(decided.sum()), "n": int(len(truth))}


def empathy_truth(items: Sequence[Item], rows: Sequence[int]) -> np.ndarray:
    """Codebook 3.3 on EPITOME pairs: the project's adjudicated annotation of a strong
    Interpretation where there is one (validation and test pairs), else the rationale heuristic."""
    from ...errors import ConfigError
    from ..annotation import text_hash
    from ..heads.data import annotated_interpretations, epitome_strong_empathy

    annotated = annotated_interpretations()
    out = []
    for i in rows:
        utt = items[i].utt
        about = None
        if (utt.conversation, utt.index) in annotated:
            digest, about = annotated[(utt.conversation, utt.index)]
            if text_hash(utt.text) != digest:
                raise ConfigError(f"annotation epitome/{utt.conversation}/{utt.index}: the text no longer matches its hash")
        out.append(epitome_strong_empathy(utt.labels, about) == "yes")
    return np.array(out, dtype=bool)


def marker_thresholds(coder: Any, logits: np.ndarray, val: Sequence[Item], names: Sequence[str]) -> dict[str, float]:
    """Rate-matched thresholds of markers built from several tasks (empathy: on EPITOME validation
    pairs, against the codebook's rule)."""
    from ...markers.codebook import utterance_markers

    out = {}
    if "empathy" in names:
        rows = [i for i, item in enumerate(val) if item.utt.corpus == "epitome"]
        if rows:
            classes = {n: t.classes for n, t in coder.tasks.items()}
            p, _ = utterance_markers(coder.outputs(logits[rows]), classes)["empathy"]
            out["empathy"] = rate_threshold(p, int(empathy_truth(val, rows).sum()))
    return out


def marker_rules(coder: Any, logits: np.ndarray, val: Sequence[Item], empathy_precision: float | None) -> dict[str, float]:
    """The empathy marker's "me too" rule (codebook 3.3, markers/codebook.DISCLOSURE_RULE): the
    cut-off on P(self-disclosure) below which a strong Interpretation counts, chosen on the EPITOME
    validation pairs against the codebook's rule as the most sensitive one whose precision reaches
    ``empathy_precision`` (none does: the best F1). None: no rule."""
    from ...markers.codebook import DISCLOSURE_RULE, utterance_markers

    rows = [i for i, item in enumerate(val) if item.utt.corpus == "epitome"]
    if empathy_precision is None or not rows or "self_disclosure" not in coder.tasks:
        return {}
    classes = {n: t.classes for n, t in coder.tasks.items()}
    out = coder.outputs(logits[rows])
    truth = empathy_truth(val, rows)
    tried = []
    for cut in np.round(np.arange(0.05, 1.0001, 0.05), 2):
        _, decided = utterance_markers(out, classes, coder.marker_thresholds, {DISCLOSURE_RULE: float(cut)})["empathy"]
        tried.append((float(cut), _prf(truth, decided)))
    reaching = [(c, m) for c, m in tried if m["precision"] >= empathy_precision]
    cut, _ = max(reaching, key=lambda x: (x[1]["recall"], x[0])) if reaching else max(tried, key=lambda x: x[1]["f1"])
    return {DISCLOSURE_RULE: cut}


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
        truth = [_annomi_truth(items[i].utt.labels) for i in annomi]
        for name in ("open_question", "closed_question", "simple_reflection", "complex_reflection", "giving_information"):
            out[name] = {**_prf(np.array([t[name] for t in truth]), scores[name][1]), "source": "AnnoMI"}
        # the pooled codes a session ratio counts (reflection-to-question): either subtype
        for pooled, parts, main in (("reflection", ("simple_reflection", "complex_reflection"), "reflection"),
                                    ("question", ("open_question", "closed_question"), "question")):
            decided = scores[parts[0]][1] | scores[parts[1]][1]
            human = np.array([items[i].utt.labels.get("main") == main for i in annomi])
            out[pooled] = {**_prf(human, decided), "source": "AnnoMI (either subtype)"}
    epitome = [i for i, item in enumerate(items) if item.utt.corpus == "epitome"]
    if epitome:
        scores = utterance_markers(coder.outputs(logits[epitome]), classes, coder.marker_thresholds, coder.marker_rules)
        truth = empathy_truth(items, epitome)
        out["empathy"] = {**_prf(truth, scores["empathy"][1]), "source": "EPITOME (a strong mechanism; codebook 3.3, interpretations adjudicated by the project)"}
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
        truth, _ = truth_of(Task(name, spec.classes, (), positive=spec.positive), items, index, y)
        annotated = name in _annotated_tasks()
        out[name] = {**_prf(truth == pos, decided == pos),
                     "source": corpora + (" (codebook, annotated by the project)" if annotated else "")}
    for name in ("advice_with_permission", "advice_without_permission"):
        if "advice" in out:  # the permission rule splits advice in session context; not measurable here
            out[name] = {**out["advice"], "source": out["advice"]["source"] + " (advice before the permission rule)"}
    return out


def spoken_agreement(coder: Any, logits: np.ndarray, items: Sequence[Item]) -> dict[str, Any]:
    """Positive regard and confront as the analyzer decides them on AnnoMI's therapist turns (spoken
    MI sessions), against the project's annotation of every turn (heads.data.SPOKEN_REFERENCES):
    per turn, and per session (ICC(2,1) of the counts). Empty without the annotation."""
    from ...errors import ConfigError
    from ..annotation import text_hash
    from ..heads.data import spoken_labels

    labels = spoken_labels()
    rows = [i for i, item in enumerate(items) if item.utt.corpus == "annomi" and item.utt.role == "therapist"
            and (item.utt.conversation, item.utt.index) in labels]
    out: dict[str, Any] = {}
    if not rows:
        return out
    for i in rows:
        utt = items[i].utt
        if text_hash(utt.text) != labels[(utt.conversation, utt.index)][0]:
            raise ConfigError(f"annotation annomi/{utt.conversation}/{utt.index}: the text no longer matches its hash")
    for name in ("positive_regard", "confront"):
        if name not in coder.tasks:
            continue
        spec = coder.tasks[name]
        _, decided = coder.outputs(logits[rows], [name])[name]
        decided = decided == spec.classes.index(spec.positive)
        truth = np.array([labels[(items[i].utt.conversation, items[i].utt.index)][1][name] for i in rows])
        sessions = sorted({items[i].utt.conversation for i in rows})
        human = np.array([sum(t for i, t in zip(rows, truth) if items[i].utt.conversation == c) for c in sessions], float)
        predicted = np.array([sum(d for i, d in zip(rows, decided) if items[i].utt.conversation == c) for c in sessions], float)
        out[name] = {**_prf(truth, decided), "source": "AnnoMI therapist turns (annotated by the project)",
                     "sessions": len(sessions), "icc_2_1": _icc(human, predicted),
                     "human_mean": round(float(human.mean()), 2), "predicted_mean": round(float(predicted.mean()), 2)}
    return out


def _annotated_tasks() -> set[str]:
    from ..heads.data import ANNOTATED_TASKS, annotated_truth

    return {t for t in ANNOTATED_TASKS if annotated_truth(t) is not None}


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
