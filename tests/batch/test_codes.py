"""The tidy corpus tables, built from hand-made sessions (no cluster): the long code table and the
wide utterance table agree, thresholds come from the models or a site calibration, every column
a session row has is in the data dictionary, and a manifest's own columns are read and typed."""

from __future__ import annotations

import dataclasses

import pytest

from transcript_analyzer.batch.codes import code_table
from transcript_analyzer.batch.dictionary import session_columns, utterance_columns
from transcript_analyzer.batch.inputs import discover
from transcript_analyzer.batch.runner import default_corpus
from transcript_analyzer.batch.tables import extra_names, extra_types, session_row, utterance_table
from transcript_analyzer.markers.client import CLIENT_CODE_NAMES
from transcript_analyzer.markers.codebook import MARKER_NAMES
from transcript_analyzer.markers.decisions import CodeDecision, client_code_names
from transcript_analyzer.metrics import MetricsStage
from transcript_analyzer.model import (AudioQuality, CalibrationInfo, MarkerScore, MarkerThreshold, ModelInfo,
                                       QualityReason, Session, SessionMeta, Speaker, SpeakerShare, Turn, Utterance)

CODES = [*MARKER_NAMES, *CLIENT_CODE_NAMES]
CODER = ModelInfo("coder", "markers", "3.0", "c0" * 32)
HEAD = ModelInfo("interpretation_certainty", "markers", "1.0", "1c" * 32)
DECISIONS = {**{m: CodeDecision(None, "coder") for m in CODES},
             "positive_regard": CodeDecision(0.35, "coder"), "self_disclosure": CodeDecision(0.61, "coder"),
             "rigid_interpretation": CodeDecision(None, "interpretation_certainty"), "risk_talk": CodeDecision(0.13, "coder")}


def coded_session(session_id: str = "s1", calibration: CalibrationInfo | None = None, n: int = 8) -> Session:
    """Therapist and client turns with times; every therapist marker on therapist utterances, the
    client codes on client ones (the last client utterance left uncoded)."""
    turns, utterances = [], []
    for i in range(n):
        role = "therapist" if i % 2 == 0 else "client"
        text = "How did that feel for you?" if role == "therapist" else "I want to stop drinking, I really do."
        turns.append(Turn(i, "T" if role == "therapist" else "C", text, 3.0 * i, 3.0 * i + 2.5, role))
        names = MARKER_NAMES if role == "therapist" else (CLIENT_CODE_NAMES if i < n - 1 else ())
        scores = tuple(MarkerScore(m, round(0.05 + 0.11 * ((i + k) % 9), 4), (i + k) % 3 == 0)
                       for k, m in enumerate(names))
        utterances.append(Utterance(i, i, turns[-1].speaker, role, text, 3.0 * i, 3.0 * i + 2.5, "turn", scores))
    quality = AudioQuality("check", (QualityReason("snr", "check", "noisy recording"),), "clustering", 20.0, -24.0, 0.0,
                           9.0, -20.0, 2, 2, (SpeakerShare("T", 12.0, 0.6), SpeakerShare("C", 8.0, 0.4)), 0.3)
    meta = SessionMeta(session_id=session_id, source_format="txt", duration=3.0 * n, models=(CODER, HEAD),
                       calibration=calibration, tool_version="0.1.0", utterance_unit="turn", audio_quality=quality)
    return Session(meta=meta, turns=tuple(turns), utterances=tuple(utterances),
                   speakers=(Speaker("T", "therapist", "transcript"), Speaker("C", "client", "transcript")))


def test_the_long_table_has_one_row_per_scored_code_and_agrees_with_the_wide_one():
    session = coded_session()
    wide = utterance_table(session, "c", CODES).to_pylist()
    long = code_table(session, "c", DECISIONS).to_pylist()
    scored = sum(len(u.markers) for u in session.utterances)
    assert len(long) == scored and scored == 4 * len(MARKER_NAMES) + 3 * len(CLIENT_CODE_NAMES)
    by_utterance = {w["utterance_index"]: w for w in wide}
    for row in long:
        w = by_utterance[row["utterance_index"]]
        assert (row["decision"], row["probability"]) == (w[row["code"]], w[f"{row['code']}_p"])
        assert w["coded"] == 1 and row["role"] == w["role"]
        assert row["code"] in (MARKER_NAMES if row["role"] == "therapist" else CLIENT_CODE_NAMES)
    assert {r["code"] for r in long if r["utterance_index"] == 1} == set(CLIENT_CODE_NAMES)
    last = by_utterance[len(wide) - 1]  # a client utterance without codes: coded 0, decisions 0, no probability
    assert last["coded"] == 0 and all(last[c] == 0 and last[f"{c}_p"] is None for c in CODES)
    therapist = by_utterance[0]  # a client code on a therapist utterance: 0 with no probability, never null
    assert therapist["change_talk"] == 0 and therapist["change_talk_p"] is None
    assert all(isinstance(w[c], int) for w in wide for c in CODES)


def test_thresholds_models_and_a_site_calibration():
    calibration = CalibrationInfo("clinic_a", 40, "2026-03-01", "ab" * 32,
                                  (MarkerThreshold("positive_regard", 0.5, 0.35), MarkerThreshold("advice", 0.7, 0.62)))
    rows = code_table(coded_session(calibration=calibration), "c", DECISIONS).to_pylist()
    first = {r["code"]: r for r in rows if r["utterance_index"] == 0}
    assert (first["positive_regard"]["threshold"], first["positive_regard"]["calibration"]) == (0.5, "clinic_a")
    assert (first["self_disclosure"]["threshold"], first["self_disclosure"]["calibration"]) == (0.61, None)
    assert first["advice_without_permission"]["calibration"] == "clinic_a"  # the advice decision decides both
    assert first["empathy"]["threshold"] is None and first["empathy"]["model_sha256"] == CODER.sha256
    assert (first["rigid_interpretation"]["model"], first["rigid_interpretation"]["model_sha256"]) == \
        ("interpretation_certainty", HEAD.sha256)
    client = {r["code"]: r for r in rows if r["utterance_index"] == 1}
    assert client["risk_talk"]["threshold"] == 0.13 and client["change_talk"]["threshold"] is None


@pytest.mark.slow  # loads the shipped models
def test_the_stage_reports_the_models_thresholds():
    """The real stage, loaded: binary decisions carry the coder's thresholds, class decisions none."""
    from transcript_analyzer.api import Analyzer

    stage = next(s for s in Analyzer(evidence=False).load().pipeline.stages if s.name == "markers")
    decisions = stage.decisions()
    assert list(decisions) == [*MARKER_NAMES, *client_code_names(MARKER_NAMES, tuple(stage.coder.tasks))]
    assert decisions["positive_regard"].threshold == pytest.approx(stage.coder.tasks["positive_regard"].threshold)
    assert decisions["advice_with_permission"] == decisions["advice_without_permission"]
    assert decisions["open_question"].threshold is None and decisions["empathy"].model == "coder"
    assert decisions["inappropriate_self_disclosure"] == CodeDecision(None, "disclosure_appropriateness")


@pytest.mark.slow  # the alliance index model
def test_every_column_a_session_row_has_is_in_the_dictionary():
    calibration = CalibrationInfo("clinic_a", 40, "2026-03-01", None, ())
    session = MetricsStage()(coded_session(calibration=calibration, n=12))
    assert session.metrics.client and session.metrics.timing and session.metrics.benchmarks
    row = session_row(session, "c")
    names = [c.name for c in session_columns(MARKER_NAMES)]
    assert set(row) <= set(names), sorted(set(row) - set(names))
    assert len(names) == len(set(names))
    assert row["calibration"] == "clinic_a" and row["audio_verdict"] == "check" and row["after_open_question_n"] >= 1
    wide = [c.name for c in utterance_columns(CODES)]
    assert len(wide) == len(set(wide)) == 11 + 2 * len(CODES)


def test_a_manifests_own_columns_are_read_typed_and_renamed_on_a_clash(tmp_path):
    (tmp_path / "a.txt").write_text("Therapist: How are you?\nClient: Fine.\n")
    (tmp_path / "b.txt").write_text("Therapist: And now?\nClient: Better.\n")
    manifest = tmp_path / "manifest.csv"
    manifest.write_text("path,Therapist,Quality, topic ,therapist id,words\na.txt,Therapist,4,=grief,007,12\n"
                        "b.txt,,3.5,work,T12,\n")
    jobs = discover([manifest])
    assert jobs[0].therapist == "Therapist"
    assert jobs[0].extra == (("Quality", "4"), ("topic", "=grief"), ("therapist id", "007"), ("words", "12"))
    values = {k: [dict(j.extra)[k] for j in jobs] for k, _ in jobs[0].extra}
    assert extra_types(values) == {"Quality": "number", "topic": "string", "therapist id": "string", "words": "integer"}
    assert extra_names(list(values), [c.name for c in session_columns(MARKER_NAMES)])["words"] == "manifest_words"
    assert dataclasses.replace(jobs[0], extra=()).key == jobs[0].key  # the extra columns are not analysis options


def test_the_default_corpus_name_is_the_input_folders(tmp_path):
    site = tmp_path / "site_a"
    site.mkdir()
    (site / "a.txt").write_text("x")
    (site / "m.csv").write_text("path\na.txt\n")
    out = tmp_path / "run"
    assert default_corpus([site], out) == "site_a"
    assert default_corpus([site / "m.csv"], out) == default_corpus([f"{site}/*.txt"], out) == "site_a"
    (tmp_path / "site_b").mkdir()
    assert default_corpus([site, tmp_path / "site_b", site / "a.txt"], out) == "site_a+site_b"
    assert default_corpus([site], out, redact=True) == "run"  # input names may identify people


def test_a_custom_code_may_not_take_a_table_column_name():
    from transcript_analyzer.errors import ConfigError
    from transcript_analyzer.markers.custom import check_name

    for name in ("coded", "corpus", "change_talk"):
        with pytest.raises(ConfigError, match="clashes"):
            check_name(name)


@pytest.mark.slow
def test_with_redaction_a_manifests_identifying_values_are_withheld_and_its_codes_kept():
    from transcript_analyzer.batch.runner import redacted_extras

    given = {"s1": {"therapist": "Dr. Sarah Lee", "therapist_id": "T03", "quality": "high", "topic": "alcohol use",
                    "clinic": "St Mary's Hospital, Leeds", "session_date": "2024-03-02", "client_age": "34",
                    "session_number": "12", "empty": ""}}
    out = redacted_extras(given, "en_core_web_sm")["s1"]
    assert {k for k, v in out.items() if v == "[redacted]"} == {"therapist", "clinic", "session_date", "client_age"}
    assert out["therapist_id"] == "T03" and out["session_number"] == "12" and out["topic"] == "alcohol use"
    assert out["empty"] == ""
