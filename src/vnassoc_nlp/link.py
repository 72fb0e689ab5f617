"""Link resolved candidates within a document.

* ORGANIZATION names that depend on context ("UBND tỉnh", "Tỉnh ủy") take the province the
  text gives: the nearest PROVINCE before them, else the document's most frequent one.
* Short forms and acronyms defined in the text ("... (gọi tắt là Liên hiệp Hội)", "(Hội
  BVQLNTD)") become mentions of the body they were defined for, wherever they recur.
* DIRECTIVE back-references ("Chỉ thị 42") point to the full mention's code; issuers and dates
  written after a directive ("của Bộ Chính trị", "ngày 16/4/2010") fill its fields.
* Every mention gets a cluster id shared with the other mentions of the same entity.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from itertools import accumulate
from typing import ClassVar

import regex

from .recognizers.base import Candidate
from .recognizers.shortforms import (
    find_definitions,
    generic_use,
    short_form_acronym,
)

# Since 1 July 2025 (Nghị quyết 202/2025/QH15) a province's bodies are those of the unit it was
# merged into: "Tỉnh ủy" in a later article about Hòa Bình is the Tỉnh ủy of Phú Thọ.
MERGER_DATE = "2025-07-01"


def _place(province: Candidate, after_merger: bool) -> tuple[str, str]:
    """(unit word, name) of the province a context-named body belongs to."""
    if after_merger:
        return (province.fields.get("successor_unit_type") or "tỉnh",
                province.fields.get("successor") or province.fields["name"])  # fmt: skip
    return province.fields.get("unit_type") or "tỉnh", province.fields["name"]


_LIST_JOINER = regex.compile(r"\s*(?:,|;|và|,\s*và|-|–)\s*(?:tỉnh\s+|thành phố\s+)?", regex.V1)
_TRAILING_PLACE_WORD = regex.compile(r"(?:tỉnh|thành phố)$", regex.IGNORECASE)
_CONTEXT_REACH = 1000  # characters back to look for the province a context-only body belongs to


def _listed(provinces: list[Candidate], text: str, after_merger: bool) -> set[int]:
    """Indexes of provinces named in a list ("Nam Định, Cà Mau và Phú Yên"): a list of
    different places sets no context for the bodies named after it (one of places merged into
    one unit does)."""
    listed: set[int] = set()
    for i in range(len(provinces) - 1):
        between = text[provinces[i].end : provinces[i + 1].start]
        same = _place(provinces[i], after_merger) == _place(provinces[i + 1], after_merger)
        if _LIST_JOINER.fullmatch(between) and not same:
            listed.update((i, i + 1))
    return listed


class _LastEndingBy:
    """The last of ``items`` (in list order) that ends at or before a position, by bisection:
    the ends sorted, with the running maximum of list indexes."""

    def __init__(self, items: list[Candidate]) -> None:
        order = sorted(range(len(items)), key=lambda i: items[i].end)
        self._items = items
        self._ends = [items[i].end for i in order]
        self._latest = list(accumulate(order, max))

    def get(self, position: int) -> Candidate | None:
        count = bisect_right(self._ends, position)
        return self._items[self._latest[count - 1]] if count else None


def fill_context_places(
    candidates: list[Candidate], text: str, document_date: str | None = None
) -> list[Candidate]:
    """Fill context-only names with the nearest province before them, else the document's most
    frequent one; drop those with no province, or far from all of several (generic uses)."""
    after_merger = (document_date or "") >= MERGER_DATE
    all_provinces = [c for c in candidates if c.label == "PROVINCE"]
    listed = _listed(all_provinces, text, after_merger)
    provinces = [p for i, p in enumerate(all_provinces) if i not in listed]
    counts = Counter(_place(p, after_merger) for p in provinces)
    dominant = None
    if counts:
        top = max(counts.values())
        dominant = next(p for p in provinces if counts[_place(p, after_merger)] == top)
    last_province = _LastEndingBy(provinces)
    kept = []
    for candidate in candidates:
        template = candidate.fields.get("place_template")
        if candidate.label != "ORGANIZATION" or not template:
            kept.append(candidate)
            continue
        province = last_province.get(candidate.start) or dominant
        if (
            province is not None
            and candidate.start - province.end > _CONTEXT_REACH
            and len(counts) > 1
        ):
            province = None  # far from any of several places: a generic use ("the Tỉnh ủy")
        if province is None and not all_provinces:
            # A document that names no province: the body keeps the words it is named with
            # (ANNOTATION.md rule 2: "Sở Khoa học và Công nghệ", "Ủy ban nhân dân tỉnh").
            written = _TRAILING_PLACE_WORD.search(text, candidate.start, candidate.end)
            place = written.group().lower() if written else ""
            name = template.format(place=place, name="")
            candidate.fields["canonical_name"] = " ".join(name.split())
            kept.append(candidate)
            continue
        if province is None:
            continue
        unit, name = _place(province, after_merger)
        candidate.fields["canonical_name"] = template.format(place=f"{unit} {name}", name=name)
        kept.append(candidate)
    return kept


def complete_names(candidates: list[Candidate]) -> None:
    """A body named in full once keeps that name where the text shortens it: "Viện Hàn lâm"
    after "Viện Hàn lâm Khoa học và Công nghệ Việt Nam", "Hội Cơ học" after "Hội Cơ học Việt
    Nam". Only where one fuller name fits: "Hội Nông dân" beside "Hội Nông dân Việt Nam" and
    "Hội Nông dân tỉnh X" stays as written."""
    orgs = [c for c in candidates if c.label == "ORGANIZATION" and c.fields.get("canonical_name")]
    names = sorted({c.fields["canonical_name"] for c in orgs})
    for candidate in orgs:
        name = candidate.fields["canonical_name"]
        # Names sort after their own prefix, so the fuller ones follow it directly.
        first = bisect_left(names, name + " ")
        fuller = [n for n in names[first : first + 3] if n.startswith(name + " ")]
        if len(fuller) == 1 and not any(
            n.startswith(name + " ") for n in names[first + 1 : first + 3] if n != fuller[0]
        ):
            candidate.fields["canonical_name"] = fuller[0]


def compose_names(candidates: list[Candidate]) -> list[Candidate]:
    """Names built on a parent take the parent's final name ("Ban Tuyên giáo" + "Tỉnh ủy Lạng
    Sơn"); a Party office names the nearest "Đảng ủy X" body, else the document's main body.
    A body whose parent was dropped as generic goes with it."""
    orgs = [c for c in candidates if c.label == "ORGANIZATION"]
    # The resolver keeps one of several candidates for a span: find parents by span.
    by_span = {c.span: c for c in orgs}
    dropped: set[int] = set()
    for candidate in sorted(orgs, key=lambda c: c.end - c.start):
        compose = candidate.fields.get("compose")
        if not compose:
            continue
        prefix, parent = compose
        kept = by_span.get(parent.span)
        if kept is not None and kept.fields.get("canonical_name"):
            candidate.fields["canonical_name"] = f"{prefix} {kept.fields['canonical_name']}"
        elif kept is None and (
            parent.fields.get("place_template") or parent.fields.get("short_form")
        ):
            dropped.add(id(candidate))  # named through a body that was no mention
    main = Counter(
        c.fields["canonical_name"]
        for c in orgs
        if c.fields.get("canonical_name") and not c.fields.get("party_office")
    ).most_common(1)
    # Per Party body ("Đảng ủy"), the bodies named after it, for "the nearest one before".
    # (An office's own name starts with the office, never with a Party body: the lists hold.)
    party_bodies: dict[str, _LastEndingBy] = {}
    for candidate in orgs:
        office = candidate.fields.get("party_office")
        if not office:
            continue
        name, party = office
        if party not in party_bodies:
            party_bodies[party] = _LastEndingBy(
                [o for o in orgs if (o.fields.get("canonical_name") or "").startswith(party + " ")]
            )
        parent = party_bodies[party].get(candidate.start)
        if parent is not None:
            candidate.fields["canonical_name"] = f"{name} {parent.fields['canonical_name']}"
        elif main:
            candidate.fields["canonical_name"] = f"{name} {party} {main[0][0]}"
        else:
            dropped.add(id(candidate))
    return [c for c in candidates if id(c) not in dropped]


def resolve_bare_short_forms(candidates: list[Candidate], text: str) -> list[Candidate]:
    """A bare short form ("Liên hiệp hội", no place named) after the text defines it for a
    body is a mention of that body; otherwise it is no mention at all (ANNOTATION.md rule 3),
    and neither are the organs named through it."""
    bare = [c for c in candidates if c.label == "ORGANIZATION" and c.fields.get("short_form")]
    if not bare:
        return candidates
    definitions, _ = find_definitions(candidates, text)
    by_casefold = {" ".join(k.split()).casefold(): org for k, org in definitions.items()}
    dropped: set[int] = set()
    for candidate in bare:
        org = by_casefold.get(" ".join(text[candidate.start : candidate.end].split()).casefold())
        if (
            org is None
            or candidate.start < org.start  # a short form means its body once defined
            or not org.fields.get("canonical_name")
            or generic_use(candidate, text)
        ):
            dropped.add(id(candidate))
            continue
        candidate.fields["canonical_name"] = org.fields["canonical_name"]
        candidate.fields["acronym"] = short_form_acronym(text[candidate.start : candidate.end], org)
    return [c for c in candidates if id(c) not in dropped]


def adopt_short_forms(candidates: list[Candidate], text: str) -> None:
    """A name read from a head word that is really a short form the text defined ("Hội
    BVQLNTD" after "... (Hội BVQLNTD)") takes the defined body's identity. (Every other use of
    a short form is found by the organization recognizer.)"""
    definitions, _ = find_definitions(candidates, text)
    if not definitions:
        return
    by_casefold = {" ".join(s.split()).casefold(): s for s in definitions}
    for candidate in candidates:
        if candidate.label != "ORGANIZATION" or candidate.priority > 3:
            continue
        surface = text[candidate.start : candidate.end]
        short = by_casefold.get(" ".join(surface.split()).casefold())
        if short is None or (short.isupper() and surface != short):
            continue
        org = definitions[short]
        if candidate.start < org.start or candidate is org:
            continue  # a short form means its body once defined
        candidate.fields["canonical_name"] = org.fields.get("canonical_name")
        candidate.fields["acronym"] = short_form_acronym(short, org)


# After a directive: who issued it ("..., ngày 5/6/2023 của Ban Bí thư"), when ("ban hành ngày").
_ISSUER_AFTER = regex.compile(
    r"\s*,?\s*(?:ngày\s+(?:[\d/\-.]+|\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4})\s*,?\s*)?"
    r"(?:của|do)\s+"
)
_DATE_AFTER = regex.compile(r"\s*,?\s*(?:ban hành\s+)?(?=ngày)")


def link_directives(candidates: list[Candidate], text: str) -> None:
    directives = [c for c in candidates if c.label == "DIRECTIVE"]
    orgs = [c for c in candidates if c.label == "ORGANIZATION"]
    dates = [c for c in candidates if c.label == "DATE"]
    full = {(d.fields["kind"], d.fields["number"]): d for d in directives if d.fields.get("code")}
    org_at: dict[int, Candidate] = {}
    for o in orgs:
        org_at.setdefault(o.start, o)
    date_at: dict[int, Candidate] = {}
    for d in dates:
        date_at.setdefault(d.start, d)
    for directive in directives:
        fields = directive.fields
        target = full.get((fields["kind"], fields["number"]))
        fields["resolved_code"] = fields.get("code") or (target.fields["code"] if target else None)
        if not fields.get("code") and target is not None:
            fields.setdefault("issuer", target.fields.get("issuer"))
        after = _ISSUER_AFTER.match(text[directive.end : directive.end + 60])
        if after:
            at = directive.end + after.end()
            org = org_at.get(at)
            if org is not None and org.fields.get("canonical_name"):
                fields["issuer"] = org.fields["canonical_name"]
        gap = _DATE_AFTER.match(text[directive.end : directive.end + 20])
        if gap:
            at = directive.end + gap.end()
            date = date_at.get(at)
            if date is not None:
                fields["issued_on"] = date.fields["value"]


class ClusterIds:
    """Cluster ids of one document: the same entity, the same id ("P1", "O3"), in order of
    first mention; shared by the parts of a document read in parts."""

    PREFIXES: ClassVar[dict[str, str]] = {
        "PERSON": "P", "ORGANIZATION": "O", "PROVINCE": "L", "DIRECTIVE": "D", "DATE": "T",
    }  # fmt: skip

    def __init__(self) -> None:
        self.keys: dict[tuple[str, str], str] = {}
        self.counters: Counter[str] = Counter()


def assign_clusters(candidates: list[Candidate], clusters: ClusterIds | None = None) -> None:
    clusters = clusters or ClusterIds()
    keys, counters, prefixes = clusters.keys, clusters.counters, ClusterIds.PREFIXES
    for candidate in candidates:
        f = candidate.fields
        if candidate.label == "PERSON":
            key = f["name"].casefold()
        elif candidate.label == "ORGANIZATION":
            key = (f.get("canonical_name") or "").casefold()
        elif candidate.label == "PROVINCE":
            key = f["name"]
        elif candidate.label == "DIRECTIVE":
            key = f"{f['kind']}|{f['number']}|{f.get('resolved_code') or ''}"
        else:
            key = f["value"]
        ident = (candidate.label, key)
        if ident not in keys:
            counters[candidate.label] += 1
            keys[ident] = f"{prefixes[candidate.label]}{counters[candidate.label]}"
        candidate.fields["cluster"] = keys[ident]


def link(
    candidates: list[Candidate],
    text: str,
    document_date: str | None = None,
    clusters: ClusterIds | None = None,
) -> list[Candidate]:
    candidates = fill_context_places(candidates, text, document_date)
    candidates = resolve_bare_short_forms(candidates, text)
    complete_names(candidates)
    candidates = compose_names(candidates)
    adopt_short_forms(candidates, text)
    link_directives(candidates, text)
    assign_clusters(candidates, clusters)
    return candidates
