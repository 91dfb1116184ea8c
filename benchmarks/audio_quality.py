"""The recording quality gates (audio/quality.py) measured on the bundled clips and the synthetic
two-voice dialogues of benchmarks/dialogues: level, clipping, SNR, energy above 4 kHz, speaker
balance (diarized and true), centroid separation, the 2-means second opinion, and the verdict.
Where the thresholds in audio/quality.py come from.

    python benchmarks/audio_quality.py [--dialogues ~/.cache/transcript-analyzer/dialogues] [--only t01 h07]
        [--variants ID ...]   # also: one voice alone (one speaker's speech cut from the dialogue), clipped,
                              # quiet
        [--noisy ID ...]      # also: white noise added at 0 dB SNR
        [--cache DIR]         # keep the diarizations: rerunning after a threshold change takes seconds

The dialogues are built by ``python -m benchmarks.dialogues.build`` (see benchmarks/dialogues/README.md).
"""

from __future__ import annotations

import argparse
import json
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
CACHE = Path.home() / ".cache" / "transcript-analyzer" / "dialogues"


def true_shares(rttm: Path) -> float | None:
    """The larger speaker's share of speech in an RTTM reference."""
    if not rttm.is_file():
        return None
    from transcript_analyzer.audio.evaluation import read_rttm

    seconds: dict[str, float] = {}
    for s in read_rttm(rttm):
        seconds[s.speaker] = seconds.get(s.speaker, 0.0) + s.end - s.start
    return max(seconds.values()) / sum(seconds.values()) if seconds else None


def one_voice(audio, rttm: Path):
    """The first speaker's speech of a dialogue cut out and joined: a one-voice recording."""
    from transcript_analyzer.audio.decode import SAMPLE_RATE, Audio
    from transcript_analyzer.audio.evaluation import read_rttm

    segments = read_rttm(rttm)
    first = segments[0].speaker
    pieces = [audio.mono[int(s.start * SAMPLE_RATE):int(s.end * SAMPLE_RATE)] for s in segments if s.speaker == first]
    gap = np.zeros(SAMPLE_RATE // 2, dtype=np.float32)
    joined = np.concatenate([x for p in pieces for x in (p, gap)])
    return Audio(joined[None, :], f"{audio.source}#one-voice")


def noise_to(audio, snr: float):
    """The recording with white noise added at ``snr`` dB below its speech power (speech: frames
    within 20 dB of the loudest 5 %)."""
    from transcript_analyzer.audio.decode import Audio

    x = audio.mono.astype(np.float64)
    power = np.mean(x[: len(x) // 512 * 512].reshape(-1, 512) ** 2, axis=1)
    speech = power[power > np.percentile(power, 95) / 100].mean()
    noise = np.random.default_rng(0).normal(scale=np.sqrt(speech / 10 ** (snr / 10)), size=len(x))
    return Audio((x + noise).astype(np.float32)[None, :], f"{audio.source}#noise{snr:g}")


MARKDOWN = False  # --markdown: rows for docs/recording_quality.md


def row(name: str, condition: str, audio, diarization, expected: int | None, true_top: float | None,
        seconds: float = 0.0) -> str:
    from transcript_analyzer.audio.quality import assess

    t = time.perf_counter()
    q = assess(audio, diarization, expected)
    top = q.speaker_shares[0].share if q.speaker_shares else None
    fmt = lambda v, f: "-" if v is None else format(v, f)  # noqa: E731
    reasons = "; ".join(r.measure for r in q.reasons)
    if MARKDOWN:
        return (f"| {name} | {condition} | {fmt(q.level_dbfs, '.1f')} | {q.clipped_share:.2%} | {fmt(q.snr_db, '.1f')} | "
                f"{fmt(q.high_band_db, '.1f')} | {fmt(top, '.2f')} ({fmt(true_top, '.2f')}) | {fmt(q.separation, '.2f')} | "
                f"{fmt(q.split_separation, '.3f')} / {fmt(q.split_share, '.2f')} | {q.verdict}"
                f"{f' ({reasons})' if reasons else ''} |")
    return (f"{name:<14} {condition:<22} {fmt(q.level_dbfs, '6.1f')} {q.clipped_share:7.4f} {fmt(q.snr_db, '5.1f')} "
            f"{fmt(q.high_band_db, '6.1f')} {q.speakers_found:>2} {fmt(top, '5.2f')} {fmt(true_top, '5.2f')} "
            f"{fmt(q.separation, '5.3f')} {fmt(q.split_separation, '5.3f')} {fmt(q.split_share, '5.2f')} "
            f"{q.verdict:<10} {seconds + time.perf_counter() - t:5.1f}  {reasons}")


def clips(args) -> list[tuple[str, str, Path, Path | None]]:
    audio_dir = args.data / "audio"
    out = [("pyannote", "real, 2 voices", audio_dir / "pyannote_sample.wav", audio_dir / "pyannote_sample.rttm"),
           ("stereo", "real, 1 voice/channel", audio_dir / "stereo_diarization.wav", None),
           ("jfk", "real, 1 voice", audio_dir / "jfk.flac", None)]
    manifest = args.dialogues / "manifest.json"
    if manifest.is_file():
        for d in json.loads(manifest.read_text())["dialogues"]:
            if args.only and d["id"] not in args.only:
                continue
            spec = d.get("spec", {})
            tags = [t for t in d.get("tags", []) if not t.startswith(("engines", "snr_", "short", "long"))]
            tags = [f"{t} {spec.get('snr', 0):g}dB" if t.startswith("noise_") else t for t in tags]
            out.append((d["id"], ",".join(tags)[:22], args.dialogues / f"{d['id']}.wav", args.dialogues / f"{d['id']}.rttm"))
    return out


def diarize(diarizer, audio, cache: Path | None, name: str):
    """(diarization, seconds it took), from the cache when it holds it."""
    import pickle

    file = cache / f"{name}.pkl" if cache else None
    if file and file.is_file():
        return pickle.loads(file.read_bytes()), 0.0
    t = time.perf_counter()
    result = diarizer(audio)
    seconds = time.perf_counter() - t
    if file:
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_bytes(pickle.dumps(result))
    return result, seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--dialogues", type=Path, default=CACHE)
    parser.add_argument("--only", nargs="*")
    parser.add_argument("--markdown", action="store_true", help="print Markdown table rows")
    parser.add_argument("--cache", type=Path, help="keep each diarization here (pickle) and reuse it: rerun the gates "
                        "after a threshold change in seconds")
    parser.add_argument("--variants", nargs="*", help="dialogue ids (none: all) to also measure as variants")
    parser.add_argument("--noisy", nargs="*", help="clip ids (none: all) to also measure with white noise at 0 dB")
    args = parser.parse_args()

    from transcript_analyzer.audio.decode import Audio, decode
    from transcript_analyzer.audio.diarize import DiarizeOptions, Diarizer

    global MARKDOWN
    MARKDOWN = args.markdown
    diarizer = Diarizer(DiarizeOptions(speakers=2)).load()
    if not MARKDOWN:
        print(f"{'clip':<14} {'condition':<22} {'dBFS':>6} {'clipped':>7} {'SNR':>5} {'>4kHz':>6} {'n':>2} {'top':>5} "
              f"{'true':>5} {'sep':>5} {'2m sep':>5} {'2m min':>5} {'verdict':<10} {'sec':>5}  reasons")
    for name, condition, path, rttm in clips(args):
        if not path.is_file():
            continue
        audio = decode(path)
        diarization, seconds = diarize(diarizer, audio, args.cache, name)
        print(row(name, condition, audio, diarization, 2, true_shares(rttm) if rttm else None, seconds), flush=True)
        if args.variants is not None and rttm is not None and (not args.variants or name in args.variants):
            alone = one_voice(audio, rttm)
            diarization_alone, seconds = diarize(diarizer, alone, args.cache, f"{name}-alone")
            print(row(name, "one voice alone", alone, diarization_alone, 2, 1.0, seconds), flush=True)
            # Level and clipping change only the signal measures (the voice encoder normalises the level):
            # the same diarization serves.
            loud = np.clip(audio.channels * (4.0 / max(float(np.abs(audio.channels).max()), 1e-6)), -1.0, 1.0)
            print(row(name, "clipped (+12 dB)", replace(audio, channels=loud.astype(np.float32)), diarization, 2, None),
                  flush=True)
            print(row(name, "quiet (-40 dB)", Audio(audio.channels * np.float32(0.01), audio.source), diarization, 2,
                      None), flush=True)
        if args.noisy is not None and (not args.noisy or name in args.noisy):
            noisy = noise_to(audio, 0.0)
            diarization_noisy, seconds = diarize(diarizer, noisy, args.cache, f"{name}-noise0")
            print(row(name, "+ white noise, 0 dB", noisy, diarization_noisy, 2, true_shares(rttm) if rttm else None,
                      seconds), flush=True)


if __name__ == "__main__":
    main()
