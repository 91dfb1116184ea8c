"""Names told by how they are used, for given names that are also words and names NER misses:

- direct address opening a sentence: "Hope, you've gone quiet", "Zoë, before we stop";
- apposition with a relation: "Mercy, my key worker, rang", "my youngest, Summer, starts";
- a word-name opening a sentence before a relation or a person's doings: "Destiny was in my
  group", "Willow started nursery", "Precious is my eldest", "Summer and I broke up";
- in lowercase (speech-recognition) text: a given name as the object of telling or asking ("i
  told hope everything"), met "with" someone "from" somewhere ("with dawn from the group"), "how
  old is destiny", two names opening a sentence before a verb ("sunny and rocky are my
  brothers"), a family title before a given name and a past verb ("grandad will died");
- a nickname after a naming verb, any noun ("everyone calls her bubbles", "i know him as smudge").

Each rule needs a construction that an ordinary word does not take ("Hope, you ..." is address;
"hope, you know" is not how speakers use the noun), so the candidate need only be a given name
(lexicon.py) or a word that is not plain English; interjections and family words never are.
"""

from __future__ import annotations

import re
from typing import Any, Iterator

from .cues import INTERJECTIONS, KIN, NAME, NOT_COORDINATED, PERSON_VERBS
from .lexicon import Lexicon
from .patterns import CALENDAR, FAMILY, NOT_NAMES, Mention

# What follows "Name," when the name is said to someone
ADDRESS_NEXT = frozenset("i i'm i've i'd i'll you you're you've you'd you'll your we we're we've let let's it it's "
                         "that that's this there there's before can could would will do did does what how when why "
                         "where is are was shall thank thanks tell take sounds looking".split())
# After a given name that is also a word ("Hope", "Joy"), only these: "Joy, that's a word I ..." is a topic, not address
ADDRESS_NEXT_STRONG = frozenset("you you're you've you'd you'll your let let's before can could would shall do did how "
                                "what when why where thank thanks tell take".split())
# ... or a counsellor's opening ("Hope, I'm noticing ...", "Grace, I wonder whether ...")
THERAPIST_OPENING = re.compile(r"(?i)i(?:['’]m| am) (?:noticing|wondering|hearing|curious|aware|struck|going to)|"
                               r"i (?:notice|wonder|hear|want to|wanted to|'d like|would like|can see|sense)\b|"
                               r"(?:it|that) (?:sounds|seems|feels) (?:like|as if|as though)\b")
NOT_ADDRESSED = frozenset("ugh urgh argh ooh ohh ahh eh huh meh phew yikes blimey bloody christ jeez wow whoa well right fine sure okay ok look listen so now anyway honestly basically actually "
                          "still yes no yeah true exactly absolutely totally cheers sorry please great brilliant "
                          "lovely good bad".split())
ELDEST = r"(?:eldest|youngest|oldest|middle one|little one|firstborn|first born|baby|other half)"
RELATION = rf"(?:{ELDEST}|{KIN}|best (?:friend|mate)|pal|bestie|dealer|key ?worker|support worker|social worker)"
APPOSED_AFTER = re.compile(rf"(?i),\s+(?:my|our|his|her|their|your) (?:\w+ )?{RELATION}\b")
APPOSED_BEFORE = re.compile(rf"(?i)\b(?:my|our|his|her|their) (?:(?:little|big|older|younger|new|old|late) )?"
                            rf"(?:{ELDEST}|{KIN}),\s+(?P<n>{NAME})(?=,|\.|\s+(?:is|was|starts?|started|has|had|who)\b)")
# After a word-name opening a sentence: a relation, or what a person (not hope or grace) does
RELATION_WORD = re.compile(rf"{RELATION}s?")  # "ask boss", "call her roommate": a role, not a name
HUMAN_AFTER = re.compile(rf"(?i)\s+(?:(?:is|was|['’]s) (?:my|our|his|her|their) (?:\w+ )?{RELATION}\b|"
                         r"(?:is|was) in (?:my|our|his|her|the same) (?:group|class|year|form|team|ward|unit|cell|dorm|"
                         r"house|flat)\b|(?:starts?|started|starting|finished|left) (?:nursery|school|reception|primary|"
                         r"secondary|college|uni|year \w+)\b|(?:was|is) the only one (?:who|that|at|to|in|i|we|you)\b|and (?:i|me)\b)")
TELL = re.compile(rf"\b(?:told|tell|tells|telling|asked|ask|asking|texted|messaged|rang|phoned|hugged|thanked|warned|"
                  rf"begged|reminded|promised)\s+(?P<n>{NAME})\b(?!['’])")
WITH_FROM = re.compile(rf"\b(?:with|and|met|saw|see)\s+(?P<n>{NAME})\s+from\b")
HOW_OLD = re.compile(rf"(?i)\bhow old (?:is|was|'s) (?P<n>{NAME})\b")
FAMILY_PAST = re.compile(rf"\b(?:grandad|grandpa|granddad|nan|nana|gran|granny|grandma|uncle|auntie|aunty|aunt|cousin|"
                         rf"(?:my|our|his|her) (?:{KIN}))\s+(?P<n>{NAME})(?=\s+(?P<v>[a-z]+)\b|\s*$)")
LOWER_PAIR = re.compile(rf"(?:^|(?<=[.!?]\s))(?:and |so |but )?(?P<a>{NAME}) and (?P<b>{NAME})\s+(?P<v>[a-z]+)"
                        rf"(?P<rel> (?:my|our) (?:\w+ )?{KIN}s?)?")
NICKNAME = re.compile(rf"(?i)\b(?:call(?:s|ed|ing)? (?:me|him|her)|know (?:him|her) as|known as|"
                      rf"go(?:es)? by|went by)\s+(?P<n>{NAME})(?=\s*(?:[.!?,;]|$)|\s+(?:because|cos|but|and|now|since|"
                      rf"after|for|at|in|on)\b)")
# Someone's home said by their name: "went round to ruby's", "stayed at auntie blessing's"
AT_SOMEONES = re.compile(r"(?i)\b(?:round|over|up|down|stayed|staying|stay|stays|slept|sleeping|went|go|going|back|"
                         r"lived|living|live|moved in)\s+(?:to|at)\s+(?:(?:auntie|aunty|aunt|uncle|nan|nana|gran|granny|"
                         r"grandma|grandad|grandpa|cousin)\s+)?(?P<n>[^\W\d_]+)['’]s\b")
# A given name after an explicit naming, even one that is a function word: "his name is will", "we named her hope"
NAMED_AS = re.compile(rf"(?i)\b(?:name is|name was|name['’]s|named (?:her|him|them)|called (?:her|him))\s+(?P<n>{NAME})"
                      rf"(?=\s*(?:[.!?,;]|$)|\s+(?:and|but|after|because|cos|so|though)\b)")
NOT_NICKNAMES = frozenset("names name everything anything nothing something all sorts things stuff back round home "
                          "over out up down off ugh urgh argh ooh eh huh meh phew yikes blimey babygirl babyboy sweetie sweetpea princess pet hun hon petal duck "
                          "chick sunshine angel poppet treasure buddy champ kiddo bro sis yesterday today tonight "
                          "tomorrow morning night evening afternoon weekend week home work later earlier twice".split())


class NameUses:
    """``find()`` -> PERSON mentions from the uses above (same inputs as cues.Cues)."""

    def __init__(self, text: str, seen: str, doc: Any, lexicon: Lexicon, lowercase: bool):
        self.text, self.seen, self.doc, self.lexicon, self.lowercase = text, seen, doc, lexicon, lowercase

    def find(self) -> list[Mention]:
        found = [*self._addressed(), *self._apposed(), *self._initial_word_names(), *self._nicknames(),
                 *self._initial_unknown()]
        if self.lowercase:
            found += [*self._lowercase_objects(), *self._lowercase_pairs()]
        return found

    def _mention(self, start: int, end: int) -> Mention:
        return Mention(start, end, "PERSON", self.text[start:end])

    def _candidate(self, word: str) -> bool:
        """Could this word be a name in a naming construction: a given name or a word that is not plain English."""
        lower = word.lower().replace("’", "'")
        if lower in INTERJECTIONS or lower in NOT_ADDRESSED or lower in NOT_NAMES or FAMILY.match(word) \
                or RELATION_WORD.fullmatch(lower) \
                or lower in self.lexicon.stop_words or self.lexicon.asr_word(lower) or len(lower) < 2:
            return False
        return self.lexicon.given_name(lower) or self.lexicon.proper(lower)

    def _initial(self, token: Any) -> bool:
        prev = token.nbor(-1) if token.i > 0 else None
        return prev is None or token.is_sent_start or prev.text in ('"', "'", "“", "‘", "(", "-", "—", ":", ";")

    def _addressed(self) -> Iterator[Mention]:
        """ "Name, you ..." opening a sentence (cased text: speech-recognition text has no commas)."""
        for t in self.doc:
            if t.i + 2 >= len(self.doc) or not self._initial(t) or not t.text[:1].isupper() or t.text.isupper() \
                    or t.pos_ in ("ADV", "INTJ", "CCONJ", "SCONJ", "DET", "PRON", "AUX", "PART", "NUM", "ADP"):
                continue
            aside = " ".join(x.lower_ for x in self.doc[t.i + 2:t.i + 5])  # "Hope, you know, is ..."
            if re.match(r"(?:you (?:know|see)|i (?:mean|think|guess|suppose)) ,", aside):
                continue
            following = ADDRESS_NEXT if self.lexicon.proper(t.text) or self.lexicon.name_like(t.text) else ADDRESS_NEXT_STRONG
            addressed = t.nbor(2).lower_ in following or THERAPIST_OPENING.match(self.text, t.nbor(2).idx)
            if t.nbor(1).text == "," and addressed and self._candidate(t.text) \
                    and t.lower_ not in CALENDAR:  # "Wednesday, you said ..." is a day
                yield self._mention(t.idx, t.idx + len(t.text))

    def _apposed(self) -> Iterator[Mention]:
        """ "Mercy, my support worker," and "my eldest, Summer,"."""
        for m in re.finditer(NAME, self.seen):
            word = m.group(0)
            if (word[0].isupper() or self.lowercase) and APPOSED_AFTER.match(self.seen, m.end()) \
                    and self._candidate(word):
                yield self._mention(*m.span())
        for m in APPOSED_BEFORE.finditer(self.seen):
            if (m.group("n")[0].isupper() or self.lowercase) and self._candidate(m.group("n")):
                yield self._mention(*m.span("n"))

    def _initial_word_names(self) -> Iterator[Mention]:
        """A given name opening a sentence before a relation or a person's doings ("Destiny was in my group")."""
        for t in self.doc:
            word = t.text
            if not self._initial(t) or not (word[:1].isupper() or self.lowercase) or word.isupper() \
                    or not self._candidate(word):
                continue
            if HUMAN_AFTER.match(self.seen, t.idx + len(word)):
                yield self._mention(t.idx, t.idx + len(word))

    def _initial_unknown(self) -> Iterator[Mention]:
        """A word that is not English opening a sentence before a person's verb, which the tagger took
        for an adjective ("Siân lives in ...", "Oisín said")."""
        for t in self.doc:
            if t.i + 1 < len(self.doc) and self._initial(t) and t.text[:1].isupper() and not t.text.isupper() \
                    and t.pos_ in ("ADJ", "VERB", "NOUN", "PROPN") and self._candidate(t.text) and self.lexicon.proper(t.text) \
                    and (t.nbor(1).lower_ in PERSON_VERBS or self._at_a_name(t.nbor(1))):
                yield self._mention(t.idx, t.idx + len(t.text))

    def _at_a_name(self, token: Any) -> bool:
        """ "at"/"from" and a capitalised name, perhaps after "the" ("at the Riverside Project")."""
        after = [x.text for x in self.doc[token.i + 1:token.i + 3]]
        if token.lower_ not in ("at", "from") or not after:
            return False
        return after[0][:1].isupper() or (after[0] == "the" and len(after) > 1 and after[1][:1].isupper())

    def _nicknames(self) -> Iterator[Mention]:
        for m in NICKNAME.finditer(self.seen):
            word = m.group("n")
            lower = word.lower()
            token = next((t for t in self.doc if t.idx == m.start("n")), None)
            if lower in NOT_NICKNAMES or lower in self.lexicon.stop_words or lower in NOT_NAMES or FAMILY.match(word) \
                    or RELATION_WORD.fullmatch(lower) \
                    or (token is not None and (token.pos_ not in ("NOUN", "PROPN") or token.ent_type_ in ("DATE", "TIME"))):
                continue  # "called me stupid", "calls him names"
            yield self._mention(*m.span("n"))

    def _lowercase_objects(self) -> Iterator[Mention]:
        """ "i told hope everything", "with dawn from the group", "how old is destiny", "round to ruby's",
        "his name is will", "grandad will died"."""
        for pattern in (TELL, WITH_FROM, HOW_OLD, AT_SOMEONES, NAMED_AS):
            for m in pattern.finditer(self.text):
                name = m.group("n")
                named = pattern is NAMED_AS and name.lower() not in NOT_NAMES and not FAMILY.match(name)
                if self.lexicon.given_name(name) and (named or self._candidate(name)):
                    yield self._mention(*m.span("n"))
        tags = {t.idx: t.tag_ for t in self.doc}
        pos = {t.idx: t.pos_ for t in self.doc}
        for m in FAMILY_PAST.finditer(self.text):
            verb = m.group("v") or "."  # "with nan and aunty sue" (the end of the text) or a past verb
            name = m.group("n")  # "grandad will died": any given name, even a function word, before a past verb
            if self.lexicon.given_name(name) and name not in NOT_NAMES and not FAMILY.match(name) and \
                    (verb in PERSON_VERBS or (m.group("v") and tags.get(m.start("v")) == "VBD") or (
                        verb in (".", "and", "from", "who", "with") and name not in self.lexicon.stop_words
                        and (pos.get(m.start("n")) not in ("VERB", "AUX") or tags.get(m.start("n")) == "VB"))):
                yield self._mention(*m.span("n"))

    def _pair_word(self, word: str) -> bool:
        """Beside a name, a word not plain English need not be a known name ("kemi and tobi"), but
        must not be a pronoun, family or group word ("kids and tobi")."""
        lower = word.lower()
        return self._candidate(word) or not (lower in NOT_COORDINATED or lower in self.lexicon.stop_words
                                             or lower in NOT_NAMES or FAMILY.match(word) or lower in INTERJECTIONS
                                             or lower.endswith("s"))

    def _lowercase_pairs(self) -> Iterator[Mention]:
        """ "sunny and rocky are my brothers", "femi and tolu came to the hospital"."""
        for m in LOWER_PAIR.finditer(self.text):
            a, b, verb = m.group("a"), m.group("b"), m.group("v")
            if not (self._candidate(a) or self._candidate(b)) or not all(self._pair_word(w) for w in (a, b)):
                continue
            if verb in PERSON_VERBS or (verb in ("are", "were") and m.group("rel")):
                yield self._mention(*m.span("a"))
                yield self._mention(*m.span("b"))
