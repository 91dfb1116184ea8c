"""Batch throughput on a corpus of transcripts written from AnnoMI (--data), with 1 and 2 Dask
workers: sessions/min, utterances/s, speed-up, peak memory per worker, and the time to resume a
finished run. Nothing is written into the project (a temporary folder holds corpus and runs).

    python benchmarks/batch_speed.py --data ../shared/data [--sessions 200] [--evidence]
"""

from __future__ import annotations

import argparse
import csv
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path


def write_corpus(data: Path, folder: Path, n: int) -> int:
    """n session files from AnnoMI's transcripts (all splits; repeated under new names past the
    133 real ones, so the corpus has n files)."""
    rows: dict[str, list[dict]] = defaultdict(list)
    for split in ("train", "dev", "test"):
        path = data / "annomi" / f"annomi-full.{split}.csv"
        if path.is_file():
            with open(path, newline="", encoding="utf-8") as f:
                for row in csv.DictReader(f):
                    rows[row["transcript_id"]].append(row)
    ids = sorted(rows, key=int)
    for i in range(n):
        tid = ids[i % len(ids)]
        with open(folder / f"annomi_{tid}_{i:04d}.csv", "w", newline="", encoding="utf-8") as f:
            writer = csv.writer(f)
            writer.writerow(["speaker", "timestamp", "text"])
            writer.writerows([r["interlocutor"], r["timestamp"], r["utterance_text"]] for r in rows[tid])
    return len(ids)


class WorkerMemory:
    """Peak resident memory of each process below this one (the Dask workers), sampled."""

    def __init__(self):
        import psutil

        self.me = psutil.Process()
        self.peak: dict[int, int] = {}
        self.running = True
        self.thread = threading.Thread(target=self.sample, daemon=True)
        self.thread.start()

    def sample(self):
        import psutil

        while self.running:
            for p in self.me.children(recursive=True):
                try:
                    self.peak[p.pid] = max(self.peak.get(p.pid, 0), p.memory_info().rss)
                except psutil.Error:
                    pass
            time.sleep(0.2)

    def stop(self) -> int:
        self.running = False
        self.thread.join()
        return max(self.peak.values(), default=0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--sessions", type=int, default=200)
    parser.add_argument("--evidence", action="store_true", help="Also find evidence words (about 6x slower).")
    args = parser.parse_args()

    from transcript_analyzer.batch import BatchOptions, run_batch
    from transcript_analyzer.config import AnalyzeConfig, MarkerOptions

    config = AnalyzeConfig(markers=MarkerOptions(evidence=args.evidence))
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        real = write_corpus(args.data, corpus, args.sessions)
        print(f"corpus: {args.sessions} AnnoMI session files ({real} distinct transcripts); evidence {args.evidence}")
        print("| workers | wall s | sessions/min | utterances/s | peak RSS per worker |")
        print("|---|---|---|---|---|")
        import dataclasses

        # one worker normally encodes on all cores; the "1 thread" row pins it to one, for the
        # scaling of the worker count alone
        single = dataclasses.replace(config, markers=dataclasses.replace(config.markers, threads=1))
        seconds = {}
        for label, workers, cfg in (("1", 1, config), ("1 (1 thread)", 1, single), ("2", 2, config)):
            out = Path(tmp) / f"run{label.replace(' ', '')}"
            memory = WorkerMemory()
            result = run_batch([corpus], out, cfg, BatchOptions(workers=workers))
            peak = memory.stop()
            assert result.failed == 0, result.failures[:3]
            seconds[label] = result.seconds
            print(f"| {label} | {result.seconds:.1f} | {result.analysed / result.seconds * 60:.0f} | "
                  f"{result.utterances / result.seconds:.0f} | {peak / 1e6:.0f} MB |")
        print(f"speed-up of 2 workers: {seconds['1'] / seconds['2']:.2f}x over 1 worker (default threads), "
              f"{seconds['1 (1 thread)'] / seconds['2']:.2f}x over 1 single-threaded worker")
        started = time.perf_counter()
        again = run_batch([corpus], Path(tmp) / "run2", config, BatchOptions(workers=2))
        print(f"resume of the finished 2-worker run: {time.perf_counter() - started:.1f} s "
              f"({again.skipped} skipped, {again.analysed} analysed; tables rebuilt)")


if __name__ == "__main__":
    main()
