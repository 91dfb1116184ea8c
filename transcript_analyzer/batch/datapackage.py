"""datapackage.json: a batch run folder's data dictionary, as a Frictionless Data Package (v1,
tabular): each table with its columns' types, descriptions and allowed values (dictionary.py),
keys between the tables, each file's size and SHA-256; and, under ``transcript_analyzer``, the
codes (codebook definition, how each is decided, its model card's held-out agreement, and the
thresholds and models that decided it in this run), the exact configuration, the tool version and
the models with their hashes. Plain JSON: nothing here needs the frictionless library, which the
tests use to validate it."""

from __future__ import annotations

import dataclasses
import json
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping, Sequence

from .. import __version__
from ..model import SCHEMA_VERSION
from ..resources import sha256_file
from .dictionary import Column, Table, code_role, code_title, columns_of, tables

PROFILE = "tabular-data-package"


@dataclass(frozen=True)
class RunInfo:
    """What the run was: its corpus name and exact configuration."""

    corpus: str | None = None
    config: Mapping[str, Any] | None = None  # as recorded (recorded_config)
    config_key: str | None = None  # the configuration's part of every session's key (inputs.config_hash)
    redacted: bool = False


def recorded_config(config: Any) -> dict[str, Any]:
    """The configuration as a JSON object (the TOML tables of `--config`), with a therapist's name
    and a session selector replaced by a placeholder in a redacted run (they may identify people)."""
    data = json.loads(json.dumps(dataclasses.asdict(config), default=str))
    if data["output"].get("redact"):
        for table, key in (("roles", "therapist"), ("read", "session")):
            if data[table].get(key):
                data[table][key] = "<redacted>"
    return data


def write_datapackage(folder: Path, names: Sequence[str], run: RunInfo, codes: Sequence[str], markers: Sequence[str],
                      extras: tuple[Mapping[str, str], Mapping[str, str]], usage: Any, models: list[dict], finished: int,
                      failed: int) -> Path:
    """Describe the tables ``names`` (already in ``folder``) in ``folder/datapackage.json``. ``extras``:
    the manifest's columns (table column -> type) and their manifest names where different."""
    from .codes import usage_summary

    types, sources = extras
    resources = [_resource(folder, t, columns_of(t.path, codes, markers, dict(types), dict(sources)))
                 for t in tables() if t.path in names]
    decided = usage_summary(usage, codes)
    corpus = run.corpus or "corpus"
    package = {
        "profile": PROFILE,
        "name": re.sub(r"[^a-z0-9._-]+", "-", corpus.lower()).strip("-._") or "corpus",
        "title": corpus,
        "description": f"Corpus tables of a transcript-analyzer batch run over '{corpus}': {finished} finished sessions "
                       f"({failed} failed). Alliance and MI markers are decision support, not clinical judgements; read "
                       "each code's held-out agreement before relying on it.",
        "created": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "resources": resources,
        "transcript_analyzer": {
            "tool_version": __version__,
            "session_schema_version": SCHEMA_VERSION,
            "python": sys.version.split()[0],
            "corpus": corpus,
            "sessions": {"finished": finished, "failed": failed},
            "configuration": dict(run.config or {}),
            "configuration_key": run.config_key,
            "redacted": run.redacted,
            "models": models,
            "codes": [code_entry(c, decided.get(c, [])) for c in codes],
            "manifest_columns": [{"name": k, "manifest": sources.get(k, k), "type": v} for k, v in types.items()],
        },
    }
    path = folder / "datapackage.json"
    path.write_text(json.dumps(package, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def _resource(folder: Path, table: Table, columns: Sequence[Column]) -> dict[str, Any]:
    fmt = table.path.rsplit(".", 1)[1]
    schema: dict[str, Any] = {"fields": [c.descriptor() for c in columns], "missingValues": [""],
                              "primaryKey": list(table.primary_key)}
    if table.foreign_keys:
        schema["foreignKeys"] = [{"fields": list(f), "reference": {"resource": _name(path), "fields": list(r)}}
                                 for f, path, r in table.foreign_keys]
    file = folder / table.path
    digest = sha256_file(file)
    out = {"name": _name(table.path), "path": table.path, "profile": "tabular-data-resource", "title": table.title,
           "description": table.description, "format": fmt,
           "mediatype": "text/csv" if fmt == "csv" else "application/vnd.apache.parquet", "sha256": digest}
    if fmt == "csv":  # the standard size and hash: validators check them (frictionless cannot for Parquet)
        out.update({"bytes": file.stat().st_size, "hash": f"sha256:{digest}", "encoding": "utf-8",
                    "dialect": {"delimiter": ",", "header": True, "quoteChar": '"', "doubleQuote": True}})
    out["schema"] = schema
    return out


def _name(path: str) -> str:
    return path.replace(".", "-")


def code_entry(code: str, decided: list[dict]) -> dict[str, Any]:
    """One code for the dictionary: definition, how decided, held-out agreement, and how this run decided it."""
    from ..markers.decisions import how_decided

    definition, group, direction, codebook = _definition(code)
    return {"name": code, "title": code_title(code), "scored_on": code_role(code), "group": group,
            "direction": direction, "definition": definition, "codebook": codebook,
            "columns": {"wide": [code, f"{code}_p"], "long": f"codes.parquet rows with code = '{code}'"},
            "how_decided": how_decided(code) + "; the threshold column is empty when no single threshold decides it",
            "held_out_agreement": held_out(code), "decided_in_this_run": decided}


def _definition(code: str) -> tuple[str, str, int, str]:
    from ..markers.client import CLIENT_CODES
    from ..markers.codebook import MARKERS
    from ..markers.custom import definition, installed, installed_definition

    shipped = {m.name: m for m in MARKERS}
    if code in shipped:
        m = shipped[code]
        return m.description, m.group, m.direction, f"docs/codebook.md {m.codebook}"
    client = {c.name: c for c in CLIENT_CODES}
    if code in client:
        c = client[code]
        return c.description, "client", 0, f"docs/codebook.md {c.codebook}"
    folder = installed().get(code)
    m = installed_definition(code, folder) if folder else definition(code)
    return m.description, m.group, m.direction, m.codebook


def held_out(code: str) -> dict[str, Any] | None:
    """The installed model card's held-out figures for a code: precision, the decisions it rests
    on, where measured, whether the tool treats the code as experimental, and the card's lines."""
    from ..markers import validity
    from ..markers.client import CLIENT_CODES
    from ..markers.codebook import MARKERS

    shipped = {m.name: m for m in MARKERS}
    client = {c.name: c for c in CLIENT_CODES}
    if code in shipped:
        found, experimental = validity.marker_precision(code), validity.experimental(code)
        lines = validity.marker_validity(shipped[code])
    elif code in client:
        found, experimental = validity.client_precision(code), validity.client_experimental(code)
        lines = next((lines for title, lines in validity.client_validity() if title == client[code].title), [])
    else:
        return _custom_held_out(code)
    return {"precision": None if found is None else round(found[0], 4), "decisions": None if found is None else found[1],
            "measured": None if found is None else found[2], "experimental": experimental, "card": lines}


def _custom_held_out(code: str) -> dict[str, Any] | None:
    from ..markers.custom import installed, summary

    folder = installed().get(code)
    if folder is None:
        return None
    try:
        cv = json.loads((folder / "metrics.json").read_text(encoding="utf-8"))["cv"]
        yes = cv["per_class"]["yes"]
        precision = round(float(yes["precision"]), 4)
    except (OSError, ValueError, KeyError, TypeError):
        precision = None
    return {"precision": precision, "decisions": None, "measured": "the custom code's own cross-validation",
            "experimental": False, "card": [summary(code, folder)]}
