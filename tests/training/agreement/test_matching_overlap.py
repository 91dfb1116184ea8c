"""`evaluate --gold`: matching gold sessions to predicted ones (id, file name, run folder, content),
the message when some do not match, the warning for sessions in the shipped models' training data,
and the bootstrap intervals in the table, JSON and CSV."""

from __future__ import annotations

import csv
import json
import random
from pathlib import Path

import pytest
from click.testing import CliRunner

from transcript_analyzer.cli import main
from transcript_analyzer.errors import InputError
from transcript_analyzer.model import Session, SessionMeta, Turn, Utterance
from transcript_analyzer.review.file import content_sha256
from transcript_analyzer.training.agreement.human_agreement import evaluate_agreement
from transcript_analyzer.training.agreement.report import format_table, report_dict, write_report

from .test_human_agreement import ANNOMI, ANNOMI_ROWS, PRED_7, code, write_csv, write_pred

SIMPLE = ("session_id", "utterance_index", "code", "value")


def lines(session: str, decisions: list[int]) -> list[tuple]:
    return [(i, "therapist", f"Line {i} of {session}.", {"open_question": d}) for i, d in enumerate(decisions)]


def write_session_json(folder: Path, session_id: str, source_file: str, texts: list[str]) -> Session:
    utterances = tuple(Utterance(i, i, "T", "therapist", t) for i, t in enumerate(texts))
    session = Session(meta=SessionMeta(session_id=session_id, source_file=source_file, source_sha256="ab" * 32),
                      turns=tuple(Turn(i, "T", t, role="therapist") for i, t in enumerate(texts)), utterances=utterances)
    (folder / "session.json").write_text(json.dumps(session.to_dict()), encoding="utf-8")
    return session


# ---- matching -----------------------------------------------------------------------------------


def test_sessions_match_by_file_name_run_folder_and_batch_path(tmp_path):
    run = tmp_path / "run"
    # analyze --out run/a with a session id from a manifest; the analysed file was interview_a.csv
    write_pred(run / "a", "s001", lines("a", [1, 0]))
    write_session_json(run / "a", "s001", "/data/interview_a.csv", ["Line 0 of a.", "Line 1 of a."])
    write_pred(run / "folder_b", "s002", lines("b", [1, 0]))  # no session.json: the folder's name
    write_pred(run / "site__c", "site/c", lines("c", [1, 0]))  # a batch id: the path below the input folder
    gold = write_csv(tmp_path / "gold.csv", SIMPLE, [(s, i, "open_question", v) for s in ("interview_a", "folder_b", "c")
                                                     for i, v in enumerate([1, 0])])
    report = evaluate_agreement(gold, run)
    assert report.match.pairs == {"interview_a": "s001", "folder_b": "s002", "c": "site/c"}
    assert report.match.how == {"interview_a": "file name", "folder_b": "run folder", "c": "file name"}
    assert not report.missing and code(report, "open_question").kappa == pytest.approx(1.0)
    assert "3 matched (2 by file name, 1 by run folder)" in format_table(report)


def test_a_batch_runs_session_folders_give_the_analysed_files_names(tmp_path):
    run = tmp_path / "batch"
    rows = [(i, "therapist", f"Line {i} of {s}.", {"open_question": d}) for s in ("x1", "x2") for i, d in enumerate([1, 0])]
    write_pred(tmp_path / "one", "x1", rows[:2])
    write_pred(tmp_path / "two", "x2", rows[2:])
    run.mkdir()
    body = [(tmp_path / n / "utterances.csv").read_text().splitlines() for n in ("one", "two")]
    (run / "utterances.csv").write_text("\n".join([*body[0], *body[1][1:]]) + "\n")  # the corpus table
    for sid, source in (("x1", "/in/interview_one.txt"), ("x2", "/in/interview_two.txt")):
        (run / "sessions" / sid).mkdir(parents=True)
        write_session_json(run / "sessions" / sid, sid, source, [f"Line 0 of {sid}.", f"Line 1 of {sid}."])
    gold = write_csv(tmp_path / "gold.csv", SIMPLE, [("interview_two", i, "open_question", v) for i, v in enumerate([1, 0])])
    report = evaluate_agreement(gold, run)
    assert report.match.pairs == {"interview_two": "x2"} and report.match.how == {"interview_two": "file name"}
    assert report.match.unmatched_pred == ("x1",) and not report.warnings


def test_sessions_match_by_content_hash_and_by_text(tmp_path):
    run = tmp_path / "run"
    write_pred(run / "x", "renamed", lines("x", [1, 0]))
    session = write_session_json(run / "x", "renamed", "/elsewhere/other.txt", ["Line 0 of x.", "Line 1 of x."])
    gold = write_csv(tmp_path / "gold.csv", (*SIMPLE, "session_sha256"),
                     [("coded_x", i, "open_question", v, content_sha256(session)) for i, v in enumerate([1, 0])])
    report = evaluate_agreement(gold, run)
    assert report.match.pairs == {"coded_x": "renamed"} and report.match.how == {"coded_x": "content hash"}
    # an AnnoMI-layout gold file whose transcript_id is not the analysed file's name: the same text
    annomi = write_csv(tmp_path / "annomi.csv", ANNOMI, ANNOMI_ROWS)
    write_pred(tmp_path / "run2" / "transcript_seven", "transcript_seven", PRED_7)
    report = evaluate_agreement(annomi, tmp_path / "run2")
    assert report.match.pairs == {"7": "transcript_seven"} and report.match.how == {"7": "text"}
    assert code(report, "open_question").kappa == pytest.approx(1.0)


def test_annomi_layout_session_id_column_names_the_session(tmp_path):
    rows = [(*r, "session_seven") for r in ANNOMI_ROWS]
    gold = write_csv(tmp_path / "annomi.csv", (*ANNOMI, "session_id"), rows)
    write_pred(tmp_path / "run", "session_seven", [(t, r, text + " (edited)", c) for t, r, text, c in PRED_7])
    report = evaluate_agreement(gold, tmp_path / "run")
    assert report.match.how == {"session_seven": "session id"}


def test_an_ambiguous_name_matches_nothing_and_the_message_lists_both_sides_and_the_fix(tmp_path):
    run = tmp_path / "run"
    write_pred(run / "one", "site_a/61", lines("a", [1, 0]))
    write_pred(run / "two", "site_b/61", lines("b", [0, 0]))
    write_pred(run / "three", "s3", lines("s3", [1, 1]))
    gold = write_csv(tmp_path / "gold.csv", SIMPLE, [(s, 0, "open_question", 1) for s in ("61", "s3", "zz")])
    report = evaluate_agreement(gold, run)
    assert report.sessions == ("s3",) and report.missing == ("61", "zz")
    message = report.warnings[0]
    assert "2 of 3 gold sessions matched no predicted session and are left out: 61, zz" in message
    assert "no gold session matched: site_a/61, site_b/61" in message
    assert "add a session_id column" in message and "--match MAP.csv" in message


def test_no_match_at_all_is_an_error_with_exit_2(tmp_path):
    run = tmp_path / "run"
    for i in range(14):
        write_pred(run / f"p{i}", f"pred_{i}", lines(f"p{i}", [1, 0]))
    gold = write_csv(tmp_path / "gold.csv", SIMPLE, [(f"gold_{i}", 0, "open_question", 1) for i in range(12)])
    with pytest.raises(InputError) as e:
        evaluate_agreement(gold, run)
    assert "none of its 12 sessions (gold_0, gold_1" in str(e.value) and "(and 2 more)" in str(e.value)
    assert "pred_0, pred_1" in str(e.value) and "(and 4 more)" in str(e.value)
    result = CliRunner().invoke(main, ["evaluate", "--gold", str(gold), "--pred", str(run)])
    assert result.exit_code == 2 and "--match MAP.csv" in result.output


def test_an_explicit_map_pairs_sessions(tmp_path):
    run = tmp_path / "run"
    write_pred(run / "p", "pred_x", lines("p", [1, 0]))
    write_pred(run / "q", "gold_y", lines("q", [0, 0]))
    gold = write_csv(tmp_path / "gold.csv", SIMPLE, [("gold_y", i, "open_question", v) for i, v in enumerate([1, 0])])
    pairs = write_csv(tmp_path / "map.csv", ("gold_session_id", "pred_session_id"), [("gold_y", "pred_x")])
    report = evaluate_agreement(gold, run, match=pairs)
    assert report.match.pairs == {"gold_y": "pred_x"} and report.match.how == {"gold_y": "--match"}
    bad = write_csv(tmp_path / "bad.csv", ("gold_session_id", "pred_session_id"), [("gold_y", "nope")])
    with pytest.raises(InputError, match="line 2: predicted session 'nope' is not under"):
        evaluate_agreement(gold, run, match=bad)
    result = CliRunner().invoke(main, ["evaluate", "--gold", str(gold), "--pred", str(run), "--match", str(pairs)])
    assert result.exit_code == 0 and "1 by --match" in result.output


# ---- overlap with the shipped models' training data ----------------------------------------------


def annomi_case(shared_data: Path, tmp_path: Path, splits: dict[str, int]) -> tuple[Path, Path]:
    """A gold file (AnnoMI layout) of real AnnoMI transcripts from the given splits, and a run that
    codes them (one utterance per row, decisions from the gold codes with some noise; no model)."""
    from transcript_analyzer.training.corpora.examples import split_of

    with open(shared_data / "annomi" / "annomi-full.dev.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    ids = list(dict.fromkeys(r["transcript_id"] for r in rows))
    chosen = [t for split, n in splits.items() for t in [t for t in ids if split_of("annomi", t) == split][:n]]
    rng = random.Random(0)
    for t in chosen:
        utterances = []
        for r in (r for r in rows if r["transcript_id"] == t):
            q = r["question_subtype"]
            codes = {"open_question": int((q == "open") != (rng.random() < 0.15)), "closed_question": int(q == "closed")}
            utterances.append((len(utterances), r["interlocutor"], r["utterance_text"], codes))
        write_pred(tmp_path / "run" / f"transcript_{t}", f"transcript_{t}", utterances)
    gold = write_csv(tmp_path / "annomi.csv", list(rows[0]), [list(r.values()) for r in rows if r["transcript_id"] in chosen])
    return gold, tmp_path / "run"


@pytest.mark.data
def test_gold_sessions_from_the_training_split_warn(shared_data, tmp_path):
    gold, run = annomi_case(shared_data, tmp_path, {"train": 4, "val": 1, "test": 2})
    report = evaluate_agreement(gold, run)
    verdicts = {o.session_id: o.in_training for o in report.overlaps}
    assert sorted(verdicts.values()) == ["none", "none", "train", "train", "train", "train", "validation"]
    assert all(o.share >= 0.9 for o in report.overlaps if o.in_training != "none")
    assert all(o.share <= 0.1 for o in report.overlaps if o.in_training == "none")
    warning = next(w for w in report.warnings if "training" in w)
    assert "5 of 7 gold sessions were in the shipped models' training (4) or validation (1) data" in warning
    assert code(report, "open_question").sessions_in_training == 5
    result = CliRunner().invoke(main, ["evaluate", "--gold", str(gold), "--pred", str(run), "--out", str(tmp_path / "o")])
    assert result.exit_code == 0 and "warning: 5 of 7 gold sessions were in the shipped models' training" in result.output
    assert "5/7" in result.output
    sessions = list(csv.DictReader(open(tmp_path / "o" / "agreement_sessions.csv", encoding="utf-8")))
    assert sorted(r["in_training"] for r in sessions) == sorted(verdicts.values())
    data = json.loads((tmp_path / "o" / "agreement.json").read_text())
    assert {m["session_id"]: m["in_training"] for m in data["matched_sessions"]} == verdicts
    assert data["matched_sessions"][0]["by_model"]["coder"]["units"] > 10
    # --exclude-training scores the two test-split sessions alone
    alone = evaluate_agreement(gold, run, exclude_training=True)
    assert len(alone.sessions) == 2 and len(alone.excluded) == 5 and code(alone, "open_question").sessions_in_training == 0


def test_invented_sessions_are_not_in_training(tmp_path):
    texts = ["So what brought you in to see me this week, after everything that happened with your sister?",
             "You have been carrying the worry about the move to Leeds on your own for months now.",
             "It sounds like the night shifts at the bakery leave you too tired to argue with anyone.",
             "What would it mean for you if the garden project went ahead without your brother's help?"]
    write_pred(tmp_path / "run", "invented", [(i, "therapist", t, {"open_question": i % 2}) for i, t in enumerate(texts)])
    gold = write_csv(tmp_path / "gold.csv", SIMPLE, [("invented", i, "open_question", i % 2) for i in range(4)])
    report = evaluate_agreement(gold, tmp_path / "run")
    assert [(o.in_training, o.share, o.units) for o in report.overlaps] == [("none", 0.0, 4)]
    assert not report.warnings


def test_without_manifests_the_overlap_is_unknown_and_said_so(tmp_path):
    write_pred(tmp_path / "run", "s1", lines("s1", [1, 0]))
    gold = write_csv(tmp_path / "gold.csv", SIMPLE, [("s1", i, "open_question", v) for i, v in enumerate([1, 0])])
    (tmp_path / "models").mkdir()
    report = evaluate_agreement(gold, tmp_path / "run", models=tmp_path / "models")
    assert report.overlaps[0].in_training == "unknown"
    assert "no split manifests (split_manifest.json.gz)" in report.warnings[0]


# ---- intervals in the table, JSON and CSV ---------------------------------------------------------


def test_intervals_appear_in_table_json_and_csv(tmp_path):
    run, rows = tmp_path / "run", []
    rng = random.Random(3)
    for s in range(8):
        gold_codes = [int(rng.random() < 0.4) for _ in range(12)]
        model_codes = [g if rng.random() < 0.8 else 1 - g for g in gold_codes]
        write_pred(run / f"s{s}", f"s{s}", lines(f"s{s}", model_codes))
        rows += [(f"s{s}", i, "open_question", v) for i, v in enumerate(gold_codes)]
    gold = write_csv(tmp_path / "gold.csv", SIMPLE, rows)
    report = evaluate_agreement(gold, run)
    c = code(report, "open_question")
    for name, value in (("kappa", c.kappa), ("f1", c.f1), ("alpha", c.alpha), ("icc", c.icc)):
        low, high = c.intervals[name]
        assert low <= value <= high and low < high, name
    assert evaluate_agreement(gold, run).codes[0].intervals == c.intervals  # fixed seed: the same every run
    table = format_table(report)
    assert f"{c.kappa:.3f} [{c.intervals['kappa'][0]:.2f}, {c.intervals['kappa'][1]:.2f}]" in table
    assert "F1 [95% CI]" in table and "ICC(2,1) [95% CI]" in table and "1000 resamples" in table
    row = report_dict(report)["codes"][0]
    assert row["kappa_low"] == pytest.approx(c.intervals["kappa"][0], abs=1e-4) and row["icc_2_1_high"] is not None
    write_report(report, tmp_path / "o")
    line = next(csv.DictReader(open(tmp_path / "o" / "agreement.csv", encoding="utf-8")))
    for column in ("kappa_low", "kappa_high", "f1_low", "f1_high", "alpha", "alpha_low", "alpha_high", "icc_2_1_low",
                   "icc_2_1_high"):
        assert line[column] != "", column


def test_three_coders_get_krippendorffs_alpha_with_intervals(tmp_path):
    run, rows = tmp_path / "run", []
    a = [1, 1, 1, 1, 0, 0, 0, 0, 0, 0]
    b = [1, 1, 1, 0, 1, 0, 0, 0, 0, 0]
    c = [1, 0, 1, 1, 0, 0, 0, 0, 1, 0]
    for s in ("s1", "s2", "s3"):
        write_pred(run / s, s, lines(s, a))
        rows += [(s, i, "open_question", v, coder) for coder, values in (("A", a), ("B", b), ("C", c))
                 for i, v in enumerate(values)]
    gold = write_csv(tmp_path / "gold.csv", (*SIMPLE, "annotator"), rows)
    h = code(evaluate_agreement(gold, run), "open_question").human
    import krippendorff
    import numpy as np

    expected = krippendorff.alpha(reliability_data=np.array([a * 3, b * 3, c * 3]), level_of_measurement="nominal")
    assert h.annotators == 3 and h.human_alpha == pytest.approx(expected)
    assert h.model_alpha > h.human_alpha  # the model agrees with A, the majority
    assert h.intervals["human_alpha"] == (pytest.approx(expected), pytest.approx(expected))  # three identical sessions
