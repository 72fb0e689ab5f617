"""Scale of the corpus: index N synthetic annotated documents, then time each kind of query.

    python benchmarks/corpus_bench.py                 # 100,000 documents (a few minutes)
    python benchmarks/corpus_bench.py --documents 5000

The documents are generated directly in the output contract's shape (synthetic_corpus.py: varied
invented names, bodies, provinces, directives and dates; not run through the pipeline), written
as JSON Lines, and indexed by a separate ``vnassoc index`` process whose peak RSS is read from
the operating system. Then each query kind runs ``--rounds`` times on names drawn from the
database (a fresh draw each round), and the median time per call is reported, in-process through
``vnassoc_nlp.corpus.Corpus`` (what the server and the CLI call). Targets: peak RSS while indexing
at most 1 GB, each query's median at most 100 ms.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from synthetic_corpus import documents  # noqa: E402

TARGETS = {"rss_mb": 1024.0, "query_ms": 100.0}


def generate(path: Path, count: int) -> float:
    started = time.perf_counter()
    with open(path, "w", encoding="utf-8") as handle:
        for record in documents(count):
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return time.perf_counter() - started


def index(source: Path, db: Path, batch_size: int) -> tuple[dict, float, float]:
    """Index in a child process; its summary, wall seconds and peak RSS (MB)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "vnassoc_nlp.cli", "index", str(source), "--db", str(db),
         "--batch-size", str(batch_size)],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if peak <= before:  # ru_maxrss is the largest child so far: this one was not larger
        peak = before
    return json.loads(result.stderr.strip().splitlines()[-1]), seconds, peak / 1024


def median_ms(call: Callable[[str], object], names: list[str]) -> float:
    times = []
    for name in names:
        started = time.perf_counter()
        call(name)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--batch-size", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=50, help="queries per kind")
    parser.add_argument("--keep", metavar="DIR", help="keep the dump and database here")
    args = parser.parse_args()

    folder = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="corpus-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    source, db = folder / "synthetic.jsonl", folder / "corpus.duckdb"
    for stale in (db, db.with_suffix(".duckdb.wal")):
        stale.unlink(missing_ok=True)
    generated = generate(source, args.documents)
    summary, seconds, rss_mb = index(source, db, args.batch_size)
    size_mb = os.path.getsize(db) / 2**20

    from vnassoc_nlp.corpus import Corpus

    rng = random.Random(3)
    with Corpus(db) as corpus:

        def draw(sql: str) -> list[str]:
            values = [row[0] for row in corpus.sql(sql)[1]]
            return [rng.choice(values) for _ in range(args.rounds)]

        people = draw("SELECT name FROM entities WHERE label = 'PERSON'")
        bodies = draw("SELECT name FROM entities WHERE label = 'ORGANIZATION'")
        codes = draw("SELECT id FROM entities WHERE label = 'DIRECTIVE'")
        provinces = draw("SELECT name FROM entities WHERE label = 'PROVINCE'")
        corpus.person(people[0])  # the first call of a connection pays for its caches
        queries = {
            "person": median_ms(corpus.person, people),
            "organization": median_ms(corpus.organization, bodies),
            "directive": median_ms(corpus.directive, codes),
            "province": median_ms(corpus.province, provinces),
            "province --successor": median_ms(
                lambda n: corpus.province(n, successor=True), provinces
            ),
            "search": median_ms(corpus.search, [p.split()[-1] for p in people]),
        }

    report = {
        "documents": args.documents,
        "mentions": summary["mentions"],
        "database": summary["database"],
        "generate_seconds": round(generated, 1),
        "index_seconds": round(seconds, 1),
        "documents_per_second": round(args.documents / seconds),
        "peak_rss_mb": round(rss_mb),
        "database_mb": round(size_mb),
        "query_median_ms": {k: round(v, 1) for k, v in queries.items()},
    }
    print(json.dumps(report, ensure_ascii=False, indent=2))
    print("\n| measure | value | target |\n|---|---:|---|")
    print(f"| documents indexed | {args.documents:,} | |")
    print(f"| documents/s (wall, whole command) | {report['documents_per_second']:,} | |")
    print(f"| peak RSS of `vnassoc index` (MB) | {report['peak_rss_mb']} | ≤ 1024 |")
    print(f"| database size (MB) | {report['database_mb']} | |")
    for kind, value in report["query_median_ms"].items():
        print(f"| `{kind}` median (ms) | {value} | ≤ 100 |")
    failed = rss_mb > TARGETS["rss_mb"] or max(queries.values()) > TARGETS["query_ms"]
    if failed:
        print("\nA target was missed.", file=sys.stderr)
    if not args.keep:
        source.unlink()
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
