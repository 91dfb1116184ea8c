"""The heads recipe end to end on a tiny corpus in the AnnoMI layout, with the real encoder."""

import csv

import numpy as np
import pytest

from transcript_analyzer.markers.heads import Head
from transcript_analyzer.training.corpora.split_manifest import read_manifest
from transcript_analyzer.training import train_recipe
from transcript_analyzer.training.corpora.examples import split_of
from transcript_analyzer.training.heads.evaluate import check_heads, format_checks

TURNS = {
    "question": ["What brings you here today?", "How has your week been?", "What would you like to change?",
                 "Do you drink every day?", "Is your job stressful?", "How do you feel about that?"],
    "reflection": ["It sounds like you feel stuck.", "So you're worried about your kids.", "You feel tired of it all.",
                   "Part of you wants to stop.", "You've been carrying a lot.", "So the drinking helps you relax."],
}


def tiny_annomi(folder, n_transcripts=24):
    rows = []
    for t in range(n_transcripts):
        for k in range(6):
            label = "question" if (t + k) % 2 else "reflection"
            rows.append({"mi_quality": "high", "transcript_id": str(t), "utterance_id": str(2 * k),
                         "interlocutor": "client", "timestamp": "00:00:01", "utterance_text": "I don't know what to do.",
                         "main_therapist_behaviour": "n/a", "question_subtype": "n/a", "reflection_subtype": "n/a",
                         "therapist_input_subtype": "n/a", "topic": "x"})
            rows.append({**rows[-1], "utterance_id": str(2 * k + 1), "interlocutor": "therapist",
                         "utterance_text": TURNS[label][(t + k) % 6], "main_therapist_behaviour": label})
    (folder / "annomi").mkdir(parents=True)
    with open(folder / "annomi" / "annomi-full.dev.csv", "w", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


RECIPE = """
[recipe]
kind = "heads"
name = "toy"
version = "0.1"

[[heads]]
name = "toy_main"
description = "Question or reflection (toy)."
classes = ["question", "reflection"]
positive = "reflection"
context = true
[[heads.sources]]
corpus = "annomi"
label = "main"
"""


@pytest.mark.slow
def test_heads_recipe_trains_saves_reloads_and_evaluates(tmp_path, monkeypatch):
    monkeypatch.setenv("TRANSCRIPT_ANALYZER_CACHE", str(tmp_path / "cache"))
    data, models = tmp_path / "data", tmp_path / "models"
    tiny_annomi(data)
    assert {split_of("annomi", str(t)) for t in range(24)} == {"train", "val", "test"}
    recipe = tmp_path / "heads.toml"
    recipe.write_text(RECIPE)
    train_recipe(recipe, data, models)
    folder = models / "toy_main"
    assert sorted(p.name for p in folder.iterdir()) == ["SHA256SUMS", "card.md", "head.json", "metrics.json",
                                                        "split_manifest.json.gz", "weights.npz"]
    manifest = read_manifest(folder / "split_manifest.json.gz")  # which texts it trained and validated on
    assert manifest.model == "toy_main" and manifest.train and "split_manifest.json.gz" not in (folder / "SHA256SUMS").read_text()
    card = (folder / "card.md").read_text()
    assert "Test results (held-out conversations" in card and "Cohen's κ" in card
    head = Head.load(str(folder))
    x = np.random.default_rng(0).normal(size=(3, head.n_features)).astype(np.float32)
    assert head.predict_proba(x).shape == (3, 2)
    from transcript_analyzer.resources import models_dir

    (models / "encoder").symlink_to(models_dir() / "encoder")
    monkeypatch.setenv("TRANSCRIPT_ANALYZER_MODELS", str(models))
    checks = check_heads(recipe, data)
    assert [c.model for c in checks] == ["toy_main"] and all(c.ok for c in checks), format_checks(checks)
