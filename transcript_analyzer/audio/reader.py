"""A recording in, a Session out: decode -> transcribe -> diarize -> align. From there the
session takes the same path as a transcript (roles, utterances, markers, metrics)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Callable

from .. import __version__
from ..config import AudioOptions
from ..errors import InputError
from ..extras import require
from ..model import ModelInfo, Session, SessionMeta
from ..resources import WHISPER_BUNDLED, sha256_file
from .align import channel_turns, to_turns
from .decode import decode
from .diarize import DiarizeOptions, Diarizer, stereo_split
from .quality import assess
from .transcribe import AsrOptions, Transcriber
from .voices import WEIGHTS_SHA256

Progress = Callable[[str, float, float], None]  # (step, seconds done, seconds in total)


class AudioReader:
    """Holds the recogniser and the diarizer, loaded once, for any number of recordings."""

    def __init__(self, options: AudioOptions | None = None):
        require("audio", modules=("av", "faster_whisper"))  # else: one line naming `pip install '...[audio]'`
        self.options = options or AudioOptions()
        o = self.options
        self.transcriber = Transcriber(AsrOptions(model=o.asr_model, language=o.language, threads=o.threads))
        self.diarizer = Diarizer(DiarizeOptions(speakers=o.speakers, stereo=o.stereo))

    def load(self) -> AudioReader:
        self.transcriber.load()
        self.diarizer.load()
        return self

    def models(self) -> tuple[ModelInfo, ...]:
        name = self.options.asr_model
        bundled = WHISPER_BUNDLED.get(name)
        return (ModelInfo(name=f"whisper {name}" if bundled else name, stage="transcribe", version="faster-whisper 1.2.1",
                          sha256=bundled[1] if bundled else None),
                ModelInfo(name="resemblyzer voice encoder", stage="diarize", version="0.1.4", sha256=WEIGHTS_SHA256))

    def read(self, path: str | Path, progress: Progress | None = None) -> Session:
        path = Path(path)
        audio = decode(path)
        stereo = self.options.stereo == "on" or (self.options.stereo == "auto" and stereo_split(audio))
        if stereo:  # one voice per channel: each channel is transcribed on its own, its words are its speaker's
            channels, transcript = [], None
            for c in range(2):
                step = (lambda done, c=c: progress(f"channel {c + 1}", done, audio.duration)) if progress else None
                try:
                    transcript = self.transcriber.transcribe(audio.channels[c], source=str(path), progress=step)
                except InputError:
                    continue  # a silent channel
                channels.append((f"SPEAKER_0{c}", transcript.words))
            if transcript is None:
                raise InputError(path, "no speech was recognised in either channel")
            turns = channel_turns(channels)
            diarization = self.diarizer(audio)  # the channels' speech stretches, for the quality gates
        else:
            step = (lambda done: progress("transcribe", done, audio.duration)) if progress else None
            # Diarization runs in a second thread while Whisper decodes: both spend their time in
            # native code that releases the GIL, and Whisper's beam search keeps 2 cores busy only
            # about 70 % of the time (benchmarks/e2e_ratio.py: the CPU-seconds of a bare run are
            # 1.4 x its wall time). If transcription fails, its error is the one raised.
            with ThreadPoolExecutor(1, thread_name_prefix="diarize") as pool:
                pending = pool.submit(self.diarizer.load().cluster, audio.mono, str(path))
                transcript = self.transcriber.transcribe(audio.mono, source=str(path), progress=step)
                if progress and not pending.done():
                    progress("diarize", 0.0, audio.duration)
                diarization = pending.result()
            turns = to_turns(transcript.words, diarization.segments, diarization.frames)
        warnings = []
        if stereo:
            warnings.append("stereo recording with one voice per channel: each channel transcribed on its own")
        if transcript.language != "en":
            warnings.append(f"spoken language detected as '{transcript.language}' "
                            f"(p={transcript.language_probability:.2f}); the markers are trained on English")
        quality = assess(audio, diarization, self.options.speakers)
        found = len({t.speaker for t in turns})  # speakers with words (the gates count speakers with speech)
        if self.options.speakers and found < self.options.speakers and \
                not any(r.measure == "speakers" for r in quality.reasons):
            warnings.append(f"{found} speaker(s) found where {self.options.speakers} were expected")
        meta = SessionMeta(session_id=path.stem, source_file=str(path), source_sha256=sha256_file(path),
                           source_format="audio", duration=round(audio.duration, 3), date=audio.created, tool_version=__version__,
                           models=self.models(), warnings=tuple(warnings), audio_quality=quality)
        return Session(meta=meta, turns=turns)

