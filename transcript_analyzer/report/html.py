"""The per-session HTML report: one self-contained file (inline CSS, script and SVG; no network
request of any kind), readable without colour or script, keyboard-navigable, printable."""

from __future__ import annotations

import base64
import functools
import datetime
import json
import os
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup, escape

from .. import __version__
from ..escape import relative_url
from ..markers.validity import MIN_PRECISION
from ..model import CLIENT, SCHEMA_VERSION, Session
from . import charts
from .view import (TIMELINE_MARKERS, TOP_MOMENTS, Axis, axis, clock, coded_markers, definition, evidence_spans,
                   experimental_markers, flagged_moments, has_client_codes, interval_text, marker_rows, score, score_intervals,
                   summary_order)

TEMPLATES = Path(__file__).parent / "templates"
METRIC_NAMES = {"reflection_to_question": "Reflection-to-question ratio (R:Q)",
                "percent_complex_reflections": "% complex reflections (%CR)",
                "percent_open_questions": "% open questions (%OQ)"}


@dataclass(frozen=True)
class AudioSource:
    """Where the report's player gets the recording: a relative link or embedded data."""

    src: str | None
    note: str


@functools.cache
def environment():
    """The templates, compiled once per process (a batch worker renders thousands of reports;
    compiling costs ~35 ms a time). Static files are read once too."""
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["clock"] = clock
    env.filters["pct"] = lambda v: "n/a" if v is None else f"{v:.0%}"
    env.filters["num"] = lambda v, d=1: "n/a" if v is None else f"{v:.{d}f}"
    env.globals["inline"] = functools.cache(lambda name: Markup((TEMPLATES / name).read_text(encoding="utf-8")))
    return env


def audio_source(session: Session, out_dir: Path | None, embed: bool) -> AudioSource | None:
    """The player's source for a recording (None for a transcript)."""
    meta = session.meta
    if meta.source_format != "audio":
        return None
    if meta.redacted:
        return AudioSource(None, "The recording is not linked: this report is redacted and voices identify people.")
    path = Path(meta.source_file) if meta.source_file else None
    if path is None or not path.is_file():
        return AudioSource(None, f"The recording ({meta.source_file or 'unknown file'}) was not found when the report "
                                 "was written, so the report has no player.")
    if embed:
        from ..audio.encode import speech_opus

        data = base64.b64encode(speech_opus(path)).decode("ascii")
        return AudioSource(f"data:audio/ogg;base64,{data}", "The recording is embedded (mono Opus, 24 kbit/s).")
    rel = Path(os.path.relpath(path.resolve(), (out_dir or Path.cwd()).resolve())).as_posix()
    return AudioSource(relative_url(path, out_dir or Path.cwd()), f"The player links the recording at {rel} (relative "
                                                                  "to this report): keep them together, or rerun with "
                                                                  "--embed-audio.")


def utterance_html(text: str, evidence: tuple[str, ...] = ()) -> Markup:
    return Markup("").join(Markup("<mark>{}</mark>").format(p) if hit else escape(p)
                           for p, hit in evidence_spans(text, evidence))


def session_html(session: Session, out_dir: Path | None = None, embed_audio: bool = False) -> str:
    """The report as an HTML string."""
    from ..markers.calibration import decisions_line
    from ..markers.custom import GROUP as CUSTOM, summary as custom_summary
    from ..markers.validity import client_validity, validity_table

    ax: Axis = axis(session)
    metrics = session.metrics
    coded = coded_markers(session)
    client_coded = {m.marker for u in session.utterances if u.role == CLIENT for m in u.markers} & set(charts.SHAPES)
    validity = {m.name: lines for m, lines in validity_table() if m in coded}
    validity.update({d.name: [custom_summary(d.name)] for d in coded if d.group == CUSTOM})
    index_terms = [(c.name.replace("_", " "), c.contribution) for c in metrics.alliance.components] \
        if metrics and metrics.alliance else []
    from ..review.file import FORMAT, VERSION, content_sha256

    moments = flagged_moments(session)
    order = summary_order(moments)
    context = dict(
        review=dict(format=FORMAT, version=VERSION, sha256=content_sha256(session), data=review_data(session)),
        rank={pos: i for i, pos in enumerate(order)}, top_total=TOP_MOMENTS,
        top_counts=[sum(1 for pos in order[:TOP_MOMENTS] if pos[0] == g) for g in range(len(moments))], intervals=score_intervals(session),
        interval_text=interval_text, s=session, meta=session.meta, metrics=metrics, q=session.meta.audio_quality,
        unreliable=bool(session.meta.audio_quality and session.meta.audio_quality.verdict == "unreliable"), ax=ax, rows=marker_rows(session), coded=coded,
        moments=moments, experimental=experimental_markers(session), min_precision=MIN_PRECISION,
        validity=validity, client_validity=client_validity() if has_client_codes(session) else [],
        audio=audio_source(session, out_dir, embed_audio),
        timeline=charts.timeline(session, ax),
        mi_timeline=charts.timeline(session, ax, charts.MI_TIMELINE_MARKERS, "tl-mi", "MI behaviours over the session")
        if any(d.name in charts.MI_TIMELINE_MARKERS for d in coded) else None,
        turn_chart=charts.turn_lengths(session),
        talk_chart=_talk_chart(session), index_chart=charts.contributions(index_terms) if index_terms else None,
        legend={**{d.name: charts.legend_shape(d.name) for d in coded if d.name in charts.SHAPES},
                **{n: charts.legend_shape(n) for n in client_coded}},
        timeline_legend=[n for n in TIMELINE_MARKERS if n in {d.name for d in coded} | client_coded],
        shapes=charts.SHAPES, defs=charts.DEFS, turns=_transcript(session), metric_names=METRIC_NAMES,
        utterance_html=utterance_html, score=score, version=__version__, schema=SCHEMA_VERSION,
        generated=datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M"),
        source_name=Path(session.meta.source_file).name if session.meta.source_file else None,
        decisions=decisions_line(session),  # 'Decisions: shipped calibration' / 'site calibration NAME (...)'
    )
    return environment().get_template("session.html.j2").render(**context)


def review_data(session: Session) -> Markup:
    """What report.js needs to write a review file, as JSON for a ``<script type="application/json">``:
    every marker's title, which markers each role's utterances were scored for, and each
    utterance's scores as [marker position, probability, decision]."""
    from ..markers.client import CLIENT_CODES

    titles = {c.name: c.title for c in CLIENT_CODES}
    names = list(dict.fromkeys(m.marker for u in session.utterances for m in u.markers))
    position = {n: i for i, n in enumerate(names)}
    roles: dict[str, list[str]] = {}
    for u in session.utterances:
        for m in u.markers:
            if m.marker not in roles.setdefault(u.role or "", []):
                roles[u.role or ""].append(m.marker)
    data = {"markers": names, "titles": {n: titles.get(n) or definition(n).title for n in names}, "roles": roles,
            "scores": {str(u.index): [[position[m.marker], m.probability, int(m.decision)] for m in u.markers]
                       for u in session.utterances if u.markers}}
    text = json.dumps(data, ensure_ascii=True, separators=(",", ":"), allow_nan=False)
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def _talk_chart(session: Session) -> Markup | None:
    if not session.metrics:
        return None
    rows = []
    for r in session.metrics.roles:
        rows.append((f"{r.role} words", r.word_share, f"{r.role}"))
        if r.second_share is not None:
            rows.append((f"{r.role} talk time", r.second_share, f"{r.role}"))
    return charts.bars(rows, "Share of the session")


@dataclass(frozen=True)
class TranscriptTurn:
    index: int
    speaker: str
    role: str | None
    start: float | None
    utterances: tuple[tuple[int, str, tuple[str, ...]], ...]  # index, text, markers present


def _transcript(session: Session) -> list[TranscriptTurn]:
    by_turn: dict[int, list] = {}
    for u in session.utterances:
        names = tuple(m.marker for m in u.markers if m.decision)
        by_turn.setdefault(u.turn_index, []).append((u.index, u.text, names))
    return [TranscriptTurn(t.index, t.speaker, t.role, t.start, tuple(by_turn.get(t.index, ())))
            for t in session.turns]

