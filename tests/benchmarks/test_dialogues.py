"""The synthetic dialogue set of the diarization benchmark (benchmarks/dialogues): one short
dialogue is built for real and its references are checked against each other and against the
audio, so the synthesizer cannot rot unnoticed; the split's promises and the scoring are checked
without synthesis."""

from __future__ import annotations

import importlib.util
import json
import shutil
import wave

import numpy as np
import pytest

from benchmarks.dialogues import effects, scoring
from benchmarks.dialogues.build import build_one, synthesize
from benchmarks.dialogues.render import MERGE_GAP
from benchmarks.dialogues.specs import SPECS, Spec, check_split
from benchmarks.dialogues.voices import ALL_VOICES, SAMPLE_RATE

needs_tts = pytest.mark.skipif(shutil.which("espeak-ng") is None or importlib.util.find_spec("hibari") is None,
                               reason="espeak-ng (Debian; `make speechtools`) or hibari-tts (requirements.lock) not installed")
SHORT = Spec("t_test", "tune", "hb_f1", "es_us_m3", minutes=0.33, seed=42)


def _read_wav(path) -> np.ndarray:
    with wave.open(str(path)) as w:
        assert (w.getnchannels(), w.getframerate(), w.getsampwidth()) == (1, SAMPLE_RATE, 2)
        return np.frombuffer(w.readframes(w.getnframes()), dtype="<i2").astype(np.float32) / 32768


@needs_tts
def test_one_short_dialogue_has_consistent_references(tmp_path):
    meta = build_one(SHORT, tmp_path)
    audio = _read_wav(tmp_path / meta["files"]["wav"])
    duration = len(audio) / SAMPLE_RATE
    assert 15 < duration < 40 and abs(duration - meta["duration"]) < 0.01
    segments = [(float(p[3]), float(p[3]) + float(p[4]), p[7]) for p in
                (line.split() for line in (tmp_path / meta["files"]["rttm"]).read_text().splitlines())]
    assert {s for *_, s in segments} == {"hb_f1", "es_us_m3"}
    assert all(0 <= a < b <= duration for a, b, _ in segments)
    for speaker in ("hb_f1", "es_us_m3"):  # one segment per stretch of speech: pauses > MERGE_GAP split them
        own = sorted((a, b) for a, b, s in segments if s == speaker)
        assert all(c - b > MERGE_GAP for (_, b), (c, _) in zip(own, own[1:]))
    words = json.loads((tmp_path / meta["files"]["words"]).read_text())
    assert len(words) > 20
    roles = {"therapist": "hb_f1", "client": "es_us_m3"}
    for w in words:
        assert roles[w["role"]] == w["speaker"]
        assert any(a - 1e-3 <= w["start"] < w["end"] <= b + 1e-3 for a, b, s in segments if s == w["speaker"]), w
    # the references describe the audio: speech is where the RTTM says, silence elsewhere (clean spec)
    inside = np.zeros(len(audio), dtype=bool)
    for a, b, _ in segments:
        inside[int(a * SAMPLE_RATE):int(b * SAMPLE_RATE)] = True
    rms = lambda x: float(np.sqrt(np.mean(x ** 2)))  # noqa: E731
    assert rms(audio[inside]) > 30 * rms(audio[~inside])
    # deterministic and resumable
    again, *_ = synthesize(SHORT)
    assert np.allclose(again, audio, atol=2 / 32768)
    assert build_one(SHORT, tmp_path)["skipped"]


@needs_tts
def test_a_group_session_has_every_voice_speaking_as_a_client(tmp_path):
    spec = Spec("t_group", "tune", "hb_f1", "es_us_m3", minutes=0.75, seed=43, others=("es_rp_f4",))
    meta = build_one(spec, tmp_path)
    words = json.loads((tmp_path / meta["files"]["words"]).read_text())
    spoken = {w["speaker"] for w in words if w["kind"] == "turn"}
    assert spoken == {"hb_f1", "es_us_m3", "es_rp_f4"} and set(meta["voices"]) == spoken
    assert all(w["role"] == ("therapist" if w["speaker"] == "hb_f1" else "client") for w in words)
    assert "group_3" in meta["tags"] and all(meta["speech_seconds"][v] > 1 for v in spoken)


def test_the_fixed_set_keeps_its_promises():
    check_split()
    base = [s for s in SPECS if not s.base]
    assert len(base) >= 24 and all(2 <= s.minutes <= 10 for s in base)
    assert sum(s.minutes >= 6 for s in base) >= 3
    same = [s for s in base if ALL_VOICES[s.therapist].gender == ALL_VOICES[s.client].gender]
    assert len(same) >= 8 and len(base) - len(same) >= 8
    for half in ("tune", "heldout"):
        tags = {t for s in SPECS if s.half == half for t in s.tags()}
        assert {"reverb", "phone", "level_diff", "mp3", "silence_30s", "noise_babble", "clean"} <= tags
    assert {len(s.voices()) for s in SPECS if s.half == "heldout"} == {2, 3, 4}
    with pytest.raises(ValueError):
        check_split([Spec("x", "heldout", "hb_f1", "es_us_m3", 3.0, 1)])
    with pytest.raises(ValueError):  # a group's further voices obey the split too
        check_split([Spec("x", "heldout", "hb_f3", "es_us_m7", 3.0, 1, others=("hb_f1",))])


def test_scoring_tells_a_right_diarization_from_a_collapsed_one():
    reference = [(0.0, 4.0, "a"), (4.5, 8.0, "b"), (8.2, 12.0, "a"), (12.5, 16.0, "b")]
    words = [{"word": f"w{i}", "start": t, "end": t + 0.3, "speaker": s, "role": s, "turn": k, "kind": "turn"}
             for k, (a, b, s) in enumerate(reference) for i, t in enumerate(np.arange(a, b - 0.3, 0.4))]
    relabelled = [(a, b, {"a": "S1", "b": "S0"}[s]) for a, b, s in reference]
    m = scoring.Metrics()
    right = m.score(reference, relabelled, 16.0)
    assert right["der@0.0"] == pytest.approx(0.0) and right["jer@0.25"] == pytest.approx(0.0)
    assert scoring.word_scores(words, reference, relabelled)["words_right"] == 1.0
    assert not scoring.collapsed(reference, relabelled)
    one = [(0.0, 16.0, "S0")]
    assert scoring.collapsed(reference, one)
    assert m.score(reference, one, 16.0)["der@0.25"] > 0.3
    assert scoring.word_scores(words, reference, one)["words_right"] == pytest.approx(0.5, abs=0.05)


def test_mp3_transcode_keeps_the_timing():
    rng = np.random.default_rng(0)
    t = np.arange(3 * SAMPLE_RATE) / SAMPLE_RATE
    x = (0.3 * np.sin(2 * np.pi * 220 * t) * (rng.random(len(t)) > 0.0) * (np.sin(2 * np.pi * 0.7 * t) > 0)).astype(np.float32)
    y = effects.mp3(x)
    assert len(y) == len(x)
    assert float(np.dot(x, y) / (np.linalg.norm(x) * np.linalg.norm(y))) > 0.9
