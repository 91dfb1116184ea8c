"""Scoring audio results against references, as the benchmarks and the tests use it: RTTM reading
(pyannote.database), diarization error rate (DER, pyannote.metrics) and word error rate (WER,
jiwer). The libraries are imported when a score is asked for: they are test and benchmark
dependencies (pyannote.metrics, which brings pyannote.core and pyannote.database) and part of the
[audio] extra (jiwer), not needed to analyse anything."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Sequence

from .diarize import SpeakerSegment


def read_rttm(path: str | Path) -> list[SpeakerSegment]:
    """The SPEAKER lines of an RTTM file (every file id in it), in time order."""
    from pyannote.database.util import load_rttm

    segments = []
    for annotation in load_rttm(str(path)).values():
        for segment, _, speaker in annotation.itertracks(yield_label=True):
            segments.append(SpeakerSegment(segment.start, round(segment.end, 3), str(speaker)))
    return sorted(segments, key=lambda s: (s.start, s.end, s.speaker))


def read_reference_text(path: str | Path) -> str:
    """The words of a reference transcript in the txt format ``[HH:MM:SS] Speaker: text``."""
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return " ".join(m.group(1) for m in (re.match(r"^\[[\d:.]+\]\s*[^:]+:\s*(.*)$", x) for x in lines) if m)


def annotation(segments: Sequence[SpeakerSegment], uri: str = "session") -> Any:
    """A pyannote.core Annotation of speaker segments (one track per segment)."""
    from pyannote.core import Annotation, Segment

    out = Annotation(uri=uri)
    for i, s in enumerate(segments):
        if s.end > s.start:
            out[Segment(s.start, s.end), i] = s.speaker
    return out


def der(reference: Sequence[SpeakerSegment], hypothesis: Sequence[SpeakerSegment], collar: float = 0.25) -> dict[str, float]:
    """Diarization error rate (pyannote.metrics) with the usual forgiveness collar of ``collar``
    seconds on EACH side of every reference boundary (the NIST md-eval convention, ``-c 0.25``;
    pyannote takes the whole width, so it gets twice this), overlapped speech scored, speakers mapped
    one-to-one to maximise agreement, over the time from 0 to the last segment's end. Returns der and
    its parts as shares of the scored reference speech."""
    from pyannote.core import Segment, Timeline
    from pyannote.metrics.diarization import DiarizationErrorRate

    end = max([s.end for s in reference] + [s.end for s in hypothesis] + [0.0])
    metric = DiarizationErrorRate(collar=2 * collar, skip_overlap=False)
    uem = Timeline([Segment(0.0, end)]) if end > 0 else None
    parts = metric(annotation(reference), annotation(hypothesis), uem=uem, detailed=True) if uem else {"total": 0.0}
    total = parts["total"]
    if total == 0:
        return {"der": 0.0, "missed": 0.0, "false_alarm": 0.0, "confusion": 0.0}
    missed, false_alarm, confusion = parts["missed detection"], parts["false alarm"], parts["confusion"]
    return {"der": (missed + false_alarm + confusion) / total, "missed": missed / total,
            "false_alarm": false_alarm / total, "confusion": confusion / total}


def normalise_words(text: str) -> list[str]:
    """Lower case, digits and letters only, common spoken forms unified, for WER. (Our own rules:
    jiwer's transforms do not unify the spellings of "mm-hmm", and its punctuation removal would
    join hyphenated words instead of splitting them.)"""
    text = text.lower().replace("’", "'")
    text = re.sub(r"\b(mm-?hmm|mhm|uh-huh)\b", "mhm", text)
    text = re.sub(r"[^a-z0-9' ]+", " ", text.replace("-", " "))
    return [w.strip("'") for w in text.split() if w.strip("'")]


def wer(reference: str, hypothesis: str) -> float:
    """Word error rate (jiwer: substitutions + deletions + insertions over reference words) of the
    normalised words; a reference without words scores 0 for an empty hypothesis, else 1."""
    r, h = normalise_words(reference), normalise_words(hypothesis)
    if not r:
        return float(len(h) > 0)
    import jiwer

    return float(jiwer.wer(" ".join(r), " ".join(h)))
