"""One line per marker saying how well its models agree with human coders (from their cards)."""

from __future__ import annotations

import json

from ..errors import ModelError
from ..resources import find_model
from .codebook import MARKERS, MarkerDef


def head_summary(name: str) -> str:
    """'<metric> 0.812 (95 % CI 0.78-0.84), κ 0.71, ECE 0.03, n=390' from a model's metrics.json."""
    try:
        m = json.loads((find_model(name) / "metrics.json").read_text(encoding="utf-8"))
    except (ModelError, OSError, ValueError):
        return f"{name}: no metrics found"
    t = m.get("cv") or m["test"]
    headline = t["headline"].replace("_", " ")
    ci = f" (95 % CI {t['ci95'][0]:.2f}-{t['ci95'][1]:.2f})" if t.get("ci95") else ""
    where = "cross-validated by conversation" if "cv" in m else "held-out conversations"
    return f"{name}: {headline} {t[t['headline']]:.3f}{ci}, κ {t['kappa']}, ECE {t['ece']}, n={t['n']} ({where})"


def chain_summary(marker: str, head: str) -> str | None:
    """The end-to-end line of a chained marker, when the head's metrics hold one."""
    try:
        m = json.loads((find_model(head) / "metrics.json").read_text(encoding="utf-8"))
    except (ModelError, OSError, ValueError):
        return None
    c = m.get("chain_cv")
    if not c or c.get("marker") != marker:
        return None
    yes = c["per_class"]["yes"]
    return (f"{marker} end to end: precision {yes['precision']:.2f}, recall {yes['recall']:.2f}, F1 {yes['f1']:.3f}, "
            f"κ {c['kappa']}, n={c['n']} ({yes['support']} positive; cross-validated by conversation)")


def marker_validity(marker: MarkerDef) -> list[str]:
    lines = [head_summary(h) for h in marker.heads]
    return lines + [line for h in marker.heads if (line := chain_summary(marker.name, h))]


def validity_table() -> list[tuple[MarkerDef, list[str]]]:
    return [(m, marker_validity(m)) for m in MARKERS]
