"""Subtitle files: WebVTT (voice tags ``<v Name>`` or ``Name:`` prefixes) and SRT.

Meeting exports read as they come: Zoom's numbered cues with ``Dr. Sarah Smith (she/her): text``
(pronouns are not part of the speaker), Teams' ``<v Smith, Sarah>text</v>`` with its cue ids.
A cue whose timing line is malformed is kept; build.py estimates its time, with a warning.

Consecutive cues of one speaker become one turn. A cue without a speaker continues the previous
speaker (subtitle tools split long turns into several cues).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from ...errors import InputError
from ...model import ROLES
from .build import Entry, parse_time
from .clinic import strip_pronouns
from .plaintext import accept_labels, may_start_turn, speaker_prefix
from .source import Source

_TIMING = re.compile(r"^\s*(?P<start>[\d:.,]+)\s*-->\s*(?P<end>[\d:.,]+)")
_VOICE = re.compile(r"<v(?P<classes>(?:\.[^\s>]*)?)\s+(?P<name>[^>]+)>(?P<text>.*?)(?=<v[\s.]|\Z)", re.S)
_LOOSE_TIMING = re.compile(r"^\s*\d[\d:.,]*\s*(?:-+>?|=+>|[–—>])\s*\d[\d:.,]*\s*$")  # '00:01.000 -> 00:02.000'
_TAG = re.compile(r"<[^>]*>")
_SRT_SPEAKER = re.compile(r"^\s*(?:>>\s*|\[(?P<bracket>[^\]]{1,40})\]\s*|\((?P<paren>[^)]{1,40})\)\s*)")


@dataclass(frozen=True)
class _Cue:
    line: int
    start: float | None
    end: float | None
    payload: str
    bad_time: str | None = None  # the timing line, when it is malformed


def read_vtt(source: Source) -> tuple[list[Entry], list[str]]:
    text = source.text().lstrip("\ufeff")
    if not text.startswith("WEBVTT"):
        raise InputError(source.path, "not a WebVTT file: the first line must be 'WEBVTT'", line=1, quoted=())
    return _entries(source, _cues(source, text, skip_first=True))


def read_srt(source: Source) -> tuple[list[Entry], list[str]]:
    return _entries(source, _cues(source, source.text(), skip_first=False))


def looks_like_srt(text: str) -> bool:
    head = text.lstrip("\ufeff").lstrip().splitlines()[:3]
    return len(head) >= 2 and head[0].strip().isdigit() and "-->" in head[1]


def _cues(source: Source, text: str, *, skip_first: bool) -> list[_Cue]:
    cues: list[_Cue] = []
    lines = text.split("\n")
    block: list[tuple[int, str]] = []
    for number, line in enumerate([*lines, ""], start=1):
        if line.strip():
            block.append((number, line))
            continue
        if block:
            cue = _cue(source, block, first=skip_first and not cues and block[0][0] == 1)
            if cue:
                cues.append(cue)
            block = []
    if not cues:
        raise InputError(source.path, "contains no subtitle cues (no 'start --> end' timing lines)", quoted=())
    return cues


def _cue(source: Source, block: list[tuple[int, str]], first: bool) -> _Cue | None:
    if first or block[0][1].startswith(("NOTE", "STYLE", "REGION")):
        return None
    timing = next((i for i, (_, line) in enumerate(block) if "-->" in line), None)
    if timing is None:
        timing = next((i for i, (_, line) in enumerate(block[:2]) if _LOOSE_TIMING.match(line)), None)
    if timing is None:
        if block[0][1].strip().isdigit() and len(block) == 1:
            return None
        raise InputError(source.path, "a cue has no 'start --> end' timing line", line=block[0][0], quoted=())
    number, line = block[timing]
    payload = "\n".join(text for _, text in block[timing + 1 :])
    m = _TIMING.match(line)
    start, end = (parse_time(m["start"]), parse_time(m["end"])) if m else (None, None)
    if start is None or end is None:  # build.py estimates the time, or refuses a file of such cues
        return _Cue(number, None, None, payload, f"'{line.strip()}'")
    if end < start:
        return _Cue(number, None, None, payload, f"'{line.strip()}' (ends before it starts)")
    return _Cue(number, start, end, payload)


def _pieces(cue: _Cue) -> list[tuple[str | None, str, bool | str]]:
    """(voice label or prefix label or None, text, label came from a voice tag: True, or the
    role its class names, as in our own ``<v.therapist Dr Lee>``)."""
    voices = list(_VOICE.finditer(cue.payload))
    if voices:
        return [(strip_pronouns(html.unescape(m["name"].strip())), _plain(m["text"]), _voice_role(m["classes"]))
                for m in voices]
    text = _plain(cue.payload)
    m = _SRT_SPEAKER.match(text)
    if m and (m["bracket"] or m["paren"]):
        return [((m["bracket"] or m["paren"]).strip(), text[m.end() :].strip(), False)]
    text = text[m.end() :] if m else text
    prefix = speaker_prefix(text)
    if prefix:
        return [(prefix[0], prefix[1], False)]
    return [(None, text, False)]


def _voice_role(classes: str) -> bool | str:
    return next((c for c in classes.split(".") if c in ROLES), True)


def _plain(text: str) -> str:
    return " ".join(html.unescape(_TAG.sub("", text)).split())


def _entries(source: Source, cues: list[_Cue]) -> tuple[list[Entry], list[str]]:
    pieces = [(cue, p) for cue in cues for p in _pieces(cue)]
    accepted = accept_labels([label for _, (label, _, voice) in pieces if label and not voice])
    entries: list[Entry] = []
    unlabelled = skipped = 0
    for cue, (label, text, voice) in pieces:
        key = label.lower() if label else None
        if label and (voice or key in accepted or (entries and may_start_turn(label))):
            accepted.setdefault(key, label)
            speaker = label  # spellings that differ only in case are merged, with a warning, in build.py
            role = voice if isinstance(voice, str) else None
            entries.append(Entry(speaker, text, cue.start, cue.end, cue.line, role, bad_time=cue.bad_time))
        elif entries:
            unlabelled += 1
            restored = text if label is None else f"{label}: {text}"
            entries.append(Entry(entries[-1].speaker, restored, cue.start, cue.end, cue.line, entries[-1].role,
                                 bad_time=cue.bad_time))
        else:
            skipped += 1
    if not entries:
        raise InputError(
            source.path,
            "the cues carry no speaker labels (no <v Name> voice tags and no 'Name:' prefixes); "
            "a subtitle file without speakers cannot be split into therapist and client",
            quoted=(),
        )
    warnings = []
    if skipped:
        warnings.append(f"{skipped} cue(s) before the first speaker label were skipped")
    if unlabelled:
        warnings.append(f"{unlabelled} cue(s) without a speaker label were given to the previous speaker")
    return entries, warnings
