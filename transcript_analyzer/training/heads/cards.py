"""Model cards for heads: data and licences, method, test results, cross-validated and chained
results, failure modes, and the commands that reproduce them."""

from __future__ import annotations

from typing import Any

from ..corpora.split_manifest import CARD_LINE

LICENCES = {
    "annomi": "AnnoMI (Wu et al. 2022, 2023): publicly and freely available for research; cite the papers",
    "esconv": "ESConv (Liu et al. 2021): CC BY-NC 4.0, non-commercial academic research only",
    "epitome": "EPITOME (Sharma et al. 2020): academic research use",
    "mi": "MI sentences (Welivita & Pu 2022): CC BY-NC-SA 3.0, non-commercial",
    "pair": "PAIR (Min et al. 2022): research use",
    "counselchat": "CounselChat: MIT",
    "synthetic": ("Written examples (pipelines/synthetic/): in-session utterances written by AI agents against the "
                  "codebook, training only, never scored or used for tuning (docs/annotation.md)"),
}


def _row(name: str, m: dict[str, Any]) -> str:
    return f"| {name} | {m['precision']:.3f} | {m['recall']:.3f} | {m['f1']:.3f} | {m['support']} |"


def _ci(t: dict[str, Any]) -> str:
    return f" (95 % CI {t['ci95'][0]:.3f}–{t['ci95'][1]:.3f}, resampling conversations)" if t.get("ci95") else ""


def _targets(spec: dict[str, Any], t: dict[str, Any]) -> str:
    lines = []
    if spec.get("target") is not None:
        value = t[t["headline"]]
        lines.append(f"Target: {t['headline'].replace('_', ' ')} ≥ {spec['target']} — "
                     f"**{'met' if value >= spec['target'] else 'not met'}** ({value:.3f}).")
    for cls, goal in (spec.get("class_targets") or {}).items():
        value = t["per_class"][cls]["f1"]
        lines.append(f"Target: F1 of {cls} ≥ {goal} — **{'met' if value >= goal else 'not met'}** ({value:.3f}).")
    lines.append(f"Calibration target: ECE ≤ 0.05 — **{'met' if t['ece'] <= 0.05 else 'not met'}** ({t['ece']}).")
    return "\n".join(lines)


def _table(t: dict[str, Any]) -> str:
    rows = "\n".join(_row(c, v) for c, v in t["per_class"].items())
    return f"| class | precision | recall | F1 | support |\n|---|---|---|---|---|\n{rows}"


def _by_source(m: dict[str, Any], t: dict[str, Any]) -> str:
    if not m.get("test_by_source"):
        return ""
    rows = "".join(f"| {source} | {s['n']} | {s[s['headline']]:.3f} | {s['kappa']} | {s['ece']} |\n"
                   for source, s in m["test_by_source"].items())
    return f"\nBy source (test items):\n\n| source | n | {t['headline'].replace('_', ' ')} | κ | ECE |\n|---|---|---|---|---|\n{rows}"


def _cv(m: dict[str, Any]) -> str:
    if "cv" not in m:
        return ""
    c = m["cv"]
    return f"""
## Cross-validated results (every annotated item, grouped {c['folds']}-fold by conversation)
The test split alone holds few positives, so every item is also scored by a head fit and tuned
without its conversation. {c['headline'].replace('_', ' ')}: **{c[c['headline']]:.3f}**{_ci(c)}; κ {c['kappa']}; ECE {c['ece']}.

{_table(c)}
"""


def _chain(m: dict[str, Any]) -> str:
    if "chain_cv" not in m:
        return ""
    c = m["chain_cv"]
    y = c["per_class"]["yes"]
    return f"""
## The marker '{c['marker']}' (this head chained after its parent), cross-validated
Precision **{y['precision']:.3f}**, recall **{y['recall']:.3f}**, F1 {y['f1']:.3f}{_ci(c)} over {c['n']} annotated items
({y['support']} positive); κ {c['kappa']}; ECE {c['ece']}. Confusion (rows gold no/yes): {c['confusion']}.
{f"Decisions also need the form gate '{c['gate']}' (codebook 6.11), applied here as in the markers stage. " if c.get('gate') else ''}The persistence rule (codebook 6.5 Q3) cannot be scored on these single-turn items.
"""


def render_card(spec: dict[str, Any], head: Any, m: dict[str, Any]) -> str:
    t = m["test"]
    licences = "\n".join(f"- {LICENCES.get(s, s)}" for s in m["sources"])
    if any("annotations" in s for s in spec["sources"]):
        licences += ("\n- Project annotations (pipelines/annotations/, procedure in docs/annotation.md): "
                     "references and labels only; the texts stay under their corpus licences")
    data_rows = "\n".join(f"| {s} | {sum(c.values())} | {', '.join(f'{k}: {v}' for k, v in sorted(c.items()))} |"
                          for s, c in m["data"].items())
    if head.embedding:
        feats = ("the utterance embedding" + (", the context embedding and their product" if head.context else "")
                 + f" from the shipped encoder (sha256 {m['encoder_sha256'][:12]}…)" + (" and the linguistic cues" if head.cues else ""))
    else:
        feats = "the linguistic cues of markers/features.py only (few training examples)"
    decision = (f"probability of '{head.positive}' ≥ {head.threshold:.4f}" if head.threshold is not None
                else f"argmax of class weight × probability, weights {m['tuning']['decision_weights']}")
    return f"""# Model card: {spec['name']} (version {head.version})

{spec.get('description', '').strip()}

## Data and licence
{licences}

Where a licence is **non-commercial**, these weights inherit the restriction.

| split (by conversation) | items | labels |
|---|---|---|
{data_rows}

{CARD_LINE}

## Method
Features: {feats}. L2 logistic regression, C={m['tuning']['C']}; C, temperature scaling
(T={m['tuning']['temperature']}) and the decision rule tuned on the {m['tuning']['calibration']}. Decision: {decision}.

## Test results (held-out conversations, never used for fitting or tuning)
{t['headline'].replace('_', ' ')}: **{t[t['headline']]:.3f}**{_ci(t)}; macro-F1 {t['macro_f1']:.3f};
Cohen's κ {t['kappa']}; accuracy {t['accuracy']:.3f}; expected calibration error {t['ece']} (10 bins).

{_targets(spec, t)}

{_table(t)}

Confusion matrix (rows = gold, columns = predicted, order {', '.join(head.classes)}): {t['confusion']}
{_by_source(m, t)}{_cv(m)}{_chain(m)}
## Known failure modes
{spec.get('failure_modes', 'Not yet characterised beyond the numbers above.').strip()}

Reproduce: `transcript-analyzer train pipelines/heads.toml --data ../shared/data` (all heads; `--only NAME` for one),
evaluated {m['date']}; check: `transcript-analyzer evaluate --data ../shared/data`.
"""
