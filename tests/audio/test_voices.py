"""The voice encoder runs as an ONNX graph exported from Resemblyzer's torch weights: the shipped
graph (trained_models/voice_encoder/) gives the same embeddings as the torch network, for any batch
size and window length, and is what a fresh export writes; without the shipped graph
(``model=None``) an export in the cache is used, and a damaged or missing one is rebuilt from the
checked weights."""

import importlib.util
import shutil

import numpy as np
import pytest

from transcript_analyzer.audio import voices
from transcript_analyzer.errors import ModelError
from transcript_analyzer.resources import CACHE_ENV, find_model


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


def torch_and_weights():
    torch = pytest.importorskip("torch", reason="exporting the voice encoder needs torch (the [train] extra)")
    if importlib.util.find_spec("resemblyzer") is None:
        pytest.skip("resemblyzer==0.1.4 (installed --no-deps by `make install`) is needed for its weights")
    return torch


@pytest.mark.parametrize("shipped", [True, False], ids=["shipped", "cache-export"])
def test_onnx_graph_gives_the_torch_networks_embeddings(cache, shipped):
    torch = torch_and_weights()
    encoder = voices.VoiceEncoder(model=voices.SHIPPED if shipped else None).load()
    if shipped:
        assert not voices.onnx_path().exists()  # the shipped graph needs no export
    else:
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


def test_a_fresh_export_is_the_shipped_graph(tmp_path):
    torch_and_weights()
    voices.export_model(tmp_path)
    assert (tmp_path / "SHA256SUMS").read_text() == (find_model(voices.SHIPPED) / "SHA256SUMS").read_text()


def test_a_changed_shipped_graph_is_refused(tmp_path):
    folder = tmp_path / "voice_encoder"
    shutil.copytree(find_model(voices.SHIPPED), folder)
    with open(folder / "model.onnx", "r+b") as f:
        f.seek(-8, 2)
        f.write(b"\0" * 8)
    with pytest.raises(ModelError, match="checksum mismatch"):
        voices.VoiceEncoder(model=str(folder)).load()


def test_a_damaged_export_is_rebuilt(cache):
    torch_and_weights()
    path = voices.onnx_path()
    path.parent.mkdir(parents=True)
    path.write_bytes(b"not an onnx graph")
    encoder = voices.VoiceEncoder(model=None).load()
    assert path.stat().st_size > 1_000_000
    assert encoder.embed([speechlike(1.5, 0)]).shape == (1, 256)
