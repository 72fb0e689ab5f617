"""The ``vnassoc`` command, run as a user runs it: a separate process, JSON on stdout."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from cli_runner import vnassoc
from vnassoc_nlp.records import LABELS

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "examples" / "sample_article.txt"
GENRE_CASES = REPO / "tests" / "data" / "genre_cases.jsonl"
SEEDS_GOLD = REPO / ".." / "shared" / "eval" / "seeds.gold.jsonl"


def assert_offsets_valid(text: str, entities: list[dict[str, Any]]) -> None:
    for entity in entities:
        assert text[entity["start"] : entity["end"]] == entity["text"], entity


def gold_counts(path: Path) -> dict[str, int]:
    counts = dict.fromkeys(LABELS, 0)
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            for entity in json.loads(line)["entities"]:
                counts[entity["label"]] += 1
    return counts


def assert_evaluation_numbers(numbers: dict[str, Any], gold: dict[str, int]) -> None:
    assert set(numbers) == {*LABELS, "micro"}
    # The micro row counts every entity of every label.
    assert numbers["micro"]["gold"] == sum(gold.values())
    assert numbers["micro"]["predicted"] == sum(numbers[label]["predicted"] for label in LABELS)
    for label in LABELS:
        entry = numbers[label]
        assert entry["gold"] == gold[label], label
        assert isinstance(entry["predicted"], int)
        for kind in ("overlap", "exact"):
            for name in ("precision", "recall", "f1"):
                value = entry[kind][name]
                assert isinstance(value, float) and 0.0 <= value <= 1.0, (label, kind, name)
        assert entry["fields"], label
        for name, value in entry["fields"].items():
            assert value is None or 0.0 <= value <= 1.0, (label, name)


# -- extract --------------------------------------------------------------------------------------
def test_extract_file_prints_valid_entities_of_all_five_labels() -> None:
    result = vnassoc("extract", str(SAMPLE.relative_to(REPO)))
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    text = SAMPLE.read_text(encoding="utf-8")
    assert doc["text"] == text
    assert_offsets_valid(text, doc["entities"])
    assert {e["label"] for e in doc["entities"]} == set(LABELS)
    # The dateline "Thứ năm, 14/03/2024 10:20" gives the document date.
    assert (doc["date"], doc["date_source"]) == ("2024-03-14", "dateline")


def test_extract_reads_stdin_with_a_caller_date() -> None:
    text = "Ngày 2/5, ông Lê Văn Hòa, Chủ tịch Liên hiệp Hội tỉnh Quảng Trị, phát biểu.\n"
    result = vnassoc("extract", "-", "--date", "2024-05-02", stdin=text)
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["text"] == text
    assert (doc["date"], doc["date_source"]) == ("2024-05-02", "caller")
    assert_offsets_valid(text, doc["entities"])
    by_label = {e["label"]: e for e in doc["entities"]}
    assert by_label["PERSON"]["text"] == "Lê Văn Hòa"
    # A yearless date takes the year of the document date.
    assert by_label["DATE"]["value"] == "2024-05-02"


@pytest.mark.parametrize("date", ["2024-13-01", "02/05/2024", "hôm qua"])
def test_extract_with_an_invalid_date_fails_cleanly(date: str) -> None:
    result = vnassoc("extract", str(SAMPLE), "--date", date)
    assert result.returncode != 0
    assert "E002" in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


# -- schema -----------------------------------------------------------------------------------------
def test_schema_has_a_discriminator_on_label() -> None:
    result = vnassoc("schema")
    assert result.returncode == 0, result.stderr
    schema = json.loads(result.stdout)
    items = schema["properties"]["entities"]["items"]
    assert items["discriminator"]["propertyName"] == "label"
    assert set(items["discriminator"]["mapping"]) == set(LABELS)
    assert {"text", "entities"} <= set(schema["required"]) | set(schema["properties"])


def test_console_script_is_installed() -> None:
    script = Path(sys.executable).with_name("vnassoc")
    if not script.exists():
        pytest.skip("the vnassoc console script is not installed next to this interpreter")
    result = subprocess.run(
        [str(script), "schema"], capture_output=True, text=True, encoding="utf-8", timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["title"] == "Document"


# -- annotate -------------------------------------------------------------------------------------
GOOD_TEXT = (
    "Ngày 2/5/2024, PGS.TS Trần Minh Khôi, Chủ tịch Liên hiệp Hội tỉnh Quảng Trị, phát biểu."
)
ANNOTATE_INPUT = [
    json.dumps(
        {
            "id": "bai-01",
            "text": GOOD_TEXT,
            "date": "2024-05-02",
            "url": "https://example.vn/bai-01",
            "meta": {"chuyen_muc": "Liên hiệp Hội"},
        },
        ensure_ascii=False,
    ),
    '{"id": "bai-02", "text": "không đóng ngoặc"',
    json.dumps({"id": "bai-03", "title": "Bài không có nội dung"}, ensure_ascii=False),
    json.dumps(
        {"id": "bai-04", "text": "Ông Lê Văn Hòa phát biểu.", "date": "02/05/2024"},
        ensure_ascii=False,
    ),
    json.dumps({"id": "bai-05", "text": ""}),
]


def run_annotate(tmp_path: Path, *extra: str) -> tuple[subprocess.CompletedProcess[str], list]:
    source = tmp_path / "in.jsonl"
    target = tmp_path / "out.jsonl"
    source.write_text("\n".join(ANNOTATE_INPUT) + "\n", encoding="utf-8")
    result = vnassoc("annotate", str(source), "-o", str(target), *extra)
    lines = target.read_text(encoding="utf-8").splitlines() if target.exists() else []
    return result, [json.loads(line) for line in lines]


def test_annotate_writes_one_line_per_input_line_in_order(tmp_path: Path) -> None:
    result, out = run_annotate(tmp_path)
    assert result.returncode == 0, result.stderr
    assert len(out) == len(ANNOTATE_INPUT)

    good, not_json, no_text, bad_date, empty = out
    assert good["id"] == "bai-01"
    assert "error" not in good
    assert good["url"] == "https://example.vn/bai-01"
    assert good["meta"] == {"chuyen_muc": "Liên hiệp Hội"}
    assert good["date"] == "2024-05-02"
    assert_offsets_valid(GOOD_TEXT, good["entities"])
    assert {"PERSON", "ORGANIZATION", "PROVINCE", "DATE"} <= {e["label"] for e in good["entities"]}

    for record in (not_json, no_text, bad_date):
        assert set(record["error"]) >= {"type", "message"}
        assert record["error"]["type"] and record["error"]["message"]
        assert "entities" not in record
    assert not_json["line"] == 2
    assert no_text["id"] == "bai-03"
    assert bad_date["id"] == "bai-04"
    assert "E002" in bad_date["error"]["message"]
    assert len({r["error"]["type"] for r in (not_json, no_text, bad_date)}) == 3

    assert empty["id"] == "bai-05"
    assert empty["entities"] == []
    assert "error" not in empty


def test_annotate_strict_exits_non_zero_when_a_record_failed(tmp_path: Path) -> None:
    result, out = run_annotate(tmp_path, "--strict")
    assert result.returncode == 1
    assert len(out) == len(ANNOTATE_INPUT)
    summary = json.loads(result.stderr.strip().splitlines()[-1])
    assert (summary["documents"], summary["errors"]) == (5, 3)


# -- evaluate --------------------------------------------------------------------------------------
def test_evaluate_genre_cases_prints_numbers_for_all_labels() -> None:
    result = vnassoc("evaluate", str(GENRE_CASES.relative_to(REPO)), "--json")
    assert result.returncode == 0, result.stderr
    assert_evaluation_numbers(json.loads(result.stdout), gold_counts(GENRE_CASES))


def test_evaluate_seeds_gold() -> None:
    if not SEEDS_GOLD.exists():
        pytest.skip(f"{SEEDS_GOLD} not found")
    result = vnassoc("evaluate", "../shared/eval/seeds.gold.jsonl", "--json")
    assert result.returncode == 0, result.stderr
    assert_evaluation_numbers(json.loads(result.stdout), gold_counts(SEEDS_GOLD))


def test_evaluate_prints_a_table_row_per_label() -> None:
    result = vnassoc("evaluate", str(GENRE_CASES))
    assert result.returncode == 0, result.stderr
    rows = {line.split()[0] for line in result.stdout.splitlines() if line.strip()}
    assert set(LABELS) <= rows
