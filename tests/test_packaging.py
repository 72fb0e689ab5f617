"""The wheel ships its data; the installed package works from any directory; import is light."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_wheel_ships_data_and_loads_outside_the_repo(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(tmp_path)],
        cwd=ROOT, check=True, capture_output=True,
    )  # fmt: skip
    (wheel,) = tmp_path.glob("*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "vnassoc_nlp/data/gazetteers/provinces.tsv" in names
    assert "vnassoc_nlp/py.typed" in names
    site = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(site), str(wheel)],
        check=True, capture_output=True,
    )  # fmt: skip
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    code = (
        "import json, vnassoc_nlp; "
        "d = vnassoc_nlp.load()('Chủ tịch Liên hiệp Hội tỉnh Quảng Trị Lê Văn Hòa phát biểu.'); "
        "print(json.dumps([vnassoc_nlp.__file__, [e.label for e in d.entities]]))"
    )
    env = {**os.environ, "PYTHONPATH": str(site)}
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=elsewhere,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    module_file, labels = json.loads(out.stdout)
    assert module_file.startswith(str(site))
    assert {"PERSON", "ORGANIZATION", "PROVINCE"} <= set(labels)


def test_import_loads_nothing_heavy() -> None:
    code = (
        "import sys, vnassoc_nlp; "
        "print([m for m in ('underthesea', 'spacy', 'pydantic', 'regex') if m in sys.modules])"
    )
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    assert out.stdout.strip() == "[]"
