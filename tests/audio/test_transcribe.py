import numpy as np
import pytest

from transcript_analyzer.audio.decode import SAMPLE_RATE, decode
from transcript_analyzer.audio.evaluation import wer
from transcript_analyzer.audio.transcribe import AsrOptions, Transcriber
from transcript_analyzer.errors import InputError, ModelError
from transcript_analyzer.resources import whisper_model

JFK = "and so my fellow americans ask not what your country can do for you ask what you can do for your country"


@pytest.fixture(scope="module")
def tiny():
    return Transcriber(AsrOptions(model="tiny.en", threads=2)).load()


@pytest.mark.slow
@pytest.mark.data
def test_jfk_is_transcribed_with_word_times(shared_data, tiny):
    audio = decode(shared_data / "audio" / "jfk.flac")
    seen = []
    result = tiny.transcribe(audio.mono, progress=seen.append)
    text = " ".join(w.text for w in result.words)
    assert wer(JFK, text) <= 0.05
    assert result.language == "en" and seen and seen[-1] <= audio.duration
    starts = [w.start for w in result.words]
    assert starts == sorted(starts) and all(w.end >= w.start for w in result.words)
    assert 0.0 <= result.words[0].start < 1.0 and result.words[-1].end <= audio.duration + 0.1
    assert all(0.0 <= w.probability <= 1.0 for w in result.words)


@pytest.mark.slow
def test_silence_is_an_input_error_not_invented_words(tiny):
    rng = np.random.default_rng(0)
    quiet = (rng.standard_normal(8 * SAMPLE_RATE) * 1e-4).astype(np.float32)
    with pytest.raises(InputError, match="no speech was recognised"):
        tiny.transcribe(quiet, source="quiet.wav")


def test_the_bundled_models_are_found_and_checked():
    assert (whisper_model("tiny.en") / "model.bin").is_file()


def test_an_unknown_model_name_never_downloads(monkeypatch):
    import socket

    def no_network(*args, **kwargs):
        raise AssertionError("a connection was attempted")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    with pytest.raises(ModelError, match="not available offline"):
        whisper_model("large-v3-surely-not-cached")


def test_a_folder_without_a_model(tmp_path):
    with pytest.raises(ModelError, match="no model.bin"):
        whisper_model(str(tmp_path))


def test_a_damaged_model_file_is_refused(tmp_path, monkeypatch):
    from transcript_analyzer import resources

    monkeypatch.setenv(resources.CACHE_ENV, str(tmp_path / "cache"))
    bad = tmp_path / "model.bin"
    bad.write_bytes(b"not the weights")
    with pytest.raises(ModelError, match="sha256 does not match"):
        resources.check_once(bad, "0" * 64)
    resources.check_once(bad, resources.sha256_file(bad))  # right digest: remembered
    assert any((tmp_path / "cache" / "verified").iterdir())


def test_long_audio_is_cut_in_blocks_at_quiet_moments():
    from transcript_analyzer.audio.transcribe import cut_points

    rng = np.random.default_rng(1)
    loud = rng.standard_normal(700 * SAMPLE_RATE).astype(np.float32) * 0.3
    loud[297 * SAMPLE_RATE: 297 * SAMPLE_RATE + SAMPLE_RATE // 2] = 0.0  # a pause near the first boundary
    cuts = cut_points(loud)
    assert cuts[0][0] == 0 and cuts[-1][1] == len(loud)
    assert all(a[1] == b[0] for a, b in zip(cuts, cuts[1:]))
    assert 297 * SAMPLE_RATE <= cuts[0][1] <= 297 * SAMPLE_RATE + SAMPLE_RATE // 2
    assert len(cuts) == 3 and cut_points(loud[: 60 * SAMPLE_RATE]) == [(0, 60 * SAMPLE_RATE)]
