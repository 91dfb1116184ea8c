"""The report's content (no browser): sections, escaping, flagged moments and their context,
the Markdown summary, the player's source, the progress page and the CLI around them."""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from transcript_analyzer.cli import main
from transcript_analyzer.errors import ConfigError, InputError
from transcript_analyzer.io.writers import write_outputs
from transcript_analyzer.model import Session
from transcript_analyzer.report.html import audio_source, session_html
from transcript_analyzer.report.markdown import md, session_markdown
from transcript_analyzer.report.progress import series, write_progress
from transcript_analyzer.report.view import axis, evidence_spans, flagged_moments, moments

from ..conftest import make_session

SAMPLES = Path(__file__).resolve().parents[2] / "sample_transcripts"
SECTIONS = ("summary", "timeline", "moments", "talk", "transcript", "validity")


@pytest.fixture(scope="module")
def over_interpretation(analyzer) -> Session:
    return analyzer.analyze(SAMPLES / "over_interpretation.json")


def test_evidence_spans_mark_whole_words_only():
    assert evidence_spans("You can do it, you know", ("you", "it")) == [
        ("You", True), (" can do ", False), ("it", True), (", ", False), ("you", True), (" know", False)]
    assert evidence_spans("item", ("it",)) == [("item", False)]


def test_untimed_sessions_are_laid_out_by_words():
    s = make_session(("T", "one two three", None, None, "therapist"), ("C", "four five", None, None, "client"))
    ax = axis(s)
    assert not ax.timed and ax.length == 5 and ax.turn_span == {0: (0, 3), 1: (3, 5)}


@pytest.mark.slow
def test_the_html_report_has_every_section_and_requests_nothing(over_interpretation, tmp_path):
    html = session_html(over_interpretation, tmp_path)
    for section in SECTIONS:
        assert f'id="{section}"' in html
    assert "Content-Security-Policy" in html and "default-src 'none'" in html
    assert not re.search(r"""(src|href)=["']?(https?:)?//|<link\b|@import|url\(\s*['"]?https?:""", html, re.I)
    assert "<script src" not in html
    assert "MITI 4.2.1" in html and "alliance index" in html
    assert 'id="h-rigid_interpretation"' in html and 'id="h-empathy"' in html
    assert html.count('class="utt"') == len(over_interpretation.utterances)


@pytest.mark.slow
def test_every_risk_is_a_flagged_moment_with_the_clients_turn_before_it(over_interpretation):
    rigid_turns = {u.turn_index for u in over_interpretation.utterances
                   for m in u.markers if m.marker == "rigid_interpretation" and m.decision}
    found = moments(over_interpretation, "rigid_interpretation")
    assert rigid_turns and {m.turn.index for m in found} == rigid_turns
    for m in found:
        assert m.context is not None and m.context.role == "client" and m.context.index < m.turn.index
        between = over_interpretation.turns[m.context.index + 1:m.turn.index]
        assert all(t.role != "client" for t in between)
    groups = {d.name: (items, complete) for d, items, complete in flagged_moments(over_interpretation)}
    assert groups["rigid_interpretation"][1] and not groups["empathy"][1]
    assert len(groups["empathy"][0]) <= 5


@pytest.mark.slow
def test_transcript_text_cannot_inject_markup(analyzer, tmp_path):
    hostile = '<script>alert(1)</script> and <img src=x onerror="alert(2)"> **bold** | pipe'
    s = make_session(("Therapist", "How was your week? " + hostile, 0.0, 4.0, None),
                     ("Client", "It was hard. " + hostile, 4.5, 9.0, None),
                     ("Therapist", "That sounds really hard, and you kept going.", 9.5, 12.0, None))
    session = analyzer.run(s)
    html = session_html(session, tmp_path)
    assert "<script>alert" not in html and "<img src=x" not in html and "&lt;script&gt;alert(1)" in html
    text = session_markdown(session)
    assert "<script>" not in text and r"\<script\>" in text and r"\*\*bold\*\*" in text


def test_markdown_escaping():
    assert md("a_b *c* [d](e) <f> | g") == r"a\_b \*c\* \[d\](e) \<f\> \| g"


@pytest.mark.slow
def test_markdown_summary_lists_the_moments_with_times_and_context(over_interpretation):
    text = session_markdown(over_interpretation)
    headings = ("## Markers", "## MI summary scores", "## Alliance index", "## Flagged moments", "### Rigid over-interpretation",
                "## Talk")  # the printed supervision summary's order; validity and the transcript stay in report.html
    positions = [text.index(h) for h in headings]
    assert positions == sorted(positions) and "## Validity" not in text and "Method and validity" in text
    assert re.search(r"\| Open question \| \d+ \| [\d.]+ \| supports \| [\d.]+–[\d.]+ \|", text)  # with its 95 % interval
    assert "Decision support, not a clinical judgement" in text
    assert re.search(r"- \*\*\d+:\d\d\*\* \(p = 0\.\d\d\)", text)
    assert "before, the client:" in text


def test_player_source_for_recordings(tmp_path):
    audio = tmp_path / "rec" / "session #1?.ogg"  # '#' and '?' would start a fragment and a query
    audio.parent.mkdir()
    audio.write_bytes(b"x")
    s = make_session(("T", "Hi", 0.0, 1.0, "therapist"))
    assert audio_source(s, tmp_path, False) is None  # a transcript has no player
    rec = dataclasses.replace(s, meta=dataclasses.replace(s.meta, source_format="audio", source_file=str(audio)))
    src = audio_source(rec, tmp_path / "out", False)
    assert src.src == "../rec/session%20%231%3F.ogg" and "../rec/session #1?.ogg" in src.note
    redacted = dataclasses.replace(rec, meta=dataclasses.replace(rec.meta, redacted=True))
    assert audio_source(redacted, tmp_path, False).src is None
    gone = dataclasses.replace(rec, meta=dataclasses.replace(rec.meta, source_file=str(tmp_path / "nope.ogg")))
    assert audio_source(gone, tmp_path, False).src is None and "not found" in audio_source(gone, tmp_path, False).note


@pytest.mark.slow
def test_a_redacted_report_names_nobody_and_links_no_recording(tmp_path):
    from transcript_analyzer.api import Analyzer

    session = Analyzer(redact=True, evidence=True).analyze(SAMPLES / "over_interpretation.json")
    assert session.meta.redacted
    paths = write_outputs(session, tmp_path)
    assert {"report.html", "summary.md"} <= {p.name for p in paths}
    for p in paths:
        body = p.read_text(encoding="utf-8")
        assert not [w for w in ("Tom", "Halvorsen", "Linden Hills", "over_interpretation.json") if w in body], p.name
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "redacted" in html and "[PERSON_" in html


def _session_file(tmp_path: Path, session: Session, name: str, date: str | None) -> Path:
    folder = tmp_path / name
    s = dataclasses.replace(session, meta=dataclasses.replace(session.meta, session_id=name, date=date))
    write_outputs(s, folder, ["json", "html"])
    return folder


@pytest.mark.slow
def test_progress_orders_by_date_and_reports_the_change(over_interpretation, analyzer, tmp_path):
    strong = analyzer.analyze(SAMPLES / "strong_alliance.txt")
    late = _session_file(tmp_path, over_interpretation, "late", "2026-05-02")
    early = _session_file(tmp_path, strong, "early", "2026-03-01")
    out = write_progress([late, early], tmp_path / "pages" / "progress.html", "Trainee <A>")
    html = out.read_text(encoding="utf-8")
    assert html.index("2026-03-01") < html.index("2026-05-02")
    assert 'href="../early/report.html"' in html and "Trainee &lt;A&gt;" in html
    rows = {r.key: r for r in series([strong, over_interpretation])}
    index = rows["alliance_index"]
    assert index.change == pytest.approx(over_interpretation.metrics.alliance.value - strong.metrics.alliance.value)
    assert rows["rigid_interpretation"].verdict in ("worse", "no clear change")  # more rigid interpretations is never "better"
    assert index.verdict == "no interval"
    for r in rows.values():  # every other value the pipeline stored is rebuilt from the utterances, with an interval
        assert r.key == "alliance_index" or all((v is None) == (e is None) for v, e in zip(r.values, r.intervals)), r.key
    assert f"{index.change:+.1f}" in html and "no interval" in html
    assert strong.meta.utterance_unit == "turn" and "per sentence" not in html
    # a session from before schema 1.7 (sentences) beside a new one: the page says they are not comparable
    import dataclasses

    old = dataclasses.replace(strong, meta=dataclasses.replace(strong.meta, utterance_unit=None))
    older = _session_file(tmp_path, old, "older", "2026-01-01")
    html = write_progress([late, older], tmp_path / "pages" / "mixed.html").read_text(encoding="utf-8")
    assert "per turn and some per sentence" in html


def test_progress_links_are_relative_even_for_a_folder_named_like_a_url(tmp_path):
    from urllib.parse import urljoin, urlsplit
    from urllib.request import url2pathname

    folders = []
    for i, name in enumerate(("javascript:alert(1)", "data:text,x", "a #1?")):
        folder = tmp_path / "runs" / name
        s = make_session(("T", "How are you?"), ("C", "Fine."), session_id=name)
        write_outputs(dataclasses.replace(s, meta=dataclasses.replace(s.meta, date=f"2026-01-0{i + 1}")), folder,
                      ["json", "html"])
        folders.append(folder)
    page = write_progress(folders, tmp_path / "progress.html")
    links = re.findall(r'href="([^"#][^"]*)"', page.read_text(encoding="utf-8"))
    assert set(links) == {"runs/javascript%3Aalert%281%29/report.html", "runs/data%3Atext%2Cx/report.html",
                          "runs/a%20%231%3F/report.html"}
    for link in links:
        assert urlsplit(link).scheme == "" and not urlsplit(link).netloc
        target = url2pathname(urlsplit(urljoin(page.resolve().as_uri(), link)).path)
        assert Path(target).is_file() and Path(target).parent.parent == (tmp_path / "runs").resolve()


def test_progress_errors(tmp_path):
    with pytest.raises(InputError, match="no session.json"):
        write_progress([tmp_path], tmp_path / "p.html")
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "session.json").write_text("{}")
    with pytest.raises(InputError, match="not a readable session"):
        write_progress([bad], tmp_path / "p.html")
    with pytest.raises(ConfigError, match="ending in .html"):
        write_progress([bad], tmp_path / "p.txt")
    result = CliRunner().invoke(main, ["progress", str(tmp_path / "missing"), "--out", str(tmp_path / "p.html")])
    assert result.exit_code == 2 and "no session.json" in result.output
    assert not (tmp_path / "p.html").exists()


def test_cli_rejects_embedding_audio_in_a_redacted_report_and_bad_dates(tmp_path):
    result = CliRunner().invoke(main, ["analyze", str(SAMPLES / "strong_alliance.txt"), "--redact", "--embed-audio",
                                       "--out", str(tmp_path / "o")])
    assert result.exit_code == 2 and "cannot be combined with --redact" in result.output
    result = CliRunner().invoke(main, ["analyze", str(SAMPLES / "strong_alliance.txt"), "--date", "last tuesday"])
    assert result.exit_code == 2 and "not a date" in result.output
    assert not (tmp_path / "o").exists()


@pytest.mark.slow
def test_date_option_reaches_the_session(analyzer, tmp_path):
    result = CliRunner().invoke(main, ["analyze", str(SAMPLES / "strong_alliance.txt"), "--date", "2026-02-03",
                                       "--markers", "empathy", "--out", str(tmp_path / "o"), "-q"])
    assert result.exit_code == 0, result.output
    assert json.loads((tmp_path / "o" / "session.json").read_text())["meta"]["date"] == "2026-02-03"


@pytest.mark.slow
@pytest.mark.parametrize("markers", [False, "empathy"])
def test_reports_render_without_markers_or_with_some(markers, tmp_path):
    from transcript_analyzer.api import Analyzer

    session = Analyzer(markers=markers, evidence=False).analyze(SAMPLES / "strong_alliance.txt")
    html = session_html(session, tmp_path)
    text = session_markdown(session)
    assert html.count('class="utt"') == len(session.utterances)
    if markers is False:
        assert "No markers were coded" in html and "## Flagged moments" not in text
    else:
        assert 'id="h-empathy"' in html and 'id="h-rigid_interpretation"' not in html
        assert "### Empathy" in text


def _with_quality(verdict: str, reasons=()) -> Session:
    from transcript_analyzer.model import AudioQuality, QualityReason, SpeakerShare

    s = make_session(("SPEAKER_00", "How are you?", 0.0, 2.0, "therapist"), ("SPEAKER_01", "Fine.", 2.5, 3.0, "client"))
    q = AudioQuality(verdict, tuple(QualityReason(m, sev, text) for m, sev, text in reasons), "clustering", 3.0, -24.0,
                     0.0, 31.0, -20.0, 2, 2, (SpeakerShare("SPEAKER_00", 2.9, 0.99), SpeakerShare("SPEAKER_01", 0.03, 0.01)))
    return dataclasses.replace(s, meta=dataclasses.replace(s.meta, source_format="audio", audio_quality=q))


def test_an_unreliable_recording_gets_a_banner_and_its_markers_are_labelled(tmp_path):
    session = _with_quality("unreliable", [("balance", "unreliable", "one voice holds 99% of the speech: rerun with "
                                                                     "--speakers 2")])
    html = session_html(session, tmp_path)
    assert 'class="quality unreliable" role="alert"' in html and "Not reliably analysable." in html
    assert "one voice holds 99% of the speech: rerun with --speakers 2" in html
    assert html.count('class="unreliable-note"') == 2 and 'class="unreliable-tag"' in html  # summary, moments, timeline
    assert html.count('class="utt"') == len(session.utterances)  # the transcript stays
    text = session_markdown(session)
    assert "**Audio quality: unreliable**" in text and "- unreliable: one voice holds 99% of the speech" in text


def test_a_check_verdict_gets_a_banner_and_ok_or_a_transcript_none(tmp_path):
    check = session_html(_with_quality("check", [("snr", "check", "noisy recording")]), tmp_path)
    assert 'class="quality check"' in check and "Check the recording." in check and 'class="unreliable-note"' not in check
    ok = session_html(_with_quality("ok"), tmp_path)
    assert 'class="quality' not in ok and 'class="verdict ok"' in ok
    transcript = session_html(make_session(("T", "Hi.", 0.0, 1.0, "therapist")), tmp_path)
    assert 'class="quality' not in transcript and "Audio quality" not in transcript
