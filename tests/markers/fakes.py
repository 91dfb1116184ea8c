"""Fakes for unit tests: a hashing encoder and heads that decide by linguistic cues."""

from __future__ import annotations

import hashlib

import numpy as np

from transcript_analyzer.markers.features import CUE_NAMES
from transcript_analyzer.markers.heads import Head
from transcript_analyzer.markers.criteria import DisclosureCriteria
from transcript_analyzer.model import ModelInfo

DIM = 8


class FakeEncoder:
    """Deterministic pseudo-embeddings (no model): enough to exercise shapes and batching."""

    dim = DIM

    def __init__(self):
        self.calls = 0

    def load(self):
        return self

    def info(self):
        return ModelInfo(name="fake-encoder", stage="markers", version="0")

    def encode(self, texts):
        self.calls += 1
        out = np.array([np.frombuffer(hashlib.sha256(t.encode()).digest()[:DIM], dtype=np.uint8) for t in texts], dtype=np.float32)
        return out / 255.0 if len(texts) else np.zeros((0, DIM), dtype=np.float32)


def cue_head(name, classes, by_cue, default, positive=None, context=True):
    """A head whose class is the one named for the first cue present, else ``default``.
    Only the cue features carry weight, so the decision is a function of the text's cues."""
    n = DIM * (3 if context else 1) + len(CUE_NAMES)
    coef = np.zeros((len(classes), n))
    intercept = np.zeros(len(classes))
    intercept[classes.index(default)] = 2.0
    for cue, cls in by_cue.items():
        coef[classes.index(cls), DIM * (3 if context else 1) + CUE_NAMES.index(cue)] = 8.0
    threshold = 0.5 if positive else None
    return Head(name=name, classes=tuple(classes), context=context, cues=True, mean=np.zeros(n), scale=np.ones(n),
                coef=coef, intercept=intercept, threshold=threshold, positive=positive, version="test")


def fake_coder_heads():
    """Cue heads standing in for the coder's tasks."""
    levels = ("0", "1", "2")
    return {
        "mi_main": cue_head("mi_main", ("other", "question", "reflection", "therapist_input"),
                            {"question_mark": "question", "reflective_opener": "reflection", "directive": "therapist_input",
                             "information": "therapist_input"}, "other"),
        "question_type": cue_head("question_type", ("open", "closed"), {"wh_start": "open", "aux_start": "closed"}, "open"),
        "reflection_type": cue_head("reflection_type", ("simple", "complex"), {"feeling_word": "complex"}, "simple"),
        "input_type": cue_head("input_type", ("information", "advice", "negotiation", "options"),
                               {"directive": "advice", "information": "information"}, "information"),
        "epitome_er": cue_head("epitome_er", levels, {"feeling_word": "2"}, "0"),
        "epitome_ip": cue_head("epitome_ip", levels, {"hedge": "2"}, "0"),
        "epitome_ex": cue_head("epitome_ex", levels, {"invitation": "2"}, "0"),
        "positive_regard": cue_head("positive_regard", ("no", "yes"), {"affirmation": "yes"}, "no", positive="yes"),
        "self_disclosure": cue_head("self_disclosure", ("no", "yes"), {"own_life": "yes"}, "no", positive="yes"),
        "advice": cue_head("advice", ("no", "yes"), {"directive": "yes", "imperative_start": "yes"}, "no", positive="yes"),
        "confront": cue_head("confront", ("no", "yes"), {}, "no", positive="yes", context=False),
    }


def fake_heads():
    """The heads that stay beside the coder (trained on the project's annotations)."""
    return {
        "interpretive": cue_head("interpretive", ("no", "yes"), {"certainty": "yes", "hedge": "yes"}, "no", positive="yes"),
        "interpretation_certainty": cue_head("interpretation_certainty", ("tentative", "rigid"), {"certainty": "rigid"},
                                             "tentative", positive="rigid"),
    }


class KeywordTask:
    """A client-side (or repair) task decided by words in the target: enough to exercise the
    sequence logic without a model. ``rules``: (regex, class), first match wins."""

    def __init__(self, name, classes, rules, default, positive=None, threshold=None):
        import re

        self.name, self.classes, self.positive, self.threshold = name, tuple(classes), positive, threshold
        self.rules = [(re.compile(r, re.I), c) for r, c in rules]
        self.default = default

    def predict(self, texts):
        p = np.full((len(texts), len(self.classes)), 0.05)
        for i, t in enumerate(texts):
            cls = next((c for r, c in self.rules if r.search(t)), self.default)
            p[i, self.classes.index(cls)] = 0.9
        p /= p.sum(axis=1, keepdims=True)
        return p, p.argmax(axis=1)


def fake_client_tasks():
    return {
        "client_talk": KeywordTask("client_talk", ("change", "neutral", "sustain"),
                                   [(r"\bi want to (stop|quit|cut)", "change"), (r"\bi (like|enjoy) (it|drinking)", "sustain")], "neutral"),
        "rupture": KeywordTask("rupture", ("none", "withdrawal", "confrontation"),
                               [(r"\b(no[.,]|that's not|you don't|disagree|tried that)", "confrontation"),
                                (r"^(i don't know\.?|fine\.?|whatever\.?)$", "withdrawal")], "none"),
        "risk": KeywordTask("risk", ("no", "yes"), [(r"better off|kill myself|hurt myself|wasn't around", "yes")], "no",
                            positive="yes", threshold=0.5),
        "repair": KeywordTask("repair", ("non_repair", "repair"),
                              [(r"\b(you're right|i hear that|tell me more about what didn't|sorry)", "repair")], "non_repair",
                              positive="repair", threshold=0.5),
    }


class FakeCoder:
    """Stands in for markers.coder.Coder: each task decided by a cue head over hashed pseudo-embeddings
    of the target and its conversation context. Records what it was asked."""

    def __init__(self, client=False):
        self.heads = fake_coder_heads()
        self.keyword = fake_client_tasks() if client else {}
        self.tasks = {n: h for n, h in {**self.heads, **self.keyword}.items()}  # .classes (and threshold) is what the stage reads
        self.calls: list[tuple[list[str], list[str]]] = []
        self._encoder = FakeEncoder()

    def load(self):
        return self

    def info(self):
        return ModelInfo(name="fake-coder", stage="markers", version="0")

    def predict(self, contexts, targets, tasks=None):
        from transcript_analyzer.markers.features import assemble, cue_matrix

        self.calls.append((list(contexts), list(targets)))
        u, c = self._encoder.encode(list(targets)), self._encoder.encode([x or "." for x in contexts])
        cues = cue_matrix(list(targets))
        out = {}
        for name in tasks or list(self.tasks):
            if name in self.keyword:
                out[name] = self.keyword[name].predict(list(targets))
                continue
            head = self.heads[name]
            p = head.predict_proba(assemble(u, c, cues, head.context))
            out[name] = (p, head.decide(p))
        return out


def fake_appropriateness():
    """The disclosure criteria with an uninformative probability table."""
    return DisclosureCriteria(long_words=40, frequent_from=3, base_rate=0.3)


def client_validity(monkeypatch, rupture: float = 0.8, repair: float = 0.8) -> None:
    """The coder's metrics as the report reads them (markers/validity.py), whatever coder ships:
    every therapist marker measured at precision 0.8, and the given held-out rupture and repair
    precisions (the fake coder's client tasks have no card of their own)."""
    from transcript_analyzer.markers import validity
    from transcript_analyzer.markers.codebook import MARKER_NAMES

    real = validity._metrics

    def metrics(name):
        m = real(name)
        if name != "coder":
            return m
        m = {k: v for k, v in (m or {}).items() if k not in ("test_by_corpus", "markers_spoken")}
        m["markers"] = {name: {"precision": 0.8, "recall": 0.7, "f1": 0.75, "support": 20, "decided": 18, "n": 300,
                               "source": "a stand-in card"} for name in (*MARKER_NAMES, *validity.POOLED)}
        hit_rupture, hit_repair = round(10 * rupture), round(10 * repair)
        m["test"] = dict(m.get("test") or {}, rupture={
            "per_class": {"none": {}, "withdrawal": {}, "confrontation": {}}, "kappa": 0.5, "ece": 0.1, "n": 110,
            "headline": "macro_f1", "macro_f1": 0.6, "confusion": [[90, 0, 10 - hit_rupture], [0, 0, 0], [0, 0, hit_rupture]]},
            repair={"per_class": {"non_repair": {}, "repair": {}}, "kappa": 0.5, "ece": 0.1, "n": 20, "headline": "positive_f1",
                    "positive_f1": 0.6, "confusion": [[10, 10 - hit_repair], [0, hit_repair]]})
        return m

    monkeypatch.setattr(validity, "_metrics", metrics)
