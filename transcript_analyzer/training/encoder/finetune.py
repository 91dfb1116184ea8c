"""Multi-task fine-tuning of the sentence encoder on the corpora's training split.

One shared MiniLM encoder, one linear head per task. An utterance is encoded with gradients;
its context (the client's preceding turn) is encoded by the same encoder without gradients, and
context tasks see [u, c, u*c]. An utterance that carries several labels (an AnnoMI turn has a main
behaviour and, say, a question type) contributes to all of its tasks in one pass. Class weights
(inverse square root of frequency) keep rare classes from being ignored. The epoch with the best
mean macro-F1 on the validation split is kept. Test conversations are never used here.

Needs torch and transformers (training dependencies).
"""

from __future__ import annotations

import json
import logging
import random
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from ..corpora.examples import Example, load

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Task:
    name: str
    corpus: str
    label: str
    classes: tuple[str, ...]
    context: bool


@dataclass(frozen=True)
class Settings:
    epochs: int = 3
    batch_size: int = 32
    lr: float = 3e-5
    head_lr: float = 1e-3
    max_length: int = 128
    warmup: float = 0.06
    seed: int = 0
    scale: float = 20.0
    limit: int | None = None
    """Use at most this many items per split (smoke tests only)."""
    cap_per_corpus: int | None = None
    """Per epoch, at most this many training items from one corpus (a fresh sample each epoch),
    so that a large corpus (ESConv) does not drown the others."""


def settings_from(recipe: dict[str, Any]) -> Settings:
    known = Settings.__dataclass_fields__
    return Settings(**{k: v for k, v in recipe.get("finetune", {}).items() if k in known})


def tasks_from(recipe: dict[str, Any]) -> list[Task]:
    return [Task(t["name"], t["corpus"], t["label"], tuple(t["classes"]), bool(t.get("context", False)))
            for t in recipe["finetune"]["tasks"]]


def labelled(tasks: Sequence[Task], data: Path, split: str) -> list[tuple[Example, list[tuple[int, int]]]]:
    """Examples of one split with their (task index, class index) targets."""
    items = []
    for corpus in dict.fromkeys(t.corpus for t in tasks):
        for ex in load(corpus, data):
            if ex.split != split:
                continue
            targets = [(i, t.classes.index(ex.labels[t.label])) for i, t in enumerate(tasks)
                       if t.corpus == corpus and ex.labels.get(t.label) in t.classes]
            if targets:
                items.append((ex, targets))
    return items


class _Model:
    """Encoder + heads; a thin holder so that the training loop reads as steps."""

    def __init__(self, source: Path, tasks: Sequence[Task], settings: Settings):
        import torch
        from transformers import AutoModel, AutoTokenizer

        self.torch = torch
        self.tokenizer = AutoTokenizer.from_pretrained(str(source))
        self.encoder = AutoModel.from_pretrained(str(source))
        dim = self.encoder.config.hidden_size
        self.heads = torch.nn.ModuleList(torch.nn.Linear(3 * dim if t.context else dim, len(t.classes)) for t in tasks)
        self.tasks, self.settings = tasks, settings

    def embed(self, texts: list[str]):  # noqa: ANN201
        batch = self.tokenizer(texts, padding=True, truncation=True, max_length=self.settings.max_length, return_tensors="pt")
        hidden = self.encoder(**batch).last_hidden_state
        mask = batch["attention_mask"].unsqueeze(-1).float()
        pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1)
        return self.torch.nn.functional.normalize(pooled, dim=-1)

    def logits(self, items: list[tuple[Example, list[tuple[int, int]]]]):  # noqa: ANN201
        """(task index, logits, target) for every labelled (example, task) in the batch."""
        torch = self.torch
        u = self.embed([ex.text for ex, _ in items])
        need_context = any(self.tasks[t].context for _, targets in items for t, _ in targets)
        c = None
        if need_context:
            with torch.no_grad():
                c = self.embed([ex.context or "." for ex, _ in items])
        out = []
        for row, (_, targets) in enumerate(items):
            for task, target in targets:
                x = u[row]
                if self.tasks[task].context:
                    x = torch.cat([u[row], c[row], u[row] * c[row]])
                out.append((task, self.heads[task](x) * self.settings.scale, target))
        return out


def _class_weights(items: list, tasks: Sequence[Task]) -> list:
    import torch

    counts = [Counter() for _ in tasks]
    for _, targets in items:
        for task, target in targets:
            counts[task][target] += 1
    weights = []
    for task, count in zip(tasks, counts):
        w = np.array([1.0 / np.sqrt(max(count[i], 1)) for i in range(len(task.classes))])
        weights.append(torch.tensor(w / w.mean(), dtype=torch.float32))
    return weights


def _evaluate(model: _Model, items: list, batch_size: int) -> dict[str, float]:
    from sklearn.metrics import f1_score

    model.encoder.eval()
    preds: dict[int, list[tuple[int, int]]] = {}
    with model.torch.no_grad():
        for i in range(0, len(items), batch_size):
            for task, logits, target in model.logits(items[i:i + batch_size]):
                preds.setdefault(task, []).append((int(logits.argmax()), target))
    return {model.tasks[t].name: round(float(f1_score([y for _, y in p], [x for x, _ in p], average="macro")), 4)
            for t, p in sorted(preds.items())}


def _epoch_sample(items: list, cap: int | None, rng: random.Random) -> list:
    """All items shuffled, or at most ``cap`` per corpus (a new random draw every epoch)."""
    if cap is None:
        chosen = list(items)
    else:
        by_corpus: dict[str, list] = {}
        for item in items:
            by_corpus.setdefault(item[0].corpus, []).append(item)
        chosen = [x for group in by_corpus.values() for x in (rng.sample(group, cap) if len(group) > cap else group)]
    rng.shuffle(chosen)
    return chosen


def finetune(source: Path, tasks: Sequence[Task], data: Path, out: Path, settings: Settings) -> dict[str, Any]:
    """Fine-tune, keep the best epoch (validation), save it in Hugging Face format to ``out``."""
    import torch

    torch.manual_seed(settings.seed)
    rng = random.Random(settings.seed)
    train, val = labelled(tasks, data, "train"), labelled(tasks, data, "val")
    if settings.limit:
        rng.shuffle(train)
        rng.shuffle(val)
        train, val = train[: settings.limit], val[: settings.limit]
    model = _Model(source, tasks, settings)
    weights = _class_weights(train, tasks)
    optimizer = torch.optim.AdamW([
        {"params": model.encoder.parameters(), "lr": settings.lr},
        {"params": model.heads.parameters(), "lr": settings.head_lr},
    ], weight_decay=0.01)
    steps = settings.epochs * ((len(train) + settings.batch_size - 1) // settings.batch_size)
    warm = max(int(settings.warmup * steps), 1)
    scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda s: min((s + 1) / warm, max(0.0, (steps - s) / (steps - warm))))
    history, best = [], -1.0
    for epoch in range(settings.epochs):
        epoch_items = _epoch_sample(train, settings.cap_per_corpus, rng)
        model.encoder.train()
        started, total = time.perf_counter(), 0.0
        for i in range(0, len(epoch_items), settings.batch_size):
            outputs = model.logits(epoch_items[i:i + settings.batch_size])
            loss = sum(torch.nn.functional.cross_entropy(z.unsqueeze(0), torch.tensor([y]), weight=weights[t])
                       for t, z, y in outputs) / len(outputs)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            scheduler.step()
            total += float(loss.detach())
        scores = _evaluate(model, val, 64)
        mean = float(np.mean(list(scores.values())))
        history.append({"epoch": epoch + 1, "items": len(epoch_items),
                        "train_loss": round(total / max(len(epoch_items) // settings.batch_size, 1), 4),
                        "val_macro_f1": scores, "val_mean_macro_f1": round(mean, 4),
                        "minutes": round((time.perf_counter() - started) / 60, 1)})
        log.warning("fine-tune epoch %d: %s", epoch + 1, json.dumps(history[-1]))
        if mean > best:
            best = mean
            model.encoder.save_pretrained(str(out))
            model.tokenizer.save_pretrained(str(out))
    return {"train_items": len(train), "val_items": len(val), "history": history,
            "best_epoch": max(history, key=lambda h: h["val_mean_macro_f1"])["epoch"]}
