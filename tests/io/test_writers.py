import pytest

from transcript_analyzer.errors import ConfigError
from transcript_analyzer.io.writers import session_rttm, session_vtt, write_outputs

from ..conftest import make_session


def timed():
    return make_session(("T", "How was the week?", 0.0, 2.0, "therapist"), ("C", "Hard --> really hard.", 2.5, 75.25, "client"),
                        session_id="s 1")


def test_vtt_has_a_cue_per_turn_with_voice_tags():
    text = session_vtt(timed()).decode()
    assert text.startswith("WEBVTT\n\n1\n00:00:00.000 --> 00:00:02.000\n<v T (therapist)>How was the week?")
    assert "00:00:02.500 --> 00:01:15.250\n<v C (client)>Hard -> really hard." in text


def test_rttm_lines():
    lines = session_rttm(timed()).decode().splitlines()
    assert lines == ["SPEAKER s_1 1 0.000 2.000 <NA> <NA> T <NA> <NA>",
                     "SPEAKER s_1 1 2.500 72.750 <NA> <NA> C <NA> <NA>"]


def test_timed_sessions_get_vtt_and_rttm_by_default_untimed_ones_do_not(tmp_path):
    names = {p.name for p in write_outputs(timed(), tmp_path / "a")}
    assert names == {"session.json", "utterances.csv", "report.html", "summary.md", "session.vtt", "session.rttm"}
    untimed = make_session(("T", "Hello?"), ("C", "Hi."))
    assert {p.name for p in write_outputs(untimed, tmp_path / "b")} == {"session.json", "utterances.csv", "report.html",
                                                                        "summary.md"}
    with pytest.raises(ConfigError, match="need start and end times"):
        write_outputs(untimed, tmp_path / "c", ["json", "vtt"])
