"""Typed, frozen result records: one model per label, a discriminated union, and ``Document``.

Field names follow ``ANNOTATION.md`` so a gold line and a prediction compare field by field.
Offsets (``start``/``end``) always index the text exactly as the caller gave it.
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterator
from typing import Annotated, Any, Literal, NamedTuple, TypeVar, Union

from pydantic import BaseModel, ConfigDict, Field
from pydantic_core import PydanticSerializationError

LABELS: tuple[str, ...] = ("PERSON", "ORGANIZATION", "PROVINCE", "DIRECTIVE", "DATE")

LABEL_COLOURS: dict[str, str] = {
    "PERSON": "#f4c095",
    "ORGANIZATION": "#9fc5e8",
    "PROVINCE": "#b6d7a8",
    "DIRECTIVE": "#d5a6bd",
    "DATE": "#ffe599",
}


def dumps_json(data: Any, indent: int | None = None) -> str:
    """JSON with non-ASCII text as is. Lone surrogates ("\\udc80" escapes in JSON input, bytes
    decoded with surrogateescape) have no UTF-8 form, so such data is written with JSON escapes
    instead: the text, and every offset into it, survive unchanged."""
    return json_utf8(data, indent).decode("utf-8")


def json_utf8(data: Any, indent: int | None = None) -> bytes:
    """``dumps_json`` as the UTF-8 bytes written out, encoded once (``vnassoc annotate`` writes
    every document so; the data holds plain values only, no cycle to look for)."""
    text = json.dumps(data, ensure_ascii=False, indent=indent, check_circular=False)
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        return json.dumps(data, indent=indent, check_circular=False).encode("utf-8")


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    def model_dump_json(self, **kwargs: Any) -> str:
        try:
            return super().model_dump_json(**kwargs)
        except PydanticSerializationError:  # lone surrogates: see dumps_json
            indent = kwargs.pop("indent", None)
            kwargs.pop("ensure_ascii", None)
            return dumps_json(self.model_dump(mode="json", **kwargs), indent=indent)


class EntityBase(_Frozen):
    start: int = Field(ge=0, description="Start offset (code points) into the raw text.")
    end: int = Field(ge=0, description="End offset, exclusive.")
    text: str = Field(description="Exactly text[start:end] of the raw text.")
    source: str = Field(default="", description="Name of the recognizer that produced it.")
    confidence: float = Field(default=1.0, ge=0.0, le=1.0)
    cluster: str | None = Field(
        default=None, description="Same-entity cluster id within the document."
    )


class Position(_Frozen):
    """One position a person holds, as the text gives it."""

    title: str = Field(description="The position, NFC and single-spaced, without 'nguyên'.")
    former: bool = Field(default=False, description="Marked 'nguyên' (a former holder).")
    organization: str | None = Field(
        default=None, description="canonical_name of the body it is held in, when the text says."
    )
    organization_start: int | None = Field(
        default=None, description="Raw start offset of that ORGANIZATION mention."
    )


class Person(EntityBase):
    label: Literal["PERSON"] = "PERSON"
    name: str
    titles: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    positions: tuple[Position, ...] = ()
    honorific: str | None = None


class Organization(EntityBase):
    label: Literal["ORGANIZATION"] = "ORGANIZATION"
    canonical_name: str
    acronym: str | None = None


class Province(EntityBase):
    label: Literal["PROVINCE"] = "PROVINCE"
    name: str
    successor: str
    code: str | None = None


class Directive(EntityBase):
    label: Literal["DIRECTIVE"] = "DIRECTIVE"
    kind: str
    number: str
    code: str | None = None
    year: int | None = None
    issuer: str | None = None
    issued_on: str | None = None
    term: str | None = None
    resolved_code: str | None = Field(
        default=None, description="The code, or for a short back-reference the full mention's."
    )


class Date(EntityBase):
    label: Literal["DATE"] = "DATE"
    value: str = Field(description="ISO 8601; a range is 'START/END'; yearless is '--MM-DD'.")
    value_start: str = Field(description="First day/month/quarter/year the expression covers.")
    value_end: str = Field(description="Last day/month/quarter/year it covers.")
    granularity: Literal["day", "month", "quarter", "half-year", "year"]


Entity = Annotated[
    Union[Person, Organization, Province, Directive, Date],  # noqa: UP007
    Field(discriminator="label"),
]


_M = TypeVar("_M", bound=_Frozen)
_REQUIRED = object()


class _Fields(NamedTuple):
    defaults: dict[str, Any]  # every field in order, a required one with _REQUIRED
    required: frozenset[str]


def _fields(model: type[_Frozen]) -> _Fields:
    defaults = {
        name: _REQUIRED if field.is_required() else field.default
        for name, field in model.model_fields.items()
    }
    return _Fields(defaults, frozenset(k for k, v in defaults.items() if v is _REQUIRED))


# Every record model's fields in order, with their (immutable) defaults.
_FIELDS: dict[type[_Frozen], _Fields] = {
    model: _fields(model) for model in (Person, Organization, Province, Directive, Date, Position)
}


def trusted(model: type[_M], given: set[str], values: dict[str, Any]) -> _M:
    """``model.model_construct(given, **values)`` for values the pipeline made in their types:
    the same record, without validation, at a fraction of the cost (a long document has a
    hundred thousand). ``given`` is the set of field names given, shared by records of a shape.
    A required field missing is a KeyError, not a record without it."""
    record = model.__new__(model)
    defaults, required = _FIELDS[model]
    if not required <= values.keys():
        raise KeyError(next(iter(required - values.keys())))
    fields = defaults.copy()
    fields.update(values)  # (in the fields' order: every key is one of them already)
    if len(fields) != len(defaults):  # a value for no field: left out, as model_construct does
        fields = {name: fields[name] for name in defaults}
    object.__setattr__(record, "__dict__", fields)
    object.__setattr__(record, "__pydantic_fields_set__", given)
    object.__setattr__(record, "__pydantic_extra__", None)
    object.__setattr__(record, "__pydantic_private__", None)
    return record


class PersonSummary(_Frozen):
    """Everything a document says about one person, merged over all mentions."""

    cluster: str
    name: str
    titles: tuple[str, ...]
    roles: tuple[str, ...]
    mentions: tuple[tuple[int, int], ...]


class DocumentError(_Frozen):
    type: str
    message: str


class Document(_Frozen):
    id: str | None = None
    text: str
    date: str | None = Field(default=None, description="The document's own date, ISO.")
    date_source: Literal["caller", "dateline"] | None = None
    entities: tuple[Entity, ...] = ()
    warnings: tuple[str, ...] = ()

    def __iter__(self) -> Iterator[Entity]:  # type: ignore[override]
        return iter(self.entities)

    def __len__(self) -> int:
        return len(self.entities)

    def by_label(self, label: str) -> list[Entity]:
        return [e for e in self.entities if e.label == label]

    def people(self) -> list[PersonSummary]:
        """One summary per person cluster, titles and roles merged in order of first mention."""
        merged: dict[str, dict[str, Any]] = {}
        for entity in self.entities:
            if not isinstance(entity, Person):
                continue
            key = entity.cluster or entity.name
            item = merged.setdefault(
                key,
                {"cluster": key, "name": entity.name, "titles": [], "roles": [], "mentions": []},
            )
            if len(entity.name) > len(item["name"]):
                item["name"] = entity.name
            for title in entity.titles:
                if title not in item["titles"]:
                    item["titles"].append(title)
            for role in entity.roles:
                if role not in item["roles"]:
                    item["roles"].append(role)
            item["mentions"].append((entity.start, entity.end))
        return [PersonSummary(**item) for item in merged.values()]

    def to_records(self) -> list[dict[str, Any]]:
        """One flat dict per entity: the shape a DataFrame wants."""
        rows = []
        for entity in self.entities:
            row = entity.model_dump(mode="json")
            row["document_id"] = self.id
            rows.append(row)
        return rows

    def to_dataframe(self) -> Any:
        """A pandas DataFrame, one row per entity (pandas is optional)."""
        import pandas as pd

        return pd.DataFrame(self.to_records())

    def _repr_html_(self) -> str:
        """Highlighted HTML for Jupyter: outermost entities marked, colour per label."""
        outer: list[Entity] = []
        for entity in sorted(self.entities, key=lambda e: (e.start, -e.end)):
            if outer and entity.start < outer[-1].end:
                continue
            outer.append(entity)
        parts: list[str] = []
        cursor = 0
        for entity in outer:
            parts.append(html.escape(self.text[cursor : entity.start]))
            colour = LABEL_COLOURS[entity.label]
            parts.append(
                f'<mark style="background:{colour};padding:0 2px;border-radius:3px" '
                f'title="{html.escape(entity.label)}">{html.escape(entity.text)}'
                f'<sub style="font-size:0.7em"> {entity.label}</sub></mark>'
            )
            cursor = entity.end
        parts.append(html.escape(self.text[cursor:]))
        body = "".join(parts).replace("\n", "<br>")
        return f'<div style="line-height:1.8;white-space:normal">{body}</div>'


_FIELDS[Document] = _fields(Document)
