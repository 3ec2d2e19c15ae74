"""A reviewer's batch: N generated disclosures checked with --jobs 1 and --jobs 2.

Run by hand: python bench/bench_batch.py [--count 500] [--jobs 1,2]. The documents are the
five seeds with their figures changed a little (a different department, a few amounts
nudged), so each is a realistic, different file. Each run is a separate
`python -m govaudit check DIR --format json` process; wall time and the peak resident
memory of the checking processes are measured. Nothing here is asserted in the tests.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "tests" / "fixtures").glob("00[0-4]_*.txt"))
NUMBER = re.compile(r"(\d+\.\d\d)(?=万元)")


def generate(folder: Path, count: int, seed: int = 7) -> int:
    """Write `count` documents; returns their total size in bytes."""
    rng = random.Random(seed)
    texts = [p.read_text(encoding="utf-8") for p in SEEDS]
    total = 0
    for i in range(count):
        text = texts[i % len(texts)]

        def nudge(m: re.Match[str]) -> str:
            if rng.random() < 0.02:
                return f"{float(m.group(1)) + rng.choice((-1, 1)) * 0.37:.2f}"
            return m.group(1)

        out = NUMBER.sub(nudge, text).replace("泸州市", f"第{i}号市", 3)
        path = folder / f"dept_{i:04d}.txt"
        path.write_text(out, encoding="utf-8")
        total += path.stat().st_size
    return total


def run(folder: Path, jobs: int) -> tuple[float, float, dict[str, int]]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t = time.perf_counter()
    p = subprocess.run(
        [
            sys.executable,
            "-m",
            "govaudit",
            "check",
            str(folder),
            "--format",
            "json",
            "--jobs",
            str(jobs),
            "--no-progress",
            "--no-config",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    wall = time.perf_counter() - t
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    summary = json.loads(p.stdout)["summary"]
    return wall, max(peak_kb, before) / 1024, summary


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--count", type=int, default=500)
    ap.add_argument("--jobs", default="1,2")
    args = ap.parse_args()
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    with tempfile.TemporaryDirectory() as d:
        folder = Path(d)
        size = generate(folder, args.count)
        print(f"{args.count} documents, {size / 1e6:.1f} MB of text")
        print(
            f"{'jobs':>4} {'seconds':>9} {'files/s':>8} {'peak MB (largest process)':>26} {'errors':>7} {'warnings':>9}"
        )
        for j in (int(x) for x in args.jobs.split(",")):
            wall, peak, summary = run(folder, j)
            print(
                f"{j:>4} {wall:>9.1f} {args.count / wall:>8.1f} {peak:>26.0f} "
                f"{summary['errors']:>7} {summary['warnings']:>9}"
            )


if __name__ == "__main__":
    main()
