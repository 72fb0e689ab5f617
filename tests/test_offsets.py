"""Offsets into the raw text survive every kind of damage normalization repairs."""

from __future__ import annotations

import unicodedata

import pytest

import vnassoc_nlp

CLEAN = "Ngày 9/10, TS. Vũ Thị Lan, Chủ tịch Liên hiệp Hội tỉnh Hòa Bình, phát biểu tại Hà Nội."


@pytest.fixture(scope="module")
def nlp() -> vnassoc_nlp.Pipeline:
    return vnassoc_nlp.load()


def test_nfd_text_maps_back_to_decomposed_span(nlp) -> None:
    raw = unicodedata.normalize("NFD", "Đại biểu tỉnh Quảng Trị")
    normalized = nlp.normalizer.normalize(raw)
    assert normalized.text == "Đại biểu tỉnh Quảng Trị"
    start = normalized.text.index("Quảng Trị")
    raw_start, raw_end = normalized.to_raw(start, start + len("Quảng Trị"))
    assert unicodedata.normalize("NFC", raw[raw_start:raw_end]) == "Quảng Trị"
    assert (raw_start, raw_end) == (len(unicodedata.normalize("NFD", "Đại biểu tỉnh ")), len(raw))


def test_old_tone_placement_keeps_offsets(nlp) -> None:
    raw = "Liên hiệp Hội tỉnh Hoà Bình và Tỉnh uỷ"
    normalized = nlp.normalizer.normalize(raw)
    assert normalized.text == "Liên hiệp Hội tỉnh Hòa Bình và Tỉnh ủy"
    assert normalized.to_raw(19, 27) == (19, 27)


def test_spaces_nbsp_zero_width_and_crlf(nlp) -> None:
    raw = "Ông\u00a0\u00a0Lê  Văn\tHòa\r\nphát\u200b biểu"
    normalized = nlp.normalizer.normalize(raw)
    assert normalized.text == "Ông Lê Văn Hòa\nphát biểu"
    start = normalized.text.index("Lê Văn Hòa")
    assert normalized.to_raw(start, start + len("Lê Văn Hòa")) == (5, 16)
    assert raw[5:16] == "Lê  Văn\tHòa"
    phat = normalized.text.index("phát biểu")
    assert normalized.to_raw(phat, phat + len("phát biểu")) == (18, 28)


@pytest.mark.parametrize(
    ("raw", "normalized_text"),
    [
        ("Liên hiệp Hội Việt Namvà các hội", "Liên hiệp Hội Việt Nam và các hội"),
        ("Đại biểu tỉnhQuảng Trị", "Đại biểu tỉnh Quảng Trị"),
        ("Khoa học và Kỹ thuậtBắc Ninh", "Khoa học và Kỹ thuật Bắc Ninh"),
        ("Liênhiệp Hội", "Liên hiệp Hội"),
        (
            "ThS VnExpress International nghiêng Nguyễn quyết",
            "ThS VnExpress International nghiêng Nguyễn quyết",
        ),
    ],
)
def test_glued_words_split_and_others_untouched(nlp, raw: str, normalized_text: str) -> None:
    assert nlp.normalizer.normalize(raw).text == normalized_text


def test_entity_in_glued_text_points_into_raw(nlp) -> None:
    raw = "Đại diện Liên hiệp Hội Việt Namvà các hội thành viên."
    org = next(e for e in nlp(raw).entities if e.label == "ORGANIZATION")
    assert (org.start, org.end, org.text) == (9, 31, "Liên hiệp Hội Việt Nam")


def _damage(text: str) -> list[str]:
    return [
        unicodedata.normalize("NFD", text),
        text.replace("Hòa", "Hoà"),
        text.replace(" ", "\u00a0", 3),
        text.replace(" ", " \u200b", 4),
        text.replace(" ", "  "),
        text.replace(", ", ",\r\n", 1),
    ]


@pytest.mark.parametrize("damaged", _damage(CLEAN))
def test_damaged_text_gives_same_entities_with_valid_offsets(nlp, damaged: str) -> None:
    def summary(doc):
        return sorted(
            (
                e.label,
                unicodedata.normalize(
                    "NFC", " ".join(e.text.replace("\u200b", "").split())
                ).replace("Hoà", "Hòa"),
            )
            for e in doc.entities
        )

    doc = nlp(damaged, date="2024-10-10")
    for entity in doc.entities:
        assert damaged[entity.start : entity.end] == entity.text
    assert summary(doc) == summary(nlp(CLEAN, date="2024-10-10"))
