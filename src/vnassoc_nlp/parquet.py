"""Parquet output of ``vnassoc annotate --format parquet``: one file a partition (a batch).

The records are the JSON Lines ones in columns: ``id`` (text), ``line``, ``text``, ``date``,
``date_source``, ``warnings``, ``entities`` (a list of one struct holding every label's fields;
the fields of other labels are null), ``error`` (``type``, ``message``) and ``fields`` (the
input record's other fields, as JSON). ``vnassoc index DIR`` reads a directory of them, and any
engine that reads Parquet (DuckDB, Spark, pandas) can query them as they are. Each file is
written under a temporary name and renamed when complete, so a crash never leaves half a file.
Needs pyarrow (the ``dask`` and ``corpus`` extras bring it).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import Errors, InputError

if TYPE_CHECKING:
    from .batch import BatchResult

_TOP_FIELDS = ("id", "line", "text", "date", "date_source", "warnings", "entities", "error")


def _pyarrow() -> Any:
    try:
        import pyarrow as pa
        import pyarrow.parquet
    except ImportError:
        raise InputError(Errors.E015, feature="--format parquet", extra="corpus") from None
    return pa


def record_schema() -> Any:
    pa = _pyarrow()
    text, number, texts = pa.string(), pa.int64(), pa.list_(pa.string())
    position = pa.struct(
        [
            ("title", text),
            ("former", pa.bool_()),
            ("organization", text),
            ("organization_start", number),
        ]
    )
    entity = pa.struct(
        [
            ("label", text),
            ("start", number),
            ("end", number),
            ("text", text),
            ("source", text),
            ("confidence", pa.float64()),
            ("cluster", text),
            ("name", text),
            ("titles", texts),
            ("roles", texts),
            ("positions", pa.list_(position)),
            ("honorific", text),
            ("canonical_name", text),
            ("acronym", text),
            ("successor", text),
            ("code", text),
            ("kind", text),
            ("number", text),
            ("year", number),
            ("issuer", text),
            ("issued_on", text),
            ("term", text),
            ("resolved_code", text),
            ("value", text),
            ("value_start", text),
            ("value_end", text),
            ("granularity", text),
        ]
    )
    return pa.schema(
        [
            ("id", text),
            ("line", number),
            ("text", text),
            ("date", text),
            ("date_source", text),
            ("warnings", texts),
            ("entities", pa.list_(entity)),
            ("error", pa.struct([("type", text), ("message", text)])),
            ("fields", text),
        ]
    )


def to_row(record: dict[str, Any]) -> dict[str, Any]:
    """An output record as a row of ``record_schema()``."""
    row = {key: record.get(key) for key in _TOP_FIELDS}
    if row["id"] is not None:
        row["id"] = str(row["id"])
    others = {k: v for k, v in record.items() if k not in _TOP_FIELDS}
    for key in ("text", "date"):  # a bad record's non-text value is kept, in ``fields``
        if row[key] is not None and not isinstance(row[key], str):
            others[key] = row[key]
            row[key] = None
    row["fields"] = json.dumps(others, ensure_ascii=False, sort_keys=True) if others else None
    return row


def write_partition(path: Path, records: Iterable[dict[str, Any]]) -> None:
    pa = _pyarrow()
    import pyarrow.parquet as pq

    table = pa.Table.from_pylist([to_row(r) for r in records], schema=record_schema())
    temporary = path.with_name(f".{path.name}.tmp")
    pq.write_table(table, temporary, compression="zstd")
    os.replace(temporary, path)


def prepare_directory(directory: Path) -> None:
    """A new or empty directory: parts left from another run would be read as this one's."""
    if directory.exists() and not directory.is_dir():
        raise InputError(Errors.E010, path=directory, reason="--format parquet writes a directory")
    if directory.is_dir() and any(directory.iterdir()):
        raise InputError(
            Errors.E010, path=directory, reason="not empty: Parquet output needs a new directory"
        )
    directory.mkdir(parents=True, exist_ok=True)


def write_partitions(results: Iterable[BatchResult], directory: Path) -> Iterator[BatchResult]:
    """Write each batch's records as ``part-NNNNN.parquet``; yields each result once written."""
    _pyarrow()
    for number, result in enumerate(results):
        records = [json.loads(line) for line in result.lines]
        write_partition(directory / f"part-{number:05d}.parquet", records)
        yield result
