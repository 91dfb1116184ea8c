"""Calibration of the coder's decisions: rate matching, per-session counts and their ICC."""

import numpy as np

from transcript_analyzer.markers.coder import TaskSpec
from transcript_analyzer.training.coder import calibrate
from transcript_analyzer.training.coder.data import Item, Task, Utt


def test_rate_threshold_decides_as_many_as_the_humans_marked():
    p = np.array([0.9, 0.8, 0.7, 0.2, 0.1])
    assert (p >= calibrate.rate_threshold(p, 2)).sum() == 2
    assert calibrate.rate_threshold(p, 0) == 1.0 and (p >= calibrate.rate_threshold(p, 9)).sum() == 5


def items_for(labels_by_conv):
    out = []
    for conv, labels in labels_by_conv.items():
        for i, y in enumerate(labels):
            out.append(Item(Utt("annomi", conv, i, "therapist", "", f"u{i}"), ((0, y),)))
    return out


class FakeCoder:
    def __init__(self, spec):
        self.tasks = {spec.name: spec}

    def outputs(self, logits, tasks=None):
        spec = self.tasks["t"]
        p = spec.probabilities(logits)
        return {"t": (p, spec.decide(p))}


def test_fit_rate_matches_a_binary_task_and_counts_sessions():
    rng = np.random.default_rng(0)
    val = items_for({f"c{k}": list(rng.integers(0, 2, 12)) for k in range(6)})
    y = np.array([c for it in val for _, c in it.targets])
    logits = np.stack([np.zeros(len(y)), 2.0 * y - 1 + rng.normal(0, 1.5, len(y))], axis=1)  # noisy scores
    task = Task("t", ("no", "yes"), ({"corpus": "annomi"},), positive="yes")
    (rule,) = calibrate.fit([task], [0], logits, val, {}, match_rate=["t"])
    assert rule["rate_matched"] and rule["weights"] is None
    spec = TaskSpec("t", ("no", "yes"), 0, rule["temperature"], "yes", rule["threshold"])
    decided = spec.decide(spec.probabilities(logits))
    assert decided.sum() == y.sum()  # as many decided as the humans marked (no ties in these scores)
    agreement = calibrate.session_agreement(FakeCoder(spec), {"yes": {"task": "t", "class": "yes"}}, logits, val)["yes"]
    assert agreement["sessions"] == 6 and -1 <= agreement["icc_2_1"] <= 1
    assert agreement["human_mean"] == round(y.sum() / 6, 2)
