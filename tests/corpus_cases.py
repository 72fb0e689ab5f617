"""Written annotated documents for the corpus tests: invented people, bodies and directives in
the output contract's shape (as ``vnassoc annotate`` writes it, positions included).

Each person mention carries who they really are (``TRUTH``), to measure identity across
documents: namesakes in two provinces in the same years, a title that went down (another
person), a person moving from a provincial to a national post (the same person), a bare mention
in a document about one province (joins that province's person), a bare mention in a document
about neither (ambiguous: it stays apart, which costs recall), and a name with no namesake.
"""

from __future__ import annotations

from typing import Any

SUCCESSORS = {
    "Kon Tum": "Quảng Ngãi",
    "Sóc Trăng": "Cần Thơ",
    "Gia Lai": "Gia Lai",
    "Bình Định": "Gia Lai",
    "Bến Tre": "Vĩnh Long",
    "Yên Bái": "Lào Cai",
    "Hà Nội": "Hà Nội",
}
VUSTA = "Liên hiệp các Hội Khoa học và Kỹ thuật Việt Nam"

# (document id, person name) -> the real person; filled in by build().
TRUTH: dict[tuple[str, str], str] = {}


def union(province: str) -> str:
    return f"Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh {province}"


def _find(text: str, surface: str, nth: int) -> int:
    start = -1
    for _ in range(nth + 1):
        start = text.find(surface, start + 1)
        if start < 0:
            raise ValueError(f"{surface!r} (occurrence {nth}) is not in the text")
    return start


def build(ident: str, date: str | None, text: str, specs: list[tuple[Any, ...]]) -> dict:
    """specs: (label, surface, nth, fields); a PERSON's fields may hold ``truth`` and
    ``positions`` as (title, organization surface or None, organization nth, former)."""
    entities: list[dict[str, Any]] = []
    orgs = {
        (surface, nth): {"start": _find(text, surface, nth), **fields}
        for label, surface, nth, fields in specs
        if label == "ORGANIZATION"
    }
    for label, surface, nth, fields in specs:
        start = _find(text, surface, nth)
        entity = {"label": label, "start": start, "end": start + len(surface), "text": surface}
        fields = dict(fields)
        if label == "PERSON":
            TRUTH[(ident, fields.get("name", surface))] = fields.pop("truth")
            positions = []
            for title, org_surface, org_nth, former in fields.pop("positions", []):
                org = orgs.get((org_surface, org_nth)) if org_surface else None
                positions.append(
                    {
                        "title": title,
                        "former": former,
                        "organization": org["canonical_name"] if org else None,
                        "organization_start": org["start"] if org else None,
                    }
                )
            fields.setdefault("name", surface)
            fields.setdefault("titles", [])
            fields.setdefault(
                "roles", [("nguyên " if p["former"] else "") + p["title"] for p in positions]
            )
            fields["positions"] = positions
        entity.update(fields)
        entities.append(entity)
    return {"id": ident, "text": text, "date": date, "entities": entities}


def province(surface: str, nth: int = 0) -> tuple[Any, ...]:
    return ("PROVINCE", surface, nth, {"name": surface, "successor": SUCCESSORS[surface]})


def body(surface: str, canonical: str | None = None, nth: int = 0, acronym: str | None = None):
    return (
        "ORGANIZATION",
        surface,
        nth,
        {"canonical_name": canonical or surface, "acronym": acronym},
    )


def directive(surface: str, kind: str, number: str, code: str | None, nth: int = 0):
    return ("DIRECTIVE", surface, nth, {"kind": kind, "number": number, "code": code})


def person(surface: str, truth: str, titles: tuple[str, ...] = (), positions=(), nth: int = 0):
    return (
        "PERSON",
        surface,
        nth,
        {"truth": truth, "titles": list(titles), "positions": list(positions)},
    )


def day(surface: str, value: str, nth: int = 0):
    return ("DATE", surface, nth, {"value": value})


def documents() -> list[dict]:
    TRUTH.clear()
    kt, st, gl, bt = union("Kon Tum"), union("Sóc Trăng"), union("Gia Lai"), union("Bến Tre")
    docs = [
        build(
            "kt-2019",
            "2019-03-12",
            "KON TUM, 12/3/2019 — Liên hiệp Hội tỉnh Kon Tum tổ chức Hội nghị Ban Chấp hành "
            "lần thứ năm. TS Lương Khắc Định, Chủ tịch Liên hiệp Hội tỉnh Kon Tum, cho biết "
            "đơn vị đã triển khai Chỉ thị số 117-CT/TW của Ban Bí thư. Ông Lương Khắc Định "
            "đề nghị các hội thành viên tiếp tục bám sát Chỉ thị 117.",
            [
                body("Liên hiệp Hội tỉnh Kon Tum", kt),
                province("Kon Tum"),
                body("Liên hiệp Hội tỉnh Kon Tum", kt, nth=1),
                province("Kon Tum", nth=1),
                person(
                    "Lương Khắc Định",
                    "T1",
                    ("TS",),
                    [("Chủ tịch", "Liên hiệp Hội tỉnh Kon Tum", 1, False)],
                ),
                person("Lương Khắc Định", "T1", nth=1),
                directive("Chỉ thị số 117-CT/TW", "chỉ thị", "117", "117-CT/TW"),
                body("Ban Bí thư"),
                directive("Chỉ thị 117", "chỉ thị", "117", None),
                day("12/3/2019", "2019-03-12"),
            ],
        ),
        build(
            "st-2019",
            "2019-05-20",
            "Sáng 20/5/2019, Liên hiệp Hội tỉnh Sóc Trăng khai mạc lớp tập huấn tư vấn, phản "
            "biện. Phát biểu khai mạc, ThS Lương Khắc Định, Chủ tịch Liên hiệp Hội tỉnh Sóc "
            "Trăng, nhấn mạnh yêu cầu thực hiện Quyết định số 09/2018/QĐ-UBND của UBND tỉnh.",
            [
                body("Liên hiệp Hội tỉnh Sóc Trăng", st),
                province("Sóc Trăng"),
                body("Liên hiệp Hội tỉnh Sóc Trăng", st, nth=1),
                province("Sóc Trăng", nth=1),
                person(
                    "Lương Khắc Định",
                    "T2",
                    ("ThS",),
                    [("Chủ tịch", "Liên hiệp Hội tỉnh Sóc Trăng", 1, False)],
                ),
                directive("Quyết định số 09/2018/QĐ-UBND", "quyết định", "09", "09/2018/QĐ-UBND"),
                body("UBND tỉnh", "Ủy ban nhân dân tỉnh"),
                day("20/5/2019", "2019-05-20"),
            ],
        ),
        build(
            "kt-2021",
            "2021-08-02",
            "Ngày 2/8/2021, Tỉnh ủy Kon Tum làm việc với Liên hiệp Hội tỉnh về công tác trí "
            "thức. TS Lương Khắc Định, Chủ tịch Liên hiệp Hội tỉnh Kon Tum, báo cáo kết quả "
            "5 năm thực hiện Chỉ thị số 117-CT/TW. Đồng chí Bí thư Tỉnh ủy ghi nhận.",
            [
                body("Tỉnh ủy Kon Tum"),
                province("Kon Tum"),
                body("Liên hiệp Hội tỉnh", "Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh"),
                body("Liên hiệp Hội tỉnh Kon Tum", kt),
                province("Kon Tum", nth=1),
                person(
                    "Lương Khắc Định",
                    "T1",
                    ("TS",),
                    [("Chủ tịch", "Liên hiệp Hội tỉnh Kon Tum", 0, False)],
                ),
                directive("Chỉ thị số 117-CT/TW", "chỉ thị", "117", "117-CT/TW"),
                body("Tỉnh ủy", nth=1),
                day("2/8/2021", "2021-08-02"),
            ],
        ),
        build(
            "st-2021",
            "2021-09-15",
            "SÓC TRĂNG — Ngày 15/9/2021, ThS Lương Khắc Định, Chủ tịch Liên hiệp Hội tỉnh Sóc "
            "Trăng, trao giải Hội thi Sáng tạo kỹ thuật tỉnh lần thứ tám.",
            [
                body("Liên hiệp Hội tỉnh Sóc Trăng", st),
                province("Sóc Trăng"),
                person(
                    "Lương Khắc Định",
                    "T2",
                    ("ThS",),
                    [("Chủ tịch", "Liên hiệp Hội tỉnh Sóc Trăng", 0, False)],
                ),
                day("15/9/2021", "2021-09-15"),
            ],
        ),
        build(
            "kt-2022",
            "2022-04-10",
            "Tại Kon Tum, ông Lương Khắc Định chủ trì buổi gặp mặt các nhà khoa học tiêu biểu "
            "của tỉnh nhân Ngày Khoa học và Công nghệ Việt Nam.",
            [province("Kon Tum"), person("Lương Khắc Định", "T1")],
        ),
        build(
            "hn-2020",
            "2020-11-25",
            "Tại hội thảo về chuyển đổi số tổ chức ở Hà Nội, ông Lương Khắc Định trình bày "
            "tham luận về ứng dụng công nghệ thông tin trong hoạt động của các hội.",
            [province("Hà Nội"), person("Lương Khắc Định", "T1")],
        ),
        build(
            "kt-2023",
            "2023-11-06",
            "Đại hội đại biểu Liên hiệp Hội tỉnh Kon Tum nhiệm kỳ 2023-2028 đã bầu PGS.TS "
            "Lương Khắc Định tiếp tục giữ chức Chủ tịch Liên hiệp Hội tỉnh Kon Tum.",
            [
                body("Liên hiệp Hội tỉnh Kon Tum", kt),
                province("Kon Tum"),
                body("Liên hiệp Hội tỉnh Kon Tum", kt, nth=1),
                province("Kon Tum", nth=1),
                person(
                    "Lương Khắc Định",
                    "T1",
                    ("PGS", "TS"),
                    [("Chủ tịch", "Liên hiệp Hội tỉnh Kon Tum", 1, False)],
                ),
                day("nhiệm kỳ 2023-2028", "2023/2028"),
            ],
        ),
        build(
            "vn-2015",
            "2015-06-18",
            "Hội đồng khoa học của Liên hiệp các Hội Khoa học và Kỹ thuật Việt Nam (VUSTA) "
            "nghiệm thu đề tài do TS Tạ Thị Hồng Nhung, Phó Viện trưởng Viện Sinh thái Nông "
            "nghiệp miền núi, làm chủ nhiệm.",
            [
                body(VUSTA, acronym="VUSTA"),
                body("VUSTA", VUSTA, acronym="VUSTA"),
                body("Viện Sinh thái Nông nghiệp miền núi"),
                person(
                    "Tạ Thị Hồng Nhung",
                    "T3",
                    ("TS",),
                    [("Phó Viện trưởng", "Viện Sinh thái Nông nghiệp miền núi", 0, False)],
                ),
            ],
        ),
        build(
            "vn-2020",
            "2020-10-09",
            "Nhân dịp kỷ niệm ngày thành lập, PGS.TS Tạ Thị Hồng Nhung, Phó Viện trưởng Viện "
            "Sinh thái Nông nghiệp miền núi, được VUSTA tặng Bằng khen.",
            [
                body("Viện Sinh thái Nông nghiệp miền núi"),
                body("VUSTA", VUSTA, acronym="VUSTA"),
                person(
                    "Tạ Thị Hồng Nhung",
                    "T3",
                    ("PGS", "TS"),
                    [("Phó Viện trưởng", "Viện Sinh thái Nông nghiệp miền núi", 0, False)],
                ),
            ],
        ),
        build(
            "yb-2022",
            "2022-12-01",
            "Hội Làm vườn tỉnh Yên Bái kết nạp hội viên mới, trong đó có ThS Tạ Thị Hồng "
            "Nhung, cán bộ kỹ thuật của Hội Làm vườn tỉnh Yên Bái.",
            [
                body("Hội Làm vườn tỉnh Yên Bái"),
                province("Yên Bái"),
                body("Hội Làm vườn tỉnh Yên Bái", nth=1),
                province("Yên Bái", nth=1),
                person(
                    "Tạ Thị Hồng Nhung",
                    "T4",
                    ("ThS",),
                    [("cán bộ kỹ thuật", "Hội Làm vườn tỉnh Yên Bái", 1, False)],
                ),
            ],
        ),
        build(
            "gl-2016",
            "2016-02-25",
            "Liên hiệp Hội tỉnh Gia Lai triển khai Nghị quyết số 23-NQ/TU của Tỉnh ủy Gia Lai. "
            "KS Hà Quang Vĩnh, Phó Chủ tịch Liên hiệp Hội tỉnh Gia Lai, phụ trách chương trình.",
            [
                body("Liên hiệp Hội tỉnh Gia Lai", gl),
                province("Gia Lai"),
                directive("Nghị quyết số 23-NQ/TU", "nghị quyết", "23", "23-NQ/TU"),
                body("Tỉnh ủy Gia Lai"),
                province("Gia Lai", nth=1),
                body("Liên hiệp Hội tỉnh Gia Lai", gl, nth=1),
                province("Gia Lai", nth=2),
                person(
                    "Hà Quang Vĩnh",
                    "T5",
                    ("KS",),
                    [("Phó Chủ tịch", "Liên hiệp Hội tỉnh Gia Lai", 1, False)],
                ),
            ],
        ),
        build(
            "gl-2021",
            "2021-07-30",
            "KS Hà Quang Vĩnh được bầu làm Chủ tịch Liên hiệp Hội tỉnh Gia Lai khóa mới; hội "
            "nghị cũng quán triệt Nghị quyết 23 của Tỉnh ủy.",
            [
                person(
                    "Hà Quang Vĩnh",
                    "T5",
                    ("KS",),
                    [("Chủ tịch", "Liên hiệp Hội tỉnh Gia Lai", 0, False)],
                ),
                body("Liên hiệp Hội tỉnh Gia Lai", gl),
                province("Gia Lai"),
                directive("Nghị quyết 23", "nghị quyết", "23", None),
                body("Tỉnh ủy", "Tỉnh ủy"),
            ],
        ),
        build(
            "gl-2024",
            "2024-05-05",
            "Gặp mặt cán bộ hưu trí tại Gia Lai: KS Hà Quang Vĩnh, nguyên Chủ tịch Liên hiệp "
            "Hội tỉnh Gia Lai, chia sẻ kinh nghiệm. Ông Kiều Văn Sang phát biểu cảm tưởng.",
            [
                province("Gia Lai"),
                person(
                    "Hà Quang Vĩnh",
                    "T5",
                    ("KS",),
                    [("Chủ tịch", "Liên hiệp Hội tỉnh Gia Lai", 0, True)],
                ),
                body("Liên hiệp Hội tỉnh Gia Lai", gl),
                province("Gia Lai", nth=1),
                person("Kiều Văn Sang", "T7"),
            ],
        ),
        build(
            "bt-2014",
            "2014-09-09",
            "Liên hiệp Hội tỉnh Bến Tre có Chủ tịch mới: TS Mai Xuân Trường, Chủ tịch Liên "
            "hiệp Hội tỉnh Bến Tre, thay ông Kiều Văn Sang nghỉ hưu.",
            [
                body("Liên hiệp Hội tỉnh Bến Tre", bt),
                province("Bến Tre"),
                body("Liên hiệp Hội tỉnh Bến Tre", bt, nth=1),
                province("Bến Tre", nth=1),
                person(
                    "Mai Xuân Trường",
                    "T6",
                    ("TS",),
                    [("Chủ tịch", "Liên hiệp Hội tỉnh Bến Tre", 1, False)],
                ),
                person("Kiều Văn Sang", "T7"),
            ],
        ),
        build(
            "vn-2018",
            "2018-12-14",
            "Tại Hà Nội, PGS.TS Mai Xuân Trường, Phó Chủ tịch Liên hiệp các Hội Khoa học và "
            "Kỹ thuật Việt Nam, chủ trì hội thảo về Nghị định số 45/2010/NĐ-CP.",
            [
                province("Hà Nội"),
                body(VUSTA, acronym="VUSTA"),
                person("Mai Xuân Trường", "T6", ("PGS", "TS"), [("Phó Chủ tịch", VUSTA, 0, False)]),
                directive("Nghị định số 45/2010/NĐ-CP", "nghị định", "45", "45/2010/NĐ-CP"),
            ],
        ),
    ]
    return docs
