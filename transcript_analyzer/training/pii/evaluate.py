"""Recall and precision of found mentions against labelled utterances, scored as
benchmarks/redaction_accuracy.py scores them: a gold mention is caught when found mentions cover at
least half of its characters (whatever label they got: for privacy, covered is what matters); a
found mention is correct when it overlaps a gold one (any label, PHONE/EMAIL/ADDRESS/ID included)."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Callable, Iterable


def load_records(path: Path, split: str | None = None) -> list[dict]:
    records = [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]
    return [r for r in records if split is None or r.get("split") == split]


def score(records: Iterable[dict], find: Callable[[str], list]) -> dict:
    caught, total, correct, predicted = Counter(), Counter(), 0, 0
    for r in records:
        text = r["text"]
        found = find(text)
        covered = [False] * len(text)
        for m in found:
            for i in range(m.start, m.end):
                covered[i] = True
        for g in r["spans"]:
            total[g["label"]] += 1
            if sum(covered[g["start"]:g["end"]]) * 2 >= g["end"] - g["start"]:
                caught[g["label"]] += 1
        for m in found:
            predicted += 1
            correct += any(m.start < g["end"] and g["start"] < m.end for g in r["spans"])
    n, hit = sum(total.values()), sum(caught.values())
    return {"mentions": n, "recall": hit / n if n else None, "found": predicted,
            "precision": correct / predicted if predicted else None,
            "by_label": {label: {"caught": caught[label], "total": total[label]} for label in sorted(total)}}
