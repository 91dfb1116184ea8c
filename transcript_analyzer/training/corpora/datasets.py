"""Loaders for the shared corpora (../shared/data). They return conversations as data; nothing
is copied into the project. Each loader names the file it needs when it is missing."""

from __future__ import annotations

import csv
import json
import random
from dataclasses import dataclass, field
from pathlib import Path

from ...errors import ConfigError
from ...io.readers.build import parse_time
from ...model import CLIENT, THERAPIST, Session, SessionMeta, Turn


@dataclass(frozen=True)
class Conversation:
    """One conversation of a corpus: (role, text, start) per row, in order."""

    corpus: str
    id: str
    rows: tuple[tuple[str, str, float | None], ...]
    attrs: dict[str, str] = field(default_factory=dict)


def require(path: Path) -> Path:
    if not path.is_file():
        raise ConfigError(f"training data not found: {path} (pass --data pointing at the shared data folder)")
    return path


def load_annomi(path: Path) -> list[Conversation]:
    """AnnoMI: one row per utterance; interlocutor is therapist/client; ordered by utterance_id."""
    by_id: dict[str, list[dict]] = {}
    with open(require(path), newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            by_id.setdefault(row["transcript_id"], []).append(row)
    conversations = []
    for tid, rows in by_id.items():
        rows.sort(key=lambda r: int(r["utterance_id"]))
        conversations.append(Conversation(
            corpus="annomi", id=tid,
            rows=tuple((r["interlocutor"], r["utterance_text"], parse_time(r["timestamp"])) for r in rows),
            attrs={"mi_quality": rows[0]["mi_quality"], "topic": rows[0]["topic"]},
        ))
    return conversations


def load_esconv(path: Path) -> list[Conversation]:
    """ESConv: JSON lines; speaker usr (help-seeker -> client) / sys (supporter -> therapist)."""
    conversations = []
    with open(require(path), encoding="utf-8") as f:
        for number, line in enumerate(f):
            if not line.strip():
                continue
            d = json.loads(line)
            rows = tuple((THERAPIST if t["speaker"] == "sys" else CLIENT, t.get("content", t.get("text", "")), None)
                         for t in d["dialog"])
            conversations.append(Conversation("esconv", f"{path.stem}-{number}", rows))
    return conversations


def to_session(conv: Conversation, rows: tuple | None = None, *, anonymise: random.Random | None = None) -> tuple[Session, dict[str, str]]:
    """A Session with consecutive rows of one role merged into turns, and the true role per label.

    With ``anonymise``, the speakers are labelled SPEAKER_00/SPEAKER_01 in a random order (so
    neither the label nor its number gives the role away)."""
    rows = rows if rows is not None else conv.rows
    roles = list(dict.fromkeys(r for r, _, _ in rows))
    if anonymise is not None:
        anonymise.shuffle(roles)
        labels = {role: f"SPEAKER_{i:02d}" for i, role in enumerate(roles)}
    else:
        labels = {role: role.capitalize() for role in roles}
    turns: list[Turn] = []
    for role, text, start in rows:
        if turns and turns[-1].speaker == labels[role]:
            last = turns[-1]
            turns[-1] = Turn(last.index, last.speaker, f"{last.text} {text}", last.start)
        else:
            turns.append(Turn(len(turns), labels[role], text, start))
    meta = SessionMeta(session_id=f"{conv.corpus}-{conv.id}", source_format=conv.corpus)
    return Session(meta=meta, turns=tuple(turns)), {label: role for role, label in labels.items()}
