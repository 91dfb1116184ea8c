"""A long recording end to end: peak memory and real-time factor of `transcript-analyzer analyze`
on an N-minute file made by repeating a real two-speaker clip (pyannote_sample.wav, 30 s).

    python benchmarks/long_recording.py --data ../shared/data [--minutes 60] [--asr-model base]
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--minutes", type=float, default=60.0)
    parser.add_argument("--asr-model", default="base")
    args = parser.parse_args()

    import av

    from transcript_analyzer.audio.decode import SAMPLE_RATE, decode

    clip = decode(args.data / "audio" / "pyannote_sample.wav").mono
    repeats = int(np.ceil(args.minutes * 60 * SAMPLE_RATE / len(clip)))
    samples = np.tile(clip, repeats)[: int(args.minutes * 60 * SAMPLE_RATE)]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"long_{int(args.minutes)}min.flac"
        with av.open(str(path), "w") as out:
            stream = out.add_stream("flac", rate=SAMPLE_RATE, layout="mono")
            for i in range(0, len(samples), SAMPLE_RATE * 10):
                block = (samples[i:i + SAMPLE_RATE * 10] * 32767).astype(np.int16)[None, :]
                frame = av.AudioFrame.from_ndarray(block, format="s16", layout="mono")
                frame.sample_rate = SAMPLE_RATE
                for packet in stream.encode(frame):
                    out.mux(packet)
            for packet in stream.encode(None):
                out.mux(packet)
        started = time.perf_counter()
        result = subprocess.run([sys.executable, "-m", "transcript_analyzer.cli", "analyze", str(path), "--asr-model",
                                 args.asr_model, "--out", str(Path(tmp) / "out"), "-q"], capture_output=True, text=True)
        seconds = time.perf_counter() - started
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    duration = len(samples) / SAMPLE_RATE
    print(f"recording {duration / 60:.0f} min ({args.asr_model}): exit {result.returncode}, wall {seconds:.0f} s, "
          f"real-time factor {seconds / duration:.3f}, peak RSS {peak:.0f} MB")
    if result.returncode:
        print(result.stderr[-2000:])


if __name__ == "__main__":
    main()
