"""Time and size of the reports for a long session, and how fast the page is in chromium.

A one-hour session is made by repeating the over_interpretation sample (analysed once, with
evidence) with its times shifted, so the report has ~1,000 turns and ~2,500 utterances. Then:
rendering report.html and summary.md, their sizes, and in headless Debian chromium the time to a
ready page, to apply a transcript filter and to jump to a flagged moment.

    python benchmarks/report_speed.py [--minutes 60]
"""

from __future__ import annotations

import argparse
import dataclasses
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-sync",
        "--disable-background-networking", "--disable-component-update"]


def long_session(session, minutes: float):
    """The session repeated (turn, utterance and word times shifted) until it lasts ``minutes``."""
    from transcript_analyzer.metrics import MetricsStage

    length = max(t.end for t in session.turns) + 5.0
    copies = max(1, int(minutes * 60 // length))
    turns, utterances = [], []
    for c in range(copies):
        shift, t0, u0 = c * length, c * len(session.turns), c * len(session.utterances)
        turns += [dataclasses.replace(t, index=t.index + t0, start=t.start + shift, end=t.end + shift) for t in session.turns]
        utterances += [dataclasses.replace(u, index=u.index + u0, turn_index=u.turn_index + t0,
                                           start=None if u.start is None else u.start + shift,
                                           end=None if u.end is None else u.end + shift) for u in session.utterances]
    meta = dataclasses.replace(session.meta, duration=copies * length)
    long = dataclasses.replace(session, meta=meta, turns=tuple(turns), utterances=tuple(utterances), metrics=None)
    return MetricsStage()(long)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=60)
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args()

    from transcript_analyzer.api import Analyzer
    from transcript_analyzer.io.writers import write_outputs
    from transcript_analyzer.report.html import session_html
    from transcript_analyzer.report.markdown import session_markdown

    base = Analyzer().analyze(ROOT / "sample_transcripts" / "over_interpretation.json")
    session = long_session(base, args.minutes)
    t = time.perf_counter()
    html = session_html(session)
    t_html = time.perf_counter() - t
    t = time.perf_counter()
    text = session_markdown(session)
    t_md = time.perf_counter() - t
    print(f"session: {session.meta.duration / 60:.0f} min, {len(session.turns)} turns, {len(session.utterances)} utterances")
    print(f"report.html: {t_html:.2f} s to render, {len(html.encode()) / 1e6:.2f} MB")
    print(f"summary.md:  {t_md:.2f} s to render, {len(text.encode()) / 1e3:.0f} kB")

    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        write_outputs(session, tmp, ["html"])
        browser = p.chromium.launch(executable_path=args.chromium, args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        t = time.perf_counter()
        page.goto((Path(tmp) / "report.html").as_uri())
        page.wait_for_selector("html[data-ready=true]")
        t_load = time.perf_counter() - t
        t = time.perf_counter()
        page.select_option("#marker-filter", "empathy")
        page.evaluate("document.getElementById('shown').textContent")
        t_filter = time.perf_counter() - t
        t = time.perf_counter()
        page.locator("article.moment a.jump").last.click()
        t_jump = time.perf_counter() - t
        browser.close()
    print(f"chromium: ready in {t_load:.2f} s; marker filter {t_filter * 1000:.0f} ms; jump to a moment {t_jump * 1000:.0f} ms")


if __name__ == "__main__":
    main()
