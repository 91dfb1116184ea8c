"""Roles stage: decide which speaker is the therapist and which are clients.

In order of precedence:
1. ``--therapist NAME`` (the user knows);
2. roles the input states as data (our own session.json, a role column);
3. speaker labels that name roles ("Therapist", "T", "Counsellor", "Client 2");
4. the role model (names or SPEAKER_00 labels): the most probable therapist, the rest clients.

With more than two speakers and no clear therapist, it stops with an error naming --therapist.
When the labels name roles but the model strongly disagrees, it keeps the labels and warns.
"""

from __future__ import annotations

import dataclasses
import logging
from typing import Sequence

from ..config import RoleOptions
from ..errors import RoleError
from ..model import CLIENT, THERAPIST, ModelInfo, Session, Speaker
from ..resources import find_model
from .labels import role_from_label
from .role_model import RoleModel

log = logging.getLogger(__name__)

# The labels are kept, with a warning, when the model gives the labelled therapist less than this.
DISAGREEMENT = 0.02


class RolesStage:
    name = "roles"
    requires = frozenset({"turns"})
    provides = frozenset({"roles"})

    def __init__(self, options: RoleOptions | None = None, model: RoleModel | None = None):
        self.options = options or RoleOptions()
        self._model = model

    def load(self) -> None:
        if self._model is None:
            self._model = RoleModel.load(find_model(self.options.model))

    def models(self) -> tuple[ModelInfo, ...]:
        m = self._model
        return (ModelInfo(name="role-model", stage=self.name, version=m.version, sha256=m.sha256),) if m else ()

    def __call__(self, session: Session) -> Session:
        self.load()
        speakers, warnings = decide_roles(session, self.options, self._model)
        roles = {s.label: s.role for s in speakers}
        turns = tuple(dataclasses.replace(t, role=roles[t.speaker]) for t in session.turns)
        meta = dataclasses.replace(session.meta, warnings=session.meta.warnings + tuple(warnings))
        return dataclasses.replace(session, turns=turns, speakers=speakers, meta=meta)


def decide_roles(session: Session, options: RoleOptions, model: RoleModel) -> tuple[tuple[Speaker, ...], list[str]]:
    labels = list(dict.fromkeys(t.speaker for t in session.turns))
    where = session.meta.source_file
    if len(labels) < 2:
        raise RoleError(where, _one_speaker(session, labels[0]), quoted=labels)
    if options.therapist:
        return given_therapist(labels, options.therapist, where), []
    stated = _stated(session, labels, where)
    if stated:
        return stated, []
    probs = model.probabilities(session.turns)
    by_label = _from_labels(labels, probs)
    if by_label:
        return by_label, _disagreement(by_label, probs)
    return _from_model(labels, probs, model, where)


def _one_speaker(session: Session, label: str) -> str:
    """The one-speaker error: the label seen, and the option that fixes what usually causes it."""
    fmt = session.meta.source_format
    seen = (f"only one speaker in the transcript: {label!r} is the only speaker label seen; "
            "a session needs a therapist and a client")
    if fmt == "audio":
        return f"{seen}. The recording was heard as one voice: if two people speak, pass --speakers 2"
    if fmt in ("csv", "json"):
        return f"{seen}. If another column holds the speakers, pass --columns speaker=COLUMN"
    read_as = f" (it was read as {fmt})" if fmt else ""
    return (f"{seen}. Check that each turn starts with its speaker's label ('Name: ...' or a 'Name  0:03' "
            f"line); if the file was read as the wrong format{read_as}, pass --format NAME")


def given_therapist(labels: list[str], therapist: str, where: str | None,
                    given_by: str = "--therapist") -> tuple[Speaker, ...]:
    """The speakers when the user names the therapist (matched ignoring case), the rest clients."""
    match = [label for label in labels if label.casefold() == therapist.casefold()]
    if not match:
        raise RoleError(where, f"{given_by} {therapist!r} is not a speaker here; speakers: {', '.join(map(repr, labels))}",
                        quoted=[therapist, *labels])
    return tuple(
        Speaker(label, THERAPIST if label == match[0] else CLIENT, "user") for label in labels
    )


def _stated(session: Session, labels: list[str], where: str | None) -> tuple[Speaker, ...] | None:
    """Roles the input gives as data: a session file's speakers or every turn's role."""
    given = {s.label: s for s in session.speakers if s.role}
    if given and set(given) >= set(labels):
        return tuple(given[label] for label in labels)
    if not all(t.role for t in session.turns):
        return None
    roles: dict[str, set[str]] = {}
    for t in session.turns:
        roles.setdefault(t.speaker, set()).add(t.role)
    mixed = [label for label, r in roles.items() if len(r) > 1]
    if mixed:
        raise RoleError(where, f"speaker {mixed[0]!r} is given both therapist and client roles", quoted=mixed)
    speakers = tuple(Speaker(label, roles[label].pop(), "transcript") for label in labels)
    _require_both(speakers, where)
    return speakers


def _from_labels(labels: list[str], probs: dict[str, float]) -> tuple[Speaker, ...] | None:
    named = {label: role_from_label(label) for label in labels}
    therapists = [label for label, role in named.items() if role == THERAPIST]
    unnamed = [label for label, role in named.items() if role is None]
    if len(therapists) == 1:
        chosen = therapists[0]
    elif not therapists and len(unnamed) == 1 and len(labels) > 1:
        chosen = unnamed[0]  # "Client" and "Dr. Lee": the one not called a client
    else:
        return None
    return tuple(
        Speaker(label, THERAPIST if label == chosen else CLIENT, "transcript", round(probs[label], 4))
        for label in labels
    )


def _from_model(labels: list[str], probs: dict[str, float], model: RoleModel,
                where: str | None) -> tuple[tuple[Speaker, ...], list[str]]:
    ranked = sorted(labels, key=lambda label: -probs[label])
    best, p = ranked[0], probs[ranked[0]]
    shown = ", ".join(f"{label!r} {probs[label]:.2f}" for label in ranked)
    warnings = []
    if p < model.confident:
        if len(labels) > 2:
            raise RoleError(
                where,
                f"cannot tell which of {len(labels)} speakers is the therapist (role model: {shown}); "
                "pass --therapist NAME",
                quoted=labels,
            )
        warnings.append(
            f"the role model is unsure who the therapist is ({shown}); chose {best!r}. "
            "Check the roles, or pass --therapist NAME"
        )
    # opaque ids, not the labels: a log line is not redacted with the session (the order is the turns')
    log.info("roles decided by the model: %s", ", ".join(f"speaker {labels.index(label) + 1} {probs[label]:.2f}"
                                                         for label in ranked))
    speakers = tuple(
        Speaker(label, THERAPIST if label == best else CLIENT, "model", round(probs[label], 4)) for label in labels
    )
    return speakers, warnings


def _disagreement(speakers: Sequence[Speaker], probs: dict[str, float]) -> list[str]:
    therapist = next(s.label for s in speakers if s.role == THERAPIST)
    if probs[therapist] < DISAGREEMENT:
        likely = max(probs, key=probs.get)
        return [
            f"the labels say {therapist!r} is the therapist, but by how they talk {likely!r} looks like "
            f"the therapist (role model {probs[likely]:.2f}); check that the labels are not swapped"
        ]
    return []


def _require_both(speakers: Sequence[Speaker], where: str | None) -> None:
    roles = {s.role for s in speakers}
    if roles != {THERAPIST, CLIENT}:
        missing = CLIENT if THERAPIST in roles else THERAPIST
        raise RoleError(where, f"the transcript's roles name no {missing}; pass --therapist NAME", quoted=())

