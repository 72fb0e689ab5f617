"""What a notebook user meets: the walkthrough runs, a Document draws itself as HTML and turns
into a DataFrame with one row per entity and its typed fields."""

from __future__ import annotations

import html
import subprocess
import sys
from pathlib import Path

import pytest

import vnassoc_nlp
from vnassoc_nlp.records import LABEL_COLOURS

REPO = Path(__file__).resolve().parents[1]

TEXT = (
    "Chiều 18/10/2024, Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh Cao Bằng tổ chức tọa đàm "
    "về chuyển đổi số. TS. Nông Văn Tường, Chủ tịch Liên hiệp Hội tỉnh, nhấn mạnh yêu cầu "
    "của Chỉ thị số 45-CT/TW <ngày 14/4/2020> & các văn bản liên quan."
)


def test_the_walkthrough_example_runs_start_to_end() -> None:
    result = subprocess.run(
        [sys.executable, str(REPO / "examples" / "walkthrough.py")],
        capture_output=True, text=True, encoding="utf-8", timeout=180, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "document date 2024-03-14 (from the dateline)" in out
    assert "person: " in out and "directive: " in out
    assert "batch: 3 documents, 1 error(s)" in out
    assert "bai-3: 0 entities; error: invalid_input" in out


def test_a_document_renders_as_highlighted_html(nlp: vnassoc_nlp.Pipeline) -> None:
    doc = nlp(TEXT)
    page = doc._repr_html_()
    outermost = [
        e for e in doc.entities
        if not any(o is not e and o.start <= e.start and e.end <= o.end for o in doc.entities)
    ]  # fmt: skip
    assert page.count("<mark") == len(outermost)
    for entity in outermost:
        assert html.escape(entity.text) in page
        assert LABEL_COLOURS[entity.label] in page
    # The text's own markup is escaped, never injected.
    assert "&lt;<mark" in page
    assert "</mark>&gt; &amp; các" in page
    assert "<ngày" not in page


def test_a_document_becomes_a_dataframe_with_typed_fields(nlp: vnassoc_nlp.Pipeline) -> None:
    pytest.importorskip("pandas")
    doc = nlp(TEXT, id="cao-bang-1")
    frame = doc.to_dataframe()
    assert len(frame) == len(doc.entities)
    assert {"label", "start", "end", "text", "document_id"} <= set(frame.columns)
    assert set(frame.document_id) == {"cao-bang-1"}
    person = frame[frame.label == "PERSON"].iloc[0]
    assert (person["name"], list(person["titles"])) == ("Nông Văn Tường", ["TS"])
    directive = frame[frame.label == "DIRECTIVE"].iloc[0]
    assert directive["code"] == "45-CT/TW"
    province = frame[frame.label == "PROVINCE"].iloc[0]
    assert (province["name"], province["successor"]) == ("Cao Bằng", "Cao Bằng")
    for row in frame.itertuples():
        assert TEXT[row.start : row.end] == row.text
