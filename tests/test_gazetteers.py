"""The bundled gazetteers are consistent, and user gazetteer files load or fail clearly."""

from __future__ import annotations

import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

import pytest

import vnassoc_nlp
from vnassoc_nlp.errors import GazetteerError
from vnassoc_nlp.gazetteers import SCHEMAS, bundled_gazetteer_dir

ORG_HEADER = "canonical_name\tacronym\tcategory\taliases"
PROVINCE_HEADER = "code\tname\tunit_type\tsuccessor\taliases"


def write(path: Path, *lines: str) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def load_error(path: Path) -> GazetteerError:
    """The error a user meets when a pipeline with this extra file first runs."""
    nlp = vnassoc_nlp.load(gazetteers=[path])
    with pytest.raises(GazetteerError) as caught:
        nlp("Liên hiệp Hội tỉnh Quảng Trị")
    return caught.value


# -- bundled data ---------------------------------------------------------------------------------
def test_there_are_63_pre_2025_provinces_with_unique_codes_and_names(
    nlp: vnassoc_nlp.Pipeline,
) -> None:
    rows = nlp.data["provinces"]
    assert len(rows) == 63
    assert len({row.code for row in rows}) == 63
    assert len({row.name for row in rows}) == 63


def test_there_are_34_provinces_since_2025_with_unique_codes_and_names(
    nlp: vnassoc_nlp.Pipeline,
) -> None:
    rows = nlp.data["provinces_2025"]
    assert len(rows) == 34
    assert len({row.code for row in rows}) == 34
    assert len({row.name for row in rows}) == 34
    assert Counter(row.unit_type for row in rows) == {"tỉnh": 28, "thành phố": 6}


def test_every_successor_is_a_2025_unit(nlp: vnassoc_nlp.Pipeline) -> None:
    new_names = {row.name for row in nlp.data["provinces_2025"]}
    unknown = {
        row.name: row.successor for row in nlp.data["provinces"] if row.successor not in new_names
    }
    assert unknown == {}


def test_merged_from_lists_exactly_the_units_whose_successor_it_is(
    nlp: vnassoc_nlp.Pipeline,
) -> None:
    by_successor: dict[str, set[str]] = defaultdict(set)
    for row in nlp.data["provinces"]:
        by_successor[row.successor].add(row.name)
    for row in nlp.data["provinces_2025"]:
        assert len(row.merged_from) == len(set(row.merged_from)), row.name
        assert set(row.merged_from) == by_successor[row.name], row.name
    # Every old unit is merged into exactly one new unit.
    merged = [name for row in nlp.data["provinces_2025"] for name in row.merged_from]
    assert sorted(merged) == sorted(row.name for row in nlp.data["provinces"])


@pytest.mark.parametrize("kind", ["provinces", "provinces_2025"])
def test_no_name_or_alias_points_to_two_units(nlp: vnassoc_nlp.Pipeline, kind: str) -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for row in nlp.data[kind]:
        for form in (row.name, *row.aliases):
            owners[nlp.normalizer.fold(form)].add(row.name)
    assert {form: names for form, names in owners.items() if len(names) > 1} == {}


def test_every_bundled_file_declares_its_kind_and_source() -> None:
    files = sorted(bundled_gazetteer_dir().glob("*.tsv"))
    assert {path.stem for path in files} >= {"provinces", "provinces_2025", "organizations"}
    for path in files:
        lines = path.read_text(encoding="utf-8").splitlines()
        headers = [line for line in lines if line.startswith("#")]
        kinds = [h.partition(":")[2].strip() for h in headers if h.startswith("# kind:")]
        sources = [h.partition(":")[2].strip() for h in headers if h.startswith("# source:")]
        assert len(kinds) == 1 and kinds[0] in SCHEMAS, path.name
        assert len(sources) == 1 and sources[0], path.name


def test_bundled_names_are_nfc(nlp: vnassoc_nlp.Pipeline) -> None:
    for kind in ("provinces", "provinces_2025"):
        for row in nlp.data[kind]:
            assert unicodedata.is_normalized("NFC", row.name), row.name
    for row in nlp.data["organizations"]:
        assert unicodedata.is_normalized("NFC", row.canonical_name), row.canonical_name


# -- user files -----------------------------------------------------------------------------------
USER_BODY = "Mạng lưới Trí thức Duyên hải Bắc Trung Bộ"


def user_organizations(tmp_path: Path) -> Path:
    return write(
        tmp_path / "my_orgs.tsv",
        "# kind: organizations",
        "# source: test",
        ORG_HEADER,
        f"{USER_BODY}\tDHTB\tassociation\tMạng lưới Trí thức Duyên hải",
    )


def test_user_organizations_file_makes_a_new_body_known(
    nlp: vnassoc_nlp.Pipeline, tmp_path: Path
) -> None:
    text = "Ông Phan Đức Long cho biết DHTB sẽ phối hợp với Sở KH&CN tổ chức hội thảo."
    assert "DHTB" not in {e.text for e in nlp(text).by_label("ORGANIZATION")}

    custom = vnassoc_nlp.load(gazetteers=[user_organizations(tmp_path)])
    found = {e.text: e for e in custom(text).by_label("ORGANIZATION")}
    assert "DHTB" in found
    assert found["DHTB"].canonical_name == USER_BODY
    assert found["DHTB"].acronym == "DHTB"
    start = text.index("DHTB")
    assert (found["DHTB"].start, found["DHTB"].end) == (start, start + 4)


def test_user_organization_alias_resolves_to_its_canonical_name(tmp_path: Path) -> None:
    custom = vnassoc_nlp.load(gazetteers=[user_organizations(tmp_path)])
    text = "Đại diện Mạng lưới Trí thức Duyên hải phát biểu tại hội thảo."
    orgs = custom(text).by_label("ORGANIZATION")
    assert [(e.text, e.canonical_name) for e in orgs] == [
        ("Mạng lưới Trí thức Duyên hải", USER_BODY)
    ]


def test_bad_unit_type_names_the_file_and_line(tmp_path: Path) -> None:
    path = write(
        tmp_path / "provinces_extra.tsv",
        "# kind: provinces",
        "# source: test",
        "# note: one good row, then a district given as a province",
        PROVINCE_HEADER,
        "99\tTỉnh Thử\ttỉnh\tQuảng Trị\t",
        "98\tThử Huyện\thuyện\tQuảng Trị\t",
    )
    error = load_error(path)
    assert error.code == "E003"
    assert f"{path}:6:" in str(error)
    assert "unit_type" in str(error)


def test_too_many_columns_names_the_file_and_line(tmp_path: Path) -> None:
    path = write(
        tmp_path / "orgs_extra.tsv",
        "# kind: organizations",
        "# source: test",
        ORG_HEADER,
        "Hội Khoa học Thủy sản Miền Trung\tHTSMT\tassociation\t",
        "Hội Nghề cá Duyên hải\t\tassociation\t\tthừa",
    )
    error = load_error(path)
    assert error.code == "E003"
    assert f"{path}:5:" in str(error)


def test_missing_source_header_is_e006(tmp_path: Path) -> None:
    path = write(
        tmp_path / "no_source.tsv",
        "# kind: organizations",
        ORG_HEADER,
        "Hội Khoa học Thủy sản Miền Trung\tHTSMT\tassociation\t",
    )
    error = load_error(path)
    assert error.code == "E006"
    assert str(path) in str(error)


def test_unknown_kind_is_e005(tmp_path: Path) -> None:
    path = write(
        tmp_path / "companies.tsv",
        "# kind: companies",
        "# source: test",
        "name",
        "Công ty Thử nghiệm",
    )
    error = load_error(path)
    assert error.code == "E005"
    assert str(path) in str(error)
    assert "companies" in str(error)


def test_non_utf8_file_is_e010_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "latin1.tsv"
    content = "\n".join(
        [
            "# kind: organizations",
            "# source: test",
            ORG_HEADER,
            "Société Française de Physique\tSFP\tinternational\t",
        ]
    )
    path.write_bytes(content.encode("latin-1"))
    error = load_error(path)
    assert error.code == "E010"
    assert str(path) in str(error)


def test_utf8_file_with_byte_order_mark_loads(tmp_path: Path) -> None:
    path = tmp_path / "saved_by_excel.tsv"
    content = "\n".join(
        ["# kind: organizations", "# source: test", ORG_HEADER, f"{USER_BODY}\tDHTB\tassociation\t"]
    )
    path.write_text("\ufeff" + content + "\n", encoding="utf-8")
    custom = vnassoc_nlp.load(gazetteers=[path])
    orgs = custom("Đại diện DHTB phát biểu.").by_label("ORGANIZATION")
    assert [e.canonical_name for e in orgs] == [USER_BODY]


def test_unknown_successor_names_the_file_and_line(tmp_path: Path) -> None:
    path = write(
        tmp_path / "provinces_extra.tsv",
        "# kind: provinces",
        "# source: test",
        PROVINCE_HEADER,
        "99\tTỉnh Thử\ttỉnh\tKhông Có\t",
    )
    error = load_error(path)
    assert error.code == "E003"
    assert f"{path}:4:" in str(error)
