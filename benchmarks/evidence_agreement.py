"""Do the evidence words point where human annotators pointed? EPITOME's rationales mark the
words that carry each empathy mechanism. For test-split EPITOME responses with strong empathy
that the empathy head also flags, the occlusion evidence is compared with the rationale words,
against a baseline of the same number of random words from the same response.

    python benchmarks/evidence_agreement.py --data ../shared/data
"""

from __future__ import annotations

import argparse
import random
import re
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
_WORD = re.compile(r"[a-z']+")


def words(text: str) -> set[str]:
    return set(_WORD.findall(text.lower()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--limit", type=int, default=200)
    args = parser.parse_args()

    from transcript_analyzer.config import MarkerOptions
    from transcript_analyzer.markers.codebook import utterance_markers
    from transcript_analyzer.markers.evidence import occlusion
    from transcript_analyzer.markers.stage import MarkersStage
    from transcript_analyzer.training.corpora.examples import load
    from transcript_analyzer.training.heads.data import epitome_strong_empathy

    items = [e for e in load("epitome", args.data) if e.split == "test" and epitome_strong_empathy(e.labels) == "yes"]
    items = items[: args.limit]
    stage = MarkersStage(MarkerOptions(markers=("empathy",)))
    stage.load()
    texts, contexts = [e.text for e in items], [e.context for e in items]
    classes = stage.classes()
    scores = utterance_markers(stage.predict(texts, contexts), classes)
    p, d = scores["empathy"]
    flagged = [["empathy"] if d[i] else [] for i in range(len(items))]

    def scorer(variants, rows):
        o = stage.predict(variants, [contexts[r] for r in rows])
        return {"empathy": utterance_markers(o, classes)["empathy"][0]}

    evidence = occlusion(texts, list(range(len(items))), flagged, {"empathy": p}, scorer)
    rng = random.Random(0)
    hits, base_hits, n_words, n_items = 0, 0, 0, 0
    for item, ev in zip(items, evidence):
        found = [w.lower() for w in ev.get("empathy", ())]
        if not found:
            continue
        rationale = set().union(*(words(item.labels.get(f"{k}_rationale", "")) for k in ("er", "ip", "ex")))
        if not rationale:
            continue
        n_items += 1
        tokens = [w for w in _WORD.findall(item.text.lower())]
        ours = [w for f in found for w in _WORD.findall(f)]
        hits += sum(w in rationale for w in ours)
        sample = rng.sample(tokens, min(len(ours), len(tokens)))
        base_hits += sum(w in rationale for w in sample)
        n_words += len(ours)
    print(f"strong-empathy test responses: {len(items)}; flagged by the head: {int(np.sum(d))}; with evidence and a rationale: {n_items}")
    print(f"evidence words inside the human rationale: {hits / max(n_words, 1):.1%} "
          f"(random words from the same responses: {base_hits / max(n_words, 1):.1%}; {n_words} words)")


if __name__ == "__main__":
    main()
