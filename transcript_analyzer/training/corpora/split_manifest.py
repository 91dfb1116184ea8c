"""Split manifests: which texts a shipped model was trained and validated on, so that `evaluate
--gold` can tell when a researcher's gold sessions overlap them (an optimistic agreement).

Every model trained on the shared corpora splits them by conversation
(training/corpora/examples.split_of). A manifest (``split_manifest.json.gz`` in the model's folder)
lists, per split, a short hash of the text of every item the training used: the normalised text
(lowercase, letters and digits only, as the agreement alignment compares texts) hashed with
SHA-256, the first ``HASH_CHARS`` hex digits kept (a 64-bit prefix: with some 30,000 texts the
chance that an unrelated text matches one is about 1 in 10^15). Texts shorter than ``MIN_CHARS``
normalised characters ("Okay.", "Mm-hmm.", "How are you?") are left out: any session has them.
Test-split items are not listed. No text is stored, only the hashes.

A model folder keeps its manifest out of SHA256SUMS (resources.verify checks only the files listed
there): it describes the training data, it is not loaded to analyse anything.

Made by the recipes when they train (coder, heads, disclosure_appropriateness), and for the models
already shipped by ``python -m transcript_analyzer.training.corpora.split_manifest --data ../shared/data``
(reads the corpora, trains nothing).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import logging
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable

from ..agreement.alignment import normalise

log = logging.getLogger(__name__)

FILE = "split_manifest.json.gz"
FORMAT = "transcript-analyzer-split-manifest"
HASH_CHARS = 16
MIN_CHARS = 20
SPLITS = {"train": "train", "val": "validation"}
HASH_RULE = (f"sha256 of the text lowercased with everything but letters and digits removed, first {HASH_CHARS} hex "
             f"digits; texts under {MIN_CHARS} such characters left out")
SPLIT_RULE = "by conversation: training/corpora/examples.split_of (sha1 of corpus:conversation; 70 / 15 / 15)"

Row = tuple[str, str, str, str]  # (split, corpus, conversation, text)
CARD_LINE = (f"Which items: `{FILE}` in this folder lists a hash of the normalised text of every training and "
             "validation item (no text; training/corpora/split_manifest.py); `evaluate --gold` uses it to warn about gold "
             "sessions the model was trained or tuned on.")


def text_hash(text: str) -> str | None:
    """The manifest's hash of a text; None for a text too short to tell anything."""
    norm = normalise(text)
    if len(norm) < MIN_CHARS:
        return None
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()[:HASH_CHARS]


def manifest_bytes(model: str, rows: Iterable[Row], made_from: str) -> bytes:
    """The gzipped JSON manifest of a model's training and validation items (byte for byte the same
    for the same items: sorted, no time stamp)."""
    hashes: dict[str, set[str]] = {"train": set(), "validation": set()}
    items: Counter = Counter()
    conversations: dict[str, dict[str, set[str]]] = {"train": {}, "validation": {}}
    for split, corpus, conversation, text in rows:
        name = SPLITS.get(split)
        if name is None:
            continue
        items[name] += 1
        conversations[name].setdefault(corpus, set()).add(conversation)
        h = text_hash(text)
        if h:
            hashes[name].add(h)
    hashes["validation"] -= hashes["train"]  # a text in both counts as training
    body = {"format": FORMAT, "version": 1, "model": model, "made_from": made_from, "split": SPLIT_RULE,
            "hash": HASH_RULE, "hash_chars": HASH_CHARS, "min_chars": MIN_CHARS,
            "items": {s: items[s] for s in hashes},
            "conversations": {s: {c: len(v) for c, v in sorted(conversations[s].items())} for s in hashes},
            **{s: sorted(v) for s, v in hashes.items()}}
    return gzip.compress(json.dumps(body, separators=(",", ":")).encode("utf-8"), compresslevel=9, mtime=0)


# ---- reading ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Manifest:
    model: str
    train: frozenset[str]
    validation: frozenset[str]
    path: Path

    def split_of(self, text: str) -> str | None:
        """"train", "validation", None (not in either), or "" for a text too short to count."""
        h = text_hash(text)
        if h is None:
            return ""
        return "train" if h in self.train else "validation" if h in self.validation else None


def read_manifest(path: Path) -> Manifest:
    from ...errors import ModelError

    try:
        body = json.loads(gzip.decompress(path.read_bytes()).decode("utf-8"))
    except (OSError, EOFError, ValueError) as e:
        raise ModelError(f"{path}: not a readable split manifest ({e}); regenerate it with "
                         "`python -m transcript_analyzer.training.corpora.split_manifest --data DIR`") from e
    if body.get("format") != FORMAT or body.get("hash_chars") != HASH_CHARS or body.get("min_chars") != MIN_CHARS:
        raise ModelError(f"{path}: a split manifest of another format or hash; regenerate it with "
                         "`python -m transcript_analyzer.training.corpora.split_manifest --data DIR`")
    return Manifest(body["model"], frozenset(body["train"]), frozenset(body["validation"]), path)


def load_manifests(models: Path | None = None) -> list[Manifest]:
    """The manifests of the models in ``models`` (default: the shipped models' folder)."""
    from ...resources import models_dir

    root = Path(models) if models is not None else models_dir()
    return [read_manifest(p) for p in sorted(root.glob(f"*/{FILE}"))] if root.is_dir() else []


# ---- the items each shipped model was trained on -------------------------------------------------

def coder_rows(recipe: dict[str, Any], data: Path) -> list[Row]:
    from ..coder.data import items, tasks_from

    return [(i.utt.split, i.utt.corpus, i.utt.conversation, i.utt.text)
            for i in items(tasks_from(recipe), data, Path(recipe["_root"]))]


def head_rows(spec: dict[str, Any], data: Path, root: Path) -> list[Row]:
    from ..heads.data import collect

    return [(i.split, i.corpus, i.conversation, i.text) for i in collect(spec, data, root)]


def appropriateness_rows(recipe: dict[str, Any], data: Path) -> list[Row]:
    from ..heads.appropriateness import labelled_episodes

    return [(ex.split, ex.corpus, ex.conversation, ex.text) for _, _, ex in labelled_episodes(recipe, data)]


def _head(name: str) -> Callable[[dict[str, Any], Path], list[Row]]:
    def rows(recipe: dict[str, Any], data: Path) -> list[Row]:
        spec = next(h for h in recipe["heads"] if h["name"] == name)
        return head_rows(spec, data, Path(recipe["_root"]))
    return rows


# The shipped models whose decisions `evaluate --gold` scores: their recipe and how to list its items.
SHIPPED: dict[str, tuple[str, Callable[[dict[str, Any], Path], list[Row]]]] = {
    "coder": ("coder.toml", coder_rows),
    "interpretive": ("heads.toml", _head("interpretive")),
    "interpretation_certainty": ("heads.toml", _head("interpretation_certainty")),
    "disclosure_appropriateness": ("disclosure_appropriateness.toml", appropriateness_rows),
}


def write_manifests(data: Path, models: Path | None = None, only: Iterable[str] = ()) -> list[Path]:
    """Write the manifest of each shipped model (or of ``only`` those) into its folder."""
    from ...errors import ConfigError
    from ...io.atomic import write_files
    from ...resources import models_dir, project_dir
    from .. import load_recipe

    names = list(only) or list(SHIPPED)
    unknown = [n for n in names if n not in SHIPPED]
    if unknown:
        raise ConfigError(f"no split manifest recipe for {', '.join(unknown)}; known: {', '.join(SHIPPED)}")
    root = Path(models) if models is not None else models_dir()
    written = []
    for name in names:
        recipe_file, rows = SHIPPED[name]
        recipe = load_recipe(project_dir() / "pipelines" / recipe_file)
        body = manifest_bytes(name, rows(recipe, data), f"pipelines/{recipe_file}")
        written += write_files(root / name, {FILE: body})
        log.warning("%s: %s (%d bytes)", name, root / name / FILE, len(body))
    return written


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Write the split manifests of the shipped models (trains nothing).")
    parser.add_argument("--data", type=Path, default=Path("../shared/data"), help="the shared corpora")
    parser.add_argument("--models", type=Path, default=None, help="models folder (default: trained_models/)")
    parser.add_argument("--only", nargs="*", default=(), help=f"some of: {', '.join(SHIPPED)}")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(message)s")
    write_manifests(args.data, args.models, args.only)  # logs each file it writes


if __name__ == "__main__":  # pragma: no cover
    main()
