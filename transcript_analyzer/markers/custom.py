"""Custom codes: binary utterance codes that researchers train from their own labelled examples
(`transcript-analyzer train --labels`, training/custom/train.py, docs/custom_codes.md).

A custom code is a head folder in the user models folder (``resources.user_models_dir()``)
whose head.json carries ``"custom": true`` in its info. In the markers stage it is a marker
like the others: its probability is the head's P(yes) for a therapist utterance (with the
client's previous turn as context when it was trained with one), its decision P(yes) >= the
threshold stored with the head, its evidence found by occlusion.

The markers option selects markers by name, shipped and custom mixed (``empathy,sleep_question``);
a list that starts with '+' adds its names to the shipped markers (``+sleep_question``).
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from ..errors import ConfigError, ModelError
from ..resources import models_dir, user_models_dir
from .client import CLIENT_CODE_NAMES
from .codebook import MARKER_NAMES, MarkerDef

log = logging.getLogger(__name__)

GROUP = "custom"
NAME = re.compile(r"[a-z][a-z0-9_]{1,39}")
# Names a custom code cannot take: intermediate markers, and the utterances.csv columns.
RESERVED = frozenset({"advice", "session_id", "utterance_index", "turn_index", "speaker", "role", "start", "end",
                      "time_source", "text", "context", "label", "conversation", "session", "corpus",
                      "coded"}) | frozenset(CLIENT_CODE_NAMES)  # the client codes: columns of a batch run's tables


def includes_defaults(names: Sequence[str]) -> bool:
    """Whether a markers option codes the shipped markers: empty (all), or a '+' list."""
    names = [n.strip() for n in names if n.strip()]
    return not names or any(n.startswith("+") for n in names)


@dataclass(frozen=True)
class Selection:
    """The markers a markers option asks for: shipped names, and custom codes with their folders."""

    shipped: tuple[str, ...]
    custom: dict[str, Path] = field(default_factory=dict)

    @property
    def names(self) -> tuple[str, ...]:
        return self.shipped + tuple(self.custom)


def select(names: Sequence[str]) -> Selection:
    """Resolve a markers option; unknown names fail listing the shipped and the installed custom codes."""
    given = [n.strip() for n in names if n.strip()]
    if not given:
        return Selection(MARKER_NAMES)
    additive = includes_defaults(given)
    given = list(dict.fromkeys(n for n in (g.lstrip("+").strip() for g in given) if n))
    others = [n for n in given if n not in MARKER_NAMES]
    found = installed() if others else {}
    unknown = [n for n in others if n not in found]
    if unknown:
        raise ConfigError(unknown_message(unknown[0], found))
    shipped = MARKER_NAMES if additive else tuple(n for n in given if n in MARKER_NAMES)
    return Selection(shipped, {n: found[n] for n in others})


def unknown_message(name: str, found: dict[str, Path] | None = None) -> str:
    found = installed() if found is None else found
    custom = ", ".join(found) or "none (train one with `transcript-analyzer train --labels LABELS.csv --name CODE`)"
    return (f"unknown marker '{name}'; known: {', '.join(MARKER_NAMES)}; custom codes installed in "
            f"{user_models_dir()}: {custom}")


def _meta(folder: Path) -> dict | None:
    try:
        meta = json.loads((folder / "head.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return meta if meta.get("kind") == "head" and (meta.get("info") or {}).get("custom") else None


def installed() -> dict[str, Path]:
    """{code name: folder} of the custom codes in the user models folder."""
    root = user_models_dir()
    if not root.is_dir():
        return {}
    out = {}
    for folder in sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")):
        meta = _meta(folder)
        if meta is None:
            continue
        if meta.get("name") != folder.name:
            log.warning("%s: holds the custom code '%s'; its folder must have the same name (skipped)",
                        folder, meta.get("name"))
            continue
        out[folder.name] = folder
    return out


def _coder_tasks(shipped: Path) -> set[str]:
    """The shipped coder's task names (mi_main, epitome_er, ...): reserved like model names."""
    try:
        return {t["name"] for t in json.loads((shipped / "coder" / "coder.json").read_text(encoding="utf-8"))["tasks"]}
    except (OSError, ValueError, KeyError, TypeError):
        return set()


def check_name(name: str) -> None:
    """A new custom code's name must be a plain identifier that clashes with nothing shipped."""
    if not NAME.fullmatch(name):
        raise ConfigError(f"code name '{name}': use 2-40 lowercase letters, digits and underscores, starting with a "
                          "letter (e.g. sleep_question); it becomes a column name in utterances.csv")
    if name in MARKER_NAMES:
        raise ConfigError(f"code name '{name}' clashes with the shipped marker '{name}'; choose another name")
    shipped = models_dir()
    if name in RESERVED or (shipped / name).exists() or name in _coder_tasks(shipped):
        raise ConfigError(f"code name '{name}' clashes with a shipped model or an output column of the same name; "
                          "choose another name")
    if name.endswith("_p") and name[:-2] in MARKER_NAMES + tuple(installed()):
        raise ConfigError(f"code name '{name}' would clash with the probability column of '{name[:-2]}'")


def definition(name: str, description: str = "") -> MarkerDef:
    """The marker definition of a custom code (for reports: needs nothing installed)."""
    return MarkerDef(name, name, GROUP, 0,
                     description or "A custom code trained by the user from their own labels (see its model card).",
                     (name,), "custom: see its model card")


def installed_definition(name: str, folder: Path) -> MarkerDef:
    meta = _meta(folder) or {}
    return definition(name, (meta.get("info") or {}).get("description", ""))


def summary(name: str, folder: Path | None = None) -> str:
    """'<code>: F1 0.91, precision .., recall .., κ .., ECE .., threshold .., n=.. (cross-validated by ...)'."""
    folder = folder or installed().get(name)
    try:
        m = json.loads((folder / "metrics.json").read_text(encoding="utf-8"))
        cv, yes = m["cv"], m["cv"]["per_class"]["yes"]
    except (TypeError, OSError, ValueError, KeyError):
        return f"{name}: custom code, no metrics found" + ("" if folder else " (not installed here)")
    how = ("cross-validated by conversation" if cv.get("grouped_by") == "conversation"
           else "cross-validated by example, optimistic")
    return (f"{name}: F1 {yes['f1']:.3f} (precision {yes['precision']:.2f}, recall {yes['recall']:.2f}), "
            f"κ {cv['kappa']}, ECE {cv['ece']}, threshold {m['tuning']['threshold']:.3f}, n={cv['n']} "
            f"({yes['support']} yes; {how}; custom code)")


def load_head(name: str, folder: Path):
    """The custom code's head, verified against its SHA256SUMS."""
    from .heads import Head

    head = Head.load(folder)
    if head.positive is None or head.threshold is None or len(head.classes) != 2:
        raise ModelError(f"{folder}: custom code '{name}' is not a binary head with a threshold; retrain it")
    return head
