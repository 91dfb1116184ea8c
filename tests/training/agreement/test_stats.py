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


# ---- the libraries' values, and the bootstrap's vectorised formulas against them -----------------

import numpy as np  # noqa: E402

from transcript_analyzer.training.agreement import bootstrap  # noqa: E402
from transcript_analyzer.training.agreement.stats import icc_2_1, krippendorff_alpha  # noqa: E402


def _counts(g, m):
    return np.array([np.sum((g == 1) & (m == 1)), np.sum((g == 0) & (m == 1)), np.sum((g == 1) & (m == 0)),
                     np.sum((g == 0) & (m == 0))], dtype=float)


def test_bootstrap_formulas_equal_the_libraries_on_full_data_and_on_resamples():
    rng = np.random.default_rng(7)
    sessions = [(rng.integers(0, 2, 15), rng.integers(0, 2, 15)) for _ in range(6)]
    counts = np.stack([_counts(g, m) for g, m in sessions])
    ratings = rng.random((6, 2)) * 40
    for w in [np.ones(6), *bootstrap.resample_weights(6, resamples=4)]:
        g = np.concatenate([s[0] for s, k in zip(sessions, w) for _ in range(int(k))])
        m = np.concatenate([s[1] for s, k in zip(sessions, w) for _ in range(int(k))])
        totals = w @ counts
        assert bootstrap.kappa_from_counts(totals) == pytest.approx(cohen_kappa(list(g), list(m)))
        assert bootstrap.f1_from_counts(totals) == pytest.approx(positive_agreement(list(g), list(m)))
        alpha = bootstrap.alpha_from_coincidences(bootstrap.coincidences_from_counts(totals))
        assert alpha == pytest.approx(krippendorff_alpha([list(g), list(m)]))
        rows = [r for r, k in zip(ratings, w) for _ in range(int(k))]
        assert bootstrap.icc_2_1_weighted(ratings, w)[0] == pytest.approx(icc_2_1(rows))


def test_alpha_with_missing_codes_from_coincidences_equals_krippendorff():
    units = [[1, 1, 0], [1, 0], [0, 0, 0], [1], [1, 1]]  # the coders' values per unit (unit 4: one coder)
    by_coder = [[1, 1, 0, 1, 1], [1, 0, 0, None, 1], [0, None, 0, None, None]]
    expected = krippendorff_alpha(by_coder)
    assert bootstrap.alpha_from_coincidences(bootstrap.coincidences(units)) == pytest.approx(expected)
    assert krippendorff_alpha([[1, 1], [1, 1]]) is None  # one value only: undefined


def test_icc_needs_three_sessions_and_the_interval_is_reproducible():
    assert icc_2_1([[10, 12], [20, 18]]) is None  # pingouin needs 5 ratings
    ratings = np.array([[10, 12], [20, 18], [30, 35], [5, 4], [15, 20]], dtype=float)
    low, high = bootstrap.icc_interval(ratings)
    assert low < icc_2_1(ratings.tolist()) < high <= 1
    assert bootstrap.icc_interval(ratings) == (low, high)
    assert bootstrap.binary_intervals(np.array([[3, 1, 1, 5]])) == {"kappa": (None, None), "f1": (None, None),
                                                                     "alpha": (None, None)}


def test_without_pingouin_the_icc_comes_from_the_closed_form_and_is_the_same(monkeypatch):
    """A core install has no pingouin (the [research] extra): the ICC must not fail there, and must
    not differ."""
    import builtins

    rows = [[1, 2], [3, 3.5], [5, 4], [2, 2.5], [7, 6], [4, 4]]
    with_pingouin = icc_2_1(rows)
    real = builtins.__import__

    def no_pingouin(name, *args, **kwargs):
        if name == "pingouin":
            raise ImportError("blocked by the test")
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pingouin)
    assert icc_2_1(rows) == pytest.approx(with_pingouin, abs=1e-12)
