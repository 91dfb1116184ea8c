"""Labelled items for a head, from the recipe's sources: corpus labels mapped to the head's
classes, labels derived by a documented rule, or the project's own annotations (joined to the
corpora at run time). Items keep their corpus, conversation and split."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from ...errors import ConfigError
from ..annotation import join, load_annotations
from ..corpora.examples import load


@dataclass(frozen=True)
class Item:
    text: str
    context: str
    label: str
    corpus: str
    conversation: str
    split: str
    source: str  # the recipe source it came from, for per-source results
    source_label: str = ""  # the label as the source gives it, before mapping to the head's classes
    train_only: bool = False  # written for training (synthetic): never scored, never used for tuning
    weight: float = 1.0  # sample weight in fitting (a source's `weight`)


_FIRST = re.compile(r"\b(i|me|my|i'm|i've|myself)\b", re.I)
_SECOND = re.compile(r"\b(you|your|you're|yourself)\b", re.I)


def _me_too(rationale: str) -> bool:
    """An EPITOME 'interpretation' whose evidence is the responder's own experience (codebook 3.3/3.8)."""
    return bool(_FIRST.search(rationale)) and not _SECOND.search(rationale)


def epitome_strong_empathy(labels: dict[str, str], about: str | None = None) -> str:
    """Codebook 3.3: empathy present = a mechanism at level 2; a level-2 interpretation made of the
    responder's own experience is self-disclosure, not empathy. ``about``: the project annotators'
    adjudicated reading of the interpretation ("client", "own_experience", "other";
    training/annotation/references.py), which replaces the pronoun heuristic on the rationale."""
    if labels.get("er") == "2" or labels.get("ex") == "2":
        return "yes"
    if labels.get("ip") == "2":
        if about is not None:
            return "yes" if about == "client" else "no"
        if not _me_too(labels.get("ip_rationale", "")):
            return "yes"
    return "no"


DERIVED: dict[str, Callable[[dict[str, str]], str]] = {"epitome_strong_empathy": epitome_strong_empathy}


def _mapped(value: str | None, mapping: dict[str, str]) -> str | None:
    if value is None:
        return None
    if value in mapping:
        return mapping[value]
    return mapping.get("*", value if not mapping else None)


def collect(head: dict[str, Any], data: Path, root: Path) -> list[Item]:
    """All items for a head recipe; labels outside the head's classes are dropped."""
    classes = set(head["classes"])
    items: list[Item] = []
    for i, source in enumerate(head["sources"]):
        name = source.get("name", source.get("corpus") or Path(source.get("annotations", f"source{i}")).stem)
        if "annotations" in source:
            items += _from_annotations(source, data, root, classes, name)
            continue
        if "synthetic" in source:
            items += _from_synthetic(source, root, classes, name)
            continue
        derive = DERIVED.get(source.get("derive", ""))
        if source.get("derive") and derive is None:
            raise ConfigError(f"head {head['name']}: unknown derive rule '{source['derive']}'")
        extra = bool(source.get("train_only", False))  # proxy labels: fitted on, never scored or tuned on
        for ex in load(source["corpus"], data):
            raw = derive(ex.labels) if derive else ex.labels.get(source["label"])
            value = raw if derive else _mapped(raw, source.get("map", {}))
            if value in classes and not (extra and ex.split == "test"):
                items.append(Item(ex.text, ex.context, value, ex.corpus, ex.conversation, ex.split, name, raw or "",
                                  train_only=extra, weight=float(source.get("weight", 1.0))))
    if not items:
        raise ConfigError(f"head {head['name']}: no labelled items found in its sources")
    return items


def _from_annotations(source: dict[str, Any], data: Path, root: Path, classes: set[str], name: str) -> list[Item]:
    records = load_annotations(root / source["annotations"])
    chosen = _final_labels(records)
    items = []
    for a, ex, sentence in join(list(chosen.values()), data):
        raw = a.labels.get(source["label"])
        value = _mapped(raw, source.get("map", {}))
        if value in classes:
            items.append(Item(sentence, ex.context, value, ex.corpus, ex.conversation, ex.split, name, raw or ""))
    return items


def _from_synthetic(source: dict[str, Any], root: Path, classes: set[str], name: str) -> list[Item]:
    """Examples the project wrote against the codebook (CSV: id, client, therapist, label, note).
    Training only: they never reach a test fold or the tuning of thresholds; ``weight`` sets how
    much each counts in fitting against a real item."""
    path = root / source["synthetic"]
    if not path.is_file():
        raise ConfigError(f"synthetic examples not found: {path}")
    items = []
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            value = _mapped(row["label"], source.get("map", {}))
            if value in classes:
                items.append(Item(row["therapist"], row["client"], value, "synthetic", row["id"], "train", name,
                                  row["label"], train_only=True, weight=float(source.get("weight", 1.0))))
    return items


def _final_labels(records: list) -> dict[tuple, Any]:
    """One record per item: the adjudicated one when there is one, else the first annotator's."""
    chosen: dict[tuple, Any] = {}
    for a in records:
        key = (a.corpus, a.conversation, a.index, a.sentence)
        if key not in chosen or a.annotator == "adjudicated":
            chosen[key] = a
    return chosen
