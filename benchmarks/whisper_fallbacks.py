"""Why a Whisper model costs more CPU than its size suggests on some clips: per file and model, the
30 s windows faster-whisper decoded, how many of them failed a quality check (compression ratio
above 2.4 or mean log-probability below -1.0) and were decoded again at a higher temperature
(0.2, 0.4, ... up to 1.0: each retry costs a whole window's decoding again, and from 0.2 on it
samples with best_of=5 instead of a beam of 5), and the CPU seconds of decoding.

    python benchmarks/whisper_fallbacks.py FILE [FILE ...] [--models tiny.en base]

The decoding options are the pipeline's (audio/transcribe.py's DECODING). Measurement only: faster-whisper's
``generate_with_fallback`` is wrapped to record the temperature each window was accepted at.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--models", nargs="+", default=["tiny.en", "base"])
    args = parser.parse_args()

    from faster_whisper import WhisperModel, transcribe as fw

    from transcript_analyzer.audio.decode import decode
    from transcript_analyzer.audio.transcribe import DECODING
    from transcript_analyzer.resources import whisper_model

    accepted: list[float] = []
    original = fw.WhisperModel.generate_with_fallback

    def recording(self, *a, **k):
        result = original(self, *a, **k)
        accepted.append(float(result[2]))  # (result, avg_logprob, temperature, compression_ratio)
        return result

    fw.WhisperModel.generate_with_fallback = recording
    print(f"{'file':<26} {'model':<8} {'windows':>7} {'retried':>7} {'temps':<24} {'cpu s':>6} {'words':>6}")
    for model_name in args.models:
        model = WhisperModel(str(whisper_model(model_name)), device="cpu", compute_type="int8", cpu_threads=2,
                             local_files_only=True)
        for path in args.files:
            samples = decode(path).mono
            accepted.clear()
            t0 = time.process_time()
            segments, _ = model.transcribe(samples, language="en" if model_name.endswith(".en") else None, **DECODING)
            words = sum(len(s.words or ()) for s in segments)
            cpu = time.process_time() - t0
            retried = [t for t in accepted if t > 0]
            print(f"{path.name:<26} {model_name:<8} {len(accepted):7d} {len(retried):7d} "
                  f"{','.join(f'{t:.1f}' for t in retried)[:24]:<24} {cpu:6.1f} {words:6d}", flush=True)


if __name__ == "__main__":
    main()
