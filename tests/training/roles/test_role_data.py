"""Data-backed checks of the role model and the AnnoMI reader (skip when ../shared/data is absent)."""

import random

import pytest

from transcript_analyzer.config import ReadOptions, RoleOptions
from transcript_analyzer.io.readers import read_transcript
from transcript_analyzer.text.role_model import RoleModel
from transcript_analyzer.text.roles import RolesStage
from transcript_analyzer.resources import find_model
from transcript_analyzer.training.corpora.datasets import load_annomi, load_esconv
from transcript_analyzer.training.roles.fit import RoleTrainSettings, evaluate, judge


@pytest.mark.data
def test_annomi_csv_is_read_with_its_own_layout(shared_data):
    path = shared_data / "annomi" / "annomi-full.dev.csv"
    with pytest.raises(Exception, match="holds 88 sessions.*--session"):
        read_transcript(path)
    session = RolesStage(RoleOptions())(read_transcript(path, ReadOptions(session="2")))
    assert session.meta.session_id == "2"
    assert {s.label: s.role for s in session.speakers} == {"therapist": "therapist", "client": "client"}
    assert session.turns[0].start == 39.0


@pytest.mark.data
def test_shipped_role_model_on_held_out_esconv(shared_data):
    model = RoleModel.load(find_model("roles"))
    rng = random.Random(0)
    results = [judge(model, c, None, rng) for c in load_esconv(shared_data / "esconv" / "valid.jsonl")]
    accuracy = sum(ok for ok, _ in results) / len(results)
    assert accuracy >= 0.95, accuracy


@pytest.mark.data
def test_held_out_evaluation_runs_on_a_slice_of_annomi(shared_data):
    annomi = load_annomi(shared_data / "annomi" / "annomi-full.dev.csv")[:20]
    metrics = evaluate(annomi, [], RoleTrainSettings(windows_per_transcript=2), excerpt_turns=(10,))
    assert metrics["annomi_sessions"]["n"] == 20
    assert metrics["annomi_sessions"]["accuracy"] >= 0.9
    assert metrics["transfer"]["n"] == 0
