"""Which unit should the analyzer code: whole turns or sentences? (issue 12, the choice behind
``segment.unit``.) Every AnnoMI transcript is analysed by the shipped pipeline (roles from the
transcript, the shipped coder) twice: with each turn an utterance (a turn over ``max_words`` cut
at sentence boundaries; the default) and with each sentence an utterance (spaCy). Per session,
the analyzer's counts of questions, reflections and giving information are compared with AnnoMI's
human counts of the same behaviours as main behaviour (ICC(2,1), absolute agreement), and the
reflection-to-question ratio it computes with the sessions' MI quality (AUC, high vs low).
Reported on the validation + test transcripts (the coder never trained on them), the test ones,
and all 88.

    python benchmarks/coding_unit.py --data ../shared/data [--json out.json]

About 3 minutes on 2 cores.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from transcript_analyzer.config import SegmentOptions  # noqa: E402
from transcript_analyzer.markers.index import session_features  # noqa: E402
from transcript_analyzer.model import THERAPIST  # noqa: E402
from transcript_analyzer.training.agreement.stats import icc_2_1  # noqa: E402
from transcript_analyzer.training.corpora.examples import annomi_conversations  # noqa: E402
from transcript_analyzer.training.index_recipe import annomi_sessions, auc  # noqa: E402

COUNTED = {"question": {"open_question", "closed_question"}, "reflection": {"simple_reflection", "complex_reflection"},
           "therapist_input": {"giving_information"}}


def human_counts(data: Path) -> dict[str, Counter]:
    out: dict[str, Counter] = {}
    for tid, rows in annomi_conversations(data).items():
        therapist = [r["main_therapist_behaviour"] for r in rows if r["interlocutor"] == "therapist"]
        out[f"annomi-{tid}"] = Counter(therapist) + Counter(units=len(therapist))
    return out


def measure(data: Path, unit: str) -> dict:
    human = human_counts(data)
    rows = []
    for session, quality, split in annomi_sessions(data, SegmentOptions(unit=unit)):
        got = Counter()
        for u in session.utterances:
            if u.role == THERAPIST:
                decided = {m.marker for m in u.markers if m.decision}
                got["units"] += 1
                for name, markers in COUNTED.items():
                    got[name] += bool(decided & markers)
        h = human[session.meta.session_id]
        rows.append((split, quality == "high", session_features(session)["reflection_to_question"], got, h))
    out = {}
    for subset, keep in (("validation+test", lambda s: s != "train"), ("test", lambda s: s == "test"), ("all", lambda s: True)):
        sub = [r for r in rows if keep(r[0])]
        res = {"sessions": len(sub), "rq_auc": auc([r[2] for r in sub], [r[1] for r in sub]),
               "human_rq_auc": auc([r[4]["reflection"] / max(r[4]["question"], 0.5) for r in sub], [r[1] for r in sub]),
               "units_per_session": round(float(np.mean([r[3]["units"] for r in sub])), 1),
               "human_units_per_session": round(float(np.mean([r[4]["units"] for r in sub])), 1)}
        for name in COUNTED:
            value = icc_2_1([[r[4][name], r[3][name]] for r in sub])
            res[f"icc_{name}"] = None if value is None else round(float(value), 3)
        out[subset] = res
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    results = {unit: measure(args.data, unit) for unit in ("turn", "sentence")}
    print("| unit | sessions | units / session (human) | ICC questions | ICC reflections | ICC information | R:Q AUC (human) |")
    print("|---|---|---|---|---|---|---|")
    for unit, by in results.items():
        for subset, r in by.items():
            print(f"| {unit} | {subset} ({r['sessions']}) | {r['units_per_session']} ({r['human_units_per_session']}) | "
                  f"{r['icc_question']} | {r['icc_reflection']} | {r['icc_therapist_input']} | {r['rq_auc']} ({r['human_rq_auc']}) |")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
