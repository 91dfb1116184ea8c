"""The voices of the synthetic dialogues: espeak-ng voices with variants, pitch and speed (Debian's
`espeak-ng`, GPL-3.0; run as a program, its output is not covered by its licence), and the one
voice bundled in `hibari-tts==0.2.1` (Apache-2.0; Kokoro-derived "heart") made into several
speakers by scaling its F0 (pitch) and warping its spectral envelope (formants) inside hibari's
own source-filter vocoder, before the waveform is made: a cleaner pitch/formant shift than any
after-the-fact resampling trick. Every voice renders text to 16 kHz float32 mono, deterministically.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import wave
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from scipy.signal import resample_poly

SAMPLE_RATE = 16_000


@dataclass(frozen=True)
class Voice:
    id: str
    engine: str  # "espeak" or "hibari"
    gender: str  # "F" or "M": how the voice sounds (pitch range), for same-/cross-gender pairs
    name: str = ""  # espeak voice+variant, e.g. "en-us+m3"
    pitch: float = 50.0  # espeak: -p 0..99; hibari: F0 factor
    speed: float = 160.0  # espeak: words per minute; hibari: the model's speed factor
    formant: float = 1.0  # hibari: spectral-envelope warp factor (< 1 = longer vocal tract)

    def spec(self) -> dict:
        return {"id": self.id, "engine": self.engine, "gender": self.gender, "name": self.name,
                "pitch": self.pitch, "speed": self.speed, "formant": self.formant}


def _es(id_: str, name: str, gender: str, pitch: float, speed: float) -> Voice:
    return Voice(id_, "espeak", gender, name=name, pitch=pitch, speed=speed)


def _hb(id_: str, gender: str, pitch: float, formant: float, speed: float) -> Voice:
    return Voice(id_, "hibari", gender, name="heart", pitch=pitch, speed=speed, formant=formant)


# Two disjoint inventories: the tune half's dialogues use only the first, the held-out half's only
# the second (the hibari voices share one underlying model, shifted differently in each half).
TUNE_VOICES = (
    _hb("hb_f1", "F", 1.00, 1.00, 1.00),
    _hb("hb_f2", "F", 1.18, 1.07, 1.08),
    _hb("hb_m1", "M", 0.58, 0.84, 0.95),
    _es("es_us_m3", "en-us+m3", "M", 45, 160),
    _es("es_gb_m1", "en-gb+m1", "M", 35, 150),
    _es("es_us_f2", "en-us+f2", "F", 60, 165),
    _es("es_rp_f4", "en-gb-x-rp+f4", "F", 52, 150),
    _es("es_sc_m5", "en-gb-scotland+m5", "M", 40, 155),
    _es("es_gb_f5", "en+f5", "F", 70, 170),
)
HELDOUT_VOICES = (
    _hb("hb_f3", "F", 0.90, 0.95, 0.92),
    _hb("hb_f4", "F", 1.08, 1.12, 1.00),
    _hb("hb_m2", "M", 0.52, 0.80, 1.00),
    _hb("hb_m3", "M", 0.66, 0.89, 0.90),
    _es("es_us_m7", "en-us+m7", "M", 50, 155),
    _es("es_ca_m2", "en-029+m2", "M", 38, 150),
    _es("es_us_f5", "en-us+f5", "F", 55, 160),
    _es("es_gb_f1", "en+f1", "F", 65, 158),
    _es("es_wm_m4", "en-gb-x-gbcwmd+m4", "M", 42, 165),
    _es("es_lc_f3", "en-gb-x-gbclan+f3", "F", 58, 150),
)
# Background talkers for babble noise only (never a dialogue speaker).
BABBLE_VOICES = (
    _es("bb_1", "en-us+m2", "M", 48, 170), _es("bb_2", "en+f3", "F", 62, 165),
    _es("bb_3", "en-gb-x-rp+m6", "M", 30, 150), _es("bb_4", "en-us+f4", "F", 57, 175),
    _hb("bb_5", "M", 0.62, 0.86, 1.10), _hb("bb_6", "F", 1.25, 1.10, 1.15),
)
ALL_VOICES = {v.id: v for v in TUNE_VOICES + HELDOUT_VOICES + BABBLE_VOICES}


def render(voice: Voice, text: str, seed: int = 0) -> np.ndarray:
    """``text`` spoken by ``voice``: float32 at 16 kHz (leading/trailing silence left in)."""
    if voice.engine == "espeak":
        return _espeak(voice.name, int(voice.pitch), int(voice.speed), text)
    return _hibari(voice.pitch, voice.formant, voice.speed, text, seed)


def espeak_available() -> bool:
    return shutil.which("espeak-ng") is not None


def _espeak(name: str, pitch: int, speed: int, text: str) -> np.ndarray:
    if not espeak_available():
        raise RuntimeError("espeak-ng not found: apt-get install espeak-ng (see benchmarks/dialogues/README.md)")
    out = subprocess.run(["espeak-ng", "-v", name, "-p", str(pitch), "-s", str(speed), "--stdout", text],
                         check=True, capture_output=True).stdout
    with wave.open(io.BytesIO(out)) as w:
        rate = w.getframerate()
        # espeak-ng writes an unknown length into the header when piping: read what is there
        pcm = np.frombuffer(w.readframes(w.getnframes() or 1 << 30), dtype=np.int16)
    x = pcm.astype(np.float32) / 32768.0
    g = np.gcd(rate, SAMPLE_RATE)
    return resample_poly(x, SAMPLE_RATE // g, rate // g).astype(np.float32)


@lru_cache(maxsize=1)
def _hibari_model():
    from hibari import Hibari

    return Hibari()  # "heart", the voice inside the wheel; the others would download: never asked for


def _warp(x: np.ndarray, factor: float, floor: float | None) -> np.ndarray:
    """Move the spectral envelope (bins on axis 0) up by ``factor``: bin k takes the value at k/factor."""
    bins = np.arange(x.shape[0], dtype=np.float64)
    src = bins / factor
    lo = np.clip(np.floor(src).astype(int), 0, x.shape[0] - 1)
    hi = np.clip(lo + 1, 0, x.shape[0] - 1)
    w = (src - lo)[:, None].astype(np.float32)
    out = x[lo] * (1 - w) + x[hi] * w
    if floor is not None:
        out[src > x.shape[0] - 1] = floor
    return out.astype(np.float32)


def _hibari(pitch: float, formant: float, speed: float, text: str, seed: int) -> np.ndarray:
    from hibari import dsp

    tts = _hibari_model()
    rng = np.random.default_rng(seed)
    parts = []
    for phonemes in tts.phonemize(text):
        ids = tts.ids(phonemes)
        if len(ids) < 3:
            continue
        out = tts.sess.run(None, {"ids": np.asarray([ids], np.int64), "speed": np.asarray([speed], np.float32)})
        lh, th, ln, lr, phi, f0 = (o[0] for o in out)
        if formant != 1.0:
            lh, ln, lr = (_warp(a, formant, -12.0) for a in (lh, ln, lr))
            th, phi = _warp(th, formant, None), _warp(phi, formant, None)
        parts.append(dsp.synth(lh, th, ln, lr, phi, f0 * np.float32(pitch), rng))
    x = np.concatenate(parts) if parts else np.zeros(0, np.float32)
    return resample_poly(x, 2, 3).astype(np.float32)  # 24 kHz -> 16 kHz
