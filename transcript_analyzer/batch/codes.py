"""The long code table (codes.parquet): one row per utterance x code scored on it, with the
threshold and model that decided it. Built per session by the worker (which knows the loaded
models' thresholds: markers/decisions.py), gathered into the run's table by tables.py."""

from __future__ import annotations

import io
from collections import Counter
from typing import Any, Mapping, Sequence

from ..markers.decisions import CodeDecision, calibrated
from ..model import Session
from .dictionary import arrow_schema, code_columns

UNKNOWN = CodeDecision(None, None)
USAGE = ("code", "threshold", "calibration", "model", "model_sha256")
"""What the data dictionary reports per code: each distinct way the run's sessions decided it."""


def code_schema():
    return arrow_schema(code_columns())


def code_table(session: Session, corpus: str, decisions: Mapping[str, CodeDecision]):
    """The session's codes, one row per utterance x scored code, in utterance order."""
    import pyarrow as pa

    names = [c.name for c in code_columns()]
    columns: dict[str, list[Any]] = {n: [] for n in names}
    sha = {m.name: m.sha256 for m in session.meta.models if m.stage == "markers"}
    calibration = session.meta.calibration
    for u in session.utterances:
        for s in u.markers:
            decision = decisions.get(s.marker, UNKNOWN)
            threshold, calibrated_by = calibrated(s.marker, decision, calibration)
            row = (corpus, session.meta.session_id, u.index, u.turn_index, u.speaker, u.role, u.start, u.end,
                   s.marker, s.probability, int(s.decision), threshold, calibrated_by, decision.model,
                   sha.get(decision.model) if decision.model else None)
            for name, value in zip(names, row):
                columns[name].append(value)
    return pa.table(columns, schema=code_schema())


def code_table_bytes(session: Session, corpus: str, decisions: Mapping[str, CodeDecision]) -> bytes:
    import pyarrow.parquet as pq

    buffer = io.BytesIO()
    pq.write_table(code_table(session, corpus, decisions), buffer)
    return buffer.getvalue()


def usage(table: Any) -> list[tuple[Any, ...]]:
    """The distinct (code, threshold, calibration, model, model_sha256) of one session's codes."""
    if table.num_rows == 0:
        return []
    distinct = table.select(list(USAGE)).group_by(list(USAGE), use_threads=False).aggregate([])
    return [tuple(r[c] for c in USAGE) for r in distinct.to_pylist()]


def usage_summary(counts: Counter, codes: Sequence[str]) -> dict[str, list[dict[str, Any]]]:
    """Per code, each way it was decided and in how many sessions (for datapackage.json)."""
    order = {c: i for i, c in enumerate(codes)}
    out: dict[str, list[dict[str, Any]]] = {}
    for key, n in sorted(counts.items(), key=lambda kv: (order.get(kv[0][0], len(order)), -kv[1], str(kv[0]))):
        out.setdefault(key[0], []).append({**dict(zip(USAGE[1:], key[1:])), "sessions": n})
    return out
