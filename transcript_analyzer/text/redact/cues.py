"""Context cues for names that NER misses: "my wife dawn", "a volunteer called Cerys", "Father
Declan", "mrs fielding", "Mark from her office", "Chidi texted me", "crossed at Nogales", "rang
Mind", "works at Boots", "the Hope and Anchor", "hillside primary".

Each cue is a regular expression or a token test over the text NER saw (the truecased copy for
lowercase text, same length as the original) plus a check of the candidate name: in cased text a
name is capitalised; in lowercase text it must be a word that is not plain English (lexicon.py)
or a given name that the parser does not read as a verb or function word (after "mrs", "dr": any
word but a function word). A name opening a sentence with no cue needs a verb after it.
"""

from __future__ import annotations

import re
from typing import Any, Iterator

from .lexicon import Lexicon
from .patterns import CALENDAR, GENERIC_PLACES, NAMED_BY_CUE, NOT_A_NAME, NOT_NAMES, Mention

NAME = r"[^\W\d_][^\W\d_]*(?:['’-][^\W\d_]+)*"
CAP_NAME = r"[A-Z][^\W\d_]*(?:['’-][^\W\d_]+)*"
KIN = (r"(?:wife|husband|son|daughter|brother|sister|cousin|aunt|aunty|auntie|uncle|nephew|niece|partner|boyfriend|"
       r"girlfriend|fianc[eé]e?|ex|ex-wife|ex-husband|ex-partner|stepdad|stepmum|stepmom|stepfather|stepmother|stepson|"
       r"stepdaughter|stepbrother|stepsister|mate|friend|flatmate|roommate|housemate|neighbou?r|boss|manager|"
       r"supervisor|colleague|sponsor|caseworker|counsell?or|therapist|teacher|tutor|grandson|granddaughter|"
       r"godson|goddaughter|baby|twin|kid|child|boy|girl|mum|mom|dad|mother|father|gran|nan|nana|nanna|granny|grandma|"
       r"grandad|grandpa|grandmother|grandfather|step[- ]?(?:dad|mum|mom|son|daughter|brother|sister)|"
       r"great[- ](?:aunt|auntie|uncle|gran|grandma|grandad|nan)|sponsor|keyworker|key worker|support worker|"
       r"social worker|carer|lodger|landlord|landlady)")
KIN_ADJ = r"(?:(?:little|big|older|younger|eldest|oldest|youngest|baby|twin|best|half|late|new|old|middle|other)[\s-]+)?"
POSSESSIVE = r"(?:(?:my|our|his|her|your|their)(?:\s+[a-z]+['’]s)?)"  # "my nan's partner stan"
NAMING = (r"(?:called|named|call (?:me|him|her)|calls (?:me|him|her)|calling (?:me|him|her)|called (?:me|him|her)|"
          r"go by|goes by|went by|known as|"
          r"(?:name|nickname) (?:is|was|'s|’s))")
TITLE_IN = r"(?:Father|Sister|Brother|Pastor|Reverend|Rev\.?|Imam|Rabbi|Doctor|Dr\.?|Nurse|Coach|Professor|Judge|" \
           r"Officer|PC|Sergeant|Detective|Councillor|Mr\.?|Mrs\.?|Ms\.?|Miss|Mx\.?)"
TITLE_OUT = (r"(?:Great[- ](?:Aunt|Auntie|Uncle|Gran|Grandma|Grandad|Nan)|Auntie|Aunty|Aunt|Uncle|Cousin|Nanna|Nana|"
             r"Nan|Grandma|Grandad|Granddad|Grandpa|Granny|Gran|Grandmother|Grandfather|Papa|Babcia|Dziadek|Abuela|"
             r"Abuelo|Nonna|Nonno|Oma|Opa|Tita|Tito|Tia|Tio|Tía|Tío|Bibi|Dadi|Nani|Step[- ]?dad|Step[- ]?mum)")
NOT_AFTER_POSSESSIVE = "".join(rf"(?<!\b{p} )" for p in ("my", "our", "his", "her", "your", "their", "My", "Our", "His",
                                                         "Her", "Your", "Their", "the", "The", "a", "A"))
PERSON_VERBS = frozenset("said says told tells asked asks thinks thought knows knew wants wanted moved went came rang "
                         "rings called calls texted texts left died lives lived works worked keeps kept reckons messaged "
                         "emailed showed turned runs ran drove drives picked sent met helped brought took gave bought "
                         "married phoned shouted screamed hugged visited visits stayed stays looked won't wouldn't".split())
# After a given name that is also a word, a relation makes it a name: "Patience is my sponsor"
ROLE_AFTER = re.compile(r"(?i)\s+(?:is|was|['’]s) (?:my|our|his|her|their|your) (?:\w+ )?(?:sponsor|friend|mate|niece|"
                        r"nephew|cousin|sister|brother|boss|manager|keyworker|worker|counsell?or|therapist|partner|wife|"
                        r"husband|girlfriend|boyfriend|ex|neighbou?r|daughter|son|mum|mom|dad|aunt|auntie|aunty|uncle|"
                        r"teacher|carer|colleague|granddaughter|grandson|godmother|godfather|stepmum|stepdad)\b")
VOCATIVE_NEXT = frozenset("is are was were can could would will do did does have has what how when why where".split())
ADVERBS_BEFORE_VERB = frozenset("just never always still really also then even only finally".split())
OPENERS = frozenset("and but so oh well yes no because then yeah like um erm anyway honestly okay ok".split())
PLACE_PREP = frozenset("in to from near outside past around across into through towards toward via".split())
ORG_PREP = frozenset("at for with by joined join".split())
# Before these, a capitalised word mid-sentence names an organisation even when it is a plain word ("rang Mind")
CONTACT = frozenset("at joined join rang rung ring ringing phoned phone phoning contacted contact emailed texted "
                    "messaged tried".split())
ORG_SUFFIX = (r"(?:Hospital|Infirmary|Surgery|Clinic|Hospice|School|Academy|College|University|Primary|Church|Chapel|"
              r"Cathedral|Mosque|Temple|Synagogue|Trust|Council|Foundation|Solicitors)")
VENUE = (rf"\b(?:Café|Cafe|Caffè|Bar|Hotel|Restaurant|Pub|Club|Inn)\s+{CAP_NAME}|"
         rf"\b{CAP_NAME}(?:\s+{CAP_NAME})?\s+(?:Café|Cafe|Bar|Inn|Arms|Tavern|Hotel)\b|"
         rf"(?<=\bthe\s){CAP_NAME}\s+(?:and|&)\s+{CAP_NAME}")
WORK = (rf"\b(?:work(?:s|ed|ing)?|job|shift|drives?|drove|driving|volunteer(?:s|ed|ing)?|employed|placement|"
        rf"interview(?:ed)?)\s+(?:at|for|with)\s+(?P<m>{CAP_NAME}(?:\s+(?:&\s+)?{CAP_NAME}){{0,3}})")
FOUND_BY_NER = frozenset(("PERSON", "GPE", "LOC", "FAC", "ORG"))
NON_NAME_POS = frozenset(("VERB", "AUX", "ADP", "ADV", "DET", "PRON", "CCONJ", "SCONJ", "PART", "NUM", "INTJ"))
QUOTES_AND_DASHES = frozenset(('"', "'", "“", "‘", "(", "-", "—", ":", ";"))

NAME_RE = re.compile(NAME)
NOT_SURNAMES = frozenset("today tonight tomorrow yesterday appointment appointments said says told thinks".split())
SURNAME_TITLE = re.compile(r"(?i)(?:mr|mrs|ms|mx|dr)\.?")
NEXT_CAP_NAME = re.compile(rf"\s+({CAP_NAME})")
NEXT_ACCENTED = re.compile(r"\s+(?=[^\W\d_]*[^\W\d_a-zA-Z])[^\W\d_]+\b")  # a word with a letter beyond ASCII
KIN_OR_NAMING = re.compile(rf"(?i:\b{POSSESSIVE}\s+{KIN_ADJ}(?P<kin>{KIN}),?\s+|\b{NAMING}\s+)")
# Family titles after which a plain word before a verb is a name ("my uncle dev used to")
FAMILY_TITLE = re.compile(r"(?i)uncle|aunt|auntie|aunty|cousin|nan|nana|nanna|gran|granny|grandma|grandad|grandpa|"
                          r"great[- ]\w+|step[- ]?\w+|sister|brother")
TITLES = {lowercase: tuple((keep, re.compile(rf"{NOT_AFTER_POSSESSIVE}\b{titles}\s+", re.I if lowercase else 0))
                           for keep, titles in ((True, TITLE_IN), (False, TITLE_OUT)))
          for lowercase in (False, True)}
ORG_BY_SUFFIX = re.compile(rf"\b(?:(?:St\.?|Saint)\s+)?(?:{CAP_NAME}\s+){{1,3}}{ORG_SUFFIX}\b")
ORG_BY_SUFFIX_LOWER = re.compile(rf"\b(?:(?:royal|st|saint|queen|king)\.?\s+(?:{NAME}\s+)?|(?=[A-Z])(?!I\b){NAME}\s+)"
                                 rf"(?i:{ORG_SUFFIX})\b")
VENUE_RE = re.compile(VENUE)
SCHOOL_LOWER = re.compile(r"\b([a-z]+)\s+(?:primary|academy|infirmary|infants|juniors)\b")
GENERIC_SCHOOL = frozenset("village local church catholic state public private junior senior secondary grammar police "
                           "football dance drama stage sixth form".split())
HOLIDAY_BEFORE = re.compile(r"(?i)\b(?:christmas|new years?|new year['’]s|st\.?|saint)\s*$")
WORK_RE = re.compile(WORK)
ME = re.compile(r"(?i)\b(?:me|i)\b")
COORDINATED_AFTER = re.compile(rf"(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|&|or)\s+)(?P<n>{NAME})")
COORDINATED_BEFORE = re.compile(rf"(?P<n>{NAME})(?:\s*,\s*|\s+(?:and|&|or)\s+)$")
NATIONALITY_SHAPE = re.compile(r"(?:ian|ish|ese|ean|an|ic|i|ch|ians|ans|ers|ists|ites|ims|ews)$")
AUX_NEXT = re.compile(r"\s+(?:be|have|not|never|always|get|go|do|see|make|just)\b")  # "me and will be ok"
AND_AFTER = re.compile(rf"\s+(?:and|&)\s+(?P<n>{NAME})")
AND_BEFORE = re.compile(rf"(?P<n>{NAME})\s+(?:and|&)\s+$")
NOT_COORDINATED = frozenset("me i you him her them us we they he she it my his their our your the a an this that all both "
                            "everyone everybody someone somebody anyone nobody people kids family friends".split())
# Words that open a sentence before a comma like a name in direct address, but are not names
INTERJECTIONS = frozenset("oh ah aw thanks thank hey hi hello well yes no okay ok right sorry please wow um uh hmm yeah "
                          "sure great fantastic cool alright anyway honestly look listen see so now wait gosh god jeez "
                          "man mate dude sweetheart love honey darling babe".split())


class Cues:
    """``find()`` -> the mentions the cues give for one text (``seen``: the text NER parsed, ``doc``: its parse)."""

    def __init__(self, text: str, seen: str, doc: Any, lexicon: Lexicon, lowercase: bool):
        self.text, self.seen, self.doc, self.lexicon, self.lowercase = text, seen, doc, lexicon, lowercase
        self.tokens = {t.idx: t for t in doc}
        self.ents = {i: e.label_ for e in doc.ents for i in range(e.start_char, e.end_char)}

    def find(self) -> list[Mention]:
        return [*self._kin_and_naming(), *self._titles(), *self._given_names(), *self._sentence_initial_names(),
                *self._sentence_initial_pairs(), *self._vocatives(),
                *self._proper_nouns(), *self._organisations()]

    def coordinated(self, found: list[Mention]) -> list[Mention]:
        """Names joined to a person or to "me" by "and", "or" or a comma ("Mo and Kez", "Gemma, Sue
        and me", "me and will"): capitalised words in cased text, given names or words that are not
        plain English in lowercase text."""
        people = [(m.start, m.end) for m in found if m.label == "PERSON"]
        me = [(m.start(), m.end()) for m in ME.finditer(self.text)]
        more: list[Mention] = []
        for start, end in me:  # "me and will", "Summer and I"
            for m in (AND_AFTER.match(self.seen, end), AND_BEFORE.search(self.seen, 0, start)):
                if m is not None and (self._coordinated_name(m.start("n"), m.group("n")) or (
                        m.re is AND_AFTER and self.lowercase and self.lexicon.given_name(m.group("n"))
                        and m.group("n").lower() not in NOT_COORDINATED
                        and not AUX_NEXT.match(self.seen, m.end("n")))):
                    more.append(self._mention(m.start("n"), m.end("n"), "PERSON"))
                    people.append((m.start("n"), m.end("n")))
        while people:
            start, end = people.pop()
            for m in (COORDINATED_AFTER.match(self.seen, end), COORDINATED_BEFORE.search(self.seen, 0, start)):
                if m is None or not self._coordinated_name(m.start("n"), m.group("n")):
                    continue
                span = (m.start("n"), m.end("n"))
                if not any(x.start <= span[0] < x.end for x in [*found, *more]):
                    more.append(self._mention(*span, "PERSON"))
                    people.append(span)
        return more

    def _coordinated_name(self, start: int, word: str) -> bool:
        lower = word.lower().replace("’", "'")
        if lower in NOT_A_NAME or lower in NOT_COORDINATED | INTERJECTIONS or (word.isupper() and len(word) > 1) \
                or len(word) < 2 \
                or self.ents.get(start) in ("NORP", "LANGUAGE", "DATE", "TIME", "CARDINAL"):
            return False
        token = self.tokens.get(start)
        if token is not None and token.pos_ in NON_NAME_POS - {"NUM"}:  # "Honestly, Basingstoke"
            return False
        if not self.lowercase:
            return word[0].isupper()
        return self.lexicon.name_like(word) or (word[0].isupper() and self.lexicon.proper(word))  # not "job and i"

    def _mention(self, start: int, end: int, label: str) -> Mention:
        return Mention(start, end, label, self.text[start:end])

    def _name_ok(self, start: int, word: str, surname: bool = False, kin: str = "") -> bool:
        """Can the word after a cue be a name? ``surname``: after "mrs", "dr" any word but a function
        word can be, in lowercase text too ("mrs fielding"). ``kin``: after "my uncle", "nana", "called"
        ("family" after a family title: "uncle dev used to", "nana pat still sends")."""
        lower = word.lower().replace("’", "'")
        if (lower in NOT_A_NAME and lower not in NAMED_BY_CUE) or (word.isupper() and len(word) > 1):
            return False
        if not self.lowercase:
            return word[0].isupper()
        if word[0].isupper():  # capitalised by truecasing: not plain English
            return True
        if surname:
            return (lower not in self.lexicon.stop_words and len(lower) > 1 and not self.lexicon.asr_word(lower)
                    and self.ents.get(start) not in ("DATE", "TIME") and lower not in NOT_SURNAMES)
        token = self.tokens.get(start)
        if lower in self.lexicon.stop_words or self.lexicon.asr_word(lower):
            return False
        if kin and self.lexicon.given_name(word) and (self.lexicon.name_like(word) or token is None
                                                      or token.pos_ not in NON_NAME_POS):
            return True  # "nana pat" (a name more often than a word), "auntie bisi"; not "my sister said"
        if token is not None and kin == "family" and token.pos_ in ("NOUN", "PROPN", "ADJ") and len(lower) > 1:
            nxt = self.doc[token.i + 1] if token.i + 1 < len(self.doc) else None
            return nxt is None or (nxt.pos_ in ("VERB", "AUX") and not nxt.text.startswith(("'", "’"))) or \
                nxt.lower_ in ("and", "from", "who", "was", "is")
        return self.lexicon.given_name(word) and (token is None or token.pos_ not in NON_NAME_POS)

    def _name_at(self, start: int, surname: bool = False, kin: str = "") -> tuple[int, int] | None:
        """The name starting at ``start`` (a first name and, when capitalised, a surname), or None."""
        m = NAME_RE.match(self.seen, start)
        if not m or not self._name_ok(start, m.group(0), surname, kin):
            return None
        end = m.end()
        more = NEXT_CAP_NAME.match(self.seen, end)
        if more and more.group(1).lower() not in NOT_A_NAME and not more.group(1).isupper():
            end = more.end()
        while self.lowercase and (more := NEXT_ACCENTED.match(self.seen, end)):  # "nguyễn văn hải"
            end = more.end()
        return start, end

    def _kin_and_naming(self) -> Iterator[Mention]:
        for m in KIN_OR_NAMING.finditer(self.seen):
            kin = "family" if m.group("kin") and FAMILY_TITLE.fullmatch(m.group("kin")) else "cue"
            span = self._name_at(m.end(), kin=kin)
            if span:
                yield self._mention(*span, "PERSON")

    def _titles(self) -> Iterator[Mention]:
        for keep_title, pattern in TITLES[self.lowercase]:
            for m in pattern.finditer(self.seen):
                surname = SURNAME_TITLE.fullmatch(m.group(0).strip()) is not None  # "mrs fielding"
                span = self._name_at(m.end(), surname, kin="" if keep_title else "family")
                if span:
                    yield self._mention(m.start() if keep_title else span[0], span[1], "PERSON")

    def _sentence_initial(self, token: Any) -> bool:
        prev = token.nbor(-1) if token.i > 0 else None
        return prev is None or token.is_sent_start or prev.text in QUOTES_AND_DASHES

    def _opens(self, token: Any) -> bool:
        """Does the token open a sentence, perhaps after an opener or two ("and then megan said")?"""
        for _ in range(3):
            if self._sentence_initial(token):
                return True
            if token.nbor(-1).lower_ not in OPENERS:
                return False
            token = token.nbor(-1)
        return False

    def _initial_name(self, token: Any) -> bool:
        """A capitalised word the parser reads as a proper noun, NER left alone, and that is not plain
        English (in lowercase text: that truecasing capitalised) or is a given name more often a name
        than a word ("Amber", not "Hope")."""
        word = token.text
        if not (word[:1].isupper() and NAME_RE.fullmatch(word)) or word.isupper() or token.idx in self.ents \
                or token.pos_ not in ("PROPN", "NOUN") or word.lower().replace("’", "'") in NOT_A_NAME:
            return False
        if self.lexicon.proper(word):
            return True
        return not self.lowercase and token.pos_ == "PROPN" and self.lexicon.name_like(word)

    def _sentence_initial_names(self) -> Iterator[Mention]:
        """A name opening a sentence with no cue before it, followed by a verb or "from": "Chidi
        texted me", "Marguerite used to say", "bethany from the foodbank", "Amber was my friend";
        a given name that is not plain English followed by anything ("Gemma, Sue and me");
        with a capitalised word before it when that is an adjective ("Big Gaz behind the bar"); in
        lowercase text also a given name before a verb of saying or moving ("and then jasmine said")."""
        for t in self.doc:
            if not self._opens(t):
                continue
            first = t
            if not self._initial_name(t):
                if self.lowercase and self._lowercase_given_name(t):
                    yield self._mention(t.idx, t.idx + len(t.text), "PERSON")
                if not (t.text[:1].isupper() and t.pos_ in ("ADJ", "PROPN") and t.i + 1 < len(self.doc)
                        and self._initial_name(t.nbor(1)) and self.lexicon.proper(t.nbor(1).text)):
                    continue
                t = t.nbor(1)
            last = t
            while last.i + 1 < len(self.doc) and self._initial_name(last.nbor(1)):
                last = last.nbor(1)
            nxt = self._next_word(last)
            given = first is t and self.lexicon.given_name(t.text) and self.lexicon.proper(t.text)
            vocative = nxt is not None and nxt.text == "," and nxt.i + 1 < len(self.doc) and \
                self.doc[nxt.i + 1].lower_ in VOCATIVE_NEXT | {"i", "you", "what", "how", "can", "i'm", "let"}
            if given or vocative or (nxt is not None and (nxt.pos_ in ("VERB", "AUX") or nxt.lower_ == "from"
                                                          or (first is not t and nxt.pos_ == "ADP"))):
                yield self._mention(first.idx, last.idx + len(last.text), "PERSON")

    def _name_not_nation(self, token: Any) -> bool:
        """A word NER calls a nationality that is used as a noun and is not shaped like one: a name
        ("a dream about Yiannis"), not "the Nigerian side", "Pakistani", "Scottish"."""
        nxt = self.doc[token.i + 1] if token.i + 1 < len(self.doc) else None
        return (nxt is None or nxt.pos_ not in ("NOUN", "PROPN", "ADJ")) and self.ents.get(token.idx) == "NORP" \
            and not NATIONALITY_SHAPE.search(token.text)

    def _vocatives(self) -> Iterator[Mention]:
        """A therapist's or client's address to someone by a name that is not plain English, opening
        a sentence before a comma and a pronoun or question: "Anjali, I'm noticing ..."."""
        for t in self.doc:
            if not (self._sentence_initial(t) and t.text[:1].isupper() and NAME_RE.fullmatch(t.text)
                    and self.lexicon.proper(t.text) and t.text.lower() not in NOT_A_NAME | INTERJECTIONS
                    and t.pos_ in ("PROPN", "NOUN", "ADJ")
                    and self.ents.get(t.idx) not in FOUND_BY_NER) or t.i + 2 >= len(self.doc):
                continue
            if t.nbor(1).text == "," and t.nbor(2).lower_ in VOCATIVE_NEXT | {"i", "you", "what", "how", "can", "let"}:
                yield self._mention(t.idx, t.idx + len(t.text), "PERSON")

    def _sentence_initial_pairs(self) -> Iterator[Mention]:
        """Two capitalised names opening a sentence, joined by "and", before a verb: "Mo and Kez are
        coming", "Tunde and Yemi are the only ones"."""
        if self.lowercase:
            return
        for t in self.doc:
            if not (self._opens(t) and self._pair_name(t)) or t.i + 2 >= len(self.doc) or \
                    t.nbor(1).lower_ not in ("and", "&") or not self._pair_name(t.nbor(2)):
                continue
            nxt = self._next_word(t.nbor(2))
            if nxt is not None and nxt.pos_ in ("VERB", "AUX"):
                yield self._mention(t.idx, t.idx + len(t.text), "PERSON")
                yield self._mention(t.nbor(2).idx, t.nbor(2).idx + len(t.nbor(2).text), "PERSON")

    def _pair_name(self, token: Any) -> bool:
        word = token.text
        return (word[:1].isupper() and not word.isupper() and NAME_RE.fullmatch(word) is not None
                and token.pos_ == "PROPN" and word.lower() not in NOT_A_NAME and word != "I"
                and self.ents.get(token.idx) not in ("NORP", "LANGUAGE", "DATE", "ORG"))

    def _next_word(self, token: Any) -> Any:
        """The token after this one, skipping one adverb ("priyanka just walked out")."""
        following = self.doc[token.i + 1:token.i + 3]
        if len(following) > 1 and following[0].lower_ in ADVERBS_BEFORE_VERB:
            return following[1]
        return following[0] if len(following) else None

    def _lowercase_given_name(self, token: Any) -> bool:
        word = token.lower_
        nxt = self._next_word(token)
        return (token.text.islower() and self.lexicon.given_name(word) and word not in self.lexicon.stop_words
                and word not in NOT_A_NAME and nxt is not None
                and (nxt.lower_ in PERSON_VERBS or nxt.lower_ == "from"))

    def _given_names(self) -> Iterator[Mention]:
        """Cased text: a given name that is also a word ("Mark", "Summer", "Hope") when capitalised
        mid-sentence, or at a sentence start followed by a verb of saying or moving ("Mark said"), by
        a relation ("Patience is my sponsor"),
        "from" ("Mark from her office") or a comma and a question ("And Summer, is she ...")."""
        if self.lowercase:
            return
        for t in self.doc:
            if not (t.text[:1].isupper() and t.is_alpha and self.lexicon.given_name(t.text)) or t.text.isupper() \
                    or self.ents.get(t.idx) in FOUND_BY_NER or t.text.lower() in NOT_NAMES:
                continue
            nxt = [x.lower_ for x in self.doc[t.i + 1:t.i + 3]]
            prev = t.nbor(-1).lower_ if t.i > 0 else ""
            initial = self._sentence_initial(t) or (prev in OPENERS and self._sentence_initial(t.nbor(-1)))
            if HOLIDAY_BEFORE.search(self.seen, 0, t.idx) or prev in ("a", "an") or self.ents.get(t.idx) == "NORP":
                continue  # "Christmas Eve", "New Year's Eve", "a Marine"
            strong = bool(nxt) and (nxt[0] in PERSON_VERBS or nxt[0] == "from"
                                    or (nxt[0] == "," and nxt[1:] and nxt[1] in VOCATIVE_NEXT)
                                    or ROLE_AFTER.match(self.seen, t.idx + len(t.text)) is not None)
            if strong or not (initial or t.text.lower() in CALENDAR):  # "in May" is a month, "May said" a name
                yield self._mention(t.idx, t.idx + len(t.text), "PERSON")

    def _proper_nouns(self) -> Iterator[Mention]:
        """A capitalised word mid-sentence that is not plain English ("in Aleppo", "the Hendersons",
        "the Samaritans"), with the capitalised words after it; in lowercase text only after a
        preposition. Labelled by the preposition before it: a place, an organisation, or a person."""
        for t in self.doc:
            if not t.text[:1].isupper() or t.text.isupper() or not NAME_RE.fullmatch(t.text) \
                    or self.ents.get(t.idx) in FOUND_BY_NER or self._sentence_initial(t):
                continue
            prev = t.nbor(-1)
            if prev.text[:1].isupper() and NAME_RE.fullmatch(prev.text) and \
                    (not self._sentence_initial(prev) or self.lexicon.proper(prev.text)):
                continue  # inside a run of capitalised words: the run's first word decides
            before = prev.nbor(-1).lower_ if prev.lower_ == "the" and prev.i > 0 else prev.lower_
            plain_org = not self.lowercase and before in CONTACT and t.idx not in self.ents  # "rang Mind"
            if t.text.lower() in NOT_A_NAME or t.text.lower() in GENERIC_PLACES or not (self.lexicon.proper(t.text)
                                                                                        or plain_org):
                continue
            if prev.lower_ in ("a", "an"):
                continue  # "a Marine", "an Arsenal fan"
            label = "PLACE" if before in PLACE_PREP else "ORG" if before in ORG_PREP | CONTACT else "PERSON"
            if self.ents.get(t.idx) in ("NORP", "LANGUAGE") and label != "PLACE" and not (label == "ORG" and prev.lower_ == "the") \
                    and not self._name_not_nation(t):
                continue  # "the Nigerian side" is no one; "at the Samaritans" is an organisation
            if self.lowercase and label == "PERSON":
                continue
            end = t.idx + len(t.text)
            while (m := NEXT_CAP_NAME.match(self.seen, end)) and m.group(1).lower() not in NOT_A_NAME:
                end = m.end()
            yield self._mention(t.idx, end, label)

    def _organisations(self) -> Iterator[Mention]:
        """Named organisations and venues by their shape: "Highcroft Hospital", "Café Lumen", "the
        Hope and Anchor", "works at Boots"; in lowercase text "the royal infirmary"."""
        if self.lowercase:
            yield from (self._mention(*m.span(), "ORG") for m in ORG_BY_SUFFIX_LOWER.finditer(self.seen))
            for m in SCHOOL_LOWER.finditer(self.seen):  # "hillside primary", not "the local primary"
                token = self.tokens.get(m.start())
                if token is not None and token.pos_ in ("NOUN", "PROPN") and \
                        m.group(1) not in self.lexicon.stop_words and m.group(1) not in GENERIC_SCHOOL:
                    yield self._mention(*m.span(), "ORG")
            return
        for m in ORG_BY_SUFFIX.finditer(self.seen):
            if m.group(0).split()[0].lower() not in self.lexicon.stop_words:
                yield self._mention(*m.span(), "ORG")
        for m in VENUE_RE.finditer(self.seen):
            yield self._mention(*m.span(), "PLACE")
        for m in WORK_RE.finditer(self.seen):
            if m.group("m").split()[0].lower() not in NOT_A_NAME | GENERIC_PLACES:
                yield self._mention(*m.span("m"), "ORG")
