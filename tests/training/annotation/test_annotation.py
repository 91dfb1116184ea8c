import json

import pytest

from transcript_analyzer.errors import ConfigError
from transcript_analyzer.training.annotation import (
    join, load_annotations, reference_record, sanitise_note, text_hash,
)
from transcript_analyzer.training.heads.data import _final_labels

from ...conftest import ROOT


def mi_corpus(folder, sentences):
    (folder / "mi-welivita").mkdir(parents=True)
    rows = ["Text,Ground truth (index),Ground truth,Prediction (index),Prediction"]
    rows += [f'"{s}",0,Self-Disclose,0,Other' for s in sentences]
    (folder / "mi-welivita" / "mi_gold_sentences.csv").write_text("\n".join(rows) + "\n")


def record(sentence, row, labels, annotator="a1"):
    cand = {"corpus": "mi", "conversation_id": f"row-{row}", "utterance_index": 0, "sentence_index": -1,
            "text_sha256": text_hash(sentence), "split": "train"}
    return reference_record(cand, labels, annotator, "0.2", 'said "my own divorce was the worst year of my life" first', "test")


def test_notes_keep_reasoning_but_not_long_quotes():
    note = sanitise_note('SD-5: client consoles him ("oh no I am so sorry to hear about that"); (c)')
    assert note == "SD-5: client consoles him ([quote removed]); (c)"
    assert sanitise_note("short 'could' hedge") == "short 'could' hedge"
    text = "You really care about Sarah a great deal, and you are working hard for her."
    assert sanitise_note("affirms: you care about Sarah a great deal, working hard", text) == \
        "affirms: you [quote removed], working hard"
    assert sanitise_note("names her care for Sarah", text) == "names her care for Sarah"  # a cue of a few words stays


def test_references_join_back_and_adjudication_wins(tmp_path):
    sentences = ["When my wife left I could not sleep for a year.", "I had the same thing at your age."]
    mi_corpus(tmp_path, sentences)
    path = tmp_path / "ann.jsonl"
    recs = [record(sentences[0], 0, {"self_disclosure": "disclosure"}),
            record(sentences[0], 0, {"self_disclosure": "none"}, "b1"),
            record(sentences[1], 1, {"self_disclosure": "none"}),
            record(sentences[1], 1, {"self_disclosure": "disclosure"}, "adjudicated")]
    path.write_text("".join(json.dumps(r) + "\n" for r in recs))
    assert all(s not in json.dumps(recs) for s in sentences) and "wife" not in json.dumps(recs)
    loaded = load_annotations(path)
    final = _final_labels(loaded)
    assert [a.annotator for a in final.values()] == ["a1", "adjudicated"]
    joined = join(list(final.values()), tmp_path)
    assert [text for _, _, text in joined] == sentences


def test_a_reference_whose_text_changed_is_refused(tmp_path):
    mi_corpus(tmp_path, ["I went through the same thing myself."])
    rec = load_annotations_from(tmp_path, [record("A different sentence.", 0, {"self_disclosure": "none"})])
    with pytest.raises(ConfigError, match="no longer matches its hash"):
        join(rec, tmp_path)


def test_malformed_annotation_file(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"corpus": "mi"}\n')
    with pytest.raises(ConfigError, match="line 1: not an annotation record"):
        load_annotations(path)


def load_annotations_from(folder, records):
    path = folder / "a.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    return load_annotations(path)


@pytest.mark.data
@pytest.mark.slow
def test_every_stored_reference_still_joins(shared_data):
    for name in ("interpretation", "disclosure"):
        records = load_annotations(ROOT / "pipelines" / "annotations" / f"{name}.jsonl")
        final = list(_final_labels(records).values())
        assert len(join(final, shared_data)) == len(final) > 200


def test_the_empathy_interpretation_references_join_and_are_double_coded(shared_data):
    """pipelines/annotations/empathy_interpretation.jsonl (docs/annotation.md): every reference is
    found in EPITOME with its hash, on validation and test pairs only, at least 30 % coded twice
    independently, every disagreement and every 'client' adjudicated."""
    import json

    from sklearn.metrics import cohen_kappa_score

    from transcript_analyzer.resources import project_dir
    from transcript_analyzer.training.annotation import join, load_annotations

    path = project_dir() / "pipelines" / "annotations" / "empathy_interpretation.jsonl"
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert len(join(load_annotations(path), shared_data)) == len(records) == 294
    assert {r["split"] for r in records} == {"val", "test"}
    assert {r["labels"]["interpretation_about"] for r in records} == {"client", "own_experience", "other"}
    double = [r for r in records if r["second"]]
    assert len(double) >= 0.3 * len(records)
    for r in records:
        disagreed = r["second"] and r["second"]["label"] != r["first"]["label"]
        if disagreed or "client" in (r["first"]["label"], (r["second"] or {}).get("label")):
            assert r["annotator"] == "adjudicated"
    kappa = cohen_kappa_score([r["first"]["label"] for r in double], [r["second"]["label"] for r in double])
    assert round(kappa, 2) == 0.82  # as docs/annotation.md reports


def test_the_positive_regard_references_join_and_are_double_coded(shared_data):
    """pipelines/annotations/positive_regard.jsonl (docs/annotation.md): every reference joins with
    its hash; in the scored splits and in training, at least 30 % coded twice, every disagreement
    adjudicated, and the agreement is what the docs report."""
    import json

    from sklearn.metrics import cohen_kappa_score

    from transcript_analyzer.resources import project_dir
    from transcript_analyzer.training.annotation import join, load_annotations

    path = project_dir() / "pipelines" / "annotations" / "positive_regard.jsonl"
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert len(join(load_annotations(path), shared_data)) == len(records) == 3274
    for part, kappa in (({"val", "test"}, 0.91), ({"train"}, 0.89)):
        group = [r for r in records if r["split"] in part]
        double = [r for r in group if r["second"]]
        assert len(double) >= round(0.3 * len(group))
        assert all(r["annotator"] == "adjudicated" for r in double if r["first"]["label"] != r["second"]["label"])
        assert round(cohen_kappa_score([r["first"]["label"] for r in double], [r["second"]["label"] for r in double]), 2) == kappa
