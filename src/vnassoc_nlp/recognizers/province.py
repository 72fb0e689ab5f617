"""PROVINCE: the 63 pre-2025 units and the 34 since July 2025, with variants and the merger."""

from __future__ import annotations

from typing import Any

import regex

from ..gazetteers import Gazetteers
from ..matching import WordList
from ..normalize import Normalizer
from .base import Analysis, Candidate, Recognizer

# Words right before a name that make it a street, a lower-level place or a person.
# (These words end where the text before a province ends: each pattern is searched from the
# end backwards (REVERSE), not tried at every character before it; only whether it is found
# is read.)
_NOT_PROVINCE_BEFORE = regex.compile(
    r"(?-f)(?:đường|(?<!thành )phố|ngõ|ngách|quận|huyện|phường|xã|thị xã|thị trấn|sông|cầu|chợ|bến xe|ga|"
    r"số \d+[a-z]?|tư tưởng|lăng|bác|chủ tịch|cộng sản|tncs|tấm gương|phong cách|"
    r"đạo đức|giải thưởng|huân chương|huy hiệu)\s*$",
    regex.IGNORECASE | regex.V1 | regex.REVERSE,
)
# "thành phố X"/"TP. X"/"thành ủy X" with a province X: the provincial city, unless X is a
# centrally run city.
_CITY_BEFORE = regex.compile(
    r"(?:thành phố|tp\.?|thành ủy|thành uỷ)\s*$", regex.IGNORECASE | regex.REVERSE
)
# Before a province named like a person ("Hồ Chí Minh"): the unit word that makes it a place.
_UNIT_BEFORE = regex.compile(r"(?:thành phố|tp\.?|tỉnh)\s*$", regex.IGNORECASE | regex.REVERSE)


_PARTS = regex.compile(r"[\s\-]+")


def is_capitalized(surface: str) -> bool:
    """Every syllable starts with a capital (or the whole name is upper case)."""
    words = [w for w in _PARTS.split(surface) if w]
    return bool(words) and all(w[0].isupper() or not w[0].isalpha() for w in words)


class ProvinceRecognizer(Recognizer):
    label = "PROVINCE"
    name = "province-gazetteer"

    def __init__(self, gazetteers: Gazetteers, normalizer: Normalizer) -> None:
        super().__init__(gazetteers, normalizer)
        fold = normalizer.fold
        successors = {r.name: r for r in gazetteers["provinces_2025"]}
        self.by_key: dict[str, dict[str, Any]] = {}
        self.by_exact: dict[str, dict[str, Any]] = {}
        info: dict[str, Any]
        for row in gazetteers["provinces"]:
            info = {"name": row.name, "successor": row.successor, "code": row.code,
                    "unit_type": row.unit_type}  # fmt: skip
            self.by_key[fold(row.name)] = info
            for alias in row.aliases:
                self._add_alias(alias, info)
        for new in gazetteers["provinces_2025"]:
            if fold(new.name) not in self.by_key:  # a unit named only since 2025 ("Huế")
                info = {"name": new.name, "successor": new.name, "code": new.code,
                        "unit_type": new.unit_type, "since": "2025"}  # fmt: skip
                self.by_key[fold(new.name)] = info
                for alias in new.aliases:
                    self._add_alias(alias, info)
        for former in gazetteers["former_provinces"]:
            # "tỉnh Hà Sơn Bình cũ": a unit of before the last reorganizations.
            info = {"name": former.name, "successor": former.successor, "code": None,
                    "unit_type": former.unit_type}  # fmt: skip
            self.by_key.setdefault(fold(former.name), info)
            for alias in former.aliases:
                self._add_alias(alias, info)
        self._successors = successors
        # Every spelling of each folded name, lower-case: names and aliases of all three lists.
        self.spellings: dict[str, set[str]] = {}
        names = [(r.name, r.aliases) for r in gazetteers["provinces"]]
        names += [(r.name, r.aliases) for r in gazetteers["provinces_2025"]]
        names += [(r.name, r.aliases) for r in gazetteers["former_provinces"]]
        for name, aliases in names:
            for spelling in (name, *aliases):
                self.spellings.setdefault(fold(spelling), set()).add(
                    " ".join(spelling.lower().split())
                )
        # A province named like a person (a surname and two more syllables: "Hồ Chí Minh") is
        # the place only after a unit word; alone it is the person ("Giải thưởng Hồ Chí Minh").
        self.person_shaped = regex.compile(
            r"\L<surnames>(?:\s+\p{Lu}\p{Ll}*){2,}",
            regex.V1,
            surnames=gazetteers.words("surnames"),
        )
        self.folded_names = WordList(self.by_key, joiners="&", view="folded")
        self.exact_names = WordList(self.by_exact)

    def _add_alias(self, alias: str, info: dict[str, Any]) -> None:
        # "TP. X", "Thành phố X": the span is the name only, which matches on its own.
        bare = regex.sub(r"^(?:tp\.?|thành phố)\s+", "", alias, flags=regex.IGNORECASE)
        if bare != alias and self.normalizer.fold(bare) in self.by_key:
            return
        # Abbreviations (HN, TP.HCM, BR-VT) match exactly as written; names fold.
        if alias.isupper() or (any(c in alias for c in ".-") and alias.replace(" ", "").isupper()):
            self.by_exact[alias] = info
        else:
            self.by_key.setdefault(self.normalizer.fold(alias), info)

    def _misspelled(self, surface: str, key: str) -> bool:
        """Written with diacritics, and not those of any spelling the gazetteers give for the
        name folded to ``key``. (Folding lets a text without diacritics match; one with other
        diacritics names something else: "Huệ" is a given name, not "Huế".)"""
        return " ".join(surface.lower().split()) not in self.spellings.get(key, ())

    def _successor_unit(self, info: dict[str, Any]) -> str:
        row = self._successors.get(info["successor"])
        return row.unit_type if row is not None else str(info["unit_type"])

    def lookup(self, surface: str) -> dict[str, Any] | None:
        return self.by_exact.get(surface) or self.by_key.get(self.normalizer.fold(surface))

    @staticmethod
    def _word_runs_on(analysis: Analysis, start: int, end: int) -> bool:
        """A lexicon word read from ``start`` runs on past ``end``."""
        for word in analysis.word_run(start, end + 16):
            if word.end >= end:  # (the words after it start at or after ``end``)
                return word.start < end < word.end
        return False

    def analyze(self, analysis: Analysis) -> list[Candidate]:
        text = analysis.text
        found: list[Candidate] = []
        folded = analysis.folded
        matches = [(a, b, self.by_key[folded[a:b]]) for a, b in analysis.scan(self.folded_names)]
        matches += [(a, b, self.by_exact[text[a:b]]) for a, b in analysis.scan(self.exact_names)]
        for start, end, info in sorted(matches, key=lambda m: (m[0], -m[1])):
            if found and start < found[-1].end:
                continue
            surface = text[start:end]
            if not is_capitalized(surface):
                continue
            before = text[max(0, start - 30) : start]
            if _NOT_PROVINCE_BEFORE.search(before):
                continue
            if _CITY_BEFORE.search(before) and info["unit_type"] != "thành phố":
                continue
            if self.person_shaped.fullmatch(surface) and not _UNIT_BEFORE.search(before):
                continue
            if text.startswith(" ", end) and self._word_runs_on(analysis, start, end):
                continue  # "Thái Bình Dương": the name is part of a longer word
            if info.get("since") and (analysis.document_date or "") < info["since"]:
                continue  # "Đại học Huế" in 2019: Huế was no provincial unit yet
            if not surface.isascii() and self._misspelled(surface, folded[start:end]):
                continue  # "Mẫn Thị Huệ": written with other diacritics, another word
            found.append(
                self.candidate(
                    start,
                    end,
                    priority=2,
                    name=info["name"],
                    successor=info["successor"],
                    successor_unit_type=self._successor_unit(info),
                    code=info["code"],
                    unit_type=info["unit_type"],
                )
            )
        return found
