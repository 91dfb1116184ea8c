"""The 'appropriateness' recipe: the disclosure criteria of the codebook (Hill & Knox), with
their open cut-offs and probabilities set from the project's annotated self-disclosures.

Each annotated disclosure is placed back in its ESConv conversation; the conversation is split
into sentence-level utterances (as the analyzer does), the corpus strategy labels mark the other
disclosures and the supporter's questions and reflections, and ``rules.disclosure_episodes``
describes the episode that holds the annotated message: the same episode the markers stage
builds at run time. The cut-offs (how many words is long, from which episode on is frequent) are
chosen by Cohen's kappa on train+val conversations, the probability table is estimated there,
and everything is scored on test-split conversations only. 'unclear' labels are left out.
A logistic regression over the episode features is fitted the same way and reported beside it
as the learned alternative.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

from ...markers import rules
from ...markers.criteria import CRITERIA, DisclosureCriteria
from ..annotation import join, load_annotations
from .. import write_model
from ..corpora.split_manifest import CARD_LINE, FILE as MANIFEST, manifest_bytes
from ..corpora.examples import Example, load
from .data import _final_labels
from .fit import score, score_predictions
from .recipe import fit_cv

FEATURES = rules.EPISODE_FEATURES
_SENT = re.compile(r"(?<=[.!?])\s+")
_QR = {"Question", "Restatement or Paraphrasing", "Reflection of feelings"}


def _conversation_utts(examples: list[Example], target: int) -> tuple[list[rules.Utt], set[int]]:
    """Sentence-level utterances of one ESConv conversation; the indices of the target message."""
    utts: list[rules.Utt] = []
    target_rows: set[int] = set()
    turn = 0
    for ex in sorted(examples, key=lambda e: e.index):
        if ex.context:
            utts.append(rules.Utt(len(utts), turn, "client", ex.context))
            turn += 1
        disclosure = ex.index == target or ex.labels.get("strategy") == "Self-disclosure"
        for sentence in (s for s in _SENT.split(ex.text) if s.strip()):
            if ex.index == target:
                target_rows.add(len(utts))
            utts.append(rules.Utt(len(utts), turn, "therapist", sentence, disclosure=disclosure,
                                  question_or_reflection=ex.labels.get("strategy") in _QR))
        turn += 1
    return utts, target_rows


def annotated_episodes(annotated: list[tuple[Any, Example, str]], data: Path) -> list[rules.Episode | None]:
    """The disclosure episode of each annotated disclosure (None where the conversation is unavailable)."""
    conversations: dict[str, list[Example]] = {}
    for loader in ("esconv", "esconv_failed"):
        for ex in load(loader, data):
            conversations.setdefault(ex.conversation, []).append(ex)
    out: list[rules.Episode | None] = []
    for a, ex, _ in annotated:
        if ex.corpus != "esconv" or ex.conversation not in conversations:
            single = [rules.Utt(0, 0, "therapist", s, disclosure=True) for s in _SENT.split(ex.text) if s.strip()]
            episodes = rules.disclosure_episodes(single)
            out.append(episodes[0] if episodes else None)
            continue
        utts, rows = _conversation_utts(conversations[ex.conversation], ex.index)
        found = [e for e in rules.disclosure_episodes(utts) if rows & set(e.utterances)]
        out.append(found[0] if found else None)
    return out


def fit_criteria(episodes: list[rules.Episode], y: np.ndarray, grid_words: tuple[int, ...],
                 grid_frequent: tuple[int, ...]) -> tuple[DisclosureCriteria, list[dict[str, Any]]]:
    """Cut-offs by kappa (ties: the larger cut-offs, the more conservative), then P(inappropriate)
    as a non-decreasing (isotonic) function of the number of criteria met."""
    from sklearn.isotonic import IsotonicRegression
    from sklearn.metrics import cohen_kappa_score

    tried = []
    for words in grid_words:
        for frequent in grid_frequent:
            model = DisclosureCriteria(long_words=words, frequent_from=frequent)
            pred = [model.decide_from(model.criteria(e)) for e in episodes]
            tried.append({"long_words": words, "frequent_from": frequent,
                          "kappa": round(float(cohen_kappa_score(y, pred)), 4) if len(set(pred)) > 1 else 0.0})
    best = max(tried, key=lambda t: (t["kappa"], t["long_words"], t["frequent_from"]))
    model = DisclosureCriteria(long_words=best["long_words"], frequent_from=best["frequent_from"],
                               base_rate=round(float(y.mean()), 4))
    met = np.array([sum(model.criteria(e).values()) for e in episodes], dtype=float)
    iso = IsotonicRegression(y_min=0.0, y_max=1.0, out_of_bounds="clip").fit(met, y.astype(float))
    counts = np.arange(len(CRITERIA) + 2, dtype=float)
    rates = {str(int(k)): round(float(v), 4) for k, v in zip(counts, iso.predict(counts))}
    return dataclasses.replace(model, rates=rates), tried


def predict(model: DisclosureCriteria, episodes: list[rules.Episode]) -> tuple[np.ndarray, np.ndarray]:
    """(n, 2) probabilities of appropriate/inappropriate and the decided class index."""
    judged = [model.judge(e) for e in episodes]
    q = np.array([j[0] for j in judged])
    return np.stack([1 - q, q], axis=1), np.array([int(j[1]) for j in judged])


CLASSES = ("appropriate", "inappropriate")


def labelled_episodes(recipe: dict[str, Any], data: Path) -> list[tuple[rules.Episode, str, Example]]:
    """(episode, label, corpus example) for every annotated disclosure labelled (in)appropriate."""
    root = Path(recipe.get("_root", "."))
    files = recipe["data"]["annotations"]
    records = [a for f in ([files] if isinstance(files, str) else files)
               for a in _final_labels(load_annotations(root / f)).values()]
    annotated = join(records, data)
    found = annotated_episodes(annotated, data)
    return [(e, _appropriateness(a.labels), ex) for (a, ex, _), e in zip(annotated, found)
            if e is not None and _appropriateness(a.labels) in CLASSES]


def _appropriateness(labels: dict[str, str]) -> str | None:
    """The label of rounds 1-2 (``disclosure_appropriateness``) or of round 3 (``appropriateness``
    of a turn coded as a disclosure)."""
    if "disclosure_appropriateness" in labels:
        return labels["disclosure_appropriateness"]
    return labels.get("appropriateness") if labels.get("self_disclosure") == "disclosure" else None


def test_score(model: DisclosureCriteria, rows: list[tuple[rules.Episode, str, Example]], n_boot: int = 1000) -> dict[str, Any]:
    """The model's metrics on the test-split conversations of ``rows``."""
    test = [r for r in rows if r[2].split == "test"]
    p, pred = predict(model, [e for e, _, _ in test])
    y = np.array([CLASSES.index(label) for _, label, _ in test])
    return score_predictions(CLASSES, "inappropriate", p, pred, y, [f"{ex.corpus}:{ex.conversation}" for *_, ex in test], n_boot)


def run(recipe: dict[str, Any], data: Path, out_dir: Path) -> Path:
    rows = labelled_episodes(recipe, data)
    classes = CLASSES
    episodes = [e for e, _, _ in rows]
    y = np.array([classes.index(label) for _, label, _ in rows])
    split = np.array([ex.split for _, _, ex in rows])
    groups = np.array([f"{ex.corpus}:{ex.conversation}" for _, _, ex in rows])
    fit, te = split != "test", split == "test"
    train = recipe.get("train", {})
    model, tried = fit_criteria([e for e, m in zip(episodes, fit) if m], y[fit],
                                tuple(int(w) for w in train.get("long_words", (30, 40, 60, 80))),
                                tuple(int(f) for f in train.get("frequent_from", (2, 3, 4))))
    model = dataclasses.replace(model, version=str(recipe["recipe"].get("version", "1.0")),
                                info={"criteria": ["no_return", *CRITERIA], "tuning": tried})
    test = test_score(model, rows)

    x = np.array([[e.features()[n] for n in FEATURES] for e in episodes], dtype=np.float32)
    grid = tuple(float(c) for c in train.get("C", (0.1, 0.3, 1.0)))
    baseline, _ = fit_cv("disclosure_appropriateness_lr", list(classes), "inappropriate", x[fit], y[fit], groups[fit],
                         grid, {"context": False, "cues": False, "embedding": False}, "baseline")
    metrics = {"test": test, "baseline_logistic_regression": score(baseline, x[te], y[te], list(groups[te])),
               "data": {s: dict(Counter(label for (_, label, ex) in rows if ex.split == s)) for s in ("train", "val", "test")},
               "model": model.to_json(), "date": date.today().isoformat()}
    manifest = manifest_bytes(recipe["recipe"]["name"], [(ex.split, ex.corpus, ex.conversation, ex.text) for *_, ex in rows],
                              "pipelines/disclosure_appropriateness.toml")
    write_model(out_dir, model.save, {"metrics.json": (json.dumps(metrics, indent=2) + "\n").encode(),
                                      "card.md": _card(recipe, metrics).encode(), MANIFEST: manifest})
    return out_dir


def _comparison(t: dict[str, Any], lr: dict[str, Any]) -> str:
    better = (lr["kappa"] or 0) > (t["kappa"] or 0)
    return (f"The regression's κ is {'higher' if better else 'not higher'} ({lr['kappa']} against {t['kappa']}); with "
            f"{t['per_class']['inappropriate']['support']} inappropriate test episodes the difference is within noise. "
            "The criteria are shipped because each decision can be read as the literature's criteria and "
            "states them as its reasons, and because the return of focus, which this data cannot weigh, "
            "keeps the weight the literature gives it.")


def _card(recipe: dict[str, Any], m: dict[str, Any]) -> str:
    t, lr, model = m["test"], m["baseline_logistic_regression"], m["model"]
    per, lr_per = t["per_class"]["inappropriate"], lr["per_class"]["inappropriate"]
    data = "\n".join(f"| {s} | {c.get('appropriate', 0)} | {c.get('inappropriate', 0)} |" for s, c in m["data"].items())
    tuning = "\n".join(f"| {r['long_words']} | {r['frequent_from']} | {r['kappa']:.3f} |" for r in model["info"]["tuning"])
    rates = "\n".join(f"| {k} | {v:.3f} |" for k, v in model["rates"].items())
    ci = f" (95 % CI {t['ci95'][0]:.3f}–{t['ci95'][1]:.3f}, resampling conversations)" if t.get("ci95") else ""
    return f"""# Model card: disclosure_appropriateness (version {model['version']})

{recipe.get('card', {}).get('summary', '').strip()}

## Data and licence
The project's annotations of self-disclosures (pipelines/annotations/disclosure.jsonl: references
and labels only) joined at training time to ESConv (CC BY-NC 4.0, non-commercial) and the MI
sentences (CC BY-NC-SA 3.0, non-commercial): the model inherits the non-commercial restriction.
Annotation procedure: docs/annotation.md and docs/codebook.md section 5. Items labelled 'unclear'
are left out.

| split (by conversation) | appropriate | inappropriate |
|---|---|---|
{data}

{CARD_LINE}

## Method
The criteria of codebook 5.3 (Hill & Knox 2002), computed on the disclosure episode by the same
code the markers stage runs (rules.py, criteria.py): the focus does not return to the client;
long (at least `long_words` words, or spanning turns); intimate and not asked for; frequent (the
`frequent_from`-th episode of the session or later); the client caring for the therapist or
pulling the talk back. **Decision:** the focus does not return and at least one other criterion
holds, or three other criteria hold. The annotated data cannot weigh the return of focus itself
(in peer-support chats almost no disclosure hands the focus back), so that part of the rule is the
literature's, not learned.

Cut-offs chosen by Cohen's kappa on train+val conversations:

| long_words | frequent_from | kappa (train+val) |
|---|---|---|
{tuning}

Chosen: long_words = {model['long_words']}, frequent_from = {model['frequent_from']}. Probability: an
isotonic (non-decreasing) fit of 'inappropriate' on the number of criteria met, over train+val
episodes (base rate {model['base_rate']:.3f}); counts beyond the data take the nearest fitted value:

| criteria met | P(inappropriate) |
|---|---|
{rates}

## Test results (held-out conversations)
Inappropriate: precision **{per['precision']:.3f}**, recall **{per['recall']:.3f}**, F1 {per['f1']:.3f}
(support {per['support']}){ci}; macro-F1 {t['macro_f1']:.3f}; Cohen's κ {t['kappa']};
expected calibration error {t['ece']}.
Confusion (rows gold appropriate/inappropriate, columns predicted): {t['confusion']}.

Learned alternative, same split: a logistic regression over the episode features
({', '.join(FEATURES)}), C and threshold by grouped cross-validation on train+val:
precision {lr_per['precision']:.3f}, recall {lr_per['recall']:.3f}, F1 {lr_per['f1']:.3f}, κ {lr['kappa']}, ECE {lr['ece']}.
{_comparison(t, lr)}

## Known failure modes
{recipe.get('card', {}).get('failure_modes', '').strip()}

Reproduce: `transcript-analyzer train pipelines/disclosure_appropriateness.toml --data ../shared/data`;
check: `transcript-analyzer evaluate --data ../shared/data`.
"""
