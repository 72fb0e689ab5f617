"""A very long text (a dump saved as one file) is read in parts: memory stays that of one part
plus the records, offsets stay exact, and cluster ids run across the parts."""

from __future__ import annotations

from itertools import pairwise

import vnassoc_nlp

PARAGRAPHS = [
    "Sáng 14/3/2024, TS. Lương Đình Khải, Chủ tịch Liên hiệp các Hội Khoa học và Kỹ thuật "
    "tỉnh Lai Châu, chủ trì hội nghị triển khai Chỉ thị số 45-CT/TW của Ban Bí thư.",
    "Ông Lương Đình Khải nhấn mạnh vai trò của đội ngũ trí thức trong giai đoạn 2021-2025.",
    "Dự hội nghị có đại diện Sở Khoa học và Công nghệ, Hội Làm vườn tỉnh Lai Châu và "
    "bà Vi Thị Ngọc Hân, Phó Chủ tịch UBND tỉnh.",
]


def test_a_long_text_is_read_in_parts_like_its_paragraphs(nlp: vnassoc_nlp.Pipeline) -> None:
    text = "\n".join(PARAGRAPHS * 12)
    in_parts = vnassoc_nlp.load()
    in_parts.PART_SIZE = 1_000  # type: ignore[misc]  # (a small part for a small test)
    parts = in_parts._parts(text)
    assert len(parts) > 3
    assert parts[0][0] == 0 and parts[-1][1] == len(text)
    for (_, end), (start, _) in pairwise(parts):
        assert end == start and text[end - 1] == "\n"  # parts meet at line breaks

    doc = in_parts(text)
    whole = nlp(text)
    assert len(nlp._parts(text)) == 1
    for entity in doc.entities:
        assert text[entity.start : entity.end] == entity.text
    # Each paragraph is read the same either way (no link here reaches across paragraphs).
    assert [(e.label, e.start, e.end) for e in doc.entities] == [
        (e.label, e.start, e.end) for e in whole.entities
    ]
    # The same person, body, province has one cluster id in every part.
    clusters: dict[tuple[str, str], set[str | None]] = {}
    for entity in doc.entities:
        if entity.label in ("PERSON", "PROVINCE"):
            clusters.setdefault((entity.label, entity.name), set()).add(entity.cluster)  # type: ignore[union-attr]
    assert ("PERSON", "Lương Đình Khải") in clusters
    assert all(len(ids) == 1 for ids in clusters.values()), clusters
    assert [e.cluster for e in doc.entities] == [e.cluster for e in whole.entities]


def test_person_positions_point_into_the_whole_text(nlp: vnassoc_nlp.Pipeline) -> None:
    text = "\n".join(PARAGRAPHS * 12)
    in_parts = vnassoc_nlp.load()
    in_parts.PART_SIZE = 1_000  # type: ignore[misc]
    checked = 0
    for person in in_parts(text).by_label("PERSON"):
        line_start = text.rfind("\n", 0, person.start) + 1
        line_end = text.find("\n", person.end) % (len(text) + 1)
        for position in person.positions:  # type: ignore[union-attr]
            if position.organization_start is not None:
                # The body it is held in, on the person's own line, wherever the part began.
                assert line_start <= position.organization_start < line_end
                assert text[position.organization_start :].startswith(("Liên hiệp", "UBND"))
                checked += 1
    assert checked >= 24
