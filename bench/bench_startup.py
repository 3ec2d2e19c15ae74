"""Time govaudit's start-up: whole `govaudit` processes on a tiny text file.

Run by hand: python bench/bench_startup.py [--runs 15] [--imports]. Each command is run
as its own process, the commands in turn within each round (so a busy machine slows them
alike); printed are the median and the fastest of the process's CPU time (user + system,
from the operating system's accounting of the finished child) and of the elapsed time.

- `check tiny.txt` with the rule cache warm (the usual start: the packs and word lists come
  from the user's cache), and cold (GOVAUDIT_NO_CACHE=1: YAML read and every rule built);
- `--version` and `rules list` (a cached `rules list` imports no extractor).

Python's own compiled bytecode is made first (`compileall`), as `pip install` leaves it:
a checkout run with PYTHONDONTWRITEBYTECODE=1 compiles every module at every start.
`--imports` adds the slowest modules of `python -X importtime` (fastest of the runs).
Nothing here is asserted in the tests.
"""

from __future__ import annotations

import argparse
import compileall
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

TINY = "某单位2023年度决算\n一、收入支出决算总体情况说明\n2023年度收入总计100.00万元。\n"


def timed(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(CPU seconds, elapsed seconds) of one process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, wall


def slowest_imports(env: dict[str, str], runs: int, top: int = 25) -> list[tuple[int, int, str]]:
    """(self µs, cumulative µs, module), the fastest of `runs` runs for each module."""
    selfs: dict[str, int] = {}
    cums: dict[str, int] = {}
    code = "import govaudit.cli, govaudit.check, govaudit.batch, govaudit.report.text"
    for _ in range(runs):
        err = subprocess.run(
            [sys.executable, "-X", "importtime", "-c", code],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        ).stderr
        for line in err.splitlines():
            if not line.startswith("import time:") or "self [us]" in line:
                continue
            s, c, name = line[len("import time:") :].split("|")
            name = name.strip()
            selfs[name] = min(selfs.get(name, 1 << 60), int(s))
            cums[name] = min(cums.get(name, 1 << 60), int(c))
    order = sorted(selfs, key=lambda n: -selfs[n])[:top]
    return [(selfs[n], cums[n], n) for n in order]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--imports", action="store_true", help="the slowest imports too")
    args = ap.parse_args()

    compileall.compile_dir(str(ROOT / "govaudit"), quiet=1)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = str(ROOT)
    with tempfile.TemporaryDirectory() as d:
        tiny = Path(d) / "tiny.txt"
        tiny.write_text(TINY, encoding="utf-8")
        warm = {**env, "XDG_CACHE_HOME": str(Path(d) / "cache"), "GOVAUDIT_NO_CACHE": ""}
        cold = {**env, "GOVAUDIT_NO_CACHE": "1"}
        gov = [sys.executable, "-m", "govaudit"]
        commands = {
            "python -c pass (the interpreter alone)": ([sys.executable, "-c", "pass"], env),
            "govaudit --version": ([*gov, "--version"], warm),
            "govaudit rules list (cache warm)": ([*gov, "rules", "list"], warm),
            "govaudit check tiny.txt (cache warm)": ([*gov, "check", str(tiny)], warm),
            "govaudit check tiny.txt (no cache)": ([*gov, "check", str(tiny)], cold),
        }
        for cmd, e in commands.values():  # the cache filled, the files in the page cache
            timed(cmd, e)
        results: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
        for _ in range(args.runs):
            for name, (cmd, e) in commands.items():
                results[name].append(timed(cmd, e))

        print(f"# {platform.machine()}, Python {platform.python_version()}, {args.runs} runs")
        print()
        print("| command | CPU ms median | CPU ms fastest | elapsed ms median |")
        print("| --- | ---: | ---: | ---: |")
        for name, rs in results.items():
            cpu = [c * 1000 for c, _ in rs]
            wall = [w * 1000 for _, w in rs]
            print(
                f"| {name} | {statistics.median(cpu):.0f} | {min(cpu):.0f} | "
                f"{statistics.median(wall):.0f} |"
            )
        if args.imports:
            print()
            print("| module | self ms | cumulative ms |")
            print("| --- | ---: | ---: |")
            for s, c, n in slowest_imports(warm, 7):
                print(f"| {n} | {s / 1000:.1f} | {c / 1000:.1f} |")


if __name__ == "__main__":
    main()
