"""Split manifests: the hashed texts a shipped model trained and validated on (for `evaluate --gold`)."""

from __future__ import annotations

import gzip
import json

import pytest

from transcript_analyzer.resources import models_dir
from transcript_analyzer.training.corpora.split_manifest import (FILE, SHIPPED, load_manifests, manifest_bytes,
                                                         read_manifest, text_hash, write_manifests)


def test_text_hash_normalises_and_skips_short_texts():
    assert text_hash("So, what brings you in today, Sam?") == text_hash("so what brings you in today sam")
    assert text_hash("Okay.") is None and text_hash("How are you?") is None
    assert len(text_hash("Tell me more about the weekend you spent at the lake.")) == 16


def test_manifest_is_deterministic_and_lists_train_and_validation_only(tmp_path):
    long = "You have been thinking about cutting down for a while now"
    rows = [("train", "annomi", "1", long), ("val", "annomi", "2", long + " again"), ("val", "annomi", "2", long),
            ("test", "annomi", "3", long + " and test"), ("train", "annomi", "1", "Okay.")]
    body = manifest_bytes("demo", rows, "test")
    assert body == manifest_bytes("demo", rows, "test")  # byte for byte: no time stamp
    (tmp_path / "demo").mkdir()
    (tmp_path / "demo" / FILE).write_bytes(body)
    m = read_manifest(tmp_path / "demo" / FILE)
    assert m.split_of(long) == "train"  # in both splits: training wins
    assert m.split_of(long + " again") == "validation" and m.split_of(long + " and test") is None
    assert m.split_of("Okay.") == ""
    data = json.loads(gzip.decompress(body))
    assert data["items"] == {"train": 2, "validation": 2} and data["conversations"]["validation"] == {"annomi": 1}
    assert [x.model for x in load_manifests(tmp_path)] == ["demo"]


def test_the_shipped_models_have_manifests_that_match_their_recorded_splits():
    manifests = {m.model: m for m in load_manifests()}
    assert set(SHIPPED) <= set(manifests)
    coder = json.loads(gzip.decompress((models_dir() / "coder" / FILE).read_bytes()))
    recorded = json.loads((models_dir() / "coder" / "metrics.json").read_text())["items"]
    assert coder["items"] == {"train": recorded["train"], "validation": recorded["val"]}
    assert (models_dir() / "coder" / FILE).stat().st_size < 400_000
    sums = (models_dir() / "coder" / "SHA256SUMS").read_text()
    assert FILE not in sums  # not a model file: resources.verify does not need it


@pytest.mark.data
@pytest.mark.slow
def test_regenerating_the_shipped_manifests_gives_the_same_bytes(shared_data, tmp_path):
    for path in write_manifests(shared_data, tmp_path, ["coder", "interpretation_certainty"]):
        assert path.read_bytes() == (models_dir() / path.parent.name / FILE).read_bytes(), path
