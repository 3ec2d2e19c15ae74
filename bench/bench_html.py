"""The HTML report of a big batch: its size and how long Chromium takes to open it.

Run by hand: python bench/bench_html.py [--count 200,500] [--loads 5]. For each count, the
generated disclosures of bench_batch.py are checked by one `govaudit check DIR -o
report.html --jobs 2` process (wall time), then headless Chromium (tests/report/chromium.py,
the DevTools protocol on a pipe) opens the report --loads times: the load event (the whole
page read, data included), when the page's script had run (the index sortable and
clickable) and the first contentful paint; then opens the first file from the index and
draws its whole text ("show all"). Nothing here is asserted in the tests.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_batch import generate  # noqa: E402

from tests.report.chromium import CHROMIUM, Browser  # noqa: E402

TIMING = (
    "JSON.stringify({load: performance.getEntriesByType('navigation')[0].loadEventEnd,"
    " ready: +document.documentElement.getAttribute('data-ready'),"
    " fcp: (performance.getEntriesByName('first-contentful-paint')[0] || {}).startTime || 0,"
    " height: document.documentElement.scrollHeight})"
)
OPEN_FIRST = (
    "new Promise(function(done){var t=performance.now();"
    "document.querySelector('#files a[href=\"#file-0\"]').click();"
    "requestAnimationFrame(function(){setTimeout(function(){done(performance.now()-t);},0);});})"
)
SHOW_ALL = (
    "new Promise(function(done){var t=performance.now();"
    "var b=document.querySelector('#view [data-expand-all]');if(!b){done(-1);return;}b.click();"
    "requestAnimationFrame(function(){setTimeout(function(){"
    "done([performance.now()-t,document.querySelectorAll('#view .ln').length]);},0);});})"
)


def report(folder: Path, out: Path, jobs: int) -> float:
    t = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "govaudit",
            "check",
            str(folder),
            "-o",
            str(out),
            "--jobs",
            str(jobs),
            "--no-progress",
            "--no-config",
        ],
        capture_output=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        check=False,
    )
    return time.perf_counter() - t


def main() -> None:
    import json

    ap = argparse.ArgumentParser()
    ap.add_argument("--count", default="200,500")
    ap.add_argument("--loads", type=int, default=5)
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args()
    if CHROMIUM is None:
        sys.exit("chromium is not installed")
    version = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True).stdout
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, {version.strip()}"
    )
    print(
        f"{'files':>5} {'MB':>6} {'write s':>8} {'load ms (median, best)':>23} "
        f"{'script ran ms':>13} {'first paint ms':>14} {'page px':>8} {'open file ms':>12} "
        f"{'show all ms (lines)':>20}"
    )
    for count in (int(x) for x in args.count.split(",")):
        with tempfile.TemporaryDirectory() as d:
            folder = Path(d) / "docs"
            folder.mkdir()
            generate(folder, count)
            out = Path(d) / "report.html"
            write = report(folder, out, args.jobs)
            loads = []
            with Browser() as b:
                for _ in range(args.loads):
                    b.open(out)
                    loads.append(json.loads(b.js(TIMING)))
                opened = b.js(OPEN_FIRST)
                shown = b.js(SHOW_ALL)
            load = [x["load"] for x in loads]
            best = min(loads, key=lambda x: x["load"])
            print(
                f"{count:>5} {out.stat().st_size / 1e6:>6.1f} {write:>8.1f} "
                f"{statistics.median(load):>14.0f}, {min(load):>6.0f} {best['ready']:>13.0f} "
                f"{best['fcp']:>14.0f} {best['height']:>8} {opened:>12.0f} "
                f"{shown[0]:>12.0f} ({shown[1]})"
            )


if __name__ == "__main__":
    main()
