"""The 'appropriateness' recipe: how the disclosure criteria of the codebook (Hill & Knox) weigh
together, learned from the project's annotated self-disclosures.

Each annotated disclosure is placed back in its ESConv conversation; the conversation is split
into sentence-level utterances (as the analyzer does), the corpus strategy labels mark the other
disclosures and the supporter's questions and reflections, and ``rules.disclosure_episodes``
describes the episode that holds the annotated message: the same features the markers stage
computes at run time. A logistic regression over those features gives P(inappropriate);
'unclear' labels are left out. Tuned by grouped cross-validation on train+val conversations,
scored on test-split conversations only.
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

from ..io.atomic import write_files
from ..markers import rules
from ..markers.heads import Head
from ..resources import sha256_file
from .annotation import join, load_annotations
from .corpora import Example, load
from .head_data import _final_labels
from .head_fit import score
from .head_recipe import fit_cv

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


def episode_features(annotated: list[tuple[Any, Example, str]], data: Path) -> list[dict[str, float] | None]:
    """Episode features for each annotated disclosure (None where the conversation is unavailable)."""
    conversations: dict[str, list[Example]] = {}
    for loader in ("esconv", "esconv_failed"):
        for ex in load(loader, data):
            conversations.setdefault(ex.conversation, []).append(ex)
    out = []
    for a, ex, _ in annotated:
        if ex.corpus != "esconv" or ex.conversation not in conversations:
            single = [rules.Utt(0, 0, "therapist", s, disclosure=True) for s in _SENT.split(ex.text) if s.strip()]
            episodes = rules.disclosure_episodes(single)
            out.append(episodes[0].features() if episodes else None)
            continue
        utts, rows = _conversation_utts(conversations[ex.conversation], ex.index)
        found = [e for e in rules.disclosure_episodes(utts) if rows & set(e.utterances)]
        out.append(found[0].features() if found else None)
    return out


def run(recipe: dict[str, Any], data: Path, out_dir: Path) -> Path:
    root = Path(recipe.get("_root", "."))
    records = list(_final_labels(load_annotations(root / recipe["data"]["annotations"])).values())
    annotated = join(records, data)
    feats = episode_features(annotated, data)
    rows = [(f, a.labels.get("disclosure_appropriateness"), ex) for (a, ex, _), f in zip(annotated, feats)
            if f is not None and a.labels.get("disclosure_appropriateness") in ("appropriate", "inappropriate")]
    classes = ("appropriate", "inappropriate")
    x = np.array([[f[n] for n in FEATURES] for f, _, _ in rows], dtype=np.float32)
    y = np.array([classes.index(label) for _, label, _ in rows])
    split = np.array([ex.split for _, _, ex in rows])
    groups = [f"{ex.corpus}:{ex.conversation}" for _, _, ex in rows]
    fit = split != "test"
    grid = tuple(float(c) for c in recipe.get("train", {}).get("C", (0.1, 0.3, 1.0)))
    head, tuning = fit_cv("disclosure_appropriateness", list(classes), "inappropriate", x[fit], y[fit],
                          np.array(groups)[fit], grid, {"context": False, "cues": False, "embedding": False},
                          str(recipe["recipe"].get("version", "1.0")))
    base_rate = float((y[fit] == 1).mean())
    head = dataclasses.replace(head, info={"features": list(FEATURES), "base_rate": round(base_rate, 4),
                                           "description": "P(inappropriate) of a disclosure episode from its context features"})
    te = split == "test"
    metrics = {"test": score(head, x[te], y[te], [g for g, m in zip(groups, te) if m]),
               "data": {s: dict(Counter(label for (_, label, ex) in rows if ex.split == s)) for s in ("train", "val", "test")},
               "weights": {n: round(float(w), 4) for n, w in zip(FEATURES, head.coef[1] / head.scale)},
               "tuning": tuning,
               "date": date.today().isoformat()}
    staging = out_dir.parent / ".appropriateness.staging"
    names = head.save(staging)
    files = {n: (staging / n).read_bytes() for n in names}
    files["SHA256SUMS"] = "".join(f"{sha256_file(staging / n)}  {n}\n" for n in sorted(names)).encode()
    files["metrics.json"] = (json.dumps(metrics, indent=2) + "\n").encode()
    files["card.md"] = _card(recipe, metrics).encode()
    write_files(out_dir, files)
    for n in names:
        (staging / n).unlink()
    staging.rmdir()
    return out_dir


def _card(recipe: dict[str, Any], m: dict[str, Any]) -> str:
    t = m["test"]
    per = t["per_class"]["inappropriate"]
    weights = "\n".join(f"| {n} | {w:+.3f} |" for n, w in sorted(m["weights"].items(), key=lambda kv: -abs(kv[1])))
    data = "\n".join(f"| {s} | {c.get('appropriate', 0)} | {c.get('inappropriate', 0)} |" for s, c in m["data"].items())
    return f"""# Model card: disclosure_appropriateness (version {recipe['recipe'].get('version', '1.0')})

{recipe.get('card', {}).get('summary', '').strip()}

## Data and licence
The project's annotations of self-disclosures (pipelines/annotations/disclosure.jsonl: references
and labels only) joined at training time to ESConv (CC BY-NC 4.0, non-commercial) and the MI
sentences (CC BY-NC-SA 3.0, non-commercial): the model inherits the non-commercial restriction.
Annotation procedure: docs/codebook.md, section 2. Items labelled 'unclear' are left out.

| split (by conversation) | appropriate | inappropriate |
|---|---|---|
{data}

## Method
Features of the disclosure episode (rules.py, the same code the markers stage runs): {', '.join(m['weights'])}.
Logistic regression (C={m['tuning']['C']}, chosen by out-of-fold score); temperature {m['tuning']['temperature']}
and threshold {m['tuning']['threshold']:.4f} from grouped 5-fold cross-validation on train+val conversations.

Standardised weights (positive = towards inappropriate):

| feature | weight |
|---|---|
{weights}

## Test results (held-out conversations)
Inappropriate: precision **{per['precision']:.3f}**, recall **{per['recall']:.3f}**, F1 {per['f1']:.3f}
(support {per['support']}); macro-F1 {t['macro_f1']:.3f}{f" (95 % CI {t['ci95'][0]:.3f}–{t['ci95'][1]:.3f})" if t.get('ci95') else ''};
Cohen's κ {t['kappa']}; expected calibration error {t['ece']}.
Confusion (rows gold appropriate/inappropriate, columns predicted): {t['confusion']}.

## Known failure modes
{recipe.get('card', {}).get('failure_modes', '').strip()}

Reproduce: `transcript-analyzer train pipelines/disclosure_appropriateness.toml --data ../shared/data`.
"""
