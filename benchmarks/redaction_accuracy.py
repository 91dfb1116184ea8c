"""Redaction recall and precision on the team-written labelled sets (tests/data/redaction/,
invented therapy-style talk): ``original`` (identifying_mentions.jsonl, the set the redactor was
first tuned on), ``heldout`` (heldout_mentions.jsonl, written before the first tuning, measured
only then, used for the second) and ``final`` (final_mentions.jsonl, written before the second
tuning and only measured). ``both`` scores original and heldout; ``all`` scores the three.

A gold mention counts as caught when redacted mentions cover at least half of its characters
(whatever placeholder label they got: for privacy, covered is what matters); a redacted mention
counts as correct when it overlaps a gold one. Per-label recall, the time per utterance of
``Redactor.find`` (model loaded, one warm-up call) and, on request, the misses are printed.

    python benchmarks/redaction_accuracy.py [--set original|heldout|final|both|all] [--show-misses]
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SETS = {"original": ROOT / "tests" / "data" / "redaction" / "identifying_mentions.jsonl",
        "heldout": ROOT / "tests" / "data" / "redaction" / "heldout_mentions.jsonl",
        "final": ROOT / "tests" / "data" / "redaction" / "final_mentions.jsonl"}
GROUPS = {"both": ("original", "heldout"), "all": ("original", "heldout", "final")}
DATA = SETS["original"]


def load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def score(records: list[dict], redactor) -> dict:
    caught, total, correct, predicted = Counter(), Counter(), 0, 0
    misses, false = [], []
    seconds = 0.0
    for r in records:
        t0 = time.perf_counter()
        found = redactor.find(r["text"])
        seconds += time.perf_counter() - t0
        covered = [False] * len(r["text"])
        for m in found:
            for i in range(m.start, m.end):
                covered[i] = True
        for g in r["spans"]:
            total[g["label"]] += 1
            if sum(covered[g["start"]:g["end"]]) * 2 >= g["end"] - g["start"]:
                caught[g["label"]] += 1
            else:
                misses.append((g["label"], g["text"], r["text"]))
        for m in found:
            predicted += 1
            if any(m.start < g["end"] and g["start"] < m.end for g in r["spans"]):
                correct += 1
            else:
                false.append((m.label, m.text, r["text"]))
    recall = sum(caught.values()) / max(sum(total.values()), 1)
    return {"recall": recall, "precision": correct / max(predicted, 1), "caught": caught, "total": total,
            "misses": misses, "false": false, "ms_per_utterance": 1000 * seconds / max(len(records), 1)}


def report(name: str, records: list[dict], result: dict, show_misses: bool) -> None:
    print(f"[{name}] {len(records)} utterances, {sum(result['total'].values())} identifying mentions")
    print(f"recall {result['recall']:.3f} (target >= 0.95), precision {result['precision']:.3f}, "
          f"{result['ms_per_utterance']:.1f} ms per utterance")
    for label in sorted(result["total"]):
        print(f"  {label:<8} {result['caught'][label]:>4} / {result['total'][label]:<4} "
              f"{result['caught'][label] / result['total'][label]:.3f}")
    if show_misses:
        for label, text, context in result["misses"]:
            print(f"MISS {label}: {text!r} in {context!r}")
        for label, text, context in result["false"]:
            print(f"EXTRA {label}: {text!r} in {context!r}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", choices=(*SETS, *GROUPS), default="both")
    parser.add_argument("--show-misses", action="store_true")
    args = parser.parse_args()

    from transcript_analyzer.text.redact import Redactor

    redactor = Redactor().load()
    redactor.find("Warm-up: Karen moved to Leeds in 2019.")
    for name in GROUPS.get(args.set, (args.set,)):
        records = load(SETS[name])
        report(name, records, score(records, redactor), args.show_misses)


if __name__ == "__main__":
    main()
