"""Annotating on Dask, for jobs past one machine and for users with Dask pipelines already.

    from vnassoc_nlp.dask import annotate_bag, annotate_dataframe
    records = annotate_bag(dask.bag.from_sequence(texts_or_records, npartitions=8))
    frame = annotate_dataframe(ddf, text_column="noi_dung", date_column="ngay")

Every worker process loads the pipeline once and keeps it for all its partitions; the records
are the ones ``vnassoc annotate`` writes. Workers of a remote cluster need vnassoc-nlp installed.
Needs the ``dask`` extra: ``pip install "vnassoc-nlp[dask]"``.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Executor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from .batch import annotate_record, loaded_pipelines, process_pipeline
from .errors import Errors, InputError


def _names(gazetteers: Sequence[str | Path]) -> tuple[str, ...]:
    return tuple(str(path) for path in gazetteers)


def load_worker_pipeline(gazetteers: Sequence[str] = ()) -> dict[str, int]:
    """Load this worker process's pipeline now (if not loaded yet); says which process it is
    and how many pipelines it holds."""
    process_pipeline(gazetteers)
    return {"pid": os.getpid(), "pipelines": loaded_pipelines()}


@contextmanager
def dask_executor(
    scheduler: str | None = None, workers: int = 1, gazetteers: Sequence[str | Path] = ()
) -> Iterator[Executor]:
    """A ``concurrent.futures`` executor on a Dask cluster: the one at ``scheduler``, or a
    local cluster of ``workers`` single-threaded processes. Each worker loads the pipeline
    up front, once."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise InputError(Errors.E015, extra="dask", feature="--engine dask") from None
    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                               dashboard_address=None, silence_logs=logging.ERROR)  # fmt: skip
        client = Client(cluster)
    try:
        client.run(load_worker_pipeline, _names(gazetteers))
        yield client.get_executor(pure=False)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _annotate_partition(records: Iterable[Any], gazetteers: tuple[str, ...]) -> list[dict]:
    nlp = process_pipeline(gazetteers)
    out = []
    for record in records:
        if isinstance(record, str):
            record = {"text": record}
        if isinstance(record, dict):
            out.append(annotate_record(nlp, record))
        else:
            message = f"expected a text or a dict record, got {type(record).__name__}"
            out.append({"id": None, "error": {"type": "invalid_record", "message": message}})
    return out


def annotate_bag(bag: Any, gazetteers: Sequence[str | Path] = ()) -> Any:
    """A dask bag of texts, or of ``{"id"?, "text", "date"?, ...}`` records, to a bag of output
    records: the input fields plus ``entities`` (or an ``error`` object), in order."""
    return bag.map_partitions(_annotate_partition, _names(gazetteers))


def _annotate_frame(
    frame: Any,
    text_column: str,
    date_column: str | None,
    id_column: str | None,
    gazetteers: tuple[str, ...],
) -> Any:
    nlp = process_pipeline(gazetteers)
    rows = len(frame)
    dates = frame[date_column] if date_column is not None else [None] * rows
    ids = frame[id_column] if id_column is not None else [None] * rows
    entities: list[list[dict] | None] = []
    errors: list[str | None] = []
    for text, date, ident in zip(frame[text_column], dates, ids, strict=True):
        record = {"id": ident, "text": text, "date": date if isinstance(date, str) else None}
        result = annotate_record(nlp, record)
        entities.append(result.get("entities"))
        errors.append(result["error"]["message"] if "error" in result else None)
    return frame.assign(entities=entities, error=errors)


def annotate_dataframe(
    frame: Any,
    text_column: str = "text",
    date_column: str | None = None,
    id_column: str | None = None,
    gazetteers: Sequence[str | Path] = (),
) -> Any:
    """A dask DataFrame with two more columns: ``entities`` (a list of entity dicts, as in the
    output contract) and ``error`` (None, or why the row could not be annotated)."""
    import pandas as pd

    meta = frame._meta.assign(entities=pd.Series(dtype=object), error=pd.Series(dtype=object))
    return frame.map_partitions(
        _annotate_frame, text_column, date_column, id_column, _names(gazetteers), meta=meta
    )
