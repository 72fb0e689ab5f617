"""Lexical knowledge: which syllable runs are words, and what class of word each is.

Vietnamese writes a word as several syllables ("khoa học", "phát triển"), so where an
organization's name ends ("Viện Khoa học vật liệu | cùng ...", "Ban Thường vụ Tỉnh ủy X | đồng
ý ...") is decided over words, not syllables. The words come from underthesea's Viet74K list;
their classes from ``word_classes.tsv`` (underthesea's POS model, see
``scripts/build_word_classes.py``): a word not listed there is a noun or an adjective.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from itertools import islice
from typing import NamedTuple, overload

from .matching import lowered, replace_words

# A syllable as the recognizers see it: letters and digits, with "&", "." or "-" inside
# ("KH&CN", "T.Ư", "GD-ĐT").
# (Runs of letters and digits joined by those signs; ``re``'s ``[^\W_]`` is a letter or a
# digit, and ``re`` reads this a quarter faster than ``regex``.)
SYLLABLE = re.compile(r"[^\W_]+(?:[&.\-]+[^\W_]+)*")


class Word(NamedTuple):
    """One lexicon word of a text: its span, surface and class (None for noun-like words), and
    whether it starts with a capital or a digit.

    (A named tuple: thousands are made per document, several times faster than a frozen
    dataclass.)"""

    start: int
    end: int
    text: str
    word_class: str | None
    syllables: int
    capitalized: bool


# A named tuple made from its values without its generated ``__new__`` (a Python function): the
# segmentation makes one or two per word it reads.
_new_tuple = tuple.__new__


def capitalized(surface: str) -> bool:
    """Starts with a capital or a digit (a name's word, in running text)."""
    return surface[:1].isupper() or surface[:1].isdigit()


class Lexicon:
    """Words of two to four syllables, syllable counts, and word classes.

    ``entries`` are the lines of a word list ("khoa học", "A Di Đà Phật"); ``classes`` maps a
    lower-case word to its class (a VLSP tag such as "V", "E", "R"). ``respell`` maps a
    lower-case syllable to the spelling the normalizer gives texts ("hoà" -> "hòa"): the words
    and classes are looked up in that spelling, as the texts read have it.
    """

    MAX_SYLLABLES = 4

    def __init__(
        self,
        entries: Iterable[str],
        classes: Mapping[str, str],
        respell: Mapping[str, str] | None = None,
    ) -> None:
        # Syllables: at spaces and hyphens. (The entries read as one string where that can be
        # done in C: the list is read by every process that starts, 78,000 entries.)
        lines = "\n".join(entries).lower().replace("-", " ")
        respell = {k: v for k, v in (respell or {}).items() if k == k.lower() and k != v}
        # ("văn hoá" in the list is "văn hóa" in a normalized text: 1,300 of its words.)
        spelled = replace_words(lines, respell)
        self._words = frozenset(
            " ".join(parts)
            for parts in map(str.split, spelled.split("\n"))
            if 1 < len(parts) <= self.MAX_SYLLABLES
        )
        # How many entries use each syllable (as the list spells them: the normalizer's glue
        # splitting and the diacritic restorer read these counts).
        self.syllables = Counter(filter(str.isalpha, lines.split()))
        self._classes = {
            " ".join(respell.get(part, part) for part in k.lower().split()): v
            for k, v in classes.items()
        }

    def word_class(self, word: str) -> str | None:
        return self._classes.get(word.lower())

    def segment(self, text: str, lowered_text: str | None = None) -> Segmentation:
        """A document's segmentation, computed as far as it is read and kept (``lowered_text``:
        the text through ``matching.lowered``, when the caller has it already)."""
        return Segmentation(self, text, lowered_text)


def _window(syllables: int) -> re.Pattern[str]:
    """The syllables that may form a word with the one a match starts at, each in a group: up
    to ``syllables``, joined by one plain space (SYLLABLE's reading, unable to backtrack); and,
    in the group after them, where the first syllable after them starts (the next letter or
    digit: SYLLABLE, searching on from the last one's end, starts there)."""
    syllable = r"([^\W_]++(?:[&.\-]++[^\W_]++)*+)"
    joined = ""
    for _ in range(syllables - 1):
        joined = f"(?: {syllable}{joined})?"
    return re.compile(rf"{syllable}{joined}(?:[\W_]*+(?=([^\W_])))?")


_WINDOW = _window(Lexicon.MAX_SYLLABLES)
_PAST_WINDOW = Lexicon.MAX_SYLLABLES + 1  # the group of the syllable after the window's


def in_syllable_run(char: str) -> bool:
    """The character can be part of a run of syllables as SYLLABLE reads them (a letter or
    digit, or a joining "&", "." or "-"): a syllable run never crosses any other."""
    return char.isalnum() or char in "&.-"


class Segmentation:
    """The lexicon words of one text, found on demand and remembered: the text is read only
    where names are read (a few hundred characters around each head word, title or place),
    and the longest word starting at a syllable is looked up once, however many readings pass
    over it.

    Syllables join into a word only across one plain space, and never from a lower-case
    syllable into a capitalized one ("phát triển" and "Khoa học" are words; "sinh Hà" is not).
    The syllables are those of SYLLABLE read over the whole text from its start: a reading
    that begins inside a run of joined syllables steps back to where the run begins.
    """

    # How far a reading steps back to the start of a run of joined syllables; beyond it (one
    # unbroken run of letters, a pathological text) the whole text is tokenized once instead.
    MAX_STEP_BACK = 64

    def __init__(self, lexicon: Lexicon, text: str, lowered_text: str | None = None) -> None:
        self.lexicon = lexicon
        self.text = text
        self._lowered = lowered_text  # the text through matching.lowered, when the caller has it
        # What was read at each syllable start: the word starting there, its first syllable as
        # a word of its own, and where the syllable after each starts (-1: none follows).
        self._read_at: dict[int, _Reading] = {}
        # Every syllable's start, in a compact column: only for a text with a run of joined
        # syllables longer than MAX_STEP_BACK.
        self._starts: array[int] | None = None

    def first_syllable(self, start: int) -> int:
        """Where the first syllable at or after ``start`` starts (-1: none does)."""
        text = self.text
        if start in self._read_at:
            return start  # a syllable read already
        begin = start
        if start == len(text) or in_syllable_run(text[start]):
            # (else no run crosses ``start``: nothing to step back over)
            floor = max(0, start - self.MAX_STEP_BACK)
            while begin > floor and in_syllable_run(text[begin - 1]):
                begin -= 1
            if begin > 0 and in_syllable_run(text[begin - 1]):
                starts = self._whole_text()
                first = bisect_left(starts, start)
                return starts[first] if first < len(starts) else -1
        # From a character no syllable run crosses, SYLLABLE reads what it reads from the start.
        for match in SYLLABLE.finditer(text, begin):
            if match.start() >= start:
                return match.start()
        return -1

    def _whole_text(self) -> array[int]:
        if self._starts is None:
            self._starts = array("q")
            tokens = SYLLABLE.finditer(self.text)
            # (Read in batches, so that no list of them all is ever built.)
            while starts := [token.start() for token in islice(tokens, 65536)]:
                self._starts.fromlist(starts)
        return self._starts

    def _read(self, start: int) -> _Reading:
        """Read the word at the syllable that starts at ``start`` (one match of _WINDOW: the
        syllables that may join it, and where the syllable after them starts)."""
        text = self.text
        window = _WINDOW.match(text, start)
        assert window is not None  # (``start`` starts a syllable)
        # (Every group's span in one call: ``regs`` is (whole match, group 1, group 2, ...).)
        spans = window.regs
        # A syllable joins the one before unless it is a capital after a lower-case syllable.
        ends = [spans[1][1]]
        capital = text[start].isupper()
        for at, at_end in spans[2:_PAST_WINDOW]:
            if at == -1:
                break
            at_capital = text[at].isupper()
            if at_capital and not capital:
                break
            ends.append(at_end)
            capital = at_capital
        lexicon = self.lexicon
        last = ends[-1]
        lower = (
            self._lowered[start:last] if self._lowered is not None else lowered(text[start:last])
        )
        size = len(ends)
        words = lexicon._words
        while size > 1 and lower[: ends[size - 1] - start] not in words:
            size -= 1  # the longest that is a word wins
        end = ends[size - 1]
        surface = text[start:end]
        word = _new_tuple(Word, (
            start, end, surface, lexicon._classes.get(lower[: end - start]), size,
            capitalized(surface),
        ))  # fmt: skip
        # The syllable after the word's first and after its last: the next one of the window,
        # or (past the window's last) the first letter or digit after it.
        past_window = spans[_PAST_WINDOW][0]
        after_first = spans[2][0]
        if after_first == -1:
            after_first = past_window
        after_word = (
            after_first if size == 1
            else spans[size + 1][0] if size < Lexicon.MAX_SYLLABLES
            else -1
        )  # fmt: skip
        if after_word == -1:
            after_word = past_window
        reading = _new_tuple(_Reading, (word, ends[0], after_first, after_word))
        self._read_at[start] = reading
        return reading

    def single(self, reading: _Reading) -> Word:
        """The first syllable of a reading as a word of its own."""
        start = reading.word.start
        surface = self.text[start : reading.first_end]
        return Word(
            start, reading.first_end, surface, self.lexicon.word_class(surface), 1,
            capitalized(surface),
        )  # fmt: skip

    def run(self, start: int, end: int, limit: int | None = None) -> WordRun:
        """``words(start, end, limit)``, each word read only when it is first used."""
        return WordRun(self, start, end, limit)

    def words(self, start: int, end: int, limit: int | None = None) -> list[Word]:
        """The words from the first syllable at or after ``start`` to ``end`` (the first
        ``limit`` of them, when given)."""
        return list(self.run(start, end, limit))


class _Reading(NamedTuple):
    """What a segmentation read at one syllable start."""

    word: Word
    first_end: int  # where the first syllable ends
    after_first: int  # where the syllable after the first starts (-1: none follows)
    after_word: int  # where the syllable after the word starts (-1: none follows)


class WordRun(Sequence[Word]):
    """The words of a segmentation from a syllable on, up to ``end`` (at most ``limit`` of
    them), read as far as they are used: a name is usually read over a few words of the
    dozens it might have."""

    def __init__(self, segmentation: Segmentation, start: int, end: int, limit: int | None):
        self._segmentation = segmentation
        self._start = start
        self._next: int | None = None  # where the next word starts (-1: no syllable is left)
        self._end = end
        self._limit = limit
        self._words: list[Word] = []
        self._done = False

    def _read(self, count: int | None) -> None:
        """Read words until there are ``count`` (all, with None) or no more."""
        segmentation = self._segmentation
        words = self._words
        known = segmentation._read_at
        start = self._next
        if start is None:
            start = segmentation.first_syllable(self._start)
        end, limit = self._end, self._limit
        while count is None or len(words) < count:
            if start == -1 or start >= end or len(words) == limit:
                self._done = True
                break
            reading = known.get(start) or segmentation._read(start)
            word = reading.word
            if word.end > end:
                # A word running past ``end`` is read in its syllables up to ``end``.
                words.append(segmentation.single(reading))
                start = reading.after_first
            else:
                words.append(word)
                start = reading.after_word
        self._next = start

    def get(self, index: int) -> Word | None:
        """The word at ``index`` (from 0), or None when there are not that many."""
        self._read(index + 1)
        return self._words[index] if index < len(self._words) else None

    @overload
    def __getitem__(self, index: int) -> Word: ...

    @overload
    def __getitem__(self, index: slice) -> list[Word]: ...

    def __getitem__(self, index: int | slice) -> Word | list[Word]:
        if isinstance(index, slice):
            start, stop = index.start or 0, index.stop
            self._read(stop if stop is not None and stop >= 0 and start >= 0 else None)
            return self._words[index]
        self._read(None if index < 0 else index + 1)
        return self._words[index]

    def __len__(self) -> int:
        self._read(None)
        return len(self._words)

    def __bool__(self) -> bool:
        self._read(1)
        return bool(self._words)

    def __iter__(self) -> Iterator[Word]:
        index = 0
        words = self._words
        while True:
            if index == len(words):
                if self._done:
                    return
                self._read(index + 1)  # one at a time: a walk often stops at its first word
                if index == len(words):
                    return
            yield words[index]
            index += 1
