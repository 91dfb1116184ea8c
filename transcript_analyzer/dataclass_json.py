"""JSON conversion of frozen dataclasses, driven by their fields' type hints: what
``Session.to_dict`` / ``Session.from_dict`` (model.py) use, and what schema.py reads the types from.
Tuples become lists and back (``tuple[X, ...]`` and fixed-length ``tuple[X, Y]``), ``X | None``
may be null, and a value that does not fit raises ``ValueError`` naming its path."""

from __future__ import annotations

import dataclasses
import functools
import types
import typing
from typing import Any


def to_json(value: Any) -> Any:
    if dataclasses.is_dataclass(value):
        return {f.name: to_json(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple | list):
        return [to_json(v) for v in value]
    return value


@functools.cache
def field_types(cls: type) -> dict[str, Any]:
    """Resolved type hints of a model dataclass (memoised: the classes never change)."""
    return typing.get_type_hints(cls)


def from_json(tp: Any, value: Any, path: str) -> Any:
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if value is None:
            return None
        return from_json(args[0], value, path)
    if origin is tuple:
        if not isinstance(value, list):
            raise ValueError(f"{path}: expected a list, got {type(value).__name__}")
        args = typing.get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:  # tuple[X, ...]
            return tuple(from_json(args[0], v, f"{path}[{i}]") for i, v in enumerate(value))
        if len(value) != len(args):  # a fixed-length pair, e.g. tuple[float, float]
            raise ValueError(f"{path}: expected {len(args)} items, got {len(value)}")
        return tuple(from_json(a, v, f"{path}[{i}]") for i, (a, v) in enumerate(zip(args, value)))
    if dataclasses.is_dataclass(tp):
        return _dataclass_from_json(tp, value, path)
    return _scalar_from_json(tp, value, path)


def _dataclass_from_json(cls: type, value: Any, path: str) -> Any:
    if not isinstance(value, dict):
        raise ValueError(f"{path}: expected an object, got {type(value).__name__}")
    hints = field_types(cls)
    names = {f.name for f in dataclasses.fields(cls)}
    unknown = sorted(set(value) - names)
    if unknown:
        raise ValueError(f"{path}: unknown field(s) {', '.join(unknown)}")
    kwargs = {}
    for f in dataclasses.fields(cls):
        if f.name in value:
            kwargs[f.name] = from_json(hints[f.name], value[f.name], f"{path}.{f.name}")
            choices = f.metadata.get("choices")
            if choices and kwargs[f.name] is not None and kwargs[f.name] not in choices:
                raise ValueError(f"{path}.{f.name}: {kwargs[f.name]!r} is not one of {', '.join(choices)}")
        elif f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
            raise ValueError(f"{path}: missing required field '{f.name}'")
    return cls(**kwargs)


def _scalar_from_json(tp: Any, value: Any, path: str) -> Any:
    if tp is float and isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    if tp is int and isinstance(value, int) and not isinstance(value, bool):
        return value
    if tp is str and isinstance(value, str):
        return value
    if tp is bool and isinstance(value, bool):
        return value
    raise ValueError(f"{path}: expected {tp.__name__}, got {type(value).__name__} ({value!r:.40})")
