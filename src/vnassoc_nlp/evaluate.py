"""Scoring exactly as ANNOTATION.md describes it.

A predicted entity matches a gold one of the same label when their spans overlap; pairs are
taken one to one, largest overlap first. P/R/F1 per label for overlap and exact-boundary
matches; each typed field is the share of matched pairs where prediction and gold agree
(strings after NFC and case folding, lists as sets).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .records import LABELS

TYPED_FIELDS: dict[str, tuple[str, ...]] = {
    "PERSON": ("name", "titles", "roles"),
    "ORGANIZATION": ("canonical_name", "acronym"),
    "PROVINCE": ("name", "successor"),
    "DIRECTIVE": ("kind", "number", "code"),
    "DATE": ("value",),
}


def _norm(value: Any) -> Any:
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value).casefold()
    if isinstance(value, (list, tuple, set)):
        return frozenset(_norm(v) for v in value)
    return value


@dataclass
class Counts:
    gold: int = 0
    predicted: int = 0
    overlap: int = 0
    exact: int = 0
    field_agree: dict[str, int] = field(default_factory=dict)

    @staticmethod
    def prf(hits: int, predicted: int, gold: int) -> tuple[float, float, float]:
        p = hits / predicted if predicted else (1.0 if not gold else 0.0)
        r = hits / gold if gold else (1.0 if not predicted else 0.0)
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f


def match(
    gold: list[Mapping[str, Any]], predicted: list[Mapping[str, Any]]
) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, predicted index) of the same label, largest overlap first."""
    pairs = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(predicted):
            if g["label"] != p["label"]:
                continue
            overlap = min(g["end"], p["end"]) - max(g["start"], p["start"])
            if overlap > 0:
                pairs.append((overlap, gi, pi))
    pairs.sort(key=lambda t: (-t[0], t[1], t[2]))
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    chosen = []
    for _, gi, pi in pairs:
        if gi in used_gold or pi in used_pred:
            continue
        used_gold.add(gi)
        used_pred.add(pi)
        chosen.append((gi, pi))
    return chosen


def score(
    pairs_of_documents: Iterable[tuple[list[Mapping[str, Any]], list[Mapping[str, Any]]]],
) -> dict[str, Counts]:
    counts = {label: Counts(field_agree={f: 0 for f in TYPED_FIELDS[label]}) for label in LABELS}
    for gold, predicted in pairs_of_documents:
        for entity in gold:
            counts[entity["label"]].gold += 1
        for entity in predicted:
            if entity["label"] in counts:
                counts[entity["label"]].predicted += 1
        for gi, pi in match(gold, predicted):
            g, p = gold[gi], predicted[pi]
            c = counts[g["label"]]
            c.overlap += 1
            if g["start"] == p["start"] and g["end"] == p["end"]:
                c.exact += 1
            for name in TYPED_FIELDS[g["label"]]:
                if _norm(g.get(name)) == _norm(p.get(name)):
                    c.field_agree[name] += 1
    return counts


MICRO = "micro"


def report(counts: Mapping[str, Counts]) -> dict[str, dict[str, Any]]:
    """Plain numbers per label and over all labels (``micro``): what the CLI prints and the
    ratchet test reads."""
    total = Counts(field_agree={})
    for c in counts.values():
        total.gold += c.gold
        total.predicted += c.predicted
        total.overlap += c.overlap
        total.exact += c.exact
    out: dict[str, dict[str, Any]] = {}
    for label, c in [*counts.items(), (MICRO, total)]:
        op, orc, of = Counts.prf(c.overlap, c.predicted, c.gold)
        ep, er, ef = Counts.prf(c.exact, c.predicted, c.gold)
        out[label] = {
            "gold": c.gold, "predicted": c.predicted,
            "overlap": {"precision": op, "recall": orc, "f1": of},
            "exact": {"precision": ep, "recall": er, "f1": ef},
            "fields": {k: (v / c.overlap if c.overlap else None) for k, v in c.field_agree.items()},
        }  # fmt: skip
    return out


def format_table(numbers: Mapping[str, Mapping[str, Any]]) -> str:
    lines = [
        f"{'label':<13}{'gold':>6}{'pred':>6} | {'overlap P':>9}{'R':>7}{'F1':>7} | "
        f"{'exact P':>8}{'R':>7}{'F1':>7} | typed-field agreement",
    ]
    lines.append("-" * len(lines[0]) + "-" * 30)
    for label, n in numbers.items():
        o, e = n["overlap"], n["exact"]
        fields = ", ".join(
            f"{k} {v:.3f}" if v is not None else f"{k} -" for k, v in n["fields"].items()
        )
        if label == MICRO:
            lines.append("-" * len(lines[0]) + "-" * 30)
        lines.append(
            f"{label:<13}{n['gold']:>6}{n['predicted']:>6} | {o['precision']:>9.3f}{o['recall']:>7.3f}"
            f"{o['f1']:>7.3f} | {e['precision']:>8.3f}{e['recall']:>7.3f}{e['f1']:>7.3f} | {fields}"
        )
    return "\n".join(lines)


@dataclass(frozen=True)
class ErrorItem:
    """One disagreement between gold and prediction, with the text around it."""

    document: str
    label: str
    kind: str  # "miss", "false alarm", "boundary", or "field <name>"
    gold: str | None
    predicted: str | None
    context: str
    detail: str = ""


_CONTEXT = 40


def _context(text: str, start: int, end: int) -> str:
    before = text[max(0, start - _CONTEXT) : start]
    after = text[end : end + _CONTEXT]
    return " ".join(f"{before}[{text[start:end]}]{after}".split())


def errors(
    documents: Iterable[tuple[str, str, list[Mapping[str, Any]], list[Mapping[str, Any]]]],
) -> list[ErrorItem]:
    """Misses, false alarms, boundary differences and typed-field disagreements, matched the
    way ``score`` matches them; ``documents`` are (id, text, gold, predicted)."""
    items: list[ErrorItem] = []
    for doc_id, text, gold, predicted in documents:
        pairs = match(gold, predicted)
        matched_gold = {gi for gi, _ in pairs}
        matched_pred = {pi for _, pi in pairs}
        for gi, g in enumerate(gold):
            if gi not in matched_gold:
                items.append(ErrorItem(doc_id, g["label"], "miss", g["text"], None,
                                       _context(text, g["start"], g["end"])))  # fmt: skip
        for pi, p in enumerate(predicted):
            if pi not in matched_pred:
                items.append(ErrorItem(doc_id, p["label"], "false alarm", None, p["text"],
                                       _context(text, p["start"], p["end"])))  # fmt: skip
        for gi, pi in pairs:
            g, p = gold[gi], predicted[pi]
            start, end = min(g["start"], p["start"]), max(g["end"], p["end"])
            if (g["start"], g["end"]) != (p["start"], p["end"]):
                items.append(ErrorItem(doc_id, g["label"], "boundary", g["text"], p["text"],
                                       _context(text, start, end)))  # fmt: skip
            for name in TYPED_FIELDS[g["label"]]:
                if _norm(g.get(name)) != _norm(p.get(name)):
                    items.append(ErrorItem(
                        doc_id, g["label"], f"field {name}", g["text"], p["text"],
                        _context(text, start, end),
                        detail=f"gold {g.get(name)!r} / predicted {p.get(name)!r}",
                    ))  # fmt: skip
    order = {label: i for i, label in enumerate(LABELS)}
    return sorted(items, key=lambda e: (order.get(e.label, len(order)), e.kind, e.document))


def format_errors(items: Iterable[ErrorItem]) -> str:
    """The listing ``vnassoc evaluate --errors`` prints: grouped by label, then kind."""
    lines: list[str] = []
    group: tuple[str, str] | None = None
    for item in items:
        if (item.label, item.kind) != group:
            group = (item.label, item.kind)
            lines.append(f"\n## {item.label} {item.kind}")
        shown = " -> ".join(repr(v) for v in (item.gold, item.predicted) if v is not None)
        if item.gold is not None and item.predicted is not None:
            shown = f"gold {item.gold!r} / predicted {item.predicted!r}"
        lines.append(f"[{item.document}] {shown}")
        if item.detail:
            lines.append(f"    {item.detail}")
        lines.append(f"    … {item.context} …")
    return "\n".join(lines).lstrip("\n")
