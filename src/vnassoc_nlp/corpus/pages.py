"""Pages to browse a corpus (``vnassoc serve --db``): server-rendered HTML and the JSON API.

HTML: ``/corpus/search?q=``, ``/corpus/people/{id}``, ``/corpus/organizations/{id}``,
``/corpus/directives/{code}``, ``/corpus/provinces/{name}``, ``/corpus/documents/{id}``; each
links to the others and to the documents. Timelines of posts and citations are inline SVG; CSS
is inline; nothing is loaded from anywhere else, and the layout fits a phone's width.
JSON mirrors them under ``/v1/corpus/``. FastAPI is imported only when a router is built.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import date
from typing import Any
from urllib.parse import quote, urlencode

from .queries import (
    Citation,
    Corpus,
    DirectiveResult,
    DocumentRef,
    DocumentResult,
    OrganizationResult,
    PersonResult,
    ProvinceResult,
    SearchHit,
)

_CSS = """
*{box-sizing:border-box}
body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1f2933;
background:#f7f7f5}
header{background:#1d3557;color:#fff;padding:.6rem 1rem;display:flex;flex-wrap:wrap;gap:.5rem;
align-items:center}
header a{color:#fff;font-weight:600;text-decoration:none;margin-right:auto}
header form{display:flex;gap:.3rem;flex:1 1 14rem;max-width:28rem}
input[type=search]{flex:1;min-width:0;padding:.4rem .5rem;border:0;border-radius:4px;font-size:1rem}
button{padding:.4rem .8rem;border:0;border-radius:4px;background:#e63946;color:#fff;font-size:1rem}
main{max-width:60rem;margin:0 auto;padding:1rem}
h1{font-size:1.5rem;margin:.2rem 0 .6rem;overflow-wrap:anywhere}
h2{font-size:1.1rem;margin:1.4rem 0 .4rem;border-bottom:1px solid #d9d9d4}
a{color:#1d5fa8}
ul{padding-left:1.2rem}
li{margin:.2rem 0;overflow-wrap:anywhere}
.meta{color:#5c6670;font-size:.9rem}
.tag{display:inline-block;font-size:.75rem;padding:0 .4rem;border-radius:3px;background:#e0e7ef;
margin-right:.3rem}
.timeline{width:100%;max-width:46rem;height:auto;background:#fff;border:1px solid #e2e2dc;border-radius:4px}
.text{white-space:pre-wrap;background:#fff;padding:.8rem;border:1px solid #e2e2dc;
border-radius:4px;overflow-wrap:anywhere}
mark{background:#fde8b0;padding:0 1px}
table{border-collapse:collapse;width:100%}
td,th{text-align:left;padding:.25rem .4rem;border-bottom:1px solid #e6e6e0;vertical-align:top}
@media (max-width:600px){main{padding:.6rem}h1{font-size:1.25rem}td,th{padding:.2rem}}
"""

_LABELS = {
    "PERSON": "person",
    "ORGANIZATION": "body",
    "DIRECTIVE": "directive",
    "PROVINCE": "province",
    "DATE": "date",
}


def _e(text: object) -> str:
    return html.escape("" if text is None else str(text))


def person_url(ident: str) -> str:
    return f"/corpus/people/{quote(ident, safe='')}"


def organization_url(ident: str) -> str:
    return f"/corpus/organizations/{quote(ident, safe='')}"


def directive_url(code: str) -> str:
    return f"/corpus/directives/{quote(code, safe='/')}"


def province_url(name: str, successor: bool = False) -> str:
    return f"/corpus/provinces/{quote(name, safe='')}" + ("?successor=1" if successor else "")


def document_url(ident: str) -> str:
    return f"/corpus/documents/{quote(ident, safe='/')}"


def entity_url(label: str, ident: str, name: str | None) -> str | None:
    if label == "PERSON":
        return person_url(ident)
    if label == "ORGANIZATION":
        return organization_url(ident)
    if label == "DIRECTIVE":
        return directive_url(ident)
    if label == "PROVINCE" and name:
        return province_url(name)
    return None


def page(title: str, body: str, query: str = "") -> str:
    return (
        '<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_e(title)} · vnassoc corpus</title><style>{_CSS}</style></head><body>"
        '<header><a href="/corpus/search">vnassoc corpus</a>'
        '<form action="/corpus/search" method="get" role="search">'
        f'<input type="search" name="q" value="{_e(query)}" placeholder="Name, body, code…" '
        'aria-label="Search the corpus"><button type="submit">Search</button></form></header>'
        f"<main>{body}</main></body></html>"
    )


def _documents(refs: Sequence[DocumentRef | Citation]) -> str:
    if not refs:
        return "<p class='meta'>No documents.</p>"
    items = "".join(
        f'<li><a href="{document_url(r.id)}">{_e(r.id)}</a> '
        f'<span class="meta">{_e(r.date or "undated")}</span></li>'
        for r in refs
    )
    return f'<ul class="documents">{items}</ul>'


# -- timelines -------------------------------------------------------------------------------
def _year_fraction(day: date) -> float:
    return day.year + (day.timetuple().tm_yday - 1) / 366


def _axis(days: Sequence[date]) -> tuple[float, float]:
    start = min(_year_fraction(d) for d in days)
    end = max(_year_fraction(d) for d in days)
    first, last = int(start), int(end) + 1
    return float(first), float(max(last, first + 1))


def _short(text: str, size: int = 60) -> str:
    return text if len(text) <= size else text[: size - 1].rstrip() + "…"


def timeline(rows: Sequence[tuple[str, date | None, date | None]], label: str) -> str:
    """Bars from first to last date seen, one row per item (its label above the bar), years on
    the axis. Drawn 360 units wide: about life size on a phone, scaled up on a wider screen.
    Undated rows are left out of the drawing (the list beside it has them all)."""
    dated = [(text, a, b or a) for text, a, b in rows if a is not None]
    if not dated:
        return ""
    low, high = _axis([d for _, a, b in dated for d in (a, b) if d is not None])
    width, left, right, row_height = 360.0, 14.0, 14.0, 30.0
    span = width - left - right

    def x(day: date) -> float:
        return left + (_year_fraction(day) - low) / (high - low) * span

    height = 22 + row_height * len(dated)
    parts = [
        f'<svg class="timeline" viewBox="0 0 {width:.0f} {height:.0f}" role="img" '
        f'aria-label="{_e(label)}" xmlns="http://www.w3.org/2000/svg">'
    ]
    step = max(1, round((high - low) / 6))
    for year in range(int(low), int(high) + 1, step):
        position = left + (year - low) / (high - low) * span
        parts.append(
            f'<line x1="{position:.1f}" y1="0" x2="{position:.1f}" y2="{height - 16:.0f}" '
            'stroke="#e4e4de"/>'
        )
        parts.append(
            f'<text x="{position:.1f}" y="{height - 4:.0f}" font-size="10" '
            f'fill="#5c6670" text-anchor="middle">{year}</text>'
        )
    for index, (text, start, end) in enumerate(dated):
        top = 4 + index * row_height
        assert start is not None and end is not None
        x1, x2 = x(start), max(x(end), x(start) + 4)
        parts.append(
            f'<text x="{left:.0f}" y="{top + 10:.0f}" font-size="10" '
            f'fill="#1f2933">{_e(_short(text))}</text>'
        )
        parts.append(
            f'<rect x="{x1:.1f}" y="{top + 14:.0f}" width="{x2 - x1:.1f}" height="8" '
            f'rx="3" fill="#457b9d"><title>{_e(text)}: {start.isoformat()}'
            f"{'' if end == start else ' – ' + end.isoformat()}</title></rect>"
        )
    parts.append("</svg>")
    return "".join(parts)


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


# -- pages -----------------------------------------------------------------------------------
def search_page(query: str, hits: Sequence[SearchHit]) -> str:
    if not query:
        body = (
            "<h1>Search the corpus</h1><p>People, bodies, directives (by code, e.g. "
            "<code>42-CT/TW</code>) and provinces.</p>"
        )
        return page("Search", body)
    items = []
    for hit in hits:
        url = entity_url(hit.label, hit.id, hit.name)
        detail = f' <span class="meta">{_e(hit.detail)}</span>' if hit.detail else ""
        items.append(
            f'<li class="hit"><span class="tag">{_LABELS.get(hit.label, hit.label)}</span>'
            f'<a href="{_e(url)}">{_e(hit.name)}</a>{detail} '
            f'<span class="meta">· {hit.documents} documents</span></li>'
        )
    found = f"<ul>{''.join(items)}</ul>" if items else "<p>Nothing found.</p>"
    body = f"<h1>Results for “{_e(query)}”</h1>{found}"
    return page(f"Search: {query}", body, query)


def person_page(person: PersonResult, namesakes: int) -> str:
    titles = ".".join(person.titles)
    rows, lines = [], []
    for p in person.positions:
        held = ("nguyên " if p.former else "") + p.role
        text = f"{held}, {p.organization}" if p.organization else held
        rows.append((text, _day(p.first_seen), _day(p.last_seen)))
        org = (
            f' <a href="{organization_url(p.organization_id)}">{_e(p.organization)}</a>'
            if p.organization_id
            else (f" {_e(p.organization)}" if p.organization else "")
        )
        seen = (
            f"{p.first_seen} – {p.last_seen}"
            if p.first_seen and p.last_seen != p.first_seen
            else (p.first_seen or "undated")
        )
        line = (
            f'<li class="position">{_e(held)}{"," if org else ""}{org} '
            f'<span class="meta">{_e(seen)} · {len(p.documents)} documents</span></li>'
        )
        lines.append(line)
    other = (
        f'<p class="meta">{namesakes - 1} other people of this name in the corpus: '
        f'<a href="/corpus/search?{urlencode({"q": person.name})}">see all</a>.</p>'
        if namesakes > 1
        else ""
    )
    body = (
        f'<p class="meta">Person</p><h1>{_e(titles + " " if titles else "")}{_e(person.name)}</h1>'
        f"{other}<h2>Posts over time</h2>"
        f"{timeline(rows, 'Posts of ' + person.name + ' over time')}"
        f"<ul>{''.join(lines) or '<li class=meta>No posts recorded.</li>'}</ul>"
        f"<h2>Documents ({len(person.documents)})</h2>{_documents(person.documents)}"
    )
    return page(person.name, body)


def organization_page(org: OrganizationResult) -> str:
    rows, lines = [], []
    for p in org.people:
        held = ("nguyên " if p.former else "") + p.role
        rows.append((f"{p.name}, {held}", _day(p.first_seen), _day(p.last_seen)))
        seen = (
            f"{p.first_seen} – {p.last_seen}"
            if p.first_seen and p.last_seen != p.first_seen
            else (p.first_seen or "undated")
        )
        lines.append(
            f'<tr><td><a href="{person_url(p.person_id)}">{_e(p.name)}</a></td>'
            f"<td>{_e(held)}</td><td class=meta>{_e(seen)}</td></tr>"
        )
    people = (
        f"<table><tr><th>Person</th><th>Post</th><th>Seen</th></tr>{''.join(lines)}</table>"
        if lines
        else "<p class='meta'>No posts recorded in this body.</p>"
    )
    acronym = f" ({_e(org.acronym)})" if org.acronym else ""
    province = (
        f'<p class="meta">Province: <a href="{province_url(org.province)}">'
        f"{_e(org.province)}</a></p>"
        if org.province
        else ""
    )
    cited = "".join(
        f'<li><a href="{directive_url(d.code)}">{_e(d.code)}</a> '
        f'<span class="meta">· in {d.documents} of its documents</span></li>'
        for d in org.directives
    )
    body = (
        f'<p class="meta">Organization</p><h1>{_e(org.canonical_name)}{acronym}</h1>{province}'
        f"<h2>Leadership over time</h2>"
        f"{timeline(rows, 'Posts in ' + org.canonical_name + ' over time')}{people}"
        + (f"<h2>Directives cited alongside it</h2><ul>{cited}</ul>" if cited else "")
        + f"<h2>Documents ({len(org.documents)})</h2>{_documents(org.documents)}"
    )
    return page(org.canonical_name, body)


def directive_page(directive: DirectiveResult) -> str:
    rows = [(f"cited in {c.id}", _day(c.date), _day(c.date)) for c in directive.documents]
    kind = f"{directive.kind or ''} {directive.number or ''}".strip()
    span = (
        f'<p class="meta">First cited {_e(directive.first_cited)}, last cited '
        f"{_e(directive.last_cited)}</p>"
        if directive.first_cited
        else ""
    )
    body = (
        f'<p class="meta">Directive · {_e(kind)}</p><h1>{_e(directive.code)}</h1>{span}'
        f"<h2>Citations over time</h2>"
        f"{timeline(rows, 'Citations of ' + directive.code + ' over time')}"
        f"<h2>Cited in {len(directive.documents)} documents</h2>{_documents(directive.documents)}"
    )
    return page(directive.code, body)


def province_page(province: ProvinceResult, successor: bool) -> str:
    folded = ", ".join(province.provinces)
    switch = (
        f'<a href="{province_url(province.name)}">only {_e(province.name)}</a>'
        if successor
        else f'<a href="{province_url(province.name, True)}">with the provinces merged '
        f"into {_e(province.successor)} in 2025</a>"
    )
    bodies = "".join(
        f'<li><a href="{organization_url(b.id)}">{_e(b.canonical_name)}</a> '
        f'<span class="meta">· {b.documents} documents</span></li>'
        for b in province.bodies
    )
    body = (
        f'<p class="meta">Province · since 1 July 2025 part of {_e(province.successor)}</p>'
        f"<h1>{_e(province.name)}</h1><p class='meta'>Provinces: {_e(folded)} · {switch}</p>"
        f"<h2>Bodies ({len(province.bodies)})</h2><ul>{bodies}</ul>"
        f"<h2>Documents ({len(province.documents)})</h2>{_documents(province.documents)}"
    )
    return page(province.name, body)


def document_page(doc: DocumentResult) -> str:
    text = doc.text or ""
    parts, cursor = [], 0
    for m in doc.mentions:  # outermost mentions, linked to their corpus entity
        if m.start is None or m.end is None or m.start < cursor or m.end > len(text):
            continue
        url = entity_url(m.label, m.entity_id, m.name) if m.entity_id else None
        parts.append(_e(text[cursor : m.start]))
        inner = _e(text[m.start : m.end])
        title = _LABELS.get(m.label, m.label)
        if url:
            inner = f'<a href="{_e(url)}">{inner}</a>'
        parts.append(f'<mark title="{title}">{inner}</mark>')
        cursor = m.end
    parts.append(_e(text[cursor:]))
    body = (
        f'<p class="meta">Document · {_e(doc.date or "undated")}</p><h1>{_e(doc.id)}</h1>'
        f'<div class="text">{"".join(parts)}</div>'
    )
    return page(doc.id, body)


# -- the router ------------------------------------------------------------------------------
def corpus_router(corpus: Corpus) -> Any:
    """HTML pages under ``/corpus`` and JSON under ``/v1/corpus`` for one open ``Corpus``."""
    from fastapi import APIRouter, Query
    from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse

    router = APIRouter()

    def missing_page(what: str) -> HTMLResponse:
        return HTMLResponse(page("Not found", f"<h1>Not found</h1><p>{_e(what)}</p>"), 404)

    def missing_json(what: str) -> JSONResponse:
        body = {"error": {"type": "not_found", "message": what, "code": None, "details": None}}
        return JSONResponse(body, status_code=404)

    @router.get("/corpus", include_in_schema=False)
    def home() -> RedirectResponse:
        return RedirectResponse("/corpus/search")

    @router.get("/corpus/search", response_class=HTMLResponse, include_in_schema=False)
    def search_html(q: str = "") -> HTMLResponse:
        return HTMLResponse(search_page(q, corpus.search(q) if q.strip() else []))

    @router.get("/corpus/people/{ident}", response_class=HTMLResponse, include_in_schema=False)
    def person_html(ident: str) -> HTMLResponse:
        found = corpus.people_by_id([ident])
        if not found:
            return missing_page(f"No person {ident}.")
        namesakes = len(corpus.person(found[0].name))
        return HTMLResponse(person_page(found[0], namesakes))

    @router.get(
        "/corpus/organizations/{ident}", response_class=HTMLResponse, include_in_schema=False
    )
    def organization_html(ident: str) -> HTMLResponse:
        found = corpus.organization_by_id(ident)
        if found is None:
            return missing_page(f"No organization {ident}.")
        return HTMLResponse(organization_page(found))

    @router.get(
        "/corpus/directives/{code:path}", response_class=HTMLResponse, include_in_schema=False
    )
    def directive_html(code: str) -> HTMLResponse:
        found = corpus.directive(code)
        if found is None:
            return missing_page(f"No directive {code}.")
        return HTMLResponse(directive_page(found))

    @router.get("/corpus/provinces/{name}", response_class=HTMLResponse, include_in_schema=False)
    def province_html(name: str, successor: bool = False) -> HTMLResponse:
        found = corpus.province(name, successor=successor)
        if found is None:
            return missing_page(f"No province {name}.")
        return HTMLResponse(province_page(found, successor))

    @router.get(
        "/corpus/documents/{ident:path}", response_class=HTMLResponse, include_in_schema=False
    )
    def document_html(ident: str) -> HTMLResponse:
        found = corpus.document(ident)
        if found is None:
            return missing_page(f"No document {ident}.")
        return HTMLResponse(document_page(found))

    # JSON: the same answers as `vnassoc query --json`.
    @router.get("/v1/corpus/search", summary="Corpus: people, bodies, directives, provinces")
    def search_json(q: str = Query(..., description="part of a name, an acronym or a code")) -> Any:
        return {"results": [hit.model_dump() for hit in corpus.search(q)]}

    @router.get("/v1/corpus/people", summary="Corpus: every person of a name")
    def people_json(name: str) -> Any:
        return [p.model_dump() for p in corpus.person(name)]

    @router.get("/v1/corpus/people/{ident}", summary="Corpus: one person")
    def person_json(ident: str) -> Any:
        found = corpus.people_by_id([ident])
        return found[0].model_dump() if found else missing_json(f"No person {ident}.")

    @router.get("/v1/corpus/organizations", summary="Corpus: a body by name or acronym")
    def organization_by_name_json(name: str) -> Any:
        found = corpus.organization(name)
        return found.model_dump() if found else {}

    @router.get("/v1/corpus/organizations/{ident}", summary="Corpus: one body")
    def organization_json(ident: str) -> Any:
        found = corpus.organization_by_id(ident)
        return found.model_dump() if found else missing_json(f"No organization {ident}.")

    @router.get("/v1/corpus/directives/{code:path}", summary="Corpus: a directive's citations")
    def directive_json(code: str) -> Any:
        found = corpus.directive(code)
        return found.model_dump() if found else {}

    @router.get("/v1/corpus/provinces/{name}", summary="Corpus: a province's documents, bodies")
    def province_json(name: str, successor: bool = False) -> Any:
        found = corpus.province(name, successor=successor)
        return found.model_dump() if found else {}

    @router.get("/v1/corpus/documents/{ident:path}", summary="Corpus: one document")
    def document_json(ident: str) -> Any:
        found = corpus.document(ident)
        return found.model_dump() if found else missing_json(f"No document {ident}.")

    return router
