"""Throughput of the markers stage on 2 cores: therapist utterances per second, with and
without evidence, on AnnoMI transcripts (segmented first, so only the markers stage is timed).

    python benchmarks/marker_speed.py --data ../shared/data [--sessions 40]
"""

from __future__ import annotations

import argparse
import resource
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--sessions", type=int, default=40)
    args = parser.parse_args()

    from transcript_analyzer.config import MarkerOptions
    from transcript_analyzer.markers.stage import MarkersStage
    from transcript_analyzer.text.roles import RolesStage
    from transcript_analyzer.text.segment import SegmentStage
    from transcript_analyzer.training.corpora.datasets import load_annomi, to_session

    roles, segment = RolesStage(), SegmentStage()
    sessions = [segment(roles(to_session(c)[0])) for c in load_annomi(args.data / "annomi" / "annomi-full.dev.csv")[: args.sessions]]
    n = sum(u.role == "therapist" for s in sessions for u in s.utterances)
    print(f"{len(sessions)} sessions, {n} therapist utterances")
    print(f"{'evidence':<10} {'seconds':>8} {'utt/s':>8}")
    for evidence in (False, True):
        stage = MarkersStage(MarkerOptions(evidence=evidence))
        started = time.perf_counter()
        stage.load()
        load = time.perf_counter() - started
        stage(sessions[0])  # warm-up
        started = time.perf_counter()
        for s in sessions:
            stage(s)
        seconds = time.perf_counter() - started
        print(f"{str(evidence):<10} {seconds:>8.2f} {n / seconds:>8.0f}   (models loaded in {load:.2f} s)")
    print(f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
