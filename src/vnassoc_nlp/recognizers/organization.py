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

from collections import defaultdict
from typing import Any

import regex

from ..gazetteers import Gazetteers
from ..normalize import Normalizer
from .base import LEFT, RIGHT, Analysis, Candidate, Cover, Recognizer

VUSTA = "Liên hiệp các Hội Khoa học và Kỹ thuật Việt Nam"

# Lower-case words that end a composed name: verbs, prepositions, determiners.
_STOP = frozenset(
    [
        "đã",
        "đang",
        "sẽ",
        "vừa",
        "mới",
        "là",
        "có",
        "được",
        "bị",
        "cho",
        "với",
        "tại",
        "về",
        "trong",
        "ngoài",
        "để",
        "nhằm",
        "theo",
        "từ",
        "đến",
        "khi",
        "nếu",
        "thì",
        "mà",
        "này",
        "đó",
        "các",
        "những",
        "một",
        "hai",
        "ba",
        "cùng",
        "do",
        "bởi",
        "đối",
        "trên",
        "dưới",
        "sau",
        "trước",
        "giữa",
        "làm",
        "nhận",
        "trao",
        "gửi",
        "tham",
        "dự",
        "phát",
        "chủ",
        "ký",
        "thực",
        "triển",
        "xây",
        "tổ",
        "đề",
        "tiếp",
        "tặng",
        "thăm",
        "chúc",
        "gồm",
        "như",
        "nên",
        "vì",
        "hay",
        "hoặc",
        "còn",
        "cũng",
        "đều",
        "rất",
        "năm",
        "ngày",
        "tháng",
        "quý",
        "lần",
        "số",
        "và",
        "ban",
        "vào",
        "họp",
        "báo",
        "kiểm",
        "giám",
        "nêu",
        "yêu",
        "đánh",
        "sơ",
        "đi",
        "phối",
        "khai",
        "ra",
        "giới",
        "chỉ",
        "lãnh",
        "đăng",
        "đưa",
        "nhấn",
        "góp",
        "trình",
        "bàn",
        "đạt",
        "gặp",
        "mời",
        "bày",
        "trả",
    ]
)
_TOKEN = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}&.\-]*[\p{L}\p{N}]|[\p{L}\p{N}]", regex.V1)
# A lower-case office word may start a body right after a position ending in it:
# "Trưởng ban Tuyên giáo ...", "Chánh văn phòng Đảng ủy ...".
_POSITION_BEFORE = regex.compile(r"(?:trưởng|chánh|phó)\s+$", regex.IGNORECASE)
# An office of a Party body named without its parent ("Văn phòng Đảng ủy" + not a name).
_PARTY_OFFICE = regex.compile(
    r"(?<![\p{L}])(?P<office>văn phòng|ban thường vụ|thường trực|ủy ban kiểm tra)\s+"
    r"(?P<party>đảng ủy|đảng đoàn)(?-i:(?!\s+[\p{Lu}\p{N}]))(?![\p{L}])",
    regex.IGNORECASE | regex.V1,
)
# Party bodies often written in lower case right before the body they belong to.
_LOWER_CASE_PREFIXES = frozenset({"dang doan", "dang uy", "ban can su", "ban can su dang"})
_GENERIC_BEFORE = regex.compile(r"(?:các|những|nhiều|mọi|từng)\s+$", regex.IGNORECASE)
# "tỉnh"/"thành phố" before a province; not the "Tỉnh" of "Tỉnh ủy", "Tỉnh đoàn".
_PLACE_WORD = regex.compile(
    r"(?:tỉnh(?!\s+(?:ủy|uỷ|đoàn)\b)|thành phố|tp\.|tp)\s*", regex.IGNORECASE | regex.V1
)
_VUSTA_PREFIX = regex.compile(
    LEFT + r"lien hiep (?:cac )?hoi"
    r"(?:\s+(?:va\s+)?(?:khoa hoc\s+(?:va\s+)?ky thuat|kh&kt|khkt|kh-kt|khoa hoc va cong nghe))?"
    r"(?:\s*\((?P<paren>[^()\n]{1,40})\))?",
    regex.V1,
)


_FRONT = regex.compile(r"Mặt trận Tổ quốc(?! Việt Nam)")
_TRUONG_BEFORE = regex.compile(r"(?:trưởng|Trưởng)\s+$")
_ACRONYM_NAME = regex.compile(r"[\p{Lu}\p{N}&\-]{2,}")
# Sub-body prefixes on one body: "Văn phòng Ban Chấp hành Công đoàn Cơ quan" + body is four.
_MAX_SUB_DEPTH = 4
# Read at a position (``pattern.match(text, pos)``), never on a copy of the rest of the text:
# a copy per match makes a long document quadratic. Patterns with a required literal also get
# an end (``_REACH`` characters on): the regex module looks for the literal before matching,
# through the whole rest of the text when it is absent.
_REACH = 200
_GAP = regex.compile(r"[ \t]*(?:\((?:[^()\n]{1,20})\)[ \t]*)?")
_CAPITAL_NEXT = regex.compile(r"\s*[\p{Lu}]", regex.V1)
_PLACE_LIST_NEXT = regex.compile(r"\s*(?:,|và|hoặc|/)\s*(?:thành|tỉnh|tp)", regex.I)
_NATIONAL = regex.compile(r"\s+viet nam(?![\p{L}])")
_CITY_NAME = regex.compile(r"\s+([\p{Lu}][\p{Ll}]+(?:\s+[\p{Lu}][\p{Ll}]+){0,2})")


def _first_non_space(text: str, pos: int) -> str:
    """``text[pos:].lstrip()[:1]`` without copying the rest of the text."""
    while pos < len(text) and text[pos].isspace():
        pos += 1
    return text[pos : pos + 1]


def _capitalized(word: str) -> bool:
    return word[:1].isupper() or word[:1].isdigit()


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
        self.known_pattern = regex.compile(
            LEFT + r"\L<names>" + RIGHT, regex.V1, names=list(self.known)
        )
        self.acronym_pattern = regex.compile(
            r"(?<![\p{L}\p{N}\-/])\L<names>(?![\p{L}\p{N}\-/])", regex.V1, names=list(self.acronyms)
        )
        self.abbreviations = {row.short: row.full for row in gazetteers["abbreviations"]}
        heads = {row.role: [] for row in gazetteers["org_heads"]}
        for row in gazetteers["org_heads"]:
            heads[row.role].append(row.head)
        self.body_heads = self._folded_words(heads.get("body", []) + heads.get("local_body", []))
        self.sub_heads = self._folded_words(heads.get("sub_body", []))
        self.place_heads = self._folded_words(heads.get("place_body", []))
        self._all_heads = self.body_heads | self.place_heads
        # Head words keep their diacritics ("Quý", "Quy" are not "Quỹ"; "Trương" not "Trường").
        body_words = heads.get("body", []) + heads.get("local_body", [])
        self.head_pattern = regex.compile(
            "(?-f)" + LEFT + r"\L<heads>" + RIGHT,  # simple case folding: see date.py
            regex.V1 | regex.IGNORECASE,
            heads=sorted({w.lower() for w in body_words}, key=len, reverse=True),
        )
        self.place_pattern = regex.compile(
            LEFT + r"\L<heads>" + RIGHT,
            regex.V1,
            heads=sorted(self.place_heads, key=len, reverse=True),
        )
        self.sub_start = regex.compile(
            r"\L<heads>(?![\p{L}])", regex.V1, heads=sorted(self.sub_heads, key=len, reverse=True)
        )
        self.sub_pattern = regex.compile(
            r"\L<heads>\s+$", regex.V1, heads=sorted(self.sub_heads, key=len, reverse=True)
        )

    def _folded_words(self, words: list[str]) -> set[str]:
        return {self.normalizer.fold(w) for w in words}

    # -- helpers ---------------------------------------------------------------------------
    def expand(self, surface: str) -> str:
        """Spell out abbreviations and fix spacing: "UBND tỉnh" -> "Ủy ban nhân dân tỉnh"."""
        words = []
        for word in surface.split():
            full = self.abbreviations.get(word) or self.abbreviations.get(word.rstrip("."))
            words.append(full if full else word)
        result = " ".join(words)
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
            and not _CAPITAL_NEXT.match(text, after_word)
            and not _PLACE_LIST_NEXT.match(text, after_word, after_word + _REACH)
        ):
            return pos + len(word.group().rstrip()), None, place_word
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

        for m in self.known_pattern.finditer(folded, overlapped=True):
            surface = text[m.start() : m.end()]
            info = self.known[m.group()]
            if not _capitalized(surface) and (
                len(surface.split()) <= 2
                or (
                    surface.islower()
                    and not regex.search(
                        r"(?:^|[\n.,;:(\-])\s*$", text[max(0, m.start() - 3) : m.start()]
                    )
                )
            ):
                continue  # "tiến bộ khoa học và công nghệ" is not the ministry
            found.append(self.candidate(m.start(), m.end(), priority=4, **info))
        for m in self.acronym_pattern.finditer(text):
            info = self.acronyms[m.group()]
            found.append(self.candidate(m.start(), m.end(), priority=4, **info))

        found.extend(self._vusta_family(analysis, provinces))
        found.extend(self._place_bodies(analysis, provinces))
        found.extend(self._party_offices(analysis))  # before head words claim "Văn phòng"
        found.extend(self._headed_bodies(analysis, provinces, found))
        found.extend(self._sub_bodies(analysis, found))
        # A context-only parent of a sub-body ("Tỉnh ủy" in "Ban Thường vụ Tỉnh ủy") and a
        # body named again after its head word are not mentions of their own.
        return [c for c in found if not c.fields.get("absorbed")]

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
            if place is None:
                continue
            new_end, province, place_word = place
            if province is None:
                template = "Liên hiệp các Hội Khoa học và Kỹ thuật {place}"
                out.append(self.candidate(m.start(), new_end, priority=6, canonical_name=None,
                                          acronym=None, place_template=template))  # fmt: skip
                continue
            canonical = (
                f"Liên hiệp các Hội Khoa học và Kỹ thuật {self._place_name(province, place_word)}"
            )
            out.append(self.candidate(m.start(), new_end, priority=6, canonical_name=canonical,
                                      acronym=None))  # fmt: skip
        del text
        return out

    def _place_bodies(self, analysis: Analysis, provinces: dict[int, Candidate]) -> list[Candidate]:
        text = analysis.text
        out = []
        for m in self.place_pattern.finditer(analysis.folded):
            surface_head = text[m.start() : m.end()]
            if not _capitalized(surface_head) and m.group() not in ("thanh uy", "tinh uy"):
                continue
            if _GENERIC_BEFORE.search(text[max(0, m.start() - 12) : m.start()]):
                continue
            head = self.expand(surface_head)
            is_committee = m.group() in ("tinh uy", "thanh uy")
            place = self._place_after(analysis, m.end(), provinces)
            if place is not None:
                new_end, province, place_word = place
                if province is not None:
                    name = province.fields["name"]
                    if is_committee:
                        canonical = f"{head} {name}"
                    else:
                        canonical = f"{head} {self._place_name(province, place_word)}"
                    out.append(self.candidate(m.start(), new_end, priority=5,
                                              canonical_name=canonical, acronym=None))  # fmt: skip
                    continue
                template = f"{head} {{place}}"
                out.append(self.candidate(m.start(), new_end, priority=5, canonical_name=None,
                                          acronym=None, place_template=template))  # fmt: skip
                continue
            city = _CITY_NAME.match(text, m.end())
            if is_committee and city:
                end = city.end()
                canonical = f"{head} {city.group(1)}"
                out.append(self.candidate(m.start(), end, priority=5, canonical_name=canonical,
                                          acronym=None))  # fmt: skip
            elif is_committee and _capitalized(surface_head):
                # A bare "Tỉnh ủy"/"Thành ủy": named by the context alone.
                template = f"{head} {{name}}"
                out.append(self.candidate(m.start(), m.end(), priority=5, canonical_name=None,
                                          acronym=None, place_template=template,
                                          bare_committee=True))  # fmt: skip
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
        for m in self.head_pattern.finditer(text):
            head_key = self.normalizer.fold(m.group())
            if found_already.covers(m.start(), m.start() + 1):
                continue  # inside a body found already
            head_surface = text[m.start() : m.end()]
            before = text[max(0, m.start() - 12) : m.start()]
            if _GENERIC_BEFORE.search(before):
                continue
            after_position = _TRUONG_BEFORE.search(before)
            if not _capitalized(head_surface) and not after_position:
                continue
            end = self._name_end(text, m.end())
            if end is None:
                continue
            # Extend over a trailing place ("... tỉnh Sơn La") or "Việt Nam".
            name_end = end
            place = self._place_after(analysis, end, provinces)
            province = None
            context_place = False
            if place is not None and place[1] is not None:
                end, province = place[0], place[1]
            elif place is not None and place[2] == "tỉnh":
                end, context_place = place[0], True
            surface = text[m.start() : end]
            sub_head = self.sub_start.match(analysis.folded, m.start())
            if sub_head and end <= sub_head.end():
                continue  # a bare "Ban Chấp hành", "Ban Thường vụ": not one named body
            inner_any = [c for c in ending_at.get(end, ()) if m.start() < c.start]
            inner = [c for c in inner_any if c.fields.get("canonical_name")]
            if (
                inner
                and not text[m.end() : inner[0].start].strip()
                and head_key not in self.sub_heads
                and inner[0].priority == 4
            ):
                # "Tổ chức Plan International Việt Nam": the head only names the known body.
                canonical = inner[0].fields["canonical_name"]
                inner[0].fields["absorbed"] = True
            else:
                canonical = self.expand(surface)
            fields: dict[str, Any] = {"canonical_name": canonical, "acronym": None}
            if inner_any and text[m.end() : inner_any[0].start].strip():
                # "Ban Tuyên giáo Tỉnh ủy": its name is the prefix + the parent's full name,
                # known once the linker has placed the parent.
                prefix = self.expand(text[m.start() : inner_any[0].start].strip())
                fields["compose"] = (prefix, inner_any[0])
            name = text[m.end() : end].strip()
            if _ACRONYM_NAME.fullmatch(name):
                fields["acronym"] = name  # "Trung tâm RIC"
            if province is None and (head_key in ("so", "chi cuc") or context_place):
                # "Sở KH&CN", "Trung tâm Khuyến nông tỉnh": a provincial body of the context.
                fields = {"canonical_name": None, "acronym": None,
                          "place_template": self.expand(text[m.start() : name_end]) + " {place}"}  # fmt: skip
            out.append(self.candidate(m.start(), end, priority=3, **fields))
        return out

    def _name_end(self, text: str, head_end: int) -> int | None:
        """End of the name after a head word, or None when no capitalized name follows."""
        tokens = list(_TOKEN.finditer(text, head_end, min(len(text), head_end + 160)))
        end = None
        pending = head_end  # end of the last token walked over
        for index, token in enumerate(tokens[:14]):
            gap = text[pending : token.start()]
            if (
                gap.strip() == ","
                and not self._starts_body(text, pending + 1)
                and self._listed_name_part(tokens, index)
            ):
                pass  # "Viện Chính sách, Pháp luật và Quản lý": a list inside the name
            elif gap.strip() not in ("", "-") or "\n" in gap:
                break  # punctuation or a line break closes the name
            word = token.group()
            if word in ("tỉnh", "thành") and index:
                break  # "... tỉnh X": the place is added by _place_after
            if index == 0:
                if not _capitalized(word):
                    return None
                end = token.end()
            elif _capitalized(word):
                end = token.end()
            else:
                if word.lower() in _STOP and word.lower() != "và":
                    break
                if word == "và" and self._starts_body(text, token.end()):
                    break  # "Sở Thông tin và Truyền thông và Hiệp hội ...": two bodies
                upcoming = tokens[index + 1 : index + 6]
                if not any(_capitalized(t.group()) for t in upcoming):
                    tail = self._lowercase_tail_end(text, tokens, index)
                    if tail is not None:
                        end = tail
                    break
            pending = token.end()
            if text[end - 8 : end] == "Việt Nam":
                break  # a national body's name ends with the country
        # Where the name stops, one or two plain lower-case words walked over right before are
        # its last words ("Ban Thường vụ Tỉnh ủy,", "Bộ Nội vụ và", "Môi trường tỉnh X").
        if end is not None and pending > end:
            tail = text[end:pending].split()
            if len(tail) <= 2 and all(w.islower() and w not in _STOP for w in tail):
                end = pending
        return end

    @staticmethod
    def _listed_name_part(tokens: list[regex.Match[str]], index: int) -> bool:
        """After a comma: capitalized words closed by "và" + a capitalized word, no other break."""
        window = [t.group() for t in tokens[index : index + 5]]
        if not window or not window[0][:1].isupper():
            return False
        for position, word in enumerate(window[1:], start=1):
            if word == "và":
                following = window[position + 1 : position + 2]
                return bool(following) and following[0][:1].isupper()
            if not _capitalized(word) and word.lower() in _STOP:
                return False
        return False

    def _starts_body(self, text: str, pos: int) -> bool:
        folded = self.normalizer.fold(text[pos : pos + 40]).lstrip()
        return (
            any(folded.startswith(head + " ") for head in self._all_heads)
            and _first_non_space(text, pos).isupper()
        )

    @staticmethod
    def _lowercase_tail_end(text: str, tokens: list[regex.Match[str]], index: int) -> int | None:
        """End of a run of up to four plain lower-case words that closes the name: followed by
        punctuation, the line end, a stop word or a place word ("Viện Hải dương học đã ...")."""
        for offset, token in enumerate(tokens[index : index + 4]):
            word = token.group()
            if _capitalized(word) or word.lower() in _STOP:
                return None
            if offset and text[tokens[index + offset - 1].end() : token.start()] != " ":
                return None
            following = text[token.end() : token.end() + 2]
            if not following or following[0] in ',.;:()\n!?"' or following.startswith(" -"):
                return token.end()
            after = tokens[index + offset + 1].group() if index + offset + 1 < len(tokens) else ""
            if after in ("tỉnh", "thành") or after.lower() in _STOP:
                return token.end()  # "Trung tâm Khuyến nông tỉnh ...", "... học đã"
        return None

    def _party_offices(self, analysis: Analysis) -> list[Candidate]:
        """ "Văn phòng Đảng ủy", "Ban Thường vụ Đảng ủy": the Party body of the article's body.

        The linker names it after the nearest "Đảng ủy X" mention, else the document's main body.
        """
        out = []
        for m in _PARTY_OFFICE.finditer(analysis.text):
            if not _capitalized(m.group("office")) and not _POSITION_BEFORE.search(
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

    def _sub_bodies(self, analysis: Analysis, bodies: list[Candidate]) -> list[Candidate]:
        """ "Đảng đoàn" + body, "Ban Thường vụ" + body ...: one ORG nesting its parent."""
        text, folded = analysis.text, analysis.folded
        out: list[Candidate] = []
        # (body, how many sub-body prefixes it has): a chain stops at _MAX_SUB_DEPTH, so that
        # "Ban Thường vụ Ban Thường vụ ..." does not nest every run of prefixes in every other.
        queue = [(b, 0) for b in bodies]
        seen = {(b.start, b.end) for b in bodies}
        while queue:
            body, depth = queue.pop()
            if depth >= _MAX_SUB_DEPTH:
                continue
            m = self.sub_pattern.search(folded, max(0, body.start - 40), body.start)
            if m is None or m.end() != body.start:
                continue
            prefix = text[m.start() : m.end()].strip()
            lower_party_body = self.normalizer.fold(prefix) in _LOWER_CASE_PREFIXES
            if (
                not _capitalized(prefix)
                and not lower_party_body
                and not _POSITION_BEFORE.search(text[max(0, m.start() - 10) : m.start()])
            ):
                continue
            if (m.start(), body.end) in seen:
                continue
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
            if body.fields.get("bare_committee"):
                # "Ban Thường vụ Tỉnh ủy": an organ of the context-named body itself; the bare
                # "Tỉnh ủy" is not a mention of its own (unlike in "Ban Tuyên giáo Tỉnh ủy").
                body.fields["absorbed"] = True
            out.append(candidate)
            queue.append((candidate, depth + 1))
        return out
