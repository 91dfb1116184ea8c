"""The HTML report in a real browser: Debian's chromium, headless, driven by Playwright.

The report comes from the whole pipeline run on the bundled recording (Whisper tiny.en,
diarization, roles, markers with evidence), so what is checked is what a user opens."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from transcript_analyzer.io.writers import write_outputs
from transcript_analyzer.report.charts import MI_TIMELINE_MARKERS
from transcript_analyzer.report.view import TIMELINE_MARKERS, flagged_moments

CHROMIUM = os.environ.get("TA_CHROMIUM", "/usr/bin/chromium")
AUDIO = Path(__file__).resolve().parents[2] / "sample_transcripts" / "audio" / "sample_session.ogg"
ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-sync",
        "--disable-background-networking", "--disable-component-update", "--autoplay-policy=no-user-gesture-required"]

pytestmark = [pytest.mark.slow, pytest.mark.browser,
              pytest.mark.skipif(not os.access(CHROMIUM, os.X_OK),
                                 reason=f"browser test: {CHROMIUM} not found (Debian: apt-get install chromium; "
                                        "`make test` installs it when run as root)")]
sync_api = pytest.importorskip("playwright.sync_api", reason="browser test: playwright is not installed (make install)")


@pytest.fixture(scope="module")
def session():
    from transcript_analyzer.api import Analyzer

    return Analyzer(asr_model="tiny.en").analyze(AUDIO)


@pytest.fixture(scope="module")
def report(session, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("report")
    write_outputs(session, out)
    return out / "report.html"


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


class Page:
    """A page with everything it logged and requested."""

    def __init__(self, browser, path: Path, scripted: bool = True, context=None):
        self.page = context.new_page() if context is not None else browser.new_page(viewport={"width": 1280, "height": 900})
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page.on("console", lambda m: self.errors.append(f"console {m.type}: {m.text}") if m.type in ("error", "warning") else None)
        self.page.on("pageerror", lambda e: self.errors.append(f"page error: {e}"))
        self.page.on("requestfailed", lambda r: self.errors.append(f"request failed: {r.url[:80]}"))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.goto(path.resolve().as_uri())
        if scripted:
            self.page.wait_for_selector("html[data-ready=true]")


def until(page, expression: str, seconds: float = 5.0) -> bool:
    """Poll an expression from Python (the report's CSP forbids the eval behind wait_for_function)."""
    for _ in range(int(seconds * 10)):
        if page.evaluate(expression):
            return True
        page.wait_for_timeout(100)
    return False


@pytest.fixture
def page(browser, report):
    p = Page(browser, report)
    yield p
    p.page.close()


def test_loads_without_errors_or_network_requests_and_saves_a_screenshot(page, tmp_path):
    assert until(page.page, "document.getElementById('player').readyState >= 1")
    shot = tmp_path / "report.png"
    page.page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 50_000
    assert page.errors == []
    schemes = {url.split(":", 1)[0] for url in page.requests}
    assert schemes <= {"file", "data", "blob"}, page.requests
    assert any(url.endswith("sample_session.ogg") for url in page.requests)  # the player's relative link resolves


def test_timeline_and_flagged_moments_render(page, session):
    p = page.page
    assert p.locator("svg.timeline.tl").is_visible()
    marks = sum(1 for u in session.utterances for m in u.markers if m.decision and m.marker in TIMELINE_MARKERS)
    assert marks > 0 and p.locator("svg.timeline.tl a.mark").count() == marks
    assert p.locator("svg.timeline.tl rect.turn").count() == len(session.turns)
    mi = sum(1 for u in session.utterances for m in u.markers if m.decision and m.marker in MI_TIMELINE_MARKERS)
    assert not p.locator("svg.timeline.tl-mi").is_visible()  # folded away until asked for
    p.locator("details.mi-timeline summary").click()
    assert p.locator("svg.timeline.tl-mi").is_visible() and p.locator("svg.timeline.tl-mi a.mark").count() == mi > 0
    expected = sum(len(items) for _, items, _ in flagged_moments(session))
    assert expected > 0 and p.locator("article.moment").count() == expected
    assert p.locator("article.moment mark").count() > 0  # evidence words highlighted
    box = p.locator("svg.timeline.tl").bounding_box()
    assert box["width"] > 800 and box["height"] > 100


def test_clicking_a_flagged_moment_jumps_to_it_and_cues_the_player(page):
    p = page.page
    assert until(p, "document.getElementById('player').readyState >= 1")
    link = p.locator("article.moment a.jump").last
    target, start = link.get_attribute("data-u"), float(link.get_attribute("data-start"))
    link.click()
    assert p.evaluate("location.hash") == f"#u-{target}"
    utterance = p.locator(f"#u-{target}")
    assert "current" in utterance.get_attribute("class")
    in_view = (f"(() => {{ const r = document.getElementById('u-{target}').getBoundingClientRect();"
               " return r.top >= 0 && r.bottom <= window.innerHeight; })()")
    assert until(p, in_view)  # the scroll is smooth: it takes a moment
    assert abs(p.evaluate("document.getElementById('player').currentTime") - (start - 0.5)) < 0.6


def test_a_play_button_sets_the_player_time(page):
    p = page.page
    assert until(p, "document.getElementById('player').readyState >= 1")
    button = p.locator("#transcript button.play").nth(5)
    start = float(button.get_attribute("data-start"))
    button.click()
    assert abs(p.evaluate("document.getElementById('player').currentTime") - (start - 0.5)) < 0.6


def test_clicking_a_timeline_mark_jumps_to_the_utterance_and_cues_the_player(page):
    p = page.page
    assert until(p, "document.getElementById('player').readyState >= 1")
    mark = p.locator("svg.timeline.tl a.mark").nth(3)
    target, start = mark.get_attribute("data-u"), float(mark.get_attribute("data-start"))
    mark.click()
    assert p.evaluate("location.hash") == f"#u-{target}"
    assert p.locator(f"#u-{target}").is_visible()
    assert abs(p.evaluate("document.getElementById('player').currentTime") - (start - 0.5)) < 0.6


def test_marks_are_keyboard_reachable_and_show_their_utterance(page):
    p = page.page
    mark = p.locator("svg.timeline.tl a.mark").first
    mark.focus()
    tooltip = p.locator("#tooltip")
    assert tooltip.is_visible() and len(tooltip.inner_text()) > 5
    target = mark.get_attribute("data-u")
    p.keyboard.press("Enter")
    assert p.evaluate("location.hash") == f"#u-{target}"
    p.keyboard.press("Shift+Tab")  # focus moved into the transcript; the page stays navigable


def test_filters_by_marker_and_speaker(page, session):
    p = page.page
    visible = "document.querySelectorAll('.transcript .utt:not([hidden])').length"
    assert p.evaluate(visible) == len(session.utterances)
    empathy = sum(1 for u in session.utterances for m in u.markers if m.marker == "empathy" and m.decision)
    p.select_option("#marker-filter", "empathy")
    assert p.evaluate(visible) == empathy
    assert f"Showing {empathy} of {len(session.utterances)}" in p.inner_text("#shown")
    p.select_option("#marker-filter", "")
    p.uncheck("input[name=role][value=therapist]")
    clients = sum(1 for u in session.utterances if u.role == "client")
    assert p.evaluate(visible) == clients
    assert p.locator(".turn-row.therapist:not([hidden])").count() == 0
    # a jump to a filtered-out utterance clears the filters so the target can be seen
    p.locator("article.moment:not(.client) a.jump").first.click()  # a therapist moment: filtered out above
    assert p.evaluate(visible) == len(session.utterances)


AXE = Path(__file__).resolve().parents[1] / "data" / "axe" / "axe.min.js"


def axe_violations(browser, path: Path) -> list[str]:
    """axe-core's accessibility audit (WCAG 2 A/AA rules, colour contrast included). The page's
    own CSP forbids injected scripts, so this one audit page runs with the CSP bypassed."""
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    page.goto(path.resolve().as_uri())
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    context.close()
    return [f"{v['impact']} {v['id']}: {v['help']} ({len(v['nodes'])}x, e.g. {v['nodes'][0]['target']})"
            for v in result["violations"]]


def test_the_report_passes_an_accessibility_audit(browser, report):
    assert axe_violations(browser, report) == []


def pdf_pages(data: bytes) -> int:
    try:
        import io

        from pypdf import PdfReader

        return len(PdfReader(io.BytesIO(data)).pages)
    except ImportError:
        return len(re.findall(rb"/Type\s*/Page(?!s)", data))


def test_prints_the_supervision_summary_without_controls(page, tmp_path):
    p = page.page
    p.emulate_media(media="print")
    for hidden in (".filters", ".player", "#review", "#transcript", "#timeline", "article.moment .rv-controls"):
        assert not p.locator(hidden).first.is_visible(), hidden
    assert p.locator("#summary table.markers").is_visible()
    assert p.locator("article.moment.top").first.is_visible()
    pdf = tmp_path / "report.pdf"
    p.pdf(path=str(pdf), format="A4")
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF") and 1 <= pdf_pages(data) <= 3


def test_embedded_audio_needs_no_file(browser, session, tmp_path):
    write_outputs(session, tmp_path, ["html"], embed_audio=True)
    page = Page(browser, tmp_path / "report.html")
    assert until(page.page, "document.getElementById('player').readyState >= 1")
    assert abs(page.page.evaluate("document.getElementById('player').duration") - session.meta.duration) < 0.5
    assert not any(url.endswith(".ogg") for url in page.requests)
    assert page.errors == []


def test_progress_page_loads(browser, session, report, tmp_path):
    from transcript_analyzer.report.progress import write_progress

    path = write_progress([report.parent, report.parent / "session.json"], tmp_path / "progress.html", "Trainee A")
    page = Page(browser, path, scripted=False)
    assert page.errors == []
    assert {url.split(":", 1)[0] for url in page.requests} <= {"file", "data"}
    assert page.page.locator("table.progress-table tbody tr").count() >= 10
    assert page.page.locator(".small-multiples svg").count() >= 10
    assert axe_violations(browser, path) == []


@pytest.fixture(scope="module")
def sequence_report(tmp_path_factory) -> Path:
    """A report of the issue's invented exchange (risk talk ignored, an interpretation defended
    after the client disagreed, then repaired), coded by a coder whose client tasks decide by words."""
    from transcript_analyzer.metrics import MetricsStage

    from ..markers.fakes import client_validity
    from ..markers.test_sequence import RANKING, stage

    out = tmp_path_factory.mktemp("sequence")
    with pytest.MonkeyPatch.context() as mp:
        client_validity(mp)  # rupture markers and repair as if measured above precision 0.5
        write_outputs(MetricsStage(with_index=False)(stage()(RANKING)), out)
    return out / "report.html"


def test_risk_talk_and_unrepaired_ruptures_come_first_with_the_clients_reaction(browser, sequence_report):
    p = Page(browser, sequence_report)
    try:
        assert p.errors == []
        groups = p.page.locator("section.moment-group h3").evaluate_all("hs => hs.map(h => h.id)")
        assert groups[:2] == ["h-risk_talk", "h-rupture_unrepaired"]
        assert groups.index("h-rupture_repaired") < groups.index("h-empathy")
        risk = p.page.locator("section.moment-group").first
        assert "Let's come back to your sleep" in risk.locator("p.response").inner_text()
        reaction = p.page.locator("#h-rupture_unrepaired").locator("xpath=..").locator("p.reaction").first
        assert reaction.is_visible() and "rupture: withdrawal" in reaction.inner_text()
        empathy = p.page.locator("#h-empathy").locator("xpath=..").inner_text()
        assert "come back to your sleep" not in empathy and "tiredness is the anger" not in empathy
        labels = p.page.locator("svg.timeline.tl text.lane-label").evaluate_all("ts => ts.map(t => t.textContent)")
        assert {"C: risk talk", "C: confront.", "C: withdrawal"} <= set(labels)
        assert p.page.locator("svg.timeline.tl a.mark.mk-risk").count() == 1
    finally:
        p.page.close()


# ---- the review loop (issue 14): review in the report, export, import, keep between visits

SAMPLES = Path(__file__).resolve().parents[2] / "sample_transcripts"
DOCS_IMAGES = Path(__file__).resolve().parents[2] / "docs" / "images"


def open_report(context, path: Path) -> Page:
    """A page in ``context``: pages of one context share the browser's saved state (localStorage)."""
    return Page(None, path, context=context)


def tab_to(p, selector: str, key: str = "Tab", limit: int = 400) -> None:
    """Press Tab (or Shift+Tab) until the focus is on an element matching ``selector``."""
    check = f"document.activeElement && document.activeElement.matches({selector!r})"
    for _ in range(limit):
        if p.evaluate(check):
            return
        p.keyboard.press(key)
    raise AssertionError(f"{selector} not reached with {key}")


def scores_of(session, utterance: int, marker: str):
    return next((m for m in session.utterances[utterance].markers if m.marker == marker), None)


def read_review(download, tmp_path: Path) -> dict:
    import json

    import jsonschema

    from transcript_analyzer.review.file import SCHEMA

    path = tmp_path / download.suggested_filename
    download.save_as(str(path))
    data = json.loads(path.read_text(encoding="utf-8"))
    jsonschema.validate(data, SCHEMA)
    return data


def test_a_moment_is_reviewed_and_exported_with_the_keyboard_alone(browser, report, session, tmp_path):
    from transcript_analyzer.review.file import content_sha256

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = open_report(context, report)
        p = page.page
        digest = content_sha256(session)
        assert p.get_attribute("#review", "data-sha256") == digest
        assert "stays in this browser on this computer until you export it" in p.inner_text("#review")
        assert p.inner_text("#rv-state") == "No review yet."
        tab_to(p, "#rv-reviewer")
        p.keyboard.type("A. Supervisor")
        moment = p.locator("article.moment").first
        slot = moment.locator(".rv").first
        utterance, marker = int(slot.get_attribute("data-u")), slot.get_attribute("data-code")
        tab_to(p, "article.moment .rv-disagree")
        p.keyboard.press("Space")
        assert moment.locator(".rv-disagree").get_attribute("aria-pressed") == "true"
        assert moment.locator(".rv-agree").get_attribute("aria-pressed") == "false"
        p.keyboard.press("Tab")  # to "Code instead", shown once disagreeing
        assert p.evaluate("document.activeElement.closest('.rv-code') !== null")
        assert p.evaluate("document.activeElement.value") == "none"
        p.keyboard.press("Tab")
        p.keyboard.type("Not what I hear: <b>she</b> is grieving.")
        assert "Not saved to disk yet" in p.inner_text("#rv-state")
        assert "1 reviewed (0 agree, 1 disagree" in p.inner_text("#rv-count")
        tab_to(p, "#rv-export", "Shift+Tab")
        with p.expect_download() as event:
            p.keyboard.press("Enter")
        download = event.value
        assert download.suggested_filename == f"review-{session.meta.session_id}-{digest[:8]}.json"
        review = read_review(download, tmp_path)
        assert "Not saved" not in p.inner_text("#rv-state") and "Saved to disk" in p.inner_text("#rv-state")
        assert review["session_sha256"] == digest and review["session_id"] == session.meta.session_id
        assert review["reviewer"] == "A. Supervisor" and review["exported_at"]
        expected = scores_of(session, utterance, marker)
        assert review["items"] == [{
            "utterance": utterance, "marker": marker, "model_decision": expected.decision,
            "probability": expected.probability, "verdict": "disagree", "reviewer_code": "none",
            "note": "Not what I hear: <b>she</b> is grieving.", "reviewed_at": review["items"][0]["reviewed_at"]}]
        assert moment.locator(".rv-controls").get_attribute("role") == "group"
        p.emulate_media(media="print")  # the verdict and the note (as text, not markup) are printed with the moment
        printed = moment.locator(".rv-print")
        title = p.evaluate(f"JSON.parse(document.getElementById('review-data').textContent).titles[{marker!r}]")
        said = f"A. Supervisor: disagrees: {'not' if expected.decision else 'this is'} {title}. Note: Not what I hear"
        assert printed.is_visible() and printed.inner_text().startswith(said), printed.inner_text()
        assert "<b>she</b>" in printed.inner_text() and moment.locator(".rv-print b").count() == 0
        assert page.errors == []
        assert {url.split(":", 1)[0] for url in page.requests} <= {"file", "data", "blob"}, page.requests
    finally:
        context.close()


def test_any_utterance_is_reviewed_from_the_transcript_with_the_keyboard(browser, report, session, tmp_path):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        p = open_report(context, report).page
        client = next(u for u in session.utterances if u.role == "client" and u.markers)
        opener = p.locator(f"#u-{client.index} button.rv-open")
        opener.focus()
        p.keyboard.press("Enter")
        editor = p.locator(".rv-editor")
        assert editor.is_visible() and opener.get_attribute("aria-expanded") == "true"
        assert p.evaluate("document.activeElement.closest('.rv-editor') !== null")  # focus moved into the editor
        options = editor.locator("select").first.locator("option").evaluate_all("os => os.map(o => o.value)")
        assert set(options) == {m.marker for m in client.markers}
        marker = p.evaluate("document.activeElement.value")
        p.keyboard.press("Tab")
        p.keyboard.press("Space")  # agree
        assert editor.locator(".rv-agree").get_attribute("aria-pressed") == "true"
        p.keyboard.press("Escape")
        assert editor.count() == 0 and p.evaluate("document.activeElement.classList.contains('rv-open')")
        assert "reviewed" in p.get_attribute(f"#u-{client.index}", "class")
        assert opener.get_attribute("aria-label").endswith("(reviewed)")
        with p.expect_download() as event:
            p.click("#rv-export")
        item = read_review(event.value, tmp_path)["items"][0]
        expected = scores_of(session, client.index, marker)
        assert (item["utterance"], item["marker"], item["verdict"], item["reviewer_code"]) == (client.index, marker, "agree", None)
        assert (item["model_decision"], item["probability"]) == (expected.decision, expected.probability)
    finally:
        context.close()


def test_the_review_is_kept_between_visits_renames_speakers_and_imports_only_its_own_session(browser, report, session, tmp_path):
    import json

    from transcript_analyzer.review.file import content_sha256

    digest = content_sha256(session)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        first = open_report(context, report).page
        moment = first.locator("article.moment").nth(1)
        moment.locator(".rv-agree").click()
        moment.locator("textarea").fill("Good catch.")
        label = session.turns[0].speaker
        first.locator("details.rv-speakers summary").click()
        first.fill(f"input.rv-speaker[data-speaker='{label}']", "Dr. Lee")
        shown = first.locator(f"#transcript .spk[data-speaker='{label}']").first
        assert shown.inner_text() == "Dr. Lee"
        titles = first.locator("svg.timeline.tl a.turn-link title").evaluate_all("ts => ts.map(t => t.textContent)")
        assert any(" Dr. Lee: " in t for t in titles) and not any(f" {label}: " in t for t in titles)
        assert first.evaluate(f"localStorage.getItem('transcript-analyzer-review:{digest}') !== null")
        first.close()

        again = open_report(context, report).page  # a second visit in the same browser
        moment = again.locator("article.moment").nth(1)
        assert moment.locator(".rv-agree").get_attribute("aria-pressed") == "true"
        assert moment.locator("textarea").input_value() == "Good catch."
        assert again.locator(f"#transcript .spk[data-speaker='{label}']").first.inner_text() == "Dr. Lee"
        assert "Not saved to disk yet" in again.inner_text("#rv-state")
        with again.expect_download() as event:
            again.click("#rv-export")
        review = read_review(event.value, tmp_path)
        assert review["speaker_names"] == {label: "Dr. Lee"} and len(review["items"]) == 1
        assert "Saved to disk" in again.inner_text("#rv-state")
        again.locator(".rv-disagree").first.click()  # a change: unsaved again
        assert "Not saved to disk yet" in again.inner_text("#rv-state")
    finally:
        context.close()

    fresh = browser.new_context(viewport={"width": 1280, "height": 900})  # another browser: nothing kept
    try:
        p = open_report(fresh, report).page
        assert p.inner_text("#rv-state") == "No review yet."
        other = dict(review, session_sha256="0" * 64)
        (tmp_path / "other.json").write_text(json.dumps(other), encoding="utf-8")
        p.set_input_files("#rv-import", str(tmp_path / "other.json"))
        assert until(p, "document.getElementById('rv-message').textContent.length > 0")
        assert "Nothing was loaded" in p.inner_text("#rv-message") and p.locator("[aria-pressed=true]").count() == 0
        path = tmp_path / event.value.suggested_filename
        p.set_input_files("#rv-import", str(path))
        assert until(p, "document.getElementById('rv-message').textContent.startsWith('Loaded')")
        assert "Loaded 1 reviewed items" in p.inner_text("#rv-message")
        assert p.locator("article.moment").nth(1).locator(".rv-agree").get_attribute("aria-pressed") == "true"
        assert p.locator(f"#transcript .spk[data-speaker='{label}']").first.inner_text() == "Dr. Lee"
        assert "Loaded from a review file" in p.inner_text("#rv-state")
    finally:
        fresh.close()


def long_transcript(path: Path) -> Path:
    """A 50-minute text session assembled from the samples' turns (about 5,500 words in 250
    turns), with times spread over the 50 minutes by the turns' lengths."""
    from transcript_analyzer.api import Analyzer

    therapists = {"Therapist", "Dr. Alan Pierce", "SPEAKER_01"}
    reader = Analyzer(markers=False)
    turns = []
    for name in ("strong_alliance.txt", "self_disclosure.vtt", "over_interpretation.json", "strong_alliance.txt"):
        turns += [("Therapist" if t.speaker in therapists else "Client", " ".join(t.text.split()))
                  for t in reader.read(SAMPLES / name).turns]
    words = [len(text.split()) for _, text in turns]
    speaking = 3000.0 - 2 * len(turns)  # two seconds between turns
    lines, at = [], 0.0
    for (who, text), n in zip(turns, words):
        s = int(at)
        lines.append(f"[{s // 3600:02d}:{s % 3600 // 60:02d}:{s % 60:02d}] {who}: {text}")
        at += speaking * n / sum(words) + 2
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def long_report(tmp_path_factory) -> Path:
    from transcript_analyzer.api import Analyzer

    folder = tmp_path_factory.mktemp("long")
    session = Analyzer().analyze(long_transcript(folder / "fifty_minutes.txt"))
    assert 2900 < session.meta.duration < 3100 and len(session.turns) > 200
    write_outputs(session, folder / "out")
    return folder / "out" / "report.html"


def test_the_supervision_summary_of_a_50_minute_session_prints_on_3_a4_pages(browser, long_report, tmp_path):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        p = open_report(context, long_report).page
        # what summary.md lists is what the page prints before any review
        listed = re.findall(r"^- \*\*([\d:]+)\*\* \(p = ", (long_report.parent / "summary.md").read_text(encoding="utf-8"), re.M)
        printed = p.locator("article.moment.top header a.jump").evaluate_all(
            "as => as.map(a => a.textContent.split('·')[0].trim())")
        assert len(printed) == int(p.get_attribute("#review", "data-top")) == len(listed) and printed == listed
        last = p.locator("#" + p.locator("article.moment:not(.top)").last.get_attribute("id"))
        # reviewing a moment puts it in the printed summary
        last.locator(".rv-agree").click()
        last.locator("textarea").fill("Discuss: this one matters more than its probability says.")
        assert "top" in last.get_attribute("class") and p.locator("article.moment.top").count() == len(listed)
        p.emulate_media(media="print")
        assert last.locator(".rv-print").is_visible() and "this one matters" in last.locator(".rv-print").inner_text()
        assert p.locator("article.moment.top p.reaction").first.is_visible()  # the client's reaction
        assert p.locator("article.moment.top blockquote.context").first.is_visible()  # the turn before
        assert not p.locator("#transcript").is_visible() and p.locator("td.ci").first.is_visible()
        pdf = tmp_path / "summary.pdf"
        p.pdf(path=str(pdf), format="A4")
        pages = pdf_pages(pdf.read_bytes())
        assert 2 <= pages <= 3, pages
    finally:
        context.close()


def overflow(p) -> int:
    return p.evaluate("document.documentElement.scrollWidth")


def test_a_phone_sees_no_overflow_on_the_report_and_the_progress_page(browser, report, long_report, tmp_path):
    from transcript_analyzer.report.progress import write_progress

    phone = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=1)
    try:
        p = open_report(phone, long_report).page
        assert overflow(p) <= 390
        for box in ("#timeline .timeline-wrap", "#summary .table-wrap"):  # wide parts scroll inside their own box
            scroll, width = p.locator(box).first.evaluate("e => [e.scrollWidth, e.clientWidth]")
            assert scroll > width and p.locator(box).first.bounding_box()["width"] <= 390, box
        p.locator("article.moment .rv-disagree").first.click()  # the review controls fit too
        assert overflow(p) <= 390
        p.locator("#summary").scroll_into_view_if_needed()
        p.screenshot(path=str(tmp_path / "report-390.png"))  # the page is long: the summary's screen
        progress = write_progress([report.parent, long_report.parent], tmp_path / "progress.html", "Trainee A")
        q = phone.new_page()
        q.goto(progress.resolve().as_uri())
        assert overflow(q) <= 390
        q.screenshot(path=str(tmp_path / "progress-390.png"))
        assert (tmp_path / "report-390.png").stat().st_size > 10_000 and (tmp_path / "progress-390.png").stat().st_size > 10_000
    finally:
        phone.close()


@pytest.mark.skipif(os.environ.get("TA_SCREENSHOTS") != "1", reason="README screenshot: set TA_SCREENSHOTS=1 to write it")
def test_writes_the_readme_screenshot_of_the_review_panel(browser, report, session):
    context = browser.new_context(viewport={"width": 1100, "height": 900}, device_scale_factor=1)
    try:
        p = open_report(context, report).page
        p.emulate_media(reduced_motion="reduce")
        p.fill("#rv-reviewer", "A. Supervisor")
        p.locator("details.rv-speakers summary").click()
        therapist = next(s.label for s in session.speakers if s.role == "therapist")
        p.fill(f"input.rv-speaker[data-speaker='{therapist}']", "Dr. Lee")
        moment = p.locator(f"article.moment:has(header .spk[data-speaker='{therapist}'])").first
        moment.locator(".rv-disagree").click()
        codes = moment.locator(".rv-code select option").evaluate_all("os => os.map(o => o.value)")
        if "complex_reflection" in codes:
            moment.locator(".rv-code select").select_option("complex_reflection")
        moment.locator("textarea").fill("A good reflection, but I don't hear empathy for the exhaustion yet. Listen to 0:14 together.")
        p.evaluate("document.activeElement.blur()")
        # the panel and the moment in one picture: what lies between them is hidden for it
        p.evaluate("""() => {
            document.querySelectorAll('.toc, .player, #summary, #timeline, #moments > .hint').forEach(e => e.hidden = true);
            document.querySelectorAll('article.moment').forEach(m => { if (!m.querySelector('[aria-pressed=true]')) m.hidden = true; });
            document.querySelectorAll('.moment-group').forEach(g => { if (!g.querySelector('article.moment:not([hidden])')) g.hidden = true; });
        }""")
        top = p.locator("#review").bounding_box()["y"] + p.evaluate("window.scrollY")
        bottom = moment.bounding_box()["y"] + moment.bounding_box()["height"] + p.evaluate("window.scrollY")
        DOCS_IMAGES.mkdir(parents=True, exist_ok=True)
        shot = DOCS_IMAGES / "review.png"
        p.screenshot(path=str(shot), full_page=True, clip={"x": 0, "y": top - 8, "width": 1100, "height": bottom - top + 16})
        assert shot.stat().st_size < 300_000
    finally:
        context.close()
