"""Each cue, pattern and negative on short texts written for the tests (not the seeds)."""

from __future__ import annotations

import pytest

import vnassoc_nlp
from vnassoc_nlp.records import Document


@pytest.fixture(scope="module")
def nlp() -> vnassoc_nlp.Pipeline:
    return vnassoc_nlp.load()


def ents(doc: Document, label: str) -> list:
    return [e for e in doc.entities if e.label == label]


def one(doc: Document, label: str, text: str):
    found = [e for e in doc.entities if e.label == label and e.text == text]
    assert found, f"no {label} {text!r} in {[(e.label, e.text) for e in doc.entities]}"
    return found[0]


# -- PERSON ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "name", "titles"),
    [
        ("GS.TSKH Vũ Đình Khang phát biểu.", "Vũ Đình Khang", ["GS", "TSKH"]),
        ("PGS. TS Lương Thị Mai trình bày báo cáo.", "Lương Thị Mai", ["PGS", "TS"]),
        ("Hội thảo do TSKH. Đoàn Minh Tuấn chủ trì.", "Đoàn Minh Tuấn", ["TSKH"]),
        ("Đoàn do giáo sư, tiến sĩ khoa học Kiều Văn Sơn dẫn đầu.", "Kiều Văn Sơn", ["GS", "TSKH"]),
        ("ThS. Tạ Quốc Bảo cho biết thêm.", "Tạ Quốc Bảo", ["ThS"]),
        ("NGƯT Hứa Thị Lan được khen thưởng.", "Hứa Thị Lan", ["NGƯT"]),
    ],
)
def test_academic_titles_are_cues_and_canonical(
    nlp, text: str, name: str, titles: list[str]
) -> None:
    person = one(nlp(text), "PERSON", name)
    assert list(person.titles) == titles
    assert person.name == name


@pytest.mark.parametrize("honorific", ["ông", "bà", "đồng chí"])
def test_honorifics_are_cues_outside_the_span(nlp, honorific: str) -> None:
    doc = nlp(f"Theo {honorific} Trịnh Quang Hưng, công tác phối hợp cần đổi mới.")
    person = one(doc, "PERSON", "Trịnh Quang Hưng")
    assert person.honorific == honorific


def test_position_and_body_before_the_name(nlp) -> None:
    doc = nlp("Chủ tịch Liên hiệp Hội tỉnh Quảng Trị Lê Văn Hòa phát biểu khai mạc.")
    person = one(doc, "PERSON", "Lê Văn Hòa")
    assert list(person.roles) == ["Chủ tịch"]
    org = one(doc, "ORGANIZATION", "Liên hiệp Hội tỉnh Quảng Trị")
    assert org.canonical_name == "Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh Quảng Trị"
    assert person.positions[0].organization == org.canonical_name
    assert person.positions[0].organization_start == org.start
    one(doc, "PROVINCE", "Quảng Trị")


def test_apposition_after_the_name_with_kiem_and_nguyen(nlp) -> None:
    doc = nlp(
        "Ông Ngô Thanh Tùng, nguyên Phó Chủ tịch kiêm Tổng Thư ký Liên hiệp Hội Việt Nam, "
        "gửi thư chúc mừng."
    )
    person = one(doc, "PERSON", "Ngô Thanh Tùng")
    assert list(person.roles) == ["nguyên Phó Chủ tịch", "nguyên Tổng Thư ký"]
    assert all(p.former for p in person.positions)


def test_dash_apposition_keeps_bare_party_body_in_role(nlp) -> None:
    doc = nlp(
        "TS Dương Văn Lộc - Bí thư Đảng đoàn, Chủ tịch Liên hiệp các Hội KH&KT tỉnh Bắc Ninh."
    )
    person = one(doc, "PERSON", "Dương Văn Lộc")
    assert list(person.roles) == ["Bí thư Đảng đoàn", "Chủ tịch"]
    assert list(person.titles) == ["TS"]


def test_abbreviated_positions(nlp) -> None:
    doc = nlp("Tham dự có nguyên PCT Liên hiệp Hội Việt Nam Mai Xuân Trường.")
    assert list(one(doc, "PERSON", "Mai Xuân Trường").roles) == ["nguyên PCT"]


def test_same_person_one_cluster_and_summary(nlp) -> None:
    doc = nlp(
        "PGS.TS Trần Minh Khôi, Chủ tịch Liên hiệp Hội tỉnh Gia Lai, chủ trì hội nghị. "
        "Phát biểu bế mạc, ông Trần Minh Khôi cảm ơn các đại biểu. Chủ tịch Trần Minh Khôi "
        "cho biết Liên hiệp Hội sẽ tiếp tục đổi mới."
    )
    people = ents(doc, "PERSON")
    assert len(people) == 3
    assert len({p.cluster for p in people}) == 1
    (summary,) = doc.people()
    assert summary.titles == ("PGS", "TS")
    assert summary.roles == ("Chủ tịch",)


def test_historical_figure_with_position_is_a_person(nlp) -> None:
    doc = nlp("Đoàn đã vào Lăng viếng Chủ tịch Hồ Chí Minh.")
    one(doc, "PERSON", "Hồ Chí Minh")
    assert not ents(doc, "PROVINCE")


@pytest.mark.parametrize(
    "text",
    [
        "Trụ sở tại số 18 Hoàng Quốc Việt, quận Cầu Giấy.",
        "Học sinh Trường THPT Lê Quý Đôn đạt giải cao.",
        "Lễ trao Giải thưởng Tạ Quang Bửu năm nay diễn ra trang trọng.",
        "Khu dân cư thuộc phường Trần Hưng Đạo.",
    ],
)
def test_places_schools_and_awards_named_after_people_are_not_people(nlp, text: str) -> None:
    assert not ents(nlp(text), "PERSON")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("PGS.TS Lư Văn Bằng, Chủ tịch Hội Tin học tỉnh Lạng Sơn, phát biểu.", "Lư Văn Bằng"),
        ("Tiếp đó, đồng chí Chẩu Thị Liên báo cáo tham luận.", "Chẩu Thị Liên"),
        ("Ông Lư Văn Bằng cho biết hội đã có 40 hội viên.", "Lư Văn Bằng"),
    ],
)
def test_a_surname_missing_from_the_list_is_found_after_a_title_or_address(
    nlp, text: str, name: str
) -> None:
    assert [e.text for e in ents(nlp(text), "PERSON")] == [name]


def test_a_position_after_a_form_of_address_is_not_a_name(nlp) -> None:
    assert not ents(nlp("Sau đó, ông Chủ tịch Hội phát biểu bế mạc."), "PERSON")


def test_byline_is_a_person(nlp) -> None:
    doc = nlp("Hội nghị đã thành công tốt đẹp.\n\nMinh Châu")
    one(doc, "PERSON", "Minh Châu")


# -- PROVINCE ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "surface", "name", "successor"),
    [
        (
            "Đoàn công tác làm việc tại TP. Hồ Chí Minh.",
            "Hồ Chí Minh",
            "Hồ Chí Minh",
            "Hồ Chí Minh",
        ),
        ("Hội thảo tổ chức ở Thành phố Hồ Chí Minh.", "Hồ Chí Minh", "Hồ Chí Minh", "Hồ Chí Minh"),
        ("Đại biểu tỉnh Thừa Thiên Huế tham dự.", "Thừa Thiên Huế", "Thừa Thiên Huế", "Huế"),
        (
            "Đoàn đến tỉnh Bà Rịa - Vũng Tàu.",
            "Bà Rịa - Vũng Tàu",
            "Bà Rịa - Vũng Tàu",
            "Hồ Chí Minh",
        ),
        ("Liên hiệp Hội tỉnh Hoà Bình tổ chức.", "Hoà Bình", "Hòa Bình", "Phú Thọ"),
        ("Tỉnh Thanh Hoá có nhiều hội thành viên.", "Thanh Hoá", "Thanh Hóa", "Thanh Hóa"),
        ("QUẢNG NAM: HỘI NGHỊ TRÍ THỨC", "QUẢNG NAM", "Quảng Nam", "Đà Nẵng"),
        ("Hội nghị tại tỉnh Đắc Lắk.", "Đắc Lắk", "Đắk Lắk", "Đắk Lắk"),
    ],
)
def test_province_variants_and_successor(nlp, text, surface, name, successor) -> None:
    province = one(nlp(text), "PROVINCE", surface)
    assert (province.name, province.successor) == (name, successor)


@pytest.mark.parametrize(
    "text",
    [
        "Hội nghị tổ chức tại thành phố Quy Nhơn.",
        "Ông làm việc tại thành phố Hà Tĩnh nhiều năm.",
        "Cửa hàng nằm trên đường Hà Nội, thành phố Huế.",
        "Việt Nam có nhiều hội khoa học.",
    ],
)
def test_not_provinces(nlp, text: str) -> None:
    names = [e.text for e in ents(nlp(text), "PROVINCE")]
    assert "Hà Tĩnh" not in names and "Hà Nội" not in names and "Việt Nam" not in names


# -- ORGANIZATION -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    "alias",
    [
        "Liên hiệp các Hội Khoa học và Kỹ thuật Việt Nam",
        "Liên hiệp các Hội KH&KT Việt Nam",
        "Liên hiệp Hội Việt Nam",
        "LHHVN",
        "VUSTA",
    ],
)
def test_every_vusta_alias(nlp, alias: str) -> None:
    org = one(nlp(f"Đại diện {alias} phát biểu."), "ORGANIZATION", alias)
    assert org.canonical_name == "Liên hiệp các Hội Khoa học và Kỹ thuật Việt Nam"
    assert org.acronym == "VUSTA"


def test_sub_body_nests_its_parent_and_province(nlp) -> None:
    doc = nlp("Đảng đoàn Liên hiệp Hội tỉnh Kon Tum họp phiên thường kỳ.")
    outer = one(doc, "ORGANIZATION", "Đảng đoàn Liên hiệp Hội tỉnh Kon Tum")
    assert outer.canonical_name == "Đảng đoàn Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh Kon Tum"
    one(doc, "ORGANIZATION", "Liên hiệp Hội tỉnh Kon Tum")
    assert one(doc, "PROVINCE", "Kon Tum").successor == "Quảng Ngãi"


def test_context_province_fills_bodies_named_by_tinh(nlp) -> None:
    doc = nlp("Chiều 12/3, Liên hiệp Hội tỉnh Yên Bái làm việc với UBND tỉnh và Sở KH&CN về đề án.")
    assert one(doc, "ORGANIZATION", "UBND tỉnh").canonical_name == "Ủy ban nhân dân tỉnh Yên Bái"
    sở = one(doc, "ORGANIZATION", "Sở KH&CN")
    assert sở.canonical_name == "Sở Khoa học và Công nghệ tỉnh Yên Bái"


def test_ministry_abbreviations(nlp) -> None:
    doc = nlp("Bộ GD&ĐT phối hợp với Bộ NN&PTNT triển khai chương trình.")
    assert one(doc, "ORGANIZATION", "Bộ GD&ĐT").canonical_name == "Bộ Giáo dục và Đào tạo"
    assert (
        one(doc, "ORGANIZATION", "Bộ NN&PTNT").canonical_name
        == "Bộ Nông nghiệp và Phát triển nông thôn"
    )


def test_short_form_defined_in_text_is_linked(nlp) -> None:
    doc = nlp(
        "Hội Bảo vệ thiên nhiên và Môi trường tỉnh Quảng Trị (Hội BVTN&MT) vừa ra mắt. "
        "Sau đó, Hội BVTN&MT ký kết chương trình phối hợp."
    )
    mentions = [e for e in ents(doc, "ORGANIZATION") if e.text == "Hội BVTN&MT"]
    assert len(mentions) == 2
    full = one(doc, "ORGANIZATION", "Hội Bảo vệ thiên nhiên và Môi trường tỉnh Quảng Trị")
    assert {m.canonical_name for m in mentions} == {full.canonical_name}
    assert len({m.cluster for m in mentions} | {full.cluster}) == 1


@pytest.mark.parametrize(
    "text",
    [
        "Các Liên hiệp hội địa phương đã chủ động tham mưu.",
        "Đảng đoàn đã ban hành kế hoạch.",
        "Sự lãnh đạo của Đảng và quản lý của Nhà nước.",
    ],
)
def test_generic_mentions_are_not_organizations(nlp, text: str) -> None:
    assert not ents(nlp(text), "ORGANIZATION")


# -- DIRECTIVE --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "surface", "kind", "number", "code"),
    [
        (
            "Thực hiện Chỉ thị số 17-CT/TW của Ban Bí thư.",
            "Chỉ thị số 17-CT/TW",
            "chỉ thị",
            "17",
            "17-CT/TW",
        ),
        (
            "Theo Quy định 105-QĐ/TƯ về phân cấp.",
            "Quy định 105-QĐ/TƯ",
            "quy định",
            "105",
            "105-QĐ/TW",
        ),
        (
            "Nghị quyết số 27-NQ/TW đã nêu rõ.",
            "Nghị quyết số 27-NQ/TW",
            "nghị quyết",
            "27",
            "27-NQ/TW",
        ),
        (
            "Quyết định số 1581/QĐ-TTg được ban hành.",
            "Quyết định số 1581/QĐ-TTg",
            "quyết định",
            "1581",
            "1581/QĐ-TTg",
        ),
        (
            "Nghị định 126/2024/NĐ-CP quy định về hội.",
            "Nghị định 126/2024/NĐ-CP",
            "nghị định",
            "126",
            "126/2024/NĐ-CP",
        ),
        (
            "Kết luận số 69-KL/TW của Bộ Chính trị.",
            "Kết luận số 69-KL/TW",
            "kết luận",
            "69",
            "69-KL/TW",
        ),
        (
            "Quyết địch 105-QĐ/TW có hiệu lực.",
            "Quyết địch 105-QĐ/TW",
            "quyết định",
            "105",
            "105-QĐ/TW",
        ),
    ],
)
def test_directive_codes(nlp, text, surface, kind, number, code) -> None:
    directive = one(nlp(text), "DIRECTIVE", surface)
    assert (directive.kind, directive.number, directive.code) == (kind, number, code)


def test_back_reference_links_to_full_code(nlp) -> None:
    doc = nlp(
        "Chỉ thị số 17-CT/TW ngày 12/5/2021 của Ban Bí thư đã đi vào cuộc sống. "
        "Sau 3 năm thực hiện Chỉ thị 17, các cấp đã chuyển biến."
    )
    full = one(doc, "DIRECTIVE", "Chỉ thị số 17-CT/TW")
    short = one(doc, "DIRECTIVE", "Chỉ thị 17")
    assert short.code is None and short.resolved_code == "17-CT/TW"
    assert short.cluster == full.cluster
    assert full.issued_on == "2021-05-12"
    assert full.issuer == "Ban Bí thư"


def test_bare_code_takes_kind_from_code(nlp) -> None:
    directive = ents(nlp("Số: 45/KH-UBND\nKế hoạch triển khai năm 2024."), "DIRECTIVE")[0]
    assert directive.kind == "kế hoạch" and directive.code == "45/KH-UBND"


@pytest.mark.parametrize(
    "text", ["Quy chế phối hợp được ký kết.", "Thực hiện Nghị quyết của Đảng."]
)
def test_numberless_documents_are_not_directives(nlp, text: str) -> None:
    assert not ents(nlp(text), "DIRECTIVE")


# -- DATE -------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("Ngày 9/10, hội nghị khai mạc.", "Ngày 9/10", "2024-10-09"),
        ("Quyết định ngày 07/11/2019 có hiệu lực.", "ngày 07/11/2019", "2019-11-07"),
        ("Thành lập 16-10-2021.", "16-10-2021", "2021-10-16"),
        ("Ký ngày 5 tháng 6 năm 2024.", "ngày 5 tháng 6 năm 2024", "2024-06-05"),
        ("Sơ kết tháng 6/2024.", "tháng 6/2024", "2024-06"),
        ("Tổng kết năm 2021.", "năm 2021", "2021"),
        ("Báo cáo quý 3/2024.", "quý 3/2024", "2024-Q3"),
        ("Kế hoạch quý IV năm 2024.", "quý IV năm 2024", "2024-Q4"),
        ("Kết quả 6 tháng đầu năm 2024.", "6 tháng đầu năm 2024", "2024-01/2024-06"),
        ("Từ 19-21/11, đoàn làm việc.", "Từ 19-21/11", "2024-11-19/2024-11-21"),
        (
            "Kỷ niệm 10 năm (18/5/2014 - 18/5/2024).",
            "18/5/2014 - 18/5/2024",
            "2014-05-18/2024-05-18",
        ),
        ("Chiến lược giai đoạn 2026-2030.", "giai đoạn 2026-2030", "2026/2030"),
        ("Đại hội nhiệm kỳ 2022-2027.", "nhiệm kỳ 2022-2027", "2022/2027"),
        (
            "Triển khai từ quý 4/2024 đến hết quý 2/2025.",
            "từ quý 4/2024 đến hết quý 2/2025",
            "2024-Q4/2025-Q2",
        ),
        ("Sáng 14/3, đoàn đến thăm.", "14/3", "2024-03-14"),
    ],
)
def test_date_forms_resolved_against_document_date(nlp, text, surface, value) -> None:
    assert one(nlp(text, date="2024-03-20"), "DATE", surface).value == value


@pytest.mark.parametrize(
    ("text", "date"),
    [
        pytest.param("Cập nhật: 28/12/2024\nChiều 27/12, hội tổ chức hội nghị tổng kết.",
                     "2024-12-28", id="cap-nhat"),
        pytest.param("Đăng lúc: 10:32 - 22/08/2024\nSáng 20/8, hội họp Ban Thường vụ.",
                     "2024-08-22", id="dang-luc-time-first"),
        pytest.param("Tin hoạt động\n22/08/2024 12:22\nSáng 20/8, hội họp Ban Thường vụ.",
                     "2024-08-22", id="a-line-of-its-own"),
        pytest.param("Ngày: 03/04/2023\nQuyết định thành lập hội (bản gốc ngày 07/01/1998).",
                     "2023-04-03", id="ngay-colon"),
        pytest.param("ỦY BAN NHÂN DÂN TỈNH BẮC KẠN\nBắc Kạn, ngày 5 tháng 6 năm 2024\nQUYẾT ĐỊNH",
                     "2024-06-05", id="document-header"),
    ],
)  # fmt: skip
def test_the_ways_a_page_states_its_date(nlp, text: str, date: str) -> None:
    doc = nlp(text)
    assert (doc.date, doc.date_source) == (date, "dateline")


def test_a_date_in_running_text_is_no_dateline(nlp) -> None:
    assert nlp("Sáng 20/8/2024, hội họp. Ngày 21/8, đoàn đi thực tế.").date is None
    # Nor the tail of a longer number or a code alone on its line.
    assert nlp("Tin hoạt động\n110/10/2023\nSố: 12/3/2024/QĐ-UBND\nNội dung.").date is None


def test_yearless_date_without_document_date_stays_yearless(nlp) -> None:
    doc = nlp("Ngày 9/10, hội nghị khai mạc.")
    assert doc.date is None
    assert one(doc, "DATE", "Ngày 9/10").value == "--10-09"


def test_dateline_gives_document_date(nlp) -> None:
    doc = nlp("Báo Quảng Trị\nThứ tư, 12/06/2024 09:15 (GMT+7)\n\nNgày 10/6, hội nghị khai mạc.")
    assert doc.date == "2024-06-12" and doc.date_source == "dateline"
    one(doc, "DATE", "12/06/2024")
    assert one(doc, "DATE", "Ngày 10/6").value == "2024-06-10"


@pytest.mark.parametrize(
    "text",
    [
        "Đã có 53/63 tỉnh thành lập.",
        "Đạt 13/13 huyện.",
        "Có 12/17 ý kiến tán thành.",
        "Ngày 31/02 không có.",
    ],
)
def test_counts_and_invalid_dates_are_not_dates(nlp, text: str) -> None:
    assert not ents(nlp(text, date="2024-01-01"), "DATE")


@pytest.mark.parametrize(
    ("text", "code", "year", "issuer", "term", "issued_on"),
    [
        ("Theo Chỉ thị 14/2000/CT-TTg.", "14/2000/CT-TTg", 2000, "Thủ tướng Chính phủ", None, None),
        (
            "Nghị quyết 202/2025/QH15 của Quốc hội khóa XV.",
            "202/2025/QH15",
            2025,
            "Quốc hội",
            "XV",
            None,
        ),
        (
            "Quyết định số 2345/QĐ-UBND ngày 3/4/2024.",
            "2345/QĐ-UBND",
            None,
            "Ủy ban nhân dân",
            None,
            "2024-04-03",
        ),
        (
            "Nghị quyết số 39-NQ/TW khóa XI.",
            "39-NQ/TW",
            None,
            "Ban Chấp hành Trung ương Đảng",
            "XI",
            None,
        ),
    ],
)
def test_directive_typed_fields(nlp, text, code, year, issuer, term, issued_on) -> None:
    (directive,) = ents(nlp(text, date="2024-05-01"), "DIRECTIVE")
    assert (directive.code, directive.year, directive.issuer, directive.term, directive.issued_on) == (
        code, year, issuer, term, issued_on,
    )  # fmt: skip


def test_fraction_of_organizations_is_not_a_date(nlp) -> None:
    assert not ents(nlp("Có 60/63 tổ chức tham gia.", date="2024-01-01"), "DATE")


POSITIONS = [
    "Chủ tịch", "Phó Chủ tịch", "Tổng Thư ký", "Phó Tổng Thư ký", "Bí thư", "Phó Bí thư",
    "Ủy viên", "Trưởng ban", "Giám đốc", "Viện trưởng", "Bộ trưởng", "Thứ trưởng",
    "Chánh Văn phòng", "Tổng Biên tập", "PCT", "TTK", "UV",
]  # fmt: skip


@pytest.mark.parametrize("position", POSITIONS)
def test_every_position_cues_a_name_before_it(nlp, position: str) -> None:
    doc = nlp(f"Tham dự có {position} Quách Đình Phong và các đại biểu.")
    (person,) = ents(doc, "PERSON")
    assert (person.text, list(person.roles)) == ("Quách Đình Phong", [position])


@pytest.mark.parametrize("position", POSITIONS)
def test_every_position_in_apposition_after_the_name(nlp, position: str) -> None:
    doc = nlp(f"Ông Quách Đình Phong, {position} Hội Cơ khí tỉnh Hưng Yên, phát biểu.")
    (person,) = ents(doc, "PERSON")
    assert (person.text, list(person.roles)) == ("Quách Đình Phong", [position])


@pytest.mark.parametrize("honorific", ["anh", "chị"])
def test_informal_honorifics(nlp, honorific: str) -> None:
    person = one(
        nlp(f"Theo {honorific} Lò Văn Quyết, mô hình rất hiệu quả."), "PERSON", "Lò Văn Quyết"
    )
    assert person.honorific == honorific


def test_name_after_a_province_ending_in_a_surname(nlp) -> None:
    # "Dương" and "Cao" are surnames too; they belong to the provinces here.
    doc = nlp(
        "Chủ tịch Liên hiệp Hội tỉnh Hải Dương Nguyễn Văn Khải và Chủ tịch Liên hiệp hội Cao Bằng Nông Thị Hoa dự."
    )
    assert [p.text for p in ents(doc, "PERSON")] == ["Nguyễn Văn Khải", "Nông Thị Hoa"]
    assert [p.text for p in ents(doc, "PROVINCE")] == ["Hải Dương", "Cao Bằng"]


def test_roles_stated_with_a_verb(nlp) -> None:
    doc = nlp("ThS. Kiều Thị Ngân tái đắc cử Phó Chủ tịch kiêm Tổng Thư ký.")
    assert list(one(doc, "PERSON", "Kiều Thị Ngân").roles) == ["Phó Chủ tịch", "Tổng Thư ký"]


def test_position_body_then_second_role(nlp) -> None:
    doc = nlp(
        "Bà Lê Thị Vân, Ủy viên Ban Thường vụ Tỉnh ủy, Trưởng ban Tuyên giáo Tỉnh ủy Bắc Kạn, phát biểu."
    )
    assert list(one(doc, "PERSON", "Lê Thị Vân").roles) == ["Ủy viên", "Trưởng ban"]


def test_abbreviation_inside_a_body_is_not_a_title(nlp) -> None:
    person = one(nlp("Bộ trưởng Bộ KH&CN Đinh Quốc Bảo dự lễ."), "PERSON", "Đinh Quốc Bảo")
    assert (list(person.titles), list(person.roles)) == ([], ["Bộ trưởng"])


@pytest.mark.parametrize(
    ("text", "surface", "name"),
    [
        ("Đoàn công tác đến TP.HCM làm việc.", "TP.HCM", "Hồ Chí Minh"),
        ("Đại biểu tỉnh BR-VT tham dự.", "BR-VT", "Bà Rịa - Vũng Tàu"),
        ("Doan cong tac lam viec tai Ha Noi.", "Ha Noi", "Hà Nội"),  # diacritics lost
        ("Liên hiệp Hội tỉnh Quang Tri tổ chức.", "Quang Tri", "Quảng Trị"),
    ],
)
def test_more_province_variants(nlp, text, surface, name) -> None:
    assert one(nlp(text), "PROVINCE", surface).name == name


def test_hue_alone_is_a_province_only_from_2025(nlp) -> None:
    """ANNOTATION.md rule 10: Huế became a centrally run city on 1 January 2025."""
    text = "Hội thảo khoa học do Đại học Huế tổ chức tại Huế."
    assert not ents(nlp(text, date="2019-04-02"), "PROVINCE")
    assert not ents(nlp(text), "PROVINCE")  # no date: no way to tell
    found = ents(nlp(text, date="2025-03-14"), "PROVINCE")
    assert [(p.text, p.name, p.successor) for p in found] == [("Huế", "Huế", "Huế")] * 2
    full = one(nlp("Đoàn công tác làm việc tại tỉnh Thừa Thiên Huế."), "PROVINCE", "Thừa Thiên Huế")
    assert full.successor == "Huế"


@pytest.mark.parametrize(
    ("text", "surface", "canonical"),
    [
        (
            "Liên hiệp các Hội KH&KT tỉnh Bắc Ninh tổ chức.",
            "Liên hiệp các Hội KH&KT tỉnh Bắc Ninh",
            "Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh Bắc Ninh",
        ),
        (
            "Liên hiệp các Hội KHKT thành phố Cần Thơ ra mắt.",
            "Liên hiệp các Hội KHKT thành phố Cần Thơ",
            "Liên hiệp các Hội Khoa học và Kỹ thuật thành phố Cần Thơ",
        ),
        (
            "Liên hiệp hội Bình Phước tổ chức.",
            "Liên hiệp hội Bình Phước",
            "Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh Bình Phước",
        ),
        (
            "Sở KH&CN tỉnh Long An chủ trì.",
            "Sở KH&CN tỉnh Long An",
            "Sở Khoa học và Công nghệ tỉnh Long An",
        ),
        ("UBND tỉnh Lào Cai chỉ đạo.", "UBND tỉnh Lào Cai", "Ủy ban nhân dân tỉnh Lào Cai"),
        ("Tỉnh ủy Điện Biên ban hành kế hoạch.", "Tỉnh ủy Điện Biên", "Tỉnh ủy Điện Biên"),
        ("Hội Tin học Việt Nam phối hợp.", "Hội Tin học Việt Nam", "Hội Tin học Việt Nam"),
        (
            "Hội Làm vườn tỉnh Hậu Giang tổ chức.",
            "Hội Làm vườn tỉnh Hậu Giang",
            "Hội Làm vườn tỉnh Hậu Giang",
        ),
        (
            "Đảng ủy Liên hiệp Hội tỉnh Yên Bái họp.",
            "Đảng ủy Liên hiệp Hội tỉnh Yên Bái",
            "Đảng ủy Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh Yên Bái",
        ),
        ("Viện Hải dương học đã công bố.", "Viện Hải dương học", "Viện Hải dương học"),
        (
            "Viện Chính sách, Pháp luật và Quản lý tổ chức.",
            "Viện Chính sách, Pháp luật và Quản lý",
            "Viện Chính sách, Pháp luật và Quản lý",
        ),
        ("Nhà xuất bản Tri thức phát hành sách.", "Nhà xuất bản Tri thức", "Nhà xuất bản Tri thức"),
        (
            "Báo Khoa học và Phát triển đưa tin.",
            "Báo Khoa học và Phát triển",
            "Báo Khoa học và Phát triển",
        ),
        (
            "Tạp chí Hoạt động Khoa học đăng bài.",
            "Tạp chí Hoạt động Khoa học",
            "Tạp chí Hoạt động Khoa học",
        ),
    ],
)
def test_composed_organization_names(nlp, text, surface, canonical) -> None:
    assert one(nlp(text), "ORGANIZATION", surface).canonical_name == canonical


def test_body_named_by_tinh_takes_context_province(nlp) -> None:
    doc = nlp("Tại Hòa Bình, Liên hiệp Hội phối hợp với Trung tâm Khuyến nông tỉnh tập huấn.")
    org = one(doc, "ORGANIZATION", "Trung tâm Khuyến nông tỉnh")
    assert org.canonical_name == "Trung tâm Khuyến nông tỉnh Hòa Bình"


def test_commission_of_a_context_body_nests_it(nlp) -> None:
    doc = nlp("Tại Sơn La, Ban Tuyên giáo Tỉnh ủy phối hợp tổ chức hội nghị.")
    outer = one(doc, "ORGANIZATION", "Ban Tuyên giáo Tỉnh ủy")
    assert outer.canonical_name == "Ban Tuyên giáo Tỉnh ủy Sơn La"
    assert one(doc, "ORGANIZATION", "Tỉnh ủy").canonical_name == "Tỉnh ủy Sơn La"


def test_party_office_named_after_the_party_body(nlp) -> None:
    doc = nlp("Đảng ủy Liên hiệp Hội tỉnh Ninh Bình họp. Văn phòng Đảng ủy tích cực tham mưu.")
    office = one(doc, "ORGANIZATION", "Văn phòng Đảng ủy")
    assert office.canonical_name == (
        "Văn phòng Đảng ủy Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh Ninh Bình"
    )


def test_a_list_of_provinces_sets_no_context(nlp) -> None:
    doc = nlp(
        "Nhiều nơi như Nam Định, Cà Mau, Phú Yên làm tốt. "
        "Các Liên hiệp hội đã phối hợp với UBND tỉnh xây dựng đề án."
    )
    assert "UBND tỉnh" not in [e.text for e in ents(doc, "ORGANIZATION")]


@pytest.mark.parametrize(
    "text",
    [
        "Học sinh Trường THPT Lê Quý Đôn đạt giải.",  # "Quý" is not the head "Quỹ"
        "QUẢNG NAM: TRÍ THỨC GÓP Ý DỰ THẢO QUY HOẠCH VÙNG NÚI",
        "Dự án ứng dụng tiến bộ khoa học và công nghệ vào sản xuất.",  # not the ministry
    ],
)
def test_no_organization_from_look_alike_words(nlp, text: str) -> None:
    names = [e.text for e in ents(nlp(text), "ORGANIZATION")]
    assert not any(n.startswith(("Quý", "QUY", "bộ khoa học")) for n in names), names


def test_lower_case_words_are_not_document_codes(nlp) -> None:
    (directive,) = ents(nlp("Theo Quyết định 48-về việc ban hành quy chế."), "DIRECTIVE")
    assert (directive.text, directive.code) == ("Quyết định 48", None)


def test_short_form_named_with_goi_tat_la(nlp) -> None:
    doc = nlp(
        "Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh Tây Ninh (gọi tắt là Liên hiệp Hội) "
        "vừa tổng kết năm. Năm tới, Liên hiệp Hội tập trung tư vấn, phản biện."
    )
    later = [e for e in ents(doc, "ORGANIZATION") if e.text == "Liên hiệp Hội" and e.start > 90]
    assert [e.canonical_name for e in later] == [
        "Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh Tây Ninh"
    ]
