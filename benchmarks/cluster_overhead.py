"""What the private batch cluster costs: start, a round of small tasks, and stop, for the embedded
cluster of `batch` (TLS with temporary credentials, no HTTP servers) against the plain
LocalCluster it replaced (tcp://, HTTP servers on). Runs alternate, the median is printed.

    python benchmarks/cluster_overhead.py [--workers 2] [--tasks 200] [--rounds 5]
"""

from __future__ import annotations

import argparse
import logging
import statistics
import time


def plain(workers: int):
    from distributed import Client, LocalCluster

    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                           host="127.0.0.1", silence_logs=logging.ERROR)
    return Client(cluster), cluster


def private(workers: int):
    from transcript_analyzer.batch.cluster import connect

    client, cluster, _ = connect(None, workers)
    return client, cluster


def measure(start, workers: int, tasks: int) -> tuple[float, float, float]:
    t0 = time.perf_counter()
    client, cluster = start(workers)
    t1 = time.perf_counter()
    # one task per session in a batch: a small argument and result each way
    futures = [client.submit(len, "x" * 2000, key=f"t-{i}", pure=False) for i in range(tasks)]
    assert sum(f.result() for f in futures) == 2000 * tasks
    t2 = time.perf_counter()
    client.close()
    cluster.close()
    return t1 - t0, t2 - t1, time.perf_counter() - t2


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--tasks", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    logging.getLogger("distributed").setLevel(logging.ERROR)
    times: dict[str, list[tuple[float, float, float]]] = {"plain tcp:// (before)": [], "private tls:// (now)": []}
    for _ in range(args.rounds):
        times["plain tcp:// (before)"].append(measure(plain, args.workers, args.tasks))
        times["private tls:// (now)"].append(measure(private, args.workers, args.tasks))
    print(f"{args.workers} workers, {args.tasks} tasks, median of {args.rounds} alternating rounds")
    print(f"| cluster | start s | {args.tasks} tasks s | ms per task | stop s |")
    print("|---|---|---|---|---|")
    for label, rows in times.items():
        start, run, stop = (statistics.median(column) for column in zip(*rows))
        print(f"| {label} | {start:.2f} | {run:.2f} | {run / args.tasks * 1000:.1f} | {stop:.2f} |")


if __name__ == "__main__":
    main()
