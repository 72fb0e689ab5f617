"""One identity across documents: keys for organizations, directives and provinces, and the
clustering that decides which same-name people in different documents are one person.

Everything here works on what ``vnassoc annotate`` writes (or any file in the contract's shape):
plain dicts in, plain dataclasses out. Nothing from the pipeline is imported.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

# The contract marks a former holder by this word before the role (ANNOTATION.md, rule 5).
FORMER_MARKER = "nguyên"

# Academic titles only go up over a career; a later document giving a lower one than an earlier
# document is another person. Ranks of the contract's canonical forms (ANNOTATION.md).
DEGREE_RANK = {"CN": 1, "KS": 1, "BS": 1, "DS": 1, "LS": 1, "KTS": 1, "ThS": 2, "TS": 3, "TSKH": 4}
PROFESSOR_RANK = {"PGS": 1, "GS": 2}

_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """The comparison form of a name: NFC, case-folded, single-spaced."""
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def code_key(code: str) -> str:
    """The comparison form of a directive code: "42-CT/TƯ", "42 - CT/TW" -> "42-CT/TW"."""
    key = _SPACES.sub("", unicodedata.normalize("NFC", code)).upper()
    return key.replace("TƯ", "TW")


def short_id(prefix: str, *parts: str) -> str:
    digest = hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:12]
    return f"{prefix}-{digest}"


def organization_id(key: str) -> str:
    return short_id("o", key)


def province_id(name: str) -> str:
    return short_id("v", fold(name))


# -- places: which bodies are named by context, and which province a body's name ends with -------
class Places:
    """Province names with their unit type and 2025 successor, and the head words of bodies
    named by their province ("Tỉnh ủy", "UBND tỉnh", "Sở ..."). Read from the bundled data."""

    def __init__(
        self,
        unit_types: dict[str, str],
        names: dict[str, tuple[str, str]],
        place_heads: Iterable[str],
        local_heads: Iterable[str],
    ) -> None:
        self.unit_types = unit_types  # folded province name -> "tỉnh" | "thành phố"
        self.names = names  # folded name -> (name, successor)
        self.unit_words = frozenset(unit_types.values())
        self.place_heads = tuple(sorted(place_heads, key=len, reverse=True))
        self.local_heads = tuple(sorted(local_heads, key=len, reverse=True))
        self._longest_name = max((len(k.split()) for k in names), default=1)
        # Bodies' names repeat across a corpus: each is looked at once.
        self._at_end: dict[str, tuple[str, str] | None] = {}
        self._context: dict[str, bool] = {}

    @classmethod
    def load(cls) -> Places:
        from ..gazetteers import bundled_gazetteer_dir, read_gazetteer

        directory = bundled_gazetteer_dir()
        unit_types: dict[str, str] = {}
        names: dict[str, tuple[str, str]] = {}
        for file in ("provinces_2025.tsv", "provinces.tsv"):
            _, rows = read_gazetteer(directory / file)
            for row in rows:
                name = row.name  # type: ignore[attr-defined]
                unit_types[fold(name)] = row.unit_type  # type: ignore[attr-defined]
                names[fold(name)] = (name, getattr(row, "successor", name))
        _, rows = read_gazetteer(directory / "org_heads.tsv")
        heads = [(fold(r.head), r.role) for r in rows]  # type: ignore[attr-defined]
        return cls(
            unit_types,
            names,
            [h for h, role in heads if role == "place_body"],
            [h for h, role in heads if role == "local_body"],
        )

    def province_at_end(self, name: str) -> tuple[str, str] | None:
        """(name, successor) of the province a body's name ends with ("... tỉnh Phú Yên")."""
        folded = fold(name)
        if folded not in self._at_end:
            words = folded.split()
            found = None
            for size in range(min(self._longest_name, len(words)), 0, -1):
                found = self.names.get(" ".join(words[-size:]))
                if found is not None:
                    break
            self._at_end[folded] = found
        return self._at_end[folded]

    def _ends_with(self, folded: str, heads: Iterable[str]) -> str | None:
        return next((h for h in heads if folded == h or folded.endswith(" " + h)), None)

    def context_named(self, name: str) -> bool:
        """A body named by its province's context: "Tỉnh ủy", "Ủy ban nhân dân tỉnh",
        "Ban Tuyên giáo Tỉnh ủy", "Sở Khoa học và Công nghệ" (with no province in the name)."""
        folded = fold(name)
        if folded not in self._context:
            self._context[folded] = self.province_at_end(name) is None and (
                self._ends_with(folded, self.unit_words) is not None
                or self._ends_with(folded, self.place_heads) is not None
                or any(folded.startswith(h + " ") for h in self.local_heads)
            )
        return self._context[folded]

    def with_province(self, name: str, province: str) -> str:
        """A context-named body's name with its province: "Ủy ban nhân dân tỉnh" + Phú Yên ->
        "Ủy ban nhân dân tỉnh Phú Yên"; "Tỉnh ủy" + Phú Yên -> "Tỉnh ủy Phú Yên"."""
        unit = self.unit_types.get(fold(province), "tỉnh")
        name = " ".join(name.split())
        folded = fold(name)
        word = self._ends_with(folded, self.unit_words)
        if word is not None:
            return f"{name[: len(name) - len(word)]}{unit} {province}".strip()
        head = self._ends_with(folded, self.place_heads)
        unit_first_words = {w.split()[0] for w in self.unit_words}
        if head is not None and head.split()[0] in unit_first_words:
            return f"{name} {province}"  # "Tỉnh ủy", "Thành đoàn": the unit is in the head
        return f"{name} {unit} {province}"


# -- people ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class ProfilePosition:
    role: str
    former: bool
    organization: str | None
    organization_id: str | None
    province: str | None


@dataclass
class PersonProfile:
    """Everything one document says about one person (one of its same-entity clusters)."""

    document_id: str
    cluster: str
    name: str
    date: date | None
    titles: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    positions: tuple[ProfilePosition, ...] = ()
    mentions: int = 1
    person_id: str | None = None
    document_provinces: tuple[str, ...] = ()  # every province the document names

    # Derived once (the clustering reads them many times).
    name_key: str = field(init=False, repr=False)
    provinces: frozenset[str] = field(init=False, repr=False)
    all_provinces: frozenset[str] = field(init=False, repr=False)
    organizations: frozenset[str] = field(init=False, repr=False)
    role_keys: frozenset[str] = field(init=False, repr=False)
    degree: int = field(init=False, repr=False)
    professorship: int = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.name_key = fold(self.name)
        # Provinces of the bodies the person holds a current post in: two namesakes holding
        # posts in different provinces are two people.
        self.provinces = frozenset(
            p.province for p in self.positions if p.province and not p.former
        )
        self.all_provinces = frozenset(p.province for p in self.positions if p.province)
        self.organizations = frozenset(
            p.organization_id for p in self.positions if p.organization_id
        )
        self.role_keys = frozenset(fold(p.role) for p in self.positions if p.role)
        self.degree = max((DEGREE_RANK.get(t, 0) for t in self.titles), default=0)
        self.professorship = max((PROFESSOR_RANK.get(t, 0) for t in self.titles), default=0)

    def order_key(self) -> tuple[object, ...]:
        """Most telling profiles first (they found the clusters), then by date and document."""
        return (
            not self.provinces,
            -len(self.organizations),
            -len(self.titles),
            self.date or date.max,
            self.document_id,
            self.cluster,
        )


def positions_from_roles(roles: Iterable[str]) -> tuple[ProfilePosition, ...]:
    """Positions for a file that gives only ``roles`` (a gold file): "nguyên X" is former X."""
    out = []
    for role in roles:
        words = role.split(maxsplit=1)
        former = len(words) == 2 and fold(words[0]) == FORMER_MARKER
        out.append(ProfilePosition(words[1] if former else role, former, None, None, None))
    return tuple(out)


@dataclass
class _Cluster:
    members: list[PersonProfile] = field(default_factory=list)
    provinces: set[str] = field(default_factory=set)
    all_provinces: set[str] = field(default_factory=set)
    organizations: set[str] = field(default_factory=set)
    titles: set[str] = field(default_factory=set)
    roles: set[str] = field(default_factory=set)
    dates: list[date] = field(default_factory=list)
    # Dated members by (degree, professorship): only members whose titles differ from a
    # profile's can conflict with it.
    titled: dict[tuple[int, int], list[PersonProfile]] = field(default_factory=dict)

    def add(self, profile: PersonProfile) -> None:
        self.members.append(profile)
        if profile.date is not None and (profile.degree or profile.professorship):
            self.titled.setdefault((profile.degree, profile.professorship), []).append(profile)
        self.provinces |= profile.provinces
        self.all_provinces |= profile.all_provinces
        self.organizations |= profile.organizations
        self.titles |= set(profile.titles)
        self.roles |= profile.role_keys
        if profile.date is not None:
            self.dates.append(profile.date)


def _titles_conflict(a: PersonProfile, b: PersonProfile) -> bool:
    """Titles that went down over time: an earlier GS and a later PGS are two people."""
    if a.date is None or b.date is None:
        return False
    if a.date > b.date:
        a, b = b, a
    for earlier, later in ((a.degree, b.degree), (a.professorship, b.professorship)):
        if later and earlier > later:
            return True
        if a.date == b.date and earlier and later and earlier != later:
            return True
    return False


def compatible(profile: PersonProfile, cluster: _Cluster) -> bool:
    if profile.provinces and cluster.provinces and not profile.provinces & cluster.provinces:
        return False
    if profile.date is None or not (profile.degree or profile.professorship):
        return True  # an undated or untitled profile has no title to contradict
    own = (profile.degree, profile.professorship)
    return not any(
        _titles_conflict(profile, member)
        for titles, members in cluster.titled.items()
        if titles != own
        for member in members
    )


def agreement(profile: PersonProfile, cluster: _Cluster) -> int:
    """Positive evidence that a profile is a cluster's person: shared bodies weigh most."""
    score = 3 * len(profile.organizations & cluster.organizations)
    score += 2 * len(profile.all_provinces & cluster.all_provinces)
    score += len(set(profile.titles) & cluster.titles)
    score += len(profile.role_keys & cluster.roles)
    if profile.date is not None and any(abs((profile.date - d).days) <= 730 for d in cluster.dates):
        score += 1
    if not set(profile.document_provinces).isdisjoint(cluster.all_provinces):
        score += 1  # the document is about the province the cluster's person holds posts in
    return score


def cluster_same_name(profiles: Sequence[PersonProfile]) -> list[list[PersonProfile]]:
    """Split the profiles of one name into people. Deterministic: the result depends only on
    the set of profiles, never on the order they were indexed in.

    A profile joins the one cluster whose members it agrees with (no two current posts in
    different provinces, no title that went down over time) and that it agrees with best; when
    several clusters fit equally well it is ambiguous and stays apart rather than guess.
    """
    clusters: list[_Cluster] = []
    for profile in sorted(profiles, key=PersonProfile.order_key):
        fitting = [c for c in clusters if compatible(profile, c)]
        chosen: _Cluster | None = None
        if len(fitting) == 1:
            chosen = fitting[0]
        elif fitting:
            scores = [agreement(profile, c) for c in fitting]
            best = max(scores)
            if scores.count(best) == 1:
                chosen = fitting[scores.index(best)]
        if chosen is None:
            chosen = _Cluster()
            clusters.append(chosen)
        chosen.add(profile)
    return [c.members for c in clusters]


def person_id(members: Sequence[PersonProfile]) -> str:
    anchor = min((m.document_id, m.cluster) for m in members)
    return short_id("p", members[0].name_key, *anchor)


def assign_people(profiles: Sequence[PersonProfile]) -> dict[tuple[str, str], str]:
    """(document id, cluster) -> corpus person id, for profiles of any names."""
    by_name: dict[str, list[PersonProfile]] = {}
    for profile in profiles:
        by_name.setdefault(profile.name_key, []).append(profile)
    assigned: dict[tuple[str, str], str] = {}
    for group in by_name.values():
        for members in cluster_same_name(group):
            ident = person_id(members)
            for member in members:
                assigned[(member.document_id, member.cluster)] = ident
    return assigned


def preferred(values: Iterable[str]) -> str:
    """The most frequent form; ties go to the longest, then the first in code-point order."""
    counts = Counter(values)
    return min(counts, key=lambda v: (-counts[v], -len(v), v))
