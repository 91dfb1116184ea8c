"""Building review files and running the review loop in tests (also for the browser test, which
exports a review from report.html and hands it to ``review_loop``).

    review = review_dict(session, [item(12, "positive_regard", False, "disagree")])
    write_review(tmp_path / "r.json", review)                 # checked against review.file.SCHEMA
    result = review_loop([tmp_path / "r.json"], run_dir, tmp_path, input_path=SAMPLE)
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Sequence

from click.testing import CliRunner

from transcript_analyzer.cli import main
from transcript_analyzer.model import THERAPIST, Session
from transcript_analyzer.review.file import FORMAT, SCHEMA, VERSION, content_sha256


def item(utterance: int, marker: str, model_decision: bool | None, verdict: str | None, probability: float | None = None,
         reviewer_code: str | None = None, note: str | None = None) -> dict[str, Any]:
    return {"utterance": utterance, "marker": marker, "model_decision": model_decision, "probability": probability,
            "verdict": verdict, "reviewer_code": reviewer_code, "note": note, "reviewed_at": "2026-12-07T10:00:00Z"}


def review_dict(session: Session, items: Iterable[dict], reviewer: str | None = "A. Supervisor",
                session_sha256: str | None = None) -> dict[str, Any]:
    """A review file's content for ``session`` (as report.html exports it)."""
    return {"format": FORMAT, "version": VERSION, "session_id": session.meta.session_id,
            "session_sha256": session_sha256 or content_sha256(session), "reviewer": reviewer,
            "exported_at": "2026-12-07T10:30:00Z", "speaker_names": {}, "items": list(items)}


def validate(review: dict) -> None:
    """Check a review against review.file.SCHEMA with jsonschema (a test dependency)."""
    import jsonschema

    jsonschema.validate(review, SCHEMA)


def write_review(path: Path, review: dict) -> Path:
    validate(review)
    path.write_text(json.dumps(review, indent=1), encoding="utf-8")
    return path


def score(session: Session, utterance: int, marker: str):
    return next(m for m in session.utterances[utterance].markers if m.marker == marker)


def reviewer_items(session: Session, marker: str, threshold: float, exclude: Sequence[int] = ()) -> list[dict]:
    """Verdicts on ``marker`` for every therapist utterance of the session, by a reviewer for whom the
    marker is present when its probability is at least ``threshold`` (agree where the model decided
    the same, disagree where not)."""
    out = []
    for u in session.utterances:
        m = next((m for m in u.markers if m.marker == marker), None)
        if u.role != THERAPIST or m is None or u.index in exclude:
            continue
        present = m.probability >= threshold
        out.append(item(u.index, marker, m.decision, "agree" if present == m.decision else "disagree", m.probability))
    return out


def corrected_moment(session: Session, marker: str, shipped: float) -> int:
    """A therapist utterance the model left unflagged for ``marker`` (below the shipped threshold, and
    not one whose strengths a session rule withdraws: an answer to risk talk or a rupture), the
    highest such probability: the moment a reviewer corrects."""
    from transcript_analyzer.markers.client import answers_to_protect

    protected = answers_to_protect(session.risk, session.episodes, session.utterances)
    candidates = [(m.probability, u.index) for u in session.utterances for m in u.markers
                  if m.marker == marker and not m.decision and not m.reasons and m.probability < shipped
                  and u.index not in protected]
    return max(candidates)[1]


def reviewer_threshold(session: Session, marker: str, shipped: float, corrected: int, between: int = 8) -> float:
    """The threshold of a reviewer who corrects ``corrected``: for a missed moment, below its
    probability and below at least ``between`` unflagged utterances' probabilities; for a false alarm,
    above its probability and above up to ``between`` flagged ones; so that a refit has clear evidence
    to move on. (A session flags few moments: the missed-moment direction gives the clearer evidence.)"""
    p = score(session, corrected, marker).probability
    if score(session, corrected, marker).decision:
        above = sorted(m.probability for u in session.utterances for m in u.markers
                       if m.marker == marker and m.probability >= shipped)
        return max(p, above[min(between, len(above)) - 1]) + 1e-4
    below = sorted((m.probability for u in session.utterances for m in u.markers
                    if m.marker == marker and m.probability < shipped), reverse=True)
    return min(p, below[min(between, len(below)) - 1]) - 1e-4


@dataclass
class LoopResult:
    imported: Any  # `review import` output (CliRunner result)
    import_dir: Path
    agreement: Any  # `evaluate --gold` output
    calibration: Any  # `train --recalibrate` output
    calibration_dir: Path
    recalibrated: Session
    recalibrated_dir: Path


def review_loop(reviews: Sequence[Path], run_dir: Path, work: Path, input_path: Path, name: str = "site",
                analyze_args: Sequence[str] = ("--no-evidence",)) -> LoopResult:
    """review import -> evaluate --gold -> train --recalibrate -> analyze --calibration, through the CLI.
    The caller points TA_MODELS_DIR at a temporary folder (monkeypatch.setenv) so nothing is installed
    for the user; each step must succeed."""
    runner = CliRunner()
    paths = [str(p) for p in reviews]
    imported = runner.invoke(main, ["review", "import", *paths, "--sessions", str(run_dir), "--out", str(work / "gold")])
    assert imported.exit_code == 0, imported.output
    agreement = runner.invoke(main, ["evaluate", "--gold", str(work / "gold" / "gold.csv"), "--pred", str(run_dir)])
    assert agreement.exit_code == 0, agreement.output
    calibration = runner.invoke(main, ["train", "--recalibrate", *paths, "--sessions", str(run_dir), "--name", name])
    assert calibration.exit_code == 0, calibration.output
    out = work / "recalibrated"
    analysed = runner.invoke(main, ["analyze", str(input_path), "--out", str(out), "--calibration", name, "-q",
                                    *analyze_args])
    assert analysed.exit_code == 0, analysed.output
    session = Session.from_dict(json.loads((out / "session.json").read_text(encoding="utf-8")))
    from transcript_analyzer.markers.calibration import find

    return LoopResult(imported, work / "gold", agreement, calibration, find(name), session, out)


@dataclass
class Analysed:
    """A sample analysed through the CLI, and the moment a reviewer corrects in it."""

    run: Path
    session: Session
    shipped: float  # the shipped threshold of the marker
    corrected: int  # an unflagged utterance the reviewer says has the marker (corrected_moment)
    flagged: int  # the first utterance the model flagged for the marker


def analysed(sample: Path, run: Path, marker: str) -> Analysed:
    """`analyze SAMPLE --out RUN` (must succeed) and the moments a review of ``marker`` refers to."""
    from transcript_analyzer.review.recalibrate import shipped_coder

    result = CliRunner().invoke(main, ["analyze", str(sample), "--out", str(run), "-q", "--no-evidence"])
    assert result.exit_code == 0, result.output
    session = Session.from_dict(json.loads((run / "session.json").read_text(encoding="utf-8")))
    shipped = shipped_coder().thresholds[marker]
    flagged = next(u.index for u in session.utterances for m in u.markers if m.marker == marker and m.decision)
    return Analysed(run, session, shipped, corrected_moment(session, marker, shipped), flagged)
