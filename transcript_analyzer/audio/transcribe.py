"""Speech recognition with faster-whisper: timed words from 16 kHz audio, offline.

Settings chosen against the known failure modes of Whisper on long, pause-filled recordings:
voice-activity filtering (silero, shipped inside faster-whisper) so that silence never reaches the
decoder; no conditioning on the previous window's text, which is how a hallucinated phrase gets
repeated for minutes; and ``hallucination_silence_threshold`` to skip silent stretches the
decoder would otherwise fill with invented words (it needs word timestamps, which we want anyway).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

from ..errors import InputError
from ..model import Word
from ..resources import whisper_model
from .decode import SAMPLE_RATE


@dataclass(frozen=True)
class AsrOptions:
    model: str = "base"
    """faster-whisper model: 'tiny.en' or 'base' (installed with the tool), or a model folder."""
    language: str | None = None
    """Spoken language code ('en', 'de', ...); None = detect (English-only models: 'en')."""
    beam_size: int = 5
    threads: int = 2
    vad: bool = True
    """Skip non-speech with the silero voice-activity detector before decoding."""


@dataclass(frozen=True)
class Transcript:
    words: tuple[Word, ...]
    language: str
    language_probability: float
    duration: float
    model: str
    model_path: str


# faster-whisper's decoding options, as the pipeline runs them (beam size and the VAD filter come
# from AsrOptions); the speed and fallback benchmarks run a bare faster-whisper with these too.
DECODING: dict = {
    "beam_size": 5, "word_timestamps": True, "vad_filter": True,
    "vad_parameters": {"min_silence_duration_ms": 500, "speech_pad_ms": 200},
    "condition_on_previous_text": False, "hallucination_silence_threshold": 2.0,
    "no_speech_threshold": 0.6, "log_prob_threshold": -1.0, "compression_ratio_threshold": 2.4,
}


class Transcriber:
    """Load once, then ``transcribe(samples)`` as often as needed."""

    def __init__(self, options: AsrOptions | None = None):
        self.options = options or AsrOptions()
        self._model = None
        self.path = None

    def load(self) -> Transcriber:
        if self._model is None:
            from faster_whisper import WhisperModel

            self.path = whisper_model(self.options.model)
            self._model = WhisperModel(str(self.path), device="cpu", compute_type="int8",
                                       cpu_threads=self.options.threads, local_files_only=True)
        return self

    def transcribe(self, samples: np.ndarray, source: str = "<audio>",
                   progress: Callable[[float], None] | None = None) -> Transcript:
        """Words with times in seconds. ``progress(seconds_done)`` is called as decoding advances.
        Long recordings are decoded in blocks of about ``CHUNK_SECONDS``, cut at the quietest
        moment near each boundary: faster-whisper computes the features of its whole input at
        once, which for an hour of audio would take gigabytes. Raises InputError when the recording
        holds no recognisable speech."""
        self.load()
        language = self.options.language
        if language is None and self.options.model.endswith(".en"):
            language = "en"
        words: list[Word] = []
        detected, probability = language, 1.0
        for start, end in cut_points(samples):
            chunk = samples[start:end]
            offset = start / SAMPLE_RATE
            segments, info = self._model.transcribe(
                chunk.astype(np.float32, copy=False), language=language,
                **{**DECODING, "beam_size": self.options.beam_size, "vad_filter": self.options.vad},
            )
            step = (lambda done, o=offset: progress(o + done)) if progress else None
            words += _words(segments, step, offset)
            if language is None:  # detected on the first block, then held for the rest
                language, detected, probability = info.language, info.language, float(info.language_probability)
        if not words:
            raise InputError(source, "no speech was recognised in the recording (silence, noise or music only?)")
        return Transcript(words=tuple(words), language=detected or "en", language_probability=probability,
                          duration=float(len(samples) / SAMPLE_RATE), model=self.options.model, model_path=str(self.path))


CHUNK_SECONDS = 300.0
SEARCH_SECONDS = 15.0  # where to look for a quiet cut, either side of a block boundary


def cut_points(samples: np.ndarray, chunk: float = CHUNK_SECONDS, search: float = SEARCH_SECONDS) -> list[tuple[int, int]]:
    """(start, end) sample ranges of about ``chunk`` seconds, each cut at the quietest 0.2 s within
    ``search`` seconds of the nominal boundary (so that no word is cut in two)."""
    n, size, frame = len(samples), int(chunk * SAMPLE_RATE), SAMPLE_RATE // 5
    if n <= size + int(search * SAMPLE_RATE):
        return [(0, n)]
    cuts, start = [], 0
    while n - start > size + int(search * SAMPLE_RATE):
        lo, hi = start + size - int(search * SAMPLE_RATE), start + size + int(search * SAMPLE_RATE)
        window = samples[lo:hi]
        k = len(window) // frame
        energy = (window[: k * frame].reshape(k, frame).astype(np.float64) ** 2).mean(axis=1)
        cut = lo + int(np.argmin(energy)) * frame + frame // 2
        cuts.append((start, cut))
        start = cut
    cuts.append((start, n))
    return cuts


def _words(segments, progress: Callable[[float], None] | None, offset: float = 0.0) -> list[Word]:
    out: list[Word] = []
    for segment in segments:
        for w in segment.words or ():
            text = w.word.strip()
            if text:
                out.append(Word(text=text, start=round(offset + float(w.start), 3), end=round(offset + float(w.end), 3),
                                probability=round(float(w.probability), 4)))
        if progress is not None:
            progress(float(segment.end))
    return out
