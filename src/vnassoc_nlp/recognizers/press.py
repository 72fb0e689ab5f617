"""ORGANIZATION: the press named by its source tag or its web address.

A news article opens with its paper's tag ("(TTXVN) -", "(HNMO)- Ngày ...", "BVR&MT – Chiều
...") and pages carry the paper's address ("baohatinh.vn", "Vusta.vn"). Each is a mention of
the paper (ANNOTATION.md rule 9) with the tag as its acronym. Tags and names are data
(``press_tags.tsv``); a tag not listed keeps itself as its name, and an address "bao" + a
province ("baotayninh.vn") names that province's paper.
"""

from __future__ import annotations

import regex

from ..gazetteers import Gazetteers
from ..matching import matches_at
from ..normalize import Normalizer
from .base import Analysis, Candidate, Recognizer

_DOMAIN = r"[\p{L}\p{N}][\p{L}\p{N}\-]*\.(?i:com\.vn|org\.vn|gov\.vn|vn|com|net|org)"
# "(TAG) -" where a sentence or a line starts: an acronym, one or two capitalized words, or an
# address.
_TAG_IN_PARENS = regex.compile(
    r"(?:^|(?<=[.!?:]\s{0,3})|(?<=\d\s))\((?P<tag>"
    + _DOMAIN
    + r"|[\p{Lu}][\p{Lu}\p{N}&./]{1,11}|[\p{Lu}][\p{L}]+(?: [\p{L}]+)?)\)[ \t]*[-–—]",
    regex.V1 | regex.MULTILINE,
)
# "BVR&MT – Chiều 7/12, ...": a tag of capitals with "&" opening a paragraph.
_TAG_AT_LINE_START = regex.compile(
    r"^[ \t]*(?P<tag>[\p{Lu}]{1,6}&[\p{Lu}]{1,6})[ \t]+[-–—][ \t]+(?=\p{Lu})",
    regex.V1 | regex.MULTILINE,
)
_ADDRESS = regex.compile(
    r"(?<![\p{L}\p{N}.@/\-])(?:www\.)?(?P<tag>" + _DOMAIN + r")(?![\p{L}\p{N}])", regex.V1
)
# The dot before an address's ending: an address starts where the run of letters, digits and
# hyphens before such a dot starts (or "www." before it).
_DOMAIN_END = regex.compile(r"\.(?i:com|org|gov|net|vn)(?![\p{L}\p{N}])", regex.V1)
_PAPER_OF_PROVINCE = regex.compile(r"bao(?P<place>[a-z]+)\.", regex.V1)


_ACRONYM = regex.compile(r"[\p{Lu}\p{N}&/]+", regex.V1)


def _address_starts(text: str) -> list[int]:
    """Where an address may start (scanning for one at every word costs the most here)."""
    starts = set()
    for dot in _DOMAIN_END.finditer(text):
        start = dot.start()
        while start > 0 and (text[start - 1].isalnum() or text[start - 1] == "-"):
            start -= 1
        starts.add(start)
        if text.startswith("www.", start - 4):
            starts.add(start - 4)
    return sorted(starts)


class PressTagRecognizer(Recognizer):
    label = "ORGANIZATION"
    name = "press-tag"

    def __init__(self, gazetteers: Gazetteers, normalizer: Normalizer) -> None:
        super().__init__(gazetteers, normalizer)
        self.papers = {row.tag.casefold(): row.canonical_name for row in gazetteers["press_tags"]}
        # "baohatinh.vn": the province's name folded with its spaces taken out.
        self.provinces = {
            normalizer.fold(row.name).replace(" ", ""): row.name for row in gazetteers["provinces"]
        }

    def analyze(self, analysis: Analysis) -> list[Candidate]:
        text = analysis.text
        found: list[Candidate] = []
        spans: set[tuple[int, int]] = set()
        for pattern in (_TAG_IN_PARENS, _TAG_AT_LINE_START, _ADDRESS):
            matches = (
                matches_at(_ADDRESS, text, _address_starts(text))
                if pattern is _ADDRESS
                else pattern.finditer(text)
            )
            for m in matches:
                span = m.span("tag")
                if span in spans:
                    continue
                spans.add(span)
                tag = m.group("tag")
                acronym = tag if _ACRONYM.fullmatch(tag) else None
                found.append(
                    self.candidate(
                        *span, priority=4, canonical_name=self._paper(tag), acronym=acronym
                    )
                )
        return found

    def _paper(self, tag: str) -> str:
        known = self.papers.get(tag.casefold())
        if known:
            return known
        m = _PAPER_OF_PROVINCE.match(self.normalizer.fold(tag))
        if m and m.group("place") in self.provinces:
            return f"Báo {self.provinces[m.group('place')]}"
        return tag
