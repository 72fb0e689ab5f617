"""Language knowledge as data: TSV gazetteers validated by a schema on load.

File format (UTF-8)::

    # kind: organizations            <- required: which schema the rows follow
    # source: where the data comes from   <- required
    # note: free text (optional, any number)
    canonical_name<TAB>acronym<TAB>category<TAB>aliases   <- column header, exactly the schema's
    Bộ Chính trị<TAB><TAB>party<TAB>                      <- one row per entry

Multi-valued fields are ``|``-separated. Users add their own files of any kind with
``vnassoc_nlp.load(gazetteers=[path, ...])``; a bad row fails with the file and line named.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, ClassVar, Literal, cast, overload

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationError,
    ValidationInfo,
    field_validator,
)

from .errors import Errors, GazetteerError


def _split_multi(value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        return tuple(v.strip() for v in value.split("|") if v.strip())
    return tuple(value)  # type: ignore[arg-type]


class _Row(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)

    # Where the row was read (file, line): errors found across files name it.
    # (A factory: pydantic deep-copies a plain default for every row, thousands at each load.)
    _origin: tuple[str, int] = PrivateAttr(default_factory=lambda: ("<unknown>", 0))
    # The fields that hold several values ("a|b"): known once a class is built, not looked up
    # for every cell of every row.
    _multi_valued: ClassVar[frozenset[str]] = frozenset()

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        super().__pydantic_init_subclass__(**kwargs)
        cls._multi_valued = frozenset(
            name for name, info in cls.model_fields.items() if info.annotation == tuple[str, ...]
        )

    @field_validator("*", mode="before")
    @classmethod
    def _nfc_and_split(cls, value: object, info: ValidationInfo) -> object:
        if not isinstance(value, str):
            return value
        value = unicodedata.normalize("NFC", value)
        if info.field_name in cls._multi_valued:
            return _split_multi(value)
        return value


class ProvinceRow(_Row):
    code: str
    name: str
    unit_type: Literal["tỉnh", "thành phố"]
    successor: str
    aliases: tuple[str, ...] = ()


class Province2025Row(_Row):
    code: str
    name: str
    unit_type: Literal["tỉnh", "thành phố"]
    merged_from: tuple[str, ...]
    aliases: tuple[str, ...] = ()


class FormerProvinceRow(_Row):
    name: str
    unit_type: Literal["tỉnh", "thành phố"]
    successor: str
    parts: tuple[str, ...]
    aliases: tuple[str, ...] = ()
    note: str = ""


class OrganizationRow(_Row):
    canonical_name: str
    acronym: str | None = None
    category: str
    aliases: tuple[str, ...] = ()

    @field_validator("acronym", mode="before")
    @classmethod
    def _empty_is_none(cls, value: object) -> object:
        return value or None


class TitleRow(_Row):
    form: str
    canonical: Literal[
        "GS", "PGS", "TS", "TSKH", "ThS", "KS", "BS", "CN", "VS", "NGND", "NGƯT", "AHLĐ",
        "DS", "LS", "KTS", "NSND", "NSƯT", "TTND", "TTƯT", "TTƯT",
    ]  # fmt: skip


class PositionRow(_Row):
    position: str
    abbreviation_of: str = ""


class WordRow(_Row):
    word: str
    category: str = ""


class WordClassRow(_Row):
    word: str
    word_class: Literal["V", "R", "E", "C", "Cc", "P", "L", "M", "T", "I", "X", "Nc", "Nu"]


class MonthWordRow(_Row):
    word: str
    month: int = Field(ge=1, le=12)


class PressTagRow(_Row):
    tag: str
    canonical_name: str


class DepartmentRow(_Row):
    name: str
    aliases: tuple[str, ...] = ()


class DirectiveKindRow(_Row):
    word: str
    kind: str
    code_type: str = ""


class CodeIssuerRow(_Row):
    suffix: str
    issuer: str


class AbbreviationRow(_Row):
    short: str
    full: str


class OrgHeadRow(_Row):
    head: str
    role: Literal[
        "body",
        "sub_body",
        "place_body",
        "local_body",
        "venue",
        "district_body",
        "parent_body",
        "unit",
        "person_named",
    ]


class HtmlTagRow(_Row):
    tag: str
    role: Literal["break", "space", "inline"]


class LegacyEncodingRow(_Row):
    encoding: Literal["TCVN3", "VNI"]
    legacy: str
    unicode: str


SCHEMAS: dict[str, type[_Row]] = {
    "provinces": ProvinceRow,
    "provinces_2025": Province2025Row,
    "former_provinces": FormerProvinceRow,
    "organizations": OrganizationRow,
    "titles": TitleRow,
    "positions": PositionRow,
    "surnames": WordRow,
    "honorifics": WordRow,
    "boilerplate": WordRow,
    "name_breaks": WordRow,
    "compound_words": WordRow,
    "credit_cues": WordRow,
    "accent_preferences": WordRow,
    "word_classes": WordClassRow,
    "month_words": MonthWordRow,
    "press_tags": PressTagRow,
    "departments": DepartmentRow,
    "directive_kinds": DirectiveKindRow,
    "code_issuers": CodeIssuerRow,
    "org_heads": OrgHeadRow,
    "abbreviations": AbbreviationRow,
    "html_tags": HtmlTagRow,
    "legacy_encodings": LegacyEncodingRow,
}


def _columns(schema: type[_Row]) -> list[str]:
    return list(schema.model_fields)


# Characters no field may hold (tab is the separator, line ends split the rows).
_CONTROL_CHARACTER = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029]")


def read_gazetteer(path: Path) -> tuple[str, list[_Row]]:
    """Read and validate one file; returns its kind and rows. Errors name the file and line."""
    try:
        content = path.read_bytes().decode("utf-8-sig")  # a BOM from Excel/Notepad is fine
    except OSError as error:
        raise GazetteerError(Errors.E010, path=path, reason=error.strerror or error) from error
    except UnicodeDecodeError as error:
        raise GazetteerError(
            Errors.E010, path=path, reason=f"not UTF-8 ({error.reason})"
        ) from error
    if "\x00" in content:  # valid UTF-8, but no text file has NUL: binary, or UTF-16 of ASCII
        raise GazetteerError(
            Errors.E010, path=path, reason="NUL bytes: a binary or UTF-16 file, not UTF-8 text"
        )
    kind = source = None
    header: list[str] | None = None
    rows: list[_Row] = []
    schema: type[_Row] | None = None
    # Lines end at \n, \r\n or \r only (str.splitlines would also split at \x0b, \x1c, U+2028
    # ..., which then miscount the lines an error names).
    lines = content.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        found = _CONTROL_CHARACTER.search(line)
        if found is not None:
            control = found.group()
            raise GazetteerError(
                Errors.E003,
                path=path,
                line=number,
                message=f"control character U+{ord(control):04X}; only tabs separate fields",
            )
        if line.startswith("#"):
            key, _, value = line[1:].partition(":")
            if key.strip() == "kind":
                kind = value.strip()
            elif key.strip() == "source":
                source = value.strip()
            continue
        if kind is None:
            raise GazetteerError(Errors.E004, path=path)
        if schema is None:
            schema = SCHEMAS.get(kind)
            if schema is None:
                raise GazetteerError(Errors.E005, path=path, kind=kind, known=sorted(SCHEMAS))
            if not source:
                raise GazetteerError(Errors.E006, path=path)
        if header is None:
            header = line.split("\t")
            expected = _columns(schema)
            if header != expected:
                raise GazetteerError(Errors.E007, path=path, found=header, expected=expected)
            continue
        cells = line.split("\t")
        if len(cells) > len(header):
            raise GazetteerError(
                Errors.E003,
                path=path,
                line=number,
                message=f"{len(cells)} columns, expected {len(header)}",
            )
        values = {name: cell for name, cell in zip(header, cells, strict=False) if cell.strip()}
        try:
            row = schema(**values)
        except ValidationError as error:
            problem = "; ".join(
                f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in error.errors()
            )
            raise GazetteerError(Errors.E003, path=path, line=number, message=problem) from None
        row._origin = (str(path), number)
        rows.append(row)
    if kind is None:
        raise GazetteerError(Errors.E004, path=path)
    if kind not in SCHEMAS:
        raise GazetteerError(Errors.E005, path=path, kind=kind, known=sorted(SCHEMAS))
    if not source:
        raise GazetteerError(Errors.E006, path=path)
    return kind, rows


def bundled_gazetteer_dir() -> Path:
    """The installed package's data, or the repository's ``data/gazetteers`` in a checkout."""
    packaged = Path(str(resources.files("vnassoc_nlp"))) / "data" / "gazetteers"
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[2] / "data" / "gazetteers"
    if checkout.is_dir():
        return checkout
    raise GazetteerError(Errors.E008, path=packaged)


@dataclass
class Gazetteers:
    """All loaded data, by kind. Built once per Pipeline."""

    rows: dict[str, list[_Row]] = field(default_factory=dict)
    files: list[Path] = field(default_factory=list)

    # The rows of each bundled kind, typed (any other kind: user data, the base row type).
    # fmt: off
    @overload
    def __getitem__(self, kind: Literal["provinces"]) -> list[ProvinceRow]: ...
    @overload
    def __getitem__(self, kind: Literal["provinces_2025"]) -> list[Province2025Row]: ...
    @overload
    def __getitem__(self, kind: Literal["former_provinces"]) -> list[FormerProvinceRow]: ...
    @overload
    def __getitem__(self, kind: Literal["organizations"]) -> list[OrganizationRow]: ...
    @overload
    def __getitem__(self, kind: Literal["titles"]) -> list[TitleRow]: ...
    @overload
    def __getitem__(self, kind: Literal["positions"]) -> list[PositionRow]: ...
    @overload
    def __getitem__(
        self,
        kind: Literal["surnames", "honorifics", "boilerplate", "name_breaks", "compound_words",
                      "credit_cues", "accent_preferences"],
    ) -> list[WordRow]: ...
    @overload
    def __getitem__(self, kind: Literal["word_classes"]) -> list[WordClassRow]: ...
    @overload
    def __getitem__(self, kind: Literal["month_words"]) -> list[MonthWordRow]: ...
    @overload
    def __getitem__(self, kind: Literal["press_tags"]) -> list[PressTagRow]: ...
    @overload
    def __getitem__(self, kind: Literal["departments"]) -> list[DepartmentRow]: ...
    @overload
    def __getitem__(self, kind: Literal["directive_kinds"]) -> list[DirectiveKindRow]: ...
    @overload
    def __getitem__(self, kind: Literal["code_issuers"]) -> list[CodeIssuerRow]: ...
    @overload
    def __getitem__(self, kind: Literal["org_heads"]) -> list[OrgHeadRow]: ...
    @overload
    def __getitem__(self, kind: Literal["abbreviations"]) -> list[AbbreviationRow]: ...
    @overload
    def __getitem__(self, kind: Literal["html_tags"]) -> list[HtmlTagRow]: ...
    @overload
    def __getitem__(self, kind: Literal["legacy_encodings"]) -> list[LegacyEncodingRow]: ...
    @overload
    def __getitem__(self, kind: str) -> list[_Row]: ...
    # fmt: on

    def __getitem__(self, kind: str) -> list[Any]:
        return self.rows.get(kind, [])

    @classmethod
    def load(cls, directory: Path | None = None, extra: Sequence[str | Path] = ()) -> Gazetteers:
        directory = directory or bundled_gazetteer_dir()
        if not directory.is_dir():
            raise GazetteerError(Errors.E008, path=directory)
        paths = sorted(directory.glob("*.tsv")) + [Path(p) for p in extra]
        gazetteers = cls()
        for path in paths:
            kind, rows = read_gazetteer(path)
            gazetteers.rows.setdefault(kind, []).extend(rows)
            gazetteers.files.append(path)
        gazetteers.check_consistency()
        return gazetteers

    def check_consistency(self) -> None:
        """Cross-file rules: every province's successor is a unit of the 2025 list, and every
        former province's parts are units of the pre-2025 list.

        (Merger lists are checked against successors by the data test for the bundled files;
        a user file may add a unit without editing them.)
        """
        new_names = {row.name for row in self["provinces_2025"]}
        old_names = {row.name for row in self["provinces"]}
        for row in [*self["provinces"], *self["former_provinces"]]:
            if new_names and row.successor not in new_names:  # type: ignore[attr-defined]
                self._refuse(row, f"successor {row.successor!r} is not a 2025 unit")  # type: ignore[attr-defined]
        for row in self["former_provinces"]:
            unknown = [p for p in row.parts if old_names and p not in old_names]
            if unknown:
                self._refuse(row, f"parts {unknown} are not units of the provinces list")

    @staticmethod
    def _refuse(row: _Row, message: str) -> None:
        path, line = row._origin
        raise GazetteerError(Errors.E003, path=path, line=line, message=message)

    def words(self, kind: str) -> list[str]:
        """The ``word`` column of a kind's rows (word lists, word classes, month words ...)."""
        return [cast(Any, row).word for row in self[kind]]


def iter_aliases(names: Iterable[str]) -> list[str]:
    return sorted({n for n in names if n}, key=len, reverse=True)
