"""`evaluate --gold --pred`: gold layouts, alignment, agreement statistics, output and the CLI.

Predictions are hand-written utterances.csv files (no models), except in the one slow test that
runs the real analyzer on AnnoMI transcripts."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from transcript_analyzer.cli import main
from transcript_analyzer.errors import InputError
from transcript_analyzer.training.agreement.stats import icc_2_1
from transcript_analyzer.training.agreement.alignment import normalise
from transcript_analyzer.training.agreement.gold import read_gold
from transcript_analyzer.training.agreement.human_agreement import (
    evaluate_agreement, format_table, reference_label, report_dict, write_report)

MARKERS = ("open_question", "closed_question", "simple_reflection", "complex_reflection", "giving_information",
           "advice_with_permission", "advice_without_permission")
BASE = ("session_id", "utterance_index", "turn_index", "speaker", "role", "start", "end", "time_source", "text")
ANNOMI = ("transcript_id", "utterance_id", "interlocutor", "utterance_text", "main_therapist_behaviour",
          "question_subtype", "reflection_subtype", "therapist_input_subtype")


def write_pred(folder: Path, session_id: str, utterances: list[tuple], corpus: str | None = None) -> Path:
    """utterances: (turn_index, role, text, {marker: decision}); probability 0.9 for a 1, 0.1 for a 0.
    Client utterances get empty decisions, as the tool writes them."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "utterances.csv"
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow([*(["corpus"] if corpus else []), *BASE, *(c for m in MARKERS for c in (m, f"{m}_p"))])
        for i, (turn, role, text, codes) in enumerate(utterances):
            cells = []
            for m in MARKERS:
                d = codes.get(m, 0)
                cells += ["", ""] if role == "client" else [d, 0.9 if d else 0.1]
            writer.writerow([*([corpus] if corpus else []), session_id, i, turn, role.title(), role, "", "", "", text,
                             *cells])
    return path


def write_csv(path: Path, header: tuple | list, rows: list) -> Path:
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def code(report, name):
    return next(c for c in report.codes if c.code == name)


# ---- simple layout ---------------------------------------------------------------------------

# Ten therapist utterances. Gold open_question = 1 1 1 1 0 0 0 0 0 0, model = 1 1 1 0 1 0 0 0 0 0:
# tp 3, fp 1, fn 1, tn 5. Observed agreement 8/10 = 0.8; both code 4 of 10 positive, so chance
# agreement = 0.4*0.4 + 0.6*0.6 = 0.52; kappa = (0.8 - 0.52) / (1 - 0.52) = 0.28 / 0.48 = 0.58333.
GOLD_OPEN = [1, 1, 1, 1, 0, 0, 0, 0, 0, 0]
MODEL_OPEN = [1, 1, 1, 0, 1, 0, 0, 0, 0, 0]


def simple_case(tmp_path: Path) -> tuple[Path, Path]:
    pred = tmp_path / "run"
    write_pred(pred, "s1", [(i, "therapist", f"Sentence number {i}?", {"open_question": d})
                            for i, d in enumerate(MODEL_OPEN)])
    gold = write_csv(tmp_path / "gold.csv", ("session_id", "utterance_index", "code", "value"),
                     [("s1", i, "open_question", ["no", "yes"][v]) for i, v in enumerate(GOLD_OPEN)])
    return gold, pred


def test_simple_layout_known_kappa(tmp_path):
    gold, pred = simple_case(tmp_path)
    report = evaluate_agreement(gold, pred)
    c = code(report, "open_question")
    assert (c.units, c.support, c.predicted, c.tp, c.fp, c.fn, c.tn) == (10, 4, 4, 3, 1, 1, 5)
    assert c.kappa == pytest.approx(0.28 / 0.48)
    assert (c.precision, c.recall, c.f1) == (pytest.approx(0.75), pytest.approx(0.75), pytest.approx(0.75))
    assert report.layout == "utterance" and report.sessions == ("s1",) and not report.warnings
    assert [(s.session_id, s.gold_per_100, s.model_per_100) for s in c.sessions] == [("s1", 40.0, 40.0)]
    assert c.icc is None and c.spearman is None  # one session: no session-level statistics


def test_wide_layout_is_a_blank_copy_of_utterances_csv_filled_by_a_coder(tmp_path):
    _, pred = simple_case(tmp_path)
    rows = [("s1", i, i, "therapist", f"Sentence number {i}?", v, "") for i, v in enumerate(GOLD_OPEN)]
    rows.append(("s1", 10, 10, "client", "A client line.", "", ""))
    gold = write_csv(tmp_path / "wide.csv", ("session_id", "utterance_index", "turn_index", "role", "text",
                                             "open_question", "complex_reflection"), rows)
    report = evaluate_agreement(gold, pred)
    c = code(report, "open_question")
    assert report.layout == "utterance" and c.kappa == pytest.approx(0.28 / 0.48) and c.units == 10
    assert [x.code for x in report.codes] == ["open_question"]  # the empty complex_reflection column coded nothing
    own = write_pred(tmp_path / "copy", "s1", [(0, "therapist", "Hi?", {"open_question": 1})])
    with pytest.raises(InputError, match="tool's own utterances.csv"):
        read_gold(own)


def test_turn_index_aggregates_utterances(tmp_path):
    # turn 0: two sentences, the second an open question -> the turn is predicted positive (p = max = 0.9)
    # turn 1: client; turn 2: one sentence, not a question. Gold: turn 0 = 1, turn 2 = 1 -> tp 1, fn 1.
    write_pred(tmp_path / "run", "s1", [(0, "therapist", "I hear you.", {}),
                                        (0, "therapist", "What happened?", {"open_question": 1}),
                                        (1, "client", "Not much.", {}), (2, "therapist", "Tell me.", {})])
    gold = write_csv(tmp_path / "gold.csv", ("session_id", "turn_index", "code", "value"),
                     [("s1", 0, "open_question", 1), ("s1", 2, "open_question", "true")])
    report = evaluate_agreement(gold, tmp_path / "run")
    c = code(report, "open_question")
    assert report.layout == "turn" and (c.tp, c.fn, c.fp, c.tn) == (1, 1, 0, 0)
    assert dict(report.alignments[0].units)[0] == (0, 1)


def test_advice_is_the_union_of_the_two_advice_markers(tmp_path):
    write_pred(tmp_path / "run", "s1", [(0, "therapist", "Try walking.", {"advice_without_permission": 1}),
                                        (1, "therapist", "If you like, try tea.", {"advice_with_permission": 1}),
                                        (2, "therapist", "Okay.", {})])
    gold = write_csv(tmp_path / "gold.csv", ("session_id", "utterance_index", "code", "value"),
                     [("s1", 0, "advice", 1), ("s1", 1, "advice", 1), ("s1", 2, "advice", 0)])
    c = code(evaluate_agreement(gold, tmp_path / "run"), "advice")
    assert (c.tp, c.fp, c.fn, c.tn) == (2, 0, 0, 1) and c.kappa == pytest.approx(1.0)


# ---- AnnoMI layout and text alignment ---------------------------------------------------------

ANNOMI_ROWS = [  # transcript 7: the tool merges rows 2 and 3 (same speaker) and splits them into sentences
    ("7", 0, "therapist", "Hi, Sam. How are things going?", "question", "open", "n/a", "n/a"),
    ("7", 1, "client", "Not great, honestly.", "n/a", "n/a", "n/a", "n/a"),
    ("7", 2, "therapist", "Things have been hard.", "reflection", "n/a", "simple", "n/a"),
    ("7", 3, "therapist", "Did you sleep? Smoking makes it worse.", "question", "closed", "n/a", "information"),
    ("7", 4, "client", "I slept a bit.", "n/a", "n/a", "n/a", "n/a"),
    ("7", 5, "therapist", "You'd like to feel rested again.", "reflection", "n/a", "complex", "n/a"),
]
PRED_7 = [
    (0, "therapist", "Hi, Sam.", {}),
    (0, "therapist", "How are things going?", {"open_question": 1}),
    (1, "client", "Not great, honestly.", {}),
    (2, "therapist", "Things have been hard.", {"complex_reflection": 1}),
    (2, "therapist", "Did you sleep?", {"closed_question": 1}),
    (2, "therapist", "Smoking makes it worse.", {"giving_information": 1}),
    (3, "client", "I slept a bit.", {}),
    (4, "therapist", "You'd like to feel rested again.", {"complex_reflection": 1}),
]


def test_annomi_layout_aligns_rows_to_sentences(tmp_path):
    gold = write_csv(tmp_path / "annomi.csv", ANNOMI, ANNOMI_ROWS)
    write_pred(tmp_path / "run" / "7", "7", PRED_7)
    report = evaluate_agreement(gold, tmp_path / "run")
    a = report.alignments[0]
    assert (a.method, a.coverage, a.unaligned_chars) == ("exact", 1.0, 0)
    assert {u: a.units[u] for u in (0, 2, 3, 5)} == {0: (0, 1), 2: (3,), 3: (4, 5), 5: (7,)}
    # 4 therapist units; open: gold 1 0 0 0, model 1 0 0 0 -> kappa 1
    assert code(report, "open_question").kappa == pytest.approx(1.0)
    # complex reflection: gold 0 0 0 1, model 0 1 0 1 -> tp 1, fp 1, tn 2. po = 3/4; gold 1/4 positive,
    # model 2/4: pe = 0.25*0.5 + 0.75*0.5 = 0.5; kappa = (0.75 - 0.5) / 0.5 = 0.5
    c = code(report, "complex_reflection")
    assert (c.tp, c.fp, c.fn, c.tn) == (1, 1, 0, 2) and c.kappa == pytest.approx(0.5)
    # simple reflection: gold 0 1 0 0, model never -> po 3/4, pe = 0.75*1 = 0.75 -> kappa 0
    assert code(report, "simple_reflection").kappa == pytest.approx(0.0)
    assert code(report, "giving_information").tp == 1 and code(report, "closed_question").tp == 1
    assert report.codes[0].units == 4


def test_annomi_alignment_falls_back_to_difflib_and_counts_what_is_lost(tmp_path):
    gold = write_csv(tmp_path / "annomi.csv", ANNOMI, ANNOMI_ROWS)
    redacted = [(t, r, text.replace("Sam", "[PERSON]"), c) for t, r, text, c in PRED_7]
    write_pred(tmp_path / "run", "7", redacted)
    report = evaluate_agreement(gold, tmp_path / "run")
    a = report.alignments[0]
    therapist = sum(len(normalise(r[3])) for r in ANNOMI_ROWS if r[2] == "therapist")
    assert a.method == "fuzzy" and a.unaligned_chars == len("sam") and a.therapist_chars == therapist
    assert a.units[0] == (0, 1) and a.units[3] == (4, 5)
    assert code(report, "open_question").kappa == pytest.approx(1.0)


def test_annomi_sentence_across_rows_belongs_to_the_row_it_starts_in(tmp_path):
    # the tool's sentence "So you want to quit?" starts in row 0 and ends in row 1: it belongs to row 0;
    # "Tell me more." starts in row 1, so it belongs to row 1. No sentence starts in row 2 ("more."): it
    # borrows the one covering its first character, "Tell me more.".
    rows = [("1", 0, "therapist", "So you", "n/a", "n/a", "n/a", "n/a"),
            ("1", 1, "therapist", "want to quit? Tell me", "question", "closed", "n/a", "n/a"),
            ("1", 2, "therapist", "more.", "question", "open", "n/a", "n/a")]
    gold = write_csv(tmp_path / "annomi.csv", ANNOMI, rows)
    write_pred(tmp_path / "run", "1", [(0, "therapist", "So you want to quit?", {"closed_question": 1}),
                                       (0, "therapist", "Tell me more.", {"open_question": 1})])
    report = evaluate_agreement(gold, tmp_path / "run")
    assert report.alignments[0].units == {0: (0,), 1: (1,), 2: (1,)}
    # closed: gold 0 1 0, model 1 0 0; open: gold 0 0 1, model 0 1 1
    assert (code(report, "closed_question").fp, code(report, "closed_question").fn) == (1, 1)
    assert (code(report, "open_question").tp, code(report, "open_question").fp) == (1, 1)


def test_annomi_mapping_and_annotator_id(tmp_path):
    rows = [("3", 0, "therapist", "Would you consider a patch?", "therapist_input", "closed", "n/a", "advice", "a"),
            ("3", 1, "therapist", "Let's plan.", "therapist_input", "n/a", "n/a", "negotiation", "a")]
    gold = read_gold(write_csv(tmp_path / "g.csv", (*ANNOMI, "annotator_id"), rows))
    values = {(label.unit, label.code): label.value for label in gold.labels}
    assert values[(0, "advice")] == 1 and values[(0, "closed_question")] == 1 and values[(0, "open_question")] == 0
    assert not any(values[(1, c)] for c in gold.codes)
    assert gold.annotators == ("a",) and gold.layout == "annomi"


# ---- several annotators ----------------------------------------------------------------------


def test_two_annotators_human_human_kappa(tmp_path):
    pred = tmp_path / "run"
    # model agrees with annotator A everywhere
    a = [1, 1, 1, 1, 0, 0, 0, 0, 0, 0]
    b = [1, 1, 1, 0, 1, 0, 0, 0, 0, 0]
    write_pred(pred, "s1", [(i, "therapist", f"Line {i}.", {"open_question": v}) for i, v in enumerate(a)])
    rows = [("s1", i, "open_question", v, coder) for coder, values in (("A", a), ("B", b)) for i, v in enumerate(values)]
    gold = write_csv(tmp_path / "gold.csv", ("session_id", "utterance_index", "code", "value", "annotator"), rows)
    report = evaluate_agreement(gold, pred)
    c = code(report, "open_question")
    h = c.human
    # A vs B: po 0.8, both 40 % positive: pe 0.52 -> kappa 0.58333 (one pair)
    assert h.annotators == 2 and h.shared_units == 10 and h.pairs == 1
    assert h.human_kappa == pytest.approx(0.28 / 0.48)
    # model vs A = 1, model vs B = 0.58333 -> mean 0.79167
    assert h.model_kappa_each == pytest.approx((1 + 0.28 / 0.48) / 2)
    # majority of two: units 3 and 4 are ties and left out; on the other 8 the model agrees: kappa 1
    assert c.ties == 2 and c.units == 8 and c.kappa == pytest.approx(1.0) and h.model_kappa_reference == pytest.approx(1.0)
    table = format_table(report)
    assert "human-human" in table and "0.583" in table


def test_adjudicated_label_is_the_reference():
    assert reference_label({"A": 1, "B": 0, "adjudicated": 0}) == 0
    assert reference_label({"A": 1, "B": 1, "C": 0}) == 1
    assert reference_label({"A": 1, "B": 0}) is None
    assert reference_label({"A": 0}) == 0


# ---- ICC(2,1) ---------------------------------------------------------------------------------


def test_icc_2_1_shrout_fleiss_worked_example():
    # Shrout & Fleiss (1979), Table 2: 6 targets x 4 judges. BMS 11.24, JMS 32.49, EMS 1.02 ->
    # ICC(2,1) = (11.24 - 1.02) / (11.24 + 3 * 1.02 + 4 * (32.49 - 1.02) / 6) = 0.29
    table = [[9, 2, 5, 8], [6, 1, 3, 2], [8, 4, 6, 8], [7, 1, 2, 6], [10, 5, 6, 9], [6, 2, 4, 7]]
    assert icc_2_1(table) == pytest.approx(0.2898, abs=5e-4)


def test_icc_2_1_hand_example_penalises_a_constant_offset():
    # rater 2 = rater 1 + 1. Grand mean 3.5; row means 1.5 3.5 5.5 -> SSR = 2 * (4 + 0 + 4) = 16, BMS = 8;
    # column means 3 and 4 -> SSC = 3 * (0.25 + 0.25) = 1.5, JMS = 1.5; SST = 17.5 -> SSE = 0, EMS = 0.
    # ICC(2,1) = 8 / (8 + 0 + 2 * 1.5 / 3) = 8 / 9 (consistency would be 1; absolute agreement is not).
    assert icc_2_1([[1, 2], [3, 4], [5, 6]]) == pytest.approx(8 / 9)
    assert icc_2_1([[1, 1], [2, 2], [4, 4]]) == pytest.approx(1.0)
    assert icc_2_1([[1, 1], [1, 1]]) is None and icc_2_1([[1, 2]]) is None


def test_session_level_rates_icc_and_spearman(tmp_path):
    # three sessions of 4 units; gold rates 25, 50, 75 per 100; model rates 25, 50, 100
    pred = tmp_path / "run"
    gold_rows = []
    for sid, g, m in (("a", [1, 0, 0, 0], [1, 0, 0, 0]), ("b", [1, 1, 0, 0], [1, 1, 0, 0]), ("c", [1, 1, 1, 0], [1, 1, 1, 1])):
        write_pred(pred / sid, sid, [(i, "therapist", f"Line {i}.", {"open_question": v}) for i, v in enumerate(m)])
        gold_rows += [(sid, i, "open_question", v) for i, v in enumerate(g)]
    gold = write_csv(tmp_path / "gold.csv", ("session_id", "utterance_index", "code", "value"), gold_rows)
    c = code(evaluate_agreement(gold, pred), "open_question")
    assert [(s.gold_per_100, s.model_per_100) for s in c.sessions] == [(25, 25), (50, 50), (75, 100)]
    assert c.icc == pytest.approx(icc_2_1([[25, 25], [50, 50], [75, 100]])) and 0.8 < c.icc < 1
    assert c.spearman == pytest.approx(1.0)


# ---- where predictions come from ----------------------------------------------------------------


def test_batch_table_parquet_and_missing_session_warning(tmp_path):
    import pyarrow.csv as pcsv
    import pyarrow.parquet as pq

    run = tmp_path / "batch"
    write_pred(tmp_path / "tmp", "s1", [(i, "therapist", f"Line {i}.", {"open_question": v}) for i, v in enumerate(MODEL_OPEN)],
               corpus="demo")
    run.mkdir()
    pq.write_table(pcsv.read_csv(tmp_path / "tmp" / "utterances.csv"), run / "utterances.parquet")
    rows = [("s1", i, "open_question", v) for i, v in enumerate(GOLD_OPEN)] + [("s9", 0, "open_question", 1)]
    gold = write_csv(tmp_path / "gold.csv", ("session_id", "utterance_index", "code", "value"), rows)
    report = evaluate_agreement(gold, run)
    assert code(report, "open_question").kappa == pytest.approx(0.28 / 0.48)
    assert report.missing == ("s9",) and "s9" in report.warnings[0]


# ---- bad input ----------------------------------------------------------------------------------


@pytest.mark.parametrize("header, rows, message", [
    (("session_id", "utterance_index", "label"), [("s1", 0, 1)], "columns not recognised"),
    (("session_id", "utterance_index", "code", "value"), [("s1", 0, "open_question", 1), ("s1", 1, "warmth", 1)],
     "line 3: unknown code 'warmth'"),
    (("session_id", "utterance_index", "code", "value"), [("s1", 0, "open_question", "maybe")], "line 2: value must be"),
    (("session_id", "utterance_index", "code", "value"), [("s1", "x", "open_question", 1)], "line 2: utterance_index must"),
    (("session_id", "utterance_index", "turn_index", "code", "value"), [("s1", 0, 0, "open_question", 1)], "has both"),
    (("session_id", "utterance_index", "code", "value"), [("s1", 0, "open_question", 1), ("s1", 0, "open_question", 0)],
     "coded twice"),
    (("session_id", "utterance_index", "code", "value"), [("s1", 99, "open_question", 1)], "no utterance_index 99"),
    (("session_id", "utterance_index", "code", "value"), [("s2", 0, "open_question", 1)], "none of its 1 sessions (s2)"),
    (("session_id", "utterance_index", "code", "value"), [("s1", 0, "confront", 1)], "did not code confront"),
    (ANNOMI[:4], [("s1", 0, "therapist", "Hi.")], "missing column(s) question_subtype"),
    (ANNOMI, [("s1", 0, "coach", "Hi.", "n/a", "n/a", "n/a", "n/a")], "line 2: interlocutor must be"),
    (ANNOMI, [("s1", 0, "therapist", "Hi.", "q", "rhetorical", "n/a", "n/a")], "unknown question_subtype 'rhetorical'"),
    (ANNOMI, [("s1", 0, "client", "Hi.", "n/a", "n/a", "n/a", "n/a")], "no coded units"),
])
def test_bad_gold_files(tmp_path, header, rows, message):
    write_pred(tmp_path / "run", "s1", [(0, "therapist", "Hi.", {}), (1, "therapist", "Yes.", {})])
    gold = write_csv(tmp_path / "gold.csv", header, rows)
    with pytest.raises(InputError) as e:
        evaluate_agreement(gold, tmp_path / "run")
    assert str(gold) in str(e.value) or "run" in str(e.value)
    assert message in str(e.value)


def test_bad_predictions(tmp_path):
    gold, _ = simple_case(tmp_path)
    with pytest.raises(InputError, match="predictions not found"):
        evaluate_agreement(gold, tmp_path / "nowhere")
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError, match="no utterances.parquet or utterances.csv"):
        evaluate_agreement(gold, tmp_path / "empty")
    (tmp_path / "bad").mkdir()
    write_csv(tmp_path / "bad" / "utterances.csv", ("session_id", "text"), [("s1", "Hi.")])
    with pytest.raises(InputError, match="not an utterance table"):
        evaluate_agreement(gold, tmp_path / "bad")
    with pytest.raises(InputError, match="gold file not found"):
        evaluate_agreement(tmp_path / "missing.csv", tmp_path / "run")


# ---- output and the CLI -----------------------------------------------------------------------------


def test_cli_writes_json_and_csv(tmp_path):
    gold, pred = simple_case(tmp_path)
    result = CliRunner().invoke(main, ["evaluate", "--gold", str(gold), "--pred", str(pred), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "open_question" in result.output and "0.583" in result.output
    data = json.loads((tmp_path / "out" / "agreement.json").read_text())
    assert data["codes"][0]["kappa"] == pytest.approx(0.5833) and data["codes"][0]["tp"] == 3
    assert data["codes"][0]["session_rates"] == [{"session_id": "s1", "units": 10, "gold_per_100": 40.0,
                                                  "model_per_100": 40.0, "in_training": "none"}]
    rows = list(csv.DictReader(open(tmp_path / "out" / "agreement.csv", encoding="utf-8")))
    assert [r["code"] for r in rows] == ["open_question"] and rows[0]["f1"] == "0.75"
    assert not [p for p in (tmp_path / "out").iterdir() if p.name.startswith(".tmp")]


def test_cli_bad_input_exits_2(tmp_path):
    _, pred = simple_case(tmp_path)
    bad = write_csv(tmp_path / "bad.csv", ("session_id", "utterance_index", "code", "value"), [("s1", 0, "nope", 1)])
    result = CliRunner().invoke(main, ["evaluate", "--gold", str(bad), "--pred", str(pred)])
    assert result.exit_code == 2 and "bad.csv, line 2: unknown code 'nope'" in result.output
    result = CliRunner().invoke(main, ["evaluate", "--gold", str(bad)])
    assert result.exit_code == 2 and "--gold and --pred go together" in result.output


def test_report_json_is_plain_data(tmp_path):
    gold, pred = simple_case(tmp_path)
    report = evaluate_agreement(gold, pred)
    json.dumps(report_dict(report))
    paths = write_report(report, tmp_path / "o")
    assert sorted(p.name for p in paths) == ["agreement.csv", "agreement.json", "agreement_sessions.csv"]


# ---- real data -------------------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.data
def test_annomi_test_sessions_against_the_real_analyzer(shared_data, tmp_path):
    from transcript_analyzer.api import Analyzer
    from transcript_analyzer.io.writers import write_outputs
    from transcript_analyzer.training.corpora.examples import split_of

    with open(shared_data / "annomi" / "annomi-full.dev.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    chosen = ("61", "85", "127")  # test-split transcripts of 126, 131 and 60 rows
    assert all(split_of("annomi", t) == "test" for t in chosen)
    analyzer = Analyzer(evidence=False).load()
    gold_rows = [r for r in rows if r["transcript_id"] in chosen]
    for tid in chosen:
        source = write_csv(tmp_path / f"{tid}.csv", ("speaker", "timestamp", "text"),
                           [(r["interlocutor"], r["timestamp"], r["utterance_text"]) for r in gold_rows
                            if r["transcript_id"] == tid])
        write_outputs(analyzer.analyze(source), tmp_path / "run" / tid, outputs=["json", "csv"])
    gold = write_csv(tmp_path / "annomi.csv", list(rows[0]), [list(r.values()) for r in gold_rows])
    report = evaluate_agreement(gold, tmp_path / "run")
    print(format_table(report))
    alignment = report_dict(report)["alignment"]
    assert report.sessions == chosen and alignment["coverage"] >= 0.95
    assert code(report, "open_question").kappa > 0.3


def test_cells_the_tool_escaped_for_spreadsheets_match_again(tmp_path):
    """utterances.csv writes "'-..." for a cell starting with "-" (escape.csv_cell); a coder's copy
    of it and the run itself both read back as the original ids and texts."""
    from transcript_analyzer.io.writers import utterances_csv
    from transcript_analyzer.model import MarkerScore, Session, SessionMeta, Turn, Utterance

    texts = ["-so what brings you in?", "-and then?", "=what else?", "+more?", "@all?", "Okay."]
    decisions = [1, 1, 0, 1, 0, 0]
    turns = tuple(Turn(i, "T", t, role="therapist") for i, t in enumerate(texts))
    utterances = tuple(Utterance(i, i, "T", "therapist", t, markers=(MarkerScore("open_question", 0.9 if d else 0.1,
                                                                                 bool(d)),))
                       for i, (t, d) in enumerate(zip(texts, decisions)))
    session = Session(meta=SessionMeta(session_id="-s1"), turns=turns, utterances=utterances)
    (tmp_path / "run").mkdir()
    (tmp_path / "run" / "utterances.csv").write_bytes(utterances_csv(session))
    with open(tmp_path / "run" / "utterances.csv", newline="", encoding="utf-8") as f:
        copy = [r for r in csv.DictReader(f)]
    assert copy[0]["session_id"] == "'-s1" and copy[0]["text"] == "'-so what brings you in?"
    gold = write_csv(tmp_path / "wide.csv", ("session_id", "utterance_index", "turn_index", "role", "text",
                                             "open_question"),
                     [(r["session_id"], r["utterance_index"], r["turn_index"], r["role"], r["text"], g)
                      for r, g in zip(copy, [1, 0, 0, 1, 0, 0])])
    report = evaluate_agreement(gold, tmp_path / "run")
    c = code(report, "open_question")
    assert report.sessions == ("-s1",) and not report.missing and not report.warnings
    assert report.alignments[0].text_mismatches == 0 and (c.tp, c.fp, c.fn, c.tn) == (2, 1, 0, 3)
