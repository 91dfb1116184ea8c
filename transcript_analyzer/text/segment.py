"""Segmentation stage: turns -> utterances, the units markers are coded on.

By default (``unit = "turn"``) an utterance is a whole speaker turn, the unit the corpora's human
coders coded and the coder learnt from; a turn longer than ``max_words`` is cut at sentence
boundaries into pieces of at most that many words. With ``unit = "sentence"`` every sentence is
an utterance. Sentences come from spaCy's dependency parser.

On punctuated text (transcribers and Whisper punctuate), the parser sometimes cuts a sentence
before "and ..." or after "I mean," (measured on AnnoMI); such pieces are joined back: a piece
that follows one without closing punctuation belongs to it. A turn without any full stop,
question mark or exclamation mark (as other recognisers write) is cut by the boundary model
(text/boundaries.py; on AnnoMI's unpunctuated test turns boundary F1 0.55 against the parser's
0.29, trained_models/boundaries/card.md). Pieces without a letter or digit ("[", ".") are
attached to a neighbour.

Each utterance gets times when the turn has them: from word timestamps when there are words,
else by interpolating the turn's span (start to end, or to the next turn's start) by character
position.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any, Sequence

from ..config import SegmentOptions
from ..model import ModelInfo, Session, Turn, Utterance, Word
from ..resources import load_spacy
from .boundaries import BoundaryModel, words_of

_TERMINAL = re.compile(r"[.?!…][\"'”’)\]]*$")
_BREAK = re.compile(r"(?:[-–—]|\.\.\.)[\"'”’)\]]*$")
_PUNCTUATED = re.compile(r"[.?!]")
_CONTENT = re.compile(r"\w")
# Only tok2vec + parser are needed to find sentences (1.5x faster than the full pipeline).
_UNUSED = ("tagger", "attribute_ruler", "lemmatizer", "ner", "senter", "morphologizer")


class SegmentStage:
    name = "segment"
    requires = frozenset({"turns", "roles"})
    provides = frozenset({"utterances"})

    def __init__(self, options: SegmentOptions | None = None, nlp: Any = None, boundaries: BoundaryModel | None = None):
        self.options = options or SegmentOptions()
        self._nlp = nlp
        self._boundaries = boundaries
        self._used_boundaries = False

    def load(self) -> None:
        if self._nlp is None:
            self._nlp = load_spacy(self.options.spacy_model, exclude=_UNUSED)

    def models(self) -> tuple[ModelInfo, ...]:
        if self._nlp is None:
            return ()
        meta = self._nlp.meta
        infos = (ModelInfo(name=f"{meta.get('lang', 'xx')}_{meta.get('name', 'spacy')}", stage=self.name,
                           version=meta.get("version")),)
        return infos + ((self._boundaries.info(),) if self._used_boundaries and self._boundaries else ())

    def predict(self, texts: Sequence[str]) -> list[list[tuple[int, int]]]:
        """Character spans of the utterances in each text: the whole text, or (unit "sentence", or
        a turn longer than ``max_words``) its sentences, grouped back into pieces of at most
        ``max_words`` words with unit "turn"."""
        if self.options.unit == "sentence":
            return self.sentences(texts)
        limit = self.options.max_words
        long = [i for i, t in enumerate(texts) if len(t.split()) > limit]
        cut = dict(zip(long, self.sentences([texts[i] for i in long])))
        return [group_spans(t, cut[i], limit) if i in cut else repair_spans(t, [(0, len(t))]) for i, t in enumerate(texts)]

    def sentences(self, texts: Sequence[str]) -> list[list[tuple[int, int]]]:
        """Character spans of the sentences in each text."""
        self.load()
        unpunctuated = {i for i, t in enumerate(texts) if self.options.boundaries and unpunctuated_text(t)}
        if unpunctuated and self._boundaries is None:
            self._boundaries = BoundaryModel.load(self.options.boundaries)
        self._used_boundaries = self._used_boundaries or bool(unpunctuated)
        parsed = [t for i, t in enumerate(texts) if i not in unpunctuated]
        docs = iter(self._nlp.pipe(parsed, batch_size=self.options.batch_size))
        out = []
        for i, text in enumerate(texts):
            if i in unpunctuated:
                out.append(repair_spans(text, [(a, b) for a, b, _ in self._boundaries.segment(text)]))
            else:
                doc = next(docs)
                out.append(repair_spans(text, [(s.start_char, s.end_char) for s in doc.sents]))
        return out

    def __call__(self, session: Session) -> Session:
        spans = self.predict([t.text for t in session.turns])
        utterances: list[Utterance] = []
        for i, (turn, turn_spans) in enumerate(zip(session.turns, spans)):
            following = session.turns[i + 1].start if i + 1 < len(session.turns) else None
            offsets = word_offsets(turn)
            for a, b in turn_spans:
                start, end, source = utterance_times(turn, a, b, following, len(turn_spans), offsets)
                utterances.append(Utterance(
                    index=len(utterances), turn_index=turn.index, speaker=turn.speaker, role=turn.role,
                    text=turn.text[a:b], start=start, end=end, time_source=source,
                ))
        meta = dataclasses.replace(session.meta, utterance_unit=self.options.unit)
        return dataclasses.replace(session, meta=meta, utterances=tuple(utterances))


def unpunctuated_text(text: str) -> bool:
    """A turn of several words with no full stop, question mark or exclamation mark."""
    return not _PUNCTUATED.search(text) and len(words_of(text)) >= 2


def group_spans(text: str, spans: list[tuple[int, int]], limit: int) -> list[tuple[int, int]]:
    """Consecutive sentence spans joined into pieces of at most ``limit`` words (a longer sentence
    stays a piece of its own)."""
    out: list[tuple[int, int]] = []
    words = 0
    for a, b in spans:
        n = len(text[a:b].split())
        if out and words + n <= limit:
            out[-1] = (out[-1][0], b)
            words += n
        else:
            out.append((a, b))
            words = n
    return out


def repair_spans(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join the parser's pieces back where it cut inside a punctuated sentence."""
    punctuated = bool(_PUNCTUATED.search(text))
    out: list[tuple[int, int]] = []
    for a, b in spans:
        piece = text[a:b].strip()
        if not piece:
            continue
        a = a + (len(text[a:b]) - len(text[a:b].lstrip()))
        b = a + len(piece)
        previous = text[out[-1][0]:out[-1][1]] if out else None
        if previous is not None and (
            not _CONTENT.search(piece) or not _CONTENT.search(previous) or (punctuated and _open(previous))
        ):
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out or [(0, len(text))]


def _open(previous: str) -> bool:
    """A piece that has not ended: no closing punctuation and no break-off dash or ellipsis."""
    return not _TERMINAL.search(previous) and not _BREAK.search(previous)


def word_offsets(turn: Turn) -> list[tuple[int, int, Word]] | None:
    """Character span of each timed word in the turn's text (found once per turn), or None when
    the turn has no complete word timing."""
    if not turn.words or any(w.start is None or w.end is None for w in turn.words):
        return None
    pos, offsets = 0, []
    for word in turn.words:
        found = turn.text.find(word.text, pos)
        if found >= 0:
            pos = found + len(word.text)
            offsets.append((found, pos, word))
    return offsets


def utterance_times(turn: Turn, a: int, b: int, following: float | None, n_utterances: int,
                    offsets: list[tuple[int, int, Word]] | None = None) -> tuple[float | None, float | None, str | None]:
    """(start, end, how) for the characters a..b of a turn (offsets: from word_offsets)."""
    if offsets is None and turn.words:
        offsets = word_offsets(turn)
    if offsets is not None:
        inside = [w for start, end, w in offsets if start < b and end > a]
        return (inside[0].start, inside[-1].end, "words") if inside else (None, None, None)
    if turn.start is None:
        return None, None, None
    if n_utterances == 1:
        return turn.start, turn.end, "turn"
    end = turn.end if turn.end is not None else following
    if end is None or end <= turn.start:
        return (turn.start, None, "turn") if a == 0 else (None, None, None)
    length = max(len(turn.text), 1)
    span = end - turn.start
    return round(turn.start + span * a / length, 3), round(turn.start + span * b / length, 3), "interpolated"
