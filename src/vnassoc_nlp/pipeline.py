"""The one visible flow: raw text -> normalize (offset map) -> recognizers -> resolve -> link -> records.

All loaded state (gazetteers, compiled patterns, the tone table) belongs to a ``Pipeline``
instance and is loaded lazily, once, on first use.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import regex

from .errors import Errors, InputError
from .gazetteers import Gazetteers
from .lexicon import Lexicon
from .link import link
from .normalize import NormalizedText, Normalizer
from .recognizers.base import Analysis, Candidate, Recognizer
from .records import Date, Directive, Document, Organization, Person, Position, Province
from .resolve import resolve

_DATELINE = regex.compile(
    r"(?:(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy|2|3|4|5|6|7)|chủ\s+nhật)\s*,?\s*(?:ngày\s+)?)"
    r"(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})",
    regex.IGNORECASE | regex.V1,
)
_RECORD_TYPES = {
    "PERSON": Person,
    "ORGANIZATION": Organization,
    "PROVINCE": Province,
    "DIRECTIVE": Directive,
    "DATE": Date,
}
_RECORD_FIELDS = {label: set(model.model_fields) for label, model in _RECORD_TYPES.items()}


def default_recognizer_classes() -> list[type[Recognizer]]:
    """Order matters: organizations read provinces; people read organizations."""
    from .recognizers.date import DateRecognizer
    from .recognizers.departments import DepartmentListRecognizer
    from .recognizers.directive import DirectiveRecognizer
    from .recognizers.organization import OrganizationRecognizer
    from .recognizers.person import PersonRecognizer
    from .recognizers.press import PressTagRecognizer
    from .recognizers.province import ProvinceRecognizer

    return [
        ProvinceRecognizer,
        OrganizationRecognizer,
        PressTagRecognizer,
        DepartmentListRecognizer,
        DirectiveRecognizer,
        DateRecognizer,
        PersonRecognizer,
    ]


def check_date(date: str | None) -> str | None:
    if date is None:
        return None
    if not isinstance(date, str):
        raise InputError(Errors.E002, value=date)
    try:
        return dt.date.fromisoformat(date.strip()).isoformat()
    except ValueError:
        raise InputError(Errors.E002, value=date) from None


def find_dateline(text: str) -> str | None:
    """The document's own date from a dateline near the top ("Thứ ba, 10/10/2023 08:57")."""
    m = _DATELINE.search(text[:600])
    if m is None:
        return None
    try:
        return dt.date(int(m["y"]), int(m["m"]), int(m["d"])).isoformat()
    except ValueError:
        return None


class Pipeline:
    """Extracts typed entities from Vietnamese association and Party/State news.

    ``gazetteers`` adds user data files (any kind, same format as the bundled ones);
    ``recognizers`` adds user recognizers (classes or instances) after the built-in ones.
    """

    def __init__(
        self,
        gazetteer_dir: str | Path | None = None,
        gazetteers: Sequence[str | Path] = (),
        recognizers: Sequence[Recognizer | type[Recognizer]] = (),
    ) -> None:
        self._gazetteer_dir = Path(gazetteer_dir) if gazetteer_dir else None
        self._extra_gazetteers = list(gazetteers)
        self._extra_recognizers = list(recognizers)
        self._data: Gazetteers | None = None
        self._normalizer: Normalizer | None = None
        self._lexicon: Lexicon | None = None
        self._recognizers: list[Recognizer] | None = None
        self._boilerplate: regex.Pattern[str] | None = None

    # -- lazy loading ------------------------------------------------------------------------
    @property
    def data(self) -> Gazetteers:
        if self._data is None:
            self._data = Gazetteers.load(self._gazetteer_dir, self._extra_gazetteers)
        return self._data

    @property
    def lexicon(self) -> Lexicon:
        if self._lexicon is None:
            classes = {row.word: row.word_class for row in self.data["word_classes"]}  # type: ignore[attr-defined]
            words = [*_underthesea_word_list(), *self.data.words("compound_words")]
            self._lexicon = Lexicon(words, classes)
        return self._lexicon

    @property
    def normalizer(self) -> Normalizer:
        if self._normalizer is None:
            legacy: dict[str, dict[str, str]] = {}
            for row in self.data["legacy_encodings"]:
                legacy.setdefault(row.encoding, {})[row.legacy] = row.unicode  # type: ignore[attr-defined]
            self._normalizer = Normalizer(
                _underthesea_tone_map(),
                self.lexicon.syllables,
                html_tags={row.tag: row.role for row in self.data["html_tags"]},  # type: ignore[attr-defined]
                legacy_encodings=legacy,
            )
        return self._normalizer

    @property
    def recognizers(self) -> list[Recognizer]:
        if self._recognizers is None:
            built: list[Recognizer] = []
            for item in [*default_recognizer_classes(), *self._extra_recognizers]:
                recognizer = item(self.data, self.normalizer) if isinstance(item, type) else item
                if not isinstance(recognizer, Recognizer):
                    raise InputError(Errors.E009, name=getattr(item, "__name__", repr(item)))
                built.append(recognizer)
            self._recognizers = built
        return self._recognizers

    def add_recognizer(self, recognizer: Recognizer | type[Recognizer]) -> None:
        """Register a recognizer (class or instance); it runs after the built-in ones."""
        self._extra_recognizers.append(recognizer)
        self._recognizers = None

    def warm_up(self) -> Pipeline:
        """Load everything now (e.g. at service start-up) instead of on the first document."""
        self(" ")
        return self

    # -- the flow --------------------------------------------------------------------------
    def __call__(self, text: str, date: str | None = None, id: str | None = None) -> Document:
        if not isinstance(text, str):
            raise InputError(Errors.E001, type_name=type(text).__name__)
        document_date = check_date(date)
        date_source = "caller" if document_date else None
        normalized = self.normalizer.normalize(text)
        if document_date is None:
            document_date = find_dateline(normalized.text)
            date_source = "dateline" if document_date else None
        analysis = Analysis(
            normalized,
            document_date,
            boilerplate=self._find_boilerplate(normalized.text),
            lexicon=self.lexicon,
        )
        for recognizer in self.recognizers:
            found = recognizer.analyze(analysis)
            analysis.candidates.extend(
                c for c in found if not analysis.in_boilerplate(c.start, c.end)
            )
        candidates = resolve(analysis.candidates, normalized.text)
        candidates = link(candidates, normalized.text, document_date)
        entities, warnings = self._records(candidates, normalized)
        return Document(
            id=id, text=text, date=document_date, date_source=date_source,
            entities=tuple(entities), warnings=(*normalized.warnings, *warnings),
        )  # fmt: skip

    def pipe(
        self, texts: Iterable[str | tuple[str, dict[str, Any]]], date: str | None = None
    ) -> Iterator[Document]:
        """Process many texts; items may be ``text`` or ``(text, {"date": ..., "id": ...})``."""
        for item in texts:
            if isinstance(item, tuple):
                text, context = item
                yield self(text, date=context.get("date", date), id=context.get("id"))
            else:
                yield self(item, date=date)

    # -- helpers -----------------------------------------------------------------------------
    def _find_boilerplate(self, text: str) -> list[tuple[int, int]]:
        if self._boilerplate is None:
            words = sorted(self.data.words("boilerplate"), key=len, reverse=True)
            self._boilerplate = regex.compile(
                r"(?m)^[ \t]*(?i:\L<words>)[ \t:]*$", regex.V1, words=words
            )
        return [m.span() for m in self._boilerplate.finditer(text)]

    def _records(
        self, candidates: list[Candidate], normalized: NormalizedText
    ) -> tuple[list[Any], list[str]]:
        records: list[Any] = []
        warnings: list[str] = []
        raw = normalized.raw
        for candidate in candidates:
            start, end = normalized.to_raw(candidate.start, candidate.end)
            if end <= start:
                warnings.append(f"dropped empty span for {candidate.label} at {candidate.start}")
                continue
            model = _RECORD_TYPES[candidate.label]
            allowed = _RECORD_FIELDS[candidate.label]
            fields = {k: v for k, v in candidate.fields.items() if k in allowed}
            if candidate.label == "ORGANIZATION" and not fields.get("canonical_name"):
                # As the page showed it: no tags, references or mojibake of the raw span.
                shown_start, shown_end = normalized.to_decoded(candidate.start, candidate.end)
                shown = raw if normalized.decoded is None else normalized.decoded
                fields["canonical_name"] = " ".join(shown[shown_start:shown_end].split())
            if candidate.label == "PERSON":
                fields["positions"] = [
                    self._position(p, normalized) for p in fields.get("positions", [])
                ]
            if candidate.label == "DIRECTIVE" and "resolved_code" in candidate.fields:
                fields["resolved_code"] = candidate.fields["resolved_code"]
            records.append(
                model(
                    start=start,
                    end=end,
                    text=raw[start:end],
                    source=candidate.source,
                    confidence=candidate.confidence,
                    **fields,
                )
            )
        return records, warnings

    @staticmethod
    def _position(position: dict[str, Any], normalized: NormalizedText) -> Position:
        org_start = position.get("organization_start")
        if org_start is not None:
            org_start = normalized.to_raw(org_start, org_start + 1)[0]
        return Position(**{**position, "organization_start": org_start})


def _underthesea_tone_map() -> dict[str, str]:
    """underthesea's token table of old/new tone placement ("hoà" -> "hòa")."""
    import joblib  # underthesea's own dependency; its table is a joblib file
    import underthesea.pipeline.text_normalize as text_normalize

    table = Path(text_normalize.__file__).parent / "tn_rules_2023_07_14.bin"
    if not table.exists():  # other underthesea versions: any bundled rules file
        table = sorted(Path(text_normalize.__file__).parent.glob("tn_rules_*.bin"))[-1]
    data = joblib.load(table)
    return dict(data["token"])


def _underthesea_word_list() -> list[str]:
    """underthesea's bundled Viet74K word list: the words, and through them the syllables (how
    many entries use a syllable decides where glued words split)."""
    import underthesea.corpus as corpus

    path = Path(corpus.__file__).parent / "data" / "Viet74K.txt"
    return path.read_text(encoding="utf-8").splitlines()
