"""The review file: a reviewer's verdicts on a session's coded utterances, exported by report.html.

A review belongs to exactly one version of a session: ``content_sha256`` hashes what the reviewer
saw and refers to (each utterance's index, turn, speaker label, role, text and times), so a review
of a re-transcribed or re-segmented session, whose utterance numbers mean other words, is refused
instead of being attached to the wrong lines. Re-coding the same transcript with another model keeps
the hash: the review still says what the reviewer thinks of those words, and records the decision
and probability the reviewer saw beside it.

Layout (JSON; ``SCHEMA`` is the JSON Schema the importer checks)::

    {"format": "transcript-analyzer-review", "version": 1,
     "session_id": "s1", "session_sha256": "<content_sha256 of the session>",
     "reviewer": "A. Supervisor", "exported_at": "2026-12-06T19:30:00Z",
     "speaker_names": {"SPEAKER_00": "Dr. Lee"},
     "items": [{"utterance": 12, "marker": "empathy", "model_decision": true, "probability": 0.81,
                "verdict": "disagree", "reviewer_code": "none", "note": "...",
                "reviewed_at": "2026-12-06T19:28:00Z"}]}

``verdict`` is the reviewer's view of the model's decision on ``marker`` for that utterance:
``agree`` or ``disagree``; ``reviewer_code`` is what the reviewer would code instead (another marker
name, or ``none``), and ``verdict`` may be null for a note alone.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

FORMAT = "transcript-analyzer-review"
VERSION = 1
NONE_CODE = "none"

SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "required": ["format", "version", "session_id", "session_sha256", "items"],
    "properties": {
        "format": {"const": FORMAT},
        "version": {"const": VERSION},
        "session_id": {"type": "string"},
        "session_sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
        "reviewer": {"type": ["string", "null"]},
        "exported_at": {"type": ["string", "null"]},
        "speaker_names": {"type": "object", "additionalProperties": {"type": "string"}},
        "items": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["utterance", "marker", "verdict"],
                "properties": {
                    "utterance": {"type": "integer", "minimum": 0},
                    "marker": {"type": "string", "minLength": 1},
                    "model_decision": {"type": ["boolean", "null"]},
                    "probability": {"type": ["number", "null"], "minimum": 0, "maximum": 1},
                    "verdict": {"enum": ["agree", "disagree", None]},
                    "reviewer_code": {"type": ["string", "null"]},
                    "note": {"type": ["string", "null"]},
                    "reviewed_at": {"type": ["string", "null"]},
                },
            },
        },
    },
}


def content_sha256(session: Any) -> str:
    """SHA-256 of the utterances a review refers to (index, turn, speaker, role, text, start, end).

    The report computes nothing itself: it carries this value, and report.js writes it into every
    exported review and keys the browser's saved state by it."""
    rows = [[u.index, u.turn_index, u.speaker, u.role, u.text, u.start, u.end] for u in session.utterances]
    data = json.dumps(rows, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()
