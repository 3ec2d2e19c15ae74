"""Time `govaudit check` on the seeds and on large files made by repeating them.

Run by hand: python bench/bench_check.py [--repeat 1,10,100]. Prints a table; nothing
here is asserted in tests. Start-up (interpreter + imports + rule loading, from the rule
cache when it is warm) is measured separately from checking, which is what grows with the
document; bench_startup.py times whole start-ups. "/ ×1" is the cost per KB against that
of the seeds once (the first --repeat factor). CPU time by default (`--clock wall`).
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
# the concatenations are larger than a real disclosure: lift the text-size limit here
os.environ.setdefault("GOVAUDIT_MAX_TEXT_BYTES", str(2**31))

from timing import SEEDS, best_of  # noqa: E402

from govaudit.check import check_file, load_rules  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", default="1,10,100", help="concatenation factors")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--clock", choices=["cpu", "wall"], default="cpu")
    args = ap.parse_args()
    factors = [int(x) for x in args.repeat.split(",")]
    clock = time.process_time if args.clock == "cpu" else time.perf_counter

    t = time.perf_counter()
    subprocess.run([sys.executable, "-m", "govaudit", "--version"], check=True, capture_output=True)
    startup = time.perf_counter() - t
    t = time.perf_counter()
    rules = load_rules()
    load = time.perf_counter() - t

    print(
        f"machine: {platform.machine()} {platform.processor() or ''} python {platform.python_version()}, "
        f"best of {args.runs}, {args.clock} time"
    )
    print(
        f"start-up (python -m govaudit --version): {startup * 1000:.0f} ms; rule loading: {load * 1000:.1f} ms"
    )
    print()
    print(
        f"{'document':<40} {'KB':>8} {'lines':>8} {'ms':>9} {'ms/KB':>7} {'/ ×1':>6} "
        f"{'peak MB':>8} {'findings':>9}"
    )

    per_kb: dict[int, float] = {}

    def row(name: str, path: Path, k: int | None = None) -> None:
        size = path.stat().st_size
        lines = path.read_bytes().count(b"\n")
        secs = best_of(args.runs, lambda: check_file(str(path), rules), clock)
        ms_kb = secs * 1000 / (size / 1024)
        if k is not None:
            per_kb[k] = ms_kb
        base = per_kb.get(factors[0])
        ratio = f"{ms_kb / base:.2f}" if k is not None and base else ""
        tracemalloc.start()
        rep = check_file(str(path), rules)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(
            f"{name:<40} {size / 1024:>8.0f} {lines:>8} {secs * 1000:>9.1f} "
            f"{ms_kb:>7.3f} {ratio:>6} {peak / 1e6:>8.1f} {len(rep.findings):>9}"
        )

    total = 0.0
    for p in SEEDS:
        row(p.name, p)
        total += best_of(args.runs, lambda p=p: check_file(str(p), rules), clock)
    print(f"{'all five seeds':<40} {'':>8} {'':>8} {total * 1000:>9.1f}")
    print()
    joined = "\n".join(p.read_text(encoding="utf-8") for p in SEEDS)
    with tempfile.TemporaryDirectory() as d:
        for k in factors:
            big = Path(d) / f"seeds_x{k}.txt"
            big.write_text("\n".join([joined] * k), encoding="utf-8")
            row(f"five seeds concatenated ×{k}", big, k)


if __name__ == "__main__":
    main()
