import dataclasses

import numpy as np
import pytest

from transcript_analyzer.config import RoleOptions
from transcript_analyzer.errors import ModelError, RoleError
from transcript_analyzer.model import Speaker
from transcript_analyzer.resources import find_model
from transcript_analyzer.text.role_model import FEATURES, RoleModel, speaker_features
from transcript_analyzer.text.roles import RolesStage

from ..conftest import make_session, question_model

DIALOGUE = [
    ("How have you been since we last met?", "Honestly I have been struggling at work and I can't sleep."),
    ("What's been keeping you up?", "I keep thinking about my mum and the funeral."),
    ("So you're carrying a lot right now. What would help you this week?", "I don't know. Maybe talking to my sister."),
]


def dialogue(a: str, b: str, first_client: bool = False):
    turns = []
    for t, c in DIALOGUE:
        pair = [(b, c), (a, t)] if first_client else [(a, t), (b, c)]
        turns += pair
    return make_session(*turns)


def run(session, **options):
    return RolesStage(RoleOptions(**options), model=question_model())(session)


def roles_of(session):
    return {s.label: (s.role, s.role_source) for s in session.speakers}


def test_labels_that_name_roles_decide():
    out = run(dialogue("T", "C"))
    assert roles_of(out) == {"T": ("therapist", "transcript"), "C": ("client", "transcript")}
    assert [t.role for t in out.turns[:2]] == ["therapist", "client"]


def test_model_decides_names_even_when_the_client_speaks_first():
    out = run(dialogue("Dr. Rivera", "Sam", first_client=True))
    assert roles_of(out) == {"Sam": ("client", "model"), "Dr. Rivera": ("therapist", "model")}
    assert out.speaker("Dr. Rivera").therapist_probability > 0.9


def test_user_override_wins_and_is_case_insensitive():
    out = run(dialogue("T", "C"), therapist="c")
    assert roles_of(out) == {"T": ("client", "user"), "C": ("therapist", "user")}


def test_unknown_therapist_name_lists_the_speakers():
    with pytest.raises(RoleError, match=r"--therapist 'Bob' is not a speaker.*'A', 'B'"):
        run(dialogue("A", "B"), therapist="Bob")


def test_one_speaker_is_an_error():
    with pytest.raises(RoleError, match="only one speaker"):
        run(make_session(("Sam", "Hello."), ("Sam", "Anyone?")))


def test_the_one_speaker_not_called_client_is_the_therapist():
    session = make_session(("Client 1", "We fight a lot."), ("Dr. Lee", "What happens?"), ("Client 2", "He shouts."))
    assert roles_of(run(session))["Dr. Lee"] == ("therapist", "transcript")


def test_more_speakers_without_a_clear_therapist_asks_for_the_option():
    session = make_session(("A", "Hello."), ("B", "Hi."), ("C", "Hey."), ("A", "Fine."), ("B", "Ok."), ("C", "Yes."))
    with pytest.raises(RoleError, match="cannot tell which of 3 speakers.*--therapist"):
        run(session)


def test_more_speakers_with_a_clear_therapist():
    session = make_session(
        ("Mum", "He never listens to me."), ("Jo", "How does that feel for you? What do you notice?"),
        ("Dad", "I work long hours, I am tired."), ("Jo", "What would you like to change?"),
        ("Mum", "I want us to talk."), ("Dad", "I guess I could try."),
    )
    out = run(session)
    assert out.speaker("Jo").role == "therapist"
    assert {out.speaker("Mum").role, out.speaker("Dad").role} == {"client"}


def test_unsure_two_speaker_decision_warns():
    session = make_session(("A", "Hello."), ("B", "Hi."), ("A", "Fine."), ("B", "Ok."))
    out = run(session)
    assert any("unsure" in w and "--therapist" in w for w in out.meta.warnings)


def test_labels_kept_but_swapped_labels_warned():
    out = run(dialogue("Client", "Therapist"))  # the labels are the wrong way round
    assert out.speaker("Therapist").role == "therapist"
    assert any("swapped" in w for w in out.meta.warnings)


def test_roles_stated_by_the_input_are_kept():
    session = dataclasses.replace(dialogue("A", "B"), speakers=(Speaker("A", "client", "input"), Speaker("B", "therapist", "input")))
    assert roles_of(run(session)) == {"A": ("client", "input"), "B": ("therapist", "input")}


def test_turn_roles_from_a_role_column():
    session = dialogue("Ann", "Ben")
    turns = tuple(dataclasses.replace(t, role="therapist" if t.speaker == "Ann" else "client") for t in session.turns)
    out = run(dataclasses.replace(session, turns=turns))
    assert roles_of(out) == {"Ann": ("therapist", "transcript"), "Ben": ("client", "transcript")}


def test_speaker_features_shape_and_relative_values():
    feats = speaker_features(dialogue("T", "C").turns)
    assert set(feats) == {"T", "C"} and feats["T"].shape == (len(FEATURES),)
    q = FEATURES.index("question_turn_rate")
    assert feats["T"][q] == 1.0 and feats["C"][q] == 0.0
    share = FEATURES.index("word_share")
    assert feats["T"][share] + feats["C"][share] == pytest.approx(1.0)


def test_trained_model_saves_reloads_and_predicts_the_same(tmp_path):
    from transcript_analyzer.resources import write_sums
    from transcript_analyzer.training.corpora.datasets import Conversation
    from transcript_analyzer.training.roles.fit import RoleTrainSettings, fit

    convs = [Conversation("toy", str(i), tuple(
        (r, text, None) for t, c in DIALOGUE[i:] + DIALOGUE[:i] for r, text in (("therapist", t), ("client", c))
    )) for i in range(3)]
    model = fit(convs, RoleTrainSettings(windows_per_transcript=0))
    model.save(tmp_path)
    write_sums(tmp_path, ["model.json"])
    again = RoleModel.load(tmp_path)
    session = dialogue("X", "Y", first_client=True)
    assert again.probabilities(session.turns) == pytest.approx(model.probabilities(session.turns))
    assert max(again.probabilities(session.turns), key=again.probabilities(session.turns).get) == "X"
    np.testing.assert_allclose(again.weights, model.weights)


def test_a_damaged_model_file_fails_its_checksum(tmp_path):
    from transcript_analyzer.resources import write_sums

    question_model().save(tmp_path)
    write_sums(tmp_path, ["model.json"])
    (tmp_path / "model.json").write_text((tmp_path / "model.json").read_text().replace("0.8", "0.5"))
    with pytest.raises(ModelError, match="checksum mismatch"):
        RoleModel.load(tmp_path)


def test_shipped_role_model_verifies_and_loads():
    stage = RolesStage()
    stage.load()
    assert stage.models()[0].sha256 and stage.models()[0].version


def test_shipped_model_is_less_sure_with_less_evidence():
    """Smoothing + calibration: a few words give a probability nearer chance than a session does."""
    model = RoleModel.load(find_model("roles"))
    long = dialogue("A", "B")
    short = make_session(("A", "Hi, how are you?"), ("B", "Fine."))
    p_long = model.probabilities(long.turns)["A"]
    p_short = model.probabilities(short.turns)["A"]
    assert 0.5 < p_short < p_long
    empty = make_session(("A", "Hello."), ("B", "Hi."), ("A", "Fine."), ("B", "Ok."))
    assert max(model.probabilities(empty.turns).values()) < model.confident


def test_smoothing_shrinks_rates_of_speakers_who_said_little():
    from transcript_analyzer.text.role_model import Smoothing, speaker_counts

    session = make_session(("A", "You?"), ("B", "I think I am fine and I will tell you about my week tomorrow."))
    counts = np.stack(list(speaker_counts(session.turns).values()))
    raw = speaker_features(session.turns)
    smooth = speaker_features(session.turns, Smoothing.from_counts(counts, 50, 3))
    you = FEATURES.index("you_rate")
    assert raw["A"][you] == 1.0
    assert smooth["A"][you] < 0.2
    share = FEATURES.index("word_share")
    assert smooth["A"][share] + smooth["B"][share] == pytest.approx(1.0)


def test_the_roles_log_line_names_no_speaker(caplog):
    """The log is not redacted with the session: it carries opaque ids (order of first turn)."""
    with caplog.at_level("INFO", logger="transcript_analyzer.text.roles"):
        run(dialogue("Dr. Rivera", "Sam Okafor", first_client=True))
    line = next(r.getMessage() for r in caplog.records if "roles decided" in r.getMessage())
    assert "Rivera" not in line and "Okafor" not in line and "speaker 2 " in line


def test_role_errors_say_what_they_quote():
    with pytest.raises(RoleError) as error:
        run(make_session(("Sam Okafor", "Hello."), ("Sam Okafor", "Anyone?")))
    assert error.value.quoted == ("Sam Okafor",)
    assert "Okafor" not in str(error.value.redacted()) and "only one speaker" in str(error.value.redacted())
