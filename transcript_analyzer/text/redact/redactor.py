"""Redaction: identifying details replaced by consistent placeholders in a whole session.

Mentions are found by spaCy's named-entity recogniser (people, places, organisations, dates), by
patterns for what NER misses or mislabels (patterns.py: e-mail addresses, phone numbers, postal
addresses and spoken house numbers, identifiers, spoken years, "Thursday the 9th", holidays with
a year, national services such as the NHS; numbers.py: ages in digits or words; handles.py:
social-media handles and apps; and every speaker label wherever it occurs), by context cues
(cues.py: "my wife dawn", "uncle dev", "called Cerys", "Father Declan", "mrs fielding", "Chidi
texted me", "Mo and Kez", "in Aleppo", "rang Mind", "works at Boots"), by how a name is used
(uses.py: "Hope, you've ...", "Mercy, my support worker,", "Destiny was in my group", "i told hope
everything", "calls her bubbles") and, in lowercase text, by plain-word chains, pubs and towns after a
cue (wordnames.py: "works for shelter", "moved to cork", "went to the crown", "moved to skelmersdale").
Lowercase text, as some speech recognisers write it, is parsed as a truecased copy (lexicon.py).
Family words, medicines, holidays, questionnaires and pets' names are never names. The same
mention gets the same placeholder throughout the session, and a name found in one turn is
redacted in every turn; the speakers' own names become ``[THERAPIST_NAME]`` / ``[CLIENT_NAME_1]``
so the report still reads naturally. Measured by benchmarks/redaction_accuracy.py on the labelled
sets in tests/data/redaction/.

Why not Presidio (Microsoft's maintained PII framework): measured alone and added to this
redactor on every set (docs/benchmarks.md), it caught nothing more on the sets that may be tuned
on and one or two mentions more on the held-out ones, while precision fell by 2–25 points and
the time doubled: its NER is the same small spaCy model without truecasing, and its dates take
durations and clock times. The benchmark keeps measuring it (``--engine compare``).

Redaction runs after the analysis (the markers see the original words) and before anything is
written: every output is produced from the redacted session.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from typing import Any, Iterable

from ...model import THERAPIST, Session, Speaker, Utterance, Word
from ...resources import load_spacy
from .cues import Cues
from .handles import handle_mentions
from .lexicon import Lexicon, load_lexicon, needs_truecasing, truecase
from .numbers import age_mentions
from .tagger import Tagger
from .uses import NameUses
from .wordnames import house_names, places_after_organisations, rare_places, word_name_mentions
from .patterns import (CALENDAR, FAMILY, GENERIC_ORG, GENERIC_PLACES, NOT_NAMES, PET_BEFORE, Mention, pattern_mentions,
                              specific_date)

__all__ = ["Mention", "Redactor"]

NER_LABELS = {"PERSON": "PERSON", "GPE": "PLACE", "LOC": "PLACE", "FAC": "PLACE", "ORG": "ORG", "DATE": "DATE",
              "NORP": None}
# When mentions overlap, the more specific label names the placeholder (patterns before NER).
PRIORITY = ("EMAIL", "HANDLE", "PHONE", "ADDRESS", "ID", "AGE", "PERSON", "ORG", "PLACE", "DATE")
NAMES = frozenset(("PERSON", "ORG", "PLACE"))
HYPHENATED = re.compile(r"(?:-[^\W\d_]+)+")
PLACEHOLDER_TEXT = re.compile(r"\[[A-Z]+(?:_[A-Z]+)*(?:_\d+)?\]")


class Redactor:
    """``find(text)`` -> identifying mentions; ``session(s)`` -> the session with them replaced."""

    def __init__(self, spacy_model: str = "en_core_web_sm", tagger: str | None = "pii_tagger"):
        """``tagger``: the learned recogniser's model (tagger.py), whose mentions are added to the
        rules' and NER's; None for the rules and NER alone."""
        self.spacy_model = spacy_model
        self.tagger_model = tagger
        self._nlp: Any = None
        self._lexicon: Lexicon | None = None
        self._tagger: Tagger | None = None

    def load(self) -> Redactor:
        if self._nlp is None:
            self._nlp = load_spacy(self.spacy_model, exclude=("lemmatizer",))
        if self._lexicon is None:
            self._lexicon = load_lexicon(frozenset(self._nlp.Defaults.stop_words))
        if self._tagger is None and self.tagger_model:
            self._tagger = Tagger(self.tagger_model).load()
        return self

    def find(self, text: str, names: Iterable[str] = ()) -> list[Mention]:
        """Mentions in one text; ``names`` (e.g. the speakers' labels) are found wherever they occur.

        Lowercase text (some speech recognisers' output) is parsed as a truecased copy of the same
        length, so NER and the cues see names capitalised; offsets always refer to ``text``."""
        self.load()
        assert self._lexicon is not None
        found = pattern_mentions(text) + age_mentions(text) + handle_mentions(text)
        for name in names:
            for part in _name_parts(name):
                found += [Mention(m.start(), m.end(), "PERSON", m.group(0))
                          for m in re.finditer(rf"\b{re.escape(part)}\b", text, re.I)]
        lowercase = needs_truecasing(text)
        seen = truecase(text, self._lexicon) if lowercase else text
        doc = self._nlp(seen)
        found += _entities(doc, text)
        cues = Cues(text, seen, doc, self._lexicon, lowercase)
        found += cues.find() + NameUses(text, seen, doc, self._lexicon, lowercase).find()
        found += word_name_mentions(text, lowercase)
        found += cues.coordinated(found)
        if self._tagger is not None:
            found += self._learned(text)
        if lowercase:
            found += places_after_organisations(text, found) + rare_places(text, self._lexicon)
            found += house_names(text, self._lexicon)
        pets = [m for m in found if m.label in NAMES and PET_BEFORE.search(text, 0, m.start)]  # "our cat, Pickle"
        merged = merge_mentions([_whole_words(m, text) for m in found if m not in pets])
        return merge_mentions(merged + _echoes(text, _known_names([merged], self._lexicon)))

    def _learned(self, text: str) -> list[Mention]:
        """The tagger's mentions, with the guards NER's mentions get: no family words, medicines or
        generic services as names, dates that pin down a day or year; and a mention made only of
        ordinary words or numbers ("faith", "crown court", "seven") needs the tagger's
        ``word_threshold`` confidence. Known false alarms: a given name that is a word, used as a
        word, where the tagger is sure anyway ("Hope was all I had left": it is as sure as of "Hope
        was my key worker"); redacting a word is the safe way to be wrong."""
        assert self._tagger is not None and self._lexicon is not None
        out = []
        for m, confidence in self._tagger.scored(text):
            if (m.label in NAMES and _not_a_name(m.text)) or (m.label == "ORG" and GENERIC_ORG.match(m.text.strip())):
                continue
            if m.label == "DATE" and not specific_date(m.text, text[max(0, m.start - 20):m.start]):
                continue
            words = re.findall(r"[^\W_]+", m.text)
            plain = all(w.isdigit() or not self._lexicon.proper(w) for w in words)
            if plain and confidence < self._tagger.word_threshold:
                continue
            out.append(m)
        return out

    def session_id(self, session_id: str, names: Iterable[str] = ()) -> str:
        """A session id (usually the file name) that names someone or a date becomes opaque
        ('session-1a2b3c4d'); a code like 'P012_S3' is kept."""
        spaced = re.sub(r"[_.]+", " ", session_id)
        words = re.findall(r"[A-Za-z][A-Za-z'’]+", session_id)
        lexicon = self.load()._lexicon  # None in a redactor that finds mentions some other way
        named = lexicon is not None and any(lexicon.given_name(w) or lexicon.proper(w) for w in words)
        if not named and not self.find(spaced, names):
            return session_id
        return "session-" + hashlib.sha256(session_id.encode("utf-8")).hexdigest()[:8]

    def session(self, session: Session) -> Session:
        """The session with every identifying mention replaced, consistently across all its text."""
        self.load()
        table = _Placeholders(session.speakers)
        names = [s.label for s in session.speakers if not re.fullmatch(r"SPEAKER_\d+|[A-Z]|Therapist|Client( \d+)?", s.label)]

        found: dict[str, list[Mention]] = {}  # the same text (a repeated word, a sentence) is parsed once
        known: dict[str, str] = {}

        def mentions(text: str) -> list[Mention]:
            if text not in found:
                found[text] = merge_mentions(self.find(text, names) + _echoes(text, known))
            return found[text]

        # A name found in one turn is redacted in every turn (NER may catch it in one sentence only)
        for text in [t.text for t in session.turns] + [u.text for u in session.utterances]:
            mentions(text)
        known.update(_known_names(found.values(), self._lexicon))
        for text in found:
            found[text] = merge_mentions(found[text] + _echoes(text, known))

        def clean(text: str) -> str:
            out, last = [], 0
            for m in mentions(text):
                out.append(text[last:m.start])
                out.append(table.get(m))
                last = m.end
            return "".join(out) + text[last:]

        speakers = tuple(dataclasses.replace(s, label=table.speaker(s)) for s in session.speakers)
        relabel = {s.label: table.speaker(s) for s in session.speakers}
        turns = tuple(dataclasses.replace(t, speaker=relabel.get(t.speaker, clean(t.speaker)), text=clean(t.text),
                                          words=_words(t.words, t.text, mentions(t.text), table, clean))
                      for t in session.turns)
        utterances = tuple(_utterance(u, relabel, clean) for u in session.utterances)
        meta = dataclasses.replace(session.meta, source_file=None, redacted=True,
                                   session_id=self.session_id(session.meta.session_id, names),
                                   warnings=tuple(clean(_relabelled(w, relabel)) for w in session.meta.warnings))
        return dataclasses.replace(session, meta=meta, speakers=speakers, turns=turns, utterances=utterances)


def _entities(doc: Any, text: str) -> list[Mention]:
    """NER entities that identify (not generic dates, family words or generic services), with
    their offsets in ``text`` (the parsed copy may differ in case only)."""
    found = []
    for ent in doc.ents:
        label = NER_LABELS.get(ent.label_)
        start, end = ent.start_char, ent.end_char
        words = text[start:end].strip()
        if label is None or re.match(r"[Ii]\b", words) or (label == "DATE" and not specific_date(words, text[max(0, start - 20):start])) or \
                (label != "DATE" and _not_a_name(words)) or (label == "ORG" and GENERIC_ORG.match(words)):
            continue
        if label == "PERSON":  # "Dr. Okafor", "Big Gaz": keep the title or nickname's adjective with the name
            before = re.search(r"(?:(?:Dr|Mr|Mrs|Ms|Miss|Prof)\.?|\b(?:Big|Little|Young|Old|Lil|Wee))\s*$", text[:start])
            start = before.start() if before else start
        found.append(Mention(start, end, label, text[start:end]))
    return found


def _known_names(groups: Iterable[list[Mention]], lexicon: Lexicon | None) -> dict[str, str]:
    """Names and handles found, by lowercase text, that are safe to find again wherever they occur:
    not plain English words ("Jamal", "Zoë", "@kezzaaa"; not "Will", "Hope", "Grace")."""
    if lexicon is None:
        return {}
    known = {}
    for mentions in groups:
        for m in mentions:
            words = m.text.strip()
            if (m.label == "HANDLE" or (m.label in NAMES and lexicon.proper(words) and words.lower() not in CALENDAR)) \
                    and len(words) > 2:
                known[words.lower()] = m.label
    return known


def _echoes(text: str, known: dict[str, str]) -> list[Mention]:
    """Every whole-word occurrence in ``text`` of a known name, any case."""
    if not known:
        return []
    lowered = text.lower()
    out = []
    for name, label in known.items():
        if name in lowered:
            out += [Mention(m.start(), m.end(), label, m.group(0))
                    for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text, re.I)]
    return out


def _whole_words(m: Mention, text: str) -> Mention:
    """A name mention that stops at a hyphen inside a word ("Ji" of "Ji-woo") takes the whole word."""
    more = HYPHENATED.match(text, m.end) if m.label in NAMES else None
    return Mention(m.start, more.end(), m.label, text[m.start:more.end()]) if more else m


def _not_a_name(words: str) -> bool:
    """A family word, a medicine, a holiday, a diagnosis, a questionnaire ("Nana", "Xanax",
    "Valentine", "Asperger's", "GAD-7")."""
    bare = re.sub(r"(?:['’]s)?\W*$", "", words).lower()
    return bool(FAMILY.match(words) or bare in NOT_NAMES or bare in GENERIC_PLACES
                or re.fullmatch(r"[A-Z]{2,6}-\d{1,2}", words))  # measures and viruses: PHQ-9, GAD-7, COVID-19


class _Placeholders:
    def __init__(self, speakers: tuple[Speaker, ...]):
        self.counts: dict[str, int] = {}
        self.seen: dict[tuple[str, str], str] = {}
        self.speakers: dict[str, str] = {}
        clients = 0
        for s in speakers:
            if s.role == THERAPIST:
                tag = "[THERAPIST_NAME]" if sum(x.role == THERAPIST for x in speakers) == 1 else f"[THERAPIST_NAME_{len(self.speakers) + 1}]"
            else:
                clients += 1
                tag = f"[CLIENT_NAME_{clients}]"
            self.speakers[s.label] = tag
            for part in _name_parts(s.label):
                self.seen[("PERSON", part.lower())] = tag

    def speaker(self, s: Speaker) -> str:
        return self.speakers[s.label]

    def get(self, m: Mention) -> str:
        key = (m.label, re.sub(r"\s+", " ", m.text.strip().lower()))
        if key not in self.seen and m.label == "PERSON":  # "Karen" after "Karen Miller": the same person
            for (label, known), tag in self.seen.items():
                if label == "PERSON" and (key[1] in known.split() or known in key[1].split()):
                    self.seen[key] = tag
                    break
        if key not in self.seen:
            self.counts[m.label] = self.counts.get(m.label, 0) + 1
            self.seen[key] = f"[{m.label}_{self.counts[m.label]}]"
        return self.seen[key]


def _name_parts(label: str) -> list[str]:
    """A speaker label and its parts that are names ('Dr. Alan Pierce' -> itself, 'Alan', 'Pierce')."""
    parts = [p for p in re.split(r"[\s.]+", label) if len(p) > 1 and p[0].isupper() and p.lower() not in
             {"dr", "mr", "mrs", "ms", "miss", "prof", "the", "therapist", "client", "counsellor", "counselor"}]
    return [label] + parts if len(parts) > 1 else parts or []


def merge_mentions(mentions: list[Mention]) -> list[Mention]:
    """Overlapping mentions joined, in text order. The more specific label names the joined
    mention; between names, the longer mention's label ("St Luke's Hospital" is not a person)."""
    out: list[Mention] = []
    for m in sorted(mentions, key=lambda m: (m.start, -(m.end - m.start))):
        if out and m.start < out[-1].end:
            last = out[-1]
            label = min(last.label, m.label, key=PRIORITY.index)
            if {last.label, m.label} <= NAMES and m.end <= last.end and len(m.text) < len(last.text):
                label = last.label
            if m.end > last.end:
                out[-1] = Mention(last.start, m.end, label, last.text + m.text[last.end - m.start:])
            else:
                out[-1] = dataclasses.replace(last, label=label)
            continue
        out.append(m)
    return out


def _words(words: tuple[Word, ...], text: str, mentions: list[Mention], table: _Placeholders, clean) -> tuple[Word, ...]:
    """The turn's words redacted as its text was: a word inside a mention of the text becomes that
    mention's placeholder (a name NER finds only in its sentence must not survive in the words);
    a word not found in the text is redacted on its own."""
    out, cursor = [], 0
    for w in words:
        token = w.text.strip()
        pos = text.find(token, cursor) if token else -1
        hit = None
        if pos >= 0:
            cursor = pos + len(token)
            hit = next((m for m in mentions if m.start < cursor and pos < m.end), None)
        if hit is None:
            out.append(dataclasses.replace(w, text=clean(w.text)))
            continue
        lead = w.text[:len(w.text) - len(w.text.lstrip())]
        redacted = text[pos:max(pos, hit.start)] + table.get(hit) + clean(text[min(cursor, hit.end):cursor])
        out.append(dataclasses.replace(w, text=lead + redacted + w.text[len(lead) + len(token):]))
    return tuple(out)


def _utterance(u: Utterance, relabel: dict[str, str], clean) -> Utterance:
    text = clean(u.text)
    markers = tuple(dataclasses.replace(m, evidence=_evidence(m.evidence, text, clean),
                                        reasons=tuple(clean(r) for r in m.reasons)) for m in u.markers)
    return dataclasses.replace(u, speaker=relabel.get(u.speaker, clean(u.speaker)), text=text, markers=markers)


def _evidence(words: tuple[str, ...], redacted: str, clean) -> tuple[str, ...]:
    """Evidence words, redacted, kept only when they still occur as whole words in the redacted
    utterance (or are a placeholder): a word on its own may escape NER that caught it in context."""
    kept = []
    for word in words:
        cleaned = clean(word)
        if PLACEHOLDER_TEXT.fullmatch(cleaned) or re.search(rf"(?<!\w){re.escape(cleaned)}(?!\w)", redacted):
            kept.append(cleaned)
    return tuple(kept)


def _relabelled(text: str, relabel: dict[str, str]) -> str:
    for old, new in sorted(relabel.items(), key=lambda kv: -len(kv[0])):
        text = text.replace(f"'{old}'", new).replace(old, new)
    return text

