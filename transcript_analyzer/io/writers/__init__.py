"""Writers: Session -> file contents, by name. ``write_outputs`` writes several atomically."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Sequence

from ...errors import ConfigError
from ...model import Session
from ..atomic import write_files

UTTERANCE_COLUMNS = ("session_id", "utterance_index", "turn_index", "speaker", "role", "start", "end",
                     "time_source", "text")


def session_json(session: Session) -> bytes:
    """The canonical output: the whole session, schema in docs/schema.json."""
    return (json.dumps(session.to_dict(), indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def marker_names(session: Session) -> list[str]:
    return list(dict.fromkeys(m.marker for u in session.utterances for m in u.markers))


def utterances_csv(session: Session) -> bytes:
    """One row per utterance (UTF-8, comma-separated, header row). With markers, two columns per
    marker: ``<marker>`` (1/0 decision, empty for client utterances) and ``<marker>_p``."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    markers = marker_names(session)
    writer.writerow([*UTTERANCE_COLUMNS, *(c for m in markers for c in (m, f"{m}_p"))])
    for u in session.utterances:
        scores = {m.marker: m for m in u.markers}
        cells = [c for m in markers for c in ((int(scores[m].decision), f"{scores[m].probability:.4f}") if m in scores else ("", ""))]
        writer.writerow([session.meta.session_id, u.index, u.turn_index, u.speaker, u.role or "",
                         _num(u.start), _num(u.end), u.time_source or "", u.text, *cells])
    return buffer.getvalue().encode("utf-8")


def _num(value: float | None) -> str:
    return "" if value is None else f"{value:.3f}".rstrip("0").rstrip(".")


@dataclass(frozen=True)
class Writer:
    name: str
    filename: str
    render: Callable[[Session], bytes]


WRITERS: tuple[Writer, ...] = (
    Writer("json", "session.json", session_json),
    Writer("csv", "utterances.csv", utterances_csv),
)
DEFAULT_OUTPUTS = ("json", "csv")


def get_writer(name: str) -> Writer:
    for writer in WRITERS:
        if writer.name == name:
            return writer
    raise ConfigError(f"unknown output '{name}'; known: {', '.join(w.name for w in WRITERS)}")


def write_outputs(session: Session, out_dir: str | Path, outputs: Sequence[str] = DEFAULT_OUTPUTS) -> list[Path]:
    """Render every output first, then write them all atomically into out_dir."""
    writers = [get_writer(n) for n in outputs]
    files = {w.filename: w.render(session) for w in writers}
    return write_files(out_dir, files)
