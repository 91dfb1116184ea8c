"""The review loop end to end with the shipped models, through the command line: a supervisor's
review of an analysed sample session (built here as report.html exports it, checked against
review.file.SCHEMA) -> `review import` (gold and training labels) -> `evaluate --gold` ->
`train --recalibrate` -> `analyze --calibration`, where the decision the reviewer corrected changes."""

import json

import pytest
from click.testing import CliRunner

from transcript_analyzer.cli import main
from transcript_analyzer.model import Session
from transcript_analyzer.training.agreement.human_agreement import evaluate_agreement

from ..conftest import SAMPLES
from .helpers import analysed, item, review_dict, review_loop, reviewer_items, reviewer_threshold, score, write_review

SAMPLE = SAMPLES / "strong_alliance.txt"
MARKER = "positive_regard"


@pytest.mark.slow
def test_a_reviewed_correction_changes_the_recalibrated_decision(tmp_path, monkeypatch):
    monkeypatch.setenv("TA_MODELS_DIR", str(tmp_path / "user-models"))
    sample = analysed(SAMPLE, tmp_path / "run", MARKER)
    run, session, shipped = sample.run, sample.session, sample.shipped
    corrected, flagged = sample.corrected, sample.flagged  # corrected: unflagged; the reviewer says it is positive regard
    assert not score(session, corrected, MARKER).decision
    # what the browser exports: two marked moments ...
    marked = [item(corrected, MARKER, False, "disagree", score(session, corrected, MARKER).probability,
                   note="affirms his care for Ruth"),
              item(flagged, MARKER, True, "agree", score(session, flagged, MARKER).probability)]
    browser = write_review(tmp_path / "review-browser.json", review_dict(session, marked))
    # ... and the rest of the session, reviewed by the same supervisor with the same eye
    threshold = reviewer_threshold(session, MARKER, shipped, corrected)
    rest = reviewer_items(session, MARKER, threshold, exclude=(corrected, flagged))
    more = write_review(tmp_path / "review-rest.json", review_dict(session, rest))

    result = review_loop([browser, more], run, tmp_path, SAMPLE, name="clinic_a")

    n = len(rest) + 2
    assert f"{n} reviewed moments, 0 notes; gold: {n} rows" in result.imported.output
    gold = (result.import_dir / "gold.csv").read_text(encoding="utf-8").splitlines()
    assert gold[0] == "session_id,utterance_index,code,value,annotator,text"
    assert f"strong_alliance,{corrected},{MARKER},1,A. Supervisor," in "\n".join(gold)
    labels = (result.import_dir / f"labels_{MARKER}.csv").read_text(encoding="utf-8").splitlines()
    assert labels[0] == "conversation,context,text,label" and len(labels) == n + 1
    assert MARKER in result.agreement.output and "gold: " in result.agreement.output

    data = json.loads((result.calibration_dir / "calibration.json").read_text(encoding="utf-8"))
    new = data["thresholds"][MARKER]
    assert new < score(session, corrected, MARKER).probability < shipped
    after = score(result.recalibrated, corrected, MARKER)
    assert after.decision and after.probability == score(session, corrected, MARKER).probability
    assert result.recalibrated.meta.calibration.name == "clinic_a"
    summary = (result.recalibrated_dir / "summary.md").read_text(encoding="utf-8")
    assert f"Decisions: site calibration clinic\\_a ({data['reviewed_moments']} reviewed moments, {data['date']})" in summary
    assert "Decisions: shipped calibration" in (run / "summary.md").read_text(encoding="utf-8")
    # the recalibrated run agrees better with the reviews than the shipped one
    before = evaluate_agreement(result.import_dir / "gold.csv", run).codes[0]
    recalibrated = evaluate_agreement(result.import_dir / "gold.csv", result.recalibrated_dir).codes[0]
    assert recalibrated.f1 > before.f1
    # without --calibration, analyze keeps the shipped decisions
    plain = CliRunner().invoke(main, ["analyze", str(SAMPLE), "-q", "--no-evidence", "--out", str(tmp_path / "plain")])
    assert plain.exit_code == 0
    again = Session.from_dict(json.loads((tmp_path / "plain" / "session.json").read_text(encoding="utf-8")))
    assert not score(again, corrected, MARKER).decision and again.meta.calibration is None
