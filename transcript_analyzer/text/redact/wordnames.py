"""Organisations and places whose names are ordinary words, in lowercase (speech-recognition) text:
"she works for shelter now", "a manager at boots", "i rang mind", "he works in sports direct",
"we moved to cork", "i grew up in reading", "my dad was from hull".

Truecasing cannot capitalise these (they are plain English) and NER does not know them in
lowercase, so each needs a short list and a cue: for organisations a verb of working, shopping or
contacting before it; for places a verb of living or moving (or "from", or "in" at the end of a
clause); and after it the end of the clause, so that "the next one", "reading helps", "in the
bath", "i don't mind" stay words. Cased text is left to NER and cues.py ("rang Mind", "works at
Boots"). Own lists: no maintained library holds UK chains, charities and towns that are words.
"""

from __future__ import annotations

import re

from .patterns import Mention

# Chains, charities and services with plain-word names (or names NER misses in lowercase)
PLAIN_ORGS = (r"next|boots|iceland|shelter|mind|refuge|relate|crisis|costa|subway|apple|amazon|sports direct|the range|"
              r"the works|currys|wilko|greggs|argos|asda|tesco|lidl|aldi|primark|sainsburys|sainsbury's|morrisons|"
              r"waitrose|co-op|coop|b&q|homebase|poundland|spoons|wetherspoons|nandos|mcdonalds|samaritans|barnardos|"
              r"oxfam|citizens advice|age uk|turning point|change grow live|addaction|womens aid|women's aid|victim support|"
              r"the salvation army|salvation army|network rail|royal mail|amazon warehouse|deliveroo|just eat|evri|hermes|"
              r"dpd|the post office|post office|the job centre|job centre|jobcentre|the council|uber|lyft|bolt|ocado|pets at home|"
              r"superdrug|screwfix|toolstation|halfords|matalan|tk maxx|the gym group|puregym|specsavers")
# Towns and cities whose names are ordinary English words
PLACE_WORDS = r"reading|bath|hull|sale|nice|cork|wells|rugby|derby|bury|deal|split|barking|hove|ely|poole|street|march|hyde"
# ...of which these are too common as words to be a place at the end of a clause without a verb of living or moving
WEAK_PLACES = frozenset("reading deal split march street barking".split())
CLAUSE_END = (r"(?=\s*(?:[.!?,;]|$)|\s+(?:for|when|and|but|with|now|last|every|on|in|at|i|we|he|she|they|to|since|so|"
              r"because|cos|then|originally|as|after|before|years?|its|it's|till|until|these days|which|where|though|"
              r"near|by|with|the whole|all|really|anymore|any more|again|ago|just)\b)")
ORG_CUE = (r"(?:(?:work(?:s|ed|ing)?|job|jobs|shift|shifts|manager|supervisor|volunteer(?:s|ed|ing)?|started|"
           r"interview(?:ed)?|placement|apprenticeship|shopping|shop|shopped|bought (?:it|them|this|that)|"
           r"got (?:it|them|this|that)|staff|driver|cleaner|cashier|stacking shelves|drives?|drove|driving|delivers|"
           r"delivered|delivering|sacked|fired|dismissed|laid off|let go|suspended|barred|banned) (?:at|for|in|with|from)|"
           r"rang|rung|ring|ringing|phoned|phone|called|contacted|emailed|joined|referred (?:me |him |her )?to|"
           r"went to|got help from|help from|someone from|woman from|man from|lady from|bloke from|guy from)")
ORG_RE = re.compile(rf"(?i)\b{ORG_CUE}\s+(?:the\s+)?(?P<m>{PLAIN_ORGS})\b(?!['’]?\w){CLAUSE_END}")
PLACE_CUE = (r"(?:(?:live[sd]?|living|grew up|born|raised|brought up|moved|move|moving|went|gone|go|going|based|"
             r"stay(?:ed|ing|s)?|holiday|holidays|trip|honeymoon|weekend|week|back|out|family|originally|come|came|"
             r"comes|up|down|over|flat|house|uni|college|school|work(?:s|ed|ing)?|job|drove|drive|driving|train)"
             r"\s+(?:back\s+)?(?:to|in|from|near|outside|round|at)|(?:is|was|are|were|['’]s|they['’]re|i['’]m) "
             r"(?:from|in)|from|near|outside)")
PLACE_RE = re.compile(rf"(?i)\b{PLACE_CUE}\s+(?P<m>{PLACE_WORDS})\b(?!['’]?\w){CLAUSE_END}")
PLACE_AT_END = re.compile(rf"(?i)\b(?:in|to|from|near)\s+(?P<m>{PLACE_WORDS})(?=\s*(?:[.!?,;]|$))")


# Pub names that are words, after a verb of going or meeting ("went to the crown after", "down the plough"):
# "the" stays outside the span. Not "the crown court", "the bell went".
PUBS = (r"crown|swan|plough|red lion|white hart|royal oak|black horse|white horse|kings head|king['’]s head|queens head|"
        r"queen['’]s head|rose and crown|wheatsheaf|feathers|greyhound|rising sun|green man|coach and horses|nags head|"
        r"nag['’]s head|white swan|black bull|cross keys|grapes|hare and hounds|fox and hounds|george|fleece|crooked billet|"
        r"dog and duck")
PUB_RE = re.compile(rf"(?i)\b(?:went|go|going|goes|gone|down|at|in|to|from|outside|round|met|meet|meeting|back)\s+"
                    rf"(?:to\s+|at\s+)?the\s+(?P<m>{PUBS})\b(?!['’]?\w){CLAUSE_END}")
# An organisation named by its kind after two or three words, said in lowercase without "the" ("a course at
# lantern recovery college"), not a kind of place ("at further education college", "to sixth form college")
SUFFIXED_ORG = re.compile(r"(?i)\b(?:at|to|from|attend(?:s|ed|ing)?|into)\s+(?P<m>(?P<first>[a-z]+)(?:\s+[a-z]+){1,2}\s+"
                          r"(?:college|academy|hospital|clinic|centre|center|hospice|school|infirmary|surgery|"
                          r"church|chapel|mosque|lodge))\b")
GENERIC_KIND = frozenset("community mental health further higher education local day drop sixth form medical primary "
                         "secondary grammar catholic sunday leisure job walk dental family childrens children's womens "
                         "women's night art music dance drama sports technical adult the a an my his her our their your "
                         "this that some another big little new old same other care nursing residential or and in at of for to with on "
                         "from by home into get got go going law high middle boarding driving business grad "
                         "graduate summer state public private".split())
# "works at tesco in bath": a town after a chain (a town that is a word needs this cue)
PLACE_AFTER_ORG = re.compile(rf"(?i)\s+in\s+(?P<m>{PLACE_WORDS})\b(?!['’]?\w){CLAUSE_END}")


# A town unseen in lowercase after a cue of living or travelling ("we moved to skelmersdale when")
RARE_PLACE_RE = re.compile(rf"(?i)\b(?:{PLACE_CUE}|(?:take|took|taking|takes) (?:us|me|them|him|her) (?:to|round)|"
                           rf"(?:drove|drive|driving|flew|fly|flight|bus|train|coach|ferry) (?:up |down |over )?to)"
                           rf"\s+(?P<m>[a-z]+)\b(?!['’]?\w){CLAUSE_END}")


# A care home, estate or business named like a house ("a carer at willow court"), after a verb of working
HOUSE_NAME = re.compile(rf"(?i)\b(?:{ORG_CUE}|carer at|nurse at|resident at|lived at|living at|staying at)\s+"
                        rf"(?P<m>(?P<first>[a-z]+) (?:court|house|lodge|view|park|ridge|gardens|manor|grange|hall|heights|"
                        rf"meadows|fields|grove|towers|mill|farm))\b(?!['’]?\w){CLAUSE_END}")


def house_names(text: str, lexicon) -> list[Mention]:
    """Places of work or care named like a house, after a verb of working or living (lowercase text)."""
    return [Mention(m.start("m"), m.end("m"), "ORG", m.group("m")) for m in HOUSE_NAME.finditer(text)
            if m.group("first").lower() not in lexicon.stop_words and m.group("first").lower() not in GENERIC_KIND
            and m.group("first").lower() not in ("the", "a", "car", "theme", "care", "nursing", "court", "town", "trailer")]


# "is going to devoice": a verb, perhaps misspelt, not a place
FUTURE_BEFORE = re.compile(r"(?i)\b(?:is|am|are|was|were|im|hes|shes|theyre|not|to|will|gonna|wanna|['’](?:m|s|re))\s*$")


def rare_places(text: str, lexicon) -> list[Mention]:
    """Towns the word table has barely seen in lowercase, after a cue of living or travelling (lowercase text)."""
    return [Mention(m.start("m"), m.end("m"), "PLACE", m.group("m")) for m in RARE_PLACE_RE.finditer(text)
            if not (re.match(r"(?i)go(?:ing)? to", m.group(0)) and FUTURE_BEFORE.search(text, 0, m.start()))
            and lexicon.rare(m.group("m")) and m.group("m") not in lexicon.stop_words and len(m.group("m")) > 3
            and not lexicon.asr_word(m.group("m"))]


def places_after_organisations(text: str, found: list[Mention]) -> list[Mention]:
    """A town that is a word right after an organisation found ("sports direct in reading"); lowercase text."""
    out = []
    for org in found:
        if org.label == "ORG" and (m := PLACE_AFTER_ORG.match(text, org.end)):
            out.append(Mention(m.start("m"), m.end("m"), "PLACE", m.group("m")))
    return out


def word_name_mentions(text: str, lowercase: bool) -> list[Mention]:
    """Plain-word organisations (ORG) and places (PLACE) after their cues; in lowercase text only."""
    if not lowercase:
        return []
    found = [Mention(m.start("m"), m.end("m"), "ORG", m.group("m")) for m in ORG_RE.finditer(text)]
    found += [Mention(m.start("m"), m.end("m"), "PLACE", m.group("m")) for m in PLACE_RE.finditer(text)]
    found += [Mention(m.start("m"), m.end("m"), "PLACE", m.group("m")) for m in PLACE_AT_END.finditer(text)
              if m.group("m").lower() not in WEAK_PLACES]
    found += [Mention(m.start("m"), m.end("m"), "PLACE", m.group("m")) for m in PUB_RE.finditer(text)]
    found += [Mention(m.start("m"), m.end("m"), "ORG", m.group("m")) for m in SUFFIXED_ORG.finditer(text)
              if not GENERIC_KIND.intersection(m.group("m").lower().split()[:-1])]
    return found
