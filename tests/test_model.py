import json

import jsonschema
import pytest

from transcript_analyzer.model import (
    AudioQuality, ModelInfo, QualityReason, RoleStats, Session, SessionMeta, SessionMetrics, Speaker, SpeakerShare,
    Turn, Utterance, Word,
)
from transcript_analyzer.schema import json_schema

from .conftest import ROOT


def full_session() -> Session:
    """A session with every part filled in, including optional and nested fields."""
    words = (Word("Hello", 0.0, 0.4, 0.98), Word("there.", 0.45, 0.9, None))
    return Session(
        meta=SessionMeta(session_id="s1", source_file="a.wav", source_sha256="ab" * 32, source_format="json",
                         source_encoding="utf-8", duration=3.5,
                         models=(ModelInfo("role-model", "roles", "1.0", "cd" * 32),),
                         warnings=("a warning",), tool_version="0.1.0",
                         audio_quality=AudioQuality("check", (QualityReason("snr", "check", "noisy recording"),),
                                                    "clustering", 3.2, -24.5, 0.0, 8.5, -20.1, 2, 2,
                                                    (SpeakerShare("SPEAKER_01", 1.8, 0.56),
                                                     SpeakerShare("SPEAKER_00", 1.4, 0.44)), 0.31, 0.3, 0.44,
                                                    ((0.0, 0.9), (1.2, 3.5)))),
        turns=(Turn(0, "SPEAKER_00", "Hello there.", 0.0, 0.9, "therapist", words, 1),
               Turn(1, "SPEAKER_01", "Hi. I'm fine.", 1.2, 3.5, "client", (), 2)),
        speakers=(Speaker("SPEAKER_00", "therapist", "model", 0.97), Speaker("SPEAKER_01", "client", "model", 0.03)),
        utterances=(Utterance(0, 0, "SPEAKER_00", "therapist", "Hello there.", 0.0, 0.9, "words"),
                    Utterance(1, 1, "SPEAKER_01", "client", "Hi.", 1.2, 1.8, "interpolated"),
                    Utterance(2, 1, "SPEAKER_01", "client", "I'm fine.", 1.9, 3.5, "interpolated")),
        metrics=SessionMetrics(
            roles=(RoleStats("therapist", 1, 1, 1, 2, 0.4, 2.0, 0, 0.9, 0.29, 0.9),
                   RoleStats("client", 1, 1, 2, 3, 0.6, 3.0, 0, 2.3, 0.71, 2.3)),
            turns=2, utterances=3, words=5, therapist_questions_per_100=0.0, time_basis="spans"),
    )


def test_json_round_trip_is_lossless():
    session = full_session()
    text = json.dumps(session.to_dict())
    again = Session.from_dict(json.loads(text))
    assert again == session
    assert again.to_dict() == session.to_dict()


def test_from_dict_names_the_bad_field():
    data = full_session().to_dict()
    data["turns"][1]["start"] = "soon"
    with pytest.raises(ValueError, match=r"session\.turns\[1\]\.start: expected float"):
        Session.from_dict(data)


def test_from_dict_rejects_unknown_and_missing_fields_and_bad_roles():
    data = full_session().to_dict()
    data["turns"][0]["mood"] = "happy"
    with pytest.raises(ValueError, match="unknown field"):
        Session.from_dict(data)
    data = full_session().to_dict()
    del data["turns"][0]["text"]
    with pytest.raises(ValueError, match="missing required field 'text'"):
        Session.from_dict(data)
    data = full_session().to_dict()
    data["speakers"][0]["role"] = "doctor"
    with pytest.raises(ValueError, match="not one of therapist, client"):
        Session.from_dict(data)


def test_from_dict_rejects_another_major_schema_version():
    data = full_session().to_dict()
    data["meta"]["schema_version"] = "2.0"
    with pytest.raises(ValueError, match="schema_version 2.0"):
        Session.from_dict(data)


def test_sessions_are_frozen():
    session = full_session()
    with pytest.raises(AttributeError):
        session.turns = ()  # type: ignore[misc]


def test_committed_schema_is_current_and_validates_a_session():
    committed = json.loads((ROOT / "docs" / "schema.json").read_text())
    assert committed == json_schema(), "docs/schema.json is stale: python -m transcript_analyzer.schema > docs/schema.json"
    jsonschema.validate(full_session().to_dict(), committed)
    bad = full_session().to_dict()
    bad["utterances"][0]["time_source"] = "guessed"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, committed)
