"""Diarization on the synthetic two-voice dialogue set (benchmarks/dialogues) and on the real
clip(s) with an RTTM: DER and JER (pyannote.metrics; collar 0.25 s each side, and none), speakers
found, collapse, words given to the right role, boundary-word error; per dialogue, per condition
tag and pooled, for one half of the set.

    python benchmarks/diarization_benchmark.py --half heldout [--diarizer current|kmeans] [--build]
        [--set DIR] [--speakers true|N|auto] [--real] [--json results.json]

Tune a diarizer on ``--half tune`` only; report it on ``--half heldout``.
"""

from __future__ import annotations

import argparse
import json
import math
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.dialogues import scoring  # noqa: E402
from benchmarks.dialogues.build import DEFAULT_OUT, build  # noqa: E402
from benchmarks.dialogues.diarizers import DIARIZERS  # noqa: E402
from benchmarks.dialogues.specs import SPECS  # noqa: E402

REAL = [("pyannote_sample", "audio/pyannote_sample.wav", "audio/pyannote_sample.rttm")]


def read_rttm(path: Path) -> scoring.Segments:
    """(start, end, speaker) of an RTTM file (pyannote.database's reader)."""
    from transcript_analyzer.audio.evaluation import read_rttm as load

    return [(s.start, s.end, s.speaker) for s in load(path)]


def run_one(name: str, wav: Path, reference: scoring.Segments, words: list[dict] | None, duration: float,
            diarize, speakers: int | None, metrics: scoring.Metrics) -> dict:
    t0 = time.perf_counter()
    try:
        hypothesis = diarize(wav, speakers)
        error = ""
    except Exception as e:  # a diarizer that refuses (e.g. "no speech") is scored as finding nothing
        hypothesis, error = [], f"{type(e).__name__}: {e}"
    seconds = time.perf_counter() - t0
    shares = scoring.speech_shares(hypothesis)
    row = {"id": name, "duration": duration, "seconds": round(seconds, 2), "error": error,
           "speakers_found": len(shares), "top_share": max(shares.values()) if shares else 0.0,
           "collapsed": scoring.collapsed(reference, hypothesis),
           **metrics.score(reference, hypothesis, duration)}
    if words is not None:
        row.update(scoring.word_scores(words, reference, hypothesis))
    return row


def _pct(x: float) -> str:
    return "    -" if x is None or (isinstance(x, float) and math.isnan(x)) else f"{100 * x:5.1f}"


def print_rows(rows: list[dict]) -> None:
    print(f"{'id':<12} {'dur':>5} {'spk':>3} {'top%':>5} {'coll':>4} {'DER.25':>6} {'DER0':>6} {'JER.25':>6} {'JER0':>6} "
          f"{'conf':>5} {'miss':>5} {'FA':>5} {'words':>5} {'bound':>5} {'start':>5} {'bkch':>5} {'sec':>5}  tags")
    for r in rows:
        print(f"{r['id']:<12} {r['duration']:5.0f} {r['speakers_found']:3d} {_pct(r['top_share'])} "
              f"{'YES' if r['collapsed'] else 'no':>4} {_pct(r['der@0.25']):>6} {_pct(r['der@0.0']):>6} "
              f"{_pct(r['jer@0.25']):>6} {_pct(r['jer@0.0']):>6} {_pct(r['conf@0.25'])} {_pct(r['miss@0.25'])} "
              f"{_pct(r['fa@0.25'])} {_pct(r.get('words_right'))} {_pct(r.get('boundary_error'))} "
              f"{_pct(r.get('turn_start_error'))} {_pct(r.get('backchannel_right'))} {r['seconds']:5.1f}  "
              f"{' '.join(r.get('tags', []))}{'  ' + r['error'] if r['error'] else ''}")


def summarise(rows: list[dict]) -> dict:
    """Median/worst DER, collapses, pooled word shares over ``rows``."""
    ders = [r["der@0.25"] for r in rows]
    scored = [r for r in rows if r.get("words")]
    words = sum(r["words"] for r in scored)
    right = sum(round(r["words_right"] * r["words"]) for r in scored)
    bwords = sum(r["boundary_words"] for r in scored)
    bwrong = sum(round(r["boundary_error"] * r["boundary_words"]) for r in scored)
    return {"n": len(rows), "der_median": statistics.median(ders), "der_worst": max(ders),
            "der_over_10": sum(d > 0.10 for d in ders),
            "der0_median": statistics.median(r["der@0.0"] for r in rows),
            "jer_median": statistics.median(r["jer@0.25"] for r in rows),
            "collapsed": sum(r["collapsed"] for r in rows),
            "words_right_pooled": right / words if words else float("nan"),
            "words_right_min": min((r["words_right"] for r in scored), default=float("nan")),
            "boundary_error_pooled": bwrong / bwords if bwords else float("nan")}


def print_conditions(rows: list[dict], title: str) -> dict:
    tags = sorted({t for r in rows for t in r.get("tags", [])})
    table = {"all": summarise(rows), **{t: summarise([r for r in rows if t in r["tags"]]) for t in tags}}
    print(f"\n{title}: per condition (DER/JER collar 0.25 s each side; words = pooled share to the right role)")
    print(f"{'condition':<22} {'n':>3} {'DER med':>7} {'DER max':>7} {'>10%':>4} {'DER0 med':>8} {'JER med':>7} {'coll':>4} "
          f"{'words':>6} {'w min':>6} {'bound':>6}")
    for tag, s in table.items():
        print(f"{tag:<22} {s['n']:3d} {_pct(s['der_median']):>7} {_pct(s['der_worst']):>7} {s['der_over_10']:4d} "
              f"{_pct(s['der0_median']):>8} {_pct(s['jer_median']):>7} {s['collapsed']:4d} {_pct(s['words_right_pooled']):>6} "
              f"{_pct(s['words_right_min']):>6} {_pct(s['boundary_error_pooled']):>6}")
    return table


def run_dialogues(args, diarize) -> dict:
    manifest_path = args.set / "manifest.json"
    wanted = [s for s in SPECS if (args.half == "all" or s.half == args.half) and (not args.only or s.id in args.only)]
    if args.build:
        build(args.set, wanted)
    if not manifest_path.is_file():
        sys.exit(f"{manifest_path}: not found; build the set first (python -m benchmarks.dialogues.build --out {args.set}) "
                 "or pass --build")
    built = {d["id"]: d for d in json.loads(manifest_path.read_text(encoding="utf-8"))["dialogues"]}
    missing = [s.id for s in wanted if s.id not in built]
    if missing:
        sys.exit(f"{args.set}: not built (or built from another version): {' '.join(missing)}; pass --build")
    results = {}
    for half in ("tune", "heldout"):
        todo = [built[s.id] for s in wanted if s.half == half]
        if not todo:
            continue
        metrics, rows = scoring.Metrics(), []
        for d in todo:
            reference = read_rttm(args.set / d["files"]["rttm"])
            words = json.loads((args.set / d["files"]["words"]).read_text(encoding="utf-8"))
            speakers = len(d["voices"]) if args.speakers == "true" else args.speakers
            row = run_one(d["id"], args.set / d["files"]["wav"], reference, words, d["duration"], diarize,
                          speakers, metrics)
            row["tags"] = d["tags"]
            rows.append(row)
            print_rows([row])
        print(f"\n== {half}: {len(rows)} dialogues, diarizer {args.diarizer} ==")
        print_rows(rows)
        table = print_conditions(rows, half)
        pooled = metrics.pooled()
        print(f"pooled over {half}: DER {_pct(pooled['der@0.25'])} % (collar 0.25), {_pct(pooled['der@0.0'])} % "
              f"(no collar); JER {_pct(pooled['jer@0.25'])} % / {_pct(pooled['jer@0.0'])} %")
        results[half] = {"rows": [{k: v for k, v in r.items() if not k.startswith("_")} for r in rows],
                         "conditions": table, "pooled": pooled}
    return results


def run_real(args, diarize) -> dict:
    metrics, rows = scoring.Metrics(), []
    for name, wav, rttm in REAL:
        if not (args.data / wav).is_file():
            print(f"{args.data / wav}: not found; real clip skipped")
            continue
        reference = read_rttm(args.data / rttm)
        speakers = None if args.speakers is None else len({s for _, _, s in reference})  # the true count
        from transcript_analyzer.audio.decode import decode

        duration = decode(args.data / wav).duration
        rows.append(run_one(name, args.data / wav, reference, None, duration, diarize, speakers, metrics))
    if rows:
        print(f"\n== real clips (true speaker count unless --speakers auto), diarizer {args.diarizer} ==")
        print_rows(rows)
    return {"rows": rows, "pooled": metrics.pooled() if rows else {}}


def report(results: dict) -> None:
    for half in ("tune", "heldout"):
        if half in results:
            print(f"\n== {half}: {len(results[half]['rows'])} dialogues, diarizer {results['diarizer']} ==")
            print_rows(results[half]["rows"])
            print_conditions(results[half]["rows"], half)
            p = results[half]["pooled"]
            print(f"pooled over {half}: DER {_pct(p['der@0.25'])} % (collar 0.25), {_pct(p['der@0.0'])} % (no collar)")
    if results.get("real", {}).get("rows"):
        print("\n== real clips ==")
        print_rows(results["real"]["rows"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", type=Path, default=DEFAULT_OUT, help="the built dialogue set")
    parser.add_argument("--half", choices=["tune", "heldout", "all", "none"], default="heldout")
    parser.add_argument("--only", nargs="*", help="dialogue ids")
    parser.add_argument("--diarizer", choices=sorted(DIARIZERS), default="current")
    parser.add_argument("--speakers", default="true",
                        help="speakers given to the diarizer: 'true' (each dialogue's own count: 2, or 3-4 in the "
                             "group sessions), a number, or 'auto' (the diarizer estimates it)")
    parser.add_argument("--real", action="store_true", help="also score the real clip(s) in --data (true speaker count)")
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--build", action="store_true", help="build the dialogues that are missing first")
    parser.add_argument("--json", type=Path, help="write every number to this file")
    parser.add_argument("--report", type=Path, help="print the tables of a saved --json result again, without running")
    args = parser.parse_args()
    if args.report:
        return report(json.loads(args.report.read_text(encoding="utf-8")))
    args.speakers = None if args.speakers == "auto" else args.speakers if args.speakers == "true" else int(args.speakers)
    diarize = DIARIZERS[args.diarizer]
    t0 = time.perf_counter()
    results = {"diarizer": args.diarizer, "speakers": args.speakers}
    if args.half != "none":
        results.update(run_dialogues(args, diarize))
    if args.real:
        results["real"] = run_real(args, diarize)
    results["seconds"] = round(time.perf_counter() - t0, 1)
    print(f"\n{results['seconds']} s")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1, default=float), encoding="utf-8")


if __name__ == "__main__":
    main()
