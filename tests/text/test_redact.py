import json

import pytest

from transcript_analyzer.model import MarkerScore, Speaker, Utterance
from transcript_analyzer.text.redact import Redactor

from ..conftest import SAMPLES, make_session


@pytest.fixture(scope="module")
def redactor():
    return Redactor().load()


@pytest.mark.slow
@pytest.mark.parametrize("text, label, mention", [
    ("Call me on (503) 555-0148 tonight.", "PHONE", "(503) 555-0148"),
    ("Write to maya.r@example.com please.", "EMAIL", "maya.r@example.com"),
    ("We lived at 42 Elm Street for years.", "ADDRESS", "42 Elm Street"),
    ("The postcode is SW1A 1AA.", "ADDRESS", "SW1A 1AA"),
    ("I'm forty-four years old and tired.", "AGE", "I'm forty-four years old"),
    ("when I was nine my dad left.", "AGE", "when I was nine"),
    ("My plate is AB12 CDE.", "ID", "AB12 CDE"),
    ("I saw Dr. Okafor about it.", "PERSON", "Dr. Okafor"),
])
def test_patterns_and_entities(redactor, text, label, mention):
    assert (label, mention) in [(m.label, m.text) for m in redactor.find(text)]


@pytest.mark.slow
def test_generic_time_and_family_words_are_left_alone(redactor):
    assert redactor.find("Last week was hard. Every Monday is. Mum called yesterday, and my dad too.") == []


@pytest.mark.slow
def test_a_session_gets_consistent_placeholders_everywhere(redactor):
    session = make_session(("Dr. Lee", "How is Karen doing since the move to Leeds?", 0.0, 3.0, "therapist"),
                           ("Sam", "Karen Miller? Still in Leeds. Call her on 0113 496 0000.", 3.5, 8.0, "client"))
    utterance = Utterance(index=0, turn_index=0, speaker="Dr. Lee", role="therapist",
                          text="How is Karen doing since the move to Leeds?",
                          markers=(MarkerScore("empathy", 0.7, True, evidence=("Karen", "move")),))
    session = session.__class__(meta=session.meta, turns=session.turns, utterances=(utterance,),
                                speakers=(Speaker("Dr. Lee", "therapist", "transcript"), Speaker("Sam", "client", "transcript")))
    red = redactor.session(session)
    text = json.dumps(red.to_dict())
    for secret in ("Karen", "Leeds", "0113", "Lee", "Sam"):
        assert secret not in text
    assert [s.label for s in red.speakers] == ["[THERAPIST_NAME]", "[CLIENT_NAME_1]"]
    assert red.turns[0].speaker == "[THERAPIST_NAME]" and red.utterances[0].speaker == "[THERAPIST_NAME]"
    first, second = red.turns[0].text, red.turns[1].text
    karen = first.split()[2]
    assert karen.startswith("[PERSON_") and karen in second  # "Karen" and "Karen Miller": one person
    assert "[PLACE_1]" in first and "[PLACE_1]" in second and "[PHONE_1]" in second
    assert red.utterances[0].markers[0].evidence[0] == karen


@pytest.mark.slow
def test_the_cli_redacts_every_output_and_the_summary(tmp_path):
    from click.testing import CliRunner

    from transcript_analyzer.cli import main

    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["analyze", str(SAMPLES / "self_disclosure.vtt"), "--redact", "--no-evidence",
                                       "--out", str(out)])
    assert result.exit_code == 0, result.output
    secrets = ("Maya", "Pierce", "Karen", "503-555-0148", "Beaverton", "Lindqvist")
    for path in [*out.iterdir()]:
        body = path.read_text(encoding="utf-8")
        assert not [s for s in secrets if s in body], path.name
    assert not [s for s in secrets if s in result.output]


@pytest.mark.slow
def test_recall_and_precision_on_the_labelled_set(redactor):
    """Regression floor at the measured values (recall 0.857, precision 0.927 on 2026-11-22); the
    issue's target is recall >= 0.95 and is not met yet (docs/benchmarks.md)."""
    import sys

    from ..conftest import ROOT

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from redaction_accuracy import DATA, score

    records = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line.strip()]
    result = score(records, redactor)
    assert sum(result["total"].values()) >= 150
    assert result["recall"] >= 0.85 and result["precision"] >= 0.90
