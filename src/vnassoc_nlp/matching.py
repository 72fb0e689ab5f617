"""Scanning a text for many words at once, and trying a pattern only where it can start.

A regex named list (``\\L<names>``) tries every length of name at every position of the text;
over hundreds of gazetteer names that is most of a recognizer's time. ``WordList`` finds them
all in one Aho–Corasick pass (ahocorasick-rs) and keeps those bounded by word edges, as
``(?<![\\p{L}\\p{N}])\\L<names>(?![\\p{L}\\p{N}])`` would; a ``WordScanner`` finds the words of
every list in one pass per view of a text. ``matches_at`` and ``search_at`` run a pattern only
at the positions where a match can begin, found by a cheaper scan, with ``finditer``'s and
``search``'s result (``in_slice`` for a pattern run on a slice).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Mapping, Sequence
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


View = Literal["text", "lowered", "folded"]
Spans = list[tuple[int, int]]


def _automaton(words: list[str]) -> AhoCorasick:
    # (Not a DFA: alone it scans a third faster, but its tables are large and, among the rest
    # of the work on a document, out of the cache: the pipeline as a whole was no faster.)
    return AhoCorasick(words, matchkind=MatchKind.Standard)


def _find(automaton: AhoCorasick, text: str) -> list[tuple[int, int, int]]:
    """Every occurrence (word index, start, end) of the automaton's words, overlapping."""
    try:
        return automaton.find_matches_as_indexes(text, overlapping=True)
    except UnicodeEncodeError:  # lone surrogates (bytes read with surrogateescape): no word
        return automaton.find_matches_as_indexes(  # has one, and the length is the same
            _SURROGATE.sub("\ufffd", text), overlapping=True
        )


def replace_words(text: str, replacements: Mapping[str, str]) -> str:
    """``text`` with every whole word ``replacements`` lists (a run of letters, no letter on
    either side) replaced by its value, in one Aho–Corasick pass. The words must be letters
    only: a match that fails its edges then never hides a whole word overlapping it."""
    words = [word for word in replacements if word.isalpha()]
    if not words:
        return text
    automaton = AhoCorasick(words, matchkind=MatchKind.LeftmostLongest)
    try:
        found = automaton.find_matches_as_indexes(text)
    except UnicodeEncodeError:  # lone surrogates: none is in a word, the length is the same
        found = automaton.find_matches_as_indexes(_SURROGATE.sub("\ufffd", text))
    parts: list[str] = []
    copied = 0
    for index, start, end in found:
        if (start and text[start - 1].isalpha()) or (end < len(text) and text[end].isalpha()):
            continue
        parts += (text[copied:start], replacements[words[index]])
        copied = end
    return "".join(parts) + text[copied:] if parts else text


class WordList:
    """The words of a list as they occur in texts, bounded by word edges.

    A word is bounded when the characters around it are not letters, digits or one of
    ``joiners`` ("&" joins "KH&CN" into one word); with ``letters_only``, when they are not
    letters. ``edges`` says which edges are checked: "both", "start" (a pattern may go on past
    the word) or "none" (the word may stand inside a longer one). Matching is exact: ``view``
    says which form of the text the words are in (the text, lowered or folded), for a
    ``WordScanner`` that finds the words of many lists in one pass.
    """

    def __init__(
        self,
        words: Iterable[str],
        joiners: str = "",
        letters_only: bool = False,
        edges: Literal["both", "start", "none"] = "both",
        view: View = "text",
    ) -> None:
        self.words = sorted({w for w in words if w})
        self.view = view
        self._joiners = joiners
        self._in_word = str.isalpha if letters_only else str.isalnum
        self._check_start = edges != "none"
        self._check_end = edges == "both"
        self._automaton: AhoCorasick | None = None  # built when first scanning alone

    def occurrences(self, text: str) -> Spans:
        """Every occurrence of a word of the list in ``text``, bounded or not."""
        if not self.words:
            return []
        if self._automaton is None:
            self._automaton = _automaton(self.words)
        return [(start, end) for _, start, end in _find(self._automaton, text)]

    def longest_at_each_start(self, text: str, found: Spans | None = None) -> Spans:
        """For every position where a bounded word starts, the longest one, by start
        (``finditer(..., overlapped=True)`` of the bounded named list). ``found``: the list's
        occurrences in ``text`` when a scan of many lists has them already."""
        longest: dict[int, int] = {}
        first = 1 if self._check_start else len(text) + 1  # (no start before it is checked)
        last = len(text) if self._check_end else -1  # (no end before it is checked)
        joiners = self._joiners
        in_word = self._in_word
        for start, end in self.occurrences(text) if found is None else found:
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

    def starts(self, text: str, found: Spans | None = None) -> list[int]:
        """Where a bounded word starts, ascending."""
        return [start for start, _ in self.longest_at_each_start(text, found)]

    def scan(self, text: str, found: Spans | None = None) -> Spans:
        """The bounded words from left to right, the longest at each start, none overlapping
        (``finditer`` of the bounded named list)."""
        spans: Spans = []
        reached = 0
        for start, end in self.longest_at_each_start(text, found):
            if start >= reached:
                spans.append((start, end))
                reached = end
        return spans


class WordScanner:
    """The words of many lists found in one Aho–Corasick pass per view of a text (one for the
    text, one lowered, one folded) rather than one pass per list: most of the cost of a pass is
    reading the text, whatever the number of words."""

    def __init__(self, lists: Iterable[WordList]) -> None:
        self._lists = {id(word_list): word_list for word_list in lists}
        self._automata: dict[str, AhoCorasick] = {}
        self._owners: dict[str, list[tuple[int, ...]]] = {}  # by view: the lists of each word
        for view in ("text", "lowered", "folded"):
            members = [wl for wl in self._lists.values() if wl.view == view and wl.words]
            owners: dict[str, list[int]] = {}
            for word_list in members:
                for word in word_list.words:
                    owners.setdefault(word, []).append(id(word_list))
            if owners:
                words = list(owners)
                self._automata[view] = _automaton(words)
                self._owners[view] = [tuple(owners[w]) for w in words]

    def __contains__(self, word_list: object) -> bool:
        return id(word_list) in self._lists

    def occurrences(self, view: str, text: str) -> dict[int, Spans]:
        """Every occurrence of every list's words in ``text`` (the ``view`` form of a text),
        by the id of the list."""
        automaton = self._automata.get(view)
        if automaton is None:
            return {}
        owners = self._owners[view]
        found: dict[int, Spans] = {}
        for index, start, end in _find(automaton, text):
            for owner in owners[index]:
                found.setdefault(owner, []).append((start, end))
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
    # The regex module lets go of the GIL around each match on a str unless told not to
    # (``concurrent=False``, its fourth argument): for a match of a few characters, that costs
    # a quarter of the call. (``re`` patterns take no such argument.)
    keep_gil = isinstance(pattern, regex.Pattern)
    for start in starts:
        if start < reached:
            continue
        end = size if reach is None else min(size, start + reach + 2)
        match = (
            pattern.match(text, start, end, False) if keep_gil else pattern.match(text, start, end)
        )
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
    keep_gil = isinstance(pattern, regex.Pattern)  # (as in matches_at)
    for index in range(bisect_left(starts, pos), len(starts)):
        if starts[index] > end:
            break
        if keep_gil:
            match = pattern.match(text, starts[index], end, False)
        else:
            match = pattern.match(text, starts[index], end)
        if match is not None:
            return match
    return None


def in_slice(starts: Sequence[int], pos: int, endpos: int) -> list[int]:
    """``starts`` within ``text[pos:endpos]``, counted from ``pos``, and 0: at the slice's start
    a lookbehind sees nothing, so a match may begin there that the whole text has not."""
    inside = starts[bisect_left(starts, pos) : bisect_right(starts, endpos)]
    return [0, *(start - pos for start in inside if start != pos)]
