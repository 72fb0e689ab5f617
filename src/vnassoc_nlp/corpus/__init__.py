"""The corpus: questions across documents, answered from what ``vnassoc annotate`` writes.

    vnassoc index annotated.jsonl --db corpus.duckdb
    from vnassoc_nlp.corpus import Corpus
    corpus = Corpus("corpus.duckdb")
    corpus.person("Trần Minh Khôi")       # every corpus person of that name, with posts over time

An embedded DuckDB database (the ``corpus`` extra). This subpackage sits above the pipeline and
reads only annotated records: it never imports the pipeline or the recognizers. Nothing heavy is
imported until a database is opened.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .queries import Corpus
    from .store import Indexer, IndexSummary

__all__ = ["Corpus", "IndexSummary", "Indexer"]


def __getattr__(name: str) -> Any:
    if name == "Corpus":
        from .queries import Corpus

        return Corpus
    if name in ("Indexer", "IndexSummary"):
        from . import store

        return getattr(store, name)
    raise AttributeError(f"module 'vnassoc_nlp.corpus' has no attribute {name!r}")
