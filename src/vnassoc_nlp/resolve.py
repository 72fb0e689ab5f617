"""Resolve overlapping candidates: nesting where the contract allows it, else priority wins.

Allowed nesting: an ORGANIZATION inside an ORGANIZATION (a parent named inside a sub-body) and a
PROVINCE inside an ORGANIZATION. Any other overlap is a conflict: the candidate with higher
priority (then the longer one) stays; an ORGANIZATION whose tail runs into a stronger candidate
is cut back before it rather than dropped.
"""

from __future__ import annotations

from dataclasses import replace

from .recognizers.base import Candidate, SpanIndex

_NESTABLE = {("ORGANIZATION", "ORGANIZATION"), ("PROVINCE", "ORGANIZATION")}


def _nested(inner: Candidate, outer: Candidate) -> bool:
    return outer.start <= inner.start and inner.end <= outer.end and inner.span != outer.span


def _compatible(a: Candidate, b: Candidate) -> bool:
    if a.end <= b.start or b.end <= a.start:
        return True
    if _nested(a, b) and (a.label, b.label) in _NESTABLE:
        return True
    return _nested(b, a) and (b.label, a.label) in _NESTABLE


def _trim(candidate: Candidate, blocker: Candidate, text: str) -> Candidate | None:
    """Cut an ORGANIZATION's tail back before ``blocker``; None if too little is left."""
    if candidate.label != "ORGANIZATION" or not (candidate.start < blocker.start < candidate.end):
        return None
    end = blocker.start
    while end > candidate.start and not text[end - 1].isalnum():
        end -= 1
    if len(text[candidate.start : end].split()) < 2:
        return None
    return replace(candidate, end=end, fields=dict(candidate.fields))


def _first_conflict(candidate: Candidate, accepted: SpanIndex) -> Candidate | None:
    """The earliest accepted candidate that ``candidate`` may not overlap, if any."""
    return next(
        (a for _, a in accepted.overlapping(candidate.start, candidate.end)
         if not _compatible(candidate, a)),
        None,
    )  # fmt: skip


def resolve(candidates: list[Candidate], text: str) -> list[Candidate]:
    order = sorted(candidates, key=lambda c: (-c.priority, -(c.end - c.start), c.start))
    accepted: list[Candidate] = []
    index = SpanIndex()
    seen: set[tuple[str, int, int]] = set()
    for candidate in order:
        if candidate.end <= candidate.start:
            continue
        key = (candidate.label, candidate.start, candidate.end)
        if key in seen:
            continue
        conflict = _first_conflict(candidate, index)
        while conflict is not None:
            trimmed = _trim(candidate, conflict, text)
            if trimmed is None:
                break
            candidate = trimmed
            conflict = _first_conflict(candidate, index)
        if conflict is not None:
            continue
        seen.add((candidate.label, candidate.start, candidate.end))
        accepted.append(candidate)
        index.add(candidate)
    return sorted(accepted, key=lambda c: (c.start, -c.end))
