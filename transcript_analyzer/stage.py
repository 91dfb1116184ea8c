"""What every pipeline stage looks like (spaCy-style components, one direction).

A stage stores its settings in ``__init__``, loads heavy models in ``load()`` (once per
process, or per Dask worker), and maps a Session to a new Session in ``__call__``. ``requires``
and ``provides`` name the parts of a session it reads and fills in, so that a pipeline can be
checked when it is built rather than failing half-way through a file.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from .model import ModelInfo, Session


@runtime_checkable
class Stage(Protocol):
    name: str
    requires: frozenset[str]
    provides: frozenset[str]

    def load(self) -> None:
        """Load models; a no-op for stages without any. Safe to call twice."""

    def models(self) -> tuple[ModelInfo, ...]:
        """The models this stage uses (for provenance in the session's meta)."""

    def __call__(self, session: Session) -> Session:
        """Return a new session with this stage's part filled in."""
