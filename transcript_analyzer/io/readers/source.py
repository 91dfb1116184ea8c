"""An input file's bytes, hash and decoded text, read once."""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from ...errors import InputError
from .lines import lines_phrase

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

_UTF8_BOM = b"\xef\xbb\xbf"
_BOMS = (
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
    _text: Decoded | None = field(default=None, repr=False)

    @classmethod
    def open(cls, path: str | Path, encoding: str | None = None, max_bytes: int | None = None) -> Source:
        """Read the file's bytes; one larger than ``max_bytes`` is refused before it is read."""
        path = Path(path)
        if path.is_dir():
            raise InputError(path, "is a directory, not a transcript file", quoted=())
        try:
            size = path.stat().st_size
            if max_bytes is not None and size > max_bytes:
                raise _too_big(path, max_bytes, size)
            with path.open("rb") as f:  # capped: a device or a growing file may say size 0
                data = f.read() if max_bytes is None else f.read(max_bytes + 1)
        except FileNotFoundError as e:
            raise InputError(path, "file not found", quoted=()) from e
        except OSError as e:
            raise InputError(path, f"cannot be read ({e.strerror})", quoted=()) from e
        if max_bytes is not None and len(data) > max_bytes:
            raise _too_big(path, max_bytes)
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
        return self._decoded().text

    @property
    def encoding(self) -> str:
        return self._decoded().encoding

    @property
    def warnings(self) -> tuple[str, ...]:
        """What decoding noticed (lines in another encoding); empty until the text was decoded."""
        return self._text.warnings if self._text is not None else ()

    def _decoded(self) -> Decoded:
        if self._text is None:
            raw, enc, warnings = decode_bytes(self.data, self.path, self.forced_encoding, self.kind())
            text = unicodedata.normalize("NFC", raw.replace("\r\n", "\n").replace("\r", "\n"))
            self._text = Decoded(text, enc, warnings)
        return self._text


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    warnings: tuple[str, ...] = ()


def _too_big(path: Path, max_bytes: int, size: int | None = None) -> InputError:
    limit = f"the {max_bytes / 1e6:,.0f} MB limit for transcript files"
    what = f"is {size / 1e6:,.1f} MB, over {limit}" if size is not None else f"is larger than {limit}"
    return InputError(path, f"{what}; raise it with --set read.max_file_mb=N if it really is a transcript", quoted=())


def decode_bytes(data: bytes, path: Path, forced: str | None = None,
                 kind: str | None = None) -> tuple[str, str, tuple[str, ...]]:
    """Decode transcript bytes: a forced encoding, else BOM, UTF-16 without BOM, UTF-8, cp1252.
    Returns (text, encoding, warnings)."""
    if forced:
        try:
            return data.decode(forced).removeprefix("\ufeff"), forced, ()
        except LookupError as e:
            raise InputError(path, f"unknown encoding '{forced}'", quoted=()) from e
        except UnicodeDecodeError as e:
            raise InputError(path, f"is not valid {forced} (byte {data[e.start]:#04x} at offset {e.start})", quoted=()) from e
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:  # the -le/-be codecs keep the BOM as U+FEFF, which would hide the first label
                return data[len(bom):].decode(enc), enc, ()
            except UnicodeDecodeError as e:
                raise InputError(path, f"starts with a {enc} byte-order mark but is not valid {enc}", quoted=()) from e
    data = data.removeprefix(_UTF8_BOM)
    utf16 = _guess_utf16(data)
    if utf16:
        try:
            text = data.decode(utf16)
        except UnicodeDecodeError:
            text = None
        if text is not None and _control_ratio(text) <= 0.01:  # else binary 16-bit data
            return text, utf16, ()
    if b"\x00" in data[:8192] or kind is not None:
        what = kind or "a binary file"
        raise InputError(path, f"is {what}, not a text transcript", quoted=())
    try:
        return data.decode("utf-8"), "utf-8", ()
    except UnicodeDecodeError:
        pass
    text, encoding, warnings = _decode_lines(data, path)
    if _control_ratio(text) > 0.01:
        raise InputError(path, "is a binary file, not a text transcript", quoted=())
    return text, encoding, warnings


def _decode_lines(data: bytes, path: Path) -> tuple[str, str, tuple[str, ...]]:
    """A file that is not UTF-8 as a whole, line by line: a line that is valid UTF-8 is read as UTF-8,
    any other as Windows-1252. A file with no UTF-8 line beyond ASCII is simply cp1252; a mix (text
    pasted from elsewhere, files joined) is read line by line, with a warning naming the cp1252 lines."""
    parts: list[str] = []
    fallback: list[int] = []
    utf8 = False
    for number, line in enumerate(data.splitlines(keepends=True), start=1):  # \n, \r\n, \r: as text() counts
        try:
            parts.append(line.decode("utf-8"))
            utf8 = utf8 or not line.isascii()
        except UnicodeDecodeError:
            parts.append(_cp1252(line, path, number))
            fallback.append(number)
    text = "".join(parts)
    if not utf8:
        return text, "cp1252", ()
    which = lines_phrase(fallback)
    verb = "was" if len(fallback) == 1 else "were"
    return text, "utf-8+cp1252", (f"{which} {verb} not UTF-8 and {verb} read as Windows-1252 (cp1252); "
                                  "the rest of the file is UTF-8",)


def _cp1252(line: bytes, path: Path, number: int) -> str:
    try:
        return line.decode("cp1252")
    except UnicodeDecodeError as e:
        raise InputError(
            path,
            f"cannot decode the text: not UTF-8, UTF-16 or Windows-1252 (byte {line[e.start]:#04x}); "
            "pass --encoding NAME if you know the encoding",
            line=number, quoted=(),
        ) from e


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
