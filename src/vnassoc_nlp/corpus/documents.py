"""One annotated record (a line of ``vnassoc annotate``, or a gold line) to the rows it indexes as.

Any file in the contract's shape is accepted: fields the record lacks are derived where the
record allows (positions from ``roles``, a back-reference's code from a coded mention of the same
directive in the document, a date's start and end from its value, a cluster from the name).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..records import LABELS
from .identities import (
    PersonProfile,
    Places,
    ProfilePosition,
    code_key,
    fold,
    organization_id,
    positions_from_roles,
    province_id,
)

# Fields of a record that are the document itself; the rest are kept as JSON in ``fields``.
_DOCUMENT_FIELDS = {"id", "text", "date", "entities", "error", "date_source", "warnings", "line"}
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


class SkippedRecord(ValueError):
    """A record that holds no document to index (an error line, no entities, no id)."""

    def __init__(self, kind: str, message: str) -> None:
        self.kind = kind
        super().__init__(message)


@dataclass
class IndexedDocument:
    id: str
    date: date | None
    text: str | None
    fields: str
    mentions: list[dict[str, Any]] = field(default_factory=list)
    people: list[PersonProfile] = field(default_factory=list)
    skipped_entities: int = 0

    def entity_ids(self, label: str) -> set[str]:
        return {m["entity_id"] for m in self.mentions if m["label"] == label and m["entity_id"]}


def parse_day(value: Any) -> date | None:
    if isinstance(value, str) and _ISO_DAY.fullmatch(value[:10]):
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def _strings(value: Any) -> list[str]:
    if not isinstance(value, list | tuple):
        return []
    return [v for v in value if isinstance(v, str) and v.strip()]


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _date_bounds(value: str | None) -> tuple[str | None, str | None]:
    if not value:
        return None, None
    start, _, end = value.partition("/")
    return start, end or start


def build_document(record: Any, places: Places) -> IndexedDocument:
    """The rows of one record; raises ``SkippedRecord`` for a record that is not a document."""
    if not isinstance(record, dict):
        raise SkippedRecord("invalid_record", "not a JSON object")
    error = record.get("error")
    if error:
        kind = error.get("type", "error") if isinstance(error, dict) else "error"
        raise SkippedRecord(str(kind), f"an error record: {error}")
    ident = record.get("id")
    if ident is None or isinstance(ident, bool | dict | list):
        raise SkippedRecord("missing_id", "a record without an id")
    entities = record.get("entities")
    if not isinstance(entities, list):
        raise SkippedRecord("missing_entities", "a record without an 'entities' list")
    others = {k: v for k, v in record.items() if k not in _DOCUMENT_FIELDS and v is not None}
    doc = IndexedDocument(
        id=str(ident),
        date=parse_day(record.get("date")),
        text=record.get("text") if isinstance(record.get("text"), str) else None,
        fields=json.dumps(others, ensure_ascii=False, sort_keys=True, default=str),
    )
    good = [e for e in entities if isinstance(e, dict) and e.get("label") in LABELS]
    doc.skipped_entities = len(entities) - len(good)
    good.sort(key=lambda e: (_int(e.get("start")) or 0, -(_int(e.get("end")) or 0)))
    _Builder(doc, good, places).build()
    return doc


class _Builder:
    def __init__(self, doc: IndexedDocument, entities: list[dict[str, Any]], places: Places):
        self.doc = doc
        self.entities = entities
        self.places = places
        provinces = [e for e in entities if e["label"] == "PROVINCE" and _text(e.get("name"))]
        self.provinces = provinces
        names = {fold(e["name"]): e["name"] for e in provinces}
        # A context-named body ("Tỉnh ủy") joins its province's when the document names one.
        self.context_province = next(iter(names.values())) if len(names) == 1 else None
        self.org_rows: dict[int, dict[str, Any]] = {}  # start offset -> ORGANIZATION row

    def row(self, entity: dict[str, Any], **fields: Any) -> dict[str, Any]:
        row: dict[str, Any] = {
            "document_id": self.doc.id,
            "label": entity["label"],
            "start": _int(entity.get("start")),
            "end": _int(entity.get("end")),
            "text": entity.get("text") if isinstance(entity.get("text"), str) else None,
            "cluster": _text(entity.get("cluster")),
            "entity_id": None,
            "name": None,
            "titles": None,
            "roles": None,
            "canonical_name": None,
            "acronym": None,
            "province": None,
            "successor": None,
            "kind": None,
            "number": None,
            "code": None,
            "resolved_code": None,
            "value": None,
            "value_start": None,
            "value_end": None,
        }
        row.update(fields)
        self.doc.mentions.append(row)
        return row

    def build(self) -> None:
        directives = [e for e in self.entities if e["label"] == "DIRECTIVE"]
        for entity in self.entities:
            label = entity["label"]
            if label == "PROVINCE":
                self.province(entity)
            elif label == "ORGANIZATION":
                self.organization(entity)
            elif label == "DIRECTIVE":
                self.directive(entity, directives)
            elif label == "DATE":
                value = _text(entity.get("value"))
                start, end = _date_bounds(value)
                self.row(
                    entity,
                    value=value,
                    value_start=_text(entity.get("value_start")) or start,
                    value_end=_text(entity.get("value_end")) or end,
                )
        self.people()

    def province(self, entity: dict[str, Any]) -> None:
        name = _text(entity.get("name"))
        successor = _text(entity.get("successor"))
        if name and not successor:
            known = self.places.names.get(fold(name))
            successor = known[1] if known else name
        self.row(
            entity,
            name=name,
            successor=successor,
            province=name,
            entity_id=province_id(name) if name else None,
        )

    def _nested_province(self, start: int | None, end: int | None) -> str | None:
        if start is None or end is None:
            return None
        for province in self.provinces:
            p_start, p_end = _int(province.get("start")), _int(province.get("end"))
            if p_start is not None and p_end is not None and start <= p_start and p_end <= end:
                return str(province["name"])
        return None

    def body(self, canonical: str, province: str | None) -> tuple[str | None, str | None]:
        """The corpus name and province of a body: a context-named one ("Tỉnh ủy") takes the
        document's province, or has no corpus identity when the document names none or several."""
        if self.places.context_named(canonical):
            if self.context_province is None:
                return None, None
            return self.places.with_province(canonical, self.context_province), (
                self.context_province
            )
        return " ".join(canonical.split()), province

    def organization(self, entity: dict[str, Any]) -> None:
        canonical = _text(entity.get("canonical_name")) or _text(entity.get("text"))
        start, end = _int(entity.get("start")), _int(entity.get("end"))
        name, province = (None, None)
        if canonical:
            name, province = self.body(canonical, self._nested_province(start, end))
        row = self.row(
            entity,
            canonical_name=canonical,
            acronym=_text(entity.get("acronym")),
            name=name,
            province=province,
            entity_id=organization_id(fold(name)) if name else None,
        )
        if start is not None:
            self.org_rows.setdefault(start, row)

    def directive(self, entity: dict[str, Any], directives: list[dict[str, Any]]) -> None:
        kind, number = _text(entity.get("kind")), _text(entity.get("number"))
        code = _text(entity.get("code"))
        resolved = _text(entity.get("resolved_code")) or code
        if resolved is None and kind and number:
            # A back-reference ("Chỉ thị 42") joins the code of the same directive in the text.
            codes = {
                code_key(str(d["code"]))
                for d in directives
                if _text(d.get("code"))
                and fold(str(d.get("kind") or "")) == fold(kind)
                and str(d.get("number") or "").strip() == number.strip()
            }
            if len(codes) == 1:
                resolved = codes.pop()
        self.row(
            entity,
            kind=kind,
            number=number,
            code=code,
            resolved_code=resolved,
            name=resolved,
            entity_id=code_key(resolved) if resolved else None,
        )

    def position(self, item: dict[str, Any]) -> ProfilePosition | None:
        role = _text(item.get("title")) or _text(item.get("role"))
        if role is None:
            return None
        organization = _text(item.get("organization"))
        org_row = self.org_rows.get(_int(item.get("organization_start")) or -1)
        if org_row is not None:
            org_id, province = org_row["entity_id"], org_row["province"]
            organization = org_row["name"] or organization
        elif organization is not None:
            organization, province = self.body(organization, None)
            org_id = organization_id(fold(organization)) if organization else None
        else:
            org_id = province = None
        return ProfilePosition(
            " ".join(role.split()), bool(item.get("former")), organization, org_id, province
        )

    def people(self) -> None:
        clusters: dict[str, list[dict[str, Any]]] = {}
        for entity in self.entities:
            if entity["label"] != "PERSON":
                continue
            name = _text(entity.get("name")) or _text(entity.get("text"))
            row = self.row(
                entity,
                name=name,
                titles=_strings(entity.get("titles")),
                roles=_strings(entity.get("roles")),
            )
            if name is None:
                continue
            # Without the pipeline's clusters (a gold file), one name is one person in a text.
            if row["cluster"] is None:
                row["cluster"] = "name:" + fold(name)
            clusters.setdefault(row["cluster"], []).append(entity)
        provinces = tuple(sorted({str(e["name"]) for e in self.provinces}))
        for cluster, members in clusters.items():
            names = [_text(m.get("name")) or str(m.get("text")) for m in members]
            name = max(names, key=len)
            titles = _unique(t for m in members for t in _strings(m.get("titles")))
            roles = _unique(r for m in members for r in _strings(m.get("roles")))
            given = [m["positions"] for m in members if isinstance(m.get("positions"), list)]
            if given:
                found = (self.position(p) for ps in given for p in ps if isinstance(p, dict))
                positions = tuple(p for p in found if p is not None)
            else:
                positions = positions_from_roles(roles)
            unique: dict[tuple[str, bool, str], ProfilePosition] = {}
            for p in positions:
                org = p.organization_id or fold(p.organization or "")
                unique.setdefault((fold(p.role), p.former, org), p)
            self.doc.people.append(
                PersonProfile(
                    self.doc.id,
                    cluster,
                    name,
                    self.doc.date,
                    tuple(titles),
                    tuple(roles),
                    tuple(unique.values()),
                    len(members),
                    document_provinces=provinces,
                )
            )


def _unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(" ".join(v.split()) for v in values))
