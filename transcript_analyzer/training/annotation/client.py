"""Client turns to annotate for rupture markers, risk talk and the therapist's response
(codebook sections 8 and 9).

Every AnnoMI client turn is read (the only spoken sessions; whole sessions, in order). ESConv's
seeker turns are too many to read; they are drawn in three strata, recorded on each item so
that rates can be estimated for the unread rest:

- ``risk_cue``: every seeker turn with words a clinician would follow up (suicide, self-harm,
  abuse, violence): recall for risk talk needs every public example there is;
- ``rupture_cue``: seeker turns that answer a supporter turn with words of refusal, disagreement
  or disengagement, half from the rejected conversations (``failed.json``);
- ``random_rest``: a random sample of the other seeker turns that answer a supporter turn.

The cues only choose what is read; annotators decide every label by reading (docs/annotation.md).
"""

from __future__ import annotations

import random
import re
from pathlib import Path
from typing import Iterable

from ..corpora.client import ClientTurn, annomi_client, esconv_client
from . import sanitise_note, text_hash

RISK_CUES = re.compile(
    r"suicid|kill (my ?self|me\b|him|her|them)|end (my life|it all|things)|want(ed)? to die|better off (dead|without)|"
    r"self.?harm|cut(ting)? (my ?self|my (arm|wrist|leg)s?)|hurt(ing)? (my ?self|him|her|them|someone)|abus|"
    r"hit(s|ting)? (me|my)|beat(s|ing)? (me|my|him|her)|rape|molest|assault|overdos|pills|"
    r"no reason to live|wish i (was|were) dead|don'?t want to (live|be here|wake up)|not (be )?(around|here) anymore|"
    r"can'?t go on|give up on (life|everything)|violen|threaten|weapon|gun|knife|dead", re.I)
RUPTURE_CUES = re.compile(
    r"tried (that|it|this)|(doesn'?t|does not|won'?t|will not|wouldn'?t|didn'?t) (help|work)|not helping|"
    r"i (don'?t|do not) know|idk|whatever|you don'?t (get|understand|know)|that'?s not (it|what|true|right|the)|"
    r"not really|i guess|^(no|nope|nah)\b|i already|not sure|doesn'?t matter|pointless|useless|easy for you|"
    r"you (keep|always)|why (do|would|are) you|i said|stop|leave it|fine\.?$|ok\.?$|okay\.?$|sure\.?$|"
    r"can'?t (do|afford)|that'?s (easy|not)|i can'?t|no way|not going to", re.I)


def _window(turn: ClientTurn, before: int = 6, after: int = 3) -> dict:
    return {"before": [{"role": t.role, "text": t.text} for t in turn.before[-before:]],
            "after": [{"role": t.role, "text": t.text} for t in turn.after[:after]]}


def ref(turn: ClientTurn) -> str:
    """The item id of a client turn: corpus/conversation/index (what ``exclude`` sets hold)."""
    return f"{turn.corpus}/{turn.conversation}/{turn.index}"


def item(turn: ClientTurn, stratum: str, stratum_size: int) -> dict:
    """One item for an annotator: the reference fields, the stratum, and the text to read
    (written outside the project only)."""
    return {"id": ref(turn), "corpus": turn.corpus,
            "conversation_id": turn.conversation, "utterance_index": turn.index, "sentence_index": -1,
            "split": turn.split, "text_sha256": text_hash(turn.text), "stratum": stratum,
            "stratum_size": stratum_size, "client_turn": turn.text, **_window(turn)}


def mine_client_turns(data: Path, rupture_quota: int = 500, random_quota: int = 300, seed: int = 0) -> list[dict]:
    """All AnnoMI client turns, then ESConv seeker turns by stratum (see the module's text)."""
    items = [item(t, "annomi_all", 0) for t in annomi_client(data)]
    rng = random.Random(seed)
    answering = _answering(data)
    risk = [t for t in answering if RISK_CUES.search(t.text)]
    rest = [t for t in answering if not RISK_CUES.search(t.text)]
    cued = [t for t in rest if RUPTURE_CUES.search(t.text)]
    chosen = _half_rejected(rng, cued, rupture_quota)
    chosen_keys = {t.key for t in chosen}
    uncued = [t for t in rest if t.key not in chosen_keys and not RUPTURE_CUES.search(t.text)]
    items += [item(t, "risk_cue", len(risk)) for t in risk]
    items += [item(t, "rupture_cue", len(cued)) for t in chosen]
    items += [item(t, "random_rest", len(uncued)) for t in rng.sample(uncued, min(len(uncued), random_quota))]
    return items


def _answering(data: Path) -> list[ClientTurn]:
    """ESConv seeker turns that answer a supporter turn."""
    return [t for t in esconv_client(data) if t.before and t.before[-1].role == "therapist"]


def _half_rejected(rng: random.Random, pool: list[ClientTurn], n: int) -> list[ClientTurn]:
    """``n`` turns of ``pool``, half (at most) from the rejected conversations (``failed-N``)."""
    failed = [t for t in pool if t.conversation.startswith("failed-")]
    other = [t for t in pool if not t.conversation.startswith("failed-")]
    half = min(len(failed), n // 2)
    return rng.sample(failed, half) + rng.sample(other, min(len(other), n - half))


def batches(items: Iterable[dict], size: int = 300) -> list[list[dict]]:
    """Batches for annotators: whole conversations, in order, about ``size`` items each."""
    by_conversation: dict[tuple[str, str], list[dict]] = {}
    for it in items:
        by_conversation.setdefault((it["corpus"], it["conversation_id"]), []).append(it)
    out: list[list[dict]] = [[]]
    for group in by_conversation.values():
        if len(out[-1]) + len(group) > size and out[-1]:
            out.append([])
        out[-1] += sorted(group, key=lambda i: i["utterance_index"])
    return out


# ---------------------------------------------------------------- stored references

LABELS = ("rupture", "subtype", "risk", "response")
RUPTURES = ("withdrawal", "confrontation")


def _clean(answer: dict) -> dict[str, str]:
    """An annotator's answer as labels; subtype and response only where there is a rupture."""
    rupture = answer.get("rupture", "none")
    out = {"rupture": rupture, "risk": answer.get("risk", "none")}
    out["subtype"] = answer.get("subtype", "") if rupture in RUPTURES else ""
    out["response"] = answer.get("response", "") if rupture in RUPTURES else ""
    return out


def assemble(items: list[dict], first: dict[str, tuple[str, dict]], second: dict[str, tuple[str, dict]],
             adjudicated: dict[str, dict], turns: dict[tuple[str, str, int], ClientTurn], codebook: str) -> list[dict]:
    """The stored references: one record per item with the final labels (adjudicated where there
    was an adjudication, else the first coder's), both independent codings, the sampling stratum,
    and where the therapist's response is (its index and hash) for the repair task."""
    records = []
    for it in items:
        annotator, answer = first[it["id"]]
        final = _clean(adjudicated.get(it["id"], answer))
        turn = turns[(it["corpus"], it["conversation_id"], it["utterance_index"])]
        response = next((t for t in turn.after if t.role == "therapist"), None)
        second_coding = second.get(it["id"])
        record = {k: it[k] for k in ("corpus", "conversation_id", "utterance_index", "sentence_index", "split",
                                     "stratum", "stratum_size")}
        record["text_sha256"] = text_hash(turn.text)  # the turn as the corpus gives it now
        record.update({
            "labels": final, "annotator": "adjudicated" if it["id"] in adjudicated else annotator,
            "codebook": codebook,
            "first": {"annotator": annotator, **_clean(answer)},
            "second": {"annotator": second_coding[0], **_clean(second_coding[1])} if second_coding else None,
            "response_index": response.index if response else None,
            "response_sha256": text_hash(response.text) if response else None,
            "note": sanitise_note(str(adjudicated.get(it["id"], answer).get("note", "")), turn.text),
        })
        records.append(record)
    return records


def turn_index(data: Path, corpora: Iterable[str] = ("annomi", "esconv")) -> dict[tuple[str, str, int], ClientTurn]:
    from ..corpora.client import client_turns

    return {t.key: t for corpus in corpora for t in client_turns(corpus, data)}


def join_client(annotations: Iterable, data: Path) -> list[tuple[object, ClientTurn]]:
    """(annotation, its client turn) for every reference; a ConfigError when one is missing or its
    text changed."""
    from ...errors import ConfigError

    annotations = list(annotations)
    turns = turn_index(data, sorted({a.corpus for a in annotations}))
    out = []
    for a in annotations:
        turn = turns.get(a.key)
        if turn is None:
            raise ConfigError(f"annotation {a.corpus}/{a.conversation}/{a.index}: no such client turn in the corpus")
        out.append((a.check(turn.text), turn))
    return out


def mine_more_ruptures(data: Path, exclude: set[str], n: int = 700, seed: int = 1) -> list[dict]:
    """Round 2 (docs/annotation.md): more ESConv seeker turns of the ``rupture_cue`` kind, none read
    before, half from the rejected conversations; stratum ``rupture_cue_r2``, whose size is the
    unread rest of the cued pool."""
    rng = random.Random(seed)
    cued = [t for t in _answering(data) if not RISK_CUES.search(t.text) and RUPTURE_CUES.search(t.text)
            and ref(t) not in exclude]
    return [item(t, "rupture_cue_r2", len(cued)) for t in _half_rejected(rng, cued, n)]


def mine_risk_by_model(data: Path, exclude: set[str], score, top: int = 500, random_quota: int = 200,
                       seed: int = 2) -> list[dict]:
    """Risk round 2 (docs/annotation.md): ESConv seeker turns none read before (opening messages
    included), the ``top`` ones a model scores highest for risk talk (``risk_model_r2``) and a
    random ``random_quota`` of the rest (``random_rest_r2``: what the model ranks low, so that
    recall can be estimated on the unread pool). ``score(turns)`` gives one number per turn."""
    pool = [t for t in esconv_client(data) if ref(t) not in exclude]
    ranked = sorted(zip(score(pool), range(len(pool))), reverse=True)
    chosen = [pool[i] for _, i in ranked[:top]]
    rest = [pool[i] for _, i in ranked[top:]]
    rng = random.Random(seed)
    return ([item(t, "risk_model_r2", len(pool)) for t in chosen]
            + [item(t, "random_rest_r2", len(rest)) for t in rng.sample(rest, min(len(rest), random_quota))])


def mine_epitome_risk(data: Path, random_quota: int = 150, seed: int = 3) -> list[dict]:
    """Risk round 2: EPITOME's seeker posts, every one with risk words (``epitome_risk_cue``) and a
    random ``random_quota`` of the others (``epitome_random``): real people's own words about
    suicide, self-harm and abuse, the public examples the spoken corpora lack."""
    from ..corpora.client import epitome_client

    posts = list(epitome_client(data))
    cued = [t for t in posts if RISK_CUES.search(t.text)]
    rest = [t for t in posts if not RISK_CUES.search(t.text)]
    rng = random.Random(seed)
    return ([item(t, "epitome_risk_cue", len(cued)) for t in cued]
            + [item(t, "epitome_random", len(rest)) for t in rng.sample(rest, min(len(rest), random_quota))])
