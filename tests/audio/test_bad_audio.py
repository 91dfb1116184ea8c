"""Bad recordings: a clear message naming the problem, exit status 2, nothing written."""

import numpy as np
import pytest
from click.testing import CliRunner

from transcript_analyzer.cli import main

from .test_decode import write_pcm, write_wav


def silent_wav(path):
    """Six seconds of faint noise (about -60 dBFS) and nothing else."""
    noise = np.random.default_rng(0).standard_normal((1, 16_000 * 6)) * 30 / 32767
    return write_pcm(path, noise, 16_000)


def video_without_sound(path):
    import av

    with av.open(str(path), "w") as out:
        stream = out.add_stream("mpeg4", rate=10)
        stream.width, stream.height, stream.pix_fmt = 32, 32, "yuv420p"
        for i in range(5):
            for packet in stream.encode(av.VideoFrame.from_ndarray(np.zeros((32, 32, 3), np.uint8), format="rgb24")):
                out.mux(packet)
        for packet in stream.encode(None):
            out.mux(packet)
    return path


def writing(data):
    def make(path):
        path.write_bytes(data() if callable(data) else data)
        return path
    return make


def truncated_wav(path):
    whole = write_wav(path, seconds=2.0).read_bytes()
    path.write_bytes(whole[:30])
    return path


CASES = {
    "empty.wav": (writing(b""), "the file is empty"),
    "corrupt.mp3": (writing(b"ID3\x03junk" + bytes(range(256)) * 40), "not a readable audio"),
    "unsupported.mkv": (writing(b"\x1aE\xdf\xa3" + b"\x00" * 500), "not a readable audio"),
    "truncated.wav": (truncated_wav, "not a readable audio"),
    "video.mp4": (video_without_sound, "has no audio stream"),
    "silence.wav": (silent_wav, "no speech was recognised"),
}


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_recordings_fail_cleanly(tmp_path, name):
    make, message = CASES[name]
    path = make(tmp_path / name)
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["analyze", str(path), "--out", str(out), "--asr-model", "tiny.en"])
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("error: ") and name in result.stderr and message in result.stderr
    assert not out.exists()
