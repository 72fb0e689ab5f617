"""ORGANIZATION: departments listed after one "các sở" ("giám đốc các Sở: Tài chính, Nội vụ").

Each listed name is one department (sở) of the province the article is about: the span is the
name as listed ("Tài chính"; "sở Nội vụ" where the word comes first with no colon), the
canonical name "Sở Tài chính tỉnh X" once the linker knows X. Department names are data
(``departments.tsv``); a list ends at the first item that is no department's name.
"""

from __future__ import annotations

import regex

from ..gazetteers import Gazetteers
from ..normalize import Normalizer
from .base import LEFT, RIGHT, Analysis, Candidate, Recognizer

# "các Sở:", "các sở, ngành:", "các sở" — the plural that opens a list.
_LIST_OPENER = regex.compile(
    r"(?-f)(?<![\p{L}])các\s+(?P<head>sở)(?:\s*,\s*ngành)?(?P<colon>\s*:)?\s*",
    regex.IGNORECASE | regex.V1,
)
_ITEM_SEPARATOR = regex.compile(r"\s*(?:,\s*(?:và\s+)?|\s+và\s+)")


class DepartmentListRecognizer(Recognizer):
    label = "ORGANIZATION"
    name = "department-list"

    def __init__(self, gazetteers: Gazetteers, normalizer: Normalizer) -> None:
        super().__init__(gazetteers, normalizer)
        fold = normalizer.fold
        self.full_name: dict[str, str] = {}
        for row in gazetteers["departments"]:
            for form in (row.name, *row.aliases):
                self.full_name.setdefault(fold(form), row.name)
        # Longest first, so that "Khoa học và Công nghệ" is one item, not "Khoa học" + ...
        self.item = regex.compile(
            LEFT + r"\L<names>" + RIGHT,
            regex.V1,
            names=sorted(self.full_name, key=len, reverse=True),
        )

    def analyze(self, analysis: Analysis) -> list[Candidate]:
        text, folded = analysis.text, analysis.folded
        found: list[Candidate] = []
        for opener in _LIST_OPENER.finditer(text):
            pos = opener.end()
            # "các sở Nội vụ, ..." (no colon): the first item is named with its head word.
            first_start = None if opener.group("colon") else opener.start("head")
            while True:
                m = self.item.match(folded, pos)
                if m is None or not text[m.start()][:1].isupper():
                    break
                start = first_start if first_start is not None else m.start()
                first_start = None
                name = self.full_name[m.group()]
                found.append(self.candidate(start, m.end(), priority=4, canonical_name=None,
                                            acronym=None, place_template=f"Sở {name} {{place}}"))  # fmt: skip
                separator = _ITEM_SEPARATOR.match(text, m.end())
                if separator is None:
                    break
                pos = separator.end()
        return found
