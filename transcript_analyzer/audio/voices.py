"""Speaker embeddings: Resemblyzer's pretrained GE2E voice encoder (a 3-layer LSTM over 40-band
mel spectrograms, 256-d d-vectors; Apache-2.0), run by the project's own code.

The network runs as an ONNX graph in ONNX Runtime, shipped in ``trained_models/voice_encoder/``
(exported from Resemblyzer's weights by ``export_model``; checked against the torch network by
tests/audio/test_voices.py), so that reading a recording needs neither PyTorch nor Resemblyzer.
To export it again, the ``resemblyzer`` package is installed without its dependencies
(``webrtcvad`` no longer imports, ``librosa`` costs seconds of JIT compilation; the Makefile does
this) and is never imported: only its weights file is read. The mel spectrogram is computed here
exactly as librosa computes it for Resemblyzer (25 ms Hann window, 10 ms hop, power spectrum,
Slaney mel filters, no log).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np

from ..errors import ModelError
from ..resources import TORCH_IMPORT_LOCK, cache_dir, check_once, find_model, onnx_session, verify, write_sums
from .decode import SAMPLE_RATE

WEIGHTS_SHA256 = "39373b86598fa3da9fcddee6142382efe09777e8d37dc9c0561f41f0070f134e"
SHIPPED = "voice_encoder"  # trained_models/voice_encoder/: model.onnx exported from the weights above
N_FFT, HOP, N_MELS = 400, 160, 40
TARGET_DBFS = -30.0


def weights_path() -> Path:
    spec = importlib.util.find_spec("resemblyzer")
    if spec is None or not spec.submodule_search_locations:
        raise ModelError("the speaker-embedding weights (package resemblyzer==0.1.4) are not installed; run `make install`")
    path = Path(list(spec.submodule_search_locations)[0]) / "pretrained.pt"
    if not path.is_file():
        raise ModelError(f"{path}: missing; reinstall resemblyzer==0.1.4")
    return path


def _hz_to_mel(f: np.ndarray) -> np.ndarray:
    """Slaney mel scale (librosa's default, htk=False): linear below 1 kHz, logarithmic above."""
    f = np.asarray(f, dtype=np.float64)
    f_sp, min_log_hz = 200.0 / 3, 1000.0
    min_log_mel, logstep = min_log_hz / f_sp, np.log(6.4) / 27.0
    return np.where(f >= min_log_hz, min_log_mel + np.log(np.maximum(f, 1e-10) / min_log_hz) / logstep, f / f_sp)


def _mel_to_hz(m: np.ndarray) -> np.ndarray:
    m = np.asarray(m, dtype=np.float64)
    f_sp, min_log_hz = 200.0 / 3, 1000.0
    min_log_mel, logstep = min_log_hz / f_sp, np.log(6.4) / 27.0
    return np.where(m >= min_log_mel, min_log_hz * np.exp(logstep * (m - min_log_mel)), f_sp * m)


def mel_filters(sr: int = SAMPLE_RATE, n_fft: int = N_FFT, n_mels: int = N_MELS) -> np.ndarray:
    """(n_mels, 1 + n_fft // 2) triangular filters with Slaney area normalisation."""
    fft_freqs = np.linspace(0, sr / 2, 1 + n_fft // 2)
    mel_f = _mel_to_hz(np.linspace(_hz_to_mel(0.0), _hz_to_mel(sr / 2), n_mels + 2))
    fdiff = np.diff(mel_f)
    ramps = mel_f[:, None] - fft_freqs[None, :]
    lower = -ramps[:-2] / fdiff[:-1, None]
    upper = ramps[2:] / fdiff[1:, None]
    weights = np.maximum(0, np.minimum(lower, upper))
    weights *= (2.0 / (mel_f[2:n_mels + 2] - mel_f[:n_mels]))[:, None]
    return weights.astype(np.float32)


def mel_spectrogram(wav: np.ndarray, filters: np.ndarray) -> np.ndarray:
    """(frames, 40) power mel spectrogram, centred frames with zero padding (librosa >= 0.10)."""
    padded = np.pad(wav.astype(np.float32), N_FFT // 2)
    n_frames = 1 + (len(padded) - N_FFT) // HOP
    if n_frames <= 0:
        return np.zeros((0, N_MELS), dtype=np.float32)
    index = np.arange(N_FFT)[None, :] + HOP * np.arange(n_frames)[:, None]
    window = (0.5 - 0.5 * np.cos(2 * np.pi * np.arange(N_FFT) / N_FFT)).astype(np.float32)  # periodic Hann
    power = np.abs(np.fft.rfft(padded[index] * window, axis=1)) ** 2
    return (power @ filters.T).astype(np.float32)


def _torch_net(path: Path):
    """Resemblyzer's network in torch, from its weights file (used once, to export the ONNX graph)."""
    import torch
    from torch import nn

    state = torch.load(path, map_location="cpu", weights_only=False)["model_state"]

    class _Net(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.lstm = nn.LSTM(N_MELS, 256, 3, batch_first=True)
            self.linear = nn.Linear(256, 256)

        def forward(self, mels: torch.Tensor) -> torch.Tensor:
            _, (hidden, _) = self.lstm(mels)
            raw = torch.relu(self.linear(hidden[-1]))
            return raw / torch.clamp(torch.norm(raw, dim=1, keepdim=True), min=1e-8)

    net = _Net()
    net.load_state_dict({k: v for k, v in state.items() if not k.startswith("similarity")})
    return net.eval()


def onnx_path() -> Path:
    """Where ``VoiceEncoder(model=None)`` exports the graph from the checked weights on first use."""
    return cache_dir() / "models" / f"voice-encoder-{WEIGHTS_SHA256[:16]}.onnx"


def export_model(out_dir: Path) -> Path:
    """Write the shipped model folder: model.onnx exported from Resemblyzer's checked weights (needs
    torch and resemblyzer) and its SHA256SUMS; the folder's card.md is kept as it is."""
    weights = weights_path()
    check_once(weights, WEIGHTS_SHA256)
    out_dir = Path(out_dir)
    export_onnx(weights, out_dir / "model.onnx")
    (out_dir / "model.onnx").chmod(0o644)  # package data: readable by every user of an installed copy
    write_sums(out_dir, ["model.onnx"])
    return out_dir


def export_onnx(weights: Path, target: Path) -> Path:
    """Export the torch network to ``target`` (atomically: a half-written file is never left
    behind) after checking that ONNX Runtime gives the same embeddings on a random batch."""
    import os
    import tempfile
    import warnings

    with TORCH_IMPORT_LOCK:  # not while spaCy is being imported without torch (resources._import_spacy)
        import torch

    net = _torch_net(weights)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".onnx.part")
    os.close(fd)
    try:
        probe = torch.from_numpy(np.random.default_rng(0).random((3, 151, N_MELS), dtype=np.float32))
        with torch.inference_mode():
            expected = net(probe).numpy()
        with warnings.catch_warnings():  # "batch size other than 1 with LSTM": the states start at zero, checked below
            warnings.simplefilter("ignore")
            torch.onnx.export(net, (probe,), tmp, input_names=["mels"], output_names=["embedding"], opset_version=17,
                              dynamo=False, dynamic_axes={"mels": {0: "batch", 1: "frames"}, "embedding": {0: "batch"}})
        got = onnx_session(Path(tmp)).run(None, {"mels": probe.numpy()})[0]
        if not np.allclose(got, expected, atol=1e-4):
            raise ModelError(f"{target}: the exported voice encoder does not match the torch network")
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return target


class VoiceEncoder:
    """``embed(windows)``: one L2-normalised 256-d vector per list of waveform pieces.

    Runs as an ONNX graph in ONNX Runtime (already loaded for the text encoder): the shipped one
    (``model``, a folder name under trained_models/ or a path, checked against its SHA256SUMS), or
    with ``model=None`` one exported once from Resemblyzer's torch weights into the cache
    (voices.onnx_path). A recording's run never imports torch, which cost about 1 s of every run
    (benchmarks/e2e_ratio.py)."""

    def __init__(self, threads: int = 2, model: str | None = SHIPPED):
        self.threads = threads
        self.model = model
        self._session = None
        self._filters = mel_filters()

    def load(self) -> VoiceEncoder:
        if self._session is not None:
            return self
        if self.model is not None:
            folder = find_model(self.model)
            verify(folder)
            self._session = onnx_session(folder / "model.onnx", threads=self.threads)
            return self
        path = onnx_path()
        if not path.is_file():
            weights = weights_path()
            check_once(weights, WEIGHTS_SHA256)
            export_onnx(weights, path)
        try:
            self._session = onnx_session(path, threads=self.threads)
        except ModelError:  # a damaged cached export: export it again from the checked weights
            weights = weights_path()
            check_once(weights, WEIGHTS_SHA256)
            self._session = onnx_session(export_onnx(weights, path), threads=self.threads)
        return self

    def embed(self, windows: list[np.ndarray], batch: int = 64) -> np.ndarray:
        """Embeddings of equal-length waveform windows (volume-normalised like Resemblyzer)."""
        if not windows:
            return np.zeros((0, 256), dtype=np.float32)
        return np.concatenate([self._embed_batch(windows[i:i + batch]) for i in range(0, len(windows), batch)])

    def embed_windows(self, samples: np.ndarray, starts: list[float], seconds: float, batch: int = 64) -> np.ndarray:
        """Embeddings of ``seconds``-long windows of ``samples`` starting at ``starts`` (seconds),
        cut a batch at a time so that a long recording never holds all windows in memory."""
        width = int(seconds * SAMPLE_RATE)
        out = np.zeros((len(starts), 256), dtype=np.float32)
        for i in range(0, len(starts), batch):
            pieces = []
            for s in starts[i:i + batch]:
                a = int(s * SAMPLE_RATE)
                piece = samples[a:a + width]
                pieces.append(piece if len(piece) == width else np.pad(piece, (0, width - len(piece))))
            out[i:i + len(pieces)] = self._embed_batch(pieces)
        return out

    def _embed_batch(self, windows: list[np.ndarray]) -> np.ndarray:
        self.load()
        mels = np.stack([mel_spectrogram(_normalise(w), self._filters) for w in windows])
        return self._session.run(None, {"mels": mels})[0].astype(np.float32)


def _normalise(wav: np.ndarray) -> np.ndarray:
    """Raise quiet audio to -30 dBFS (never lower loud audio), as Resemblyzer's preprocessing does."""
    rms = float(np.sqrt(np.mean(wav.astype(np.float64) ** 2)))
    if rms <= 1e-9:
        return wav
    change = TARGET_DBFS - 20 * np.log10(rms)
    return wav * (10 ** (change / 20)) if change > 0 else wav
