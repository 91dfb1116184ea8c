"""The session summary as Markdown, for supervision notes: the same content, in the same order, as
the printed report (the supervision summary): the header, the marker rates and MI summary scores
with their 95 % intervals, the alliance index and its drivers, the top flagged moments with the
turn before and the client's reaction, and talk and timing. The timeline, the full transcript,
every moment and each marker's validity are in report.html."""

from __future__ import annotations

import re

from ..model import MarkerScore, Session
from .html import METRIC_NAMES
from .view import (TOP_MOMENTS, clock, evidence_spans, experimental_markers, flagged_moments, interval_text,
                   marker_rows, score, score_intervals, summary_order)

CAVEAT = ("Decision support, not a clinical judgement or a risk assessment: every marker is a model's estimate that "
          "agrees with human coders only to the degree listed under *Method and validity* in report.html. Listen to a "
          "moment before concluding.")
REST = ("The timeline, the full transcript, every flagged moment and each marker's agreement with human coders "
        "(*Method and validity*) are in report.html.")
INTERVALS = ("95 % intervals: each value recomputed on 1,000 resamples of the session's turns (as on the progress page); "
             "they leave out the coder's own errors.")


def md(text: str) -> str:
    """Text with Markdown's special characters escaped (transcript text is not Markdown)."""
    return re.sub(r"([\\`*_{}\[\]<>|~])", r"\\\1", text.replace("\n", " "))


def session_markdown(session: Session) -> str:
    from ..markers.calibration import decisions_line

    meta, metrics = session.meta, session.metrics
    out = [f"# Session {md(meta.session_id)}: alliance-marker summary", ""]
    facts = [f"date {meta.date or 'not given'}", f"duration {clock(meta.duration) or 'no times'}",
             f"{len(session.turns)} turns, {len(session.utterances)} utterances",
             "source withheld (redacted)" if meta.redacted else f"source {md(meta.source_file or '?')} ({meta.source_format})"]
    out += ["; ".join(facts) + ("  \n**Redacted:** identifying details are replaced by placeholders." if meta.redacted else ""),
            "", f"> {CAVEAT}", ""]
    out += [f"- **Warning:** {md(w)}" for w in meta.warnings] + ([""] if meta.warnings else [])
    q = meta.audio_quality
    if q and q.verdict != "ok":
        out += [f"**Audio quality: {q.verdict}**" + (" (not reliably analysable: the transcript stands, the roles and "
                                                    "marker results below do not)" if q.verdict == "unreliable" else ""), ""]
        out += [f"- {r.severity}: {md(r.message)}" for r in q.reasons] + [""]
    rows = marker_rows(session)
    intervals = score_intervals(session)  # 95 %, as on the progress page
    if rows:
        unreliable = " (unreliable)" if q and q.verdict == "unreliable" else ""
        out += [f"## Markers{unreliable}", "", "| Marker | Count | Per 100 therapist utterances | Direction | 95 % interval |",
                "|---|---:|---:|---|---:|"]
        out += [f"| {r.marker.title} | {r.count} | {'n/a' if r.per_100 is None else f'{r.per_100:.1f}'} | {r.direction_word} | "
                f"{interval_text(intervals.get(r.marker.name))} |" for r in rows]
        out.append("")
        decisions = decisions_line(session)
        out += [md(decisions), ""] if decisions else []
    if metrics and metrics.benchmarks:
        out += ["## MI summary scores", "", "| Score | Session | 95 % interval | Level | Fair / good |", "|---|---:|---:|---|---|"]
        for b in metrics.benchmarks:
            value = "n/a" if b.value is None else f"{b.value:.2f}"
            span = interval_text(intervals.get(b.name), 2 if b.name == "reflection_to_question" else 1)
            out.append(f"| {METRIC_NAMES.get(b.name, b.name)} | {value} | {span} | {b.level or 'undefined'} | "
                       f"{b.fair:g} / {b.good:g} ({b.source}) |")
        out.append("")
    if intervals:
        out += [INTERVALS, ""]
    if metrics and metrics.alliance:
        a = metrics.alliance
        up = [c for c in a.components if c.contribution > 0][:3]
        down = [c for c in a.components if c.contribution < 0][:3]
        out += ["## Alliance index", "", f"**{a.value:.0f} / 100** (50 = the average of the reference sessions; docs/alliance_index.md; "
                "no interval of its own: it is scored against the reference sessions, its terms' intervals are above)."]
        if up:
            out.append("Raised by: " + ", ".join(f"{c.name.replace('_', ' ')} ({c.contribution:+.1f})" for c in up) + ".")
        if down:
            out.append("Lowered by: " + ", ".join(f"{c.name.replace('_', ' ')} ({c.contribution:+.1f})" for c in down) + ".")
        out.append("")
    out += _moments(session)
    out += _talk(session)
    out += [REST, ""]
    return "\n".join(out)


def _moments(session: Session) -> list[str]:
    """The top moments (view.summary_order: what the printed report shows before any review), by
    section in the report's order, each section's in session order."""
    groups = flagged_moments(session)
    if not groups:
        return []
    top = set(summary_order(groups)[:TOP_MOMENTS])
    trial = experimental_markers(session)
    out = ["## Flagged moments", ""]
    out += [f"The {len(top)} moments a supervision meeting should start with, in the report's order.", ""] if top else []
    for g, (marker, items, complete) in enumerate(groups):
        label = (" — experimental: fewer than half of its flags matched human coders on unseen conversations; "
                 f"not a {'risk' if marker.direction < 0 else 'strength'} until you have listened") if marker.name in trial else ""
        shown = [m for i, m in enumerate(items) if (g, i) in top]
        more = f"; {len(shown)} shown here, all in report.html" if len(shown) < len(items) else ""
        out += [f"### {marker.title} ({len(items)} {'flagged' if complete else 'strongest'}{more}){label}", ""]
        if not items:
            out += ["None flagged.", ""]
        for m in shown:
            when = clock(m.start) if m.start is not None else f"turn {m.turn.index + 1}"
            said = " ".join(_emphasised(u.text, (score(u, m.evidence_code) or _NONE).evidence) if u.index in m.flagged
                            else md(u.text) for u in m.utterances)
            out.append(f"- **{when}** (p = {m.probability:.2f}) {md(m.turn.speaker)} ({m.who.lower()}): {said}")
            if m.context:
                out.append(f"  - before, the {m.context_who.lower()}: \u201c{md(m.context_text)}\u201d")
            if m.response:
                out.append(f"  - the therapist's response: \u201c{md(' '.join(u.text for u in m.response))}\u201d")
            elif m.turn.role == "client":
                out.append("  - no therapist response before the session ends")
            if m.reaction:
                codes = f" ({', '.join(m.reaction_codes)})" if m.reaction_codes else ""
                out.append(f"  - then the client: \u201c{md(m.reaction.text)}\u201d{codes}")
            out += [f"  - {md(r)}" for r in m.reasons]
        out.append("")
    return out


_NONE = MarkerScore("", 0.0, False)


def _emphasised(text: str, evidence: tuple[str, ...]) -> str:
    return "".join(f"**{md(p)}**" if hit else md(p) for p, hit in evidence_spans(text, evidence))


def _talk(session: Session) -> list[str]:
    metrics = session.metrics
    if not metrics:
        return []
    out = ["## Talk", ""]
    for r in metrics.roles:
        time = f", {r.second_share:.0%} of talk time" if r.second_share is not None else ""
        out.append(f"- {r.role.capitalize()}: {r.word_share:.0%} of words{time}; {r.turns} turns, "
                   f"{r.mean_turn_words:.1f} words per turn, {r.questions} questions")
    t = metrics.timing
    if t:
        out.append(f"- Silences of 1 s or more: {t.silences} ({t.silence_seconds:.0f} s, longest {t.longest_silence or 0:.1f} s); "
                   f"overlapped speech {t.overlap_seconds:.1f} s")
        if t.therapist_latency_median is not None:
            out.append(f"- Therapist response latency: median {t.therapist_latency_median:.1f} s; "
                       f"{t.therapist_interruptions} responses began before the client finished")
        out += [f"- {p.seconds:.1f} s silence after the client's turn {p.after_turn + 1}, at {clock(p.start)}"
                for p in t.long_silences_after_client]
    out.append("")
    return out
