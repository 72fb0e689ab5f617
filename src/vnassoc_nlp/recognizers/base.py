"""The shared interface of recognizers and the per-document analysis they read.

A recognizer is a small class with one ``label``, a ``name``, its patterns and context words as
data (from gazetteers), and ``analyze(analysis) -> list[Candidate]``. Candidates carry offsets
into the *normalized* text; the pipeline maps them back to raw offsets at the end.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, ClassVar

import regex

from ..gazetteers import Gazetteers
from ..normalize import NormalizedText, Normalizer

# Word boundaries for matching on normalized or folded text.
LEFT = r"(?<![\p{L}\p{N}&])"
RIGHT = r"(?![\p{L}\p{N}&])"


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


@dataclass
class Analysis:
    """What every recognizer reads: the normalized document and the candidates found so far."""

    normalized: NormalizedText
    document_date: str | None
    boilerplate: list[tuple[int, int]] = field(default_factory=list)
    candidates: list[Candidate] = field(default_factory=list)

    @property
    def text(self) -> str:
        return self.normalized.text

    @property
    def folded(self) -> str:
        return self.normalized.folded

    def of_label(self, label: str) -> list[Candidate]:
        return [c for c in self.candidates if c.label == label]

    def in_boilerplate(self, start: int, end: int) -> bool:
        return any(s <= start and end <= e for s, e in self.boilerplate)


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

    def candidate(self, start: int, end: int, priority: int = 0, **fields: Any) -> Candidate:
        return Candidate(self.label, start, end, dict(fields), self.name, priority)


def word_list_pattern(words: Iterable[str], fold: Any = None, flags: int = 0) -> regex.Pattern[str]:
    """Compile a bounded alternation of words (longest first) through a regex named list."""
    items = sorted({fold(w) if fold else w for w in words if w}, key=len, reverse=True)
    return regex.compile(LEFT + r"\L<items>" + RIGHT, regex.V1 | flags, items=items)
