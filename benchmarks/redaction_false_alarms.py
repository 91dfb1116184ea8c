"""False alarms of redaction on real talk, without labels: the redactor run over real utterances of the shared
corpora (AnnoMI dev transcripts and ESConv's valid split), a third of them again lowercased without punctuation
like speech-recognition output. The corpora name almost no one, so nearly every span redacted is a false
alarm for a human to judge; spans that are a speaker's name are not counted (the corpora have none). With
``--save`` the spans found are written to a JSON file; with ``--diff`` a file saved by an earlier redactor
(run the same script with that redactor's code first on PYTHONPATH) is compared and only the spans redacted
now and not then, and then and not now, are printed.

    python benchmarks/redaction_false_alarms.py [--data ../shared/data] [--annomi 1500] [--esconv 800]
        [--sample 40] [--save spans.json] [--diff old_spans.json]
"""

from __future__ import annotations

import argparse
import json
import re
import time
from collections import Counter
from pathlib import Path

from transcript_analyzer.text.redact import Redactor
from transcript_analyzer.training.corpora.datasets import load_annomi, load_esconv

ROOT = Path(__file__).resolve().parent.parent


def utterances(data: Path, n_annomi: int, n_esconv: int) -> list[str]:
    """The first utterances of each corpus (in file order, at least 3 words), then every third one of them
    lowercased without punctuation (a third of the total)."""
    texts: list[str] = []
    for convs, n in ((load_annomi(data / "annomi" / "annomi-full.dev.csv"), n_annomi),
                     (load_esconv(data / "esconv" / "valid.jsonl"), n_esconv)):
        picked = [text for conv in convs for _, text, _ in conv.rows if len(text.split()) >= 3][:n]
        texts += picked
    lowered = [re.sub(r"[^\w\s']", "", t).lower() for t in texts[::3]]
    return texts + lowered


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--annomi", type=int, default=1500)
    parser.add_argument("--esconv", type=int, default=800)
    parser.add_argument("--sample", type=int, default=40)
    parser.add_argument("--save", type=Path)
    parser.add_argument("--diff", type=Path)
    args = parser.parse_args()

    texts = utterances(args.data, args.annomi, args.esconv)
    redactor = Redactor().load()
    redactor.find("Warm-up: Karen moved to Leeds in 2019.")
    t0 = time.perf_counter()
    spans = [[(m.label, m.start, m.end, m.text) for m in redactor.find(t)] for t in texts]
    seconds = time.perf_counter() - t0
    labels = Counter(s[0] for found in spans for s in found)
    print(f"{len(texts)} utterances (plus a third of them again lowercased), "
          f"{sum(map(len, spans))} spans redacted in {sum(1 for f in spans if f)} utterances, "
          f"{1000 * seconds / len(texts):.1f} ms per utterance")
    print("by label: " + ", ".join(f"{k} {v}" for k, v in labels.most_common()))
    if args.save:
        args.save.write_text(json.dumps({"texts": texts, "spans": spans}), encoding="utf-8")
    if args.diff:
        old = json.loads(args.diff.read_text(encoding="utf-8"))
        old_by_text = {t: {tuple(s) for s in found} for t, found in zip(old["texts"], old["spans"])}
        new, gone = [], []
        for text, found in zip(texts, spans):
            before, now = old_by_text.get(text, set()), {tuple(s) for s in found}
            new += [(s, text) for s in now - before]
            gone += [(s, text) for s in before - now]
        print(f"\nredacted now, not by the saved redactor: {len(new)}")
        for (label, _, _, word), text in new:
            print(f"  NEW {label}: {word!r} in {text[:160]!r}")
        print(f"redacted by the saved redactor, not now: {len(gone)}")
        for (label, _, _, word), text in gone:
            print(f"  GONE {label}: {word!r} in {text[:160]!r}")
        return
    shown = [(s, t) for t, found in zip(texts, spans) for s in found][:args.sample]
    for (label, _, _, word), text in shown:
        print(f"  {label}: {word!r} in {text[:160]!r}")


if __name__ == "__main__":
    main()
