"""The shared interface of recognizers and the per-document analysis they read.

A recognizer is a small class with one ``label``, a ``name``, its patterns and context words as
data (from gazetteers), and ``analyze(analysis) -> list[Candidate]``. Candidates carry offsets
into the *normalized* text; the pipeline maps them back to raw offsets at the end.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import accumulate
from typing import Any, ClassVar

import regex

from ..gazetteers import Gazetteers
from ..lexicon import Lexicon, Segmentation, Word, WordRun
from ..matching import Spans, View, WordList, WordScanner, lowered
from ..normalize import NormalizedText, Normalizer

_DIGITS = re.compile(r"\d+")

# Word boundaries for matching on normalized or folded text.
LEFT = r"(?<![\p{L}\p{N}&])"
RIGHT = r"(?![\p{L}\p{N}&])"
# A comma and spaces right before a position ("ông A, | Chủ tịch", "Ủy viên Bộ Chính trị, |").
COMMA_BEFORE = regex.compile(r",[ \t]*$")


@dataclass
class Candidate:
    """A proposed entity: normalized offsets, typed fields, and who proposed it."""

    label: str
    start: int
    end: int
    fields: dict[str, Any] = field(default_factory=dict)
    source: str = ""
    priority: int = 0  # higher wins a partial overlap
    confidence: float = 1.0

    @property
    def span(self) -> tuple[int, int]:
        return (self.start, self.end)


class SpanIndex:
    """Candidates found by position, so that "which ones overlap this span?" looks only at the
    candidates near it rather than at all of them (a long document has tens of thousands).

    Spans up to ``LONG`` characters sit in buckets by start; a query scans the buckets from
    ``start - longest short span`` to ``end``. Longer spans (rare) are checked one by one.
    """

    BUCKET = 64
    LONG = 2048

    def __init__(self, candidates: Iterable[Candidate] = ()) -> None:
        self._count = 0
        self._buckets: dict[int, list[tuple[int, Candidate]]] = defaultdict(list)
        self._long: list[tuple[int, Candidate]] = []
        self._longest_short = 0
        for candidate in candidates:
            self.add(candidate)

    def add(self, candidate: Candidate) -> None:
        entry = (self._count, candidate)
        self._count += 1
        length = candidate.end - candidate.start
        if length > self.LONG:
            self._long.append(entry)
        else:
            self._buckets[candidate.start // self.BUCKET].append(entry)
            self._longest_short = max(self._longest_short, length)

    def overlapping(self, start: int, end: int) -> list[tuple[int, Candidate]]:
        """(insertion index, candidate) of those sharing a character with [start, end), in
        insertion order."""
        found = []
        first = max(0, start - self._longest_short) // self.BUCKET
        for bucket in range(first, (end - 1) // self.BUCKET + 1):
            for entry in self._buckets.get(bucket, ()):
                if entry[1].start < end and start < entry[1].end:
                    found.append(entry)
        if self._long:
            found.extend(e for e in self._long if e[1].start < end and start < e[1].end)
        if len(found) > 1:
            found.sort()  # (by insertion index: each is a different one)
        return found


class Cover:
    """Answers "does one of these spans contain [start, end)?" by bisection: the spans sorted
    by start, with the furthest end reached so far."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self._starts = [start for start, _ in ordered]
        self._reach = list(accumulate((end for _, end in ordered), max))

    def covers(self, start: int, end: int) -> bool:
        count = bisect_right(self._starts, start)
        return bool(count) and self._reach[count - 1] >= end


@dataclass
class Analysis:
    """What every recognizer reads: the normalized document and the candidates found so far."""

    normalized: NormalizedText
    document_date: str | None
    boilerplate: list[tuple[int, int]] = field(default_factory=list)
    candidates: list[Candidate] = field(default_factory=list)
    lexicon: Lexicon | None = None
    scanner: WordScanner | None = None
    _segmentation: Segmentation | None = field(default=None, init=False, repr=False, compare=False)
    _boilerplate_cover: Cover | None = field(default=None, init=False, repr=False, compare=False)
    _capitals_cover: Cover | None = field(default=None, init=False, repr=False, compare=False)
    _lowered: str | None = field(default=None, init=False, repr=False, compare=False)
    _numbers: Spans | None = field(default=None, init=False, repr=False, compare=False)
    _occurrences: dict[str, dict[int, Spans]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    @property
    def text(self) -> str:
        return self.normalized.text

    @property
    def folded(self) -> str:
        return self.normalized.folded

    @property
    def lowered(self) -> str:
        """The normalized text in lower case, offset for offset (for words matched through
        case but not through diacritics)."""
        if self._lowered is None:
            self._lowered = lowered(self.normalized.text)
        return self._lowered

    @property
    def numbers(self) -> Spans:
        """The runs of digits of the normalized text (dates and document codes start there)."""
        if self._numbers is None:
            self._numbers = [m.span() for m in _DIGITS.finditer(self.normalized.text)]
        return self._numbers

    def view(self, name: View) -> str:
        """The text as a word list reads it: as it is, lower-cased, or folded."""
        if name == "lowered":
            return self.lowered
        return self.folded if name == "folded" else self.text

    def _found(self, word_list: WordList) -> Spans | None:
        """The list's occurrences, from the scanner's one pass over the view (None: the list
        is not the scanner's, and scans alone)."""
        scanner = self.scanner
        if scanner is None or word_list not in scanner:
            return None
        view = word_list.view
        by_list = self._occurrences.get(view)
        if by_list is None:
            by_list = self._occurrences[view] = scanner.occurrences(view, self.view(view))
        return by_list.get(id(word_list), [])

    # (A list with no occurrence in the text, a third of those read, is answered at once.)
    def longest(self, word_list: WordList) -> Spans:
        """``word_list.longest_at_each_start`` over its view of the text."""
        found = self._found(word_list)
        if found is not None and not found:
            return []
        return word_list.longest_at_each_start(self.view(word_list.view), found)

    def scan(self, word_list: WordList) -> Spans:
        """``word_list.scan`` over its view of the text."""
        found = self._found(word_list)
        if found is not None and not found:
            return []
        return word_list.scan(self.view(word_list.view), found)

    def starts(self, word_list: WordList) -> list[int]:
        """``word_list.starts`` over its view of the text."""
        found = self._found(word_list)
        if found is not None and not found:
            return []
        return word_list.starts(self.view(word_list.view), found)

    def words(self, start: int, end: int, limit: int | None = None) -> list[Word]:
        """Lexicon words of the normalized text between ``start`` and ``end``, the first
        ``limit`` of them when given (each syllable a word of its own when the pipeline has no
        lexicon). Each word of the document is looked up once."""
        return list(self.word_run(start, end, limit))

    def word_run(self, start: int, end: int, limit: int | None = None) -> WordRun:
        """``words(start, end, limit)``, each word read only when it is first used."""
        if self._segmentation is None:
            self._segmentation = (self.lexicon or Lexicon((), {})).segment(self.text, self.lowered)
        return self._segmentation.run(start, min(end, len(self.text)), limit)

    def in_capitals(self, pos: int) -> bool:
        """The position lies on a line written in capitals (given its usual case by the
        normalizer): a headline, a document header, a byline."""
        if not self.normalized.recased:
            return False
        if self._capitals_cover is None:  # (by bisection: a long text has many such lines)
            self._capitals_cover = Cover(self.normalized.recased)
        return self._capitals_cover.covers(pos, pos + 1)

    def of_label(self, label: str) -> list[Candidate]:
        return [c for c in self.candidates if c.label == label]

    def in_boilerplate(self, start: int, end: int) -> bool:
        if self._boilerplate_cover is None:  # built once: the lines are fixed per document
            self._boilerplate_cover = Cover(self.boilerplate)
        return self._boilerplate_cover.covers(start, end)


class Recognizer(ABC):
    """Base class: subclasses set ``label`` and ``name`` and implement ``analyze``."""

    label: ClassVar[str]
    name: ClassVar[str]

    def __init__(self, gazetteers: Gazetteers, normalizer: Normalizer) -> None:
        self.gazetteers = gazetteers
        self.normalizer = normalizer

    @abstractmethod
    def analyze(self, analysis: Analysis) -> list[Candidate]:
        """Return candidates for this recognizer's label."""

    def word_lists(self) -> list[WordList]:
        """The word lists it reads, for the pipeline's one scan of each view of a text."""
        return [value for value in vars(self).values() if isinstance(value, WordList)]

    def candidate(self, start: int, end: int, priority: int = 0, **fields: Any) -> Candidate:
        # (``fields`` is the call's own new dict already: no copy)
        return Candidate(self.label, start, end, fields, self.name, priority)
