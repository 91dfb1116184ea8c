"""Line numbers in messages, compactly: 'lines 3, 7-9 (4 lines)'."""

from __future__ import annotations

from typing import Iterable


def line_ranges(numbers: Iterable[int], limit: int = 8) -> str:
    """'3, 7-9, 12' for 3, 7, 8, 9, 12; after ``limit`` ranges the rest is '...'."""
    ranges: list[list[int]] = []
    for n in sorted(set(numbers)):
        if ranges and n == ranges[-1][1] + 1:
            ranges[-1][1] = n
        else:
            ranges.append([n, n])
    shown = [f"{a}" if a == b else f"{a}-{b}" for a, b in ranges[:limit]]
    return ", ".join(shown) + (", ..." if len(ranges) > limit else "")


def lines_phrase(numbers: Iterable[int], noun: str = "line") -> str:
    """'line 3', or 'lines 3, 7-9 (4 lines)' (the count only when ranges hide it)."""
    numbers = sorted(set(numbers))
    if len(numbers) == 1:
        return f"{noun} {numbers[0]}"
    listed = line_ranges(numbers)
    count = f" ({len(numbers)} {noun}s)" if "-" in listed or listed.endswith("...") else ""
    return f"{noun}s {listed}{count}"
