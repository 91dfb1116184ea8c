"""Training and evaluating the role model (which speaker is the therapist).

Fitting has two steps: the linear scores (conditional logit on therapist-minus-client feature
differences, over whole transcripts plus random excerpts), then the calibration of the
probabilities (a temperature and an evidence term n/(n+k), fit by cross-validation on held-out
excerpts of 2 to 32 rows, so that short sessions get honest, lower confidence).

Evaluation is held out by transcript: leave-one-transcript-out over AnnoMI, with the speakers
renamed SPEAKER_00/SPEAKER_01 in random order, so every transcript is judged by a model (and a
calibration) that never saw any of it. Excerpts of the held-out transcripts measure how the
model does on fragments, and ESConv (emotional-support chats, another corpus) measures transfer.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any, Sequence

import numpy as np

from ...model import CLIENT, THERAPIST
from ...text.role_model import COUNTS, FEATURES, RoleModel, Smoothing, features, speaker_counts
from ..corpora.datasets import Conversation, to_session


@dataclass(frozen=True)
class RoleTrainSettings:
    C: float = 1.0
    windows_per_transcript: int = 4
    window_turns: tuple[int, int] = (6, 40)
    confident: float = 0.8
    seed: int = 0
    version: str = "1.0"
    calibration_folds: int = 5
    calibration_lengths: tuple[int, ...] = (2, 3, 4, 6, 8, 12, 16, 24, 32)
    pseudo_words: float = 50.0
    pseudo_turns: float = 3.0


@dataclass(frozen=True)
class Prepared:
    """One conversation, counted once: training pairs and calibration probes."""

    train: np.ndarray  # (k, 2, COUNTS): therapist and client counts of the transcript [0] and its windows
    probes: np.ndarray  # (m, 2, COUNTS): excerpts of many lengths (and the whole transcript)
    probe_turns: np.ndarray  # (m,): turns in each probe


def _pair(conv: Conversation, rows: tuple) -> tuple[np.ndarray, int] | None:
    session, truth = to_session(conv, rows)
    by_role = {truth[label]: vec for label, vec in speaker_counts(session.turns).items()}
    return (np.stack([by_role[THERAPIST], by_role[CLIENT]]), len(session.turns)) if len(by_role) == 2 else None


def prepare(conv: Conversation, settings: RoleTrainSettings, rng: random.Random) -> Prepared:
    lo, hi = settings.window_turns
    windows = [conv.rows]
    for _ in range(settings.windows_per_transcript if len(conv.rows) >= lo + 2 else 0):
        length = rng.randint(lo, min(hi, len(conv.rows)))
        start = rng.randint(0, len(conv.rows) - length)
        windows.append(conv.rows[start:start + length])
    probes_rows = [conv.rows]
    for length in settings.calibration_lengths:
        for _ in range(2 if len(conv.rows) > length else 0):
            start = rng.randint(0, len(conv.rows) - length)
            probes_rows.append(conv.rows[start:start + length])
    train = [p[0] for rows in windows if (p := _pair(conv, rows))]
    probes = [p for rows in probes_rows if (p := _pair(conv, rows))]
    empty = np.zeros((0, 2, len(COUNTS)))
    return Prepared(
        train=np.stack(train) if train else empty,
        probes=np.stack([p[0] for p in probes]) if probes else empty,
        probe_turns=np.array([p[1] for p in probes]),
    )


def prepare_all(conversations: Sequence[Conversation], settings: RoleTrainSettings) -> list[Prepared]:
    rng = random.Random(settings.seed)
    return [prepare(c, settings, rng) for c in conversations]


@dataclass(frozen=True)
class _Linear:
    smoothing: Smoothing
    mean: np.ndarray
    scale: np.ndarray
    weights: np.ndarray


def _fit_linear(prepared: Sequence[Prepared], settings: RoleTrainSettings) -> _Linear:
    """Smoothing priors from the training transcripts, then the conditional logit."""
    from sklearn.linear_model import LogisticRegression

    whole = np.stack([p.train[0] for p in prepared if len(p.train)])
    smoothing = Smoothing.from_counts(whole, settings.pseudo_words, settings.pseudo_turns)
    pairs = features(np.concatenate([p.train for p in prepared]), smoothing)
    flat = pairs.reshape(-1, pairs.shape[-1])
    mean, scale = flat.mean(axis=0), flat.std(axis=0) + 1e-9
    t, c = (pairs[:, 0] - mean) / scale, (pairs[:, 1] - mean) / scale
    x = np.vstack([t - c, c - t])
    y = np.r_[np.ones(len(pairs)), np.zeros(len(pairs))]
    clf = LogisticRegression(C=settings.C, fit_intercept=False, max_iter=5000).fit(x, y)
    return _Linear(smoothing, mean, scale, clf.coef_[0])


def _margins(prepared: Sequence[Prepared], linear: _Linear) -> tuple[np.ndarray, np.ndarray]:
    """Therapist-minus-client score of every probe, and its number of turns."""
    probes = features(np.concatenate([p.probes for p in prepared]), linear.smoothing)
    turns = np.concatenate([p.probe_turns for p in prepared])
    scores = ((probes - linear.mean) / linear.scale) @ linear.weights
    return scores[:, 0] - scores[:, 1], turns


def _fit_calibration(margins: np.ndarray, turns: np.ndarray) -> tuple[float, float]:
    """(temperature, evidence_turns) minimising the log loss of sigmoid(T * d * n / (n + k))."""
    from scipy.optimize import minimize

    def loss(params: np.ndarray) -> float:
        temperature, k = np.exp(params)
        z = temperature * margins * turns / (turns + k)
        return float(np.logaddexp(0.0, -z).mean())

    best = minimize(loss, x0=np.array([0.0, np.log(4.0)]), method="Nelder-Mead")
    temperature, k = np.exp(best.x)
    return float(temperature), float(min(k, 1000.0))


def fit_prepared(prepared: Sequence[Prepared], settings: RoleTrainSettings) -> RoleModel:
    """Linear scores on everything; calibration from out-of-fold margins."""
    folds = [list(range(i, len(prepared), settings.calibration_folds)) for i in range(settings.calibration_folds)]
    margins, turns = [], []
    for held in (f for f in folds if f):
        rest = [p for j, p in enumerate(prepared) if j not in set(held)]
        d, n = _margins([prepared[j] for j in held], _fit_linear(rest, settings))
        margins.append(d)
        turns.append(n)
    temperature, k = _fit_calibration(np.concatenate(margins), np.concatenate(turns))
    linear = _fit_linear(prepared, settings)
    return RoleModel(mean=linear.mean, scale=linear.scale, weights=linear.weights, confident=settings.confident,
                     smoothing=linear.smoothing, temperature=temperature, evidence_turns=k, version=settings.version)


def fit(conversations: Sequence[Conversation], settings: RoleTrainSettings) -> RoleModel:
    return fit_prepared(prepare_all(conversations, settings), settings)


def judge(model: RoleModel, conv: Conversation, rows: tuple | None, rng: random.Random) -> tuple[bool, float] | None:
    """(therapist identified correctly, probability given to the chosen speaker), through the
    product's own code path on turns whose speakers are renamed SPEAKER_00/01 in random order."""
    session, truth = to_session(conv, rows, anonymise=rng)
    if len(truth) < 2:
        return None
    probs = model.probabilities(session.turns)
    chosen = max(probs, key=probs.get)
    return truth[chosen] == THERAPIST, probs[chosen]


def _excerpts(rows: tuple, length: int) -> list[tuple]:
    return [rows[i:i + length] for i in range(0, len(rows) - length + 1, length)]


def evaluate(annomi: Sequence[Conversation], transfer: Sequence[Conversation],
             settings: RoleTrainSettings, excerpt_turns: Sequence[int] = (4, 10, 20)) -> dict[str, Any]:
    """Leave-one-transcript-out on AnnoMI (+ excerpts), and transfer to another corpus."""
    prepared = prepare_all(annomi, settings)
    rng = random.Random(settings.seed + 1)
    sessions, excerpts = [], {n: [] for n in excerpt_turns}
    for i, held_out in enumerate(annomi):
        model = fit_prepared(prepared[:i] + prepared[i + 1:], settings)
        sessions.append((held_out.id, len(held_out.rows), *judge(model, held_out, None, rng)))
        for n in excerpt_turns:
            excerpts[n] += [r for rows in _excerpts(held_out.rows, n) if (r := judge(model, held_out, rows, rng))]
    full = fit_prepared(prepared, settings)
    transfer_results = [r for conv in transfer if (r := judge(full, conv, None, rng))]
    return {
        "features": list(FEATURES),
        "calibration": {"temperature": round(full.temperature, 4), "evidence_turns": round(full.evidence_turns, 3)},
        "annomi_sessions": _summary([(ok, p) for _, _, ok, p in sessions], settings.confident),
        "annomi_errors": [{"transcript_id": tid, "rows": n, "confidence": round(p, 3)} for tid, n, ok, p in sessions if not ok],
        "annomi_excerpts": {str(n): _summary(r, settings.confident) for n, r in excerpts.items()},
        "transfer": _summary(transfer_results, settings.confident),
    }


def _summary(results: Sequence[tuple[bool, float]], confident: float) -> dict[str, Any]:
    n = len(results)
    sure = [ok for ok, p in results if p >= confident]
    unsure = [ok for ok, p in results if p < confident]
    return {
        "n": n,
        "accuracy": round(sum(ok for ok, _ in results) / n, 4) if n else None,
        "correct": sum(ok for ok, _ in results),
        "mean_confidence": round(float(np.mean([p for _, p in results])), 4) if n else None,
        "confident_share": round(len(sure) / n, 4) if n else None,
        "accuracy_when_confident": round(sum(sure) / len(sure), 4) if sure else None,
        "accuracy_when_unsure": round(sum(unsure) / len(unsure), 4) if unsure else None,
        "expected_calibration_error": _ece(results),
    }


def _ece(results: Sequence[tuple[bool, float]], bins: int = 10) -> float | None:
    """Expected calibration error of the chosen speaker's probability (equal-width bins)."""
    if not results:
        return None
    ok = np.array([r[0] for r in results], dtype=float)
    p = np.array([r[1] for r in results])
    edges = np.linspace(0.5, 1.0, bins + 1)  # the chosen speaker's probability is >= 0.5 with two speakers
    index = np.clip(np.digitize(p, edges[1:-1]), 0, bins - 1)
    ece = sum(abs(ok[index == b].mean() - p[index == b].mean()) * (index == b).mean() for b in range(bins) if (index == b).any())
    return round(float(ece), 4)
