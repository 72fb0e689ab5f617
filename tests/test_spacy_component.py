"""The ``vnassoc_entities`` spaCy component: found by entry point, sets ents, spans and records."""

from __future__ import annotations

import importlib.metadata
import importlib.util
import itertools
import json
import subprocess
import sys
from pathlib import Path

import pytest
import spacy
from spacy import displacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from vnassoc_nlp.records import LABEL_COLOURS, Date, Directive, Document, Person, Province
from vnassoc_nlp.spacy_component import (
    DISPLACY_COLOURS,
    SPANS_KEY,
    make_vnassoc_entities,
)

# pyvi is not installed: spaCy's Vietnamese tokenizer must be told not to use it.
WHITESPACE = {"nlp": {"tokenizer": {"use_pyvi": False}}}
RULE_BASED = {"nlp": {"tokenizer": {"@tokenizers": "spacy.Tokenizer.v1"}}}

UNION = "Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh Hà Giang"
MEETING = (
    f"Ngày 12/3/2024, PGS.TS Hoàng Văn Thạch, Chủ tịch {UNION}, đã chủ trì hội nghị "
    "triển khai Chỉ thị số 45-CT/TW của Ban Bí thư."
)
TEXTS = [
    MEETING,
    "Sáng ngày 5/6/2023, Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh Bình Phước tổ chức hội thảo "
    "về chuyển đổi số.",
    "TS Lương Thị Ngọc Diệp, Phó Chủ tịch Liên hiệp Hội tỉnh Sóc Trăng, cho biết tỉnh sẽ tiếp tục "
    "thực hiện Chỉ thị số 42-CT/TW.",
    "Đoàn công tác của tỉnh Cao Bằng đã làm việc với các nhà khoa học vào ngày 20/11/2022.",
]


@pytest.fixture(scope="module")
def spacy_nlp() -> Language:
    nlp = spacy.blank("vi", config=WHITESPACE)
    nlp.add_pipe("vnassoc_entities")
    return nlp


def ent_tuples(doc: Doc) -> list[tuple[int, int, str]]:
    return [(e.start_char, e.end_char, e.label_) for e in doc.ents]


def covers(span: Span, start: int, end: int) -> bool:
    return span.start_char <= start and end <= span.end_char


# -- discovery ------------------------------------------------------------------------------------
def test_factory_and_colours_are_found_by_entry_point() -> None:
    factories = {ep.name: ep for ep in importlib.metadata.entry_points(group="spacy_factories")}
    assert factories["vnassoc_entities"].load() is make_vnassoc_entities
    assert Language.has_factory("vnassoc_entities")
    assert spacy.util.registry.factories.get("vnassoc_entities") is make_vnassoc_entities

    colours = spacy.util.registry.displacy_colors.get_all()
    assert colours["vnassoc"] is DISPLACY_COLOURS
    assert DISPLACY_COLOURS == LABEL_COLOURS


def test_add_pipe_works_without_importing_vnassoc_nlp(tmp_path: Path) -> None:
    program = f"""
import json, sys
import spacy
assert "vnassoc_nlp" not in sys.modules, "imported before spaCy ran"
# From here spaCy imports it itself: Language() loads every spacy_factories entry point.
nlp = spacy.blank("vi", config={WHITESPACE!r})
nlp.add_pipe("vnassoc_entities")
doc = nlp({MEETING!r})
print(json.dumps({{
    "ents": [[e.text, e.label_] for e in doc.ents],
    "record": type(doc.ents[1]._.vnassoc).__name__,
}}, ensure_ascii=False))
"""
    result = subprocess.run(
        [sys.executable, "-c", program],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert [label for _, label in out["ents"]] == [
        "DATE", "PERSON", "ORGANIZATION", "DIRECTIVE", "ORGANIZATION",
    ]  # fmt: skip
    assert out["record"] == "Person"


def test_plain_blank_vi_needs_pyvi() -> None:
    """Why every pipeline here passes a tokenizer config."""
    if importlib.util.find_spec("pyvi") is not None:
        pytest.skip("pyvi is installed here")
    with pytest.raises(ImportError, match="use_pyvi"):
        spacy.blank("vi")


# -- entities -------------------------------------------------------------------------------------
def test_ents_are_the_outermost_entities_and_never_overlap(spacy_nlp: Language) -> None:
    doc = spacy_nlp(MEETING)
    ents = list(doc.ents)
    assert [e.label_ for e in ents] == [
        "DATE", "PERSON", "ORGANIZATION", "DIRECTIVE", "ORGANIZATION",
    ]  # fmt: skip
    for left, right in itertools.pairwise(ents):
        assert left.end <= right.start
    assert "PROVINCE" not in {e.label_ for e in ents}  # it lies inside the union's name
    for span in doc.spans[SPANS_KEY]:  # every entity is an ent or inside one
        assert any(e.start <= span.start and span.end <= e.end for e in ents), span


def test_spans_keep_nested_entities(spacy_nlp: Language) -> None:
    doc = spacy_nlp(MEETING)
    spans = doc.spans[SPANS_KEY]
    [union] = [s for s in spans if s.label_ == "ORGANIZATION" and "Hà Giang" in s.text]
    [province] = [s for s in spans if s.label_ == "PROVINCE"]
    assert union.start <= province.start and province.end <= union.end
    assert province._.vnassoc.name == "Hà Giang"
    assert len(spans) > len(doc.ents)


def test_extension_returns_the_typed_record(spacy_nlp: Language) -> None:
    doc = spacy_nlp(MEETING)
    records = {span.label_: span._.vnassoc for span in doc.spans[SPANS_KEY]}

    person = records["PERSON"]
    assert isinstance(person, Person)
    assert person.name == "Hoàng Văn Thạch"
    assert person.titles == ("PGS", "TS")
    assert "Chủ tịch" in person.roles
    assert person.positions[0].organization == UNION

    directive = records["DIRECTIVE"]
    assert isinstance(directive, Directive)
    assert directive.code == "45-CT/TW"
    date = records["DATE"]
    assert isinstance(date, Date)
    assert date.value == "2024-03-12"
    assert isinstance(records["PROVINCE"], Province)

    for span in doc.spans[SPANS_KEY]:  # the record keeps exact offsets; the span holds them
        record = span._.vnassoc
        assert record.label == span.label_
        assert doc.text[record.start : record.end] == record.text
        assert covers(span, record.start, record.end)
    assert doc[-3:]._.vnassoc is None  # not one of ours


def test_rule_based_tokenizer_gives_exact_spans() -> None:
    nlp = spacy.blank("vi", config=RULE_BASED)
    nlp.add_pipe("vnassoc_entities")
    doc = nlp(MEETING)
    assert [e.text for e in doc.ents][:2] == ["Ngày 12/3/2024", "Hoàng Văn Thạch"]
    for span in doc.spans[SPANS_KEY]:
        assert span.text == span._.vnassoc.text


def test_after_a_sentencizer_and_an_entity_ruler() -> None:
    nlp = spacy.blank("vi", config=RULE_BASED)
    nlp.add_pipe("sentencizer")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns(
        [
            {"label": "EVENT", "pattern": "Hội nghị"},  # overlaps nothing of ours: kept
            {"label": "GPE", "pattern": [{"LOWER": "tỉnh"}, {"TEXT": "Hà"}, {"TEXT": "Giang"}]},
        ]
    )
    nlp.add_pipe("vnassoc_entities")
    text = f"Hội nghị diễn ra tại Hà Giang. {MEETING}"
    doc = nlp(text)

    assert len(list(doc.sents)) == 2
    labels = [(e.text, e.label_) for e in doc.ents]
    assert ("Hội nghị", "EVENT") in labels
    assert (UNION, "ORGANIZATION") in labels  # ours replaced the overlapping GPE
    assert "GPE" not in {label for _, label in labels}
    assert doc.ents[0]._.vnassoc is None  # the ruler's entity has no record
    ours = [(e.text, e.label_) for e in doc.ents if e._.vnassoc is not None]
    alone = spacy.blank("vi", config=RULE_BASED)
    alone.add_pipe("vnassoc_entities")
    assert ours == [(e.text, e.label_) for e in alone(text).ents]


def test_user_gazetteers_from_the_config(tmp_path: Path) -> None:
    path = tmp_path / "funds.tsv"
    path.write_text(
        "# kind: organizations\n# source: test\ncanonical_name\tacronym\tcategory\taliases\n"
        "Quỹ Ươm tạo Sáng kiến Tây Nguyên\tQUTN\tassociation\t\n",
        encoding="utf-8",
    )
    nlp = spacy.blank("vi", config=WHITESPACE)
    nlp.add_pipe("vnassoc_entities", config={"gazetteers": [str(path)]})
    doc = nlp("Đại diện QUTN và Liên hiệp Hội tỉnh Đắk Nông ký kết hợp tác.")
    [fund] = [e for e in doc.ents if e.text == "QUTN"]
    assert fund._.vnassoc.canonical_name == "Quỹ Ươm tạo Sáng kiến Tây Nguyên"


def test_entities_no_token_can_hold_are_skipped(spacy_nlp: Language) -> None:
    component = spacy.blank("vi", config=WHITESPACE).add_pipe("vnassoc_entities")
    text = "tỉnh Cao Bằng"
    fake = Document(
        text=text,
        entities=(
            Province(start=5, end=13, text="Cao Bằng", name="Cao Bằng", successor="Cao Bằng"),
            Province(start=40, end=48, text="Cao Bằng", name="Cao Bằng", successor="Cao Bằng"),
        ),
    )
    component.pipeline = lambda _text: fake  # a pipeline whose offsets run past the doc
    doc = component(spacy_nlp.make_doc(text))
    assert [(s.text, s._.vnassoc.start) for s in doc.spans[SPANS_KEY]] == [("Cao Bằng", 5)]
    assert [e.text for e in doc.ents] == ["Cao Bằng"]


@pytest.mark.parametrize("text", ["", "   \n "])
def test_empty_text(spacy_nlp: Language, text: str) -> None:
    doc = spacy_nlp(text)
    assert list(doc.ents) == []
    assert list(doc.spans[SPANS_KEY]) == []


# -- serialization, processes, display ------------------------------------------------------------
def test_records_survive_doc_to_bytes(spacy_nlp: Language) -> None:
    doc = spacy_nlp(MEETING)
    copy = Doc(spacy_nlp.vocab).from_bytes(doc.to_bytes())
    assert ent_tuples(copy) == ent_tuples(doc)
    assert [s._.vnassoc for s in copy.spans[SPANS_KEY]] == [
        s._.vnassoc for s in doc.spans[SPANS_KEY]
    ]


def test_pipe_with_two_processes_gives_the_same_entities(spacy_nlp: Language) -> None:
    one = list(spacy_nlp.pipe(TEXTS))
    two = list(spacy_nlp.pipe(TEXTS, n_process=2, batch_size=1))
    assert [ent_tuples(d) for d in two] == [ent_tuples(d) for d in one]
    assert all(d.ents for d in two)
    for a, b in zip(one, two, strict=True):
        assert [s._.vnassoc for s in b.spans[SPANS_KEY]] == [
            s._.vnassoc for s in a.spans[SPANS_KEY]
        ]


def test_pipeline_saves_and_loads(spacy_nlp: Language, tmp_path: Path) -> None:
    spacy_nlp.to_disk(tmp_path / "pipeline")
    loaded = spacy.load(tmp_path / "pipeline")
    assert loaded.pipe_names == ["vnassoc_entities"]
    assert ent_tuples(loaded(TEXTS[3])) == ent_tuples(spacy_nlp(TEXTS[3]))


def test_displacy_uses_our_colours(spacy_nlp: Language) -> None:
    doc = spacy_nlp(MEETING)
    html = displacy.render(doc, style="ent")
    for label in {e.label_ for e in doc.ents}:
        assert f"background: {LABEL_COLOURS[label]}" in html, label
        assert f">{label}</span>" in html
