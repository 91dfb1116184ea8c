"""`transcript-analyzer evaluate --data DIR` for the coder: rebuild the test split from the
corpora, run the shipped export on it (as written and as unpunctuated copies), and compare every
figure of its card (per-task headline, markers end to end, per-session ICC, the quality AUCs)
with what it gives now."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from ...markers.coder import Coder
from ...resources import cache_dir, find_model
from .. import load_recipe
from ..heads.evaluate import Check
from . import agreement
from .data import items as collect, tasks_from, unpunctuated, unpunctuated_context
from .recipe import logits_of


def check_coder(recipe_path: Path, data: Path, name: str = "coder") -> list[Check]:
    recipe = load_recipe(recipe_path)
    folder = find_model(name)
    card = json.loads((folder / "metrics.json").read_text(encoding="utf-8"))
    coder = Coder(str(folder)).load()
    tasks = tasks_from(recipe)
    everything = collect(tasks, data, Path(recipe["_root"]))
    test = [i for i in everything if i.utt.split == "test"]
    val = [i for i in everything if i.utt.split == "val"]
    work = cache_dir() / "evaluate"
    work.mkdir(parents=True, exist_ok=True)
    pairs = [(i.utt.context, i.utt.text) for i in test]
    logits = logits_of(coder, pairs, work)
    plain = logits_of(coder, [(unpunctuated_context(c), unpunctuated(t)) for c, t in pairs], work)
    checks = []
    now = agreement.score_all(coder, tasks, logits, test, brief=True)
    now_plain = agreement.score_all(coder, tasks, plain, test, brief=True)
    for task, m in card["test"].items():
        n = now.get(task, {})
        checks.append(Check(f"{name}/{task}", m["headline"], m[m["headline"]], n.get(m["headline"]), n.get("n", 0)))
        p = card.get("test_unpunctuated", {}).get(task)
        if p:
            checks.append(Check(f"{name}/{task} unpunct.", p["headline"], p[p["headline"]],
                                now_plain.get(task, {}).get(p["headline"]), p["n"]))
    for task, corpora in agreement.by_corpus(coder, tasks, logits, test).items():
        for corpus, m in corpora.items():
            was = card.get("test_by_corpus", {}).get(task, {}).get(corpus, {})
            checks.append(Check(f"{name}/{task} {corpus}", m["headline"], was.get(m["headline"]), m[m["headline"]], m["n"]))
    for marker, m in agreement.marker_agreement(coder, logits, test).items():
        was = card.get("markers", {}).get(marker, {})
        checks.append(Check(f"{name}/marker {marker}", "precision", was.get("precision"), m["precision"], m["n"]))
    for marker, m in agreement.spoken_agreement(coder, logits, test).items():
        was = card.get("markers_spoken", {}).get(marker, {})
        checks.append(Check(f"{name}/spoken {marker}", "precision", was.get("precision"), m["precision"], m["n"]))
        checks.append(Check(f"{name}/spoken {marker} sessions", "icc_2_1", was.get("icc_2_1"), m["icc_2_1"], m["sessions"]))
    for label, s in agreement.session_agreement(coder, recipe.get("counts", {}), logits, test).items():
        was = card.get("sessions", {}).get(label, {})
        checks.append(Check(f"{name}/sessions {label}", "icc_2_1", was.get("icc_2_1"), s["icc_2_1"], s["sessions"]))
    quality = agreement.quality_separation(coder, np.concatenate([logits_of(coder, [(i.utt.context, i.utt.text) for i in val], work),
                                                                 logits]), [*val, *test])
    was = card.get("quality", {}).get("validation_and_test", {})
    checks.append(Check(f"{name}/R:Q ratio AUC", "auc", was.get("reflection_to_question_auc_coder"),
                        quality.get("reflection_to_question_auc_coder"), quality.get("sessions", 0)))
    return checks
