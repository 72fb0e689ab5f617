"""Normalization with an offset map: recognizers read clean text, records point into raw text.

First the text is decoded to what the page showed, by three passes. One quick scan for the
characters they need ('&', '<', the Latin-1 marks of mojibake and legacy encodings) skips them
all on most text; each then starts with its own quick check and does nothing on clean text:

- mojibake: UTF-8 read as Windows-1252 or Latin-1 ("LiÃªn hiá»‡p"), found with ftfy's
  detector and re-decoded character by character, the whole text when it all reads back as
  UTF-8, else the runs that read back as Vietnamese where some prove the damage (ftfy's own
  heuristic would also "repair" clean capitals such as "XÃ" before NBSP);
- legacy encodings: TCVN3 (ABC) and VNI ("Liªn hiÖp", "Lieân hieäp"), recognized when their
  reading gives known syllables where the text as given has none, and repaired from the
  ``legacy_encodings`` table;
- markup: HTML character references ("Li&ecirc;n", "&#7879;", "&nbsp;") decoded, tags and
  comments made invisible (block tags and <br> become a line break, cells a space).

Then two passes, each a single regex scan that records its edits:

1. characters: CRLF, NFD clusters to NFC, NBSP/tabs/space runs, zero-width characters,
   typographic quotes and dashes, control characters;
2. words: old tone placement ("hoà" -> "hòa", "uỷ" -> "ủy") from underthesea's table, and words
   glued by HTML stripping ("thuậtHà", "Namvà", "Liênhiệp") split at a syllable boundary.

A third view, ``folded``, lower-cases and strips diacritics character by character (same
length as ``text``) so gazetteers match through case and damaged diacritics.

An edit is ``(norm_start, norm_end, raw_start, raw_end)``; between edits positions shift
linearly. A span in normalized text maps back to the raw span covering the same characters: an
entity across a tag ("Liên hiệp <b>các Hội") has a raw span that includes the tag, while its
typed fields come from the clean text.
"""

from __future__ import annotations

import html
import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import regex

from .collector import collector_paused
from .errors import Warnings
from .matching import WordList, matches_at
from .restore import BareLines, DiacriticRestorer, Recaser

# Horizontal spacing and invisible characters met in scraped pages.
_SPACING = "\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_QUOTES = {"“": '"', "”": '"', "„": '"', "‟": '"', "«": '"', "»": '"', "‘": "'", "’": "'", "‚": "'", "‛": "'"}  # fmt: skip
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"

_CHAR_PATTERN = regex.compile(
    rf"(?P<newline>\r\n?)"
    rf"|(?P<space>[ {_SPACING}{_INVISIBLE}]*[{_SPACING}{_INVISIBLE}][ {_SPACING}{_INVISIBLE}]*+|  +)"
    rf"|(?P<cluster>\P{{M}}\p{{M}}+)"
    rf"|(?P<quote>[{''.join(_QUOTES)}])"
    rf"|(?P<dash>[{_DASHES}])"
    rf"|(?P<ellipsis>…)"
    rf"|(?P<control>[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f])"
    rf"|(?P<eth>[ðÐ])",
    regex.V1,
)

# Where a match of _CHAR_PATTERN can begin, found by one scan for single characters (trying
# the pattern at every space costs more than the rest of the pass): a special character, the
# letter before a combining mark, a run of spaces before a spacing character, a double space.
_CHAR_TRIGGER = regex.compile(
    rf"[\r{_SPACING}{_INVISIBLE}{''.join(_QUOTES)}{_DASHES}…\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9fðÐ]"
    rf"|\p{{M}}",
    regex.V1,
)
# The same without combining marks, for a text already in NFC (most): there every letter with
# its marks is composed as far as it goes, and the pass has nothing to do at a mark. (``re``,
# which reads a class of characters twice as fast.)
_CHAR_TRIGGER_IN_NFC = re.compile(
    rf"[\r{_SPACING}{_INVISIBLE}{''.join(_QUOTES)}{_DASHES}…\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9fðÐ]"
)

# A word of letters; candidates for the tone table and for glue splitting.
_WORD = regex.compile(r"\p{L}+")
# Where glued words may be: a case change inside a word (as _CASE_CHANGE finds them).
_CASE_CHANGE_AT = regex.compile(r"\p{Lu}(?<=\p{Ll}\p{Lu})|\p{Lu}{3}\p{Ll}", regex.V1)
# ... or two vowel groups in the folded text, where every vowel is one of "aeiouy".
# (``re``, a third faster: a letter here is any alphanumeric but a digit, a few more than
# \p{L}, which only adds places to look at.)
_TWO_VOWEL_GROUPS = re.compile(r"[aeiouy][^\W\d_aeiouy]+[aeiouy]")
_VOWELS = "aăâeêioôơuưy"
# A case change inside a word: lower -> Upper ("thuậtHà") or an upper run -> Title ("PCTLiên").
_CASE_CHANGE = regex.compile(r"(?<=\p{Ll})(?=\p{Lu})|(?<=\p{Lu}{2})(?=\p{Lu}\p{Ll})", regex.V1)
_LAST_PART = regex.compile(r"(?:\p{Lu}?\p{Ll}+|\p{Lu}+)$", regex.V1)
_FIRST_PART = regex.compile(r"\p{Lu}\p{Ll}*", regex.V1)
_UPPER_RUN = regex.compile(r"\p{Lu}{2,}(?!\p{Ll})", regex.V1)

# -- decoding passes -------------------------------------------------------------------------------
# Character references: numeric ones with or without ";", named ones only with it (so "KH&KT",
# "Sở KH&CN" stay), once more escaped ("&amp;ecirc;") as dumps double-escape them.
_REFERENCE = r"&(?:amp;)?(?:#[0-9]{1,7}+;?|#[xX][0-9a-fA-F]{1,6}+;?|[A-Za-z][A-Za-z0-9]{1,31}+;)"
# A comment stops at the next "<!--" if unclosed, so runs of "<!--" cost linear time.
_COMMENT = r"<!--(?:[^<-]++|-(?!->)|<(?!!--))*+-->"
_DECLARATION = r"<[!?][A-Za-z][^<>]{0,512}+>"
# A tag: a known element name, or one with ':' or '-' (o:p, custom elements), then attributes.
_TAG = r"</?(?P<name>\L<tags>|[A-Za-z][A-Za-z0-9]*+[:-][A-Za-z0-9:-]*+)(?=[\s/>])[^<>]{0,2048}+>"
_LINE_END_AFTER = regex.compile(r"[ \t]*+(?:[\r\n]|$)")
_TAG_REPLACEMENTS = {"break": "\n", "space": " ", "inline": ""}

# What is not Vietnamese in text as given but is a letter in TCVN3 or VNI read as Windows-1252
# (``re``: a plain character class scans several times faster than with ``regex``).
_LEGACY_HINT = re.compile(
    "[\u00a1-\u00be\u00c4-\u00c7\u00cb\u00ce\u00cf\u00d1\u00d6-\u00d8\u00db\u00dc\u00de"
    "\u00df\u00e4-\u00e7\u00eb\u00ee\u00ef\u00f1\u00f6-\u00f8\u00fb\u00fc\u00fe]"
)
# Vietnamese mojibake holds one of these: "º" or "»" (the second byte of U+1EA0-1EFF, which
# nearly every Vietnamese sentence has), "Ä", "Å", "Æ" (first bytes of ă đ ĩ ũ ơ ư), or a C1
# control (Latin-1 mojibake); clean Vietnamese rarely any. One character class: one quick scan.
_MOJIBAKE_HINT = re.compile("[\u0080-\u009f\u00ba\u00bb\u00c4-\u00c6]")
# Any of the above, or '&' or '<': text without one (most text) skips the decoding passes.
_DECODING_HINT = re.compile(
    "[&<\u0080-\u009f\u00a1-\u00be\u00c4-\u00c7\u00cb\u00ce\u00cf\u00d1\u00d6-\u00d8"
    "\u00db\u00dc\u00de\u00df\u00e4-\u00e7\u00eb\u00ee\u00ef\u00f1\u00f6-\u00f8\u00fb"
    "\u00fc\u00fe]"
)
# Letters that clean Vietnamese has and no Windows-1252 text can: the whole text is not mojibake.
_VIETNAMESE_ONLY = re.compile("[\u0102\u0103\u0110\u0111\u01a0\u01a1\u01af\u01b0\u1ea0-\u1ef9]")
# A run of letters or legacy letters (TCVN3's "·", "¸", "µ", "­" are not letters in Unicode).
_LEGACY_TOKEN = regex.compile(r"[\p{L}\u00a1-\u00be\u00d7\u00f7]++")
# What a run decoding to is mojibake beyond doubt: letters whose UTF-8 form has three bytes
# ("á»‡"), quotes and dashes ("â€œ"), and the combining marks of decomposed Vietnamese ("Ì€").
# A run decoding to a two-byte letter ("Ã " for "à") may be plain Vietnamese ("XÃ HỘI").
_MOJIBAKE_PROOF = regex.compile(
    r"[\u1ea0-\u1ef9\u2013\u2014\u2018-\u201d\u2026\u0300-\u0303\u0306\u0309\u031b\u0323]"
)
# A plain letter and forty more plain letters, spaces, commas or periods, no letter of
# Vietnamese's own among them: a line perhaps written without diacritics (the restorer decides).
_MAYBE_BARE = re.compile(r"[A-Za-z](?:[A-Za-z ,.]){40}")
# The bytes _MAYBE_BARE's run is made of as "a", any other byte as NUL: a text whose ASCII
# form so translated has no 41 "a" in a row has no match (a search of the text tries the
# pattern at each of its letters; encoding and translating it cost a third of that).
_BARE_RUN_BYTES = bytes(
    ord("a") if chr(byte).isascii() and (chr(byte).isalpha() or chr(byte) in " ,.") else 0
    for byte in range(256)
)


def maybe_bare(text: str) -> bool:
    """``_MAYBE_BARE`` matches somewhere in ``text``."""
    ascii_form = text.encode("ascii", "replace").translate(_BARE_RUN_BYTES)
    return b"a" * 41 in ascii_form and _MAYBE_BARE.search(text) is not None


_VIETNAMESE_LETTERS = frozenset(
    "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵđ"
)


@dataclass(frozen=True)
class OffsetMap:
    """Edits of one pass, sorted; maps positions of its output back to its input."""

    norm_starts: tuple[int, ...] = ()
    norm_ends: tuple[int, ...] = ()
    src_starts: tuple[int, ...] = ()
    src_ends: tuple[int, ...] = ()

    def start(self, pos: int) -> int:
        i = bisect_right(self.norm_starts, pos) - 1
        if i < 0:
            return pos
        if pos < self.norm_ends[i]:
            return self.src_starts[i]
        return pos - self.norm_ends[i] + self.src_ends[i]

    def end(self, pos: int) -> int:
        if pos <= 0:
            return pos
        i = bisect_right(self.norm_starts, pos - 1) - 1
        if i < 0:
            return pos
        if pos <= self.norm_ends[i]:
            return self.src_ends[i]
        return pos - self.norm_ends[i] + self.src_ends[i]


class _EditLog:
    """Builds one pass's output and its OffsetMap from replacements in source order."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.parts: list[str] = []
        self.cursor = 0  # source position copied up to
        self.out_len = 0
        self.edits: list[tuple[int, int, int, int]] = []

    def replace(self, src_start: int, src_end: int, replacement: str) -> None:
        if src_start > self.cursor:
            chunk = self.source[self.cursor : src_start]
            self.parts.append(chunk)
            self.out_len += len(chunk)
        self.edits.append((self.out_len, self.out_len + len(replacement), src_start, src_end))
        self.parts.append(replacement)
        self.out_len += len(replacement)
        self.cursor = src_end

    def finish(self) -> tuple[str, OffsetMap]:
        if not self.edits:
            return self.source, OffsetMap()
        self.parts.append(self.source[self.cursor :])
        columns = list(zip(*self.edits, strict=False))
        return "".join(self.parts), OffsetMap(*(tuple(c) for c in columns))


@dataclass(frozen=True)
class NormalizedText:
    """The raw text, its normalized form, the folded matching view, and the way back."""

    raw: str
    text: str
    folded: str
    maps: tuple[OffsetMap, ...] = field(default=())
    # The raw text decoded (mojibake, legacy encodings, markup) but not yet normalized; the
    # first ``decoding_maps`` of ``maps`` lead from it back to ``raw``.
    decoded: str | None = None
    decoding_maps: int = 0
    warnings: tuple[str, ...] = ()
    # Lines given their diacritics back, and lines in capitals given their usual case (both
    # same-length changes of ``text``): what was read there was read with less certainty.
    restored: tuple[tuple[int, int], ...] = ()
    recased: tuple[tuple[int, int], ...] = ()

    def to_raw(self, start: int, end: int) -> tuple[int, int]:
        """Raw span covering normalized ``text[start:end]`` (trailing/leading space trimmed)."""
        text = self.text
        if (
            not self.maps
            and start < end <= len(text)
            and not text[start].isspace()
            and not text[end - 1].isspace()
        ):
            return start, end  # (most texts: nothing moved, and no space to trim)
        return self._back(self.raw, self.maps, start, end)

    def to_decoded(self, start: int, end: int) -> tuple[int, int]:
        """The span of ``decoded`` covering normalized ``text[start:end]``: the entity as the
        page showed it, without tags, references or mojibake."""
        decoded = self.raw if self.decoded is None else self.decoded
        return self._back(decoded, self.maps[self.decoding_maps :], start, end)

    def _back(
        self, target: str, maps: tuple[OffsetMap, ...], start: int, end: int
    ) -> tuple[int, int]:
        raw_start, raw_end = start, end
        for offset_map in reversed(maps):
            raw_start, raw_end = offset_map.start(raw_start), offset_map.end(raw_end)
        raw_end = max(raw_end, raw_start)
        # Space is trimmed only where the span itself starts or ends on space (a collapsed run):
        # a letter may come from characters ending in one ("à" read as "Ã" + NBSP).
        if start < len(self.text) and self.text[start].isspace():
            while raw_start < raw_end and target[raw_start].isspace():
                raw_start += 1
        if 0 < end <= len(self.text) and self.text[end - 1].isspace():
            while raw_end > raw_start and target[raw_end - 1].isspace():
                raw_end -= 1
        return raw_start, raw_end


def _read_as_utf8(text: str, restore_spaces: bool) -> str | None:
    """``text`` read back as the UTF-8 bytes it was decoded from, one byte per character.

    The byte A0 (of "à", "Ạ", ...) often comes back as a plain space where NBSP was turned
    into one: with ``restore_spaces``, ftfy's ``ALTERED_UTF8_RE`` finds where, and the space
    becomes A0 again (one byte
    for one character still; ftfy's own ``restore_byte_a0`` also adds bytes, which would
    break the offset map).
    """
    from ftfy.chardata import ALTERED_UTF8_RE

    for codec in ("sloppy-windows-1252", "latin-1"):
        try:
            data = text.encode(codec)
        except UnicodeError:
            continue
        restored = ALTERED_UTF8_RE.sub(lambda m: m.group().replace(b" ", b"\xa0"), data)
        for attempt in (data, restored) if restore_spaces else (data,):
            try:
                return attempt.decode("utf-8")
            except UnicodeError:
                continue
    return None


def _utf8_reading(run: str) -> str | None:
    """A mojibake run read back, if that gives Vietnamese letters (or quotes and dashes)."""
    decoded = _read_as_utf8(run, restore_spaces=False)
    if decoded and all(
        c.lower() in _VIETNAMESE_LETTERS or _MOJIBAKE_PROOF.match(c) for c in decoded
    ):
        return decoded
    return None


def _whole_text_mojibake(raw: str) -> list[tuple[int, int, str]] | None:
    """The whole text as one repair, when every character is a Windows-1252 byte and the bytes
    are UTF-8 with Vietnamese in it (clean Vietnamese fails at its first "ệ")."""
    decoded = _read_as_utf8(raw, restore_spaces=True)
    if decoded is None or _MOJIBAKE_PROOF.search(decoded) is None:
        return None
    return [(0, len(raw), decoded)]


# The characters a fold table lists (the rest is rare in this genre): Latin letters with
# Vietnamese's, and general punctuation (a small table stays in the processor's cache).
_FOLD_TABLE_SPANS = (range(0x0250), range(0x1E00, 0x1F00), range(0x2000, 0x2070))


def fold_table() -> list[str]:
    """Map every precomposed Latin letter to its bare lower-case ASCII letter (đ -> d), for
    ``str.translate``: the character of each code point, by code point.

    Every other character of the common blocks maps to itself: a character a table does not
    list costs ``str.translate`` a LookupError raised and cleared, and most characters are
    such. (A list, not a dict: looked up by index, with no hashing, for every character.)
    """
    table: dict[int, str] = {code: chr(code) for span in _FOLD_TABLE_SPANS for code in span}
    for code in range(0x00C0, 0x1F00):
        char = chr(code)
        if not char.isalpha():
            continue
        base = unicodedata.normalize("NFD", char)[0].lower()
        if len(base) == 1 and "a" <= base <= "z":
            table[code] = base
    table.update({ord("đ"): "d", ord("Đ"): "d", ord("ð"): "d", ord("Ð"): "d"})
    for code in range(ord("A"), ord("Z") + 1):
        table[code] = chr(code + 32)
    return [table.get(code, chr(code)) for code in range(max(table) + 1)]


class Normalizer:
    """Normalizes scraped Vietnamese text and keeps the offset map back to the raw input.

    ``tone_map`` maps old tone placement to the standard one ("hoà" -> "hòa"), and
    ``syllables`` the known lower-case syllables (with how often the dictionary uses each, or a
    plain iterable) used to split glued words and to recognize legacy encodings. ``html_tags``
    maps element names to their role ("break", "space" or "inline"); ``legacy_encodings`` maps
    an encoding name to its table (the characters as read in Windows-1252 -> the letter).
    """

    def __init__(
        self,
        tone_map: Mapping[str, str],
        syllables: Mapping[str, int] | Iterable[str],
        html_tags: Mapping[str, str] | None = None,
        legacy_encodings: Mapping[str, Mapping[str, str]] | None = None,
        restorer: Callable[[], DiacriticRestorer] | None = None,
        recaser: Callable[[], Recaser] | None = None,
    ) -> None:
        # Built on first need: most documents have capitals and diacritics where they belong.
        # (Lines without diacritics are found over ``syllables``, the restorer's syllables too.)
        self._restorer_factory = restorer
        self._recaser_factory = recaser
        self._restorer: DiacriticRestorer | None = None
        self._recaser: Recaser | None = None
        self._bare_lines: BareLines | None = None
        tones = {k: v for k, v in tone_map.items() if k != v}
        tones.update({k.upper(): v.upper() for k, v in list(tones.items())})
        tones.update({k.capitalize(): v.capitalize() for k, v in list(tones.items())})
        self._tone_map = tones
        counts = syllables if isinstance(syllables, Mapping) else dict.fromkeys(syllables, 1)
        self._syllable_counts = counts
        self._fold = fold_table()
        self._folded: dict[str, str] = {}  # short strings, folded (see fold)
        # Entries without a vowel ("ph", "tr") are fragments, not syllables: drop them once here
        # rather than test every word of every document.
        self._syllables: dict[str, int] = {
            k: int(v)
            for k, v in counts.items()
            if k and len(k) <= 7 and any(c in _VOWELS for c in k.translate(self._fold))
        }
        self._longest = max(map(len, self._syllables), default=0)
        self._tone_words = WordList(self._tone_map, letters_only=True)
        self._tag_roles = {k.lower(): v for k, v in (html_tags or {}).items()}
        self._markup = regex.compile(
            rf"(?P<ref>{_REFERENCE})|(?P<comment>{_COMMENT})|(?P<tag>{_TAG})"
            rf"|(?P<declaration>{_DECLARATION})",
            regex.IGNORECASE,
            tags=sorted(self._tag_roles) or ["\x00"],
        )
        self._legacy = [
            (name, dict(table), self._legacy_pattern(table))
            for name, table in sorted((legacy_encodings or {}).items())
            if table
        ]
        self._utf8_detector: re.Pattern[str] | None = None  # ftfy's, on first use

    # -- public -------------------------------------------------------------------------------
    def warm_up(self) -> None:
        """Build the restorer and the recaser now rather than for the first document that
        needs them."""
        if self._restorer_factory is not None:
            self._built_restorer(self._restorer_factory)
        if self._recaser_factory is not None:
            self._built_recaser(self._recaser_factory)

    def _built_restorer(self, factory: Callable[[], DiacriticRestorer]) -> DiacriticRestorer:
        if self._restorer is None:
            with collector_paused():
                self._restorer = factory()
        return self._restorer

    def _built_recaser(self, factory: Callable[[], Recaser]) -> Recaser:
        if self._recaser is None:
            with collector_paused():
                self._recaser = factory()
        return self._recaser

    def fold(self, text: str) -> str:
        """Lower-case, diacritic-free view of ``text`` with exactly the same length."""
        if len(text) > 32:
            return text.translate(self._fold)
        # Words and names are folded again and again ("Hội", "Ban", "tỉnh"): kept once folded
        # (str.translate through a dict costs a few microseconds however short the string).
        folded = self._folded.get(text)
        if folded is None:
            if len(self._folded) >= 100_000:
                self._folded.clear()
            folded = self._folded[text] = text.translate(self._fold)
        return folded

    def normalize(self, raw: str) -> NormalizedText:
        warnings: list[str] = []
        decoded = raw
        decoding: list[OffsetMap] = []
        if _DECODING_HINT.search(raw) is not None:
            for decode in (self._repair_mojibake, self._repair_legacy, self._decode_markup):
                decoded, offset_map = decode(decoded, warnings)
                decoding.append(offset_map)
        text1, map1 = self._normalize_characters(decoded)
        folded1 = self.fold(text1)
        text2, map2 = self._normalize_words(text1, folded1)
        folded2 = self._fold_edited(folded1, text2, map2)
        # Same length from here on: no offset maps.
        restored_from = text2
        restored: list[tuple[int, int]] = []
        recased: list[tuple[int, int]] = []
        if self._restorer_factory is not None and maybe_bare(text2):
            if self._bare_lines is None:
                self._bare_lines = BareLines(self._syllable_counts, self.fold)
            bare = self._bare_lines(text2)
            if bare:
                restorer = self._built_restorer(self._restorer_factory)
                text2, restored = restorer.restore(text2, bare)
                text2 = self._standard_tones(text2, restored)
        if self._recaser_factory is not None and Recaser.capital_lines(text2):
            text2, recased = self._built_recaser(self._recaser_factory).recase(text2)
        decoding_maps = tuple(m for m in decoding if m.norm_starts)
        maps = decoding_maps + tuple(m for m in (map1, map2) if m.norm_starts)
        return NormalizedText(
            raw=raw, text=text2, folded=folded2 if text2 is restored_from else self.fold(text2), maps=maps,
            decoded=decoded, decoding_maps=len(decoding_maps), warnings=tuple(warnings),
            restored=tuple(restored), recased=tuple(recased),
        )  # fmt: skip

    def _standard_tones(self, text: str, spans: Sequence[tuple[int, int]]) -> str:
        """``text`` with the words of ``spans`` in standard tone placement, where the fix keeps
        the length: the restorer gives the word list's spelling ("hoà", "thuỷ"), the rest of a
        normalized text has "hòa", "thủy"."""
        chars: list[str] | None = None
        for start, end in spans:
            for a, b in self._tone_words.scan(text[start:end]):
                fixed = self._tone_fix(text[start + a : start + b])
                if fixed is not None:
                    chars = chars if chars is not None else list(text)
                    chars[start + a : start + b] = fixed
        return text if chars is None else "".join(chars)

    def _tone_fix(self, word: str) -> str | None:
        """The word in standard tone placement, where the table has a fix of the same length
        (the only fixes made, in the word pass and in restored lines alike)."""
        fixed = self._tone_map.get(word)
        return fixed if fixed is not None and len(fixed) == len(word) else None

    def _fold_edited(self, folded: str, text: str, edits: OffsetMap) -> str:
        """``fold(text)`` for a text that is ``folded``'s source with ``edits`` made: the
        unedited stretches come from ``folded`` (folding is letter by letter)."""
        if not edits.norm_starts:
            return folded
        parts = []
        copied = 0
        for norm_start, norm_end, src_start, src_end in zip(
            edits.norm_starts, edits.norm_ends, edits.src_starts, edits.src_ends, strict=True
        ):
            parts.append(folded[copied:src_start])
            parts.append(self.fold(text[norm_start:norm_end]))
            copied = src_end
        parts.append(folded[copied:])
        return "".join(parts)

    # -- decoding: mojibake -------------------------------------------------------------------
    def _repair_mojibake(self, raw: str, warnings: list[str]) -> tuple[str, OffsetMap]:
        """UTF-8 read as Windows-1252 or Latin-1, repaired character by character so that each
        repaired letter maps back to the two or three characters it was read as."""
        detector = self._utf8_detector
        if detector is None:
            import ftfy.bad_codecs  # noqa: F401  (registers "sloppy-windows-1252")
            from ftfy.chardata import UTF8_DETECTOR_RE

            detector = self._utf8_detector = UTF8_DETECTOR_RE
        if _MOJIBAKE_HINT.search(raw) is None or detector.search(raw) is None:
            return raw, OffsetMap()
        log = _EditLog(raw)
        repairs = None if _VIETNAMESE_ONLY.search(raw) else _whole_text_mojibake(raw)
        if repairs is None:
            # Part of the text only (a clean title over a broken body): runs that decode to
            # Vietnamese, the two-byte ones only where three-byte ones prove the damage.
            readings = [
                (m.start(), m.end(), _utf8_reading(m.group())) for m in detector.finditer(raw)
            ]
            runs = [(a, b, d) for a, b, d in readings if d is not None]
            proven = any(_MOJIBAKE_PROOF.search(d) for _, _, d in runs)
            repairs = [(a, b, d) for a, b, d in runs if proven or _MOJIBAKE_PROOF.search(d)]
        for start, _end, decoded in repairs:
            position = start
            for char in decoded:
                width = len(char.encode("utf-8"))
                if width > 1:
                    log.replace(position, position + width, char)
                position += width
        if log.edits:
            warnings.append(Warnings.W001.format(count=len(log.edits)))
        return log.finish()

    # -- decoding: TCVN3 and VNI --------------------------------------------------------------
    @staticmethod
    def _legacy_pattern(table: Mapping[str, str]) -> regex.Pattern[str]:
        return regex.compile(r"\L<legacy>", legacy=sorted(table, key=len, reverse=True))

    def _repair_legacy(self, raw: str, warnings: list[str]) -> tuple[str, OffsetMap]:
        """Text in a legacy 8-bit encoding, recognized by its words: read in the encoding they
        are known syllables, as given they are not. Repaired when most changed words agree."""
        if not self._legacy or _LEGACY_HINT.search(raw) is None:
            return raw, OffsetMap()
        best: tuple[int, str, regex.Pattern[str], dict[str, str]] | None = None
        for name, table, pattern in self._legacy:
            votes = changed = 0
            for token in _LEGACY_TOKEN.finditer(raw):
                word = token.group()
                read = pattern.sub(lambda m, t=table: t[m.group()], word)  # type: ignore[misc]
                if read == word:
                    continue
                changed += 1
                votes += self._is_syllable(read) and not self._is_syllable(word)
            if votes >= 2 and 2 * votes >= changed and (best is None or votes > best[0]):
                best = (votes, name, pattern, table)
        if best is None:
            return raw, OffsetMap()
        _, name, pattern, table = best
        log = _EditLog(raw)
        repaired = 0
        for match in pattern.finditer(raw):
            log.replace(match.start(), match.end(), table[match.group()])
            repaired += 1
        warnings.append(Warnings.W002.format(encoding=name, count=repaired))
        return log.finish()

    # -- decoding: HTML -----------------------------------------------------------------------
    def _decode_markup(self, raw: str, warnings: list[str]) -> tuple[str, OffsetMap]:
        """Character references decoded; tags and comments invisible. A block tag or <br> is a
        line break (none where the line already ends), a cell a space, an inline tag nothing."""
        if "&" not in raw and "<" not in raw:
            return raw, OffsetMap()
        log = _EditLog(raw)
        previous = "\n"  # the last character of the output so far; the text starts a line
        copied_to = 0
        for match in self._markup.finditer(raw):
            if match.start() > copied_to:
                previous = raw[match.start() - 1]
            found = match.group()
            kind = match.lastgroup
            if kind == "ref":
                replacement = html.unescape(found)
                if found.startswith("&amp;") and len(found) > 5:
                    replacement = html.unescape(replacement)
            elif kind == "tag":
                role = self._tag_roles.get(match.group("name").lower(), "inline")
                replacement = _TAG_REPLACEMENTS.get(role, "")
                if replacement == "\n" and (
                    previous in "\r\n" or _LINE_END_AFTER.match(raw, match.end())
                ):
                    replacement = ""
            else:  # comment, declaration
                replacement = ""
            copied_to = match.end()
            if replacement != found:
                log.replace(match.start(), match.end(), replacement)
            if replacement:
                previous = replacement[-1]
        return log.finish()

    # -- pass 1: characters -----------------------------------------------------------------
    @staticmethod
    def _character_starts(raw: str) -> list[int]:
        starts = []
        trigger = _CHAR_TRIGGER_IN_NFC if unicodedata.is_normalized("NFC", raw) else _CHAR_TRIGGER
        for match in trigger.finditer(raw):
            pos = match.start()
            starts.append(pos)
            if unicodedata.category(raw[pos]).startswith("M"):
                if pos > 0:
                    starts.append(pos - 1)  # the cluster starts at its base letter
            else:
                while pos > 0 and raw[pos - 1] == " ":
                    pos -= 1  # "  \u00a0": the run starts with its spaces
                starts.append(pos)
        pos = raw.find("  ")
        while pos != -1:
            starts.append(pos)
            end = pos + 2
            while end < len(raw) and raw[end] == " ":
                end += 1
            pos = raw.find("  ", end)
        return sorted(set(starts))

    def _normalize_characters(self, raw: str) -> tuple[str, OffsetMap]:
        log = _EditLog(raw)
        for match in matches_at(_CHAR_PATTERN, raw, self._character_starts(raw)):
            kind = match.lastgroup
            found = match.group()
            if kind == "newline":
                replacement = "\n"
            elif kind == "space":
                # A run of only invisible characters disappears; any real space keeps one.
                has_space = any(not ("\u200b" <= c <= "\u200d" or c in _INVISIBLE) for c in found)
                replacement = " " if has_space else ""
            elif kind == "cluster":
                replacement = unicodedata.normalize("NFC", found)
            elif kind == "quote":
                replacement = _QUOTES[found]
            elif kind == "dash":
                replacement = "-"
            elif kind == "ellipsis":
                replacement = "..."
            elif kind == "control":
                replacement = " "
            else:  # eth: underthesea's character table, ð/Ð written for đ/Đ
                replacement = "đ" if found == "ð" else "Đ"
            if replacement != found:
                log.replace(match.start(), match.end(), replacement)
        return log.finish()

    # -- pass 2: words --------------------------------------------------------------------------
    def _word_starts(self, text: str, folded: str) -> list[int]:
        """Where the words that may need this pass start: words of the tone table, words with
        a case change or with two vowel groups (a syllable has one). Any other word is left as
        it is by ``_glue_cuts``."""
        starts = {start for start, _ in self._tone_words.scan(text)}
        inside = [m.start() for m in _CASE_CHANGE_AT.finditer(text)]
        inside += [m.start() for m in _TWO_VOWEL_GROUPS.finditer(folded)]
        word_end = 0  # of the last word found: a long word has many such places
        for pos in sorted(inside):
            if pos < word_end:
                continue
            while pos > word_end and text[pos - 1].isalpha():
                pos -= 1
            starts.add(pos)
            word = _WORD.match(text, pos)
            word_end = word.end() if word else pos + 1
        return sorted(starts)

    def _normalize_words(self, text: str, folded: str) -> tuple[str, OffsetMap]:
        log = _EditLog(text)
        for match in matches_at(_WORD, text, self._word_starts(text, folded)):
            word = match.group()
            start = match.start()
            fixed = self._tone_fix(word)
            if fixed is not None:
                log.replace(start, match.end(), fixed)
                continue
            if len(word) < 4:
                continue
            for cut in self._glue_cuts(word):
                log.replace(start + cut, start + cut, " ")
        return log.finish()

    def _glue_cuts(self, word: str) -> list[int]:
        """Positions inside ``word`` where glued words meet ([] for a normal word).

        The rest of the word after each cut is split again, in a loop over ``base`` (where the
        rest starts) rather than by recursion on copies: a 100 KB "word" with thousands of case
        changes costs neither the recursion limit nor quadratic time.
        """
        cuts: list[int] = []
        base = 0
        changes: list[int] | None = None  # where the case changes, found once for the word
        while not (len(word) - base <= self._longest and self._is_syllable(word[base:])):
            if changes is None:
                changes = [m.start() for m in _CASE_CHANGE.finditer(word)]
            cut = self._case_cut(word, base, changes)
            if cut is None:
                rest = word[base:]
                if rest.isascii() or self._vowel_groups(rest) < 2:
                    return cuts
                if rest.isupper() and len(rest) <= 8:
                    return cuts  # an acronym ("UBTƯ", "BCHTƯ"), not glued words
                # Same-case glue ("Namvà", "doanhnghiệp", "Liênhiệp"): the split into known
                # syllables best supported by the dictionary (its rarest piece is most
                # frequent), fewest pieces.
                best = self._best_split(rest)
                return cuts + [base + b for b in best] if best else cuts
            cuts.append(cut)
            base = cut
        return cuts

    def _case_cut(self, word: str, base: int, changes: list[int]) -> int | None:
        """The first case change in ``word[base:]`` where glued words meet, if any
        (``changes``: where ``_CASE_CHANGE`` finds one in the whole word).

        A case change inside a word ("thuậtHà", "NamPhan", "PCTLiên"): split only where both
        sides are Vietnamese syllables, so "VinFast", "mRNA", "iPhone" stay whole.
        """
        # (None at ``base`` itself: nothing of the part is before it.)
        for index in range(bisect_right(changes, base), len(changes)):
            cut = changes[index]
            if cut < base + 2 and not _CASE_CHANGE.match(word[base : cut + 2], cut - base):
                continue  # a change that needs letters before ``base`` to be one
            # The part before the cut, read over at most 32 letters: a longer part is not a
            # syllable either way, and is upper or lower case as its tail is.
            left = _LAST_PART.search(word, max(base, cut - 32), cut)
            if left is None:
                continue
            before = left.group()
            if not (before.isupper() or self._is_syllable(before)):
                continue
            right = _FIRST_PART.match(word, cut)
            if right is not None and self._is_syllable(right.group()):
                return cut
            # "kiêmTTK": a lower-case syllable glued to an abbreviation.
            if before.islower() and len(before) >= 2 and _UPPER_RUN.match(word, cut):
                return cut
        return None

    def _best_split(self, word: str, depth: int = 0) -> list[int] | None:
        # Every piece is a known syllable and there are at most four (depth 0 to 2).
        if len(word) > 4 * self._longest:
            return None
        candidates: list[tuple[int, int, list[int]]] = []
        for cut in range(1, min(len(word), self._longest + 1)):
            left, right = word[:cut], word[cut:]
            if not self._is_syllable(left):
                continue
            if self._is_syllable(right):
                support = min(self._frequency(left), self._frequency(right))
                candidates.append((1, -support, [cut]))
            elif depth < 2 and self._vowel_groups(right) >= 2:
                rest = self._best_split(right, depth + 1)
                if rest:
                    pieces = [word[:cut]] + [
                        right[a:b] for a, b in zip([0, *rest], [*rest, len(right)], strict=True)
                    ]
                    support = min(self._frequency(p) for p in pieces)
                    candidates.append((1 + len(rest), -support, [cut, *(cut + r for r in rest)]))
        if not candidates:
            return None
        return min(candidates)[2]

    def _frequency(self, part: str) -> int:
        return self._syllables.get(part.lower(), 0)

    def _is_syllable(self, part: str) -> bool:
        # (Lower-casing never shortens a string: a longer part cannot be a syllable.)
        return len(part) <= self._longest and part.lower() in self._syllables

    def _vowel_groups(self, word: str) -> int:
        groups = 0
        previous_vowel = False
        for char in self.fold(word):
            is_vowel = char in _VOWELS
            if is_vowel and not previous_vowel:
                groups += 1
            previous_vowel = is_vowel
        # "gi"/"qu" onsets make one group with what follows; that keeps their count right.
        return groups
