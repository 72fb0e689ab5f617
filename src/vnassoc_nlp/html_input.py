"""Raw HTML pages as input: the article's main text, title, URL and date, extracted by trafilatura.

What crawlers hand over is a page: menus, share links, related articles and a footer around the
article. trafilatura (Apache-2.0, the optional ``html`` extra) keeps the article's main text and
reads the page's metadata (title; URL from the canonical link or og:url; publication date from
the page's markup). It works on the page given, offline. A page with no article text is an
``InputError`` (E017), never an empty document.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .errors import Errors, InputError


@dataclass(frozen=True)
class Page:
    """What a page says: the article text (entity offsets index it), title, URL and date."""

    text: str
    title: str | None = None
    url: str | None = None
    date: str | None = None  # ISO YYYY-MM-DD


def extract_page(html: str | bytes, name: str = "the page", url: str | None = None) -> Page:
    """The article of one HTML page (``bytes`` are decoded by the page's own charset).

    ``name`` says which page in errors; ``url``, when the caller knows it, helps resolve the
    page's relative links and is the URL when the page names none.
    """
    try:
        import trafilatura
    except ImportError:
        raise InputError(Errors.E015, feature="Reading HTML pages", extra="html") from None
    document = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,  # readers' comments are not the article
        include_tables=True,
        deduplicate=False,
        favor_precision=True,  # menus and share links out, even at some cost of recall
        # The date the page's markup gives (published time, JSON-LD, URL), not a guess from
        # any year in the footer ("© 2024" would read as 2024-01-01).
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if isinstance(document, dict):  # (only with as_dict=True, which this call does not ask)
        document = None
    text = "" if document is None else (document.text or "")
    if document is None or not text.strip():
        raise InputError(Errors.E017, name=name)
    return Page(
        text=text,
        title=_clean(document.title),
        url=_clean(document.url) or url,
        date=_iso_date(document.date),
    )


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None


def _iso_date(value: object) -> str | None:
    """trafilatura gives YYYY-MM-DD; anything else is no date rather than an error."""
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value.strip()[:10]).isoformat()
    except ValueError:
        return None
