"""The training code on tiny hand-made data: recipes, evaluation summaries, the model folder."""

import json

import pytest

from transcript_analyzer.errors import ConfigError
from transcript_analyzer.text.role_model import RoleModel
from transcript_analyzer.training import load_recipe, train_recipe
from transcript_analyzer.training.corpora.datasets import Conversation, to_session
from transcript_analyzer.training.roles.fit import RoleTrainSettings, _ece, _summary, evaluate

from ..conftest import ROOT

LINES = [("How are you feeling today?", "Tired, I have not slept well."),
         ("What keeps you awake?", "I worry about my job and my kids."),
         ("So you're carrying a lot. What would help?", "I do not know, maybe a walk."),
         ("Tell me more about the walks?", "I used to walk with my dog every day.")]


def toy(n: int):
    return [Conversation("toy", str(i), tuple((r, x, None) for t, c in LINES[i % 4:] + LINES[: i % 4]
                                                for r, x in (("therapist", t), ("client", c)))) for i in range(n)]


def test_to_session_anonymises_in_random_order():
    import random

    labels = set()
    for seed in range(6):
        session, truth = to_session(toy(1)[0], anonymise=random.Random(seed))
        assert set(truth) == {"SPEAKER_00", "SPEAKER_01"}
        labels.add(truth["SPEAKER_00"])
    assert labels == {"therapist", "client"}


def test_summary_and_calibration_error():
    s = _summary([(True, 0.95), (True, 0.9), (False, 0.6), (True, 0.55)], confident=0.8)
    assert s["n"] == 4 and s["accuracy"] == 0.75 and s["confident_share"] == 0.5
    assert s["accuracy_when_confident"] == 1.0 and s["accuracy_when_unsure"] == 0.5
    assert _ece([(True, 1.0), (False, 1.0)]) == pytest.approx(0.5)
    assert _ece([(True, 0.75), (True, 0.75), (True, 0.75), (False, 0.75)]) == pytest.approx(0.0)


def test_evaluate_on_toy_data():
    m = evaluate(toy(5), toy(2), RoleTrainSettings(windows_per_transcript=1, window_turns=(4, 6)), excerpt_turns=(4,))
    assert m["annomi_sessions"]["n"] == 5 and m["annomi_sessions"]["accuracy"] == 1.0
    assert m["transfer"]["n"] == 2


def test_recipe_needs_kind_and_name(tmp_path):
    bad = tmp_path / "r.toml"
    bad.write_text("[recipe]\nname = 'x'\n")
    with pytest.raises(ConfigError, match="'kind' and 'name'"):
        load_recipe(bad)
    bad.write_text("[recipe]\nname = 'x'\nkind = 'magic'\n")
    with pytest.raises(ConfigError, match="unknown kind 'magic'"):
        train_recipe(bad, tmp_path, tmp_path / "out")


def test_roles_recipe_writes_a_verified_model_folder(tmp_path):
    """The shipped recipe, pointed at a tiny corpus in the AnnoMI and ESConv layouts."""
    data = tmp_path / "data"
    (data / "annomi").mkdir(parents=True)
    (data / "esconv").mkdir()
    rows = ["mi_quality,transcript_id,utterance_id,interlocutor,timestamp,utterance_text,topic"]
    for conv in toy(4):
        rows += [f'high,{conv.id},{i},{r},00:00:{i:02d},"{t}",x' for i, (r, t, _) in enumerate(conv.rows)]
    (data / "annomi" / "annomi-full.dev.csv").write_text("\n".join(rows) + "\n")
    (data / "esconv" / "valid.jsonl").write_text(json.dumps({"dialog": [
        {"speaker": "usr", "content": "I feel low."}, {"speaker": "sys", "content": "What happened, do you think?"},
        {"speaker": "usr", "content": "My job."}, {"speaker": "sys", "content": "How is that for you?"}]}) + "\n")
    folder = train_recipe(ROOT / "pipelines" / "roles.toml", data, tmp_path / "model")
    assert sorted(p.name for p in folder.iterdir()) == ["SHA256SUMS", "card.md", "metrics.json", "model.json"]
    model = RoleModel.load(folder)  # verifies the checksum
    assert model.confident == 0.8
    card = (folder / "card.md").read_text()
    assert "leave-one-transcript-out" in card and "| 4 | 100.0 %" in card
