"""Time `govaudit check` on PDFs against pdfminer.six's own `extract_text`.

Run by hand: python bench/bench_pdf.py [FILE.pdf ...] [--processes] (default: every PDF
of tests/fixtures/pdf, which holds the PDFs of ../shared/corpus, and the PDF made from seed
000). `--processes` times whole processes instead: `govaudit check F.pdf` against `python
-c "extract_text(F.pdf)"`, start-ups included, as a user meets them. Otherwise, for each
file: pages, best-of-N time of pdfminer's `extract_text` (its default layout analysis), of
govaudit's reader alone and of govaudit's whole check (read → extract → rules, rules loaded
once beforehand), ms per page, and the ratio check / extract_text (the aim is ≤ 1.3).
The three are timed in turn within each run, so a busy machine slows them alike; the clock
is the process's CPU time (`--clock wall` for elapsed time), which other processes on a
shared machine disturb far less. Nothing here is asserted in the tests.
"""

from __future__ import annotations

import argparse
import math
import platform
import resource
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from pdfminer.high_level import extract_text  # noqa: E402

from govaudit.check import check_file, load_rules  # noqa: E402
from govaudit.readers.pdf import read_pdf  # noqa: E402

# every PDF of ../shared/corpus (copied into tests/fixtures/pdf: 决算, budgets, 江苏
# 2017–2019, seed 000 through Word and LibreOffice) and the PDF made from seed 000
DEFAULT = [
    *sorted((ROOT / "tests" / "fixtures" / "pdf").rglob("*.pdf")),
    ROOT / "tests" / "fixtures" / "000_ee64df1db50c45f3.pdf",
]
EXTRACT_TEXT = "import sys; from pdfminer.high_level import extract_text; extract_text(sys.argv[1])"


def best_in_turn(
    runs: int, fns: dict[str, Callable[[], object]], clock: Callable[[], float]
) -> dict[str, float]:
    """The fastest of `runs` runs of each function, the functions timed one after the other
    within each run."""
    best = dict.fromkeys(fns, math.inf)
    for _ in range(runs):
        for name, fn in fns.items():
            t = clock()
            fn()
            best[name] = min(best[name], clock() - t)
    return best


def process_cpu(cmd: list[str]) -> float:
    """CPU seconds (user + system) of one whole process, its start-up included."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def whole_processes(files: list[Path], runs: int) -> None:
    """`govaudit check F.pdf` against `python -c "extract_text(F.pdf)"`, each as a process
    of its own (start-up and, for govaudit, the rules from the user's cache included), the
    two in turn within each run; the fastest of `runs` CPU times."""
    check = [sys.executable, "-m", "govaudit", "check", "--format", "json", "--no-config"]
    print(
        f"# {platform.machine()}, Python {platform.python_version()}, whole processes, "
        f"best of {runs}, CPU time (user + system)"
    )
    print()
    print("| file | pages | `extract_text` process ms | `govaudit check` process ms | ratio |")
    print("| --- | ---: | ---: | ---: | ---: |")
    ratios = []
    for path in files:
        pages = int(read_pdf(str(path), path.read_bytes()).meta.get("pages", 0))
        pm = gv = math.inf
        for _ in range(runs):
            pm = min(pm, process_cpu([sys.executable, "-c", EXTRACT_TEXT, str(path)]))
            gv = min(gv, process_cpu([*check, str(path)]))
        ratios.append(gv / pm)
        print(f"| {path.name} | {pages} | {pm * 1000:.0f} | {gv * 1000:.0f} | {gv / pm:.2f} |")
    ratios.sort()
    print()
    print(
        f"ratio: median {statistics.median(ratios):.2f}, "
        f"from {ratios[0]:.2f} to {ratios[-1]:.2f} over {len(ratios)} PDFs"
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("files", nargs="*", type=Path)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--clock", choices=["cpu", "wall"], default="cpu")
    ap.add_argument(
        "--processes",
        action="store_true",
        help="whole processes: `govaudit check` against a process running extract_text",
    )
    args = ap.parse_args()
    files = args.files or DEFAULT
    if args.processes:
        whole_processes(files, args.runs)
        return
    rules = load_rules()
    clock = time.process_time if args.clock == "cpu" else time.perf_counter
    print(
        f"# {platform.machine()}, Python {platform.python_version()}, best of {args.runs}, "
        f"{args.clock} time"
    )
    print()
    print(
        "| file | pages | extract_text ms | read ms | check ms | check ms/page | check / extract_text | peak MB | findings |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for path in files:
        data = path.read_bytes()
        doc = read_pdf(str(path), data)
        pages = int(doc.meta.get("pages", 0))
        tracemalloc.start()
        report = check_file(str(path), rules)
        peak = tracemalloc.get_traced_memory()[1] / 1e6
        tracemalloc.stop()
        best = best_in_turn(
            args.runs,
            {
                "extract_text": lambda p=path: extract_text(str(p)),
                "read": lambda p=path, d=data: read_pdf(str(p), d),
                "check": lambda p=path: check_file(str(p), rules),
            },
            clock,
        )
        t_pm, t_read, t_check = best["extract_text"], best["read"], best["check"]
        print(
            f"| {path.name} | {pages} | {t_pm * 1000:.0f} | {t_read * 1000:.0f} | "
            f"{t_check * 1000:.0f} | {t_check * 1000 / max(pages, 1):.1f} | "
            f"{t_check / t_pm:.2f} | {peak:.0f} | {len(report.findings)} |"
        )


if __name__ == "__main__":
    main()
