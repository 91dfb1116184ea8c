"""Decode any audio or video file PyAV can open to 16 kHz float32 PCM, keeping the channels
apart (a stereo recording may carry one speaker per channel; diarization decides)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import numpy as np

from ..errors import InputError

SAMPLE_RATE = 16_000
AUDIO_SUFFIXES = frozenset({".wav", ".flac", ".mp3", ".m4a", ".aac", ".ogg", ".oga", ".opus", ".wma", ".aiff", ".aif",
                            ".mp4", ".m4v", ".mov", ".webm", ".mkv", ".avi", ".3gp", ".amr"})


@dataclass(frozen=True)
class Audio:
    """Decoded audio: ``channels`` has shape (n_channels, n_samples) at ``SAMPLE_RATE``."""

    channels: np.ndarray
    source: str
    created: str | None = None
    """The recording's date (ISO 8601) from the container's creation_time/date tag, when present."""

    @cached_property
    def mono(self) -> np.ndarray:
        """The channels mixed down (computed once)."""
        return self.channels.mean(axis=0, dtype=np.float32) if self.channels.shape[0] > 1 else self.channels[0]

    @property
    def duration(self) -> float:
        return self.channels.shape[1] / SAMPLE_RATE


def is_audio(path: str | Path) -> bool:
    """Whether the file is handled by the audio path (by suffix; the transcript readers get the rest)."""
    return Path(path).suffix.lower() in AUDIO_SUFFIXES


def decode(path: str | Path, max_channels: int = 2) -> Audio:
    """Read every audio sample of the first audio stream, resampled to 16 kHz. Raises InputError
    naming the problem for a missing, empty, corrupt or audio-less file."""
    import av

    path = Path(path)
    if not path.is_file():
        raise InputError(path, "no such file")
    if path.stat().st_size == 0:
        raise InputError(path, "the file is empty")
    try:
        container = av.open(str(path))
    except (av.error.FFmpegError, UnicodeDecodeError, ValueError) as e:
        raise InputError(path, f"not a readable audio or video file ({_reason(e)})") from e
    with container:
        streams = [s for s in container.streams if s.type == "audio"]
        if not streams:
            kinds = sorted({s.type for s in container.streams}) or ["no streams"]
            raise InputError(path, f"has no audio stream (found: {', '.join(kinds)})")
        stream = streams[0]
        created = _created({**(container.metadata or {}), **(stream.metadata or {})})
        n_channels = min(max(stream.codec_context.channels or 1, 1), max_channels)
        layout = "stereo" if n_channels == 2 else "mono"
        resampler = av.AudioResampler(format="fltp", layout=layout, rate=SAMPLE_RATE)
        expected = float(container.duration or 0) / 1_000_000  # microseconds, when the container says
        buffer = _Buffer(n_channels, int(expected * SAMPLE_RATE) + SAMPLE_RATE)
        try:
            for frame in container.decode(stream):
                frame.pts = None
                for out in resampler.resample(frame):
                    buffer.add(out.to_ndarray())
            for out in resampler.resample(None):
                buffer.add(out.to_ndarray())
        except av.error.FFmpegError as e:
            if not buffer.size:
                raise InputError(path, f"the audio could not be decoded ({_reason(e)})") from e
            raise InputError(path, f"the audio is damaged or truncated after "
                             f"{buffer.size / SAMPLE_RATE:.1f} s ({_reason(e)})") from e
    if not buffer.size:
        raise InputError(path, "the audio stream holds no samples")
    channels = buffer.result()
    if channels.shape[1] < SAMPLE_RATE // 10:
        raise InputError(path, f"the audio is too short to analyse ({channels.shape[1] / SAMPLE_RATE:.2f} s)")
    return Audio(channels=channels, source=str(path), created=created)


def _created(tags: dict[str, str]) -> str | None:
    """YYYY-MM-DD from a creation_time ('2024-03-05T10:12:00.000000Z') or date ('2024-03-05', '2024') tag."""
    for key in ("creation_time", "date", "DATE", "CREATION_TIME"):
        m = re.match(r"\s*(\d{4}-\d{2}-\d{2})", tags.get(key) or "")
        if m:
            return m.group(1)
    return None


class _Buffer:
    """Samples appended into one preallocated array (sized from the container's duration), so
    that a long recording is not held twice while its pieces are joined."""

    def __init__(self, channels: int, capacity: int):
        self.data = np.zeros((channels, max(capacity, SAMPLE_RATE)), dtype=np.float32)
        self.size = 0

    def add(self, block: np.ndarray) -> None:
        n = block.shape[1]
        if self.size + n > self.data.shape[1]:
            grown = np.zeros((self.data.shape[0], max(2 * self.data.shape[1], self.size + n)), dtype=np.float32)
            grown[:, :self.size] = self.data[:, :self.size]
            self.data = grown
        self.data[:, self.size:self.size + n] = block[: self.data.shape[0]]
        self.size += n

    def result(self) -> np.ndarray:
        return self.data[:, :self.size]


def _reason(error: Exception) -> str:
    text = str(error).strip() or type(error).__name__
    return re.sub(r"^\[Errno -?\d+\]\s*", "", text.split(": '", 1)[0])
