"""The database: tables, the stored schema version, and opening a file safely.

A corpus database is a DuckDB file whose ``meta`` table says ``application = vnassoc_nlp.corpus``
and ``schema_version = SCHEMA_VERSION``. Anything else (another program's DuckDB file, a file
that is not DuckDB at all, an older or newer schema) is refused with a coded error before any
table is read or written.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..errors import CorpusError, Errors

SCHEMA_VERSION = 1
APPLICATION = "vnassoc_nlp.corpus"
_MEMORY = re.compile(r"\d+(\.\d+)?\s*[KMGT]i?B", re.IGNORECASE)

TABLES: dict[str, str] = {
    "meta": """
        CREATE TABLE meta (key VARCHAR NOT NULL, value VARCHAR NOT NULL)""",
    # One row per indexed document.
    "documents": """
        CREATE TABLE documents (
            id VARCHAR NOT NULL,
            date DATE,
            text VARCHAR,
            fields JSON,
            mention_count INTEGER NOT NULL
        )""",
    # One row per entity mention, with the document's cluster and the corpus entity.
    "mentions": """
        CREATE TABLE mentions (
            document_id VARCHAR NOT NULL,
            label VARCHAR NOT NULL,
            start INTEGER,
            "end" INTEGER,
            text VARCHAR,
            cluster VARCHAR,
            entity_id VARCHAR,
            name VARCHAR,
            titles VARCHAR[],
            roles VARCHAR[],
            canonical_name VARCHAR,
            acronym VARCHAR,
            province VARCHAR,
            successor VARCHAR,
            kind VARCHAR,
            number VARCHAR,
            code VARCHAR,
            resolved_code VARCHAR,
            value VARCHAR,
            value_start VARCHAR,
            value_end VARCHAR
        )""",
    # One row per person per document (a document's same-entity cluster): the unit that
    # identity across documents joins into people.
    "document_people": """
        CREATE TABLE document_people (
            document_id VARCHAR NOT NULL,
            cluster VARCHAR NOT NULL,
            person_id VARCHAR,
            name VARCHAR NOT NULL,
            name_key VARCHAR NOT NULL,
            date DATE,
            titles VARCHAR[],
            roles VARCHAR[],
            positions STRUCT(
                role VARCHAR, former BOOLEAN, organization VARCHAR,
                organization_id VARCHAR, province VARCHAR
            )[],
            mentions INTEGER NOT NULL,
            document_provinces VARCHAR[]
        )""",
    # Corpus-wide people, organizations, directives and provinces.
    "entities": """
        CREATE TABLE entities (
            id VARCHAR NOT NULL,
            label VARCHAR NOT NULL,
            name VARCHAR,
            key VARCHAR NOT NULL,
            acronym VARCHAR,
            province VARCHAR,
            successor VARCHAR,
            kind VARCHAR,
            number VARCHAR,
            code VARCHAR,
            titles VARCHAR[],
            document_count INTEGER NOT NULL,
            mention_count INTEGER NOT NULL,
            first_seen DATE,
            last_seen DATE
        )""",
    # Who held which post in which body, seen from when to when, in which documents.
    "positions": """
        CREATE TABLE positions (
            person_id VARCHAR NOT NULL,
            name_key VARCHAR NOT NULL,
            role VARCHAR NOT NULL,
            organization VARCHAR,
            organization_id VARCHAR,
            former BOOLEAN NOT NULL,
            first_seen DATE,
            last_seen DATE,
            documents VARCHAR[] NOT NULL
        )""",
    # Which document cites which directive, with the document's date.
    "citations": """
        CREATE TABLE citations (
            document_id VARCHAR NOT NULL,
            directive_id VARCHAR NOT NULL,
            code VARCHAR NOT NULL,
            kind VARCHAR,
            number VARCHAR,
            date DATE,
            mentions INTEGER NOT NULL
        )""",
}


def duckdb_module() -> Any:
    try:
        import duckdb
    except ImportError:
        raise CorpusError(Errors.E015, feature="the corpus", extra="corpus") from None
    return duckdb


def _connect(path: Path, read_only: bool) -> Any:
    duckdb = duckdb_module()
    try:
        return duckdb.connect(str(path), read_only=read_only)
    except duckdb.Error as error:
        reason = str(error).splitlines()[0]
        raise CorpusError(Errors.E102, path=path, reason=reason) from None


def check_schema(connection: Any, path: Path) -> None:
    """Refuse a file that is not a corpus database of this schema version."""
    tables = {
        row[0] for row in connection.execute("SELECT table_name FROM duckdb_tables()").fetchall()
    }
    if "meta" not in tables:
        reason = "it has no 'meta' table (another program's database?)"
        raise CorpusError(Errors.E102, path=path, reason=reason)
    meta = dict(connection.execute("SELECT key, value FROM meta").fetchall())
    if meta.get("application") != APPLICATION:
        reason = f"its meta table names application {meta.get('application')!r}"
        raise CorpusError(Errors.E102, path=path, reason=reason)
    found = meta.get("schema_version")
    if found != str(SCHEMA_VERSION):
        raise CorpusError(Errors.E103, path=path, found=found, expected=SCHEMA_VERSION)
    missing = set(TABLES) - tables
    if missing:
        reason = f"tables {sorted(missing)} are missing"
        raise CorpusError(Errors.E102, path=path, reason=reason)


def open_read_only(path: str | Path) -> Any:
    """A read-only connection to an existing corpus database, checked."""
    path = Path(path)
    if not path.is_file():
        raise CorpusError(Errors.E101, path=path)
    connection = _connect(path, read_only=True)
    try:
        check_schema(connection, path)
    except BaseException:
        connection.close()
        raise
    return connection


def open_for_writing(path: str | Path, memory_limit: str | None = None) -> Any:
    """A connection to a corpus database, created with its tables when the file is new (or
    an empty database: one whose creation was interrupted holds nothing to lose)."""
    path = Path(path)
    if memory_limit and not _MEMORY.fullmatch(memory_limit):
        reason = f"--memory-limit {memory_limit!r} is not a size like 512MB or 1GB"
        raise CorpusError(Errors.E105, path=path, reason=reason)
    if path.exists() and path.stat().st_size == 0:
        path.unlink()  # an empty file (a touched path) is not a database yet
    connection = _connect(path, read_only=False)
    try:
        if memory_limit:
            connection.execute(f"SET memory_limit = '{memory_limit}'").fetchall()
        if not connection.execute("SELECT count(*) FROM duckdb_tables()").fetchall()[0][0]:
            connection.begin()
            for ddl in TABLES.values():
                connection.execute(ddl).fetchall()
            connection.executemany(
                "INSERT INTO meta VALUES (?, ?)",
                [["application", APPLICATION], ["schema_version", str(SCHEMA_VERSION)]],
            )
            connection.commit()
        check_schema(connection, path)
    except BaseException:
        connection.close()
        raise
    return connection
