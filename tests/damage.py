"""Texts damaged the ways scraped dumps damage them, with the offset map back, and the measure.

Each damage turns a clean text into a damaged one while recording where every clean offset
lands in the damaged text (``Damaged``: the text and, for each clean offset 0..len(clean), its
damaged offset). Damage is deterministic: choices come from a fixed formula or a seeded random.

An entity is unchanged when the damaged document has one with the same label, exactly the mapped
span, and (``fields=True``) the same typed values (records without start/end/text; strings
compared after NFC and whitespace collapsing). The share counts entities lost and gained.

Used by ``test_invariance.py``; run as a script to measure any damage on any corpus without a
threshold (the capitals and no-diacritics kinds are measured this way until the recognizers
handle them)::

    python tests/damage.py capitals no_diacritics        # all corpora present
    python tests/damage.py html_references --corpus dev
"""

from __future__ import annotations

import argparse
import html.entities
import json
import random
import unicodedata
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import regex

HERE = Path(__file__).parent
SHARED = HERE.parent.parent / "shared"
SEEDS_GOLD = SHARED / "eval" / "seeds.gold.jsonl"
DEV_GOLD = SHARED / "eval" / "dev" / "gold.jsonl"
GENRE_CASES = HERE / "data" / "genre_cases.jsonl"
SAMPLE = HERE.parent / "examples" / "sample_article.txt"

# A damaged text with, for every clean offset 0..len(clean), its offset in the damaged text.
Damaged = tuple[str, list[int]]
Text = tuple[str, str, str | None]  # id, text, date


# -- building damage ------------------------------------------------------------------------------
def identity(text: str) -> Damaged:
    return text, list(range(len(text) + 1))


def per_char(text: str, offsets: list[int], replace: Callable[[int, str], str]) -> Damaged:
    """Replace each character ``c`` at ``i`` by ``replace(i, c)``; compose the offset map."""
    out: list[str] = []
    cumulative = [0]
    for i, char in enumerate(text):
        piece = replace(i, char)
        out.append(piece)
        cumulative.append(cumulative[-1] + len(piece))
    return "".join(out), [cumulative[o] for o in offsets]


def insert(
    text: str,
    offsets: list[int],
    before: Callable[[int, str], str],
    after: Callable[[int, str], str],
) -> Damaged:
    """Insert ``before(i, c)`` in front of character ``i`` and ``after(i, c)`` behind it.

    Offset ``i`` lands after what is inserted in front of character ``i`` (an entity starting
    there starts after an opening tag) and before what is inserted behind character ``i - 1``
    (one ending there ends before a closing tag). The callers never insert both at one offset.
    """
    out: list[str] = []
    length = 0
    mapped = [0] * (len(text) + 1)
    for i, char in enumerate(text):
        prefix = before(i, char)
        out.append(prefix)
        length += len(prefix)
        if prefix or i == 0:  # else offset i stays where character i - 1 ended
            mapped[i] = length
        out.append(char)
        length += 1
        mapped[i + 1] = length
        suffix = after(i, char)
        out.append(suffix)
        length += len(suffix)
    return "".join(out), [mapped[o] for o in offsets]


def every_other_space(salt: int) -> Callable[[int, str], bool]:
    """A fixed, spread-out choice of spaces (not all: dumps damage some)."""
    return lambda i, char: char == " " and (i * 7 + salt) % 3 == 0


# -- the damage kinds of issue 8 ------------------------------------------------------------------
def nfd(text: str, offsets: list[int]) -> Damaged:
    return per_char(text, offsets, lambda i, c: unicodedata.normalize("NFD", c))


def crlf(text: str, offsets: list[int]) -> Damaged:
    return per_char(text, offsets, lambda i, c: "\r\n" if c == "\n" else c)


def nbsp(text: str, offsets: list[int]) -> Damaged:
    chosen = every_other_space(0)
    return per_char(text, offsets, lambda i, c: "\u00a0" if chosen(i, c) else c)


def zero_width(text: str, offsets: list[int]) -> Damaged:
    chosen = every_other_space(1)
    return per_char(text, offsets, lambda i, c: c + "\u200b" if chosen(i, c) else c)


def doubled_spaces(text: str, offsets: list[int]) -> Damaged:
    chosen = every_other_space(2)
    return per_char(text, offsets, lambda i, c: "  " if chosen(i, c) else c)


TONES = "\u0300\u0301\u0303\u0309\u0323"  # huyền, sắc, ngã, hỏi, nặng
# An open syllable ending in oa/oe/uy with the tone on the first vowel (the modern placement),
# not "qu" + y, where the tone is on the y either way ("quý").
_MODERN = regex.compile(
    rf"(?i)(?<!q)(?P<v1>o)(?P<tone>[{TONES}])(?P<v2>[ae])$|(?<!q)(?P<v1>u)(?P<tone>[{TONES}])(?P<v2>y)$",
    regex.V1,
)
WORD = regex.compile(r"\p{L}+")


def old_tone(word: str) -> str:
    """hòa -> hoà, thủy -> thuỷ, ủy -> uỷ, khỏe -> khoẻ: the tone moves to the second vowel."""
    decomposed = unicodedata.normalize("NFD", word)
    m = _MODERN.search(decomposed)
    if m is None:
        return word
    moved = decomposed[: m.start()] + m["v1"] + m["v2"] + m["tone"]
    result = unicodedata.normalize("NFC", moved)
    assert len(result) == len(word), (word, result)
    return result


def old_tones(text: str, offsets: list[int]) -> Damaged:
    """Same length, letters stay in their word: the offset map is unchanged."""
    return WORD.sub(lambda m: old_tone(m.group()), text), offsets


def all_damage(text: str, offsets: list[int]) -> Damaged:
    for damage in (old_tones, nbsp, zero_width, doubled_spaces, crlf, nfd):
        text, offsets = damage(text, offsets)
    return text, offsets


# -- the damage kinds of issue 15 -----------------------------------------------------------------
def html_references(text: str, offsets: list[int]) -> Damaged:
    """A third of the accented letters as character references (named where HTML has a name,
    else decimal or hex), a fifth of the spaces as &nbsp;, every "&" as &amp; (as a page has it)."""
    rng = random.Random(15_1)
    names = html.entities.codepoint2name

    def replace(i: int, char: str) -> str:
        if char == "&":
            return "&amp;"
        if char == " ":
            return "&nbsp;" if rng.random() < 0.2 else char
        if char.isalpha() and not char.isascii() and rng.random() < 1 / 3:
            code = ord(char)
            choice = rng.random()
            if code in names and choice < 0.5:
                return f"&{names[code]};"
            return f"&#{code};" if choice < 0.75 else f"&#x{code:X};"
        return char

    return per_char(text, offsets, replace)


def stray_tags(text: str, offsets: list[int]) -> Damaged:
    """<b> or <span class="x"> before some words, their closing tag behind some, <br> at every
    line end: what is left of a page's markup in a careless dump."""
    rng = random.Random(15_2)
    starts = {m.start() for m in WORD.finditer(text) if m.start() == 0 or text[m.start() - 1].isspace()}  # fmt: skip
    ends = {m.end() - 1 for m in WORD.finditer(text) if m.end() < len(text) and text[m.end()].isspace()}  # fmt: skip

    def before(i: int, char: str) -> str:
        if i in starts and rng.random() < 0.25:
            return rng.choice(["<b>", '<span class="x">', "<em>"])
        return ""

    def after(i: int, char: str) -> str:
        if i + 1 < len(text) and text[i + 1] == "\n":
            return "<br>"
        if i in ends and rng.random() < 0.15:
            return rng.choice(["</b>", "</span>", "</em>"])
        return ""

    return insert(text, offsets, before, after)


def _cp1252_reading(char: str) -> str:
    out = []
    for byte in char.encode("utf-8"):
        try:
            out.append(bytes([byte]).decode("cp1252"))
        except UnicodeDecodeError:  # the five bytes cp1252 leaves unassigned read as C1 controls
            out.append(chr(byte))
    return "".join(out)


def mojibake(text: str, offsets: list[int]) -> Damaged:
    """The whole document's UTF-8 bytes read as Windows-1252 ("Hội" -> "Há»™i")."""
    return per_char(text, offsets, lambda i, c: _cp1252_reading(c))


def capitals(text: str, offsets: list[int]) -> Damaged:
    """Every third line in capitals, as headlines, document headers and bylines come."""
    line_of = [0] * len(text)
    line = 0
    for i, char in enumerate(text):
        line_of[i] = line
        line += char == "\n"
    return per_char(text, offsets, lambda i, c: c.upper() if line_of[i] % 3 == 2 else c)


def strip_diacritics(char: str) -> str:
    if char in "đĐ":
        return "d" if char == "đ" else "D"
    base = unicodedata.normalize("NFD", char)[0]
    return base if base.isascii() and char.isalpha() else char


def no_diacritics(text: str, offsets: list[int]) -> Damaged:
    """Every diacritic stripped and đ written d ("Lien hiep cac Hoi ... tinh Quang Tri")."""
    return per_char(text, offsets, lambda i, c: strip_diacritics(c))


DAMAGES: dict[str, Callable[[str, list[int]], Damaged]] = {
    "nfd": nfd,
    "old_tones": old_tones,
    "nbsp": nbsp,
    "zero_width_space": zero_width,
    "doubled_spaces": doubled_spaces,
    "crlf": crlf,
    "all": all_damage,
    "html_references": html_references,
    "stray_tags": stray_tags,
    "mojibake": mojibake,
    "capitals": capitals,
    "no_diacritics": no_diacritics,
}
# Compared on label and span only: the typed values legitimately lose their diacritics.
SPAN_ONLY = {"no_diacritics"}


def damage(name: str, clean: str) -> Damaged:
    return DAMAGES[name](*identity(clean))


# -- comparing entities ---------------------------------------------------------------------------
def _plain(value: Any, offsets: list[int] | None = None) -> Any:
    if isinstance(value, str):
        return " ".join(unicodedata.normalize("NFC", value).split())
    if isinstance(value, dict):
        result = {k: _plain(v, offsets) for k, v in value.items()}
        if offsets is not None and result.get("organization_start") is not None:
            result["organization_start"] = offsets[result["organization_start"]]
        return result
    if isinstance(value, list | tuple):
        return [_plain(v, offsets) for v in value]
    return value


def typed(entity: Any, offsets: list[int] | None = None) -> Any:
    """The record without its surface: label, typed values, positions' offsets mapped."""
    record = entity.model_dump(mode="json", exclude={"start", "end", "text"})
    return _plain(record, offsets)


def compare(
    clean: Any, damaged: Any, offsets: list[int], fields: bool = True
) -> tuple[int, int, list[str]]:
    """(unchanged, clean + damaged - unchanged, what differs) for two Documents."""
    found = {(e.start, e.end, e.label): e for e in damaged.entities}
    unchanged = 0
    changes = []
    for e in clean.entities:
        span = (offsets[e.start], offsets[e.end], e.label)
        other = found.get(span)
        if other is not None and damaged.text[span[0] : span[1]] == other.text:
            if not fields or typed(other) == typed(e, offsets):
                unchanged += 1
                continue
            changes.append(f"changed {e.label} {e.text!r}: {typed(e)} -> {typed(other)}")
        else:
            changes.append(f"lost {e.label} {e.text!r} at {e.start}")
    mapped = {(offsets[e.start], offsets[e.end], e.label) for e in clean.entities}
    changes += [f"new {e.label} {e.text!r}" for e in damaged.entities if (e.start, e.end, e.label) not in mapped]  # fmt: skip
    return unchanged, len(clean.entities) + len(damaged.entities) - unchanged, changes


def measure(
    nlp: Callable[..., Any], name: str, texts: Iterable[Text], fields: bool | None = None
) -> tuple[float, int, int, list[str]]:
    """(share unchanged, unchanged, total, changes) of damage ``name`` over ``texts``; every
    entity of every damaged text is checked to point exactly into it. ``fields`` compares the
    typed values too (default: unless the damage is in ``SPAN_ONLY``)."""
    if fields is None:
        fields = name not in SPAN_ONLY
    unchanged = total = damaged_texts = 0
    changes: list[str] = []
    for doc_id, clean, date in texts:
        damaged, offsets = damage(name, clean)
        damaged_texts += damaged != clean
        clean_doc, damaged_doc = nlp(clean, date=date), nlp(damaged, date=date)
        for e in damaged_doc.entities:
            assert damaged[e.start : e.end] == e.text, (doc_id, e)
        same, count, differences = compare(clean_doc, damaged_doc, offsets, fields)
        unchanged += same
        total += count
        changes += [f"{doc_id}: {c}" for c in differences]
    assert damaged_texts, f"{name} changed none of the texts: the measure would be empty"
    return (unchanged / total if total else 1.0), unchanged, total, changes


# -- the texts ------------------------------------------------------------------------------------
def _jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def written_texts() -> list[Text]:
    """The texts written for the tests and the sample article."""
    texts = [(d["id"], d["text"], d.get("date")) for d in _jsonl(GENRE_CASES)]
    texts.append(("sample_article", SAMPLE.read_text(encoding="utf-8"), None))
    return texts


def gold_texts(path: Path) -> list[Text] | None:
    """The texts of a gold file in ../shared (read at run time, never copied), if present."""
    if not path.exists():
        return None
    return [(d.get("id", str(i)), d["text"], d.get("date")) for i, d in enumerate(_jsonl(path))]


CORPORA: dict[str, Callable[[], list[Text] | None]] = {
    "seeds": lambda: gold_texts(SEEDS_GOLD),
    "dev": lambda: gold_texts(DEV_GOLD),
    "written": written_texts,
}


def main() -> int:
    parser = argparse.ArgumentParser(description="Share of entities unchanged under damage.")
    parser.add_argument("damages", nargs="*", default=["capitals", "no_diacritics"],
                        choices=list(DAMAGES))  # fmt: skip
    parser.add_argument("--corpus", action="append", choices=list(CORPORA))
    parser.add_argument("--span", action="store_true", help="compare label and span only")
    parser.add_argument("--show", type=int, default=0, help="print this many changes each")
    args = parser.parse_args()
    import vnassoc_nlp

    nlp = vnassoc_nlp.load()
    print("| damage | corpus | unchanged | entities |\n|---|---|---:|---:|")
    for name in args.damages:
        for corpus in args.corpus or list(CORPORA):
            texts = CORPORA[corpus]()
            if texts is None:
                continue
            fields = False if args.span else None
            share, unchanged, total, changes = measure(nlp, name, texts, fields)
            span_only = args.span or name in SPAN_ONLY
            print(f"| {name}{' (label+span)' if span_only else ''} | {corpus} "
                  f"| {share:.2%} | {unchanged}/{total} |")  # fmt: skip
            for change in changes[: args.show]:
                print(f"    {change}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
