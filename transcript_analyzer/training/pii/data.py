"""Training examples for the identifying-mention tagger: labelled utterances (the team's invented
sets in tests/data/redaction/, written from its guidelines), varied so the tagger learns names from
their use rather than from a list, plus real counselling talk with nothing to find.

Variants of a labelled utterance (deterministic for a seed):

- the names swapped: each PERSON, PLACE and ORG mention replaced by another of the same label,
  drawn from Faker's name, city and company lists of many locales (so "me and ate crystal" is also
  seen with "me and ate Bongani", "me and ate Søren"), keeping the mention's case style;
- speech-recognition style: lowercased, punctuation outside mentions removed (apostrophes too,
  "dont"), as some recognisers write;
- both.

Real negatives: utterances of AnnoMI and ESConv (../shared/data) in which the rule-based redactor
finds nothing. They teach the tagger how ordinary counselling talk reads; a name the rules missed
in them would be taught as "not a name", so they are capped (``negatives``) well below the
labelled examples.
"""

from __future__ import annotations

import json
import random
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

# Labels the tagger learns. PHONE, EMAIL, ADDRESS and ID are found by patterns (patterns.py), which
# a tagger would not beat; their characters are taught as outside any mention of the tagger's.
TAGS = ("PERSON", "PLACE", "ORG", "AGE", "DATE", "HANDLE")
LOCALES = ("en_GB", "en_US", "en_IE", "en_AU", "en_NZ", "en_CA", "en_IN", "en_PH", "pl_PL", "es_MX", "es_ES",
           "pt_BR", "vi_VN", "tr_TR", "de_DE", "fr_FR", "nl_NL", "ro_RO", "sv_SE", "yo_NG", "zu_ZA",
           "sw", "tl_PH", "id_ID", "ga_IE")
LEGAL = re.compile(r"(?:,?\s+(?:and|&|e|y|und|et)\s+(?:Sons|Söhne|Fils|Hijos|Filhos|Co|partners)\.?|,?\s+(?:LLC|Inc|Ltd|PLC|plc|"
                   r"S\.?A\.?(?:\s+de\s+C\.?V\.?)?|AB|GmbH|AG|BV|B\.V\.|NV|Sp\. z o\.o\.|S\.p\.A\.|S\.r\.l\.|SARL|SAS|Group|"
                   r"Limited|Corp|Corporation|Ltda\.?|S/A|A/S|Oy|KG|LLP|Pty Ltd|and Sons)\.?)\s*$", re.I)
# (it_IT is left out: its place names depend on Python's hash seed, so the examples, the checkpoint
# key and the model would differ from run to run)
PUNCT = re.compile(r"[.,!?;:\"“”‘’'()…-]")


@dataclass(frozen=True)
class Example:
    text: str
    spans: tuple[tuple[int, int, str], ...]  # (start, end, label), label in TAGS
    source: str


def load_sets(paths: Iterable[Path], split: str | None = None) -> list[Example]:
    out = []
    for path in paths:
        for line in Path(path).read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            r = json.loads(line)
            if split is not None and r.get("split") != split:
                continue
            spans = tuple((s["start"], s["end"], s["label"]) for s in r["spans"] if s["label"] in TAGS)
            out.append(Example(r["text"], spans, Path(path).stem))
    return out


class Swapper:
    """Same-label replacements from Faker (names of many origins, towns, companies)."""

    def __init__(self, seed: int):
        from faker import Faker

        self.rng = random.Random(seed)
        available = []
        for locale in LOCALES:
            try:
                available.append(Faker(locale))
            except AttributeError:  # a locale this Faker version lacks
                continue
        for i, fake in enumerate(available):
            fake.seed_instance(seed * 1000 + i)
        self.fakes = available
        self.english = [f for f in available if str(f.locales[0]).startswith("en")] or available

    def _fake(self):
        return self.rng.choice(self.fakes)

    def person(self, old: str) -> str:
        fake = self._fake()
        parts = old.split()
        title = parts[0] if len(parts) > 1 and parts[0].rstrip(".").lower() in {
            "dr", "mr", "mrs", "ms", "miss", "pastor", "father", "imam", "sister", "ds", "pc", "prof"} else None
        if title:
            return f"{title} {fake.last_name()}"
        if len(parts) >= 2:
            return f"{fake.first_name()} {fake.last_name()}"
        return fake.first_name() if self.rng.random() < 0.85 else fake.last_name()

    def place(self, old: str) -> str:
        fake = self._fake()
        choice = self.rng.random()
        try:
            return fake.city() if choice < 0.7 else (fake.country() if choice < 0.85 else fake.street_name())
        except AttributeError:
            return fake.city()

    def org(self, old: str) -> str:
        """Mostly the original (real chains, apps and services are what people name); else a made-up
        company without its legal suffix, like a local employer."""
        if self.rng.random() < 0.6:
            return old
        name = self.rng.choice(self.english).company()
        return LEGAL.sub("", name).strip(" ,-&") or name

    def swap(self, ex: Example) -> Example:
        pieces, spans, last = [], [], 0
        for start, end, label in ex.spans:
            old = ex.text[start:end]
            new = {"PERSON": self.person, "PLACE": self.place, "ORG": self.org}.get(label, lambda o: o)(old)
            new = re.sub(r"\s+", " ", new).strip() or old
            if old.islower():
                new = new.lower()
            pieces.append(ex.text[last:start])
            at = sum(len(p) for p in pieces)
            pieces.append(new)
            spans.append((at, at + len(new), label))
            last = end
        pieces.append(ex.text[last:])
        return Example("".join(pieces), tuple(spans), ex.source + "+swap")


def speech_style(ex: Example) -> Example:
    """Lowercased, punctuation outside mentions removed, spaces collapsed; spans follow."""
    inside = [False] * len(ex.text)
    for start, end, _ in ex.spans:
        for i in range(start, end):
            inside[i] = True
    keep, new_index = [], []
    for i, ch in enumerate(ex.text):
        new_index.append(len(keep))
        if not inside[i] and PUNCT.fullmatch(ch) and not _inside_word(ex.text, i):
            continue
        if not inside[i] and ch in "'’":
            continue
        if ch.isspace() and keep and keep[-1] == " ":
            continue
        keep.append(" " if ch.isspace() else ch.lower())
    new_index.append(len(keep))
    text = "".join(keep)
    spans = tuple((new_index[s], new_index[e], label) for s, e, label in ex.spans)
    stripped = len(text) - len(text.lstrip())
    text = text.strip()
    spans = tuple((s - stripped, e - stripped, label) for s, e, label in spans)
    return Example(text, spans, ex.source + "+asr")


def _inside_word(text: str, i: int) -> bool:
    """A hyphen or apostrophe between letters ("ji-woo", "o'brien") is kept; other punctuation goes."""
    return text[i] in "-'’" and 0 < i < len(text) - 1 and text[i - 1].isalnum() and text[i + 1].isalnum()


def variants(examples: Sequence[Example], copies: int, seed: int) -> list[Example]:
    """Each example, plus ``copies`` varied copies (names swapped, speech style, or both)."""
    swapper = Swapper(seed)
    rng = random.Random(seed)
    out = list(examples)
    for ex in examples:
        for _ in range(copies):
            new = swapper.swap(ex) if ex.spans and rng.random() < 0.8 else ex
            if not new.text.islower() and rng.random() < 0.5:
                new = speech_style(new)
            if new != ex:
                out.append(new)
    return out


def real_negatives(data_dir: Path, limit: int, seed: int, redactor) -> list[Example]:
    """Counselling utterances from AnnoMI and ESConv in which ``redactor`` finds nothing."""
    from ..corpora.datasets import load_annomi, load_esconv

    texts = []
    annomi = data_dir / "annomi" / "annomi-full.dev.csv"
    if annomi.is_file():
        texts += [text for c in load_annomi(annomi) for _, text, _ in c.rows]
    esconv = data_dir / "esconv" / "train.jsonl"
    if esconv.is_file():
        texts += [text for c in load_esconv(esconv) for _, text, _ in c.rows]
    rng = random.Random(seed)
    rng.shuffle(texts)
    out = []
    for text in texts:
        if len(out) >= limit:
            break
        text = re.sub(r"\s+", " ", text).strip()
        if 3 <= len(text.split()) <= 120 and not redactor.find(text):
            out.append(Example(text, (), "real"))
    return out
