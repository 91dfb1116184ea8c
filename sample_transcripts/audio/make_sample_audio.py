#!/usr/bin/env python3
"""Synthesize the bundled sample recording: a two-voice, fully synthetic therapy session.

Reads ``session_script.txt`` (beside this file) and writes, into the same folder:

* ``sample_session.ogg``            mono, 16 kHz, Ogg Vorbis (small; PyAV and soundfile decode it)
* ``sample_session.reference.txt``  reference transcript in the project's txt format,
                                    ``[HH:MM:SS] Therapist: ...`` / ``[HH:MM:SS] Client: ...``,
                                    one turn per line, time = the turn's start in the audio (floored)
* ``sample_session.rttm``           reference diarization, one ``SPEAKER`` line per turn (3 decimals)
* ``sample_session.words.json``     every spoken word with speaker, start and end (seconds)

It is a developer tool, not part of the package: its requirements are NOT project dependencies.
Install them into a separate virtual environment (nothing here needs torch):

    python3 -m venv /tmp/ttsvenv
    /tmp/ttsvenv/bin/pip install 'hibari-tts[fast]==0.2.1' onnxruntime==1.31.1 onnx==1.23.2 \\
        numpy==2.4.6 scipy==1.17.1 soundfile==0.14.0
    /tmp/ttsvenv/bin/python sample_transcripts/audio/make_sample_audio.py

Everything runs offline, on one CPU thread, in about ten seconds.

How it works
------------
* Text to speech: hibari-tts 0.2.1 with its one bundled voice, "heart" (American English, female;
  distilled from Kokoro-82M's af_heart). hibari's other voices are downloaded on first use and fail
  offline, so they are not used.
* Therapist = "heart" as shipped, at hibari speed 0.80; client at speed 0.85. At 1.0 hibari talks at
  about 200 words a minute, faster than a typical session; its durations are whole 25 ms steps, so
  the speed knob acts in jumps. With 0.80 / 0.85 this script's 442 words take about 142 s of turns
  (pauses inside turns included), about 185 words a minute.
* Client = a second, clearly different voice derived from "heart" with numpy DSP on the acoustic
  model's outputs, before hibari's own vocoder (``hibari.dsp.synth``) turns them into a waveform:
  the F0 curve is multiplied by 0.60 (about 195 Hz -> 117 Hz median, a low, male-range voice) and the
  five spectral parts are warped along the frequency axis by 0.85 (all formants 15 % lower, as from
  a longer vocal tract). Shifting pitch and formants separately avoids the "slowed tape" sound of
  plain resampling and keeps the speaking rate.
* Word timings: hibari's API returns audio only, so this script adds the model's internal
  per-phoneme durations (the rounded, clipped duration tensor, ``/Clip_output_0``, one unit =
  2 frames = 25 ms) as an extra output of the ONNX graph in memory. Phoneme words (separated by
  spaces in hibari's phoneme string) are matched one to one with the words of the sentence (the
  script checks the counts agree). The model's alignment runs a few tens of ms behind the audible
  onset (about 45 ms inside a sentence, measured after comma pauses; about 95 ms at a sentence
  start), so word times are shifted by WORD_SHIFT_S = -0.045 s and the first word of each sentence
  starts at the sentence's audible onset. The model also gives part of a following pause to the
  phrase-final phoneme, so a word followed by punctuation (or ending the turn) ends at its last
  audible 10 ms frame before the next word. Words are then clamped into their turn's segment.
  Expect word boundaries good to roughly +-0.05-0.1 s; turn boundaries are exact.
* Turn (segment) boundaries: the first and last 10 ms frame of the turn's synthesized audio that is
  within 45 dB of that turn's peak, before mixing. The audio is placed so that these boundaries land
  exactly on the times written to the RTTM / reference.
* Timeline: 0.5 s of leading and trailing silence; between turns a seeded random gap of
  0.25-0.8 s (measured between segment boundaries), or the length given by a ``[pause N]`` line;
  no overlap. Inside a turn, sentences are joined with a seeded 0.3-0.5 s pause (hibari alone
  would leave 0.6-1 s); the RTTM keeps one segment per turn, pauses included.
* Loudness: one gain per voice so that both voices' active speech has an RMS of -23 dBFS; then a
  very low seeded white noise floor, 40 dB below the speech RMS (SNR 40 dB).
* Reproducibility: the gaps, hibari's noise component (one generator per turn) and the background
  noise all come from ``--seed`` (default 20261122). libsndfile picks the Ogg stream serial number
  at random, so the script rewrites it to a fixed value: reruns with the same package versions give
  byte-identical files (checked on this machine).

The audio is synthetic speech: ASR and diarization results on it overstate what real recordings
(room noise, overlap, real backchannels, similar voices) will give.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import sys
from pathlib import Path

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")          # be gentle on a shared 2-core machine

import numpy as np

HERE = Path(__file__).resolve().parent
DEFAULT_SEED = 20261122
TTS_SR = 24000                 # hibari's output rate
OUT_SR = 16000                 # the recording's rate
LEAD_S = TAIL_S = 0.5          # silence before the first and after the last turn
GAP_RANGE_S = (0.25, 0.8)      # random gap between turns (segment end -> next segment start)
SENT_GAP_RANGE_S = (0.3, 0.5)  # random pause between two sentences of one turn
ACTIVE_DB = -45.0              # a 10 ms frame is speech if within this many dB of the turn's peak
CLIP_MARGIN_S = 0.05           # quiet audio kept on each side of a turn's active region
TARGET_DBFS = -23.0            # RMS of active speech for both voices
SNR_DB = 40.0                  # background noise level below the speech RMS
DURATION_TENSOR = "/Clip_output_0"    # hibari 0.2.1 ONNX graph: per-phoneme durations (units of 2 frames)
DUR_UNIT = 600                 # samples per duration unit at 24 kHz (2 frames x hop 300)
WORD_SHIFT_S = -0.045          # the audio leads the model's duration alignment by about this much
                               # (measured at word onsets after comma pauses; about -0.095 s at
                               # sentence starts, where the audible onset is used instead)
PUNCT = set(';:,.!?—…"“”()')

VOICES = {
    "T": {"role": "therapist", "label": "Therapist", "speed": 0.80, "f0_scale": 1.00, "formant_scale": 1.00,
          "description": "hibari 'heart' voice as shipped (American English, female)"},
    "C": {"role": "client", "label": "Client", "speed": 0.85, "f0_scale": 0.60, "formant_scale": 0.85,
          "description": "derived from 'heart': F0 x 0.60, formants x 0.85 (low, male-range voice)"},
}


# ---------------------------------------------------------------------------------------- script
def parse_script(path: Path) -> list[dict]:
    """Turns from the script file: [{"spk": "T"|"C", "text": str, "pause": float|None}, ...]."""
    turns: list[dict] = []
    for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        m = re.fullmatch(r"\[pause\s+([0-9]*\.?[0-9]+)\]", line)
        if m:
            if not turns or turns[-1]["pause"] is not None:
                sys.exit(f"{path}:{n}: a [pause] must follow a turn")
            turns[-1]["pause"] = float(m.group(1))
            continue
        m = re.fullmatch(r"([TC]):\s*(.+)", line)
        if not m:
            sys.exit(f"{path}:{n}: expected 'T: text', 'C: text' or '[pause N]', got {line!r}")
        turns.append({"spk": m.group(1), "text": m.group(2).strip(), "pause": None})
    if not turns:
        sys.exit(f"{path}: no turns")
    return turns


# ------------------------------------------------------------------------------------------- TTS
class Synth:
    """hibari's bundled voice with the duration tensor exposed, plus the voice transform."""

    def __init__(self):
        import onnx
        import onnxruntime as ort
        import hibari
        from hibari import Hibari, dsp

        self.dsp = dsp
        self.tts = Hibari(threads=1)                 # G2P, vocab and the bundled model path
        model = onnx.load(self.tts.model_path)
        if not any(DURATION_TENSOR in node.output for node in model.graph.node):
            sys.exit(f"hibari {getattr(hibari, '__version__', '?')}: no {DURATION_TENSOR} in the model; "
                     "this script expects hibari-tts==0.2.1")
        model.graph.output.append(onnx.helper.make_tensor_value_info(DURATION_TENSOR, onnx.TensorProto.FLOAT, None))
        so = ort.SessionOptions()
        so.intra_op_num_threads = so.inter_op_num_threads = 1
        so.log_severity_level = 3
        self.sess = ort.InferenceSession(model.SerializeToString(), so, providers=["CPUExecutionProvider"])

    @staticmethod
    def _harmonic_envelope(x: np.ndarray, f0: np.ndarray) -> np.ndarray:
        """Smooth a harmonic-branch part [bins, frames] into an envelope through the original harmonics.

        The model was trained with harmonics only at multiples of the voice's own F0, so its values
        between (and below) them are unconstrained; a lowered F0 would sample them and produce loud
        low-frequency bursts. Per voiced frame: read x at h * f0 (h = 1, 2, ...) and interpolate
        linearly between those points (flat below the first harmonic and above the last)."""
        bins, hz_per_bin = np.arange(x.shape[0], dtype=np.float64), TTS_SR / 1200
        out = x.copy()
        for j in np.flatnonzero(f0 > 40.0):
            pos = np.arange(f0[j], (x.shape[0] - 1) * hz_per_bin, f0[j]) / hz_per_bin
            out[:, j] = np.interp(bins, pos, np.interp(pos, bins, x[:, j]))
        return out

    @staticmethod
    def _warp(x: np.ndarray, alpha: float) -> np.ndarray:
        """Warp [bins, frames] along frequency: out(f) = in(f / alpha) (alpha < 1 lowers formants)."""
        if alpha == 1.0:
            return x
        n = x.shape[0]
        src = np.arange(n, dtype=np.float64) / alpha
        i0 = np.clip(np.floor(src).astype(np.int64), 0, n - 1)
        i1 = np.clip(i0 + 1, 0, n - 1)
        w = (src - np.floor(src)).astype(np.float32)[:, None]
        return (x[i0] * (1.0 - w) + x[i1] * w).astype(np.float32)

    def sentence(self, text: str, voice: dict, rng) -> tuple[np.ndarray, list[tuple[str, int, int]]]:
        """One sentence -> (24 kHz audio, [(word, start_sample, end_sample)]) from the model's durations."""
        vocab = self.tts.vocab
        ps = "".join(c for c in self.tts.g2p(text) if c in vocab)
        if len(ps) > 400:
            sys.exit(f"sentence too long for one pass ({len(ps)} phonemes): {text!r}")
        ids = [0, *[vocab[c] for c in ps], 0]
        out = self.sess.run(None, {"ids": np.asarray([ids], np.int64),
                                   "speed": np.asarray([voice["speed"]], np.float32)})
        lh, th, ln, lr, phi, f0 = (o[0] for o in out[:6])
        dur = np.rint(out[6]).astype(np.int64) * DUR_UNIT              # samples per id (incl. the pads)
        if dur.sum() != lh.shape[1] * 300:
            sys.exit("duration tensor does not match the number of frames; unexpected model")
        if voice["f0_scale"] != 1.0 or voice["formant_scale"] != 1.0:
            lh, th = self._harmonic_envelope(lh, f0), self._harmonic_envelope(th, f0)
            a = voice["formant_scale"]
            lh, th, ln, lr, phi = (self._warp(p, a) for p in (lh, th, ln, lr, phi))
        audio = self.dsp.synth(lh, th, ln, lr, phi, f0 * np.float32(voice["f0_scale"]), rng)

        edges = np.concatenate([[0], np.cumsum(dur)])                   # id k spans edges[k]..edges[k+1]
        spans, pos = [], 0                                              # phoneme words: char spans in ps
        for chunk in ps.split(" "):
            core = [i for i, c in enumerate(chunk) if c not in PUNCT]
            if core:
                spans.append((pos + core[0], pos + core[-1]))
            pos += len(chunk) + 1
        words = [w for w in text.split() if any(ch.isalnum() for ch in w)]
        if len(words) != len(spans):
            sys.exit(f"cannot align words to phonemes ({len(words)} words, {len(spans)} phoneme words) in "
                     f"{text!r} -> {ps!r}; rephrase the sentence (numbers as words, no hyphens)")
        # character i of ps is id i + 1
        timed = [(w, int(edges[s + 1]), int(edges[e + 2])) for w, (s, e) in zip(words, spans)]
        return audio.astype(np.float32), timed

    def turn(self, text: str, voice: dict, rng) -> tuple[np.ndarray, list[tuple[str, int, int, bool]]]:
        """A turn, sentence by sentence -> (24 kHz audio, [(word, start, end, starts_sentence)]).

        Each sentence is cut to its audible region (plus CLIP_MARGIN_S of quiet audio) and the
        sentences are joined with a pause of SENT_GAP_RANGE_S (hibari would leave 0.6-1 s between
        them, longer than the gaps between turns). The first word of a sentence starts at the
        sentence's audible onset, the others at the model's duration boundary + WORD_SHIFT_S."""
        shift = int(round(WORD_SHIFT_S * TTS_SR))
        margin = int(CLIP_MARGIN_S * TTS_SR)
        ramp = int(0.01 * TTS_SR)
        placed, words, cursor = [], [], margin          # cursor: where this sentence's onset goes
        for sent in self.tts.split_sentences(text):
            audio, timed = self.sentence(sent, voice, rng)
            on, off = active_bounds(audio, TTS_SR)
            a, b = max(0, on - margin), min(len(audio), off + margin)
            clip = audio[a:b].copy()
            clip[:ramp] *= np.linspace(0, 1, ramp, dtype=np.float32)
            clip[-ramp:] *= np.linspace(1, 0, ramp, dtype=np.float32)
            placed.append((cursor - (on - a), clip))
            words += [(w, cursor if k == 0 else s + shift - on + cursor, e + shift - on + cursor, k == 0)
                      for k, (w, s, e) in enumerate(timed)]
            cursor += (off - on) + int(round(rng.uniform(*SENT_GAP_RANGE_S) * TTS_SR))
        out = np.zeros(max(pos + len(c) for pos, c in placed), np.float32)
        for pos, c in placed:
            out[pos: pos + len(c)] += c
        return out, words


# ------------------------------------------------------------------------------------- analysis
def frame_db(x: np.ndarray, sr: int, frame_s: float = 0.01) -> np.ndarray:
    n = int(sr * frame_s)
    m = len(x) // n
    rms = np.sqrt(np.mean(x[: m * n].astype(np.float64).reshape(m, n) ** 2, axis=1) + 1e-20)
    return 20 * np.log10(rms)


def active_bounds(x: np.ndarray, sr: int) -> tuple[int, int]:
    """(start, end) sample of the active region: first/last 10 ms frame within ACTIVE_DB of the peak."""
    db = frame_db(x, sr)
    idx = np.flatnonzero(db > db.max() + ACTIVE_DB)
    n = int(sr * 0.01)
    return int(idx[0] * n), int((idx[-1] + 1) * n)


def hms(t: float) -> str:
    s = int(t)
    return f"{s // 3600:02d}:{s % 3600 // 60:02d}:{s % 60:02d}"


def _ogg_crc_table() -> list[int]:
    table = []
    for i in range(256):
        r = i << 24
        for _ in range(8):
            r = ((r << 1) ^ 0x04C11DB7) & 0xFFFFFFFF if r & 0x80000000 else (r << 1) & 0xFFFFFFFF
        table.append(r)
    return table


def set_ogg_serial(path: Path, serial: int) -> None:
    """Give every page of a single-stream Ogg file the same fixed stream serial number.

    libsndfile picks the serial at random, which would make every rerun's file differ byte-wise
    although the audio is identical; rewriting it (and each page's CRC) makes the file reproducible."""
    data, table = bytearray(path.read_bytes()), _ogg_crc_table()
    pos = 0
    while pos < len(data):
        if data[pos:pos + 4] != b"OggS":
            sys.exit(f"{path}: not an Ogg page at byte {pos}")
        nseg = data[pos + 26]
        end = pos + 27 + nseg + sum(data[pos + 27: pos + 27 + nseg])
        data[pos + 14: pos + 18] = serial.to_bytes(4, "little")
        data[pos + 22: pos + 26] = b"\0\0\0\0"
        crc = 0
        for b in data[pos:end]:
            crc = ((crc << 8) & 0xFFFFFFFF) ^ table[(crc >> 24) ^ b]
        data[pos + 22: pos + 26] = crc.to_bytes(4, "little")
        pos = end
    path.write_bytes(bytes(data))


# ------------------------------------------------------------------------------------------ main
def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--script", type=Path, default=HERE / "session_script.txt")
    ap.add_argument("--out-dir", type=Path, default=HERE)
    ap.add_argument("--name", default="sample_session", help="file stem and RTTM file id")
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED)
    ap.add_argument("--codec", choices=["vorbis", "opus"], default="vorbis",
                    help="vorbis (default) decodes at 16 kHz everywhere; FFmpeg/PyAV decode Opus at 48 kHz")
    ap.add_argument("--wav", type=Path, help="also write the 16 kHz mix as 16-bit WAV here (debugging)")
    args = ap.parse_args(argv)

    import soundfile as sf
    from scipy.signal import resample_poly

    turns = parse_script(args.script)
    synth = Synth()

    # 1. synthesize each turn, find its active region
    for i, t in enumerate(turns):
        voice = VOICES[t["spk"]]
        audio, words = synth.turn(t["text"], voice, np.random.default_rng([args.seed, 1, i]))
        s, e = active_bounds(audio, TTS_SR)
        t.update(audio=audio, words=words, act=(s, e))

    # 2. one gain per voice: active-speech RMS -> TARGET_DBFS
    gains = {}
    for spk in VOICES:
        act = np.concatenate([t["audio"][t["act"][0]:t["act"][1]] for t in turns if t["spk"] == spk])
        db = frame_db(act, TTS_SR)
        speech = db > db.max() + ACTIVE_DB
        rms_db = 10 * np.log10(np.mean(10 ** (db[speech] / 10)))
        gains[spk] = 10 ** ((TARGET_DBFS - rms_db) / 20)

    # 3. timeline (seconds): segment starts on the ms grid, so RTTM times are exact
    gap_rng = np.random.default_rng([args.seed, 2])
    t_cursor = LEAD_S
    for t in turns:
        s, e = t["act"]
        t["start"] = round(t_cursor, 3)          # on the ms grid; segment lengths are whole 10 ms frames
        t["end"] = t["start"] + (e - s) / TTS_SR
        gap = t["pause"] if t["pause"] is not None else float(gap_rng.uniform(*GAP_RANGE_S))
        t_cursor = t["end"] + gap
    total_s = turns[-1]["end"] + TAIL_S
    total_s = int(np.ceil(total_s * OUT_SR)) / OUT_SR

    # 4. mix at 24 kHz, resample to 16 kHz, add the noise floor
    mix = np.zeros(int(round(total_s * TTS_SR)) + TTS_SR, np.float64)
    margin = int(CLIP_MARGIN_S * TTS_SR)
    for t in turns:
        s, e = t["act"]
        a, b = max(0, s - margin), min(len(t["audio"]), e + margin)
        clip = t["audio"][a:b].astype(np.float64) * gains[t["spk"]]
        ramp = min(int(0.01 * TTS_SR), margin)                          # fades, in the quiet margin
        clip[:ramp] *= np.linspace(0, 1, ramp)
        clip[-ramp:] *= np.linspace(1, 0, ramp)
        pos = round(t["start"] * TTS_SR) - (s - a)
        mix[pos: pos + len(clip)] += clip
    y = resample_poly(mix, 2, 3)[: int(round(total_s * OUT_SR))]
    speech = np.concatenate([y[int(t["start"] * OUT_SR): int(t["end"] * OUT_SR)] for t in turns])
    sdb = frame_db(speech, OUT_SR)
    speech_rms = np.sqrt(np.mean(10 ** (sdb[sdb > sdb.max() + ACTIVE_DB] / 10)))
    noise = np.random.default_rng([args.seed, 3]).standard_normal(len(y)) * speech_rms * 10 ** (-SNR_DB / 20)
    y = y + noise
    peak = float(np.max(np.abs(y)))
    if peak > 0.99:
        sys.exit(f"mix clips (peak {peak:.3f}); lower TARGET_DBFS")
    y = y.astype(np.float32)

    # 5. word times (turn-local samples from Synth.turn): a word before a pause (punctuation or the
    #    end of the turn) ends at its last audible 10 ms frame before the next word, since the model
    #    gives the phrase-final phoneme part of the pause; then everything is clamped into the segment
    hop = int(0.01 * TTS_SR)
    words_out = []
    for i, t in enumerate(turns):
        s0 = t["act"][0]
        db = frame_db(t["audio"], TTS_SR)
        loud = db > db.max() + ACTIVE_DB
        prev_end = t["start"]
        for k, (w, ws, we, _) in enumerate(t["words"]):
            ws = max(ws, 0)
            if w[-1] in PUNCT or k == len(t["words"]) - 1:
                nxt = t["words"][k + 1][1] if k + 1 < len(t["words"]) else len(t["audio"])
                idx = np.flatnonzero(loud[ws // hop: nxt // hop])
                if len(idx):
                    we = min(we, (ws // hop + idx[-1] + 1) * hop)
            ws_t = min(max(t["start"] + (ws - s0) / TTS_SR, prev_end), t["end"])
            we_t = min(max(t["start"] + (we - s0) / TTS_SR, ws_t), t["end"])
            words_out.append({"speaker": VOICES[t["spk"]]["role"], "turn": i, "word": w,
                              "start": round(ws_t, 3), "end": round(we_t, 3)})
            prev_end = we_t

    # 6. write everything
    out = args.out_dir
    out.mkdir(parents=True, exist_ok=True)
    stem = out / args.name
    ogg = stem.with_suffix(".ogg")
    # written in 1 s blocks: one big write makes libsndfile 1.2.2's Vorbis encoder crash
    with sf.SoundFile(ogg, "w", OUT_SR, 1, format="OGG", subtype=args.codec.upper()) as f:
        for i in range(0, len(y), OUT_SR):
            f.write(y[i:i + OUT_SR])
    set_ogg_serial(ogg, args.seed & 0xFFFFFFFF)
    if args.wav:
        sf.write(args.wav, y, OUT_SR, subtype="PCM_16")

    with open(f"{stem}.reference.txt", "w", encoding="utf-8") as f:
        for t in turns:
            f.write(f"[{hms(t['start'])}] {VOICES[t['spk']]['label']}: {t['text']}\n")
    with open(f"{stem}.rttm", "w", encoding="utf-8") as f:
        for t in turns:
            f.write(f"SPEAKER {args.name} 1 {t['start']:.3f} {t['end'] - t['start']:.3f} <NA> <NA> "
                    f"{VOICES[t['spk']]['role']} <NA> <NA>\n")
    n_words = len(words_out)
    meta = {
        "audio": ogg.name,
        "sample_rate": OUT_SR,
        "duration_s": round(len(y) / OUT_SR, 3),
        "synthetic": True,
        "seed": args.seed,
        "tts": "hibari-tts 0.2.1, bundled voice 'heart'",
        "voices": {VOICES[k]["role"]: VOICES[k]["description"] for k in VOICES},
        "timing_note": ("word times come from the TTS model's phoneme durations, shifted by "
                        f"{WORD_SHIFT_S:+.3f} s; a sentence's first word starts at its audible onset and "
                        "a word before a pause ends at its last audible frame; all clamped into the "
                        "turn's segment; good to roughly +-0.05-0.1 s. Turn start/end are exact."),
        "turns": [{"turn": i, "speaker": VOICES[t["spk"]]["role"], "start": round(t["start"], 3),
                   "end": round(t["end"], 3), "text": t["text"]} for i, t in enumerate(turns)],
        "words": words_out,
    }
    with open(f"{stem}.words.json", "w", encoding="utf-8") as f:
        json.dump(meta, f, indent=1, ensure_ascii=False)
        f.write("\n")

    # 7. read the recording back as a check
    back, sr = sf.read(ogg, dtype="float32")
    if sr != OUT_SR or back.ndim != 1 or len(back) != len(y):
        sys.exit(f"read-back check failed: sr={sr}, shape={back.shape}, expected {len(y)} samples")
    speech_s = sum(t["end"] - t["start"] for t in turns)
    print(f"{ogg}: {len(y) / OUT_SR:.2f} s ({speech_s:.2f} s speech), {len(turns)} turns, {n_words} words, "
          f"{ogg.stat().st_size / 1024:.0f} KiB; peak {peak:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
