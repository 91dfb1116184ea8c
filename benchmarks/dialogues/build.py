"""Build the synthetic two-voice dialogue set into a cache folder (resumable: a dialogue whose
files exist with the same spec hash is skipped).

    python -m benchmarks.dialogues.build [--out DIR] [--only t01 h03 ...] [--half tune|heldout|all]

Per dialogue: <id>.wav (16 kHz mono, 16-bit), <id>.rttm (speech-level reference), <id>.words.json
(reference words with speaker, role, turn and times), <id>.json (spec, hash, tags, roles, durations);
and manifest.json listing every built dialogue with its half and condition tags.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import time
import wave
from pathlib import Path

import numpy as np

from . import effects
from .render import layout
from .specs import SPECS, Spec, check_split
from .voices import ALL_VOICES, SAMPLE_RATE

log = logging.getLogger(__name__)
HERE = Path(__file__).resolve().parent
DEFAULT_OUT = Path.home() / ".cache" / "transcript-analyzer" / "dialogues"


def spec_hash(spec: Spec) -> str:
    """The spec, its voices and the generator's own source: any change renders the dialogue again."""
    h = hashlib.sha256(json.dumps(spec.as_dict(), sort_keys=True).encode())
    for v in spec.voices():
        h.update(json.dumps(ALL_VOICES[v].spec(), sort_keys=True).encode())
    for name in ("script.py", "render.py", "effects.py", "voices.py"):
        h.update((HERE / name).read_bytes())
    return h.hexdigest()[:16]


def synthesize(spec: Spec) -> tuple[np.ndarray, list[tuple[float, float, str]], list[dict], float]:
    """The dialogue's audio (float32, 16 kHz), reference segments, reference words, duration."""
    voices = {"therapist": ALL_VOICES[spec.therapist], "client": ALL_VOICES[spec.client]}
    others = [ALL_VOICES[v] for v in spec.others]
    d = layout(voices, spec.seed, spec.minutes, others=others)
    rng = np.random.default_rng(spec.seed + 7)
    mix = np.zeros(int(round(d.duration * SAMPLE_RATE)) + 1, dtype=np.float32)
    for role, voice in [*voices.items(), *(("client", v) for v in others)]:
        track = d.track(voice.id) * np.float32(10 ** ((spec.client_gain if role == "client" else 0.0) / 20))
        if spec.reverb:
            track = effects.reverb(track, spec.reverb, rng)
        mix += track
    segments, words = d.segments(), d.words()
    if spec.noise:
        speech = np.zeros(len(mix), dtype=bool)
        for a, b, _ in segments:
            speech[int(a * SAMPLE_RATE):int(b * SAMPLE_RATE)] = True
        mix = effects.add_noise(mix, speech, spec.noise, spec.snr, rng)
    if spec.phone:
        mix = effects.telephone(mix)
    peak = float(np.max(np.abs(mix)))
    if peak > 0.89:
        mix *= np.float32(0.89 / peak)
    if spec.lead or spec.trail:
        mix = effects.pad(mix, spec.lead, spec.trail)
        segments = [(round(a + spec.lead, 3), round(b + spec.lead, 3), s) for a, b, s in segments]
        words = [{**w, "start": round(w["start"] + spec.lead, 3), "end": round(w["end"] + spec.lead, 3)} for w in words]
    if spec.mp3:
        mix = effects.mp3(mix, spec.mp3)
    return mix, segments, words, len(mix) / SAMPLE_RATE


def write_wav(path: Path, x: np.ndarray) -> None:
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(SAMPLE_RATE)
        w.writeframes((np.clip(x, -1, 1) * 32767).astype("<i2").tobytes())


def write_rttm(path: Path, file_id: str, segments: list[tuple[float, float, str]]) -> None:
    path.write_text("".join(f"SPEAKER {file_id} 1 {a:.3f} {b - a:.3f} <NA> <NA> {s} <NA> <NA>\n"
                            for a, b, s in segments), encoding="utf-8")


def build_one(spec: Spec, out: Path, force: bool = False) -> dict:
    """Render ``spec`` into ``out`` unless it is there with the same hash; returns its metadata."""
    digest = spec_hash(spec)
    meta_path = out / f"{spec.id}.json"
    if not force and meta_path.is_file():
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        if meta.get("hash") == digest and all((out / f).is_file() for f in meta["files"].values()):
            return {**meta, "skipped": True}
    t0 = time.perf_counter()
    mix, segments, words, duration = synthesize(spec)
    files = {"wav": f"{spec.id}.wav", "rttm": f"{spec.id}.rttm", "words": f"{spec.id}.words.json"}
    write_wav(out / files["wav"], mix)
    write_rttm(out / files["rttm"], spec.id, segments)
    (out / files["words"]).write_text(json.dumps(words, indent=0), encoding="utf-8")
    speech = {s: round(sum(b - a for a, b, x in segments if x == s), 2) for s in spec.voices()}
    meta = {"id": spec.id, "half": spec.half, "base": spec.base or spec.id, "hash": digest, "tags": spec.tags(),
            "spec": spec.as_dict(), "roles": {"therapist": spec.therapist, "client": spec.client},
            "voices": {v: ALL_VOICES[v].spec() for v in spec.voices()},
            "duration": round(duration, 2), "speech_seconds": speech, "segments": len(segments), "words": len(words),
            "overlap_seconds": round(_overlap(segments), 2), "files": files,
            "render_seconds": round(time.perf_counter() - t0, 2)}
    meta_path.write_text(json.dumps(meta, indent=1), encoding="utf-8")
    return {**meta, "skipped": False}


def _overlap(segments: list[tuple[float, float, str]]) -> float:
    total = 0.0
    for i, (a, b, s) in enumerate(segments):
        for c, d, t in segments[i + 1:]:
            if c >= b:
                break
            if t != s:
                total += max(0.0, min(b, d) - max(a, c))
    return total


def build(out: Path, specs=SPECS, force: bool = False) -> list[dict]:
    check_split(specs)
    out.mkdir(parents=True, exist_ok=True)
    metas = []
    for spec in specs:
        meta = build_one(spec, out, force)
        log.info("%s %s %.0f s (%s)", spec.id, "cached" if meta["skipped"] else f"built in {meta['render_seconds']} s",
                 meta["duration"], ", ".join(meta["tags"]))
        metas.append(meta)
    write_manifest(out)
    return metas


def write_manifest(out: Path) -> Path:
    """manifest.json: every dialogue of SPECS that is built in ``out`` (current hash), in SPECS order."""
    entries = []
    for spec in SPECS:
        meta_path = out / f"{spec.id}.json"
        if meta_path.is_file():
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            if meta.get("hash") == spec_hash(spec):
                entries.append(meta)
    manifest = {"split": "by dialogue and by voice: the tune and heldout halves use disjoint voice inventories",
                "sample_rate": SAMPLE_RATE, "dialogues": entries}
    path = out / "manifest.json"
    path.write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--half", choices=["tune", "heldout", "all"], default="all")
    parser.add_argument("--only", nargs="*", help="dialogue ids (default: every one in the half)")
    parser.add_argument("--force", action="store_true", help="render again even when cached")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    specs = [s for s in SPECS if (args.half == "all" or s.half == args.half) and (not args.only or s.id in args.only)]
    t0 = time.perf_counter()
    metas = build(args.out, specs, args.force)
    built = [m for m in metas if not m["skipped"]]
    audio = sum(m["duration"] for m in metas)
    print(f"{len(metas)} dialogues ({audio / 60:.1f} min of audio) in {args.out}: {len(built)} rendered, "
          f"{len(metas) - len(built)} cached; {time.perf_counter() - t0:.1f} s")


if __name__ == "__main__":
    main()
