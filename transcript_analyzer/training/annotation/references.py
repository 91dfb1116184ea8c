"""The project's annotations read back as truth for the coder's card (docs/annotation.md): which
of EPITOME's strong Interpretations are about the seeker, positive regard on ESConv/MI messages,
and positive regard and confront on every AnnoMI therapist turn. Each file is a list of
references (``Annotation``); a caller checks a reference against the text it scores
(``Annotation.check``) before using its label."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from . import Annotation, load_annotations

EMPATHY = Path("annotations") / "empathy_interpretation.jsonl"
"""EPITOME's strong Interpretations on validation and test pairs: about the seeker or not."""
SPOKEN = Path("annotations") / "annomi_markers.jsonl"
"""Every AnnoMI therapist turn, for the two marker codes the corpus does not label."""
SPOKEN_POSITIVE = {"positive_regard": "present", "confront": "yes"}
ANNOTATED_TASKS: dict[str, tuple[Path, str, str]] = {
    "positive_regard": (Path("annotations") / "positive_regard.jsonl", "positive_regard", "present"),
}
"""Coder tasks whose validation and test truth the project annotated under the codebook: task ->
(references, label key, the positive value)."""


@lru_cache(maxsize=16)
def references(relative: Path, corpus: str | None = None) -> dict[tuple[str, str, int], Annotation]:
    """The project's references in ``pipelines/<relative>`` by (corpus, conversation, index);
    empty when the file does not exist. Read once per process (the card and the calibration ask
    for the same file several times); callers do not modify the mapping."""
    from ...resources import project_dir

    path = project_dir() / "pipelines" / relative
    if not path.is_file():
        return {}
    return {a.key: a for a in load_annotations(path) if corpus in (None, a.corpus)}


@dataclass(frozen=True)
class AnnotatedTruth:
    """The project's annotation of a task's items: every item the corpus labels positive or the
    coder decided positive, and a random sample of the rest (``rest_sample``: per split,
    (annotated, positives found, items the sample stands for))."""

    labels: dict[tuple[str, str, int], tuple[str, bool]]  # (corpus, conversation, index) -> (text hash, positive)
    rest_sample: dict[str, tuple[int, int, int]]


def annotated_truth(task: str) -> AnnotatedTruth | None:
    """The annotated truth of a coder task, or None when the task has none."""
    if task not in ANNOTATED_TASKS:
        return None
    relative, key, positive = ANNOTATED_TASKS[task]
    found = references(relative)
    if not found:
        return None
    labels, rest = {}, {}
    for a in found.values():
        yes = a.labels[key] == positive
        labels[a.key] = (a.text_sha256, yes)
        if a.extra.get("stratum") == "random_rest":
            n, hits, size = rest.get(a.split, (0, 0, int(a.extra["stratum_size"])))
            rest[a.split] = (n + 1, hits + yes, size)
    return AnnotatedTruth(labels, rest)


def spoken_labels() -> dict[tuple[str, int], tuple[str, dict[str, bool]]]:
    """(conversation, index) -> (text hash, {code: positive}) of the annotated AnnoMI therapist turns."""
    return {(a.conversation, a.index): (a.text_sha256, {code: a.labels.get(code) == value for code, value in SPOKEN_POSITIVE.items()})
            for a in references(SPOKEN, "annomi").values()}


def annotated_interpretations() -> dict[tuple[str, str, int], Annotation]:
    """The annotated EPITOME responses (label ``interpretation_about``) by key."""
    return references(EMPATHY, "epitome")
