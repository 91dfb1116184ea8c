"""Custom codes trained from a researcher's labels: reading the labels file, training with the
real encoder, the card and its cross-validated metrics, and coding sessions with the code."""

import csv
import json
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from transcript_analyzer.errors import ConfigError, InputError
from transcript_analyzer.markers.custom import load_head
from transcript_analyzer.resources import verify
from transcript_analyzer.training import write_model
from transcript_analyzer.training.custom.train import fit_code, train_custom_code
from transcript_analyzer.training.custom.labels import read_labels

from ...conftest import SAMPLES
from ...markers.fakes import FakeEncoder

LABELS = Path(__file__).resolve().parents[2] / "data" / "custom_code" / "sleep_question.csv"
CODE = "sleep_question"


def rows():
    with open(LABELS, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def write_rows(path, rows, columns):
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, columns, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return path


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    """The tiny code trained once with the real encoder, into its own models folder."""
    root = tmp_path_factory.mktemp("models")
    result = train_custom_code(LABELS, CODE, out_dir=root, description="The therapist asks about the client's sleep.")
    return root, result


@pytest.fixture
def models(trained, monkeypatch):
    monkeypatch.setenv("TA_MODELS_DIR", str(trained[0]))
    return trained[0]


# --- the labels file ---------------------------------------------------------------------------


def test_labels_file_is_read_with_groups_context_and_lines():
    data = read_labels(LABELS, need_context=True)
    assert data.n == 66 and int(data.labels.sum()) == 23
    assert data.group_column == "conversation" and len(set(data.groups)) == 11
    assert data.lines[0] == 2 and data.contexts[0] == "I've been so tired at work this week."


@pytest.mark.parametrize("content, problem, line", [
    ("", "empty", None),
    ("utterance,label\nHi,1\n", "lacks the column.*text", 1),
    ("text,label\nHow do you sleep?,1\nHi,maybe\n", "label 'maybe' is not one of", 3),
    ("text,label\nHow do you sleep?,1\nHi,2\n", "custom codes are binary", 3),
    ("text,label\nHow do you sleep?,1\n,0\n", "empty text", 3),
    ("text,label\n" + "Hi,1\n" * 4 + "Bye,0\n" * 30, "at least 20, with at least 5 of each", None),
])
def test_bad_labels_files_name_the_file_and_line(tmp_path, content, problem, line):
    path = tmp_path / "labels.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=problem) as e:
        read_labels(path)
    assert e.value.path == str(path) and e.value.line == line


def test_wrong_encoding_names_the_line(tmp_path):
    path = tmp_path / "labels.csv"
    path.write_bytes(b"text,label\nHow are you sleeping?,1\nCaf\xe9 later?,0\n")
    with pytest.raises(InputError, match="not UTF-8") as e:
        read_labels(path)
    assert e.value.line == 3


def test_context_mode_needs_a_context_column_and_groups_need_values(tmp_path):
    plain = write_rows(tmp_path / "plain.csv", rows(), ["text", "label"])
    with pytest.raises(InputError, match="needs a 'context' column"):
        read_labels(plain, need_context=True)
    broken = rows()
    broken[4]["conversation"] = ""
    path = write_rows(tmp_path / "groups.csv", broken, ["conversation", "text", "label"])
    with pytest.raises(InputError, match="empty conversation") as e:
        read_labels(path)
    assert e.value.line == 6


def test_tab_separated_yes_no_and_a_session_column(tmp_path):
    path = tmp_path / "labels.tsv"
    lines = ["Session\tText\tLabel"] + [f"s{i % 4}\t{r['text']}\t{'true' if r['label'] == 'yes' else 'false'}"
                                        for i, r in enumerate(rows())]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    data = read_labels(path)
    assert data.group_column == "session" and int(data.labels.sum()) == 23


# --- training ----------------------------------------------------------------------------------


def test_name_clash_and_existing_code_are_config_errors(trained, tmp_path):
    for name in ("empathy", "coder", "interpretive"):
        with pytest.raises(ConfigError, match="clashes"):
            train_custom_code(LABELS, name, out_dir=tmp_path)
    with pytest.raises(ConfigError, match="already exists; pass --replace"):
        train_custom_code(LABELS, CODE, out_dir=trained[0])


def test_too_few_conversations_per_label(tmp_path):
    few = [dict(r, conversation="a" if r["label"] == "yes" else r["conversation"]) for r in rows()]
    path = write_rows(tmp_path / "few.csv", few, ["conversation", "text", "label"])
    with pytest.raises(InputError, match="'yes' examples come from 1 conversation"):
        train_custom_code(path, "sleepy", out_dir=tmp_path, encoder=FakeEncoder())


@pytest.mark.slow
def test_tiny_code_is_learnable_and_its_card_is_complete(trained):
    root, result = trained
    folder = root / CODE
    assert result.folder == folder
    verify(folder)  # head, weights, metrics and card are all in SHA256SUMS
    m = json.loads((folder / "metrics.json").read_text(encoding="utf-8"))
    cv = m["cv"]
    assert cv["grouped_by"] == "conversation" and cv["n"] == 66 and cv["folds"] == 5
    assert cv["per_class"]["yes"]["f1"] > 0.7 and cv["kappa"] > 0.6 and 0 <= cv["ece"] < 0.2
    assert 0 < m["tuning"]["threshold"] < 1 and m["data"]["labels"] == {"yes": 23, "no": 43}
    card = (folder / "card.md").read_text(encoding="utf-8")
    for part in ("sleep_question.csv", m["data"]["sha256"], "grouped by conversation", "Cohen's κ",
                 "expected calibration error", f"P(yes) ≥ **{m['tuning']['threshold']:.4f}**", m["weights_sha256"],
                 "Known failure modes", "Texts are not quoted", "asks about the client's sleep"):
        assert part in card
    texts = [r["text"] for r in rows()]
    assert not any(t in card for t in texts) and not any(t in json.dumps(m) for t in texts)


@pytest.mark.slow
def test_by_example_cv_says_it_is_optimistic_and_quotes_errors_on_request(tmp_path):
    path = write_rows(tmp_path / "plain.csv", rows(), ["text", "label"])
    result = train_custom_code(path, "sleepy", out_dir=tmp_path / "models", quote_errors=True, encoder=FakeEncoder())
    card = (result.folder / "card.md").read_text(encoding="utf-8")
    assert result.metrics["cv"]["grouped_by"] == "example" and "**optimistic**" in card
    errors = result.metrics["errors"]
    assert errors["false_positives"] + errors["false_negatives"] > 0  # hashed "embeddings": errors to quote
    quoted = [e["row"] for e in errors["worst_false_positives"] + errors["worst_false_negatives"]]
    assert all(f"“{rows()[i]['text']}”" in card for i in quoted)


def test_a_head_saves_reloads_and_predicts_the_same(tmp_path):
    rng = np.random.default_rng(0)
    x = rng.normal(size=(40, 6))
    y = (x[:, 0] + 0.3 * rng.normal(size=40) > 0).astype(int)
    head, tuning = fit_code("toy_code", x, y, np.array([str(i) for i in range(40)]), context=False,
                            info={"custom": True})
    write_model(tmp_path / "toy_code", head.save, {})
    again = load_head("toy_code", tmp_path / "toy_code")
    assert np.allclose(again.predict_proba(x), head.predict_proba(x)) and again.threshold == tuning["threshold"]
    assert (again.decide(again.predict_proba(x)) == y).mean() > 0.8


# --- coding sessions with it -------------------------------------------------------------------


@pytest.mark.slow
def test_analyze_with_plus_code_adds_column_summary_and_model(models, tmp_path):
    from transcript_analyzer.api import Analyzer
    from transcript_analyzer.io.writers import utterances_csv

    analyzer = Analyzer(markers=f"+{CODE}").load()
    session = analyzer.analyze(SAMPLES / "strong_alliance.txt")
    therapist = [u for u in session.utterances if u.role == "therapist"]
    assert all(len(u.markers) == 14 and u.markers[-1].marker == CODE for u in therapist)
    summary = {s.marker: s for s in session.metrics.markers}
    assert CODE in summary and summary[CODE].per_100 <= 5  # nobody asks about sleep in this session
    assert session.metrics.alliance is not None  # '+' keeps the defaults, and the index
    info = {m.name: m for m in session.meta.models}[CODE]
    card = json.loads((models / CODE / "metrics.json").read_text(encoding="utf-8"))
    assert info.sha256 == card["weights_sha256"]
    header = utterances_csv(session).decode("utf-8").splitlines()[0].split(",")
    at = header.index(CODE)  # the therapist codes, the user's own last among them; then the client codes
    assert header[at + 1] == f"{CODE}_p" and "empathy" in header[:at]
    assert all(c.startswith(("change_talk", "sustain_talk", "rupture_", "risk_talk")) for c in header[at + 2:])

    transcript = tmp_path / "sleep.txt"
    transcript.write_text("Therapist: What brings you here today?\nClient: I'm worn out, everything feels heavy.\n"
                          "Therapist: How have you been sleeping since the funeral?\nClient: Badly. I'm up at four.\n"
                          "Therapist: That sounds exhausting. What does your week look like?\n", encoding="utf-8")
    coded = analyzer.analyze(transcript)
    decided = {u.text: u.markers[-1] for u in coded.utterances if u.role == "therapist"}
    asked = decided["How have you been sleeping since the funeral?"]
    assert asked.decision and any("sleep" in w.lower() for w in asked.evidence)
    assert not decided["What brings you here today?"].decision


@pytest.mark.slow
def test_analyze_with_a_plain_list_codes_only_those(models):
    from transcript_analyzer.api import Analyzer

    session = Analyzer(markers=f"{CODE},empathy").analyze(SAMPLES / "strong_alliance.txt")
    assert {m.marker for u in session.utterances for m in u.markers} == {CODE, "empathy"}


def test_unknown_code_lists_the_installed_ones(models):
    from transcript_analyzer.api import Analyzer

    with pytest.raises(ConfigError, match=f"unknown marker 'sleep'.*custom codes installed in .*{CODE}"):
        Analyzer(markers="+sleep")


def test_cli_markers_lists_installed_codes_with_their_cv_line(models):
    from transcript_analyzer.cli import main

    result = CliRunner().invoke(main, ["markers"])
    assert result.exit_code == 0
    assert f"{CODE}  [custom]  The therapist asks about the client's sleep." in result.output
    assert "cross-validated by conversation; custom code" in result.output


def test_cli_train_errors(tmp_path, monkeypatch):
    from transcript_analyzer.cli import main

    monkeypatch.setenv("TA_MODELS_DIR", str(tmp_path))
    bad = tmp_path / "bad.csv"
    bad.write_text("text,label\nHi,perhaps\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["train", "--labels", str(bad), "--name", "greeting"])
    assert result.exit_code == 2 and f"{bad}, line 2: label 'perhaps'" in result.output
    result = CliRunner().invoke(main, ["train", "--labels", str(LABELS)])
    assert result.exit_code == 2 and "--name" in result.output
    result = CliRunner().invoke(main, ["train", "--labels", str(LABELS), "--name", "confront"])
    assert result.exit_code == 2 and "clashes with the shipped marker" in result.output
