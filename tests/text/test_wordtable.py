"""Redaction's English word table ships in the package (text/redact/english_words.tsv.gz): it is
exactly what wordtable.py derives from spacy-lookups-data, it records the thresholds it was derived
with, and the lexicon loads without spacy-lookups-data installed."""

import gzip
import sys

import pytest

from transcript_analyzer.errors import ModelError
from transcript_analyzer.text.redact import lexicon, wordtable


def test_the_shipped_table_is_a_fresh_derivation_from_spacy_lookups_data():
    pytest.importorskip("spacy_lookups_data", reason="spacy-lookups-data (the [dev] extra) derives the table")
    probs, digest = wordtable.source_probs()
    assert wordtable.encode(wordtable.derive(probs), digest) == wordtable.TABLE.read_bytes(), \
        f"the shipped word table is stale: run {wordtable.COMMAND}"


def test_the_lexicon_loads_without_spacy_lookups_data(monkeypatch):
    monkeypatch.setitem(sys.modules, "spacy_lookups_data", None)  # `import spacy_lookups_data` now fails
    lex = lexicon.load_lexicon(frozenset({"the"}))
    assert {"dawn", "rugby", "sertraline"} <= lex.plain and not {"croydon", "jamal"} & lex.plain
    assert lex.proper("croydon") and not lex.proper("rugby")
    assert "amber" in lex.name_like_names and "hope" not in lex.name_like_names
    assert lex.rare("skelmersdale") and not lex.rare("kitchen")


def test_a_table_derived_with_other_thresholds_is_refused(monkeypatch):
    monkeypatch.setattr(lexicon, "COMMON_LOGPROB", -15.0)
    with pytest.raises(ModelError, match="derive it again: python -m transcript_analyzer.text.redact.wordtable"):
        wordtable.load()


def test_the_table_is_deterministic_and_reads_back(tmp_path):
    flags = {"dawn": wordtable.PLAIN | wordtable.COMMON, "amber": wordtable.PLAIN | wordtable.CAPITALISED_TOO}
    data = wordtable.encode(flags, "0" * 64)
    assert data == wordtable.encode(dict(reversed(flags.items())), "0" * 64)
    (tmp_path / "t.tsv.gz").write_bytes(data)
    assert wordtable.load(tmp_path / "t.tsv.gz") == flags
    assert gzip.decompress(data).decode().startswith("# transcript-analyzer word table; source spacy-lookups-data==")
