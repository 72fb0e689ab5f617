"""Short forms a text defines for a body ("... (gọi tắt là Liên hiệp Hội)", "(VNCOLD)"), read
by the organization recognizer (to find their uses and the organs named through them) and by
the linker (to give each use the body's identity)."""

from __future__ import annotations

import re

import regex

from .base import Candidate

_DEFINITION = regex.compile(
    r"(?-f)\s*\(\s*(?:(?:sau đây\s+)?(?:gọi tắt là|viết tắt là|gọi là)|viết tắt:|gọi tắt:)?\s*"
    r"(?P<short>[^()\n,;]{2,40}?)\s*\)",
    regex.IGNORECASE | regex.V1,
)
_DASH_WORDS = "viết tắt:"
_DASH_DEFINITION = regex.compile(
    rf"\s*[-–]\s*{_DASH_WORDS}\s*(?P<short>[\p{{Lu}}\p{{N}}\-/&]{{2,20}})", regex.V1
)
_DEFINITION_REACH = 200  # a definition starts and ends this close after the name
_FIRST_AFTER = re.compile(r"\s*(\S)")  # the first character after the name and its spaces
# "Liên hiệp các Hội Khoa học và Kỹ thuật (Liên hiệp Hội) Việt Nam": defined inside the name.
_INNER_DEFINITION = regex.compile(r"\((?P<short>\p{Lu}[\p{Ll}]+(?:\s+\p{L}+){1,4})\)", regex.V1)
_TERM = regex.compile(
    r"(?-f)(?:khóa|khoá|nhiệm kỳ|lần thứ|kỳ họp)(?![\p{L}])", regex.IGNORECASE | regex.V1
)
GENERIC_BEFORE_SHORT = regex.compile(r"(?:tổ chức|các|những|mỗi)\s+$", regex.IGNORECASE)
# After a short form: words that make it generic ("Liên hiệp Hội các tỉnh", "... địa phương",
# "Giao ban Liên hiệp các Hội Khoa học và Kỹ thuật toàn quốc").
GENERIC_AFTER = regex.compile(
    r"\s*(?:các|cấp|địa phương|tỉnh(?!\s*\p{Lu})|thành viên|trong cả nước|toàn quốc)", regex.V1
)


_DIGIT = regex.compile(r"\d")
_NOT_LETTER = regex.compile(r"[^\p{L}]")


def outermost(orgs: list[Candidate]) -> list[Candidate]:
    """The organizations no other one contains (in list order); of several with the same span,
    the first."""
    kept: list[Candidate] = []
    reach = -1  # the furthest end of the spans before, in (start, -end) order
    seen: set[tuple[int, int]] = set()
    for o in sorted(orgs, key=lambda o: (o.start, -o.end)):
        if reach < o.end and o.span not in seen:
            kept.append(o)
        seen.add(o.span)
        reach = max(reach, o.end)
    chosen = {id(o) for o in kept}
    return [o for o in orgs if id(o) in chosen]


def find_definitions(
    candidates: list[Candidate], text: str
) -> tuple[dict[str, Candidate], set[tuple[int, int]]]:
    """Short forms the text defines for a body, by short form; and the spans of those defined
    inside a name ("Liên hiệp các Hội Khoa học và Kỹ thuật (Liên hiệp Hội) Việt Nam")."""
    definitions: dict[str, Candidate] = {}
    inner_definitions: set[tuple[int, int]] = set()
    if "(" not in text and _DASH_WORDS not in text:
        return definitions, inner_definitions  # (no shape can match: a quarter of texts)
    orgs = [c for c in candidates if c.label == "ORGANIZATION" and not c.fields.get("short_form")]
    places = {c.span for c in candidates if c.label == "PROVINCE"}
    for org in outermost(orgs):
        # Bounded reads: with a required literal ("(", "viết tắt:") the regex module would
        # look for it through the whole rest of the text before each match.
        reach = org.end + _DEFINITION_REACH
        # (Both shapes open with a bracket or a dash after the name, the inner one has its
        # bracket inside: most names have neither, and no pattern is tried.)
        after = _FIRST_AFTER.match(text, org.end)
        m = None
        if after is not None and after.group(1) in "(-–":
            m = _DEFINITION.match(text, org.end, reach) or _DASH_DEFINITION.match(
                text, org.end, reach
            )
        if m is None:
            if text.find("(", org.start, org.end) == -1:
                continue
            inside = _INNER_DEFINITION.search(text, org.start, org.end)
            if inside is None:
                continue
            m = inside
            inner_definitions.add(m.span("short"))
        short = m.group("short").strip()
        if not short or short[0].islower() or _DIGIT.search(short):
            continue
        if _TERM.match(short):
            continue  # "Ban Chấp hành Trung ương (khóa X)": a term, not a short form
        if m.span("short") in places:
            continue  # "Trung tâm Hội nghị Mỹ Đình (Hà Nội)": where, not a short form
        if short in definitions:
            continue
        definitions[short] = _named_body(org, short, orgs, text)
    return definitions, inner_definitions


def _named_body(org: Candidate, short: str, orgs: list[Candidate], text: str) -> Candidate:
    """The body a short form stands for: the outermost name it follows, or the parent inside
    it that the short form begins like ("Đảng đoàn Liên hiệp các Hội ... (Liên hiệp)" defines
    "Liên hiệp" for the union, not its Party body)."""
    first = short.split()[0].casefold()
    if text[org.start : org.end].split()[0].casefold() == first:
        return org
    inner = sorted(
        (o for o in orgs if org.start < o.start and o.end == org.end), key=lambda o: o.start
    )
    return next((o for o in inner if text[o.start : o.end].split()[0].casefold() == first), org)


def generic_use(candidate: Candidate, text: str) -> bool:
    """ "Liên hiệp Hội các tỉnh", "các Liên hiệp hội địa phương": not one body."""
    before = text[max(0, candidate.start - 10) : candidate.start]
    return bool(GENERIC_AFTER.match(text, candidate.end) or GENERIC_BEFORE_SHORT.search(before))


def short_form_acronym(short: str, org: Candidate) -> str | None:
    letters = _NOT_LETTER.sub("", short.split()[-1])
    return short if letters.isupper() else org.fields.get("acronym")
