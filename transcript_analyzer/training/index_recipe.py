"""The 'index' recipe: reference values for the alliance index, and how well it separates AnnoMI's
high- from low-quality MI sessions.

Every AnnoMI transcript is run through the analyzer (roles from the transcript, spaCy utterances,
the shipped marker models); the components' means and standard deviations over these sessions
become the index's reference. The index's weights are fixed by theory (markers/index.py), never
fit to the quality labels, so its AUC against them is a test, not a fit. The marker heads did
learn from utterance labels of training-split transcripts, which is why the AUC is also reported
on test-split transcripts alone.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

from ..config import AnalyzeConfig, MarkerOptions, SegmentOptions
from ..markers.index import COMPONENTS, AllianceIndexModel, reference, session_features, shown_components
from ..model import Session
from ..markers.stage import MarkersStage
from ..pipeline import Pipeline
from ..text.roles import RolesStage
from ..text.segment import SegmentStage
from ..resources import find_model
from . import write_model
from .corpora.examples import split_of
from .corpora.datasets import load_annomi, to_session


def auc(scores: list[float], positive: list[bool]) -> float | None:
    """Area under the ROC curve (probability a positive outscores a negative; ties count half)."""
    pos = [s for s, p in zip(scores, positive) if p]
    neg = [s for s, p in zip(scores, positive) if not p]
    if not pos or not neg:
        return None
    wins = sum((a > b) + 0.5 * (a == b) for a in pos for b in neg)
    return round(wins / (len(pos) * len(neg)), 4)


def annomi_sessions(data: Path, segment: SegmentOptions | None = None) -> list[tuple[Session, str, str]]:
    """(analysed session, mi_quality, split) for every AnnoMI transcript (``segment``: the unit, by
    default the analyzer's)."""
    config = AnalyzeConfig(segment=segment or SegmentOptions(), markers=MarkerOptions(evidence=False))
    pipeline = Pipeline([RolesStage(config.roles), SegmentStage(config.segment), MarkersStage(config.markers)]).load()
    out = []
    for conv in load_annomi(data / "annomi" / "annomi-full.dev.csv"):
        session, _ = to_session(conv)  # speakers labelled Therapist / Client
        out.append((pipeline(session), conv.attrs["mi_quality"], split_of("annomi", conv.id)))
    return out


def run(recipe: dict[str, Any], data: Path, out_dir: Path) -> Path:
    sessions = annomi_sessions(data)
    basis = recipe.get("index", {}).get("basis", "expected")
    feats = [session_features(s, basis) for s, _, _ in sessions]
    mean, sd = reference(feats)
    used = dict(shown_components())
    model = AllianceIndexModel(mean={n: mean[n] for n in used}, sd={n: sd[n] for n in used}, weights=used, scale=float(recipe.get("index", {}).get("scale", 15.0)),
                               version=str(recipe["recipe"].get("version", "1")), basis=basis)
    metrics = separation(model, sessions, feats, mean, sd)
    write_model(out_dir, model.save, {"metrics.json": (json.dumps(metrics, indent=2) + "\n").encode(),
                                      "card.md": _card(recipe, metrics).encode()})
    return out_dir


def separation(model: AllianceIndexModel, sessions: list[tuple[Session, str, str]], feats: list[dict[str, float]],
               mean: dict[str, float], sd: dict[str, float]) -> dict[str, Any]:
    """How well the index (and each component alone) separates high- from low-quality sessions."""
    values = [model.compute(s).value for s, _, _ in sessions]
    high = [q == "high" for _, q, _ in sessions]
    test = [sp == "test" for _, _, sp in sessions]
    heldout = [sp != "train" for _, _, sp in sessions]  # the coder never trained on validation or test transcripts
    return {
        "basis": model.basis, "sessions": len(sessions), "high": sum(high), "low": len(high) - sum(high),
        "auc_all": auc(values, high),
        "auc_test_split": auc([v for v, t in zip(values, test) if t], [h for h, t in zip(high, test) if t]),
        "test_split": {"high": sum(h for h, t in zip(high, test) if t), "low": sum((not h) for h, t in zip(high, test) if t)},
        "auc_validation_and_test": auc([v for v, t in zip(values, heldout) if t], [h for h, t in zip(high, heldout) if t]),
        "validation_and_test": {"high": sum(h for h, t in zip(high, heldout) if t),
                                "low": sum((not h) for h, t in zip(high, heldout) if t)},
        "excluded_experimental": [n for n, _ in COMPONENTS if n not in model.weights],
        "components": {name: {"weight": w, "mean": round(mean[name], 4), "sd": round(sd[name], 4),
                              "auc_alone": auc([w * f[name] for f in feats], high),
                              "auc_alone_validation_and_test": auc([w * f[name] for f, t in zip(feats, heldout) if t],
                                                                   [h for h, t in zip(high, heldout) if t]),
                              "in_index": name in model.weights} for name, w in COMPONENTS},
        "index_mean_high": round(float(np.mean([v for v, h in zip(values, high) if h])), 2),
        "index_mean_low": round(float(np.mean([v for v, h in zip(values, high) if not h])), 2),
        "date": date.today().isoformat(),
    }


def check(data: Path, name: str = "alliance_index") -> list:
    """`evaluate`: analyse the AnnoMI transcripts again with the shipped pipeline and index, and
    compare the index's AUCs (and each component's alone) with its card."""
    from .heads.evaluate import Check

    folder = find_model(name)
    card = json.loads((folder / "metrics.json").read_text(encoding="utf-8"))
    model = AllianceIndexModel.load(str(folder))
    sessions = annomi_sessions(data)
    feats = [session_features(s, model.basis) for s, _, _ in sessions]
    mean, sd = reference(feats)
    now = separation(model, sessions, feats, mean, sd)
    n, heldout = now["sessions"], now["validation_and_test"]["high"] + now["validation_and_test"]["low"]
    checks = [Check(f"{name}", "auc (validation + test)", card.get("auc_validation_and_test"), now["auc_validation_and_test"], heldout),
              Check(f"{name}", "auc (all)", card.get("auc_all"), now["auc_all"], n)]
    for component, c in card.get("components", {}).items():
        checks.append(Check(f"{name}/{component}", "auc alone (validation + test)", c.get("auc_alone_validation_and_test"),
                            now["components"][component]["auc_alone_validation_and_test"], heldout))
    return checks


def _card(recipe: dict[str, Any], m: dict[str, Any]) -> str:
    rows = "\n".join(f"| {n} | {c['weight']:+.0f} | {'yes' if c['in_index'] else 'no (experimental marker)'} | {c['mean']} | "
                     f"{c['sd']} | {c['auc_alone']} | {c['auc_alone_validation_and_test']} |" for n, c in m["components"].items())
    target = recipe.get("index", {}).get("target_auc", 0.90)
    return f"""# Model card: alliance_index (version {recipe['recipe'].get('version', '1')})

{recipe.get('card', {}).get('summary', '').strip()}

Formula and rationale: docs/alliance_index.md. Reference sessions: the {m['sessions']} AnnoMI
transcripts (research use; cite Wu et al.), analysed by the shipped pipeline.

## Separating high- from low-quality MI (AnnoMI `mi_quality`)
| sessions | high | low | AUC |
|---|---|---|---|
| all transcripts | {m['high']} | {m['low']} | **{m['auc_all']}** |
| validation- and test-split transcripts (never trained on) | {m['validation_and_test']['high']} | {m['validation_and_test']['low']} | **{m['auc_validation_and_test']}** |
| test-split transcripts only | {m['test_split']['high']} | {m['test_split']['low']} | {m['auc_test_split']} |

Target AUC ≥ {target}: **{'met' if (m['auc_validation_and_test'] or 0) >= target else 'not met'}** on the transcripts the
coder never trained on. Mean index: high {m['index_mean_high']}, low {m['index_mean_low']}. The weights are
not fit to these labels; the coder was trained on utterance labels of training-split transcripts
(and its decision rules tuned on validation-split ones), so "all transcripts" is optimistic.
Components whose markers are experimental (held-out precision below 0.5) are left out:
{', '.join(m['excluded_experimental']) or 'none'}.

## Components (reference = AnnoMI sessions; rates from {'the decisions, as the report counts them' if m.get('basis') == 'decisions' else 'the expected counts (sums of probabilities)'})
| component | weight | in the index | mean | sd | AUC alone (signed), all | validation + test |
|---|---|---|---|---|---|---|
{rows}

## Known limits
{recipe.get('card', {}).get('failure_modes', '').strip()}

Reproduce: `transcript-analyzer train pipelines/alliance_index.toml --data ../shared/data`.
"""
