"""DATE: calendar expressions and ranges, resolved to ISO values against the document date."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

import regex

from ..gazetteers import Gazetteers
from ..matching import WordList, matches_at
from ..normalize import Normalizer
from .base import Analysis, Candidate, Recognizer

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_SEP = r"[/\-.]"
_D = r"(?P<{0}>0?[1-9]|[12]\d|3[01])"
_M = r"(?P<{0}>0?[1-9]|1[0-2])"
_Y = r"(?P<{0}>(?:19|20|21)\d\d)"
_LEAD = r"(?:(?P<lead>ngày|hôm|từ ngày|từ)\s+)?"
# A match that starts with a digit is not the tail of a longer number ("1.2/3"); one that
# starts with a word may follow anything (".Nhiệm kỳ 2023 - 2028").
_NB = r"(?<![\p{L}\p{N}])(?:(?<![/\-.])|(?=\p{L}))"
_NA = r"(?![\p{L}\p{N}]|[/\-.]\d)"
_TO = r"\s*(?:-{1,2}|–|đến)\s*"
# A month as a number or in words ("tháng Mười Hai", from month_words.tsv).
_MONTH = r"(?:" + _M.format("m1") + r"|(?P<mw>\L<month_words>))"
_DAY_LEAD = r"(?:ngày\s+(?:(?:mồng|mùng)\s+)?)?"

# Order matters: longer, more specific shapes first at each position.
_PATTERNS: list[tuple[str, str]] = [
    # 2025-09-29 (a dateline written the ISO way)
    ("iso", r"(?P<y1>(?:19|20)\d\d)-(?P<m1>0[1-9]|1[0-2])-(?P<d1>0[1-9]|[12]\d|3[01])"),
    # từ quý 4/2023 đến hết quý 2/2024
    ("quarter_range",
     r"từ\s+quý\s+(?P<q1>[1-4]|IV|I{1,3})(?:\s*/\s*|\s+năm\s+)" + _Y.format("y1")
     + r"\s+đến(?:\s+hết)?\s+quý\s+(?P<q2>[1-4]|IV|I{1,3})(?:\s*/\s*|\s+năm\s+)" + _Y.format("y2")),
    # quý 4/2023, quý IV năm 2023
    ("quarter", r"quý\s+(?P<q1>[1-4]|IV|I{1,3})(?:\s*[/\-]\s*|\s+năm\s+)" + _Y.format("y1")),
    # 6 tháng đầu/cuối năm 2023
    ("half", r"6\s+tháng\s+(?P<half>đầu|cuối)\s+năm\s+" + _Y.format("y1")),
    # 9 tháng năm 2025, 9 tháng đầu năm 2025, 3 tháng cuối năm 2024: the first (last) months;
    # not "ngày 9 tháng Năm" (May), nor "9 tháng Năm 2025"
    ("months",
     r"(?<!(?:ngày|mồng|mùng)\s+)(?P<n>[1-9]|1[0-2])\s+tháng\s+(?:(?P<part>đầu|cuối)\s+)?"
     r"(?-i:năm)\s+" + _Y.format("y1")),
    # từ tháng 3/2009 đến 7/2011
    ("month_range",
     r"(?:từ\s+)?tháng\s+" + _M.format("m1") + r"\s*/\s*" + _Y.format("y1") + _TO
     + r"(?:tháng\s+)?" + _M.format("m2") + r"\s*/\s*" + _Y.format("y2")),
    # từ tháng 9 đến tháng 12 năm 2024, tháng 9-12/2024: the year written once
    ("month_range_in_year",
     r"(?:từ\s+)?tháng\s+" + _M.format("m1") + _TO + r"(?:tháng\s+)?" + _M.format("m2")
     + r"(?:\s*/\s*|\s+năm\s+)" + _Y.format("y1")),
    # giai đoạn 2021-2030, nhiệm kỳ 2020-2025, năm học 2023-2024, 2020-2025, 1950--1960
    ("year_range",
     r"(?:(?:giai đoạn|nhiệm kỳ|năm học|từ năm)\s+(?:từ\s+)?)?" + _Y.format("y1")
     + _TO + _Y.format("y2")),
    # 18/5/2013 - 18/5/2023
    ("full_range",
     _LEAD + _D.format("d1") + _SEP + _M.format("m1") + _SEP + _Y.format("y1")
     + _TO + r"(?:ngày\s+)?" + _D.format("d2") + _SEP + _M.format("m2") + _SEP
     + _Y.format("y2")),
    # từ ngày 04/11 đến ngày 06/11/2015
    ("dm_range",
     _LEAD + _D.format("d1") + r"/" + _M.format("m1") + _TO + r"(?:ngày\s+)?" + _D.format("d2")
     + r"/" + _M.format("m2") + r"/" + _Y.format("y2")),
    # từ ngày 17 đến 26/8/2020; từ ngày 2 đến 6 tháng 11 năm 2022
    ("from_to",
     r"từ\s+(?:ngày\s+)?" + _D.format("d1") + r"\s+đến\s+(?:ngày\s+)?" + _D.format("d2")
     + r"(?:" + _SEP + _M.format("m1") + r"(?:" + _SEP + _Y.format("y1") + r")?"
     + r"|\s+tháng\s+(?P<m1b>0?[1-9]|1[0-2])(?:\s+năm\s+(?P<y1b>(?:19|20|21)\d\d))?)"),
    # 19-21/11, 22-23/01/2023, ngày 8 và 9-12, ngày 14 và 15/9/2016
    ("day_range",
     _LEAD + _D.format("d1") + r"(?:\s*[-–]\s*|\s+và\s+)" + _D.format("d2") + r"[/\-]"
     + _M.format("m1") + r"(?:/" + _Y.format("y1") + r")?"),
    # ngày 5 tháng 6 năm 2023, ngày mồng 3 tháng 2, 9 Tháng 1 2015, ngày 3 tháng Mười Hai
    ("spelled",
     _DAY_LEAD + _D.format("d1") + r"\s+tháng\s+" + _MONTH
     + r"(?:(?:\s+năm\s+|,?\s+)" + _Y.format("y1") + r")?"),
    # ngày 3 - 2 - 1930
    ("dmy_spaced",
     r"ngày\s+" + _D.format("d1") + r"\s+-\s+" + _M.format("m1") + r"\s+-\s+" + _Y.format("y1")),
    # 07/11/2011, 16-10-2020
    ("dmy", _LEAD + _D.format("d1") + r"(?P<s>[/\-.])" + _M.format("m1") + r"(?P=s)" + _Y.format("y1")),
    # tháng 6/2023, tháng 6 năm 2023, Tháng Mười Hai năm 2019
    ("month",
     r"tháng\s+(?:" + _M.format("m1") + r"(?:\s*/\s*|\s+năm\s+)|(?P<mw>\L<month_words>)\s+năm\s+)"
     + _Y.format("y1")),
    # 9/10, 29-11 (yearless)
    ("dm", _LEAD + _D.format("d1") + r"(?P<s>[/\-])" + _M.format("m1")),
    # sáng 21.4 (a day and month with a dot, only after a word for a time of day)
    ("dm_dot", r"(?<=(?:sáng|chiều|tối|trưa|đêm|ngày|hôm)\s+)" + _D.format("d1") + r"\." + _M.format("m1")),
    # năm 2020
    ("year", r"năm\s+" + _Y.format("y1")),
]  # fmt: skip

# What a match of each shape may begin with: words, or a number: "#day" (one or two digits,
# a day), "#year" (four). A shape is tried only where one of them starts (a scan of every
# position costs more than all the rest).
_STARTS: dict[str, tuple[str, ...]] = {
    "iso": ("#year",), "quarter_range": ("từ",), "quarter": ("quý",), "half": ("#day",),
    "months": ("#day",), "month_range": ("từ", "tháng"), "month_range_in_year": ("từ", "tháng"), "year_range": ("#year", "giai", "nhiệm", "năm", "từ"),
    "full_range": ("#day", "ngày", "hôm", "từ"), "dm_range": ("#day", "ngày", "hôm", "từ"),
    "from_to": ("từ",), "day_range": ("#day", "ngày", "hôm", "từ"), "spelled": ("#day", "ngày"),
    "dmy_spaced": ("ngày",), "dmy": ("#day", "ngày", "hôm", "từ"), "month": ("tháng",),
    "dm": ("#day", "ngày", "hôm", "từ"), "dm_dot": ("#day",), "year": ("năm",),
}  # fmt: skip
# The same, words and numbers apart.
_START_WORDS = {
    kind: (tuple(w for w in words if w[0] != "#"), tuple(w for w in words if w[0] == "#"))
    for kind, words in _STARTS.items()
}
_NUMBER_STARTS = {1: "#day", 2: "#day", 4: "#year"}  # by the number's length
# What every shape starting with such a number has right after it: a day, a separator ("7/11",
# "19-21/11", "21.4") or a space and "tháng", "và" or a dash ("6 tháng", "8 và 9-12",
# "19 - 21/11"); a year, a dash or "đến" ("2020-2025", "2021 đến 2030"). Most numbers of a
# text have neither ("12 thành viên", "2023,") and no shape is tried there.
_NUMBER_GOES_ON = {
    "#day": re.compile(r"[/\-.–]|\s+(?:[-–]|(?i:t|v))"),
    "#year": re.compile(r"\s*(?:[-–]|(?i:đ))"),
}
# What every shape starting with one of these words has after it ("từ ngày 2", "từ quý 4",
# "ngày mồng 3", "năm học 2023", "giai đoạn 2021"): most "từ", "ngày", "năm" of a text start
# no date, and no shape is tried there. ("tháng" may go on with a month in words: not listed.)
_WORD_GOES_ON = {
    word: re.compile(r"\s+(?:" + after + ")", re.IGNORECASE)
    for word, after in {
        "từ": r"\d|quý|tháng|năm|ngày", "ngày": r"\d|mồng|mùng", "hôm": r"\d",
        "quý": r"[1-4iv]", "năm": r"\d|học", "giai": "đoạn", "nhiệm": "kỳ",
    }.items()
}  # fmt: skip
# What each shape that may start with a number has right after it (a finer filter than
# _NUMBER_GOES_ON, shape by shape: most numbers that go on as some date does go on as one or two
# shapes do, and the others are not tried there).
_SHAPE_GOES_ON = {
    kind: re.compile(after)
    for kind, after in {
        "iso": r"-\d", "half": r"\s+(?i:t)", "months": r"\s+(?i:t)", "year_range": r"\s*(?:[-–]|(?i:đ))",
        "full_range": r"[/\-.]\d", "dm_range": r"/\d", "day_range": r"\s*[-–]|\s+(?i:v)",
        "spelled": r"\s+(?i:t)", "dmy": r"[/\-.]\d", "dm": r"[/\-]\d", "dm_dot": r"\.\d",
    }.items()
}  # fmt: skip
# No date expression is longer (the longest, a range of quarters in words, has about 50).
_LONGEST = 300

# Counting nouns after "a/b": "53/63 tỉnh" is a count, not a date.
_COUNT_AFTER = regex.compile(
    r"(?-f)^\s*(?:tỉnh|thành|huyện|xã|phường|tổ chức|ý kiến|hội|đơn vị|người|thành viên|lần|"
    r"trường|cơ sở|câu|phiếu|đại biểu|điểm|dự án|đề tài|chỉ tiêu|nhiệm vụ|cán bộ|số|%)",
    regex.IGNORECASE | regex.V1,
)
# Before "a/b": a number ("Số: 12/3") or a share ("chiếm khoảng 1/3"), not a date.
_COUNT_BEFORE = regex.compile(
    r"(?-f)(?:số\s*:?|khoảng|chiếm|gần|hơn|trên|dưới|tỷ lệ|tỉ lệ)\s*$", regex.IGNORECASE | regex.V1
)
_DAY_CONTEXT_BEFORE = regex.compile(
    r"(?-f)(?:ngày|hôm|sáng|chiều|tối|trưa|đêm|từ|đến|nhân|dịp|vào|[(,;:\-]|thứ \w+|chủ nhật)\s*$",
    regex.IGNORECASE | regex.V1,
)


@dataclass(frozen=True)
class _Point:
    year: int | None
    month: int | None = None
    day: int | None = None
    quarter: int | None = None

    def iso(self) -> str:
        if self.quarter is not None:
            return f"{self.year}-Q{self.quarter}"
        if self.year is None:
            if self.day is None:
                return f"--{self.month:02d}"
            return f"--{self.month:02d}-{self.day:02d}"
        if self.month is None:
            return f"{self.year}"
        if self.day is None:
            return f"{self.year}-{self.month:02d}"
        return f"{self.year}-{self.month:02d}-{self.day:02d}"


def _valid(day: int, month: int, year: int | None) -> bool:
    if not 1 <= month <= 12:
        return False
    last = calendar.monthrange(year if year is not None else 2000, month)[1]
    return 1 <= day <= last


def _quarter(value: str) -> int:
    return _ROMAN.get(value.lower()) or int(value)


class DateRecognizer(Recognizer):
    label = "DATE"
    name = "date-patterns"

    def __init__(self, gazetteers: Gazetteers, normalizer: Normalizer) -> None:
        super().__init__(gazetteers, normalizer)
        self._month_of = {row.word.lower(): row.month for row in gazetteers["month_words"]}
        words = sorted(self._month_of, key=len, reverse=True)
        # Branch-local group names repeat across shapes; compile each and scan jointly.
        # Simple case folding ("(?-f)"): the words are Vietnamese, which needs no multi-letter
        # folds (ß -> ss), and full folding makes each scan of the text ~2.5 times slower.
        self._patterns = [
            (
                name,
                regex.compile(
                    f"(?-f){_NB}(?:{pattern}){_NA}",
                    regex.IGNORECASE | regex.V1,
                    ignore_unused=True,
                    month_words=words,
                ),
            )
            for name, pattern in _PATTERNS
        ]
        self._start_words = WordList(
            {w for words in _STARTS.values() for w in words if not w.startswith("#")},
            view="lowered",
        )

    def starts(self, analysis: Analysis) -> dict[str, list[int]]:
        """Where a match of each shape may begin: digit runs and its start words."""
        text = analysis.text
        # A number inside a longer one ("1.2/3", "A4") starts no date (_NB); a day has one or
        # two digits, a year four.
        numbers: dict[str, list[tuple[int, int]]] = {"#day": [], "#year": []}
        for start, end in analysis.numbers:
            kind = _NUMBER_STARTS.get(end - start)
            if (
                kind
                and (start == 0 or not (text[start - 1].isalnum() or text[start - 1] in "/-."))
                and _NUMBER_GOES_ON[kind].match(text, end)
            ):
                numbers[kind].append((start, end))
        by_word: dict[str, list[int]] = {}
        lowered = analysis.lowered
        for start, end in analysis.scan(self._start_words):
            word = lowered[start:end]
            goes_on = _WORD_GOES_ON.get(word)
            if goes_on is None or goes_on.match(text, end):
                by_word.setdefault(word, []).append(start)
        starts: dict[str, list[int]] = {}
        for kind, (words, number_kinds) in _START_WORDS.items():
            positions = [p for w in words for p in by_word.get(w, ())] if by_word else []
            for number in number_kinds:
                if numbers[number]:
                    goes_on = _SHAPE_GOES_ON[kind]
                    positions += [s for s, e in numbers[number] if goes_on.match(text, e)]
            if len(positions) > 1:
                positions.sort()
            starts[kind] = positions
        return starts

    def analyze(self, analysis: Analysis) -> list[Candidate]:
        text = analysis.text
        year = int(analysis.document_date[:4]) if analysis.document_date else None
        found: list[Candidate] = []
        taken = bytearray(len(text))  # 1 where a date found by an earlier shape lies
        starts = self.starts(analysis)
        for kind, pattern in self._patterns:
            if not starts[kind]:
                continue
            for match in matches_at(pattern, text, starts[kind], reach=_LONGEST):
                start, end = match.span()
                if taken.find(1, start, end) != -1:
                    continue
                resolved = self._resolve(kind, match, year, text)
                if resolved is None:
                    continue
                first, last, granularity = resolved
                value = first.iso() if first == last else f"{first.iso()}/{last.iso()}"
                taken[start:end] = b"\x01" * (end - start)
                found.append(
                    self.candidate(
                        start,
                        end,
                        priority=3,
                        value=value,
                        value_start=first.iso(),
                        value_end=last.iso(),
                        granularity=granularity,
                    )
                )
        return sorted(found, key=lambda c: c.start)

    def _resolve(
        self, kind: str, m: regex.Match[str], doc_year: int | None, text: str
    ) -> tuple[_Point, _Point, str] | None:
        g = m.groupdict()

        def num(name: str) -> int | None:
            return int(g[name]) if g.get(name) else None

        # Each shape reads some of these; the checks below leave None only where allowed.
        d1: int | None
        m1: int | None
        d2: int | None
        m2: int | None
        y: int | None
        y1: int | None
        y2: int | None

        if g.get("mw"):  # "tháng Mười Hai": the month in words
            g["m1"] = str(self._month_of.get(" ".join(g["mw"].lower().split()), 0) or "")
            if not g["m1"]:
                return None
        if g.get("m1b"):  # "từ ngày 2 đến 6 tháng 11 năm 2022"
            g["m1"], g["y1"] = g["m1b"], g.get("y1b")
        if kind == "iso" or kind == "dmy_spaced":
            kind = "dmy"
        if kind == "dm_dot":
            kind = "dm"
        if kind == "month_range":
            return (_Point(int(g["y1"]), int(g["m1"])), _Point(int(g["y2"]), int(g["m2"])),
                    "month")  # fmt: skip
        if kind == "dm_range":
            d1, m1, d2, m2, y2 = (num(n) for n in ("d1", "m1", "d2", "m2", "y2"))
            y1 = y2 if (m1, d1) <= (m2, d2) else y2 - 1  # type: ignore[operator]
            if not (_valid(d1, m1, y1) and _valid(d2, m2, y2)):  # type: ignore[arg-type]
                return None
            return _Point(y1, m1, d1), _Point(y2, m2, d2), "day"

        if kind == "quarter_range":
            return (_Point(int(g["y1"]), quarter=_quarter(g["q1"])),
                    _Point(int(g["y2"]), quarter=_quarter(g["q2"])), "quarter")  # fmt: skip
        if kind == "quarter":
            point = _Point(int(g["y1"]), quarter=_quarter(g["q1"]))
            return point, point, "quarter"
        if kind == "months":
            year, months = int(g["y1"]), int(g["n"])
            if (g["part"] or "").lower() == "cuối":
                return _Point(year, 13 - months), _Point(year, 12), "month"
            return _Point(year, 1), _Point(year, months), "month"
        if kind == "month_range_in_year":
            year, m1, m2 = int(g["y1"]), int(g["m1"]), int(g["m2"])
            if m2 <= m1:
                return None
            return _Point(year, m1), _Point(year, m2), "month"
        if kind == "half":
            year = int(g["y1"])
            first, last = (1, 6) if g["half"].lower() == "đầu" else (7, 12)
            return _Point(year, first), _Point(year, last), "half-year"
        if kind == "year_range":
            y1, y2 = int(g["y1"]), int(g["y2"])
            if y2 <= y1:
                return None
            return _Point(y1), _Point(y2), "year"
        if kind == "year":
            point = _Point(int(g["y1"]))
            return point, point, "year"
        if kind == "month":
            point = _Point(int(g["y1"]), int(g["m1"]))
            return point, point, "month"
        if kind == "full_range":
            d1, m1, y1, d2, m2, y2 = (num(n) for n in ("d1", "m1", "y1", "d2", "m2", "y2"))
            if not (_valid(d1, m1, y1) and _valid(d2, m2, y2)):  # type: ignore[arg-type]
                return None
            return _Point(y1, m1, d1), _Point(y2, m2, d2), "day"
        if kind in ("from_to", "day_range"):
            d1, d2, m1 = num("d1"), num("d2"), num("m1")
            y = num("y1") or doc_year
            if d2 <= d1 or not (_valid(d1, m1, y) and _valid(d2, m1, y)):  # type: ignore[operator,arg-type]
                return None
            return _Point(y, m1, d1), _Point(y, m1, d2), "day"
        if kind in ("dmy", "spelled", "dm"):
            d1, m1 = num("d1"), num("m1")
            y = num("y1")
            if kind == "dm" or y is None:
                if kind == "dm" and not self._looks_like_day(m, text):
                    return None
                y = doc_year
            if not _valid(d1, m1, y):  # type: ignore[arg-type]
                return None
            point = _Point(y, m1, d1)
            return point, point, "day"
        return None

    @staticmethod
    def _looks_like_day(m: regex.Match[str], text: str) -> bool:
        """A yearless 'a/b' is a date unless it reads as a count ("53/63 tỉnh", "đến từ 9/9
        huyện": after "từ" too, but not after "ngày")."""
        lead = m.groupdict().get("lead")
        if lead and lead.lower() != "từ":
            return True
        after = text[m.end() : m.end() + 20]
        if _COUNT_AFTER.match(after):
            return False
        if lead:
            return True
        before = text[max(0, m.start() - 16) : m.start()]
        return not _COUNT_BEFORE.search(before)
