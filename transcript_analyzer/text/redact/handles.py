"""Social-media handles, usernames and gamer tags, written or said aloud, and the apps they are on.

- ``@name`` anywhere ("tagged me, @danny_b_1987"), not the middle of an e-mail address;
- after a cue ("my insta is", "his gamertag is", "account called", "username was", "on discord
  hes", "i play as") the next word, or a spoken handle ("jay underscore smith", "lils dot b",
  "sophie underscore r underscore oh two");
- a word shaped like a handle wherever it is: letters with an underscore ("real_tom_h"), letters
  then digits ("moonchild99", "k1ngkev"), inner capitals ("xXFrostbiteXx", "ShadowFox"), but not
  measures, medicines, times or products ("PHQ9", "covid19", "iPhone");
- apps and networks (ORG, as in the labelled sets): the unambiguous names anywhere ("snapchat",
  "insta"), names that are also words only after "on", "my", "his"... ("on hinge", "my twitch").

Regular expressions: no maintained library knows handles said aloud; Presidio's URL recogniser
(measured in docs/benchmarks.md) finds none of these.
"""

from __future__ import annotations

import re

from .patterns import Mention

APPS = (r"insta(?:gram)?|snapchat|tiktok|facebook|whatsapp|youtube|twitter|instagram|tinder|grindr|onlyfans|reddit|"
        r"linkedin|pinterest|deliveroo|vinted|depop|ebay|roblox|fortnite|minecraft|xbox|playstation|psn|steam|kik|"
        r"telegram|signal|threads|bumble|hinge|twitch|discord|snap|ig|fb|x")
# Apps whose names are also ordinary words: named only after a preposition or possessive
AMBIGUOUS_APPS = frozenset("signal threads bumble hinge twitch discord snap steam telegram x ig fb kik".split())
APP = re.compile(rf"(?i)\b(?P<before>on|my|his|her|their|your|our|via|over|through|from|in)?\s*\b(?P<app>{APPS})\b"
                 r"(?!['’]?\w)(?!\.\w)")
DIGIT_WORD = (r"(?:zero|oh|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
              r"sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|"
              r"thousand)")
SPOKEN_PART = rf"[a-z0-9]+(?: {DIGIT_WORD})*"
SPOKEN = rf"{SPOKEN_PART}(?: (?:underscore|dot|dash|hyphen) {SPOKEN_PART})+"
AT_HANDLE = re.compile(r"(?<![\w.@])@[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?")
SPOKEN_UNDERSCORE = re.compile(rf"(?i)\b{SPOKEN_PART}(?: (?:underscore|dot) {SPOKEN_PART})* underscore {SPOKEN_PART}"
                               rf"(?: (?:underscore|dot) {SPOKEN_PART})*")
CUE = (rf"(?:(?:(?:{APPS})(?: (?:name|handle|username|user name|account|tag|id))?|gamer ?tag|username|user name|"
       r"screen ?name)(?:['’]s| is| was|:| its| it['’]s| it is| hes| shes| he['’]s| she['’]s| i['’]?m)|"
       r"(?:account|profile|page) (?:called|named)|name on (?:there|it|(?:" + APPS + r"))(?:['’]s| is| was))"
       r"(?: just)?(?: at)?")
AFTER_CUE = re.compile(rf"(?i)\b{CUE}\s+(?P<m>@?(?:{SPOKEN})|@?[\w.]+)")
# After a cue, a handle said as a few words ending in spoken digits: "shadow reaper seven seven"
SPOKEN_WORDS = rf"(?:[a-z]+ ){{0,3}}[a-z]+(?: {DIGIT_WORD})+\b"
AFTER_CUE_WORDS = re.compile(rf"(?i)\b{CUE}\s+(?P<m>{SPOKEN_WORDS})")
# "on twitch as big dunc plays", "follows this girl at glow with gem on tiktok": words up to a function word
ON_APP_AS = re.compile(rf"(?i)\b(?:on|in) (?:{APPS}) (?:as|at) (?P<m>[a-z0-9]+(?: [a-z0-9]+){{0,3}})")
AT_ON_APP = re.compile(rf"(?i)\b(?:follow\w*|add\w*|dm\w*|messag\w*|search\w*|find|found|look(?:ed)? up)\b[^.!?]{{0,30}}?"
                       rf"\bat (?P<m>[a-z0-9]+(?: [a-z0-9]+){{0,3}}?) on (?:{APPS})\b")
# A handle said with "dot" where the utterance is about accounts ("hes storm dot chaser ninety nine now")
SPOKEN_DOT = re.compile(rf"(?i)\b(?P<m>[a-z]+ dot (?!com\b|co\b|uk\b|org\b|net\b|ie\b|io\b)[a-z]+(?: {DIGIT_WORD})*)\b")
HANDLE_TALK = re.compile(rf"(?i)\b(?:accounts?|handle|username|profile|follow\w*|{APPS})\b")
PLAY_AS = re.compile(r"(?i)\b(?:i|he|she|they|you|we) (?:play|plays|played|go|goes|went) (?:as|by) (?P<m>[\w.]+)")
HANDLE_SHAPE = re.compile(r"(?<![\w@.])(?:[A-Za-z]+_[A-Za-z0-9_]+|[A-Za-z]{3,}\d+[A-Za-z\d]*|[a-z]+\d[a-z]+\d*|"
                          r"[A-Za-z]*[a-z][A-Z][A-Za-z\d]*)(?![\w@])")
# Shaped like a handle but not one: measures, viruses, medicines, times, products, brands written so
NOT_HANDLES = re.compile(r"(?i)^(?:phq|gad|core|covid|sars|mp|ps|ww|b|mk|year|y|room|flat|apt|gen|pcs|iphone|ipad|ipod|"
                         r"imac|icloud|itunes|ebay|youtube|tiktok|playstation|whatsapp|linkedin|facebook|paypal|"
                         r"mcdonald|mc|mac|de|la|le|van|von|o)(?:\d+|[A-Z]\w*)?$|^i[A-Z]|^(?:PhD|MSc|BSc|MPhil|DPhil|MRes|LLB|LLM|BEd|PGCE)s?$")
FUNCTION_WORDS = frozenset("most all every some any most nights days times then now too as from for by up down out "
                           "off over after before when while if well usual normal always much soon long far good "
                           "expected ever".split())
# "at school on snapchat" is where, not who
NOT_AT = frozenset("school work home uni college church the gym night weekend weekends party parties".split())
CUE_STOP = frozenset("is was a an the my his her their your our and or but so it its i im he she they we you me him them "
                     "just like that this there not no yes yeah on in at to of for with account page".split())


def handle_mentions(text: str) -> list[Mention]:
    """Handles (HANDLE) and the apps they are on (ORG) in one text."""
    found = [Mention(m.start(), m.end(), "HANDLE", m.group(0)) for m in AT_HANDLE.finditer(text)]
    found += [Mention(m.start(), m.end(), "HANDLE", m.group(0)) for m in SPOKEN_UNDERSCORE.finditer(text)]
    for pattern in (AFTER_CUE, PLAY_AS):
        for m in pattern.finditer(text):
            word = m.group("m").rstrip(".")
            if word.lower() in CUE_STOP or (not re.search(r"[\d_@]|[a-z][A-Z]| (?:underscore|dot) ", word)
                                            and pattern is PLAY_AS and word[:1].islower()):
                continue
            found.append(Mention(m.start("m"), m.start("m") + len(word), "HANDLE", word))
    found += _spoken_handles(text)
    for m in HANDLE_SHAPE.finditer(text):
        if not NOT_HANDLES.match(m.group(0)):
            found.append(Mention(m.start(), m.end(), "HANDLE", m.group(0)))
    for m in APP.finditer(text):
        if m.group("app").lower() in AMBIGUOUS_APPS and not m.group("before"):
            continue
        if m.group("app").lower() in ("x", "ig", "fb", "snap") and not re.match(r"(?i)on|my|via", m.group("before") or ""):
            continue
        found.append(Mention(m.start("app"), m.end("app"), "ORG", m.group("app")))
    return found


def _spoken_handles(text: str) -> list[Mention]:
    """Handles said as several words: after a cue with spoken digits, after "on <app> as", "at ... on <app>",
    and words joined by "dot" when the talk is about accounts; each stops before a function word."""
    found = [Mention(m.start("m"), m.end("m"), "HANDLE", m.group("m")) for m in AFTER_CUE_WORDS.finditer(text)]
    for m in AT_ON_APP.finditer(text):  # bounded by "on <app>": function words may be inside ("glow with gem")
        words = m.group("m").lower().split()
        if words[0] not in CUE_STOP | FUNCTION_WORDS | NOT_AT and words[-1] not in CUE_STOP | FUNCTION_WORDS:
            found.append(Mention(m.start("m"), m.end("m"), "HANDLE", m.group("m")))
    for pattern in (ON_APP_AS,):
        for m in pattern.finditer(text):
            words = m.group("m").split()
            if words[0].lower() in NOT_AT:
                continue  # "on insta at night"
            kept = []
            for word in words:
                if word.lower() in CUE_STOP or word.lower() in FUNCTION_WORDS:
                    break
                kept.append(word)
            if kept:
                end = m.start("m") + len(" ".join(kept))
                found.append(Mention(m.start("m"), end, "HANDLE", text[m.start("m"):end]))
    if HANDLE_TALK.search(text):
        found += [Mention(m.start("m"), m.end("m"), "HANDLE", m.group("m")) for m in SPOKEN_DOT.finditer(text)
                  if not {w.lower() for w in m.group("m").split()} & (CUE_STOP | FUNCTION_WORDS | {"polka"})]
    return found
