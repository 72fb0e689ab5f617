"""The ``vnassoc`` command: extract, annotate, evaluate, schema."""

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


def cmd_annotate(args: argparse.Namespace) -> int:
    from concurrent.futures import BrokenExecutor
    from contextlib import ExitStack

    from .batch import OutputError, Progress, annotate, process_pipeline
    from .errors import VnassocError

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

            # spawn: workers start clean (no threads or state copied), each loads one pipeline.
            executor = stack.enter_context(
                ProcessPoolExecutor(args.workers, multiprocessing.get_context("spawn"),
                                    initializer=process_pipeline, initargs=(names,))
            )  # fmt: skip
        try:
            summary = annotate(
                args.input, args.output, gazetteers=names, resume=args.resume,
                executor=executor, batch_size=args.batch_size, window=2 * args.workers + 2,
                progress=lambda total, done: Progress(
                    total, done, quiet=args.quiet, interval=args.progress_every
                ),
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
    annotate.add_argument("--strict", action="store_true", help="exit 1 when any record failed")
    annotate.add_argument("--resume", action="store_true",
                          help="continue an interrupted run into the same output file")  # fmt: skip
    annotate.add_argument("--workers", type=int, default=1,
                          help="worker processes (Dask workers with --engine dask)")  # fmt: skip
    annotate.add_argument("--engine", choices=["local", "dask"], default="local",
                          help="where batches run (dask needs the 'dask' extra)")  # fmt: skip
    annotate.add_argument("--scheduler", metavar="ADDRESS",
                          help="an existing Dask scheduler (default: a local cluster)")  # fmt: skip
    annotate.add_argument("--batch-size", type=int, default=32,
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
    serve.set_defaults(func=cmd_serve)
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
