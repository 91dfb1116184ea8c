"""Re-encode a recording: compact speech audio (mono Opus in Ogg) for embedding in a report, or any
mono codec/container PyAV has."""

from __future__ import annotations

import io
from pathlib import Path

from ..errors import InputError

EMBED_RATE = 16_000  # Opus wideband: speech stays clear
EMBED_BITRATE = 24_000  # ~11 MB per hour


def speech_opus(path: str | Path, bitrate: int = EMBED_BITRATE) -> bytes:
    """The file's first audio stream as mono 16 kHz Opus in an Ogg container."""
    return transcode(path, "libopus", "ogg", EMBED_RATE, bitrate)


def transcode(path: str | Path, codec: str, container: str, rate: int, bitrate: int | None = None) -> bytes:
    """The file's first audio stream, mono, re-encoded with ``codec`` at ``rate`` in ``container``."""
    import av

    path = Path(path)
    out_buffer = io.BytesIO()
    try:
        with av.open(str(path)) as source, av.open(out_buffer, mode="w", format=container) as sink:
            stream = sink.add_stream(codec, rate=rate, layout="mono")
            if bitrate:
                stream.bit_rate = bitrate
            resampler = av.AudioResampler(format="s16", layout="mono", rate=rate)
            fifo = av.AudioFifo()
            audio = next((s for s in source.streams if s.type == "audio"), None)
            if audio is None:
                raise InputError(path, "has no audio stream")
            for frame in source.decode(audio):
                frame.pts = None
                for out in resampler.resample(frame):
                    fifo.write(out)
                _drain(fifo, stream, sink, final=False)
            for out in resampler.resample(None):
                fifo.write(out)
            _drain(fifo, stream, sink, final=True)
            for packet in stream.encode(None):
                sink.mux(packet)
    except av.error.FFmpegError as e:
        raise InputError(path, f"the audio could not be re-encoded ({e})") from e
    return out_buffer.getvalue()


def _drain(fifo, stream, sink, final: bool) -> None:
    size = stream.codec_context.frame_size or 320
    while fifo.samples >= size or (final and fifo.samples):
        frame = fifo.read(size) if fifo.samples >= size else fifo.read()
        frame.pts = None
        for packet in stream.encode(frame):
            sink.mux(packet)
