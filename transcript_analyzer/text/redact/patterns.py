"""Redaction patterns: what regular expressions find without a model (contact details, postal
addresses, identifiers, ages, dates NER misses), and the word lists that tell specific dates and
names from generic ones. Pure functions of the text; the redactor (redactor.py) adds NER and cues.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    label: str
    text: str


UNITS = r"(?:one|two|three|four|five|six|seven|eight|nine)"
TEENS = r"(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"
TENS = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
NUMBER_WORDS = rf"(?:one|two|three|four|five|six|seven|eight|nine|{TEENS}|{TENS})(?:[- ]{UNITS})?"
DIGIT_WORDS = r"(?:zero|oh|one|two|three|four|five|six|seven|eight|nine|(?:double|triple) \w+|hundred(?: and)?)"
ORDINALS = (r"(?:\d{1,3}(?:st|nd|rd|th)|(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[- ]?)?(?:first|second|"
            r"third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|"
            r"sixteenth|seventeenth|eighteenth|nineteenth)|twentieth|thirtieth|fortieth|fiftieth|sixtieth|seventieth|"
            r"eightieth|ninetieth|hundredth)")
ORDINALS_PATTERN = r"\b" + ORDINALS + r"\b"
MONTHS = r"(?:january|february|march|april|may|june|july|august|september|october|november|december)"
WEEKDAYS = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
# Holidays that pin down a date once tied to a year ("Boxing Day 2018", "Eid last year")
HOLIDAYS = (r"(?:new year['’]?s(?: eve| day)?|christmas(?: eve| day)?|boxing day|easter(?: sunday| monday)?|good friday|"
            r"valentine['’]?s(?: day)?|halloween|thanksgiving|eid(?: al-\w+)?|diwali|hanukk?ah|ramadan|passover|"
            r"bonfire night|mother['’]?s day|father['’]?s day|st\.? patrick['’]?s day|remembrance (?:day|sunday)|"
            r"hogmanay|independence day|memorial day|labou?r day)")
# A year said in words: "nineteen fifty two", "twenty nineteen", "two thousand and nine"
SPOKEN_YEAR = (rf"(?:(?:eighteen|nineteen|twenty) (?:hundred|{TENS}(?:[- ]{UNITS})?|{TEENS}|oh[- ]{UNITS})|"
               rf"two thousand(?: and)?(?: (?:{TENS}(?:[- ]{UNITS})?|{TEENS}|{UNITS}))?)")
# Words after which a spoken number is a year ("in", "since", "born in", "summer of")
YEAR_CUE = rf"(?:in|since|from|of|until|till|by|around|before|after|during|born|back|year|{MONTHS})"
NOT_A_YEAR = r"(?!\s+(?:pounds|quid|dollars|euros|people|times|calories|words|miles|steps|followers|a (?:month|year)))"

# A spoken house number and street: "sixteen harrow lane", "at two hundred and four kingsway road"
NOT_STREET_WORD = (r"(?!(?:the|a|an|of|to|in|on|at|for|from|with|by|and|or|till|until|til|past|round|around|down|up|"
                   r"my|our|your|his|her|their|its|this|that|"
                   r"more|other|different|main|same|way|one|minutes?|hours?|days?|weeks?|months?|years?|people|houses?|"
                   r"doors?|times?|blocks?|streets?|roads?|lanes?|cars?|buses|stops?|quid|pounds?|dollars?|miles?|"
                   r"metres?|meters?|yards?|feet|steps?|kids?)\b)")
SPOKEN_ADDRESS = (rf"(?i:\b(?:at|on|to|from|live|lived|living|moved|number|address is|address was|address[’']s)\s+"
                  rf"(?P<m>(?:(?:flat|apartment|unit) {NUMBER_WORDS},? )?{NUMBER_WORDS}(?: hundred(?: and)? {NUMBER_WORDS})? {NOT_STREET_WORD}[a-z']+"
                  rf"(?: {NOT_STREET_WORD}[a-z']+)? (?:street|road|lane|avenue|drive|crescent|terrace|grove|gardens|"
                  rf"mews|close)\b))")
# National services, named wherever they appear ("your NHS number", "the nhs list", "the VA")
SERVICES = r"\b(?:VA|IRS)\b|(?i:\b(?:nhs|dwp|hmrc|dvla|cafcass|ofsted|ucas)\b)"
# Prisons and young offender institutions by their prefix ("HMP Farrowdale", "hmyoi castlebrook")
PRISON = r"\b(?:HMP|HMYOI|HMPYOI|(?i:hmp|hmyoi))\s+[A-Za-z][a-z]+(?:\s+[A-Z][a-z]+)?"
# A saint's school, church or hospital said in lowercase ("the kids go to st anne's"); not feasts or plants
SAINT = r"(?i:\b(?:st\.?|saint) [a-z]+['’]s\b(?! (?:day|eve|night|wort|cross day)\b))"

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
                      r"\b[A-Z]{1,4}(?=(?:[A-Z/-]*\d){5})[-/]?\d[\dA-Z]*(?:[-/][\dA-Z]+)+\b|"  # case numbers: FC-2007-33918
                      r"\bA\d{3}\s?\d{3}\s?\d{3}\b|"
                      r"(?i:\b(?:record|case|patient|account|policy|member|licen[cs]e|plate|nhs|id|reference|ref)"
                      r"(?:\s+(?:number|no\.?|#))?\s*[:#]?\s*)[A-Z]*\d[\dA-Z-]{3,}\b")),
    ("ADDRESS", re.compile(SPOKEN_ADDRESS)),
    ("ORG", re.compile(SERVICES)),
    ("ORG", re.compile(PRISON)),
    ("ORG", re.compile(SAINT)),
    # dates NER misses: "Thursday the 9th", "the twenty third of may", "Boxing Day 2018", "nineteen fifty two"
    ("DATE", re.compile(rf"(?i:\b{ORDINALS} of the {ORDINALS}(?:,? (?:\d{{2,4}}|{SPOKEN_YEAR}|{NUMBER_WORDS})\b)?)|"
                        rf"(?i:\b{WEEKDAYS},? the {ORDINALS}(?: of {MONTHS})?\b)|"
                        rf"(?i:\b{ORDINALS} of {MONTHS}\b(?:,? (?:\d{{4}}|{SPOKEN_YEAR}))?)|"
                        rf"\b(?:(?i:january|february|march|april|june|july|august|september|october|november|december)|May)"
                        rf" (?i:{ORDINALS})\b(?:,? \d{{4}}\b)?|"
                        rf"(?i:\b{HOLIDAYS}(?:,? (?:of |in )?(?:\d{{4}}\b|'\d\d\b|{SPOKEN_YEAR}\b)| (?:last|this|that) year\b))")),
    ("DATE", re.compile(rf"(?i:\b{YEAR_CUE} (?:the year )?(?P<m>{SPOKEN_YEAR})\b){NOT_A_YEAR}")),
    # numeric dates NER leaves alone: "dated 03/11/2025", "born 4-7-88"
    ("DATE", re.compile(r"(?<![\w/-])(?:0?[1-9]|[12]\d|3[01])([/-])(?:0?[1-9]|[12]\d|3[01])\1(?:19|20)?\d\d(?![\w/-])")),
)
PLACEHOLDER = {"PERSON": "PERSON", "PLACE": "PLACE", "ORG": "ORG", "DATE": "DATE", "AGE": "AGE", "PHONE": "PHONE",
               "EMAIL": "EMAIL", "ADDRESS": "ADDRESS", "ZIP": "ADDRESS", "ID": "ID"}

# DATE entities that identify nothing (relative or generic time)
VAGUE_DATE = re.compile(r"^(the )?(last|this|next|every|each|that|a|one|some|few|couple|past|coming|other)?\s*"
                        r"(day|days|night|nights|week|weeks|weekend|weekends|month|months|year|years|morning|evening|"
                        r"afternoon|today|tonight|yesterday|tomorrow|now|recently|lately|daily|weekly|monthly|"
                        r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|mondays|tuesdays|wednesdays|"
                        r"thursdays|fridays|saturdays|sundays|\w+ (days|weeks|months|years)( ago| later| before)?|"
                        r"a (few|couple of) \w+|the (weekend|week|day|morning|night))( ago| later| before)?$", re.I)
MONTH_OR_HOLIDAY = re.compile(r"\b(january|february|march|april|may|june|july|august|september|october|november|"
                              r"december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|christmas|easter|new year'?s?|"
                              r"thanksgiving|eid|diwali|hanukkah|ramadan|passover|halloween|valentine'?s)\b", re.I)
ANCHORED = re.compile(r"\d|\b(last|this|next|that)\b|" + ORDINALS_PATTERN, re.I)
GENERIC_ORG = re.compile(r"^(the |my |your |his |her |their |our )?(gp|cbt|dbt|emdr|act|cat|ipt|mbct|cft|camhs|iapt|cmht|a&e|er|icu|hr|it|pe|rehab|aa|na|"
                         r"food ?bank|ni|national insurance|(?:every |each )?(?:mother|father)['’]?s day)$",
                         re.I)
FAMILY = re.compile(r"^(mum|mom|mummy|mommy|mama|dad|daddy|papa|nan|nana|gran|granny|grandma|grandpa|grandad|"
                    r"auntie|aunty|uncle|sis|bro|babe|honey|god|lord|jesus)$", re.I)
# Words that name no one, even capitalised. Cues never turn one into a mention; NER's people,
# places and organisations that are one of them (except calendar words) are dropped.
CALENDAR = frozenset((
    "january february march april may june july august september october november december monday tuesday "
    "wednesday thursday friday saturday sunday mondays tuesdays wednesdays thursdays fridays saturdays sundays "
    "spring summer autumn fall winter").split())
NAMED_MONTHS = frozenset(("april", "may", "june", "august"))  # months that are also given names
NOT_NAMES = frozenset((
    # family and forms of address, including common ones from other languages
    "mum mom mummy mommy mama mam ma dad daddy papa pa da nan nana nanna nanny gran granny grandma grandpa grandad "
    "granddad grandmother grandfather auntie aunty uncle sis bro babe baby honey love darling sweetheart sir madam "
    "miss mister babcia dziadek abuela abuelo abuelita abuelito mamá papá mami papi nonna nonno oma opa bubbe zayde "
    "lola lolo amma appa ammi abba ammu baba dadi dada nani nana-ji mamie yaya halmeoni halmoni harabeoji omma eomma "
    "umma obaachan ojiisan tata ayah ibu "
    # holidays, faith, star signs
    "christmas xmas easter halloween thanksgiving valentine valentines eid diwali hanukkah ramadan passover "
    "god lord jesus christ allah bible quran koran heaven hell mass church "
    "aries taurus gemini cancer leo virgo libra scorpio sagittarius capricorn aquarius pisces "
    # diagnoses named after people
    "alzheimer alzheimers parkinson parkinsons crohn crohns asperger aspergers tourette tourettes huntington "
    "huntingtons hodgkin hodgkins down "
    # medicines, generic and brand names
    "sertraline zoloft lustral fluoxetine prozac citalopram cipramil celexa escitalopram lexapro cipralex paroxetine "
    "paxil seroxat venlafaxine effexor desvenlafaxine pristiq duloxetine cymbalta mirtazapine remeron bupropion "
    "wellbutrin zyban trazodone amitriptyline nortriptyline clomipramine vortioxetine brintellix trintellix "
    "agomelatine lithium priadel camcolit lamotrigine lamictal valproate depakote epilim quetiapine seroquel "
    "olanzapine zyprexa risperidone risperdal aripiprazole abilify clozapine clozaril haloperidol haldol lurasidone "
    "latuda diazepam valium lorazepam ativan alprazolam xanax clonazepam klonopin rivotril temazepam zopiclone "
    "zolpidem ambien pregabalin lyrica gabapentin neurontin propranolol buspirone hydroxyzine methylphenidate "
    "ritalin concerta adderall elvanse vyvanse lisdexamfetamine dexamfetamine atomoxetine strattera melatonin "
    "circadin naltrexone acamprosate campral disulfiram antabuse methadone buprenorphine subutex suboxone naloxone "
    "narcan tramadol codeine morphine oxycodone oxycontin fentanyl paracetamol tylenol ibuprofen nurofen advil "
    "aspirin calpol co-codamol fluvoxamine faverin ketamine esketamine spravato modafinil guanfacine clonidine "
    "prazosin doxepin benzos "
    # events and illnesses that open sentences like names
    "covid covid-19 corona coronavirus brexit café cafe "
    # other
    "i i'm i've i'd i'll ok okay yeah yes no hi hello mr mrs ms dr").split())
NOT_A_NAME = CALENDAR | NOT_NAMES
# Capitalised for emphasis or habit, not names: "at Uni", "rang the Council", "Social Services"
GENERIC_PLACES = frozenset(("uni university college school work home church chapel mosque temple hospital court therapy "
                            "group rehab class gym office council police lent advent sabbath shabbat").split()
                           + ["social services", "the council", "the police"])
STAR_SIGNS = frozenset("aries taurus gemini leo virgo libra scorpio sagittarius capricorn aquarius pisces".split())
# After a cue that names someone ("my son Leo", "my daughter April", "our Summer") these are names
NAMED_BY_CUE = STAR_SIGNS | NAMED_MONTHS | {"summer", "autumn"}
MONTH_PREPOSITION = re.compile(r"(?i)\b(?:in|since|by|until|till|from|every|each|through|during|of|before|after|"
                               r"around|until|early|late|mid|end of|start of|beginning of)\s*$")


# A pet's name is no one's: "our cat, Pickle", "a dog called Biscuit"
PET_BEFORE = re.compile(r"(?i)\b(?:cats?|dogs?|puppy|pup|kitten|rabbit|bunny|hamster|guinea pig|horse|pony|budgie|parrot|"
                        r"tortoise|goldfish|pet|lizard|snake|ferret)(?:['’]s name is|['’]s called|,| is called| called| named)?\s*"
                        r"(?:(?:Mr|Mrs|Miss|Ms|Lady|Sir|Lord|Captain|Princess|Prince|Little|Big)\.?\s+)?$")
def pattern_mentions(text: str) -> list[Mention]:
    """Every match of the patterns (a pattern's group ``m``, when it has one, is the mention)."""
    found = []
    for label, pattern in PATTERNS:
        for m in pattern.finditer(text):
            start, end = m.span("m") if "m" in pattern.groupindex else m.span()
            found.append(Mention(start, end, PLACEHOLDER[label], text[start:end]))
    return found


def specific_date(text: str, before: str = "") -> bool:
    """A date that can identify: with a number, or a month or holiday pinned down ('last March',
    'Christmas Day 2020'); not generic time ('the spring', 'a good day', 'every March', 'Year 10').
    ``before`` is the text before it ('in' before 'April' makes it a month, not a name)."""
    text = text.strip()
    if VAGUE_DATE.match(text) or re.match(r"(?i)^(every|each|most|all)\b|^(?:about |around |since |in |from )?year \d{1,2}$",
                                          text):
        return False
    if re.search(r"\d", text):
        return True
    if re.fullmatch(r"[A-Z][a-z]+", text) and text.lower() in NAMED_MONTHS:
        return not MONTH_PREPOSITION.search(before)  # "April", "June": also given names; "in April" is a month
    return bool(MONTH_OR_HOLIDAY.search(text) and ANCHORED.search(text))
