"""Scores of one diarization against a dialogue's references: DER and JER (pyannote.metrics, with a
forgiveness collar and without), speakers found, collapse, words given to the right role (each
reference word's time against the hypothesis turns, hypothesis labels mapped one-to-one to the
reference speakers as DER maps them), and boundary-word error (the first and last 3 words of each
reference turn given to the wrong speaker).

Collars: ``collar`` here is the time forgiven on EACH side of a reference boundary (the NIST
md-eval convention, ``-c 0.25``); pyannote.metrics takes the whole width, so it gets twice this.
"""

from __future__ import annotations

from dataclasses import dataclass, field

Segments = list[tuple[float, float, str]]
BOUNDARY_WORDS = 3
COLLAPSE_SHARE = 0.9  # one hypothesis label holding more than this of the hypothesised speech ...
BALANCED_SHARE = 0.2  # ... while the reference's second voice holds at least this much


def annotation(segments: Segments, uri: str = "x"):
    from pyannote.core import Annotation, Segment

    ann = Annotation(uri=uri)
    for i, (a, b, s) in enumerate(segments):
        if b > a:
            ann[Segment(a, b), i] = s
    return ann


@dataclass
class Metrics:
    """pyannote's accumulating metrics (per-file values and the pooled value over every file scored)."""

    collars: tuple[float, ...] = (0.25, 0.0)
    der: dict = field(default_factory=dict)
    jer: dict = field(default_factory=dict)

    def __post_init__(self):
        from pyannote.metrics.diarization import DiarizationErrorRate, JaccardErrorRate

        for c in self.collars:
            self.der[c] = DiarizationErrorRate(collar=2 * c, skip_overlap=False)
            self.jer[c] = JaccardErrorRate(collar=2 * c, skip_overlap=False)

    def score(self, reference: Segments, hypothesis: Segments, duration: float) -> dict:
        from pyannote.core import Segment, Timeline

        ref, hyp = annotation(reference), annotation(hypothesis)
        uem = Timeline([Segment(0.0, duration)])
        out = {}
        for c in self.collars:
            detail = self.der[c](ref, hyp, uem=uem, detailed=True)
            total = detail["total"] or 1.0
            out[f"der@{c}"] = detail["diarization error rate"]
            out[f"miss@{c}"] = detail["missed detection"] / total
            out[f"fa@{c}"] = detail["false alarm"] / total
            out[f"conf@{c}"] = detail["confusion"] / total
            out[f"jer@{c}"] = self.jer[c](ref, hyp, uem=uem)
        return out

    def pooled(self) -> dict:
        return {**{f"der@{c}": abs(m) for c, m in self.der.items()}, **{f"jer@{c}": abs(m) for c, m in self.jer.items()}}


def mapping(reference: Segments, hypothesis: Segments) -> dict[str, str]:
    """Hypothesis label -> reference speaker, one-to-one, maximising the overlap (as DER maps them)."""
    from pyannote.metrics.diarization import DiarizationErrorRate

    return dict(DiarizationErrorRate().optimal_mapping(annotation(reference), annotation(hypothesis)))


def speaker_at(start: float, end: float, hypothesis: Segments) -> str | None:
    """The hypothesis label with the most overlap with [start, end]; None when no label covers it."""
    best, best_overlap = None, 0.0
    for a, b, s in hypothesis:
        ov = min(b, end) - max(a, start)
        if ov > best_overlap:
            best, best_overlap = s, ov
    return best


def speech_shares(segments: Segments) -> dict[str, float]:
    totals: dict[str, float] = {}
    for a, b, s in segments:
        totals[s] = totals.get(s, 0.0) + (b - a)
    whole = sum(totals.values()) or 1.0
    return {s: t / whole for s, t in sorted(totals.items(), key=lambda kv: -kv[1])}


def collapsed(reference: Segments, hypothesis: Segments) -> bool:
    """One label holds > 90 % of the hypothesised speech while the reference has two balanced voices."""
    ref, hyp = speech_shares(reference), speech_shares(hypothesis)
    balanced = len(ref) >= 2 and sorted(ref.values())[-2] >= BALANCED_SHARE
    return balanced and (not hyp or max(hyp.values()) > COLLAPSE_SHARE)


def word_scores(words: list[dict], reference: Segments, hypothesis: Segments) -> dict:
    """Share of words given to the right speaker (so to the right role), overall, for backchannels,
    and for the boundary words of each reference turn (first and last ``BOUNDARY_WORDS``)."""
    to_ref = mapping(reference, hypothesis)
    right = [to_ref.get(speaker_at(w["start"], w["end"], hypothesis)) == w["speaker"] for w in words]
    turns: dict[tuple, list[int]] = {}
    for i, w in enumerate(words):
        if w["kind"] == "turn":
            turns.setdefault((w["turn"], w["speaker"]), []).append(i)
    boundary = sorted({i for idx in turns.values() for i in idx[:BOUNDARY_WORDS] + idx[-BOUNDARY_WORDS:]})
    starts = sorted({i for idx in turns.values() for i in idx[:BOUNDARY_WORDS]})
    back = [i for i, w in enumerate(words) if w["kind"] == "backchannel"]
    share = lambda idx: sum(right[i] for i in idx) / len(idx) if idx else float("nan")  # noqa: E731
    return {"words": len(words), "words_right": share(range(len(words))), "boundary_words": len(boundary),
            "boundary_error": 1.0 - share(boundary), "turn_start_error": 1.0 - share(starts),
            "backchannel_words": len(back), "backchannel_right": share(back)}
