"""Raw HTML pages as input (issue 15): the article's text, title, URL and date are extracted, the
text annotated, and a page with no article gets a coded error line, never an empty record.

The pages in ``tests/data/pages`` are written for these tests: a provincial news page with a
menu, share links, related articles and a footer around an invented article, and a page with
all of that but no article.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import vnassoc_nlp
from cli_runner import vnassoc
from vnassoc_nlp.batch import annotate_record
from vnassoc_nlp.errors import InputError
from vnassoc_nlp.html_input import extract_page

PAGES = Path(__file__).parent / "data" / "pages"
ARTICLE_PAGE = PAGES / "lien-hiep-hoi-lai-chau.html"
EMPTY_PAGE = PAGES / "khong-tim-thay-trang.html"
URL = "https://khoahoctaybac.example.vn/lai-chau-lien-hiep-hoi-tong-ket-tu-van-phan-bien-2024-p4821.html"
TITLE = "Lai Châu: Liên hiệp Hội tỉnh tổng kết hoạt động tư vấn, phản biện năm 2024"

pytest.importorskip("trafilatura", reason="the 'html' extra is not installed")


@pytest.fixture(scope="module")
def nlp() -> vnassoc_nlp.Pipeline:
    return vnassoc_nlp.load()


def entity(record: dict[str, Any], label: str, text: str) -> dict[str, Any]:
    found = [e for e in record["entities"] if e["label"] == label and e["text"] == text]
    assert found, (label, text, [(e["label"], e["text"]) for e in record["entities"]])
    return found[0]


# -- extraction -----------------------------------------------------------------------------------
def test_the_article_is_kept_and_the_page_furniture_dropped() -> None:
    page = extract_page(ARTICLE_PAGE.read_bytes())
    assert page.text.startswith("Sáng 18/12, Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh Lai Châu")
    assert "ThS. Tẩn Thị Mai, Chủ tịch Liên hiệp các Hội" in page.text
    for furniture in ("Trang chủ", "Thời sự", "Chia sẻ Facebook", "Zalo", "Tin liên quan",
                      "Giấy phép", "Điện thoại", "Liên hệ quảng cáo", "dataLayer"):  # fmt: skip
        assert furniture not in page.text, furniture
    assert (page.title, page.url, page.date) == (TITLE, URL, "2024-12-19")


def test_a_page_without_an_article_is_a_coded_error() -> None:
    with pytest.raises(InputError) as raised:
        extract_page(EMPTY_PAGE.read_text(encoding="utf-8"), name="trang-loi.html")
    assert raised.value.code == "E017"
    assert "trang-loi.html" in str(raised.value)


# -- records --------------------------------------------------------------------------------------
def test_a_record_with_html_is_annotated_on_the_article_text(nlp: vnassoc_nlp.Pipeline) -> None:
    record = {"id": "p4821", "html": ARTICLE_PAGE.read_text(encoding="utf-8"), "nguon": "crawler-7"}
    out = annotate_record(nlp, record)
    assert "error" not in out and "html" not in out
    assert (out["id"], out["nguon"], out["title"], out["url"]) == ("p4821", "crawler-7", TITLE, URL)
    # The page's date is the document date: "Sáng 18/12" is read in 2024.
    assert out["date"] == "2024-12-19"
    assert entity(out, "DATE", "18/12")["value"] == "2024-12-18"
    for e in out["entities"]:
        assert out["text"][e["start"] : e["end"]] == e["text"]
    chair = entity(out, "PERSON", "Tẩn Thị Mai")
    assert "ThS" in chair["titles"]
    org = entity(out, "ORGANIZATION", "Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh Lai Châu")
    assert org["canonical_name"] == "Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh Lai Châu"
    assert entity(out, "DIRECTIVE", "Chỉ thị số 28-CT/TU")["number"] == "28"


def test_a_date_url_and_title_given_by_the_caller_win(nlp: vnassoc_nlp.Pipeline) -> None:
    record = {"id": 7, "html": ARTICLE_PAGE.read_text(encoding="utf-8"), "date": "2023-12-20",
              "url": "https://lưu-trữ.example/7", "title": "Bản lưu"}  # fmt: skip
    out = annotate_record(nlp, record)
    assert (out["date"], out["url"], out["title"]) == ("2023-12-20", "https://lưu-trữ.example/7", "Bản lưu")  # fmt: skip
    assert entity(out, "DATE", "18/12")["value"] == "2023-12-18"


def test_a_record_with_an_empty_page_keeps_its_fields_in_an_error_line(
    nlp: vnassoc_nlp.Pipeline,
) -> None:
    html = EMPTY_PAGE.read_text(encoding="utf-8")
    out = annotate_record(nlp, {"id": "p0", "html": html, "nguon": "crawler-7"})
    assert out["error"]["type"] == "no_article_text"
    assert out["error"]["message"].startswith("[E017]")
    assert (out["id"], out["nguon"], out["html"]) == ("p0", "crawler-7", html)
    assert "entities" not in out


# -- the command ----------------------------------------------------------------------------------
def test_annotate_reads_html_files_and_html_records_alike(tmp_path: Path) -> None:
    folder = tmp_path / "crawl"
    (folder / "2024").mkdir(parents=True)
    (folder / "2024" / "p4821.html").write_bytes(ARTICLE_PAGE.read_bytes())
    (folder / "2024" / "loi.htm").write_bytes(EMPTY_PAGE.read_bytes())
    (folder / "ghi-chu.txt").write_text("Hội Nông dân tỉnh Lai Châu họp.", encoding="utf-8")
    lines = tmp_path / "crawl.jsonl"
    lines.write_text(
        json.dumps({"id": "2024/p4821.html", "html": ARTICLE_PAGE.read_text(encoding="utf-8")},
                   ensure_ascii=False) + "\n",
        encoding="utf-8",
    )  # fmt: skip

    result = vnassoc("annotate", str(folder), "--quiet", "--strict")
    assert result.returncode == 1, result.stderr  # the empty page failed, the run went on
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in out] == ["2024/loi.htm", "2024/p4821.html", "ghi-chu.txt"]
    empty, page, note = out
    assert (
        empty["error"]["type"] == "no_article_text" and "2024/loi.htm" in empty["error"]["message"]
    )
    assert (page["title"], page["url"], page["date"]) == (TITLE, URL, "2024-12-19")
    assert "html" not in page and note["entities"][0]["text"] == "Hội Nông dân tỉnh Lai Châu"

    from_jsonl = vnassoc("annotate", str(lines), "--quiet")
    assert from_jsonl.returncode == 0, from_jsonl.stderr
    (record,) = [json.loads(line) for line in from_jsonl.stdout.splitlines()]
    assert (record["text"], record["entities"]) == (page["text"], page["entities"])
