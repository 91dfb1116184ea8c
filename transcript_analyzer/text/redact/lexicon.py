"""Word knowledge for redaction: which lowercase words are ordinary English, and which are given names.

Offline sources: a word table shipped in the package, and name lists installed from PyPI and
checked by sha256 before use:

- ``english_words.tsv.gz`` (beside this module, 0.8 MB), derived by wordtable.py from
  ``en_lexeme_prob`` of ``spacy-lookups-data==1.0.5`` (MIT), case-sensitive log probabilities of
  1M English word forms (the table spaCy 2 models shipped; its 98 MB wheel is needed only to derive
  the table again). A lowercase word is *plain* when its lowercase form is not clearly
  rarer than its capitalised form: "dawn", "rugby", "boots", "sertraline" are plain; "croydon",
  "jamal", "aleppo" are not, and neither is a word the table does not know (for rare words, any
  word whose capitalised form is at least as frequent: "skegness"). This drives the truecasing of
  lowercase (speech-recognition) text before NER, and tells a capitalised proper noun from a
  capitalised common word. It also tells which given names that are words are mostly names
  ("Amber", "Rose") and which mostly words ("Hope", "Will"). The thresholds below decide these
  flags when the table is derived; the table records them, and loading it with others fails.
- ``names==0.3.0`` (MIT; 3 MB): the US Census 1990 lists of given names (5,163 distinct, public
  domain), used only with context cues ("my wife dawn", "Mark from her office"), because many of
  them are also words.
- ``faker==40.54.0`` (MIT): the first-name lists of its English-speaking, Irish, Nigerian and
  Ghanaian locales (about 9,000 names: "Siobhan", "Kayleigh", "Blessing", "Precious"), which the
  1990 US lists lack; the provider modules are read (imported), checked together by sha256.

Loading takes about half a second; the Redactor holds the result (no module-level cache).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from importlib import resources

from ...errors import ModelError

# (package, file inside it, sha256, pip requirement)
GIVEN_NAMES = (("names", "dist.male.first", "0a5078ef6effe3b483d15b0f7f95047662126c9bfb624ecd5e5b978fc0f2470b", "names==0.3.0"),
               ("names", "dist.female.first", "bd2f310fc4e5d5e5ea122c9d4342c9821145823118eb20db1647f305ec77b358",
                "names==0.3.0"))
# Faker's person providers whose first names join the given names (checked together by sha256)
FAKER_LOCALES = ("en", "en_GB", "en_IE", "en_US", "en_NG", "en_IN", "en_KE", "en_PK", "en_NZ", "ga_IE", "yo_NG", "ig_NG",
                 "ha_NG", "tw_GH")
FAKER_DIGEST = "6eaf04360cef6b9beedf235f229f4ffa596c876ae3ede60452370b24793569ad"
FAKER_REQUIREMENT = "faker==40.54.0"
# How much more frequent (natural log) the capitalised form must be for a word not to count as plain;
# for rare words (both forms under RARE_LOGPROB) the table is noisy and lowercase forms are mostly
# names typed in lowercase ("skegness", "gaz"), so there the capitalised form need only be as frequent.
PROPER_MARGIN = 1.0
RARE_LOGPROB = -15.0
RARE_MARGIN = 0.0
# A given name that is also a word counts as name-like when its capitalised form is at most this much
# (natural log) rarer than its lowercase form: "Amber", "Rose", "Esperanza" are; "Hope", "Will" are not.
NAME_LIKE_MARGIN = 0.5
UNKNOWN_LOGPROB = -20.0
# Lowercase words rarer than this are "rare" (every ordinary noun checked is above -15.5; towns unseen in
# lowercase sit at the table's floor, about -19.5)
COMMON_LOGPROB = -16.0
# Speech-recognition spellings without apostrophes, and fillers: never capitalised
ASR_WORDS = frozenset(("im ive id ill dont didnt doesnt cant wont isnt wasnt couldnt wouldnt shouldnt havent hasnt "
                       "hadnt arent werent youre theyre youve theyve weve wed hes shes hed youd theyd itd itll youll "
                       "theyll thatll couldve wouldve shouldve mustve thats whats theres wheres lets "
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
    name_like_names: frozenset[str] = frozenset()
    """Lowercase given names written capitalised about as often as not (amber, rose; not hope, will)."""
    common: frozenset[str] = frozenset()
    """Lowercase words seen often enough in lowercase to be ordinary (log probability >= COMMON_LOGPROB)."""

    def rare(self, word: str) -> bool:
        """A lowercase word the table has barely or never seen: in lowercase talk, more likely a name
        ("skelmersdale", "mablethorpe") than a word; only used after a strong cue."""
        return bool(self.common) and word.lower() not in self.common

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

    @staticmethod
    def asr_word(word: str) -> bool:
        """A speech-recognition spelling or filler ("dont", "im", "erm")."""
        return word.lower() in ASR_WORDS

    def given_name(self, word: str) -> bool:
        return word.lower() in self.given_names

    def name_like(self, word: str) -> bool:
        """A given name more often used as a name than as a word: not plain, or a name-like given name."""
        w = word.lower()
        return w in self.given_names and (w in self.name_like_names or self.proper(w))


def _read(package: str, name: str, digest: str, requirement: str,
          need: str = "redaction needs the word lists of", extra: str = "") -> bytes:
    """A pinned data file of an installed package, checked by sha256 (``need``/``extra``: the
    missing-package message's start and end)."""
    try:
        data = (resources.files(package) / name).read_bytes()
    except (ModuleNotFoundError, FileNotFoundError) as e:
        raise ModelError(f"{need} '{requirement}' ({package}/{name} not found); "
                         f"install it with 'pip install {requirement}'{extra}") from e
    if hashlib.sha256(data).hexdigest() != digest:
        raise ModelError(f"{package}/{name}: sha256 does not match the pinned file ({digest[:12]}…); "
                         f"reinstall it with 'pip install --force-reinstall {requirement}'")
    return data


def _faker_names() -> set[str]:
    """First names from Faker's person providers (FAKER_LOCALES), after checking their files."""
    import importlib

    digest = hashlib.sha256()
    try:
        for locale in FAKER_LOCALES:
            digest.update((resources.files("faker") / "providers" / "person" / locale / "__init__.py").read_bytes())
    except (ModuleNotFoundError, FileNotFoundError) as e:
        raise ModelError(f"redaction needs the given names of '{FAKER_REQUIREMENT}' ({e}); "
                         f"install it with 'pip install {FAKER_REQUIREMENT}'") from e
    if digest.hexdigest() != FAKER_DIGEST:
        raise ModelError(f"faker's name lists do not match the pinned files ({FAKER_DIGEST[:12]}…); "
                         f"reinstall it with 'pip install --force-reinstall {FAKER_REQUIREMENT}'")
    names: set[str] = set()
    for locale in FAKER_LOCALES:
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        for attr in ("first_names", "first_names_male", "first_names_female", "first_names_nonbinary"):
            names.update(n.lower() for n in getattr(provider, attr, ()) if len(n) > 2 and n.isalpha())
    return names


def load_lexicon(stop_words: frozenset[str]) -> Lexicon:
    from .wordtable import CAPITALISED_TOO, COMMON, PLAIN, load

    flags = load()
    plain = frozenset(w for w, f in flags.items() if f & PLAIN)
    names: set[str] = set()
    for source in GIVEN_NAMES:
        names.update(line.split()[0].lower() for line in _read(*source).decode("ascii").splitlines() if line.strip())
    names.update(_faker_names())
    name_like = frozenset(n for n in names if flags.get(n, 0) & (PLAIN | CAPITALISED_TOO) == PLAIN | CAPITALISED_TOO)
    common = frozenset(w for w, f in flags.items() if f & COMMON)
    return Lexicon(plain=plain, given_names=frozenset(names), stop_words=frozenset(stop_words), name_like_names=name_like,
                   common=common)


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
