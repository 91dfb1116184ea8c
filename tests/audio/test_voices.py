"""The voice encoder runs as an ONNX graph exported from Resemblyzer's torch weights: the same
embeddings as the torch network, for any batch size and window length, and a damaged or missing
export is rebuilt from the checked weights."""

import numpy as np
import pytest

from transcript_analyzer.audio import voices
from transcript_analyzer.resources import CACHE_ENV


@pytest.fixture()
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    return tmp_path


def speechlike(seconds: float, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    t = np.arange(int(seconds * 16000)) / 16000
    pitch = 110 + 40 * rng.random()
    wave = sum(np.sin(2 * np.pi * pitch * h * t) / h for h in range(1, 12)) * (0.5 + 0.5 * np.sin(2 * np.pi * 3 * t))
    return (0.1 * wave + 0.01 * rng.standard_normal(len(t))).astype(np.float32)


def test_onnx_export_gives_the_torch_networks_embeddings(cache):
    import torch

    encoder = voices.VoiceEncoder().load()
    assert voices.onnx_path().is_file() and voices.onnx_path().is_relative_to(cache)
    assert not list(voices.onnx_path().parent.glob("*.part"))  # written atomically
    net = voices._torch_net(voices.weights_path())
    for n, seconds in ((1, 1.5), (5, 1.5), (3, 0.7), (70, 1.5)):  # 70: more than one batch of 64
        windows = [speechlike(seconds, i) for i in range(n)]
        got = encoder.embed(windows)
        mels = np.stack([voices.mel_spectrogram(voices._normalise(w), encoder._filters) for w in windows])
        with torch.inference_mode():
            expected = net(torch.from_numpy(mels)).numpy()
        assert got.shape == (n, 256)
        np.testing.assert_allclose(got, expected, atol=1e-4)
        np.testing.assert_allclose(np.linalg.norm(got, axis=1), 1.0, atol=1e-5)


def test_a_damaged_export_is_rebuilt(cache):
    path = voices.onnx_path()
    path.parent.mkdir(parents=True)
    path.write_bytes(b"not an onnx graph")
    encoder = voices.VoiceEncoder().load()
    assert path.stat().st_size > 1_000_000
    assert encoder.embed([speechlike(1.5, 0)]).shape == (1, 256)
