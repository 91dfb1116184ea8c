import json
import math

import pytest

from transcript_analyzer.markers.rules import EPISODE_FEATURES
from transcript_analyzer.training.appropriateness import episode_features
from transcript_analyzer.training.corpora import load
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
    (feats,) = episode_features([(None, ex, ex.text)], tmp_path)
    assert tuple(feats) == EPISODE_FEATURES
    assert feats["utterances"] == 3 and feats["intimate"] == 1.0 and feats["number"] == 1
    assert feats["client_caretaking"] == 0.0  # 'How did you deal with it?' is help-seeking (SD-9)
    assert feats["no_return"] == 1.0
    assert feats["log_words"] == pytest.approx(math.log1p(19))
