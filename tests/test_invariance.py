"""The same article damaged the ways scraped dumps damage it yields the same entities (issues 8
and 15).

The damage kinds, the offset map they record, and the comparison are in ``damage.py``. An entity
is unchanged when the damaged document has one with the same label, exactly the mapped span, and
the same typed values; the share of unchanged entities, counting entities lost and gained, must
stay at or above the floor of its damage: 98% for the kinds of issue 8 (NFD, old tones, odd
spaces, CRLF), 99% for HTML character references, stray tags and whole-document mojibake. Every
entity of every damaged text must point exactly into it.

Texts: the five seed articles (``../shared/eval/seeds.gold.jsonl``) and the development set
(``../shared/eval/dev/gold.jsonl``), read at run time and skipped when absent, and the texts
written for the tests (``tests/data/genre_cases.jsonl``, ``examples/sample_article.txt``).
Capitals and lost diacritics are measured (``python tests/damage.py``), not yet held to a floor.
"""

from __future__ import annotations

import unicodedata

import pytest

import vnassoc_nlp
from damage import (
    CORPORA,
    DAMAGES,
    SPAN_ONLY,
    WORD,
    Text,
    compare,
    damage,
    measure,
    old_tone,
)

FLOORS = {"html_references": 0.99, "stray_tags": 0.99, "mojibake": 0.99}
FLOOR = 0.98  # the kinds of issue 8
MEASURED_ONLY = ("capitals", "no_diacritics")  # the recognizers do not handle them yet


def corpus_texts(corpus: str) -> list[Text]:
    texts = CORPORA[corpus]()
    if texts is None:
        pytest.skip(f"the {corpus} texts are not available on this machine")
    return texts


@pytest.fixture(scope="module")
def nlp() -> vnassoc_nlp.Pipeline:
    return vnassoc_nlp.load()


# -- the damage functions themselves --------------------------------------------------------------
@pytest.mark.parametrize(
    ("modern", "old"),
    [("hòa", "hoà"), ("Hòa", "Hoà"), ("thủy", "thuỷ"), ("ủy", "uỷ"), ("Ủy", "Uỷ"), ("khỏe", "khoẻ"),
     ("thỏa", "thoả"), ("tùy", "tuỳ"), ("quý", "quý"), ("hoàng", "hoàng"), ("huyện", "huyện"),
     ("hoa", "hoa"), ("HÒA", "HOÀ")],
)  # fmt: skip
def test_old_tone_damage_moves_the_mark_in_open_oa_oe_uy_syllables(modern: str, old: str) -> None:
    assert old_tone(modern) == old


def test_damage_offsets_land_on_the_same_words() -> None:
    clean = "Ông Lê Văn Hòa,\nChủ tịch Tỉnh ủy Quảng Trị"
    damaged, offsets = damage("all", clean)
    assert "\r\n" in damaged and "\u00a0" in damaged and "\u200b" in damaged and "  " in damaged
    assert damaged != unicodedata.normalize("NFC", damaged)
    for word in WORD.finditer(clean):
        surface = damaged[offsets[word.start()] : offsets[word.end()]]
        assert unicodedata.normalize("NFC", surface) == old_tone(word.group())
    assert damaged[offsets[11] : offsets[14]] == unicodedata.normalize("NFD", "Hoà")


def test_stray_tags_and_references_keep_the_words_between_them() -> None:
    clean = "Ông Lê Văn Hòa,\nChủ tịch Hội Nông dân & Tỉnh ủy Quảng Trị"
    for name in ("stray_tags", "html_references"):
        damaged, offsets = damage(name, clean)
        assert damaged != clean
        for word in WORD.finditer(clean):
            surface = damaged[offsets[word.start()] : offsets[word.end()]]
            # A word keeps its letters: tags only between words, references decode to them.
            assert not surface.startswith("<") and not surface.endswith(">"), (name, surface)
    tagged, _ = damage("stray_tags", clean)
    assert "<br>\n" in tagged
    referenced, _ = damage("html_references", clean)
    assert "&amp;" in referenced and "&#" in referenced


def test_mojibake_damage_is_utf8_read_as_windows_1252() -> None:
    damaged, offsets = damage("mojibake", "Hội Đồng")
    assert damaged == "Há»™i Ä\x90á»“ng"
    assert damaged[offsets[0] : offsets[3]] == "Há»™i"


def test_capitals_and_no_diacritics_damage() -> None:
    clean = "Dòng một\nDòng hai\nLiên hiệp Hội tỉnh Đắk Lắk\nDòng bốn"
    capital, offsets = damage("capitals", clean)
    assert capital.splitlines()[2] == "LIÊN HIỆP HỘI TỈNH ĐẮK LẮK"
    assert capital.splitlines()[3] == "Dòng bốn" and offsets == list(range(len(clean) + 1))
    bare, _ = damage("no_diacritics", clean)
    assert bare.splitlines()[2] == "Lien hiep Hoi tinh Dak Lak"


# -- invariance -----------------------------------------------------------------------------------
def _report(capsys: pytest.CaptureFixture[str], kind: str, name: str, result: tuple) -> None:
    share, unchanged, total, _ = result
    with capsys.disabled():
        print(f"\n[invariance] {kind:7s} {name:16s} {share:7.2%} unchanged ({unchanged}/{total})")


@pytest.mark.parametrize("name", [name for name in DAMAGES if name not in MEASURED_ONLY])
@pytest.mark.parametrize("corpus", list(CORPORA))
def test_articles_keep_their_entities(
    nlp: vnassoc_nlp.Pipeline, corpus: str, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """On the seed articles, the development set and the texts written for the tests."""
    result = measure(nlp, name, corpus_texts(corpus))
    _report(capsys, corpus, name, result)
    share, _, _, changes = result
    assert share >= FLOORS.get(name, FLOOR), "\n".join(changes[:40])


@pytest.mark.parametrize("name", MEASURED_ONLY)
def test_capitals_and_no_diacritics_are_measured_with_exact_offsets(
    nlp: vnassoc_nlp.Pipeline, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """No floor yet (the recognizers will learn these); every offset must still be exact."""
    result = measure(nlp, name, corpus_texts("written"))
    _report(capsys, "written", name + (" (span)" if name in SPAN_ONLY else ""), result)


def test_the_measure_sees_a_real_change(nlp: vnassoc_nlp.Pipeline) -> None:
    """Guards the comparison: damage the normalizer does not repair is counted as a change."""
    clean = "PGS.TS Trần Minh Khôi, Chủ tịch Liên hiệp các Hội KH&KT tỉnh Quảng Trị."
    broken = clean.replace("Trần Minh Khôi", "trần minh khôi")  # not a name any more
    offsets = list(range(len(clean) + 1))
    same, total, changes = compare(nlp(clean), nlp(broken), offsets)
    assert same < total and changes
