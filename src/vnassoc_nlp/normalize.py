"""Normalization with an offset map: recognizers read clean text, records point into raw text.

Two passes, each a single regex scan that records its edits:

1. characters: CRLF, NFD clusters to NFC, NBSP/tabs/space runs, zero-width characters,
   typographic quotes and dashes, control characters;
2. words: old tone placement ("hoà" -> "hòa", "uỷ" -> "ủy") from underthesea's table, and words
   glued by HTML stripping ("thuậtHà", "Namvà", "Liênhiệp") split at a syllable boundary.

A third view, ``folded``, lower-cases and strips diacritics character by character (same
length as ``text``) so gazetteers match through case and damaged diacritics.

An edit is ``(norm_start, norm_end, raw_start, raw_end)``; between edits positions shift
linearly. A span in normalized text maps back to the raw span covering the same characters.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import regex

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

# A word of letters; candidates for the tone table and for glue splitting.
_WORD = regex.compile(r"\p{L}+")
_VOWELS = "aăâeêioôơuưy"
# A case change inside a word: lower -> Upper ("thuậtHà") or an upper run -> Title ("PCTLiên").
_CASE_CHANGE = regex.compile(r"(?<=\p{Ll})(?=\p{Lu})|(?<=\p{Lu}{2})(?=\p{Lu}\p{Ll})", regex.V1)
_LAST_PART = regex.compile(r"(?:\p{Lu}?\p{Ll}+|\p{Lu}+)$", regex.V1)
_FIRST_PART = regex.compile(r"\p{Lu}\p{Ll}*", regex.V1)
_UPPER_RUN = regex.compile(r"\p{Lu}{2,}(?!\p{Ll})", regex.V1)


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

    def to_raw(self, start: int, end: int) -> tuple[int, int]:
        """Raw span covering normalized ``text[start:end]`` (trailing/leading space trimmed)."""
        raw_start, raw_end = start, end
        for offset_map in reversed(self.maps):
            raw_start, raw_end = offset_map.start(raw_start), offset_map.end(raw_end)
        raw_end = max(raw_end, raw_start)
        while raw_start < raw_end and self.raw[raw_start].isspace():
            raw_start += 1
        while raw_end > raw_start and self.raw[raw_end - 1].isspace():
            raw_end -= 1
        return raw_start, raw_end


def _fold_table() -> dict[int, str]:
    """Map every precomposed Latin letter to its bare lower-case ASCII letter (đ -> d)."""
    table: dict[int, str] = {}
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
    return table


class Normalizer:
    """Normalizes scraped Vietnamese text and keeps the offset map back to the raw input.

    ``tone_map`` maps old tone placement to the standard one ("hoà" -> "hòa"), and
    ``syllables`` the known lower-case syllables (with how often the dictionary uses each, or a
    plain iterable) used to split glued words.
    """

    def __init__(
        self, tone_map: Mapping[str, str], syllables: Mapping[str, int] | Iterable[str]
    ) -> None:
        tones = {k: v for k, v in tone_map.items() if k != v}
        tones.update({k.upper(): v.upper() for k, v in list(tones.items())})
        tones.update({k.capitalize(): v.capitalize() for k, v in list(tones.items())})
        self._tone_map = tones
        counts = syllables if isinstance(syllables, Mapping) else dict.fromkeys(syllables, 1)
        self._fold = _fold_table()
        # Entries without a vowel ("ph", "tr") are fragments, not syllables: drop them once here
        # rather than test every word of every document.
        self._syllables: dict[str, int] = {
            k: int(v)
            for k, v in counts.items()
            if k and len(k) <= 7 and any(c in _VOWELS for c in k.translate(self._fold))
        }
        self._longest = max(map(len, self._syllables), default=0)

    # -- public -------------------------------------------------------------------------------
    def fold(self, text: str) -> str:
        """Lower-case, diacritic-free view of ``text`` with exactly the same length."""
        return text.translate(self._fold)

    def normalize(self, raw: str) -> NormalizedText:
        text1, map1 = self._normalize_characters(raw)
        text2, map2 = self._normalize_words(text1)
        maps = tuple(m for m in (map1, map2) if m.norm_starts)
        return NormalizedText(raw=raw, text=text2, folded=self.fold(text2), maps=maps)

    # -- pass 1: characters -----------------------------------------------------------------
    def _normalize_characters(self, raw: str) -> tuple[str, OffsetMap]:
        log = _EditLog(raw)
        for match in _CHAR_PATTERN.finditer(raw):
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
    def _normalize_words(self, text: str) -> tuple[str, OffsetMap]:
        log = _EditLog(text)
        for match in _WORD.finditer(text):
            word = match.group()
            start = match.start()
            fixed = self._tone_map.get(word)
            if fixed is not None and len(fixed) == len(word):
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
        while not (len(word) - base <= self._longest and self._is_syllable(word[base:])):
            cut = self._case_cut(word, base)
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

    def _case_cut(self, word: str, base: int) -> int | None:
        """The first case change in ``word[base:]`` where glued words meet, if any.

        A case change inside a word ("thuậtHà", "NamPhan", "PCTLiên"): split only where both
        sides are Vietnamese syllables, so "VinFast", "mRNA", "iPhone" stay whole.
        """
        for boundary in _CASE_CHANGE.finditer(word, base):
            cut = boundary.start()
            if cut < base + 2 and not _CASE_CHANGE.match(word[base : cut + 2], cut - base):
                continue  # a change that needs letters before ``base`` to be one
            # The part before the cut, read over at most 32 letters: a longer part is not a
            # syllable either way, and is upper or lower case as its tail is.
            left = _LAST_PART.search(word, max(base, cut - 32), cut)
            right = _FIRST_PART.match(word, cut)
            left_ok = left is not None and (
                left.group().isupper() or self._is_syllable(left.group())
            )
            # "kiêmTTK": a lower-case syllable glued to an abbreviation.
            abbreviation = _UPPER_RUN.match(word, cut)
            right_ok = (right is not None and self._is_syllable(right.group())) or (
                abbreviation is not None
                and left is not None
                and left.group().islower()
                and len(left.group()) >= 2
            )
            if left_ok and right_ok:
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
