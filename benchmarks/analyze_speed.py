"""Speed and memory of `analyze` on transcripts: per stage, per session, and CLI start-up.

Writes AnnoMI transcripts (from --data) to a temporary folder as CSV files, one per session
(nothing is written into the project), plus the bundled samples, and times each stage.

    python benchmarks/analyze_speed.py --data ../shared/data [--sessions 88]
"""

from __future__ import annotations

import argparse
import csv
import resource
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def write_annomi(data: Path, folder: Path, limit: int) -> list[Path]:
    rows: dict[str, list[dict]] = defaultdict(list)
    with open(data / "annomi" / "annomi-full.dev.csv", newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            rows[row["transcript_id"]].append(row)
    paths = []
    for tid in list(rows)[:limit]:
        path = folder / f"annomi_{tid}.csv"
        with open(path, "w", newline="", encoding="utf-8") as f:
            writer = csv.writer(f)
            writer.writerow(["speaker", "timestamp", "text"])
            writer.writerows([r["interlocutor"], r["timestamp"], r["utterance_text"]] for r in rows[tid])
        paths.append(path)
    return paths


def help_time() -> float:
    best = float("inf")
    for _ in range(5):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "transcript_analyzer.cli", "--help"], capture_output=True, check=True)
        best = min(best, time.perf_counter() - started)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--sessions", type=int, default=88)
    args = parser.parse_args()

    started = time.perf_counter()
    from transcript_analyzer.api import Analyzer

    analyzer = Analyzer().load()
    load_time = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as tmp:
        paths = sorted((ROOT / "sample_transcripts").glob("*.*"))
        paths = [p for p in paths if p.suffix in (".txt", ".vtt", ".json", ".docx")]
        if (args.data / "annomi").is_dir():
            paths += write_annomi(args.data, Path(tmp), args.sessions)
        stage_time: dict[str, float] = defaultdict(float)
        turns = utterances = 0
        wall = time.perf_counter()
        for path in paths:
            t0 = time.perf_counter()
            session = analyzer.read(path)
            stage_time["read"] += time.perf_counter() - t0
            for stage in analyzer.pipeline.stages:
                t0 = time.perf_counter()
                session = stage(session)
                stage_time[stage.name] += time.perf_counter() - t0
            turns += len(session.turns)
            utterances += len(session.utterances)
        wall = time.perf_counter() - wall
    print(f"{len(paths)} sessions, {turns} turns, {utterances} utterances in {wall:.2f} s "
          f"({len(paths) / wall:.1f} sessions/s, {turns / wall:.0f} turns/s, {utterances / wall:.0f} utterances/s)")
    print(f"{'stage':<10} {'seconds':>8} {'share':>6} {'turns/s':>9}")
    for name, seconds in stage_time.items():
        print(f"{name:<10} {seconds:>8.2f} {seconds / wall:>6.0%} {turns / seconds:>9.0f}")
    print(f"model loading (once): {load_time:.2f} s; peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    print(f"`transcript-analyzer --help`: {help_time():.3f} s (best of 5)")


if __name__ == "__main__":
    main()
