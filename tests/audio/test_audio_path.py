"""The audio path end to end on real clips: decode -> ASR -> diarization -> turns -> roles."""

import socket

import pytest

from transcript_analyzer.api import Analyzer
from transcript_analyzer.audio.decode import decode
from transcript_analyzer.audio.diarize import Diarizer, stereo_split
from transcript_analyzer.audio.evaluation import der, read_rttm, wer


@pytest.fixture(scope="module")
def analyzer():
    return Analyzer(asr_model="tiny.en", evidence=False)


@pytest.fixture
def no_network(monkeypatch):
    """Any attempt to open a connection fails the test."""
    def refuse(*args, **kwargs):
        raise AssertionError(f"network connection attempted: {args[1:] if len(args) > 1 else args}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


@pytest.mark.slow
@pytest.mark.data
def test_a_two_speaker_recording_becomes_a_coded_session_offline(shared_data, analyzer, no_network):
    session = analyzer.analyze(shared_data / "audio" / "pyannote_sample.wav")
    assert session.meta.source_format == "audio" and session.meta.duration == pytest.approx(30.0, abs=0.05)
    assert {s.role for s in session.speakers} == {"therapist", "client"}
    assert len(session.turns) >= 4 and all(t.words for t in session.turns)
    assert [t.start for t in session.turns] == sorted(t.start for t in session.turns)
    assert any(m.name == "whisper tiny.en" for m in session.meta.models)
    assert session.utterances and all(u.start is not None for u in session.utterances)
    assert any(u.markers for u in session.utterances if u.role == "therapist")


@pytest.mark.slow
@pytest.mark.data
def test_diarization_error_on_the_pyannote_sample(shared_data):
    audio = decode(shared_data / "audio" / "pyannote_sample.wav")
    result = Diarizer().load()(audio)
    score = der(read_rttm(shared_data / "audio" / "pyannote_sample.rttm"), result.segments, collar=0.25)
    assert result.mode == "clustering" and result.speakers == 2
    assert score["der"] <= 0.10


@pytest.mark.slow
@pytest.mark.data
def test_jfk_wer_and_a_mono_recording_is_not_taken_for_stereo(shared_data, analyzer):
    audio = decode(shared_data / "audio" / "jfk.flac")
    assert not stereo_split(audio)  # two identical channels
    words = analyzer.read(shared_data / "audio" / "jfk.flac").turns
    text = " ".join(t.text for t in words)
    assert wer("And so my fellow Americans, ask not what your country can do for you, "
               "ask what you can do for your country.", text) <= 0.05


def test_der_and_wer_on_known_cases():
    from transcript_analyzer.audio.diarize import SpeakerSegment as S

    ref = [S(0.0, 10.0, "a"), S(10.0, 20.0, "b")]
    assert der(ref, [S(0.0, 10.0, "x"), S(10.0, 20.0, "y")])["der"] == 0.0
    swapped = der(ref, [S(0.0, 15.0, "x"), S(15.0, 20.0, "y")], collar=0.0)
    assert swapped["confusion"] == pytest.approx(0.25, abs=0.01)
    assert der(ref, [], collar=0.0)["missed"] == pytest.approx(1.0)
    assert wer("Mm-hmm, I see.", "mhm i see") == 0.0 and wer("a b c d", "a x c") == 0.5
    # the collar is forgiven on EACH side of a reference boundary (pyannote.metrics gets twice it)
    late = [S(0.0, 10.2, "x"), S(10.2, 20.0, "y")]
    assert der(ref, late, collar=0.25)["der"] == 0.0
    assert der(ref, late, collar=0.1)["confusion"] == pytest.approx(0.1 / 19.6)
    assert wer("", "") == 0.0 and wer("", "extra") == 1.0 and wer("one two", "") == 1.0


def test_rttm_is_read_in_time_order(tmp_path):
    rttm = tmp_path / "x.rttm"
    rttm.write_text("SPEAKER x 1 5.000 2.500 <NA> <NA> B <NA> <NA>\nSPEAKER x 1 0.250 4.000 <NA> <NA> A <NA> <NA>\n")
    assert [(s.start, s.end, s.speaker) for s in read_rttm(rttm)] == [(0.25, 4.25, "A"), (5.0, 7.5, "B")]


@pytest.mark.slow
@pytest.mark.data
def test_one_voice_per_channel_is_detected_and_each_channel_transcribed(shared_data, analyzer):
    path = shared_data / "audio" / "stereo_diarization.wav"
    assert stereo_split(decode(path))
    session = analyzer.read(path)
    by_speaker = {t.speaker: t.text for t in session.turns}
    assert wer("He began a confused complaint against the wizard, who had vanished behind the curtain on the left.",
               by_speaker["SPEAKER_00"]) <= 0.1
    assert wer("The horizon seems extremely distant.", by_speaker["SPEAKER_01"]) <= 0.1
    assert any("one voice per channel" in w for w in session.meta.warnings)


def test_speaker_count_estimate_on_separated_voices():
    import numpy as np

    from transcript_analyzer.audio.diarize import estimate_speakers

    rng = np.random.default_rng(0)
    centres = rng.standard_normal((3, 256))

    def voices(k, n=60):
        v = np.concatenate([centres[i] + 0.3 * rng.standard_normal((n, 256)) for i in range(k)])
        return v / np.linalg.norm(v, axis=1, keepdims=True)

    assert [estimate_speakers(voices(k)) for k in (1, 2, 3)] == [1, 2, 3]


@pytest.mark.slow
@pytest.mark.data
def test_speakers_auto_on_the_real_clips(shared_data):
    from transcript_analyzer.audio.diarize import DiarizeOptions

    diarizer = Diarizer(DiarizeOptions(speakers=None)).load()
    found = {name: diarizer(decode(shared_data / "audio" / name)).speakers for name in ("pyannote_sample.wav", "jfk.flac")}
    assert found == {"pyannote_sample.wav": 2, "jfk.flac": 1}
