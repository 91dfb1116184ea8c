"""Utterance-level examples from the shared corpora, with context, labels and a fixed split.

Every component (encoder fine-tuning, heads, annotation sampling) uses the same split, made by
hashing ``corpus:conversation``: 70 % train, 15 % validation, 15 % test. A conversation is never
in two parts, and a test conversation is never seen in training by anything that is shipped.

An example's ``ref`` (``corpus/conversation/index``) is how annotations point at it without
copying its text.
"""

from __future__ import annotations

import csv
import hashlib
import html
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from .datasets import require

SPLITS = ("train", "val", "test")


def split_of(corpus: str, conversation: str) -> str:
    bucket = int(hashlib.sha1(f"{corpus}:{conversation}".encode()).hexdigest()[:8], 16) % 100
    return "train" if bucket < 70 else "val" if bucket < 85 else "test"


@dataclass(frozen=True)
class Example:
    """One therapist/supporter utterance with the client/seeker text before it."""

    corpus: str
    conversation: str
    index: int
    text: str
    context: str = ""
    labels: dict[str, str] = field(default_factory=dict)

    @property
    def ref(self) -> str:
        return f"{self.corpus}/{self.conversation}/{self.index}"

    @property
    def split(self) -> str:
        return split_of(self.corpus, self.conversation)


def annomi_conversations(data: Path) -> dict[str, list[dict]]:
    """AnnoMI's CSV rows by transcript id, each transcript in utterance order."""
    by_id: dict[str, list[dict]] = {}
    with open(require(data / "annomi" / "annomi-full.dev.csv"), newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            by_id.setdefault(row["transcript_id"], []).append(row)
    for rows in by_id.values():
        rows.sort(key=lambda r: int(r["utterance_id"]))
    return by_id


def annomi_therapist_labels(row: dict) -> dict[str, str]:
    """A therapist row's labels: main behaviour, session quality, and the subtypes it has."""
    labels = {"main": row["main_therapist_behaviour"], "quality": row["mi_quality"]}
    for family, column in (("question", "question_subtype"), ("reflection", "reflection_subtype"),
                           ("input", "therapist_input_subtype")):
        if row[column] not in ("n/a", ""):
            labels[family] = row[column]
    return labels


def annomi(data: Path) -> Iterator[Example]:
    """AnnoMI therapist turns; context = the client's last turn before it."""
    for tid, rows in annomi_conversations(data).items():
        context = ""
        for row in rows:
            if row["interlocutor"] == "client":
                context = row["utterance_text"]
                continue
            yield Example("annomi", tid, int(row["utterance_id"]), row["utterance_text"], context,
                          annomi_therapist_labels(row))


def esconv(data: Path, files: tuple[str, ...] = ("train", "valid")) -> Iterator[Example]:
    """ESConv supporter messages; context = the seeker's messages since the supporter last spoke."""
    for stem in files:
        with open(require(data / "esconv" / f"{stem}.jsonl"), encoding="utf-8") as f:
            for number, line in enumerate(f):
                if line.strip():
                    yield from _esconv_dialog(f"{stem}-{number}", json.loads(line)["dialog"])


def esconv_failed(data: Path) -> Iterator[Example]:
    """The 196 conversations the ESConv authors rejected (strategy names of the older scheme)."""
    dialogs = json.loads(require(data / "esconv" / "failed.json").read_text(encoding="utf-8"))
    for number, d in enumerate(dialogs):
        yield from _esconv_dialog(f"failed-{number}", d["dialog"])


# train/valid files say usr/sys; failed.json says speaker (the help-seeker) / listener.
_SEEKER = ("usr", "seeker", "speaker")


def _esconv_dialog(conversation: str, dialog: list[dict]) -> Iterator[Example]:
    seeker: list[str] = []
    for index, turn in enumerate(dialog):
        text = turn.get("text", turn.get("content", "")).strip()
        if turn["speaker"] in _SEEKER:
            seeker.append(text)
            continue
        strategy = turn.get("strategy") or (turn.get("annotation") or {}).get("strategy")
        labels = {"strategy": strategy} if strategy else {}
        yield Example("esconv", conversation, index, text, " ".join(seeker), labels)
        seeker = []


EPITOME_FILES = {"er": "emotional-reactions", "ip": "interpretations", "ex": "explorations"}


def epitome(data: Path) -> Iterator[Example]:
    """EPITOME response posts with the seeker post as context; one example per (seeker, response)
    pair, carrying the three mechanisms' levels and rationales."""
    pairs: dict[tuple[str, str], dict] = {}
    for key, stem in EPITOME_FILES.items():
        with open(require(data / "epitome" / f"{stem}.dev.csv"), newline="", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                pair = pairs.setdefault((row["sp_id"], row["rp_id"]), {"post": row["seeker_post"], "response": row["response_post"]})
                pair[key] = row["level"]
                pair[f"{key}_rationale"] = row["rationales"]
    for (sp_id, rp_id), pair in pairs.items():
        labels = {k: v for k, v in pair.items() if k not in ("post", "response")}
        yield Example("epitome", sp_id, _stable_index(rp_id), pair["response"], pair["post"], labels)


def _stable_index(rp_id: str) -> int:
    return int(hashlib.sha1(rp_id.encode()).hexdigest()[:6], 16)


def mi_sentences(data: Path) -> Iterator[Example]:
    """Welivita & Pu MI sentences: gold MITI-style code per sentence (no context, no conversation)."""
    with open(require(data / "mi-welivita" / "mi_gold_sentences.csv"), newline="", encoding="utf-8") as f:
        for number, row in enumerate(csv.DictReader(f)):
            yield Example("mi", f"row-{number}", 0, row["Text"], "", {"code": row["Ground truth"]})


PAIR_COLUMNS = ("hq1", "hq2", "mq1", "lq1", "lq2", "lq3", "lq4", "lq5")


def pair(data: Path) -> Iterator[Example]:
    """PAIR responses to client prompts: hq = complex reflection, mq = simple, lq = poor."""
    with open(require(data / "pair" / "pair_data.csv"), newline="", encoding="utf-8") as f:
        for number, row in enumerate(csv.DictReader(f)):
            for i, column in enumerate(PAIR_COLUMNS):
                if row.get(column, "").strip():
                    yield Example("pair", f"row-{number}", i, row[column].strip(), row["prompt"].strip(),
                                  {"quality": column[:2]})


_TAGS = re.compile(r"<[^>]+>")


def counselchat(data: Path) -> Iterator[Example]:
    """CounselChat therapists' answers (HTML removed) with the question as context; no labels.
    Conversation = questionID (several answers share a question), index = answer number."""
    csv.field_size_limit(2**31 - 1)
    answers: dict[str, int] = {}
    with open(require(data / "counselchat" / "counselchat-data.csv"), newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            answer = " ".join(html.unescape(_TAGS.sub(" ", row.get("answerText") or "")).split())
            question = " ".join((row.get("questionText") or "").split())
            qid = row["questionID"]
            answers[qid] = answers.get(qid, -1) + 1
            if answer:
                yield Example("counselchat", qid, answers[qid], answer, question, {})


LOADERS: dict[str, Callable[[Path], Iterator[Example]]] = {
    "annomi": annomi, "esconv": esconv, "esconv_failed": esconv_failed, "epitome": epitome,
    "mi": mi_sentences, "pair": pair, "counselchat": counselchat,
}


def load(corpus: str, data: Path) -> list[Example]:
    if corpus not in LOADERS:
        from ...errors import ConfigError

        raise ConfigError(f"unknown corpus '{corpus}'; known: {', '.join(sorted(LOADERS))}")
    return list(LOADERS[corpus](data))
