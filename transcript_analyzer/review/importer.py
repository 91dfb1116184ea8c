"""Review files -> the reviewers' labels, checked against the sessions the reviews were made on.

For each review file: find its session (sessions.py: the same utterances, by content hash), check
every item (the utterance exists; the marker is a shipped marker, a client code or an installed
custom code, and is coded on that speaker's utterances), and turn the verdicts into labels:

* ``agree``: the marker is as the model decided (``model_decision`` of the item: the decision the
  reviewer saw; the session's own decision when the item has none);
* ``disagree``: the opposite;
* a ``reviewer_code`` naming a marker: that marker is present (``none``: nothing more);
* no verdict: a note, not a label (counted).

One reviewer saying two things about one marker of one utterance (two items, or two exports of the
same review) is an error naming both; saying the same thing twice counts once.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

from ..errors import InputError
from ..model import THERAPIST, Session
from .file import NONE_CODE
from .reviews import Review, ReviewItem, read_review
from .sessions import FoundSession, SessionIndex, find_sessions

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Label:
    """One reviewer's view of one marker on one utterance: 1 present, 0 absent."""

    session_id: str
    utterance: int
    code: str
    value: int
    reviewer: str
    source: str  # "<file>, item 3" (for messages)
    verdict: bool = True  # from a verdict on this marker (False: added by another item's reviewer_code)


@dataclass(frozen=True)
class ReviewedSession:
    review: Review
    found: FoundSession

    @property
    def session(self) -> Session:
        return self.found.session


@dataclass(frozen=True)
class Imported:
    """Checked reviews, their sessions, and the labels they give."""

    reviews: tuple[ReviewedSession, ...]
    labels: tuple[Label, ...]
    notes: int = 0  # items without a verdict
    warnings: tuple[str, ...] = field(default_factory=tuple)

    @property
    def sessions(self) -> dict[str, Session]:
        """session_id -> session, for the sessions reviewed."""
        return {r.session.meta.session_id: r.session for r in self.reviews}

    @property
    def reviewers(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(r.review.reviewer for r in self.reviews))

    @property
    def reviewed_moments(self) -> int:
        """Verdicts: one per reviewer, utterance and marker."""
        return sum(label.verdict for label in self.labels)


def known_markers() -> dict[str, str]:
    """marker name -> whose utterances it is coded on ('therapist' or 'client')."""
    from ..markers.client import CLIENT_CODE_NAMES
    from ..markers.codebook import MARKER_NAMES
    from ..markers.custom import installed

    return {**{m: THERAPIST for m in (*MARKER_NAMES, *installed())}, **{c: "client" for c in CLIENT_CODE_NAMES}}


def import_reviews(reviews: Iterable[str | Path], sessions: Sequence[str | Path]) -> Imported:
    """Read the review files, match each to its session under ``sessions``, check and label them."""
    paths = [Path(p) for p in reviews]
    if not paths:
        raise InputError(None, "no review files given")
    read = [read_review(p) for p in paths]
    index = SessionIndex(find_sessions(sessions), sessions)
    known = known_markers()
    matched = [ReviewedSession(r, index.match(r)) for r in read]
    _check_ids(matched)
    for r in matched:
        log.info("%s: %d items on session %s (%s)", r.review.path, len(r.review.items), r.session.meta.session_id,
                 r.found.path)
    labels: dict[tuple[str, int, str, str], Label] = {}
    notes = 0
    for reviewed in matched:
        for item in reviewed.review.items:
            found = item_labels(reviewed, item, known)
            notes += item.verdict is None
            for label in found:
                _add(labels, label, reviewed.review.path)
    warnings = []
    if not labels:
        warnings.append("the reviews hold no verdicts (only notes): nothing to learn from")
    return Imported(tuple(matched), tuple(labels.values()), notes, tuple(warnings))


def _check_ids(matched: Sequence[ReviewedSession]) -> None:
    """Labels are keyed by session id (as `evaluate --gold` keys them): two reviewed sessions may not share one."""
    seen: dict[str, ReviewedSession] = {}
    for r in matched:
        sid = r.session.meta.session_id
        other = seen.setdefault(sid, r)
        if other.found.content_sha256 != r.found.content_sha256:
            raise InputError(r.review.path, f"reviews a session with the id {sid}, like {other.review.path.name}, but "
                                            f"they are different sessions ({other.found.path}, {r.found.path}); "
                                            "import them separately or analyse them under different ids",
                             quoted=[sid])


def _add(labels: dict[tuple[str, int, str, str], Label], label: Label, path: Path) -> None:
    key = (label.session_id, label.utterance, label.code, label.reviewer)
    before = labels.get(key)
    if before is None:
        labels[key] = label
        return
    if before.value == label.value:  # the same view twice: keep one, a verdict on the marker if there is one
        if label.verdict and not before.verdict:
            labels[key] = label
        return
    said = "present" if label.value else "absent"
    raise InputError(path, f"{label.source}: says {label.code} is {said} on utterance {label.utterance}, but "
                           f"{before.source} (the same reviewer, {label.reviewer}) says the opposite; import only the latest "
                           "export, or correct the review in the report and export it again", quoted=[label.reviewer])


def item_labels(reviewed: ReviewedSession, item: ReviewItem, known: dict[str, str]) -> list[Label]:
    """The labels one item gives (checked: InputError naming the file and the item)."""
    review, session = reviewed.review, reviewed.session
    n = len(session.utterances)
    if item.utterance >= n:
        raise InputError(review.path, f"item {item.position}: utterance {item.utterance} is out of range (session "
                                      f"{session.meta.session_id} has {n} utterances, 0-{n - 1})",
                         quoted=[session.meta.session_id])
    utterance = session.utterances[item.utterance]
    role = THERAPIST if utterance.role == THERAPIST else "client"
    _check_marker(review, item, item.marker, role, known)
    source = f"{review.path.name}, item {item.position}"
    labels = []
    sid = session.meta.session_id
    if item.verdict is not None:
        decision = item.model_decision
        if decision is None:
            score = next((m for m in utterance.markers if m.marker == item.marker), None)
            if score is None:
                raise InputError(review.path, f"{item.where}: the item has no model_decision and the session has no "
                                              f"{item.marker} result on that utterance, so '{item.verdict}' says "
                                              "nothing; export the review from the session's own report")
            decision = score.decision
        value = int(decision) if item.verdict == "agree" else 1 - int(decision)
        labels.append(Label(sid, item.utterance, item.marker, value, review.reviewer, source))
    code = (item.reviewer_code or "").strip()
    if code and code != NONE_CODE:
        _check_marker(review, item, code, role, known, field_name="reviewer_code")
        labels.append(Label(sid, item.utterance, code, 1, review.reviewer, source + " (reviewer_code)", verdict=False))
    return labels


def _check_marker(review: Review, item: ReviewItem, name: str, role: str, known: dict[str, str],
                  field_name: str = "marker") -> None:
    if name not in known:
        also = ", or 'none'" if field_name == "reviewer_code" else ""
        raise InputError(review.path, f"item {item.position} (utterance {item.utterance}): unknown {field_name} "
                                      f"'{name}'; known: {', '.join(known)}{also} (a custom code must be installed "
                                      "here: see `transcript-analyzer markers`)")
    if known[name] != role:
        whose = "a client code" if known[name] == "client" else "a therapist marker"
        raise InputError(review.path, f"item {item.position}: {field_name} '{name}' is {whose}, but utterance "
                                      f"{item.utterance} is the {role}'s")
