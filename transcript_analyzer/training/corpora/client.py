"""Client turns from the dialogue corpora, with the conversation around them.

A client turn is what the client says between two therapist turns: consecutive seeker messages
(ESConv) joined with a space (AnnoMI: one row, as its coders labelled), as the analyzer's segmenter joins a
speaker's consecutive segments. Its ``index`` is the first row's or message's index (codebook 2.2),
so an annotation reference points at it without copying text. ``before`` is the conversation up
to the turn and ``after`` what follows it (the therapist's response and the client's reaction): the
client codes (codebook section 8) and rupture episodes (section 9) are read in that window.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from .datasets import require
from .examples import _SEEKER, EPITOME_FILES, annomi_conversations, split_of


@dataclass(frozen=True)
class Turn:
    role: str  # "client" or "therapist"
    index: int
    text: str


@dataclass(frozen=True)
class ClientTurn:
    corpus: str
    conversation: str
    index: int
    text: str
    before: tuple[Turn, ...]
    after: tuple[Turn, ...]
    labels: dict[str, str] = field(default_factory=dict)

    @property
    def split(self) -> str:
        return split_of(self.corpus, self.conversation)

    @property
    def key(self) -> tuple[str, str, int]:
        return self.corpus, self.conversation, self.index

    @property
    def therapist_before(self) -> str:
        """The therapist's turn the client answers ("" at the start of a conversation)."""
        return next((t.text for t in reversed(self.before) if t.role == "therapist"), "")


def _merge(rows: list[tuple[str, int, str, dict]], merge: bool = True) -> list[tuple[Turn, dict]]:
    """Consecutive rows of one role as one turn (labels: the first row's); ``merge=False`` keeps
    every row a turn."""
    turns: list[tuple[Turn, dict]] = []
    for role, index, text, labels in rows:
        text = " ".join(text.split())
        if not text:
            continue
        if merge and turns and turns[-1][0].role == role:
            last, first_labels = turns[-1]
            turns[-1] = (Turn(role, last.index, f"{last.text} {text}"), first_labels)
        else:
            turns.append((Turn(role, index, text), labels))
    return turns


def _client_turns(corpus: str, conversation: str, turns: list[tuple[Turn, dict]]) -> Iterator[ClientTurn]:
    only = [t for t, _ in turns]
    for i, (turn, labels) in enumerate(turns):
        if turn.role == "client":
            yield ClientTurn(corpus, conversation, turn.index, turn.text, tuple(only[:i]), tuple(only[i + 1:]), labels)


def annomi_client(data: Path) -> Iterator[ClientTurn]:
    """AnnoMI client rows; labels: ``talk`` (change / neutral / sustain) and the session's MI
    ``quality``. Rows are not merged: AnnoMI's coders labelled each row, and the coder's
    training items (training/coder/data.py) are rows (11 of 3,590 client rows follow another)."""
    for tid, rows in annomi_conversations(data).items():
        merged = _merge([("client" if r["interlocutor"] == "client" else "therapist", int(r["utterance_id"]),
                          r["utterance_text"],
                          {"talk": r["client_talk_type"], "quality": r["mi_quality"]} if r["interlocutor"] == "client" else {})
                         for r in rows], merge=False)
        yield from _client_turns("annomi", tid, merged)


def esconv_client(data: Path, files: tuple[str, ...] = ("train", "valid", "failed")) -> Iterator[ClientTurn]:
    """ESConv seeker turns (``failed`` = the rejected conversations), no labels."""
    for stem in files:
        if stem == "failed":
            dialogs = [(f"failed-{n}", d["dialog"]) for n, d in
                       enumerate(json.loads(require(data / "esconv" / "failed.json").read_text(encoding="utf-8")))]
        else:
            with open(require(data / "esconv" / f"{stem}.jsonl"), encoding="utf-8") as f:
                dialogs = [(f"{stem}-{n}", json.loads(line)["dialog"]) for n, line in enumerate(f) if line.strip()]
        for conversation, dialog in dialogs:
            rows = [("client" if t["speaker"] in _SEEKER else "therapist", i, t.get("text", t.get("content", "")), {})
                    for i, t in enumerate(dialog)]
            yield from _client_turns("esconv", conversation, _merge(rows))


def epitome_client(data: Path) -> Iterator[ClientTurn]:
    """EPITOME's seeker posts (Reddit mental-health posts, written by the people seeking help), one
    turn each: conversation = the post's ``sp_id`` (the split of its responses), index 0, nothing
    before it. Read for risk talk (codebook 8.6); no therapist move precedes them, so no rupture."""
    seen: set[str] = set()
    for stem in EPITOME_FILES.values():
        with open(require(data / "epitome" / f"{stem}.dev.csv"), newline="", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                if row["sp_id"] not in seen:
                    seen.add(row["sp_id"])
                    yield ClientTurn("epitome", row["sp_id"], 0, " ".join(row["seeker_post"].split()), (), ())


def client_turns(corpus: str, data: Path) -> Iterator[ClientTurn]:
    if corpus == "annomi":
        return annomi_client(data)
    if corpus == "esconv":
        return esconv_client(data)
    if corpus == "epitome":
        return epitome_client(data)
    raise ValueError(f"no client turns in corpus {corpus!r}")
