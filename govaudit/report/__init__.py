"""Reporters: one per output format, registered here by name, all with one signature,
``render(run: Run, out: Output) -> None``. A reporter renders the findings of a run; it never
computes them. The CLI picks a format (``--format`` or the ``-o`` file's extension) and wires
`Run` and `Output` to it; nothing else about a format is known outside its module.

Modules are imported only when their format is used (the .xlsx reporter pulls in openpyxl).
"""

from __future__ import annotations

import importlib
import io
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from govaudit.model import SEVERITY_RANK, FileReport, Finding
from govaudit.report.summary import FileSummary, summarize

if TYPE_CHECKING:
    from rich.console import Console

    from govaudit.check import Skipped
    from govaudit.engine.rules import Rule
    from govaudit.report.summary import RuleStats


class Reports:
    """The reports of a run, for its writers: iterated one file at a time (a batch's come
    back from its spool, so that only one is in memory at once, however often a writer
    goes through them), with each file's `FileSummary` at hand up front for the totals,
    the file index and the closing table."""

    def __init__(
        self,
        summaries: list[FileSummary],
        load: Callable[[int], FileReport] | None = None,
        reports: list[FileReport] | None = None,
    ) -> None:
        self.summaries = summaries
        self._load = load
        self._reports = reports

    @classmethod
    def of(cls, reports: Iterable[FileReport]) -> Reports:
        listed = list(reports)
        return cls([summarize(r) for r in listed], reports=listed)

    def __iter__(self) -> Iterator[FileReport]:
        if self._reports is not None:
            yield from self._reports
            return
        assert self._load is not None
        for i in range(len(self.summaries)):
            yield self._load(i)

    def __len__(self) -> int:
        return len(self.summaries)

    def __bool__(self) -> bool:
        return bool(self.summaries)


@dataclass
class Run:
    """Everything a reporter may show about one `govaudit check`.

    `reports` are gone through one file at a time; `reports.summaries` hold the counts.
    `min_severity` and `quiet` are how the person asked to see it: the reports for people
    (text, concise, csv, xlsx; html as its initial filter) honour them, the machine formats
    (json, sarif) always carry every finding."""

    reports: Reports
    rules: list[Rule] = field(default_factory=list)
    lang: str = "zh"
    overrides: dict[str, tuple[str, str]] = field(default_factory=dict)
    stale: list[Any] = field(default_factory=list)  # config.Suppression that matched nothing
    statistics: list[RuleStats] | None = None
    exit_code: int = 0
    skipped: list[Skipped] = field(default_factory=list)  # files a folder scan does not check
    min_severity: str = "info"
    quiet: bool = False
    pairs: list[Any] = field(default_factory=list)  # across.Pair: documents checked together
    tally: Any = None  # summary.RuleTally of the run (per-rule counts), when gathered

    def __post_init__(self) -> None:
        if not isinstance(self.reports, Reports):
            self.reports = Reports.of(self.reports)

    @property
    def summaries(self) -> list[FileSummary]:
        return self.reports.summaries

    @property
    def en(self) -> bool:
        return self.lang == "en"

    def shown(self, f: Finding) -> bool:
        """Whether a report for people lists this finding (suppressed ones never)."""
        return not f.suppressed and SEVERITY_RANK.get(f.severity, 0) >= SEVERITY_RANK.get(
            self.min_severity, 0
        )

    def hidden_by_severity(self) -> int:
        """Live findings left out by --min-severity (counted, so nothing vanishes unsaid)."""
        floor = SEVERITY_RANK.get(self.min_severity, 0)
        return sum(
            n
            for s in self.summaries
            for sev, n in s.counts.items()
            if SEVERITY_RANK.get(sev, 0) < floor
        )


WIDE = 100_000  # the width of a console on a file or a pipe: nothing is cut to a terminal's


@dataclass
class Output:
    """Where a report goes: a file or standard output (`path` None), as text or bytes."""

    stream: IO[bytes]
    path: str | None = None
    terminal: bool = False  # standard output is a person's terminal

    def write(self, text: str) -> None:
        self.stream.write(text.encode("utf-8"))

    def write_bytes(self, data: bytes) -> None:
        self.stream.write(data)

    def console(self) -> Console:
        """A rich console on this output: the terminal's colours and width on a terminal,
        plain text (no colour codes) in a file or a pipe."""

        if self.path is None and self.terminal:
            return console_class()(highlight=False, soft_wrap=True)
        return console_class()(
            file=_Encoder(self.stream), no_color=True, width=WIDE, highlight=False, soft_wrap=True
        )


def console_class() -> type[Console]:
    """rich's Console, except that a closed pipe (`| head`) is left to the caller, which ends
    with the exit code the findings give (rich would exit with 1)."""
    from rich.console import Console

    class PipeConsole(Console):
        def on_broken_pipe(self) -> None:
            self.quiet = True
            raise BrokenPipeError

    return PipeConsole


class _Encoder(io.TextIOBase):
    """Text written by rich, encoded into our byte stream (which the caller closes)."""

    def __init__(self, stream: IO[bytes]) -> None:
        self._stream = stream

    def write(self, s: str) -> int:
        self._stream.write(s.encode("utf-8"))
        return len(s)

    def isatty(self) -> bool:
        return False


Reporter = Callable[[Run, Output], None]


@dataclass(frozen=True)
class Format:
    """An output format: its name for --format, the module whose `render(run, out)` draws
    it, the file extensions that choose it from -o, and where it goes on a terminal."""

    name: str
    target: str  # "module:function"
    suffixes: tuple[str, ...] = ()
    binary: bool = False  # bytes a terminal cannot show
    terminal_file: str | None = None  # written here when stdout is a terminal and no -o
    help_zh: str = ""
    help_en: str = ""

    def reporter(self) -> Reporter:
        module, _, function = self.target.partition(":")
        return getattr(importlib.import_module(module), function or "render")  # type: ignore[no-any-return]


FORMATS: dict[str, Format] = {}


def register(fmt: Format) -> None:
    FORMATS[fmt.name] = fmt


for _f in (
    Format(
        "text",
        "govaudit.report.text",
        (".txt", ".log"),
        help_zh="按文件分组，给人看",
        help_en="grouped by file, for people",
    ),
    Format(
        "concise",
        "govaudit.report.concise",
        (),
        help_zh="每个问题一行 path:line:col: RULE 消息",
        help_en="one line per finding",
    ),
    Format(
        "json",
        "govaudit.report.json_report",
        (".json",),
        help_zh="JSON，给脚本",
        help_en="the JSON contract",
    ),
    Format(
        "sarif",
        "govaudit.report.sarif",
        (".sarif", ".sarif.json"),
        help_zh="SARIF 2.1.0",
        help_en="SARIF 2.1.0",
    ),
    Format(
        "html",
        "govaudit.report.html",
        (".html", ".htm"),
        terminal_file="govaudit-report.html",
        help_zh="自包含网页",
        help_en="one self-contained web page",
    ),
    Format(
        "csv",
        "govaudit.report.sheet:render_csv",
        (".csv",),
        help_zh="每个问题一行，Excel 可直接打开",
        help_en="one row per finding",
    ),
    Format(
        "xlsx",
        "govaudit.report.sheet:render_xlsx",
        (".xlsx",),
        binary=True,
        terminal_file="govaudit-report.xlsx",
        help_zh="Excel 工作底稿",
        help_en="an Excel workpaper",
    ),
):
    register(_f)


def figure_span(f: Finding) -> tuple[int, int] | None:
    """Where the finding's figure stands in its source line (0-based, end exclusive): the
    occurrence it was read from (`Finding.span`), else the first of its marks found."""
    line = f.source or ""
    if f.span is not None and line[f.span[0] : f.span[1]]:
        return f.span
    for mark in f.highlights:
        pos = line.find(mark) if mark else -1
        if pos >= 0:
            return pos, pos + len(mark)
    return None


def figure_column(f: Finding) -> int | None:
    """1-based column (in characters) of the finding's figure on its source line, when the
    figure is found there (text files)."""
    span = figure_span(f)
    return span[0] + 1 if span is not None else None


def figures_text(f: Finding, en: bool, sep: str = " · ") -> str:
    """ "应为 551.08 · 实为 575.15", or only the side the rule knows ("实为 326.72" where it
    cannot tell which of two printings is right): never a "—" for a missing side."""
    parts = []
    if f.expected is not None:
        parts.append(("expected " if en else "应为 ") + (f.expected_shown or f.expected))
    if f.actual is not None:
        parts.append(("printed " if en else "实为 ") + (f.actual_shown or f.actual))
    return sep.join(parts)


# the severity as the reports name it, by report language
SEVERITY_WORDS = {
    "zh": {"error": "错误", "warning": "警告", "info": "提示"},
    "en": {"error": "error", "warning": "warning", "info": "info"},
}


def also_lines(f: Finding, en: bool) -> list[str]:
    """The relations the finding's figure also broke, one line each: "同时导致 GA-XREF-001
    第24行：一般公共预算财政拨款收入前后不一致：…"."""
    out = []
    for x in f.also:
        where = x.loc.describe_en() if en else x.loc.describe()
        message = x.message_en if en and x.message_en else x.message
        out.append(
            f"also breaks {x.rule} at {where}: {message}"
            if en
            else f"同时导致 {x.rule}（{where}）：{message}"
        )
    return out


def format_for(path: str) -> str | None:
    """The format an output file's extension asks for (the longest matching suffix)."""
    name = Path(path).name.lower()
    best: tuple[int, str] | None = None
    for fmt in FORMATS.values():
        for suffix in fmt.suffixes:
            if name.endswith(suffix) and (best is None or len(suffix) > best[0]):
                best = (len(suffix), fmt.name)
    return best[1] if best else None
