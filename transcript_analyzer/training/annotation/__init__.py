"""Annotation: mining candidates for reading, and joining stored references back to the corpora.

Annotations are stored in the project as references (corpus, conversation, utterance index,
sentence index, a SHA-256 of the sentence, labels, annotator, note), never as text
(docs/codebook.md, section 2). ``join`` finds the sentence again at training time and refuses a
reference whose hash no longer matches.

Mining writes, outside the project, one JSON line per candidate with the sentence and its
context window, for an annotator to read.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Sequence

import numpy as np

from ...errors import ConfigError
from ..corpora.examples import Example, load

# Section 6.4 of the codebook: cues towards an asserted interpretation of the client's inner life.
_CERTAINTY = re.compile(
    r"\b(clearly|obviously|really|actually|truly|definitely|certainly|the real (reason|issue|problem)|"
    r"what'?s really|deep down|the truth is|you'?re just|you just|textbook|classic|no coincidence|"
    r"not a coincidence|of course|simply|undoubtedly|for sure|without a doubt|it'?s clear)\b", re.I)
_ATTRIBUTION = re.compile(
    r"\b(because you|that'?s why you|the reason (you|why)|stems? from|comes? from|rooted in|is about your|"
    r"it'?s about your|this is about|afraid of|fear of|insecur|abandon|childhood|your (mother|mom|mum|father|"
    r"dad|parents)|attachment|defen[cs]e|resist|in denial|denial|projecting|subconscious|unconscious|"
    r"sabotag|pattern|attention|codependen|narciss|you need to (realize|realise|accept|understand)|"
    r"you don'?t really|you actually|what you really|you want (him|her|them|people) to)\b", re.I)
_SECOND_PERSON = re.compile(r"\b(you|your|you'?re|yourself)\b", re.I)
_HEDGE = re.compile(r"\b(i wonder|could it be|maybe|perhaps|might|possibly|does that fit|am i right|"
                    r"i could be wrong|is that right|correct me)\b", re.I)

# Codebook section 6.8 examples (rigid), used as seeds for embedding similarity.
RIGID_SEEDS = (
    "What's really going on here is that you're afraid of intimacy.",
    "This is obviously about your father leaving.",
    "You can't decide because you're still trying to win your mother's approval.",
    "That's the defence talking.",
    "I think it's deeper than you're ready to see.",
    "Wanting to leave is part of the pattern too.",
    "You're resisting because you're afraid of getting close to anyone.",
    "The real reason you push people away is that your parents never showed you love.",
)


@dataclass(frozen=True)
class Candidate:
    """A sentence to be read and labelled, with what the annotator needs to see around it."""

    corpus: str
    conversation: str
    index: int
    sentence: int
    text: str
    split: str
    window: tuple[tuple[str, str], ...]
    why: str
    score: float = 0.0

    @property
    def ref(self) -> str:
        return f"{self.corpus}/{self.conversation}/{self.index}/{self.sentence}"

    def to_json(self) -> dict:
        return {"id": self.ref, "corpus": self.corpus, "conversation_id": self.conversation,
                "utterance_index": self.index, "sentence_index": self.sentence, "split": self.split,
                "text_sha256": text_hash(self.text), "why_mined": self.why, "sentence": self.text,
                "context": [{"speaker": s, "text": t} for s, t in self.window]}


def text_hash(text: str) -> str:
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


Splitter = Callable[[Sequence[str]], list[list[str]]]


def segmenter_splitter() -> Splitter:
    """Sentences as the analyzer's own segment stage finds them (so references stay valid)."""
    from ...config import SegmentOptions
    from ...text.segment import SegmentStage

    stage = SegmentStage(SegmentOptions(boundaries="", unit="sentence"))  # the parser's sentences, as when the references were made

    def split(texts: Sequence[str]) -> list[list[str]]:
        return [[t[a:b] for a, b in spans] for t, spans in zip(texts, stage.predict(list(texts)))]

    return split


def _windows(examples: Sequence[Example]) -> dict[str, tuple[tuple[str, str], ...]]:
    """For dialogue corpora: the previous six and next two messages around each example."""
    by_conv: dict[tuple[str, str], list[Example]] = {}
    for ex in examples:
        by_conv.setdefault((ex.corpus, ex.conversation), []).append(ex)
    windows = {}
    for convo in by_conv.values():
        convo.sort(key=lambda e: e.index)
        flat: list[tuple[str, str]] = []
        position = {}
        for ex in convo:
            if ex.context:
                flat.append(("client", ex.context))
            position[ex.ref] = len(flat)
            flat.append(("therapist", ex.text))
        for ex in convo:
            p = position[ex.ref]
            windows[ex.ref] = tuple(flat[max(0, p - 6):p + 3])
    return windows


def _sentences(examples: Sequence[Example], splitter: Splitter) -> list[tuple[Example, int, str]]:
    out = []
    for ex, sents in zip(examples, splitter([e.text for e in examples])):
        out += [(ex, i, s) for i, s in enumerate(sents)]
    return out


def cue_score(sentence: str) -> float:
    """Rough prior for an asserted interpretation: certainty + attribution + 'you', minus hedges."""
    score = 1.0 * bool(_CERTAINTY.search(sentence)) + 1.5 * bool(_ATTRIBUTION.search(sentence))
    score += 0.5 * bool(_SECOND_PERSON.search(sentence)) - 1.0 * bool(_HEDGE.search(sentence))
    return score


def mine_interpretations(data: Path, quotas: dict[str, int], splitter: Splitter,
                         embed: Callable[[Sequence[str]], np.ndarray], random_share: float = 0.15,
                         seed: int = 0) -> list[Candidate]:
    """Per corpus: the top sentences by cue score + similarity to the rigid seeds, plus a random
    share drawn from the same corpus so that ordinary sentences are labelled too."""
    rng = random.Random(seed)
    seeds = embed(list(RIGID_SEEDS))
    chosen: list[Candidate] = []
    for corpus, quota in quotas.items():
        examples = [e for e in load(corpus, data) if corpus != "annomi" or e.labels.get("quality") == "low"]
        windows = _windows(examples) if corpus in ("annomi", "esconv") else {}
        sents = [(e, i, s) for e, i, s in _sentences(examples, splitter) if 4 <= len(s.split()) <= 60]
        similarity = embed([s for _, _, s in sents]) @ seeds.T
        scores = [cue_score(s) + 4.0 * float(sim.max()) for (_, _, s), sim in zip(sents, similarity)]
        order = sorted(range(len(sents)), key=lambda k: -scores[k])
        n_random = int(round(quota * random_share))
        top = order[: quota - n_random]
        rest = [k for k in order[quota - n_random:]]
        picks = [(k, "cues+similarity") for k in top] + [(k, "random") for k in rng.sample(rest, min(n_random, len(rest)))]
        for k, why in picks:
            ex, i, s = sents[k]
            window = windows.get(ex.ref) or ((("client", ex.context),) if ex.context else ()) + (("therapist", ex.text),)
            chosen.append(Candidate(ex.corpus, ex.conversation, ex.index, i, s, ex.split, window, why, round(scores[k], 3)))
    return chosen


def mine_disclosures(data: Path, quotas: dict[str, int], splitter: Splitter, seed: int = 0,
                     test_share: float = 0.4) -> list[Candidate]:
    """Self-disclosures labelled by the corpus (ESConv 'Self-disclosure', MI 'Self-Disclose'),
    a share from test-split conversations so that a held-out part exists."""
    rng = random.Random(seed)
    chosen: list[Candidate] = []
    for corpus, quota in quotas.items():
        base = "esconv" if corpus.startswith("esconv") else corpus
        examples = load(corpus, data)
        positives = [e for e in examples if e.labels.get("strategy") == "Self-disclosure" or e.labels.get("code") == "Self-Disclose"]
        windows = _windows(examples) if base == "esconv" else {}
        test = [e for e in positives if e.split == "test"]
        other = [e for e in positives if e.split != "test"]
        n_test = min(len(test), int(round(quota * test_share)))
        picks = rng.sample(test, n_test) + rng.sample(other, min(len(other), quota - n_test))
        for ex in picks:
            window = windows.get(ex.ref, (("therapist", ex.text),))
            chosen.append(Candidate(ex.corpus, ex.conversation, ex.index, -1, ex.text, ex.split, window,
                                    f"{corpus} self-disclosure label"))
    return chosen


def write_candidates(candidates: Iterable[Candidate], path: Path) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    n = 0
    with open(path, "w", encoding="utf-8") as f:
        for c in candidates:
            f.write(json.dumps(c.to_json(), ensure_ascii=False) + "\n")
            n += 1
    return n


@dataclass(frozen=True)
class Annotation:
    """One stored label record (a reference, no text)."""

    corpus: str
    conversation: str
    index: int
    sentence: int
    text_sha256: str
    labels: dict[str, str]
    annotator: str
    note: str = ""
    split: str = field(default="")
    extra: dict = field(default_factory=dict)  # the record's other fields (e.g. the sampling stratum)

    @property
    def key(self) -> tuple[str, str, int]:
        return self.corpus, self.conversation, self.index

    def check(self, text: str) -> Annotation:
        """This reference, once its hash matches ``text``; a ConfigError when the text changed."""
        check_text(self.text_sha256, text, f"{self.corpus}/{self.conversation}/{self.index}/{self.sentence}")
        return self


def check_text(digest: str, text: str, where: str) -> None:
    """A stored reference's hash against the text it labels: a ConfigError when the text changed."""
    if text_hash(text) != digest:
        raise ConfigError(f"annotation {where}: the text no longer matches its hash (corpus or sentence splitter "
                          "changed); re-annotate or pin the version")


_FIELDS = {"corpus", "conversation_id", "utterance_index", "sentence_index", "text_sha256", "labels", "annotator", "note", "split"}


def load_annotations(path: Path) -> list[Annotation]:
    records = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            d = json.loads(line)
            records.append(Annotation(d["corpus"], d["conversation_id"], int(d["utterance_index"]),
                                      int(d["sentence_index"]), d["text_sha256"], dict(d["labels"]),
                                      d["annotator"], d.get("note", ""), d.get("split", ""),
                                      {k: v for k, v in d.items() if k not in _FIELDS}))
        except (KeyError, ValueError, TypeError) as e:
            raise ConfigError(f"{path}, line {number}: not an annotation record ({e})") from e
    return records


def _loader(a: Annotation) -> str:
    """Rejected ESConv conversations come from their own file."""
    return "esconv_failed" if a.corpus == "esconv" and a.conversation.startswith("failed-") else a.corpus


def join(annotations: Sequence[Annotation], data: Path,
         splitter: Splitter | None = None) -> list[tuple[Annotation, Example, str]]:
    """(annotation, its example, the annotated sentence) for every reference; raises when a
    reference is missing or its text hash no longer matches (the corpus or segmenter changed)."""
    wanted = {(a.corpus, a.conversation, a.index) for a in annotations}
    examples: dict[tuple[str, str, int], Example] = {}
    for loader in {_loader(a) for a in annotations}:
        for ex in load(loader, data):
            if (ex.corpus, ex.conversation, ex.index) in wanted:
                examples[(ex.corpus, ex.conversation, ex.index)] = ex
    split_keys = sorted({(a.corpus, a.conversation, a.index) for a in annotations if a.sentence >= 0} & set(examples))
    sentences: dict[tuple[str, str, int], list[str]] = {}
    if split_keys:
        texts = (splitter or segmenter_splitter())([examples[k].text for k in split_keys])
        sentences = dict(zip(split_keys, texts))
    out = []
    for a in annotations:
        key = (a.corpus, a.conversation, a.index)
        if key not in examples:
            raise ConfigError(f"annotation {'/'.join(map(str, key))}: not found in the corpus")
        parts = sentences.get(key, [])
        text = examples[key].text if a.sentence < 0 else (parts[a.sentence] if a.sentence < len(parts) else "")
        out.append((a.check(text), examples[key], text))
    return out


def mine_by_model(data: Path, corpora: Sequence[str], splitter: Splitter, embed: Callable[[Sequence[str]], np.ndarray],
                  labelled: Sequence[tuple[str, int]], n: int, random_n: int, exclude: set[str],
                  seed: int = 0) -> list[Candidate]:
    """Round-2 mining: rank every sentence of the corpora with a logistic regression trained on
    already-labelled sentences (text, 1 = positive), take the top ``n`` and ``random_n`` random
    others; skips references in ``exclude``."""
    from sklearn.linear_model import LogisticRegression

    from ...markers.features import cue_matrix

    rng = random.Random(seed)
    texts = [t for t, _ in labelled]
    x = np.hstack([embed(texts), cue_matrix(texts)])
    clf = LogisticRegression(C=0.5, max_iter=3000, class_weight="balanced").fit(x, [y for _, y in labelled])
    pool: list[tuple[Example, int, str, dict]] = []
    for corpus in corpora:
        examples = load(corpus, data)
        windows = _windows(examples) if corpus in ("annomi", "esconv", "esconv_failed") else {}
        for ex, i, s in _sentences(examples, splitter):
            if 4 <= len(s.split()) <= 60 and f"{ex.ref}/{i}" not in exclude:
                pool.append((ex, i, s, windows))
    sents = [s for _, _, s, _ in pool]
    scores = clf.predict_proba(np.hstack([embed(sents), cue_matrix(sents)]))[:, 1]
    order = list(np.argsort(-scores))
    picks = [(k, "ranker") for k in order[:n]] + [(k, "random") for k in rng.sample(order[n:], min(random_n, len(order) - n))]
    out = []
    for k, why in picks:
        ex, i, s, windows = pool[k]
        window = windows.get(ex.ref) or ((("client", ex.context),) if ex.context else ()) + (("therapist", ex.text),)
        out.append(Candidate(ex.corpus, ex.conversation, ex.index, i, s, ex.split, window, why, round(float(scores[k]), 4)))
    return out


_QUOTED = re.compile(r"(\"[^\"]{25,}\"|“[^”]{25,}”|'[^']{25,}'|‘[^’]{25,}’)")


_WORD = re.compile(r"[\w']+")
COPIED_WORDS = 5
"""A run of this many words of the annotated text in a note counts as copied text (codebook 1.3:
a note may cite a cue of a few words, never the utterance)."""


def sanitise_note(note: str, text: str | None = None) -> str:
    """Annotators' notes sometimes quote the corpus; keep the reasoning, drop quotations longer
    than a few words, and, given the annotated ``text``, any run of ``COPIED_WORDS`` or more of its
    words written without quotation marks (the project stores references, not corpus text)."""
    note = _QUOTED.sub("[quote removed]", " ".join(note.split()))
    if text:
        source = " " + " ".join(w.lower() for w in _WORD.findall(text)) + " "
        spans = [(m.start(), m.end(), m.group().lower()) for m in _WORD.finditer(note)]
        cut: list[tuple[int, int]] = []
        i = 0
        while i <= len(spans) - COPIED_WORDS:
            j = i + COPIED_WORDS
            if " " + " ".join(w for _, _, w in spans[i:j]) + " " in source:
                while j < len(spans) and " " + " ".join(w for _, _, w in spans[i:j + 1]) + " " in source:
                    j += 1
                cut.append((spans[i][0], spans[j - 1][1]))
                i = j
            else:
                i += 1
        for a, b in reversed(cut):
            note = note[:a] + "[quote removed]" + note[b:]
    return note[:400]


def reference_record(candidate: dict, labels: dict[str, str], annotator: str, codebook: str, note: str,
                     segmenter: str) -> dict:
    """A stored annotation (codebook section 2.2): where the sentence is, its hash, the labels."""
    return {"corpus": candidate["corpus"], "conversation_id": candidate["conversation_id"],
            "utterance_index": candidate["utterance_index"], "sentence_index": candidate["sentence_index"],
            "text_sha256": candidate["text_sha256"], "split": candidate.get("split", ""), "labels": labels,
            "annotator": annotator, "codebook": codebook, "segmenter": segmenter, "note": sanitise_note(note)}
