import json
import math

import pytest

from transcript_analyzer.markers.rules import EPISODE_FEATURES
from transcript_analyzer.training.heads.appropriateness import annotated_episodes
from transcript_analyzer.training.corpora.examples import load
from transcript_analyzer.training.index_recipe import auc


def test_auc_known_values():
    assert auc([0.9, 0.8, 0.3, 0.1], [True, True, False, False]) == 1.0
    assert auc([0.1, 0.2, 0.8, 0.9], [True, True, False, False]) == 0.0
    assert auc([0.5, 0.5], [True, False]) == 0.5
    assert auc([0.7, 0.2, 0.6], [True, False, False]) == 1.0
    assert auc([1.0], [True]) is None


def test_episode_features_of_an_annotated_disclosure_in_its_conversation(tmp_path):
    dialog = [
        {"speaker": "usr", "text": "My husband left last month and I can't sleep."},
        {"speaker": "sys", "text": "When my wife left me I was drinking every night. It took me years to stop. Divorce wrecks you.",
         "strategy": "Self-disclosure"},
        {"speaker": "usr", "text": "How did you deal with it?"},
        {"speaker": "sys", "text": "What helps you sleep now?", "strategy": "Question"},
    ]
    (tmp_path / "esconv").mkdir()
    (tmp_path / "esconv" / "train.jsonl").write_text(json.dumps({"dialog": dialog}) + "\n")
    (tmp_path / "esconv" / "valid.jsonl").write_text("")
    (tmp_path / "esconv" / "failed.json").write_text("[]")
    ex = [e for e in load("esconv", tmp_path) if e.index == 1][0]
    (episode,) = annotated_episodes([(None, ex, ex.text)], tmp_path)
    feats = episode.features()
    assert tuple(feats) == EPISODE_FEATURES
    assert feats["utterances"] == 3 and feats["intimate"] == 1.0 and feats["number"] == 1
    assert feats["client_caretaking"] == 0.0  # 'How did you deal with it?' is help-seeking (SD-9)
    assert feats["no_return"] == 1.0
    assert feats["log_words"] == pytest.approx(math.log1p(19))


def test_criteria_cut_offs_are_chosen_by_kappa_and_rates_are_smoothed():
    import numpy as np

    from transcript_analyzer.markers.rules import Episode
    from transcript_analyzer.training.heads.appropriateness import fit_criteria, predict

    def ep(words, returns_focus):
        return Episode(utterances=(0,), words=words, turns=1, number=1, returns_focus=returns_focus, solicited=False,
                       intimate=False, contains_advice=False, client_next="engages")

    episodes = [ep(70, False)] * 6 + [ep(35, False)] * 6 + [ep(70, True)] * 4
    y = np.array([1] * 6 + [0] * 10)
    model, tried = fit_criteria(episodes, y, grid_words=(30, 60), grid_frequent=(3,))
    assert model.long_words == 60 and {t["long_words"] for t in tried} == {30, 60}
    assert model.rates["2"] == 1.0 and model.rates["1"] == 0.0 and model.rates["5"] == 1.0  # two criteria: long, no return
    p, pred = predict(model, episodes)
    assert pred.tolist() == y.tolist() and p.shape == (16, 2)


@pytest.mark.slow
def test_evaluate_reproduces_the_alliance_index_card_from_the_shipped_pipeline(shared_data):
    """Every AnnoMI transcript analysed again (turn units, the shipped coder): the index's AUCs and
    each component's agree with trained_models/alliance_index/metrics.json."""
    from transcript_analyzer.training.index_recipe import check

    checks = check(shared_data)
    assert {c.metric for c in checks} >= {"auc (validation + test)", "auc (all)"}
    bad = [c for c in checks if not c.ok]
    assert not bad, bad
