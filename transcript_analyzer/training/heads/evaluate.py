"""Reproducing the shipped models' numbers: `transcript-analyzer evaluate --data DIR`.

For every head in pipelines/heads.toml (and the disclosure-appropriateness model), the test split
is rebuilt from the corpora, scored with the shipped weights, and compared with the numbers in
the model's metrics.json (and so its card). A mismatch means the weights, the encoder, the data
or the code changed since the card was written.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ...markers.criteria import DisclosureCriteria
from ...markers.encoder import Encoder
from ...markers.heads import Head
from ...resources import find_model
from .. import load_recipe
from ..corpora.embed_cache import CachedEncoder
from .data import collect
from .fit import score
from .recipe import features


@dataclass(frozen=True)
class Check:
    model: str
    metric: str
    card: float | None
    now: float | None
    n: int

    @property
    def ok(self) -> bool:
        return self.card is not None and self.now is not None and abs(self.card - self.now) <= 0.002


def check_heads(recipe_path: Path, data: Path, only: set[str] | None = None) -> list[Check]:
    recipe = load_recipe(recipe_path)
    root = recipe_path.resolve().parent
    encoder = CachedEncoder(Encoder(recipe.get("encoder", "encoder")))
    checks = []
    for spec in recipe["heads"]:
        if only and spec["name"] not in only:
            continue
        head = Head.load(spec["name"])
        card = json.loads((find_model(spec["name"]) / "metrics.json").read_text())["test"]
        items = [i for i in collect(spec, data, root) if i.split == "test"]
        x = features(items, encoder, head.context, head.cues, head.embedding)
        y = np.array([list(head.classes).index(i.label) for i in items])
        now = score(head, x, y, [f"{i.corpus}:{i.conversation}" for i in items], n_boot=10)
        checks.append(Check(spec["name"], card["headline"], card[card["headline"]], now[now["headline"]], len(items)))
    return checks


def check_appropriateness(recipe_path: Path, data: Path) -> list[Check]:
    """The disclosure criteria model against its card."""
    from .appropriateness import labelled_episodes, test_score

    recipe = load_recipe(recipe_path)
    name = recipe["recipe"]["name"]
    model = DisclosureCriteria.load(name)
    card = json.loads((find_model(name) / "metrics.json").read_text())["test"]
    now = test_score(model, labelled_episodes(recipe, data), n_boot=10)
    return [Check(name, metric, card[metric], now[metric], now["n"]) for metric in ("positive_f1", "kappa")]


def format_checks(checks: list[Check]) -> str:
    lines = [f"{'model':<40} {'metric':<12} {'card':>7} {'now':>7} {'n':>6}  status"]
    for c in checks:
        card = "n/a" if c.card is None else f"{c.card:.4f}"
        now = "n/a" if c.now is None else f"{c.now:.4f}"
        lines.append(f"{c.model:<40} {c.metric:<12} {card:>7} {now:>7} {c.n:>6}  {'ok' if c.ok else 'MISMATCH'}")
    return "\n".join(lines)
