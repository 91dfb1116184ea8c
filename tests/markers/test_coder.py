"""The shipped coder (ONNX): its configuration, deterministic outputs, context that matters, and
plain cases it must get right."""

import numpy as np
import pytest

from transcript_analyzer.markers.coder import Coder

pytestmark = pytest.mark.slow  # loads the shipped model


@pytest.fixture(scope="module")
def coder():
    return Coder().load()


def test_configuration_is_consistent(coder):
    offsets = [t.offset for t in coder.tasks.values()]
    widths = [len(t.classes) for t in coder.tasks.values()]
    assert offsets == list(np.cumsum([0] + widths[:-1]))
    assert {"mi_main", "question_type", "reflection_type", "epitome_er", "epitome_ip", "epitome_ex",
            "positive_regard", "self_disclosure", "advice", "confront", "client_talk"} <= set(coder.tasks)
    for t in coder.tasks.values():
        assert t.temperature > 0 and (t.threshold is None or t.positive in t.classes)
    assert coder.info().sha256 and coder.info().stage == "markers"


def test_outputs_do_not_depend_on_the_other_pairs_in_a_call(coder):
    pairs = [("client: I can't sleep and work is piling up.", "So you're exhausted and it keeps building."),
             ("", "What brings you in today?"), ("client: My sister called.", "How did that go?")]
    together = coder.logits([c for c, _ in pairs], [t for _, t in pairs])
    alone = np.stack([coder.logits([c], [t])[0] for c, t in pairs])
    assert np.array_equal(together, alone)
    assert np.array_equal(together, coder.logits([c for c, _ in pairs], [t for _, t in pairs]))


def test_the_context_is_read(coder):
    target = "That makes sense."
    a = coder.logits(["client: My mum died last month and I can't stop crying."], [target])
    b = coder.logits(["client: The bus was late again."], [target])
    assert not np.allclose(a, b)


def test_plain_cases(coder):
    out = coder.predict(["", "client: Nobody at work listens to me, and I'm the one who stays late every night.",
                         "client: I want to cut down on drinking."],
                        ["What brings you here today?", "So you feel invisible at work, even though you give the most.",
                         "Would you tell me more about a typical evening?"], ["mi_main", "question_type"])
    main = [coder.tasks["mi_main"].classes[k] for k in out["mi_main"][1]]
    assert main == ["question", "reflection", "question"]
    assert coder.tasks["question_type"].classes[out["question_type"][1][0]] == "open"
