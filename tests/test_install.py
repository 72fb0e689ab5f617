"""The built wheel carries its data and works away from the repository; importing is light."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

# Not copied into the build tree: environments, caches and build output.
_IGNORE = shutil.ignore_patterns(
    ".git", ".venv", "venv", ".ci-venv", "build", "dist", "*.egg-info", "__pycache__",
    ".pytest_cache", ".ruff_cache", ".hypothesis", "*.pyc",
)  # fmt: skip


def run(args: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        args, capture_output=True, text=True, encoding="utf-8", check=False, **kwargs
    )
    assert result.returncode == 0, f"{args}\n{result.stdout}\n{result.stderr}"
    return result


def test_wheel_ships_data_and_works_outside_the_repository(tmp_path: Path) -> None:
    # Build from a copy so the repository gets no build/ or egg-info litter.
    source = tmp_path / "source"
    shutil.copytree(REPO, source, ignore=_IGNORE)
    dist = tmp_path / "dist"
    run([sys.executable, "-m", "build", "--wheel", "--outdir", str(dist)], cwd=source, timeout=300)
    wheels = list(dist.glob("*.whl"))
    assert len(wheels) == 1
    wheel = wheels[0]

    names = set(zipfile.ZipFile(wheel).namelist())
    assert "vnassoc_nlp/data/gazetteers/provinces.tsv" in names
    assert "vnassoc_nlp/py.typed" in names
    for path in sorted((REPO / "data" / "gazetteers").glob("*.tsv")):
        assert f"vnassoc_nlp/data/gazetteers/{path.name}" in names

    site = tmp_path / "site"
    run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--no-index",
         "--disable-pip-version-check", "--quiet", "--target", str(site), str(wheel)],
        timeout=300,
    )  # fmt: skip

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(site)}
    program = (
        "import json, vnassoc_nlp\n"
        "from vnassoc_nlp.gazetteers import bundled_gazetteer_dir\n"
        "d = vnassoc_nlp.load()('Chủ tịch Liên hiệp Hội tỉnh Quảng Trị Lê Văn Hòa phát biểu.')\n"
        "print(json.dumps({'module': vnassoc_nlp.__file__, 'data': str(bundled_gazetteer_dir()),"
        " 'labels': sorted({e.label for e in d.entities}), 'count': len(d.entities)}))\n"
    )
    result = run([sys.executable, "-c", program], cwd=elsewhere, env=env, timeout=300)
    report = json.loads(result.stdout.strip().splitlines()[-1])
    # It is the installed copy that ran, reading its own data, not the repository's.
    assert Path(report["module"]).resolve().is_relative_to(site.resolve())
    assert Path(report["data"]).resolve().is_relative_to(site.resolve())
    assert report["count"] > 0
    assert {"PERSON", "ORGANIZATION", "PROVINCE"} <= set(report["labels"])


def test_import_does_not_load_heavy_dependencies(tmp_path: Path) -> None:
    program = (
        "import json, sys, vnassoc_nlp\n"
        "print(json.dumps(sorted(m for m in ('underthesea', 'spacy', 'pydantic')"
        " if m in sys.modules)))\n"
    )
    result = run([sys.executable, "-c", program], cwd=tmp_path, timeout=120)
    assert json.loads(result.stdout) == []
    # The check is live: loading a pipeline's data does pull pydantic in.
    program = "import sys, vnassoc_nlp\nvnassoc_nlp.load().data\nprint('pydantic' in sys.modules)\n"
    result = run([sys.executable, "-c", program], cwd=tmp_path, timeout=120)
    assert result.stdout.strip() == "True"
