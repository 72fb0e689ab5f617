"""Annotating JSON Lines: one output line per input line, in order; bad records never vanish.

A line that is not JSON, a record without a string ``text``, or an invalid ``date`` yields an
output line carrying the record's ``id`` (or its line number) and an ``error`` object.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, TextIO

from .errors import VnassocError
from .pipeline import Pipeline


def annotate_record(nlp: Pipeline, number: int, line: str) -> dict[str, Any]:
    if not line.strip():
        return {"id": None, "line": number,
                "error": {"type": "empty_line", "message": "blank line: no record"}}  # fmt: skip
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        return {
            "id": None,
            "line": number,
            "error": {"type": "invalid_json", "message": str(error)},
        }
    if not isinstance(record, dict):
        return {"id": None, "line": number,
                "error": {"type": "invalid_record", "message": "a line must hold a JSON object"}}  # fmt: skip
    ident = record.get("id", number)
    text = record.get("text")
    if not isinstance(text, str):
        return {**record, "id": ident,
                "error": {"type": "missing_text", "message": "record has no string 'text' field"}}  # fmt: skip
    try:
        doc = nlp(text, date=record.get("date"), id=str(ident))
    except VnassocError as error:
        out = {k: v for k, v in record.items() if k != "text"}
        return {**out, "id": ident, "error": {"type": "invalid_input", "message": str(error)}}
    out = {k: v for k, v in record.items() if k not in ("text", "entities")}
    out.update({"id": ident, "date": doc.date,
                "entities": [e.model_dump(mode="json") for e in doc.entities]})  # fmt: skip
    return out


def annotate_lines(
    lines: Iterable[tuple[int, str]], out: TextIO, gazetteers: Sequence[str | Path] = ()
) -> dict[str, Any]:
    nlp = Pipeline(gazetteers=gazetteers)
    started = time.perf_counter()
    documents = errors = chars = 0
    per_label: Counter[str] = Counter()
    for number, line in lines:
        # A blank line is not a record, but it gets its output line too: one out per line in.
        result = annotate_record(nlp, number, line)
        documents += 1
        if "error" in result:
            errors += 1
        for entity in result.get("entities", []):
            per_label[entity["label"]] += 1
        chars += len(line)
        out.write(json.dumps(result, ensure_ascii=False) + "\n")
    elapsed = time.perf_counter() - started
    return {
        "documents": documents, "errors": errors, "entities": dict(per_label),
        "chars_per_second": round(chars / elapsed) if elapsed else None,
    }  # fmt: skip
