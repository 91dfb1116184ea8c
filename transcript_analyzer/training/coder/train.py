"""Fine-tuning the coder end to end, with checkpoints so that a stopped run resumes.

One encoder, one linear layer per task over the mean of the target's token vectors (the context
is read by attention, not pooled). Each step's loss is the mean, over the step's (item, task)
targets, of class-weighted cross-entropy (inverse square root of frequency, per task). Each epoch
draws at most ``caps[corpus]`` training utterances of a capped corpus (a fresh draw, seeded by the
epoch) so that ESConv does not drown AnnoMI, and turns a share of them into spoken-style copies
(data.spoken). The lowest ``freeze_layers`` layers and the embeddings can be frozen to save time.

Checkpoints: every ``checkpoint_minutes`` and at each epoch's end the whole state (weights,
optimizer, schedule, random states, position in the epoch, history) is written atomically to
``checkpoint_dir``; a new run with the same recipe and data starts from it. The epoch with the
best mean validation macro-F1 (over the therapist tasks of AnnoMI, or all tasks) is kept.

Needs torch and transformers (training dependencies).
"""

from __future__ import annotations

import json
import logging
import os
import random
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from ...markers.coder import load_tokenizer, pair_ids
from .data import Item, Task, spoken, spoken_context, task_rows

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Settings:
    epochs: int = 3
    batch_size: int = 16
    lr: float = 4e-5
    head_lr: float = 1e-3
    warmup: float = 0.06
    max_length: int = 160
    target_max: int = 96
    caps: dict[str, int] | None = None
    """Per epoch, at most this many training utterances of a corpus (a fresh draw each epoch);
    corpora not listed are used whole."""
    spoken_share: float = 0.3
    freeze_layers: int = 0
    dropout: float = 0.1
    seed: int = 0
    checkpoint_minutes: float = 10.0
    val_cap_per_corpus: int = 1000
    select_on: tuple[str, ...] = ()
    """Tasks whose mean validation macro-F1 chooses the epoch (default: all)."""
    limit: int | None = None
    """Smoke tests: at most this many training and validation items."""


def settings_from(recipe: dict[str, Any]) -> Settings:
    known = Settings.__dataclass_fields__
    values = {k: v for k, v in recipe.get("train", {}).items() if k in known}
    if "select_on" in values:
        values["select_on"] = tuple(values["select_on"])
    return Settings(**values)


class Net:
    """Encoder + task heads as a torch module (built lazily so that importing this file needs no torch)."""

    @staticmethod
    def build(source: Path, tasks: Sequence[Task], dropout: float):  # noqa: ANN205
        import torch
        from transformers import AutoModel

        class CoderNet(torch.nn.Module):
            def __init__(self) -> None:
                super().__init__()
                self.encoder = AutoModel.from_pretrained(str(source))
                # BERT-style encoders take the segment ids; RoBERTa/MPNet-style ones have no
                # segment embedding and only use them here, for pooling.
                self.use_types = int(getattr(self.encoder.config, "type_vocab_size", 0) or 0) >= 2
                dim = self.encoder.config.hidden_size
                self.dropout = torch.nn.Dropout(dropout)
                self.heads = torch.nn.ModuleList(torch.nn.Linear(dim, len(t.classes)) for t in tasks)

            def forward(self, input_ids, attention_mask, token_type_ids):  # noqa: ANN001, ANN201
                extra = {"token_type_ids": token_type_ids} if self.use_types else {}
                hidden = self.encoder(input_ids=input_ids, attention_mask=attention_mask, **extra).last_hidden_state
                mask = ((token_type_ids == 1) & (attention_mask == 1)).unsqueeze(-1).to(hidden.dtype)
                pooled = self.dropout((hidden * mask).sum(1) / mask.sum(1).clamp(min=1.0))
                return torch.cat([head(pooled) for head in self.heads], dim=-1)

        return CoderNet()


def batch_tensors(tokenizer: Any, pairs: Sequence[tuple[str, str]], settings: Settings):  # noqa: ANN201
    import torch

    encoded = [pair_ids(tokenizer, c, t, settings.max_length, settings.target_max) for c, t in pairs]
    width = max(len(ids) for ids, _ in encoded)
    ids = torch.zeros((len(encoded), width), dtype=torch.long)
    types = torch.zeros_like(ids)
    mask = torch.zeros_like(ids)
    for i, (a, b) in enumerate(encoded):
        ids[i, :len(a)] = torch.tensor(a)
        types[i, :len(b)] = torch.tensor(b)
        mask[i, :len(a)] = 1
    return ids, mask, types


def offsets(tasks: Sequence[Task]) -> list[int]:
    out, at = [], 0
    for t in tasks:
        out.append(at)
        at += len(t.classes)
    return out


def class_weights(items: Sequence[Item], tasks: Sequence[Task]) -> list[np.ndarray]:
    counts = [Counter() for _ in tasks]
    for item in items:
        for k, c in item.targets:
            counts[k][c] += 1
    out = []
    for task, count in zip(tasks, counts):
        w = np.array([1.0 / np.sqrt(max(count[i], 1)) for i in range(len(task.classes))])
        out.append(w / w.mean())
    return out


def draw_by_corpus(items: Sequence[Item], caps: dict[str, int], rng: random.Random) -> list[Item]:
    """All items of each corpus, or a random ``caps[corpus]`` of them (corpora in name order)."""
    by_corpus: dict[str, list[Item]] = {}
    for item in items:
        by_corpus.setdefault(item.utt.corpus, []).append(item)
    chosen: list[Item] = []
    for corpus in sorted(by_corpus):
        group, cap = by_corpus[corpus], caps.get(corpus)
        chosen += rng.sample(group, cap) if cap is not None and len(group) > cap else group
    return chosen


def epoch_items(train: Sequence[Item], settings: Settings, epoch: int) -> list[tuple[Item, bool]]:
    """The epoch's draw (at most ``caps[corpus]`` of a capped corpus), shuffled, each with whether it is
    given as a spoken-style copy. Deterministic in (seed, epoch), so a resumed epoch is the same."""
    rng = random.Random(settings.seed * 1000 + epoch)
    chosen = draw_by_corpus(train, settings.caps or {}, rng)
    rng.shuffle(chosen)
    return [(item, rng.random() < settings.spoken_share) for item in chosen]


def as_pair(item: Item, spoken_copy: bool, rng: random.Random) -> tuple[str, str]:
    if not spoken_copy:
        return item.utt.context, item.utt.text
    return spoken_context(item.utt.context, rng), spoken(item.utt.text, rng)


def predict_logits(net: Any, tokenizer: Any, pairs: Sequence[tuple[str, str]], settings: Settings,
                   batch: int = 64) -> np.ndarray:
    """Logits for (context, target) pairs, length-sorted batches, eval mode."""
    import torch

    order = sorted(range(len(pairs)), key=lambda i: len(pairs[i][0]) + len(pairs[i][1]))
    out: list[np.ndarray | None] = [None] * len(pairs)
    net.eval()
    with torch.inference_mode():
        for s in range(0, len(order), batch):
            chunk = order[s:s + batch]
            logits = net(*batch_tensors(tokenizer, [pairs[i] for i in chunk], settings)).numpy()
            for i, row in zip(chunk, logits):
                out[i] = row
    net.train()
    return np.stack(out) if out else np.zeros((0, 0), dtype=np.float32)


def macro_f1s(logits: np.ndarray, items: Sequence[Item], tasks: Sequence[Task]) -> dict[str, float]:
    from sklearn.metrics import f1_score

    offs = offsets(tasks)
    scores = {}
    for k, task in enumerate(tasks):
        index, y = task_rows(items, k)
        if not index:
            continue
        z = logits[index, offs[k]:offs[k] + len(task.classes)]
        scores[task.name] = round(float(f1_score(y, z.argmax(1), average="macro",
                                                 labels=list(range(len(task.classes))))), 4)
    return scores


def _save(path: Path, state: dict[str, Any]) -> None:
    import torch

    tmp = path.with_suffix(".tmp")
    torch.save(state, tmp)
    os.replace(tmp, path)


def finetune(source: Path, tasks: Sequence[Task], train: Sequence[Item], val: Sequence[Item], settings: Settings,
             checkpoint_dir: Path) -> tuple[Any, Any, dict[str, Any]]:
    """Train (or resume) and return (the best epoch's net, tokenizer, training record)."""
    import torch

    torch.set_num_threads(int(os.environ.get("TRANSCRIPT_ANALYZER_TRAIN_THREADS", os.cpu_count() or 2)))
    torch.manual_seed(settings.seed)
    checkpoint_dir.mkdir(parents=True, exist_ok=True)
    tokenizer = load_tokenizer(str(source / "tokenizer.json"))
    net = Net.build(source, tasks, settings.dropout)
    if settings.freeze_layers:
        for p in net.encoder.embeddings.parameters():
            p.requires_grad = False
        for layer in net.encoder.encoder.layer[:settings.freeze_layers]:  # BERT and MPNet name them alike
            for p in layer.parameters():
                p.requires_grad = False
    weights = [torch.tensor(w, dtype=torch.float32) for w in class_weights(train, tasks)]
    offs = offsets(tasks)
    optimizer = torch.optim.AdamW([
        {"params": [p for p in net.encoder.parameters() if p.requires_grad], "lr": settings.lr},
        {"params": net.heads.parameters(), "lr": settings.head_lr}], weight_decay=0.01)
    per_epoch = [len(epoch_items(train, settings, e)) for e in range(settings.epochs)]
    steps = sum((n + settings.batch_size - 1) // settings.batch_size for n in per_epoch)
    warm = max(int(settings.warmup * steps), 1)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda s: min((s + 1) / warm, max(0.0, (steps - s) / max(steps - warm, 1))))
    state_path, best_path = checkpoint_dir / "state.pt", checkpoint_dir / "best.pt"
    epoch, position, history, best = 0, 0, [], -1.0
    if state_path.exists():
        state = torch.load(state_path, weights_only=False)
        net.load_state_dict(state["net"])
        optimizer.load_state_dict(state["optimizer"])
        schedule.load_state_dict(state["schedule"])
        torch.set_rng_state(state["torch_rng"])
        epoch, position, history, best = state["epoch"], state["position"], state["history"], state["best"]
        log.warning("coder: resuming from %s (epoch %d, item %d)", state_path, epoch + 1, position)
    val_pairs = [(i.utt.context, i.utt.text) for i in val]
    select = [t.name for t in tasks if not settings.select_on or t.name in settings.select_on]

    def checkpoint(at_epoch: int, at_position: int) -> None:
        _save(state_path, {"net": net.state_dict(), "optimizer": optimizer.state_dict(), "schedule": schedule.state_dict(),
                           "torch_rng": torch.get_rng_state(), "epoch": at_epoch, "position": at_position,
                           "history": history, "best": best})

    net.train()
    while epoch < settings.epochs:
        drawn = epoch_items(train, settings, epoch)
        started = last = time.perf_counter()
        total, n = 0.0, 0
        for s in range(position, len(drawn), settings.batch_size):
            chunk = drawn[s:s + settings.batch_size]
            rng = random.Random(f"{settings.seed}:{epoch}:{s}")  # per batch, so a resumed run draws the same copies
            logits = net(*batch_tensors(tokenizer, [as_pair(item, sp, rng) for item, sp in chunk], settings))
            loss, count = logits.new_zeros(()), 0
            for k in range(len(tasks)):
                rows = [(r, c, item.weight) for r, (item, _) in enumerate(chunk) for kk, c in item.targets if kk == k]
                if not rows:
                    continue
                z = logits[[r for r, _, _ in rows], offs[k]:offs[k] + len(tasks[k].classes)]
                per = torch.nn.functional.cross_entropy(z, torch.tensor([c for _, c, _ in rows]), weight=weights[k],
                                                        reduction="none")
                loss = loss + (per * torch.tensor([w for _, _, w in rows])).sum()
                count += len(rows)
            loss = loss / max(count, 1)
            optimizer.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(net.parameters(), 1.0)
            optimizer.step()
            schedule.step()
            total, n = total + float(loss.detach()), n + 1
            if time.perf_counter() - last > settings.checkpoint_minutes * 60:
                checkpoint(epoch, s + settings.batch_size)
                last = time.perf_counter()
                log.warning("coder: epoch %d, %d/%d items, loss %.4f (checkpoint)", epoch + 1, s + len(chunk), len(drawn),
                            total / n)
        scores = macro_f1s(predict_logits(net, tokenizer, val_pairs, settings), val, tasks)
        mean = float(np.mean([scores[t] for t in select if t in scores]))
        history.append({"epoch": epoch + 1, "items": len(drawn), "train_loss": round(total / max(n, 1), 4),
                        "val_macro_f1": scores, "val_selection_mean": round(mean, 4),
                        "minutes": round((time.perf_counter() - started) / 60, 1)})
        log.warning("coder epoch %d: %s", epoch + 1, json.dumps(history[-1]))
        if mean > best:
            best = mean
            _save(best_path, {"net": net.state_dict(), "epoch": epoch + 1})
        epoch, position = epoch + 1, 0
        checkpoint(epoch, 0)
    net.load_state_dict(torch.load(best_path, weights_only=False)["net"])
    net.eval()
    return net, tokenizer, {"history": history, "best_epoch": max(history, key=lambda h: h["val_selection_mean"])["epoch"],
                            "train_items": len(train), "val_items": len(val)}
