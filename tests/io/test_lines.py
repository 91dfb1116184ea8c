"""Line numbers in warnings."""

from __future__ import annotations

from transcript_analyzer.io.readers.lines import line_ranges, lines_phrase


def test_line_ranges_are_compact_and_capped():
    assert line_ranges([9, 3, 7, 8, 12, 3]) == "3, 7-9, 12"
    assert line_ranges(range(1, 40, 2), limit=3) == "1, 3, 5, ..."


def test_lines_phrase_counts_only_when_ranges_hide_the_count():
    assert lines_phrase([4]) == "line 4"
    assert lines_phrase([4, 9]) == "lines 4, 9"
    assert lines_phrase([2, 4, 5]) == "lines 2, 4-5 (3 lines)"
    assert lines_phrase([3, 7], "item") == "items 3, 7"
