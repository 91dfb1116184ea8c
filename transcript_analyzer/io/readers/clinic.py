"""What the transcript exports of meeting and transcription services add around the speech.

- Display names with pronouns, as Zoom and Teams show them: 'Dr. Sarah Smith (she/her)' is
  the speaker 'Dr. Sarah Smith'.
- A person who joined a second time from a phone or tablet, under the device's name: 'Jordan's
  iPhone' is taken as 'Jordan Lee' when exactly one other speaker's name starts with 'Jordan'
  (and the merge leaves at least two speakers), with a warning; otherwise it stays a speaker.
- Lines that are the service's, not anyone's speech: Otter's footer 'Transcribed by
  https://otter.ai', Teams' 'Sarah Smith started transcription' / '... stopped transcription', and
  the paragraphs about Sonix that Sonix puts into the transcripts of some accounts.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from typing import TYPE_CHECKING

from .checks import count_phrase, label_key

if TYPE_CHECKING:  # build.py imports this module
    from .build import Entry

PRONOUNS = r"\((?:[A-Za-z]{1,6}/){1,3}[A-Za-z]{1,6}\)"  # (she/her), (they/them), (He/Him/His)
_PRONOUNS = re.compile(rf"\s*{PRONOUNS}\s*$")
_DEVICE = re.compile(
    r"^(?P<name>[^\W\d_][\w.\- ]{0,39}?)['’]s\s+"
    r"(?:iPhone|iPad|iPod|Android|Galaxy|Pixel|MacBook|iMac|Mac|Laptop|PC|Computer|Phone|Tablet|Surface|"
    r"Chromebook|Desktop)\b[\w .()\-]{0,30}$",
    re.I,
)
_SERVICE_LINE = re.compile(
    r"^\s*(?:Transcribed by (?:https?://)?(?:www\.)?otter\.ai"
    r"|[^\W\d_][\w.'’\-]*(?:,? [^\W\d_][\w.'’\-]*){0,4} (?:started|stopped) transcription"
    r"|(?!.*\[\d)(?=.*\bSonix\b)(?=.*(?:[Tt]ranscri|sonix\.ai)).*)\s*$"
)


def strip_pronouns(label: str) -> str:
    """'Dr. Sarah Smith (she/her)' -> 'Dr. Sarah Smith'; other labels unchanged."""
    return _PRONOUNS.sub("", label) or label


def is_service_line(line: str) -> bool:
    """A line an export adds that nobody said (Otter's footer, Teams' transcription notices, Sonix's
    paragraphs about itself: a line naming Sonix and transcription, without a [hh:mm:ss] time)."""
    return bool(_SERVICE_LINE.match(line))


def device_owner(label: str) -> str | None:
    """'Jordan' for "Jordan's iPhone" or "Jordan’s Galaxy S21"; None for any other label."""
    m = _DEVICE.match(label.strip())
    return m["name"].strip() if m else None


def _words(label: str) -> list[str]:
    return [key for key in (label_key(w) for w in label.split()) if key]


def merge_device_labels(entries: list[Entry], noun: str = "line") -> tuple[list[Entry], dict[str, str], list[str]]:
    """Give a device-named label the one speaker whose name starts with the device owner's name.
    Returns (entries, {device label: speaker}, warnings)."""
    counts = Counter(e.speaker for e in entries)
    people = [label for label in counts if device_owner(label) is None]
    renames: dict[str, str] = {}
    for label in counts:
        owner = device_owner(label)
        if owner is None:
            continue
        name = _words(owner)
        matches = [p for p in people if _words(p)[:len(name)] == name]
        roles = {e.role for e in entries if e.speaker in (label, *matches) and e.role is not None}
        if len(matches) == 1 and len(roles) <= 1:
            renames[label] = matches[0]
    if renames and len(set(counts) - set(renames)) < 2:
        return entries, {}, []  # the 'same person' would be the only speaker: two people after all
    warnings = [f"speaker label '{device}' ({count_phrase(counts[device], noun)}) taken as '{person}' "
                f"({count_phrase(counts[person], noun)}): the same person, joined from a device"
                for device, person in renames.items()]
    entries = [dataclasses.replace(e, speaker=renames[e.speaker]) if e.speaker in renames else e for e in entries]
    return entries, renames, warnings
