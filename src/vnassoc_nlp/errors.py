"""One catalogue of coded error messages (in the manner of spaCy's ``Errors``).

Every error the library raises on purpose carries a code, so users can search for it and
services can map it without parsing prose.
"""

from __future__ import annotations

from enum import Enum


class Errors(str, Enum):
    E001 = "Input text must be a str, got {type_name}."
    E002 = "Invalid document date {value!r}: expected ISO YYYY-MM-DD."
    E003 = "{path}:{line}: {message}"
    E004 = "Gazetteer file {path} has no '# kind:' header line."
    E005 = "Gazetteer file {path} declares unknown kind {kind!r}; known kinds: {known}."
    E006 = "Gazetteer file {path} has no '# source:' header line; every data file names its source."
    E007 = "Gazetteer file {path}: column header {found!r} does not match {expected!r}."
    E008 = "Gazetteer directory {path} not found."
    E009 = "Recognizer {name!r} must be a Recognizer instance with a 'label' and 'name'."
    E010 = "Cannot read {path}: {reason}"
    E011 = "{path}:{line}: not a JSON object: {reason}"
    E012 = "{path}:{line}: record has no string 'text' field."
    E013 = "Unknown label {label!r}; expected one of {known}."
    E014 = (
        "Cannot resume into {output}: its line {line} is for id {out_id!r}, but input item "
        "{line} has id {in_id!r}. Is it the output of this input?"
    )
    E015 = (
        "{feature} needs the optional '{extra}' dependencies: pip install \"vnassoc-nlp[{extra}]\""
    )
    E016 = (
        "Cannot resume into {output}: its line {line} is not a JSON record, so it is not the "
        "output of a vnassoc run."
    )
    E017 = (
        "No article text found in {name}: the page has menus, links or a footer but no "
        "article (or it is not an HTML page)."
    )
    # The corpus (vnassoc_nlp.corpus): codes E1xx.
    E101 = "No corpus database at {path}: build one with `vnassoc index ANNOTATED... --db {path}`."
    E102 = "{path} is not a vnassoc corpus database: {reason}"
    E103 = (
        "Corpus database {path} has schema version {found}; this vnassoc_nlp reads and writes "
        "version {expected}. Index into a new file (the old one is left untouched)."
    )
    E104 = "Corpus query failed: {reason}"
    E105 = "Cannot index {path}: {reason}"

    def format(self, *args: object, **kwargs: object) -> str:
        return f"[{self.name}] {self.value.format(*args, **kwargs)}"


class Warnings(str, Enum):
    """Coded notes a Document carries in ``warnings``: the text was repaired, not refused."""

    W001 = (
        "Repaired {count} characters of mojibake (UTF-8 read as Windows-1252 or Latin-1); "
        "offsets still point into the text as given."
    )
    W002 = (
        "The text is in the legacy {encoding} encoding read as Windows-1252; repaired "
        "{count} letters. Offsets still point into the text as given."
    )

    def format(self, *args: object, **kwargs: object) -> str:
        return f"[{self.name}] {self.value.format(*args, **kwargs)}"


class VnassocError(ValueError):
    """Base class of the library's own errors; ``code`` is the catalogue entry."""

    def __init__(self, error: Errors, **kwargs: object) -> None:
        self.code = error.name
        super().__init__(error.format(**kwargs))


class GazetteerError(VnassocError):
    """A data file is missing, malformed or inconsistent."""


class InputError(VnassocError):
    """The caller passed something that is not a text or a valid date."""


class CorpusError(VnassocError):
    """A corpus database is missing, foreign, of another schema version, or a query failed."""
