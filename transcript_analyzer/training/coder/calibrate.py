"""Calibrating the exported coder on validation (its scoring against human codes is agreement.py).

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

from ...markers.heads import softmax
from ..annotation.references import annotated_truth
from ..heads.fit import fit_temperature, tune_threshold, tune_weights
from .agreement import empathy_truth, icc, prf, session_counts, truth_of
from .data import Item, Task, task_rows


def rate_threshold(p: np.ndarray, positives: int) -> float:
    """The threshold that decides as many items positive as there are human positives."""
    if positives <= 0:
        return 1.0
    ranked = np.sort(p)[::-1]
    return float(ranked[min(positives, len(ranked)) - 1])  # not rounded: rounding up would drop the last one


def recall_threshold(p: np.ndarray, truth: np.ndarray, recall: float) -> float:
    """The highest threshold whose recall on ``truth`` reaches ``recall`` (a safety net: a missed
    positive costs more than a false alarm)."""
    positives = np.sort(p[truth.astype(bool)])[::-1]
    if not len(positives):
        return 0.5
    need = int(np.ceil(recall * len(positives)))
    return float(positives[max(need, 1) - 1])


def false_alarm_threshold(p: np.ndarray, share: float) -> float:
    """The lowest threshold that decides at most ``share`` of ``p`` (scores of items without the
    code) positive."""
    if not len(p):
        return 0.0
    ranked = np.sort(p)[::-1]
    allowed = int(np.floor(share * len(ranked)))
    return float(np.nextafter(ranked[allowed], np.inf)) if allowed < len(ranked) else 0.0


def fit(tasks: Sequence[Task], offs: Sequence[int], logits: np.ndarray, val: Sequence[Item],
        counts: dict[str, Any], match_rate: Sequence[str] = (),
        recall_at: dict[str, float] | None = None, decide_on: dict[str, Sequence[str]] | None = None,
        false_alarms: dict[str, dict[str, Any]] | None = None) -> list[dict[str, Any]]:
    """The calibration of each task: temperature and decision rule, for coder.json.
    ``recall_at`` (``[calibrate] recall_at`` in the recipe): binary tasks whose threshold is the
    highest that reaches the given validation recall, instead of the best F1; ``decide_on``
    (``[calibrate] decide_on``): the corpora whose validation items set a task's threshold or class
    weights (e.g. real client turns only: written examples are easier and would set them for
    written text); the temperature is fitted on all of them. ``false_alarms`` (``[calibrate]
    false_alarms = { task = { corpora = [...], at_most = share } }``): a recall threshold is raised,
    where needed, until at most that share of those corpora's validation items without the code
    are decided positive (a safety net that flags a tenth of an ordinary session is not read)."""
    recall_at, decide_on, false_alarms = recall_at or {}, decide_on or {}, false_alarms or {}
    rules = []
    for k, task in enumerate(tasks):
        index, y = task_rows(val, k)
        z = logits[index, offs[k]:offs[k] + len(task.classes)]
        if len(y) < 5 or len(set(y)) < 2:
            rules.append({"temperature": 1.0, "threshold": None, "weights": None, "val_n": int(len(y))})
            continue
        temperature = round(fit_temperature(z, y), 4)  # as stored: thresholds are set on the probabilities that ship
        p = softmax(z, temperature)
        rule: dict[str, Any] = {"temperature": temperature, "val_n": int(len(y))}
        on = np.array([task.name not in decide_on or val[i].utt.corpus in decide_on[task.name] for i in index])
        if task.name in decide_on:
            rule["decided_on"] = sorted(decide_on[task.name])
        if task.name in match_rate and len(task.classes) == 2:
            pos = task.classes.index(task.positive) if task.positive is not None else 1
            _, positives = truth_of(task, val, index, y, annotated_truth(task.name))  # annotated truth, where the project made one
            t = rate_threshold(p[:, pos], int(round(positives)))
            if task.positive is not None:
                rule["threshold"], rule["weights"] = t, None
            else:  # argmax(w * p) with w = (1, (1 - t) / t) decides class 1 exactly when P(class 1) > t
                rule["threshold"], rule["weights"] = None, [1.0, round((1 - t) / max(t, 1e-6), 6)]
            rule["rate_matched"] = True
        elif task.positive is not None and task.name in recall_at:
            pos = task.classes.index(task.positive)
            rule["threshold"] = recall_threshold(p[on, pos], y[on] == pos, float(recall_at[task.name]))
            rule["weights"], rule["recall_target"] = None, float(recall_at[task.name])
            if task.name in false_alarms:
                cap = false_alarms[task.name]
                quiet = np.array([val[i].utt.corpus in cap["corpora"] for i in index]) & (y != pos)
                floor = false_alarm_threshold(p[quiet, pos], float(cap["at_most"]))
                rule["false_alarm_cap"] = {"corpora": sorted(cap["corpora"]), "at_most": float(cap["at_most"]),
                                           "raised": bool(floor > rule["threshold"])}
                rule["threshold"] = max(rule["threshold"], floor)
        elif task.positive is not None:
            pos = task.classes.index(task.positive)
            rule["threshold"] = round(tune_threshold(p[on, pos], y[on] == pos), 4)
            rule["weights"] = None
        else:
            rule["threshold"] = None
            rule["weights"] = [round(float(w), 4) for w in tune_weights(p[on], y[on])]
        rules.append(rule)
    _tune_for_sessions(tasks, offs, logits, val, counts, rules)
    return rules


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
            iccs = [icc(*session_counts(val, k, c, decided, index, y)[1:]) for c in cls]
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
                    mean_icc, f1 = objective(trial)
                    if mean_icc > best[0] + 1e-6 and f1 >= base_f1 - 0.01:
                        best = (mean_icc, trial)
        rule["weights"] = [round(float(v), 4) for v in best[1] / best[1].max()]
        rule["session_tuning"] = {"val_mean_icc_before": round(base_icc, 4), "val_mean_icc_after": round(best[0], 4),
                                  "val_macro_f1_before": round(base_f1, 4),
                                  "val_macro_f1_after": round(objective(best[1])[1], 4)}


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
        tried.append((float(cut), prf(truth, decided)))
    reaching = [(c, m) for c, m in tried if m["precision"] >= empathy_precision]
    cut, _ = max(reaching, key=lambda x: (x[1]["recall"], x[0])) if reaching else max(tried, key=lambda x: x[1]["f1"])
    return {DISCLOSURE_RULE: cut}


