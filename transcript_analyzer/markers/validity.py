"""How well each marker agrees with human coders (from its models' cards), and which markers are
experimental: a marker whose held-out precision is below ``MIN_PRECISION`` (or cannot be shown)
is labelled experimental in reports, is not called a strength or a risk, and does not enter the
alliance index."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from ..errors import ModelError
from ..resources import find_model
from .codebook import MARKERS, MarkerDef

MIN_PRECISION = 0.5
POOLED = ("reflection", "question")
"""Codes a session ratio counts without their subtype (reflection-to-question): judged like markers."""

# Markers decided outside the coder: where their end-to-end precision is recorded.
_OWN_MODELS = {"rigid_interpretation": ("interpretation_certainty", "chain_cv", "yes"),
               "inappropriate_self_disclosure": ("disclosure_appropriateness", "test", "inappropriate")}


def _metrics(name: str) -> dict | None:
    try:
        return _read(str(find_model(name) / "metrics.json"))
    except ModelError:
        return None


@lru_cache(maxsize=64)
def _read(path: str) -> dict | None:
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def marker_precision(name: str) -> tuple[float, int, str] | None:
    """(held-out precision, number of decisions it rests on, where measured), or None."""
    if name in _OWN_MODELS:
        model, section, positive = _OWN_MODELS[name]
        m = _metrics(model)
        block = (m or {}).get(section) or {}
        pc = block.get("per_class", {}).get(positive)
        if not pc:
            return None
        where = "cross-validated by conversation" if section.endswith("cv") else "held-out conversations"
        return pc["precision"], int(block.get("n", 0)), f"{model}, {where}"
    m = _metrics("coder")
    found = [v for v in ((m or {}).get("markers", {}).get(name), (m or {}).get("markers_spoken", {}).get(name)) if v]
    if not found:
        return None
    v = min(found, key=lambda x: x["precision"])  # where measured twice (text and spoken sessions): the lower
    return v["precision"], int(v["decided"]), f"coder, test conversations of {v['source']}"


def experimental(name: str) -> bool:
    """True for a shipped marker whose held-out precision is below MIN_PRECISION or unknown.
    Custom codes are the user's own and are never called strengths or risks here."""
    if name not in {m.name for m in MARKERS} and name not in POOLED:
        return False
    found = marker_precision(name)
    return found is None or found[0] < MIN_PRECISION


def head_summary(name: str) -> str:
    """'<metric> 0.812 (95 % CI 0.78-0.84), κ 0.71, ECE 0.03, n=390' from a model's metrics.json."""
    m = _metrics(name)
    t = (m or {}).get("cv") or (m or {}).get("test")
    if not t or "headline" not in t:
        return f"{name}: no metrics found"
    headline = t["headline"].replace("_", " ")
    ci = f" (95 % CI {t['ci95'][0]:.2f}-{t['ci95'][1]:.2f})" if t.get("ci95") else ""
    where = "cross-validated by conversation" if "cv" in m else "held-out conversations"
    return f"{name}: {headline} {t[t['headline']]:.3f}{ci}, κ {t['kappa']}, ECE {t['ece']}, n={t['n']} ({where})"


def coder_summary(task: str) -> str | None:
    """The coder's held-out line for one of its tasks."""
    m = _metrics("coder")
    t = (m or {}).get("test", {}).get(task)
    if not t:
        return None
    ci = f" (95 % CI {t['ci95'][0]:.2f}-{t['ci95'][1]:.2f})" if t.get("ci95") else ""
    return (f"coder/{task}: {t['headline'].replace('_', ' ')} {t[t['headline']]:.3f}{ci}, κ {t['kappa']}, "
            f"ECE {t['ece']}, n={t['n']} (held-out conversations)")


def chain_summary(marker: str, head: str) -> str | None:
    """The end-to-end line of a chained marker, when the head's metrics hold one."""
    m = _metrics(head)
    c = (m or {}).get("chain_cv")
    if not c or c.get("marker") != marker:
        return None
    yes = c["per_class"]["yes"]
    return (f"{marker} end to end: precision {yes['precision']:.2f}, recall {yes['recall']:.2f}, F1 {yes['f1']:.3f}, "
            f"κ {c['kappa']}, n={c['n']} ({yes['support']} positive; cross-validated by conversation)")


def marker_validity(marker: MarkerDef) -> list[str]:
    coder = _metrics("coder") or {}
    lines = [coder_summary(h) if h in coder.get("test", {}) else head_summary(h) for h in marker.heads]
    v = coder.get("markers", {}).get(marker.name)
    if v:
        lines.append(f"{marker.name} end to end: precision {v['precision']:.2f}, recall {v['recall']:.2f}, "
                     f"F1 {v['f1']:.3f}, n={v['n']} ({v['support']} positive; test conversations of {v['source']})")
    lines += [line for h in marker.heads if (line := chain_summary(marker.name, h))]
    if experimental(marker.name):
        lines.append(f"experimental: held-out precision below {MIN_PRECISION} or not measured; not counted as a "
                     "strength or risk, not in the alliance index")
    return [line for line in lines if line]


def validity_table() -> list[tuple[MarkerDef, list[str]]]:
    return [(m, marker_validity(m)) for m in MARKERS]


# ---------------------------------------------------------------- client codes (codebook 8-9)
# Judged on the coder's test conversations like the therapist markers, with one exception: risk
# talk is a safety net (codebook 8.6) and is never experimental; its recall and precision on real
# client turns stand beside every flag instead.

REAL_CORPORA = ("annomi", "esconv", "epitome")
EPISODES = ("rupture_unrepaired", "rupture_repaired")
REAL_TURNS = "real turns"
"""The card's entry pooling the real corpora, written probes apart (training/coder/agreement.by_corpus)."""


def _precision(task: str, classes: tuple[str, ...]) -> tuple[float, int] | None:
    """Held-out precision of deciding any of ``classes`` for ``task`` (from a test confusion
    matrix, rows gold and columns decided) on real client turns where the card has them apart
    from the written probes, else on the whole test split; and the number of decisions it rests on."""
    m = _metrics("coder") or {}
    t = (m.get("test_by_corpus", {}).get(task) or {}).get(REAL_TURNS) or (m.get("test") or {}).get(task)
    if not t or "confusion" not in t:
        return None
    names = list(t["per_class"])
    cols = [names.index(c) for c in classes if c in names]
    confusion = t["confusion"]
    decided = sum(row[c] for row in confusion for c in cols)
    hit = sum(confusion[r][c] for r in cols for c in cols)  # several classes: any of them for any of them
    return (hit / decided if decided else 0.0), decided


def client_precision(name: str) -> tuple[float, int, str] | None:
    """A client code's (held-out precision, number of decisions it rests on, where measured), or None."""
    from .client import CLIENT_CODES

    code = next((c for c in CLIENT_CODES if c.name == name), None)
    found = _precision(code.task, (code.cls,)) if code else None
    if found is None:
        return None
    real = REAL_TURNS in ((_metrics("coder") or {}).get("test_by_corpus", {}).get(code.task) or {})
    return (*found, f"coder, test conversations{' (real client turns)' if real else ''}")


def client_experimental(name: str) -> bool:
    """True for a client code (or the rupture-episode sections) whose held-out precision is below
    MIN_PRECISION or unknown; the episode sections need both the rupture markers and the repair
    judgement to pass. Risk talk: never (a safety net)."""
    from .client import CLIENT_CODES, REPAIR_TASK

    if name == "risk_talk":
        return False
    if name in EPISODES:
        found = [_precision("rupture", ("withdrawal", "confrontation")), _precision(REPAIR_TASK, ("repair",))]
        return any(f is None or f[0] < MIN_PRECISION for f in found)
    code = next((c for c in CLIENT_CODES if c.name == name), None)
    found = _precision(code.task, (code.cls,)) if code else None
    return found is None or found[0] < MIN_PRECISION


def client_validity() -> list[tuple[str, list[str]]]:
    """(title, lines) for the client codes the shipped coder has: the task's held-out line, each
    code's precision, risk talk by corpus (real client turns apart from written statements)."""
    from .client import CLIENT_CODES, REPAIR_TASK

    m = _metrics("coder") or {}
    out = []
    for code in CLIENT_CODES:
        if code.task not in m.get("test", {}):
            continue
        lines = [coder_summary(code.task)]
        by_corpus = m.get("test_by_corpus", {}).get(code.task, {})
        real = by_corpus.get(REAL_TURNS)
        per = (real or m["test"][code.task])["per_class"].get(code.cls, {})
        if per:
            lines.append(f"{code.cls}: precision {per['precision']:.2f}, recall {per['recall']:.2f} "
                         f"({per['support']} in the test conversations{', real turns' if real else ''})")
        if code.name == "risk_talk":
            for corpus, t in sorted(by_corpus.items()):
                yes = t["per_class"].get("yes", {})
                kind = "" if corpus == REAL_TURNS else " (real client turns)" if corpus in REAL_CORPORA else " (written statements)"
                lines.append(f"{corpus}{kind}: recall {yes.get('recall', 0):.2f}, precision {yes.get('precision', 0):.2f} "
                             f"({yes.get('support', 0)} positive)")
            for corpus, v in sorted(m.get("test_false_alarms", {}).get(code.task, {}).items()):
                lines.append(f"{corpus} (no risk talk in its test sessions): {v['flagged']} of {v['n']} client turns flagged")
            lines.append("a safety net: the threshold favours recall, so some flags are not risk talk; a prompt for "
                         "the supervisor, not a risk assessment")
        elif client_experimental(code.name):
            lines.append(f"experimental: held-out precision below {MIN_PRECISION}; shown for listening, not counted")
        out.append((code.title, [line for line in lines if line]))
    if REPAIR_TASK in m.get("test", {}):
        lines = [coder_summary(REPAIR_TASK)]
        if client_experimental("rupture_repaired"):
            lines.append(f"experimental: the rupture markers or the repair judgement have held-out precision below "
                         f"{MIN_PRECISION}; ruptures are listed after the therapist markers, not as risks or strengths")
        out.append(("Repair of a rupture", [line for line in lines if line]))
    return out
