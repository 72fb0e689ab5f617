"""Clean-text throughput of this checkout against a git ref, side by side.

    python benchmarks/against_ref.py                 # against main
    python benchmarks/against_ref.py --ref HEAD~3 --pairs 4 --rounds 5
    python benchmarks/against_ref.py --ref HEAD --instructions   # needs valgrind

The ref is exported (``git archive``) to a temporary directory; each side runs in its own
process (so each imports its own ``vnassoc_nlp``), the processes alternate, and each times
``--rounds`` passes over the same texts after a warm-up, in CPU seconds of its process (other
work on a shared machine slows wall time far more). Reported: the median chars/s of each side
over all its rounds, and their ratio.

On a shared machine two runs of the same code differ by several per cent, more than most single
changes gain. ``--instructions`` counts instead the instructions one pass takes on each side
(valgrind's callgrind, counting only during the pass): the same count every run, a fair guide
to changes of the Python code, though not to what the processor's caches and branch predictor
make of them (a time ratio is smaller than the instruction ratio). Texts: the seed articles and the development set
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

# Runs under callgrind with counting off until the pass starts (--instr-atstart=no).
COUNTER = r"""
import json, os, subprocess, sys
import vnassoc_nlp
texts = json.load(open(sys.argv[1], encoding="utf-8"))
nlp = vnassoc_nlp.load().warm_up()
for text in texts:
    nlp(text)
def count(state):
    subprocess.run(["callgrind_control", "--instr=" + state, str(os.getpid())],
                   stdout=subprocess.DEVNULL, check=True)
count("on")
for text in texts:
    nlp(text)
count("off")
print(json.dumps({"file": vnassoc_nlp.__file__}))
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


def count_side(src: Path, corpus_file: Path, work: Path) -> int:
    """Instructions of one pass over the texts, as callgrind counts them."""
    env = {**os.environ, "PYTHONPATH": str(src), "PYTHONHASHSEED": "0"}
    command = ["valgrind", "--tool=callgrind", "--instr-atstart=no",
               f"--callgrind-out-file={work}/callgrind.%p", sys.executable, "-c", COUNTER,
               str(corpus_file)]  # fmt: skip
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=True, cwd=src)
    if (
        not Path(json.loads(result.stdout.strip().splitlines()[-1])["file"])
        .resolve()
        .is_relative_to(src.resolve())
    ):
        raise SystemExit(f"imported another vnassoc_nlp than the side under {src}")
    collected = [line for line in result.stderr.splitlines() if "Collected :" in line]
    return int(collected[-1].split(":")[1].split()[0])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ref", default="main", help="git ref to compare against")
    parser.add_argument("--pairs", type=int, default=3, help="alternating process pairs")
    parser.add_argument("--rounds", type=int, default=5, help="timed passes per process")
    parser.add_argument(
        "--instructions", action="store_true", help="count one pass's instructions (valgrind)"
    )
    args = parser.parse_args()
    name, texts = clean_texts()
    work = Path(tempfile.mkdtemp(prefix="vnassoc-ref-"))
    corpus_file = work / "texts.json"
    corpus_file.write_text(json.dumps(texts, ensure_ascii=False), encoding="utf-8")
    sides = {args.ref: export(args.ref, work), "this checkout": REPO / "src"}
    if args.instructions:
        counts = {side: count_side(src, corpus_file, work) for side, src in sides.items()}
        print(f"Clean text: {name}; instructions of one pass (callgrind).\n")
        print("| side | instructions |\n|---|---:|")
        for side, counted in counts.items():
            print(f"| {side} | {counted:,} |")
        ratio = counts[args.ref] / counts["this checkout"]
        print(f"\n{args.ref} / this checkout: {ratio:.3f} (fewer instructions here: higher)")
        return 0
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
