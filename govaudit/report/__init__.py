"""Reporters: one per output format, registered here by name, all with one signature,
``render(run: Run, out: Output) -> None``. A reporter renders the findings of a run; it never
computes them. The CLI picks a format (``--format`` or the ``-o`` file's extension) and wires
`Run` and `Output` to it; nothing else about a format is known outside its module.

Modules are imported only when their format is used (the .xlsx reporter pulls in openpyxl).
"""

from __future__ import annotations

import importlib
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from govaudit.model import SEVERITY_RANK, FileReport, Finding

if TYPE_CHECKING:
    from rich.console import Console

    from govaudit.check import Skipped
    from govaudit.engine.rules import Rule
    from govaudit.report.summary import RuleStats


@dataclass
class Run:
    """Everything a reporter may show about one `govaudit check`.

    `min_severity` and `quiet` are how the person asked to see it: the reports for people
    (text, concise, csv, xlsx; html as its initial filter) honour them, the machine formats
    (json, sarif) always carry every finding."""

    reports: list[FileReport]
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
        return sum(
            1 for r in self.reports for f in r.findings if not f.suppressed and not self.shown(f)
        )


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
        from rich.console import Console

        if self.path is None:
            return Console(highlight=False, soft_wrap=True)
        return Console(
            file=_Encoder(self.stream), no_color=True, width=160, highlight=False, soft_wrap=True
        )


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


def figure_column(f: Finding) -> int | None:
    """1-based column (in characters) of the finding's figure on its source line, when the
    figure is found there (text files)."""
    line = f.source or ""
    for mark in f.highlights:
        pos = line.find(mark) if mark else -1
        if pos >= 0:
            return pos + 1
    return None


def format_for(path: str) -> str | None:
    """The format an output file's extension asks for (the longest matching suffix)."""
    name = Path(path).name.lower()
    best: tuple[int, str] | None = None
    for fmt in FORMATS.values():
        for suffix in fmt.suffixes:
            if name.endswith(suffix) and (best is None or len(suffix) > best[0]):
                best = (len(suffix), fmt.name)
    return best[1] if best else None
