"""``vnassoc annotate`` as users run it on dumps: every input kind, every bad-input kind, resume
after a crash, worker processes and Dask giving the same output as one process."""

from __future__ import annotations

import gzip
import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from cli_runner import vnassoc
from vnassoc_nlp.batch import Progress, annotate_record

REPO = Path(__file__).resolve().parents[1]
GENRE_CASES = REPO / "tests" / "data" / "genre_cases.jsonl"
SAMPLE = REPO / "examples" / "sample_article.txt"

FIRST = (
    "Sáng 14/6/2025, tại thành phố Vinh, Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh Nghệ An "
    "tổ chức Hội nghị tổng kết 5 năm thực hiện Chỉ thị số 45-CT/TW của Ban Bí thư. "
    "TS. Hoàng Thị Mai Lan, Phó Chủ tịch Liên hiệp Hội tỉnh, chủ trì hội nghị."
)
SECOND = (
    "Ngày 3/9/2024, đồng chí Đinh Quang Vũ, Ủy viên Ban Thường vụ Tỉnh ủy, Trưởng Ban Tuyên giáo "
    "Tỉnh ủy Hà Giang, làm việc với Hội Nông học tỉnh Hà Giang."
)


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def summary_of(result: subprocess.CompletedProcess[str]) -> dict[str, Any]:
    return json.loads(result.stderr.strip().splitlines()[-1])


def genre_records() -> list[dict[str, Any]]:
    cases = [json.loads(line) for line in GENRE_CASES.read_text(encoding="utf-8").splitlines()]
    return [{"id": c["id"], "text": c["text"], "date": c.get("date")} for c in cases]


def write_jsonl(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
    )
    return path


# -- inputs ---------------------------------------------------------------------------------------
def test_jsonl_gzip_directory_and_stdin_give_the_same_entities(tmp_path: Path) -> None:
    records = [{"id": "bai-a.txt", "text": FIRST}, {"id": "so/bai-b.txt", "text": SECOND}]
    plain = write_jsonl(tmp_path / "in.jsonl", records)
    packed = tmp_path / "in.jsonl.gz"
    packed.write_bytes(gzip.compress(plain.read_bytes()))
    folder = tmp_path / "dump"
    for record in records:
        (folder / record["id"]).parent.mkdir(parents=True, exist_ok=True)
        (folder / record["id"]).write_text(record["text"], encoding="utf-8")
    (folder / "ghi-chu.md").write_text("không phải bài báo", encoding="utf-8")

    outputs = {}
    for name, source, stdin in [
        ("jsonl", str(plain), None), ("gz", str(packed), None),
        ("dir", str(folder), None), ("stdin", "-", plain.read_text(encoding="utf-8")),
    ]:  # fmt: skip
        result = vnassoc("annotate", source, "--quiet", stdin=stdin)
        assert result.returncode == 0, result.stderr
        outputs[name] = [json.loads(line) for line in result.stdout.splitlines()]

    # A directory's ids are relative paths, in sorted order; only .txt files are articles.
    assert [r["id"] for r in outputs["dir"]] == ["bai-a.txt", "so/bai-b.txt"]
    for name, out in outputs.items():
        assert [(r["id"], r["text"], r["entities"]) for r in out] == [
            (r["id"], r["text"], r["entities"]) for r in outputs["jsonl"]
        ], name
    first = outputs["jsonl"][0]
    found = {(e["label"], e["text"]) for e in first["entities"]}
    assert ("PERSON", "Hoàng Thị Mai Lan") in found
    assert ("DIRECTIVE", "Chỉ thị số 45-CT/TW") in found
    for entity in first["entities"]:
        assert FIRST[entity["start"] : entity["end"]] == entity["text"]


def test_other_fields_are_carried_through_untouched(tmp_path: Path) -> None:
    extra = {"url": "https://baonghean.example/kh-cn/123", "tags": ["Liên hiệp Hội", 7],
             "meta": {"tác_giả": "Minh Châu", "lượt_xem": 1520, "nổi_bật": None}}  # fmt: skip
    source = write_jsonl(tmp_path / "in.jsonl", [{"id": 42, "text": FIRST, **extra}])
    result = vnassoc("annotate", str(source), "-o", str(tmp_path / "out.jsonl"), "--quiet")
    assert result.returncode == 0, result.stderr
    (out,) = read_jsonl(tmp_path / "out.jsonl")
    assert out["id"] == 42
    assert out["text"] == FIRST
    assert {k: out[k] for k in extra} == extra
    assert out["entities"]


# -- bad input ------------------------------------------------------------------------------------
BAD_LINES: dict[str, tuple[bytes, str, Any]] = {
    # kind: (the input line, the error type, the id the error line carries)
    "not UTF-8": (
        '{"id": "b1", "text": "Hội Tin học tỉnh '.encode() + b"\xc3\x28" + b'"}',
        "invalid_encoding",
        "b1",
    ),
    "not JSON": (b'{"id": "b2", "text": "thi\xe1\xba\xbfu ngo\xe1\xba\xb7c', "invalid_json", "b2"),
    "not an object": ('["b3", "Hội Luật gia tỉnh Gia Lai"]'.encode(), "invalid_record", None),
    "no text": (b'{"id": "b4", "title": "Tin v\xe1\xba\xafn"}', "missing_text", "b4"),
    "text not a string": (
        '{"id": "b5", "text": ["Hội", "Luật gia"]}'.encode(),
        "missing_text",
        "b5",
    ),
    "invalid date": (
        '{"id": "b6", "text": "Ngày 2/3, hội nghị.", "date": "2024-02-30"}'.encode(),
        "invalid_input",
        "b6",
    ),
    "blank line": (b"   ", "empty_line", None),
}


@pytest.mark.parametrize("kind", list(BAD_LINES))
def test_a_bad_line_yields_an_error_line_in_place_and_the_run_goes_on(
    tmp_path: Path, kind: str
) -> None:
    line, error_type, ident = BAD_LINES[kind]
    good = json.dumps({"id": "tot", "text": SECOND}, ensure_ascii=False).encode()
    (tmp_path / "in.jsonl").write_bytes(good + b"\n" + line + b"\n" + good + b"\n")
    result = vnassoc("annotate", str(tmp_path / "in.jsonl"), "-o", str(tmp_path / "out.jsonl"))
    assert result.returncode == 0, result.stderr
    before, bad, after = read_jsonl(tmp_path / "out.jsonl")
    assert before["entities"] and after["entities"] == before["entities"]
    assert bad["error"]["type"] == error_type
    assert bad["error"]["message"]
    assert "entities" not in bad
    assert bad["id"] == ident
    if ident is None:
        assert bad["line"] == 2
    assert summary_of(result)["errors"] == 1


# A dump cut off mid-record: the id shown before the break names the error line.
CUT_OFF_LINES: list[tuple[str, Any]] = [
    # (the input line, the id its error line carries)
    (
        '{"id": "lhh-kontum-17", "text": "Sáng 12/3/2024, Liên hiệp các Hội Khoa học và Kỹ',
        "lhh-kontum-17",
    ),
    (
        '{"id": "tin-t\\u1ee9c/\\"S\\u00f3c Tr\\u0103ng\\"\\\\07", "text": "Chiều 9/10',
        'tin-tức/"Sóc Trăng"\\07',
    ),
    ('{"title": "Hội nghị Ban Chấp hành", "id": 305, "text": "Ngày 21/11/2023, tại', 305),
    ('{"text": "Ngày 5/8/2024, Hội Làm vườn tỉnh Yên Bái tổ chức lớp tập huấn', None),
    ('{"text": "ghi chú: \\"id\\": \\"gia-mao\\", Hội Nông dân huyện', None),
    ('{"id": 17', None),  # the number may be 172 cut short
    ("[" * 100_000, None),  # nested too deep for the json module: not JSON either
]


def test_a_cut_off_line_names_its_error_line_by_the_id_it_shows(tmp_path: Path) -> None:
    good = json.dumps({"id": "tot", "text": SECOND}, ensure_ascii=False)
    lines = [good, *(line for line, _ in CUT_OFF_LINES), good]
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = vnassoc("annotate", str(source), "-o", str(tmp_path / "out.jsonl"), "--quiet")
    assert result.returncode == 0, result.stderr
    first, *bad, last = read_jsonl(tmp_path / "out.jsonl")
    assert first["entities"] and last["entities"] == first["entities"]
    assert [(r["id"], r["line"]) for r in bad] == [
        (ident, number) for number, (_, ident) in enumerate(CUT_OFF_LINES, start=2)
    ]
    assert all(r["error"]["type"] == "invalid_json" and r["error"]["message"] for r in bad)


@pytest.mark.parametrize(
    ("bad_line", "error_type", "ident"),
    [('{"id": "cat-ngang", "text": "Hội Nhà báo tỉnh Cà Mau tổ'.encode(), "invalid_json", "cat-ngang"),
     ('{"id": "sai-ma", "text": "Hội Nhà báo tỉnh '.encode() + b"\xe1\xbb" + b'"}', "invalid_encoding", "sai-ma")],
    ids=["cut off", "not UTF-8"],
)  # fmt: skip
def test_resume_after_an_error_line_with_a_recovered_id(
    tmp_path: Path, bad_line: bytes, error_type: str, ident: str
) -> None:
    records = genre_records()[:3]
    good = [json.dumps(r, ensure_ascii=False).encode() + b"\n" for r in records]
    source = tmp_path / "in.jsonl"
    source.write_bytes(good[0] + bad_line + b"\n" + good[1] + good[2])
    reference = tmp_path / "reference.jsonl"
    assert vnassoc("annotate", str(source), "-o", str(reference), "--quiet").returncode == 0
    lines = reference.read_bytes().splitlines(keepends=True)
    error_line = json.loads(lines[1])
    assert (error_line["id"], error_line["error"]["type"]) == (ident, error_type)

    # The crash came after the error line: resuming checks it against its input line.
    crashed = tmp_path / "out.jsonl"
    crashed.write_bytes(lines[0] + lines[1] + lines[2][:40])
    result = vnassoc("annotate", str(source), "-o", str(crashed), "--resume", "--quiet")
    assert result.returncode == 0, result.stderr
    assert crashed.read_bytes() == reference.read_bytes()


def test_an_undecodable_file_in_a_directory_is_an_error_line_named_by_its_path(
    tmp_path: Path,
) -> None:
    (tmp_path / "a.txt").write_text(FIRST, encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(SECOND.encode("cp1258", errors="replace"))
    (tmp_path / "c.txt").write_bytes(b"\xef\xbb\xbf" + SECOND.encode())  # a BOM is fine
    result = vnassoc("annotate", str(tmp_path), "--quiet")
    assert result.returncode == 0, result.stderr
    a, b, c = (json.loads(line) for line in result.stdout.splitlines())
    assert a["entities"] and c["entities"]
    assert c["text"] == SECOND
    assert (b["id"], b["error"]["type"]) == ("b.txt", "invalid_encoding")


def test_a_truncated_gzip_keeps_what_was_read_and_reports_the_rest(tmp_path: Path) -> None:
    records = genre_records()[:40]
    packed = gzip.compress(write_jsonl(tmp_path / "in.jsonl", records).read_bytes())
    (tmp_path / "cut.jsonl.gz").write_bytes(packed[: len(packed) * 2 // 3])
    result = vnassoc("annotate", str(tmp_path / "cut.jsonl.gz"), "--quiet")
    assert result.returncode == 0, result.stderr
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert out[-1]["error"]["type"] == "unreadable_input"
    assert [r["id"] for r in out[:-1] if "error" not in r] == [r["id"] for r in records][
        : len(out) - 1
    ]
    assert len(out) > 2


def test_empty_text_is_a_document_without_entities() -> None:
    from vnassoc_nlp import load

    out = annotate_record(load(), {"id": "rong", "text": ""})
    assert out == {"id": "rong", "text": "", "date": None, "entities": []}


def test_strict_exits_1_when_a_record_failed_and_0_otherwise(tmp_path: Path) -> None:
    clean = write_jsonl(tmp_path / "clean.jsonl", [{"id": "x", "text": FIRST}])
    assert vnassoc("annotate", str(clean), "--strict", "--quiet").returncode == 0
    dirty = tmp_path / "dirty.jsonl"
    dirty.write_bytes(clean.read_bytes() + b"not json\n")
    result = vnassoc("annotate", str(dirty), "--strict")
    assert result.returncode == 1
    assert len(result.stdout.splitlines()) == 2


def test_missing_input_and_unwritable_output_fail_clearly(tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", [{"id": "x", "text": FIRST}])
    for args in [
        (str(tmp_path / "khong-co.jsonl"),),
        (str(source), "-o", str(tmp_path / "khong-co" / "out.jsonl")),
    ]:
        result = vnassoc("annotate", *args)
        assert result.returncode == 2
        stderr = result.stderr
        assert "khong-co" in stderr
        assert "Traceback" not in stderr


def test_summary_counts_documents_errors_entities_and_speed(tmp_path: Path) -> None:
    records = genre_records()[:10]
    source = write_jsonl(tmp_path / "in.jsonl", records)
    source.write_bytes(source.read_bytes() + b"{oops\n")
    result = vnassoc("annotate", str(source), "-o", str(tmp_path / "out.jsonl"))
    summary = summary_of(result)
    out = read_jsonl(tmp_path / "out.jsonl")
    assert (summary["documents"], summary["errors"]) == (11, 1)
    per_label: dict[str, int] = {}
    for record in out:
        for entity in record.get("entities", []):
            per_label[entity["label"]] = per_label.get(entity["label"], 0) + 1
    assert summary["entities"] == per_label
    assert summary["chars"] == sum(len(r["text"]) for r in records)
    assert summary["chars_per_second"] > 0


# -- resume ---------------------------------------------------------------------------------------
def test_resume_after_a_crash_redoes_the_torn_line_and_writes_no_id_twice(tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", genre_records()[:30])
    reference = tmp_path / "reference.jsonl"
    assert vnassoc("annotate", str(source), "-o", str(reference), "--quiet").returncode == 0
    lines = reference.read_bytes().splitlines(keepends=True)

    # The crash: 12 lines flushed, the 13th written halfway.
    crashed = tmp_path / "out.jsonl"
    crashed.write_bytes(b"".join(lines[:12]) + lines[12][: len(lines[12]) // 2])
    result = vnassoc("annotate", str(source), "-o", str(crashed), "--resume", "--batch-size", "4")
    assert result.returncode == 0, result.stderr
    assert summary_of(result)["resumed_after"] == 12
    assert summary_of(result)["documents"] == 18
    assert crashed.read_bytes() == reference.read_bytes()

    # Resuming a finished run changes nothing.
    again = vnassoc("annotate", str(source), "-o", str(crashed), "--resume")
    assert again.returncode == 0
    assert crashed.read_bytes() == reference.read_bytes()


def test_resume_refuses_an_output_that_is_not_this_inputs(tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", genre_records()[:6])
    other = write_jsonl(tmp_path / "other.jsonl", genre_records()[10:14])
    output = tmp_path / "out.jsonl"
    assert vnassoc("annotate", str(other), "-o", str(output), "--quiet").returncode == 0
    written = output.read_bytes()
    result = vnassoc("annotate", str(source), "-o", str(output), "--resume")
    assert result.returncode == 2
    assert "E014" in result.stderr
    assert output.read_bytes() == written

    notes = tmp_path / "notes.txt"
    notes.write_text("ghi chép\nkhông phải JSON\n", encoding="utf-8")
    result = vnassoc("annotate", str(source), "-o", str(notes), "--resume")
    assert result.returncode == 2
    assert "E016" in result.stderr
    assert notes.read_text(encoding="utf-8") == "ghi chép\nkhông phải JSON\n"


# -- progress ------------------------------------------------------------------------------------
def test_progress_lines_when_not_a_terminal_and_silence_with_quiet(tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", genre_records()[:8])
    result = vnassoc("annotate", str(source), "--progress-every", "0", "--batch-size", "2")
    progress = [line for line in result.stderr.splitlines() if "docs/s" in line]
    assert progress[-1].startswith("vnassoc annotate: 8/8 documents")
    assert "ETA" in progress[-1]
    quiet = vnassoc("annotate", str(source), "--quiet")
    assert quiet.returncode == 0
    assert quiet.stderr == ""
    assert len(quiet.stdout.splitlines()) == 8


def test_progress_draws_a_bar_with_rate_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    screen = Terminal()
    monkeypatch.setattr(sys, "stderr", screen)
    bar = Progress(total=10)
    bar.update(4)
    bar.close()
    assert "4/10" in screen.getvalue()
    assert "doc/s" in screen.getvalue()


# -- parallel -------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def serial_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, bytes]:
    folder = tmp_path_factory.mktemp("parallel")
    records = genre_records()
    records.insert(5, {"id": "ngay-sai", "text": FIRST, "date": "14/6/2025"})
    records.append({"id": "mau", "text": SAMPLE.read_text(encoding="utf-8")})
    source = write_jsonl(folder / "in.jsonl", records)
    source.write_bytes(source.read_bytes() + "{hỏng\n".encode())
    result = vnassoc("annotate", str(source), "-o", str(folder / "serial.jsonl"), "--quiet")
    assert result.returncode == 0, result.stderr
    return source, (folder / "serial.jsonl").read_bytes()


def test_worker_processes_write_exactly_the_serial_output(
    serial_run: tuple[Path, bytes], tmp_path: Path
) -> None:
    source, serial = serial_run
    result = vnassoc("annotate", str(source), "-o", str(tmp_path / "out.jsonl"),
                     "--workers", "2", "--batch-size", "3", "--quiet")  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out.jsonl").read_bytes() == serial


@pytest.fixture(scope="module")
def dask_client() -> Any:
    distributed = pytest.importorskip("distributed")
    import logging

    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
        silence_logs=logging.ERROR,
    ) as cluster, distributed.Client(cluster) as client:  # fmt: skip
        yield client


def test_dask_on_an_existing_cluster_writes_the_serial_output_and_loads_once_per_worker(
    serial_run: tuple[Path, bytes], tmp_path: Path, dask_client: Any
) -> None:
    from vnassoc_nlp.dask import load_worker_pipeline

    source, serial = serial_run
    address = dask_client.scheduler.address
    for run in range(2):
        output = tmp_path / f"out{run}.jsonl"
        result = vnassoc("annotate", str(source), "-o", str(output), "--engine", "dask",
                         "--scheduler", address, "--batch-size", "4", "--quiet")  # fmt: skip
        assert result.returncode == 0, result.stderr
        assert output.read_bytes() == serial
    loaded = dask_client.run(load_worker_pipeline, ())
    assert len(loaded) == 2
    assert all(info["pipelines"] == 1 for info in loaded.values())


def test_dask_local_cluster_from_the_command_line(
    serial_run: tuple[Path, bytes], tmp_path: Path
) -> None:
    pytest.importorskip("distributed")
    source, serial = serial_run
    result = vnassoc("annotate", str(source), "-o", str(tmp_path / "out.jsonl"),
                     "--engine", "dask", "--workers", "2", "--quiet")  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out.jsonl").read_bytes() == serial


def test_dask_bag_and_dataframe_entries_match_the_serial_records(dask_client: Any) -> None:
    import dask.bag as db
    import pandas as pd

    dd = pytest.importorskip("dask.dataframe")
    from vnassoc_nlp import load
    from vnassoc_nlp.dask import annotate_bag, annotate_dataframe

    nlp = load()
    records = genre_records()[:12]
    expected = [annotate_record(nlp, r) for r in records]

    bag = db.from_sequence([*records, "Hội Tin học tỉnh Lào Cai họp.", 17], npartitions=3)
    got = annotate_bag(bag).compute()
    assert got[:12] == expected
    assert got[12]["entities"] == annotate_record(nlp, {"text": got[12]["text"]})["entities"]
    assert got[13]["error"]["type"] == "invalid_record"

    frame = pd.DataFrame({"ma": [r["id"] for r in records], "noi_dung": [r["text"] for r in records],
                          "ngay": [r["date"] for r in records]})  # fmt: skip
    frame.loc[3, "ngay"] = "2024-02-30"
    out = annotate_dataframe(dd.from_pandas(frame, npartitions=3), text_column="noi_dung",
                             date_column="ngay", id_column="ma").compute()  # fmt: skip
    for row, want in zip(out.itertuples(), expected, strict=True):
        if row.Index == 3:
            assert "E002" in row.error
            assert not isinstance(row.entities, list)
        else:
            assert pd.isna(row.error)
            assert row.entities == want["entities"]
