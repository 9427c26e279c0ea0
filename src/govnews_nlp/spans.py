"""Span helpers shared by the extractors."""
from __future__ import annotations

from bisect import bisect_left
from itertools import accumulate
from typing import Iterable


class SpanIndex:
    """Answers "does ``[start, end)`` overlap one of these spans?" in O(log n).

    Scanning the whole list for each candidate made the stages quadratic on texts with many
    quotations or names and many numbers (tests/test_adversarial.py). ``spans`` holds the
    spans, sorted.
    """

    __slots__ = ("spans", "_starts", "_max_ends")

    def __init__(self, spans: Iterable[tuple[int, int]]):
        self.spans = ordered = sorted(spans)
        starts, ends = zip(*ordered) if ordered else ((), ())
        self._starts = starts
        self._max_ends = list(accumulate(ends, max))

    def overlaps(self, start: int, end: int) -> bool:
        last = bisect_left(self._starts, end) - 1  # the last span starting before ``end``
        return last >= 0 and self._max_ends[last] > start
