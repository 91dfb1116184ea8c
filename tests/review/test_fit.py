"""Fitting a decision threshold to reviewed moments (review/fit.py)."""

import numpy as np

from transcript_analyzer.review.fit import (agreement, best_threshold, candidates, f1_at, fit_threshold,
                                            out_of_bag_wins, stratum_weights)


def slow_f1(p, y, t, w):
    d = p >= t
    tp, fp, fn = (w * (d & (y == 1))).sum(), (w * (d & (y == 0))).sum(), (w * (~d & (y == 1))).sum()
    return 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 0.0


def test_vectorised_f1_equals_the_definition():
    rng = np.random.default_rng(3)
    p = np.round(rng.random(60), 2)  # ties in p
    y = (rng.random(60) < p).astype(int)
    w = rng.random(60) + 0.5
    ts = candidates(p, 0.35)
    assert np.allclose(f1_at(p, y, ts, w), [slow_f1(p, y, t, w) for t in ts])
    assert f1_at(p, y, 0.5) == slow_f1(p, y, 0.5, np.ones(60))
    assert f1_at(np.array([0.2]), np.array([0]), 0.5) == 0.0  # nothing present, nothing decided


def test_the_best_threshold_separates_and_ties_go_to_the_shipped_one():
    p = np.array([0.1, 0.2, 0.3, 0.4, 0.6, 0.7])
    y = np.array([0, 0, 1, 1, 1, 1])
    t, f1 = best_threshold(p, y, reference=0.5)
    assert 0.2 < t <= 0.3 and f1 == 1.0
    # every threshold between 0.4 and 0.6 is as good as 0.5: the shipped threshold stays
    y = np.array([0, 0, 0, 0, 1, 1])
    assert best_threshold(p, y, reference=0.5) == (0.5, 1.0)


def test_too_few_reviews_keep_the_shipped_threshold():
    fit = fit_threshold([0.1, 0.2, 0.8], [0, 1, 1], shipped=0.5)
    assert fit.threshold is None and fit.positives == 2 and fit.negatives == 1 and "too few reviews" in fit.reason


def test_a_clear_shift_is_refitted_and_noise_is_not():
    rng = np.random.default_rng(0)
    p = rng.random(80)
    shifted = (p >= 0.2).astype(int)  # the site's reviewers see the marker from 0.2, the model from 0.5
    fit = fit_threshold(p, shifted, shipped=0.5)
    assert fit.threshold is not None and abs(fit.threshold - 0.2) < 0.05 and fit.f1_after > fit.f1_before
    agreeing = ((p >= 0.5) ^ (rng.random(80) < 0.1)).astype(int)  # the shipped threshold, and 10 % disagreement
    kept = fit_threshold(p, agreeing, shipped=0.5)
    assert kept.threshold is None and kept.reason.startswith("kept")


def test_out_of_bag_wins_measures_help_on_moments_left_out():
    p = np.linspace(0.01, 0.99, 50)
    y = (p >= 0.3).astype(int)
    assert out_of_bag_wins(p, y, p >= 0.5, 0.5) > 0.9
    assert out_of_bag_wins(p, y, p >= 0.3, 0.3) == 0.0  # the shipped decisions are already right


def test_stratum_weights_make_each_group_count_for_its_size():
    flagged = np.array([True, True, False])
    assert list(stratum_weights(flagged, flagged_total=10, unflagged_total=90)) == [5.0, 5.0, 90.0]


def test_agreement_counts():
    a = agreement(np.array([1, 1, 0, 0], bool), np.array([1, 0, 0, 1]))
    assert (a["tp"], a["fp"], a["fn"], a["tn"]) == (1, 1, 1, 1) and a["agree"] == 0.5 and a["kappa"] == 0.0
