"""Training items for the coder: every labelled utterance of the corpora with the conversation
before it, and its targets for every task of the recipe.

A task draws labels from one or more sources: a corpus label (``corpus`` + ``label``, optionally
``map``ped to the task's classes, "*" = every other value), a documented derived label
(``derive``), or the project's written examples (``synthetic``: training only; with
``heldout = true``, a probe set written apart from the training examples, split between
validation and test by id and never trained on, scored as corpus ``name``). One utterance
carries targets for all the tasks it has labels for (an ESConv message is a strategy and a
"positive regard yes/no"), so it is encoded once per step.

Context is built per corpus the way the analyzer builds it for a session: the utterances before
the target, with their roles (AnnoMI: therapist/client; ESConv: supporter -> therapist, seeker ->
client; EPITOME and PAIR: the seeker's post or the client's prompt; the MI sentences have none).
Splits are the project's (training/corpora/examples.split_of, by conversation).
"""

from __future__ import annotations

import csv
import hashlib
import json
import random
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Iterator, Sequence

import numpy as np

from ...errors import ConfigError
from ...markers.coder import CONTEXT_UTTERANCES, context_text
from ..corpora.datasets import require
from ..corpora.examples import annomi_conversations, annomi_therapist_labels, epitome, mi_sentences, pair, split_of
from ..heads.data import DERIVED, _mapped


@dataclass(frozen=True)
class Utt:
    corpus: str
    conversation: str
    index: int
    role: str  # "therapist" or "client": whose utterance is coded
    context: str
    text: str
    labels: dict[str, str] = field(default_factory=dict)
    split_override: str | None = None  # synthetic examples: always "train"

    @property
    def split(self) -> str:
        return self.split_override or split_of(self.corpus, self.conversation)


@dataclass(frozen=True)
class Task:
    name: str
    classes: tuple[str, ...]
    sources: tuple[dict[str, Any], ...]
    positive: str | None = None
    role: str = "therapist"

    @property
    def corpora(self) -> set[str]:
        return {s["corpus"] for s in self.sources if "corpus" in s}


def tasks_from(recipe: dict[str, Any]) -> list[Task]:
    tasks = []
    for t in recipe["tasks"]:
        sources = t.get("sources") or [{k: t[k] for k in ("corpus", "label", "map", "derive") if k in t}]
        if not sources or not all(("corpus" in s) or ("synthetic" in s) for s in sources):
            raise ConfigError(f"coder task {t.get('name')}: every source needs a corpus or a synthetic file")
        tasks.append(Task(t["name"], tuple(t["classes"]), tuple(sources), t.get("positive"), t.get("role", "therapist")))
    return tasks


# ---------------------------------------------------------------- utterances with their context

def annomi(data: Path) -> Iterator[Utt]:
    """Every AnnoMI utterance (therapist and client) with the utterances before it."""
    for tid, rows in annomi_conversations(data).items():
        for i, row in enumerate(rows):
            context = context_text([(r["interlocutor"], r["utterance_text"]) for r in rows[max(0, i - CONTEXT_UTTERANCES):i]])
            if row["interlocutor"] == "client":
                labels = {"talk": row["client_talk_type"]} if row["client_talk_type"] not in ("n/a", "") else {}
            else:
                labels = annomi_therapist_labels(row)
            yield Utt("annomi", tid, int(row["utterance_id"]), row["interlocutor"], context, row["utterance_text"], labels)


_ESCONV_SEEKER = ("usr", "seeker", "speaker")


def esconv(data: Path) -> Iterator[Utt]:
    """ESConv supporter messages with the messages before them (same conversation ids as
    training/corpora/examples.esconv, so the same split); then the seeker's turns and the rejected
    conversations (``esconv_client``)."""
    yield from _esconv_supporter(data)
    yield from esconv_client(data)


def esconv_client(data: Path) -> Iterator[Utt]:
    """ESConv seeker turns (consecutive messages joined, the first one's index:
    training/corpora/client.py), in train/valid and in the rejected conversations
    (``failed-N``), with the turns before them as context; and the supporter messages of the
    rejected conversations, without labels (their strategy names follow an older scheme): the
    project's annotation of client turns and of the therapist's response to a rupture points at
    them (codebook sections 8-9)."""
    from ..corpora.client import esconv_client as seeker_turns

    for turn in seeker_turns(data):
        context = context_text([(t.role, t.text) for t in turn.before[-CONTEXT_UTTERANCES:]])
        yield Utt("esconv", turn.conversation, turn.index, "client", context, turn.text)
    dialogs = json.loads(require(data / "esconv" / "failed.json").read_text(encoding="utf-8"))
    for number, d in enumerate(dialogs):
        turns = [("client" if t["speaker"] in _ESCONV_SEEKER else "therapist", t.get("content", t.get("text", "")).strip())
                 for t in d["dialog"]]
        for index, (role, text) in enumerate(turns):
            if role == "therapist" and text:
                context = context_text(turns[max(0, index - CONTEXT_UTTERANCES):index])
                yield Utt("esconv", f"failed-{number}", index, "therapist", context, text)


def _esconv_supporter(data: Path) -> Iterator[Utt]:
    for stem in ("train", "valid"):
        with open(require(data / "esconv" / f"{stem}.jsonl"), encoding="utf-8") as f:
            for number, line in enumerate(f):
                if not line.strip():
                    continue
                dialog = json.loads(line)["dialog"]
                turns = [("client" if t["speaker"] in _ESCONV_SEEKER else "therapist", t.get("text", "").strip())
                         for t in dialog]
                for index, turn in enumerate(dialog):
                    if turns[index][0] == "client":
                        continue
                    strategy = turn.get("strategy") or (turn.get("annotation") or {}).get("strategy")
                    context = context_text(turns[max(0, index - CONTEXT_UTTERANCES):index])
                    yield Utt("esconv", f"{stem}-{number}", index, "therapist", context, turns[index][1],
                              {"strategy": strategy} if strategy else {})


def _single(loader) -> Any:  # noqa: ANN001
    def load(data: Path) -> Iterator[Utt]:
        for ex in loader(data):
            context = context_text([("client", ex.context)]) if ex.context else ""
            yield Utt(ex.corpus, ex.conversation, ex.index, "therapist", context, ex.text, dict(ex.labels))
    return load


def epitome_with_seekers(data: Path) -> Iterator[Utt]:
    """EPITOME responses (therapist role, the seeker's post as context), then the seeker posts
    themselves as client utterances with nothing before them (index 0; the project's risk
    annotation points at them: training/corpora/client.epitome_client)."""
    from ..corpora.client import epitome_client

    yield from _single(epitome)(data)
    for turn in epitome_client(data):
        yield Utt("epitome", turn.conversation, turn.index, "client", "", turn.text)


LOADERS = {"annomi": annomi, "esconv": esconv, "epitome": epitome_with_seekers, "mi": _single(mi_sentences),
           "pair": _single(pair)}


def synthetic(path: Path, role: str = "therapist") -> Iterator[Utt]:
    """The project's examples written against the codebook (CSV: id, client, therapist, label, note).
    ``role = "therapist"``: the therapist's line is coded, after the client's; ``"client"``: the
    client's line is coded, after the therapist's (client codes, e.g. risk talk)."""
    if not path.is_file():
        raise ConfigError(f"synthetic examples not found: {path}")
    other = "client" if role == "therapist" else "therapist"
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            context = context_text([(other, row[other])]) if row[other].strip() else ""
            yield Utt("synthetic", row["id"], 0, role, context, row[role], {"label": row["label"]}, "train")


# ---------------------------------------------------------------- items: utterance + targets

@dataclass(frozen=True)
class Item:
    utt: Utt
    targets: tuple[tuple[int, int], ...]  # (task index, class index)
    weight: float = 1.0


def annomi_advice(labels: dict[str, str]) -> str:
    """AnnoMI: a therapist utterance is advice when its input subtype is advice; every other
    therapist utterance (questions and reflections included) is not."""
    return "yes" if labels.get("input") == "advice" else "no"


RULES = {**DERIVED, "annomi_advice": annomi_advice}


def task_rows(items: Sequence[Item], k: int, corpus: str | None = None) -> tuple[list[int], np.ndarray]:
    """(positions in ``items``, class indices) of the items with a target for task ``k``
    (``corpus``: only that corpus's items)."""
    rows = [(i, c) for i, item in enumerate(items) for kk, c in item.targets
            if kk == k and corpus in (None, item.utt.corpus)]
    return [i for i, _ in rows], np.array([c for _, c in rows], dtype=int)


def _value(source: dict[str, Any], labels: dict[str, str]) -> str | None:
    if "derive" in source:
        rule = RULES.get(source["derive"])
        if rule is None:
            raise ConfigError(f"unknown derive rule '{source['derive']}'")
        return rule(labels)
    return _mapped(labels.get(source.get("label", "label")), source.get("map", {}))


def _references(source: dict[str, Any], root: Path, cache: dict[str, dict]) -> dict[tuple[str, str, int], Any]:
    """A source's annotation references by (corpus, conversation, index), each file read once."""
    from ..annotation import load_annotations

    name = source["annotations"]
    if name not in cache:
        path = root / name
        if not path.is_file():
            raise ConfigError(f"coder: annotations not found: {path}")
        cache[name] = {a.key: a for a in load_annotations(path)}
    return cache[name]


def _annotated_value(source: dict[str, Any], utt: Utt, root: Path, cache: dict[str, dict]) -> str | None:
    """The label a source with ``annotations`` gives an utterance: the project's reference for it
    (text hash checked), mapped; None for an utterance the annotation does not cover."""
    a = _references(source, root, cache).get((utt.corpus, utt.conversation, utt.index))
    if a is None:
        return None
    return _mapped(a.check(utt.text).labels.get(source.get("label", "label")), source.get("map", {}))


SESSION_CORPORA = ("annomi", "esconv")


def session_pools(real: Sequence[Item]) -> dict[str, list[Utt]]:
    """Training-split AnnoMI and ESConv utterances with a context, by role: where the sessions
    for ``with_session_before`` come from."""
    pools: dict[str, list[Utt]] = {"therapist": [], "client": []}
    for i in real:
        if i.utt.corpus in SESSION_CORPORA and i.utt.split == "train" and i.utt.context and i.utt.role in pools:
            pools[i.utt.role].append(i.utt)
    return pools


def with_session_before(utt: Utt, pools: dict[str, list[Utt]], share: float) -> Utt:
    """A written example with a real session before its one context line, for ``share`` of the
    examples (chosen by the example's id, so the same every run): the context of a training-split
    AnnoMI or ESConv utterance of the example's other role (which ends where that role speaks),
    then the example's own line. Every written example has exactly one line before it and real
    turns have the session: without this the coder learns context length as a cue (coder v4,
    docs/benchmarks.md)."""
    digest = int(hashlib.sha1(f"session:{utt.conversation}".encode()).hexdigest()[:12], 16)
    pool = pools.get("therapist" if utt.role == "client" else "client") or []
    if (digest % 1000) / 1000 >= share or not pool:
        return utt
    before = pool[(digest // 1000) % len(pool)].context
    return replace(utt, context=f"{before} {utt.context}".strip())


def items(tasks: list[Task], data: Path, root: Path) -> list[Item]:
    """Every utterance with at least one target, all splits (``Item.utt.split`` says which). A
    source with ``annotations`` takes its labels from the project's references for that corpus
    (docs/annotation.md) instead of the corpus's own columns; the first source that labels an
    utterance wins, so an annotation source listed before the corpus's own overrides it where the
    project annotated and leaves the corpus's label elsewhere."""
    out: list[Item] = []
    cache: dict[str, dict] = {}
    for corpus in sorted({c for t in tasks for c in t.corpora}):
        if corpus not in LOADERS:
            raise ConfigError(f"coder: unknown corpus '{corpus}'; known: {', '.join(sorted(LOADERS))}")
        for utt in LOADERS[corpus](data):
            targets = []
            for k, task in enumerate(tasks):
                if task.role != utt.role:
                    continue
                for source in task.sources:
                    if source.get("corpus") != corpus:
                        continue
                    value = _annotated_value(source, utt, root, cache) if "annotations" in source else _value(source, utt.labels)
                    if value in task.classes:
                        targets.append((k, task.classes.index(value)))
                        break
            if targets:
                out.append(Item(utt, tuple(targets)))
    pools: dict[str, list[Utt]] | None = None
    for k, task in enumerate(tasks):
        for source in task.sources:
            if "synthetic" in source:
                share = float(source.get("session_context", 0.0))
                if share and pools is None:
                    pools = session_pools(out)  # real items only: built before any written one is added
                for utt in synthetic(root / source["synthetic"], task.role):
                    if share:
                        utt = with_session_before(utt, pools, share)
                    if source.get("heldout"):  # a probe set: never trained on, half validation, half test
                        half = "val" if int(hashlib.sha1(utt.conversation.encode()).hexdigest()[:8], 16) % 2 else "test"
                        utt = replace(utt, corpus=source.get("name", "probe"), split_override=half)
                    value = _mapped(utt.labels["label"], source.get("map", {}))
                    if value in task.classes:
                        out.append(Item(utt, ((k, task.classes.index(value)),), float(source.get("weight", 1.0))))
    return out


# ---------------------------------------------------------------- spoken-style copies

FILLERS = ("um", "uh", "you know", "like", "i mean", "so", "okay")


def unpunctuated(text: str) -> str:
    """Lowercase, punctuation removed (apostrophes kept), spaces squeezed: what many recognisers
    write. The benchmark copy of the validation and test splits."""
    return re.sub(r"\s+", " ", re.sub(r"[^\w\s']", " ", text.lower())).strip()


def spoken(text: str, rng: random.Random, filler: float = 0.04, repeat: float = 0.02) -> str:
    """An ASR-style training copy: unpunctuated, with fillers and repeated words sprinkled in
    (disfluencies as a recogniser that keeps them writes them)."""
    words = unpunctuated(text).split()
    out: list[str] = []
    for w in words:
        if rng.random() < filler:
            out.append(rng.choice(FILLERS))
        out.append(w)
        if rng.random() < repeat:
            out.append(w)
    return " ".join(out)


def spoken_context(context: str, rng: random.Random) -> str:
    """A spoken copy of a context, keeping its role prefixes."""
    parts = re.split(r"\b(therapist|client): ", context)
    # parts = ["", role, text, role, text, ...]
    pieces = [f"{parts[i]}: {spoken(parts[i + 1], rng)}" for i in range(1, len(parts) - 1, 2)]
    return " ".join(pieces) if pieces else spoken(context, rng)


def unpunctuated_context(context: str) -> str:
    parts = re.split(r"\b(therapist|client): ", context)
    pieces = [f"{parts[i]}: {unpunctuated(parts[i + 1])}" for i in range(1, len(parts) - 1, 2)]
    return " ".join(pieces) if pieces else unpunctuated(context)
