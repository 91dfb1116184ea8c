"""A redacted batch's opaque session ids are keyed with a secret kept outside the run folder, so a
guessed file name cannot be confirmed by hashing it (batch/ids.py)."""

from __future__ import annotations

import dataclasses
import hashlib
import os
import stat

import pytest

from transcript_analyzer.batch.inputs import Job
from transcript_analyzer.batch.runner import _private_ids
from transcript_analyzer.config import AnalyzeConfig
from transcript_analyzer.errors import ConfigError
from transcript_analyzer.batch.ids import id_key


def _redacting() -> AnalyzeConfig:
    config = AnalyzeConfig()
    return dataclasses.replace(config, output=dataclasses.replace(config.output, redact=True))


def _ids(tmp_path, names):
    jobs = [Job(path=str(tmp_path / f"{n}.txt"), session_id=n) for n in names]
    return [j.session_id for j in _private_ids(jobs, tmp_path / "run", _redacting())]


def test_ids_are_keyed_stable_and_not_the_plain_hash_of_the_name(tmp_path, monkeypatch):
    monkeypatch.setenv("TA_ID_KEY", str(tmp_path / "keys" / "id.key"))
    first = _ids(tmp_path, ["john_smith_s1", "P012_S3"])
    assert first == _ids(tmp_path, ["john_smith_s1", "P012_S3"])  # the same on every run: resumable
    assert all(i.startswith("s-") and len(i) == 14 for i in first)
    assert first[0] != "s-" + hashlib.sha256(b"john_smith_s1").hexdigest()[:12]
    key_file = tmp_path / "keys" / "id.key"
    assert stat.S_IMODE(os.stat(key_file).st_mode) == 0o600 and len(id_key()) == 32
    monkeypatch.setenv("TA_ID_KEY", str(tmp_path / "other.key"))  # another user's key: other ids
    assert _ids(tmp_path, ["john_smith_s1", "P012_S3"]) != first


def test_a_key_file_that_is_not_a_key_is_a_clear_error(tmp_path, monkeypatch):
    bad = tmp_path / "id.key"
    bad.write_text("not hex\n", encoding="ascii")
    monkeypatch.setenv("TA_ID_KEY", str(bad))
    with pytest.raises(ConfigError, match="not a key written by transcript-analyzer"):
        id_key()
