"""The committed JSON Schema is current, and real pipeline output validates against it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import vnassoc_nlp
from vnassoc_nlp.cli import main
from vnassoc_nlp.records import LABELS, Document

SCHEMA_PATH = Path(__file__).resolve().parents[1] / "schema" / "document.schema.json"
REGENERATE = "vnassoc schema > schema/document.schema.json"

TEXT = (
    "Ngày 12/3/2024, PGS.TS Hoàng Văn Thạch, Chủ tịch Liên hiệp các Hội Khoa học và Kỹ thuật "
    "tỉnh Hà Giang, đã chủ trì hội nghị triển khai Chỉ thị số 45-CT/TW của Ban Bí thư."
)


def committed_schema() -> dict[str, Any]:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


# -- a small validator for exactly the JSON Schema keywords the file uses ------------------------
# jsonschema is not a dependency; pydantic's schema for Document needs only these keywords.
# A keyword outside both sets fails the test, so a schema change cannot be checked vacuously.
_ANNOTATIONS = {"title", "description", "default", "discriminator", "$defs"}
_ASSERTIONS = {
    "$ref", "type", "properties", "required", "additionalProperties", "items",
    "anyOf", "oneOf", "const", "enum", "minimum", "maximum",
}  # fmt: skip
_TYPES: dict[str, Any] = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
}


def schema_errors(
    value: Any, schema: dict[str, Any], root: dict[str, Any], path: str = "$"
) -> list[str]:
    """Every way ``value`` breaks ``schema`` (an empty list when it validates)."""
    unknown = set(schema) - _ANNOTATIONS - _ASSERTIONS
    assert not unknown, f"validator does not know keywords {unknown} at {path}; extend it"
    errors: list[str] = []
    if "$ref" in schema:
        prefix = "#/$defs/"
        assert schema["$ref"].startswith(prefix), schema["$ref"]
        errors += schema_errors(value, root["$defs"][schema["$ref"][len(prefix) :]], root, path)
    if "type" in schema:
        types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        if not any(_TYPES[t](value) for t in types):
            return [*errors, f"{path}: {value!r} is not of type {types}"]
    if "const" in schema and value != schema["const"]:
        errors.append(f"{path}: {value!r} != const {schema['const']!r}")
    if "enum" in schema and value not in schema["enum"]:
        errors.append(f"{path}: {value!r} not in {schema['enum']}")
    if "minimum" in schema and value < schema["minimum"]:
        errors.append(f"{path}: {value!r} < {schema['minimum']}")
    if "maximum" in schema and value > schema["maximum"]:
        errors.append(f"{path}: {value!r} > {schema['maximum']}")
    if "anyOf" in schema and all(schema_errors(value, s, root, path) for s in schema["anyOf"]):
        errors.append(f"{path}: matches none of anyOf")
    if "oneOf" in schema:
        matching = [s for s in schema["oneOf"] if not schema_errors(value, s, root, path)]
        if len(matching) != 1:
            errors.append(f"{path}: matches {len(matching)} of oneOf, expected exactly 1")
    if isinstance(value, dict):
        properties = schema.get("properties", {})
        errors += [
            f"{path}: missing {key!r}" for key in schema.get("required", ()) if key not in value
        ]
        for key, item in value.items():
            if key in properties:
                errors += schema_errors(item, properties[key], root, f"{path}.{key}")
            elif schema.get("additionalProperties") is False:
                errors.append(f"{path}: unexpected property {key!r}")
            elif isinstance(schema.get("additionalProperties"), dict):
                errors += schema_errors(item, schema["additionalProperties"], root, f"{path}.{key}")
    if isinstance(value, list) and "items" in schema:
        for index, item in enumerate(value):
            errors += schema_errors(item, schema["items"], root, f"{path}[{index}]")
    return errors


# -- tests ----------------------------------------------------------------------------------------
def test_committed_schema_is_the_current_model_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert SCHEMA_PATH.exists(), f"{SCHEMA_PATH} is missing; generate it with: {REGENERATE}"
    stale = f"{SCHEMA_PATH.name} is out of date with records.Document; regenerate: {REGENERATE}"
    assert committed_schema() == Document.model_json_schema(), stale
    assert main(["schema"]) == 0
    assert SCHEMA_PATH.read_text(encoding="utf-8") == capsys.readouterr().out, stale


def test_pipeline_document_validates_against_the_committed_schema(
    nlp: vnassoc_nlp.Pipeline,
) -> None:
    doc = nlp(TEXT, date="2024-03-15", id="hg-001")
    assert {e.label for e in doc.entities} == set(LABELS), "the text should show every label"
    assert any(p.positions for p in doc.by_label("PERSON")), "and a person's position"
    dumped = doc.model_dump(mode="json")
    schema = committed_schema()

    assert schema_errors(dumped, schema, schema) == []
    assert Document.model_validate(dumped) == doc  # the JSON form round-trips to the same record
    mapping = schema["properties"]["entities"]["items"]["discriminator"]["mapping"]
    assert set(mapping) == set(LABELS)
    for entity in dumped["entities"]:  # every label and field is named in the schema
        definition = schema["$defs"][mapping[entity["label"]].rsplit("/", 1)[-1]]
        assert set(entity) <= set(definition["properties"]), entity["label"]


@pytest.mark.parametrize(
    "break_it",
    [
        lambda d: d["entities"][0].update(label="EVENT"),
        lambda d: d["entities"][0].pop("start"),
        lambda d: d["entities"][0].update(confidence=1.5),
        lambda d: d.update(date_source="guess"),
        lambda d: d.update(extra_field=1),
    ],
    ids=["unknown-label", "missing-field", "out-of-range", "bad-enum", "extra-property"],
)
def test_the_validator_rejects_documents_the_schema_forbids(
    nlp: vnassoc_nlp.Pipeline, break_it: Any
) -> None:
    dumped = nlp(TEXT).model_dump(mode="json")
    break_it(dumped)
    schema = committed_schema()
    assert schema_errors(dumped, schema, schema) != []


def test_records_built_without_validation_are_what_validation_builds(
    nlp: vnassoc_nlp.Pipeline,
) -> None:
    # The pipeline builds its records with model_construct (no second validation of what the
    # recognizers made); read back through validation, every field must come out the same,
    # typed the same (tuples, not lists), on texts with every label and typed field.
    cases = Path(__file__).parent / "data" / "genre_cases.jsonl"
    texts = [TEXT] + [json.loads(line)["text"] for line in cases.read_text("utf-8").splitlines()]
    labels: set[str] = set()
    for text in texts:
        doc = nlp(text, date="2024-05-01")
        assert Document.model_validate_json(doc.model_dump_json()) == doc
        for entity in doc.entities:
            assert type(entity).model_validate(entity.model_dump()) == entity
            labels.add(entity.label)
    assert labels == set(LABELS)


def test_records_built_without_validation_need_their_required_fields(
    nlp: vnassoc_nlp.Pipeline,
) -> None:
    from vnassoc_nlp.records import trusted

    date = nlp("Ngày 12/3/2024, Hội nghị diễn ra tại Hà Nội.").by_label("DATE")[0]
    values = date.model_dump()
    assert trusted(type(date), set(values), values) == date
    # A value for no field is left out, as model_construct leaves it out.
    assert not hasattr(trusted(type(date), set(values), {**values, "note": "x"}), "note")
    del values["value"]
    with pytest.raises(KeyError):
        trusted(type(date), set(values), values)


def test_a_document_id_of_the_wrong_type_is_refused(nlp: vnassoc_nlp.Pipeline) -> None:
    from pydantic import ValidationError

    assert nlp("Hội Nông dân tỉnh Hà Nam họp.", id="a-17").id == "a-17"
    with pytest.raises(ValidationError, match="id"):
        nlp("Hội Nông dân tỉnh Hà Nam họp.", id=17)  # type: ignore[arg-type]
