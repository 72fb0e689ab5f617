"""The corpus answers on the development set: a database built from the texts run through the
pipeline (``vnassoc annotate`` then ``vnassoc index``) against one indexed straight from the
same texts' gold annotations. Directive citations and people's document lists must agree on at
least 90% of items. The set is read at run time from ../shared (skipped when absent)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cli_runner import vnassoc

pytest.importorskip("duckdb")
HERE = Path(__file__).parent
DEV_GOLD = HERE.parent.parent / "shared" / "eval" / "dev" / "gold.jsonl"
FLOOR = 0.9


@pytest.fixture(scope="module")
def databases(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    if not DEV_GOLD.exists():
        pytest.skip(f"{DEV_GOLD} is not available on this machine")
    folder = tmp_path_factory.mktemp("dev")
    texts = folder / "texts.jsonl"
    with open(texts, "w", encoding="utf-8") as out:
        for line in DEV_GOLD.read_text(encoding="utf-8").splitlines():
            if line.strip():
                gold = json.loads(line)
                out.write(json.dumps({"id": gold["id"], "text": gold["text"],
                                      "date": gold.get("date")}, ensure_ascii=False) + "\n")  # fmt: skip
    annotated = folder / "annotated.jsonl"
    steps = [
        ("annotate", str(texts), "-o", str(annotated), "--quiet"),
        ("index", str(annotated), "--db", str(folder / "pipeline.duckdb"), "--quiet"),
        ("index", str(DEV_GOLD), "--db", str(folder / "gold.duckdb"), "--quiet"),
    ]
    for step in steps:
        result = vnassoc(*step)
        assert result.returncode == 0, result.stderr
    return folder / "pipeline.duckdb", folder / "gold.duckdb"


def test_every_question_is_answered_on_the_pipelines_database(databases: tuple[Path, Path]) -> None:
    from vnassoc_nlp.corpus import Corpus

    with Corpus(databases[0]) as corpus:
        _, rows = corpus.sql(
            "SELECT (SELECT name FROM entities WHERE label = 'PERSON' "
            "        ORDER BY document_count DESC, name LIMIT 1), "
            "(SELECT name FROM entities WHERE label = 'ORGANIZATION' "
            "        ORDER BY document_count DESC, name LIMIT 1), "
            "(SELECT id FROM entities WHERE label = 'DIRECTIVE' "
            "        ORDER BY document_count DESC, id LIMIT 1), "
            "(SELECT name FROM entities WHERE label = 'PROVINCE' "
            "        ORDER BY document_count DESC, name LIMIT 1)"
        )
        person, organization, directive, province = rows[0]
        assert corpus.person(person)[0].documents
        assert corpus.organization(organization).documents  # type: ignore[union-attr]
        assert corpus.directive(directive).documents  # type: ignore[union-attr]
        assert corpus.province(province, successor=True).documents  # type: ignore[union-attr]


def agreement(pipeline: Path, gold: Path) -> dict[str, tuple[int, int]]:
    """Items in either database, and how many have the same answer in both: each directive's
    citing documents, each person name's documents (over every corpus person of the name)."""
    from vnassoc_nlp.corpus import Corpus

    with Corpus(pipeline) as built, Corpus(gold) as truth:
        codes: set[str] = set()
        names: set[str] = set()
        for corpus in (built, truth):
            codes |= {
                r[0] for r in corpus.sql("SELECT id FROM entities WHERE label = 'DIRECTIVE'")[1]
            }
            names |= {
                r[0] for r in corpus.sql("SELECT key FROM entities WHERE label = 'PERSON'")[1]
            }

        def cited(corpus: Corpus, code: str) -> set[str]:
            found = corpus.directive(code)
            return {d.id for d in found.documents} if found else set()

        def documents(corpus: Corpus, name: str) -> set[str]:
            return {d.id for person in corpus.person(name) for d in person.documents}

        same_codes = sum(cited(built, c) == cited(truth, c) for c in codes)
        same_names = sum(documents(built, n) == documents(truth, n) for n in names)
    return {"directives": (same_codes, len(codes)), "people": (same_names, len(names))}


def test_pipeline_and_gold_databases_agree(databases: tuple[Path, Path]) -> None:
    figures = agreement(*databases)
    for kind, (same, total) in figures.items():
        print(f"{kind}: {same}/{total} items agree ({same / total:.1%})")
        assert total > 0
        assert same / total >= FLOOR, f"{kind}: only {same}/{total} agree"
