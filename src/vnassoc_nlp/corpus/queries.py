"""Questions across documents, answered from a corpus database (read-only).

    corpus = Corpus("corpus.duckdb")
    corpus.person("Trần Minh Khôi")          # [PersonResult]: one per corpus person of the name
    corpus.organization("LHH Bình Định")      # OrganizationResult | None: leadership over time
    corpus.directive("42-CT/TW")             # DirectiveResult | None: where and when cited
    corpus.province("Gia Lai", successor=True)
    corpus.sql("SELECT ...")                 # (columns, rows); corpus.frame("SELECT ...") a DataFrame

Unknown names give an empty answer ([] or None), never an error. A connection per call (a
DuckDB cursor), so one Corpus serves a threaded web server.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict

from ..errors import CorpusError, Errors
from .identities import code_key, fold
from .schema import duckdb_module, open_read_only


class _Result(BaseModel):
    """A frozen answer. Lists of thousands of documents are built with ``model_construct``:
    the rows come typed from the database, and validating each would dominate the query."""

    model_config = ConfigDict(frozen=True)


class DocumentRef(_Result):
    id: str
    date: str | None


class PersonPosition(_Result):
    role: str
    organization: str | None
    organization_id: str | None
    former: bool
    first_seen: str | None
    last_seen: str | None
    documents: list[str]


class PersonResult(_Result):
    id: str
    name: str
    titles: list[str]
    positions: list[PersonPosition]
    documents: list[DocumentRef]


class OrganizationPerson(_Result):
    name: str
    person_id: str
    role: str
    former: bool
    first_seen: str | None
    last_seen: str | None
    documents: list[str]


class CitedDirective(_Result):
    code: str
    documents: int


class OrganizationResult(_Result):
    id: str
    canonical_name: str
    acronym: str | None
    province: str | None
    people: list[OrganizationPerson]
    documents: list[DocumentRef]
    directives: list[CitedDirective]  # cited in the documents that name the body


class Citation(_Result):
    id: str
    date: str | None
    mentions: int


class DirectiveResult(_Result):
    id: str
    code: str
    kind: str | None
    number: str | None
    documents: list[Citation]
    first_cited: str | None
    last_cited: str | None


class Body(_Result):
    id: str
    canonical_name: str
    province: str | None
    documents: int


class ProvinceResult(_Result):
    name: str
    successor: str | None
    provinces: list[str]
    documents: list[DocumentRef]
    bodies: list[Body]


class SearchHit(_Result):
    id: str
    label: str
    name: str
    detail: str | None
    documents: int


class Mention(_Result):
    label: str
    start: int | None
    end: int | None
    text: str | None
    entity_id: str | None
    name: str | None


class DocumentResult(_Result):
    id: str
    date: str | None
    text: str | None
    fields: str | None
    mentions: list[Mention]


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _clean(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


class Corpus:
    """A corpus database opened read-only; refused with a coded error when it is missing, not
    a corpus database, or of another schema version."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._connection = open_read_only(self.path)

    def close(self) -> None:
        self._connection.close()

    def __enter__(self) -> Corpus:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _cursor(self) -> Iterator[Any]:
        cursor = self._connection.cursor()
        try:
            yield cursor
        finally:
            cursor.close()

    def _rows(self, sql: str, parameters: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        with self._cursor() as cursor:
            return cursor.execute(sql, list(parameters)).fetchall()

    # -- people ---------------------------------------------------------------------------------
    def person(self, name: str) -> list[PersonResult]:
        """Every corpus person of this name (NFC, case-folded), most documented first."""
        ids = [
            row[0]
            for row in self._rows(
                "SELECT id FROM entities WHERE label = 'PERSON' AND key = ? "
                "ORDER BY document_count DESC, first_seen NULLS LAST, id",
                [fold(name)],
            )
        ]
        return self.people_by_id(ids)

    def people_by_id(self, ids: Sequence[str]) -> list[PersonResult]:
        if not ids:
            return []
        marks = ", ".join("?" for _ in ids)
        entities = {
            row[0]: row
            for row in self._rows(
                f"SELECT id, name, titles FROM entities WHERE label = 'PERSON' AND id IN ({marks})",
                ids,
            )
        }
        positions: dict[str, list[PersonPosition]] = {i: [] for i in ids}
        for person, *row in self._rows(
            "SELECT person_id, role, organization, organization_id, former, first_seen, "
            f"last_seen, documents FROM positions WHERE person_id IN ({marks}) "
            "ORDER BY first_seen NULLS LAST, role, organization NULLS FIRST",
            ids,
        ):
            role, organization, organization_id, former, first, last, seen_in = row
            positions[person].append(
                PersonPosition(
                    role=role,
                    organization=organization,
                    organization_id=organization_id,
                    former=former,
                    first_seen=_iso(first),
                    last_seen=_iso(last),
                    documents=list(seen_in),
                )
            )
        documents: dict[str, list[DocumentRef]] = {i: [] for i in ids}
        for person, document, day in self._rows(
            "SELECT DISTINCT p.person_id, d.id, d.date FROM document_people p "
            f"JOIN documents d ON d.id = p.document_id WHERE p.person_id IN ({marks}) "
            "ORDER BY d.date NULLS LAST, d.id",
            ids,
        ):
            documents[person].append(DocumentRef.model_construct(id=document, date=_iso(day)))
        return [
            PersonResult(
                id=i,
                name=entities[i][1],
                titles=list(entities[i][2] or ()),
                positions=positions[i],
                documents=documents[i],
            )
            for i in ids
            if i in entities
        ]

    # -- organizations --------------------------------------------------------------------------
    def organization(self, name_or_acronym: str) -> OrganizationResult | None:
        """The body of that canonical name, acronym or short form (the most documented one
        when several share an acronym), with the people who held posts in it over time."""
        query = _clean(name_or_acronym)
        found = self._rows(
            "SELECT id FROM entities WHERE label = 'ORGANIZATION' "
            "AND (key = lower(?) OR lower(acronym) = lower(?)) "
            "ORDER BY key = lower(?) DESC, document_count DESC, id LIMIT 1",
            [query, query, query],
        ) or self._rows(  # a short form the texts define, or any way a mention wrote it
            "SELECT entity_id FROM mentions WHERE label = 'ORGANIZATION' "
            "AND entity_id IS NOT NULL AND (lower(text) = lower(?) OR lower(canonical_name) = "
            "lower(?)) GROUP BY entity_id ORDER BY count(*) DESC, entity_id LIMIT 1",
            [query, query],
        )
        return self.organization_by_id(found[0][0]) if found else None

    def organization_by_id(self, ident: str) -> OrganizationResult | None:
        rows = self._rows(
            "SELECT id, name, acronym, province FROM entities "
            "WHERE label = 'ORGANIZATION' AND id = ?",
            [ident],
        )
        if not rows:
            return None
        _, name, acronym, province = rows[0]
        people = [
            OrganizationPerson(
                name=person_name,
                person_id=person,
                role=role,
                former=former,
                first_seen=_iso(first),
                last_seen=_iso(last),
                documents=list(documents),
            )
            for person, person_name, role, former, first, last, documents in self._rows(
                "SELECT p.person_id, e.name, p.role, p.former, p.first_seen, p.last_seen, "
                "p.documents FROM positions p JOIN entities e ON e.id = p.person_id "
                "WHERE p.organization_id = ? "
                "ORDER BY p.first_seen NULLS LAST, p.former DESC, p.role, e.name",
                [ident],
            )
        ]
        directives = [
            CitedDirective(code=code, documents=count)
            for code, count in self._rows(
                "SELECT first(code ORDER BY code), count(DISTINCT document_id) AS n "
                "FROM citations WHERE document_id IN "
                "(SELECT document_id FROM mentions WHERE entity_id = ?) "
                "GROUP BY directive_id ORDER BY n DESC, first(code ORDER BY code) LIMIT 20",
                [ident],
            )
        ]
        return OrganizationResult(
            id=ident,
            canonical_name=name,
            acronym=acronym,
            province=province,
            people=people,
            documents=self._documents_of(ident),
            directives=directives,
        )

    def _documents_of(self, *entity_ids: str) -> list[DocumentRef]:
        if not entity_ids:
            return []
        marks = ", ".join("?" for _ in entity_ids)
        return [
            DocumentRef.model_construct(id=document, date=_iso(day))
            for document, day in self._rows(
                "SELECT DISTINCT d.id, d.date FROM mentions m JOIN documents d "
                f"ON d.id = m.document_id WHERE m.entity_id IN ({marks}) "
                "ORDER BY d.date NULLS LAST, d.id",
                entity_ids,
            )
        ]

    # -- directives -----------------------------------------------------------------------------
    def directive(self, code: str) -> DirectiveResult | None:
        """Where and when a directive (by its code, e.g. "42-CT/TW") is cited."""
        rows = self._rows(
            "SELECT id, name, kind, number FROM entities WHERE label = 'DIRECTIVE' AND id = ?",
            [code_key(code)],
        )
        if not rows:
            return None
        ident, name, kind, number = rows[0]
        documents = [
            Citation.model_construct(id=document, date=_iso(day), mentions=mentions)
            for document, day, mentions in self._rows(
                "SELECT document_id, date, mentions FROM citations WHERE directive_id = ? "
                "ORDER BY date NULLS LAST, document_id",
                [ident],
            )
        ]
        dates = [d.date for d in documents if d.date]
        return DirectiveResult(
            id=ident,
            code=name,
            kind=kind,
            number=number,
            documents=documents,
            first_cited=min(dates, default=None),
            last_cited=max(dates, default=None),
        )

    # -- provinces ------------------------------------------------------------------------------
    def province(self, name: str, successor: bool = False) -> ProvinceResult | None:
        """A province's documents and bodies; with ``successor``, every pre-2025 province now
        part of the same province is folded in (and a 2025 name finds its parts)."""
        query = _clean(name)
        found = self._rows(
            "SELECT name, successor FROM entities WHERE label = 'PROVINCE' AND key = lower(?)",
            [query],
        )
        if successor:
            target = found[0][1] if found and found[0][1] else query
            members = self._rows(
                "SELECT name, successor FROM entities WHERE label = 'PROVINCE' "
                "AND (lower(successor) = lower(?) OR key = lower(?)) ORDER BY name",
                [target, target],
            )
            if not members:
                return None
            title, after = members[0][1] or target, members[0][1] or target
            for member_name, member_successor in members:
                if fold(member_name) == fold(target):
                    title = member_name
                    after = member_successor or member_name
        else:
            if not found:
                return None
            members = found
            title, after = found[0]
        names = sorted({row[0] for row in members})
        marks = ", ".join("?" for _ in names)
        ids = [
            row[0]
            for row in self._rows(
                f"SELECT id FROM entities WHERE label = 'PROVINCE' AND name IN ({marks})", names
            )
        ]
        bodies = [
            Body(id=ident, canonical_name=body, province=province, documents=count)
            for ident, body, province, count in self._rows(
                "SELECT id, name, province, document_count FROM entities "
                f"WHERE label = 'ORGANIZATION' AND province IN ({marks}) "
                "ORDER BY document_count DESC, name",
                names,
            )
        ]
        return ProvinceResult(
            name=title,
            successor=after,
            provinces=names,
            documents=self._documents_of(*ids),
            bodies=bodies,
        )

    # -- browsing -------------------------------------------------------------------------------
    def search(self, text: str, limit: int = 50) -> list[SearchHit]:
        """People, bodies, directives and provinces whose name holds the text (or whose
        acronym or code is it), most documented first."""
        query = _clean(text)
        if not query:
            return []
        rows = self._rows(
            "SELECT id, label, name, coalesce(acronym, province, kind), document_count "
            "FROM entities WHERE contains(key, lower(?)) OR lower(acronym) = lower(?) "
            "OR id = ? ORDER BY key = lower(?) DESC, document_count DESC, label, name LIMIT ?",
            [query, query, code_key(query), query, limit],
        )
        return [
            SearchHit(id=i, label=label, name=name or i, detail=detail, documents=count)
            for i, label, name, detail, count in rows
        ]

    def document(self, ident: str) -> DocumentResult | None:
        rows = self._rows("SELECT id, date, text, fields FROM documents WHERE id = ?", [ident])
        if not rows:
            return None
        _, day, text, fields = rows[0]
        mentions = [
            Mention(label=label, start=start, end=end, text=mention, entity_id=entity, name=name)
            for label, start, end, mention, entity, name in self._rows(
                'SELECT label, start, "end", text, entity_id, name FROM mentions '
                'WHERE document_id = ? ORDER BY start NULLS LAST, "end" DESC',
                [ident],
            )
        ]
        return DocumentResult(id=ident, date=_iso(day), text=text, fields=fields, mentions=mentions)

    # -- anything else --------------------------------------------------------------------------
    def sql(self, query: str) -> tuple[list[str], list[tuple[Any, ...]]]:
        """Column names and rows of a read-only SQL query; anything else is a coded error."""
        duckdb = duckdb_module()
        with self._cursor() as cursor:
            try:
                result = cursor.execute(query)
                columns = [d[0] for d in result.description or ()]
                return columns, result.fetchall()
            except duckdb.Error as error:
                raise CorpusError(Errors.E104, reason=str(error).splitlines()[0]) from None

    def frame(self, query: str) -> Any:
        """A pandas DataFrame of a read-only SQL query (pandas is optional)."""
        import pandas as pd

        columns, rows = self.sql(query)
        return pd.DataFrame(rows, columns=columns)

    def table(self, name: str) -> Any:
        """A whole table as a pandas DataFrame: documents, mentions, entities, positions..."""
        from .schema import TABLES

        if name not in TABLES:
            raise CorpusError(Errors.E104, reason=f"no table {name!r}; tables: {sorted(TABLES)}")
        return self.frame(f'SELECT * FROM "{name}"')
