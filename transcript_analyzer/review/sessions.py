"""The analysed sessions reviews refer to: found under ``--sessions`` folders, matched by content.

A ``--sessions`` path is an ``analyze --out`` folder, a ``batch --out`` folder, a folder of such
folders, or a session.json file; session.json files are found recursively (hidden folders, such as
an interrupted run's leftovers, are skipped). A review belongs to the session whose
``content_sha256`` (file.py) equals its ``session_sha256``.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

from ..errors import InputError
from ..model import Session
from .file import content_sha256
from .reviews import Review

SESSION_FILE = "session.json"


@dataclass(frozen=True)
class FoundSession:
    path: Path  # the session.json
    session: Session
    content_sha256: str
    file_sha256: str

    @property
    def session_id(self) -> str:
        return self.session.meta.session_id


def session_files(paths: Iterable[str | Path]) -> list[Path]:
    """Every session.json under the given paths, in order, each once."""
    found: dict[Path, None] = {}
    for path in (Path(p) for p in paths):
        if path.is_file():
            found[path.resolve()] = None
            continue
        if not path.is_dir():
            raise InputError(path, "not found (--sessions takes the folders written by `analyze --out` or "
                                   "`batch --out`, or session.json files)")
        files = sorted(f for f in path.rglob(SESSION_FILE)
                       if f.is_file() and not any(part.startswith(".") for part in f.relative_to(path).parts[:-1]))
        if not files:
            raise InputError(path, f"no {SESSION_FILE} here or below: --sessions takes the folders written by "
                                   "`analyze --out` or `batch --out`")
        found.update((f.resolve(), None) for f in files)
    return list(found)


def load_session(path: Path) -> FoundSession:
    try:
        raw = path.read_bytes()
        session = Session.from_dict(json.loads(raw.decode("utf-8")))
    except OSError as e:
        raise InputError(path, f"cannot be read ({e.strerror})") from e
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise InputError(path, f"not a readable session.json ({e})") from e
    except (ValueError, TypeError, KeyError) as e:
        raise InputError(path, f"not a session.json this version reads ({e})") from e
    return FoundSession(path, session, content_sha256(session), hashlib.sha256(raw).hexdigest())


def find_sessions(paths: Iterable[str | Path]) -> list[FoundSession]:
    """The sessions under ``paths`` (see the module docstring)."""
    return [load_session(f) for f in session_files(paths)]


class SessionIndex:
    """Sessions by content hash and by id, to match reviews to."""

    def __init__(self, sessions: Sequence[FoundSession], where: Sequence[str | Path] = ()):
        self.sessions = tuple(sessions)
        self.where = ", ".join(str(w) for w in where) or "the given sessions"
        self.by_hash: dict[str, list[FoundSession]] = {}
        self.by_id: dict[str, list[FoundSession]] = {}
        for s in self.sessions:
            self.by_hash.setdefault(s.content_sha256, []).append(s)
            self.by_id.setdefault(s.session_id, []).append(s)

    def match(self, review: Review) -> FoundSession:
        """The session a review was made on; InputError naming the review file otherwise."""
        hits = list({s.file_sha256: s for s in self.by_hash.get(review.session_sha256, [])}.values())
        if len(hits) == 1:
            return hits[0]
        if len(hits) > 1:
            raise InputError(review.path, f"reviews session {review.session_id}, which is in {len(hits)} different "
                                          f"session.json files ({', '.join(str(h.path) for h in hits[:3])}): pass "
                                          "--sessions with only the run that was reviewed", quoted=[review.session_id])
        same_id = self.by_id.get(review.session_id)
        if same_id:
            raise InputError(review.path, f"reviews another version of session {review.session_id}: its utterances "
                                          f"(their words, speakers, times or how turns are split) differ from those in "
                                          f"{same_id[0].path} (re-transcribed, re-segmented or edited since it was "
                                          "reviewed?). Pass --sessions with the run that was reviewed, or review the "
                                          "session as it is now (its report.html) and export the review again",
                             quoted=[review.session_id])
        seen = sorted(self.by_id)
        shown = ", ".join(seen[:8]) + (f" and {len(seen) - 8} more" if len(seen) > 8 else "")
        raise InputError(review.path, f"no session matches it: it reviews session {review.session_id}, and the "
                                      f"sessions under {self.where} are {shown or 'none'}; pass --sessions with the "
                                      "folder of the run that was reviewed", quoted=[review.session_id, *seen])
