"""Redaction recall and precision on the team-written labelled set
(tests/data/redaction/identifying_mentions.jsonl, invented therapy-style talk).

A gold mention counts as caught when redacted mentions cover at least half of its characters
(whatever placeholder label they got: for privacy, covered is what matters); a redacted mention
counts as correct when it overlaps a gold one. Per-label recall, and the misses, are printed.

    python benchmarks/redaction_accuracy.py [--show-misses]
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "redaction" / "identifying_mentions.jsonl"


def score(records: list[dict], redactor) -> dict:
    caught, total, correct, predicted = Counter(), Counter(), 0, 0
    misses, false = [], []
    for r in records:
        found = redactor.find(r["text"])
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
            "misses": misses, "false": false}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--show-misses", action="store_true")
    args = parser.parse_args()

    from transcript_analyzer.text.redact import Redactor

    records = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line.strip()]
    result = score(records, Redactor().load())
    print(f"{len(records)} utterances, {sum(result['total'].values())} identifying mentions")
    print(f"recall {result['recall']:.3f} (target >= 0.95), precision {result['precision']:.3f}")
    for label in sorted(result["total"]):
        print(f"  {label:<8} {result['caught'][label]:>4} / {result['total'][label]:<4} "
              f"{result['caught'][label] / result['total'][label]:.3f}")
    if args.show_misses:
        for label, text, context in result["misses"]:
            print(f"MISS {label}: {text!r} in {context!r}")
        for label, text, context in result["false"]:
            print(f"EXTRA {label}: {text!r} in {context!r}")


if __name__ == "__main__":
    main()
