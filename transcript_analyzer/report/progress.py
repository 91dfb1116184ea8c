"""One trainee's sessions side by side: each marker's rate, the MI summary scores and the alliance
index over sessions, and the change since the first session."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from ..errors import ConfigError, InputError
from ..escape import relative_url
from ..markers.codebook import MARKERS, MarkerDef
from ..model import Session
from . import charts
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
    """One row of the progress table: a value per session and the change since the first."""

    key: str
    title: str
    values: tuple[float | None, ...]
    direction: int  # +1: higher is better, -1: lower is better, 0: neither
    unit: str = ""

    @property
    def change(self) -> float | None:
        known = [v for v in self.values if v is not None]
        return known[-1] - known[0] if len(known) > 1 and self.values[0] is not None and self.values[-1] is not None else None

    @property
    def verdict(self) -> str:
        c = self.change
        if c is None or abs(c) < 1e-9 or self.direction == 0:
            return "" if c is None else "changed"
        return "better" if c * self.direction > 0 else "worse"


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


def series(sessions: Sequence[Session]) -> list[Series]:
    rows = []
    index = [s.metrics.alliance.value if s.metrics and s.metrics.alliance else None for s in sessions]
    rows.append(Series("alliance_index", "Alliance index (0-100)", tuple(index), +1))
    for name, title in METRIC_NAMES.items():
        values = tuple(next((b.value for b in (s.metrics.benchmarks if s.metrics else ()) if b.name == name), None)
                       for s in sessions)
        if any(v is not None for v in values):
            rows.append(Series(name, title, values, +1))
    for d in MARKERS:
        values = tuple(_rate(s, d) for s in sessions)
        if any(v is not None for v in values):
            rows.append(Series(d.name, f"{d.title} per 100", values, d.direction))
    client = [s.metrics.client if s.metrics else None for s in sessions]
    for key, title, get, direction in (
            ("ruptures", "Client ruptures (withdrawal or confrontation)", lambda c: c.ruptures, 0),
            ("ruptures_repaired_share", "Share of ruptures repaired", lambda c: c.repaired_share, +1),
            ("change_to_sustain", "Client change talk per sustain talk", lambda c: c.change_to_sustain, +1),
            ("risk_statements", "Client risk talk (read each one; not a score)", lambda c: c.risk_statements, 0)):
        values = tuple(get(c) if c else None for c in client)
        if any(v is not None for v in values):
            rows.append(Series(key, title, values, direction))
    return rows


def _rate(session: Session, marker: MarkerDef) -> float | None:
    found = next((m for m in (session.metrics.markers if session.metrics else ()) if m.marker == marker.name), None)
    return found.per_100 if found else None


def caveats(items: Sequence[SessionEntry]) -> list[str]:
    """What makes sessions less comparable: other model versions, redaction, no markers."""
    out = []
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


def progress_html(paths: Sequence[str | Path], out_file: str | Path, title: str | None = None) -> str:
    out_file = Path(out_file)
    items = entries(paths, out_file)
    rows = series([e.session for e in items])
    labels = [f"S{i + 1}" for i in range(len(items))]
    context = dict(items=items, rows=rows, title=title or "Progress across sessions", caveats=caveats(items),
                   charts={r.key: charts.line_chart(labels, r.values, r.title) for r in rows}, defs=charts.DEFS)
    return environment().get_template("progress.html.j2").render(**context)


def write_progress(paths: Sequence[str | Path], out_file: str | Path, title: str | None = None) -> Path:
    """Write the progress page atomically; returns its path."""
    from ..io.atomic import write_files

    out_file = Path(out_file)
    if out_file.suffix.lower() not in (".html", ".htm"):
        raise ConfigError(f"{out_file}: the progress page is HTML; give a file name ending in .html")
    html = progress_html(paths, out_file, title)
    return write_files(out_file.parent, {out_file.name: html.encode("utf-8")})[0]
