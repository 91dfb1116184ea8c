"""Calibration of the coder's decisions: rate matching, per-session counts and their ICC."""

import numpy as np

from transcript_analyzer.markers.coder import TaskSpec
from transcript_analyzer.training.coder import agreement as scoring, calibrate
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
    agreement = scoring.session_agreement(FakeCoder(spec), {"yes": {"task": "t", "class": "yes"}}, logits, val)["yes"]
    assert agreement["sessions"] == 6 and -1 <= agreement["icc_2_1"] <= 1
    assert agreement["human_mean"] == round(y.sum() / 6, 2)


def test_the_empathy_rule_keeps_interpretations_about_the_client_and_drops_the_therapists_own_story():
    """marker_rules picks the cut-off on P(self-disclosure) that reaches the precision asked for on
    EPITOME validation pairs (against codebook 3.3) with the most recall."""
    from transcript_analyzer.markers.codebook import DISCLOSURE_RULE

    n = 20
    me_too = np.arange(n) % 2 == 0
    val = [Item(Utt("epitome", f"c{i}", 0, "therapist", "", "reply",
                    {"er": "0", "ex": "0", "ip": "2",
                     "ip_rationale": "I went through the same thing last year" if me_too[i] else "you must feel so alone"}), ())
           for i in range(n)]
    level = {"0": np.log([0.8, 0.1, 0.1]), "2": np.log([0.1, 0.1, 0.8])}
    specs = [TaskSpec("epitome_er", ("0", "1", "2"), 0), TaskSpec("epitome_ip", ("0", "1", "2"), 3),
             TaskSpec("epitome_ex", ("0", "1", "2"), 6), TaskSpec("mi_main", ("other", "question", "reflection", "therapist_input"), 9),
             TaskSpec("reflection_type", ("simple", "complex"), 13), TaskSpec("self_disclosure", ("no", "yes"), 15, positive="yes")]
    rows = []
    for i in range(n):
        sd = 0.8 if me_too[i] else 0.1  # the coder hears "I went through" as the therapist's own story
        rows.append(np.concatenate([level["0"], level["2"], level["0"], np.log([0.97, 0.01, 0.01, 0.01]),
                                    np.log([0.5, 0.5]), np.log([1 - sd, sd])]))
    logits = np.array(rows)

    class Coder:
        tasks = {s.name: s for s in specs}
        marker_thresholds: dict = {}

        def outputs(self, lg, tasks=None):
            return {s.name: (s.probabilities(lg), s.decide(s.probabilities(lg))) for s in specs}

    assert calibrate.marker_rules(Coder(), logits, val, 0.9) == {DISCLOSURE_RULE: 0.8}  # 0.8 itself is excluded (<)
    assert calibrate.marker_rules(Coder(), logits, val, None) == {}
    # no cut-off reaches an impossible precision: the best F1 instead, the first cut-off that keeps
    # the interpretations about the client (P 0.1 < 0.15) and drops the rest
    assert calibrate.marker_rules(Coder(), logits, val, 1.01) == {DISCLOSURE_RULE: 0.15}


def test_annotated_truth_replaces_the_corpus_label_and_estimates_the_rest(monkeypatch):
    """truth_of: where the project annotated an item under the codebook its label wins; the count of
    positives adds, for unannotated corpus negatives, the rate found in the annotated random sample."""
    from transcript_analyzer.training.annotation import text_hash
    from transcript_analyzer.training.annotation.references import AnnotatedTruth

    val = [Item(Utt("esconv", f"c{i}", 0, "therapist", "", f"message {i}", split_override="val"), ((0, y),))
           for i, y in enumerate([1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0])]
    labels = {("esconv", "c0", 0): (text_hash("message 0"), True),    # the corpus and the annotators agree
              ("esconv", "c1", 0): (text_hash("message 1"), False),   # "you'll be fine": reassurance, not regard
              ("esconv", "c3", 0): (text_hash("message 3"), True),    # decided by the coder, missed by the corpus
              ("esconv", "c4", 0): (text_hash("message 4"), True)}    # random sample of the rest: 1 of 2 positive
    labels[("esconv", "c5", 0)] = (text_hash("message 5"), False)
    truth = AnnotatedTruth(labels, {"val": (2, 1, 9)})
    task = Task("pr", ("no", "yes"), (), positive="yes")
    index, y = list(range(len(val))), np.array([c for it in val for _, c in it.targets])
    out, expected = scoring.truth_of(task, val, index, y, truth)
    assert list(out) == [1, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0]  # c2: unannotated, the corpus's label stays
    # annotated positives 3, the unannotated corpus positive c2, and 6 unannotated negatives at 1/2
    assert expected == 3 + 1 + 6 * 0.5
    other = Task("other", ("no", "yes"), (), positive="yes")
    assert scoring.truth_of(other, val, index, y, None)[1] == 3


def test_spoken_agreement_scores_turns_and_session_counts_against_the_annotation(monkeypatch):
    from transcript_analyzer.training.annotation import text_hash

    items, labels, rows = [], {}, []
    for conv, flags in (("1", [1, 0, 0, 1]), ("2", [0, 0, 1, 0]), ("3", [1, 1, 0, 0])):
        for j, yes in enumerate(flags):
            text = f"turn {conv}.{j}"
            items.append(Item(Utt("annomi", conv, j, "therapist", "", text), ()))
            labels[(conv, j)] = (text_hash(text), {"positive_regard": bool(yes), "confront": False})
            rows.append([0.0, 3.0 if yes else -3.0])  # the coder agrees, except one turn below
    rows[1] = [0.0, 3.0]  # a false positive in session 1
    items.append(Item(Utt("annomi", "9", 0, "client", "", "client turn"), ()))
    rows.append([0.0, 0.0])
    monkeypatch.setattr(scoring, "spoken_labels", lambda: labels)
    spec = TaskSpec("positive_regard", ("no", "yes"), 0, positive="yes", threshold=0.5)

    class Coder:
        tasks = {"positive_regard": spec}

        def outputs(self, lg, tasks=None):
            p = spec.probabilities(lg)
            return {"positive_regard": (p, spec.decide(p))}

    out = scoring.spoken_agreement(Coder(), np.array(rows), items)["positive_regard"]
    assert (out["precision"], out["recall"], out["n"], out["sessions"]) == (0.8333, 1.0, 12, 3)
    assert out["human_mean"] == round(5 / 3, 2) and out["predicted_mean"] == 2.0
    assert 0.5 < out["icc_2_1"] < 1


def test_recall_threshold_keeps_the_asked_share_of_positives():
    p = np.array([0.95, 0.9, 0.6, 0.3, 0.2, 0.1, 0.05])
    truth = np.array([1, 0, 1, 0, 1, 0, 1])
    t = calibrate.recall_threshold(p, truth, 0.75)
    assert t == 0.2 and ((p >= t) & (truth == 1)).sum() == 3
    assert calibrate.recall_threshold(p, truth, 1.0) == 0.05


def test_session_tuning_of_a_counted_class_runs_and_keeps_macro_f1():
    """[counts] with tune = "sessions": the class weights move only if the mean per-session ICC
    rises and validation macro-F1 drops by at most 0.01 (calibrate._tune_for_sessions)."""
    rng = np.random.default_rng(1)
    labels = {f"c{k}": list(rng.integers(0, 3, 15)) for k in range(8)}
    val = items_for(labels)
    y = np.array([c for it in val for _, c in it.targets])
    logits = np.eye(3)[y] * 1.5 + rng.normal(0, 1.0, (len(y), 3))
    task = Task("t", ("a", "b", "c"), ({"corpus": "annomi"},))
    (rule,) = calibrate.fit([task], [0], logits, val, {"b": {"task": "t", "class": "b", "tune": "sessions"}})
    tuning = rule["session_tuning"]
    assert tuning["val_mean_icc_after"] >= tuning["val_mean_icc_before"]
    assert tuning["val_macro_f1_after"] >= tuning["val_macro_f1_before"] - 0.01 - 1e-9


def test_decide_on_sets_the_safety_net_threshold_on_the_named_corpora_only():
    """Written examples score high and easily; the risk threshold is set on real turns only, so
    that the real positives keep the asked recall."""
    real = [Item(Utt("esconv", f"r{i}", 0, "client", "", "t"), ((0, y),)) for i, y in enumerate([1] * 4 + [0] * 6)]
    written = [Item(Utt("written_probe", f"w{i}", 0, "client", "", "t"), ((0, 1),)) for i in range(20)]
    val = real + written
    score = np.array([0.3, 0.25, 0.2, 0.15] + [0.05] * 6 + [0.95] * 20)
    logits = np.stack([np.zeros(len(val)), np.log(score / (1 - score))], axis=1)
    task = Task("risk", ("no", "yes"), ({"corpus": "esconv"},), positive="yes", role="client")
    (everywhere,) = calibrate.fit([task], [0], logits, val, {}, recall_at={"risk": 0.95})
    (on_real,) = calibrate.fit([task], [0], logits, val, {}, recall_at={"risk": 0.95}, decide_on={"risk": ["esconv"]})
    spec = lambda rule: TaskSpec("risk", ("no", "yes"), 0, rule["temperature"], "yes", rule["threshold"])  # noqa: E731
    recall = lambda rule: spec(rule).decide(spec(rule).probabilities(logits))[:4].mean()  # noqa: E731
    assert recall(on_real) == 1.0 and recall(everywhere) < 1.0
    assert on_real["decided_on"] == ["esconv"]


def test_a_false_alarm_cap_raises_the_safety_net_threshold_where_it_would_flood_ordinary_turns():
    quiet = np.array([0.9, 0.3, 0.2, 0.1, 0.05, 0.04, 0.03, 0.02, 0.01, 0.0])
    t = calibrate.false_alarm_threshold(quiet, 0.1)
    assert (quiet >= t).sum() == 1 and t > 0.3
    assert (quiet >= calibrate.false_alarm_threshold(quiet, 0.0)).sum() == 0
    spoken = [Item(Utt("annomi", f"s{i}", 0, "client", "", "t"), ((0, 0),)) for i in range(10)]
    real = [Item(Utt("esconv", f"r{i}", 0, "client", "", "t"), ((0, 1),)) for i in range(4)]
    score = np.concatenate([quiet * 0.5 + 0.001, [0.06, 0.5, 0.7, 0.9]])
    logits = np.stack([np.zeros(len(score)), np.log(score / (1 - score))], axis=1)
    task = Task("risk", ("no", "yes"), ({"corpus": "esconv"},), positive="yes", role="client")
    (plain,) = calibrate.fit([task], [0], logits, spoken + real, {}, recall_at={"risk": 1.0})
    (capped,) = calibrate.fit([task], [0], logits, spoken + real, {}, recall_at={"risk": 1.0},
                              false_alarms={"risk": {"corpora": ["annomi"], "at_most": 0.1}})
    spec = lambda rule: TaskSpec("risk", ("no", "yes"), 0, rule["temperature"], "yes", rule["threshold"])  # noqa: E731
    flagged = lambda rule: spec(rule).decide(spec(rule).probabilities(logits))  # noqa: E731
    assert flagged(plain)[10:].all() and flagged(plain)[:10].sum() >= 2
    assert flagged(capped)[:10].sum() <= 1 and capped["false_alarm_cap"]["raised"]


def test_per_corpus_agreement_pools_the_real_corpora_apart_from_a_probe_and_counts_false_alarms():
    """The report judges client codes on real turns: by_corpus adds a pooled entry of the real
    corpora (with its confusion matrix) beside each corpus and the written probe; false_alarms
    counts positive decisions in a corpus with no positive at all."""
    def items(corpus, labels):
        return [Item(Utt(corpus, f"{corpus}{i // 3}", i, "client", "", "t"), ((0, y),)) for i, y in enumerate(labels)]

    test = items("esconv", [1, 0, 0, 1, 0, 0]) + items("epitome", [1, 1, 0, 0]) + items("written_probe", [1, 1, 0, 0]) \
        + items("annomi", [0, 0, 0, 0, 0])
    score = np.array([0.9, 0.8, 0.1, 0.2, 0.1, 0.1, 0.9, 0.9, 0.1, 0.8, 0.9, 0.9, 0.9, 0.9, 0.9, 0.1, 0.1, 0.1, 0.1])
    logits = np.stack([np.zeros(len(score)), np.log(score / (1 - score))], axis=1)
    spec = TaskSpec("risk", ("no", "yes"), 0, 1.0, "yes", 0.5)

    class Risk:
        tasks = {"risk": spec}

        def outputs(self, z, tasks=None):
            return {"risk": (spec.probabilities(z), spec.decide(spec.probabilities(z)))}

    coder = Risk()
    task = Task("risk", ("no", "yes"), ({"corpus": "esconv"}, {"corpus": "epitome"}), positive="yes", role="client")
    found = scoring.by_corpus(coder, [task], logits, test)["risk"]
    assert set(found) == {"esconv", "epitome", "written_probe", scoring.REAL}
    real = found[scoring.REAL]
    assert real["n"] == 15 and real["confusion"] == [[8, 3], [1, 3]]  # a false alarm in each real corpus, AnnoMI's too
    assert scoring.false_alarms(coder, [task], logits, test) == {"risk": {"annomi": {"n": 5, "flagged": 1}}}


def test_written_examples_can_be_given_a_real_session_before_them():
    """[[tasks.sources]] session_context = share: that share of a written set's examples (by id,
    the same every run) get a training-split session before their one line, so that context
    length is no cue; the line itself stays last, and the target is untouched."""
    from transcript_analyzer.training.coder.data import session_pools, with_session_before

    def real(role, split_conv):
        return Item(Utt("annomi", split_conv, 3, role, f"client: earlier {role} therapist: more", "x"), ((0, 0),))

    train_conv = next(c for c in (f"c{i}" for i in range(200)) if Utt("annomi", c, 0, "x", "", "").split == "train")
    test_conv = next(c for c in (f"c{i}" for i in range(200)) if Utt("annomi", c, 0, "x", "", "").split == "test")
    pools = session_pools([real("therapist", train_conv), real("client", train_conv), real("therapist", test_conv)])
    assert len(pools["therapist"]) == 1 and len(pools["client"]) == 1  # training split only
    written = [Utt("synthetic", f"w{i}", 0, "client", "therapist: Maybe try a list?", "I've tried that.") for i in range(200)]
    given = [with_session_before(u, pools, 0.8) for u in written]
    longer = [g for g in given if g.context != "therapist: Maybe try a list?"]
    assert 0.7 < len(longer) / len(given) < 0.9
    assert all(g.context.startswith("client: earlier therapist") and g.context.endswith("therapist: Maybe try a list?")
               and g.text == "I've tried that." for g in longer)
    assert given == [with_session_before(u, pools, 0.8) for u in written]  # the same every run
    assert with_session_before(written[0], pools, 0.0) == written[0]
