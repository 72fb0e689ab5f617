"""Normalization of damaged scraped text, and the offset map back to the raw input.

Offsets below are worked out by hand from the raw strings, so that a wrong map cannot pass.
"""

from __future__ import annotations

import unicodedata

import pytest

import vnassoc_nlp
from vnassoc_nlp.normalize import Normalizer


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def assert_identity_map(normalizer: Normalizer, raw: str) -> None:
    """Nothing to fix: the text is unchanged and every span maps to itself."""
    result = normalizer.normalize(raw)
    assert result.text == raw
    for start in range(len(raw)):
        for end in range(start + 1, len(raw) + 1):
            if raw[start].isspace() or raw[end - 1].isspace():
                continue
            assert result.to_raw(start, end) == (start, end)


# -- the folded view -----------------------------------------------------------------------------
def test_folded_view_is_lowercase_ascii_of_the_same_length(normalizer: Normalizer) -> None:
    raw = "Đồng chí Lê Thị Thu, Phó Bí thư Tỉnh ủy Quảng Trị"
    result = normalizer.normalize(raw)
    assert result.folded == "dong chi le thi thu, pho bi thu tinh uy quang tri"
    assert len(result.folded) == len(result.text)


# -- NFD input ------------------------------------------------------------------------------------
def test_nfd_input_becomes_nfc_with_offsets_into_the_decomposed_raw(
    normalizer: Normalizer,
) -> None:
    clean = "Hội Khuyến học tỉnh Quảng Trị"
    raw = nfd(clean)
    assert len(raw) == 37  # 8 more code points: one per combining mark
    result = normalizer.normalize(raw)
    assert result.text == clean
    assert len(result.folded) == len(clean)
    # Hội(0-5) Khuyến(6-14) học(15-19) tỉnh(20-25) Quảng(26-32) Trị(33-37) in the raw text.
    assert result.to_raw(0, 3) == (0, 5)
    assert result.to_raw(4, 10) == (6, 14)
    assert result.to_raw(20, 25) == (26, 32)
    assert result.to_raw(20, 29) == (26, 37)
    assert result.to_raw(0, 29) == (0, 37)


def test_nfd_every_word_maps_back_to_its_decomposed_form(normalizer: Normalizer) -> None:
    clean = "PGS.TS Trần Minh Khôi, Chủ tịch Liên hiệp các Hội KH&KT tỉnh Quảng Trị"
    raw = nfd(clean)
    result = normalizer.normalize(raw)
    assert result.text == clean
    position = 0
    for word in clean.split():
        start = clean.index(word, position)
        end = start + len(word)
        position = end
        raw_start, raw_end = result.to_raw(start, end)
        assert nfc(raw[raw_start:raw_end]) == word
        assert raw[raw_start:raw_end] == nfd(word)


# -- old tone placement --------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Hoà Bình", "Hòa Bình"),
        ("thuỷ lợi", "thủy lợi"),
        ("Tỉnh uỷ", "Tỉnh ủy"),
        ("khoẻ", "khỏe"),
    ],
    ids=["Hoa_Binh", "thuy_loi", "Tinh_uy", "khoe"],
)
def test_old_tone_placement_is_modernised(normalizer: Normalizer, raw: str, expected: str) -> None:
    result = normalizer.normalize(raw)
    assert result.text == expected
    assert result.to_raw(0, len(expected)) == (0, len(raw))


def test_old_tone_placement_in_a_sentence_keeps_every_offset(normalizer: Normalizer) -> None:
    raw = "Tỉnh uỷ Hoà Bình chỉ đạo làm tốt công tác thuỷ lợi, chăm lo sức khoẻ nhân dân."
    result = normalizer.normalize(raw)
    assert result.text == (
        "Tỉnh ủy Hòa Bình chỉ đạo làm tốt công tác thủy lợi, chăm lo sức khỏe nhân dân."
    )
    assert len(result.text) == len(raw)
    assert result.to_raw(0, 7) == (0, 7)  # Tỉnh ủy
    assert result.to_raw(8, 16) == (8, 16)  # Hòa Bình
    assert result.to_raw(42, 50) == (42, 50)  # thủy lợi
    assert result.to_raw(64, 68) == (64, 68)  # khỏe
    assert raw[64:68] == "khoẻ"


# -- spacing -----------------------------------------------------------------------------------------
def test_nbsp_doubled_spaces_and_tabs_become_one_space(normalizer: Normalizer) -> None:
    raw = "Ông\u00a0Lê Văn Hòa,  Chủ tịch\t\tHội Làm vườn tỉnh Quảng Trị"
    result = normalizer.normalize(raw)
    assert result.text == "Ông Lê Văn Hòa, Chủ tịch Hội Làm vườn tỉnh Quảng Trị"
    assert result.to_raw(0, 14) == (0, 14)  # Ông Lê Văn Hòa (NBSP is one for one)
    assert result.to_raw(16, 19) == (17, 20)  # Chủ, after the doubled space
    assert result.to_raw(25, 28) == (27, 30)  # Hội, after the two tabs
    assert result.to_raw(16, 28) == (17, 30)  # Chủ tịch Hội
    assert result.to_raw(43, 52) == (45, 54)  # Quảng Trị
    # A span that starts on the collapsed space starts at the word in the raw text.
    assert result.to_raw(15, 19) == (17, 20)


def test_zero_width_space_after_a_space_is_removed(normalizer: Normalizer) -> None:
    raw = "Chủ tịch \u200bLê Văn Hòa"
    result = normalizer.normalize(raw)
    assert result.text == "Chủ tịch Lê Văn Hòa"
    assert result.to_raw(9, 19) == (10, 20)
    assert raw[10:20] == "Lê Văn Hòa"


def test_byte_order_mark_at_the_start_is_removed(normalizer: Normalizer) -> None:
    raw = "\ufeffNgày 2/5, Tỉnh ủy Quảng Trị"
    result = normalizer.normalize(raw)
    assert result.text == "Ngày 2/5, Tỉnh ủy Quảng Trị"
    assert result.to_raw(0, 8) == (1, 9)


def test_crlf_becomes_lf(normalizer: Normalizer) -> None:
    raw = "Ngày 15/3/2024\r\nTỉnh ủy Quảng Trị\r\n"
    result = normalizer.normalize(raw)
    assert result.text == "Ngày 15/3/2024\nTỉnh ủy Quảng Trị\n"
    assert result.to_raw(0, 14) == (0, 14)
    assert result.to_raw(15, 19) == (16, 20)  # Tỉnh
    assert result.to_raw(23, 32) == (24, 33)  # Quảng Trị


# -- typography ------------------------------------------------------------------------------------
def test_typographic_quotes_and_dashes_become_ascii(normalizer: Normalizer) -> None:
    raw = "Hội thảo “Trí thức với chuyển đổi số” – diễn ra từ 2023—2024"
    result = normalizer.normalize(raw)
    assert result.text == 'Hội thảo "Trí thức với chuyển đổi số" - diễn ra từ 2023-2024'
    assert result.to_raw(9, 37) == (9, 37)
    assert raw[9:37] == "“Trí thức với chuyển đổi số”"
    assert result.to_raw(51, 60) == (51, 60)  # 2023-2024


def test_ellipsis_becomes_three_dots_and_later_offsets_shift_back(
    normalizer: Normalizer,
) -> None:
    raw = "phát biểu… Ông Lê Văn Hòa"
    result = normalizer.normalize(raw)
    assert result.text == "phát biểu... Ông Lê Văn Hòa"
    assert result.to_raw(13, 27) == (11, 25)
    assert raw[11:25] == "Ông Lê Văn Hòa"


# -- words glued by HTML stripping -----------------------------------------------------------------
def test_glued_same_case_word_after_a_name_is_split(normalizer: Normalizer) -> None:
    raw = "Liên hiệp Hội Việt Namvà các hội thành viên"
    result = normalizer.normalize(raw)
    assert result.text == "Liên hiệp Hội Việt Nam và các hội thành viên"
    assert result.to_raw(0, 22) == (0, 22)  # Liên hiệp Hội Việt Nam
    assert result.to_raw(23, 25) == (22, 24)  # và
    assert result.to_raw(26, 29) == (25, 28)  # các


def test_glued_lower_upper_province_is_split(normalizer: Normalizer) -> None:
    raw = "Chủ tịch Liên hiệp Hội tỉnhQuảng Trị"
    result = normalizer.normalize(raw)
    assert result.text == "Chủ tịch Liên hiệp Hội tỉnh Quảng Trị"
    assert result.to_raw(23, 27) == (23, 27)  # tỉnh
    assert result.to_raw(28, 37) == (27, 36)  # Quảng Trị
    assert result.to_raw(23, 37) == (23, 36)  # tỉnh Quảng Trị


def test_glued_lower_upper_inside_a_name_is_split(normalizer: Normalizer) -> None:
    raw = "Trường Cao đẳng Kỹ thuậtBắc Ninh"
    result = normalizer.normalize(raw)
    assert result.text == "Trường Cao đẳng Kỹ thuật Bắc Ninh"
    assert result.to_raw(25, 33) == (24, 32)  # Bắc Ninh
    assert result.to_raw(0, 33) == (0, 32)


def test_glued_syllables_of_one_word_are_split(normalizer: Normalizer) -> None:
    raw = "Liênhiệp các Hội KH&KT"
    result = normalizer.normalize(raw)
    assert result.text == "Liên hiệp các Hội KH&KT"
    assert result.to_raw(0, 4) == (0, 4)
    assert result.to_raw(5, 9) == (4, 8)  # hiệp
    assert result.to_raw(0, 9) == (0, 8)
    assert result.to_raw(10, 13) == (9, 12)  # các


@pytest.mark.parametrize(
    "raw",
    [
        "ThS Nguyễn Quyết Thắng trả lời VnExpress International",
        "cần nghiêng về ứng dụng, quyết định nhanh",
        "Nguyễn",
        "nghiêng",
        "quyết",
        "VnExpress",
        "International",
        "ThS",
    ],
    ids=[
        "sentence-1",
        "sentence-2",
        "Nguyen",
        "nghieng",
        "quyet",
        "VnExpress",
        "International",
        "ThS",
    ],
)
def test_words_that_are_not_glued_stay_whole(normalizer: Normalizer, raw: str) -> None:
    assert_identity_map(normalizer, raw)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param(
            "Liên hiệp Hội hỗ trợ doanhnghiệp nhỏ",
            "Liên hiệp Hội hỗ trợ doanh nghiệp nhỏ",
            id="doanhnghiep",
        ),
        pytest.param(
            "tổng kết hoạtđộng năm 2023",
            "tổng kết hoạt động năm 2023",
            id="hoatdong",
        ),
        pytest.param(
            "ông Lê Văn Hòa phátbiểu khai mạc",
            "ông Lê Văn Hòa phát biểu khai mạc",
            id="phatbieu",
        ),
        pytest.param(
            "đội ngũ tríthức trẻ",
            "đội ngũ trí thức trẻ",
            id="trithuc",
        ),
        pytest.param("quyền hạn của hộiviên", "quyền hạn của hội viên", id="hoivien"),
    ],
)
def test_glued_common_words_split_at_their_syllable_boundary(
    normalizer: Normalizer, raw: str, expected: str
) -> None:
    assert normalizer.normalize(raw).text == expected


@pytest.mark.parametrize(
    "raw",
    [
        pytest.param(
            "nghiên cứu vắc xin mRNA",
            id="mRNA",
        ),
        pytest.param(
            "xác thực eKYC cho hội viên",
            id="eKYC",
        ),
        pytest.param(
            "hợp tác với VinFast",
            id="VinFast",
        ),
    ],
)
def test_camel_case_names_are_not_glued_words(normalizer: Normalizer, raw: str) -> None:
    assert normalizer.normalize(raw).text == raw


# -- the passes compose ------------------------------------------------------------------------------
def test_nfd_tone_and_glue_fixes_compose_into_one_offset_map(normalizer: Normalizer) -> None:
    raw = nfd("Tỉnh uỷ Hoà Bình và tỉnhQuảng Trị")
    assert len(raw) == 41
    result = normalizer.normalize(raw)
    assert result.text == "Tỉnh ủy Hòa Bình và tỉnh Quảng Trị"
    assert result.to_raw(0, 7) == (0, 9)  # Tỉnh ủy
    assert result.to_raw(5, 7) == (6, 9)  # ủy
    assert result.to_raw(8, 16) == (10, 20)  # Hòa Bình
    assert result.to_raw(25, 34) == (30, 41)  # Quảng Trị
    assert nfc(raw[30:41]) == "Quảng Trị"


# -- the whole pipeline on damaged text ------------------------------------------------------------
CLEAN = (
    "Ngày 15/3/2024, tại tỉnh Hòa Bình, PGS.TS Trần Minh Khôi, Chủ tịch Liên hiệp các Hội "
    "KH&KT tỉnh Quảng Trị, làm việc với Liên hiệp Hội Việt Nam và các hội thành viên về "
    "công tác thủy lợi theo Chỉ thị số 42-CT/TW.\n"
    "Đồng chí Lê Thị Thu, Phó Bí thư Tỉnh ủy Quảng Trị, đề nghị Trường Cao đẳng Kỹ thuật "
    'Bắc Ninh chăm lo sức khỏe cho "nhà khoa học trẻ" - lực lượng nòng cốt.'
)

OLD_TONES = {"Hoà": "Hòa", "thuỷ": "thủy", "uỷ": "ủy", "khoẻ": "khỏe"}
TYPOGRAPHY = {"“": '"', "”": '"', "–": "-", "—": "-"}


def _replace_all(text: str, pairs: dict[str, str]) -> str:
    for old, new in pairs.items():
        text = text.replace(old, new)
    return text


def damage_old_tones(text: str) -> str:
    return _replace_all(
        text,
        {"Hòa Bình": "Hoà Bình", "thủy lợi": "thuỷ lợi", "Tỉnh ủy": "Tỉnh uỷ", "khỏe": "khoẻ"},
    )


def damage_spacing(text: str) -> str:
    return _replace_all(
        text,
        {
            "Chủ tịch ": "Chủ\u00a0tịch  ",
            "Ngày 15": "Ngày\t15",
            " Trần": " \u200bTrần",
            "tỉnh Quảng Trị": "tỉnh Quảng\u00a0Trị",
            "Phó Bí thư": "Phó  Bí\t\tthư",
        },
    )


def damage_crlf(text: str) -> str:
    return text.replace("\n", "\r\n")


def damage_typography(text: str) -> str:
    return _replace_all(text, {'"nhà': "“nhà", 'trẻ"': "trẻ”", " - ": " – "})


def damage_glue(text: str) -> str:
    return _replace_all(
        text,
        {
            "Việt Nam và": "Việt Namvà",
            "tỉnh Quảng Trị": "tỉnhQuảng Trị",
            "Kỹ thuật Bắc": "Kỹ thuậtBắc",
            "Liên hiệp Hội": "Liênhiệp Hội",
        },
    )


def damage_all(text: str) -> str:
    for damage in (damage_glue, damage_old_tones, damage_spacing, damage_crlf, damage_typography):
        text = damage(text)
    return nfd(text)


DAMAGES = {
    "nfd": nfd,
    "old_tones": damage_old_tones,
    "spacing": damage_spacing,
    "crlf": damage_crlf,
    "typography": damage_typography,
    "glue": damage_glue,
    "all": damage_all,
}


def entity_key(label: str, text: str) -> tuple[str, str]:
    """(label, NFC text) with the damage undone: old tones, typography, spacing and glue."""
    text = _replace_all(_replace_all(nfc(text), OLD_TONES), TYPOGRAPHY)
    return label, "".join(text.replace("\u200b", "").split())


def test_clean_sentence_has_all_five_labels(nlp: vnassoc_nlp.Pipeline) -> None:
    doc = nlp(CLEAN)
    keys = {entity_key(e.label, e.text) for e in doc.entities}
    assert {
        ("PERSON", "TrầnMinhKhôi"),
        ("PERSON", "LêThịThu"),
        ("PROVINCE", "QuảngTrị"),
        ("PROVINCE", "HòaBình"),
        ("ORGANIZATION", "LiênhiệpHộiViệtNam"),
        ("DIRECTIVE", "Chỉthịsố42-CT/TW"),
        ("DATE", "Ngày15/3/2024"),
    } <= keys


@pytest.mark.parametrize("damage", list(DAMAGES), ids=list(DAMAGES))
def test_damaged_text_gives_the_same_entities_at_raw_offsets(
    nlp: vnassoc_nlp.Pipeline, damage: str
) -> None:
    raw = DAMAGES[damage](CLEAN)
    assert raw != CLEAN
    doc = nlp(raw)
    assert doc.text == raw
    for entity in doc.entities:
        assert raw[entity.start : entity.end] == entity.text, entity
    clean_keys = {entity_key(e.label, e.text) for e in nlp(CLEAN).entities}
    damaged_keys = {entity_key(e.label, e.text) for e in doc.entities}
    assert damaged_keys == clean_keys


def test_entity_in_glued_text_points_into_raw(nlp: vnassoc_nlp.Pipeline) -> None:
    raw = "Đại diện Liên hiệp Hội Việt Namvà các hội thành viên."
    org = next(e for e in nlp(raw).entities if e.label == "ORGANIZATION")
    assert (org.start, org.end, org.text) == (9, 31, "Liên hiệp Hội Việt Nam")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("nguyên PCTLiên hiệp Hội", "nguyên PCT Liên hiệp Hội"), ("PCT, kiêmTTK", "PCT, kiêm TTK")],
)
def test_abbreviation_glued_to_a_word_is_split(
    normalizer: Normalizer, raw: str, expected: str
) -> None:
    assert normalizer.normalize(raw).text == expected


# -- decoding: HTML character references -------------------------------------------------------
def test_character_references_are_decoded_with_offsets_into_the_references(
    normalizer: Normalizer,
) -> None:
    raw = "Li&ecirc;n hi&#7879;p H&#x1ED9;i t&#7881;nh&nbsp;Y&ecirc;n B&aacute;i"
    result = normalizer.normalize(raw)
    assert result.text == "Liên hiệp Hội tỉnh Yên Bái"
    assert result.to_raw(0, 4) == (0, 10)  # Liên <- Li&ecirc;n
    assert raw[0:10] == "Li&ecirc;n"
    assert result.to_raw(5, 9) == (11, 21)  # hiệp <- hi&#7879;p
    assert result.to_raw(10, 13) == (22, 32)  # Hội <- H&#x1ED9;i
    assert raw[22:32] == "H&#x1ED9;i"
    assert result.to_raw(19, 26) == (49, len(raw))  # Yên Bái
    assert raw[49:] == "Y&ecirc;n B&aacute;i"
    assert result.warnings == ()


def test_doubly_escaped_references_and_amp_are_decoded(normalizer: Normalizer) -> None:
    raw = "Li&amp;ecirc;n hiệp các Hội KH&amp;KT tỉnh Điện Biên"
    result = normalizer.normalize(raw)
    assert result.text == "Liên hiệp các Hội KH&KT tỉnh Điện Biên"
    assert result.to_raw(0, 4) == (0, 14)
    assert result.to_raw(18, 23) == (28, 37)  # KH&KT <- KH&amp;KT
    assert raw[28:37] == "KH&amp;KT"


@pytest.mark.parametrize(
    "raw",
    [
        "Sở KH&CN tỉnh Lai Châu và Sở NN&PTNT",
        "Trung tâm R&D của Hội & các chi hội",
        "lợi nhuận tăng 5% & chi phí giảm <10%",
        "một ký tự & lẻ, &#; và &xyz; không phải tham chiếu",
        "tăng <5 năm và a < b > c",
        "Ban Thường vụ <Ban Chấp hành> họp",
    ],
)
def test_ampersands_and_angle_brackets_that_are_text_stay(normalizer: Normalizer, raw: str) -> None:
    assert_identity_map(normalizer, raw)


# -- decoding: HTML tags --------------------------------------------------------------------------
def test_inline_tags_vanish_and_spans_across_them_include_them(normalizer: Normalizer) -> None:
    raw = '<b>Liên hiệp</b> các <span class="x">Hội</span> tỉnh <em>Lào Cai</em>'
    result = normalizer.normalize(raw)
    assert result.text == "Liên hiệp các Hội tỉnh Lào Cai"
    assert result.to_raw(0, 9) == (3, 12)  # Liên hiệp: after <b>, before </b>
    assert result.to_raw(14, 17) == (37, 40)  # Hội
    assert result.to_raw(0, 17) == (3, 40)  # across </b> and <span ...>
    assert raw[3:40] == 'Liên hiệp</b> các <span class="x">Hội'
    assert result.to_raw(23, 30) == (57, 64)  # Lào Cai
    assert result.to_decoded(0, 17) == (0, 17)


def test_br_at_a_line_end_vanishes_elsewhere_it_breaks_the_line(normalizer: Normalizer) -> None:
    raw = "Ông Lò Văn Tẩm<br>\nChủ tịch Hội<br/>Nông dân<p>Đoạn mới</p>\n<!-- quảng cáo -->Hết"
    result = normalizer.normalize(raw)
    assert result.text == "Ông Lò Văn Tẩm\nChủ tịch Hội\nNông dân\nĐoạn mới\nHết"
    assert result.to_raw(0, 14) == (0, 14)
    assert result.to_raw(15, 27) == (19, 31)  # Chủ tịch Hội
    assert result.to_raw(28, 36) == (36, 44)  # Nông dân


def test_table_cells_become_spaces_so_words_do_not_glue(normalizer: Normalizer) -> None:
    raw = "<tr><td>Hội Làm vườn</td><td>Sơn La</td></tr>"
    assert normalizer.normalize(raw).text.split() == ["Hội", "Làm", "vườn", "Sơn", "La"]


# -- decoding: mojibake ---------------------------------------------------------------------------
def mojibake(text: str) -> str:
    """UTF-8 bytes read as Windows-1252 (its five unassigned bytes as the C1 characters)."""
    out = []
    for byte in text.encode("utf-8"):
        try:
            out.append(bytes([byte]).decode("cp1252"))
        except UnicodeDecodeError:
            out.append(chr(byte))
    return "".join(out)


def test_whole_text_mojibake_is_repaired_letter_by_letter(normalizer: Normalizer) -> None:
    clean = "Hội Nông dân tỉnh Điện Biên"
    raw = mojibake(clean)
    assert raw == "Há»™i NÃ´ng dÃ¢n tá»‰nh Ä\x90iá»‡n BiÃªn"
    result = normalizer.normalize(raw)
    assert result.text == clean
    assert result.to_raw(0, 3) == (0, 5)  # Hội <- Há»™i
    assert result.to_raw(18, 27) == (24, len(raw))  # Điện Biên
    assert raw[24:] == "Ä\x90iá»‡n BiÃªn"
    assert result.warnings and result.warnings[0].startswith("[W001]")


def test_mojibake_with_nbsp_turned_into_spaces_is_repaired(normalizer: Normalizer) -> None:
    clean = "Hội Làm vườn và trang trại tỉnh Hà Giang"
    raw = mojibake(clean).replace("\u00a0", " ")  # "à" is C3 A0: its A0 became a space
    assert normalizer.normalize(raw).text == clean


def test_mojibake_in_part_of_the_text_is_repaired_there_only(normalizer: Normalizer) -> None:
    title = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
    body = "Hội Khuyến học tỉnh Cao Bằng"
    result = normalizer.normalize(title + mojibake(body))
    assert result.text.casefold() == (title + body).casefold()  # the title read in usual case


def test_uppercase_vietnamese_before_nbsp_is_not_mojibake(normalizer: Normalizer) -> None:
    raw = "CỘNG HÒA XÃ\u00a0HỘI CHỦ NGHĨA VIỆT NAM"  # "Ã" then NBSP is also "à" in mojibake
    result = normalizer.normalize(raw)
    assert result.text == "Cộng hòa xã hội chủ nghĩa Việt Nam"  # no "à": capitals, usual case
    assert result.warnings == ()


# -- decoding: legacy encodings -------------------------------------------------------------------
# "Hội Nông dân tỉnh Điện Biên tổ chức hội nghị" as TCVN3 and VNI bytes, read as Windows-1252.
TCVN3 = "Héi N«ng d©n tØnh §iÖn Bi\u00aan tæ chøc héi nghÞ"
VNI = "Hoäi Noâng daân tænh Ñieän Bieân toå chöùc hoäi nghò"
LEGACY_CLEAN = "Hội Nông dân tỉnh Điện Biên tổ chức hội nghị"


@pytest.mark.parametrize(("raw", "encoding"), [(TCVN3, "TCVN3"), (VNI, "VNI")])
def test_legacy_encodings_are_repaired_with_a_warning(
    normalizer: Normalizer, raw: str, encoding: str
) -> None:
    result = normalizer.normalize(raw)
    assert result.text == LEGACY_CLEAN
    assert len(result.warnings) == 1 and result.warnings[0].startswith("[W002]")
    assert encoding in result.warnings[0]
    start = LEGACY_CLEAN.index("Điện Biên")
    raw_start, raw_end = result.to_raw(start, start + len("Điện Biên"))
    assert raw[raw_start:raw_end] == ("§iÖn Bi\u00aan" if encoding == "TCVN3" else "Ñieän Bieân")


@pytest.mark.parametrize(
    "raw",
    [
        "Diện tích 25 m² · © 2024 Báo Điện Biên ®",
        "Ông François Müller và bà Zoë Schröder thăm Hội Nông dân",
        "Cá Hồi, cô Hà có nhà ở Tây Hồ",
    ],
)
def test_clean_text_with_latin_1_signs_is_not_a_legacy_encoding(
    normalizer: Normalizer, raw: str
) -> None:
    result = normalizer.normalize(raw)
    assert result.text == raw
    assert result.warnings == ()


def test_entity_across_a_tag_points_into_the_raw_text_with_a_clean_name(
    nlp: vnassoc_nlp.Pipeline,
) -> None:
    raw = "Sáng 4/3, <b>Hội Sinh vật cảnh</b> <i>huyện</i> Mường Tè tổ chức hội nghị."
    doc = nlp(raw)
    org = next(e for e in doc.entities if e.label == "ORGANIZATION")
    assert raw[org.start : org.end] == org.text
    assert "</b>" in org.text and not org.canonical_name.count("<")
    assert org.canonical_name.startswith("Hội Sinh vật cảnh huyện")


# -- lines in capitals, text without diacritics (issue 15) -----------------------------------------
def test_a_line_in_capitals_is_read_in_its_usual_case() -> None:
    nlp = vnassoc_nlp.load()
    text = (
        "Ngày 4/6, tại Bắc Ninh, hội nghị đã khai mạc.\n"
        "PGS.TS TRẦN VĂN LONG, CHỦ TỊCH HỘI NÔNG DÂN TỈNH BẮC NINH, PHÁT BIỂU KHAI MẠC"
    )
    doc = nlp(text)
    person = next(e for e in doc.entities if e.label == "PERSON")
    assert (person.text, person.name, person.titles) == (
        "TRẦN VĂN LONG",
        "Trần Văn Long",
        ("PGS", "TS"),
    )
    org = next(e for e in doc.entities if e.label == "ORGANIZATION")
    assert org.text == "HỘI NÔNG DÂN TỈNH BẮC NINH"
    assert org.canonical_name == "Hội Nông dân tỉnh Bắc Ninh"
    assert [e.name for e in doc.entities if e.label == "PROVINCE"] == ["Bắc Ninh", "Bắc Ninh"]
    for e in doc.entities:
        assert text[e.start : e.end] == e.text


def test_generic_bodies_in_capitals_stay_generic() -> None:
    """Case says nothing in capitals: a plural or a list of head words names no one body."""
    doc = vnassoc_nlp.load()("LIÊN HIỆP HỘI ĐÃ PHỐI HỢP VỚI CÁC TỈNH ỦY, THÀNH ỦY TRONG CẢ NƯỚC")
    assert not [e for e in doc.entities if e.text in ("TỈNH ỦY", "THÀNH ỦY")]


def test_text_without_diacritics_gets_them_back_with_less_confidence() -> None:
    nlp = vnassoc_nlp.load()
    text = (
        "Lien hiep cac Hoi Khoa hoc va Ky thuat tinh Lang Son to chuc Dai hoi nhiem ky 2024-2029."
    )
    doc = nlp(text)
    found = {e.label: e for e in doc.entities}
    assert found["ORGANIZATION"].text == "Lien hiep cac Hoi Khoa hoc va Ky thuat tinh Lang Son"
    assert (
        found["ORGANIZATION"].canonical_name
        == "Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh Lạng Sơn"
    )
    assert (found["PROVINCE"].name, found["PROVINCE"].successor) == ("Lạng Sơn", "Lạng Sơn")
    assert found["DATE"].value == "2024/2029"
    assert all(e.confidence < 1.0 for e in doc.entities)
    clean = nlp("Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh Lạng Sơn tổ chức Đại hội.")
    assert all(e.confidence == 1.0 for e in clean.entities)


def test_restored_words_take_the_standard_tone_placement() -> None:
    # The restorer's forms come from a word list that writes "hoà", "thuỷ"; the rest of a
    # normalized text, and the lexicon that reads it, have "hòa", "thủy".
    normalized = vnassoc_nlp.load().normalizer.normalize(
        "Hoi thao ve hoa binh va thuy loi duoc to chuc tai hoi truong cua tinh."
    )
    assert normalized.restored
    assert "hòa bình" in normalized.text and "thủy lợi" in normalized.text
    assert "hoà" not in normalized.text and "thuỷ" not in normalized.text


def test_a_person_written_without_diacritics_is_still_a_person() -> None:
    doc = vnassoc_nlp.load()(
        "Phat bieu tai hoi nghi, TS. Nguyen Thanh Binh, Pho Chu tich Hoi Tin hoc tinh Ca Mau cho biet"
    )
    person = next(e for e in doc.entities if e.label == "PERSON")
    assert person.text == "Nguyen Thanh Binh"
    assert person.titles == ("TS",)
