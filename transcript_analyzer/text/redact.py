"""Redaction: identifying details replaced by consistent placeholders in a whole session.

Mentions are found by spaCy's named-entity recogniser (people, places, organisations, dates) and
by patterns for what NER misses or mislabels (e-mail addresses, phone numbers, postal addresses,
ages, record and plate numbers, and every speaker label wherever it occurs). The same mention
gets the same placeholder throughout the session; the speakers' own names become
``[THERAPIST_NAME]`` / ``[CLIENT_NAME_1]`` so the report still reads naturally.

Redaction runs after the analysis (the markers see the original words) and before anything is
written: every output is produced from the redacted session.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from typing import Any, Iterable

from ..model import THERAPIST, Session, Speaker, Utterance, Word
from ..resources import load_spacy

NER_LABELS = {"PERSON": "PERSON", "GPE": "PLACE", "LOC": "PLACE", "FAC": "PLACE", "ORG": "ORG", "DATE": "DATE",
              "NORP": None}
# DATE entities that identify nothing (relative or generic time)
VAGUE_DATE = re.compile(r"^(the )?(last|this|next|every|each|that|a|one|some|few|couple|past|coming|other)?\s*"
                        r"(day|days|night|nights|week|weeks|weekend|weekends|month|months|year|years|morning|evening|"
                        r"afternoon|today|tonight|yesterday|tomorrow|now|recently|lately|daily|weekly|monthly|"
                        r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|mondays|tuesdays|wednesdays|"
                        r"thursdays|fridays|saturdays|sundays|\w+ (days|weeks|months|years)( ago| later| before)?|"
                        r"a (few|couple of) \w+|the (weekend|week|day|morning|night))( ago| later| before)?$", re.I)
NUMBER_WORDS = (r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
                r"seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|"
                r"three|four|five|six|seven|eight|nine))?")
DIGIT_WORDS = r"(?:zero|oh|one|two|three|four|five|six|seven|eight|nine|double \w+)"
ORDINALS = (r"(?:\d{1,3}(?:st|nd|rd|th)|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)?-?(?:first|second|third|"
            r"fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|"
            r"seventeenth|eighteenth|nineteenth)|twentieth|thirtieth|fortieth|fiftieth|sixtieth|seventieth|eightieth|"
            r"ninetieth|hundredth)")
ORDINALS_PATTERN = r"\b" + ORDINALS + r"\b"
PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("EMAIL", re.compile(r"\b[\w.+-]+@[\w-]+(\.[\w-]+)+\b|"
                         r"(?i:\b\w+(?: (?:dot|underscore) \w+)* at \w+(?: dot \w+)* dot (?:com|org|net|edu|gov|co|uk|io|ie)\b)")),
    ("PHONE", re.compile(rf"(?i:\b{DIGIT_WORDS}(?:[ ,-]+{DIGIT_WORDS}){{6,}}\b)")),
    ("PHONE", re.compile(r"(?<![\w/])(\+?\d{1,3}[\s.-]?)?(\(\d{2,5}\)[\s.-]?|\d{2,5}[\s.-])\d{3,4}[\s.-]?\d{3,4}(?![\w/])|"
                         r"\b\d{3}[\s.-]\d{4}\b")),
    ("ADDRESS", re.compile(r"(?i:\b\d{1,5}[a-z]?\s+(?:[a-z']+\s){1,3}(?:street|st|road|rd|avenue|ave|lane|ln|drive|dr|"
                           r"close|way|court|ct|place|pl|boulevard|blvd|terrace|crescent|gardens|grove|hill|square|row|"
                           r"parkway|highway|hwy|approach|mews|walk)\b\.?)|"
                           r"\b[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}\b|"  # UK postcode
                           r"(?i:\b(?:apt|apartment|flat|unit|suite)\.?\s*#?\d+[a-z]?\b)")),
    ("ZIP", re.compile(r"\b(?:[A-Z]{2},?|(?i:zip(?: code)?:?))\s+\d{5}(?:-\d{4})?\b")),
    ("ID", re.compile(r"\b(?:[A-Z]{2}\d{2}\s?[A-Z]{3}|\d{3}-\d{2}-\d{4})\b|"
                      r"\b[A-Z]{2}\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]\b|"  # UK National Insurance number
                      r"\b(?=[A-Z-]*\d)(?=[\dA-Z-]*[A-Z])[A-Z][A-Z\d]*(?:-?\d[\dA-Z]*){1,3}\b(?<=\w{6})|"  # letters with digits
                      r"\bA\d{3}\s?\d{3}\s?\d{3}\b|"
                      r"(?i:\b(?:record|case|patient|account|policy|member|licen[cs]e|plate|nhs|id|reference|ref)"
                      r"(?:\s+(?:number|no\.?|#))?\s*[:#]?\s*)[A-Z]*\d[\dA-Z-]{3,}\b")),
    ("AGE", re.compile(r"(?i)\b(?:i'?m|i am|he'?s|she'?s|they'?re|aged?|turned|turning|turn)\s+(?:\d{1,3}|" + NUMBER_WORDS + r")\b"
                       r"(?:[- ]years?[- ]old\b)?"
                       r"(?!\s*(?:percent|%|minutes|pounds|dollars|times|o'?clock|hours))|"
                       r"\b(?:\d{1,3}|" + NUMBER_WORDS + r")[- ]years?[- ]old\b|"
                       r"\bwhen (?:i|he|she|we|they) (?:was|were) (?:\d{1,2}|" + NUMBER_WORDS + r")\b|"
                       r"\b(?:was|is|were|turns|turned) (?:\d{1,2}|" + NUMBER_WORDS + r")(?=\s*(?:[.!?;]|,|$| and\b| when\b| now\b))|"
                       r"^(?:\d{1,2}|" + NUMBER_WORDS + r")[.!]|"
                       r"\b" + ORDINALS + r"(?= birthday\b)|'s " + ORDINALS + r"\b")),
)
PLACEHOLDER = {"PERSON": "PERSON", "PLACE": "PLACE", "ORG": "ORG", "DATE": "DATE", "AGE": "AGE", "PHONE": "PHONE",
               "EMAIL": "EMAIL", "ADDRESS": "ADDRESS", "ZIP": "ADDRESS", "ID": "ID"}


# When mentions overlap, the more specific label names the placeholder (patterns before NER).
PRIORITY = ("EMAIL", "PHONE", "ADDRESS", "ID", "AGE", "PERSON", "ORG", "PLACE", "DATE")
MONTH_OR_HOLIDAY = re.compile(r"\b(january|february|march|april|may|june|july|august|september|october|november|"
                              r"december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|christmas|easter|new year'?s?|"
                              r"thanksgiving|eid|diwali|hanukkah|ramadan|passover|halloween|valentine'?s)\b", re.I)
ANCHORED = re.compile(r"\d|\b(last|this|next|that)\b|" + ORDINALS_PATTERN, re.I)
GENERIC_ORG = re.compile(r"^(the )?(gp|cbt|dbt|a&e|er|icu|hr|it|pe|rehab|aa|na)$", re.I)
FAMILY = re.compile(r"^(mum|mom|mummy|mommy|mama|dad|daddy|papa|nan|nana|gran|granny|grandma|grandpa|grandad|"
                    r"auntie|aunty|uncle|sis|bro|babe|honey|god|lord|jesus)$", re.I)


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    label: str
    text: str


class Redactor:
    """``find(text)`` -> identifying mentions; ``session(s)`` -> the session with them replaced."""

    def __init__(self, spacy_model: str = "en_core_web_sm"):
        self.spacy_model = spacy_model
        self._nlp: Any = None

    def load(self) -> Redactor:
        if self._nlp is None:
            self._nlp = load_spacy(self.spacy_model, exclude=("lemmatizer",))
        return self

    def find(self, text: str, names: Iterable[str] = ()) -> list[Mention]:
        """Mentions in one text; ``names`` (e.g. the speakers' labels) are found wherever they occur."""
        self.load()
        found: list[Mention] = []
        for label, pattern in PATTERNS:
            found += [Mention(m.start(), m.end(), PLACEHOLDER[label], m.group(0)) for m in pattern.finditer(text)]
        for name in names:
            for part in _name_parts(name):
                found += [Mention(m.start(), m.end(), "PERSON", m.group(0))
                          for m in re.finditer(rf"\b{re.escape(part)}\b", text, re.I)]
        for ent in self._nlp(text).ents:
            label = NER_LABELS.get(ent.label_)
            if label is None or (label == "DATE" and not _specific_date(ent.text)) or \
                    (label == "PERSON" and FAMILY.match(ent.text.strip())) or (label == "ORG" and GENERIC_ORG.match(ent.text.strip())):
                continue
            start, end = ent.start_char, ent.end_char
            if label == "PERSON":  # "Dr. Okafor": keep the title with the name
                before = re.search(r"(?:Dr|Mr|Mrs|Ms|Miss|Prof)\.?\s*$", text[:start])
                start = before.start() if before else start
            found.append(Mention(start, end, label, text[start:end]))
        return _merge(found)

    def session(self, session: Session) -> Session:
        """The session with every identifying mention replaced, consistently across all its text."""
        self.load()
        table = _Placeholders(session.speakers)
        names = [s.label for s in session.speakers if not re.fullmatch(r"SPEAKER_\d+|[A-Z]|Therapist|Client( \d+)?", s.label)]

        done: dict[str, str] = {}  # the same text (a repeated word, a sentence in its turn) is parsed once

        def clean(text: str) -> str:
            if text not in done:
                out, last = [], 0
                for m in self.find(text, names):
                    out.append(text[last:m.start])
                    out.append(table.get(m))
                    last = m.end
                done[text] = "".join(out) + text[last:]
            return done[text]

        speakers = tuple(dataclasses.replace(s, label=table.speaker(s)) for s in session.speakers)
        relabel = {s.label: table.speaker(s) for s in session.speakers}
        turns = tuple(dataclasses.replace(t, speaker=relabel.get(t.speaker, clean(t.speaker)), text=clean(t.text),
                                          words=_words(t.words, clean)) for t in session.turns)
        utterances = tuple(_utterance(u, relabel, clean) for u in session.utterances)
        meta = dataclasses.replace(session.meta, source_file=None, session_id=clean(session.meta.session_id),
                                   warnings=tuple(clean(_relabelled(w, relabel)) for w in session.meta.warnings))
        return dataclasses.replace(session, meta=meta, speakers=speakers, turns=turns, utterances=utterances)


def _specific_date(text: str) -> bool:
    """A date that can identify: with a number, or a month or holiday pinned down ('last March',
    'Christmas Day 2020'); not generic time ('the spring', 'a good day', 'every March')."""
    text = text.strip()
    if VAGUE_DATE.match(text) or re.match(r"(?i)^(every|each|most|all)\b", text):
        return False
    if re.search(r"\d", text):
        return True
    if re.fullmatch(r"[A-Z][a-z]+", text) and MONTH_OR_HOLIDAY.fullmatch(text):
        return True  # "April", "June": also given names; for privacy, the doubt goes to redaction
    return bool(MONTH_OR_HOLIDAY.search(text) and ANCHORED.search(text))


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


def _merge(mentions: list[Mention]) -> list[Mention]:
    """Overlapping mentions joined (the longer one's label wins), in text order."""
    out: list[Mention] = []
    for m in sorted(mentions, key=lambda m: (m.start, -(m.end - m.start))):
        if out and m.start < out[-1].end:
            last = out[-1]
            label = min(last.label, m.label, key=PRIORITY.index)
            if m.end > last.end:
                out[-1] = Mention(last.start, m.end, label, last.text + m.text[last.end - m.start:])
            else:
                out[-1] = dataclasses.replace(last, label=label)
            continue
        out.append(m)
    return out


def _words(words: tuple[Word, ...], clean) -> tuple[Word, ...]:
    return tuple(dataclasses.replace(w, text=clean(w.text)) for w in words)


def _utterance(u: Utterance, relabel: dict[str, str], clean) -> Utterance:
    markers = tuple(dataclasses.replace(m, evidence=tuple(clean(e) for e in m.evidence),
                                        reasons=tuple(clean(r) for r in m.reasons)) for m in u.markers)
    return dataclasses.replace(u, speaker=relabel.get(u.speaker, clean(u.speaker)), text=clean(u.text), markers=markers)


def _relabelled(text: str, relabel: dict[str, str]) -> str:
    for old, new in sorted(relabel.items(), key=lambda kv: -len(kv[0])):
        text = text.replace(f"'{old}'", new).replace(old, new)
    return text

