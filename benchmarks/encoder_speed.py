"""Speed of candidate text encoders on this machine (see docs/encoders.md).

For every encoder folder given on the command line (a Hugging Face / sentence-transformers
folder: config.json, weights, tokenizer files) it loads the model offline and prints one
Markdown table row:

- size: parameters, hidden size, layers, max positions;
- inference: forward passes per second for batches of 32 sequences of 64 tokens
  (fp32, torch.no_grad, mean pooling, as many threads as --threads);
- fine-tuning: seconds per 1,000 training sequences of 128 tokens, forward + backward +
  AdamW step through the whole encoder and a linear head (batch --train-batch), measured on
  a few batches after one warm-up batch (--freeze N: embeddings and N lower layers frozen).

Sequences are random token ids of the exact length (no padding), so the numbers measure the
encoder, not the tokenizer. Usage:

    HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 PYTHONPATH=. /work/main/.venv/bin/python \
        benchmarks/encoder_speed.py FOLDER [FOLDER ...] [--threads 2]
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

import torch  # noqa: E402
from transformers import AutoConfig, AutoModel, AutoTokenizer  # noqa: E402


def _random_batch(tokenizer, config, batch: int, length: int) -> dict[str, torch.Tensor]:
    """A batch of `batch` sequences of exactly `length` tokens, [CLS] ... [SEP] framed."""
    # Ids 1000..vocab-10 avoid the special tokens of BERT (0-103) and MPNet (0-3, 30526).
    ids = torch.randint(1000, config.vocab_size - 10, (batch, length))
    ids[:, 0] = tokenizer.cls_token_id if tokenizer.cls_token_id is not None else ids[0, 0]
    ids[:, -1] = tokenizer.sep_token_id if tokenizer.sep_token_id is not None else ids[0, -1]
    return {"input_ids": ids, "attention_mask": torch.ones_like(ids)}


def _mean_pool(output, mask: torch.Tensor) -> torch.Tensor:
    hidden = output.last_hidden_state
    weights = mask.unsqueeze(-1).to(hidden.dtype)
    return (hidden * weights).sum(1) / weights.sum(1).clamp(min=1.0)


def inference_speed(model, batch: dict, repeats: int) -> float:
    """Forward passes per second (one pass = one batch)."""
    model.eval()
    with torch.no_grad():
        _mean_pool(model(**batch), batch["attention_mask"])  # warm-up
        start = time.perf_counter()
        for _ in range(repeats):
            _mean_pool(model(**batch), batch["attention_mask"])
        elapsed = time.perf_counter() - start
    return repeats / elapsed


def finetune_cost(model, batch: dict, steps: int, n_labels: int = 8) -> float:
    """Seconds per 1,000 training sequences (forward + backward + AdamW step)."""
    model.train()
    head = torch.nn.Linear(model.config.hidden_size, n_labels)
    params = [p for p in model.parameters() if p.requires_grad] + list(head.parameters())
    optimizer = torch.optim.AdamW(params, lr=2e-5)
    labels = torch.randint(0, n_labels, (batch["input_ids"].shape[0],))

    def step() -> None:
        optimizer.zero_grad()
        logits = head(_mean_pool(model(**batch), batch["attention_mask"]))
        torch.nn.functional.cross_entropy(logits, labels).backward()
        optimizer.step()

    step()  # warm-up (allocates optimizer state)
    start = time.perf_counter()
    for _ in range(steps):
        step()
    elapsed = time.perf_counter() - start
    return elapsed / (steps * batch["input_ids"].shape[0]) * 1000.0


def freeze_lower(model, n_layers: int) -> None:
    """Freeze the embeddings and the first `n_layers` transformer layers (0 = train all)."""
    if n_layers <= 0:
        return
    for param in model.embeddings.parameters():
        param.requires_grad = False
    for layer in model.encoder.layer[:n_layers]:
        for param in layer.parameters():
            param.requires_grad = False


def describe(folder: Path, args: argparse.Namespace) -> str:
    config = AutoConfig.from_pretrained(folder, local_files_only=True)
    tokenizer = AutoTokenizer.from_pretrained(folder, local_files_only=True)
    model = AutoModel.from_pretrained(folder, local_files_only=True, dtype=torch.float32)
    n_params = sum(p.numel() for p in model.parameters())
    torch.manual_seed(0)
    infer_batch = _random_batch(tokenizer, config, 32, 64)
    train_batch = _random_batch(tokenizer, config, args.train_batch, 128)
    # Best of --rounds: on a shared machine the least disturbed round is the closest to the truth.
    infer = max(inference_speed(model, infer_batch, args.repeats) for _ in range(args.rounds))
    freeze_lower(model, args.freeze)
    train = min(finetune_cost(model, train_batch, args.train_steps) for _ in range(args.rounds))
    load = os.getloadavg()[0]
    return (
        f"| {folder.parent.name}/{folder.name} | {n_params / 1e6:.1f} M | {config.hidden_size} | "
        f"{config.num_hidden_layers} | {getattr(config, 'max_position_embeddings', '?')} | "
        f"{infer:.2f} ({infer * 32:.0f} seq/s) | {train:.0f} s"
        f"{f' (lower {args.freeze} frozen)' if args.freeze else ''} | {load:.2f} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="+", type=Path)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--repeats", type=int, default=10, help="timed inference batches")
    parser.add_argument("--train-steps", type=int, default=3, help="timed training batches")
    parser.add_argument("--train-batch", type=int, default=16)
    parser.add_argument("--rounds", type=int, default=1, help="report the best of N rounds")
    parser.add_argument(
        "--freeze", type=int, default=0, help="freeze embeddings + this many lower layers"
    )
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    print(
        "| encoder | params | hidden | layers | max pos | fwd/s, 32x64 tok | "
        "s / 1k train seq of 128 tok | load (1 min) |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for folder in args.folders:
        print(describe(folder, args), flush=True)


if __name__ == "__main__":
    main()
