"""Words + speaker segments -> turns.

Each word takes the speaker whose segments overlap it most (the nearest segment when none do).
Consecutive words of one speaker form a turn. A short run of the other speaker inside a turn
(at most ``BACKCHANNEL_WORDS`` words and ``BACKCHANNEL_SECONDS`` long, with the first speaker
carrying on after it) never splits the turn: if it is a backchannel ("mm-hmm", "right", "yeah")
it becomes its own short turn placed right after the turn it accompanied, with its true times;
otherwise it is taken for a diarization slip and given to the surrounding speaker.
"""

from __future__ import annotations

import re
from typing import Sequence

import numpy as np

from ..model import Turn, Word
from .diarize import SpeakerSegment

BACKCHANNEL_WORDS = 3
BACKCHANNEL_SECONDS = 1.2
BACKCHANNEL = re.compile(r"^(mm+-?hmm+|m+hm+|uh-?huh|mm+|hmm+|yeah|yep|yes|right|okay|ok|sure|i see|wow|oh|ah|"
                         r"uh|um|true|exactly|totally|got it)$")


def speaker_of(word: Word, segments: Sequence[SpeakerSegment]) -> str:
    start, end = word.start or 0.0, word.end if word.end is not None else (word.start or 0.0)
    best, best_overlap = None, 0.0
    for s in segments:
        overlap = min(end, s.end) - max(start, s.start)
        if overlap > best_overlap:
            best, best_overlap = s.speaker, overlap
    if best is not None:
        return best
    middle = (start + end) / 2
    return min(segments, key=lambda s: min(abs(s.start - middle), abs(s.end - middle))).speaker


def is_backchannel(words: Sequence[Word]) -> bool:
    tokens = [t for t in (re.sub(r"[^a-z\-]", "", w.text.lower()) for w in words) if t]
    return bool(tokens) and bool(BACKCHANNEL.match(" ".join(tokens)) or all(BACKCHANNEL.match(t) for t in tokens))


def channel_turns(channels: Sequence[tuple[str, Sequence[Word]]], pause: float = 1.0) -> tuple[Turn, ...]:
    """Turns when every speaker has a channel of their own: each channel's words are split into
    turns at pauses of ``pause`` seconds, and the turns of all channels are put in time order.
    Speech at the same time stays as overlapping turns (no diarization guess is involved)."""
    pieces: list[tuple[str, list[Word]]] = []
    for speaker, words in channels:
        current: list[Word] = []
        for w in words:
            if current and (w.start or 0.0) - (current[-1].end or 0.0) >= pause:
                pieces.append((speaker, current))
                current = []
            current.append(w)
        if current:
            pieces.append((speaker, current))
    pieces.sort(key=lambda p: (p[1][0].start or 0.0, p[0]))
    return tuple(_turn(i, speaker, words) for i, (speaker, words) in enumerate(pieces))


def to_turns(words: Sequence[Word], segments: Sequence[SpeakerSegment]) -> tuple[Turn, ...]:
    if not words:
        return ()
    labels = [speaker_of(w, segments) for w in words] if segments else ["SPEAKER_00"] * len(words)
    runs = _runs(labels)
    merged: list[tuple[str, list[int], list[list[int]]]] = []  # speaker, word indices, backchannels inside
    i = 0
    while i < len(runs):
        speaker, idx = runs[i]
        if merged and merged[-1][0] == speaker:
            merged[-1][1].extend(idx)
        else:
            merged.append((speaker, list(idx), []))
        # a short run of someone else, with this speaker carrying on after it
        while i + 2 < len(runs) and runs[i + 2][0] == speaker and _short(runs[i + 1][1], words):
            inner = runs[i + 1][1]
            if is_backchannel([words[k] for k in inner]):
                merged[-1][2].append(list(inner))
            else:
                merged[-1][1].extend(inner)
            merged[-1][1].extend(runs[i + 2][1])
            i += 2
        i += 1
    turns: list[Turn] = []
    for speaker, idx, backchannels in merged:
        turns.append(_turn(len(turns), speaker, [words[k] for k in sorted(idx)]))
        for inner in backchannels:
            turns.append(_turn(len(turns), labels[inner[0]], [words[k] for k in inner]))
    return tuple(turns)


def _runs(labels: list[str]) -> list[tuple[str, list[int]]]:
    runs: list[tuple[str, list[int]]] = []
    for k, label in enumerate(labels):
        if runs and runs[-1][0] == label:
            runs[-1][1].append(k)
        else:
            runs.append((label, [k]))
    return runs


def _short(idx: list[int], words: Sequence[Word]) -> bool:
    span = (words[idx[-1]].end or 0.0) - (words[idx[0]].start or 0.0)
    return len(idx) <= BACKCHANNEL_WORDS and span <= BACKCHANNEL_SECONDS


def _turn(index: int, speaker: str, words: list[Word]) -> Turn:
    text = re.sub(r"\s+([,.!?;:])", r"\1", " ".join(w.text for w in words))
    starts = [w.start for w in words if w.start is not None]
    ends = [w.end for w in words if w.end is not None]
    return Turn(index=index, speaker=speaker, text=text, start=float(np.min(starts)) if starts else None,
                end=float(np.max(ends)) if ends else None, words=tuple(words))
