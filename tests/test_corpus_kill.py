"""A real ``vnassoc index`` process killed (SIGKILL) mid-way leaves every document wholly in or
wholly out, a database that opens, and indexing again completes it."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cli_runner import REPO

duckdb = pytest.importorskip("duckdb")
sys.path.insert(0, str(REPO / "benchmarks"))
from synthetic_corpus import documents  # noqa: E402

COUNT = 5000
BATCH = 200


@pytest.fixture(scope="module")
def dump_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("kill") / "synthetic.jsonl"
    with open(path, "w", encoding="utf-8") as handle:
        for record in documents(COUNT, seed=11):
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def index_command(source: Path, db: Path) -> list[str]:
    return [sys.executable, "-m", "vnassoc_nlp.cli", "index", str(source), "--db", str(db),
            "--batch-size", str(BATCH)]  # fmt: skip


def check_whole_documents(db: Path, source: Path) -> int:
    """Every document in the database has all its rows; no row belongs to one that is not."""
    expected = {}
    with open(source, encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            people = {e["name"] for e in record["entities"] if e["label"] == "PERSON"}
            expected[record["id"]] = (len(record["entities"]), len(people))
    with duckdb.connect(str(db), read_only=True) as connection:
        documents = dict(connection.execute("SELECT id, mention_count FROM documents").fetchall())
        mentions = dict(connection.execute(
            "SELECT document_id, count(*) FROM mentions GROUP BY ALL").fetchall())  # fmt: skip
        people = dict(connection.execute(
            "SELECT document_id, count(*) FROM document_people GROUP BY ALL").fetchall())  # fmt: skip
        cited = {
            row[0] for row in connection.execute("SELECT document_id FROM citations").fetchall()
        }
        unassigned = connection.execute(
            "SELECT count(*) FROM mentions WHERE label = 'PERSON' AND entity_id IS NULL"
        ).fetchone()[0]
        orphans = connection.execute(
            "SELECT count(*) FROM document_people WHERE person_id NOT IN "
            "(SELECT id FROM entities WHERE label = 'PERSON')"
        ).fetchone()[0]
    assert set(mentions) == set(documents) == set(people)
    assert cited <= set(documents)
    for ident, count in documents.items():
        assert (count, mentions[ident], people[ident]) == (*expected[ident][:1], *expected[ident])
    assert unassigned == 0 and orphans == 0
    return len(documents)


def test_a_killed_index_leaves_whole_documents_and_resumes(dump_file: Path, tmp_path: Path) -> None:
    db = tmp_path / "killed.duckdb"
    process = subprocess.Popen(index_command(dump_file, db), cwd=REPO, stderr=subprocess.PIPE,
                               text=True, encoding="utf-8")  # fmt: skip
    assert process.stderr is not None
    deadline = time.monotonic() + 240
    committed = 0
    # Progress lines come after each committed batch: kill once two are in, mid-run.
    while committed < 2 * BATCH and time.monotonic() < deadline:
        line = process.stderr.readline()
        if not line:
            break
        if line.startswith("vnassoc index:"):
            committed = int(line.split()[2])
    assert process.poll() is None, "the indexing finished before it could be killed"
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
    process.stderr.close()
    assert process.returncode == -signal.SIGKILL

    kept = check_whole_documents(db, dump_file)
    assert 2 * BATCH <= kept < COUNT
    assert kept % BATCH == 0  # whole batches: each is one transaction
    answer = subprocess.run([sys.executable, "-m", "vnassoc_nlp.cli", "sql",
                             "SELECT count(*) FROM documents", "--db", str(db)],
                            cwd=REPO, capture_output=True, text=True, check=False)  # fmt: skip
    assert answer.returncode == 0 and answer.stdout.split()[-1] == str(kept)

    finished = subprocess.run(index_command(dump_file, db), cwd=REPO, capture_output=True,
                              text=True, check=False)  # fmt: skip
    assert finished.returncode == 0, finished.stderr
    assert check_whole_documents(db, dump_file) == COUNT
    # And it is the database an uninterrupted run builds.
    clean = tmp_path / "clean.duckdb"
    subprocess.run(index_command(dump_file, clean), cwd=REPO, check=True, capture_output=True)
    tables = ("entities", "positions", "citations", "document_people")
    with (
        duckdb.connect(str(db), read_only=True) as a,
        duckdb.connect(str(clean), read_only=True) as b,
    ):
        for table in tables:
            query = f"SELECT * FROM {table} ORDER BY ALL"
            assert a.execute(query).fetchall() == b.execute(query).fetchall(), table
