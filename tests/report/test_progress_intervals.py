"""The progress page's honesty: 95 % intervals from a bootstrap over each session's turns, verdicts
only where the first and last sessions' intervals do not overlap, and sessions with another client
marked. Sessions are built by hand with known counts (no models)."""

from __future__ import annotations

import dataclasses
import math
import re
from pathlib import Path

import pytest

from transcript_analyzer.io.writers import write_outputs
from transcript_analyzer.markers.codebook import MARKER_NAMES
from transcript_analyzer.metrics import MetricsStage
from transcript_analyzer.model import (
    CLIENT, THERAPIST, AllianceIndex, MarkerScore, RiskMoment, RuptureEpisode, Session, SessionMeta, Speaker, Turn,
    Utterance,
)
from transcript_analyzer.report import charts
from transcript_analyzer.report.bootstrap import ZERO_EVENTS, Estimate, session_estimates
from transcript_analyzer.report.progress import client_caveats, client_names, is_name, other_clients, series, write_progress

CLIENT_CODES = ("change_talk", "sustain_talk", "rupture_withdrawal", "rupture_confrontation", "risk_talk")


def coded(turns: int = 100, per_turn: int = 1, therapist: dict[str, int] | None = None,
          client: dict[str, int] | None = None, episodes: tuple[tuple[int, bool | None], ...] = (),
          risk: tuple[int, ...] = (), client_label: str = "Client", therapist_label: str = "Therapist",
          session_id: str = "s", date: str | None = None) -> Session:
    """``turns`` therapist turns of ``per_turn`` utterances each, every one followed by a one-utterance
    client turn. ``therapist``: marker -> how many therapist utterances (the first ones) carry it;
    ``client`` the same for client codes; ``episodes``: (n-th client utterance, repaired); ``risk``:
    n-th client utterances with risk talk. Then the metrics stage, without the alliance index."""
    therapist, client = therapist or {}, client or {}
    built_turns, utts, t_seen, c_seen = [], [], 0, []
    for t in range(2 * turns):
        role = THERAPIST if t % 2 == 0 else CLIENT
        label = therapist_label if role == THERAPIST else client_label
        built_turns.append(Turn(index=t, speaker=label, text="words here", role=role))
        for _ in range(per_turn if role == THERAPIST else 1):
            if role == THERAPIST:
                marks = tuple(MarkerScore(m, 0.5, t_seen < therapist.get(m, 0)) for m in MARKER_NAMES)
                t_seen += 1
            else:
                marks = tuple(MarkerScore(m, 0.5, len(c_seen) < client.get(m, 0)) for m in CLIENT_CODES)
                c_seen.append(len(utts))
            utts.append(Utterance(index=len(utts), turn_index=t, speaker=label, role=role, text="words here", markers=marks))
    session = Session(
        meta=SessionMeta(session_id=session_id, date=date), turns=tuple(built_turns),
        speakers=(Speaker(therapist_label, THERAPIST), Speaker(client_label, CLIENT)), utterances=tuple(utts),
        episodes=tuple(RuptureEpisode(kind="withdrawal", client_utterances=(c_seen[i],), probability=0.9, repaired=r)
                       for i, r in episodes),
        risk=tuple(RiskMoment(client_utterance=c_seen[i], probability=0.9) for i in risk))
    return MetricsStage(with_index=False)(session)


def width(e: Estimate) -> float:
    return e.high - e.low


def test_progress_interval_narrows_as_the_session_grows():
    """The same 10 % rate: the more turns it rests on, the narrower its interval; each holds its value."""
    small, large = (session_estimates(coded(n, therapist={"empathy": n // 10}))["empathy"] for n in (40, 400))
    assert small.value == large.value == 10.0
    assert small.low < 10 < small.high and large.low < 10 < large.high
    assert width(large) < width(small) / 2  # about 1/sqrt(10) as wide
    # and a rarer marker in the same session has a narrower interval on the rate scale than a common one
    e = session_estimates(coded(200, therapist={"empathy": 4, "open_question": 100}))
    assert width(e["empathy"]) < width(e["open_question"])


def test_progress_turns_not_utterances_are_resampled():
    """Three utterances per turn that share their codes are one piece of evidence, not three: the interval
    is as wide as for a third as many one-utterance turns, and wider than if the pieces were independent."""
    clustered = session_estimates(coded(60, per_turn=3, therapist={"empathy": 30}))["empathy"]  # 10 turns
    single = session_estimates(coded(60, per_turn=1, therapist={"empathy": 10}))["empathy"]
    spread = session_estimates(coded(180, per_turn=1, therapist={"empathy": 30}))["empathy"]
    assert clustered.value == single.value == spread.value == pytest.approx(100 / 6)
    assert width(clustered) == pytest.approx(width(single), rel=0.2)
    assert width(clustered) > 1.4 * width(spread)


def test_progress_intervals_are_reproducible_and_rebuild_the_stored_values():
    s = coded(80, therapist={"empathy": 9, "open_question": 12, "closed_question": 7, "simple_reflection": 10,
                             "complex_reflection": 6, "confront": 2},
              client={"change_talk": 20, "sustain_talk": 8}, episodes=((3, True), (10, False), (20, None)), risk=(5,))
    first, again = session_estimates(s), session_estimates(s)
    assert first == again
    m = s.metrics
    stored = {x.marker: x.per_100 for x in m.markers} | {b.name: b.value for b in m.benchmarks} | {
        "ruptures": m.client.ruptures, "ruptures_repaired_share": m.client.repaired_share,
        "change_to_sustain": m.client.change_to_sustain, "risk_statements": m.client.risk_statements}
    for key, value in stored.items():
        assert first[key].value == pytest.approx(value, abs=0.006), key
        assert first[key].low <= value <= first[key].high, key
    assert first["ruptures_repaired_share"].value == 0.5 and first["ruptures"].value == 3


def test_progress_a_zero_count_still_has_an_upper_bound():
    """No empathy in 50 utterances is not proof the trainee can't show it: the interval reaches what
    3.7 events (the exact 95 % bound for a Poisson count of 0) would give."""
    e = session_estimates(coded(50, therapist={"open_question": 5}, client={"change_talk": 3}))
    assert (e["empathy"].low, e["empathy"].value) == (0.0, 0.0)
    assert e["empathy"].high == pytest.approx(100 * ZERO_EVENTS / (50 + ZERO_EVENTS))
    assert e["ruptures"].high == pytest.approx(ZERO_EVENTS) and e["risk_statements"].high == pytest.approx(ZERO_EVENTS)
    # every question open: the share's lower end comes down from 100 too
    assert e["percent_open_questions"].value == 100.0 and e["percent_open_questions"].low < 60
    # one sustain-talk utterance: many draws have none, so change per sustain talk has no upper end
    assert e.get("change_to_sustain") is None  # no sustain talk at all: the ratio is undefined
    one = session_estimates(coded(50, client={"change_talk": 3, "sustain_talk": 1}))["change_to_sustain"]
    assert one.value == 3.0 and math.isinf(one.high)


def test_progress_identical_sessions_show_no_clear_change():
    s = coded(100, therapist={"empathy": 10, "confront": 5, "open_question": 20, "closed_question": 10,
                              "simple_reflection": 10, "complex_reflection": 10}, client={"change_talk": 20, "sustain_talk": 5})
    rows = series([s, dataclasses.replace(s, meta=dataclasses.replace(s.meta, session_id="again"))])
    assert rows and {r.verdict for r in rows} == {"no clear change"}
    # nor two sessions whose rates differ by less than their intervals
    near = coded(100, therapist={"empathy": 13, "confront": 3})
    by = {r.key: r for r in series([s, near])}
    assert by["empathy"].change == pytest.approx(3.0) and by["empathy"].verdict == "no clear change"


def test_progress_very_different_sessions_are_better_or_worse():
    early = coded(150, therapist={"empathy": 3, "confront": 40, "self_disclosure": 2, "open_question": 10,
                                  "closed_question": 40})
    late = coded(150, therapist={"empathy": 45, "confront": 2, "self_disclosure": 40, "open_question": 40,
                                 "closed_question": 10})
    rows = {r.key: r for r in series([early, late])}
    assert rows["empathy"].verdict == "better"  # up, and up supports the alliance
    assert rows["confront"].verdict == "better"  # down, and down is better
    assert rows["self_disclosure"].verdict == "higher"  # no direction: says which way, not whether it is good
    assert rows["percent_open_questions"].verdict == "better"
    backwards = {r.key: r for r in series([late, early])}
    assert backwards["empathy"].verdict == "worse" and backwards["confront"].verdict == "worse"
    assert backwards["self_disclosure"].verdict == "lower"
    assert re.fullmatch(r"2\.0 \(0\.0–4\.\d\)", rows["empathy"].cell(0)), rows["empathy"].cell(0)


def test_progress_values_without_an_interval_are_not_judged():
    s = coded(100, therapist={"empathy": 10})
    with_index = [dataclasses.replace(s, metrics=dataclasses.replace(s.metrics, alliance=AllianceIndex(value=v)))
                  for v in (40.0, 90.0)]
    rows = {r.key: r for r in series(with_index)}
    index = rows["alliance_index"]
    assert index.intervals == (None, None) and index.verdict == "no interval" and "reference sessions" in index.no_interval
    assert index.cell(0) == "40.0" and index.change == 50.0
    # a stored value the utterances do not give back (another version wrote it) gets no interval either
    odd = dataclasses.replace(s, metrics=dataclasses.replace(
        s.metrics, markers=tuple(dataclasses.replace(m, per_100=25.0) if m.marker == "empathy" else m for m in s.metrics.markers)))
    empathy = {r.key: r for r in series([s, odd])}["empathy"]
    assert empathy.intervals[1] is None and empathy.verdict == "no interval" and "could not be rebuilt" in empathy.no_interval
    assert empathy.cell(1) == "25.0"


@pytest.mark.parametrize("label, named", [
    ("Anna", True), ("Dr. Maria Lopez", True), ("anna k", True), ("SPEAKER_00", False), ("Speaker 2", False),
    ("Client", False), ("Client 2", False), ("Patient", False), ("C", False), ("B", False), ("[CLIENT_NAME]", False),
    ("[CLIENT_NAME_2]", False), ("S1", False), ("Unknown", False), ("Partner A", False)])
def test_progress_client_labels_that_are_names(label, named):
    assert is_name(label) is named


def test_progress_sessions_with_another_client_are_marked():
    anna, ben, unnamed = (coded(20, client_label=c) for c in ("Anna", "Ben", "SPEAKER_01"))
    assert client_names(anna) == frozenset({"anna"})
    assert client_names(coded(20, client_label=" ANNA ")) == client_names(anna)
    assert client_names(unnamed) is None
    redacted = dataclasses.replace(anna, meta=dataclasses.replace(anna.meta, redacted=True))
    assert client_names(redacted) is None

    class Entry:  # what client_caveats reads of a SessionEntry
        def __init__(self, session):
            self.session = session

    items = [Entry(s) for s in (unnamed, anna, ben, anna, unnamed)]
    assert other_clients(items) == [2]  # against S2, the first session naming its client
    [other, unknown] = client_caveats(items)
    assert other.startswith("S3 is with a different client than S2") and "Anna" not in other and "Ben" not in other
    assert unknown.startswith("S1, S5 do not name the client")
    assert client_caveats([Entry(unnamed), Entry(unnamed)]) == []  # nothing to compare: the page's general caveat
    assert client_caveats([Entry(anna), Entry(anna)]) == []


def _folders(tmp_path: Path, *sessions: Session) -> list[Path]:
    out = []
    for i, s in enumerate(sessions):
        folder = tmp_path / f"s{i}"
        write_outputs(dataclasses.replace(s, meta=dataclasses.replace(s.meta, session_id=f"s{i}",
                                                                      date=f"2026-02-0{i + 1}")), folder, ["json"])
        out.append(folder)
    return out


def test_progress_page_shows_intervals_verdicts_and_the_other_client(tmp_path):
    base = dict(therapist={"empathy": 10, "confront": 5, "open_question": 20, "closed_question": 10},
                client={"change_talk": 12, "sustain_talk": 4})
    same = coded(100, client_label="Anna", **base)
    other = coded(100, client_label="Ben O'Hara", **base)
    page = write_progress(_folders(tmp_path, same, other, same), tmp_path / "progress.html", "Trainee <A>")
    html = page.read_text(encoding="utf-8")
    assert "Trainee &lt;A&gt;" in html and "Ben" not in html and "Anna" not in html  # the labels are not printed
    assert re.search(r'<td class="n">10\.0<br><small class="ci">\(\d+\.\d–\d+\.\d\)</small></td>', html)  # empathy per 100 with its interval
    assert re.search(r'<td class="n">3\.00<br><small class="ci">\(\d\.\d\d–\d+\.\d\d\)</small></td>', html)  # change per sustain talk
    assert "no clear change" in html and "▲" not in html and "▼" not in html
    header = html[html.index("<thead>"):html.index("</thead>")]
    cells = re.findall(r"<th scope=\"col\" class=\"n\">(.*?)</th>", header)
    assert ["other client" in c for c in cells] == [False, True, False, False]  # S2, not the change column
    assert "S2 is with a different client than S1" in html
    assert html.count('class="interval"') == 3 * len(series([same]))  # a whisker per session and measure
    assert "95 % interval" in html and "resamples of its own turns" in html


def test_progress_page_marks_a_clear_change(tmp_path):
    early = coded(150, therapist={"empathy": 3, "confront": 40})
    late = coded(150, therapist={"empathy": 45, "confront": 2})
    html = write_progress(_folders(tmp_path, early, late), tmp_path / "p.html").read_text(encoding="utf-8")
    assert re.search(r'class="n change better">▲ better <small>\(\+28\.0\)</small>', html)
    assert "other client" not in html  # the labels ("Client") do not name anyone: nothing to mark


def test_progress_line_chart_without_intervals_is_unchanged():
    plain = charts.line_chart(["S1", "S2"], [1.0, 2.0], "t")
    assert charts.line_chart(["S1", "S2"], [1.0, 2.0], "t", intervals=None) == plain
    assert 'class="interval"' not in plain
    drawn = charts.line_chart(["S1", "S2"], [1.0, 2.0], "t", intervals=[(0.5, 1.5), (1.0, float("inf"))])
    assert drawn.count('class="interval"') == 2 and "to infinity" in drawn
