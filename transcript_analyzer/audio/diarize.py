"""Who spoke when: voice activity (silero, as shipped in faster-whisper) -> 1.5 s windows with a
0.25 s hop over the speech (a 0.75 s hop left too few windows to cluster: DER 46 % against 6 % on
the pyannote sample) -> voice embeddings (voices.py) -> k-means on the unit embeddings into N
speakers (2 by default: a therapy dyad; or estimated by eigengap) ->
a 0.1 s grid labelled by its nearest centroid and smoothed -> speaker segments. Frame-level
scores (each frame's similarity to each speaker, unsmoothed and sharpened: frames.py) are kept
too (``Diarization.frames``): the aligner scores each word by the frames inside its own times.

A stereo recording whose channels each carry one voice (telehealth, two microphones) is detected
from the channels' energy and diarized by channel instead: no clustering needed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ..errors import InputError
from .decode import SAMPLE_RATE, Audio
from .frames import GRID, FrameScores, frame_scores, sharpen
from .voices import VoiceEncoder

MAX_CLUSTERED = 2000  # windows (about 8 minutes of speech at a 0.25 s hop); memory grows with its square


@dataclass(frozen=True)
class SpeakerSegment:
    start: float
    end: float
    speaker: str


@dataclass(frozen=True)
class DiarizeOptions:
    speakers: int | None = 2
    """Number of speakers; None = estimate it (1 to ``max_speakers``) from the eigengap."""
    max_speakers: int = 6
    window: float = 1.5
    hop: float = 0.25
    stereo: str = "auto"
    """'auto' (detect one voice per channel), 'on' or 'off'."""
    smooth: float = 0.5
    """Median filter over the label grid, in seconds."""


@dataclass(frozen=True)
class Diarization:
    segments: tuple[SpeakerSegment, ...]
    mode: str  # "clustering" or "stereo"
    speakers: int
    frames: FrameScores | None = None
    """Per-frame speaker scores (clustering mode only)."""
    regions: tuple[tuple[float, float], ...] = ()
    """Speech stretches (seconds) found by the voice activity detector."""
    centroids: np.ndarray | None = field(default=None, compare=False)
    """(labelled speakers, 256) unit voice centroids, row i for SPEAKER_0i (clustering only)."""
    separation: float | None = None
    """Smallest cosine distance between two labelled speakers' centroids (None: fewer than two)."""
    embeddings: np.ndarray | None = field(default=None, compare=False)
    """The clustered window embeddings (clustering only), for quality checks (audio/quality.py)."""


def speech_regions(samples: np.ndarray, min_silence: float = 0.6) -> list[tuple[float, float]]:
    """Speech stretches in seconds, from the silero detector bundled with faster-whisper. Pauses
    shorter than ``min_silence`` stay inside the stretch: a speaker's breath between sentences is
    part of the turn (RTTM references count it as speech; with 0.3 s the sample lost 3.5 % as
    missed speech)."""
    from faster_whisper.vad import VadOptions, get_speech_timestamps

    options = VadOptions(threshold=0.5, min_speech_duration_ms=200, min_silence_duration_ms=int(min_silence * 1000),
                         speech_pad_ms=100)
    return [(t["start"] / SAMPLE_RATE, t["end"] / SAMPLE_RATE) for t in get_speech_timestamps(samples, options)]


def stereo_split(audio: Audio, max_correlation: float = 0.3, seconds: float = 120.0) -> bool:
    """Whether each channel carries its own voice (telehealth, two headsets): both channels hold
    speech, and they are not versions of one signal (a room recorded in stereo, or mono copied to
    two channels, correlates strongly at some lag within 20 ms)."""
    if audio.channels.shape[0] < 2:
        return False
    n = min(audio.channels.shape[1], int(seconds * SAMPLE_RATE))
    left, right = audio.channels[0, :n].astype(np.float64), audio.channels[1, :n].astype(np.float64)
    if np.allclose(left, right, atol=1e-4):
        return False
    frame = SAMPLE_RATE // 50
    k = n // frame
    if k < 10:
        return False
    active = lambda x: (np.sqrt(np.mean(x[: k * frame].reshape(k, frame) ** 2, axis=1)) > 0.01).mean()  # noqa: E731
    if active(left) < 0.05 or active(right) < 0.05:
        return False
    left, right = left - left.mean(), right - right.mean()
    size = 1 << int(np.ceil(np.log2(2 * n)))
    xcorr = np.fft.irfft(np.fft.rfft(left, size) * np.conj(np.fft.rfft(right, size)), size)
    lag = int(0.02 * SAMPLE_RATE)
    peak = np.max(np.abs(np.concatenate([xcorr[:lag + 1], xcorr[-lag:]])))
    return bool(peak / (np.linalg.norm(left) * np.linalg.norm(right) + 1e-12) < max_correlation)


class Diarizer:
    def __init__(self, options: DiarizeOptions | None = None, encoder: VoiceEncoder | None = None):
        self.options = options or DiarizeOptions()
        self.encoder = encoder or VoiceEncoder()

    def load(self) -> Diarizer:
        self.encoder.load()
        return self

    def __call__(self, audio: Audio) -> Diarization:
        stereo = self.options.stereo == "on" or (self.options.stereo == "auto" and stereo_split(audio))
        if stereo:
            return self._by_channel(audio)
        return self.cluster(audio.mono, audio.source)

    # --- one voice per channel -----------------------------------------------------------------

    def _by_channel(self, audio: Audio) -> Diarization:
        segments = []
        for c in range(2):
            for start, end in speech_regions(audio.channels[c]):
                segments.append(SpeakerSegment(round(start, 3), round(end, 3), f"SPEAKER_0{c}"))
        segments.sort(key=lambda s: (s.start, s.end))
        if not segments:
            raise InputError(audio.source, "no speech was found in the recording")
        return Diarization(tuple(_relabel(segments)), "stereo", len({s.speaker for s in segments}),
                           regions=tuple(_union((s.start, s.end) for s in segments)))

    # --- one mixed signal --------------------------------------------------------------------

    def cluster(self, samples: np.ndarray, source: str) -> Diarization:
        """Speakers of one mixed signal, by clustering voice embeddings."""
        regions = speech_regions(samples)
        if not regions:
            raise InputError(source, "no speech was found in the recording")
        starts = _window_starts(regions, self.options.window, self.options.hop, len(samples) / SAMPLE_RATE)
        vectors = self.encoder.load().embed_windows(samples, starts, self.options.window)
        # Estimating the number of voices needs all pairwise similarities: on a long recording it
        # uses an evenly spread subset (MAX_CLUSTERED windows); k-means then clusters every window.
        step = max(1, int(np.ceil(len(vectors) / MAX_CLUSTERED)))
        subset = vectors[::step]
        labels, k = _cluster(vectors, self.options.speakers, self.options.max_speakers, subset)
        centroids = np.stack([_unit(vectors[labels == c].mean(axis=0)) for c in range(k)])
        times, scores, region_of = frame_scores(regions, starts, vectors, centroids, self.options.window)
        grid = _grid_labels(times, scores, region_of, self.options.smooth)
        segments = _segments(grid)
        names = _names(segments)
        present = sorted(names, key=names.get)  # cluster ids in label order; a cluster no frame chose is left out
        sharp = sharpen(times, scores, region_of, starts, vectors @ centroids.T, self.options.window)
        frames = FrameScores(times, sharp[:, [int(c) for c in present]], tuple(names[c] for c in present))
        labelled = centroids[[int(c) for c in present]]  # in SPEAKER_nn order
        return Diarization(tuple(_relabel(segments)), "clustering", k, frames=frames, regions=tuple(regions),
                           centroids=labelled, separation=_separation(labelled), embeddings=subset)


def _separation(centroids: np.ndarray) -> float | None:
    """Smallest cosine distance between two unit centroids: how far apart the closest two voices are."""
    if len(centroids) < 2:
        return None
    similarity = centroids @ centroids.T
    return round(float(1.0 - similarity[np.triu_indices(len(centroids), 1)].max()), 4)


def _window_starts(regions: list[tuple[float, float]], window: float, hop: float, duration: float) -> list[float]:
    starts: list[float] = []
    for a, b in regions:
        if b - a <= window:
            starts.append(max(0.0, min((a + b - window) / 2, duration - window)))
            continue
        s = a
        while s + window < b:
            starts.append(s)
            s += hop
        starts.append(b - window)
    return starts


def _union(spans) -> list[tuple[float, float]]:
    merged: list[tuple[float, float]] = []
    for a, b in sorted(spans):
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], b))
        else:
            merged.append((a, b))
    return merged


def _unit(v: np.ndarray) -> np.ndarray:
    return v / max(float(np.linalg.norm(v)), 1e-8)


def _cluster(vectors: np.ndarray, speakers: int | None, max_speakers: int,
             sample: np.ndarray | None = None) -> tuple[np.ndarray, int]:
    """Cluster labels and their number: k-means (k given, or estimated by the eigengap on
    ``sample``) on the unit embeddings.

    Not agglomerative clustering with average linkage, which this module used before issue 11: on
    unseen two-voice dialogues it split off a handful of odd windows as the "second speaker" and
    merged both voices (4 of 32 synthetic dialogues collapsed, all same-gender pairs or babble
    noise; held-out pooled DER 8.5 %); k-means on the same embeddings collapsed none (held-out DER
    2.5 %, the real pyannote clip 5.9 % -> 2.9 %). benchmarks/diarization_benchmark.py measures both."""
    n = len(vectors)
    if n < 2 or speakers == 1:
        return np.zeros(n, dtype=int), 1
    k = min(speakers, n) if speakers is not None else estimate_speakers(vectors if sample is None else sample, max_speakers)
    if k <= 1:
        return np.zeros(n, dtype=int), 1
    labels = kmeans(vectors, k)
    return labels, int(labels.max()) + 1


def kmeans(vectors: np.ndarray, k: int, restarts: int = 10, iterations: int = 30, seed: int = 0) -> np.ndarray:
    """Cluster labels 0..k-1 of the best of ``restarts`` k-means runs (k-means++ seeding, Lloyd
    iterations), best = lowest within-cluster sum of squares; deterministic for a given ``seed``.

    scipy.cluster.vq.kmeans2 rather than scikit-learn's KMeans (the same algorithm, which this
    module used first): importing sklearn.cluster costs 1.2-1.6 s in every recording's run against
    0.1-0.4 s for scipy.cluster, a fifth of the whole pipeline's time over a bare faster-whisper run
    on a 3-minute session (benchmarks/e2e_ratio.py). Diarization on the dialogue benchmark is the
    same with either (docs/benchmarks.md)."""
    import warnings

    from scipy.cluster.vq import kmeans2

    data = np.asarray(vectors, dtype=np.float64)
    k = max(1, min(int(k), len(data)))
    if k == 1:
        return np.zeros(len(data), dtype=int)
    rng = np.random.default_rng(seed)
    best, best_inertia, last = None, np.inf, None
    for _ in range(restarts):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # an empty cluster: that run is skipped below
            centroids, labels = kmeans2(data, k, iter=iterations, minit="++", seed=rng)
        last = labels
        if len(np.unique(labels)) < k:
            continue
        inertia = float(((data - centroids[labels]) ** 2).sum())
        if inertia < best_inertia:
            best, best_inertia = labels, inertia
    labels = best if best is not None else last
    _, labels = np.unique(labels, return_inverse=True)  # consecutive ids even if a run left one empty
    return labels.astype(int)


def estimate_speakers(vectors: np.ndarray, max_speakers: int = 6, neighbours: int = 10) -> int:
    """Number of voices by the eigengap of a pruned cosine-affinity graph (spectral clustering's
    usual estimate): keep each window's ``neighbours`` most similar windows, take the normalised
    Laplacian, and choose the k after which its eigenvalues jump most."""
    n = len(vectors)
    if n < 3:
        return 1
    affinity = vectors @ vectors.T
    keep = np.argsort(-affinity, axis=1)[:, : min(neighbours, n)]
    pruned = np.zeros_like(affinity)
    rows = np.arange(n)[:, None]
    pruned[rows, keep] = affinity[rows, keep]
    pruned = np.maximum((pruned + pruned.T) / 2, 0.0)
    degree = pruned.sum(axis=1)
    scale = 1.0 / np.sqrt(np.maximum(degree, 1e-9))
    laplacian = np.eye(n) - scale[:, None] * pruned * scale[None, :]
    eigenvalues = np.sort(np.linalg.eigvalsh(laplacian))[: max_speakers + 1]
    return int(np.argmax(np.diff(eigenvalues))) + 1


def _label_grid(regions, starts, vectors, centroids, window: float, smooth: float) -> list[tuple[float, int]]:
    """(time, speaker) every GRID seconds inside speech: the mean similarity, over the windows
    covering the point, to each speaker's centroid (frames.frame_scores), smoothed."""
    return _grid_labels(*frame_scores(regions, starts, vectors, centroids, window), smooth)


def _grid_labels(times: np.ndarray, scores: np.ndarray, region_of: np.ndarray, smooth: float) -> list[tuple[float, int]]:
    """(time, speaker) of each frame: its best-scoring speaker, median-filtered over ``smooth``
    seconds within each speech region."""
    points: list[tuple[float, int]] = []
    for r in np.unique(region_of):
        inside = region_of == r
        labels = _median(np.argmax(scores[inside], axis=1), max(1, int(round(smooth / GRID))) | 1)
        points += list(zip(times[inside].tolist(), labels.tolist()))
    return points


def _median(labels: np.ndarray, width: int) -> np.ndarray:
    if len(labels) < width or width <= 1:
        return labels
    half = width // 2
    padded = np.pad(labels, half, mode="edge")
    out = np.empty_like(labels)
    for i in range(len(labels)):
        values, counts = np.unique(padded[i:i + width], return_counts=True)
        out[i] = values[np.argmax(counts)]
    return out


def _segments(points: list[tuple[float, int]]) -> list[SpeakerSegment]:
    segments: list[SpeakerSegment] = []
    for t, label in points:
        end = t + GRID
        last = segments[-1] if segments else None
        if last and last.speaker == str(label) and t - last.end < GRID * 1.5:
            segments[-1] = SpeakerSegment(last.start, round(end, 3), last.speaker)
        else:
            segments.append(SpeakerSegment(round(t, 3), round(end, 3), str(label)))
    return segments


def _names(segments: list[SpeakerSegment]) -> dict[str, str]:
    """{label: SPEAKER_00, SPEAKER_01, ...} in order of first appearance."""
    names: dict[str, str] = {}
    for s in segments:
        names.setdefault(s.speaker, f"SPEAKER_{len(names):02d}")
    return names


def _relabel(segments: list[SpeakerSegment]) -> list[SpeakerSegment]:
    """SPEAKER_00, SPEAKER_01, ... in order of first appearance."""
    names = _names(segments)
    return [SpeakerSegment(s.start, s.end, names[s.speaker]) for s in segments]
