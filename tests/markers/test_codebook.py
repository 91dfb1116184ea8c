import numpy as np
import pytest

from transcript_analyzer.errors import ConfigError
from transcript_analyzer.markers.codebook import MARKER_NAMES, marker, required_heads, utterance_markers

CLASSES = {"mi_main": ("other", "question", "reflection", "therapist_input"), "question_type": ("open", "closed"),
           "reflection_type": ("simple", "complex"), "input_type": ("information", "advice", "negotiation", "options"),
           "epitome_er": ("0", "1", "2"), "epitome_ip": ("0", "1", "2"), "epitome_ex": ("0", "1", "2"),
           "advice": ("no", "yes"), "self_disclosure": ("no", "yes")}


def test_chained_probabilities_and_decisions():
    out = {
        "mi_main": (np.array([[0.1, 0.8, 0.05, 0.05], [0.1, 0.1, 0.7, 0.1]]), np.array([1, 2])),
        "question_type": (np.array([[0.75, 0.25], [0.5, 0.5]]), np.array([0, 1])),
        "reflection_type": (np.array([[0.5, 0.5], [0.2, 0.8]]), np.array([0, 1])),
        "input_type": (np.array([[1.0, 0, 0, 0], [1.0, 0, 0, 0]]), np.array([0, 0])),
        # empathy: one mechanism strong is enough; its probability is the largest P(strong)
        "epitome_er": (np.array([[0.2, 0.2, 0.6], [0.9, 0.05, 0.05]]), np.array([2, 0])),
        "epitome_ip": (np.array([[0.5, 0.2, 0.3], [0.4, 0.2, 0.4]]), np.array([0, 0])),
        "epitome_ex": (np.array([[0.9, 0.1, 0.0], [0.3, 0.3, 0.4]]), np.array([0, 1])),
        "self_disclosure": (np.array([[0.9, 0.1], [0.9, 0.1]]), np.array([0, 0])),
    }
    m = utterance_markers(out, CLASSES)
    assert m["open_question"][0] == pytest.approx([0.6, 0.05])
    assert list(m["open_question"][1]) == [True, False]
    assert list(m["complex_reflection"][1]) == [False, True]
    # row 0: an emotional reaction decided strong; row 1: no mechanism strong, but a complex
    # reflection (reflection 0.7 x complex 0.8), which makes Interpretations strong (codebook 3.3)
    assert list(m["empathy"][1]) == [True, True]
    assert m["empathy"][0] == pytest.approx([0.6, 0.56])
    assert "empathy" not in utterance_markers({k: v for k, v in out.items() if k != "reflection_type"}, CLASSES)
    assert "advice" not in m  # its head is not among the outputs


def test_registry():
    assert "inappropriate_self_disclosure" in MARKER_NAMES and "rigid_interpretation" in MARKER_NAMES
    assert marker("empathy").direction == 1 and marker("confront").direction == -1
    with pytest.raises(ConfigError, match="unknown marker 'warmth'"):
        marker("warmth")
    assert "disclosure_appropriateness" not in required_heads()
    assert set(required_heads(("open_question",))) == {"mi_main", "question_type"}


def test_rigid_interpretation_needs_certainty_or_attribution_and_the_recipe_measures_the_same_gate():
    import numpy as np

    from transcript_analyzer.markers.codebook import DECISION_GATES, apply_gates
    from transcript_analyzer.resources import project_dir
    from transcript_analyzer.training import load_recipe

    scores = {"rigid_interpretation": (np.array([0.6, 0.6, 0.6]), np.array([True, True, False]))}
    apply_gates(scores, ["This is clearly about your father.", "You pull away when people get close.",
                         "Obviously it's about your mother."])
    assert scores["rigid_interpretation"][1].tolist() == [True, False, False]
    assert scores["rigid_interpretation"][0].tolist() == [0.6, 0.6, 0.6]
    chains = load_recipe(project_dir() / "pipelines" / "heads.toml")["chains"]
    assert {c["marker"]: c.get("gate") for c in chains} == DECISION_GATES


def test_a_strong_interpretation_that_is_the_therapists_own_story_is_not_empathy():
    """Codebook 3.3 with the coder's calibrated rule: an Interpretation decided strong counts only
    while P(self-disclosure) is below the rule's cut-off (a complex reflection too); its probability
    is discounted by it."""
    from transcript_analyzer.markers.codebook import DISCLOSURE_RULE, mechanism_levels

    none = (np.array([[0.9, 0.1, 0.0]] * 2), np.array([0, 0]))
    out = {"epitome_er": none, "epitome_ex": none,
           "epitome_ip": (np.array([[0.1, 0.2, 0.7], [0.1, 0.2, 0.7]]), np.array([2, 2])),
           "mi_main": (np.array([[1.0, 0, 0, 0]] * 2), np.array([0, 0])),
           "reflection_type": (np.array([[0.5, 0.5]] * 2), np.array([0, 0])),
           # row 0: "I went through the same thing" (P(disclosure) 0.8); row 1: about the client
           "self_disclosure": (np.array([[0.2, 0.8], [0.95, 0.05]]), np.array([1, 0]))}
    rules = {DISCLOSURE_RULE: 0.3}
    assert list(utterance_markers(out, CLASSES)["empathy"][1]) == [True, True]  # no rule: EPITOME's levels
    p, d = utterance_markers(out, CLASSES, rules=rules)["empathy"]
    assert list(d) == [False, True]
    assert p == pytest.approx([0.7 * 0.2, 0.7 * 0.95])
    assert mechanism_levels(out, CLASSES, rules)[0][1] == ("interpretations", 1, pytest.approx(0.2))
    assert mechanism_levels(out, CLASSES, rules)[1][1] == ("interpretations", 2, pytest.approx(0.665))
    # a complex reflection is an Interpretation too: the same rule applies to it
    out["epitome_ip"] = none
    out["mi_main"] = (np.array([[0, 0, 1.0, 0]] * 2), np.array([2, 2]))
    out["reflection_type"] = (np.array([[0.1, 0.9]] * 2), np.array([1, 1]))
    assert list(utterance_markers(out, CLASSES, rules=rules)["empathy"][1]) == [False, True]
