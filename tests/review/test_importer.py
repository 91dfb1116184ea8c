"""`review import`: reviews matched to the sessions they came from by content, checked item by item,
turned into gold labels (evaluate --gold's simple layout) and training labels (train --labels)."""

import csv
import dataclasses
import json

import pytest
from click.testing import CliRunner

from transcript_analyzer.cli import main
from transcript_analyzer.errors import InputError, OutputError
from transcript_analyzer.model import Turn
from transcript_analyzer.review.importer import import_reviews
from transcript_analyzer.review.output import write_import

from .conftest import coded_session, renamed, therapist_index, write_run
from .helpers import item, review_dict, write_review

PROBS = [0.9, 0.8, 0.3, 0.2, 0.1, 0.05]
SESSION = coded_session(PROBS)


@pytest.fixture
def run(tmp_path, models_dir):
    return write_run(tmp_path / "runs" / "s1", SESSION)


def test_a_review_is_matched_by_content_even_under_another_session_folder(tmp_path, run):
    review = write_review(tmp_path / "r.json", review_dict(SESSION, [item(therapist_index(0), "positive_regard", True, "agree")]))
    imported = import_reviews([review], [tmp_path / "runs"])  # a folder of analyze --out folders
    assert [r.found.path for r in imported.reviews] == [(run / "session.json").resolve()]
    assert [(x.session_id, x.utterance, x.code, x.value) for x in imported.labels] == [("s1", 1, "positive_regard", 1)]
    # the same session under another id (e.g. a renamed file) still matches: the words are what count
    write_run(tmp_path / "other" / "x", renamed(SESSION, "renamed"))
    assert import_reviews([review], [tmp_path / "other"]).labels[0].session_id == "renamed"


def test_a_review_of_another_version_of_the_session_is_a_clear_error(tmp_path, run):
    """The transcript was re-transcribed (or re-segmented) after the review: utterance 3 now means other words."""
    before = coded_session(PROBS, words="version")
    review = write_review(tmp_path / "r.json", review_dict(before, [item(3, "positive_regard", False, "disagree")]))
    with pytest.raises(InputError) as e:
        import_reviews([review], [run])
    message = str(e.value)
    assert message.startswith(f"{review}: reviews another version of session s1")
    assert "re-transcribed, re-segmented or edited" in message and str(run / "session.json") in message
    assert "\n" not in message
    result = CliRunner().invoke(main, ["review", "import", str(review), "--sessions", str(run), "--out",
                                       str(tmp_path / "out")])
    assert result.exit_code == 2 and "reviews another version of session s1" in result.output
    assert not (tmp_path / "out").exists()


def test_a_review_matching_nothing_lists_the_sessions_seen(tmp_path, run):
    other = coded_session([0.5], session_id="s9", words="other")
    review = write_review(tmp_path / "r.json", review_dict(other, [item(1, "positive_regard", True, "agree")]))
    with pytest.raises(InputError, match=r"no session matches it: it reviews session s9, and the sessions under .* are s1"):
        import_reviews([review], [run])


def test_times_and_speaker_labels_are_part_of_the_version(tmp_path, run):
    moved = dataclasses.replace(SESSION, utterances=(dataclasses.replace(SESSION.utterances[0], start=1.0),
                                                     *SESSION.utterances[1:]))
    review = write_review(tmp_path / "r.json", review_dict(moved, [item(1, "positive_regard", True, "agree")]))
    with pytest.raises(InputError, match="reviews another version of session s1"):
        import_reviews([review], [run])


@pytest.mark.parametrize("bad, message", [
    (item(40, "positive_regard", True, "agree"), "item 0: utterance 40 is out of range (session s1 has 12 utterances, 0-11)"),
    (item(1, "warmth", True, "agree"), "item 0 (utterance 1): unknown marker 'warmth'; known: empathy"),
    (item(1, "positive_regard", True, "agree", reviewer_code="warmth"), "unknown reviewer_code 'warmth'"),
    (item(1, "risk_talk", False, "agree"), "item 0: marker 'risk_talk' is a client code, but utterance 1 is the therapist's"),
    (item(0, "positive_regard", False, "agree"), "item 0: marker 'positive_regard' is a therapist marker, but utterance 0 is the client's"),
])
def test_bad_items_name_the_file_and_the_item(tmp_path, run, bad, message):
    review = write_review(tmp_path / "r.json", review_dict(SESSION, [bad]))
    with pytest.raises(InputError) as e:
        import_reviews([review], [run])
    assert str(e.value).startswith(f"{review}: ") and message in str(e.value)


def test_verdicts_codes_and_notes_become_labels(tmp_path, run):
    items = [item(1, "positive_regard", True, "agree"),                                    # present
             item(3, "positive_regard", True, "disagree", reviewer_code="none"),           # absent
             item(5, "positive_regard", False, "disagree"),                                # present (a miss)
             item(7, "positive_regard", False, "agree", reviewer_code="self_disclosure"),  # absent; disclosure present
             item(9, "positive_regard", None, "agree"),                                    # the session's decision: no
             item(11, "positive_regard", False, None, note="listen again"),                # a note only
             item(2, "risk_talk", False, "disagree")]                                      # a client code
    review = write_review(tmp_path / "r.json", review_dict(SESSION, items))
    imported = import_reviews([review], [run])
    got = {(x.utterance, x.code): x.value for x in imported.labels}
    assert got == {(1, "positive_regard"): 1, (3, "positive_regard"): 0, (5, "positive_regard"): 1,
                   (7, "positive_regard"): 0, (7, "self_disclosure"): 1, (9, "positive_regard"): 0, (2, "risk_talk"): 1}
    assert imported.notes == 1 and imported.reviewed_moments == 6


def test_one_reviewer_contradicting_themselves_is_an_error_but_repeating_is_not(tmp_path, run):
    same = [item(1, "positive_regard", True, "agree"), item(1, "positive_regard", True, "agree")]
    review = write_review(tmp_path / "same.json", review_dict(SESSION, same))
    assert len(import_reviews([review, review], [run]).labels) == 1  # the same export twice counts once
    contradiction = [item(1, "positive_regard", True, "agree"), item(3, "empathy", False, "agree"),
                     item(1, "positive_regard", True, "disagree")]
    review = write_review(tmp_path / "r.json", review_dict(SESSION, contradiction))
    with pytest.raises(InputError, match=r"r.json, item 2: says positive_regard is absent on utterance 1, but "
                                         r"r.json, item 0 \(the same reviewer, A. Supervisor\) says the opposite"):
        import_reviews([review], [run])


def test_writes_gold_for_evaluate_and_labels_for_train(tmp_path, run):
    from transcript_analyzer.training.agreement.gold import read_gold
    from transcript_analyzer.training.agreement.human_agreement import evaluate_agreement
    from transcript_analyzer.training.custom.labels import read_labels

    first = [item(therapist_index(k), "positive_regard", p >= 0.35, "agree") for k, p in enumerate(PROBS)]
    first[3] = item(therapist_index(3), "positive_regard", False, "disagree")  # p 0.2: reviewer A says present
    second = [item(therapist_index(k), "positive_regard", p >= 0.35, "agree") for k, p in enumerate(PROBS[:4])]
    a = write_review(tmp_path / "a.json", review_dict(SESSION, first, reviewer="A"))
    b = write_review(tmp_path / "b.json", review_dict(SESSION, second + [item(2, "risk_talk", False, "agree")],
                                                      reviewer="B"))
    out = tmp_path / "imported"
    paths, info = write_import(import_reviews([a, b], [run]), out, [a, b, run])
    assert sorted(p.name for p in paths) == ["gold.csv", "labels_positive_regard.csv", "review_import.json"]
    gold = read_gold(out / "gold.csv")
    assert gold.layout == "utterance" and gold.annotators == ("A", "B") and gold.codes == ("positive_regard",)
    assert len(gold.labels) == 6 + 4  # one row per reviewer and utterance: each reviewer is a coder
    report = evaluate_agreement(out / "gold.csv", run)
    (code,) = report.codes
    assert code.units == 5 and code.ties == 1  # utterance 7: A says present, B absent: a tie, left out
    assert code.human is not None and code.human.shared_units == 4
    with pytest.raises(InputError, match=r"5 labelled examples \(2 yes, 3 no\): a custom code needs at least 20"):
        read_labels(out / "labels_positive_regard.csv", need_context=True)  # read, and refused as the warning says
    assert "risk_talk (1)" in " ".join(info["warnings"])
    assert "labels_positive_regard.csv: 5 rows (2 yes, 3 no): train --labels needs at least 20" in " ".join(info["warnings"])
    assert json.loads((out / "review_import.json").read_text())["reviewers"] == ["A", "B"]


def test_the_output_folder_is_replaced_as_a_whole_and_never_an_inputs(tmp_path, run):
    review = write_review(tmp_path / "r.json", review_dict(SESSION, [item(1, "positive_regard", True, "agree")]))
    imported = import_reviews([review], [run])
    with pytest.raises(OutputError, match="is the input's folder or holds it"):
        write_import(imported, tmp_path, [review, run])
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.txt").write_text("mine")
    with pytest.raises(OutputError, match="holds files this tool did not write"):
        write_import(imported, out, [review])
    (out / "notes.txt").unlink()
    write_import(imported, out, [review])
    with open(out / "gold.csv", newline="") as f:
        assert list(csv.DictReader(f))[0]["text"] == "Therapist line 0, said warmly."
    again = write_review(tmp_path / "r2.json", review_dict(SESSION, [item(3, "self_disclosure", False, "agree")]))
    write_import(import_reviews([again], [run]), out, [again])  # a rerun leaves no file of the first behind
    assert sorted(p.name for p in out.iterdir()) == [".transcript-analyzer.json", "gold.csv", "labels_self_disclosure.csv",
                                                     "review_import.json"]


def test_cli_review_import_reports_counts(tmp_path, run):
    review = write_review(tmp_path / "r.json", review_dict(SESSION, [item(1, "positive_regard", True, "agree")]))
    result = CliRunner().invoke(main, ["review", "import", str(review), "--sessions", str(run)])
    assert result.exit_code == 0, result.output
    assert "1 items by A. Supervisor on session s1" in result.output and "nothing written" in result.output
    assert "  labels_positive_regard.csv: 1 rows (1 yes, 0 no)\n" in result.output
    assert "warning: labels_positive_regard.csv: 1 rows (1 yes, 0 no): train --labels needs at least 20 rows" in result.output
    missing = CliRunner().invoke(main, ["review", "import", str(review), "--sessions", str(tmp_path / "none")])
    assert missing.exit_code == 2 and "not found (--sessions takes" in missing.output


def test_two_reviewed_sessions_may_not_share_an_id(tmp_path, models_dir):
    one, two = coded_session([0.5]), coded_session([0.5], words="other")
    write_run(tmp_path / "runs" / "a", one)
    write_run(tmp_path / "runs" / "b", two)
    r1 = write_review(tmp_path / "1.json", review_dict(one, [item(1, "positive_regard", True, "agree")]))
    r2 = write_review(tmp_path / "2.json", review_dict(two, [item(1, "positive_regard", True, "agree")]))
    with pytest.raises(InputError, match="reviews a session with the id s1, like 1.json, but they are different"):
        import_reviews([r1, r2], [tmp_path / "runs"])


def test_custom_codes_are_known_when_installed(tmp_path, run, models_dir):
    review = write_review(tmp_path / "r.json", review_dict(SESSION, [item(1, "sleep_question", True, "agree")]))
    with pytest.raises(InputError, match="unknown marker 'sleep_question'"):
        import_reviews([review], [run])
    folder = models_dir / "sleep_question"
    folder.mkdir(parents=True)
    (folder / "head.json").write_text(json.dumps({"kind": "head", "name": "sleep_question", "info": {"custom": True}}))
    imported = import_reviews([review], [run])
    assert imported.labels[0].code == "sleep_question"
    from transcript_analyzer.training.agreement.gold import known_codes

    assert "sleep_question" in known_codes()  # so that evaluate --gold reads its rows


def test_turns_are_not_needed_to_match_but_their_utterances_are(tmp_path, run):
    """The hash covers the utterances (what the review refers to), not the turns' text."""
    retitled = dataclasses.replace(SESSION, turns=(Turn(0, "C", "something else", role="client"), *SESSION.turns[1:]))
    review = write_review(tmp_path / "r.json", review_dict(retitled, [item(1, "positive_regard", True, "agree")]))
    assert import_reviews([review], [run]).labels


def test_the_labels_files_train_a_custom_code_as_they_are(tmp_path, models_dir):
    from transcript_analyzer.training.custom.labels import read_labels

    probs = [0.9, 0.1] * 12
    session = coded_session(probs)
    run = write_run(tmp_path / "run", session)
    items = [item(therapist_index(k), "positive_regard", p >= 0.35, "agree") for k, p in enumerate(probs)]
    review = write_review(tmp_path / "r.json", review_dict(session, items))
    _, info = write_import(import_reviews([review], [run]), tmp_path / "out", [review, run])
    assert info["labels"]["positive_regard"] == {"file": "labels_positive_regard.csv", "rows": 24, "yes": 12, "no": 12,
                                                 "ties": 0, "enough_for_train_labels": True}
    labels = read_labels(tmp_path / "out" / "labels_positive_regard.csv", need_context=True)
    assert labels.n == 24 and list(labels.labels[:2]) == [1, 0] and labels.group_column == "conversation"
    assert labels.texts[0] == "Therapist line 0, said warmly." and labels.contexts[1] == "Client line 1, said plainly."
