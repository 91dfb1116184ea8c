"""Round 3 of the interpretation and disclosure annotation (issue 13): therapist turns read as
sequences, around the client ruptures the project annotated (docs/annotation.md).

Rigid interpretation and inappropriate self-disclosure are sequence judgements (codebook sections
5-6, 9): an interpretation is rigid when it is imposed and defended after the client disagrees; a
disclosure is inappropriate when it takes the focus and the client has to look after the
therapist. The first two rounds read single sentences chosen by cue words and found 16 rigid
interpretations and 38 inappropriate disclosures. This round reads whole therapist turns
(``sentence_index`` -1) with the conversation on both sides, drawn in strata recorded on each
item:

- ``before_rupture``: the therapist turn a client rupture answers (what provoked it);
- ``after_rupture``: the therapist's response to it (persistence, defence, or repair);
- ``cues``: other turns with interpretation cue words (codebook 6.4), drawn at random;
- ``disclosure_label``: supporter messages ESConv tags as self-disclosure, not read before, 40 %
  from test conversations; and AnnoMI turns with first-person past wording;
- ``random``: other therapist turns.

The cues only choose what is read; the labels come from reading (and the models that learn from
them are not given the cue lists).
"""

from __future__ import annotations

import random
import re
from pathlib import Path

from ..corpora.examples import Example, load
from . import Candidate, _windows, cue_score, load_annotations

_OWN_PAST = re.compile(r"\b(when i was|i used to|i went through|i had (a|the same)|my (own|wife|husband|son|daughter|"
                       r"mother|father|dad|mum|mom|ex)|i remember when|happened to me|i've been there|i struggled)\b", re.I)


def mine_round3(data: Path, client_refs: Path, exclude: set[str], quotas: dict[str, int], seed: int = 0) -> list[Candidate]:
    """Candidates of round 3 (see the module's text); ``exclude``: ``corpus/conversation/index``
    references already read in rounds 1-2."""
    rng = random.Random(seed)
    examples: list[Example] = []
    for loader in ("annomi", "esconv", "esconv_failed"):
        examples += load(loader, data)
    windows = _windows(examples)
    by_conv: dict[tuple[str, str], list[Example]] = {}
    for ex in examples:
        by_conv.setdefault((ex.corpus, ex.conversation), []).append(ex)
    for turns in by_conv.values():
        turns.sort(key=lambda e: e.index)
    chosen: dict[str, Candidate] = {}

    def take(ex: Example, why: str) -> None:
        if ex.ref not in chosen and ex.ref not in exclude and len(ex.text.split()) >= 3:
            chosen[ex.ref] = Candidate(ex.corpus, ex.conversation, ex.index, -1, ex.text, ex.split,
                                       windows.get(ex.ref, (("therapist", ex.text),)), why)

    ruptures = [a for a in load_annotations(client_refs) if a.labels.get("rupture") in ("withdrawal", "confrontation")]
    for a in ruptures:
        turns = by_conv.get((a.corpus, a.conversation), [])
        before = [e for e in turns if e.index < a.index]
        after = [e for e in turns if e.index > a.index]
        if before:
            take(before[-1], "before_rupture")
        if after:
            take(after[0], "after_rupture")
    rest = [e for e in examples if e.ref not in chosen and e.ref not in exclude and len(e.text.split()) >= 4]
    cued = [e for e in rest if cue_score(e.text) >= 1.5]
    for ex in rng.sample(cued, min(quotas.get("cues", 0), len(cued))):
        take(ex, "cues")
    tagged = [e for e in rest if e.labels.get("strategy") == "Self-disclosure" and e.ref not in chosen]
    test = [e for e in tagged if e.split == "test"]
    n = quotas.get("disclosure_label", 0)
    n_test = min(len(test), int(round(0.4 * n)))
    for ex in rng.sample(test, n_test) + rng.sample([e for e in tagged if e.split != "test"], n - n_test):
        take(ex, "disclosure_label")
    own = [e for e in rest if e.corpus == "annomi" and _OWN_PAST.search(e.text) and e.ref not in chosen]
    for ex in rng.sample(own, min(quotas.get("own_past", 0), len(own))):
        take(ex, "disclosure_label")
    others = [e for e in rest if e.ref not in chosen]
    for ex in rng.sample(others, min(quotas.get("random", 0), len(others))):
        take(ex, "random")
    return list(chosen.values())
