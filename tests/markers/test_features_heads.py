import numpy as np
import pytest

from transcript_analyzer.errors import ModelError
from transcript_analyzer.markers.features import CUE_NAMES, assemble, cue_vector
from transcript_analyzer.markers.heads import Head
from transcript_analyzer.resources import write_sums
from transcript_analyzer.training.heads.fit import ece, fit_head, score, tune_threshold, tune_weights


def cues(text):
    return dict(zip(CUE_NAMES, cue_vector(text)))


def test_cues_tell_question_forms_apart():
    assert cues("So what brings you in today?")["wh_start"] == 1 and cues("So what brings you in today?")["question_mark"] == 1
    assert cues("Do you drink every day?")["aux_start"] == 1
    assert cues("I wonder if this is about your dad.")["hedge"] == 1
    assert cues("When I was your age my wife left me.")["own_life"] == 1
    assert cues("Would it be okay if I shared something?")["permission"] == 1


def test_assemble_layout():
    u, c, q = np.ones((2, 3)), np.full((2, 3), 2.0), np.zeros((2, 4))
    assert assemble(u, c, q, True).shape == (2, 13)
    assert assemble(u, None, None, False).shape == (2, 3)
    assert (assemble(u, c, None, True)[:, 6:9] == 2.0).all()


def toy(n=300, seed=0):
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 2, n)
    x = rng.normal(size=(n, 5)) + y[:, None] * np.array([2.0, 0, 0, 0, 0])
    return x.astype(np.float32), y


def test_head_trains_saves_reloads_and_predicts_the_same(tmp_path):
    (x, y), (xv, yv), (xt, yt) = toy(seed=0), toy(seed=1), toy(seed=2)
    head, tuning = fit_head("toy", ("no", "yes"), "yes", False, False, (x, y), (xv, yv))
    assert tuning["C"] in (0.1, 0.3, 1.0) and 0 < head.threshold < 1
    names = head.save(tmp_path)
    write_sums(tmp_path, names)
    again = Head.load(str(tmp_path))
    np.testing.assert_allclose(again.predict_proba(xt), head.predict_proba(xt), rtol=1e-6)
    assert (again.decide(again.predict_proba(xt)) == head.decide(head.predict_proba(xt))).all()
    m = score(again, xt, yt, [str(i // 10) for i in range(len(yt))], n_boot=50)
    assert m["positive_f1"] > 0.8 and m["ece"] < 0.1 and m["kappa"] > 0.6 and len(m["ci95"]) == 2
    (tmp_path / "weights.npz").write_bytes(b"damaged")
    with pytest.raises(ModelError, match="checksum"):
        Head.load(str(tmp_path))


def test_multiclass_head_uses_decision_weights():
    rng = np.random.default_rng(3)
    y = rng.choice(3, size=600, p=[0.8, 0.15, 0.05])
    x = (rng.normal(size=(600, 4)) + np.eye(3, 4)[y] * 1.5).astype(np.float32)
    head, tuning = fit_head("toy3", ("a", "b", "c"), None, False, False, (x[:400], y[:400]), (x[400:], y[400:]))
    assert head.weights is not None and len(tuning["decision_weights"]) == 3
    assert head.predict_proba(x).sum(axis=1) == pytest.approx(np.ones(600))
    with pytest.raises(ModelError, match="expects 4 features"):
        head.predict_proba(np.zeros((1, 3)))


def test_tuning_and_calibration_helpers():
    p = np.array([0.9, 0.8, 0.3, 0.2, 0.6])
    assert tune_threshold(p, np.array([True, True, False, False, True])) == 0.6
    assert ece(np.array([0.9, 0.9]), np.array([1.0, 0.0])) == pytest.approx(0.4)
    w = tune_weights(np.array([[0.6, 0.4], [0.55, 0.45], [0.7, 0.3]]), np.array([1, 1, 0]))
    assert w.max() == 1.0
