"""Synthetic annotated documents in the output contract's shape, generated directly (not run
through the pipeline): invented people in provincial and national bodies, citing directives, on
dates from 2010 to 2026. Used by ``corpus_bench.py`` (100,000 documents) and by the corpus tests
(a few thousand, for the kill test).

    python benchmarks/synthetic_corpus.py 1000 > corpus.jsonl

Every entity's offsets index the generated text exactly. Deterministic for a given seed.
"""

from __future__ import annotations

import json
import random
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from vnassoc_nlp.gazetteers import bundled_gazetteer_dir, read_gazetteer

SURNAMES = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Vũ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
    "Tạ",
    "Kiều",
    "Lương",
]
MIDDLES = [
    "Văn",
    "Thị",
    "Hữu",
    "Đức",
    "Minh",
    "Quang",
    "Thanh",
    "Ngọc",
    "Xuân",
    "Công",
    "Khắc",
    "Thế",
    "Hồng",
    "Kim",
    "Bảo",
    "Trọng",
    "Như",
    "Phước",
    "Duy",
    "Tường",
]
GIVEN = [
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Giang",
    "Hà",
    "Hải",
    "Hạnh",
    "Hiếu",
    "Hòa",
    "Huy",
    "Khang",
    "Khoa",
    "Lâm",
    "Linh",
    "Long",
    "Mai",
    "Nam",
    "Nga",
    "Nhân",
    "Phong",
    "Phúc",
    "Quân",
    "Sơn",
    "Tâm",
    "Thảo",
    "Thắng",
    "Thịnh",
    "Thu",
    "Tiến",
    "Trang",
    "Trung",
    "Tú",
    "Tuấn",
    "Vân",
    "Việt",
    "Vinh",
    "Xuyến",
    "Yên",
    "Ánh",
]
TITLES = [(), ("TS",), ("ThS",), ("PGS", "TS"), ("GS", "TSKH"), ("KS",)]
ROLES = [
    "Chủ tịch",
    "Phó Chủ tịch",
    "Tổng Thư ký",
    "Ủy viên Ban Thường vụ",
    "Giám đốc",
    "Phó Giám đốc",
]
FIELDS = [
    "Nông nghiệp",
    "Y học",
    "Tin học",
    "Môi trường",
    "Kinh tế",
    "Luật gia",
    "Làm vườn",
    "Cơ khí",
    "Điện lực",
    "Thủy lợi",
]
NATIONAL = [
    ("Liên hiệp các Hội Khoa học và Kỹ thuật Việt Nam", "VUSTA"),
    ("Bộ Khoa học và Công nghệ", None),
    ("Ban Tuyên giáo Trung ương", None),
]
KINDS = [
    ("chỉ thị", "Chỉ thị", "{n}-CT/TW"),
    ("nghị quyết", "Nghị quyết", "{n}-NQ/TW"),
    ("quyết định", "Quyết định", "{n}/{y}/QĐ-UBND"),
    ("nghị định", "Nghị định", "{n}/{y}/NĐ-CP"),
    ("kết luận", "Kết luận", "{n}-KL/TW"),
]


@dataclass(frozen=True)
class Person:
    name: str
    titles: tuple[str, ...]
    role: str
    province: str | None  # None: a national body


def provinces() -> list[tuple[str, str]]:
    _, rows = read_gazetteer(bundled_gazetteer_dir() / "provinces.tsv")
    return [(row.name, row.successor) for row in rows]  # type: ignore[attr-defined]


class Writer:
    """Builds a text piece by piece, recording each entity where it is written."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.size = 0
        self.entities: list[dict[str, Any]] = []

    def add(self, text: str, label: str | None = None, **fields: Any) -> None:
        if label is not None:
            self.entities.append(
                {
                    "label": label,
                    "start": self.size,
                    "end": self.size + len(text),
                    "text": text,
                    **fields,
                }
            )
        self.parts.append(text)
        self.size += len(text)

    def province(self, name: str, successor: str) -> None:
        self.add(name, "PROVINCE", name=name, successor=successor)

    def body(self, kind: str, province: tuple[str, str] | None) -> str:
        """A provincial body named with its province (the PROVINCE nested inside)."""
        if province is None:
            name, acronym = NATIONAL[0]
            self.add(name, "ORGANIZATION", canonical_name=name, acronym=acronym)
            return name
        head = f"{kind} tỉnh "
        canonical = head + province[0]
        start = self.size
        self.add(head)
        self.province(*province)
        self.entities.append(
            {
                "label": "ORGANIZATION",
                "start": start,
                "end": self.size,
                "text": canonical,
                "canonical_name": canonical,
                "acronym": None,
            }
        )
        return canonical


def documents(count: int, seed: int = 7, people: int = 30000) -> Iterator[dict[str, Any]]:
    rng = random.Random(seed)
    places = provinces()
    population = [
        Person(
            f"{rng.choice(SURNAMES)} {rng.choice(MIDDLES)} {rng.choice(GIVEN)}",
            rng.choice(TITLES),
            rng.choice(ROLES),
            None if rng.random() < 0.1 else rng.choice(places)[0],
        )
        for _ in range(people)
    ]
    successor = dict(places)
    first_day = date(2010, 1, 1)
    for number in range(count):
        writer = Writer()
        day = first_day + timedelta(days=rng.randrange(16 * 365))
        undated = rng.random() < 0.05
        province = rng.choice(places)
        writer.add(
            f"Ngày {day.day}/{day.month}/{day.year}",
            "DATE",
            value=day.isoformat(),
            value_start=day.isoformat(),
            value_end=day.isoformat(),
            granularity="day",
        )
        writer.add(", tại ")
        writer.province(*province)
        writer.add(", ")
        host = "Liên hiệp các Hội Khoa học và Kỹ thuật"
        writer.body(host, province)
        writer.add(" tổ chức hội nghị quán triệt ")
        kind, word, pattern = KINDS[min(int(rng.paretovariate(1.2)) - 1, len(KINDS) - 1)]
        n = min(int(rng.paretovariate(0.8)), 400)
        year = rng.randrange(2005, 2025)
        code = pattern.format(n=n, y=year)
        writer.add(f"{word} số {code}", "DIRECTIVE", kind=kind, number=str(n), code=code)
        writer.add(". Tham dự hội nghị có")
        for index in range(rng.randint(2, 4)):
            person = rng.choice(population)
            writer.add("," if index else "")
            writer.add(" ")
            if person.titles:
                writer.add(".".join(person.titles) + " ")
            writer.add(
                person.name,
                "PERSON",
                name=person.name,
                titles=list(person.titles),
                roles=[person.role],
            )
            writer.add(f", {person.role} ")
            at = None if person.province is None else (person.province, successor[person.province])
            if at is None:
                writer.body("", None)
            else:
                writer.body(f"Hội {rng.choice(FIELDS)}" if rng.random() < 0.3 else host, at)
        writer.add(". Hội nghị nhấn mạnh việc thực hiện ")
        writer.add(f"{word} {n}", "DIRECTIVE", kind=kind, number=str(n), code=None)
        writer.add(" trong giai đoạn mới.")
        yield {
            "id": f"syn-{number:06d}",
            "text": "".join(writer.parts),
            "date": None if undated else day.isoformat(),
            "entities": writer.entities,
        }


if __name__ == "__main__":
    for record in documents(int(sys.argv[1]) if len(sys.argv) > 1 else 1000):
        sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
