"""The ``vnassoc`` command: extract, annotate, evaluate, schema, serve, and the corpus (index,
query, sql)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def _read_text(source: str) -> str:
    """The text of a UTF-8 file (or stdin); anything else is an InputError naming the file."""
    from .errors import Errors, InputError

    if source == "-":
        return sys.stdin.read()
    try:
        data = Path(source).read_bytes()
    except OSError as error:
        raise InputError(Errors.E010, path=source, reason=error.strerror or error) from None
    if b"\x00" in data:  # UTF-16 or binary: valid UTF-8 perhaps, but no text of ours
        raise InputError(Errors.E010, path=source, reason="a binary file (it holds NUL bytes)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        reason = f"not UTF-8 text ({error.reason} at byte {error.start})"
        raise InputError(Errors.E010, path=source, reason=reason) from None


def cmd_extract(args: argparse.Namespace) -> int:
    from .errors import VnassocError
    from .pipeline import Pipeline

    try:
        text = _read_text(args.file)
        doc = Pipeline(gazetteers=args.gazetteer)(text, date=args.date, id=args.id)
    except VnassocError as error:
        print(f"vnassoc: {error}", file=sys.stderr)
        return 2
    sys.stdout.write(doc.model_dump_json(indent=None if args.compact else 2) + "\n")
    return 0


def load_for_good(gazetteers: tuple[str, ...] = ()) -> None:
    """Load this process's pipeline and set it out of the garbage collector's way: it lives as
    long as the process, and every full collection would go through its hundred thousand
    objects again. For the processes ``vnassoc annotate`` owns (itself, its workers) only:
    anything else already alive is kept for good too."""
    import gc

    from .batch import process_pipeline

    process_pipeline(gazetteers)
    gc.freeze()


def cmd_annotate(args: argparse.Namespace) -> int:
    from concurrent.futures import BrokenExecutor
    from contextlib import ExitStack

    from .batch import OutputError, Progress, annotate
    from .errors import VnassocError

    if args.format == "parquet" and (args.resume or args.output in (None, "-")):
        print("vnassoc: --format parquet needs -o DIRECTORY (a new one) and no --resume",
              file=sys.stderr)  # fmt: skip
        return 2
    if args.resume and args.output in (None, "-"):
        print("vnassoc: --resume needs an output file (-o FILE)", file=sys.stderr)
        return 2
    if args.workers < 1 or args.batch_size < 1:
        print("vnassoc: --workers and --batch-size must be at least 1", file=sys.stderr)
        return 2
    names = tuple(args.gazetteer)
    with ExitStack() as stack:
        executor = None
        if args.engine == "dask":
            from .dask import dask_executor

            executor = stack.enter_context(dask_executor(args.scheduler, args.workers, names))
        elif args.workers > 1:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            # Each worker loads one pipeline. On Linux they are forked from this process while
            # it has no thread yet (it has imported the package but loaded nothing): a third of
            # a second sooner at work than spawned ones, which start Python and import it all
            # again. Elsewhere (macOS, Windows) fork is unsafe or absent: spawn.
            fork = sys.platform.startswith("linux")
            executor = stack.enter_context(
                ProcessPoolExecutor(args.workers,
                                    multiprocessing.get_context("fork" if fork else "spawn"),
                                    initializer=load_for_good, initargs=(names,))
            )  # fmt: skip
            if fork:
                executor.submit(int)  # every worker forked now, before any thread is started
        try:
            if executor is None:
                load_for_good(names)  # this process annotates
            summary = annotate(
                args.input, args.output, gazetteers=names, resume=args.resume,
                executor=executor, batch_size=args.batch_size, window=2 * args.workers + 2,
                progress=lambda total, done: Progress(
                    total, done, quiet=args.quiet, interval=args.progress_every
                ),
                output_format=args.format,
            )  # fmt: skip
        except (VnassocError, OutputError) as error:
            print(f"vnassoc: {error}", file=sys.stderr)
            return 2
        except (BrokenExecutor, KeyboardInterrupt) as error:
            stopped = "interrupted" if isinstance(error, KeyboardInterrupt) else f"{error}"
            print(f"vnassoc: {stopped}; the lines written so far are complete: "
                  "run again with --resume to continue", file=sys.stderr)  # fmt: skip
            return 130 if isinstance(error, KeyboardInterrupt) else 2
    if not args.quiet:
        print(json.dumps(summary.as_dict(), ensure_ascii=False), file=sys.stderr)
    return 1 if args.strict and summary.errors else 0


def cmd_evaluate(args: argparse.Namespace) -> int:
    from .evaluate import errors, format_errors, format_table, report, score
    from .pipeline import Pipeline
    from .records import LABELS

    unknown = sorted(set(args.label or ()) - set(LABELS))
    if unknown:
        print(f"vnassoc: unknown label {', '.join(unknown)}; labels: {', '.join(LABELS)}",
              file=sys.stderr)  # fmt: skip
        return 2

    gold_lines = Path(args.gold).read_text(encoding="utf-8").splitlines()
    gold_docs = [json.loads(line) for line in gold_lines if line.strip()]
    if args.pred:
        predicted = {}
        for line in Path(args.pred).read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                predicted[record.get("id")] = record.get("entities", [])
        found = [predicted.get(g.get("id"), []) for g in gold_docs]
    else:
        nlp = Pipeline(gazetteers=args.gazetteer)
        found = [
            [e.model_dump(mode="json") for e in nlp(g["text"], date=g.get("date")).entities]
            for g in gold_docs
        ]
    numbers = report(score((g["entities"], p) for g, p in zip(gold_docs, found, strict=True)))
    if args.json:
        print(json.dumps(numbers, indent=2))
    else:
        print(format_table(numbers))
    if args.errors:
        items = errors(
            (str(g.get("id", n)), g["text"], g["entities"], p)
            for n, (g, p) in enumerate(zip(gold_docs, found, strict=True), start=1)
        )
        if args.label:
            items = [item for item in items if item.label in args.label]
        print()
        print(format_errors(items))
    return 0


def cmd_index(args: argparse.Namespace) -> int:
    from .corpus.store import Indexer, IndexSummary
    from .errors import VnassocError

    if args.batch_size < 1:
        print("vnassoc: --batch-size must be at least 1", file=sys.stderr)
        return 2

    def progress(summary: IndexSummary) -> None:
        if not args.quiet:
            print(f"vnassoc index: {summary.documents} documents, {summary.errors} skipped, "
                  f"{summary.seconds:.0f} s", file=sys.stderr, flush=True)  # fmt: skip

    try:
        with Indexer(args.db, batch_size=args.batch_size, memory_limit=args.memory_limit) as ix:
            summary = ix.index(args.inputs, progress=progress)
    except VnassocError as error:
        print(f"vnassoc: {error}", file=sys.stderr)
        return 2
    if not args.quiet:
        print(json.dumps(summary.as_dict(), ensure_ascii=False), file=sys.stderr)
    return 0


def _print_json(data: object) -> None:
    from .records import dumps_json

    sys.stdout.write(dumps_json(data, indent=2) + "\n")


def cmd_query(args: argparse.Namespace) -> int:
    from .corpus import Corpus
    from .errors import VnassocError

    try:
        with Corpus(args.db) as corpus:
            if args.kind == "person":
                people = corpus.person(args.name)
                data: object = [p.model_dump() for p in people]
                lines = [_person_text(p.model_dump()) for p in people]
            else:
                if args.kind == "organization":
                    found: object = corpus.organization(args.name)
                elif args.kind == "directive":
                    found = corpus.directive(args.name)
                else:
                    found = corpus.province(args.name, successor=args.successor)
                data = found.model_dump() if found is not None else {}  # type: ignore[attr-defined]
                lines = [_record_text(data)] if data else []  # type: ignore[arg-type]
    except VnassocError as error:
        print(f"vnassoc: {error}", file=sys.stderr)
        return 2
    if args.json:
        _print_json(data)
    elif lines:
        print("\n\n".join(lines))
    else:
        print(f"no {args.kind} {args.name!r} in {args.db}")
    return 0


def _dated(item: dict) -> str:
    return f"{item['id']} ({item['date'] or 'undated'})"


def _person_text(person: dict) -> str:
    titles = ".".join(person["titles"])
    lines = [f"{titles + ' ' if titles else ''}{person['name']}  [{person['id']}]"]
    for p in person["positions"]:
        held = ("nguyên " if p["former"] else "") + p["role"]
        if p["organization"]:
            held += f", {p['organization']}"
        span = f"{p['first_seen'] or '?'} .. {p['last_seen'] or '?'}"
        lines.append(f"  {held}  {span}  ({len(p['documents'])} documents)")
    lines.append("  documents: " + ", ".join(_dated(d) for d in person["documents"]))
    return "\n".join(lines)


def _record_text(record: dict) -> str:
    lines = []
    for key, value in record.items():
        if isinstance(value, list):
            lines.append(f"{key}: {len(value)}")
            for item in value:
                if isinstance(item, dict):
                    shown = ", ".join(f"{k}={v}" for k, v in item.items() if k != "documents")
                    lines.append(f"  {shown}")
                else:
                    lines.append(f"  {item}")
        else:
            lines.append(f"{key}: {value}")
    return "\n".join(lines)


def cmd_sql(args: argparse.Namespace) -> int:
    from .corpus import Corpus
    from .errors import VnassocError

    try:
        with Corpus(args.db) as corpus:
            columns, rows = corpus.sql(args.query)
    except VnassocError as error:
        print(f"vnassoc: {error}", file=sys.stderr)
        return 2
    if args.json:
        _print_json([{c: _plain(v) for c, v in zip(columns, row, strict=True)} for row in rows])
        return 0
    print("\t".join(columns))
    for row in rows:
        print("\t".join("" if v is None else str(_plain(v)) for v in row))
    return 0


def _plain(value: object) -> object:
    """A SQL value as JSON can hold it (dates as ISO text)."""
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    isoformat = getattr(value, "isoformat", None)
    return isoformat() if callable(isoformat) else str(value)


def cmd_schema(args: argparse.Namespace) -> int:
    from .records import Document

    print(json.dumps(Document.model_json_schema(), ensure_ascii=False, indent=2))
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from .server import serve

    return serve(
        host=args.host,
        port=args.port,
        workers=args.workers,
        max_body_bytes=args.max_body_bytes,
        max_batch=args.max_batch,
        timeout=args.timeout,
        gazetteers=args.gazetteer,
        database=args.db,
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="vnassoc",
        description="Typed entities from Vietnamese association and Party/State news.",
    )
    parser.add_argument("--gazetteer", action="append", default=[], metavar="FILE",
                        help="an extra gazetteer file (repeatable)")  # fmt: skip
    sub = parser.add_subparsers(dest="command", required=True)

    extract = sub.add_parser("extract", help="print one document's entities as JSON")
    extract.add_argument("file", nargs="?", default="-", help="a UTF-8 text file, or - for stdin")
    extract.add_argument("--date", help="the document date, YYYY-MM-DD (else from its dateline)")
    extract.add_argument("--id", help="an id to put in the output")
    extract.add_argument("--compact", action="store_true", help="one line of JSON")
    extract.set_defaults(func=cmd_extract)

    annotate = sub.add_parser(
        "annotate", help="annotate article dumps, one output line per input item, in order"
    )
    annotate.add_argument("input", help='JSON Lines of {"id", "text" or "html", "date"?, ...} '
                          "(.gz too), a directory of .txt and .html files (id = relative path), "
                          "or - for stdin; pages need the 'html' extra")  # fmt: skip
    annotate.add_argument("-o", "--output", help="output JSON Lines (default stdout)")
    annotate.add_argument("--format", choices=["jsonl", "parquet"], default="jsonl",
                          help="parquet: -o is a new directory, one Parquet file a batch "
                          "(a Dask partition); vnassoc index reads it")  # fmt: skip
    annotate.add_argument("--strict", action="store_true", help="exit 1 when any record failed")
    annotate.add_argument("--resume", action="store_true",
                          help="continue an interrupted run into the same output file")  # fmt: skip
    annotate.add_argument("--workers", type=int, default=1,
                          help="worker processes (Dask workers with --engine dask)")  # fmt: skip
    annotate.add_argument("--engine", choices=["local", "dask"], default="local",
                          help="where batches run (dask needs the 'dask' extra)")  # fmt: skip
    annotate.add_argument("--scheduler", metavar="ADDRESS",
                          help="an existing Dask scheduler (default: a local cluster)")  # fmt: skip
    annotate.add_argument("--batch-size", type=int, default=16,
                          help="documents per batch; output is flushed per batch")  # fmt: skip
    annotate.add_argument("--quiet", action="store_true", help="no progress and no summary")
    annotate.add_argument("--progress-every", type=float, default=10.0, metavar="SECONDS",
                          help="when not on a terminal: a progress line this often")  # fmt: skip
    annotate.set_defaults(func=cmd_annotate)

    evaluate = sub.add_parser("evaluate", help="score against a gold JSON Lines file")
    evaluate.add_argument("gold")
    evaluate.add_argument(
        "--pred", help="predictions (JSON Lines with id and entities); default: run the pipeline"
    )
    evaluate.add_argument("--json", action="store_true", help="print the numbers as JSON")
    evaluate.add_argument("--errors", action="store_true",
                          help="then list misses, false alarms, boundary and field differences "
                          "with their context, by label")  # fmt: skip
    evaluate.add_argument("--label", action="append", type=str.upper, metavar="LABEL",
                          help="with --errors: only this label (repeatable)")  # fmt: skip
    evaluate.set_defaults(func=cmd_evaluate)

    schema = sub.add_parser("schema", help="print the JSON Schema of a Document")
    schema.set_defaults(func=cmd_schema)

    serve = sub.add_parser("serve", help="serve extraction over HTTP (needs the 'server' extra)")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--workers", type=int, default=1, help="worker processes")
    serve.add_argument("--max-body-bytes", type=int, default=4 * 1024 * 1024,
                       help="larger request bodies get 413 (default 4 MiB)")  # fmt: skip
    serve.add_argument("--max-batch", type=int, default=64,
                       help="most documents in one /v1/extract/batch request (default 64)")  # fmt: skip
    serve.add_argument("--timeout", type=float, default=30.0,
                       help="seconds one request may take before it gets 503 (default 30)")  # fmt: skip
    serve.add_argument("--db", metavar="CORPUS",
                       help="also serve a corpus database: /corpus/ pages and /v1/corpus/ JSON")  # fmt: skip
    serve.set_defaults(func=cmd_serve)

    index = sub.add_parser("index", help="load annotated records into a corpus database "
                           "(needs the 'corpus' extra)")  # fmt: skip
    index.add_argument("inputs", nargs="+", metavar="ANNOTATED",
                       help="output of vnassoc annotate: JSON Lines (.gz too), Parquet, "
                       "or directories of them; any file in the contract's shape")  # fmt: skip
    index.add_argument("--db", required=True, help="the DuckDB file (created if new)")
    index.add_argument("--batch-size", type=int, default=1000,
                       help="documents per transaction (default 1000)")  # fmt: skip
    index.add_argument("--memory-limit", default="512MB",
                       help="DuckDB's memory limit while indexing (default 512MB)")  # fmt: skip
    index.add_argument("--quiet", action="store_true", help="no progress and no summary")
    index.set_defaults(func=cmd_index)

    query = sub.add_parser("query", help="ask a corpus database about a person, body, "
                           "directive or province")  # fmt: skip
    query.add_argument("kind", choices=["person", "organization", "directive", "province"])
    query.add_argument("name", help="a name, an acronym, or a directive code (42-CT/TW)")
    query.add_argument("--db", required=True)
    query.add_argument("--json", action="store_true", help="print JSON")
    query.add_argument("--successor", action="store_true",
                       help="province: fold pre-2025 provinces into the one they now belong to")  # fmt: skip
    query.set_defaults(func=cmd_query)

    sql = sub.add_parser("sql", help="a read-only SQL query on a corpus database")
    sql.add_argument("query")
    sql.add_argument("--db", required=True)
    sql.add_argument("--json", action="store_true", help="print rows as JSON objects")
    sql.set_defaults(func=cmd_sql)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except FileNotFoundError as error:
        print(f"vnassoc: {error.filename}: no such file", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    raise SystemExit(main())
