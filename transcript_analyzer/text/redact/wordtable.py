"""The English word table redaction reads (``english_words.tsv.gz`` beside this module), derived
from spaCy's case-sensitive word probabilities so that the install does not need them.

``spacy-lookups-data==1.0.5`` (MIT) ships ``en_lexeme_prob``: log probabilities of 1M English word
forms (the table spaCy 2 models shipped), in a 98 MB wheel for all languages. The lexicon uses
them for three yes/no facts about each lowercase word, decided here once with the thresholds of
lexicon.py and kept as flags:

- PLAIN: the lowercase form is not clearly rarer than the capitalised one ("dawn", "rugby": an
  ordinary word written in lowercase; not "croydon", "jamal")
- COMMON: seen often enough in lowercase to be an ordinary word (log probability >= COMMON_LOGPROB)
- CAPITALISED_TOO: the capitalised form is at most NAME_LIKE_MARGIN rarer than the lowercase one
  (a given name such as "amber" or "rose" with this flag counts as name-like)

The file (gzip, 1 MB) has a header naming its source (sha256) and the thresholds; loading it
with other thresholds in lexicon.py fails, naming the command that derives it again:

    python -m transcript_analyzer.text.redact.wordtable     (needs spacy-lookups-data: the [dev] extra)

tests/text/test_wordtable.py checks that the shipped file is what this derivation gives.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path

from ...errors import ModelError
from . import lexicon as lx

TABLE = Path(__file__).with_name("english_words.tsv.gz")
SOURCE = ("spacy_lookups_data", "data/en_lexeme_prob.json.gz",
          "ead13035b63bc915592ff41c279c76d1f3ee5582d6b6f12f9c7a9016021a338e", "spacy-lookups-data==1.0.5")
PLAIN, COMMON, CAPITALISED_TOO = 1, 2, 4
COMMAND = "python -m transcript_analyzer.text.redact.wordtable"


def parameters() -> str:
    """The thresholds the flags depend on, as the header records them."""
    names = ("PROPER_MARGIN", "RARE_LOGPROB", "RARE_MARGIN", "NAME_LIKE_MARGIN", "UNKNOWN_LOGPROB", "COMMON_LOGPROB")
    return " ".join(f"{n}={getattr(lx, n)!r}" for n in names)


def derive(probs: dict[str, float]) -> dict[str, int]:
    """Flags of every lowercase alphabetic word that has one (lexicon.py's rules, applied once)."""
    flags: dict[str, int] = {}
    for w, p in probs.items():
        if not (w.islower() and w.isalpha()):
            continue
        cap = probs.get(w[0].upper() + w[1:], lx.UNKNOWN_LOGPROB)
        plain = p > cap - (lx.RARE_MARGIN if max(p, cap) < lx.RARE_LOGPROB else lx.PROPER_MARGIN)
        flag = (PLAIN if plain else 0) | (COMMON if p >= lx.COMMON_LOGPROB else 0)
        if plain and probs.get(w.capitalize(), lx.UNKNOWN_LOGPROB) >= p - lx.NAME_LIKE_MARGIN:
            flag |= CAPITALISED_TOO
        if flag:
            flags[w] = flag
    return flags


def source_probs() -> tuple[dict[str, float], str]:
    """spacy-lookups-data's en_lexeme_prob (checked by sha256) and its digest."""
    data = lx._read(*SOURCE, need="deriving the word table needs", extra=" (or the [dev] extra)")
    return json.loads(gzip.decompress(data)), SOURCE[2]


def header(digest: str) -> str:
    return (f"# transcript-analyzer word table; source {SOURCE[3]} {SOURCE[1]} sha256={digest}; {parameters()}; "
            f"flags: {PLAIN} plain, {COMMON} common, {CAPITALISED_TOO} capitalised too")


def encode(flags: dict[str, int], digest: str) -> bytes:
    """The file's bytes: the same flags always give the same bytes (sorted, gzip without a time)."""
    text = header(digest) + "\n" + "".join(f"{w}\t{flags[w]}\n" for w in sorted(flags))
    return gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0)


def load(path: Path = TABLE) -> dict[str, int]:
    """The flags, after checking that the file was derived with lexicon.py's current thresholds."""
    try:
        lines = gzip.decompress(path.read_bytes()).decode("utf-8").splitlines()
    except (OSError, EOFError, UnicodeDecodeError) as e:
        raise ModelError(f"{path}: the redaction word table cannot be read ({e}); reinstall transcript-analyzer, "
                         f"or derive it again: {COMMAND}") from e
    if not lines or f"; {parameters()};" not in lines[0]:
        raise ModelError(f"{path}: derived with other thresholds than text/redact/lexicon.py's ({parameters()}); "
                         f"derive it again: {COMMAND}")
    flags = {}
    for line in lines[1:]:
        word, _, flag = line.partition("\t")
        flags[word] = int(flag)
    return flags


def main() -> None:
    import logging

    from ...io.atomic import write_files

    logging.basicConfig(level=logging.INFO, format="%(message)s")
    probs, digest = source_probs()
    data = encode(derive(probs), digest)
    write_files(TABLE.parent, {TABLE.name: data})
    logging.getLogger(__name__).info("wrote %s (%.2f MB, sha256 %s…)", TABLE, len(data) / 1e6,
                                     hashlib.sha256(data).hexdigest()[:12])


if __name__ == "__main__":
    main()
