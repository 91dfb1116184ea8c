"""Checks every reader's entries get before they become turns: near-identical speaker labels and
times that run backwards. Both end in a warning in ``meta.warnings``, never silently."""

from __future__ import annotations

import dataclasses
import unicodedata
from collections import Counter
from typing import TYPE_CHECKING

from .lines import lines_phrase

if TYPE_CHECKING:  # build.py imports this module
    from .build import Entry


def label_key(label: str) -> str:
    """What is left of a label without case, spaces and punctuation: 'Dr. Lee', 'Dr Lee', 'DR  LEE'
    and 'dr.lee' share one key; 'Client 1' and 'Client 2', 'T' and 'C' do not."""
    folded = unicodedata.normalize("NFKC", label).casefold()
    return "".join(ch for ch in folded if ch.isalnum()) or folded


def merge_label_variants(entries: list[Entry], noun: str = "line") -> tuple[list[Entry], dict[str, str], list[str]]:
    """Give labels that differ only in case, spacing or punctuation their most used spelling (ties:
    the first seen). Returns (entries, {variant: kept spelling}, warnings). Labels whose entries
    state different roles are left apart."""
    counts = Counter(e.speaker for e in entries)
    groups: dict[str, list[str]] = {}
    for label in counts:  # Counter keeps first-seen order
        groups.setdefault(label_key(label), []).append(label)
    renames: dict[str, str] = {}
    warnings: list[str] = []
    for labels in groups.values():
        roles = {e.role for e in entries if e.speaker in labels and e.role is not None}
        if len(labels) < 2 or len(roles) > 1:
            continue
        kept = max(labels, key=lambda label: counts[label])  # max keeps the first of equals
        variants = [label for label in labels if label != kept]
        renames.update((variant, kept) for variant in variants)
        shown = " and ".join(f"'{v}' ({count_phrase(counts[v], noun)})" for v in variants)
        warnings.append(f"speaker label{'s' if len(variants) > 1 else ''} {shown} taken as '{kept}' "
                        f"({count_phrase(counts[kept], noun)}): they differ only in case, spacing or punctuation")
    if renames:
        entries = [dataclasses.replace(e, speaker=renames[e.speaker]) if e.speaker in renames else e for e in entries]
    return entries, renames, warnings


def count_phrase(n: int, noun: str) -> str:
    """'1 cue', '3 cues'."""
    return f"{n} {noun}{'' if n == 1 else 's'}"


def order_warnings(entries: list[Entry], noun: str, line_noun: str = "line") -> list[str]:
    """A warning naming the entries that start before the entry before them. The file's order is
    kept (it is the order people read and edit; a mistyped time would otherwise move a line of
    dialogue), so response times and silences around them are unreliable."""
    late: list[int] = []
    previous: float | None = None
    for index, entry in enumerate(entries, start=1):
        if entry.start is None:
            continue
        if previous is not None and entry.start < previous:
            late.append(entry.line if entry.line is not None else index)
        previous = entry.start
    if not late:
        return []
    many = len(late) > 1
    return [f"{len(late)} {noun}{'s' if many else ''} start{'' if many else 's'} earlier than the {noun} before "
            f"{'them' if many else 'it'} ({lines_phrase(late, line_noun)}); kept in file order, so response "
            "times and silences there may be wrong: check the times"]
