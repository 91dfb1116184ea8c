"""Recording conditions applied to the rendered speakers' tracks, all in numpy/scipy/PyAV (no sox
needed): room reverb from a synthetic room impulse response (exponentially decaying noise plus a
direct path, one response per talker position), white/pink/babble noise at a given SNR (babble
made from other TTS voices), a telephone band (300-3400 Hz and an 8 kHz resample), per-speaker
level differences, an mp3 transcode (PyAV's bundled LAME) and added leading/trailing silence.
"""

from __future__ import annotations

import numpy as np
from scipy.signal import butter, fftconvolve, resample_poly, sosfilt

from .voices import SAMPLE_RATE, BABBLE_VOICES, render

BABBLE_TEXT = ("The train was late again this morning, so I walked the last part. "
               "We could try the new place on the corner, they do a good soup. "
               "Honestly the match last night was the best one all season. "
               "Did you see the message from the landlord about the heating? "
               "I need to pick up the kids at four, and then there is the shopping.")


def room_response(rt60: float, rng: np.random.Generator, direct_to_reverb_db: float = 3.0) -> np.ndarray:
    """A synthetic room impulse response: a unit direct path, then decaying noise (-60 dB at rt60)."""
    n = int(rt60 * 1.1 * SAMPLE_RATE)
    t = np.arange(n) / SAMPLE_RATE
    tail = rng.standard_normal(n) * np.exp(-6.9 * t / rt60)
    tail[: int(0.003 * SAMPLE_RATE)] = 0.0  # first reflections arrive a few ms after the direct sound
    tail *= 10 ** (-direct_to_reverb_db / 20) / np.sqrt(np.sum(tail ** 2))
    tail[0] = 1.0
    return tail.astype(np.float32)


def reverb(track: np.ndarray, rt60: float, rng: np.random.Generator) -> np.ndarray:
    return fftconvolve(track, room_response(rt60, rng))[: len(track)].astype(np.float32)


def white(n: int, rng: np.random.Generator) -> np.ndarray:
    return rng.standard_normal(n).astype(np.float32)


def pink(n: int, rng: np.random.Generator) -> np.ndarray:
    """1/f noise: white noise shaped in the frequency domain."""
    spectrum = np.fft.rfft(rng.standard_normal(n))
    f = np.maximum(np.fft.rfftfreq(n, 1 / SAMPLE_RATE), 20.0)
    return np.fft.irfft(spectrum / np.sqrt(f), n).astype(np.float32)


def babble(n: int, rng: np.random.Generator) -> np.ndarray:
    """Six background talkers (voices never used as dialogue speakers), each looped from a random offset."""
    out = np.zeros(n, dtype=np.float32)
    for i, voice in enumerate(BABBLE_VOICES):
        x = render(voice, BABBLE_TEXT, seed=i)
        x = x / (np.sqrt(np.mean(x ** 2)) + 1e-9)
        reps = int(np.ceil((n + len(x)) / len(x)))
        looped = np.tile(x, reps)
        start = int(rng.integers(len(x)))
        out += looped[start:start + n]
    return out


NOISES = {"white": white, "pink": pink, "babble": babble}


def add_noise(mix: np.ndarray, speech: np.ndarray, kind: str, snr_db: float, rng: np.random.Generator) -> np.ndarray:
    """``mix`` plus ``kind`` noise at ``snr_db`` below the speech level (``speech``: a boolean mask
    of the samples holding reference speech, over which the speech power is measured)."""
    noise = NOISES[kind](len(mix), rng)
    speech_power = float(np.mean(mix[speech] ** 2))
    noise *= np.sqrt(speech_power / 10 ** (snr_db / 10) / float(np.mean(noise ** 2)))
    return (mix + noise).astype(np.float32)


def telephone(x: np.ndarray) -> np.ndarray:
    """Narrowband telephone: 300-3400 Hz band-pass, down to 8 kHz and back up to 16 kHz."""
    sos = butter(6, [300, 3400], btype="bandpass", fs=SAMPLE_RATE, output="sos")
    narrow = resample_poly(sosfilt(sos, x), 1, 2)
    return resample_poly(narrow, 2, 1)[: len(x)].astype(np.float32)


def mp3(x: np.ndarray, bitrate: int = 24_000) -> np.ndarray:
    """Encode to mp3 at ``bitrate`` and decode again (in memory, PyAV's LAME), re-aligned to the
    input by cross-correlation so that the references still hold (the encoder's priming delay)."""
    import io

    import av

    buf = io.BytesIO()
    with av.open(buf, "w", format="mp3") as out:
        stream = out.add_stream("libmp3lame", rate=SAMPLE_RATE, layout="mono")
        stream.bit_rate = bitrate
        pcm = (np.clip(x, -1, 1) * 32767).astype(np.int16)
        for i in range(0, len(pcm), 1152 * 16):
            frame = av.AudioFrame.from_ndarray(pcm[None, i:i + 1152 * 16], format="s16", layout="mono")
            frame.sample_rate = SAMPLE_RATE
            for packet in stream.encode(frame):
                out.mux(packet)
        for packet in stream.encode(None):
            out.mux(packet)
    buf.seek(0)
    chunks = []
    with av.open(buf) as inp:
        resampler = av.AudioResampler(format="flt", layout="mono", rate=SAMPLE_RATE)
        for frame in inp.decode(audio=0):
            for f in resampler.resample(frame):
                chunks.append(f.to_ndarray()[0])
    y = np.concatenate(chunks).astype(np.float32)
    lag = _lag(x, y)
    y = y[lag:] if lag >= 0 else np.concatenate([np.zeros(-lag, np.float32), y])
    return np.pad(y, (0, max(0, len(x) - len(y))))[: len(x)]


def _lag(x: np.ndarray, y: np.ndarray, seconds: float = 20.0, max_lag: int = 4000) -> int:
    """Samples by which ``y`` lags ``x`` (cross-correlation over the first ``seconds``)."""
    n = min(len(x), len(y), int(seconds * SAMPLE_RATE))
    a, b = x[:n].astype(np.float64), y[:n].astype(np.float64)
    size = 1 << int(np.ceil(np.log2(2 * n)))
    xc = np.fft.irfft(np.conj(np.fft.rfft(a, size)) * np.fft.rfft(b, size), size)
    candidates = np.concatenate([xc[: max_lag + 1], xc[-max_lag:]])
    i = int(np.argmax(candidates))
    return i if i <= max_lag else i - len(candidates)


def pad(x: np.ndarray, lead: float, trail: float) -> np.ndarray:
    return np.concatenate([np.zeros(int(lead * SAMPLE_RATE), np.float32), x,
                           np.zeros(int(trail * SAMPLE_RATE), np.float32)])
