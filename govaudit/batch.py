"""Many files: in order or in parallel processes, with a progress bar on a terminal.

One bad file never stops the batch: an unreadable file is a FileReport with status "error"
(check.py), and so is a file that trips an unexpected bug or kills its worker process.
Reports come back in the order the files were given, whatever order they finish in.

Memory stays flat however many files a batch has: the process that checks a file also
marks its baselined findings, counts it (`FileSummary`, `RuleTally`) and writes the report
to the batch's spool (spool.py); the batch keeps only the small index entry (`Done`) and the
writers read the reports back one at a time. A worker sends its parent that entry, never
the report: nothing big crosses a pipe. Files are handed to the workers a few at a time, so
that a slow file holds back at most that many finished ones.

Ctrl-C stops the batch at once: the workers ignore SIGINT (the terminal sends it to the whole
process group) and the parent, on KeyboardInterrupt, terminates them instead of waiting for
the files they are on, then lets the interrupt go up to the CLI.
"""

from __future__ import annotations

import signal
import threading
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from govaudit import baseline as baselines
from govaudit.check import check_file
from govaudit.config import DocumentOverride, document_for
from govaudit.engine.rules import Rule
from govaudit.extract.base.context import ExtractSettings
from govaudit.model import FileReport
from govaudit.report.summary import FileSummary, RuleTally, summarize
from govaudit.spool import Spool, SpoolFile, Where

if TYPE_CHECKING:  # the process pool is imported only by a run with -j > 1
    from concurrent.futures import Future, ProcessPoolExecutor

Progress = Callable[[str], None]  # called with each finished file's path
Key = tuple[str, str, str]  # a baseline entry's (rule, file name, fingerprint)

_WORKER_RULES: list[Rule] = []
_WORKER_SETTINGS = ExtractSettings()
_WORKER_TIMEOUT: float = 0.0
_WORKER_DOCUMENTS: tuple[DocumentOverride, ...] = ()
_WORKER_BASELINE: baselines.Index = {}
_WORKER_SPOOL: SpoolFile | None = None
WINDOW = 4  # files handed to each worker ahead of the one it is on


class FileTimeout(Exception):
    """Raised inside a check that ran past the per-file time limit."""


@dataclass
class Done:
    """What the batch keeps of one checked file: its counts, where its report and its keyed
    figures wait in the spool, the baseline entries it matched and its rules' counts (these
    two are merged into the batch's and dropped)."""

    summary: FileSummary
    report: Where
    ledger: Where | None = None
    used: set[Key] = field(default_factory=set)
    tally: RuleTally | None = None
    # a prose and a table figure of its keyed figures, if it has them: what pairing needs
    # to tell a file of tables alone (the rest waits in the spool)
    sample: tuple = ()

    @property
    def path(self) -> str:
        return self.summary.path


def finish(report: FileReport, out: SpoolFile, index: baselines.Index) -> Done:
    """Mark the report's baselined findings, count it, and put it in the spool."""
    used = baselines.mark(report, index)
    tally = RuleTally()
    tally.add(report)
    ledger = None
    if report.stated or report.priors:
        ledger = out.put((report.stated, report.priors))
    sample = _sample(report.stated)
    report.stated, report.priors = (), ()
    summary = summarize(report)
    return Done(summary, out.put(report), ledger, used, tally, sample)


def _sample(stated: tuple) -> tuple:
    """The first keyed figure of each source (正文, 表格)."""
    first: dict[str, object] = {}
    for s in stated:
        first.setdefault(getattr(s, "source", ""), s)
    return tuple(first.values())


def _init_worker(
    rules: list[Rule],
    settings: ExtractSettings,
    timeout: float,
    documents: tuple[DocumentOverride, ...],
    index: baselines.Index,
    spool_path: str,
) -> None:
    """Runs once in each worker: the rules, settings and baseline travel once per process,
    not once per file; the worker writes its reports to its own spool file."""
    global _WORKER_RULES, _WORKER_SETTINGS, _WORKER_TIMEOUT, _WORKER_DOCUMENTS
    global _WORKER_BASELINE, _WORKER_SPOOL
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    _WORKER_RULES = rules
    _WORKER_SETTINGS = settings
    _WORKER_TIMEOUT = timeout
    _WORKER_DOCUMENTS = documents
    _WORKER_BASELINE = index
    import os

    _WORKER_SPOOL = SpoolFile(f"{spool_path}.{os.getpid()}")


def _check_in_worker(path: str) -> Done:
    report = _safe_check(path, _WORKER_RULES, _WORKER_SETTINGS, _WORKER_TIMEOUT, _WORKER_DOCUMENTS)
    assert _WORKER_SPOOL is not None
    return finish(report, _WORKER_SPOOL, _WORKER_BASELINE)


def settings_for(
    path: str, settings: ExtractSettings, documents: tuple[DocumentOverride, ...]
) -> ExtractSettings:
    """The settings of one file: what the configuration says the file is, when it does."""
    info = document_for(path, documents)
    return settings if info is None else replace(settings, document=info)


def _on_alarm(signum: int, frame: object) -> None:
    raise FileTimeout


@contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    """Interrupt the check of one file after `seconds` (POSIX, main thread only; elsewhere
    no limit is applied rather than failing)."""
    usable = (
        seconds > 0
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
    )
    if not usable:
        yield
        return
    old = signal.signal(signal.SIGALRM, _on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def _safe_check(
    path: str,
    rules: list[Rule],
    settings: ExtractSettings,
    timeout: float = 0.0,
    documents: tuple[DocumentOverride, ...] = (),
) -> FileReport:
    try:
        with _time_limit(timeout):
            report = check_file(path, rules, settings_for(path, settings, documents))
    except FileTimeout:
        report = FileReport(
            path=path,
            status="error",
            error=f"检查超时：超过每个文件 {timeout:g} 秒的时限，已停止检查此文件"
            "（文件可能过大或结构异常；可用 --timeout 或配置中的 timeout 调整）。",
            error_en=f"time limit: checking this file took more than {timeout:g} s and was "
            "stopped (raise it with --timeout or the timeout key).",
        )
    except Exception as exc:  # a bug must not stop the batch
        detail = "".join(traceback.format_exception_only(type(exc), exc)).strip()
        report = FileReport(
            path=path,
            status="error",
            error=f"内部错误，未能检查此文件（请把此文件和以下信息报告给开发者）：{detail}",
            error_en=f"internal error, the file was not checked (please report it): {detail}",
        )
    report.document = None
    return report


def run_batch(
    files: list[str],
    rules: list[Rule],
    *,
    jobs: int = 1,
    perf_profile: str | None = None,
    on_done: Progress | None = None,
    timeout: float = 0.0,
    documents: list[DocumentOverride] | tuple[DocumentOverride, ...] = (),
) -> list[FileReport]:
    """Check every file and keep every report (for tests and small batches: the CLI
    streams them through `iter_batch` and a spool instead)."""
    with Spool() as spool:
        done = list(
            iter_batch(
                files,
                rules,
                spool,
                jobs=jobs,
                perf_profile=perf_profile,
                on_done=on_done,
                timeout=timeout,
                documents=documents,
            )
        )
        return [load(spool, d) for d in done]


def load(spool: Spool, d: Done, *, ledger: bool = True) -> FileReport:
    """A finished file's report back from the spool (with its keyed figures, or not)."""
    report: FileReport = spool.get(d.report)
    if ledger and d.ledger is not None:
        report.stated, report.priors = spool.get(d.ledger)
    return report


def iter_batch(
    files: list[str],
    rules: list[Rule],
    spool: Spool,
    *,
    jobs: int = 1,
    perf_profile: str | None = None,
    on_done: Progress | None = None,
    timeout: float = 0.0,
    documents: list[DocumentOverride] | tuple[DocumentOverride, ...] = (),
    suppressions: baselines.Index | None = None,
) -> Iterator[Done]:
    """Check every file, in order or in `jobs` processes, and yield each one's `Done` in
    the order the files were given; `on_done(path)` after each one (drives the progress
    bar). A file that takes longer than `timeout` seconds (0: no limit) is reported as an
    error. `documents`: what the configuration says files are ([[tool.govaudit.documents]]);
    `suppressions`: the baseline, marked in each report before it is counted."""
    settings = ExtractSettings.of(perf_profile)
    docs = tuple(documents)
    index = suppressions or {}
    if jobs <= 1 or len(files) <= 1:
        for f in files:
            done = finish(_safe_check(f, rules, settings, timeout, docs), spool.own, index)
            if on_done:
                on_done(f)
            yield done
        return
    yield from _parallel(files, rules, jobs, settings, on_done, timeout, docs, index, spool)


def _parallel(
    files: list[str],
    rules: list[Rule],
    jobs: int,
    settings: ExtractSettings,
    on_done: Progress | None,
    timeout: float,
    documents: tuple[DocumentOverride, ...],
    index: baselines.Index,
    spool: Spool,
) -> Iterator[Done]:
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

    workers = min(jobs, len(files))
    pool = ProcessPoolExecutor(
        max_workers=workers,
        initializer=_init_worker,
        initargs=(rules, settings, timeout, documents, index, spool.new_file().path),
    )
    ready: dict[int, Done] = {}
    pending: dict[Future[Done], int] = {}
    following = 0  # the next file to hand out
    due = 0  # the next file to yield
    try:
        while due < len(files):
            while following < len(files) and len(pending) + len(ready) < workers * WINDOW:
                pending[pool.submit(_check_in_worker, files[following])] = following
                following += 1
            finished, _ = wait(pending, return_when=FIRST_COMPLETED)
            for fut in finished:
                i = pending.pop(fut)
                try:
                    ready[i] = fut.result()
                except Exception as exc:  # the worker died (out of memory, killed, …)
                    ready[i] = finish(_died(files[i], exc), spool.own, index)
                if on_done:
                    on_done(files[i])
            while due in ready:
                yield ready.pop(due)
                due += 1
    except BaseException:  # Ctrl-C: do not wait for the files the workers are on
        _stop(pool)
        raise
    pool.shutdown()


def cross(
    done: list[Done], spool: Spool, rules: list[Rule], explicit: list[tuple[str, str]]
) -> tuple[list, dict[str, FileReport]]:
    """The documents of one issuer against each other (across.py): paired from the index
    (each entry keeps a sample of its keyed figures, enough to tell a file of tables alone),
    then each pair checked with the keyed figures of its documents read back from the spool
    and dropped again. The pairs, and per file the findings and outcomes that joined it."""
    from govaudit.across import KINDS, check_pair, pair

    stubs = {
        d.path: FileReport(
            path=d.path, status=d.summary.status, info=d.summary.info, stated=d.sample
        )
        for d in done
    }
    by_path = {d.path: d for d in done}
    pairs = pair(list(stubs.values()), explicit)
    mine = [r for r in rules if r.applies_to in KINDS]
    for p in pairs:
        sides = [x for x in (p.first, p.other, p.first_tables, p.other_tables) if x is not None]
        for x in sides:
            ledger = by_path[x.path].ledger
            x.stated, x.priors = spool.get(ledger) if ledger is not None else ((), ())
        check_pair(p, mine)
        for x in sides:  # the keyed figures have served
            x.stated, x.priors = by_path[x.path].sample, ()
    added = {path: r for path, r in stubs.items() if r.findings or r.outcomes}
    for r in stubs.values():
        r.stated = ()
    return pairs, added


def _died(path: str, exc: BaseException) -> FileReport:
    return FileReport(
        path=path,
        status="error",
        error=f"检查此文件的进程意外退出：{type(exc).__name__}",
        error_en=f"the process checking this file stopped unexpectedly: {type(exc).__name__}",
    )


def _stop(pool: ProcessPoolExecutor) -> None:
    """Cancel what has not started and end the workers now."""
    workers = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for w in workers:
        if w.is_alive():
            w.terminate()
    for w in workers:
        w.join(timeout=1)


def display_name(path: str, width: int = 40) -> str:
    """A short name for the progress bar: the file name, cut in the middle if long."""
    name = Path(path).name
    if len(name) <= width:
        return name
    half = (width - 1) // 2
    return name[:half] + "…" + name[-half:]


def stderr_is_terminal() -> bool:
    """Only a real terminal gets a progress bar: not a pipe, a file or a CI log (rich alone
    would also draw one when FORCE_COLOR is set)."""
    import os
    import sys

    try:
        return os.isatty(sys.stderr.fileno())
    except (AttributeError, OSError, ValueError):
        return False


class ProgressBar:
    """A transient rich progress bar on stderr: it never touches stdout, so JSON or SARIF on
    stdout stay clean, and it disappears when the batch is done."""

    def __init__(self, total: int, lang: str = "zh") -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            SpinnerColumn,
            TextColumn,
            TimeElapsedColumn,
        )

        self._progress = Progress(
            SpinnerColumn(),
            TextColumn("[bold]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TextColumn("{task.fields[current]}", style="dim"),
            console=Console(stderr=True),
            transient=True,
        )
        self._task = self._progress.add_task(
            "checking" if lang == "en" else "检查中", total=total, current=""
        )

    def __enter__(self) -> ProgressBar:
        self._progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._progress.stop()

    def advance(self, path: str) -> None:
        self._progress.update(self._task, advance=1, current=display_name(path))
