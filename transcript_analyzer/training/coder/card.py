"""The coder's model card, from its recipe and metrics."""

from __future__ import annotations

from typing import Any

from ..corpora.split_manifest import CARD_LINE


def _f(v: Any) -> str:
    return "–" if v is None else f"{v:.3f}" if isinstance(v, float) else str(v)


def _task_rows(metrics: dict[str, Any]) -> list[str]:
    rows = ["| task | n | headline | value (95 % CI, by conversation) | κ | ECE | unpunctuated | drop |",
            "|---|---|---|---|---|---|---|---|"]
    plain = metrics.get("test_unpunctuated", {})
    for name, m in metrics["test"].items():
        value = m[m["headline"]]
        ci = f" ({m['ci95'][0]:.2f}–{m['ci95'][1]:.2f})" if m.get("ci95") else ""
        p = plain.get(name, {})
        pv = p.get(m["headline"])
        rows.append(f"| {name} | {m['n']} | {m['headline'].replace('_', ' ')} | {value:.3f}{ci} | {_f(m['kappa'])} | "
                    f"{_f(m['ece'])} | {_f(pv)} | {_f(None if pv is None else round(pv - value, 3))} |")
    return rows


def _class_rows(metrics: dict[str, Any]) -> list[str]:
    rows = ["| task | class | precision | recall | F1 | support |", "|---|---|---|---|---|---|"]
    for name, m in metrics["test"].items():
        for c, v in m["per_class"].items():
            rows.append(f"| {name} | {c} | {v['precision']:.3f} | {v['recall']:.3f} | {v['f1']:.3f} | {v['support']} |")
    return rows


def _session_rows(metrics: dict[str, Any]) -> list[str]:
    rows = ["| count per session | conversations | ICC(2,1) | Pearson r | human mean | predicted mean |", "|---|---|---|---|---|---|"]
    for label, s in metrics.get("sessions", {}).items():
        rows.append(f"| {label} | {s['sessions']} ({s.get('corpus', '')}) | {_f(s['icc_2_1'])} | {_f(s['pearson_r'])} | {s['human_mean']} | {s['predicted_mean']} |")
    return rows


def _corpus_rows(metrics: dict[str, Any]) -> list[str]:
    found = metrics.get("test_by_corpus", {})
    if not found:
        return ["- every task is drawn from one corpus"]
    rows = ["| task | corpus | n | headline | value (95 % CI) | κ | positive / per-class recall |", "|---|---|---|---|---|---|---|"]
    for name, corpora in found.items():
        for corpus, v in corpora.items():
            value = v[v["headline"]]
            ci = f" ({v['ci95'][0]:.2f}–{v['ci95'][1]:.2f})" if v.get("ci95") else ""
            recall = ", ".join(f"{c} {x['recall']:.2f}" for c, x in v.get("per_class", {}).items())
            rows.append(f"| {name} | {corpus} | {v['n']} | {v['headline'].replace('_', ' ')} | {value:.3f}{ci} | {_f(v['kappa'])} | {recall} |")
    for name, corpora in metrics.get("test_false_alarms", {}).items():
        rows += [f"- {name}, {corpus} (no positive in its test conversations): {v['flagged']} of {v['n']} decided positive "
                 f"(false alarms)" for corpus, v in corpora.items()]
    return rows


def _marker_rows(metrics: dict[str, Any]) -> list[str]:
    rows = ["| marker | precision | recall | F1 | human positives | decided | n | human codes | status |",
            "|---|---|---|---|---|---|---|---|---|"]
    for name, v in metrics.get("markers", {}).items():
        status = "shown" if v["precision"] >= 0.5 else "experimental (precision < 0.5)"
        rows.append(f"| {name} | {v['precision']:.3f} | {v['recall']:.3f} | {v['f1']:.3f} | {v['support']} | "
                    f"{v['decided']} | {v['n']} | {v['source']} | {status} |")
    return rows


def _spoken_rows(metrics: dict[str, Any]) -> list[str]:
    spoken = metrics.get("markers_spoken", {})
    if not spoken:
        return ["- not measured (no annotation of AnnoMI's therapist turns)"]
    rows = ["| marker | precision | recall | F1 | human positives | decided | turns | sessions | ICC(2,1) of the counts | "
            "human / predicted mean per session | status |", "|---|---|---|---|---|---|---|---|---|---|---|"]
    for name, v in spoken.items():
        status = "shown" if v["precision"] >= 0.5 else "experimental (precision < 0.5)"
        rows.append(f"| {name} | {v['precision']:.3f} | {v['recall']:.3f} | {v['f1']:.3f} | {v['support']} | {v['decided']} | "
                    f"{v['n']} | {v['sessions']} | {_f(v['icc_2_1'])} | {v['human_mean']} / {v['predicted_mean']} | {status} |")
    return rows


def _quality(metrics: dict[str, Any]) -> str:
    lines = []
    for label, q in metrics.get("quality", {}).items():
        if "reflection_to_question_auc_coder" in q:
            lines.append(f"- {label.replace('_', ' ')} ({q['sessions']} AnnoMI sessions, {q['high']} high quality): "
                         f"reflection-to-question ratio AUC, high vs low MI quality: from the coder "
                         f"{q['reflection_to_question_auc_coder']:.3f}, from the human codes {q['reflection_to_question_auc_human']:.3f}")
    return "\n".join(lines) or "- not measured"


def _rules(config: dict[str, Any]) -> list[str]:
    rows = ["| task | classes | temperature | decision |", "|---|---|---|---|"]
    for t in config["tasks"]:
        if t.get("threshold") is not None:
            decision = f"P({t['positive']}) ≥ {t['threshold']}"
        elif t.get("weights"):
            decision = "argmax of weight × P, weights " + ", ".join(f"{w:.2f}" for w in t["weights"])
        else:
            decision = "argmax"
        if t.get("rate_matched"):
            decision += " (rate-matched: as many validation utterances decided as human coders marked)"
        if t.get("session_tuning"):
            s = t["session_tuning"]
            decision += (f" (tuned for per-session counts: validation ICC {s['val_mean_icc_before']} → "
                         f"{s['val_mean_icc_after']}, macro-F1 {s['val_macro_f1_before']} → {s['val_macro_f1_after']})")
        rows.append(f"| {t['name']} | {', '.join(t['classes'])} | {t.get('temperature', 1.0)} | {decision} |")
    for marker, t in config.get("marker_thresholds", {}).items():
        rows.append(f"| marker {marker} | – | – | P ≥ {t} (rate-matched on validation against the codebook's rule) |")
    for rule, t in config.get("marker_rules", {}).items():
        rows.append(f"| marker empathy | – | – | {rule} = {t}: a strong Interpretation counts while P(self-disclosure) < {t} "
                    f"(codebook 3.3; the most sensitive cut-off reaching the recipe's precision on validation) |")
    return rows


def render_card(recipe: dict[str, Any], config: dict[str, Any], m: dict[str, Any]) -> str:
    card = recipe.get("card", {})
    training = m["training"]
    history = "\n".join(f"| {h['epoch']} | {h['items']} | {h['train_loss']} | {h['val_selection_mean']} | {h['minutes']} |"
                        for h in training["history"])
    return f"""# Model card: {config['name']} (version {config['version']})

{card.get('summary', '').strip()}

## Model
- Starts from `{config['source']}`; fine-tuned end to end (all tasks at once), exported to ONNX
  with int8 weights ({m['model_mb']} MB). Input: `[CLS] context [SEP] target [SEP]`, at most
  {config['max_length']} word pieces, the target's first {config['target_max']}; the context is
  the utterances before the target as "role: text", cut from the left.
- Speed: {m['speed']['pairs_per_second']} pairs per second on the test pairs (one pair per run, 2 threads,
  {m['date']}).

## Data and licence
{card.get('data', '').strip()}

Split by conversation (70 / 15 / 15, training/corpora/examples.split_of): {m['items']['train']} training,
{m['items']['val']} validation, {m['items']['test']} test items. Test conversations were used for
nothing but the numbers below; the epoch, temperatures and decision rules come from validation.
{CARD_LINE}

## Training
| epoch | items | train loss | validation mean macro-F1 (selection) | minutes |
|---|---|---|---|---|
{history}

Best epoch: {training['best_epoch']}. Settings: `{m['settings']}`.

## Held-out results (test conversations, the exported int8 model)
"Unpunctuated" is the same test split lowercased with punctuation removed (as many recognisers
write); "drop" is its difference.

{chr(10).join(_task_rows(m))}

### Per class
{chr(10).join(_class_rows(m))}

### Per corpus (tasks drawn from several corpora; "probe": written examples held out from training; "real turns": the real corpora pooled)
{chr(10).join(_corpus_rows(m))}

### Per session (counts a report shows, against the human counts of the same sessions)
{chr(10).join(_session_rows(m))}

### Markers end to end (decisions as the analyzer makes them)
A marker whose precision here is below 0.5 is labelled experimental in reports: not called a
strength or a risk, and left out of the alliance index.

{chr(10).join(_marker_rows(m))}

### The same markers in spoken MI sessions (AnnoMI test turns, the project's annotation)
A marker is experimental when its precision is below 0.5 here or in the table above.

{chr(10).join(_spoken_rows(m))}

### Session quality
{_quality(m)}

## Calibration and decisions (from validation)
{chr(10).join(_rules(config))}

## Failure modes
{card.get('failure_modes', '').strip()}

Reproduce: `transcript-analyzer train pipelines/coder.toml --data ../shared/data` (resumes from its
last checkpoint if stopped); check: `transcript-analyzer evaluate --data ../shared/data`.
"""
