"""Lay a script out in time and render it: every clause is synthesized on its own, trimmed to its
speech, and placed with a pause drawn from the seeded generator (short after a comma, varied
between sentences, sometimes long), turns sometimes overlap, and the listener adds backchannels.
The references come from the same placement: speech-level segments (clause spans of one speaker
joined across pauses of at most ``MERGE_GAP``) and words with times.

Word times inside a clause are shared out in proportion to each word's letters + 1 (the TTS
engines report no word timings); clause edges, and so turn edges, are exact to 10 ms.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .script import BACKCHANNELS, CLIENT, THERAPIST, clauses, dialogue_lines
from .script import words as clause_words
from .voices import SAMPLE_RATE, Voice, render

MERGE_GAP = 0.3  # seconds: pauses longer than this split a reference segment
FRAME = 160  # 10 ms
SPEECH_RMS = 0.05  # every clause is brought to this RMS over its active frames


@dataclass
class Placed:
    speaker: str  # voice id
    role: str
    start: float
    audio: np.ndarray
    text: str
    turn: int
    kind: str  # "turn" or "backchannel"

    @property
    def end(self) -> float:
        return self.start + len(self.audio) / SAMPLE_RATE


@dataclass
class Dialogue:
    placed: list[Placed] = field(default_factory=list)
    duration: float = 0.0

    def track(self, speaker: str) -> np.ndarray:
        """The speaker's own clean signal over the whole dialogue."""
        out = np.zeros(int(round(self.duration * SAMPLE_RATE)) + 1, dtype=np.float32)
        for p in self.placed:
            if p.speaker == speaker:
                i = int(round(p.start * SAMPLE_RATE))
                out[i:i + len(p.audio)] += p.audio[: len(out) - i]
        return out

    def segments(self) -> list[tuple[float, float, str]]:
        """Reference speech segments (start, end, speaker): overlapping across speakers where they overlap."""
        out = []
        for speaker in sorted({p.speaker for p in self.placed}):
            spans = sorted((p.start, p.end) for p in self.placed if p.speaker == speaker)
            cur = list(spans[0])
            for a, b in spans[1:]:
                if a - cur[1] <= MERGE_GAP:
                    cur[1] = max(cur[1], b)
                else:
                    out.append((cur[0], cur[1], speaker))
                    cur = [a, b]
            out.append((cur[0], cur[1], speaker))
        return sorted((round(a, 3), round(b, 3), s) for a, b, s in out)

    def words(self) -> list[dict]:
        out = []
        for p in sorted(self.placed, key=lambda p: p.start):
            ws = clause_words(p.text)
            weights = np.array([sum(c.isalnum() for c in w) + 1 for w in ws], dtype=float)
            edges = p.start + (p.end - p.start) * np.concatenate([[0.0], np.cumsum(weights) / weights.sum()])
            for w, a, b in zip(ws, edges[:-1], edges[1:]):
                out.append({"word": w, "start": round(float(a), 3), "end": round(float(b), 3), "speaker": p.speaker,
                            "role": p.role, "turn": p.turn, "kind": p.kind})
        return out


def trim(x: np.ndarray, floor_db: float = -40.0) -> np.ndarray:
    """The clause without its leading and trailing silence (10 ms frames below peak + floor_db)."""
    n = len(x) // FRAME
    if n == 0:
        return x
    rms = np.sqrt(np.mean(x[: n * FRAME].reshape(n, FRAME) ** 2, axis=1))
    active = np.flatnonzero(rms > rms.max() * 10 ** (floor_db / 20))
    x = x[active[0] * FRAME:(active[-1] + 1) * FRAME]
    level = np.sqrt(np.mean(x ** 2)) if len(x) else 0.0
    return (x * (SPEECH_RMS * 1.6 / level)).astype(np.float32) if level > 0 else x


class _Renderer:
    def __init__(self, seed: int):
        self.seed, self.cache = seed, {}

    def __call__(self, voice: Voice, text: str) -> np.ndarray:
        key = (voice.id, text)
        if key not in self.cache:
            self.cache[key] = trim(render(voice, text, seed=self.seed + len(self.cache)))
        return self.cache[key]


def layout(voices: dict[str, Voice], seed: int, minutes: float, overlap: float = 0.08,
           backchannel: float = 0.35, others: list[Voice] | tuple[Voice, ...] = ()) -> Dialogue:
    """Render the seeded script with ``voices`` ({"therapist": Voice, "client": Voice}) until it
    lasts ``minutes``: ``overlap`` is the share of turns that start before the other's ends,
    ``backchannel`` the chance that the listener backchannels in a turn of 2+ sentences.
    ``others``: further clients (a group session); each client turn is then spoken by one of the
    clients, a different one from the last client turn two times in three."""
    rng = np.random.default_rng(seed + 1)
    say = _Renderer(seed)
    clients = [voices[CLIENT], *others]
    last_client = voices[CLIENT]
    d = Dialogue()
    t = float(rng.uniform(0.5, 2.0))
    prev_end = line_start = t
    for turn, line in enumerate(dialogue_lines(seed)):
        if prev_end >= minutes * 60:
            break
        r = rng.random()
        if turn and r < overlap:
            t = max(prev_end - rng.uniform(0.2, 0.6), line_start + 0.3)
        elif turn:
            t = prev_end + (rng.uniform(1.5, 3.5) if r < overlap + 0.1 else rng.uniform(0.25, 1.2))
        boundaries, line_start = [], t
        if line.role == CLIENT and others and rng.random() < 2 / 3:
            last_client = [c for c in clients if c.id != last_client.id][int(rng.integers(len(clients) - 1))]
        voice = last_client if line.role == CLIENT else voices[THERAPIST]
        for s, sentence in enumerate(line.sentences):
            if s:
                pause = rng.uniform(1.2, 2.5) if line.role == CLIENT and rng.random() < 0.1 else rng.uniform(0.15, 0.9)
                boundaries.append(t)
                t += pause
            for c, clause in enumerate(clauses(sentence)):
                if c:
                    t += rng.uniform(0.05, 0.25)
                audio = say(voice, clause)
                d.placed.append(Placed(voice.id, line.role, t, audio, clause, turn, "turn"))
                t += len(audio) / SAMPLE_RATE
        prev_end = t
        listener = THERAPIST if line.role == CLIENT else CLIENT
        chance = backchannel if line.role == CLIENT else backchannel / 3
        if boundaries and rng.random() < chance:
            at = boundaries[int(rng.integers(len(boundaries)))] + rng.uniform(0.05, 0.3)
            text = BACKCHANNELS[int(rng.integers(len(BACKCHANNELS)))]
            hearer = last_client if listener == CLIENT else voices[THERAPIST]
            d.placed.append(Placed(hearer.id, listener, at, say(hearer, text), text, turn, "backchannel"))
    d.placed.sort(key=lambda p: p.start)
    d.duration = max(p.end for p in d.placed) + float(rng.uniform(0.5, 2.0))
    return d
