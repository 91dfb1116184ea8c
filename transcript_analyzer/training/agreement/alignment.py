"""Which of the tool's utterances make up each gold unit.

AnnoMI-layout units are whole rows (turns); the tool's units are sentences inside turns, and its
reader merges consecutive rows of one speaker into one turn. So a session is aligned by text:
the normalised text (lowercase, letters and digits only) of the gold rows and of the predicted
utterances is concatenated; when the two strings are equal, each utterance belongs to the gold row
holding its first character. When they differ (redaction, edited text, another reader), the two
are aligned word by word with difflib and each utterance belongs to the gold row of its first
matched word; the gold characters left without a match are counted.

A gold row in which no utterance starts (a sentence ran across two rows) is given the utterance
covering its first aligned character. Simple-layout units are matched by index instead.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Iterable, Mapping, Sequence

from ...errors import InputError
from .gold import Gold, GoldRow, Label
from .predictions import PredUtterance

_WORD = re.compile(r"[^\W_]+")


def normalise(text: str) -> str:
    return "".join(_WORD.findall(text.lower()))


@dataclass(frozen=True)
class SessionAlignment:
    """Gold unit -> indices of the predicted utterances it covers, and how well it went."""

    session_id: str
    method: str  # "exact", "fuzzy" (difflib on words) or "index"
    units: Mapping[int, tuple[int, ...]]
    therapist_chars: int = 0
    unaligned_chars: int = 0
    text_mismatches: int = 0  # simple layout: units whose ``text`` differs from the utterance's

    @property
    def coverage(self) -> float | None:
        if not self.therapist_chars:
            return None
        return 1 - self.unaligned_chars / self.therapist_chars


def align_session(gold: Gold, session_id: str, utterances: Sequence[PredUtterance]) -> SessionAlignment:
    """Align one session of a gold file to its predicted utterances."""
    if gold.layout == "annomi":
        return align_text(session_id, gold.rows.get(session_id, ()), utterances)
    labels = [label for label in gold.labels if label.session_id == session_id]
    return align_index(gold, session_id, labels, utterances)


def align_text(session_id: str, rows: Sequence[GoldRow], utterances: Sequence[PredUtterance]) -> SessionAlignment:
    gold_text = [normalise(r.text) for r in rows]
    pred_text = [normalise(u.text) for u in utterances]
    therapist = {i for i, r in enumerate(rows) if r.role == "therapist"}
    total = sum(len(gold_text[i]) for i in therapist)
    if "".join(gold_text) == "".join(pred_text):
        pairs = zip(_owners(pred_text), _owners(gold_text))
        return _assign(session_id, "exact", rows, utterances, pairs, total, 0)
    pred_words, gold_words = _words(utterances), _words(rows)
    matcher = difflib.SequenceMatcher(None, [w for w, _ in pred_words], [w for w, _ in gold_words], autojunk=False)
    pairs = [(pred_words[b.a + k][1], gold_words[b.b + k][1]) for b in matcher.get_matching_blocks() for k in range(b.size)]
    matched = [False] * len(gold_words)
    for b in matcher.get_matching_blocks():
        matched[b.b:b.b + b.size] = [True] * b.size
    unaligned = sum(len(w) for (w, owner), ok in zip(gold_words, matched) if not ok and owner in therapist)
    return _assign(session_id, "fuzzy", rows, utterances, pairs, total, unaligned)


def _owners(texts: Sequence[str]) -> Iterable[int]:
    """For every character of the concatenation, the position of the text it comes from."""
    for i, text in enumerate(texts):
        yield from [i] * len(text)


def _words(items: Sequence[PredUtterance] | Sequence[GoldRow]) -> list[tuple[str, int]]:
    return [(w, i) for i, item in enumerate(items) for w in _WORD.findall(item.text.lower())]


def _assign(session_id: str, method: str, rows: Sequence[GoldRow], utterances: Sequence[PredUtterance],
            pairs: Iterable[tuple[int, int]], total: int, unaligned: int) -> SessionAlignment:
    """From aligned (utterance position, gold row position) pairs in text order: each utterance
    goes to the row of its first aligned character; a row that got none borrows the utterance
    of its own first aligned character."""
    row_of: dict[int, int] = {}
    first_utterance_of: dict[int, int] = {}
    for u, g in pairs:
        row_of.setdefault(u, g)
        first_utterance_of.setdefault(g, u)
    members: dict[int, list[int]] = {}
    for u, g in row_of.items():
        members.setdefault(g, []).append(utterances[u].index)
    units = {}
    for g, row in enumerate(rows):
        found = members.get(g) or ([utterances[first_utterance_of[g]].index] if g in first_utterance_of else [])
        if found:
            units[row.unit] = tuple(sorted(found))
    return SessionAlignment(session_id, method, units, total, unaligned)


def align_index(gold: Gold, session_id: str, labels: Sequence[Label],
                utterances: Sequence[PredUtterance]) -> SessionAlignment:
    """Simple layout: a unit is the utterance with that index, or every utterance of that turn."""
    by_unit: dict[int, list[PredUtterance]] = {}
    for u in utterances:
        by_unit.setdefault(u.index if gold.layout == "utterance" else u.turn_index, []).append(u)
    for label in labels:
        if label.unit not in by_unit:
            raise InputError(gold.path, f"session {session_id} has no {gold.layout}_index {label.unit} in the "
                                        f"predictions (it has 0 to {max(by_unit, default=-1)})", line=label.line)
    mismatches = sum(normalise(r.text) != normalise(" ".join(u.text for u in by_unit.get(r.unit, [])))
                     for r in gold.rows.get(session_id, ()))
    units = {unit: tuple(u.index for u in members) for unit, members in by_unit.items()}
    return SessionAlignment(session_id, "index", units, text_mismatches=mismatches)
