"""The JSON Schema of session.json, derived from the dataclasses in model.py.

``python -m transcript_analyzer.schema > docs/schema.json`` regenerates the committed copy; a
test fails when the copy is out of date.
"""

from __future__ import annotations

import dataclasses
import json
import sys
import types
import typing
from typing import Any

from .model import SCHEMA_VERSION, Session, field_types

_SCALARS = {str: "string", int: "integer", float: "number", bool: "boolean"}


def json_schema() -> dict[str, Any]:
    defs: dict[str, Any] = {}
    root = _object(Session, defs)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"urn:transcript-analyzer:session:{SCHEMA_VERSION}",
        "title": "transcript-analyzer session",
        **root,
        "$defs": dict(sorted(defs.items())),
    }


def _object(cls: type, defs: dict[str, Any]) -> dict[str, Any]:
    hints = field_types(cls)
    props = {}
    required = []
    for f in dataclasses.fields(cls):
        props[f.name] = {"description": f.metadata.get("doc", ""), **_type(hints[f.name], defs)}
        if f.metadata.get("choices"):
            props[f.name]["enum"] = [*f.metadata["choices"], *([None] if "anyOf" in props[f.name] else [])]
        if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
            required.append(f.name)
    return {"type": "object", "description": (cls.__doc__ or "").strip(), "properties": props,
            "required": required, "additionalProperties": False}


def _type(tp: Any, defs: dict[str, Any]) -> dict[str, Any]:
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in typing.get_args(tp) if a is not type(None)][0]
        return {"anyOf": [_type(inner, defs), {"type": "null"}]}
    if origin is tuple:
        args = typing.get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            return {"type": "array", "items": _type(args[0], defs)}
        return {"type": "array", "prefixItems": [_type(a, defs) for a in args], "items": False,
                "minItems": len(args)}
    if dataclasses.is_dataclass(tp):
        if tp.__name__ not in defs:
            defs[tp.__name__] = {}
            defs[tp.__name__] = _object(tp, defs)
        return {"$ref": f"#/$defs/{tp.__name__}"}
    return {"type": _SCALARS[tp]}


if __name__ == "__main__":
    sys.stdout.write(json.dumps(json_schema(), indent=2) + "\n")
