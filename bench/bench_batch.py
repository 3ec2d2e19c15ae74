"""A reviewer's batch: N generated disclosures checked with --jobs 1 and --jobs 2.

Run by hand: python bench/bench_batch.py [--count 500,2000] [--jobs 1,2] [--format json].
The documents are the five seeds with their figures changed a little (a different
department, a few amounts nudged), so each is a realistic, different file. Each run is a
separate `python -m govaudit check DIR --format F -o FILE` process, started by a small
wrapper process so that its resources are its own: wall time, the CPU time of all its
processes (what -j 2 costs beyond -j 1) and the peak resident memory of the largest of them
(the parent, which gathers the batch, or a worker). With reports streamed through the spool
the peak must not grow with the number of documents. Nothing here is asserted in the tests.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import subprocess
import sys
import tempfile
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


WRAPPER = """
import json, resource, subprocess, sys, time
t = time.perf_counter()
code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
r = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"code": code, "wall": time.perf_counter() - t, "cpu": r.ru_utime + r.ru_stime,
                  "peak_kb": r.ru_maxrss}))
"""


def run(folder: Path, jobs: int, fmt: str) -> tuple[float, float, float, dict[str, int]]:
    """(wall s, CPU s of every process, peak MB of the largest, the JSON summary)."""
    with tempfile.TemporaryDirectory() as out_dir:
        out = Path(out_dir) / f"report.{fmt}"
        cmd = [
            sys.executable,
            "-m",
            "govaudit",
            "check",
            str(folder),
            "--format",
            fmt,
            "-o",
            str(out),
            "--jobs",
            str(jobs),
            "--no-progress",
            "--no-config",
        ]
        p = subprocess.run(
            [sys.executable, "-c", WRAPPER, *cmd],
            capture_output=True,
            text=True,
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            check=True,
        )
        m = json.loads(p.stdout)
        summary = json.loads(out.read_text(encoding="utf-8"))["summary"] if fmt == "json" else {}
    return m["wall"], m["cpu"], m["peak_kb"] / 1024, summary


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--count", default="500")
    ap.add_argument("--jobs", default="1,2")
    ap.add_argument("--format", default="json")
    args = ap.parse_args()
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
        f", load {os.getloadavg()[0]:.1f}"
    )
    print(
        f"{'docs':>5} {'jobs':>4} {'seconds':>8} {'cpu s':>7} {'files/s':>8} "
        f"{'peak MB':>8} {'errors':>7} {'warnings':>9}"
    )
    for count in (int(x) for x in args.count.split(",")):
        with tempfile.TemporaryDirectory() as d:
            folder = Path(d)
            generate(folder, count)
            for j in (int(x) for x in args.jobs.split(",")):
                wall, cpu, peak, summary = run(folder, j, args.format)
                print(
                    f"{count:>5} {j:>4} {wall:>8.1f} {cpu:>7.1f} {count / wall:>8.1f} "
                    f"{peak:>8.0f} {summary.get('errors', '-'):>7} {summary.get('warnings', '-'):>9}",
                    flush=True,
                )


if __name__ == "__main__":
    main()
