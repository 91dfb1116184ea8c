"""Were the gold sessions in the shipped models' training or validation data?

Agreement measured on sessions a model was trained on (or whose decision rules were tuned on them)
is optimistic. Each shipped model that codes markers records the texts it was trained and validated
on (training/corpora/split_manifest.py). A gold session is compared with every manifest through its
therapist units (the units `evaluate --gold` scores): the gold file's therapist rows when it carries
their text, and the predicted therapist utterances (the tool may merge or cut rows, so both are
tried and the larger share counts). Units too short to hash are not counted.

**Rule:** a session is *in training* when at least ``THRESHOLD`` (50 %) of its countable therapist
units (at least ``MIN_UNITS``) are in one model's training or validation split; it is marked
``train`` when more of those are training items than validation items, else ``validation``. Split
by conversation, a real session is wholly in one split, so a session from the training corpora
scores near 100 % and a new one near 0 %; a few stock phrases ("How does that make you feel about
it?") do not reach 50 %.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping, Sequence

from ..corpora.split_manifest import FILE, Manifest
from .gold import GoldRow
from .predictions import PredUtterance

THRESHOLD = 0.5
MIN_UNITS = 3
FLAGGED = ("train", "validation")
RULE = (f"a session is in training when >= {THRESHOLD:.0%} of its therapist units (at least {MIN_UNITS} "
        "of 20 or more letters and digits) are in a shipped model's training or validation split manifest")


@dataclass(frozen=True)
class SessionOverlap:
    session_id: str
    in_training: str  # "train", "validation", "none", or "unknown" (no manifest to compare with)
    share: float | None = None  # the largest share of its countable therapist units one model trained or validated on
    units: int = 0  # countable therapist units behind that share
    model: str | None = None  # the model with that share
    by_model: Mapping[str, Mapping[str, float | int | str]] = field(default_factory=dict)


def session_overlap(session_id: str, rows: Sequence[GoldRow], utterances: Sequence[PredUtterance],
                    manifests: Sequence[Manifest]) -> SessionOverlap:
    """How much of one session each manifest holds, and the verdict."""
    if not manifests:
        return SessionOverlap(session_id, "unknown")
    sides = {"gold": [r.text for r in rows if r.role == "therapist"],
             "predictions": [u.text for u in utterances if u.role == "therapist"]}
    by_model: dict[str, dict[str, float | int | str]] = {}
    for m in manifests:
        best: dict[str, float | int | str] = {}
        for side, texts in sides.items():
            found = [s for s in (m.split_of(t) for t in texts) if s != ""]
            if len(found) < MIN_UNITS:
                continue
            train, val = found.count("train") / len(found), found.count("validation") / len(found)
            if not best or train + val > float(best["train"]) + float(best["validation"]):
                best = {"train": round(train, 4), "validation": round(val, 4), "units": len(found), "side": side}
        if best:
            by_model[m.model] = best
    if not by_model:
        return SessionOverlap(session_id, "none", None, 0, None, by_model)
    model, best = max(by_model.items(), key=lambda kv: float(kv[1]["train"]) + float(kv[1]["validation"]))
    share = float(best["train"]) + float(best["validation"])
    verdict = "none" if share < THRESHOLD else "train" if best["train"] >= best["validation"] else "validation"
    return SessionOverlap(session_id, verdict, round(share, 4), int(best["units"]), model, by_model)


def overlap_warning(overlaps: Sequence[SessionOverlap], where: str) -> str | None:
    """One warning line for the sessions in training, or for having nothing to compare with."""
    if overlaps and all(o.in_training == "unknown" for o in overlaps):
        return (f"no split manifests ({FILE}) in {where}: cannot tell whether the gold sessions were in the "
                "models' training data")
    flagged = [o for o in overlaps if o.in_training in FLAGGED]
    if not flagged:
        return None
    from .matching import shown

    counts = {s: sum(o.in_training == s for o in flagged) for s in FLAGGED}
    return (f"{len(flagged)} of {len(overlaps)} gold sessions were in the shipped models' training ({counts['train']}) "
            f"or validation ({counts['validation']}) data, so their agreement is optimistic: "
            f"{shown([o.session_id for o in flagged])}. Rule: {RULE}. Score the others alone with --exclude-training")


def by_session(overlaps: Sequence[SessionOverlap]) -> dict[str, SessionOverlap]:
    return {o.session_id: o for o in overlaps}
