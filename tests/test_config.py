"""Configuration: the input limits and their checks."""

from __future__ import annotations

import pytest

from transcript_analyzer.config import SPACY_MAX_CHARS, ReadOptions, load_config
from transcript_analyzer.errors import ConfigError


def test_input_limits_have_documented_defaults():
    options = ReadOptions()
    assert (options.max_file_mb, options.max_json_depth, options.max_docx_unpacked_mb, options.max_turn_chars) == (
        50, 64, 50, 100_000)


def test_input_limits_are_set_from_the_command_line_or_toml(tmp_path):
    assert load_config(overrides=["read.max_turn_chars=5000"]).read.max_turn_chars == 5000
    path = tmp_path / "c.toml"
    path.write_text("[read]\nmax_file_mb = 500\nmax_json_depth = 10\n")
    config = load_config(path)
    assert (config.read.max_file_mb, config.read.max_json_depth) == (500, 10)


@pytest.mark.parametrize("override", ["read.max_file_mb=0", "read.max_json_depth=-1", "read.max_docx_unpacked_mb=true"])
def test_input_limits_must_be_positive_whole_numbers(override):
    with pytest.raises(ConfigError, match="must be a whole number of at least 1"):
        load_config(overrides=[override])


def test_the_turn_limit_stays_within_spacys():
    assert ReadOptions(max_turn_chars=SPACY_MAX_CHARS).max_turn_chars == SPACY_MAX_CHARS
    with pytest.raises(ConfigError, match=r"at most 1,000,000 \(spaCy's limit\)"):
        ReadOptions(max_turn_chars=SPACY_MAX_CHARS + 1)
