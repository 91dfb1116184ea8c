"""A custom code trained at realistic size: ESConv's "Question" strategy (supporter turns of the
valid split) as a researcher's labels file, cross-validated by conversation. The labels file and
the model are written to a temporary folder (nothing enters the project or the user's models).

    python benchmarks/custom_code_esconv.py --data ../shared/data [--context]
"""

from __future__ import annotations

import argparse
import csv
import json
import tempfile
import time
from pathlib import Path


def write_labels(data: Path, path: Path) -> tuple[int, int]:
    rows = []
    with open(data / "esconv" / "valid.jsonl", encoding="utf-8") as f:
        for number, line in enumerate(f):
            previous = ""
            for turn in json.loads(line)["dialog"]:
                if turn["speaker"] == "usr":
                    previous = turn["text"]
                elif turn.get("strategy"):
                    rows.append((f"valid-{number}", previous, turn["text"], int(turn["strategy"] == "Question")))
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["conversation", "context", "text", "label"])
        writer.writerows(rows)
    return len(rows), sum(r[3] for r in rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--context", action="store_true", help="Train with the client's previous turn as context.")
    args = parser.parse_args()

    from transcript_analyzer.training.custom.train import train_custom_code

    with tempfile.TemporaryDirectory() as tmp:
        labels = Path(tmp) / "esconv_question.csv"
        n, positive = write_labels(args.data, labels)
        started = time.perf_counter()
        result = train_custom_code(labels, "esconv_question", context="previous-turn" if args.context else None,
                                   out_dir=Path(tmp) / "models")
        seconds = time.perf_counter() - started
    cv = result.metrics["cv"]
    yes = cv["per_class"]["yes"]
    print(f"{n} supporter turns ({positive} Question), context {args.context}, CV grouped by {cv['grouped_by']} "
          f"({cv['groups']} groups): F1 {yes['f1']:.3f}, precision {yes['precision']:.2f}, recall {yes['recall']:.2f}, "
          f"kappa {cv['kappa']}, ECE {cv.get('ece')}; trained in {seconds:.0f} s")


if __name__ == "__main__":
    main()
