"""Word knowledge for redaction: which lowercase words are ordinary English, and which are given names.

Two offline sources, both installed from PyPI and checked by sha256 before use:

- ``spacy-lookups-data==1.0.5`` (MIT; a 98 MB wheel for all languages, of which one 7 MB file is
  read): ``en_lexeme_prob``, case-sensitive log probabilities of 1M English word forms (the table
  spaCy 2 models shipped). A lowercase word is *plain* when its lowercase form is not clearly
  rarer than its capitalised form: "dawn", "rugby", "boots", "sertraline" are plain; "croydon",
  "jamal", "aleppo" are not, and neither is a word the table does not know. This drives the
  truecasing of lowercase (speech-recognition) text before NER, and tells a capitalised proper
  noun from a capitalised common word.
- ``names==0.3.0`` (MIT; 3 MB): the US Census 1990 lists of given names (5,163 distinct, public
  domain), used only with context cues ("my wife dawn", "Mark from her office"), because many of
  them are also words.

Loading takes about a second; the Redactor holds the result (no module-level cache).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
from dataclasses import dataclass
from importlib import resources

from ..errors import ModelError

# (package, file inside it, sha256, pip requirement)
LEXEME_PROB = ("spacy_lookups_data", "data/en_lexeme_prob.json.gz",
               "ead13035b63bc915592ff41c279c76d1f3ee5582d6b6f12f9c7a9016021a338e", "spacy-lookups-data==1.0.5")
GIVEN_NAMES = (("names", "dist.male.first", "0a5078ef6effe3b483d15b0f7f95047662126c9bfb624ecd5e5b978fc0f2470b", "names==0.3.0"),
               ("names", "dist.female.first", "bd2f310fc4e5d5e5ea122c9d4342c9821145823118eb20db1647f305ec77b358",
                "names==0.3.0"))
# How much more frequent (natural log) the capitalised form must be for a word not to count as plain
PROPER_MARGIN = 1.0
UNKNOWN_LOGPROB = -20.0
# Speech-recognition spellings without apostrophes, and fillers: never capitalised
ASR_WORDS = frozenset(("im ive id ill dont didnt doesnt cant wont isnt wasnt couldnt wouldnt shouldnt havent hasnt "
                       "hadnt arent werent youre theyre youve theyve weve wed hes shes thats whats theres wheres lets "
                       "aint gonna wanna gotta kinda sorta dunno yeah yep nope okay ok mm mmm hmm um uh erm er ah "
                       "cos coz cuz innit ya yer").split())
WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


@dataclass(frozen=True)
class Lexicon:
    plain: frozenset[str]
    """Lowercase words that are ordinary English in lowercase."""
    given_names: frozenset[str]
    """Lowercase given names (many are also words: grace, mark, will)."""
    stop_words: frozenset[str]

    def proper(self, word: str) -> bool:
        """Is this word (any case) more likely a name than an ordinary word when written in lowercase?"""
        w = word.lower().replace("’", "'")
        if "'" in w:  # "jamal's" is as proper as "jamal"; "don't", "we'll" are not
            w, _, suffix = w.partition("'")
            if suffix != "s":
                return False
        if w in self.stop_words or w in ASR_WORDS or len(w) < 2:
            return False
        return any(part and part not in self.plain for part in w.split("-"))

    def given_name(self, word: str) -> bool:
        return word.lower() in self.given_names


def _read(package: str, name: str, digest: str, requirement: str) -> bytes:
    try:
        data = (resources.files(package) / name).read_bytes()
    except (ModuleNotFoundError, FileNotFoundError) as e:
        raise ModelError(f"redaction needs the word lists of '{requirement}' ({package}/{name} not found); "
                         f"install it with 'pip install {requirement}'") from e
    if hashlib.sha256(data).hexdigest() != digest:
        raise ModelError(f"{package}/{name}: sha256 does not match the pinned file ({digest[:12]}…); "
                         f"reinstall it with 'pip install --force-reinstall {requirement}'")
    return data


def load_lexicon(stop_words: frozenset[str]) -> Lexicon:
    probs = json.loads(gzip.decompress(_read(*LEXEME_PROB)))
    plain = frozenset(w for w, p in probs.items()
                      if w.islower() and w.isalpha() and p > probs.get(w[0].upper() + w[1:], UNKNOWN_LOGPROB) - PROPER_MARGIN)
    names: set[str] = set()
    for source in GIVEN_NAMES:
        names.update(line.split()[0].lower() for line in _read(*source).decode("ascii").splitlines() if line.strip())
    return Lexicon(plain=plain, given_names=frozenset(names), stop_words=frozenset(stop_words))


def needs_truecasing(text: str) -> bool:
    """Text written all in lowercase, like some speech recognisers' output: most sentences start
    with a lowercase letter (a capital 'I' alone does not count as casing)."""
    starts = re.findall(r"(?:^|[.!?]\s+)[\"'“‘(]*([^\W\d_])", text)
    lower = sum(c.islower() for c in starts)
    return lower > 0 and lower * 2 >= len(starts)


def truecase(text: str, lexicon: Lexicon) -> str:
    """A copy of lowercase text, the same length, with 'i' and every word that is not plain
    English capitalised ("ever since jamal moved to croydon" -> "ever since Jamal moved to Croydon"),
    so that NER, trained on cased text, sees names as names. Character offsets are unchanged."""
    def cap(m: re.Match[str]) -> str:
        word = m.group(0)
        if re.split(r"['’]", word)[0] == "i" or (word[0].islower() and lexicon.proper(word)):
            first = word[0].upper()
            return first + word[1:] if len(first) == 1 else word
        return word
    return WORD.sub(cap, text)
