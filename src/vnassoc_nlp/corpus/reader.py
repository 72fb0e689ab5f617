"""Read what ``vnassoc annotate`` writes: JSON Lines (plain or ``.gz``), Parquet files, and
directories of either. A line that is not JSON is yielded as a bad item (counted, skipped),
never an exception: a dump with a damaged line still indexes."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from ..errors import CorpusError, Errors

_SUFFIXES = (".jsonl", ".json", ".jsonl.gz", ".json.gz", ".ndjson", ".parquet")


@dataclass(frozen=True)
class Item:
    """One record read (``record``), or why a line could not be read (``problem``)."""

    where: str
    record: Any = None
    problem: str | None = None


def input_files(sources: Sequence[str | Path]) -> list[Path]:
    """The files to read, in order: each file as given, a directory's files sorted by name."""
    files: list[Path] = []
    for source in sources:
        path = Path(source)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and p.name.endswith(_SUFFIXES))
            if not found:
                reason = "the directory holds no .jsonl, .jsonl.gz or .parquet files"
                raise CorpusError(Errors.E105, path=path, reason=reason)
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            raise CorpusError(Errors.E105, path=path, reason="no such file or directory")
    return files


def read_items(sources: Sequence[str | Path], parquet_batch: int = 1024) -> Iterator[Item]:
    for path in input_files(sources):
        if path.suffix == ".parquet":
            yield from _read_parquet(path, parquet_batch)
        else:
            yield from _read_json_lines(path)


def _read_json_lines(path: Path) -> Iterator[Item]:
    try:
        handle: IO[bytes] = (
            gzip.open(path, "rb") if path.suffix == ".gz" else open(path, "rb")  # type: ignore[assignment]  # noqa: SIM115
        )
    except OSError as error:
        raise CorpusError(Errors.E105, path=path, reason=error.strerror or error) from None
    number = 0
    with handle:
        try:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                where = f"{path}:{number}"
                try:
                    yield Item(where, json.loads(line))
                except ValueError as error:  # not UTF-8, not JSON
                    yield Item(where, problem=f"not a JSON line: {error}")
        except (OSError, EOFError) as error:  # a truncated .gz
            yield Item(f"{path}:{number + 1}", problem=f"unreadable after line {number}: {error}")


def _read_parquet(path: Path, batch_size: int) -> Iterator[Item]:
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise CorpusError(Errors.E015, feature="Reading Parquet", extra="corpus") from None
    try:
        parquet = pq.ParquetFile(path)
    except Exception as error:  # pyarrow raises its own types for a damaged file
        raise CorpusError(Errors.E105, path=path, reason=f"not a Parquet file ({error})") from None
    row = 0
    for batch in parquet.iter_batches(batch_size=batch_size):
        for record in batch.to_pylist():
            row += 1
            yield Item(f"{path}#{row}", from_parquet_row(record))


def from_parquet_row(row: dict[str, Any]) -> dict[str, Any]:
    """A Parquet row back to the record ``annotate`` would have written as JSON: the input's
    other fields come back from ``fields`` (JSON), entities lose the fields of other labels."""
    record = {k: v for k, v in row.items() if k != "fields"}
    extra = row.get("fields")
    if isinstance(extra, str) and extra:
        try:
            loaded = json.loads(extra)
        except ValueError:
            loaded = None
        if isinstance(loaded, dict):
            record = {**loaded, **record}
    if isinstance(record.get("entities"), list):
        record["entities"] = [
            {k: v for k, v in e.items() if v is not None} if isinstance(e, dict) else e
            for e in record["entities"]
        ]
    if not record.get("error"):
        record.pop("error", None)
    return record
