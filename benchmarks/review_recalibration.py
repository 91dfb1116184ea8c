"""How many reviewed moments a site recalibration needs before it helps (docs/review.md).

Simulated reviewers: the human codes of the coder's test conversations (the split `evaluate --data`
re-scores; nothing is retrained). For each recalibratable decision with human codes there
(positive regard, self-disclosure, advice: ESConv, the MI sentences and AnnoMI, under the project's
annotation where it has one; confront, 10 test positives, is too rare to draw from) and for empathy
(EPITOME, codebook 3.3: would a single threshold on P(empathy) beat the mechanism rule? It does not,
so calibrations leave empathy alone), each repeat splits the test conversations at random into a
"site" half and an evaluation half; three sites: every test corpus, ESConv alone, AnnoMI's spoken
sessions alone. From the site half a reviewer reviews n moments: two in three drawn from the
utterances the shipped model flagged, one in three from the rest (all flagged ones when there are
fewer, the rest filled from the unflagged), each at random within its group, and the reviewer's
verdict is the human code. The threshold is refitted with the rule of review/fit.py (the F1-best
threshold, the shipped one on a tie, only with at least 5 reviewed positives and 5 negatives) and
three variants (without weighting the two groups by their size; without the out-of-bag check), and
the decisions on the evaluation half are scored against the human codes: F1 and Cohen's kappa,
recalibrated minus shipped.

    python benchmarks/review_recalibration.py --data ../shared/data [--repeats 30] [--markdown]

Prints, per decision and n, the median change and its 10th-90th percentile over the repeats, and
how often the recalibration helped (F1 up by more than 0.005) or hurt (down by more). The test items' coder logits are cached
by `evaluate --data` (~/.cache/transcript-analyzer/evaluate); the first run without that cache
codes ~4,750 test items (about a minute on 2 cores).
"""

from __future__ import annotations

import argparse
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

NS = (10, 25, 50, 100, 200, 400)
SHARE_FLAGGED = 2 / 3
DECISIONS = ("empathy", "positive_regard", "self_disclosure", "advice")
MARGIN = 0.005  # a change in F1 smaller than this is neither help nor harm


@dataclass(frozen=True)
class HeldOut:
    """One decision on the test conversations: probability, human code, shipped decision, conversation."""

    name: str
    p: np.ndarray
    y: np.ndarray
    shipped: np.ndarray
    groups: np.ndarray
    threshold: float | None  # the shipped threshold (None: empathy's mechanism levels)
    source: str


def held_out_sets(data: Path) -> dict[str, HeldOut]:
    """The decisions' probabilities and human codes on the coder's test split, as `evaluate` scores them
    (training/coder/agreement.marker_agreement: same items, logits, truths and decisions)."""
    from transcript_analyzer.markers.codebook import utterance_markers
    from transcript_analyzer.markers.coder import Coder
    from transcript_analyzer.resources import cache_dir, find_model, project_dir
    from transcript_analyzer.training import load_recipe
    from transcript_analyzer.training.annotation.references import annotated_truth
    from transcript_analyzer.training.coder.agreement import empathy_truth, truth_of
    from transcript_analyzer.training.coder.data import Task, items as collect, task_rows, tasks_from
    from transcript_analyzer.training.coder.recipe import logits_of

    recipe = load_recipe(project_dir() / "pipelines" / "coder.toml")
    coder = Coder(str(find_model("coder"))).load()
    test = [i for i in collect(tasks_from(recipe), data, Path(recipe["_root"])) if i.utt.split == "test"]
    work = cache_dir() / "evaluate"
    work.mkdir(parents=True, exist_ok=True)
    logits = logits_of(coder, [(i.utt.context, i.utt.text) for i in test], work)
    classes = {n: t.classes for n, t in coder.tasks.items()}

    def scored(rows: list[int], name: str) -> tuple[np.ndarray, np.ndarray]:
        s = utterance_markers(coder.outputs(logits[rows]), classes, coder.marker_thresholds, coder.marker_rules)
        return np.asarray(s[name][0], float), np.asarray(s[name][1], bool)

    def conversations(rows: list[int]) -> np.ndarray:
        return np.array([f"{test[i].utt.corpus}/{test[i].utt.conversation}" for i in rows])

    out = {}
    epitome = [i for i, item in enumerate(test) if item.utt.corpus == "epitome"]
    p, d = scored(epitome, "empathy")
    out["empathy"] = HeldOut("empathy", p, empathy_truth(test, epitome).astype(int), d, conversations(epitome), None,
                             "EPITOME (codebook 3.3)")
    names = list(coder.tasks)
    for name in ("positive_regard", "self_disclosure", "advice"):
        spec = coder.tasks[name]
        index, y = task_rows(test, names.index(name))
        truth, _ = truth_of(Task(name, spec.classes, (), positive=spec.positive), test, index, y, annotated_truth(name))
        p, d = scored(index, name)
        source = ", ".join(sorted({test[i].utt.corpus for i in index}))
        out[name] = HeldOut(name, p, (truth == spec.classes.index(spec.positive)).astype(int), d, conversations(index),
                            spec.threshold, source)
    return out


def review_sample(rng: np.random.Generator, flagged: np.ndarray, n: int, share: float = SHARE_FLAGGED) -> np.ndarray:
    """Indices a reviewer reviews: ``share`` of n from the flagged ones, the rest from the others."""
    f, u = np.flatnonzero(flagged), np.flatnonzero(~flagged)
    k = min(len(f), int(round(share * n)))
    m = min(len(u), n - k)
    k = min(len(f), n - m)  # fewer unflagged than wanted: more flagged
    return np.concatenate([rng.choice(f, k, replace=False), rng.choice(u, m, replace=False)])


def scores(d: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    from transcript_analyzer.review.fit import agreement

    a = agreement(d, y)
    return a["f1"] or 0.0, a["kappa"] or 0.0


def simulate(s: HeldOut, ns=NS, repeats: int = 30, weighted: bool = False, confidence: float | None = None,
             seed: int = 0) -> dict[int, dict[str, list]]:
    """Per n: the recalibrated-minus-shipped F1 and kappa on the evaluation half, per repeat."""
    from transcript_analyzer.review.fit import fit_threshold, stratum_weights

    rng = np.random.default_rng(seed)
    convs = np.unique(s.groups)
    out: dict[int, dict[str, list]] = {n: {"f1": [], "kappa": [], "refit": [], "t": []} for n in ns}
    for _ in range(repeats):
        site_convs = set(rng.choice(convs, len(convs) // 2, replace=False))
        site = np.array([g in site_convs for g in s.groups])
        ev = ~site
        f1_ship, k_ship = scores(s.shipped[ev], s.y[ev])
        sp, sy, sd = s.p[site], s.y[site], s.shipped[site]
        for n in ns:
            pick = review_sample(rng, sd, n)
            w = stratum_weights(sd[pick], int(sd.sum()), int((~sd).sum())) if weighted else None
            fit = fit_threshold(sp[pick], sy[pick], s.threshold, before=sd[pick], w=w, confidence=confidence)
            if fit.threshold is None:
                f1, k = f1_ship, k_ship
            else:
                f1, k = scores(s.p[ev] >= fit.threshold, s.y[ev])
            out[n]["f1"].append(f1 - f1_ship)
            out[n]["kappa"].append(k - k_ship)
            out[n]["refit"].append(fit.threshold is not None)
            out[n]["t"].append(fit.threshold)
    return out


def subset(s: HeldOut, corpus: str) -> HeldOut:
    """The decision on one corpus's test conversations: a site unlike the training mix."""
    m = np.array([g.startswith(corpus + "/") for g in s.groups])
    return HeldOut(s.name, s.p[m], s.y[m], s.shipped[m], s.groups[m], s.threshold, corpus)


def scenarios(sets: dict[str, HeldOut]) -> dict[str, dict[str, HeldOut]]:
    """Sites to simulate: every test conversation (a site like the training mix); ESConv's text chats
    alone; AnnoMI's spoken MI sessions alone (positive regard: the only decision with enough spoken
    human codes, the project's annotation of every therapist turn)."""
    return {"all test corpora": sets,
            "ESConv only": {n: subset(sets[n], "esconv") for n in ("positive_regard", "self_disclosure", "advice")},
            "AnnoMI spoken sessions only": {"positive_regard": subset(sets["positive_regard"], "annomi")}}


RULES = {"F1-best": dict(weighted=False, confidence=None),
         "F1-best, weighted": dict(weighted=True, confidence=None),
         "F1-best, out-of-bag 60 %": dict(weighted=False, confidence=0.6),
         "F1-best, weighted, out-of-bag 60 % (shipped)": dict(weighted=True, confidence=0.6)}
RULE = "F1-best, weighted, out-of-bag 60 % (shipped)"


def table(sets: dict[str, HeldOut], repeats: int, weighted: bool, confidence: float | None) -> list[dict]:
    rows = []
    for name, s in sets.items():
        for n, r in simulate(s, repeats=repeats, weighted=weighted, confidence=confidence).items():
            f1, kappa = np.array(r["f1"]), np.array(r["kappa"])
            rows.append({"decision": name, "n": n, "refit": float(np.mean(r["refit"])),
                         "f1": np.percentile(f1, [50, 10, 90]), "kappa": np.percentile(kappa, [50, 10, 90]),
                         "helped": float(np.mean(f1 > MARGIN)), "hurt": float(np.mean(f1 < -MARGIN))})
    return rows


def needed(rows: list[dict]) -> dict[str, int | None]:
    """Per decision, the smallest n from which recalibration helps more often than it hurts at every larger n."""
    out = {}
    for name in dict.fromkeys(r["decision"] for r in rows):
        mine = [r for r in rows if r["decision"] == name]
        ok = [r["helped"] > r["hurt"] for r in mine]
        first = next((k for k in range(len(mine)) if all(ok[k:])), None)
        out[name] = None if first is None else mine[first]["n"]
    return out


def _fmt(q: np.ndarray) -> str:
    return f"{q[0]:+.3f} ({q[1]:+.3f} to {q[2]:+.3f})"


def print_rows(rows: list[dict], markdown: bool) -> None:
    if markdown:
        print("\n| decision | n | refitted | ΔF1 | Δκ | helped | hurt |\n|---|---:|---:|---|---|---:|---:|")
    for r in rows:
        cells = [r["decision"], str(r["n"]), f"{r['refit']:.0%}", _fmt(r["f1"]), _fmt(r["kappa"]),
                 f"{r['helped']:.0%}", f"{r['hurt']:.0%}"]
        print("| " + " | ".join(cells) + " |" if markdown else
              f"{cells[0]:<16} n={cells[1]:>3}  refit {cells[2]:>4}  dF1 {cells[3]}  dkappa {cells[4]}  "
              f"helped {cells[5]:>4}  hurt {cells[6]:>4}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--repeats", type=int, default=30)
    parser.add_argument("--markdown", action="store_true", help="Print Markdown tables (docs/review.md).")
    args = parser.parse_args()
    started = time.perf_counter()
    sets = held_out_sets(args.data)
    for s in sets.values():
        print(f"{s.name}: {len(s.y)} test items, {int(s.y.sum())} human positives, {len(np.unique(s.groups))} "
              f"conversations, shipped F1 {scores(s.shipped, s.y)[0]:.3f} ({s.source})")
    results = {(scenario, rule): table(chosen, args.repeats, **kw)
               for scenario, chosen in scenarios(sets).items() for rule, kw in RULES.items()}
    print(f"\nrules compared: share of repeats helped / hurt (F1 up / down by more than {MARGIN}) at n = "
          + ", ".join(map(str, NS)))
    for (scenario, rule), rows in results.items():
        for name in dict.fromkeys(r["decision"] for r in rows):
            cells = " ".join(f"{r['helped']:.0%}/{r['hurt']:.0%}" for r in rows if r["decision"] == name)
            print(f"  {scenario:<28} {name:<16} {rule:<46} {cells}")
    for scenario in scenarios(sets):
        rows = results[(scenario, RULE)]
        print(f"\nsite: {scenario}; rule: {RULE}; {args.repeats} repeats; recalibrated minus shipped on the "
              "evaluation half: median (10th to 90th percentile)")
        print_rows(rows, args.markdown)
        print("helps more often than it hurts from n =", needed(rows))
    print(f"\n{time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
