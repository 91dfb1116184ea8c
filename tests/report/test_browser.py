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

    def __init__(self, browser, path: Path, scripted: bool = True):
        self.page = browser.new_page(viewport={"width": 1280, "height": 900})
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


def test_prints_without_controls(page, tmp_path):
    p = page.page
    p.emulate_media(media="print")
    assert not p.locator(".filters").is_visible()
    assert not p.locator(".player").is_visible()
    assert p.locator("article.moment").first.is_visible()
    pdf = tmp_path / "report.pdf"
    p.pdf(path=str(pdf), format="A4")
    data = pdf.read_bytes()
    pages = len(re.findall(rb"/Type\s*/Page(?!s)", data))
    assert data.startswith(b"%PDF") and pages >= 2  # the whole report, not one clipped screen


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
