"""Training and evaluating the role model (which speaker is the therapist).

Evaluation is held out by transcript: leave-one-transcript-out over AnnoMI, with the speakers
renamed SPEAKER_00/SPEAKER_01 in random order, so every transcript is judged by a model that
never saw any of it. Short excerpts of the held-out transcripts measure how the model does on
fragments, and ESConv (emotional-support chats, a different corpus) measures transfer.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any, Sequence

import numpy as np

from ..model import THERAPIST
from ..text.role_model import FEATURES, RoleModel, speaker_features
from .datasets import Conversation, to_session


@dataclass(frozen=True)
class RoleTrainSettings:
    C: float = 1.0
    windows_per_transcript: int = 4
    window_turns: tuple[int, int] = (6, 40)
    confident: float = 0.8
    seed: int = 0
    version: str = "1.0"


def _examples(conversations: Sequence[Conversation], settings: RoleTrainSettings,
              rng: random.Random) -> list[tuple[np.ndarray, np.ndarray]]:
    """(therapist vector, client vector) for each transcript and random windows of it."""
    pairs = []
    for conv in conversations:
        variants = [conv.rows]
        lo, hi = settings.window_turns
        for _ in range(settings.windows_per_transcript):
            if len(conv.rows) < lo + 2:
                break
            length = rng.randint(lo, min(hi, len(conv.rows)))
            start = rng.randint(0, len(conv.rows) - length)
            variants.append(conv.rows[start:start + length])
        for rows in variants:
            pair = _pair(conv, rows)
            if pair is not None:
                pairs.append(pair)
    return pairs


def _pair(conv: Conversation, rows: tuple) -> tuple[np.ndarray, np.ndarray] | None:
    session, truth = to_session(conv, rows)
    feats = speaker_features(session.turns)
    by_role = {truth[label]: vec for label, vec in feats.items()}
    return (by_role[THERAPIST], by_role["client"]) if len(by_role) == 2 else None


def fit(conversations: Sequence[Conversation], settings: RoleTrainSettings) -> RoleModel:
    """Fit the conditional logit on pairwise differences of standardised speaker vectors."""
    from sklearn.linear_model import LogisticRegression

    pairs = _examples(conversations, settings, random.Random(settings.seed))
    vectors = np.array([v for pair in pairs for v in pair])
    mean, scale = vectors.mean(axis=0), vectors.std(axis=0) + 1e-9
    t = (np.array([p[0] for p in pairs]) - mean) / scale
    c = (np.array([p[1] for p in pairs]) - mean) / scale
    x = np.vstack([t - c, c - t])
    y = np.r_[np.ones(len(pairs)), np.zeros(len(pairs))]
    clf = LogisticRegression(C=settings.C, fit_intercept=False, max_iter=5000).fit(x, y)
    return RoleModel(mean=mean, scale=scale, weights=clf.coef_[0], confident=settings.confident,
                     version=settings.version)


def judge(model: RoleModel, conv: Conversation, rows: tuple | None, rng: random.Random) -> tuple[bool, float] | None:
    """(therapist identified correctly, probability given to the chosen speaker) on anonymised turns."""
    session, truth = to_session(conv, rows, anonymise=rng)
    if len(truth) < 2:
        return None
    probs = model.probabilities(session.turns)
    chosen = max(probs, key=probs.get)
    return truth[chosen] == THERAPIST, probs[chosen]


def _excerpts(rows: tuple, length: int) -> list[tuple]:
    return [rows[i:i + length] for i in range(0, len(rows) - length + 1, length)]


def evaluate(annomi: Sequence[Conversation], transfer: Sequence[Conversation],
             settings: RoleTrainSettings, excerpt_turns: Sequence[int] = (10, 20)) -> dict[str, Any]:
    """Leave-one-transcript-out on AnnoMI (+ excerpts), and transfer to another corpus."""
    rng = random.Random(settings.seed + 1)
    sessions, excerpts = [], {n: [] for n in excerpt_turns}
    for i, held_out in enumerate(annomi):
        model = fit([c for j, c in enumerate(annomi) if j != i], settings)
        sessions.append((held_out.id, len(held_out.rows), *judge(model, held_out, None, rng)))
        for n in excerpt_turns:
            excerpts[n] += [r for rows in _excerpts(held_out.rows, n) if (r := judge(model, held_out, rows, rng))]
    full = fit(annomi, settings)
    transfer_results = [r for conv in transfer if (r := judge(full, conv, None, rng))]
    return {
        "features": list(FEATURES),
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
