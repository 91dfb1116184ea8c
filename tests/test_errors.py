"""Error messages: one line, whatever the file name or content holds."""

from __future__ import annotations

from pathlib import Path

from transcript_analyzer.errors import ConfigError, InputError, OutputError, one_line


def test_control_and_format_characters_are_escaped():
    assert one_line("a\nb\r\tc\x1b[31m\x00") == "a\\nb\\r\\tc\\x1b[31m\\x00"
    assert one_line("rtl\u202eexe.txt\u2028") == "rtl\\u202eexe.txt\\u2028"
    assert one_line("Zo\u00eb caf\u00e9 \u201cok\u201d \u2014 \u4f60\u597d") == "Zo\u00eb caf\u00e9 \u201cok\u201d \u2014 \u4f60\u597d"


def test_an_input_error_is_one_line_but_keeps_the_real_path():
    path = Path("/data/bad\nname\udcff.txt")  # a newline, and an undecodable byte of the file name
    error = InputError(path, "no speaker labels found", line=3)
    assert str(error) == "/data/bad\\nname\\udcff.txt, line 3: no speaker labels found"
    assert error.path == str(path)
    str(error).encode("utf-8")  # printable: no lone surrogate left


def test_every_library_error_is_one_line():
    assert str(ConfigError("config file a\nb.toml: bad")) == "config file a\\nb.toml: bad"
    assert "\n" not in str(OutputError("cannot write out\n/x"))
