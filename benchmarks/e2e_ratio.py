"""The whole pipeline against a bare faster-whisper run, as whole processes with the same settings,
alternating A/B so that a busy machine slows both sides alike.

    python benchmarks/e2e_ratio.py FILE [FILE ...] [--model base] [--rounds 3] [--json out.json]
        [--temperature default|0] [--no-evidence]

A = ``transcript-analyzer analyze FILE --out TMP --asr-model MODEL -q`` (decode, Whisper, diarization,
roles, utterances, markers with evidence unless --no-evidence, metrics, every output file written).
B = a fresh Python process that imports faster-whisper, loads the same model folder with the same
settings (CPU, int8, 2 threads) and transcribes the same file with the pipeline's own decoding
options (audio/transcribe.py's DECODING, passed to it as JSON), consuming every segment. Both sides
start from a cold process and pay their imports and model load. Per round: A then B, then B then A on the next round.

Reported per file: median wall seconds of each side, ratio of medians (A / B), median CPU seconds
(user + system of the child) and their ratio, and each side's peak RSS (ru_maxrss of the child).
``--temperature 0`` runs B without faster-whisper's temperature fallback (a diagnostic for why a
model decodes slowly on a clip: each failed compression-ratio or log-probability check re-decodes the
window at a higher temperature).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BARE = r"""
import json, sys
from faster_whisper import WhisperModel
path, model_dir, language, temperature = sys.argv[1], sys.argv[2], sys.argv[3] or None, sys.argv[4]
model = WhisperModel(model_dir, device="cpu", compute_type="int8", cpu_threads=2, local_files_only=True)
options = dict(language=language, **json.loads(sys.argv[5]))
if temperature == "0":
    options["temperature"] = 0.0
segments, info = model.transcribe(path, **options)
n = sum(len(s.words or ()) for s in segments)
print(n)
"""


def run(argv: list[str]) -> dict:
    """Wall time, CPU time and peak RSS of one child process."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=out, stderr=err, env={**os.environ, "PYTHONHASHSEED": "0"})
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if proc.returncode != 0:
            raise SystemExit(f"{' '.join(argv[:3])} failed:\n{err.read().decode()[-2000:]}")
        text = out.read().decode().strip()
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss_mb": usage.ru_maxrss / 1024, "stdout": text}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--model", default="base")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--temperature", choices=["default", "0"], default="default")
    parser.add_argument("--no-evidence", action="store_true")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()

    from transcript_analyzer.audio.transcribe import DECODING
    from transcript_analyzer.resources import whisper_model

    model_dir = str(whisper_model(args.model))
    language = "en" if args.model.endswith(".en") else ""
    cli = [str(Path(sys.executable).parent / "transcript-analyzer")]
    results = []
    print(f"{'file':<28} {'A wall':>7} {'B wall':>7} {'ratio':>6} {'A cpu':>7} {'B cpu':>7} {'ratio':>6} {'A MB':>6} {'B MB':>6}")
    for path in args.files:
        sides: dict[str, list[dict]] = {"A": [], "B": []}
        for r in range(args.rounds):
            order = "AB" if r % 2 == 0 else "BA"
            for side in order:
                if side == "A":
                    with tempfile.TemporaryDirectory() as tmp:
                        argv = cli + ["analyze", str(path), "--out", str(Path(tmp) / "out"), "--asr-model", args.model, "-q"]
                        sides["A"].append(run(argv + (["--no-evidence"] if args.no_evidence else [])))
                else:
                    sides["B"].append(run([sys.executable, "-c", BARE, str(path), model_dir, language, args.temperature,
                                          json.dumps(DECODING)]))
        med = {s: {k: statistics.median(x[k] for x in v) for k in ("wall", "cpu", "rss_mb")} for s, v in sides.items()}
        row = {"file": path.name, "model": args.model, "rounds": args.rounds, "temperature": args.temperature,
               "A": med["A"], "B": med["B"], "wall_ratio": med["A"]["wall"] / med["B"]["wall"],
               "cpu_ratio": med["A"]["cpu"] / med["B"]["cpu"], "runs": sides}
        results.append(row)
        print(f"{path.name:<28} {med['A']['wall']:7.1f} {med['B']['wall']:7.1f} {row['wall_ratio']:6.2f} "
              f"{med['A']['cpu']:7.1f} {med['B']['cpu']:7.1f} {row['cpu_ratio']:6.2f} "
              f"{med['A']['rss_mb']:6.0f} {med['B']['rss_mb']:6.0f}", flush=True)
    if args.json:
        meta = {"date": time.strftime("%Y-%m-%d"), "machine": f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores",
                "python": platform.python_version()}
        args.json.write_text(json.dumps({"meta": meta, "results": results}, indent=1, default=float), encoding="utf-8")


if __name__ == "__main__":
    main()
