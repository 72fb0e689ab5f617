"""Batch annotation of article dumps: one output line per input item, in order, nothing lost.

Inputs are JSON Lines (plain or ``.gz``), a directory of ``.txt`` and ``.html`` files (id =
relative path) or ``-`` for stdin. A record may hold a raw HTML page in ``html`` instead of a
``text``: the article's text, title, URL and date are extracted from it (``html_input``). A line
that is not UTF-8 or not JSON, a record without a string ``text`` (or ``html``), an invalid
``date``, an undecodable file or a page with no article text yields an output line with the
record's ``id`` (or its line number) and an ``error`` object (``type``, ``message``); every
other field is carried through untouched. Work goes out in batches to the current process, to worker processes, or to
any ``concurrent.futures``-style executor (Dask's included); results are written back in input
order and flushed per batch, so ``resume`` can continue a crashed run into the same output.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import sys
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Executor, Future
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import IO, Any

from .errors import Errors, InputError, VnassocError
from .pipeline import Pipeline
from .records import json_utf8

# One pipeline per process and gazetteer set, made on first use (never at import). Worker
# processes (a process pool, Dask workers) each load theirs once and keep it for every batch.
_PROCESS_PIPELINES: dict[tuple[str, ...], Pipeline] = {}


def process_pipeline(gazetteers: Sequence[str | Path] = ()) -> Pipeline:
    key = tuple(str(path) for path in gazetteers)
    if key not in _PROCESS_PIPELINES:
        pipeline = Pipeline(gazetteers=key)
        # Its data and recognizers now; the restorer and recaser (half a second) when a text
        # first needs them: most batches of a worker never do, or late.
        pipeline(" ")
        _PROCESS_PIPELINES[key] = pipeline
    return _PROCESS_PIPELINES[key]


def loaded_pipelines() -> int:
    """How many pipelines this process has loaded (one per gazetteer set it has served)."""
    return len(_PROCESS_PIPELINES)


# -- input ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Item:
    """One input item: a JSON Lines line (``path`` None) or a text file's bytes."""

    number: int  # 1-based line or file number in the input
    data: bytes
    path: str | None = None  # a text file's path relative to the input directory: its id
    read_error: str | None = None  # the input could not be read from here on


def read_items(source: str | Path) -> Iterator[Item]:
    """The items of ``source`` in order; a read failure midway yields a final error item."""
    if str(source) == "-":
        return _read_lines(sys.stdin.buffer, "<stdin>")
    path = Path(source)
    if path.is_dir():
        return _read_text_files(path)
    try:
        handle: IO[bytes] = (
            gzip.open(path, "rb") if path.suffix == ".gz" else open(path, "rb")  # type: ignore[assignment]  # noqa: SIM115
        )
    except OSError as error:
        raise InputError(Errors.E010, path=path, reason=error.strerror or error) from None
    return _read_lines(handle, str(path))


def count_items(source: str | Path) -> int | None:
    """How many items ``source`` holds, when that is cheap to know (not for stdin or gzip)."""
    path = Path(source)
    if str(source) == "-" or path.suffix == ".gz":
        return None
    if path.is_dir():
        return sum(1 for _ in _input_file_paths(path))
    count = 0
    last = b"\n"
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 20):
            count += chunk.count(b"\n")
            last = chunk[-1:]
    return count + (last != b"\n")


def _read_lines(handle: IO[bytes], name: str) -> Iterator[Item]:
    number = 0
    with handle:
        try:
            for number, line in enumerate(handle, start=1):
                yield Item(number, line)
        except (OSError, EOFError) as error:  # a corrupt or truncated .gz, a failing disk
            yield Item(
                number + 1, b"", read_error=f"{name}: unreadable after line {number}: {error}"
            )


_HTML_SUFFIXES = (".html", ".htm")


def _input_file_paths(directory: Path) -> list[Path]:
    """The text files and HTML pages of ``directory`` and its subdirectories, in path order."""
    suffixes = (".txt", *_HTML_SUFFIXES)
    return sorted(p for p in directory.rglob("*") if p.suffix.lower() in suffixes and p.is_file())


def _read_text_files(directory: Path) -> Iterator[Item]:
    for number, path in enumerate(_input_file_paths(directory), start=1):
        relative = path.relative_to(directory).as_posix()
        try:
            yield Item(number, path.read_bytes(), path=relative)
        except OSError as error:
            yield Item(number, b"", path=relative, read_error=f"{relative}: {error.strerror}")


# -- one record ----------------------------------------------------------------------------------
def _error(kind: str, message: str, **where: Any) -> dict[str, Any]:
    return {**where, "error": {"type": kind, "message": message}}


_PAGE_ERRORS = {"E015": "missing_dependency", "E017": "no_article_text"}


def page_record(record: dict[str, Any], name: str) -> dict[str, Any]:
    """A record holding a raw page in ``html`` as one holding its article: ``text`` (entity
    offsets index it), ``title``, ``url`` and ``date`` from the page where the record has none.
    The ``html`` itself is not carried into the output: ``text`` stands for it."""
    from .html_input import extract_page

    given_url = record.get("url") if isinstance(record.get("url"), str) else None
    page = extract_page(record["html"], name=name, url=given_url)
    out = {k: v for k, v in record.items() if k != "html"}
    out["text"] = page.text
    for key, value in (("title", page.title), ("url", page.url), ("date", page.date)):
        if out.get(key) is None:
            out[key] = value
    return out


def annotate_record(
    nlp: Pipeline, record: dict[str, Any], number: int | None = None
) -> dict[str, Any]:
    """Annotate one ``{"id"?, "text", "date"?, ...}`` record; other fields pass through. A
    record with a raw page in ``html`` (a string, or bytes read from a file) and no ``text`` is
    annotated on the page's article text."""
    ident = record.get("id", number)
    text = record.get("text")
    if not isinstance(text, str) and isinstance(record.get("html"), str | bytes):
        name = f"{ident}" if ident is not None else f"line {number}"
        try:
            record = page_record(record, name)
        except VnassocError as error:
            kept = {k: v for k, v in record.items() if isinstance(v, str) or k != "html"}
            kind = _PAGE_ERRORS.get(error.code, "invalid_input")
            return {**kept, "id": ident, **_error(kind, str(error))}
        text = record["text"]
    if not isinstance(text, str):
        return {**record, "id": ident,
                **_error("missing_text", "record has no string 'text' (or 'html') field")}  # fmt: skip
    try:
        doc = nlp(text, date=record.get("date"), id=None if ident is None else str(ident))
    except VnassocError as error:
        return {**record, "id": ident, **_error("invalid_input", str(error))}
    out = {k: v for k, v in record.items() if k != "error"}
    out.update({"id": ident, "date": doc.date,
                "entities": [e.model_dump(mode="json") for e in doc.entities]})  # fmt: skip
    return out


def annotate_item(nlp: Pipeline, item: Item) -> dict[str, Any]:
    """The output record of one input item, an ``error`` object in place of entities if bad."""
    where: dict[str, Any] = (
        {"id": item.path} if item.path is not None else {"id": None, "line": item.number}
    )
    if item.read_error is not None:
        return _error("unreadable_input", item.read_error, **where)
    if item.path is not None and item.path.lower().endswith(_HTML_SUFFIXES):
        # A page is decoded by its own charset (meta or BOM), not assumed to be UTF-8.
        return annotate_record(nlp, {"id": item.path, "html": item.data})
    try:
        decoded = item.data.decode("utf-8-sig" if item.path is not None else "utf-8")
    except UnicodeDecodeError as error:
        message = f"not UTF-8 ({error.reason} at byte {error.start})"
        if item.path is None:  # the line may still say whose record it is
            where["id"] = item_id(item)
        return _error("invalid_encoding", message, **where)
    if item.path is not None:
        return annotate_record(nlp, {"id": item.path, "text": decoded})
    line = decoded.lstrip("\ufeff")
    if not line.strip():
        return _error("empty_line", "blank line: no record", **where)
    try:
        record = json.loads(line)
    except (json.JSONDecodeError, RecursionError) as error:  # too deeply nested is not JSON either
        where["id"] = item_id(item)  # a cut-off line may still say whose record it is
        return _error("invalid_json", str(error), **where)
    if not isinstance(record, dict):
        return _error("invalid_record", "a line must hold a JSON object", **where)
    return annotate_record(nlp, record, item.number)


def item_id(item: Item) -> Any:
    """The id an item's output line will carry (used to check a resumed output). A line that is
    not UTF-8 is read with replacement characters; one that is not JSON still has the id it
    shows before it breaks off (``{"id": "a-17", "text": "…`` cut off)."""
    if item.path is not None:
        return item.path
    line = item.data.decode("utf-8", "replace").lstrip("\ufeff")
    try:
        record = json.loads(line)
    except (ValueError, RecursionError):
        return leading_id(line)
    return record.get("id", item.number) if isinstance(record, dict) else None


_JSON_SPACE = re.compile(r"[ \t\n\r]*")
_JSON_DECODER = json.JSONDecoder()


def _after_space(line: str, at: int) -> int:
    match = _JSON_SPACE.match(line, at)
    return match.end() if match else at


def leading_id(line: str) -> Any:
    """The top-level ``id`` of a JSON object that breaks off (or goes wrong) after it, else None.

    The object's members are read in order with the json module's own scanners until the one
    named ``id``, so nothing inside a string is taken for a key; a value counts once it is
    whole, and a number the line ends on may not be.
    """
    at = _after_space(line, 0)
    if not line.startswith("{", at):
        return None
    at += 1
    try:
        while True:
            at = _after_space(line, at)
            if not line.startswith('"', at):
                return None
            key, at = _JSON_DECODER.raw_decode(line, at)  # a string: it starts with a quote
            at = _after_space(line, at)
            if not line.startswith(":", at):
                return None
            at = _after_space(line, at + 1)
            value, at = _JSON_DECODER.raw_decode(line, at)
            at = _after_space(line, at)
            if key == "id":  # a number the line ends on may be cut short ("17" of "172")
                cut_short = at == len(line) and isinstance(value, int | float)
                return None if cut_short else value
            if not line.startswith(",", at):
                return None
            at += 1
    except (ValueError, RecursionError):  # the line breaks off before its id
        return None


def json_line(record: dict[str, Any]) -> bytes:
    return json_utf8(record) + b"\n"


# -- batches -------------------------------------------------------------------------------------
@dataclass
class BatchResult:
    lines: list[bytes] = field(default_factory=list)
    errors: int = 0
    chars: int = 0
    entities: Counter[str] = field(default_factory=Counter)


def annotate_batch(items: Sequence[Item], gazetteers: Sequence[str] = ()) -> BatchResult:
    """Annotate a batch with this process's pipeline. Runs in workers: module-level, picklable."""
    nlp = process_pipeline(gazetteers)
    result = BatchResult()
    for item in items:
        record = annotate_item(nlp, item)
        if "error" in record:
            result.errors += 1
        else:
            result.chars += len(record["text"])
            result.entities.update(entity["label"] for entity in record["entities"])
        result.lines.append(json_line(record))
    return result


def batched(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def run_batches(
    batches: Iterable[list[Item]],
    gazetteers: Sequence[str],
    executor: Executor | None = None,
    window: int = 4,
) -> Iterator[BatchResult]:
    """Results in input order. With an executor, at most ``window`` batches are in flight."""
    if executor is None:
        for batch in batches:
            yield annotate_batch(batch, gazetteers)
        return
    pending: deque[Future[BatchResult]] = deque()
    for batch in batches:
        pending.append(executor.submit(annotate_batch, batch, tuple(gazetteers)))
        if len(pending) >= window:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


# -- resuming ------------------------------------------------------------------------------------
def complete_lines(output: Path) -> tuple[int, int, dict[str, Any] | None]:
    """How many complete lines ``output`` holds, how many bytes they take, and the last of
    them. A torn last line (no newline: the crash hit mid-write) is not counted."""
    with open(output, "rb") as handle:
        data = handle.read()
    end = data.rfind(b"\n") + 1
    if not end:
        return 0, 0, None
    start = data.rfind(b"\n", 0, end - 1) + 1
    try:
        last = json.loads(data[start:end])
    except ValueError:
        last = None
    if not isinstance(last, dict):
        raise InputError(Errors.E016, output=output, line=data.count(b"\n"))
    return data.count(b"\n"), end, last


def skip_done(
    items: Iterator[Item], done: int, last: dict[str, Any] | None, output: Path
) -> Iterator[Item]:
    """Drop the ``done`` items already in ``output``, checking the last one is the same record,
    so a resumed run never writes an id twice or out of order."""
    item = None
    skipped = 0
    for skipped, item in enumerate(islice(items, done), start=1):  # noqa: B007
        pass
    if done:
        found = None if item is None else item_id(item)
        written = last.get("id") if isinstance(last, dict) else None
        if item is None or skipped < done:
            found = f"<none: the input has {skipped} items>"
            same = False
        elif written is not None:
            same = found == written
        elif isinstance(last, dict) and "line" in last:  # an error line for a bad input line
            same = last["line"] == item.number
        else:  # a record with "id": null: nothing to check against
            same = True
        if not same:
            raise InputError(Errors.E014, output=output, line=done, out_id=written, in_id=found)
    return items


# -- progress ------------------------------------------------------------------------------------
class Progress:
    """A tqdm bar on a terminal, a plain line every ``interval`` seconds otherwise, or nothing."""

    def __init__(
        self, total: int | None, initial: int = 0, quiet: bool = False, interval: float = 10.0
    ) -> None:
        self.done = initial
        self.total = total
        self._bar: Any = None
        self._quiet = quiet
        self._interval = interval
        self._started = self._last = time.perf_counter()
        self._initial = initial
        if not quiet and sys.stderr.isatty():
            from tqdm import tqdm

            self._bar = tqdm(total=total, initial=initial, unit="doc", file=sys.stderr,
                             dynamic_ncols=True, smoothing=0.1)  # fmt: skip

    def update(self, count: int) -> None:
        self.done += count
        if self._bar is not None:
            self._bar.update(count)
            return
        now = time.perf_counter()
        if self._quiet or now - self._last < self._interval:
            return
        self._last = now
        rate = (self.done - self._initial) / (now - self._started)
        line = f"vnassoc annotate: {self.done}"
        if self.total:
            left = (self.total - self.done) / rate if rate else 0
            line += f"/{self.total} documents, {rate:.1f} docs/s, ETA {_clock(left)}"
        else:
            line += f" documents, {rate:.1f} docs/s"
        print(line, file=sys.stderr, flush=True)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()


def _clock(seconds: float) -> str:
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}"


# -- the job -------------------------------------------------------------------------------------
@dataclass
class Summary:
    documents: int = 0
    errors: int = 0
    chars: int = 0
    entities: Counter[str] = field(default_factory=Counter)
    resumed_after: int = 0
    seconds: float = 0.0

    def add(self, result: BatchResult) -> None:
        self.documents += len(result.lines)
        self.errors += result.errors
        self.chars += result.chars
        self.entities.update(result.entities)

    def as_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents, "errors": self.errors,
            "entities": dict(sorted(self.entities.items())), "chars": self.chars,
            "seconds": round(self.seconds, 3), "resumed_after": self.resumed_after,
            "chars_per_second": round(self.chars / self.seconds) if self.seconds else None,
        }  # fmt: skip


class OutputError(OSError):
    """The output could not be written (the run stops: nothing could be kept)."""


def annotate(
    source: str | Path,
    output: str | Path | None = None,
    *,
    gazetteers: Sequence[str | Path] = (),
    resume: bool = False,
    executor: Executor | None = None,
    batch_size: int = 16,  # (small: the workers finish together, a crash loses little)
    window: int = 4,
    progress: Callable[[int | None, int], Progress] | None = None,
    output_format: str = "jsonl",
) -> Summary:
    """Annotate ``source`` into ``output`` (a path, or stdout when None or "-").

    ``executor`` (a process pool, a Dask client's executor) runs the batches elsewhere; the
    output is the same as without one. ``resume`` continues into an existing ``output``.
    ``output_format="parquet"``: ``output`` is a new directory, one Parquet file a batch.
    """
    names = tuple(str(path) for path in gazetteers)
    target = None if output is None or str(output) == "-" else Path(output)
    if output_format == "parquet":
        return _annotate_to_parquet(source, target, names, executor, batch_size, window, progress)
    items = read_items(source)
    summary = Summary()
    if resume and target is not None and target.exists():
        done, size, last = complete_lines(target)
        items = skip_done(items, done, last, target)
        os.truncate(target, size)  # drop the torn last line: it is redone
        summary.resumed_after = done
    total = count_items(source)
    started = time.perf_counter()
    try:
        handle = sys.stdout.buffer if target is None else open(target, "ab" if resume else "wb")  # noqa: SIM115
    except OSError as error:
        raise OutputError(f"cannot write {target}: {error.strerror}") from None
    bar = (progress or _no_progress)(total, summary.resumed_after)
    try:
        for result in run_batches(batched(items, batch_size), names, executor, window):
            try:
                handle.writelines(result.lines)
                handle.flush()
                if target is not None:  # on disk before the next batch: a crash loses one batch
                    os.fsync(handle.fileno())
            except OSError as error:
                raise OutputError(f"cannot write {target or 'stdout'}: {error}") from None
            summary.add(result)
            bar.update(len(result.lines))
    finally:
        bar.close()
        if target is not None:
            handle.close()
        summary.seconds = time.perf_counter() - started
    return summary


def _annotate_to_parquet(
    source: str | Path,
    target: Path | None,
    gazetteers: tuple[str, ...],
    executor: Executor | None,
    batch_size: int,
    window: int,
    progress: Callable[[int | None, int], Progress] | None,
) -> Summary:
    from .parquet import prepare_directory, write_partitions

    if target is None:
        raise InputError(Errors.E010, path="-", reason="--format parquet needs -o DIRECTORY")
    prepare_directory(target)
    items = read_items(source)
    summary = Summary()
    started = time.perf_counter()
    bar = (progress or _no_progress)(count_items(source), 0)
    try:
        batches = run_batches(batched(items, batch_size), gazetteers, executor, window)
        for result in write_partitions(batches, target):
            summary.add(result)
            bar.update(len(result.lines))
    finally:
        bar.close()
        summary.seconds = time.perf_counter() - started
    return summary


def _no_progress(total: int | None, initial: int) -> Progress:
    return Progress(total, initial, quiet=True)
