"""Screenshots of the demo reports for the README, taken in headless Debian chromium.

    make screenshots        # runs `make demo` first, then this script
    python docs/make_screenshots.py --demo demo_output --out docs/images

Writes report-summary.png, report-timeline.png, report-moments.png, report-transcript.png
(a transcript's report), report-recording.png (the bundled recording's, with its player) and
progress.png (the demo's progress page).
"""

from __future__ import annotations

import argparse
from pathlib import Path

ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-sync",
        "--disable-background-networking", "--disable-component-update"]
SHOTS = (("report-summary.png", "#summary"), ("report-timeline.png", "#timeline"),
         ("report-moments.png", "#moments"), ("report-transcript.png", "#transcript"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--demo", type=Path, default=Path("demo_output"))
    parser.add_argument("--session", default="over_interpretation", help="Demo session whose report is shown.")
    parser.add_argument("--out", type=Path, default=Path("docs/images"))
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    args.out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=args.chromium, args=ARGS)
        page = browser.new_page(viewport={"width": 1200, "height": 820}, device_scale_factor=1)
        page.goto((args.demo / args.session / "report.html").resolve().as_uri())
        page.emulate_media(reduced_motion="reduce")
        for name, section in SHOTS:
            page.evaluate(f"document.querySelector('{section}').scrollIntoView()")
            page.evaluate("window.scrollBy(0, -48)")
            page.wait_for_timeout(200)
            page.screenshot(path=str(args.out / name))
            print(f"wrote {args.out / name}")
        page.goto((args.demo / "sample_session" / "report.html").resolve().as_uri())  # a recording: with its player
        page.evaluate("document.querySelector('#moments').scrollIntoView()")
        page.wait_for_timeout(200)
        page.screenshot(path=str(args.out / "report-recording.png"))
        print(f"wrote {args.out / 'report-recording.png'}")
        page.goto((args.demo / "progress.html").resolve().as_uri())
        page.screenshot(path=str(args.out / "progress.png"))
        print(f"wrote {args.out / 'progress.png'}")
        browser.close()


if __name__ == "__main__":
    main()
