"""Agreement between coders (or a model and a coder), from maintained libraries: Cohen's kappa and
F1 (scikit-learn), Krippendorff's alpha (``krippendorff``), ICC(2,1) (pingouin). Every function
returns None where the statistic is undefined (no items, one value only, no variance) instead of
NaN, so that reports can print "n/a" and JSON stays plain data.

Bootstrap intervals are in ``bootstrap.py`` (own vectorised code, tested against these)."""

from __future__ import annotations

import math
import warnings
from typing import Hashable, Sequence

# pingouin 0.7 names Shrout & Fleiss's ICC(2,1) (two-way random effects, absolute agreement, single
# rater) "ICC(A,1)" (McGraw & Wong's name); reports call it ICC(2,1).
ICC_FORM = "ICC(2,1)"
PINGOUIN_ICC = "ICC(A,1)"
ICC_MIN_TARGETS = 3  # pingouin needs at least 5 ratings: 3 sessions x 2 raters


def _defined(value: float) -> float | None:
    value = float(value)
    return None if math.isnan(value) or math.isinf(value) else value


def cohen_kappa(a: Sequence[Hashable], b: Sequence[Hashable]) -> float | None:
    """Cohen's (1960) kappa for two raters over the same items (scikit-learn); None when undefined
    (no items, or chance agreement 1: both coded one value only)."""
    if len(a) != len(b):
        raise ValueError("the two codings must have the same length")
    if not a:
        return None
    from sklearn.metrics import cohen_kappa_score

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # one value only: "single label" and 0/0, i.e. undefined
        return _defined(cohen_kappa_score(list(a), list(b)))


def positive_agreement(a: Sequence[bool], b: Sequence[bool]) -> float | None:
    """F1 of the positive value (scikit-learn) = positive agreement, 2 * both / (positives of a +
    positives of b), symmetric in a and b: agreement on a rare value, which kappa understates.
    None when neither has a positive."""
    if not sum(map(bool, a)) and not sum(map(bool, b)):
        return None
    from sklearn.metrics import f1_score

    return _defined(f1_score([int(x) for x in a], [int(y) for y in b], pos_label=1, zero_division=math.nan))


def precision_recall(reference: Sequence[int], model: Sequence[int]) -> tuple[float | None, float | None]:
    """Precision and recall of the model's positives against the reference (scikit-learn); None
    where a denominator is 0."""
    if not reference:
        return None, None
    from sklearn.metrics import precision_score, recall_score

    kwargs = {"pos_label": 1, "zero_division": math.nan}
    return (_defined(precision_score(list(reference), list(model), **kwargs)),
            _defined(recall_score(list(reference), list(model), **kwargs)))


def krippendorff_alpha(codings: Sequence[Sequence[float | None]]) -> float | None:
    """Krippendorff's alpha, nominal (``krippendorff`` package): one row per coder, one column per
    unit, None (or NaN) where a coder did not code a unit. None when undefined (fewer than two
    codes per unit anywhere, or one value only)."""
    import numpy as np

    data = np.array([[math.nan if v is None else float(v) for v in row] for row in codings], dtype=float)
    if data.ndim != 2 or data.shape[0] < 2 or not ((~np.isnan(data)).sum(axis=0) >= 2).any():
        return None
    import krippendorff

    try:
        return _defined(krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"))
    except ValueError:  # "There has to be more than one value in the domain": one value only
        return None


def icc_2_1(ratings: Sequence[Sequence[float]]) -> float | None:
    """ICC(2,1) of Shrout & Fleiss (1979) (two-way random effects, absolute agreement, a single
    rater; pingouin's ICC(A,1)). ``ratings`` has one row per target and one column per rater; None
    when undefined (fewer than 3 targets or 2 raters, or no variance at all)."""
    rows = [list(map(float, r)) for r in ratings]
    k = len(rows[0]) if rows else 0
    if any(len(r) != k for r in rows):
        raise ValueError("every target needs a rating from every rater")
    if len(rows) < ICC_MIN_TARGETS or k < 2:
        return None
    if len({x for r in rows for x in r}) < 2:
        return None  # every rating the same: no variance to share out
    try:
        import pandas as pd
        import pingouin
    except ImportError:
        # pingouin (the [research] extra) pulls in about 175 MB (statsmodels, matplotlib, seaborn) that
        # a core install does without: there the same ICC(2,1) comes from the closed form the bootstrap
        # uses (bootstrap.icc_2_1_weighted with unit weights), which tests check equals pingouin's.
        import numpy as np

        from .bootstrap import icc_2_1_weighted

        return _defined(float(icc_2_1_weighted(np.array(rows), np.ones((1, len(rows))))[0]))

    long = pd.DataFrame([(t, j, x) for t, r in enumerate(rows) for j, x in enumerate(r)],
                        columns=["target", "rater", "rating"])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # pingouin 0.7 on pandas 3: a deprecation warning on every call
        table = pingouin.intraclass_corr(long, targets="target", raters="rater", ratings="rating")
    return _defined(table.set_index("Type").loc[PINGOUIN_ICC, "ICC"])
