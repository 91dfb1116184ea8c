"""The context-ablation benchmark's inputs (benchmarks/context_ablation.py): each therapist
utterance with exactly the k utterances before it, speaker-tagged and never itself; splits by
conversation; the ASR-style copy lowercases and drops punctuation."""

from benchmarks.context_ablation import CLASSES, asr_style, conversations, examples
from transcript_analyzer.training.corpora.examples import split_of


def test_asr_style_copy():
    assert asr_style("Where do you think, Sam, that feeling comes from?") == "where do you think sam that feeling comes from"
    assert asr_style("I don't know... really!") == "i don't know really"


def test_each_example_has_the_k_utterances_before_it(shared_data):
    with_context = examples(shared_data, 2, "val")
    alone = examples(shared_data, 0, "val")
    assert len(with_context) == len(alone) > 100
    assert all(context == "" for context, _, _ in alone)
    assert {y for *_, y in alone} == set(range(len(CLASSES)))
    expected = []
    for tid, rows in conversations(shared_data).items():
        if split_of("annomi", tid) != "val":
            continue
        for i, row in enumerate(rows):
            if row["interlocutor"] == "therapist":
                context = " ".join(f"{r['interlocutor']}: {r['utterance_text']}" for r in rows[max(0, i - 2):i])
                expected.append((context, row["utterance_text"], CLASSES.index(row["main_therapist_behaviour"])))
    assert with_context == expected
    assert all(target not in context for context, target, _ in with_context if len(target) > 40)
    train = {tid for tid in conversations(shared_data) if split_of("annomi", tid) == "train"}
    val = {tid for tid in conversations(shared_data) if split_of("annomi", tid) == "val"}
    assert train and val and not train & val
