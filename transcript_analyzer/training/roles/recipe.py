"""The 'roles' recipe: evaluate held out, fit on everything, write the model folder and its card."""

from __future__ import annotations

import json
import platform
from datetime import date
from pathlib import Path
from typing import Any

from ...io.atomic import write_files
from ...resources import sha256_file
from ..corpora.datasets import load_annomi, load_esconv
from .fit import RoleTrainSettings, evaluate, fit


def settings_from(recipe: dict[str, Any]) -> RoleTrainSettings:
    train = recipe.get("train", {})
    return RoleTrainSettings(
        C=float(train.get("C", 1.0)),
        windows_per_transcript=int(train.get("windows_per_transcript", 4)),
        window_turns=tuple(train.get("window_turns", (6, 40))),
        confident=float(recipe.get("thresholds", {}).get("confident", 0.8)),
        seed=int(train.get("seed", 0)),
        version=str(recipe["recipe"].get("version", "1.0")),
        calibration_folds=int(train.get("calibration_folds", 5)),
        calibration_lengths=tuple(train.get("calibration_lengths", (2, 3, 4, 6, 8, 12, 16, 24, 32))),
        pseudo_words=float(train.get("pseudo_words", 50.0)),
        pseudo_turns=float(train.get("pseudo_turns", 3.0)),
    )


def run(recipe: dict[str, Any], data_dir: Path, out_dir: Path) -> Path:
    settings = settings_from(recipe)
    annomi = load_annomi(data_dir / recipe["data"]["train"])
    transfer = load_esconv(data_dir / recipe["data"]["transfer"])
    metrics = evaluate(annomi, transfer, settings, recipe.get("evaluate", {}).get("excerpt_turns", (10, 20)))
    model = fit(annomi, settings)
    model_json = (json.dumps(model.to_json(), indent=2) + "\n").encode()
    metrics["trained_on"] = {"transcripts": len(annomi), "date": date.today().isoformat(),
                             "machine": f"{platform.machine()}, Python {platform.python_version()}"}
    files = {
        "model.json": model_json,
        "metrics.json": (json.dumps(metrics, indent=2) + "\n").encode(),
        "card.md": render_card(recipe, settings, metrics).encode(),
    }
    write_files(out_dir, files)
    (out_dir / "SHA256SUMS").write_text(f"{sha256_file(out_dir / 'model.json')}  model.json\n", encoding="utf-8")
    return out_dir


def _pct(x: float | None) -> str:
    return "n/a" if x is None else f"{100 * x:.1f} %"


def _row(name: str, s: dict[str, Any]) -> str:
    return (f"| {name} | {s['n']} | {_pct(s['accuracy'])} | {_pct(s['mean_confidence'])} | {_pct(s['confident_share'])} | "
            f"{_pct(s['accuracy_when_confident'])} | {_pct(s['accuracy_when_unsure'])} | "
            f"{s['expected_calibration_error']} |")


def render_card(recipe: dict[str, Any], settings: RoleTrainSettings, m: dict[str, Any]) -> str:
    card = recipe.get("card", {})
    rows = [_row("AnnoMI, whole transcripts (leave-one-transcript-out)", m["annomi_sessions"])]
    rows += [_row(f"AnnoMI, {n}-turn excerpts of held-out transcripts", s) for n, s in m["annomi_excerpts"].items()]
    rows.append(_row("ESConv valid (other corpus; model fit on all AnnoMI)", m["transfer"]))
    errors = ", ".join(f"#{e['transcript_id']} ({e['rows']} rows, p={e['confidence']})" for e in m["annomi_errors"]) or "none"
    return f"""# Model card: {recipe['recipe']['name']} (version {settings.version})

{card.get('summary', '').strip()}

## Data and licence
{card.get('data', '').strip()}

## Method
Features per speaker (over the whole session): {', '.join(m['features'])}.
Standardised, scored linearly, softmax across the session's speakers (conditional logit, fit on
therapist-minus-client differences with L2 logistic regression, C={settings.C}). Training adds
{settings.windows_per_transcript} random excerpts of {settings.window_turns[0]}-{settings.window_turns[1]} rows per transcript so that short sessions are represented.

Rates are smoothed towards the training corpus's rates with {settings.pseudo_words:g} pseudo-words and
{settings.pseudo_turns:g} pseudo-turns, so a speaker who said little does not get extreme features.

Calibration: before the softmax, scores are multiplied by T·n/(n+k), n = turns in the session,
so that a short session gets a less certain answer. T = {m['calibration']['temperature']} and
k = {m['calibration']['evidence_turns']} turns were fit by {settings.calibration_folds}-fold cross-validation (by transcript) on
excerpts of {', '.join(map(str, settings.calibration_lengths))} rows and whole transcripts.

## Evaluation (held out by transcript; speaker labels replaced by SPEAKER_00/01 in random order)
Every AnnoMI transcript is judged by a model fit, and calibrated, without it.

| test set | n | accuracy | mean confidence | confident (p ≥ {settings.confident}) | accuracy when confident | accuracy when unsure | ECE |
|---|---|---|---|---|---|---|---|
{chr(10).join(rows)}

Misidentified AnnoMI transcripts: {errors}.
Accuracy = sessions (or excerpts) whose therapist was identified correctly. ECE = expected
calibration error of the chosen speaker's probability (10 bins).

## Thresholds
`confident = {settings.confident}`: below it, a two-speaker session is labelled with a warning,
and a session with more speakers stops with an error asking for `--therapist`.

## Known failure modes
{card.get('failure_modes', '').strip()}

Reproduce: `transcript-analyzer train pipelines/roles.toml --data ../shared/data`
(trained {m['trained_on']['date']} on {m['trained_on']['machine']}).
"""
