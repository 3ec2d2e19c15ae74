"""Many files: in order or in parallel processes, with a progress bar on a terminal.

One bad file never stops the batch: an unreadable file is a FileReport with status "error"
(check.py), and so is a file that trips an unexpected bug or kills its worker process.
Reports come back in the order the files were given, whatever order they finish in.

Ctrl-C stops the batch at once: the workers ignore SIGINT (the terminal sends it to the whole
process group) and the parent, on KeyboardInterrupt, terminates them instead of waiting for
the files they are on, then lets the interrupt go up to the CLI.

Before a file's Document is dropped, each finding in a table gets its table row for display
(report/rows.py): a lone cell means little to the reader.
"""

from __future__ import annotations

import signal
import threading
import traceback
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from govaudit.check import check_file
from govaudit.config import DocumentOverride, document_for
from govaudit.engine.rules import Rule
from govaudit.extract.base.context import ExtractSettings
from govaudit.model import FileReport
from govaudit.report.rows import attach_rows

Progress = Callable[[str], None]  # called with each finished file's path

_WORKER_RULES: list[Rule] = []
_WORKER_SETTINGS = ExtractSettings()
_WORKER_TIMEOUT: float = 0.0
_WORKER_DOCUMENTS: tuple[DocumentOverride, ...] = ()


class FileTimeout(Exception):
    """Raised inside a check that ran past the per-file time limit."""


def _init_worker(
    rules: list[Rule],
    settings: ExtractSettings,
    timeout: float = 0.0,
    documents: tuple[DocumentOverride, ...] = (),
) -> None:
    """Runs once in each worker: the rules and settings travel once per process, not once
    per file."""
    global _WORKER_RULES, _WORKER_SETTINGS, _WORKER_TIMEOUT, _WORKER_DOCUMENTS
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    _WORKER_RULES = rules
    _WORKER_SETTINGS = settings
    _WORKER_TIMEOUT = timeout
    _WORKER_DOCUMENTS = documents


def _check_in_worker(path: str) -> FileReport:
    return _safe_check(path, _WORKER_RULES, _WORKER_SETTINGS, _WORKER_TIMEOUT, _WORKER_DOCUMENTS)


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
    if report.document is not None:
        try:
            attach_rows(report)
        except Exception:  # display only: the findings stand without their rows
            pass
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
    """Check every file; `on_done(path)` after each one (drives the progress bar). A file
    that takes longer than `timeout` seconds (0: no limit) is reported as an error.
    `documents`: what the configuration says files are ([[tool.govaudit.documents]])."""
    settings = ExtractSettings.of(perf_profile)
    docs = tuple(documents)
    if jobs <= 1 or len(files) <= 1:
        reports = []
        for f in files:
            reports.append(_safe_check(f, rules, settings, timeout, docs))
            if on_done:
                on_done(f)
        return reports
    return _parallel(files, rules, jobs, settings, on_done, timeout, docs)


def _parallel(
    files: list[str],
    rules: list[Rule],
    jobs: int,
    settings: ExtractSettings,
    on_done: Progress | None,
    timeout: float = 0.0,
    documents: tuple[DocumentOverride, ...] = (),
) -> list[FileReport]:
    results: dict[int, FileReport] = {}
    pool = ProcessPoolExecutor(
        max_workers=min(jobs, len(files)),
        initializer=_init_worker,
        initargs=(rules, settings, timeout, documents),
    )
    try:
        futures: dict[Future[FileReport], int] = {
            pool.submit(_check_in_worker, f): i for i, f in enumerate(files)
        }
        for fut in as_completed(futures):
            i = futures[fut]
            try:
                results[i] = fut.result()
            except Exception as exc:  # the worker died (out of memory, killed, …)
                results[i] = FileReport(
                    path=files[i],
                    status="error",
                    error=f"检查此文件的进程意外退出：{type(exc).__name__}",
                    error_en=f"the process checking this file stopped unexpectedly: {type(exc).__name__}",
                )
            if on_done:
                on_done(files[i])
    except BaseException:  # Ctrl-C: do not wait for the files the workers are on
        _stop(pool)
        raise
    pool.shutdown()
    return [results[i] for i in range(len(files))]


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
