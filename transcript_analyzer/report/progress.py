"""One trainee's sessions side by side: each marker's rate, the MI summary scores and the alliance
index over sessions, each with its 95 % interval (bootstrap.py), and whether the last session
differs clearly from the first. Sessions whose speaker labels name another client are marked."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from ..errors import ConfigError, InputError
from ..escape import relative_url
from ..markers.codebook import MARKERS, MarkerDef
from ..model import CLIENT, Session
from ..text.labels import normalise_label, role_from_label
from . import charts
from .bootstrap import RESAMPLES, Estimate, session_estimates
from .html import METRIC_NAMES, environment


@dataclass(frozen=True)
class SessionEntry:
    path: Path  # the session.json
    session: Session
    report: str | None  # the session's report.html, relative to the progress page

    @property
    def label(self) -> str:
        return self.session.meta.date or self.session.meta.session_id


@dataclass(frozen=True)
class Series:
    """One row of the progress table: a value per session with its 95 % interval (None where the
    value has none), the change since the first session and whether it is clear."""

    key: str
    title: str
    values: tuple[float | None, ...]
    direction: int  # +1: higher is better, -1: lower is better, 0: neither
    unit: str = ""
    intervals: tuple[Estimate | None, ...] = ()
    digits: int = 1
    no_interval: str = ""  # why a value has no interval, shown under the table

    @property
    def change(self) -> float | None:
        known = [v for v in self.values if v is not None]
        return known[-1] - known[0] if len(known) > 1 and self.values[0] is not None and self.values[-1] is not None else None

    def interval(self, i: int) -> Estimate | None:
        return self.intervals[i] if self.intervals else None

    @property
    def verdict(self) -> str:
        """Last session against the first: 'better' or 'worse' ('higher' or 'lower' for a measure
        without a direction) only when their 95 % intervals do not overlap; 'no clear change' when
        they do; 'no interval' when either has none; '' without both values."""
        if self.change is None:
            return ""
        first, last = self.interval(0), self.interval(-1)
        if first is None or last is None:
            return "no interval"
        if first.overlaps(last):
            return "no clear change"
        up = self.change > 0
        if self.direction == 0:
            return "higher" if up else "lower"
        return "better" if up == (self.direction > 0) else "worse"

    def cell(self, i: int) -> str:
        """The value of session ``i`` as shown: '4.2 (2.1–6.8)', the interval in brackets."""
        value, interval = self.parts(i)
        return f"{value} {interval}" if interval else value

    def parts(self, i: int) -> tuple[str, str]:
        """The value of session ``i`` and its interval in brackets ('' when it has none), apart: the
        page prints the interval under the value so that a table of many sessions stays narrow."""
        v = self.values[i]
        if v is None:
            return "n/a", ""
        found = self.interval(i)
        if found is None:
            return _fmt(v, self.digits), ""
        return _fmt(v, self.digits), f"({_fmt(found.low, self.digits)}–{_fmt(found.high, self.digits)})"


def _fmt(v: float, digits: int) -> str:
    return "∞" if v == float("inf") else f"{v:.{digits}f}"


def load_session(path: str | Path) -> tuple[Path, Session]:
    """A session.json, or a folder holding one (an `analyze --out` folder)."""
    path = Path(path)
    file = path / "session.json" if path.is_dir() else path
    if not file.is_file():
        raise InputError(path, "no session.json here: pass the folders written by `transcript-analyzer analyze --out`")
    try:
        return file, Session.from_dict(json.loads(file.read_text(encoding="utf-8")))
    except (ValueError, UnicodeDecodeError) as e:
        raise InputError(file, f"not a readable session file ({e})") from e


def entries(paths: Sequence[str | Path], out_file: Path) -> list[SessionEntry]:
    """The sessions in date order when every one has a date, else in the order given."""
    if not paths:
        raise ConfigError("give at least one session folder")
    found = []
    for p in paths:
        file, session = load_session(p)
        report = file.parent / "report.html"
        found.append(SessionEntry(file, session, relative_url(report, out_file.parent) if report.is_file() else None))
    if all(e.session.meta.date for e in found):
        found.sort(key=lambda e: e.session.meta.date)
    return found


DIGITS = {"reflection_to_question": 2, "change_to_sustain": 2, "ruptures_repaired_share": 2,
          "ruptures": 0, "risk_statements": 0}
NO_INTERVAL = {"alliance_index": "the index is scored against the reference sessions of the shipped index model "
                                 "(docs/alliance_index.md); this page does not rebuild it, so it shows no interval and "
                                 "no verdict. The rows it is built from (empathy, positive regard, reflections, "
                                 "questions, advice without permission, confront, ...) have theirs."}
NOT_REBUILT = ("the stored value could not be rebuilt from the utterances' decisions (a file written by another "
               "version?), so it has no interval")


def series(sessions: Sequence[Session]) -> list[Series]:
    estimates = [session_estimates(s) for s in sessions]
    rows = []

    def add(key: str, title: str, values: tuple[float | None, ...], direction: int) -> None:
        if not any(v is not None for v in values):
            return
        found = tuple(_checked(e.get(key), v) for e, v in zip(estimates, values))
        missing = any(v is not None and f is None for v, f in zip(values, found))
        rows.append(Series(key, title, values, direction, intervals=found, digits=DIGITS.get(key, 1),
                           no_interval=NO_INTERVAL.get(key, NOT_REBUILT) if missing else ""))

    index = [s.metrics.alliance.value if s.metrics and s.metrics.alliance else None for s in sessions]
    add("alliance_index", "Alliance index (0-100)", tuple(index), +1)
    for name, title in METRIC_NAMES.items():
        values = tuple(next((b.value for b in (s.metrics.benchmarks if s.metrics else ()) if b.name == name), None)
                       for s in sessions)
        add(name, title, values, +1)
    for d in MARKERS:
        add(d.name, f"{d.title} per 100", tuple(_rate(s, d) for s in sessions), d.direction)
    client = [s.metrics.client if s.metrics else None for s in sessions]
    for key, title, get, direction in (
            ("ruptures", "Client ruptures (withdrawal or confrontation)", lambda c: c.ruptures, 0),
            ("ruptures_repaired_share", "Share of ruptures repaired", lambda c: c.repaired_share, +1),
            ("change_to_sustain", "Client change talk per sustain talk", lambda c: c.change_to_sustain, +1),
            ("risk_statements", "Client risk talk (read each one; not a score)", lambda c: c.risk_statements, 0)):
        add(key, title, tuple(get(c) if c else None for c in client), direction)
    return rows


def _checked(found: Estimate | None, stored: float | None) -> Estimate | None:
    """The rebuilt estimate when it agrees with the stored value (which is rounded), else None."""
    if found is None or stored is None or abs(found.value - stored) > 0.006 + 1e-6 * abs(stored):
        return None
    return found


def _rate(session: Session, marker: MarkerDef) -> float | None:
    found = next((m for m in (session.metrics.markers if session.metrics else ()) if m.marker == marker.name), None)
    return found.per_100 if found else None


def caveats(items: Sequence[SessionEntry]) -> list[str]:
    """What makes sessions less comparable: other clients, other model versions, redaction, no markers."""
    out = client_caveats(items)
    models = {tuple(sorted((m.name, m.sha256 or m.version or "") for m in e.session.meta.models if m.stage == "markers"))
              for e in items}
    if len(models) > 1:
        out.append("The sessions were coded with different marker models; rates may differ for that reason alone.")
    units = {e.session.meta.utterance_unit or "sentence" for e in items}  # files before schema 1.7: sentences
    if len(units) > 1:
        out.append("Some sessions were coded per turn and some per sentence (older files): rates per 100 utterances "
                   "and counts are not comparable between them.")
    if len({e.session.meta.redacted for e in items}) > 1:
        out.append("Some sessions are redacted and some are not.")
    missing = [e.label for e in items if not (e.session.metrics and e.session.metrics.markers)]
    if missing:
        out.append(f"No markers were coded for: {', '.join(missing)}.")
    if not all(e.session.meta.date for e in items):
        out.append("Not every session has a date, so they are shown in the order given (use analyze --date to set one).")
    return out


# Speaker labels that are no one's name: diariser and caption labels ("SPEAKER_00", "Speaker 2",
# "Spk A"), and single letters; role words ("Client", "Patient") and redaction placeholders
# ("[CLIENT_NAME]") are caught separately.
_GENERIC_LABELS = frozenset({"speaker", "spk", "spkr", "unknown", "person", "voice", "guest", "other", "unidentified"})


def is_name(label: str) -> bool:
    """Whether a speaker label looks like a person's name rather than a role or a diariser label."""
    key = normalise_label(label)
    return (len(key) > 1 and key not in _GENERIC_LABELS and role_from_label(label) is None
            and not re.search(r"[\[\]<>{}]", label) and any(ch.isalpha() for ch in key))


def client_names(session: Session) -> frozenset[str] | None:
    """The session's clients as its speaker labels name them (case and spacing ignored); None when
    the labels do not name them (SPEAKER_00, 'Client', a redacted session's placeholders).

    Session files carry no client identity but the labels: neither the session meta nor a batch
    manifest has a client column, so the labels are the only signal there is."""
    labels = [s.label for s in session.speakers if s.role == CLIENT] or list(
        dict.fromkeys(t.speaker for t in session.turns if t.role == CLIENT))
    if not labels or session.meta.redacted or not all(is_name(label) for label in labels):
        return None
    return frozenset(" ".join(label.split()).casefold() for label in labels)


def other_clients(items: Sequence[SessionEntry]) -> list[int]:
    """Positions of the sessions whose named client differs from the first session naming one."""
    names = [client_names(e.session) for e in items]
    first = next((n for n in names if n is not None), None)
    return [i for i, n in enumerate(names) if n is not None and n != first]


def client_caveats(items: Sequence[SessionEntry]) -> list[str]:
    """Which sessions are with another client (by their speaker labels), and which cannot be told."""
    names = [client_names(e.session) for e in items]
    if all(n is None for n in names):
        return []
    first = next(i for i, n in enumerate(names) if n is not None)
    other = other_clients(items)
    out = []
    if other:
        listed = ", ".join(f"S{i + 1}" for i in other)
        out.append(f"{listed} {'is' if len(other) == 1 else 'are'} with a different client than S{first + 1} (the "
                   "client's speaker label differs; marked in the table). Rates depend on the client and the topic as "
                   "much as on the trainee, so a change across these sessions may come from the client.")
    unnamed = [f"S{i + 1}" for i, n in enumerate(names) if n is None]
    if unnamed and len(names) > 1:
        out.append(f"{', '.join(unnamed)} {'does' if len(unnamed) == 1 else 'do'} not name the client (speaker labels "
                   "such as Client or SPEAKER_00, or redacted), so whether "
                   f"{'it is' if len(unnamed) == 1 else 'they are'} with the same client is not known.")
    return out


def progress_html(paths: Sequence[str | Path], out_file: str | Path, title: str | None = None) -> str:
    out_file = Path(out_file)
    items = entries(paths, out_file)
    rows = series([e.session for e in items])
    labels = [f"S{i + 1}" for i in range(len(items))]
    spans = {r.key: [(e.low, e.high) if e else None for e in r.intervals] for r in rows}
    context = dict(items=items, rows=rows, title=title or "Progress across sessions", caveats=caveats(items),
                   other_clients=set(other_clients(items)), resamples=f"{RESAMPLES:,}",
                   no_interval=[r for r in rows if r.no_interval],
                   charts={r.key: charts.line_chart(labels, r.values, r.title, intervals=spans[r.key]) for r in rows},
                   defs=charts.DEFS)
    return environment().get_template("progress.html.j2").render(**context)


def write_progress(paths: Sequence[str | Path], out_file: str | Path, title: str | None = None) -> Path:
    """Write the progress page atomically; returns its path."""
    from ..io.atomic import write_files

    out_file = Path(out_file)
    if out_file.suffix.lower() not in (".html", ".htm"):
        raise ConfigError(f"{out_file}: the progress page is HTML; give a file name ending in .html")
    html = progress_html(paths, out_file, title)
    return write_files(out_file.parent, {out_file.name: html.encode("utf-8")})[0]
