"""Role identification accuracy, held out by transcript (AnnoMI, speaker names stripped), on
excerpts, and on ESConv. Prints one table. Same code as the model card's numbers.

    python benchmarks/role_accuracy.py --data ../shared/data
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from transcript_analyzer.training import load_recipe
from transcript_analyzer.training.corpora.datasets import load_annomi, load_esconv
from transcript_analyzer.training.roles.recipe import settings_from
from transcript_analyzer.training.roles.fit import evaluate

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--recipe", type=Path, default=ROOT / "pipelines" / "roles.toml")
    args = parser.parse_args()
    recipe = load_recipe(args.recipe)
    settings = settings_from(recipe)
    started = time.perf_counter()
    m = evaluate(load_annomi(args.data / recipe["data"]["train"]), load_esconv(args.data / recipe["data"]["transfer"]),
                 settings, recipe.get("evaluate", {}).get("excerpt_turns", (10, 20)))
    rows = [("AnnoMI whole transcripts, leave-one-out", m["annomi_sessions"])]
    rows += [(f"AnnoMI {n}-turn excerpts (held out)", s) for n, s in m["annomi_excerpts"].items()]
    rows.append(("ESConv valid (transfer)", m["transfer"]))
    print(f"{'test set':<42} {'n':>5} {'correct':>8} {'accuracy':>9} {'ECE':>7}")
    for name, s in rows:
        print(f"{name:<42} {s['n']:>5} {s['correct']:>8} {100 * s['accuracy']:>8.1f}% {s['expected_calibration_error']:>7.4f}")
    print(f"misidentified AnnoMI transcripts: {m['annomi_errors'] or 'none'}  ({time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main()
