"""Scoring follows ANNOTATION.md, and the development-set scores never drop below the ratchet."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import vnassoc_nlp
from vnassoc_nlp.evaluate import match, report, score

HERE = Path(__file__).parent
RATCHET = json.loads((HERE / "eval_ratchet.json").read_text(encoding="utf-8"))
SHARED_EVAL = HERE.parent.parent / "shared" / "eval"
GOLD_SETS = {
    "seeds": SHARED_EVAL / "seeds.gold.jsonl",
    "dev": SHARED_EVAL / "dev" / "gold.jsonl",
    "genre_cases": HERE / "data" / "genre_cases.jsonl",
}


def _entity(label: str, start: int, end: int, **fields: object) -> dict[str, object]:
    return {"label": label, "start": start, "end": end, **fields}


def test_pairs_are_one_to_one_largest_overlap_first() -> None:
    gold = [_entity("ORGANIZATION", 0, 15), _entity("ORGANIZATION", 10, 30)]
    predicted = [_entity("ORGANIZATION", 10, 30)]
    assert match(gold, predicted) == [(1, 0)]


def test_labels_must_agree_to_match() -> None:
    assert match([_entity("PERSON", 0, 5)], [_entity("PROVINCE", 0, 5)]) == []


def test_overlap_exact_and_field_agreement() -> None:
    gold = [_entity("PERSON", 0, 10, name="Lê Văn Hòa", titles=["GS", "TS"], roles=["Chủ tịch"])]
    predicted = [_entity("PERSON", 0, 8, name="lê văn hòa", titles=["TS", "GS"], roles=[])]
    numbers = report(score([(gold, predicted)]))["PERSON"]
    assert numbers["overlap"]["f1"] == 1.0
    assert numbers["exact"]["f1"] == 0.0
    # Strings compare after NFC and case folding; lists compare as sets.
    assert numbers["fields"] == {"name": 1.0, "titles": 1.0, "roles": 0.0}


@pytest.fixture(scope="module")
def pipeline() -> vnassoc_nlp.Pipeline:
    return vnassoc_nlp.load()


@pytest.mark.parametrize("name", sorted(GOLD_SETS))
def test_dev_set_scores_hold_the_ratchet(pipeline: vnassoc_nlp.Pipeline, name: str) -> None:
    path = GOLD_SETS[name]
    if not path.exists():
        pytest.skip(f"{path} is not available on this machine")
    docs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    pairs = []
    for gold in docs:
        doc = pipeline(gold["text"], date=gold.get("date"))
        for entity in doc.entities:
            assert gold["text"][entity.start : entity.end] == entity.text
        pairs.append((gold["entities"], [e.model_dump(mode="json") for e in doc.entities]))
    numbers = report(score(pairs))
    floors = RATCHET[name]
    now: dict[str, float] = {}
    for label in floors["overlap"]:
        now[f"{label} overlap"] = numbers[label]["overlap"]["f1"]
    for kind in floors["micro"]:
        now[f"micro {kind}"] = numbers["micro"][kind]["f1"]
    for key in floors.get("fields", {}):
        label, field = key.split(".")
        now[key] = numbers[label]["fields"][field]
    wanted = {
        **{f"{label} overlap": f for label, f in floors["overlap"].items()},
        **{f"micro {kind}": f for kind, f in floors["micro"].items()},
        **floors.get("fields", {}),
    }
    below = {key: (round(now[key], 4), floor) for key, floor in wanted.items() if now[key] < floor}
    assert not below, f"below the recorded floor (now, floor): {below}"
