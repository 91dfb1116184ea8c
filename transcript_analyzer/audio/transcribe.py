"""Speech recognition with faster-whisper: timed words from 16 kHz audio, offline.

Settings chosen against the known failure modes of Whisper on long, pause-filled recordings:
voice-activity filtering (silero, shipped inside faster-whisper) so that silence never reaches the
decoder; no conditioning on the previous window's text, which is how a hallucinated phrase gets
repeated for minutes; and ``hallucination_silence_threshold`` to skip silent stretches the
decoder would otherwise fill with invented words (it needs word timestamps, which we want anyway).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterator

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
        Raises InputError when the recording holds no recognisable speech."""
        self.load()
        language = self.options.language
        if language is None and self.options.model.endswith(".en"):
            language = "en"
        segments, info = self._model.transcribe(
            samples.astype(np.float32), language=language, beam_size=self.options.beam_size,
            word_timestamps=True, vad_filter=self.options.vad,
            vad_parameters={"min_silence_duration_ms": 500, "speech_pad_ms": 200},
            condition_on_previous_text=False, hallucination_silence_threshold=2.0,
            no_speech_threshold=0.6, log_prob_threshold=-1.0, compression_ratio_threshold=2.4,
        )
        words = tuple(_words(segments, progress))
        if not words:
            raise InputError(source, "no speech was recognised in the recording (silence, noise or music only?)")
        return Transcript(words=words, language=info.language, language_probability=float(info.language_probability),
                          duration=float(len(samples) / SAMPLE_RATE), model=self.options.model, model_path=str(self.path))


def _words(segments, progress: Callable[[float], None] | None) -> Iterator[Word]:
    for segment in segments:
        for w in segment.words or ():
            text = w.word.strip()
            if text:
                yield Word(text=text, start=round(float(w.start), 3), end=round(float(w.end), 3),
                           probability=round(float(w.probability), 4))
        if progress is not None:
            progress(float(segment.end))
