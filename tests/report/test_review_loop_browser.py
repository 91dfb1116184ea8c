"""Issue 14's acceptance, end to end: a supervisor marks two moments in report.html in a real browser
and exports the review file; `review import` turns it into gold and training labels, `evaluate
--gold` scores them, and a run with the recalibration `train --recalibrate` fits changes the decision
the reviewer corrected.

One session flags few moments, so two verdicts alone are too little evidence for any sane refit
(docs/review.md: a refit needs hundreds of reviewed moments before it helps more often than it
hurts). The same supervisor's review of the rest of the session, with the same eye, comes as a
second review file, as it would from a second sitting."""

from __future__ import annotations

from ..conftest import SAMPLES
from ..review.helpers import analysed, review_dict, review_loop, reviewer_items, reviewer_threshold, score, write_review
from . import test_browser
from .test_browser import browser, open_report, read_review  # noqa: F401  (browser: the module's chromium fixture)

pytestmark = test_browser.pytestmark  # slow, browser, and skipped without chromium, as test_browser is
SAMPLE = SAMPLES / "strong_alliance.txt"
MARKER = "positive_regard"


def test_two_moments_marked_in_the_browser_change_the_recalibrated_decision(browser, tmp_path, monkeypatch):
    monkeypatch.setenv("TA_MODELS_DIR", str(tmp_path / "user-models"))
    sample = analysed(SAMPLE, tmp_path / "run", MARKER)
    run, session, shipped = sample.run, sample.session, sample.shipped
    corrected, flagged = sample.corrected, sample.flagged  # corrected: not flagged; the supervisor says it is positive regard

    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    try:
        page = open_report(context, run / "report.html")
        p = page.page
        p.fill("#rv-reviewer", "A. Supervisor")
        for index, verdict in ((corrected, "disagree"), (flagged, "agree")):
            p.click(f"#u-{index} button.rv-open")
            p.select_option(".rv-editor select", MARKER)
            p.click(f".rv-editor .rv-{verdict}")
            if verdict == "disagree":
                p.locator(".rv-editor textarea").fill("affirms his care for Ruth")
            p.click(".rv-editor .rv-done")
        assert "Not saved to disk yet" in p.inner_text("#rv-state")
        with p.expect_download() as event:
            p.click("#rv-export")
        review = read_review(event.value, tmp_path)  # checked against review.file.SCHEMA
        assert page.errors == []
    finally:
        context.close()
    marked = {(i["utterance"], i["marker"]): i for i in review["items"]}
    assert marked[(corrected, MARKER)]["verdict"] == "disagree" and marked[(corrected, MARKER)]["model_decision"] is False
    assert marked[(flagged, MARKER)]["verdict"] == "agree" and marked[(flagged, MARKER)]["model_decision"] is True
    browser_file = tmp_path / event.value.suggested_filename

    threshold = reviewer_threshold(session, MARKER, shipped, corrected)
    rest = reviewer_items(session, MARKER, threshold, exclude=(corrected, flagged))
    more = write_review(tmp_path / "review-rest.json", review_dict(session, rest))

    result = review_loop([browser_file, more], run, tmp_path, SAMPLE, name="clinic_b")

    gold = (result.import_dir / "gold.csv").read_text(encoding="utf-8")
    assert f"strong_alliance,{corrected},{MARKER},1,A. Supervisor," in gold
    assert (result.import_dir / f"labels_{MARKER}.csv").is_file()
    assert MARKER in result.agreement.output
    assert not score(session, corrected, MARKER).decision
    assert score(result.recalibrated, corrected, MARKER).decision  # the decision the reviewer corrected changed
    assert result.recalibrated.meta.calibration.name == "clinic_b"
    report = (result.recalibrated_dir / "report.html").read_text(encoding="utf-8")
    assert "<dt>Decisions</dt><dd>site calibration clinic_b (" in report
    assert "<dt>Decisions</dt><dd>shipped calibration</dd>" in (run / "report.html").read_text(encoding="utf-8")
