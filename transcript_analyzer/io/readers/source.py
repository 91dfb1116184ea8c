"""An input file's bytes, hash and decoded text, read once."""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from ...errors import InputError

# Signatures of common non-transcript files, so "binary file" errors can say what the file is.
_MAGIC = (
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"GIF8", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"fLaC", "a FLAC audio file"),
    (b"OggS", "an Ogg audio file"),
    (b"ID3", "an MP3 audio file"),
    (b"\x1aE\xdf\xa3", "a Matroska/WebM media file"),
    (b"\x7fELF", "a program (ELF executable)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"Rar!", "a RAR archive"),
    (b"\xd0\xcf\x11\xe0", "a legacy Microsoft Office file (.doc); save it as .docx"),
)

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


@dataclass
class Source:
    """The bytes of one input file. ``text()`` decodes them once (encodings are detected)."""

    path: Path
    data: bytes
    forced_encoding: str | None = None
    _text: tuple[str, str] | None = field(default=None, repr=False)

    @classmethod
    def open(cls, path: str | Path, encoding: str | None = None) -> Source:
        path = Path(path)
        if path.is_dir():
            raise InputError(path, "is a directory, not a transcript file", quoted=())
        try:
            data = path.read_bytes()
        except FileNotFoundError as e:
            raise InputError(path, "file not found", quoted=()) from e
        except OSError as e:
            raise InputError(path, f"cannot be read ({e.strerror})", quoted=()) from e
        if not data.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
            raise InputError(path, "the file is empty", quoted=())
        return cls(path, data, encoding)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    @property
    def suffix(self) -> str:
        return self.path.suffix.lower().lstrip(".")

    def kind(self) -> str | None:
        """What a binary signature says the file is, or None."""
        head = self.data[:16]
        if head[:4] == b"RIFF" and self.data[8:12] == b"WAVE":
            return "a WAV audio file"
        if self.data[4:8] == b"ftyp":
            return "an MP4/M4A media file"
        if head[:4] == b"PK\x03\x04":
            return "a ZIP archive"
        return next((what for magic, what in _MAGIC if head.startswith(magic)), None)

    def text(self) -> str:
        """The decoded text with newlines normalised to ``\\n`` and Unicode in NFC."""
        return self._decoded()[0]

    @property
    def encoding(self) -> str:
        return self._decoded()[1]

    def _decoded(self) -> tuple[str, str]:
        if self._text is None:
            raw, enc = decode_bytes(self.data, self.path, self.forced_encoding, self.kind())
            text = unicodedata.normalize("NFC", raw.replace("\r\n", "\n").replace("\r", "\n"))
            self._text = (text, enc)
        return self._text


def decode_bytes(data: bytes, path: Path, forced: str | None = None, kind: str | None = None) -> tuple[str, str]:
    """Decode transcript bytes: a forced encoding, else BOM, UTF-16 without BOM, UTF-8, cp1252."""
    if forced:
        try:
            return data.decode(forced).removeprefix("\ufeff"), forced
        except LookupError as e:
            raise InputError(path, f"unknown encoding '{forced}'") from e
        except UnicodeDecodeError as e:
            raise InputError(path, f"is not valid {forced} (byte {data[e.start]:#04x} at offset {e.start})") from e
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:  # the -le/-be codecs keep the BOM as U+FEFF, which would hide the first label
                return data[len(bom):].decode(enc), enc.replace("-sig", "")
            except UnicodeDecodeError as e:
                raise InputError(path, f"starts with a {enc} byte-order mark but is not valid {enc}") from e
    utf16 = _guess_utf16(data)
    if utf16:
        try:
            text = data.decode(utf16)
        except UnicodeDecodeError:
            text = None
        if text is not None and _control_ratio(text) <= 0.01:  # else binary 16-bit data
            return text, utf16
    if b"\x00" in data[:8192] or kind is not None:
        what = kind or "a binary file"
        raise InputError(path, f"is {what}, not a text transcript")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as e:
        raise InputError(
            path,
            f"cannot decode the text: not UTF-8, UTF-16 or Windows-1252 (byte {data[e.start]:#04x} "
            f"at offset {e.start}); pass --encoding NAME if you know the encoding",
        ) from e
    if _control_ratio(text) > 0.01:
        raise InputError(path, "is a binary file, not a text transcript")
    return text, "cp1252"


def _guess_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM: ASCII-heavy text has a NUL in every other byte."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    half = len(sample) // 2
    odd_nuls = sample[1::2].count(0) / half
    even_nuls = sample[0::2].count(0) / half
    if odd_nuls > 0.4 and even_nuls < 0.05:
        return "utf-16-le"
    if even_nuls > 0.4 and odd_nuls < 0.05:
        return "utf-16-be"
    return None


def _control_ratio(text: str) -> float:
    controls = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\t\n\r\f")
    return controls / max(len(text), 1)
