"""Lexical knowledge: which syllable runs are words, and what class of word each is.

Vietnamese writes a word as several syllables ("khoa học", "phát triển"), so where an
organization's name ends ("Viện Khoa học vật liệu | cùng ...", "Ban Thường vụ Tỉnh ủy X | đồng
ý ...") is decided over words, not syllables. The words come from underthesea's Viet74K list;
their classes from ``word_classes.tsv`` (underthesea's POS model, see
``scripts/build_word_classes.py``): a word not listed there is a noun or an adjective.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import pairwise

import regex

# A syllable as the recognizers see it: letters and digits, with "&", "." or "-" inside
# ("KH&CN", "T.Ư", "GD-ĐT").
SYLLABLE = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}&.\-]*[\p{L}\p{N}]|[\p{L}\p{N}]", regex.V1)
_SPLIT = regex.compile(r"[\s\-]+")


@dataclass(frozen=True)
class Word:
    """One lexicon word of a text: its span, surface and class (None for noun-like words)."""

    start: int
    end: int
    text: str
    word_class: str | None
    syllables: int

    @property
    def capitalized(self) -> bool:
        return self.text[:1].isupper() or self.text[:1].isdigit()


class Lexicon:
    """Words of two to four syllables, syllable counts, and word classes.

    ``entries`` are the lines of a word list ("khoa học", "A Di Đà Phật"); ``classes`` maps a
    lower-case word to its class (a VLSP tag such as "V", "E", "R").
    """

    MAX_SYLLABLES = 4

    def __init__(self, entries: Iterable[str], classes: Mapping[str, str]) -> None:
        words: set[str] = set()
        syllables: Counter[str] = Counter()
        for entry in entries:
            parts = [p for p in _SPLIT.split(entry.strip().lower()) if p]
            for part in parts:
                if part.isalpha():
                    syllables[part] += 1
            if 1 < len(parts) <= self.MAX_SYLLABLES:
                words.add(" ".join(parts))
        self._words = frozenset(words)
        self.syllables = syllables
        self._classes = {" ".join(k.lower().split()): v for k, v in classes.items()}

    def is_word(self, syllables: str) -> bool:
        """``syllables`` (space-separated, any case) are one word of the list."""
        return syllables.lower() in self._words

    def word_class(self, word: str) -> str | None:
        return self._classes.get(word.lower())

    def words(self, text: str, start: int, end: int) -> list[Word]:
        """The words of ``text[start:end]``, longest match first. Syllables join into a word
        only across one plain space, and never from a lower-case syllable into a capitalized
        one ("phát triển" and "Khoa học" are words; "sinh Hà" is not)."""
        tokens = list(SYLLABLE.finditer(text, start, end))
        found: list[Word] = []
        i = 0
        while i < len(tokens):
            size = 1
            for n in range(min(self.MAX_SYLLABLES, len(tokens) - i), 1, -1):
                run = tokens[i : i + n]
                if self._joinable(text, run) and self.is_word(" ".join(t.group() for t in run)):
                    size = n
                    break
            first, last = tokens[i], tokens[i + size - 1]
            surface = text[first.start() : last.end()]
            found.append(Word(first.start(), last.end(), surface, self.word_class(surface), size))
            i += size
        return found

    @staticmethod
    def _joinable(text: str, run: list[regex.Match[str]]) -> bool:
        for left, right in pairwise(run):
            if text[left.end() : right.start()] != " ":
                return False
            if right.group()[:1].isupper() and not left.group()[:1].isupper():
                return False
        return True
