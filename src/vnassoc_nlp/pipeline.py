"""The one visible flow: raw text -> normalize (offset map) -> recognizers -> resolve -> link -> records.

All loaded state (gazetteers, compiled patterns, the tone table) belongs to a ``Pipeline``
instance and is loaded lazily, once, on first use.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import pickle
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, Literal

import regex

from .collector import collector_paused
from .errors import Errors, InputError
from .gazetteers import FormerProvinceRow, Gazetteers, Province2025Row, ProvinceRow
from .lexicon import Lexicon
from .link import ClusterIds, link
from .matching import WordScanner
from .normalize import NormalizedText, Normalizer, fold_table
from .recognizers.base import Analysis, Candidate, Recognizer
from .records import (
    Date,
    Directive,
    Document,
    EntityBase,
    Organization,
    Person,
    Position,
    Province,
    trusted,
)
from .resolve import resolve
from .restore import DiacriticRestorer, Recaser

# The ways a page states its own date near its top (the earliest is the document's): a date
# after a weekday ("Thứ ba, 10/10/2023 08:57") or a label ("Cập nhật: 28/12/2024", "Đăng lúc:
# 10:32 - 22/08/2024", "Ngày: 09/08/2022"), a date on a line of its own ("22/08/2024 12:22"),
# a document header's "Quy Nhơn, ngày 5 tháng 6 năm 2024". (Each date of the top is found by
# one plain scan, from its month on: a pattern that starts with "/" is looked for as a literal,
# one that starts with the day's digits is tried at every character. What stands before and
# after the date is then read there.)
_TOP_DATE_TAIL = re.compile(r"/(?P<m>\d{1,2})/(?P<y>\d{4})(?![\d/])")
_DATELINE_BEFORE = regex.compile(
    r"(?-f)(?:(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy|2|3|4|5|6|7)|chủ\s+nhật)\s*,?\s*(?:ngày\s+)?"
    r"|(?:(?:cập nhật|ngày cập nhật|ngày đăng|đăng ngày|đăng lúc|thời gian đăng|ngày xuất bản"
    r"|xuất bản)\s*:?|ngày\s*:)\s*(?:\d{1,2}[:h]\d{2}(?::\d{2})?\s*(?:[-|,]\s*)?)?"
    r"(?:ngày\s+)?)$",
    regex.IGNORECASE | regex.V1 | regex.REVERSE,  # (tried from the date backwards)
)
_LINE_END_AFTER = re.compile(r"(?:[ \t]*[-|,]?[ \t]*\d{1,2}:\d{2}(?::\d{2})?)?[ \t]*(?:\n|$)")
_HEADER_DATE = regex.compile(
    r"(?m)^[ \t]*\p{Lu}[^\n,]{1,40},[ \t]*ngày[ \t]+(?P<d>\d{1,2})[ \t]+tháng[ \t]+"
    r"(?P<m>\d{1,2})[ \t]+năm[ \t]+(?P<y>\d{4})",
    regex.V1,
)
_DATELINE_LABEL_REACH = 48  # the longest label, time and spaces before a dateline's date
_DATELINE_REACH = 600  # characters from the top
# What was read from text whose diacritics had to be guessed back is less certain.
_RESTORED_CONFIDENCE = 0.8
# The word of each line of underthesea's part-of-speech file (word, tab, tags).
_FIRST_FIELD = regex.compile(r"^[^\t\n]*", regex.MULTILINE)
_RECORD_TYPES: dict[str, type[EntityBase]] = {
    "PERSON": Person,
    "ORGANIZATION": Organization,
    "PROVINCE": Province,
    "DIRECTIVE": Directive,
    "DATE": Date,
}
_RECORD_FIELDS = {label: set(model.model_fields) for label, model in _RECORD_TYPES.items()}
# The fields a document is made with (all of them: as Document(...) given each).
_DOCUMENT_FIELDS = set(Document.model_fields)


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
    """The document's own date from a dateline near the top ("Thứ ba, 10/10/2023 08:57",
    "Cập nhật: 28/12/2024", a date on a line of its own, "Quy Nhơn, ngày 5 tháng 6 năm 2024")."""
    top = text[:_DATELINE_REACH]
    found: list[tuple[int, str, str, str]] = []
    for date in _TOP_DATE_TAIL.finditer(top):
        start = slash = date.start()
        while start > max(0, slash - 2) and top[start - 1].isdecimal():
            start -= 1  # the day: one or two digits
        if start == slash or (start and (top[start - 1].isdecimal() or top[start - 1] == "/")):
            continue  # no day, or the tail of a longer number or code
        line_start = top.rfind("\n", 0, start) + 1
        if _DATELINE_BEFORE.search(top, max(0, start - _DATELINE_LABEL_REACH), start) or (
            not top[line_start:start].strip(" \t") and _LINE_END_AFTER.match(top, date.end())
        ):
            found.append((start, date["y"], date["m"], top[start:slash]))
    header = _HEADER_DATE.search(top) if "tháng" in top else None
    if header is not None:
        found.append((header.start("d"), header["y"], header["m"], header["d"]))
    for _, year, month, day in sorted(found):
        try:
            return dt.date(int(year), int(month), int(day)).isoformat()
        except ValueError:
            continue
    return None


class Pipeline:
    """Extracts typed entities from Vietnamese association and Party/State news.

    ``gazetteers`` adds user data files (any kind, same format as the bundled ones);
    ``recognizers`` adds user recognizers (classes or instances) after the built-in ones.
    """

    # A text over twice this many characters is read in parts (see ``_parts``).
    PART_SIZE = 250_000
    # From this many characters, a text's records store their equal strings once.
    SHARED_STRINGS_FROM = 20_000

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
        self._word_list: list[str] | None = None
        self._tone_map: dict[str, str] | None = None
        self._name_breaks: set[str] | None = None
        self._recognizers: list[Recognizer] | None = None
        self._scanner: WordScanner | None = None  # built with the recognizers
        self._boilerplate: regex.Pattern[str] | None = None
        self._given_fields: dict[frozenset[str], set[str]] = {}

    # -- lazy loading ------------------------------------------------------------------------
    @property
    def data(self) -> Gazetteers:
        if self._data is None:
            with collector_paused():
                self._data = Gazetteers.load(self._gazetteer_dir, self._extra_gazetteers)
        return self._data

    @property
    def word_list(self) -> list[str]:
        """The lexicon's entries: underthesea's Viet74K and our compound words."""
        if self._word_list is None:
            self._word_list = [*_underthesea_word_list(), *self.data.words("compound_words")]
        return self._word_list

    @property
    def tone_map(self) -> dict[str, str]:
        """underthesea's table of old and new tone placement ("hoà" -> "hòa"), by word."""
        if self._tone_map is None:
            self._tone_map = _underthesea_tone_map()
        return self._tone_map

    @property
    def lexicon(self) -> Lexicon:
        if self._lexicon is None:
            classes = {row.word: row.word_class for row in self.data["word_classes"]}
            with collector_paused():
                self._lexicon = Lexicon(self.word_list, classes, respell=self.tone_map)
        return self._lexicon

    @property
    def normalizer(self) -> Normalizer:
        if self._normalizer is None:
            with collector_paused():
                self._normalizer = self._built_normalizer()
        return self._normalizer

    def _built_normalizer(self) -> Normalizer:
        legacy: dict[str, dict[str, str]] = {}
        for row in self.data["legacy_encodings"]:
            legacy.setdefault(row.encoding, {})[row.legacy] = row.unicode
        names = _gazetteer_names(self.data)
        table = fold_table()

        def fold(text: str) -> str:
            return text.translate(table)

        return Normalizer(
            self.tone_map,
            self.lexicon.syllables,
            html_tags={row.tag: row.role for row in self.data["html_tags"]},
            legacy_encodings=legacy,
            restorer=lambda: DiacriticRestorer(
                self.word_list,
                [
                    *names,
                    *_place_phrases(self.data),
                    *self.data.words("surnames"),
                    *self.data.words("name_breaks"),
                ],
                self.lexicon.syllables,
                _underthesea_corpus_counts(),
                fold,
                preferred=self.data.words("accent_preferences"),
                # Surnames first (in the file's order of frequency), then head words.
                names=[
                    *self.data.words("surnames"),
                    *(row.head for row in self.data["org_heads"]),
                ],
            ),
            recaser=lambda: Recaser(
                self.word_list,
                names,
                self.lexicon.syllables,
                # A head word that is mostly a verb ("Tổ chức", "Báo") names nothing in
                # capitals, where case cannot tell the name from the verb.
                heads=[
                    row.head
                    for row in self.data["org_heads"]
                    if row.role != "venue"
                    and not (row.role == "body" and self.lexicon.word_class(row.head) == "V")
                ],
                named_heads=[
                    row.head
                    for row in self.data["org_heads"]
                    if row.role in ("body", "local_body", "unit")
                ],
                starts_name=self._starts_name,
                surnames=self.data.words("surnames"),
                person_cues=[
                    *(row.form for row in self.data["titles"]),
                    *self.data.words("honorifics"),
                    *(row.position for row in self.data["positions"]),
                ],
                place_words=("tỉnh", "thành", "huyện", "quận", "xã", "phường", "thị"),
                places=[*_province_names(self.data), *_place_phrases(self.data)],
                fold=fold,
            ),
        )

    def _starts_name(self, words: str) -> bool:
        """May ``words`` begin a body's name after its head? Not a verb, a function word or
        a word of time or term ("... yêu cầu", "... lần thứ")."""
        first = words.split(" ")[0]
        if self._name_breaks is None:
            self._name_breaks = {w.lower() for w in self.data.words("name_breaks")}
        breaks = self._name_breaks
        return (
            self.lexicon.word_class(words) is None
            and self.lexicon.word_class(first) is None
            and first not in breaks
            and words not in breaks
        )

    @property
    def recognizers(self) -> list[Recognizer]:
        if self._recognizers is None:
            built: list[Recognizer] = []
            data, normalizer = self.data, self.normalizer
            with collector_paused():
                for item in [*default_recognizer_classes(), *self._extra_recognizers]:
                    recognizer = item(data, normalizer) if isinstance(item, type) else item
                    if not isinstance(recognizer, Recognizer):
                        raise InputError(Errors.E009, name=getattr(item, "__name__", repr(item)))
                    built.append(recognizer)
                self._scanner = WordScanner(wl for r in built for wl in r.word_lists())
            self._recognizers = built
        return self._recognizers

    def add_recognizer(self, recognizer: Recognizer | type[Recognizer]) -> None:
        """Register a recognizer (class or instance); it runs after the built-in ones."""
        self._extra_recognizers.append(recognizer)
        self._recognizers = None

    def warm_up(self) -> Pipeline:
        """Load everything now (e.g. at service start-up) instead of on the first document."""
        self(" ")
        self.normalizer.warm_up()
        return self

    # -- the flow --------------------------------------------------------------------------
    def __call__(self, text: str, date: str | None = None, id: str | None = None) -> Document:
        if not isinstance(text, str):
            raise InputError(Errors.E001, type_name=type(text).__name__)
        document_date = check_date(date)
        date_source: Literal["caller", "dateline"] | None = "caller" if document_date else None
        clusters = ClusterIds()
        entities: list[Any] = []
        warnings: list[str] = []
        for start, end in self._parts(text):
            normalized = self.normalizer.normalize(text[start:end])
            if document_date is None and start == 0:
                document_date = find_dateline(normalized.text)
                date_source = "dateline" if document_date else None
            recognizers = self.recognizers
            analysis = Analysis(
                normalized,
                document_date,
                boilerplate=self._find_boilerplate(normalized.text),
                lexicon=self.lexicon,
                scanner=self._scanner,
            )
            for recognizer in recognizers:
                found = recognizer.analyze(analysis)
                if analysis.boilerplate:  # ("Chia sẻ", "Bình luận" lines: most texts have none)
                    found = [c for c in found if not analysis.in_boilerplate(c.start, c.end)]
                analysis.candidates.extend(found)
            candidates = resolve(analysis.candidates, normalized.text)
            candidates = link(candidates, normalized.text, document_date, clusters)
            part_entities, part_warnings = self._records(candidates, normalized, offset=start)
            entities += part_entities
            warnings += [*normalized.warnings, *part_warnings]
        values: dict[str, Any] = {
            "id": id, "text": text, "date": document_date, "date_source": date_source,
            "entities": tuple(entities), "warnings": tuple(warnings),
        }  # fmt: skip
        if id is not None and type(id) is not str:
            return Document(**values)  # (validation says what is wrong with it)
        # Every value made here in its type: no second validation of a document's records.
        return trusted(Document, _DOCUMENT_FIELDS, values)

    def _parts(self, text: str) -> list[tuple[int, int]]:
        """The text whole, or for a very long one (a dump saved as one file), parts of about
        ``PART_SIZE`` characters that end at line breaks: memory stays that of one part plus
        the records. Short forms, context places and name completions are then read within
        a part; cluster ids run across the parts."""
        if len(text) <= 2 * self.PART_SIZE:
            return [(0, len(text))]
        parts = []
        start = 0
        while len(text) - start > self.PART_SIZE * 3 // 2:
            end = text.find("\n", start + self.PART_SIZE)
            if end == -1 or end - start > 2 * self.PART_SIZE:
                break  # no line break near: the rest is one part
            parts.append((start, end + 1))
            start = end + 1
        parts.append((start, len(text)))
        return parts

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
        self, candidates: list[Candidate], normalized: NormalizedText, offset: int = 0
    ) -> tuple[list[Any], list[str]]:
        """Records of the candidates, their offsets into the raw text (plus ``offset``, where
        the part read starts)."""
        records: list[Any] = []
        warnings: list[str] = []
        raw = normalized.raw
        strings: dict[str, str] = {}
        shared_strings = len(raw) > self.SHARED_STRINGS_FROM
        for candidate in candidates:
            start, end = normalized.to_raw(candidate.start, candidate.end)
            if end <= start:
                warnings.append(f"dropped empty span for {candidate.label} at {offset + start}")
                continue
            model = _RECORD_TYPES[candidate.label]
            allowed = _RECORD_FIELDS[candidate.label]
            fields = {k: v for k, v in candidate.fields.items() if k in allowed}
            restored = self._restored(candidate, normalized)
            if candidate.label == "ORGANIZATION" and (
                not fields.get("canonical_name") or (restored and candidate.priority < 4)
            ):
                # As the page showed it: no tags, references or mojibake of the raw span; and
                # where diacritics were guessed for a body no gazetteer knows, no guess either.
                fields["canonical_name"] = self._as_shown(candidate, normalized)
            if candidate.label == "PERSON" and restored:
                fields["name"] = self._as_shown(candidate, normalized)  # a name is no guess
            if candidate.label == "PERSON":
                fields["positions"] = tuple(
                    self._position(p, normalized, offset) for p in fields.get("positions", ())
                )
                fields["titles"] = tuple(fields.get("titles", ()))
                fields["roles"] = tuple(fields.get("roles", ()))
            if candidate.label == "DIRECTIVE" and "resolved_code" in candidate.fields:
                fields["resolved_code"] = candidate.fields["resolved_code"]
            fields["start"], fields["end"] = offset + start, offset + end
            fields["text"], fields["source"] = raw[start:end], candidate.source
            fields["confidence"] = (
                min(candidate.confidence, _RESTORED_CONFIDENCE)
                if restored
                else candidate.confidence
            )
            # Light records (a long document has a hundred thousand): equal strings stored once
            # (in a long text: an article's few records repeat too little to pay for it), one
            # set of given field names per shape of record; built without validation, every
            # field comes from the recognizers in its type (tests/test_schema.py checks that).
            if shared_strings:
                for key, value in fields.items():
                    if type(value) is str:
                        fields[key] = strings.setdefault(value, value)
            names = frozenset(fields)
            given = self._given_fields.get(names)
            if given is None:
                given = self._given_fields[names] = set(names)
            records.append(trusted(model, given, fields))
        return records, warnings

    @staticmethod
    def _restored(candidate: Candidate, normalized: NormalizedText) -> bool:
        """Read where the text had lost its diacritics and they were guessed back."""
        restored = normalized.restored  # (none in most texts: no generator then)
        return bool(restored) and any(
            s < candidate.end and candidate.start < e for s, e in restored
        )

    @staticmethod
    def _as_shown(candidate: Candidate, normalized: NormalizedText) -> str:
        start, end = normalized.to_decoded(candidate.start, candidate.end)
        shown = normalized.raw if normalized.decoded is None else normalized.decoded
        return " ".join(shown[start:end].split())

    @staticmethod
    def _position(position: dict[str, Any], normalized: NormalizedText, offset: int) -> Position:
        org_start = position.get("organization_start")
        if org_start is not None:
            org_start = offset + normalized.to_raw(org_start, org_start + 1)[0]
        values = {**position, "organization_start": org_start}
        return trusted(Position, set(values), values)


def _underthesea_file(*parts: str) -> Path:
    """A file bundled with underthesea, found without importing underthesea (its package
    imports most of its pipeline: a third of a second a process)."""
    spec = importlib.util.find_spec("underthesea")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("underthesea is not installed")
    return Path(next(iter(spec.submodule_search_locations)), *parts)


def _underthesea_tone_map() -> dict[str, str]:
    """underthesea's token table of old/new tone placement ("hoà" -> "hòa")."""
    folder = _underthesea_file("pipeline", "text_normalize")
    table = folder / "tn_rules_2023_07_14.bin"
    if not table.exists():  # other underthesea versions: any bundled rules file
        table = sorted(folder.glob("tn_rules_*.bin"))[-1]
    try:
        # joblib.dump wrote it uncompressed: a plain pickle (joblib costs 0.15 s to import).
        with table.open("rb") as handle:
            data = pickle.load(handle)
    except pickle.UnpicklingError:
        import joblib  # underthesea's own dependency, for a compressed table

        data = joblib.load(table)
    return dict(data["token"])


def _gazetteer_names(data: Gazetteers) -> list[str]:
    """Every name and word the gazetteers give in its usual case and with its diacritics."""
    names: list[str] = []
    for org in data["organizations"]:
        names += [org.canonical_name, *org.aliases]
        names += [org.acronym] if org.acronym else []
    names += _province_names(data)
    for department in data["departments"]:
        names += [department.name, *department.aliases]
    names += [row.head for row in data["org_heads"]]
    names += [row.position for row in data["positions"]]
    names += [row.form for row in data["titles"]]
    names += [row.short for row in data["abbreviations"]]
    names += [row.full for row in data["abbreviations"]]
    names += [row.word for row in data["directive_kinds"]]
    names += [row.tag for row in data["press_tags"]]
    names += [row.suffix for row in data["code_issuers"]]
    names += data.words("honorifics") + data.words("month_words")
    return names


def _province_rows(data: Gazetteers) -> list[ProvinceRow | Province2025Row | FormerProvinceRow]:
    return [*data["provinces"], *data["provinces_2025"], *data["former_provinces"]]


def _province_names(data: Gazetteers) -> list[str]:
    return [name for row in _province_rows(data) for name in (row.name, *row.aliases)]


def _place_phrases(data: Gazetteers) -> list[str]:
    """ "tỉnh Quảng Trị", "thành phố Hà Nội": how provinces are named in running text."""
    return [
        f"{row.unit_type} {name}"
        for row in _province_rows(data)
        for name in (row.name, *row.aliases)
    ]


def _underthesea_corpus_counts() -> Counter[str]:
    """How often each word occurs in running text: underthesea's bundled VLSP 2013
    part-of-speech test file (one word and its tags a line), read when first needed."""
    path = _underthesea_file(
        "pipeline", "pos_tag", "models", "pos_crf_vlsp2013_20230303", "test_output.txt"
    )
    if not path.exists():
        return Counter()
    # The first field of every line, in one pass over the file.
    counts = Counter(map(str.strip, _FIRST_FIELD.findall(path.read_text("utf-8").lower())))
    counts.pop("", None)
    return counts


def _underthesea_word_list() -> list[str]:
    """underthesea's bundled Viet74K word list: the words, and through them the syllables (how
    many entries use a syllable decides where glued words split)."""
    return _underthesea_file("corpus", "data", "Viet74K.txt").read_text("utf-8").splitlines()
