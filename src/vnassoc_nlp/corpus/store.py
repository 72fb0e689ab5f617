"""``vnassoc index``: load annotated records into a corpus database, one transaction a batch.

Each batch (``batch_size`` documents) is deleted-and-reinserted by document id and every
corpus-wide row it touches (people of the same names, bodies, directives, provinces) is rebuilt
inside the same transaction. So a process killed mid-way leaves every document wholly in or
wholly out, a document indexed again replaces its rows, and the people of a name are always the
clustering of all that name's profiles in the database, whatever order they came in.
"""

from __future__ import annotations

import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from .documents import IndexedDocument, SkippedRecord, build_document
from .identities import (
    PersonProfile,
    Places,
    ProfilePosition,
    assign_people,
    fold,
    preferred,
)
from .reader import Item, read_items
from .schema import open_for_writing

_MENTION_COLUMNS = (
    "document_id",
    "label",
    "start",
    "end",
    "text",
    "cluster",
    "entity_id",
    "name",
    "titles",
    "roles",
    "canonical_name",
    "acronym",
    "province",
    "successor",
    "kind",
    "number",
    "code",
    "resolved_code",
    "value",
    "value_start",
    "value_end",
)


def _schemas() -> dict[str, Any]:
    import pyarrow as pa

    text, day, texts = pa.string(), pa.date32(), pa.list_(pa.string())
    position = pa.struct(
        [
            ("role", text),
            ("former", pa.bool_()),
            ("organization", text),
            ("organization_id", text),
            ("province", text),
        ]
    )
    mention_types = {"start": pa.int32(), "end": pa.int32(), "titles": texts, "roles": texts}
    return {
        "documents": pa.schema(
            [
                ("id", text),
                ("date", day),
                ("text", text),
                ("fields", text),
                ("mention_count", pa.int32()),
            ]
        ),
        "mentions": pa.schema([(c, mention_types.get(c, text)) for c in _MENTION_COLUMNS]),
        "document_people": pa.schema(
            [
                ("document_id", text),
                ("cluster", text),
                ("person_id", text),
                ("name", text),
                ("name_key", text),
                ("date", day),
                ("titles", texts),
                ("roles", texts),
                ("positions", pa.list_(position)),
                ("mentions", pa.int32()),
                ("document_provinces", texts),
            ]
        ),
        "entities": pa.schema(
            [
                ("id", text),
                ("label", text),
                ("name", text),
                ("key", text),
                ("acronym", text),
                ("province", text),
                ("successor", text),
                ("kind", text),
                ("number", text),
                ("code", text),
                ("titles", texts),
                ("document_count", pa.int32()),
                ("mention_count", pa.int32()),
                ("first_seen", day),
                ("last_seen", day),
            ]
        ),
        "positions": pa.schema(
            [
                ("person_id", text),
                ("name_key", text),
                ("role", text),
                ("organization", text),
                ("organization_id", text),
                ("former", pa.bool_()),
                ("first_seen", day),
                ("last_seen", day),
                ("documents", texts),
            ]
        ),
        "citations": pa.schema(
            [
                ("document_id", text),
                ("directive_id", text),
                ("code", text),
                ("kind", text),
                ("number", text),
                ("date", day),
                ("mentions", pa.int32()),
            ]
        ),
        "ids": pa.schema([("id", text)]),
        "assignments": pa.schema([("document_id", text), ("cluster", text), ("person_id", text)]),
    }


@dataclass
class IndexSummary:
    documents: int = 0
    replaced: int = 0
    errors: int = 0
    error_types: Counter[str] = field(default_factory=Counter)
    skipped_entities: int = 0
    mentions: int = 0
    batches: int = 0
    seconds: float = 0.0
    totals: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "replaced": self.replaced,
            "errors": self.errors,
            "error_types": dict(sorted(self.error_types.items())),
            "skipped_entities": self.skipped_entities,
            "mentions": self.mentions,
            "batches": self.batches,
            "seconds": round(self.seconds, 3),
            "documents_per_second": round(self.documents / self.seconds) if self.seconds else None,
            "database": self.totals,
        }


class Indexer:
    """Writes annotated records into the corpus database at ``path`` (created if new).

    Use as a context manager, or call ``close()``. ``memory_limit`` caps DuckDB's buffers.
    """

    def __init__(
        self, path: str | Path, *, batch_size: int = 1000, memory_limit: str | None = "512MB"
    ) -> None:
        if batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        self.path = Path(path)
        self.batch_size = batch_size
        self.places = Places.load()
        self.connection = open_for_writing(self.path, memory_limit)
        self._schemas = _schemas()

    def __enter__(self) -> Indexer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.connection.close()

    # -- reading --------------------------------------------------------------------------------
    def index(
        self,
        sources: Sequence[str | Path],
        progress: Callable[[IndexSummary], None] | None = None,
    ) -> IndexSummary:
        """Index files (JSON Lines, ``.gz``, Parquet) or directories of them."""
        return self.add_items(read_items(sources), progress)

    def add(self, records: Iterable[dict[str, Any]]) -> IndexSummary:
        """Index records given in Python (dicts in the output contract's shape)."""
        return self.add_items(Item(f"record {n}", r) for n, r in enumerate(records, start=1))

    def add_items(
        self, items: Iterable[Item], progress: Callable[[IndexSummary], None] | None = None
    ) -> IndexSummary:
        summary = IndexSummary()
        started = time.perf_counter()
        pending: dict[str, IndexedDocument] = {}
        for item in items:
            if item.problem is not None:
                summary.errors += 1
                summary.error_types["unreadable_line"] += 1
                continue
            try:
                doc = build_document(item.record, self.places)
            except SkippedRecord as skipped:
                summary.errors += 1
                summary.error_types[skipped.kind] += 1
                continue
            pending.pop(doc.id, None)  # the same id twice: the later record wins
            pending[doc.id] = doc
            if len(pending) >= self.batch_size:
                self._write(list(pending.values()), summary)
                pending.clear()
                if progress is not None:
                    summary.seconds = time.perf_counter() - started
                    progress(summary)
        if pending:
            self._write(list(pending.values()), summary)
        summary.seconds = time.perf_counter() - started
        summary.totals = self.totals()
        return summary

    def totals(self) -> dict[str, int]:
        counts = dict(self._run("SELECT label, count(*) FROM entities GROUP BY label"))
        documents = self._run("SELECT count(*) FROM documents")[0][0]
        return {
            "documents": int(documents),
            "people": int(counts.get("PERSON", 0)),
            "organizations": int(counts.get("ORGANIZATION", 0)),
            "directives": int(counts.get("DIRECTIVE", 0)),
            "provinces": int(counts.get("PROVINCE", 0)),
        }

    # -- writing --------------------------------------------------------------------------------
    def _run(self, sql: str, parameters: Sequence[Any] | None = None) -> list[tuple[Any, ...]]:
        """Run a statement and fetch all it returns (a result left unread blocks the next
        statement on this connection)."""
        return self.connection.execute(sql, parameters).fetchall()

    def _table(self, name: str, rows: list[dict[str, Any]], schema: str | None = None) -> Any:
        import pyarrow as pa

        return pa.Table.from_pylist(rows, schema=self._schemas[schema or name])

    def _insert(self, table: str, rows: list[dict[str, Any]]) -> None:
        if not rows:
            return
        self.connection.register("_rows", self._table(table, rows))
        try:
            self._run(f"INSERT INTO {table} SELECT * FROM _rows")
        finally:
            self.connection.unregister("_rows")

    def _scratch(self, name: str, rows: list[dict[str, Any]], schema: str) -> None:
        """A temporary table for this transaction's joins (ids, name keys, assignments)."""
        self.connection.register(f"_{name}_view", self._table(schema, rows, schema))
        self._run(f"CREATE OR REPLACE TEMP TABLE {name} AS SELECT * FROM _{name}_view")
        self.connection.unregister(f"_{name}_view")

    def _write(self, docs: list[IndexedDocument], summary: IndexSummary) -> None:
        connection = self.connection
        connection.begin()
        try:
            self._write_batch(docs, summary)
            connection.commit()
        except BaseException:
            connection.rollback()
            raise
        summary.batches += 1
        summary.documents += len(docs)
        summary.mentions += sum(len(d.mentions) for d in docs)
        summary.skipped_entities += sum(d.skipped_entities for d in docs)

    def _write_batch(self, docs: list[IndexedDocument], summary: IndexSummary) -> None:
        self._scratch("batch_ids", [{"id": d.id} for d in docs], "ids")
        replaced = self._run(
            "SELECT count(*) FROM documents WHERE id IN (SELECT id FROM batch_ids)"
        )[0][0]
        old_names: set[str] = set()
        touched_entities: set[str] = set()
        if replaced:
            summary.replaced += int(replaced)
            old_names = {
                row[0]
                for row in self._run(
                    "SELECT DISTINCT name_key FROM document_people "
                    "WHERE document_id IN (SELECT id FROM batch_ids)"
                )
            }
            touched_entities = {
                row[0]
                for row in self._run(
                    "SELECT DISTINCT entity_id FROM mentions WHERE label <> 'PERSON' AND "
                    "entity_id IS NOT NULL AND document_id IN (SELECT id FROM batch_ids)"
                )
            }
            for table, column in (
                ("documents", "id"),
                ("mentions", "document_id"),
                ("document_people", "document_id"),
                ("citations", "document_id"),
            ):
                self._run(f"DELETE FROM {table} WHERE {column} IN (SELECT id FROM batch_ids)")
        new_profiles = [p for d in docs for p in d.people]
        names = old_names | {p.name_key for p in new_profiles}
        self._scratch("batch_names", [{"id": n} for n in names], "ids")
        stored = self._stored_profiles()
        assigned = assign_people([*stored, *new_profiles])
        for profile in new_profiles:
            profile.person_id = assigned[(profile.document_id, profile.cluster)]
        for doc in docs:
            for row in doc.mentions:
                if row["label"] == "PERSON" and row["cluster"] is not None:
                    row["entity_id"] = assigned.get((doc.id, row["cluster"]))
                elif row["entity_id"] is not None:
                    touched_entities.add(row["entity_id"])
        self._insert(
            "documents",
            [
                {
                    "id": d.id,
                    "date": d.date,
                    "text": d.text,
                    "fields": d.fields,
                    "mention_count": len(d.mentions),
                }
                for d in docs
            ],
        )
        self._insert("mentions", [row for d in docs for row in d.mentions])
        self._insert("document_people", [_profile_row(p) for p in new_profiles])
        self._insert("citations", [row for d in docs for row in _citations(d)])
        changed = [
            {
                "document_id": p.document_id,
                "cluster": p.cluster,
                "person_id": assigned[(p.document_id, p.cluster)],
            }
            for p in stored
            if p.person_id != assigned[(p.document_id, p.cluster)]
        ]
        if changed:
            self._scratch("changed", changed, "assignments")
            self._run(
                "UPDATE document_people SET person_id = c.person_id FROM changed c "
                "WHERE document_people.document_id = c.document_id "
                "AND document_people.cluster = c.cluster"
            )
            self._run(
                "UPDATE mentions SET entity_id = c.person_id FROM changed c "
                "WHERE mentions.label = 'PERSON' AND mentions.document_id = c.document_id "
                "AND mentions.cluster = c.cluster"
            )
        before: dict[str, set[tuple[str, str]]] = defaultdict(set)
        for profile in stored:
            before[str(profile.person_id)].add((profile.document_id, profile.cluster))
            profile.person_id = assigned[(profile.document_id, profile.cluster)]
        self._rebuild_people(before, [*stored, *new_profiles])
        self._scratch("batch_entities", [{"id": i} for i in touched_entities], "ids")
        self._rebuild_entities()

    def _stored_profiles(self) -> list[PersonProfile]:
        rows = self._run(
            "SELECT document_id, cluster, name, date, titles, roles, positions, mentions, "
            "person_id, document_provinces FROM document_people "
            "WHERE name_key IN (SELECT id FROM batch_names)"
        )
        return [
            PersonProfile(
                document_id,
                cluster,
                name,
                day,
                tuple(titles or ()),
                tuple(roles or ()),
                tuple(
                    ProfilePosition(
                        p["role"],
                        bool(p["former"]),
                        p["organization"],
                        p["organization_id"],
                        p["province"],
                    )
                    for p in positions or ()
                ),
                mentions,
                person,
                tuple(places or ()),
            )
            for document_id, cluster, name, day, titles, roles, positions, mentions, person, places in rows
        ]

    def _rebuild_people(
        self, before: dict[str, set[tuple[str, str]]], profiles: list[PersonProfile]
    ) -> None:
        """Rewrite the people whose documents changed (and drop those who are gone); a person
        of a touched name whose documents are the same keeps its rows."""
        people: dict[str, list[PersonProfile]] = defaultdict(list)
        for profile in profiles:
            people[str(profile.person_id)].append(profile)
        changed = {
            ident
            for ident, members in people.items()
            if before.get(ident) != {(m.document_id, m.cluster) for m in members}
        }
        stale = changed | (set(before) - set(people))
        self._scratch("batch_people", [{"id": i} for i in stale], "ids")
        self._run(
            "DELETE FROM entities WHERE label = 'PERSON' AND id IN (SELECT id FROM batch_people)"
        )
        self._run("DELETE FROM positions WHERE person_id IN (SELECT id FROM batch_people)")
        entities, positions = [], []
        for ident in sorted(changed):
            members = people[ident]
            entities.append(_person_entity(ident, members))
            positions.extend(_person_positions(ident, members))
        self._insert("entities", entities)
        self._insert("positions", positions)

    def _rebuild_entities(self) -> None:
        """Organizations, directives and provinces the batch touched, from all their mentions."""
        self._run(
            "DELETE FROM entities WHERE label <> 'PERSON' AND id IN (SELECT id FROM batch_entities)"
        )
        self._run(_REBUILD_ENTITIES)


def _most(column: str) -> str:
    """The value of the most frequent combination that has one; ties by length, then text."""
    return (
        f"first({column} ORDER BY n DESC, length({column}) DESC, {column}) "
        f"FILTER (WHERE {column} IS NOT NULL)"
    )


_VALUE_COLUMNS = ("name", "acronym", "province", "successor", "kind", "number", "code")
# Two plain aggregations, no window: the second runs on the (few) distinct spellings only, so
# rebuilding a body named in most documents costs one hash aggregation of its mentions.
_REBUILD_ENTITIES = f"""
INSERT INTO entities
WITH touched AS (
    SELECT m.entity_id, m.label, m.document_id, d.date,
        m.name, m.acronym, m.province, m.successor, m.kind, m.number, m.resolved_code AS code
    FROM mentions m JOIN documents d ON d.id = m.document_id
    WHERE m.label <> 'PERSON' AND m.entity_id IN (SELECT id FROM batch_entities)
), spelled AS (
    SELECT entity_id, first(label) AS label, {", ".join(_VALUE_COLUMNS)}, count(*) AS n
    FROM touched GROUP BY entity_id, {", ".join(_VALUE_COLUMNS)}
), named AS (
    SELECT entity_id, first(label) AS label, {_most("name")} AS name,
        {", ".join(f"{_most(c)} AS {c}" for c in _VALUE_COLUMNS[1:])}
    FROM spelled GROUP BY entity_id
), counted AS (
    SELECT entity_id, count(DISTINCT document_id) AS documents, count(*) AS mentions,
        min(date) AS first_seen, max(date) AS last_seen
    FROM touched GROUP BY entity_id
)
SELECT n.entity_id, n.label, n.name, lower(n.name),
    {", ".join(f"n.{c}" for c in _VALUE_COLUMNS[1:])},
    NULL, c.documents, c.mentions, c.first_seen, c.last_seen
FROM named n JOIN counted c USING (entity_id)
"""


def _profile_row(profile: PersonProfile) -> dict[str, Any]:
    return {
        "document_id": profile.document_id,
        "cluster": profile.cluster,
        "person_id": profile.person_id,
        "name": profile.name,
        "name_key": profile.name_key,
        "date": profile.date,
        "titles": list(profile.titles),
        "roles": list(profile.roles),
        "positions": [p.__dict__ for p in profile.positions],
        "mentions": profile.mentions,
        "document_provinces": list(profile.document_provinces),
    }


def _dates(members: Iterable[PersonProfile]) -> list[date]:
    return [m.date for m in members if m.date is not None]


def _person_entity(ident: str, members: list[PersonProfile]) -> dict[str, Any]:
    dates = _dates(members)
    titles = Counter(t for m in members for t in m.titles)
    return {
        "id": ident,
        "label": "PERSON",
        "name": preferred(m.name for m in members),
        "key": members[0].name_key,
        "acronym": None,
        "province": None,
        "successor": None,
        "kind": None,
        "number": None,
        "code": None,
        "titles": sorted(titles, key=lambda t: (-titles[t], t)),
        "document_count": len({m.document_id for m in members}),
        "mention_count": sum(m.mentions for m in members),
        "first_seen": min(dates, default=None),
        "last_seen": max(dates, default=None),
    }


def _person_positions(ident: str, members: list[PersonProfile]) -> list[dict[str, Any]]:
    held: dict[tuple[str, bool, str], list[tuple[PersonProfile, ProfilePosition]]] = {}
    for member in members:
        for p in member.positions:
            key = (fold(p.role), p.former, p.organization_id or fold(p.organization or ""))
            held.setdefault(key, []).append((member, p))
    # A post given without its body joins the same post given with one, when there is one.
    for role, former, organization in list(held):
        if organization:
            continue
        with_body = [k for k in held if k[:2] == (role, former) and k[2]]
        if len(with_body) == 1:
            held[with_body[0]].extend(held.pop((role, former, organization)))
    rows = []
    for (_, former, _), seen in held.items():
        dates = _dates(m for m, _ in seen)
        organizations = [p.organization for _, p in seen if p.organization]
        rows.append(
            {
                "person_id": ident,
                "name_key": members[0].name_key,
                "role": preferred(p.role for _, p in seen),
                "organization": preferred(organizations) if organizations else None,
                "organization_id": seen[0][1].organization_id,
                "former": former,
                "first_seen": min(dates, default=None),
                "last_seen": max(dates, default=None),
                "documents": sorted({m.document_id for m, _ in seen}),
            }
        )
    rows.sort(key=lambda r: (r["first_seen"] or date.max, r["role"], r["organization"] or ""))
    return rows


def _citations(doc: IndexedDocument) -> list[dict[str, Any]]:
    cited: dict[str, list[dict[str, Any]]] = {}
    for row in doc.mentions:
        if row["label"] == "DIRECTIVE" and row["entity_id"]:
            cited.setdefault(row["entity_id"], []).append(row)
    return [
        {
            "document_id": doc.id,
            "directive_id": ident,
            "code": preferred(r["resolved_code"] for r in rows),
            "kind": preferred(r["kind"] for r in rows if r["kind"])
            if any(r["kind"] for r in rows)
            else None,
            "number": preferred(r["number"] for r in rows if r["number"])
            if any(r["number"] for r in rows)
            else None,
            "date": doc.date,
            "mentions": len(rows),
        }
        for ident, rows in sorted(cited.items())
    ]
