"""Scoring audio results against references: RTTM reading, diarization error rate (DER) and word
error rate (WER), as used by the benchmarks and the tests."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Sequence

import numpy as np

from .diarize import SpeakerSegment

STEP = 0.01  # DER is computed on a 10 ms grid


def read_rttm(path: str | Path) -> list[SpeakerSegment]:
    segments = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) >= 8 and parts[0] == "SPEAKER":
            start, duration = float(parts[3]), float(parts[4])
            segments.append(SpeakerSegment(start, round(start + duration, 3), parts[7]))
    return segments


def read_reference_text(path: str | Path) -> str:
    """The words of a reference transcript in the txt format ``[HH:MM:SS] Speaker: text``."""
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return " ".join(m.group(1) for m in (re.match(r"^\[[\d:.]+\]\s*[^:]+:\s*(.*)$", x) for x in lines) if m)


def _activity(segments: Sequence[SpeakerSegment], speakers: list[str], n: int) -> np.ndarray:
    grid = np.zeros((len(speakers), n), dtype=bool)
    for s in segments:
        grid[speakers.index(s.speaker), int(round(s.start / STEP)):int(round(s.end / STEP))] = True
    return grid


def der(reference: Sequence[SpeakerSegment], hypothesis: Sequence[SpeakerSegment], collar: float = 0.25) -> dict[str, float]:
    """Diarization error rate with the usual forgiveness collar around every reference boundary
    (``collar`` seconds on each side), overlapped speech scored, speakers mapped one-to-one to
    maximise agreement. Returns der and its parts as shares of the scored reference speech."""
    from scipy.optimize import linear_sum_assignment

    end = max([s.end for s in reference] + [s.end for s in hypothesis] + [0.0])
    n = int(np.ceil(end / STEP)) + 1
    ref_names = sorted({s.speaker for s in reference})
    hyp_names = sorted({s.speaker for s in hypothesis})
    ref = _activity(reference, ref_names, n)
    hyp = _activity(hypothesis, hyp_names, n)
    scored = np.ones(n, dtype=bool)
    c = int(round(collar / STEP))
    for s in reference:
        for t in (s.start, s.end):
            i = int(round(t / STEP))
            scored[max(0, i - c):i + c] = False
    ref, hyp = ref[:, scored], hyp[:, scored]
    n_ref, n_hyp = ref.sum(axis=0), hyp.sum(axis=0)
    total = float(n_ref.sum())
    if total == 0:
        return {"der": 0.0, "missed": 0.0, "false_alarm": 0.0, "confusion": 0.0}
    overlap = ref.astype(int) @ hyp.T.astype(int) if len(hyp_names) else np.zeros((len(ref_names), 0))
    rows, cols = linear_sum_assignment(-overlap) if overlap.size else ((), ())
    correct = float(sum(overlap[r, c_] for r, c_ in zip(rows, cols)))
    missed = float(np.maximum(n_ref - n_hyp, 0).sum())
    false_alarm = float(np.maximum(n_hyp - n_ref, 0).sum())
    confusion = float(np.minimum(n_ref, n_hyp).sum()) - correct
    return {"der": (missed + false_alarm + confusion) / total, "missed": missed / total,
            "false_alarm": false_alarm / total, "confusion": confusion / total}


def normalise_words(text: str) -> list[str]:
    """Lower case, digits and letters only, common spoken forms unified, for WER."""
    text = text.lower().replace("’", "'")
    text = re.sub(r"\b(mm-?hmm|mhm|uh-huh)\b", "mhm", text)
    text = re.sub(r"[^a-z0-9' ]+", " ", text.replace("-", " "))
    return [w.strip("'") for w in text.split() if w.strip("'")]


def wer(reference: str, hypothesis: str) -> float:
    """Word error rate (substitutions + deletions + insertions over reference words)."""
    r, h = normalise_words(reference), normalise_words(hypothesis)
    if not r:
        return float(len(h) > 0)
    d = np.arange(len(h) + 1)
    for i, rw in enumerate(r, 1):
        prev, d[0] = d.copy(), i
        for j, hw in enumerate(h, 1):
            d[j] = min(prev[j] + 1, d[j - 1] + 1, prev[j - 1] + (rw != hw))
    return float(d[len(h)]) / len(r)
