"""Speed and memory of vnassoc_nlp, measured side by side in one run.

    python benchmarks/bench.py                      # everything; prints a Markdown report
    python benchmarks/bench.py --skip-underthesea   # without the slow baseline

Measures, on the same article texts: chars/s of the pipeline and of ``underthesea.ner`` (rounds
interleaved, medians, and their ratio), peak RSS of a process annotating the corpus, the time of
``import vnassoc_nlp``, time to the first document in a fresh process, ``vnassoc annotate
--workers 2`` against ``--workers 1`` on a larger dump, and pathological texts of a given size.
The corpus is ``../shared/seeds/*.txt`` when present, else the texts bundled with the repository.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "seeds"
TARGETS = {"ratio": 20.0, "workers": 1.7, "rss_mb": 400.0, "import_s": 0.5, "pathological_s": 20.0}


def corpus() -> tuple[str, list[str]]:
    if SEEDS.is_dir() and list(SEEDS.glob("*.txt")):
        paths = sorted(SEEDS.glob("*.txt"))
        return f"{len(paths)} seed articles ({SEEDS})", [p.read_text("utf-8") for p in paths]
    cases = REPO / "tests" / "data" / "genre_cases.jsonl"
    texts = [json.loads(line)["text"] for line in cases.read_text("utf-8").splitlines()]
    texts.append((REPO / "examples" / "sample_article.txt").read_text("utf-8"))
    return f"{len(texts)} texts bundled with the repository", texts


def python(code: str, *args: str) -> str:
    result = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                            check=True, cwd=REPO)  # fmt: skip
    return result.stdout.strip()


def median_of(runs: int, measure: Callable[[], float]) -> float:
    return statistics.median(measure() for _ in range(runs))


def import_seconds() -> float:
    code = (
        "import time; t = time.perf_counter(); import vnassoc_nlp; print(time.perf_counter() - t)"
    )
    return float(python(code))


def first_document_seconds(text_file: str) -> float:
    code = (
        "import sys, time; t = time.perf_counter(); import vnassoc_nlp; "
        "doc = vnassoc_nlp.load()(open(sys.argv[1], encoding='utf-8').read()); "
        "print(time.perf_counter() - t)"
    )
    return float(python(code, text_file))


def peak_rss_mb(corpus_file: str) -> float:
    code = (
        "import json, resource, sys, vnassoc_nlp; nlp = vnassoc_nlp.load(); "
        "texts = json.load(open(sys.argv[1], encoding='utf-8')); "
        "[nlp(t) for _ in range(3) for t in texts]; "
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)"
    )
    return float(python(code, corpus_file))


def throughput(texts: list[str], rounds: int, baseline: bool) -> dict[str, float]:
    """Chars/s of the pipeline and of underthesea.ner, rounds interleaved; both warmed first."""
    import vnassoc_nlp

    nlp = vnassoc_nlp.load().warm_up()
    engines: dict[str, Callable[[str], object]] = {"vnassoc_nlp": nlp}
    if baseline:
        from underthesea import ner

        ner("Hà Nội")  # load its model before timing
        engines["underthesea.ner"] = ner
    chars = sum(len(t) for t in texts)
    rates: dict[str, list[float]] = {name: [] for name in engines}
    for _ in range(rounds):
        for name, run in engines.items():
            started = time.perf_counter()
            for text in texts:
                run(text)
            rates[name].append(chars / (time.perf_counter() - started))
    return {name: statistics.median(values) for name, values in rates.items()}


def workers_seconds(texts: list[str], megabytes: float, rounds: int) -> dict[int, float]:
    """Wall time of ``vnassoc annotate`` with 1 and 2 workers on a dump of ``megabytes``."""
    folder = Path(tempfile.mkdtemp(prefix="vnassoc-bench-"))
    dump = folder / "dump.jsonl"
    size = 0
    with open(dump, "w", encoding="utf-8") as handle:
        number = 0
        while size < megabytes * 1e6:
            for text in texts:
                number += 1
                line = json.dumps({"id": f"bai-{number}", "text": text}, ensure_ascii=False)
                handle.write(line + "\n")
                size += len(line.encode())
    times: dict[int, list[float]] = {1: [], 2: []}
    for _ in range(rounds):
        for workers in (1, 2):
            started = time.perf_counter()
            subprocess.run([sys.executable, "-m", "vnassoc_nlp.cli", "annotate", str(dump),
                            "-o", str(folder / f"out{workers}.jsonl"), "--quiet",
                            "--workers", str(workers)], check=True, cwd=REPO)  # fmt: skip
            times[workers].append(time.perf_counter() - started)
    same = (folder / "out1.jsonl").read_bytes() == (folder / "out2.jsonl").read_bytes()
    if not same:
        raise SystemExit("--workers 2 wrote a different output from --workers 1")
    return {workers: statistics.median(values) for workers, values in times.items()}


def pathological_texts(size: int) -> dict[str, str]:
    units = {
        '"1/1/1/…"': "1/",
        'repeated "Chỉ thị số "': "Chỉ thị số ",
        "capitalized syllables": "Nguyễn Văn Minh Hoàng Bảo ",
        "deep parentheses": "(",
        'repeated "GS.TS. "': "GS.TS. ",
        'repeated "Liên hiệp các Hội "': "Liên hiệp các Hội ",
        '"1.1.1.…" and dashes': "1.1.-- ",
        "one word, no spaces": "nghiêncứukhoahọc",
        "one camel-case word": "NghiênCứuKhoaHọc",
        'repeated "Hội "': "Hội ",
        'repeated "Ban Thường vụ "': "Ban Thường vụ ",
        "blank lines": "\n \n",
    }
    texts = {name: (unit * (size // len(unit) + 1))[:size] for name, unit in units.items()}
    half = size // 2
    texts["deep parentheses"] = "(" * half + "Hội Tin học" + ")" * (size - half - 11)
    return texts


def pathological_seconds(size: int) -> dict[str, float]:
    import vnassoc_nlp

    nlp = vnassoc_nlp.load().warm_up()
    seconds = {}
    for name, text in pathological_texts(size).items():
        started = time.perf_counter()
        nlp(text)
        seconds[name] = time.perf_counter() - started
    return seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3, help="rounds per measurement (median)")
    parser.add_argument("--skip-underthesea", action="store_true")
    parser.add_argument("--workers-mb", type=float, default=6.0, help="dump size for --workers")
    parser.add_argument("--pathological-kb", type=int, default=1200)
    parser.add_argument("--only-pathological", action="store_true", help="just that table")
    args = parser.parse_args()
    if args.only_pathological:
        print("| pathological text | seconds | target |\n|---|---:|---|")
        for kind, seconds in pathological_seconds(args.pathological_kb * 1000).items():
            print(f"| {args.pathological_kb} KB: {kind} | {seconds:.2f} | ≤ 20 |")
        return 0

    name, texts = corpus()
    chars = sum(len(t) for t in texts)
    corpus_file = Path(tempfile.mkdtemp(prefix="vnassoc-bench-")) / "corpus.json"
    corpus_file.write_text(json.dumps(texts, ensure_ascii=False), encoding="utf-8")
    first_file = corpus_file.with_name("first.txt")
    first_file.write_text(texts[0], encoding="utf-8")

    print(f"# vnassoc_nlp benchmark\n\nCorpus: {name}, {chars:,} characters. "
          f"Medians of {args.rounds} rounds; Python {sys.version.split()[0]}.\n")  # fmt: skip
    rates = throughput(texts, args.rounds, not args.skip_underthesea)
    imported = median_of(5, import_seconds)
    first = median_of(args.rounds, lambda: first_document_seconds(str(first_file)))
    rss = peak_rss_mb(str(corpus_file))
    walls = workers_seconds(texts, args.workers_mb, args.rounds)
    patho = pathological_seconds(args.pathological_kb * 1000)

    rows = [("pipeline chars/s (one core)", f"{rates['vnassoc_nlp']:,.0f}", "")]
    if "underthesea.ner" in rates:
        ratio = rates["vnassoc_nlp"] / rates["underthesea.ner"]
        rows.append(("underthesea.ner chars/s, same texts", f"{rates['underthesea.ner']:,.0f}", ""))
        rows.append(("ratio", f"{ratio:,.0f}×", f"≥ {TARGETS['ratio']:.0f}×"))
    rows += [
        (f"annotate {args.workers_mb:g} MB, --workers 1 (wall s)", f"{walls[1]:.1f}", ""),
        (f"annotate {args.workers_mb:g} MB, --workers 2 (wall s)", f"{walls[2]:.1f}", ""),
        ("speed-up of --workers 2", f"{walls[1] / walls[2]:.2f}×", f"≥ {TARGETS['workers']}×"),
        ("peak RSS annotating the corpus (MB)", f"{rss:.0f}", f"≤ {TARGETS['rss_mb']:.0f}"),
        ("import vnassoc_nlp (s)", f"{imported:.3f}", f"≤ {TARGETS['import_s']}"),
        ("time to first document, fresh process (s)", f"{first:.2f}", ""),
    ]
    for kind, seconds in patho.items():
        rows.append((f"pathological {args.pathological_kb} KB: {kind} (s)", f"{seconds:.2f}",
                     f"≤ {TARGETS['pathological_s']:.0f}"))  # fmt: skip
    print("| measure | value | target |\n|---|---:|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
