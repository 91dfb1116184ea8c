import pytest

from transcript_analyzer.training.agreement.stats import cohen_kappa, positive_agreement


def test_kappa_known_values():
    # Cohen's classic 2x2 example: 20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no -> 0.4
    a = ["y"] * 25 + ["n"] * 25
    b = ["y"] * 20 + ["n"] * 5 + ["y"] * 10 + ["n"] * 15
    assert cohen_kappa(a, b) == pytest.approx(0.4)
    assert cohen_kappa(["a", "b", "c"], ["a", "b", "c"]) == 1.0
    assert cohen_kappa(["a", "a"], ["a", "a"]) is None
    with pytest.raises(ValueError):
        cohen_kappa(["a"], [])


def test_positive_agreement():
    assert positive_agreement([True, True, False], [True, False, False]) == pytest.approx(2 / 3)
    assert positive_agreement([False], [False]) is None
