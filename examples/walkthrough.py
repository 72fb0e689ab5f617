"""A first session with vnassoc_nlp: extract -> inspect -> DataFrame -> batch.

    python examples/walkthrough.py

Run it as it is, or paste it cell by cell into a notebook (there, ``doc`` on its own line shows
the article with its entities highlighted). The tests run this file, so it stays true.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import vnassoc_nlp
from vnassoc_nlp.batch import annotate

HERE = Path(__file__).parent

# 1. Extract. One Pipeline per program: its data loads once, on the first document.
nlp = vnassoc_nlp.load()
article = (HERE / "sample_article.txt").read_text(encoding="utf-8")
doc = nlp(article)  # the date comes from the dateline; or pass date="2024-03-14"
print(f"{len(doc)} entities; document date {doc.date} (from the {doc.date_source})")

# 2. Inspect. Every entity is a frozen, typed record whose offsets point into the text as given.
for entity in doc.entities[:8]:
    assert article[entity.start : entity.end] == entity.text
    print(f"  {entity.label:<12} {entity.start:>5}-{entity.end:<5} {entity.text}")

for directive in doc.by_label("DIRECTIVE"):
    print(f"  directive: {directive.kind} {directive.number}, code {directive.resolved_code}")

for person in doc.people():  # one summary per person, titles and roles merged over mentions
    print(f"  person: {person.name} {list(person.titles)} {list(person.roles)}")

html = doc._repr_html_()  # what a notebook shows for `doc`
print(f"  HTML view: {html.count('<mark')} highlighted entities")

# 3. DataFrame (needs pandas): one row per entity, typed fields as columns.
frame = doc.to_dataframe()
print(frame.groupby("label").size().to_string())
print(frame.loc[frame.label == "PROVINCE", ["text", "name", "successor"]].to_string(index=False))

# 4. Batch: JSON Lines in, one line out per line in, bad records kept with an error object.
#    The same as `vnassoc annotate dump.jsonl -o out.jsonl [--workers 2] [--resume]`.
with tempfile.TemporaryDirectory() as folder:
    dump, out = Path(folder) / "dump.jsonl", Path(folder) / "out.jsonl"
    records = [
        {"id": "bai-1", "text": article, "chuyen_muc": "Liên hiệp Hội"},
        {"id": "bai-2", "text": "Ngày 5/9, Hội Nông học tỉnh Lai Châu họp.", "date": "2024-09-06"},
        {"id": "bai-3", "text": "Bài này có ngày sai.", "date": "05/09/2024"},
    ]
    dump.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
    summary = annotate(dump, out)
    print(f"batch: {summary.documents} documents, {summary.errors} error(s)")
    for line in out.read_text(encoding="utf-8").splitlines():
        result = json.loads(line)
        print(f"  {result['id']}: {len(result.get('entities', []))} entities"
              f"{'; error: ' + result['error']['type'] if 'error' in result else ''}")  # fmt: skip
