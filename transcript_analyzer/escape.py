"""Escaping what the tool writes, one function per kind of output.

Transcript text and speaker labels come from files and people the tool does not control: a
client may say ``<v Therapist>``, ``-->`` or ``=HYPERLINK(...)``, and a label may hold tabs,
newlines or terminal escape sequences. Every writer passes such text through one of these:

* ``csv_cell``: a text cell that a spreadsheet would run as a formula gets a leading ``'``
  (OWASP's advice on CSV injection); ``csv_uncell`` undoes it exactly.
* ``vtt_text`` / ``vtt_voice``: WebVTT cue text and voice names, so a file reads back unchanged.
* ``rttm_tokens``: one whitespace-free token per speaker label, distinct labels kept distinct.
* ``terminal_text``: control characters shown as visible escapes instead of reaching a terminal.
* ``json_text``: JSON that holds no raw control or bidi character (``--out -`` prints it).
* ``relative_url``: a link from one of our pages to a file, always relative, percent-encoded.
"""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path
from typing import Any, Iterable

# ---- CSV -------------------------------------------------------------------------------------

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""What a spreadsheet may read as the start of a formula (OWASP, "CSV Injection")."""


def _formula_like(text: str) -> bool:
    # Apostrophes are looked through so that the escape is reversible: "'-x" is written "''-x".
    return text.lstrip("'").startswith(FORMULA_START)


def csv_cell(value: Any, raw: bool = False) -> Any:
    """A text cell with a leading ``'`` when it would start a formula (``=1+1`` -> ``'=1+1``,
    ``- yeah`` -> ``'- yeah``). Numbers pass unchanged, so the tool's numeric columns stay
    numeric; a cell already starting with apostrophes before such a character gets one more,
    which keeps ``csv_uncell`` exact. ``raw``: the text untouched (``--raw-csv``)."""
    if raw or not isinstance(value, str) or not _formula_like(value):
        return value
    return "'" + value


def csv_uncell(value: str) -> str:
    """The original text of a cell written by ``csv_cell`` (for reading the tool's own CSVs)."""
    return value[1:] if value.startswith("'") and _formula_like(value[1:]) else value


def csv_row(values: Iterable[Any], raw: bool = False) -> list[Any]:
    return [csv_cell(v, raw) for v in values]


FORMULA_REGEX = r"^('*[=+\-@\t\r])"
"""``csv_cell`` as a regular expression (RE2 syntax: Arrow's compute functions), replaced by ``'\\1``."""


# ---- WebVTT ----------------------------------------------------------------------------------

def _markup(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _reference(match: re.Match[str]) -> str:
    return f"&#{ord(match[0])};"


_LINE_BREAKS = re.compile(r"[\n\r]")
_VOICE_SPACE = re.compile(r"[^\S ]|^ | $")  # whitespace but a space, and spaces at either end


def vtt_text(text: str) -> str:
    """Cue text on one line: ``& < >`` as character references (so no tag, voice or ``-->``
    can appear), line breaks as ``&#10;`` / ``&#13;`` (a blank line would end the cue). Other
    characters are legal cue text and pass as they are. A WebVTT reader restores the text."""
    return _LINE_BREAKS.sub(_reference, _markup(text))


def vtt_voice(label: str) -> str:
    """A speaker label as a voice annotation (``<v ANNOTATION>``): ``& < >`` escaped, and every
    whitespace character but an inner space as a numeric reference (WebVTT parsers collapse
    whitespace in annotations and end them at a line break)."""
    return _VOICE_SPACE.sub(_reference, _markup(label))


# ---- RTTM ------------------------------------------------------------------------------------

def _token_safe(char: str) -> bool:
    return not char.isspace() and unicodedata.category(char)[0] not in "CZ"


def rttm_tokens(labels: Iterable[str]) -> dict[str, str]:
    """{label: speaker token}: whitespace, separators and control or invisible format characters
    become ``_``; a label that is already a safe token keeps it, and a sanitised label that
    collides with another gets ``_2``, ``_3``... so distinct labels stay distinct."""
    labels = list(dict.fromkeys(labels))
    tokens = {label: label for label in labels if label and all(_token_safe(c) for c in label)}
    used = set(tokens.values())
    for label in labels:
        if label in tokens:
            continue
        base = "".join(c if _token_safe(c) else "_" for c in label) or "speaker"
        token, n = base, 2
        while token in used:
            token, n = f"{base}_{n}", n + 1
        tokens[label] = token
        used.add(token)
    return {label: tokens[label] for label in labels}


# ---- terminal --------------------------------------------------------------------------------

# C0 controls but tab and line feed, DEL, C1 controls (0x9b alone starts an escape sequence on
# some terminals) and the bidirectional overrides and isolates (which reorder what is shown).
_CONTROLS = "\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069"
_TERMINAL = re.compile(f"[{_CONTROLS}]")
_TERMINAL_LINE = re.compile(f"[{_CONTROLS}\n]")


def _visible(match: re.Match[str]) -> str:
    return match[0].encode("unicode_escape").decode("ascii")  # "\x1b" -> "\\x1b", "\r" -> "\\r"


def terminal_text(text: str, newlines: bool = True) -> str:
    """Text safe to print on a terminal: control characters (ESC, CR, backspace, BEL, the C1
    set, bidi overrides) shown as visible escapes such as ``\\x1b``. ``newlines=False``: line
    feeds too, so that one value stays on one line."""
    return (_TERMINAL if newlines else _TERMINAL_LINE).sub(_visible, text)


_JSON_UNSAFE = re.compile("[\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def json_text(dumped: str) -> str:
    """JSON text from ``json.dumps(..., ensure_ascii=False)`` with DEL, the C1 controls, bidi
    controls and line/paragraph separators written as ``\\uXXXX`` escapes too (json.dumps
    escapes only C0): the same JSON value, safe to print on a terminal. These characters can
    only occur inside JSON strings, where the escape is valid."""
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m[0]):04x}", dumped)


# ---- links -----------------------------------------------------------------------------------

def relative_url(target: str | Path, base_dir: str | Path) -> str:
    """The address of ``target`` relative to a page in ``base_dir``, every path segment
    percent-encoded: a folder named ``javascript:alert(1)`` gives
    ``javascript%3Aalert%281%29/report.html``, a file ``take #2?.ogg`` gives
    ``take%20%232%3F.ogg``; never a URL scheme, query, fragment or ``//`` host."""
    from urllib.parse import quote

    rel = Path(os.path.relpath(Path(target).resolve(), Path(base_dir).resolve())).as_posix()
    return quote(rel, safe="/")
