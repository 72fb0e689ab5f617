"""DIRECTIVE: Party and State document references that carry a number or a code."""

from __future__ import annotations

from collections.abc import Iterator

import regex

from ..gazetteers import Gazetteers
from ..matching import WordList, matches_at
from ..normalize import Normalizer
from .base import Analysis, Candidate, Recognizer

# A document code: a number then "/" or "-" separated parts, each a year, a type/issuer
# letter group ("CT", "QĐ-TTg", "TW", "UBND", "QH15") — "42-CT/TW", "22/2002/QĐ-TTg".
_CODE = (
    r"(?P<number>\d{1,5}[a-z]?)"
    # Case-sensitive even inside IGNORECASE patterns: "48-về" is not a code.
    # "." between number and year is a typo met in real text ("7.2018/QĐ-TTg").
    r"(?P<rest>(?:\.(?:19|20)\d\d(?=/))?(?:\s?[/\-]\s?(?:(?:19|20)\d\d|(?-i:[\p{Lu}Đ][\p{L}Đ&]{0,11})\d{0,3}))+)?"
)
_TERM = regex.compile(r"^\s*(?:của [^,.;]{0,60}?)?\s*khóa\s+(?P<term>[IVXLC]+|\d+)\b", regex.V1)
_ISSUED_ON = regex.compile(r"^\s*(?:,\s*)?(?:ban hành\s+)?ngày\s+", regex.IGNORECASE)
_OF_ISSUER = regex.compile(r"^\s*(?:của|do)\s+", regex.IGNORECASE)


_SPACES = regex.compile(r"\s+")
_DOT_BEFORE_YEAR = regex.compile(r"^(\d+[a-z]?)\.((?:19|20)\d\d/)")  # "7.2018/QĐ-TTg"
_LETTER = regex.compile(r"\p{L}")
_CODE_PARTS = regex.compile(r"[/\-]")
_YEAR_PART = regex.compile(r"(?<=/)(?:19|20)\d\d(?=/)")


def normalize_code(code: str) -> str:
    code = _SPACES.sub("", code)
    code = _DOT_BEFORE_YEAR.sub(r"\1/\2", code)  # "7.2018/QĐ-TTg"
    return code.replace("TƯ", "TW")


class DirectiveRecognizer(Recognizer):
    label = "DIRECTIVE"
    name = "directive-patterns"

    def __init__(self, gazetteers: Gazetteers, normalizer: Normalizer) -> None:
        super().__init__(gazetteers, normalizer)
        self.kind_of_word = {row.word.lower(): row.kind for row in gazetteers["directive_kinds"]}
        code_types = {
            row.code_type: row.kind for row in gazetteers["directive_kinds"] if row.code_type
        }
        self.kind_of_code_type = dict(sorted(code_types.items(), key=lambda kv: -len(kv[0])))
        self.issuers = {row.suffix: row.issuer for row in gazetteers["code_issuers"]}
        words = sorted(self.kind_of_word, key=len, reverse=True)
        # "Luật Khoa học và Công nghệ số 29/2013/QH13": a law's name may stand before "số".
        self.pattern = regex.compile(
            r"(?-f)"  # simple case folding: see date.py
            r"(?<![\p{L}\p{N}])(?P<kind>\L<words>)"
            r"(?P<lawname>(?:\s+(?-i:[\p{Lu}])[\p{L}]*(?:\s+(?:và|về|của|[\p{L}]+)){0,8}?)(?=\s+số))?"
            r"(?:\s+số)?\s*:?\s*" + _CODE + r"(?![\p{L}\p{N}]|/\d)",
            regex.IGNORECASE | regex.V1,
            words=words,
        )
        # Where it can match.
        self._kind_words = WordList(self.kind_of_word, letters_only=True, view="lowered")
        # A bare code with a type letter group: "Số: 28/2016/QĐ-UBND", "theo 59-KL/TW".
        self.bare_code = regex.compile(
            r"(?<![\p{L}\p{N}/\-])(?:(?P<so>Số|số)\s*:?\s*)?"
            r"(?P<number>\d{1,5})(?P<rest>(?:[/\-](?:(?:19|20)\d\d|[\p{Lu}Đ][\p{L}Đ&]{0,11}\d{0,3}))+)"
            r"(?![\p{L}\p{N}]|/\d)",
            regex.V1,
        )

    def analyze(self, analysis: Analysis) -> list[Candidate]:
        text = analysis.text
        found: list[Candidate] = []
        kinds = analysis.starts(self._kind_words)
        for m in matches_at(self.pattern, text, kinds):
            kind_word = _SPACES.sub(" ", m.group("kind").lower())
            kind = self.kind_of_word[kind_word]
            if kind == "luật" and not m.group("rest"):
                continue  # "Luật 2013" reads as a year, not a law number
            if m.group("lawname") and kind != "luật":
                continue
            rest = m.group("rest") or ""
            if rest and not _LETTER.search(rest):
                continue  # "Chỉ thị 42/2010" without letters: ambiguous with a date, skip
            found.append(self._make(m.start(), m.end(), kind, m.group("number"), rest, text))
        taken = bytearray(len(text))  # 1 inside a directive found with its kind word
        for c in found:
            taken[c.start : c.end] = b"\x01" * (c.end - c.start)
        for m in self._bare_codes(analysis):
            if taken[m.start()]:
                continue
            code_kind = self._kind_from_code(m.group("rest"))
            if code_kind is None:
                continue
            # "Số: 28/2016/QĐ-UBND" in a header: the code is the mention, not the "Số:".
            start = m.start("number")
            found.append(
                self._make(start, m.end(), code_kind, m.group("number"), m.group("rest"), text)
            )
        return found

    def _bare_codes(self, analysis: Analysis) -> Iterator[regex.Match[str]]:
        """``bare_code.finditer``, tried only at a number of at most five digits with "/" or
        "-" after it, and at the "Số" before such a number."""
        text = analysis.text
        starts = []
        for start, end in analysis.numbers:
            if end - start > 5 or not text.startswith(("/", "-"), end):
                continue
            before = start  # back over what may stand between "Số" and the number: " : "
            while before > 0 and text[before - 1].isspace():
                before -= 1
            if before > 0 and text[before - 1] == ":":
                before -= 1
                while before > 0 and text[before - 1].isspace():
                    before -= 1
            if text.endswith(("Số", "số"), 0, before):
                starts.append(before - 2)
            starts.append(start)
        return matches_at(self.bare_code, text, starts)

    def _kind_from_code(self, rest: str) -> str | None:
        for part in _CODE_PARTS.split(rest):
            for code_type, kind in self.kind_of_code_type.items():
                if part == code_type or part.upper() == code_type.upper():
                    return kind
        return None

    def _make(
        self, start: int, end: int, kind: str, number: str, rest: str, text: str
    ) -> Candidate:
        code = normalize_code(number + rest) if rest and _LETTER.search(rest) else None
        year = None
        issuer = None
        if code:
            years = _YEAR_PART.findall(code)
            year = int(years[0]) if years else None
            suffix = _CODE_PARTS.split(code)[-1]
            issuer = self.issuers.get(suffix) or self.issuers.get(suffix.rstrip("0123456789"))
        after = text[end : end + 80]
        term = _TERM.match(after)
        return self.candidate(
            start, end, priority=5, kind=kind, number=number, code=code, year=year,
            issuer=issuer, term=term.group("term") if term else None,
        )  # fmt: skip
