"""Redaction recall and precision on the labelled sets (tests/data/redaction/, invented therapy-style
talk, README.md there): ``original`` (identifying_mentions.jsonl, the set the redactor was first
tuned on), ``heldout`` (heldout_mentions.jsonl, tuned on in the second round), ``final``
(final_mentions.jsonl, measured once after the second round, its errors read since), ``dev``
(dev_mentions.jsonl, written for issue 10's missed kinds, scored as its parts: ``dev-tune``, tuned
on; ``dev-heldout``, only measured, but its misses were seen once during tuning; ``dev-fresh``,
written then and only measured) and ``probe`` (probe_mentions.jsonl, written by
someone outside the team, measured once in issue 10 and tuned on from round 3; skipped with a note while
absent), and ``probe2`` (probe2_mentions.jsonl, written outside the team after round 3 and
measured once after round 3: do not tune on it) and ``probe3`` (probe3_mentions.jsonl, written outside the team
for the learned tagger, never trained or tuned on, but measured once per tagger configuration) and ``probe4``
(probe4_mentions.jsonl, written outside the team after the shipped configuration was fixed, measured once).
``both`` scores original and heldout; ``tuned`` the sets whose errors may be read (every set but the probes 2-4);
``unseen`` probes 2-4; ``all`` every set.

A gold mention counts as caught when redacted mentions cover at least half of its characters
(whatever placeholder label they got: for privacy, covered is what matters); a redacted mention
counts as correct when it overlaps a gold one. Recall by label and, where the set says what each
utterance tests, by kind; the time per utterance of ``find`` (model loaded, one warm-up call); on
request, the misses and false alarms.

``--engine``: ``ours`` (Redactor: rules, NER and the learned tagger, what ``--redact`` uses), ``rules`` (Redactor
without the tagger), ``tagger`` (the learned tagger alone, text/redact/tagger.py), ``learned`` (those three), ``presidio`` (presidio-analyzer on the project's spaCy model,
benchmarks/presidio_redaction.py; skipped with the reason when it is not installed), ``both`` (the
union of the two), ``both-no-dates`` (the union without Presidio's DATE_TIME, its main source of
false alarms), ``both-patterns`` (ours plus Presidio's pattern recognisers only: phone, e-mail,
URL, national numbers; not its NER, which is the same spaCy model) or ``compare`` (all of them).

    python benchmarks/redaction_accuracy.py [--set original|heldout|final|dev|dev-tune|dev-heldout|dev-fresh|probe|probe2|probe3|probe4|both|tuned|unseen|all]
        [--engine ours|rules|tagger|learned|presidio|both|both-no-dates|both-patterns|compare] [--show-misses | --show-all-misses]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "tests" / "data" / "redaction"
FILES = {"original": DATA_DIR / "identifying_mentions.jsonl", "heldout": DATA_DIR / "heldout_mentions.jsonl",
         "final": DATA_DIR / "final_mentions.jsonl", "dev": DATA_DIR / "dev_mentions.jsonl",
         "probe": DATA_DIR / "probe_mentions.jsonl", "probe2": DATA_DIR / "probe2_mentions.jsonl",
         "probe3": DATA_DIR / "probe3_mentions.jsonl", "probe4": DATA_DIR / "probe4_mentions.jsonl"}
# name -> (file, split of the records kept or None for all)
SETS = {"original": (FILES["original"], None), "heldout": (FILES["heldout"], None), "final": (FILES["final"], None),
        "dev-tune": (FILES["dev"], "tune"), "dev-heldout": (FILES["dev"], "heldout"),
        "dev-fresh": (FILES["dev"], "fresh"), "probe": (FILES["probe"], None),
        "probe2": (FILES["probe2"], None), "probe3": (FILES["probe3"], None),
        "probe4": (FILES["probe4"], None)}
GROUPS = {"both": ("original", "heldout"), "dev": ("dev-tune", "dev-heldout", "dev-fresh"),
          "tuned": ("original", "heldout", "final", "dev-tune", "dev-heldout", "dev-fresh", "probe"),
          "all": ("original", "heldout", "final", "dev-tune", "dev-heldout", "dev-fresh", "probe", "probe2", "probe3", "probe4"),
          "unseen": ("probe2", "probe3", "probe4")}
ENGINES = {"ours": ("ours",), "rules": ("rules",), "tagger": ("tagger",), "learned": ("rules", "tagger", "ours"), "presidio": ("presidio",), "both": ("both",), "both-patterns": ("both-patterns",),
           "both-no-dates": ("both-no-dates",), "compare": ("rules", "tagger", "ours", "presidio", "both", "both-no-dates", "both-patterns")}
DATA = FILES["original"]


def load(path: Path, split: str | None = None) -> list[dict]:
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [r for r in records if split is None or r.get("split") == split]


def load_set(name: str) -> list[dict]:
    return load(*SETS[name])


def score(records: list[dict], redactor) -> dict:
    caught, total, correct, predicted = Counter(), Counter(), 0, 0
    kind_caught, kind_total = Counter(), Counter()
    misses, false = [], []
    seconds = 0.0
    for r in records:
        t0 = time.perf_counter()
        found = redactor.find(r["text"])
        seconds += time.perf_counter() - t0
        covered = [False] * len(r["text"])
        for m in found:
            for i in range(m.start, m.end):
                covered[i] = True
        for g in r["spans"]:
            total[g["label"]] += 1
            kind_total[r.get("kind")] += 1
            if sum(covered[g["start"]:g["end"]]) * 2 >= g["end"] - g["start"]:
                caught[g["label"]] += 1
                kind_caught[r.get("kind")] += 1
            else:
                misses.append((g["label"], g["text"], r["text"]))
        for m in found:
            predicted += 1
            if any(m.start < g["end"] and g["start"] < m.end for g in r["spans"]):
                correct += 1
            else:
                false.append((m.label, m.text, r["text"]))
    recall = sum(caught.values()) / max(sum(total.values()), 1)
    return {"recall": recall, "precision": correct / max(predicted, 1), "caught": caught, "total": total,
            "kind_caught": kind_caught, "kind_total": kind_total, "misses": misses, "false": false,
            "ms_per_utterance": 1000 * seconds / max(len(records), 1)}


def report(name: str, engine: str, records: list[dict], result: dict, show_misses: bool, show_all: bool = False) -> None:
    print(f"[{name} / {engine}] {len(records)} utterances, {sum(result['total'].values())} identifying mentions")
    print(f"recall {result['recall']:.3f} (target >= 0.95), precision {result['precision']:.3f} "
          f"({len(result['false'])} false alarms), {result['ms_per_utterance']:.1f} ms per utterance")
    for label in sorted(result["total"]):
        print(f"  {label:<8} {result['caught'][label]:>4} / {result['total'][label]:<4} "
              f"{result['caught'][label] / result['total'][label]:.3f}")
    kinds = sorted(k for k in result["kind_total"] if k)
    for kind in kinds:
        print(f"  kind {kind:<15} {result['kind_caught'][kind]:>4} / {result['kind_total'][kind]:<4} "
              f"{result['kind_caught'][kind] / result['kind_total'][kind]:.3f}")
    if show_misses and name not in GROUPS["tuned"] and not show_all:
        print(f"  (misses of {name} not shown: it is only measured)")
    elif show_misses:
        for label, text, context in result["misses"]:
            print(f"MISS {label}: {text!r} in {context!r}")
        for label, text, context in result["false"]:
            print(f"EXTRA {label}: {text!r} in {context!r}")


def engines(names: tuple[str, ...]) -> dict:
    """The engines asked for, loaded and warmed up; Presidio skipped with the reason when missing."""
    from transcript_analyzer.text.redact import Redactor

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import presidio_redaction

    from transcript_analyzer.text.redact.tagger import Tagger

    ours = Redactor().load()
    built: dict = {"ours": ours, "rules": Redactor(tagger=None).load(), "tagger": Tagger().load()}
    if set(names) - {"ours", "rules", "tagger"}:
        reason = presidio_redaction.available()
        if reason:
            print(f"skipping Presidio: {reason}")
        else:
            presidio = presidio_redaction.PresidioFinder().load()
            built["presidio"] = presidio
            built["both"] = presidio_redaction.Union(ours, presidio)
            patterns = presidio_redaction.PresidioFinder(entities=presidio_redaction.PATTERN_ENTITIES).load()
            built["both-patterns"] = presidio_redaction.Union(ours, patterns)
            no_dates = presidio_redaction.PresidioFinder(
                entities=tuple(e for e in presidio.entities if e != "DATE_TIME")).load()
            built["both-no-dates"] = presidio_redaction.Union(ours, no_dates)
    out = {n: built[n] for n in names if n in built}
    for engine in out.values():
        engine.find("Warm-up: Karen moved to Leeds in 2019.")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", choices=(*SETS, *GROUPS), default="both")
    parser.add_argument("--engine", choices=tuple(ENGINES), default="ours")
    parser.add_argument("--show-misses", action="store_true", help="misses and false alarms of the sets that may be tuned on")
    parser.add_argument("--show-all-misses", action="store_true",
                        help="also of the held-out sets (after their measurement is recorded: reading them spends them)")
    args = parser.parse_args()

    built = engines(ENGINES[args.engine])
    summary = []
    for name in GROUPS.get(args.set, (args.set,)):
        if not SETS[name][0].exists():
            print(f"[{name}] {SETS[name][0].name} not found: skipped")
            continue
        records = load_set(name)
        for engine_name, engine in built.items():
            result = score(records, engine)
            report(name, engine_name, records, result, args.show_misses or args.show_all_misses, args.show_all_misses)
            summary.append((name, engine_name, result))
    if len(summary) > 1:
        print("\nset          engine        recall  precision  ms/utt")
        for name, engine_name, r in summary:
            print(f"{name:<12} {engine_name:<13} {r['recall']:.3f}   {r['precision']:.3f}      {r['ms_per_utterance']:.1f}")


if __name__ == "__main__":
    main()
