"""Inline SVG charts for the reports. Every chart is readable without colour (shapes, patterns
and text labels), carries a title and a description for screen readers, and needs no script:
the page's script only adds tooltips and filtering on top."""

from __future__ import annotations

from typing import Sequence

from markupsafe import Markup, escape

from ..model import CLIENT, THERAPIST, Session
from .view import TIMELINE_MARKERS, Axis, clock, flagged

SHAPES = {  # marker -> (css class, short label, shape)
    "rigid_interpretation": ("mk-rigid", "Rigid interp.", "triangle"),
    "inappropriate_self_disclosure": ("mk-isd", "Inappr. discl.", "square"),
    "self_disclosure": ("mk-sd", "Self-disclosure", "hollow-square"),
    "empathy": ("mk-emp", "Empathy", "circle"),
    "positive_regard": ("mk-pr", "Pos. regard", "diamond"),
    # client codes (codebook section 8): their own rows, marked on the client's utterances
    "risk_talk": ("mk-risk", "C: risk talk", "triangle"),
    "rupture_withdrawal": ("mk-rupt", "C: withdrawal", "square"),
    "rupture_confrontation": ("mk-rupt", "C: confront.", "triangle"),
    "change_talk": ("mk-ct", "C: change talk", "circle"),
    "sustain_talk": ("mk-st", "C: sustain talk", "hollow-square"),
    # MI behaviours (their own timeline, collapsed under the alliance one): one neutral colour,
    # told apart by their row labels
    "open_question": ("mk-mi", "Open question", "circle"),
    "closed_question": ("mk-mi", "Closed question", "circle"),
    "simple_reflection": ("mk-mi", "Simple refl.", "diamond"),
    "complex_reflection": ("mk-mi", "Complex refl.", "diamond"),
    "giving_information": ("mk-mi", "Information", "square"),
    "advice_with_permission": ("mk-mi", "Advice, asked", "square"),
    "advice_without_permission": ("mk-mi", "Advice, unasked", "triangle"),
    "confront": ("mk-mi", "Confront", "triangle"),
}
MI_TIMELINE_MARKERS = ("open_question", "closed_question", "simple_reflection", "complex_reflection",
                       "giving_information", "advice_with_permission", "advice_without_permission", "confront")
LEFT, WIDTH, ROW = 110.0, 1000.0, 16.0
HATCH = ' fill="url(#hatch)"'
# Shared definitions: the page includes them once (DEFS), charts refer to url(#hatch).
DEFS = Markup(
    '<svg class="defs" width="0" height="0" aria-hidden="true" focusable="false"><defs><pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
    '<rect width="6" height="6" class="hatch-bg"/><line x1="0" y1="0" x2="0" y2="6" class="hatch-line"/></pattern></defs></svg>')


def shape(kind: str, x: float, y: float, r: float = 5.0) -> str:
    if kind == "triangle":
        return f'<path d="M{x:.1f},{y - r:.1f} L{x + r:.1f},{y + r:.1f} L{x - r:.1f},{y + r:.1f} Z"/>'
    if kind in ("square", "hollow-square"):
        return f'<rect x="{x - r + 1:.1f}" y="{y - r + 1:.1f}" width="{2 * r - 2:.1f}" height="{2 * r - 2:.1f}"/>'
    if kind == "diamond":
        return f'<path d="M{x:.1f},{y - r:.1f} L{x + r:.1f},{y:.1f} L{x:.1f},{y + r:.1f} L{x - r:.1f},{y:.1f} Z"/>'
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r - 1:.1f}"/>'


def legend_shape(name: str) -> Markup:
    css, _, kind = SHAPES[name]
    return Markup(f'<svg class="legend-shape {css}" width="14" height="14" viewBox="0 0 14 14" aria-hidden="true">'
                  f'{shape(kind, 7, 7, 6)}</svg>')


def timeline(session: Session, ax: Axis, markers: Sequence[str] = TIMELINE_MARKERS, ident: str = "tl",
             title: str = "Session timeline") -> Markup:
    """Marker rows above a therapist lane and a client lane; long silences hatched, overlaps
    dark; every mark links to its utterance in the transcript."""
    coded = {m.marker for u in session.utterances for m in u.markers}
    rows = [m for m in markers if m in coded]
    lanes_y = 8 + ROW * len(rows) + 6
    height = lanes_y + 2 * 26 + 34
    x = lambda v: LEFT + (WIDTH - LEFT - 12) * (v / ax.length)  # noqa: E731
    parts: list[str] = []
    for i, name in enumerate(rows):
        css, label, kind = SHAPES[name]
        y = 8 + ROW * i + ROW / 2
        parts.append(f'<text x="{LEFT - 8}" y="{y + 4:.1f}" class="lane-label" text-anchor="end">{label}</text>')
        parts.append(f'<line x1="{LEFT}" x2="{WIDTH - 12}" y1="{y:.1f}" y2="{y:.1f}" class="row-rule"/>')
        for u in session.utterances:
            if flagged(u, name):
                tip = escape(f"{ax.label(ax.utterance_pos[u.index])} {u.speaker}: {u.text}")
                start = f' data-start="{ax.utterance_pos[u.index]:.2f}"' if ax.timed else ""
                parts.append(f'<a href="#u-{u.index}" class="mark {css}" data-u="{u.index}"{start} aria-label="{escape(label)} at '
                             f'{escape(ax.label(ax.utterance_pos[u.index]))}"><title>{tip}</title>'
                             f'{shape(kind, x(ax.utterance_pos[u.index]), y)}</a>')
    for lane, role in enumerate((THERAPIST, CLIENT)):
        y = lanes_y + lane * 26
        parts.append(f'<text x="{LEFT - 8}" y="{y + 15}" class="lane-label" text-anchor="end">{role.capitalize()}</text>')
        parts.append(f'<rect x="{LEFT}" y="{y}" width="{WIDTH - 12 - LEFT}" height="20" class="lane-bg"/>')
        for t in session.turns:
            if t.role != role:
                continue
            a, b = ax.turn_span[t.index]
            tip = escape(f"{ax.label(a)} {t.speaker}: {t.text[:200]}{'…' if len(t.text) > 200 else ''}")
            parts.append(f'<a href="#t-{t.index}" class="turn-link" tabindex="-1"><rect x="{x(a):.2f}" y="{y + 2}" '
                         f'width="{max(x(b) - x(a), 0.8):.2f}" height="16" class="turn {role}"><title>{tip}</title></rect></a>')
    parts += _silences_and_overlaps(session, ax, x, lanes_y) if ax.timed else []
    parts += _ticks(ax, x, lanes_y + 52)
    desc = (f"Session timeline over {ax.label(ax.length)}: therapist and client turns, and "
            f"{sum(flagged(u, n) for u in session.utterances for n in rows)} marked utterances in rows by marker.")
    return Markup(f'<svg class="timeline {ident}" viewBox="0 0 {WIDTH:.0f} {height:.0f}" role="group" '
                  f'aria-labelledby="{ident}-title {ident}-desc"><title id="{ident}-title">{escape(title)}</title>'
                  f'<desc id="{ident}-desc">{escape(desc)}</desc>'
                  + "".join(str(p) for p in parts) + "</svg>")


def _silences_and_overlaps(session: Session, ax: Axis, x, lanes_y: float) -> list[str]:
    out = []
    turns = sorted(session.turns, key=lambda t: t.start)
    end = None
    for t in turns:
        if end is not None and t.start - end >= 3.0:
            out.append(f'<rect x="{x(end):.2f}" y="{lanes_y - 2}" width="{x(t.start) - x(end):.2f}" height="48" '
                       f'class="silence" fill="url(#hatch)"><title>{t.start - end:.1f} s silence at {clock(end)}</title></rect>')
        elif end is not None and t.start < end - 0.05:
            out.append(f'<rect x="{x(t.start):.2f}" y="{lanes_y + 20}" width="{max(x(min(end, t.end)) - x(t.start), 1):.2f}" '
                       f'height="6" class="overlap"><title>overlapped speech at {clock(t.start)} '
                       f'({min(end, t.end) - t.start:.1f} s)</title></rect>')
        end = t.end if end is None else max(end, t.end)
    return out


def _ticks(ax: Axis, x, y: float) -> list[str]:
    steps = (10, 30, 60, 120, 300, 600, 900, 1800) if ax.timed else (50, 100, 200, 500, 1000, 2000, 5000, 10000)
    step = next((s for s in steps if ax.length / s <= 10), steps[-1])
    out = [f'<line x1="{LEFT}" x2="{WIDTH - 12}" y1="{y}" y2="{y}" class="axis"/>']
    v = 0.0
    while v <= ax.length + 1e-9:
        out.append(f'<line x1="{x(v):.1f}" x2="{x(v):.1f}" y1="{y}" y2="{y + 4}" class="axis"/>'
                   f'<text x="{x(v):.1f}" y="{y + 16}" class="tick" text-anchor="middle">{escape(ax.label(v))}</text>')
        v += step
    return out


def bars(rows: Sequence[tuple[str, float, str]], title: str, unit: str = "%", width: float = 460) -> Markup:
    """Horizontal bars: (label, value 0-1 for %, or a raw value, css class)."""
    top = max([v for _, v, _ in rows] + [1e-9]) if unit != "%" else 1.0
    h = 26 * len(rows) + 8
    parts = []
    for i, (label, value, css) in enumerate(rows):
        y = 4 + 26 * i
        w = (width - 190) * (value / top)
        text = f"{value:.0%}" if unit == "%" else f"{value:.1f}{unit}"
        parts.append(f'<text x="130" y="{y + 15}" class="bar-label" text-anchor="end">{escape(label)}</text>'
                     f'<rect x="136" y="{y + 2}" width="{max(w, 1):.1f}" height="16" class="bar {css}"'
                     f'{HATCH if css == CLIENT else ""}/>'
                     f'<text x="{140 + w:.1f}" y="{y + 15}" class="bar-value">{text}</text>')
    desc = "; ".join(f"{label} {value:.0%}" if unit == "%" else f"{label} {value:.1f}{unit}" for label, value, _ in rows)
    return Markup(f'<svg class="chart" viewBox="0 0 {width:.0f} {h}" role="img" aria-label="{escape(title)}: {escape(desc)}">'
                  + "".join(parts) + "</svg>")


TURN_BINS = ((1, 5), (6, 15), (16, 30), (31, 60), (61, 120), (121, None))


def turn_lengths(session: Session) -> Markup:
    """Histogram of turn lengths in words, therapist solid and client hatched, counts labelled."""
    counts = {r: [0] * len(TURN_BINS) for r in (THERAPIST, CLIENT)}
    for t in session.turns:
        if t.role in counts:
            n = len(t.text.split())
            i = next(i for i, (a, b) in enumerate(TURN_BINS) if b is None or n <= b)
            counts[t.role][i] += 1
    top = max(max(c) for c in counts.values()) or 1
    w, h, base = 460.0, 190.0, 150.0
    group = (w - 40) / len(TURN_BINS)
    parts: list[str] = []
    for i, (a, b) in enumerate(TURN_BINS):
        gx = 30 + i * group
        for j, role in enumerate((THERAPIST, CLIENT)):
            n = counts[role][i]
            bh = 120 * n / top
            bx = gx + 6 + j * (group - 12) / 2
            css = "bar therapist" if role == THERAPIST else "bar client"
            fill = HATCH if role == CLIENT else ""
            parts.append(f'<rect x="{bx:.1f}" y="{base - bh:.1f}" width="{(group - 14) / 2:.1f}" height="{max(bh, 0.5):.1f}" '
                         f'class="{css}"{fill}><title>{role}: {n} turns of {a}{"-" + str(b) if b else "+"} words</title></rect>'
                         f'<text x="{bx + (group - 14) / 4:.1f}" y="{base - bh - 3:.1f}" class="bar-value" text-anchor="middle">{n}</text>')
        parts.append(f'<text x="{gx + group / 2:.1f}" y="{base + 16}" class="tick" text-anchor="middle">'
                     f'{a}{"–" + str(b) if b else "+"}</text>')
    parts.append(f'<line x1="30" x2="{w - 10}" y1="{base}" y2="{base}" class="axis"/>'
                 f'<text x="{w / 2}" y="{base + 34}" class="tick" text-anchor="middle">words per turn</text>')
    desc = "; ".join(f"{role}: " + ", ".join(f"{c} turns of {a}{'-' + str(b) if b else '+'} words"
                                             for (a, b), c in zip(TURN_BINS, counts[role])) for role in counts)
    return Markup(f'<svg class="chart" viewBox="0 0 {w:.0f} {h:.0f}" role="img" aria-label="Turn lengths. {escape(desc)}">'
                  + "".join(str(p) for p in parts) + "</svg>")


def contributions(components: Sequence[tuple[str, float]]) -> Markup:
    """Diverging bars: what raises (right) and lowers (left) the alliance index."""
    top = max([abs(c) for _, c in components] + [1e-9])
    h = 22 * len(components) + 8
    mid = 390.0
    parts = [f'<line x1="{mid}" x2="{mid}" y1="0" y2="{h}" class="axis"/>']
    for i, (name, c) in enumerate(components):
        y = 4 + 22 * i
        w = 120 * abs(c) / top
        x0 = mid if c >= 0 else mid - w
        css = "bar up" if c >= 0 else "bar down"
        sign = "raises" if c >= 0 else "lowers"
        parts.append(f'<text x="{mid - 130}" y="{y + 13}" class="bar-label" text-anchor="end">{escape(name)}</text>'
                     f'<rect x="{x0:.1f}" y="{y + 2}" width="{max(w, 1):.1f}" height="14" class="{css}"><title>'
                     f'{escape(name)} {sign} the index by {abs(c):.1f}</title></rect>'
                     f'<text x="{mid + 128}" y="{y + 13}" class="bar-value">{c:+.1f}</text>')
    desc = "; ".join(f"{n} {c:+.1f}" for n, c in components)
    return Markup(f'<svg class="chart wide" viewBox="0 0 580 {h}" role="img" aria-label="Alliance index terms: {escape(desc)}">'
                  + "".join(parts) + "</svg>")


def line_chart(labels: Sequence[str], values: Sequence[float | None], title: str, unit: str = "",
               intervals: Sequence[tuple[float, float] | None] | None = None) -> Markup:
    """A small line chart over sessions, each point labelled with its value (progress page). With
    ``intervals`` (low, high per session, None where there is none), each point gets a whisker; an
    infinite high end runs to the top of the plot without a cap."""
    w, h, left, base = 300.0, 130.0, 36.0, 95.0
    spans = list(intervals) if intervals is not None else [None] * len(values)
    known = [v for v in values if v is not None]
    top = max(known + [s[1] for s in spans if s and s[1] != float("inf")] + [1e-9])
    step = (w - left - 36) / max(len(values) - 1, 1)
    digits = 0 if max(known + [1e-9]) >= 10 else 1
    y = lambda v: base - 75 * min(v, top) / top  # noqa: E731
    pts = [(left + i * step, y(v), v, spans[i]) for i, v in enumerate(values) if v is not None]
    parts = [f'<line x1="{left}" x2="{w - 10}" y1="{base}" y2="{base}" class="axis"/>']
    if len(pts) > 1:
        parts.append('<polyline class="trend" points="' + " ".join(f"{px:.1f},{py:.1f}" for px, py, _, _ in pts) + '"/>')
    for px, py, v, span in pts:
        label_y = py
        if span is not None:
            lo, hi = y(span[0]), y(span[1])
            caps = [lo] + ([hi] if span[1] != float("inf") else [])
            parts.append(f'<path class="interval" d="M{px:.1f},{lo:.1f} V{hi:.1f}'
                         + "".join(f" M{px - 4:.1f},{c:.1f} H{px + 4:.1f}" for c in caps) + '"/>')
            label_y = min(py, hi)
        parts.append(f'<circle cx="{px:.1f}" cy="{py:.1f}" r="3.5" class="point"/>'
                     f'<text x="{px:.1f}" y="{label_y - 7:.1f}" class="bar-value" text-anchor="middle">{v:.{digits}f}{unit}</text>')
    for i, label in enumerate(labels):
        parts.append(f'<text x="{left + i * step:.1f}" y="{base + 16}" class="tick" text-anchor="middle">{escape(label[:10])}</text>')
    desc = "; ".join(f"{label}: {'n/a' if v is None else f'{v:.1f}'}{_span_text(s) if v is not None else ''}"
                     for label, v, s in zip(labels, values, spans))
    return Markup(f'<svg class="chart small" viewBox="0 0 {w:.0f} {h:.0f}" role="img" aria-label="{escape(title)}: {escape(desc)}">'
                  + "".join(parts) + "</svg>")


def _span_text(span: tuple[float, float] | None) -> str:
    if span is None:
        return ""
    hi = "infinity" if span[1] == float("inf") else f"{span[1]:.1f}"
    return f" (95% interval {span[0]:.1f} to {hi})"
