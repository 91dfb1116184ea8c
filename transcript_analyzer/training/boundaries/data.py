"""Word gaps labelled from punctuation: the corpora are punctuated, so stripping the punctuation
gives unpunctuated text whose utterance boundaries and questions are known."""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from ...text.boundaries import words_of
from ..corpora.datasets import require
from ..corpora.examples import split_of

_PUNCTUATED = re.compile(r"[.?!]")


@dataclass(frozen=True)
class Text:
    corpus: str
    conversation: str
    text: str  # punctuated, as the corpus has it

    @property
    def split(self) -> str:
        return split_of(self.corpus, self.conversation)


def labelled(text: str) -> tuple[list[str], list[str]]:
    """(words, label of the gap after each word): 'question' after '?', 'end' after '.' or '!',
    'none' otherwise; the last word always closes an utterance ('end' unless a '?' follows it)."""
    found = words_of(text)
    words, labels = [], []
    for k, (_, end, word) in enumerate(found):
        gap = text[end:found[k + 1][0]] if k + 1 < len(found) else text[end:]
        words.append(word)
        if "?" in gap:
            labels.append("question")
        elif "." in gap.replace("...", "") or "!" in gap or k + 1 == len(found):
            labels.append("end")
        else:
            labels.append("none")
    return words, labels


def annomi(data: Path) -> Iterator[Text]:
    with open(require(data / "annomi" / "annomi-full.dev.csv"), newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            yield Text("annomi", row["transcript_id"], row["utterance_text"])


def esconv(data: Path) -> Iterator[Text]:
    for stem in ("train", "valid"):
        with open(require(data / "esconv" / f"{stem}.jsonl"), encoding="utf-8") as f:
            for number, line in enumerate(f):
                if line.strip():
                    for turn in json.loads(line)["dialog"]:
                        yield Text("esconv", f"{stem}-{number}", turn.get("text", "").strip())


LOADERS = {"annomi": annomi, "esconv": esconv}


def texts(corpus: str, data: Path) -> list[Text]:
    """The corpus's punctuated texts (those with at least one full stop, '?' or '!')."""
    return [t for t in LOADERS[corpus](data) if _PUNCTUATED.search(t.text) and words_of(t.text)]
