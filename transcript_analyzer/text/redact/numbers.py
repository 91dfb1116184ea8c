"""Ages, in digits or in words, also in unpunctuated speech: "I'm forty-four years old", "she's
nineteen", "he was only nineteen when", "i turned forty two", "I left home at sixteen", "my two
are five and three", "the kids are nine, seven and two", "twenty one today", "the baby's six
months", an age said again ("He was seventeen. Seventeen.").

Not ages: durations and amounts ("married forty years", "twenty minutes", "sixteen stone"),
scores ("my score was seventeen"), clock times ("at six every day", "at seventeen forty"), things'
ages ("the car's ten years old"), school years ("year eleven").
"""

from __future__ import annotations

import re

from .patterns import MONTHS, NUMBER_WORDS, ORDINALS, Mention

NUMBER = rf"(?:\d{{1,3}}|{NUMBER_WORDS})"
AGE_NUMBER = rf"(?:\d{{1,2}}|{NUMBER_WORDS})"
TEEN_OR_MORE = (r"(?:1[3-9]|[2-9]\d|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|"
                r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|"
                r"eight|nine))?)")
# Hedges between the verb and the age: "he was only nineteen", "she's nearly fifteen", "when she was like eleven"
HEDGE = r"(?:(?:both|all|only|just|nearly|almost|about|around|like|barely|already|still|over|under|roughly|probably|maybe|not even)\s+)?"
# What may follow a bare number that is an age in speech: "i was fifteen the first time", "until i was ten then"
AGE_FOLLOW = (r"(?=\s*(?:[.!?;,]|$)|\s+(?:the (?:(?:first|last|only) )?(?:time|night|day|year|summer)|at the time|"
              r"then|when|and|so|but|because|cos|or|till|until|before|after|now|i|he|she|we|they|my|our|his|her|"
              r"ive|im|id|hes|shes|just|though|anyway|really|today|this year|next|or so|ish|going on|at most)\b)")
AGE_NOT_UNIT = (r"(?![- ]?(?:percent|%|minutes?|mins|hours?|pounds|quid|dollars|euros|times|o'?clock|days|weeks|months|"
                r"stone|kilos?|pounds|inches|feet|foot|grand|hundred|thousand|people|points|out of|of|years|"
                r"am|pm|past|to|miles|mph|degrees|[-–]\d)\b)(?![- ](?:" + NUMBER_WORDS + r")\b)")
KIN_SUBJECT = (r"(?:twins|kids|children|boys|girls|sons?|daughters?|brother|sister|baby|grandson|granddaughter|nephew|"
               r"niece|eldest|youngest|oldest|middle one|little one|mum|mom|dad|mother|father|wife|husband|partner|"
               r"nan|nana|gran|granny|grandad|grandma|grandpa|uncle|aunt|auntie|aunty|cousin|ex|boyfriend|girlfriend|"
               r"(?:my|our|the|his|her) (?:two|three|four))")
# Life events that give an age after "at" even when the number could be an hour: "had her at seventeen"
LIFE_EVENT = (r"(?:(?:left|leaving|started|starting|finished) (?:home|school|care|college|uni|secondary|work|drinking|"
              r"smoking|using)|married|divorced|had (?:her|him|them|my \w+|a baby|the baby|the twins)|pregnant|"
              r"dropped out|kicked out|moved out|ran away|retired|died|widowed|diagnosed|adopted|came out|got (?:married|"
              r"pregnant|sober|clean|sectioned)|sectioned|expelled|excluded|arrested|put in care|went into care|fostered)")

AGE_PATTERNS = (
    re.compile(r"(?i)\b(?:i'?m|i am|he'?s|she'?s|they'?re|we'?re|you'?re|aged?|turned|turning|turns|turn)\s+" + HEDGE +
               NUMBER + r"\b(?:[- ]years?[- ]old\b)?(?!\s*(?:percent|%|per cent|minutes|pounds|dollars|times|o'?clock|hours|"
               r"confident|sure|certain|committed|ready|motivated|happy|out of))|"
               r"\b" + NUMBER + r"[- ](?:years?|months?|weeks?)[- ]old\b|"
               r"\bwhen (?:i|he|she|we|they) (?:was|were) " + HEDGE + AGE_NUMBER + r"\b|"
               r"(?<!\bscore )(?<!\bscores )(?<!\btotal )(?<!\blevel )(?<!\brating )(?<!\bthere )"
               r"\b(?:was|is|were|are|turns|turned) " + HEDGE + AGE_NUMBER +
               r"(?=\s*(?:[.!?;]|,|$| and\b| when\b| now\b| this year\b| next (?:year|month|week)\b| today\b| tomorrow\b|"
               r" on \w+day\b| in " + MONTHS + r"\b))|"
               r"^" + AGE_NUMBER + r"[.!]|"
               r"\b" + ORDINALS + r"(?= birthday\b)|'s " + ORDINALS + r"\b"),
    # ages in unpunctuated speech: "i was fifteen the first time", "he was only nineteen when"
    re.compile(rf"(?i)\b(?:i|he|she|we|they|you) (?:was|were|am|is|are) {HEDGE}(?P<m>(?!one\b){AGE_NUMBER}){AGE_FOLLOW}"),
    # "the twins are seven", "my dad's sixty-three", "my two are five"
    re.compile(rf"(?i)\b{KIN_SUBJECT}(?: (?:is|are|was|were|turned|turns|will be)|['’]s) {HEDGE}"
               rf"(?P<m>{AGE_NUMBER})\b{AGE_NOT_UNIT}"),
    # "the baby's six months"
    re.compile(rf"(?i)\b(?:baby|little one|he|she|son|daughter|grandson|granddaughter)(?:['’]s| is| was) {HEDGE}"
               rf"(?P<m>{AGE_NUMBER} (?:weeks|months)(?: old)?)"),
    # "I left home at sixteen", "at the age of nine", "had her at seventeen"
    re.compile(rf"(?i)\b(?:at|by) (?:the age of |age ){HEDGE}(?P<m>{AGE_NUMBER})\b|"
               rf"\b(?:at|by) {HEDGE}(?P<n>{TEEN_OR_MORE})\b{AGE_NOT_UNIT}(?!\s+(?:in the|at night|every|tonight|sharp))|"
               rf"\b{LIFE_EVENT}\b(?:\s+\w+){{0,3}}? at {HEDGE}(?P<o>{AGE_NUMBER})\b{AGE_NOT_UNIT}"),
    # "he'll be eighty in March", "who's twelve", "how old then, fourteen?", "How old was he? Twelve."
    re.compile(rf"(?i)\b(?:i|he|she|they|you|we)(?:['’]ll| will| is gonna| is going to| ll) be {HEDGE}"
               rf"(?P<m>{AGE_NUMBER})(?=\s*(?:[.!?;,]|$)|\s+(?:in|on|at|next|this|soon|tomorrow|then)\b)"
               rf"(?!\s+in the (?:morning|evening|afternoon|night))(?!\s+(?:in|at) (?:the )?(?:\d|{NUMBER_WORDS}))"
               rf"{AGE_NOT_UNIT}|"
               rf"\bwho(?:['’]s| is| was) {HEDGE}(?P<n>{AGE_NUMBER})(?=\s*(?:[.!?;,]|$)|\s+(?:and|now|this|next|in)\b)"
               rf"{AGE_NOT_UNIT}|"
               rf"\bhow old\b[^.!?]{{0,40}}?(?:,|\?)\s*(?:about |like |maybe |only |just )?(?P<o>{AGE_NUMBER})"
               rf"(?=\s*(?:[.!?,]|$)|\s+(?:i think|maybe|or so)\b)"),
    # "twenty one today"
    re.compile(rf"(?i)(?:^|[.!?]\s+)(?P<m>{AGE_NUMBER})(?= today\b)"),
)
# Things whose age is no one's: "the car's ten years old"
# An animal's age is no one's either ("the dog's getting old, he's about twelve"), nor a measure's score ("CORE-10 was 18")
PET = re.compile(r"(?i)\b(?:dog|cat|puppy|kitten|rabbit|hamster|horse|pony|budgie|parrot|tortoise|pet)\b")
PRONOUN_SUBJECT = re.compile(r"(?i)\b(?:he|she|it|dog|cat|puppy|kitten|rabbit|hamster|horse|pony|tortoise)(?:['’]?s|\s+is|\s+was)\b")
SCORE_BEFORE = re.compile(r"\b(?:[A-Z]{2,6}-\d{1,2}|(?i:score|scores|total|level|rating))\s+(?:was|is|of|at)\s+\S+$")
THING_BEFORE_AGE = re.compile(r"(?i)\b(?:car|van|bike|house|flat|boiler|building|phone|laptop|telly|tv|sofa|it|that|this)"
                              r"(?:['’]s| is| was)\s*$")
# More ages in a list after one: "five and three", "nine, seven and two", "nine or ten"
LIST_NEXT = re.compile(rf"(?i)(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or|&)\s+)(?P<m>{AGE_NUMBER})\b{AGE_NOT_UNIT}")


def age_mentions(text: str) -> list[Mention]:
    """Every age in the text (a pattern's named group, when it has one, is the mention)."""
    found = []
    for pattern in AGE_PATTERNS:
        for m in pattern.finditer(text):
            group = next((g for g in ("m", "n", "o") if g in pattern.groupindex and m.group(g)), None)
            start, end = m.span(group) if group else m.span()
            if not THING_BEFORE_AGE.search(text, 0, start) and not _pet_subject(text, m.start(), start, end):
                found.append(Mention(start, end, "AGE", text[start:end]))
    found += _listed(text, found)
    return found + _echoed(text, found)


def _pet_subject(text: str, match_start: int, start: int, end: int) -> bool:
    """The age is an animal's ("the dog ... hes about twelve") or a measure's score ("CORE-10 was 18")."""
    if SCORE_BEFORE.search(text[max(0, match_start - 30):end]):
        return True
    sentence = re.split(r"[.!?]\s", text[:match_start])[-1]
    return PET.search(sentence[-60:] + text[match_start:start]) is not None and \
        PRONOUN_SUBJECT.search(text, max(0, match_start - 12), end) is not None


def _listed(text: str, found: list[Mention]) -> list[Mention]:
    more = []
    for m in found:
        end = m.end
        while (nxt := LIST_NEXT.match(text, end)) is not None:
            more.append(Mention(nxt.start("m"), nxt.end("m"), "AGE", nxt.group("m")))
            end = nxt.end("m")
    return more


def _echoed(text: str, found: list[Mention]) -> list[Mention]:
    """An age said again on its own after it was given: "He was seventeen. Seventeen." """
    echoes = []
    for m in found:
        number = re.search(rf"(?i)(?:\d{{1,3}}|{NUMBER_WORDS})$", m.text)
        if number:
            again = re.compile(rf"(?i)(?<=[.!?] ){re.escape(number.group(0))}(?=[.!?])")
            echoes += [Mention(e.start(), e.end(), "AGE", e.group(0)) for e in again.finditer(text, m.end)]
    return echoes
