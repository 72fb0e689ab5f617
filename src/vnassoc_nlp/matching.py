"""Scanning a text for many words at once, and trying a pattern only where it can start.

A regex named list (``\\L<names>``) tries every length of name at every position of the text;
over hundreds of gazetteer names that is most of a recognizer's time. ``WordList`` finds them
all in one Aho–Corasick pass (ahocorasick-rs) and keeps those bounded by word edges, as
``(?<![\\p{L}\\p{N}])\\L<names>(?![\\p{L}\\p{N}])`` would. ``matches_at`` runs a pattern only at
the positions where a match can begin, found by a cheaper scan, with ``finditer``'s result.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Sequence
from typing import Literal

import regex
from ahocorasick_rs import AhoCorasick, MatchKind

_SURROGATE = re.compile("[\ud800-\udfff]")


def lowered(text: str) -> str:
    """``text`` in lower case with exactly its length (a letter whose lower case is longer, such
    as "İ", is kept as written), so that offsets into it are offsets into ``text``."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


class WordList:
    """The words of a list as they occur in texts, bounded by word edges.

    A word is bounded when the characters around it are not letters, digits or one of
    ``joiners`` ("&" joins "KH&CN" into one word); with ``letters_only``, when they are not
    letters. ``edges`` says which edges are checked: "both", "start" (a pattern may go on past
    the word) or "none" (the word may stand inside a longer one). Matching is exact: pass a
    folded or lowered text and words in the same form.
    """

    def __init__(
        self,
        words: Iterable[str],
        joiners: str = "",
        letters_only: bool = False,
        edges: Literal["both", "start", "none"] = "both",
    ) -> None:
        self.words = sorted({w for w in words if w})
        self._joiners = joiners
        self._in_word = str.isalpha if letters_only else str.isalnum
        self._check_start = edges != "none"
        self._check_end = edges == "both"
        self._automaton = (
            AhoCorasick(self.words, matchkind=MatchKind.Standard) if self.words else None
        )

    def longest_at_each_start(self, text: str) -> list[tuple[int, int]]:
        """For every position where a bounded word starts, the longest one, by start
        (``finditer(..., overlapped=True)`` of the bounded named list)."""
        if self._automaton is None:
            return []
        longest: dict[int, int] = {}
        first = 1 if self._check_start else len(text) + 1  # (no start before it is checked)
        last = len(text) if self._check_end else -1  # (no end before it is checked)
        joiners = self._joiners
        in_word = self._in_word
        try:
            found = self._automaton.find_matches_as_indexes(text, overlapping=True)
        except UnicodeEncodeError:  # lone surrogates (bytes read with surrogateescape):
            found = self._automaton.find_matches_as_indexes(  # no word has one; same length
                _SURROGATE.sub("\ufffd", text), overlapping=True
            )
        for _, start, end in found:
            if start >= first:
                before = text[start - 1]
                if in_word(before) or before in joiners:
                    continue
            if end < last:
                after = text[end]
                if in_word(after) or after in joiners:
                    continue
            if longest.get(start, -1) < end:
                longest[start] = end
        return sorted(longest.items())

    def starts(self, text: str) -> list[int]:
        """Where a bounded word starts, ascending."""
        return [start for start, _ in self.longest_at_each_start(text)]

    def scan(self, text: str) -> list[tuple[int, int]]:
        """The bounded words from left to right, the longest at each start, none overlapping
        (``finditer`` of the bounded named list)."""
        found: list[tuple[int, int]] = []
        reached = 0
        for start, end in self.longest_at_each_start(text):
            if start >= reached:
                found.append((start, end))
                reached = end
        return found


def matches_at(
    pattern: regex.Pattern[str], text: str, starts: Iterable[int], reach: int | None = None
) -> Iterator[regex.Match[str]]:
    """What ``pattern.finditer(text)`` finds, trying ``pattern`` only at ``starts`` (ascending):
    every position where one of its matches can begin, and maybe more. Lookbehinds still see
    the text before each start. The pattern must not match the empty string.

    ``reach``: no match is longer (less two characters of look-ahead). Give it for a pattern
    with a required literal ("tháng", "-"): before each try the regex module looks for that
    literal through the rest of the text, so trying at many starts is quadratic without it.
    """
    reached = 0
    size = len(text)
    for start in starts:
        if start < reached:
            continue
        end = size if reach is None else min(size, start + reach + 2)
        match = pattern.match(text, start, end)
        if match is not None:
            reached = match.end()
            yield match


def search_at(
    pattern: regex.Pattern[str],
    text: str,
    starts: Sequence[int],
    pos: int = 0,
    endpos: int | None = None,
) -> regex.Match[str] | None:
    """What ``pattern.search(text, pos, endpos)`` finds, trying ``pattern`` only at ``starts``
    (ascending; as for ``matches_at``)."""
    end = len(text) if endpos is None else endpos
    for index in range(bisect_left(starts, pos), len(starts)):
        if starts[index] > end:
            break
        match = pattern.match(text, starts[index], end)
        if match is not None:
            return match
    return None


def in_slice(starts: Sequence[int], pos: int, endpos: int) -> list[int]:
    """``starts`` within ``text[pos:endpos]``, counted from ``pos``, and 0: at the slice's start
    a lookbehind sees nothing, so a match may begin there that the whole text has not."""
    inside = starts[bisect_left(starts, pos) : bisect_right(starts, endpos)]
    return [0, *(start - pos for start in inside if start != pos)]
