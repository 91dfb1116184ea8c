"""The 'boundaries' recipe (pipelines/boundaries.toml): fit the gap model on the training split,
tune its threshold on validation, and score it and spaCy's parser on the test split's
unpunctuated copies (AnnoMI: spoken counselling, the headline; ESConv: typed chat).

Training reads gaps with the true utterance starts (teacher forcing); validation and test run
the model as the analyzer does, left to right on its own cuts.
"""

from __future__ import annotations

import json
import random
from datetime import date
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from ...text.boundaries import BITS, CLASSES, BoundaryModel, feature_index, gap_features, words_of
from .. import write_model
from .data import Text, labelled, texts


def _training_matrix(items: Sequence[Text], bits: int, weights: dict[str, float]):  # noqa: ANN202
    from scipy.sparse import csr_matrix

    cols, y, w = [], [], []
    for t in items:
        words, labels = labelled(t.text)
        first = 0
        for i, label in enumerate(labels):
            cols.append(feature_index(gap_features(words, i, first), bits))
            y.append(CLASSES.index(label))
            w.append(weights.get(t.corpus, 1.0))
            if label != "none":
                first = i + 1
    indptr = np.cumsum([0] + [len(c) for c in cols])
    data = np.ones(int(indptr[-1]), dtype=np.float32)
    matrix = csr_matrix((data, np.concatenate(cols), indptr), shape=(len(cols), 1 << bits))
    matrix.sum_duplicates()
    return matrix, np.array(y), np.array(w)


def fit(items: Sequence[Text], bits: int, alpha: float, seed: int,
        corpus_weights: dict[str, float]) -> tuple[np.ndarray, np.ndarray]:
    from sklearn.linear_model import SGDClassifier

    x, y, w = _training_matrix(items, bits, corpus_weights)
    clf = SGDClassifier(loss="log_loss", alpha=alpha, max_iter=30, tol=1e-4, random_state=seed).fit(x, y, sample_weight=w)
    weights = np.zeros((len(CLASSES), 1 << bits), dtype=np.float32)
    bias = np.zeros(len(CLASSES), dtype=np.float32)
    weights[clf.classes_] = clf.coef_
    bias[clf.classes_] = clf.intercept_
    return weights, bias


def _gold(text: str) -> tuple[set[int], dict[int, bool]]:
    """Internal boundaries (word index after which an utterance ends, last word excluded) and,
    for every utterance end including the last, whether it is a question."""
    _, labels = labelled(text)
    ends = {i: lab == "question" for i, lab in enumerate(labels) if lab != "none"}
    return {i for i in ends if i < len(labels) - 1}, ends


def _predicted(spans: list[tuple[int, int, bool]], found: list[tuple[int, int, str]]) -> tuple[set[int], dict[int, bool]]:
    ends: dict[int, bool] = {}
    for a, b, question in spans:
        inside = [k for k, (s, e, _) in enumerate(found) if s >= a and e <= b]
        if inside:
            ends[inside[-1]] = question
    return {i for i in ends if i < len(found) - 1}, ends


def _spacy_spans(plain: list[str]) -> list[list[tuple[int, int, bool]]]:
    from ...config import SegmentOptions
    from ...text.segment import SegmentStage

    stage = SegmentStage(SegmentOptions(boundaries="", unit="sentence"))  # the parser alone, as before this model
    return [[(a, b, False) for a, b in spans] for spans in stage.predict(plain)]


def score(items: Sequence[Text], segmenter) -> dict[str, Any]:  # noqa: ANN001
    """Boundary P/R/F1 over internal word gaps, multi-utterance texts left whole, question
    precision/recall at the true utterance ends."""
    plain = [" ".join(w for _, _, w in words_of(t.text)) for t in items]
    predictions = segmenter(plain)
    tp = fp = fn = whole = multi = 0
    q_tp = q_fp = q_fn = 0
    for t, text, spans in zip(items, plain, predictions):
        gold, gold_ends = _gold(t.text)
        found = words_of(text)
        pred, pred_ends = _predicted(spans, found)
        tp, fp, fn = tp + len(gold & pred), fp + len(pred - gold), fn + len(gold - pred)
        if gold:
            multi += 1
            whole += not pred
        for i, is_q in gold_ends.items():
            said = pred_ends.get(i, False)
            q_tp, q_fp, q_fn = q_tp + (is_q and said), q_fp + (said and not is_q), q_fn + (is_q and not said)
    p, r = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
    qp, qr = q_tp / max(q_tp + q_fp, 1), q_tp / max(q_tp + q_fn, 1)
    return {"texts": len(items), "boundaries": tp + fn, "precision": round(p, 4), "recall": round(r, 4),
            "f1": round(2 * p * r / max(p + r, 1e-9), 4), "multi_utterance_texts": multi, "left_whole": whole,
            "question_precision": round(qp, 4), "question_recall": round(qr, 4),
            "question_f1": round(2 * qp * qr / max(qp + qr, 1e-9), 4), "questions": q_tp + q_fn}


def run(recipe: dict[str, Any], data_dir: Path, out_dir: Path) -> Path:
    settings = recipe.get("fit", {})
    bits, seed = int(settings.get("bits", BITS)), int(settings.get("seed", 0))
    alphas = [float(a) for a in settings.get("alpha", [1e-6])]
    corpus_weights = {k: float(v) for k, v in settings.get("corpus_weights", {}).items()}
    corpora = {c: texts(c, data_dir) for c in recipe["data"]["corpora"]}
    split = {s: {c: [t for t in items if t.split == s] for c, items in corpora.items()} for s in ("train", "val", "test")}
    train = [t for items in split["train"].values() for t in items]
    random.Random(seed).shuffle(train)
    tune_on = split["val"][recipe["data"].get("tune_on", "annomi")]
    version = str(recipe["recipe"].get("version", "1"))
    best = None  # (boundary F1 + question F1 on validation, model, scores, alpha)
    for alpha in alphas:
        weights, bias = fit(train, bits, alpha, seed, corpus_weights)
        for threshold in (0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 0.98):
            for factor in (0.15, 0.2, 0.3, 0.5, 0.7, 1.0):
                model = BoundaryModel(weights, bias, threshold, bits, factor, version)
                s = score(tune_on, lambda plain, m=model: [m.segment(x) for x in plain])
                if best is None or s["f1"] + s["question_f1"] > best[0]:
                    best = (s["f1"] + s["question_f1"], model, s, alpha)
    _, model, chosen, alpha = best
    test = {c: {"model": score(items, lambda plain: [model.segment(x) for x in plain]),
                "spacy_parser": score(items, _spacy_spans)} for c, items in split["test"].items()}
    metrics = {"date": date.today().isoformat(), "train_texts": len(train), "alpha": alpha,
               "corpus_weights": corpus_weights, "threshold": model.threshold, "question_factor": model.question_factor,
               "validation": chosen, "test": test}
    return write_model(out_dir, model.save, {"metrics.json": (json.dumps(metrics, indent=1) + "\n").encode(),
                                             "card.md": _card(recipe, metrics).encode()})


def _row(name: str, s: dict[str, Any]) -> str:
    return (f"| {name} | {s['precision']:.3f} | {s['recall']:.3f} | {s['f1']:.3f} | {s['left_whole']} of "
            f"{s['multi_utterance_texts']} | {s['question_precision']:.3f} | {s['question_recall']:.3f} |")


def _card(recipe: dict[str, Any], m: dict[str, Any]) -> str:
    rows = [_row(f"{corpus}: {who}", s) for corpus, pair in m["test"].items() for who, s in pair.items()]
    return f"""# Model card: boundaries (version {recipe['recipe'].get('version', '1')})

{recipe.get('card', {}).get('summary', '').strip()}

## Data and split
{recipe.get('card', {}).get('data', '').strip()} Labels come from the corpora's own punctuation
(full stop or '!' = an utterance ends; '?' = it ends as a question). Split by conversation
(training/corpora/examples.split_of): {m['train_texts']} punctuated training texts (per-corpus
weights {m['corpus_weights'] or 'none'}). Chosen on the AnnoMI validation conversations (best boundary
F1 + question F1): regularisation {m['alpha']}, cut where P(no boundary) < {m['threshold']}, a question
when P(question) > {m['question_factor']} × P(end).

## Held-out results (test conversations, lowercased and unpunctuated)
Boundaries: word gaps inside a text where an utterance ends (the text's end is not counted).
"Left whole": texts with two or more utterances given as one. Questions: at each true utterance
end, whether it was called a question.

| segmenter | boundary precision | recall | F1 | left whole | question precision | question recall |
|---|---|---|---|---|---|---|
{chr(10).join(rows)}

## Failure modes
{recipe.get('card', {}).get('failure_modes', '').strip()}

Reproduce: `transcript-analyzer train pipelines/boundaries.toml --data ../shared/data` (about a minute).
"""


def check(data: Path, name: str = "boundaries") -> list:
    """`evaluate --data`: the shipped boundary model on the test split against its card."""
    from ...resources import find_model
    from ..heads.evaluate import Check

    card = json.loads((find_model(name) / "metrics.json").read_text(encoding="utf-8"))["test"]
    model = BoundaryModel.load(name)
    checks = []
    for corpus, was in card.items():
        items = [t for t in texts(corpus, data) if t.split == "test"]
        now = score(items, lambda plain: [model.segment(x) for x in plain])
        for metric in ("f1", "question_f1"):
            checks.append(Check(f"{name}/{corpus}", metric, was["model"][metric], now[metric], now["texts"]))
    return checks
