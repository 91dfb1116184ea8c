"""Error messages: one line whatever the file name or content holds; and in a redacted run, what
a message quotes from the user's data is replaced, an input error that does not say what it
quotes has its problem withheld, and other exceptions keep only their type and place."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from transcript_analyzer.errors import ConfigError, InputError, OutputError, RoleError, one_line, redacting, scrub


def test_an_input_error_that_declares_its_quotes_keeps_its_problem_without_them():
    error = RoleError("/data/jane_roe_s1.txt", "speaker 'Dr. Ann Lee' is given both roles", line=4,
                      quoted=["Dr. Ann Lee"])
    shown = str(error.redacted())
    assert shown == "<input>, line 4: speaker '[redacted]' is given both roles"
    assert isinstance(error.redacted(), RoleError) and error.redacted().exit_code == 2


def test_an_input_error_that_does_not_declare_its_quotes_is_withheld():
    error = InputError("/data/jane_roe_s1.txt", "malformed cue timing 'Jane: hi'", line=3)
    shown = str(error.redacted())
    assert shown.startswith("<input>, line 3: the problem is not shown in a redacted run")
    assert "Jane" not in shown and "jane" not in shown


def test_other_errors_are_scrubbed_of_the_identifying_strings():
    error = ConfigError("date: 'Jane Roe 2024' is not a date")
    assert str(error.redacted(["Jane Roe"])) == "date: '[redacted] 2024' is not a date"
    assert scrub("Therapist Ann said hi to ann", ["Dr. Ann Lee", "T"]) == "Therapist [redacted] said hi to [redacted]"


def test_redacting_converts_everything_raised_and_keeps_no_chain():
    labels: list[str] = []
    with pytest.raises(InputError) as caught:
        with redacting(True, labels, ["/in/jane_roe.txt"]):
            labels.append("Jane Roe")  # learned inside the block, e.g. once the file is read
            raise InputError("/in/jane_roe.txt", "only 'Jane Roe' speaks", quoted=())
    assert str(caught.value) == "<input>: only '[redacted]' speaks"
    assert caught.value.__cause__ is None and caught.value.__suppress_context__
    with pytest.raises(Exception) as caught:
        with redacting(True, [], []):
            {}["Jane Roe"]
    assert "Jane" not in str(caught.value) and "KeyError at test_errors.py" in str(caught.value)
    with pytest.raises(KeyError, match="Jane"):  # unredacted runs: untouched
        with redacting(False, [], []):
            {}["Jane Roe"]


def test_input_errors_survive_pickling():
    error = RoleError("/in/a.txt", "one speaker", line=2, quoted=("A b",))
    back = pickle.loads(pickle.dumps(error))
    assert (type(back), str(back), back.line, back.quoted) == (RoleError, str(error), 2, ("A b",))


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


def test_a_reader_error_that_declares_its_quote_shows_its_problem_in_a_redacted_run(tmp_path):
    from transcript_analyzer.io.readers import read_transcript

    path = tmp_path / "jane_roe.vtt"
    path.write_text("WEBVTT\n\n00:00:01.000 --> Jane Roe said\nT: Hello.\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        with redacting(True, [], [path]):
            read_transcript(path)
    shown = str(caught.value)
    assert shown.startswith("<input>, line 3: malformed cue timing '[redacted]'")
    assert "Jane" not in shown and "jane" not in shown and "not shown in a redacted run" not in shown
