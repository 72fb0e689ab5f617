"""ORGANIZATION: gazetteer bodies plus names composed from a head word, a parent or a province.

Four sources, each a candidate with ``canonical_name`` (or a ``place_template`` the linker fills
with the province the context gives):

* gazetteer names, aliases and acronyms (national bodies, VUSTA, ministries, media, partners);
* the VUSTA family: "Liên hiệp (các) Hội (KH&KT) + Việt Nam | tỉnh/thành phố + PROVINCE | tỉnh";
* local bodies: "UBND tỉnh X", "Tỉnh ủy", "Sở KH&CN tỉnh X", "Ban Tuyên giáo Tỉnh ủy";
* head words ("Hội", "Viện", "Trung tâm", "Báo" ...) followed by a capitalized name;

and then sub-bodies named through a parent found above ("Đảng đoàn" + body, "Ban Thường vụ"
+ body), which nest it.
"""

from __future__ import annotations

import re
import string
from collections import defaultdict
from collections.abc import Iterator, Mapping
from itertools import islice
from typing import Any

import regex

from ..gazetteers import Gazetteers
from ..lexicon import Word, WordRun, capitalized
from ..matching import WordList, matches_at, search_at
from ..normalize import Normalizer
from .base import COMMA_BEFORE, LEFT, RIGHT, Analysis, Candidate, Cover, Recognizer
from .shortforms import find_definitions, generic_use

VUSTA = "Liên hiệp các Hội Khoa học và Kỹ thuật Việt Nam"

# Word classes (VLSP tags, lexicon.py) that never stand inside a name: prepositions, conjunctions,
# adverbs, pronouns, determiners, numerals, particles, interjections, fixed phrases, classifiers
# and units. A verb ends it too, unless it follows a verb of the name ("Viện Nghiên cứu phát
# triển ...", "Quỹ Hỗ trợ sáng tạo ...": what the body does).
_BREAK_CLASSES = frozenset({"E", "C", "R", "P", "L", "M", "T", "I", "X", "Nc", "Nu"})
_MAX_NAME_WORDS = 14
# A lower-case office word may start a body right after a position ending in it:
# "Trưởng ban Tuyên giáo ...", "Chánh văn phòng Đảng ủy ...".
_POSITION_BEFORE = regex.compile(r"(?:trưởng|chánh|phó)\s+$", regex.IGNORECASE)
# An office of a Party body named without its parent ("Văn phòng Đảng ủy" + not a name).
_PARTY_OFFICES = ("văn phòng", "ban thường vụ", "thường trực", "ủy ban kiểm tra")
_PARTIES = ("đảng ủy", "đảng đoàn")
_PARTY_OFFICE = regex.compile(
    rf"(?-f)(?<![\p{{L}}])(?P<office>{'|'.join(_PARTY_OFFICES)})\s+"
    rf"(?P<party>{'|'.join(_PARTIES)})(?-i:(?!\s+[\p{{Lu}}\p{{N}}]))(?![\p{{L}}])",
    regex.IGNORECASE | regex.V1,
)
# Party bodies often written in lower case right before the body they belong to.
_LOWER_CASE_PREFIXES = frozenset({"dang doan", "dang uy", "ban can su", "ban can su dang"})
# (Searched from the end backwards, REVERSE: only whether it is found is read.)
_GENERIC_BEFORE = regex.compile(
    r"(?:các|những|nhiều|mọi|từng)\s+$", regex.IGNORECASE | regex.REVERSE
)
# "tỉnh"/"thành phố" before a province; not the "Tỉnh" of "Tỉnh ủy", "Tỉnh đoàn".
_PLACE_WORD = regex.compile(
    r"(?-f)(?:tỉnh(?!\s+(?:ủy|uỷ|đoàn)\b)|thành phố|tp\.|tp)[ \t]*", regex.IGNORECASE | regex.V1
)
_VUSTA_PREFIX = regex.compile(
    LEFT + r"(?:lien hiep (?:cac )?hoi|lhh(?![\p{L}\p{N}&]))"  # "LHH": captions, "PCT LHH Sơn La"
    r"(?:\s+(?:va\s+)?(?P<field>khoa hoc(?:\s+va\s+|\s*-\s*|\s+)ky thuat|kh&kt|khkt|kh-kt"
    r"|khoa hoc va cong nghe))?"
    r"(?:\s*\((?P<paren>[^()\n]{1,40})\))?",
    regex.V1,
)
# What the union of the place in context is written as with no place after it: the name with
# its field ("Liên hiệp các Hội Khoa học và Kỹ thuật"), not a bare "Liên hiệp hội".
_VUSTA_TEMPLATE = "Liên hiệp các Hội Khoa học và Kỹ thuật {place}"


_FRONT = regex.compile(r"Mặt trận Tổ quốc(?! Việt Nam)")
_TRUONG_BEFORE = regex.compile(r"(?:trưởng|Trưởng)\s+$")
# A law's name is not a body's: "Luật Tổ chức Chính phủ", "Bộ luật Dân sự".
_LAW_BEFORE = regex.compile(
    r"(?<![\p{L}])(?:bộ\s+)?luật\s+(?:tổ\s+chức\s+)?$", regex.IGNORECASE | regex.REVERSE
)
# Capitalized words in Latin letters (with "of", "for", "and" ...), then "(ACRONYM)".
_GLOSSED_NAME = regex.compile(
    r"(?<![\p{L}\p{N}])(?P<name>[A-Z][A-Za-z]*(?:-[A-Z][A-Za-z]*)*"
    r"(?:[ ]+(?:of|for|and|the|on|in|&|[A-Z][A-Za-z]*(?:-[A-Z][A-Za-z]*)*)){1,9})"
    r"[ ]*\((?P<acronym>[A-Z][A-Z&]{1,9})\)",
)
# What every match of _GLOSSED_NAME ends with; before it, only _NAME_RUN's characters.
_BRACKETED_ACRONYM = re.compile(r"\([A-Z][A-Z&]{1,9}\)")
_NAME_RUN = frozenset(string.ascii_letters + "-& ")
_GLOSS = regex.compile(r"\s*\([^()]{1,20}\)(?=\s)")
# Between a unit and the university or academy it belongs to: "..., Đại học Huế",
# "... - ĐHQG Hà Nội", "... (ĐHQG Hà Nội)".
_UNIT_OF = regex.compile(r"[ \t]*(?:,|-|–|\()[ \t]*")
# In a document header: the place on the next line(s), or the end of the body's line.
_HEADER_PLACE_BELOW = regex.compile(
    r"(?-f)[ \t]*(?:\n[ \t]*){1,3}(?P<unit>tỉnh|thành phố)[ \t]+", regex.V1 | regex.IGNORECASE
)
_HEADER_LINE_END = regex.compile(r"[ \t]*(?:\||\n|$)")
_MEMBER_AFTER = regex.compile(r"[ \t]+viên(?![\p{L}])", regex.V1)
# Read only this far: with a required word after a run of spaces, the regex module looks for
# the word through the rest of the text before each match (quadratic in a text without it).
_MEMBER_REACH = 32
# Prefixes that are also positions held in the body they name.
_ROLE_PREFIXES = frozenset({"thuong truc", "thuong vu"})
_CENTRAL_OFFICE = regex.compile(r"cơ quan\s+$")  # lower case: "Cơ quan Trung ương X" is an organ
_LAW_AT = regex.compile(r"bộ\s+luật(?![\p{L}])", regex.IGNORECASE)
_ACRONYM_NAME = regex.compile(r"[\p{Lu}\p{N}&\-]{2,}")
# Sub-body prefixes on one body: "Văn phòng Ban Chấp hành Công đoàn Cơ quan" + body is four.
_MAX_SUB_DEPTH = 4
# Read at a position (``pattern.match(text, pos)``), never on a copy of the rest of the text:
# a copy per match makes a long document quadratic. Patterns with a required literal also get
# an end (``_REACH`` characters on): the regex module looks for the literal before matching,
# through the whole rest of the text when it is absent.
_REACH = 200
_GAP = regex.compile(r"[ \t]*(?:\((?:[^()\n]{1,20})\)[ \t]*)?")
_CAPITAL_NEXT = regex.compile(r"[ \t]*[\p{Lu}]", regex.V1)
_PLACE_LIST_NEXT = regex.compile(r"\s*(?:,|và|hoặc|/)\s*(?:thành|tỉnh|tp)", regex.I)
_NATIONAL = regex.compile(r"\s+viet nam(?![\p{L}])")
_CITY_NAME = regex.compile(r"\s+([\p{Lu}][\p{Ll}]+(?:\s+[\p{Lu}][\p{Ll}]+){0,2})")


# A unit below the province after a local body's head (ANNOTATION.md rule 9: "UBND huyện"):
# its type word, then its name, capitalized syllables or a number ("phường 5").
_LOCAL_UNIT = regex.compile(
    r"[ \t]+(?P<unit>(?i:huyện|quận|thị xã|thị trấn|xã|phường|thành phố)|TP\.?)(?![\p{L}])",
    regex.V1,
)
_LOCAL_UNIT_NAME_PART = regex.compile(
    r"[ \t]+(?P<part>[\p{Lu}][\p{Ll}]*+(?:-[\p{Lu}][\p{Ll}]*+)?|\d{1,3})(?![\p{L}\p{N}])", regex.V1
)
_LOCAL_UNIT_MOST_PARTS = 4
# "UBND huyện, thị xã ...", "UBND huyện thị xã ...": a kind of body, not one.
_LOCAL_UNIT_LIST_NEXT = regex.compile(
    r"\s*(?:(?:,|và|hoặc|/)\s*)?(?:huyện|quận|thị xã|thị trấn|xã|phường|thành phố)(?![\p{L}])",
    regex.IGNORECASE | regex.V1,
)


def _after_title(text: str, pos: int) -> int:
    """Where a name starts after a title written short that ends at ``pos`` ("TS. X", "TS X")."""
    pos += text.startswith(".", pos)
    while pos < len(text) and text[pos] in " \t":
        pos += 1
    return pos


_CLAUSE_START_BEFORE = regex.compile(r"(?:^|[\n.,;:(\-])\s*$")
_NAME_PARTS = regex.compile(r"[\s\-]+")


def _first_non_space(text: str, pos: int) -> str:
    """``text[pos:].lstrip()[:1]`` without copying the rest of the text."""
    while pos < len(text) and text[pos].isspace():
        pos += 1
    return text[pos : pos + 1]


def glossed_names(text: str) -> Iterator[regex.Match[str]]:
    """``_GLOSSED_NAME.finditer(text)``, run only on the stretch of Latin letters before each
    bracketed acronym (where a match must lie: most texts have few such brackets)."""
    for bracket in _BRACKETED_ACRONYM.finditer(text):
        start = bracket.start()
        while start > 0 and text[start - 1] in _NAME_RUN:
            start -= 1
        yield from _GLOSSED_NAME.finditer(text, start, bracket.end())


class OrganizationRecognizer(Recognizer):
    label = "ORGANIZATION"
    name = "organization-composer"

    def __init__(self, gazetteers: Gazetteers, normalizer: Normalizer) -> None:
        super().__init__(gazetteers, normalizer)
        fold = normalizer.fold
        self.known: dict[str, dict[str, Any]] = {}
        self.acronyms: dict[str, dict[str, Any]] = {}
        for row in gazetteers["organizations"]:
            info = {"canonical_name": row.canonical_name, "acronym": row.acronym,
                    "category": row.category}  # fmt: skip
            for alias in (row.canonical_name, *row.aliases):
                if alias.isupper() and " " not in alias:
                    self.acronyms.setdefault(alias, info)
                else:
                    self.known.setdefault(fold(alias), info)
            if row.acronym:
                self.acronyms.setdefault(row.acronym, info)
        self.vusta = self.known.get(fold(VUSTA), {"canonical_name": VUSTA, "acronym": "VUSTA"})
        self.known_names = WordList(self.known, joiners="&", view="folded")
        self.acronym_names = WordList(self.acronyms, joiners="-/")  # none inside a code: "42-CT/TW"
        self.abbreviations = {row.short: row.full for row in gazetteers["abbreviations"]}
        self.name_breaks = {w.lower() for w in gazetteers.words("name_breaks")}
        positions = sorted((row.position for row in gazetteers["positions"]), key=len, reverse=True)
        # "Bộ trưởng", "Viện trưởng": a position that starts with a head word.
        self.position_start = regex.compile(
            r"(?-f)(?i:\L<positions>)(?![\p{L}])", regex.V1, positions=positions
        )
        # A position right before a body ("Chủ tịch Hội Nông dân ..."): the body's name is
        # then followed by the person's ("... Hội Nông dân Nguyễn Văn A").
        self.position_before = regex.compile(
            r"(?-f)(?<![\p{L}])(?i:\L<positions>)\s+$", regex.V1, positions=positions
        )
        # A personal name: a surname, then two or three capitalized syllables.
        self.person_name = regex.compile(
            r"(?-i:\L<surnames>)(?:[ ]+[\p{Lu}][\p{Ll}]+){2,3}(?![\p{L}\p{N}])",
            regex.V1,
            surnames=sorted(gazetteers.words("surnames"), key=len, reverse=True),
        )
        # Titles written short ("TS", "ThS", "BS.CKII"): after a body's first word they start
        # the name of the person who holds a post there, not more of the body's name.
        self.title_abbreviations = {
            part
            for row in gazetteers["titles"]
            if " " not in row.form and not row.form.islower()
            for part in row.form.split(".")
            if part and not part.istitle()
        }
        heads: dict[str, list[str]] = {}
        for head_row in gazetteers["org_heads"]:
            heads.setdefault(head_row.role, []).append(head_row.head)
        self.body_heads = self._folded_words(heads.get("body", []) + heads.get("local_body", []))
        self.sub_heads = self._folded_words(heads.get("sub_body", []))
        self.place_heads = self._folded_words(heads.get("place_body", []))
        self._all_heads = self.body_heads | self.place_heads
        # What a folded body name starts with: a head word and a space (one ``startswith``).
        self._head_starts = tuple(sorted(head + " " for head in self._all_heads))
        # Head words keep their diacritics ("Quý", "Quy" are not "Quỹ"; "Trương" not "Trường").
        # Venues are read as heads too, so that "Trung tâm Hội nghị ..." is not "Trung tâm" + name.
        self.venue_heads = self._folded_words(heads.get("venue", []))
        self.district_heads = self._folded_words(heads.get("district_body", []))
        self.parent_heads = self._folded_words(heads.get("parent_body", []))
        self.unit_heads = self._folded_words(heads.get("unit", []))
        self.person_named_heads = self._folded_words(heads.get("person_named", []))
        self.head_forms = {self.normalizer.fold(h): h for hs in heads.values() for h in hs}
        body_words = (
            heads.get("body", [])
            + heads.get("local_body", [])
            + heads.get("venue", [])
            + heads.get("district_body", [])
        )
        # Matched on the lower-cased text: head words keep their diacritics.
        self.heads = WordList({w.lower() for w in body_words}, joiners="&", view="lowered")
        self.place_heads_list = WordList(self.place_heads, joiners="&", view="folded")
        # Sub-body heads keep their diacritics too ("Hội Đông y" is no "Hội đồng").
        sub_forms = sorted({w.lower() for w in heads.get("sub_body", [])}, key=len, reverse=True)
        self.sub_start = regex.compile(
            r"(?-f)\L<heads>(?![\p{L}])", regex.V1 | regex.IGNORECASE, heads=sub_forms
        )
        # Where a position or a sub-body's head starts: the patterns above that end where a
        # body starts are tried only there.
        position_words = [p.lower() for p in positions]
        self._position_words = WordList(
            position_words, letters_only=True, edges="start", view="lowered"
        )
        self._sub_words = WordList(sub_forms, edges="none", view="lowered")
        # Where position_start may match (a position word, whatever stands before it).
        self._position_anywhere = WordList(position_words, edges="none", view="lowered")
        self._party_office_words = WordList(_PARTY_OFFICES, edges="none", view="lowered")
        # A sub-body's prefix may name its term: "Đoàn Chủ tịch khóa VIII" + body.
        self.sub_pattern = regex.compile(
            r"(?-f)(?P<head>\L<heads>)(?:\s+(?:khóa|khoá)\s+[ivxlc\d]{1,6})?\s+$",
            regex.V1 | regex.IGNORECASE,
            heads=sub_forms,
        )

    def _folded_words(self, words: list[str]) -> set[str]:
        return {self.normalizer.fold(w) for w in words}

    # -- helpers ---------------------------------------------------------------------------
    def expand(self, surface: str) -> str:
        """Spell out abbreviations and fix spacing: "UBND tỉnh" -> "Ủy ban nhân dân tỉnh"."""
        abbreviations = self.abbreviations
        words = []
        for word in surface.split():
            full = abbreviations.get(word)
            if full is None and word.endswith("."):
                full = abbreviations.get(word.rstrip("."))
            words.append(full if full else word)
        result = " ".join(words)
        if "(" in result:
            result = _GLOSS.sub("", result)  # "Hội X (KHLS) Việt Nam"
        result = result.replace(" & ", " và ")
        if "Mặt trận" in result:
            result = _FRONT.sub("Mặt trận Tổ quốc Việt Nam", result)
        return result[:1].upper() + result[1:]

    @staticmethod
    def _province_at(provinces: dict[int, Candidate], pos: int) -> Candidate | None:
        return provinces.get(pos)

    def _place_after(
        self, analysis: Analysis, end: int, provinces: dict[int, Candidate]
    ) -> tuple[int, Candidate | None, str] | None:
        """After a body name: "tỉnh X", "thành phố X", "X", or a bare "tỉnh" (context).

        Returns (new end, province candidate or None, place word) or None.
        """
        text = analysis.text
        gap = _GAP.match(text, end)
        pos = gap.end() if gap else end
        at_pos = self._province_at(provinces, pos)
        if at_pos is not None:  # "TP.HCM": the place word is part of the province's alias
            return at_pos.end, at_pos, ""
        word = _PLACE_WORD.match(text, pos)
        place_word = ""
        after_word = pos
        if word:
            place_word = word.group().strip().lower()
            after_word = word.end()
        province = self._province_at(provinces, after_word)
        if province is not None:
            return province.end, province, place_word
        if (
            word
            and place_word in ("tỉnh", "thành phố")
            and (
                not _CAPITAL_NEXT.match(text, after_word)
                or self._person_at(text, after_word)  # "UBND tỉnh Tạ Thị Mỹ Hạnh"
            )
            and not _PLACE_LIST_NEXT.match(text, after_word, after_word + _REACH)
        ):
            return pos + len(word.group().rstrip()), None, place_word
        return None

    def _local_unit(self, text: str, start: int, end: int) -> tuple[int, str] | None:
        """After a local body's head ending at ``end``: a unit below the province ("huyện
        Mường Tè", "phường 5", "xã" alone), as (where it ends, "unit name"); None if none.

        A person may follow the unit ("Chủ tịch UBND xã Pa Vệ Sủ Lò Thị Mai", "Chủ tịch UBND
        huyện Nguyễn Văn An"): the name stops before one, at its first syllable too when a
        position stands before the body (a unit may be named after a person: "phường Hoàng
        Văn Thụ")."""
        unit = _LOCAL_UNIT.match(text, end)
        if unit is None:
            return None
        parts: list[str] = []
        position = unit.end()
        person_follows: bool | None = None
        while len(parts) < _LOCAL_UNIT_MOST_PARTS:
            part = _LOCAL_UNIT_NAME_PART.match(text, position)
            if part is None:
                break
            if self._person_at(text, part.start("part")):
                if person_follows is None:
                    person_follows = bool(
                        self.position_before.search(text, max(0, start - 40), start)
                    )
                if parts or person_follows:
                    break
            parts.append(part.group("part"))
            position = part.end()
            if parts[-1].isdigit():
                break
        word = unit.group("unit").lower()
        if word.startswith("tp"):
            word = "thành phố"  # "UBND TP. Vinh"
        if parts:
            return position, f"{word} {' '.join(parts)}"
        if word == "thành phố" or _LOCAL_UNIT_LIST_NEXT.match(text, unit.end()):
            return None  # a city needs its name; "UBND huyện, thị xã": a kind of body
        return unit.end(), word

    def _header_place(
        self, analysis: Analysis, start: int, end: int, provinces: dict[int, Candidate]
    ) -> tuple[int, Candidate | None, str] | None:
        """A document header names its issuing body in capitals, on lines of its own:
        "ỦY BAN NHÂN DÂN" over "TỈNH ĐỒNG NAI", or alone beside the national motto (then the
        context names the province)."""
        text = analysis.text
        if text[max(0, text.rfind("\n", 0, start) + 1) : start].strip():
            return None  # not where a line starts
        below = _HEADER_PLACE_BELOW.match(text, end)
        if below is not None:
            province = self._province_at(provinces, below.end())
            if province is not None:
                return province.end, province, below.group("unit").lower()
        if _HEADER_LINE_END.match(text, end):
            return end, None, "tỉnh"
        return None

    def _place_name(self, province: Candidate | None, place_word: str) -> str:
        if province is None:
            return ""
        unit = province.fields.get("unit_type") or "tỉnh"
        return f"{unit} {province.fields['name']}"

    # -- analysis --------------------------------------------------------------------------
    def analyze(self, analysis: Analysis) -> list[Candidate]:
        text, folded = analysis.text, analysis.folded
        provinces: dict[int, Candidate] = {}  # by start: the first province found there
        for province in analysis.of_label("PROVINCE"):
            provinces.setdefault(province.start, province)
        found: list[Candidate] = []

        for start, end in analysis.longest(self.known_names):
            surface = text[start:end]
            info = self.known[folded[start:end]]
            if not capitalized(surface) and (
                len(surface.split()) <= 2
                or (
                    surface.islower()
                    and not _CLAUSE_START_BEFORE.search(text[max(0, start - 3) : start])
                )
            ):
                continue  # "tiến bộ khoa học và công nghệ" is not the ministry
            if _LAW_BEFORE.search(text, max(0, start - 20), start):
                continue  # "Luật Tổ chức Chính phủ": a law's name
            found.append(self.candidate(start, end, priority=4, **info))
        names = Cover(c.span for c in found)
        name_starts = {c.start for c in found}
        organ_starts: list[int] | None = None
        for start, end in analysis.scan(self.acronym_names):
            info = self.acronyms[text[start:end]]
            if names.covers(start, end):
                # "Quỹ VIFOTEC", "MTTQ Việt Nam": the acronym is part of a name. Unless an organ
                # is named through it there ("Đảng ủy MTTQ, các đoàn thể Trung ương", "Ủy ban
                # Trung ương MTTQVN"): then it is that organ's parent (ANNOTATION.md rule 1).
                if start in name_starts:
                    continue
                if organ_starts is None:
                    organ_starts = analysis.starts(self._sub_words)
                organ = search_at(self.sub_pattern, text, organ_starts, max(0, start - 40), start)
                if organ is None or organ.end() != start or not capitalized(organ.group("head")):
                    continue
                # (The name around it is the organ's: none is composed from this parent.)
                info = {**info, "inside_name": True}
            found.append(self.candidate(start, end, priority=4, **info))

        found.extend(self._named_with_acronym(analysis))
        found.extend(self._vusta_family(analysis, provinces))
        place_bodies = self._place_bodies(analysis, provinces)
        # "Tỉnh [đoàn TNCS Hồ Chí Minh]": a name that starts inside the first word of a local
        # body's name is part of that body's name, not a body of its own.
        head_words = Cover(
            (b.start + 1, words[0].end)
            for b in place_bodies
            if (words := analysis.words(b.start, b.start + 24, limit=1))
        )
        for body in found:
            if head_words.covers(body.start, body.start + 1):
                body.fields["absorbed"] = True
        found.extend(place_bodies)
        found.extend(self._party_offices(analysis))  # before head words claim "Văn phòng"
        found.extend(self._headed_bodies(analysis, provinces, found))
        found.extend(self._units_of_parents(analysis, found))
        found.extend(self._short_form_uses(analysis, found))
        found.extend(self._sub_bodies(analysis, found))
        # A context-only parent of a sub-body ("Tỉnh ủy" in "Ban Thường vụ Tỉnh ủy") and a
        # body named again after its head word are not mentions of their own.
        return [c for c in found if not c.fields.get("absorbed")]

    def _named_with_acronym(self, analysis: Analysis) -> list[Candidate]:
        """A name in Latin letters with no head word, whose bracketed acronym spells its
        capitals: "Asia-Pacific Network for Soil Science (APNSS)", "Rosa Luxemburg Stiftung
        (RLS)"."""
        out = []
        for m in glossed_names(analysis.text):
            name, acronym = m.group("name"), m.group("acronym")
            initials = "".join(w[0] for w in _NAME_PARTS.split(name) if w[:1].isupper())
            if initials.upper() == acronym.replace("&", "").upper():
                out.append(self.candidate(m.start("name"), m.end("name"), priority=4,
                                          canonical_name=name, acronym=acronym))  # fmt: skip
        return out

    def _vusta_family(self, analysis: Analysis, provinces: dict[int, Candidate]) -> list[Candidate]:
        text, folded = analysis.text, analysis.folded
        out = []
        for m in _VUSTA_PREFIX.finditer(folded):
            end = m.end()
            national = _NATIONAL.match(folded, end, end + _REACH)
            if national:
                out.append(
                    self.candidate(
                        m.start(),
                        national.end(),
                        priority=6,
                        canonical_name=self.vusta["canonical_name"],
                        acronym=self.vusta.get("acronym"),
                    )
                )
                continue
            place = self._place_after(analysis, end, provinces)
            if place is None and m.group("field") and capitalized(text[m.start() : end]):
                # The whole name, and no place: the union of the place the text is about (the
                # linker's context), unless it is said of many ("... các tỉnh").
                candidate = self.candidate(m.start(), m.end("field"), priority=6,
                                           canonical_name=None, acronym=None,
                                           place_template=_VUSTA_TEMPLATE)  # fmt: skip
                if not generic_use(candidate, text):
                    out.append(candidate)
                continue
            if place is None:
                if m.group("paren") is None and capitalized(text[m.start() : end]):
                    # A bare "Liên hiệp hội": a mention only where the text defines it as
                    # a short form (the linker decides).
                    out.append(self.candidate(m.start(), end, priority=2, canonical_name=None,
                                              acronym=None, short_form=True))  # fmt: skip
                continue
            new_end, province, place_word = place
            if province is None:
                out.append(self.candidate(m.start(), new_end, priority=6, canonical_name=None,
                                          acronym=None, place_template=_VUSTA_TEMPLATE))  # fmt: skip
                continue
            canonical = (
                f"Liên hiệp các Hội Khoa học và Kỹ thuật {self._place_name(province, place_word)}"
            )
            out.append(self.candidate(m.start(), new_end, priority=6, canonical_name=canonical,
                                      acronym=None))  # fmt: skip
        return out

    def _place_bodies(self, analysis: Analysis, provinces: dict[int, Candidate]) -> list[Candidate]:
        text = analysis.text
        out = []
        for start, end in analysis.scan(self.place_heads_list):
            key = analysis.folded[start:end]
            surface_head = text[start:end]
            if _MEMBER_AFTER.match(text, end, end + _MEMBER_REACH):
                continue  # "Tỉnh ủy viên": a role (ANNOTATION.md rule 8), no body
            if not capitalized(surface_head) and key not in ("thanh uy", "tinh uy"):
                continue
            if _GENERIC_BEFORE.search(text[max(0, start - 12) : start]):
                continue
            head = self.expand(surface_head)
            capitals = surface_head.isupper() or analysis.in_capitals(start)
            if surface_head.isupper() and head == surface_head and " " in head:
                head = self.head_forms.get(key, head)  # "ỦY BAN NHÂN DÂN": usual case
            is_committee = key in ("tinh uy", "thanh uy")
            place = self._place_after(analysis, end, provinces)
            if place is None and capitals:
                place = self._header_place(analysis, start, end, provinces)
            if place is not None:
                new_end, province, place_word = place
                if province is not None:
                    name = province.fields["name"]
                    if is_committee:
                        canonical = f"{head} {name}"
                    else:
                        canonical = f"{head} {self._place_name(province, place_word)}"
                    out.append(self.candidate(start, new_end, priority=5,
                                              canonical_name=canonical, acronym=None))  # fmt: skip
                    continue
                template = f"{head} {{place}}"
                out.append(self.candidate(start, new_end, priority=5, canonical_name=None,
                                          acronym=None, place_template=template))  # fmt: skip
                continue
            local = (
                None if key.startswith(("tinh ", "thanh ")) else self._local_unit(text, start, end)
            )
            if local is not None:
                local_end, unit_name = local
                out.append(self.candidate(start, local_end, priority=5,
                                          canonical_name=f"{head} {unit_name}", acronym=None))  # fmt: skip
                continue
            city = _CITY_NAME.match(text, end)
            if city and self._person_at(text, city.start(1)):
                city = None  # "Phó Bí thư Tỉnh ủy Vương Đức Hiển": the person, not a city
            if is_committee and city:
                canonical = f"{head} {city.group(1)}"
                out.append(self.candidate(start, city.end(), priority=5, canonical_name=canonical,
                                          acronym=None))  # fmt: skip
            elif capitalized(surface_head) and key.startswith(("tinh ", "thanh ")):
                # A bare "Tỉnh ủy", "Tỉnh đoàn TNCS Hồ Chí Minh": the level is in the name, the
                # province is the context's.
                template = f"{head} {{name}}" if is_committee else f"{head} {{place}}"
                out.append(self.candidate(start, end, priority=5, canonical_name=None,
                                          acronym=None, place_template=template))  # fmt: skip
        return out

    def _headed_bodies(
        self, analysis: Analysis, provinces: dict[int, Candidate], known: list[Candidate]
    ) -> list[Candidate]:
        text = analysis.text
        out = []
        # Lookups into ``known`` by position: which spans cover a point, which end where.
        found_already = Cover(c.span for c in known)
        ending_at: dict[int, list[Candidate]] = defaultdict(list)
        for c in known:
            ending_at[c.end].append(c)
        # Where the bodies found so far start, and how far the longest one there reaches.
        known_starts: dict[int, int] = {}
        for c in known:
            known_starts[c.start] = max(c.end, known_starts.get(c.start, c.end))
        position_starts = analysis.starts(self._position_words)
        position_at = set(analysis.starts(self._position_anywhere))
        province_ending = {p.end: p for p in provinces.values()}
        previous_head_end = -1
        read_through = -1  # the end of the last name that ran to the most words a name has
        for head_start, head_end in analysis.scan(self.heads):
            head_surface = text[head_start:head_end]
            head_capitalized = capitalized(head_surface)
            before = text[max(0, head_start - 12) : head_start]
            # ("rưởng" first: in few of the stretches before a head, and found in C.)
            after_position = _TRUONG_BEFORE.search(before) if "rưởng" in before else None
            if not head_capitalized and not after_position:
                # (Read first, before anything else: a third of the heads found are such
                # words in lower case, and they change nothing for the heads after them.)
                continue
            head_key = self.normalizer.fold(head_surface)
            follows_head = previous_head_end >= 0 and not text[previous_head_end:head_start].strip()
            # "Đại hội Hội ...": "hội" in a word is no head before; a lower-case head after a
            # position is one ("Trưởng ban Tổ chức Hội thi": "Tổ chức" names that "ban").
            if head_capitalized or after_position:
                previous_head_end = head_end
            if head_key in self.venue_heads:
                continue  # "Trung tâm Hội nghị quốc gia": a venue (ANNOTATION.md rule 9)
            if follows_head and head_key not in self.sub_heads:
                continue  # "Ban Tổ chức ...": the word after a head is the name, not a head
            if found_already.covers(head_start, head_start + 1) or head_start < read_through:
                continue  # inside a body found already
            if _GENERIC_BEFORE.search(before) or _LAW_BEFORE.search(before):
                continue
            if _LAW_AT.match(text, head_start):
                continue
            if after_position is not None:
                position = self.position_start.match(
                    text, head_start - len(before) + after_position.start()
                )
                if position is not None and position.end() > head_end:
                    continue  # "Phó trưởng Ban Thường trực | Ban ...": the head is the position's
            upper = head_surface.isupper() and len(head_surface) > 1
            if self._not_a_head(analysis, head_start, head_end, upper, position_at):
                continue
            person_follows = bool(
                after_position
                or search_at(
                    self.position_before, text, position_starts, max(0, head_start - 40), head_start
                )
            )
            end, run_to_limit = self._name_end(
                analysis,
                head_end,
                upper=upper,
                person_follows=person_follows,
                stops=known_starts,
                head=head_surface,
            )
            if run_to_limit and end is not None:
                # No name is that long: a run of capitalized words (a pathological text).
                # The heads inside it are read as part of it, not each over it again.
                read_through = max(read_through, end)
            if head_key in self.district_heads and _MEMBER_AFTER.match(
                text, head_end, head_end + _MEMBER_REACH
            ):
                continue  # "Huyện ủy viên": a role
            if end is None and head_key in self.district_heads and capitalized(head_surface):
                # "Huyện ủy": one body of the district the article is about, named or not.
                out.append(self.candidate(head_start, head_end, priority=3, head=head_key,
                                          canonical_name=self.expand(head_surface), acronym=None))  # fmt: skip
                continue
            if end is None:
                continue
            sub_head = self.sub_start.match(text, head_start)
            if sub_head is not None and not self._named_after(text, sub_head.end(), end):
                continue  # "Ban Chấp hành mở rộng", "Văn phòng Hội": no one body named
            if sub_head is not None and sub_head.end() + 1 in known_starts:
                continue  # "Hội đồng Trung ương" + a body: _sub_bodies composes it
            name_start = sub_head.end() if sub_head is not None else head_end
            if self.normalizer.fold(text[name_start:end]).strip() in self._all_heads:
                continue  # "Ban Chấp hành Hội", "Văn phòng Hội": a head is no name
            # Extend over a trailing place ("... tỉnh Sơn La") or "Việt Nam".
            name_end = end
            place = self._place_after(analysis, end, provinces)
            province = None
            context_place = False
            if place is not None and place[1] is not None:
                end, province = place[0], place[1]
            elif place is not None and place[2] == "tỉnh" and "(" not in text[end : place[0]]:
                end, context_place = place[0], True  # (not over a gloss: "... (Hội X) tỉnh")
            inside = province_ending.get(name_end) if province is None else None
            if inside is not None and inside.start > head_end:
                province = inside  # "Sở Y tế Hải Phòng": the place ends the name already
            surface = text[head_start:end]
            if sub_head and end <= sub_head.end():
                continue  # a bare "Ban Chấp hành", "Ban Thường vụ": not one named body
            inner_any = [c for c in ending_at.get(end, ()) if head_start < c.start]
            inner = [c for c in inner_any if c.fields.get("canonical_name")]
            if (
                inner
                and not text[head_end : inner[0].start].strip()
                and head_key not in self.sub_heads
                and inner[0].priority == 4
            ):
                # "Tổ chức Plan International Việt Nam": the head only names the known body.
                canonical = inner[0].fields["canonical_name"]
                inner[0].fields["absorbed"] = True
            else:
                canonical = self.expand(surface)
                # "Ban Dân vận T.Ư": spelled out, the name of a body the gazetteer knows.
                known_body = self.known.get(self.normalizer.fold(canonical))
                if known_body is not None:
                    canonical = known_body["canonical_name"]
            fields: dict[str, Any] = {"canonical_name": canonical, "acronym": None}
            if inner_any and text[head_end : inner_any[0].start].strip():
                # "Ban Tuyên giáo Tỉnh ủy": its name is the prefix + the parent's full name,
                # known once the linker has placed the parent.
                prefix = self.expand(text[head_start : inner_any[0].start].strip())
                fields["compose"] = (prefix, inner_any[0])
            name = text[head_end:end].strip()
            if _ACRONYM_NAME.fullmatch(name):
                fields["acronym"] = name  # "Trung tâm RIC"
            if province is None and (head_key in ("so", "chi cuc") or context_place):
                # "Sở KH&CN", "Trung tâm Khuyến nông tỉnh": a provincial body of the context.
                fields = {"canonical_name": None, "acronym": None,
                          "place_template": self.expand(text[head_start : name_end]) + " {place}"}  # fmt: skip
            out.append(self.candidate(head_start, end, priority=3, head=head_key, **fields))
        return out

    @staticmethod
    def _named_after(text: str, sub_head_end: int, end: int) -> bool:
        """After a sub-body's head ("Ban Chấp hành"), a name with a capitalized word: "Ban
        Tuyên giáo và Dân vận ...", not "Ban Chấp hành mở rộng"."""
        return any(word[:1].isupper() for word in text[sub_head_end:end].split())

    def _not_a_head(
        self, analysis: Analysis, start: int, end: int, upper: bool, position_at: set[int]
    ) -> bool:
        """The head word is part of another word: a position ("Bộ trưởng", "Viện Trưởng"), or,
        in an all-capitals line where case cannot tell, a longer word around it ("ĐẠI HỘI",
        "HỘI NGHỊ", "BÁO CÁO"). (``position_at``: where a position word starts.)"""
        position = self.position_start.match(analysis.text, start) if start in position_at else None
        if position is not None and position.end() > end:
            return True
        if not upper:
            return False
        before = analysis.words(max(0, start - 12), end)
        if before and before[-1].start < start and before[-1].end >= end:
            return True
        after = analysis.words(start, end + 24, limit=1)
        return bool(after) and after[0].end > end

    def _name_end(
        self,
        analysis: Analysis,
        head_end: int,
        upper: bool = False,
        person_follows: bool = False,
        stops: Mapping[int, int] | None = None,
        head: str = "",
    ) -> tuple[int | None, bool]:
        """End of the name after a head word, or None when no capitalized name follows; and
        whether the name ran to the most words a name has (``_MAX_NAME_WORDS``).

        The name is read word by word (lexicon words, not syllables): capitalized words belong
        to it; a lower-case word belongs to it unless its class ends a name (a preposition, a
        verb saying what the body did, ...) or it is a word of time or term ("khóa", "nhiệm
        kỳ"). In an all-capitals line (``upper``) case says nothing, so every word is read by
        its class.
        """
        text = analysis.text
        # Enough words for the longest name and the look-ahead of the tests below.
        words = analysis.word_run(head_end, head_end + 200, limit=_MAX_NAME_WORDS + 5)
        stops = stops or {}
        end = None
        pending = head_end  # end of the last word walked over
        previous = None  # the last word taken into the name
        for index, word in enumerate(words):
            if index == _MAX_NAME_WORDS:
                return end, True
            gap = text[pending : word.start]
            joiner = gap.strip()
            if (
                joiner == ","
                and not self._starts_body(text, pending + 1)
                and self._listed_name_part(text, words, index)
            ):
                pass  # "Viện Chính sách, Pháp luật và Quản lý": a list inside the name
            elif joiner == "&" and word.capitalized and previous is not None:
                pass  # "Hiệp hội Trang trại & Doanh nghiệp ..."
            elif joiner == "(" and previous is not None and self._gloss_inside(words, index, text):
                pending = word.end + 1
                continue  # "Hội Khoa học lịch sử (KHLS) Việt Nam": the bracket is inside
            elif joiner not in ("", "-") or "\n" in gap:
                break  # punctuation or a line break closes the name
            lower = word.text.lower()
            name_cased = word.capitalized and not upper  # (case says nothing in capitals)
            if word.start in stops and previous is not None:
                # Another body follows with no word between: the parent this one is named
                # through ("Ban Tuyên giáo và Dân vận Tỉnh ủy", "Đại học Công nghệ - ĐHQG ...").
                end = stops[word.start]
                break
            if index == 0:
                if not word.capitalized and not self._lower_name_to_place(words, analysis, head):
                    return None, False
                if (
                    self._person_at(text, word.start)
                    and self.normalizer.fold(head) not in self.person_named_heads
                ):
                    return None, False  # "... Chính sách Hội Nguyễn Văn A": a person after a title
            elif lower in ("tỉnh", "thành", "thành phố", "tp"):
                break  # "... tỉnh X": the place is added by _place_after
            elif lower in ("và", "hoặc"):
                following = words.get(index + 1)
                if following is None or following.text[:1].isdigit():
                    break  # "Hội đồng Trung ương và 1 ủy viên"
                if self._starts_body(text, word.end):
                    break  # "Sở Thông tin và Truyền thông và Hiệp hội ...": two bodies
                pending = word.end
                continue  # part of the name only if a name word follows
            elif name_cased:
                if (
                    person_follows
                    and self._person_at(text, word.start)
                    and not self._heads_only(text, head, words[:index])
                ):
                    # "Chủ tịch Hội Nông dân Nguyễn Văn A": the person after the body (unless
                    # a school's or an academy's has no name but its head yet: "Hiệu trưởng
                    # Trường Đại học Tôn Đức Thắng" is a university named after a person)
                    break
                if self._titles_only(word.text) and self._person_at(
                    text, _after_title(text, word.end)
                ):
                    break  # "... Trường Đại học Cần Thơ PGS.TS Lâm Thị Oanh": a person's titles
            elif not self._name_word(text, words, index, previous):
                break
            end = word.end
            previous = word
            pending = word.end
            if analysis.lowered.endswith("việt nam", 0, end):
                break  # a national body's name ends with the country
        return end, False

    def _lower_name_to_place(self, words: WordRun, analysis: Analysis, head: str) -> bool:
        """A name that starts in lower case and runs, through nouns only, to a capitalized
        place or people: "Hiệp hội y học dân gian Nga" (foreign bodies are often written so)."""
        text = analysis.text
        if analysis.lexicon is not None and analysis.lexicon.word_class(head) == "V":
            return False  # "Tổ chức hội nghị ...": the head word is a verb here
        previous = None
        pending = words[0].start if words else 0
        for word in islice(words, 6):  # (read as far as the walk goes)
            if analysis.text[pending : word.start] != " " and previous is not None:
                return False  # punctuation ends the name first
            pending = word.end
            if word.capitalized:
                return (
                    previous is not None
                    and not self._person_at(text, word.start)
                    and self.normalizer.fold(word.text) not in self._all_heads
                )
            if word.syllables == 1 and previous is None:
                return False  # one syllable is too little to be sure it is no verb's object
            if word.word_class is not None or word.text.lower() in self.name_breaks:
                return False
            previous = word
        return False

    def _gloss_inside(self, words: WordRun, index: int, text: str) -> bool:
        """An acronym in brackets with more of the name after it."""
        word = words[index]
        following = words.get(index + 1)
        return (
            _ACRONYM_NAME.fullmatch(word.text) is not None
            and text.startswith(")", word.end)
            and following is not None
            and text[word.end + 1 : following.start] == " "
            and following.capitalized
            and not self._person_at(text, following.start)
            and self.normalizer.fold(following.text) not in self._all_heads
        )

    def _name_word(self, text: str, words: WordRun, index: int, previous: Word | None) -> bool:
        """A lower-case (or all-capitals) word after the first one: part of the name?"""
        word = words[index]
        if word.text.lower() in self.name_breaks:
            return False
        if word.word_class in _BREAK_CLASSES:
            return False
        if word.word_class != "V" or previous is None:
            return True
        # A verb continues the name inside what the body does, right after its head ("Viện
        # Nghiên cứu phát triển ..."), or as the last word of a lower-case noun phrase
        # ("Hội Bảo vệ người tiêu dùng tỉnh X", "... trí thức sáng tạo vừa ..."); not after a
        # proper name ("... Tỉnh ủy Thanh Hóa đồng ý"), nor with an object ("... cấp chứng chỉ").
        if previous.word_class == "V":
            return previous is words[0] or not previous.capitalized
        return not previous.capitalized and self._closes_name(text, words, index)

    def _closes_name(self, text: str, words: WordRun, index: int) -> bool:
        """Nothing of the clause follows ``words[index]``: punctuation or the line's end, a
        place or term word, or an adverb that starts the predicate ("đã", "vừa")."""
        end = words[index].end
        following = words.get(index + 1)
        if following is None or text[end : following.start].strip():
            return True
        lower = following.text.lower()
        return (
            lower in ("tỉnh", "thành phố", "thành", "tp")
            or lower in self.name_breaks
            or following.word_class == "R"
        )

    def _heads_only(self, text: str, head: str, words: list[Word]) -> bool:
        """The head and the words read after it make up one head of bodies often named after a
        person ("Trường" + "Đại học": "Trường Đại học"; "Học viện"), no name yet."""
        named = " ".join([head, *(word.text for word in words)])
        return self.normalizer.fold(named) in self.person_named_heads

    def _titles_only(self, word: str) -> bool:
        """The word is academic titles written short ("TS", "PGS.TS", "ThS."), none else."""
        parts = word.rstrip(".").split(".")
        return all(part in self.title_abbreviations for part in parts)

    def _person_at(self, text: str, pos: int) -> bool:
        """A personal name starts at ``pos``: a surname and two or three capitalized syllables."""
        return self.person_name.match(text, pos) is not None

    def _listed_name_part(self, text: str, words: WordRun, index: int) -> bool:
        """After a comma, more of the name: capitalized words closed by "và" + a capitalized
        word ("Viện Chính sách, Pháp luật và Quản lý"), or lower-case nouns that run to the
        body's place ("Hội Cơ khí, luyện kim tỉnh Thái Nguyên")."""
        window = words[index : index + 5]
        if not window:
            return False
        if not window[0].text[:1].isupper():
            for position, word in enumerate(window):
                if position and text[window[position - 1].end : word.start] != " ":
                    return False
                if word.text.lower() in ("tỉnh", "thành phố"):
                    return position > 0
                if word.capitalized or word.word_class is not None:
                    return False
                if word.text.lower() in self.name_breaks:
                    return False
            return False
        for position, word in enumerate(window[1:], start=1):
            if word.text == "và":
                following = window[position + 1 : position + 2]
                return bool(following) and following[0].text[:1].isupper()
            if not word.capitalized and word.word_class in _BREAK_CLASSES:
                return False
        return False

    def _starts_body(self, text: str, pos: int) -> bool:
        folded = self.normalizer.fold(text[pos : pos + 40]).lstrip()
        return folded.startswith(self._head_starts) and _first_non_space(text, pos).isupper()

    def _party_office_matches(self, analysis: Analysis) -> Iterator[regex.Match[str]]:
        """``_PARTY_OFFICE.finditer``, tried only at an office word with a party word after
        the space that follows it."""
        lowered = analysis.lowered
        starts = []
        for start, end in analysis.longest(self._party_office_words):
            after = end
            while after < len(lowered) and lowered[after].isspace():
                after += 1
            if after > end and lowered.startswith(_PARTIES, after):
                starts.append(start)
        return matches_at(_PARTY_OFFICE, analysis.text, starts)

    def _party_offices(self, analysis: Analysis) -> list[Candidate]:
        """ "Văn phòng Đảng ủy", "Ban Thường vụ Đảng ủy": the Party body of the article's body.

        The linker names it after the nearest "Đảng ủy X" mention, else the document's main body.
        """
        out = []
        for m in self._party_office_matches(analysis):
            if not capitalized(m.group("office")) and not _POSITION_BEFORE.search(
                analysis.text[max(0, m.start() - 10) : m.start()]
            ):
                continue
            office = self.expand(m.group("office"))
            party = " ".join(m.group("party").split())
            party = party[:1].upper() + party[1:].lower()
            out.append(
                self.candidate(
                    m.start(),
                    m.end(),
                    priority=4,  # over a head-word reading of the same words ("Văn phòng Đảng")
                    canonical_name=None,
                    acronym=None,
                    party_office=(office, party),
                )
            )
        return out

    def _head_of(self, text: str, body: Candidate) -> str:
        """The folded head word a body's name starts with ("" when none is known)."""
        words = self.normalizer.fold(text[body.start : body.end]).split()
        for n in (3, 2, 1):
            if " ".join(words[:n]) in self.head_forms:
                return " ".join(words[:n])
        return ""

    def _units_of_parents(self, analysis: Analysis, bodies: list[Candidate]) -> list[Candidate]:
        """A unit named with the university or academy it belongs to is one body: "Viện Công
        nghệ sinh học, Đại học Huế", "Đại học Công nghệ - ĐHQG Hà Nội", "Viện Công nghệ
        Thông tin (ĐHQG Hà Nội)"; the parent nests inside it. A list of bodies ("Viện Hàn
        lâm, Đại học Quốc gia Hà Nội, Đại học Quốc gia TPHCM") is not."""
        text = analysis.text
        starting: dict[int, Candidate] = {}
        for body in sorted(bodies, key=lambda b: b.start - b.end):
            starting.setdefault(body.start, body)
        out = []
        for unit in bodies:
            unit_head = self._head_of(text, unit)
            if unit_head not in self.unit_heads:
                continue
            joint = _UNIT_OF.match(text, unit.end)
            parent = starting.get(joint.end()) if joint else None
            if joint is None or parent is None or not parent.fields.get("canonical_name"):
                continue
            parent_head = self._head_of(text, parent)
            if parent_head not in self.parent_heads or (
                unit_head.startswith("truong") and parent_head.startswith("truong")
            ):
                continue
            end = parent.end
            if "(" in joint.group():
                if not text.startswith(")", end) or unit_head.startswith("truong"):
                    continue  # "Trường Đại học X (Đại học Y)": a member school, named apart
                end += 1
            elif (next_joint := _UNIT_OF.match(text, end)) and starting.get(next_joint.end()):
                continue  # "A, B, C": a list
            name = unit.fields.get("canonical_name") or self.expand(text[unit.start : unit.end])
            unit.fields["absorbed"] = True  # the unit is mentioned once, with its parent
            out.append(self.candidate(
                unit.start, end, priority=unit.priority,
                canonical_name=f"{name} - {parent.fields['canonical_name']}", acronym=None,
                compose=(f"{name} -", parent),
            ))  # fmt: skip
        return out

    def _role_prefix(self, text: str, start: int, end: int) -> bool:
        """A prefix that is a position held in the body, not an organ of it: right after a
        position ("Phó Bí thư Thường trực Tỉnh ủy"), or an item of a list of roles ("Ủy viên Bộ
        Chính trị, Thường trực Ban Bí thư")."""
        if self.normalizer.fold(text[start:end]) not in _ROLE_PREFIXES:
            return False
        if self.position_before.search(text, max(0, start - 40), start):
            return True
        comma = COMMA_BEFORE.search(text[max(0, start - 3) : start])
        if comma is None:
            return False
        item_start = max(text.rfind(c, 0, start - len(comma.group())) for c in ",;:\n") + 1
        return bool(self.position_start.match(text[item_start:start].lstrip()))

    def _short_form_uses(self, analysis: Analysis, bodies: list[Candidate]) -> list[Candidate]:
        """Every use of a short form the text defines ("... (gọi tắt là Liên hiệp)"), after its
        definition: a candidate the linker names after the body, and a parent that organs
        ("Đảng đoàn Liên hiệp") are named through."""
        text = analysis.text
        defined, inside_names = find_definitions(bodies + analysis.of_label("PROVINCE"), text)
        taken = {c.span for c in bodies}
        starts = {c.start for c in bodies}
        cover = Cover(taken)
        out = []
        for a, b in inside_names:
            # "... Kỹ thuật (Liên hiệp Hội) Việt Nam": the gloss is a mention inside the name,
            # but the text has not made it the body's short form for later use.
            out.append(self.candidate(a, b, priority=2, canonical_name=None, acronym=None,
                                      short_form=True))  # fmt: skip
        for short, body in defined.items():
            if any(text[a:b] == short for a, b in inside_names):
                continue
            acronym = short.isupper()
            flags = regex.V1 if acronym else regex.V1 | regex.IGNORECASE
            use = regex.compile(r"(?<![\p{L}\p{N}])" + regex.escape(short) + RIGHT, flags)
            for m in use.finditer(text, body.end):
                if m.span() in taken or m.start() in starts:
                    continue  # found already, or the start of a longer name ("... tỉnh X")
                if acronym and cover.covers(*m.span()):
                    continue  # "Hội KHLS Việt Nam": an acronym inside a name is part of it
                candidate = self.candidate(m.start(), m.end(), priority=2, canonical_name=None,
                                           acronym=None, short_form=True)  # fmt: skip
                if not generic_use(candidate, text):
                    taken.add(m.span())
                    out.append(candidate)
        return out

    def _sub_bodies(self, analysis: Analysis, bodies: list[Candidate]) -> list[Candidate]:
        """ "Đảng đoàn" + body, "Ban Thường vụ" + body ...: one ORG nesting its parent."""
        text = analysis.text
        out: list[Candidate] = []
        # (body, how many sub-body prefixes it has): a chain stops at _MAX_SUB_DEPTH, so that
        # "Ban Thường vụ Ban Thường vụ ..." does not nest every run of prefixes in every other.
        sub_starts = analysis.starts(self._sub_words)
        queue = [(b, 0) for b in bodies]
        seen = {(b.start, b.end) for b in bodies}
        while queue:
            body, depth = queue.pop()
            if depth >= _MAX_SUB_DEPTH or body.fields.get("inside_name"):
                continue
            m = search_at(self.sub_pattern, text, sub_starts, max(0, body.start - 40), body.start)
            if m is None or m.end() != body.start:
                continue
            prefix = text[m.start() : m.end("head")].strip()
            if analysis.lowered.startswith(prefix.lower(), body.start):
                continue  # "Ban Thường vụ Ban Thường vụ ...": a word repeated, no organ of an organ
            lower_party_body = self.normalizer.fold(prefix) in _LOWER_CASE_PREFIXES
            if (
                not capitalized(prefix)
                and not lower_party_body
                and not _POSITION_BEFORE.search(text[max(0, m.start() - 10) : m.start()])
            ):
                continue
            if (m.start(), body.end) in seen:
                continue
            if self._role_prefix(text, m.start(), m.end("head")):
                continue  # "Phó Bí thư Thường trực Tỉnh ủy": "Thường trực" is a role here
            if self.normalizer.fold(m.group("head")) in (
                "trung uong",
                "tw",
                "tu",
            ) and _CENTRAL_OFFICE.search(text, max(0, m.start() - 10), m.start()):
                continue  # "cơ quan Trung ương LHHVN": the central office, not a body's organ
            seen.add((m.start(), body.end))
            parent = body.fields.get("canonical_name")
            fields: dict[str, Any] = {"acronym": None}
            prefix_name = self.expand(prefix)
            if prefix_name.lower().startswith("ban cán sự") and "đảng" not in prefix_name.lower():
                prefix_name = "Ban cán sự đảng"
            fields["canonical_name"] = (
                f"{prefix_name} {parent or self.expand(text[body.start : body.end])}"
            )
            fields["compose"] = (prefix_name, body)
            candidate = self.candidate(m.start(), body.end, priority=body.priority, **fields)
            out.append(candidate)
            queue.append((candidate, depth + 1))
        return out
