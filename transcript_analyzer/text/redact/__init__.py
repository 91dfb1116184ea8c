"""Redaction of identifying details (``--redact``).

- ``redactor.py``: ``Redactor`` (``find(text)`` -> mentions; ``session(s)`` -> the session with
  them replaced by consistent placeholders) and the merging of what the recognisers find.
- ``patterns.py``: regular expressions (contact details, addresses, identifiers, dates) and the
  word lists that tell names and dates from generic words.
- ``numbers.py``: ages said in words or digits ("she's nineteen", "at sixteen", "five and three").
- ``handles.py``: social-media handles, usernames, gamer tags (also spoken).
- ``cues.py``: context cues for names NER misses ("my wife dawn", "uncle dev", "rang Mind").
- ``lexicon.py``: which lowercase words are plain English and which are given names; truecasing.
"""

from .patterns import Mention
from .redactor import Redactor

__all__ = ["Mention", "Redactor"]
