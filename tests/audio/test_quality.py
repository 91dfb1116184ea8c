"""The recording quality gates on synthetic signals and hand-made diarizations: every measure,
the verdict, the one-voice message, and the verdict in the summary and session.json."""

from __future__ import annotations

import functools
import json

import numpy as np
import pytest

from transcript_analyzer.audio import quality
from transcript_analyzer.audio.decode import SAMPLE_RATE, Audio
from transcript_analyzer.audio.diarize import Diarization, SpeakerSegment
from transcript_analyzer.model import Session
from transcript_analyzer.report.summary import summary_text

from ..conftest import make_session

RNG = np.random.default_rng(7)
REGIONS = tuple((float(a), a + 1.5) for a in range(0, 20, 2))  # 1.5 s of speech every 2 s, 20 s in all


@functools.cache
def _voice(top_hz: float) -> np.ndarray:
    t = np.arange(20 * SAMPLE_RATE) / SAMPLE_RATE
    period = np.sum([np.sin(2 * np.pi * 150 * k * t[:320] + k) / k for k in range(1, int(top_hz // 150) + 1)], axis=0)
    tone = np.tile(period, len(t) // 320)  # 320 samples = 3 periods of 150 Hz exactly
    gate = np.zeros_like(t)
    for a, b in REGIONS:
        gate[(t >= a) & (t < b)] = 1.0
    tone = tone * gate
    return tone / np.sqrt(np.mean(tone[gate > 0] ** 2))


def voice(top_hz: float = 7500.0, amplitude: float = 0.1) -> np.ndarray:
    """20 s of harmonics of 150 Hz (1/k amplitudes up to ``top_hz``) inside REGIONS, zeros
    elsewhere: a crude voiced speech whose spectrum falls like speech does."""
    return (amplitude * _voice(top_hz)).astype(np.float32)


def audio(samples: np.ndarray) -> Audio:
    return Audio(samples[None, :].astype(np.float32), "synthetic.wav")


def diarization(shares=(0.7, 0.3), separation: float | None = 0.35, embeddings=None, mode="clustering"):
    """Speaker segments over REGIONS giving each speaker its share of the speech."""
    segments, total = [], sum(b - a for a, b in REGIONS)
    cut = shares[0] * total
    done = 0.0
    for a, b in REGIONS:
        first = min(b, a + max(0.0, cut - done))
        if first > a:
            segments.append(SpeakerSegment(a, first, "SPEAKER_00"))
        if len(shares) > 1 and first < b:
            segments.append(SpeakerSegment(first, b, "SPEAKER_01"))
        done += b - a
    return Diarization(tuple(segments), mode, len(shares), regions=REGIONS, centroids=None,
                       separation=separation if len(shares) > 1 else None, embeddings=embeddings)


def voices_embeddings(shares=(0.6, 0.4), n: int = 300, distance: float = 0.35) -> np.ndarray:
    """Unit window embeddings around one or two voice directions ``distance`` apart (cosine)."""
    a = RNG.normal(size=256)
    a /= np.linalg.norm(a)
    r = RNG.normal(size=256)
    r -= (r @ a) * a
    r /= np.linalg.norm(r)
    b = (1 - distance) * a + np.sqrt(1 - (1 - distance) ** 2) * r
    centres = np.repeat(np.stack([a, b])[: len(shares)], [int(n * s) for s in shares], axis=0)
    vectors = centres + RNG.normal(scale=0.025, size=centres.shape)
    return (vectors / np.linalg.norm(vectors, axis=1, keepdims=True)).astype(np.float32)


# --- signal measures --------------------------------------------------------------------------


def test_level_is_the_speech_rms_in_dbfs_and_a_quiet_recording_is_flagged():
    q = quality.assess(audio(voice(amplitude=0.1)), diarization(), 2)
    assert q.level_dbfs == pytest.approx(-20.0, abs=0.3) and q.speech_seconds == pytest.approx(15.0, abs=0.3)
    assert q.verdict == "ok" and q.reasons == ()
    quiet = quality.assess(audio(voice(amplitude=0.001)), diarization(), 2)
    assert quiet.level_dbfs == pytest.approx(-60.0, abs=0.3)
    assert [(r.measure, r.severity) for r in quiet.reasons] == [("level", "check")] and quiet.verdict == "check"


def test_clipping_counts_samples_at_full_scale():
    clean = quality.assess(audio(voice(amplitude=0.3)), diarization(), 2)
    assert clean.clipped_share == 0.0
    clipped = quality.assess(audio(np.clip(voice(amplitude=0.3) * 4, -1, 1)), diarization(), 2)
    assert clipped.clipped_share > 0.05
    assert [r.measure for r in clipped.reasons] == ["clipping"] and clipped.verdict == "check"


@pytest.mark.parametrize("snr", [30.0, 12.0, 6.0, 0.0])
def test_snr_is_estimated_from_speech_and_non_speech_stretches(snr):
    clean = voice(amplitude=0.1)
    noise = RNG.normal(scale=0.1 / 10 ** (snr / 20), size=len(clean))
    q = quality.assess(audio(clean + noise), diarization(), 2)
    assert q.snr_db == pytest.approx(snr, abs=1.0)
    severity = {r.measure: r.severity for r in q.reasons}.get("snr")
    assert severity == (None if snr >= quality.SNR_CHECK_DB else "check" if snr >= quality.SNR_UNRELIABLE_DB
                        else "unreliable")


def test_snr_leaves_digital_silence_out_of_the_noise_floor():
    noisy = voice(amplitude=0.1) + RNG.normal(scale=0.01, size=20 * SAMPLE_RATE)  # 20 dB
    padded = np.concatenate([np.zeros(10 * SAMPLE_RATE), noisy, np.zeros(10 * SAMPLE_RATE)])
    regions = tuple((a + 10, b + 10) for a, b in REGIONS)
    q = quality.signal_measures(padded.astype(np.float32), regions)
    assert q[2] == pytest.approx(20.0, abs=1.0)


def test_narrow_band_speech_is_flagged_and_wideband_is_not():
    wide = quality.assess(audio(voice(top_hz=7500)), diarization(), 2)
    assert -30 < wide.high_band_db < -10 and wide.verdict == "ok"
    phone = quality.assess(audio(voice(top_hz=3400)), diarization(), 2)
    assert phone.high_band_db < quality.NARROW_BAND_DB
    assert [r.measure for r in phone.reasons] == ["bandwidth"] and "telephone" in phone.reasons[0].message
    noise = quality.assess(audio(RNG.normal(scale=0.1, size=20 * SAMPLE_RATE)), diarization(), 2)
    assert noise.high_band_db == pytest.approx(-3.0, abs=0.5)  # white: half the band is above 4 kHz


def test_silence_and_no_speech_give_no_measures_and_no_crash():
    silent = quality.signal_measures(np.zeros(5 * SAMPLE_RATE, dtype=np.float32), ())
    assert silent == (None, 0.0, None, None, 0.0)
    q = quality.signal_measures(np.zeros(5 * SAMPLE_RATE, dtype=np.float32), ((0.0, 2.0),))
    assert q[0] < -100 and q[1] == 0.0 and q[3] is None


# --- speakers -----------------------------------------------------------------------------------


def test_balance_between_speakers():
    clean = audio(voice())
    assert quality.assess(clean, diarization((0.7, 0.3)), 2).verdict == "ok"
    dominant = quality.assess(clean, diarization((0.93, 0.07)), 2)
    assert dominant.speaker_shares[0].share == pytest.approx(0.93, abs=0.01)
    assert [(r.measure, r.severity) for r in dominant.reasons] == [("balance", "check")]
    collapsed = quality.assess(clean, diarization((0.99, 0.01)), 2)
    assert collapsed.verdict == "unreliable" and "merged into one speaker" in collapsed.reasons[0].message


def test_two_voices_reported_as_one_speaker_are_unreliable_and_the_message_names_speakers():
    embeddings = voices_embeddings((0.6, 0.4))
    q = quality.assess(audio(voice()), diarization((1.0,), embeddings=embeddings), 2)
    assert q.verdict == "unreliable" and q.speakers_found == 1
    assert q.split_separation == pytest.approx(0.35, abs=0.05) and q.split_share == pytest.approx(0.4, abs=0.02)
    (reason,) = q.reasons
    assert reason.measure == "speakers" and "one voice detected" in reason.message and "--speakers" in reason.message
    assert "two groups (60% / 40%)" in reason.message and "(--speakers 2)" in reason.message
    auto = quality.assess(audio(voice()), diarization((1.0,)), None)
    assert auto.verdict == "unreliable" and "(--speakers auto)" in auto.reasons[0].message
    assert "rerun with --speakers 2 if two people speak" in auto.reasons[0].message


def test_a_merged_second_voice_makes_a_merely_dominant_speaker_unreliable():
    q = quality.assess(audio(voice()), diarization((0.93, 0.07), embeddings=voices_embeddings((0.7, 0.3))), 2)
    assert [(r.measure, r.severity) for r in q.reasons] == [("balance", "unreliable")]
    assert "two groups (70% / 30%)" in q.reasons[0].message
    plain = quality.assess(audio(voice()), diarization((0.93, 0.07)), 2)  # no embeddings: no second opinion
    assert [(r.measure, r.severity) for r in plain.reasons] == [("balance", "check")]


def test_one_voice_split_into_two_speakers_is_one_voice_detected():
    embeddings = voices_embeddings((1.0,))
    dominant = quality.assess(audio(voice()), diarization((0.93, 0.07), embeddings=embeddings), 2)
    assert dominant.split_separation < quality.SPLIT_SEPARATION
    assert [(r.measure, r.severity) for r in dominant.reasons] == [("speakers", "unreliable")]
    assert "one voice detected" in dominant.reasons[0].message and "--speakers" in dominant.reasons[0].message
    halves = quality.assess(audio(voice()), diarization((0.6, 0.4), embeddings=embeddings), 2)
    assert [(r.measure, r.severity) for r in halves.reasons] == [("separation", "unreliable")]
    assert "sound like one voice" in halves.reasons[0].message
    two = quality.assess(audio(voice()), diarization((0.6, 0.4), embeddings=voices_embeddings((0.6, 0.4), distance=0.15)),
                         2)
    assert two.verdict == "ok" and two.split_separation == pytest.approx(0.15, abs=0.03)


def test_one_voice_asked_for_or_one_voice_per_channel_is_not_a_speaker_problem():
    one = quality.assess(audio(voice()), diarization((1.0,)), 1)
    assert one.verdict == "ok" and one.speakers_expected == 1
    stereo = quality.assess(audio(voice()), diarization((0.6, 0.4), separation=None, mode="stereo"), 2)
    assert stereo.verdict == "ok" and stereo.mode == "stereo" and stereo.separation is None


def test_frames_are_measured_a_chunk_at_a_time(monkeypatch):
    samples = voice() + RNG.normal(scale=0.01, size=20 * SAMPLE_RATE).astype(np.float32)
    whole = quality.signal_measures(samples, REGIONS)
    monkeypatch.setattr(quality, "CHUNK", quality.FRAME * 7)
    assert quality.signal_measures(samples, REGIONS) == whole


# --- where the verdict goes ---------------------------------------------------------------------


def with_quality(verdict_shares=(1.0,)) -> Session:
    import dataclasses

    s = make_session(("SPEAKER_00", "Hello there.", 0.0, 2.0, "therapist"))
    q = quality.assess(audio(voice()), diarization(verdict_shares), 2)
    return dataclasses.replace(s, meta=dataclasses.replace(s.meta, source_format="audio", audio_quality=q))


def test_the_verdict_survives_session_json_and_shows_in_the_summary():
    session = with_quality()
    again = Session.from_dict(json.loads(json.dumps(session.to_dict())))
    assert again == session and again.meta.audio_quality.verdict == "unreliable"
    text = summary_text(session)
    assert "audio quality: UNRELIABLE" in text and "--speakers" in text and "SNR" in text
    assert "audio quality" not in summary_text(make_session(("T", "Hi.")))  # a transcript has no verdict


def test_too_few_windows_give_no_second_opinion():
    assert quality.voice_split(voices_embeddings(n=quality.MIN_SPLIT_WINDOWS - 10)) == (None, None)
    assert quality.voice_split(None) == (None, None)


@pytest.mark.slow
def test_the_sample_recording_is_ok_and_the_same_voices_collapsed_into_one_speaker_are_unreliable():
    """The bundled two-voice recording through the real diarizer; then its speakers merged into one
    label (what a collapsed clustering returns), with the same embeddings."""
    import dataclasses
    from pathlib import Path

    from transcript_analyzer.audio.decode import decode
    from transcript_analyzer.audio.diarize import Diarizer

    recording = decode(Path(__file__).resolve().parents[2] / "sample_transcripts" / "audio" / "sample_session.ogg")
    result = Diarizer().load()(recording)
    q = quality.assess(recording, result, 2)
    assert q.verdict == "ok", q.reasons
    assert q.split_separation > quality.SPLIT_SEPARATION and q.split_share > 0.3
    merged = dataclasses.replace(result, speakers=1, separation=None, segments=tuple(
        dataclasses.replace(s, speaker="SPEAKER_00") for s in result.segments))
    collapsed = quality.assess(recording, merged, 2)
    assert collapsed.verdict == "unreliable" and collapsed.speakers_found == 1
    assert "one voice detected" in collapsed.reasons[0].message and "two groups" in collapsed.reasons[0].message
    assert "(--speakers 2)" in collapsed.reasons[0].message and "--speakers 1 if only one" in collapsed.reasons[0].message


@pytest.mark.slow
@pytest.mark.data
def test_the_pyannote_sample_is_flagged_as_narrow_band_only(shared_data):
    from transcript_analyzer.audio.decode import decode
    from transcript_analyzer.audio.diarize import Diarizer

    recording = decode(shared_data / "audio" / "pyannote_sample.wav")
    q = quality.assess(recording, Diarizer().load()(recording), 2)
    assert [(r.measure, r.severity) for r in q.reasons] == [("bandwidth", "check")]
    assert q.high_band_db < -60 and q.snr_db > 30 and q.split_separation is None  # 30 s: too short for a split


def test_speech_mask_takes_unsorted_and_overlapping_stretches():
    centres = (np.arange(100) + 0.5) * quality.FRAME / SAMPLE_RATE
    regions = [(0.5, 1.0), (0.1, 0.2), (0.9, 1.2), (0.55, 0.6)]  # one voice per channel: stretches overlap
    expected = np.zeros(100, dtype=bool)
    for a, b in regions:
        expected |= (centres >= a) & (centres < b)
    assert np.array_equal(quality.speech_mask(100, regions), expected)
    assert not quality.speech_mask(10, ()).any()
