"""What the benchmark scripts share: the project root on sys.path, the seeds, best-of timing."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

SEEDS = sorted((ROOT / "tests" / "fixtures").glob("00[0-4]_*.txt"))


def best_of(
    n: int, fn: Callable[[], object], clock: Callable[[], float] = time.perf_counter
) -> float:
    """The fastest of n runs, in seconds: the least disturbed by the rest of the machine.
    `clock=time.process_time` counts this process's CPU time only, which other processes on
    a shared machine disturb far less than elapsed time."""
    times = []
    for _ in range(n):
        t = clock()
        fn()
        times.append(clock() - t)
    return min(times)
