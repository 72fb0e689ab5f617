"""PERSON: names found by name shape and cues (titles, honorifics, positions), never a list.

A name is 2-5 capitalized syllables led by a Vietnamese surname. It is a PERSON when a cue
stands before it (academic titles, "ông"/"đồng chí", a position with or without the body it is
held in) or after it (", Chủ tịch ...", " - Bí thư ..."), when the same name is cued elsewhere
in the document, when it is a byline, or when it is a three-syllable name outside any place,
street or institution name.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any, NamedTuple

import regex

from ..gazetteers import Gazetteers
from ..lexicon import in_syllable_run
from ..matching import WordList, in_slice, matches_at, search_at
from ..normalize import Normalizer
from .base import COMMA_BEFORE, Analysis, Candidate, Recognizer, SpanIndex

_SYLLABLE = r"[\p{Lu}][\p{Ll}]*"
_UPPER_SYLLABLE = r"[\p{Lu}]+"
# Words before a name that make it a street, place, school or award named after a person.
_NOT_PERSON_BEFORE = regex.compile(
    r"(?-f)(?:đường|phố|phường|xã|quận|huyện|thị trấn|ngõ|số \d+[a-z]?|\d+|trường|THPT|THCS|"
    r"tiểu học|giải thưởng|giải|quỹ|cầu|chợ|công viên|khu|tòa nhà|trụ sở|học bổng|"
    r"tượng đài|lăng|đền|nhà lưu niệm|bảo tàng|tư tưởng|di tích)\s*$",
    regex.IGNORECASE | regex.V1,
)
_BODY_AFTER_POSITION = (
    "Đảng đoàn", "Đảng ủy", "Đảng bộ", "Chi bộ", "Ban Thường vụ", "Ban Chấp hành",
    "Hội đồng", "Ban Kiểm tra", "Ủy ban Kiểm tra", "Công đoàn", "Ban Giám đốc",
)  # fmt: skip
_LIST_END = regex.compile(r"[.;\n]")
_ROLE_JOIN = regex.compile(r"[ \t,\-–(]*(?:\p{L}+[ \t,]*)?", regex.V1)
_TOKEN_BEFORE = regex.compile(r"[\p{L}.]+$")  # the letters (and dots) right before a dot
_HEADING_BODY = 60  # the most characters of a body between a list heading's position and colon
_LIST_REACH = 3000  # no list of names under a heading runs longer
_SEPARATOR_AFTER_NAME = regex.compile(r"\s*(?:,|\s-|\s–|\(|-\s)\s*")
# Each run of spaces is read by one possessive quantifier: two quantifiers that could share a
# run ("\s*,?\s+") try every split of it, quadratic on a long run of blank lines.
# (Also "kiêm" right after a name, "TS X kiêm Tổng thư ký", and "nguyên" + a role, read by the
# role pattern itself: "ông X nguyên Phó Chủ tịch ...".)
_ROLE_VERB = regex.compile(
    r"(?:\s*+,)?\s++(?:(?:làm|giữ chức(?:\s++vụ)?|là|kiêm|tái đắc cử"
    r"|(?:tiếp tục\s++)?được\s++(?:tín nhiệm\s++)?(?:bầu|bổ nhiệm|điều động|đề cử|phân công"
    r"|giới thiệu)\s++(?:làm|giữ chức(?:\s++vụ)?))\s++"
    r"|(?-i:(?=nguyên\s)))",  # (a capital "Nguyên" after a name starts another caption)
    regex.IGNORECASE,
)
_SEPARATOR_BETWEEN_ROLES = regex.compile(
    r"(?:\s++(?:-\s|–\s|kiêm\s*)|\s*+(?:,|;\s*(?=nguyên)))\s*", regex.IGNORECASE
)


# A byline: a name alone on the last line, maybe in capitals, maybe with a note in brackets.
_BYLINE = regex.compile(
    r"\s*(" + _SYLLABLE + r"(?:\s+" + _SYLLABLE + r"){1,3}"
    r"|" + _UPPER_SYLLABLE + r"(?:\s+" + _UPPER_SYLLABLE + r"){1,3})"
    r"\s*(?:\([^()]{1,40}\))?\s*",
    regex.V1,
)
_ROLES_JOINED_BEFORE = regex.compile(r"(?:,?\s*kiêm|,)\s*$")


class _Orgs:
    """The organizations found so far, by where they start and end (with their list order)."""

    def __init__(self, orgs: list[Candidate]) -> None:
        self.starting_at: dict[int, list[tuple[int, Candidate]]] = defaultdict(list)
        self.ending_at: dict[int, list[tuple[int, Candidate]]] = defaultdict(list)
        for i, org in enumerate(orgs):
            self.starting_at[org.start].append((i, org))
            self.ending_at[org.end].append((i, org))

    def starting_in(self, positions: Iterable[int]) -> list[tuple[int, Candidate]]:
        """Those starting at any of ``positions``, in list order."""
        found = [e for p in set(positions) for e in self.starting_at.get(p, ())]
        return sorted(found, key=lambda e: e[0])


class _CueStarts(NamedTuple):
    """Where titles, forms of address and positions start in one document."""

    titles: list[int]
    honorifics: list[int]
    positions: list[int]


class PersonRecognizer(Recognizer):
    label = "PERSON"
    name = "person-cues"

    def __init__(self, gazetteers: Gazetteers, normalizer: Normalizer) -> None:
        super().__init__(gazetteers, normalizer)
        surnames = [w for w in gazetteers.words("surnames") if w]
        self._surnames = set(surnames)
        self.name_pattern = regex.compile(
            r"(?<![\p{L}\p{N}])(?P<name>\L<surnames>(?:[ \u00a0]+"
            + _SYLLABLE
            + r"){1,4})(?![\p{L}\p{N}])",
            regex.V1,
            surnames=sorted(surnames, key=len, reverse=True),
        )
        self.title_canonical: dict[str, str] = {}
        abbreviations, spelled = [], []
        for row in gazetteers["titles"]:
            if row.form.isupper() or row.form in ("ThS", "NGƯT", "AHLĐ", "NSƯT", "TTƯT"):
                abbreviations.append(regex.escape(row.form))
                self.title_canonical[row.form] = row.canonical
            else:
                spelled.append(regex.escape(row.form.lower()))
                self.title_canonical[row.form.lower()] = row.canonical
        title = (
            r"(?:(?:" + "|".join(sorted(abbreviations, key=len, reverse=True)) + r")(?![\p{Ll}])"
            r"|(?i:" + "|".join(sorted(spelled, key=len, reverse=True)) + r"))"
        )
        self.title_chain_end = regex.compile(
            r"(?<![\p{L}\p{N}&])(?P<chain>" + title + r"(?:\s*[.,]?\s*" + title + r")*)\s*\.?\s*$",
            regex.V1,
        )
        self.title_token = regex.compile(title, regex.V1)
        # After a title chain or a lower-case form of address the name's shape is enough: a
        # surname missing from the list ("PGS.TS Lư Văn Bằng") is still a name.
        lower_honorifics = [w for w in gazetteers.words("honorifics") if w.islower()]
        self.cued_name_pattern = regex.compile(
            r"(?:(?<![\p{L}\p{N}&])" + title + r"\.?|(?<![\p{L}])\L<hon>)[ \u00a0]+"
            r"(?P<name>" + _SYLLABLE + r"(?:[ \u00a0]+" + _SYLLABLE + r"){1,3})(?![\p{L}\p{N}])",
            regex.V1,
            hon=sorted(lower_honorifics, key=len, reverse=True),
        )
        # Where those two patterns can match: a surname; a title or a form of address.
        self._surname_words = WordList(surnames)
        self._cue_words = WordList(
            [row.form.lower() for row in gazetteers["titles"]] + lower_honorifics,
            letters_only=True,
            view="lowered",
        )
        honorifics = [w for w in gazetteers.words("honorifics")]
        self._honorifics = {w.lower() for w in honorifics}
        # Where a title chain, a form of address or a position can start (the patterns that
        # end where a name starts are tried only there).
        self._title_words = WordList(
            [row.form.lower() for row in gazetteers["titles"]],
            letters_only=True,
            edges="start",
            view="lowered",
        )
        self._honorific_words = WordList(
            self._honorifics, letters_only=True, edges="start", view="lowered"
        )
        position_words = [row.position.lower() for row in gazetteers["positions"]] + ["nguyên"]
        self._position_words = WordList(
            position_words, letters_only=True, edges="start", view="lowered"
        )
        # Where position_start may match (whatever stands before it).
        self._position_anywhere = WordList(position_words, edges="none", view="lowered")
        self.honorific_end = regex.compile(
            r"(?-f)(?<![\p{L}])(?P<hon>(?i:\L<hon>))\s+$",
            regex.V1,
            hon=sorted(honorifics, key=len, reverse=True),
        )
        positions = [row.position for row in gazetteers["positions"]]
        position = r"(?:\L<positions>)"
        body = "|".join(regex.escape(b) for b in _BODY_AFTER_POSITION)
        # Simple case folding ("(?-f)", as in date.py): Vietnamese needs no multi-letter folds,
        # and these compile and match in half the time without them.
        self.position_end = regex.compile(
            r"(?-f)(?<![\p{L}])(?P<role>(?:(?P<former>nguyên)\s+)?(?P<pos>" + position + r")"
            r"(?:\s+(?P<body>" + body + r"))?)\s*$",
            regex.IGNORECASE | regex.V1,
            positions=sorted(positions, key=len, reverse=True),
        )
        self.position_start = regex.compile(
            r"(?-f)(?P<role>(?:(?P<former>nguyên)\s+)?(?P<pos>" + position + r")"
            r"(?:\s+(?P<body>" + body + r"))?)(?![\p{L}])",
            regex.IGNORECASE | regex.V1,
            positions=sorted(positions, key=len, reverse=True),
        )
        # "Các Phó Chủ tịch:", "Phó Chủ tịch:" at a sentence's start, then a list of names; also
        # with the body and "gồm" ("các đồng chí Thứ trưởng Bộ Y tế: ...", "04 Phó Chủ tịch
        # Liên hiệp Hội gồm: ...").
        self.list_heading = regex.compile(
            r"(?-f)(?:^|(?<=[.;:\n]\s{0,3}))[ \t]*(?:(?:các[ \t]+)?(?:đồng chí[ \t]+)?|\d{1,2}[ \t]+)"
            rf"(?P<pos>{position})(?:[ \t]+[^\s:;.,][^:;.,\n]{{0,{_HEADING_BODY}}}?)?"
            r"(?:[ \t]+gồm(?:[ \t]+có)?)?[ \t]*:",
            regex.IGNORECASE | regex.V1 | regex.MULTILINE,
            positions=sorted(positions, key=len, reverse=True),
        )
        # A heading ends at its colon, within this many characters of it (normalized text has
        # no runs of spaces): the pattern is tried only there.
        self._heading_reach = 64 + _HEADING_BODY + 2 * max(map(len, positions), default=0)
        self._case_sensitive_positions = {
            row.position for row in gazetteers["positions"] if row.abbreviation_of
        }
        self._upper_abbreviations = {p.upper() for p in self._case_sensitive_positions}
        # "Ảnh: Trần Dung", "Thực hiện: Đinh Tú": a credit line names the author or photographer.
        # (The match starts at the cue, with what comes before it in a lookbehind, so that it is
        # tried only where a cue word is.)
        credit_cues = gazetteers.words("credit_cues")
        self.credit = regex.compile(
            r"(?<=(?:^|[.!?\n]\s{0,3})[ \t]*)(?:\L<cues>)[ \t]*:[ \t]*"
            r"(?P<name>" + _SYLLABLE + r"(?:[ \t]+" + _SYLLABLE + r"){1,3})(?![\p{L}\p{N}])",
            regex.V1 | regex.MULTILINE,
            cues=sorted(credit_cues, key=len, reverse=True),
        )
        self._credit_cues = WordList(credit_cues, edges="none")

    # -- analysis ----------------------------------------------------------------------------
    def analyze(self, analysis: Analysis) -> list[Candidate]:
        text = analysis.text
        blocked = SpanIndex(
            c for c in analysis.candidates if c.label in ("ORGANIZATION", "PROVINCE")
        )
        orgs = _Orgs([c for c in analysis.candidates if c.label == "ORGANIZATION"])
        cues = _CueStarts(
            analysis.starts(self._title_words),
            analysis.starts(self._honorific_words),
            analysis.starts(self._position_words),
        )
        cued: list[Candidate] = []
        uncued: list[tuple[int, int]] = []
        names = self._names(analysis, blocked)
        name_ends = {end for _, end in names}
        for start, end in names:
            if analysis.in_boilerplate(start, end):
                continue
            if any(
                b.label == "PROVINCE" and b.start <= start and end <= b.end
                for _, b in blocked.overlapping(start, end)
            ):
                continue  # "... Thủy lợi Hà Tĩnh, Chủ tịch ...": the province, not a person
            person = self._cued(analysis, start, end, orgs, cues, name_ends)
            if person is not None:
                cued.append(person)
            elif not any(
                (b.start <= start and end <= b.end) or b.label == "PROVINCE"
                for _, b in blocked.overlapping(start, end)
            ):
                uncued.append((start, end))
        known_names = {self._key(text[c.start : c.end]) for c in cued}
        found = list(cued)
        for start, end in uncued:
            name = text[start:end]
            before = text[max(0, start - 25) : start]
            if _NOT_PERSON_BEFORE.search(before):
                continue
            if self._key(name) in known_names or len(name.split()) >= 3:
                found.append(self._person(start, end, text, priority=2, confidence=0.7))
        found.extend(self._byline(analysis, found))
        found.extend(self._credits(analysis, found))
        self._list_headings(analysis, found, orgs)
        return found

    def _list_headings(self, analysis: Analysis, found: list[Candidate], orgs: _Orgs) -> None:
        """ "Các Phó Chủ tịch: A, B, C": the heading position is each listed person's role
        (ANNOTATION.md rule 8), unless the list gives them roles of their own; held in the
        body the heading names ("Thứ trưởng Bộ Y tế: A, B")."""
        text = analysis.text
        for m in self._headings(text, analysis.starts(self._position_anywhere)):
            position = self.position_start.fullmatch(m.group("pos"))
            if position is None or not self._position_ok(position):
                continue
            stop = self._list_end(text, m.end())
            body = min(
                (o for _, o in orgs.starting_in(range(m.end("pos"), m.end())) if o.end < m.end()),
                key=lambda o: o.start,
                default=None,
            )
            for person in found:
                if m.end() <= person.start < stop and not person.fields["roles"]:
                    role = self._role(position, body, False)
                    person.fields["roles"] = [role["role"]]
                    person.fields["positions"] = [
                        {
                            k: role[k]
                            for k in ("title", "former", "organization", "organization_start")
                        }
                    ]

    def _list_end(self, text: str, start: int) -> int:
        """Where a list that starts at ``start`` ends: a line break, ";" or ".", but not the dot
        of a title ("Tổng Thư ký: ThS. Dương Minh Hiếu, TS. Lò Văn Pản."); read over at most
        ``_LIST_REACH`` characters (a text of titles alone would be read again at each heading)."""
        reach = min(len(text), start + _LIST_REACH)
        for end in _LIST_END.finditer(text, start, reach):
            if end.group() == ".":
                before = _TOKEN_BEFORE.search(text, max(0, end.start() - 16), end.start())
                if before is not None and self.title_chain_end.fullmatch(before.group()):
                    continue
            return end.start()
        return reach

    def _headings(self, text: str, position_at: list[int]) -> Iterator[regex.Match[str]]:
        """``list_heading.finditer(text)``, run only before each colon, where a position word
        occurs (``position_at``: where one starts, ascending; a heading holds one)."""
        windows: list[list[int]] = []
        colon = text.find(":")
        while colon != -1:
            start = max(0, colon - self._heading_reach)
            if windows and start <= windows[-1][1]:
                windows[-1][1] = colon + 1
            else:
                windows.append([start, colon + 1])
            colon = text.find(":", colon + 1)
        for start, end in windows:
            first = bisect_left(position_at, start)
            if first < len(position_at) and position_at[first] < end:
                yield from self.list_heading.finditer(text, start, end)

    def _credits(self, analysis: Analysis, found: list[Candidate]) -> list[Candidate]:
        text = analysis.text
        taken = SpanIndex(found)
        out = []
        for m in self._credit_lines(analysis):
            start, end = m.span("name")
            trimmed = self._trim_name(analysis, start, end)
            if trimmed is None or taken.overlapping(start, trimmed):
                continue
            out.append(self._person(start, trimmed, text, priority=3, confidence=0.8))
        return out

    def _credit_lines(self, analysis: Analysis) -> Iterator[regex.Match[str]]:
        """``credit.finditer`` at the cue words."""
        return matches_at(self.credit, analysis.text, analysis.starts(self._credit_cues))

    @staticmethod
    def _trim_name(analysis: Analysis, start: int, end: int) -> int | None:
        """Leave out a name's last syllables where they begin a word with the lower-case
        syllable after them: "Đoàn Chủ | tịch", "Ảnh: Trần Dung Tham | dự ...". None when
        fewer than two syllables remain."""
        text = analysis.text
        if (start == 0 or not in_syllable_run(text[start - 1])) and (
            end == len(text) or not (text[end] == " " or in_syllable_run(text[end]))
        ):
            # Nothing joins the name on either side: no word runs past its end, and its
            # syllables are its words' (when they are runs of letters between spaces).
            parts = text[start:end].split()
            if "".join(parts).isalpha() and text[start].isalpha() and text[end - 1].isalpha():
                return end if len(parts) >= 2 else None
        kept_end, syllables = start, 0
        for word in analysis.word_run(start, min(len(text), end + 12)):
            if word.end > end:
                break
            kept_end, syllables = word.end, syllables + word.syllables
        return kept_end if syllables >= 2 else None

    def _names(self, analysis: Analysis, blocked: SpanIndex) -> list[tuple[int, int]]:
        """Spans of name-shaped word runs, cut where they start inside another entity.

        "Hải Dương Nguyễn Văn Thông": "Dương" is a surname but belongs to the province, so the
        name starts at the next surname; "Phó Tổng Thư ký" is a position, not a name.
        """
        text = analysis.text
        spans = []
        pos = 0
        surnames = analysis.starts(self._surname_words)
        position_at = set(analysis.starts(self._position_anywhere))
        while (m := search_at(self.name_pattern, text, surnames, pos)) is not None:
            start, end = m.span("name")
            pos = end
            inside = next(
                (b for _, b in blocked.overlapping(start, start + 1) if b.end < end), None
            )
            if inside is not None:
                again = self.name_pattern.match(text, inside.end + 1)
                if again is None:
                    pos = inside.end
                    continue
                start, end = again.span("name")
                pos = end
            position = self.position_start.match(text, start) if start in position_at else None
            if position is not None and self._position_ok(position):
                continue  # "Phó Tổng Thư ký ...": a position, not a name led by "Phó"
            first, _, rest = text[start:end].partition(" ")
            if first.lower() in self._honorifics and len(rest.split()) >= 2:
                start += len(first) + 1  # "Ông Ngô Thanh Tùng": "Ông" is the honorific here
            trimmed = self._trim_name(analysis, start, end)
            if trimmed is None:
                continue  # "Đoàn Chủ tịch": a word, not a name
            spans.append((start, trimmed))
        taken = bytearray(len(text))  # 1 where a span found so far covers the character
        for start, end in spans:
            taken[start:end] = b"\x01" * (end - start)
        cues = analysis.starts(self._cue_words)
        for m in matches_at(self.cued_name_pattern, text, cues):
            start, end = m.span("name")
            if taken.find(1, start, end) != -1 or blocked.overlapping(start, end):
                continue
            position = self.position_start.match(text, start)
            if position is None or not self._position_ok(position):
                spans.append((start, end))
                taken[start:end] = b"\x01" * (end - start)
        return sorted(spans)

    @staticmethod
    def _key(name: str) -> str:
        return " ".join(name.split()).casefold()

    def _person(self, start: int, end: int, text: str, **extra: Any) -> Candidate:
        priority = extra.pop("priority", 4)
        confidence = extra.pop("confidence", 1.0)
        fields: dict[str, Any] = {"name": " ".join(text[start:end].split()), "titles": [],
                                  "roles": [], "positions": [], "honorific": None}  # fmt: skip
        fields.update(extra)
        candidate = self.candidate(start, end, priority=priority, **fields)
        candidate.confidence = confidence
        return candidate

    @staticmethod
    def _after_a_name(text: str, pos: int, name_ends: set[int]) -> bool:
        """A name ends right before ``pos`` but for what may join a role to it (", ", " - ",
        " kiêm ", " là ": punctuation and at most one word): a role at ``pos`` is that
        person's."""
        return any(
            _ROLE_JOIN.fullmatch(text, end, pos) for end in range(max(0, pos - 24), pos)
            if end in name_ends
        )  # fmt: skip

    def _cued(
        self,
        analysis: Analysis,
        start: int,
        end: int,
        orgs: _Orgs,
        cues: _CueStarts,
        name_ends: set[int],
    ) -> Candidate | None:
        text = analysis.text
        cursor = start
        titles: list[str] = []
        honorific = None
        window = text[max(0, cursor - 80) : cursor]
        chain = search_at(
            self.title_chain_end, window, in_slice(cues.titles, max(0, cursor - 80), cursor)
        )
        if chain:
            titles = self._titles(chain.group("chain"))
            cursor -= len(window) - chain.start()
        window = text[max(0, cursor - 30) : cursor]
        hon = search_at(
            self.honorific_end, window, in_slice(cues.honorifics, max(0, cursor - 30), cursor)
        )
        if hon and (hon.group("hon")[0].islower() or hon.group("hon").lower() in ("đồng chí", "cố")
                    or window[: hon.start()].strip() == "" or window[: hon.start()].rstrip()[-1:] in ".:\n"):  # fmt: skip
            honorific = hon.group("hon").lower()
            cursor -= len(window) - hon.start()
            if not titles:  # "cố Giáo sư X": the title may stand between the two
                window = text[max(0, cursor - 80) : cursor]
        before_roles = self._roles_before(text, cursor, orgs, cues.positions)
        comma = COMMA_BEFORE.search(text, max(0, cursor - 4), cursor)
        if not before_roles and (titles or honorific) and comma is not None:
            # "Viện trưởng Viện Lúa ..., TS Châu Minh Triết": the role, a comma, then the
            # person with a title or a form of address; unless the role is the last person's
            # in a list ("ông A, Chủ tịch Hội X, ông B").
            roles = self._roles_before(text, comma.start(), orgs, cues.positions)
            if roles and not self._after_a_name(text, roles[0]["start"], name_ends):
                before_roles = roles
        after_roles = self._roles_after(text, end, orgs)
        if not (titles or honorific or before_roles or after_roles):
            return None
        roles = before_roles + after_roles
        return self._person(
            start, end, text,
            titles=titles, roles=[r["role"] for r in roles],
            positions=[{k: r[k] for k in ("title", "former", "organization", "organization_start")} for r in roles],
            honorific=honorific,
        )  # fmt: skip

    def _titles(self, chain: str) -> list[str]:
        titles = []
        for token in self.title_token.finditer(chain):
            form = token.group()
            canonical = self.title_canonical.get(form) or self.title_canonical.get(form.lower())
            if canonical and canonical not in titles:
                titles.append(canonical)
        return titles

    def _role(self, m: regex.Match[str], org: Candidate | None, former: bool) -> dict[str, Any]:
        pos = " ".join(m.group("pos").split())
        body = m.group("body")
        title = f"{pos} {' '.join(body.split())}" if body and org is None else pos
        role = f"nguyên {title}" if former else title
        return {
            "role": role, "title": title, "former": former,
            "organization": org.fields.get("canonical_name") if org else None,
            "organization_start": org.start if org else None,
        }  # fmt: skip

    def _position_ok(self, m: regex.Match[str]) -> bool:
        pos = m.group("pos")
        # "ct", "uv" in lower case are not abbreviations
        return not (
            pos.upper() in self._upper_abbreviations and pos not in self._case_sensitive_positions
        )

    def _roles_before(
        self, text: str, cursor: int, orgs: _Orgs, positions: list[int]
    ) -> list[dict[str, Any]]:
        roles: list[dict[str, Any]] = []
        while True:
            stripped = cursor
            while stripped > 0 and text[stripped - 1].isspace():
                stripped -= 1
            org = min(
                (o for _, o in orgs.ending_at.get(stripped, ()) if o.start < stripped),
                key=lambda o: o.start,
                default=None,
            )
            limit = org.start if org else stripped
            window_start = max(0, limit - 60)
            m = search_at(
                self.position_end,
                text[window_start:limit],
                in_slice(positions, window_start, limit),
            )
            if org is not None and m is None:
                # "Trưởng ban Tuyên giáo ...": the body's first word is the position's last.
                head = text[org.start : org.start + 12].split(" ")[0]
                window_start = max(0, org.start - 60)
                m = search_at(
                    self.position_end,
                    text[window_start : org.start + len(head)],
                    in_slice(positions, window_start, org.start + len(head)),
                )
            if m is None or not self._position_ok(m):
                break
            roles.insert(0, self._role(m, org, bool(m.group("former"))))
            cursor = window_start + m.start()
            roles[0]["start"] = cursor
            sep = _ROLES_JOINED_BEFORE.search(text[max(0, cursor - 10) : cursor])
            if sep is None:
                break
            cursor -= len(sep.group())
        if any(r["former"] for r in roles):
            roles = [self._former(r) for r in roles]
        return roles

    def _roles_after(self, text: str, end: int, orgs: _Orgs) -> list[dict[str, Any]]:
        roles: list[dict[str, Any]] = []
        sep = _SEPARATOR_AFTER_NAME.match(text, end) or _ROLE_VERB.match(text, end)
        if sep is None:
            return roles
        cursor = sep.end()
        while True:
            m = self.position_start.match(text, cursor)
            if m is None or not self._position_ok(m):
                break
            after = m.end()
            body_start = m.start("body") if m.group("body") else -1
            org = max(
                (o for _, o in orgs.starting_in({after, after + 1, body_start}) if o.end > after),
                key=lambda o: o.end,
                default=None,
            )
            if org is None:
                inside = range(m.start("pos") + 1, m.end("pos"))
                org = next((o for _, o in orgs.starting_in(inside) if o.end > after), None)
            if org is not None and m.group("body") and org.start <= m.start("body"):
                after = m.end("pos")
            roles.append(self._role(m, org, bool(m.group("former"))))
            cursor = org.end if org else after
            nxt = _SEPARATOR_BETWEEN_ROLES.match(text, cursor)
            if nxt is None or nxt.end() == cursor:
                # A role stated with a verb: "..., Chủ tịch Liên hiệp Hội làm trưởng đoàn".
                verb = _ROLE_VERB.match(text, cursor)
                stated = self.position_start.match(text, verb.end()) if verb else None
                if stated is not None and self._position_ok(stated):
                    roles.append(self._role(stated, None, bool(stated.group("former"))))
                break
            cursor = nxt.end()
        if any(r["former"] for r in roles):
            roles = [self._former(r) for r in roles]
        return roles

    @staticmethod
    def _former(role: dict[str, Any]) -> dict[str, Any]:
        if role["former"]:
            return role
        return {**role, "former": True, "role": f"nguyên {role['title']}"}

    def _byline(self, analysis: Analysis, found: list[Candidate]) -> list[Candidate]:
        """The last non-empty line, when it is only a 2-4 syllable capitalized name."""
        text = analysis.text
        stripped = text.rstrip()
        line_start = stripped.rfind("\n") + 1
        line = stripped[line_start:]
        m = _BYLINE.fullmatch(line)
        if not m:
            return []
        start = line_start + m.start(1)
        end = line_start + m.end(1)
        if any(c.start < end and start < c.end for c in (*found, *analysis.candidates)):
            return []
        name = " ".join(text[start:end].split())
        if name.isupper():
            # "PHÙNG THỊ KIỀU OANH": an author line in capitals, if it starts like a name.
            name = name.title()
            if name.split()[0] not in self._surnames:
                return []
        return [self._person(start, end, text, priority=2, confidence=0.8, name=name)]
