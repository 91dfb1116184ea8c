"""The simulation behind docs/review.md's curve (benchmarks/review_recalibration.py), on invented
test sets: reviewers sample flagged moments first, a refit helps where the site's threshold really
differs and mostly keeps the shipped one where it does not. The measured curve itself needs
../shared/data: `python benchmarks/review_recalibration.py --data ../shared/data`."""

import numpy as np

from benchmarks.review_recalibration import SHARE_FLAGGED, HeldOut, needed, review_sample, simulate


def invented(site_threshold: float, n: int = 1200, seed: int = 0) -> HeldOut:
    rng = np.random.default_rng(seed)
    p = rng.beta(1, 3, n)
    y = (p + rng.normal(0, 0.05, n) >= site_threshold).astype(int)
    return HeldOut("invented", p, y, p >= 0.5, np.array([f"c{k // 6}" for k in range(n)]), 0.5, "invented")


def test_a_reviewer_reviews_the_flagged_moments_first():
    rng = np.random.default_rng(1)
    flagged = np.arange(100) < 20
    pick = review_sample(rng, flagged, 30)
    assert len(pick) == len(set(pick)) == 30 and flagged[pick].sum() == round(SHARE_FLAGGED * 30)
    pick = review_sample(rng, flagged, 60)  # fewer flagged than two thirds of 60: all of them
    assert flagged[pick].sum() == 20 and len(pick) == 60


def test_a_real_shift_is_learnt_from_enough_reviews_and_no_shift_is_left_alone():
    shifted = simulate(invented(0.3), ns=(10, 400), repeats=10, weighted=True, confidence=0.6)
    assert np.median(shifted[400]["f1"]) > 0.02 and not any(shifted[10]["refit"])
    same = simulate(invented(0.5), ns=(400,), repeats=10, weighted=True, confidence=0.6)
    assert np.mean(np.array(same[400]["f1"]) < -0.005) <= 0.2


def test_needed_is_the_first_n_from_which_help_outweighs_harm_for_good():
    rows = [{"decision": "a", "n": n, "helped": h, "hurt": x} for n, h, x in
            ((10, 0.0, 0.1), (25, 0.3, 0.1), (50, 0.1, 0.2), (100, 0.5, 0.1), (200, 0.6, 0.0))]
    assert needed(rows) == {"a": 100}
    assert needed([{"decision": "b", "n": 10, "helped": 0.0, "hurt": 0.0}]) == {"b": None}
