"""Quality gates for a recording: is it fit to be analysed, and did the diarizer separate the
voices? Measures from the decoded signal, the voice activity detector's speech stretches and the
diarization, and a verdict:

- ``ok``: nothing found;
- ``check``: something a supervisor should read before trusting the numbers (quiet, clipped,
  noisy or telephone-band audio, one voice with most of the speech);
- ``unreliable``: not reliably analysable (one voice where two were expected, speakers that are
  one voice or two voices merged into one speaker, very low SNR). The transcript stands; the roles,
  talk statistics and marker results do not.

Thresholds are named below with where each comes from (numbers measured with
``benchmarks/audio_quality.py``; see docs/recording_quality.md).
"""

from __future__ import annotations

import dataclasses

import numpy as np

from ..model import AudioQuality, QualityReason, SpeakerShare
from .decode import SAMPLE_RATE, Audio
from .diarize import Diarization, kmeans

FRAME = 512  # samples (32 ms): the unit of level, SNR and spectrum measures
DIGITAL_SILENCE = 1e-12  # frame power (-120 dBFS): zeros, not a noise floor (16-bit dither is -90 dBFS)
CHUNK = 1 << 20  # samples framed at a time, so that a long recording is never copied whole

# Measured with benchmarks/audio_quality.py on the bundled clips and 16 synthetic dialogues plus
# variants (docs/recording_quality.md has the table).
#
# Level: speech RMS below this is quiet enough that hum, hiss and the codec start to matter. All
# clips measure -16 to -32 dBFS; the same dialogues 40 dB quieter -62 to -64.
LEVEL_LOW_DBFS = -40.0
# Clipping: a sample at or above CLIP_NEAR of full scale counts as clipped (a clipped file
# resampled to 16 kHz rings around its flat tops, so "exactly 1.0" misses most of them).
CLIP_NEAR = 0.98
# Share of speech samples clipped: every clip measures 0.00 %; dialogues driven 12 dB past full
# scale 2.4-6.6 %. 0.1 % is where clipping becomes audible distortion (a judgement).
CLIPPED_SHARE = 0.001
# Speech-to-noise ratio. The estimate follows the mixing SNR of the dialogues within 1 dB (white
# 5 dB: 4.6-4.7; pink 15: 14.9; babble 10: 9.6-10.8). Both 10 dB babble dialogues collapsed to one
# speaker, so below 10 dB: check. At 5 dB white noise both dialogues still diarized right; at -1 dB
# one of two collapsed: below 3 dB, unreliable.
SNR_CHECK_DB = 10.0
SNR_UNRELIABLE_DB = 3.0
# Narrow band: speech energy above 4 kHz relative to all speech energy. Wideband speech measures
# -10 to -32 dB (noise or not; an mp3 at 24 kbit/s lowest); telephone-band dialogues -44 to -52 dB;
# the pyannote sample -70 dB (an 8 kHz source); JFK -44 dB (a 1961 broadcast).
HIGH_BAND_HZ = 4000.0
NARROW_BAND_DB = -40.0
# Balance: one voice with more than this share of a two-person session's speech is suspicious (a
# therapist rarely says less than 10 %; the dialogues' true shares are 0.56-0.76 for the larger
# voice); above COLLAPSED_SHARE it is a collapsed diarization (collapsed runs: 0.94-0.99; issue 11:
# one label with 99 % of the words).
DOMINANT_SHARE = 0.90
COLLAPSED_SHARE = 0.97
# Separation: a plain 2-means split of the diarizer's window embeddings. One voice split in two
# measures 0.05-0.07 (4 of 5 one-voice recordings; the fifth, in babble, 0.23); two voices
# 0.10-0.37. The diarizer's own centroid distance cannot decide this (one voice forced into two
# speakers 0.10-0.28, two voices 0.12-0.36): it is reported, not gated. A smaller group needs
# SPLIT_SHARE of the windows to count as a second voice (two-voice dialogues: 0.18-0.48), so that
# a few odd windows (a cough, a laugh) are not one.
SPLIT_SEPARATION = 0.09
SPLIT_SHARE = 0.15
# The split needs enough windows: on 9-12 s of one real voice (JFK, 23 windows; one speaker of the
# pyannote sample, 36) it measured 0.16-0.22, like two voices; from 110 windows (44 s of speech)
# on, one voice measured 0.05-0.07.
MIN_SPLIT_WINDOWS = 100


def assess(audio: Audio, diarization: Diarization, expected: int | None) -> AudioQuality:
    """The recording's measures and verdict. ``expected``: the speakers asked for (None = auto)."""
    regions = diarization.regions or tuple((s.start, s.end) for s in diarization.segments)
    level, clipped, snr, high, speech = signal_measures(audio.mono, regions)
    shares = speaker_shares(diarization)
    split_sep, split_share = voice_split(diarization.embeddings)
    quality = AudioQuality(verdict="ok", mode=diarization.mode, speech_seconds=speech,
                           speech_regions=tuple((round(float(a), 3), round(float(b), 3)) for a, b in regions),
                           level_dbfs=level,
                           clipped_share=clipped, snr_db=snr, high_band_db=high, speakers_expected=expected,
                           speakers_found=len(shares), speaker_shares=shares, separation=diarization.separation,
                           split_separation=split_sep, split_share=split_share)
    reasons = signal_reasons(quality) + speaker_reasons(quality)
    reasons.sort(key=lambda r: r.severity != "unreliable")
    verdict = "unreliable" if any(r.severity == "unreliable" for r in reasons) else "check" if reasons else "ok"
    return dataclasses.replace(quality, verdict=verdict, reasons=tuple(reasons))


# --- measures ----------------------------------------------------------------------------------


def frame_stats(samples: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(power, clipped samples) of each FRAME-sample frame, computed a chunk at a time."""
    n = len(samples) // FRAME
    power, clipped = np.zeros(n), np.zeros(n, dtype=np.int64)
    step = CHUNK // FRAME
    for i in range(0, n, step):
        block = samples[i * FRAME:min(n, i + step) * FRAME].astype(np.float64).reshape(-1, FRAME)
        power[i:i + len(block)] = np.mean(block ** 2, axis=1)
        clipped[i:i + len(block)] = np.count_nonzero(np.abs(block) >= CLIP_NEAR, axis=1)
    return power, clipped


def speech_mask(n_frames: int, regions) -> np.ndarray:
    """Frames whose centre lies inside a speech stretch."""
    centres = (np.arange(n_frames) + 0.5) * FRAME / SAMPLE_RATE
    spans = sorted(regions)
    if not spans:
        return np.zeros(n_frames, dtype=bool)
    starts, ends = np.array([a for a, _ in spans]), np.array([b for _, b in spans])
    last = np.searchsorted(starts, centres, side="right") - 1  # the latest stretch starting at or before
    return (last >= 0) & (centres < np.maximum.accumulate(ends)[np.maximum(last, 0)])


def _db(power: float) -> float:
    return round(10 * float(np.log10(max(power, 1e-12))), 1)


def signal_measures(samples: np.ndarray, regions) -> tuple[float | None, float, float | None, float | None, float]:
    """(speech level dBFS, clipped share, SNR dB, energy above 4 kHz dB, speech seconds)."""
    power, clipped = frame_stats(samples)
    speech = speech_mask(len(power), regions)
    if not speech.any():
        return None, 0.0, None, None, 0.0
    level = float(power[speech].mean())
    share = float(clipped[speech].sum() / (speech.sum() * FRAME))
    return (_db(level), round(share, 5), snr_db(power, speech), high_band_db(samples, power, speech),
            round(float(speech.sum()) * FRAME / SAMPLE_RATE, 1))


def snr_db(power: np.ndarray, speech: np.ndarray) -> float | None:
    """Speech-to-noise ratio: the speech frames' mean power over the noise floor, capped at 60 dB.
    The floor is the median non-speech frame, leaving out digital silence (padding is not the
    recording's noise). Under a second of such frames: digital silence around the speech means no
    noise (60 dB); no pause at all, the 10th percentile of the speech frames (pauses between words)."""
    second = SAMPLE_RATE / FRAME
    digital = power <= DIGITAL_SILENCE
    quiet = power[~speech & ~digital]
    if len(quiet) >= second:
        noise = float(np.median(quiet))
    elif np.count_nonzero(~speech & digital) >= second:
        return 60.0
    else:
        noise = float(np.percentile(power[speech], 10))
    signal = float(power[speech].mean())
    if noise <= DIGITAL_SILENCE:
        return 60.0
    return round(min(60.0, 10 * float(np.log10(max(signal - noise, 1e-12) / noise))), 1)


def high_band_db(samples: np.ndarray, power: np.ndarray, speech: np.ndarray, max_frames: int = 3000) -> float | None:
    """Energy above HIGH_BAND_HZ relative to all energy (50 Hz up), over the louder half of the
    speech frames (at most ``max_frames``, spread evenly over the recording)."""
    index = np.flatnonzero(speech)
    index = index[power[index] >= np.median(power[index])]
    if not len(index):
        return None
    index = index[np.linspace(0, len(index) - 1, min(max_frames, len(index))).astype(int)]
    frames = samples[(index[:, None] * FRAME + np.arange(FRAME)[None, :])].astype(np.float64)
    spectrum = np.abs(np.fft.rfft(frames * np.hanning(FRAME), axis=1)) ** 2
    freqs = np.fft.rfftfreq(FRAME, 1 / SAMPLE_RATE)
    total = spectrum[:, freqs >= 50].sum()
    if total <= 0:
        return None
    return _db(spectrum[:, freqs >= HIGH_BAND_HZ].sum() / total)


def speaker_shares(diarization: Diarization) -> tuple[SpeakerShare, ...]:
    """Seconds of speech per speaker label, largest first."""
    seconds: dict[str, float] = {}
    for s in diarization.segments:
        seconds[s.speaker] = seconds.get(s.speaker, 0.0) + max(0.0, s.end - s.start)
    total = sum(seconds.values()) or 1.0
    ranked = sorted(seconds.items(), key=lambda kv: -kv[1])
    return tuple(SpeakerShare(label, round(sec, 2), round(sec / total, 4)) for label, sec in ranked)


def voice_split(embeddings: np.ndarray | None) -> tuple[float | None, float | None]:
    """(cosine distance between the two groups, share of the smaller group) of a 2-means split of
    the window embeddings: a check of the diarizer that does not depend on its clustering."""
    if embeddings is None or len(embeddings) < MIN_SPLIT_WINDOWS:
        return None, None
    labels = kmeans(embeddings, 2, restarts=4)
    counts = np.bincount(labels, minlength=2)
    if counts.min() == 0:
        return 0.0, 0.0
    centroids = np.stack([embeddings[labels == c].mean(axis=0) for c in range(2)])
    centroids /= np.maximum(np.linalg.norm(centroids, axis=1, keepdims=True), 1e-8)
    return round(float(1.0 - centroids[0] @ centroids[1]), 4), round(float(counts.min() / counts.sum()), 4)


# --- findings ----------------------------------------------------------------------------------


def signal_reasons(q: AudioQuality) -> list[QualityReason]:
    reasons = []
    if q.snr_db is not None and q.snr_db < SNR_CHECK_DB:
        severity = "unreliable" if q.snr_db < SNR_UNRELIABLE_DB else "check"
        reasons.append(QualityReason("snr", severity, f"noisy recording: speech is {q.snr_db:.0f} dB above the noise "
                                                      f"(below {SNR_CHECK_DB:.0f} dB words and speakers are lost)"))
    if q.level_dbfs is not None and q.level_dbfs < LEVEL_LOW_DBFS:
        reasons.append(QualityReason("level", "check", f"quiet recording: speech at {q.level_dbfs:.0f} dBFS "
                                                       f"(below {LEVEL_LOW_DBFS:.0f} dBFS)"))
    if q.clipped_share > CLIPPED_SHARE:
        reasons.append(QualityReason("clipping", "check", f"clipped recording: {q.clipped_share:.1%} of speech samples "
                                                          "at full scale (distorted; record at a lower gain)"))
    if q.high_band_db is not None and q.high_band_db < NARROW_BAND_DB:
        reasons.append(QualityReason("bandwidth", "check", "narrow band: no speech energy above 4 kHz (telephone or "
                                                           "8 kHz source); words and voices are harder to tell apart"))
    return reasons


def speaker_reasons(q: AudioQuality) -> list[QualityReason]:
    """Speaker count, balance and separation, for a session expected to hold two or more people
    (``--speakers 1`` asks for one voice: nothing to check). The separation that decides is the
    2-means split's: the diarizer's own centroids do not tell one voice from two (measured: one
    voice forced into two speakers 0.14-0.28, two real voices 0.12-0.36), its split does."""
    if q.speakers_expected == 1:
        return []
    two = _two_voices(q)
    one = q.split_separation is not None and q.split_separation < SPLIT_SEPARATION
    top = q.speaker_shares[0].share if q.speaker_shares else 1.0
    if q.speakers_found <= 1 or (one and top > DOMINANT_SHARE):
        return [_one_voice(q, two)]
    reasons = []
    if top > DOMINANT_SHARE:
        merged = two or top > COLLAPSED_SHARE
        groups = f"; the voice embeddings hold two groups ({1 - q.split_share:.0%} / {q.split_share:.0%})" if two else ""
        reasons.append(QualityReason("balance", "unreliable" if merged else "check",
                                     f"one voice holds {top:.0%} of the speech{groups}: " + (
                                         "two voices were probably merged into one speaker; listen before "
                                         "trusting roles and markers" if merged else
                                         "unusual for a therapy session; check the speaker turns")))
    elif one:
        reasons.append(QualityReason("separation", "unreliable",
                                     f"the speakers sound like one voice (distance {q.split_separation:.2f}): one voice "
                                     "split in two, or voices too alike to tell apart; check --speakers"))
    if q.speakers_expected and q.speakers_found < q.speakers_expected:
        reasons.append(QualityReason("speakers", "check", f"{q.speakers_found} speakers found where --speakers "
                                                          f"{q.speakers_expected} asked for {q.speakers_expected}"))
    return reasons


def _two_voices(q: AudioQuality) -> bool:
    """Whether the 2-means split finds a second voice: a group big and far enough from the other."""
    return q.split_separation is not None and q.split_share is not None and \
        q.split_separation >= SPLIT_SEPARATION and q.split_share >= SPLIT_SHARE


def _one_voice(q: AudioQuality, two: bool) -> QualityReason:
    asked = f"--speakers {q.speakers_expected}" if q.speakers_expected else "--speakers auto"
    if two:
        found = f", yet the voice embeddings hold two groups ({1 - q.split_share:.0%} / {q.split_share:.0%})"
    elif q.split_separation is not None:
        found = f" (voices differ by only {q.split_separation:.2f})"
    else:
        found = ""
    advice = "rerun with --speakers 2 if two people speak, --speakers 1 if one does" if not q.speakers_expected \
        else "listen to the recording; --speakers 1 if only one person speaks"
    return QualityReason("speakers", "unreliable", f"one voice detected ({asked}){found}: roles and markers are "
                                                   f"unreliable; {advice}")
