"""A ConvoKit corpus folder (utterances.jsonl, speakers.json, conversations.json, corpus.json,
index.json) from the finished sessions of a run: one conversation per session, one utterance per
utterance, each utterance's marker (therapist) or client-code (client) decisions and probabilities in its
metadata, each speaker's label and role in the speaker's.

Load it with ``convokit.Corpus(filename="RUN/convokit")`` (tests/batch/test_convokit_loads.py does, with ConvoKit
itself). ConvoKit orders a conversation by the utterances' timestamps, so a timestamp is never null: the start in
seconds when every utterance of the session has one, else the utterance's index (start and end are in the
metadata either way)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Sequence

from ..io.atomic import write_files
from ..model import Session


def _type_name(value: Any) -> str:
    return f"<class '{type(value).__name__}'>"


def _index(items: list[dict[str, Any]]) -> dict[str, list[str]]:
    """ConvoKit's metadata index: for each key, the types of its non-null values ([] when all are null, as
    ConvoKit writes it: a type not known yet)."""
    index: dict[str, list[str]] = {}
    for meta in items:
        for key, value in meta.items():
            types = index.setdefault(key, [])
            if value is not None and _type_name(value) not in types:
                types.append(_type_name(value))
    return index


def session_records(session: Session) -> tuple[list[dict], dict[str, dict], dict[str, Any]]:
    """(utterance records, speakers, conversation metadata) of one session."""
    conv = session.meta.session_id
    talked = {u.speaker for u in session.utterances}  # ConvoKit knows speakers by their utterances only
    speakers = {f"{conv}:{s.label}": {"label": s.label, "role": s.role, "role_source": s.role_source}
                for s in session.speakers if s.label in talked}
    records, previous = [], None
    root = f"{conv}:{session.utterances[0].index}" if session.utterances else conv  # ConvoKit: id of the first utterance
    timed = all(u.start is not None for u in session.utterances)  # else ConvoKit cannot order the conversation
    for u in session.utterances:
        uid = f"{conv}:{u.index}"
        meta = {"role": u.role, "turn_index": u.turn_index, "start": u.start, "end": u.end,
                **{m.marker: int(m.decision) for m in u.markers}, **{f"{m.marker}_p": m.probability for m in u.markers}}
        records.append({"id": uid, "speaker": f"{conv}:{u.speaker}", "conversation_id": root, "reply_to": previous,
                        "timestamp": u.start if timed else u.index, "text": u.text, "meta": meta})
        previous = uid
    m = session.metrics
    conversation = {"session_id": conv, "date": session.meta.date, "duration": session.meta.duration, "redacted": session.meta.redacted,
                    "alliance_index": m.alliance.value if m and m.alliance else None,
                    "audio_verdict": session.meta.audio_quality.verdict if session.meta.audio_quality else None,
                    **{f"{s.marker}_per_100": s.per_100 for s in (m.markers if m else ())}}
    return records, speakers, conversation


def write_convokit(out: Path, folders: Sequence[Path], corpus: str) -> Path:
    """Write ``out/convokit/`` atomically; returns its path."""
    lines: list[str] = []
    speakers: dict[str, dict] = {}
    conversations: dict[str, dict] = {}
    utterance_meta: list[dict] = []
    for folder in folders:
        session = Session.from_dict(json.loads((folder / "session.json").read_text(encoding="utf-8")))
        records, spk, conv = session_records(session)
        if records:  # ConvoKit roots each conversation at its first utterance
            conversations[records[0]["conversation_id"]] = conv
        speakers.update(spk)
        lines += [json.dumps(r, ensure_ascii=False) for r in records]
        utterance_meta += [r["meta"] for r in records]
    corpus_meta = {"name": corpus, "source": "transcript-analyzer"}
    index = {"utterances-index": _index(utterance_meta), "speakers-index": _index(list(speakers.values())),
             "conversations-index": _index(list(conversations.values())), "overall-index": _index([corpus_meta]),
             "version": 1, "vectors": []}
    files = {"utterances.jsonl": ("\n".join(lines) + "\n").encode("utf-8"),
             "speakers.json": json.dumps(speakers, ensure_ascii=False).encode("utf-8"),
             "conversations.json": json.dumps(conversations, ensure_ascii=False).encode("utf-8"),
             "corpus.json": json.dumps(corpus_meta).encode("utf-8"),
             "index.json": json.dumps(index).encode("utf-8")}
    write_files(out / "convokit", files)
    return out / "convokit"
