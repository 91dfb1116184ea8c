import numpy as np
import pytest

from transcript_analyzer.audio.decode import SAMPLE_RATE, decode, is_audio
from transcript_analyzer.audio.encode import transcode
from transcript_analyzer.errors import InputError


def write_pcm(path, data, rate):
    """A 16-bit WAV of ``data`` (channels, samples) in -1..1."""
    import av

    layout = "stereo" if data.shape[0] == 2 else "mono"
    with av.open(str(path), "w") as out:
        stream = out.add_stream("pcm_s16le", rate=rate, layout=layout)
        frame = av.AudioFrame.from_ndarray((data.T.reshape(1, -1) * 32767).astype(np.int16), format="s16", layout=layout)
        frame.sample_rate = rate
        for packet in stream.encode(frame):
            out.mux(packet)
        for packet in stream.encode(None):
            out.mux(packet)
    return path


def write_wav(path, seconds=1.0, channels=1, rate=44_100):
    """A 220 Hz tone, louder on each further channel."""
    t = np.arange(int(seconds * rate)) / rate
    tone = (0.2 * np.sin(2 * np.pi * 220 * t)).astype(np.float32)
    return write_pcm(path, np.stack([tone * (c + 1) / channels for c in range(channels)]), rate)


def test_resamples_to_16k_and_keeps_the_channels_apart(tmp_path):
    audio = decode(write_wav(tmp_path / "a.wav", seconds=2.0, channels=2))
    assert audio.channels.shape == (2, 2 * SAMPLE_RATE)
    assert audio.duration == pytest.approx(2.0)
    left, right = np.abs(audio.channels).max(axis=1)
    assert right == pytest.approx(2 * left, rel=0.05)  # not mixed down
    assert audio.mono.shape == (2 * SAMPLE_RATE,)


def test_mono_stays_mono(tmp_path):
    assert decode(write_wav(tmp_path / "m.wav", channels=1)).channels.shape[0] == 1


@pytest.mark.parametrize("content, problem", [
    (b"", "empty"),
    (b"\x00\x01not audio at all" * 50, "not a readable audio or video file"),
])
def test_unreadable_files_are_input_errors(tmp_path, content, problem):
    bad = tmp_path / "bad.mp3"
    bad.write_bytes(content)
    with pytest.raises(InputError, match=problem):
        decode(bad)


def test_missing_file(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        decode(tmp_path / "none.wav")


def test_truncated_file_is_refused_not_half_read(tmp_path):
    write_wav(tmp_path / "w.wav", seconds=3.0)
    flac = tmp_path / "t.flac"
    data = transcode(tmp_path / "w.wav", "flac", "flac", 44_100)
    flac.write_bytes(data[: len(data) // 2] + b"\xff\x00" * 64)
    with pytest.raises(InputError, match="damaged or truncated|could not be decoded"):
        decode(flac)


def test_a_video_without_sound(tmp_path):
    import av

    video = tmp_path / "silent.mp4"
    with av.open(str(video), "w") as out:
        stream = out.add_stream("mpeg4", rate=10)
        stream.width, stream.height, stream.pix_fmt = 32, 32, "yuv420p"
        for i in range(5):
            frame = av.VideoFrame.from_ndarray(np.full((32, 32, 3), i * 40, dtype=np.uint8), format="rgb24")
            for packet in stream.encode(frame):
                out.mux(packet)
        for packet in stream.encode(None):
            out.mux(packet)
    with pytest.raises(InputError, match="has no audio stream \\(found: video\\)"):
        decode(video)


def test_audio_suffixes():
    assert is_audio("x.M4A") and is_audio("s.webm") and is_audio("a.opus")
    assert not is_audio("t.txt") and not is_audio("s.vtt")


@pytest.mark.data
def test_the_shared_clips_decode(shared_data):
    jfk = decode(shared_data / "audio" / "jfk.flac")
    assert jfk.duration == pytest.approx(11.0, abs=0.05)
    assert decode(shared_data / "audio" / "pyannote_sample.wav").duration == pytest.approx(30.0, abs=0.05)
