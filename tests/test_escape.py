"""The escapes every writer uses (transcript_analyzer/escape.py)."""

from __future__ import annotations

import itertools
from pathlib import Path
from urllib.parse import urljoin, urlsplit
from urllib.request import url2pathname

import pytest

from transcript_analyzer.escape import (csv_cell, csv_uncell, relative_url, rttm_tokens, terminal_text, vtt_text,
                                        vtt_voice)


@pytest.mark.parametrize("text", ["=1+1", "+44 20 7946", "-every time you come in.", "@SUM(A1)", "\tx", "\rx",
                                  "=HYPERLINK(\"http://evil\",\"x\")", "-", "'-x", "''=x"])
def test_formula_like_text_cells_get_an_apostrophe(text):
    safe = csv_cell(text)
    assert safe == "'" + text and csv_uncell(safe) == text
    assert csv_cell(text, raw=True) == text


@pytest.mark.parametrize("value", ["Hello", "a-b", "'hello", "'", "", " =x", -1.5, -3, 0.25, None, True])
def test_other_cells_and_numbers_are_untouched(value):
    assert csv_cell(value) == value


def test_the_csv_escape_is_exactly_reversible():
    alphabet = ["'", "-", "=", "@", "+", "\t", "\r", "a", " "]
    for n in range(5):
        for chars in itertools.product(alphabet, repeat=n):
            text = "".join(chars)
            safe = csv_cell(text)
            assert csv_uncell(safe) == text
            assert not safe.startswith(("=", "+", "-", "@", "\t", "\r"))


def test_terminal_text_shows_control_characters_as_escapes():
    hostile = "Dr \x1b[31mLee\x1b]0;title\x07 \r\x08\x9b2J \u202eevil\u2066 x\x7f"
    safe = terminal_text(hostile)
    assert safe == "Dr \\x1b[31mLee\\x1b]0;title\\x07 \\r\\x08\\x9b2J \\u202eevil\\u2066 x\\x7f"
    assert all(ord(c) >= 0x20 and not 0x7f <= ord(c) <= 0x9f for c in safe)
    assert terminal_text("line one\nline two\tcell é 😀 «ça»") == "line one\nline two\tcell é 😀 «ça»"
    assert terminal_text("a\nb", newlines=False) == "a\\nb"


def test_vtt_escapes():
    assert vtt_text("<v Therapist>a --> b & c\n\nd") == "&lt;v Therapist&gt;a --&gt; b &amp; c&#10;&#10;d"
    assert vtt_voice(" Dr\t<Lee>\n& co ") == "&#32;Dr&#9;&lt;Lee&gt;&#10;&amp; co&#32;"


def test_rttm_tokens_are_single_tokens_and_stay_distinct():
    labels = ["Dr Lee", "Dr\tLee", "Dr\nLee", "Dr_Lee", "T", "", "A\u200bB", "Ünal"]
    tokens = rttm_tokens(labels)
    assert list(tokens) == labels
    assert len(set(tokens.values())) == len(labels)
    assert all(t and len(t.split()) == 1 and t == t.split()[0] for t in tokens.values())
    assert tokens["Dr_Lee"] == "Dr_Lee" and tokens["T"] == "T" and tokens["Ünal"] == "Ünal"  # safe labels kept
    assert tokens["Dr Lee"] == "Dr_Lee_2" and tokens[""] == "speaker" and tokens["A\u200bB"] == "A_B"


@pytest.mark.parametrize("folder", ["javascript:alert(1)", "a?b#c", "data:text", "%41 100%", "plain"])
def test_relative_url_is_relative_and_resolves_to_the_file(tmp_path, folder):
    page_dir = tmp_path / "pages"
    target = tmp_path / "runs" / folder / "report.html"
    url = relative_url(target, page_dir)
    parts = urlsplit(url)
    assert parts.scheme == "" and parts.netloc == "" and parts.query == "" and parts.fragment == ""
    resolved = urljoin(page_dir.resolve().as_uri() + "/", url)
    assert Path(url2pathname(urlsplit(resolved).path)) == target.resolve()
    if folder == "javascript:alert(1)":
        assert url == "../runs/javascript%3Aalert%281%29/report.html"
