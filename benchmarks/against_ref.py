"""Clean-text throughput of this checkout against a git ref, side by side.

    python benchmarks/against_ref.py                 # against main
    python benchmarks/against_ref.py --ref HEAD~3 --pairs 4 --rounds 5

The ref is exported (``git archive``) to a temporary directory; each side runs in its own
process (so each imports its own ``vnassoc_nlp``), the processes alternate, and each times
``--rounds`` passes over the same texts after a warm-up, in CPU seconds of its process (other
work on a shared machine slows wall time far more). Reported: the median chars/s of each side
over all its rounds, and their ratio. Texts: the seed articles and the development set
(``../shared``) when present, else the texts bundled with the repository.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"

# Runs in a child process whose PYTHONPATH points at one side's src/.
TIMER = r"""
import json, sys, time
import vnassoc_nlp
texts = json.load(open(sys.argv[1], encoding="utf-8"))
rounds = int(sys.argv[2])
nlp = vnassoc_nlp.load().warm_up()
for text in texts[:5]:
    nlp(text)
chars = sum(len(t) for t in texts)
rates = []
for _ in range(rounds):
    started = time.process_time()
    for text in texts:
        nlp(text)
    rates.append(chars / (time.process_time() - started))
print(json.dumps({"file": vnassoc_nlp.__file__, "rates": rates}))
"""


def clean_texts() -> tuple[str, list[str]]:
    seeds = sorted((SHARED / "seeds").glob("*.txt"))
    dev = SHARED / "eval" / "dev" / "gold.jsonl"
    if seeds and dev.exists():
        texts = [p.read_text("utf-8") for p in seeds]
        texts += [json.loads(line)["text"] for line in dev.read_text("utf-8").splitlines() if line]
        return f"{len(seeds)} seed articles and {len(texts) - len(seeds)} dev-set texts", texts
    cases = REPO / "tests" / "data" / "genre_cases.jsonl"
    texts = [json.loads(line)["text"] for line in cases.read_text("utf-8").splitlines() if line]
    texts.append((REPO / "examples" / "sample_article.txt").read_text("utf-8"))
    return f"{len(texts)} texts bundled with the repository", texts


def export(ref: str, target: Path) -> Path:
    archive = subprocess.run(["git", "archive", ref], cwd=REPO, capture_output=True, check=True)
    tar_path = target / "ref.tar"
    tar_path.write_bytes(archive.stdout)
    with tarfile.open(tar_path) as tar:
        tar.extractall(target / "tree", filter="data")
    return target / "tree" / "src"


def run_side(src: Path, corpus_file: Path, rounds: int) -> list[float]:
    env = {**os.environ, "PYTHONPATH": str(src)}
    result = subprocess.run([sys.executable, "-c", TIMER, str(corpus_file), str(rounds)],
                            env=env, capture_output=True, text=True, check=True, cwd=src)  # fmt: skip
    data = json.loads(result.stdout.strip().splitlines()[-1])
    if not Path(data["file"]).resolve().is_relative_to(src.resolve()):
        raise SystemExit(f"imported {data['file']}, not the side under {src}")
    return [float(rate) for rate in data["rates"]]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ref", default="main", help="git ref to compare against")
    parser.add_argument("--pairs", type=int, default=3, help="alternating process pairs")
    parser.add_argument("--rounds", type=int, default=5, help="timed passes per process")
    args = parser.parse_args()
    name, texts = clean_texts()
    work = Path(tempfile.mkdtemp(prefix="vnassoc-ref-"))
    corpus_file = work / "texts.json"
    corpus_file.write_text(json.dumps(texts, ensure_ascii=False), encoding="utf-8")
    sides = {args.ref: export(args.ref, work), "this checkout": REPO / "src"}
    rates: dict[str, list[float]] = {side: [] for side in sides}
    for _ in range(args.pairs):
        for side, src in sides.items():
            rates[side] += run_side(src, corpus_file, args.rounds)
    chars = sum(len(t) for t in texts)
    print(f"Clean text: {name}, {chars:,} characters; {args.pairs} alternating process pairs "
          f"x {args.rounds} rounds; Python {sys.version.split()[0]}.\n")  # fmt: skip
    print("| side | median chars/s (CPU) | min | max |\n|---|---:|---:|---:|")
    medians = {}
    for side, values in rates.items():
        medians[side] = statistics.median(values)
        print(f"| {side} | {medians[side]:,.0f} | {min(values):,.0f} | {max(values):,.0f} |")
    ratio = medians["this checkout"] / medians[args.ref]
    print(f"\nthis checkout / {args.ref}: {ratio:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
