"""What the report carries for the review loop (no browser): the session's content hash, the scores
report.js writes into a review file, and the top moments the printed summary and summary.md share."""

from __future__ import annotations

import dataclasses
import json
import re
from types import SimpleNamespace

from transcript_analyzer.model import MarkerScore, Utterance
from transcript_analyzer.report.html import session_html
from transcript_analyzer.report.markdown import session_markdown
from transcript_analyzer.report.view import TOP_RISK_TALK, clock, summary_order
from transcript_analyzer.review.file import FORMAT, VERSION, content_sha256

from ..conftest import make_session


def coded_session(pairs: int = 14):
    """``pairs`` client/therapist exchanges; every therapist turn flagged for positive regard."""
    turns = []
    for i in range(pairs):
        turns += [("SPEAKER_01", f"I tried again on day {i}.", 10.0 * i, 10.0 * i + 4, "client"),
                  ("SPEAKER_00", f"That took real effort, number {i}.", 10.0 * i + 5, 10.0 * i + 9, "therapist")]
    s = make_session(*turns, session_id="s<1>")
    utts = []
    for t in s.turns:
        markers = (MarkerScore("positive_regard", 0.5 + t.index / 100, True), MarkerScore("empathy", 0.2, False)) \
            if t.role == "therapist" else (MarkerScore("change_talk", 0.7, True),)
        utts.append(Utterance(t.index, t.index, t.speaker, t.role, t.text, t.start, t.end, markers=markers))
    from transcript_analyzer.metrics import MetricsStage

    return MetricsStage(with_index=False)(dataclasses.replace(s, utterances=tuple(utts)))


def test_summary_order_takes_risk_talk_first_then_one_moment_per_section_in_turn():
    def group(name, *probabilities):
        return SimpleNamespace(name=name), [SimpleNamespace(probability=p) for p in probabilities], True

    groups = [group("risk_talk", .3, .9, .5, .4, .8), group("rigid_interpretation", .6, .7), group("empathy"),
              group("positive_regard", .9)]
    order = summary_order(groups)
    assert order[:TOP_RISK_TALK] == [(0, 1), (0, 4), (0, 2)]  # the most probable risk talk first
    assert order[TOP_RISK_TALK:] == [(0, 3), (1, 1), (3, 0), (0, 0), (1, 0)]  # then round after round
    assert len(order) == sum(len(items) for _, items, _ in groups)


def test_the_report_carries_the_content_hash_and_the_scores_a_review_file_needs():
    session = coded_session()
    html = session_html(session)
    panel = re.search(r'<section id="review"[^>]*>', html).group(0)
    assert f'data-sha256="{content_sha256(session)}"' in panel and 'data-session-id="s&lt;1&gt;"' in panel
    assert f'data-format="{FORMAT}"' in panel and f'data-version="{VERSION}"' in panel
    data = json.loads(re.search(r'<script type="application/json" id="review-data">(.*?)</script>', html, re.S).group(1))
    assert data["roles"] == {"client": ["change_talk"], "therapist": ["positive_regard", "empathy"]}
    u = session.utterances[3]
    assert [[data["markers"][i], p, d] for i, p, d in data["scores"]["3"]] == [
        [m.marker, m.probability, int(m.decision)] for m in u.markers]
    assert data["titles"]["positive_regard"] == "Positive regard" and data["titles"]["change_talk"] == "Change talk"
    assert "Your review stays in this browser on this computer until you export it." in html


def test_summary_md_lists_the_moments_the_printed_report_shows():
    session = coded_session()
    html = session_html(session)
    printed = re.findall(r'<article class="moment[^"]* top" id="m-positive_regard-(\d+)"', html)
    text = session_markdown(session)
    listed = re.findall(r"^- \*\*([\d:]+)\*\* \(p = ", text, re.M)
    assert len(printed) == len(listed) == 5  # positive regard: its 5 strongest, all among the top moments
    assert [clock(session.turns[int(t)].start) for t in printed] == listed
    assert "### Positive regard (5 strongest)" in text and "then the client: \u201cI tried again" in text
    assert text.index("## Markers") < text.index("## Flagged moments") < text.index("## Talk")
    assert re.search(r"\| Positive regard \| 14 \| 100\.0 \| .* \| [\d.]+–100\.0 \|", text)  # with its interval
