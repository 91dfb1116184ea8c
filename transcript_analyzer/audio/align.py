"""Words + speaker evidence -> turns.

Each word takes the speaker whose frames (frames.FrameScores: how much every 0.1 s of speech
sounds like each voice, sharpened) score highest inside the word's own [start, end]; without
frame scores, for a word outside every scored frame, or when the best two voices score within
``MIN_MARGIN`` (babble), the speaker whose segments overlap it most, or the nearest segment. The voice windows behind the frames are 1.5 s long, so evidence near
a turn change stays blurred across it: a change between two words with no pause between them is
moved to the nearest pause (a silence of ``PAUSE`` seconds, or a sentence end: recognisers often
leave no silence at a turn change) within ``SNAP_WORDS`` words, when the words it moves across
carry less than ``SNAP_EVIDENCE`` of frame evidence for the speaker they had (``snap_to_pauses``);
and a lone backchannel sentence inside one voice's talk that sounds far less like that voice than
the words around it goes to the listener (``listener_backchannels``).

Consecutive words of one speaker form a turn. A short run of the other speaker inside a turn
(at most ``BACKCHANNEL_WORDS`` words and ``BACKCHANNEL_SECONDS`` long, with the first speaker
carrying on after it) never splits the turn: if it is a backchannel ("mm-hmm", "right", "yeah")
it becomes its own short turn placed right after the turn it accompanied, with its own times;
if it is set apart by pauses on both sides ("Not really.") it is a turn of its own; otherwise it
is taken for a diarization slip and given to the surrounding speaker. The constants were tuned on
the tune half of the synthetic dialogues (benchmarks/boundary_words.py; docs/benchmarks.md).
"""

from __future__ import annotations

import re
from typing import Sequence

import numpy as np

from ..model import Turn, Word
from .diarize import SpeakerSegment
from .frames import GRID, FrameScores

BACKCHANNEL_WORDS = 3
BACKCHANNEL_SECONDS = 1.2
BACKCHANNEL = re.compile(r"^(mm+-?hmm+|m+hm+|uh-?huh|mm+|hmm+|yeah|yep|yes|right|okay|ok|sure|i see|wow|oh|ah|"
                         r"uh|um|true|exactly|totally|got it)$")
PAUSE = 0.3  # seconds between two words that can hold a turn change
MIN_MARGIN = 0.02  # frame margin under which a word keeps the smoothed segments' speaker
SNAP_WORDS = 3  # how many words a turn change may move to reach a pause
SNAP_EVIDENCE = 0.4  # frame evidence (summed similarity margin) a move to a pause may overrule
BACKCHANNEL_EVIDENCE = 0.7  # a lone "Yeah." scoring under this share of its neighbours' margin is the listener's


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


def frame_evidence(words: Sequence[Word], frames: FrameScores) -> np.ndarray:
    """(words, speakers): each word's mean frame score for each speaker, frames weighted by how
    much of the word they cover; a row of NaN for a word no scored frame covers (outside speech)."""
    out = np.full((len(words), len(frames.speakers)), np.nan)
    starts, ends = frames.times, frames.times + GRID
    for i, w in enumerate(words):
        if w.start is None:
            continue
        a = w.start
        b = max(w.end if w.end is not None else a, a + 0.01)
        lo, hi = np.searchsorted(ends, a, side="right"), np.searchsorted(starts, b, side="left")
        if hi <= lo:
            continue
        weight = np.minimum(ends[lo:hi], b) - np.maximum(starts[lo:hi], a)
        if weight.sum() > 0:
            out[i] = weight @ frames.scores[lo:hi] / weight.sum()
    return out


def word_speakers(words: Sequence[Word], segments: Sequence[SpeakerSegment],
                  frames: FrameScores | None = None) -> list[str]:
    """Each word's speaker: by its own frames when there are frame scores (then turn changes
    snapped to pauses), else by segment overlap."""
    if not segments and frames is None:
        return ["SPEAKER_00"] * len(words)
    fallback = [speaker_of(w, segments) if segments else None for w in words]
    if frames is None or not len(frames.times):
        return fallback
    evidence = frame_evidence(words, frames)
    labels = [_frame_label(row, frames.speakers, fallback[i]) for i, row in enumerate(evidence)]
    labels = snap_to_pauses(words, labels, evidence, frames.speakers)
    return listener_backchannels(words, labels, evidence, frames.speakers)


def _frame_label(row: np.ndarray, speakers: Sequence[str], fallback: str | None) -> str:
    """The best-scoring speaker; the segments' speaker when the frames cannot tell (no frame, or
    the best two within MIN_MARGIN: in babble every frame scores alike)."""
    if np.isnan(row).any():
        return fallback or speakers[0]
    order = np.argsort(row)[::-1]
    if fallback is not None and len(order) > 1 and row[order[0]] - row[order[1]] < MIN_MARGIN:
        return fallback
    return speakers[int(order[0])]


def snap_to_pauses(words: Sequence[Word], labels: Sequence[str], evidence: np.ndarray,
                   speakers: Sequence[str]) -> list[str]:
    """Move each speaker change that falls between two words with no pause (``_pause``) to the
    nearest pause within SNAP_WORDS words, when the words crossed carry less than SNAP_EVIDENCE
    of evidence (the sum of their score margins for the speaker they had over the other one). The
    change never moves past another change: each side keeps at least one word."""
    labels = list(labels)
    column = {s: k for k, s in enumerate(speakers)}
    c = 1
    while c < len(labels):
        if labels[c] == labels[c - 1] or _pause(words, c):
            c += 1
            continue
        a, b = labels[c - 1], labels[c]
        first, last = c - 1, c  # the a-run before the change and the b-run after it
        while first > 0 and labels[first - 1] == a:
            first -= 1
        while last + 1 < len(labels) and labels[last + 1] == b:
            last += 1
        lo, hi = max(first + 1, c - SNAP_WORDS), min(last, c + SNAP_WORDS)
        # a boundary j puts words < j with a and words >= j with b; keep one word each side
        margin = _margin(evidence, column.get(a), column.get(b))
        best, best_cost = None, SNAP_EVIDENCE
        for j in sorted(range(lo, hi + 1), key=lambda j: abs(j - c)):
            if j == c or not _pause(words, j) or (j > c and is_backchannel(words[c:j])):
                continue  # no pause there; or b's words before the pause may be a backchannel ("Yeah.")
            cost = float(margin[j:c].sum()) if j < c else float(-margin[c:j].sum())
            if cost < best_cost:
                best, best_cost = j, cost
        if best is not None:
            for k in range(min(best, c), max(best, c)):
                labels[k] = a if best > c else b
            c = max(best, c)
        c += 1
    return labels


def listener_backchannels(words: Sequence[Word], labels: Sequence[str], evidence: np.ndarray,
                          speakers: Sequence[str]) -> list[str]:
    """A backchannel sentence ("Yeah.", "Mm-hmm.", "I see.") set apart by pauses inside one
    speaker's talk, whose frames favour that speaker by less than BACKCHANNEL_EVIDENCE of the
    margin of the speaker's words around it, is given to the best-scoring other speaker: a 0.3 s
    word between two stretches of one voice is blurred towards that voice, and a listener's
    backchannel is far more common there than the speaker's own."""
    labels = list(labels)
    column = {s: k for k, s in enumerate(speakers)}
    for i in range(1, len(words) - 1):
        for j in (i + 1, i + 2):  # words i..j-1: one or two words
            a = labels[i - 1]
            if j >= len(words) or labels[j] != a or any(labels[k] != a for k in range(i, j)) or a not in column:
                continue
            if not (is_backchannel(words[i:j]) and _pause(words, i) and _pause(words, j)
                    and _sentence_end(words[j - 1])):
                continue
            rows = np.nan_to_num(evidence[i:j])
            others = [column[s] for s in speakers if s != a]
            if not others:
                continue
            b = max(others, key=lambda c: rows[:, c].mean())
            around = [k for k in range(max(0, i - 6), min(len(words), j + 6)) if not i <= k < j and labels[k] == a]
            typical = float(np.median(_margin(evidence, column[a], b)[around])) if around else 0.0
            if float(_margin(evidence, column[a], b)[i:j].mean()) < BACKCHANNEL_EVIDENCE * typical:
                labels[i:j] = [speakers[b]] * (j - i)
                break
    return labels


def _margin(evidence: np.ndarray, a: int | None, b: int | None) -> np.ndarray:
    """Per word: score for a minus score for b (0 where unknown)."""
    if a is None or b is None:
        return np.zeros(len(evidence))
    return np.nan_to_num(evidence[:, a] - evidence[:, b])


def _pause(words: Sequence[Word], j: int) -> bool:
    """Whether a turn may change between word j-1 and word j: a silence of PAUSE seconds, or the end of a sentence."""
    return _gap(words, j) >= PAUSE or _sentence_end(words[j - 1])


def _sentence_end(word: Word) -> bool:
    return word.text.rstrip("\"')»”").endswith((".", "?", "!"))


def _gap(words: Sequence[Word], j: int) -> float:
    """Silence between word j-1 and word j."""
    return (words[j].start or 0.0) - (words[j - 1].end or 0.0)


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


def to_turns(words: Sequence[Word], segments: Sequence[SpeakerSegment],
             frames: FrameScores | None = None) -> tuple[Turn, ...]:
    if not words:
        return ()
    labels = word_speakers(words, segments, frames)
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
        while i + 2 < len(runs) and runs[i + 2][0] == speaker and _island(runs[i + 1][1], words):
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


def _island(idx: list[int], words: Sequence[Word]) -> bool:
    """A short run of another speaker that does not split the turn around it: a backchannel, or
    a diarization slip. A short run set apart by pauses on both sides that is no backchannel
    ("Not really.") is a turn of its own."""
    span = (words[idx[-1]].end or 0.0) - (words[idx[0]].start or 0.0)
    if len(idx) > BACKCHANNEL_WORDS or span > BACKCHANNEL_SECONDS:
        return False
    apart = idx[0] > 0 and idx[-1] + 1 < len(words) and _pause(words, idx[0]) and _pause(words, idx[-1] + 1)
    return not apart or is_backchannel([words[k] for k in idx])


def _turn(index: int, speaker: str, words: list[Word]) -> Turn:
    text = re.sub(r"\s+([,.!?;:])", r"\1", " ".join(w.text for w in words))
    starts = [w.start for w in words if w.start is not None]
    ends = [w.end for w in words if w.end is not None]
    return Turn(index=index, speaker=speaker, text=text, start=float(np.min(starts)) if starts else None,
                end=float(np.max(ends)) if ends else None, words=tuple(words))
