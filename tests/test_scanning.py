"""Scans that try a pattern only where it can start find what a scan of every position finds.

The recognizers and the normalizer find gazetteer words in one Aho–Corasick pass and try their
patterns only at the positions where a match can begin (matching.py). Each such shortcut is
checked here against the plain ``regex`` scan it replaces, on generated genre text.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

import regex
from hypothesis import example, given
from hypothesis import strategies as st

import vnassoc_nlp
from test_properties import FAST, FRAGMENTS, genre_text
from vnassoc_nlp.lexicon import Lexicon, Segmentation, Word
from vnassoc_nlp.matching import WordList, in_slice, matches_at, search_at
from vnassoc_nlp.recognizers.base import LEFT, RIGHT, Analysis
from vnassoc_nlp.recognizers.date import DateRecognizer
from vnassoc_nlp.recognizers.directive import DirectiveRecognizer
from vnassoc_nlp.recognizers.person import PersonRecognizer

# Pieces that stress the edges: words glued to letters, digits and joiners on either side.
EDGES = ["x", "9", "&", "-", "/", ".", "đ", "Ư", "ngày", "từ", "Từ", "TỪ", "tháng", "quý", "năm",
         " ", "12", "2023", " và ", "–", "Đến", "THÁNG"]  # fmt: skip
edge_text = st.lists(st.sampled_from(FRAGMENTS + EDGES), max_size=50).map("".join)
texts = st.one_of(genre_text, edge_text)
# Numbers and what may follow them in a date ("8 và 9-12", "19 - 21/11", "2021 đến 2030").
NUMBERS = ["7", "19", "45", "2021", "1.5", " ", "  ", "-", "–", "/", ".", ",", " và ", "Và",
           "tháng", "THÁNG", "đến", "Đến", "năm", "ngày", "từ", "quý", "x", "\n", "học", "mồng",
           "IV", "giai đoạn", "nhiệm kỳ", "hôm"]  # fmt: skip
number_text = st.lists(st.sampled_from(NUMBERS), max_size=30).map("".join)


def spans(matches: object) -> list[tuple[int, int]]:
    return [m.span() for m in matches]  # type: ignore[attr-defined]


def recognizer(nlp: vnassoc_nlp.Pipeline, kind: type) -> object:
    return next(r for r in nlp.recognizers if isinstance(r, kind))


def analysis_of(nlp: vnassoc_nlp.Pipeline, text: str) -> Analysis:
    return Analysis(nlp.normalizer.normalize(text), None, lexicon=nlp.lexicon)


@FAST
@given(text=texts)
def test_word_list_finds_what_a_bounded_named_list_finds(text: str) -> None:
    words = ["hội", "liên hiệp hội", "liên hiệp", "sở", "ban thường vụ", "kh&cn", "tp. hcm"]
    low = text.lower()
    for joiners in ("", "&", "-/"):
        before, after = f"(?<![\\p{{L}}\\p{{N}}{joiners}])", f"(?![\\p{{L}}\\p{{N}}{joiners}])"
        named = regex.compile(before + r"\L<w>" + after, regex.V1, w=words)
        found = WordList(words, joiners=joiners)
        assert found.scan(low) == spans(named.finditer(low))
        assert found.longest_at_each_start(low) == spans(named.finditer(low, overlapped=True))
    bounded = regex.compile(LEFT + r"\L<w>" + RIGHT, regex.V1, w=words)
    assert WordList(words, joiners="&").scan(low) == spans(bounded.finditer(low))


@FAST
@given(text=st.one_of(texts, number_text))
# (numbers with no word before them that starts a date, so that only the number can)
@example(text="đợt 8 và 9-12; đợt 19 - 21/11; đợt 19 – 21/11/2024; 6 tháng đầu năm 2023")
@example(text="khóa 2021 đến 2030, khóa 2020 – 2025, khóa 2019-2024; họp 3 THÁNG 2, 3 Và 4/5")
@example(
    text="hạn từ năm 2019 - 2021, năm học 2023-2024, Giai đoạn 2021 - 2030, nhiệm kỳ 2020 - 2025"
)
@example(
    text="từ quý 4/2023 đến quý 2/2024, quý IV năm 2023, ngày mồng 3 tháng 2, hôm 5/6, Từ ngày 2"
)
@example(text="từ tháng 3/2009 đến 7/2011, từ 17 đến 26/8/2020, ngày 3 - 2 - 1930, năm 2020")
@example(text="họp 3\ntháng 2 năm 2020; đợt 8\nvà 9-12; khóa 2021\nđến 2030")  # (any space)
def test_date_shapes_tried_at_their_starts(nlp: vnassoc_nlp.Pipeline, text: str) -> None:
    dates = recognizer(nlp, DateRecognizer)
    analysis = analysis_of(nlp, text)
    starts = dates.starts(analysis)  # type: ignore[attr-defined]
    for kind, pattern in dates._patterns:  # type: ignore[attr-defined]
        full = spans(pattern.finditer(analysis.text))
        assert spans(matches_at(pattern, analysis.text, starts[kind], reach=300)) == full, kind


@FAST
@given(text=texts)
def test_cued_names_and_directives_tried_at_their_cues(
    nlp: vnassoc_nlp.Pipeline, text: str
) -> None:
    analysis = analysis_of(nlp, text)
    people = recognizer(nlp, PersonRecognizer)
    cues = people._cue_words.starts(analysis.lowered)  # type: ignore[attr-defined]
    pattern = people.cued_name_pattern  # type: ignore[attr-defined]
    assert spans(matches_at(pattern, analysis.text, cues)) == spans(pattern.finditer(analysis.text))
    directives = recognizer(nlp, DirectiveRecognizer)
    kinds = directives._kind_words.starts(analysis.lowered)  # type: ignore[attr-defined]
    pattern = directives.pattern  # type: ignore[attr-defined]
    assert spans(matches_at(pattern, analysis.text, kinds)) == spans(
        pattern.finditer(analysis.text)
    )


CREDIT_TEXT = ["Ảnh", "Ảnh minh họa", "Bài và ảnh", "Tin", ":", " :", ": ", "\t", ".", "!", "\n",
               "  ", " ", "Trần Dung", "Đinh Tú Anh", "x", "Lê", "9"]  # fmt: skip
credit_text = st.lists(st.sampled_from(CREDIT_TEXT), max_size=25).map("".join)


@FAST
@given(text=st.one_of(texts, credit_text))
@example(text="Tin: Lê Hà.  Ảnh minh họa :\tTrần Dung\nBài và ảnh: Đinh Tú Anh. x Tin: Lê Vy")
@example(text="Xong! Tin: Lê Hà? Ảnh: Trần Dung.\tBài: Lê Vy\n \tVideo : Đinh Tú x Clip: Lê An")
def test_credit_lines_tried_at_their_cue_words(nlp: vnassoc_nlp.Pipeline, text: str) -> None:
    # The credit pattern as a scan of every position: from the line or sentence start.
    syllable = r"[\p{Lu}][\p{Ll}]*"
    people = recognizer(nlp, PersonRecognizer)
    whole = regex.compile(
        r"(?:^|(?<=[.!?\n]\s{0,3}))[ \t]*(?:\L<cues>)[ \t]*:[ \t]*"
        rf"(?P<name>{syllable}(?:[ \t]+{syllable}){{1,3}})(?![\p{{L}}\p{{N}}])",
        regex.V1 | regex.MULTILINE,
        cues=nlp.data.words("credit_cues"),
    )
    analysis = analysis_of(nlp, text)
    found = people._credit_lines(analysis)  # type: ignore[attr-defined]
    assert [m.span("name") for m in found] == [
        m.span("name") for m in whole.finditer(analysis.text)
    ]


HEADING_TEXT = ["Các", "các đồng chí", "03", " ", "Phó Chủ tịch", "Thứ trưởng", "Bộ Y tế", "Hội",
                " gồm", " có", ":", ": ", ";", ".", "\n", "x", "Lê Thị Thu", ", ", "Ảnh", "9:30"]  # fmt: skip
heading_text = st.lists(st.sampled_from(HEADING_TEXT), max_size=30).map("".join)


@FAST
@given(text=st.one_of(texts, heading_text))
@example(text="Dự có Bộ trưởng X; các đồng chí Thứ trưởng Bộ Y tế: Lê Thị Thu. Ảnh: 9:30")
@example(text="Đại hội bầu ban mới; 03 Phó Chủ tịch Hội gồm: Lê Thị Thu, Hà Quang Vinh.")
def test_list_headings_read_only_before_a_colon_with_a_position(
    nlp: vnassoc_nlp.Pipeline, text: str
) -> None:
    people = recognizer(nlp, PersonRecognizer)
    analysis = analysis_of(nlp, text)
    position_at = people._position_anywhere.starts(analysis.lowered)  # type: ignore[attr-defined]
    found = people._headings(analysis.text, position_at)  # type: ignore[attr-defined]
    assert spans(found) == spans(people.list_heading.finditer(analysis.text))  # type: ignore[attr-defined]


GLOSS_TEXT = ["Asia", "Pacific", "-", "Network", " ", "  ", " of ", " for ", "&", "(AP)", "(APN)",
              "(A)", "(KH&CN)", "(", ")", "Hội", "x", "9", "ĐHQG", "\n", "Rosa Luxemburg"]  # fmt: skip
gloss_text = st.lists(st.sampled_from(GLOSS_TEXT), max_size=30).map("".join)


@FAST
@given(text=st.one_of(texts, gloss_text))
@example(text="Rosa Luxemburg Stiftung (RLS)(AB) Hội Asia-Pacific Network for Soil (APNS) x(AP)")
def test_glossed_names_read_before_their_brackets(text: str) -> None:
    from vnassoc_nlp.recognizers.organization import _GLOSSED_NAME, glossed_names

    assert spans(glossed_names(text)) == spans(_GLOSSED_NAME.finditer(text))


OFFICE_TEXT = ["Văn phòng", "văn phòng", "Ban Thường vụ", "thường trực", "Ủy ban kiểm tra",
               "Đảng ủy", "đảng ủy", "Đảng đoàn", "ĐẢNG ỦY", " ", "  ", "\n", "x", "Hà", "9",
               "Trưởng ban", "chánh "]  # fmt: skip
office_text = st.lists(st.sampled_from(OFFICE_TEXT), max_size=25).map("".join)


@FAST
@given(text=st.one_of(texts, office_text))
@example(text="chánh văn phòng Đảng ủy, Ban Thường vụ\nĐảng đoàn Hà, xthường trực đảng ủy 9")
@example(text="Văn phòng\nĐảng ủy. Thường trực \n Đảng đoàn; Ủy ban kiểm tra đảng ủy")
def test_party_offices_tried_at_their_office_words(nlp: vnassoc_nlp.Pipeline, text: str) -> None:
    from vnassoc_nlp.recognizers.organization import _PARTY_OFFICE, OrganizationRecognizer

    organizations = recognizer(nlp, OrganizationRecognizer)
    analysis = analysis_of(nlp, text)
    found = organizations._party_office_matches(analysis)  # type: ignore[attr-defined]
    assert spans(found) == spans(_PARTY_OFFICE.finditer(analysis.text))


CODE_TEXT = ["Số", "số", ":", " ", "  ", "\n", "42", "123456", "7", "-", "/", "CT", "TW", "QĐ",
             "2016", "UBND", "x", "/1", "Chỉ thị ", "theo "]  # fmt: skip
code_text = st.lists(st.sampled_from(CODE_TEXT), max_size=25).map("".join)


@FAST
@given(text=st.one_of(texts, code_text))
@example(
    text="Số: 28/2016/QĐ-UBND, theo 59-KL/TW; số 12 /CT, xSố 3-CT, 123456/CT, 12345/CT, Số :  7/TW"
)
def test_bare_codes_tried_at_their_numbers(nlp: vnassoc_nlp.Pipeline, text: str) -> None:
    directives = recognizer(nlp, DirectiveRecognizer)
    analysis = analysis_of(nlp, text)
    found = directives._bare_codes(analysis)  # type: ignore[attr-defined]
    pattern = directives.bare_code  # type: ignore[attr-defined]
    assert spans(found) == spans(pattern.finditer(analysis.text))


@FAST
@given(text=st.one_of(texts, st.text(st.sampled_from("ab ,.éX?\n"), max_size=120)))
@example(text=" , " + "x" * 40 + "é" + "Hoi nghi tong ket, Ha Noi, ngay thu hai, cac dai bieu da")
@example(text="." * 40 + "a" + "é" + "a" * 40)
@example(text="é" + "a" * 41 + "é")
@example(text="é" + "a" + "." * 40 + "é")
def test_lines_perhaps_bare_found_as_the_whole_scan_finds_them(text: str) -> None:
    from vnassoc_nlp.normalize import _MAYBE_BARE, maybe_bare

    assert maybe_bare(text) == (_MAYBE_BARE.search(text) is not None)


def trimmed_by_reading(analysis: Analysis, start: int, end: int) -> int | None:
    """A name's end without the syllables that begin a word running past it, read word by
    word; None when fewer than two syllables remain."""
    kept_end, syllables = start, 0
    for word in analysis.word_run(start, min(len(analysis.text), end + 12)):
        if word.end > end:
            break
        kept_end, syllables = word.end, syllables + word.syllables
    return kept_end if syllables >= 2 else None


NAME_TEXT = ["Nguyễn", "Văn", "Chủ", "tịch", "Hà", "Nội", " ", "  ", "\t", ",", ".", "-", "x",
             "9", "&", "\n", "Hồ Chí Minh", "Đoàn"]  # fmt: skip
name_text = st.lists(st.sampled_from(NAME_TEXT), max_size=25).map("".join)


@FAST
@given(text=st.one_of(texts, name_text), span=st.tuples(st.integers(0, 80), st.integers(0, 40)))
@example(text="Đoàn Chủ tịch, Nguyễn Văn Hà. x-Nguyễn Văn, Hồ Chí Minh", span=(0, 9))
@example(text="Đoàn Chủ tịch", span=(0, 8))  # "Chủ tịch" runs past the end: "Đoàn" is left
@example(text="Nguyễn Văn ,x", span=(0, 11))  # (the span ends on a space)
@example(text="Hà, x", span=(0, 2))  # one syllable is no name
def test_names_trimmed_as_their_words_read(
    nlp: vnassoc_nlp.Pipeline, text: str, span: tuple[int, int]
) -> None:
    analysis = analysis_of(nlp, text)
    start = min(span[0], len(analysis.text))
    end = min(len(analysis.text), start + span[1])
    trimmed = PersonRecognizer._trim_name(analysis, start, end)
    assert trimmed == trimmed_by_reading(analysis_of(nlp, text), start, end)


BEFORE_TEXT = ["thành phố ", "Thành phố", "phố ", "TP. ", "tp", "tỉnh ", "đường ", "số 12a ",
               "Tư tưởng ", "các ", "Những ", "luật ", "Bộ luật ", "tổ chức ", "x", "  ", "\n",
               "Luật Tổ chức "]  # fmt: skip
before_text = st.lists(st.sampled_from(BEFORE_TEXT), max_size=8).map("".join)


@FAST
@given(text=st.one_of(texts, before_text), cut=st.integers(0, 30))
@example(text="thành phố ", cut=0)
@example(text="Bộ luật Tổ chức ", cut=3)
def test_words_before_searched_backwards_found_where_searched_forwards(text: str, cut: int) -> None:
    from vnassoc_nlp.recognizers import organization, province

    start = min(cut, len(text))
    for backwards in (
        province._NOT_PROVINCE_BEFORE, province._CITY_BEFORE, province._UNIT_BEFORE,
        organization._GENERIC_BEFORE, organization._LAW_BEFORE,
    ):  # fmt: skip
        assert backwards.flags & regex.REVERSE
        forwards = regex.compile(backwards.pattern, backwards.flags & ~regex.REVERSE)
        assert bool(backwards.search(text)) == bool(forwards.search(text))
        assert bool(backwards.search(text, start)) == bool(forwards.search(text, start))


@FAST
@given(text=texts)
@example(text="xPhó Chủ tịch, nguyên  Bí thư; PHÓ CHỦ TỊCH và chủ tịchx")
def test_positions_tried_only_where_a_position_word_starts(
    nlp: vnassoc_nlp.Pipeline, text: str
) -> None:
    from vnassoc_nlp.recognizers.organization import OrganizationRecognizer

    analysis = analysis_of(nlp, text)
    for kind in (PersonRecognizer, OrganizationRecognizer):
        found = recognizer(nlp, kind)
        starts = set(found._position_anywhere.starts(analysis.lowered))  # type: ignore[attr-defined]
        for position in range(len(analysis.text)):
            if found.position_start.match(analysis.text, position):  # type: ignore[attr-defined]
                assert position in starts


@FAST
@given(text=texts, cut=st.integers(0, 80))
def test_patterns_ending_where_a_name_starts_searched_at_their_words(
    nlp: vnassoc_nlp.Pipeline, text: str, cut: int
) -> None:
    # The window before a name ends anywhere, even inside a word: a match may then start at
    # the window's first character, where its lookbehind sees nothing.
    analysis = analysis_of(nlp, text)
    people = recognizer(nlp, PersonRecognizer)
    lowered = analysis.lowered
    for words, pattern in (
        (people._position_words, people.position_end),  # type: ignore[attr-defined]
        (people._title_words, people.title_chain_end),  # type: ignore[attr-defined]
        (people._honorific_words, people.honorific_end),  # type: ignore[attr-defined]
    ):
        starts = words.starts(lowered)
        for end in range(len(text), 0, -max(1, len(text) // 7)):
            start = max(0, end - cut)
            window = analysis.text[start:end]
            expected = pattern.search(window)
            found = search_at(pattern, window, in_slice(starts, start, end))
            assert (found and found.span()) == (expected and expected.span())


@FAST
@given(
    text=st.one_of(
        genre_text, st.text(st.sampled_from(" \u00a0\t\u200b\r\n“”–…ðe\u0301\u0302\u0323aoxĐ"))
    )
)
def test_character_pass_tried_where_it_can_change_something(
    nlp: vnassoc_nlp.Pipeline, text: str
) -> None:
    from vnassoc_nlp.normalize import _CHAR_PATTERN

    def changing(matches: Iterable[regex.Match[str]]) -> list[tuple[int, int]]:
        # (a letter and its marks already composed: matched by the whole scan, changed by none)
        return [
            m.span() for m in matches
            if m.lastgroup != "cluster" or unicodedata.normalize("NFC", m.group()) != m.group()
        ]  # fmt: skip

    normalizer = nlp.normalizer
    tried = matches_at(_CHAR_PATTERN, text, normalizer._character_starts(text))
    assert changing(tried) == changing(_CHAR_PATTERN.finditer(text))


@FAST
@given(text=texts)
def test_word_pass_finds_every_word_it_changes(nlp: vnassoc_nlp.Pipeline, text: str) -> None:
    from vnassoc_nlp.normalize import _WORD

    normalizer = nlp.normalizer
    starts = set(normalizer._word_starts(text, normalizer.fold(text)))
    for word in _WORD.finditer(text):
        fixed = normalizer._tone_map.get(word.group())
        changed = (fixed is not None and len(fixed) == len(word.group())) or (
            len(word.group()) >= 4 and normalizer._glue_cuts(word.group())
        )
        if changed:
            assert word.start() in starts, word.group()


@FAST
@given(text=texts)
def test_one_scan_per_view_finds_what_each_list_finds(nlp: vnassoc_nlp.Pipeline, text: str) -> None:
    normalized = nlp.normalizer.normalize(text)
    shared = Analysis(normalized, None, lexicon=nlp.lexicon, scanner=nlp._scanner)
    alone = Analysis(normalized, None, lexicon=nlp.lexicon)
    lists = [word_list for r in nlp.recognizers for word_list in r.word_lists()]
    assert len(lists) >= 15 and all(word_list in nlp._scanner for word_list in lists)  # type: ignore[operator]
    for word_list in lists:
        assert shared.longest(word_list) == alone.longest(word_list), word_list.words[:3]


@FAST
@given(text=texts)
def test_the_folded_view_is_the_normalized_text_folded(
    nlp: vnassoc_nlp.Pipeline, text: str
) -> None:
    # (folded from the first pass's fold where the word pass left the text as it was)
    normalized = nlp.normalizer.normalize(text)
    assert normalized.folded == nlp.normalizer.fold(normalized.text)


@FAST
@given(text=st.one_of(texts, st.text(st.sampled_from("aĐ9²_&.-– \u0301x"), max_size=40)))
def test_syllables_are_runs_of_letters_and_digits_joined_by_signs(text: str) -> None:
    from vnassoc_nlp.lexicon import SYLLABLE

    reference = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}&.\-]*[\p{L}\p{N}]|[\p{L}\p{N}]", regex.V1)
    assert spans(SYLLABLE.finditer(text)) == spans(reference.finditer(text))


def whole_text_words(
    lexicon: Lexicon, text: str, start: int, end: int, limit: int | None
) -> list[Word]:
    """The words a reading of ``text`` from its start finds between ``start`` and ``end``:
    every syllable tokenized, each word the longest lexicon entry at its first syllable."""
    from vnassoc_nlp.lexicon import SYLLABLE

    syllables = [m.span() for m in SYLLABLE.finditer(text)]
    i = next((k for k, (s, _) in enumerate(syllables) if s >= start), len(syllables))
    words: list[Word] = []
    while i < len(syllables) and syllables[i][0] < end and len(words) != limit:
        n = 1  # syllables joined by one space, never lower case into a capital
        while (
            n < Lexicon.MAX_SYLLABLES
            and i + n < len(syllables)
            and syllables[i + n][0] == syllables[i + n - 1][1] + 1
            and text[syllables[i + n - 1][1]] == " "
            and not (
                text[syllables[i + n][0]].isupper() and not text[syllables[i + n - 1][0]].isupper()
            )
        ):
            n += 1
        size = next(
            (k for k in range(n, 1, -1)
             if text[syllables[i][0] : syllables[i + k - 1][1]].lower() in lexicon._words),
            1,
        )  # fmt: skip
        word_start, word_end = syllables[i][0], syllables[i + size - 1][1]
        if word_end > end:
            size, word_end = 1, syllables[i][1]
        surface = text[word_start:word_end]
        words.append(
            Word(word_start, word_end, surface, lexicon.word_class(surface), size,
                 surface[0].isupper() or surface[0].isdigit())
        )  # fmt: skip
        i += size
    return words


class ShortStepBack(Segmentation):
    MAX_STEP_BACK = 2  # so that generated texts take the whole-text path too


@FAST
@given(
    text=st.one_of(texts, st.text(st.sampled_from("aĐ9_&.-– \u0301xKhoa học"), max_size=60)),
    window=st.tuples(st.integers(0, 80), st.integers(0, 60), st.none() | st.integers(0, 6)),
)
def test_words_read_from_anywhere_are_the_whole_text_reading(
    nlp: vnassoc_nlp.Pipeline, text: str, window: tuple[int, int, int | None]
) -> None:
    start, length, limit = window
    start = min(start, len(text))
    end = min(len(text), start + length)
    expected = whole_text_words(nlp.lexicon, text, start, end, limit)
    for segmentation in (Segmentation(nlp.lexicon, text), ShortStepBack(nlp.lexicon, text)):
        # (twice: the second reading comes from the words remembered)
        assert segmentation.words(start, end, limit) == expected
        assert list(segmentation.run(start, end, limit)) == expected
