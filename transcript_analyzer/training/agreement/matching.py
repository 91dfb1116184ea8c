"""Which predicted session each gold session is, for `evaluate --gold CODED.csv --pred RUN_DIR`.

A gold session is matched to a predicted session, each used once, by the first of these that
finds exactly one candidate among the sessions still unmatched:

1. ``--match MAP.csv``: an explicit pairing (columns ``gold_session_id``, ``pred_session_id``);
2. the same session id;
3. the name: the gold id equals the analysed file's name without suffix (``source_file`` in the
   session's session.json, or the last part of a batch session id such as ``site_a/61``) or the
   name of the session's run folder (``analyze --out runs/61`` -> ``61``);
4. the content: the gold file's ``session_sha256`` column equals the session's content hash
   (review/file.py), or its ``source_sha256`` column the analysed file's SHA-256; or the gold text
   (AnnoMI layout: every row; other layouts: the coded units' ``text``) is the predicted text,
   compared as normalised text (lowercase, letters and digits only).

A name or content that fits two unmatched predicted sessions matches neither (ambiguous). The
session.json files are read only when the ids leave sessions unmatched.
"""

from __future__ import annotations

import csv
import hashlib
import json
import logging
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Mapping, Sequence

from ...errors import InputError
from .alignment import normalise
from .gold import Gold
from .predictions import Predictions

log = logging.getLogger(__name__)

MAP_COLUMNS = ("gold_session_id", "pred_session_id")
SHOWN = 10


@dataclass(frozen=True)
class SessionMatch:
    pairs: Mapping[str, str]  # gold session id -> predicted session id, in the gold file's order
    how: Mapping[str, str]  # gold session id -> "--match", "session id", "file name", "run folder", "content hash", "file hash", "text"
    unmatched_gold: tuple[str, ...]
    unmatched_pred: tuple[str, ...]

    def problem(self, gold: Gold, predictions: Predictions) -> str:
        """What did not match, what was tried and how to fix it (one message)."""
        lead = (f"none of its {len(gold.sessions)} sessions ({shown(self.unmatched_gold)}) matched a predicted session"
                if not self.pairs else
                f"{len(self.unmatched_gold)} of {len(gold.sessions)} gold sessions matched no predicted session and are "
                f"left out: {shown(self.unmatched_gold)}")
        pred = (f"; predicted sessions under {predictions.source} that no gold session matched: "
                f"{shown(self.unmatched_pred)}" if self.unmatched_pred else
                f"; every predicted session under {predictions.source} is matched already")
        return (f"{lead}{pred}. Sessions are matched by session id, then by the analysed file's name without suffix or "
                "the run folder's name, then by content (session_sha256 or source_sha256 columns, or the same text). "
                "To fix: name the analysed files after the gold session ids (or rename the gold ids), add a session_id "
                "column to the gold file with the predictions' ids, or pass --match MAP.csv with columns "
                f"{', '.join(MAP_COLUMNS)}")


def shown(ids: Sequence[str], limit: int = SHOWN) -> str:
    ids = list(ids)
    return ", ".join(ids[:limit]) + (f" (and {len(ids) - limit} more)" if len(ids) > limit else "") if ids else "none"


def match_sessions(gold: Gold, predictions: Predictions, mapping: str | Path | None = None) -> SessionMatch:
    """Pair gold sessions with predicted sessions (see the module docstring)."""
    pairs: dict[str, str] = {}
    how: dict[str, str] = {}
    free = dict.fromkeys(predictions.sessions)  # unmatched predicted sessions, in order

    def take(kind: str, keys_of_gold: Mapping[str, Iterable[str]], index: Mapping[str, set[str]]) -> None:
        for g in [g for g in gold.sessions if g not in pairs]:
            hits = {p for key in keys_of_gold.get(g, ()) for p in index.get(key, ()) if p in free}
            if len(hits) == 1:
                p = hits.pop()
                pairs[g], how[g] = p, kind
                del free[p]
            elif len(hits) > 1:
                log.info("gold session %s: %s fits %d predicted sessions (%s); not matched by it",
                         g, kind, len(hits), ", ".join(sorted(hits)))

    if mapping is not None:
        explicit = read_map(mapping, gold, predictions)
        take("--match", {g: [p] for g, p in explicit.items()}, {p: {p} for p in explicit.values()})
    take("session id", {g: [g] for g in gold.sessions}, {p: {p} for p in predictions.sessions})
    if len(pairs) < len(gold.sessions) and free:
        info = session_info(predictions)
        names = _index(info, "stem")
        for key, found in _index(info, "id_tail").items():
            names.setdefault(key, set()).update(found)
        take("file name", {g: [g] for g in gold.sessions}, names)
        take("run folder", {g: [g] for g in gold.sessions}, _index(info, "folder"))
        take("content hash", {g: [h["session_sha256"]] for g, h in gold.hashes.items() if "session_sha256" in h},
             _index(info, "content_sha256"))
        take("file hash", {g: [h["source_sha256"]] for g, h in gold.hashes.items() if "source_sha256" in h},
             _index(info, "source_sha256"))
        take("text", {g: [text_key([r.text for r in rows])] for g, rows in gold.rows.items() if rows},
             _text_index(predictions))
    ordered = {g: pairs[g] for g in gold.sessions if g in pairs}
    return SessionMatch(ordered, {g: how[g] for g in ordered}, tuple(g for g in gold.sessions if g not in pairs),
                        tuple(free))


def read_map(path: str | Path, gold: Gold, predictions: Predictions) -> dict[str, str]:
    """--match MAP.csv: gold session id -> predicted session id; InputError for ids not found."""
    path = Path(path)
    try:
        with open(path, newline="", encoding="utf-8-sig") as f:
            reader = csv.DictReader(f)
            if not all(c in (reader.fieldnames or []) for c in MAP_COLUMNS):
                raise InputError(path, f"--match needs the columns {', '.join(MAP_COLUMNS)}; found: "
                                       f"{', '.join(reader.fieldnames or []) or 'none'}")
            rows = [(reader.line_num, r[MAP_COLUMNS[0]].strip(), r[MAP_COLUMNS[1]].strip()) for r in reader]
    except OSError as e:
        raise InputError(path, f"cannot be read ({e.strerror})") from e
    except (UnicodeDecodeError, csv.Error) as e:
        raise InputError(path, f"not a readable UTF-8 CSV file ({e})") from e
    pairs: dict[str, str] = {}
    for line, g, p in rows:
        if g not in gold.sessions:
            raise InputError(path, f"gold session '{g}' is not in {gold.path} (it has {shown(gold.sessions)})", line=line)
        if p not in predictions.sessions:
            raise InputError(path, f"predicted session '{p}' is not under {predictions.source} "
                                   f"(it has {shown(list(predictions.sessions))})", line=line)
        if pairs.setdefault(g, p) != p or list(pairs.values()).count(p) > 1:
            raise InputError(path, f"session '{g}' or '{p}' is paired twice", line=line)
    return pairs


def text_key(texts: Sequence[str]) -> str:
    """A session's text, normalised and concatenated, hashed."""
    return hashlib.sha256(normalise("".join(texts)).encode("utf-8")).hexdigest()


def _text_index(predictions: Predictions) -> dict[str, set[str]]:
    """Each predicted session by the hash of all its text and of its therapist text."""
    index: dict[str, set[str]] = {}
    for p, utterances in predictions.sessions.items():
        for texts in ([u.text for u in utterances], [u.text for u in utterances if u.role == "therapist"]):
            if texts:
                index.setdefault(text_key(texts), set()).add(p)
    return index


def _index(info: Mapping[str, Mapping[str, str]], field: str) -> dict[str, set[str]]:
    index: dict[str, set[str]] = {}
    for p, values in info.items():
        if values.get(field):
            index.setdefault(values[field], set()).add(p)
    return index


def session_info(predictions: Predictions) -> dict[str, dict[str, str]]:
    """Per predicted session: ``id_tail`` (the last part of the session id: a batch run names a
    session by its path below the input folder), ``folder`` (its run folder's name), and from its
    session.json, when there is one, ``stem`` (the analysed file's name without suffix),
    ``content_sha256`` and ``source_sha256``."""
    info = {p: {"id_tail": p.replace("\\", "/").rsplit("/", 1)[-1]} for p in predictions.sessions}
    per_table = Counter(predictions.tables.values())
    folders: dict[Path, None] = {}
    for p, table in predictions.tables.items():
        if (table.parent / "sessions").is_dir():  # a batch run's corpus table: its session folders
            folders.update((sub, None) for sub in sorted((table.parent / "sessions").iterdir()) if sub.is_dir())
        elif per_table[table] == 1:  # an `analyze --out` folder (or a batch session folder): one session
            info[p]["folder"] = table.parent.name
            folders[table.parent] = None
    for folder in folders:
        found = _session_json(folder / "session.json")
        if found and found["session_id"] in info:
            entry = info[found.pop("session_id")]
            entry["folder"] = folder.name
            entry.update({k: v for k, v in found.items() if v})
    return info


def _session_json(path: Path) -> dict[str, str] | None:
    """session_id, stem, source_sha256 and content_sha256 of a session.json (None if unreadable)."""
    if not path.is_file():
        return None
    from ...model import Session
    from ...review.file import content_sha256

    try:
        session = Session.from_dict(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError, KeyError) as e:
        log.warning("%s: not read for matching sessions (%s)", path, e)
        return None
    meta = session.meta
    stem = Path(meta.source_file.replace("\\", "/")).stem if meta.source_file else ""
    return {"session_id": meta.session_id, "stem": stem, "source_sha256": meta.source_sha256 or "",
            "content_sha256": content_sha256(session)}
