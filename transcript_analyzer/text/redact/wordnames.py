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
              r"dpd|the post office|post office|the job centre|job centre|jobcentre|the council")
# Towns and cities whose names are ordinary English words
PLACE_WORDS = r"reading|bath|hull|sale|nice|cork|wells|rugby|derby|bury|deal|split|barking|hove|ely|poole|street|march|hyde"
# ...of which these are too common as words to be a place at the end of a clause without a verb of living or moving
WEAK_PLACES = frozenset("reading deal split march street barking".split())
CLAUSE_END = (r"(?=\s*(?:[.!?,;]|$)|\s+(?:for|when|and|but|with|now|last|every|on|in|at|i|we|he|she|they|to|since|so|"
              r"because|cos|then|originally|as|after|before|years?|its|it's|till|until|these days|which|where|though|"
              r"near|by|with|the whole|all|really|anymore|any more|again|ago|just)\b)")
ORG_CUE = (r"(?:(?:work(?:s|ed|ing)?|job|jobs|shift|shifts|manager|supervisor|volunteer(?:s|ed|ing)?|started|"
           r"interview(?:ed)?|placement|apprenticeship|shopping|shop|shopped|bought (?:it|them|this|that)|"
           r"got (?:it|them|this|that)|staff|driver|cleaner|cashier|stacking shelves) (?:at|for|in|with|from)|"
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


def word_name_mentions(text: str, lowercase: bool) -> list[Mention]:
    """Plain-word organisations (ORG) and places (PLACE) after their cues; in lowercase text only."""
    if not lowercase:
        return []
    found = [Mention(m.start("m"), m.end("m"), "ORG", m.group("m")) for m in ORG_RE.finditer(text)]
    found += [Mention(m.start("m"), m.end("m"), "PLACE", m.group("m")) for m in PLACE_RE.finditer(text)]
    found += [Mention(m.start("m"), m.end("m"), "PLACE", m.group("m")) for m in PLACE_AT_END.finditer(text)
              if m.group("m").lower() not in WEAK_PLACES]
    return found
