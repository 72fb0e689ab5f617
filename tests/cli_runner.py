"""Run the ``vnassoc`` command as users do: a separate process, from the repository root."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def vnassoc(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    # errors="replace": a test about bad bytes must see the message, not a decoding error.
    return subprocess.run(
        [sys.executable, "-m", "vnassoc_nlp.cli", *args],
        cwd=REPO, input=stdin, capture_output=True, text=True, encoding="utf-8",
        errors="replace", timeout=300, check=False,
    )  # fmt: skip
