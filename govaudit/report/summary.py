"""Counts for the closing summary and the coverage line (display only, no checking).

Every count here takes a whole `FileReport` or its `FileSummary`: a batch keeps only the
summaries (a few numbers per file) while the reports themselves wait on disk for their
writers (spool.py), so a batch of 2,000 documents needs no more memory than one of 20.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from govaudit.model import DocumentInfo, FileReport, Finding


@dataclass
class Coverage:
    checked: int = 0
    held: int = 0
    failed: int = 0
    unverified: int = 0

    def add(self, status: str) -> None:
        """Count one outcome: held, failed, or anything else (not verifiable)."""
        self.checked += 1
        if status == "held":
            self.held += 1
        elif status == "failed":
            self.failed += 1
        else:
            self.unverified += 1

    def as_dict(self) -> dict[str, int]:
        return {
            "checked": self.checked,
            "held": self.held,
            "failed": self.failed,
            "unverified": self.unverified,
        }


@dataclass
class FileSummary:
    """What the summaries, the file index and the closing table show of one file, without
    its findings: kept for every file of a batch while the reports go to their writers."""

    path: str
    status: str = "ok"
    error: str | None = None
    error_en: str | None = None
    info: DocumentInfo | None = None
    counts: dict[str, int] = field(default_factory=dict)  # live findings by severity
    findings: int = 0  # findings, live or suppressed (each one defect)
    suppressed: int = 0
    coverage: Coverage = field(default_factory=Coverage)
    figures: dict[str, Any] | None = None
    seconds: float = 0.0

    @property
    def live(self) -> int:
        return self.findings - self.suppressed

    def add(self, more: FileSummary) -> None:
        """Count findings and outcomes added later (those across documents)."""
        for sev, n in more.counts.items():
            self.counts[sev] = self.counts.get(sev, 0) + n
        self.findings += more.findings
        self.suppressed += more.suppressed
        for k in ("checked", "held", "failed", "unverified"):
            setattr(self.coverage, k, getattr(self.coverage, k) + getattr(more.coverage, k))


Summarised = FileReport | FileSummary


def summarize(report: Summarised) -> FileSummary:
    """A report's counts (a summary is its own)."""
    if isinstance(report, FileSummary):
        return report
    c = Coverage()
    for o in report.outcomes:
        c.add(o.status)
    counts: Counter[str] = Counter(f.severity for f in report.findings if not f.suppressed)
    return FileSummary(
        path=report.path,
        status=report.status,
        error=report.error,
        error_en=report.error_en,
        info=report.info,
        counts=dict(counts),
        findings=len(report.findings),
        suppressed=sum(1 for f in report.findings if f.suppressed),
        coverage=c,
        figures=_figures(report),
        seconds=report.seconds,
    )


def coverage(report: Summarised) -> Coverage:
    if isinstance(report, FileSummary):
        return report.coverage
    c = Coverage()
    for o in report.outcomes:
        c.add(o.status)
    return c


def figures(report: Summarised) -> dict[str, Any] | None:
    """Money and percentage figures read, and those a rule compared with another figure:
    {total, checked, prose: {total, checked}, table: {total, checked}}; None for a file
    that could not be read."""
    if isinstance(report, FileSummary):
        return report.figures
    return _figures(report)


def _figures(report: FileReport) -> dict[str, Any] | None:
    f = report.figures
    if f is None or report.status != "ok":
        return None
    return {
        "total": f.total,
        "checked": f.checked,
        "prose": {"total": f.prose.total, "checked": f.prose.checked},
        "table": {"total": f.table.total, "checked": f.table.checked},
    }


def figures_line(report: Summarised, en: bool) -> str:
    """ "数字 395/412 参与核对（正文 101/125，表格 294/287）" — what "no findings" covers."""
    f = figures(report)
    if f is None or not f["total"]:
        return ""
    p, t = f["prose"], f["table"]
    if en:
        return (
            f"figures compared: {f['checked']} of {f['total']} "
            f"(text {p['checked']}/{p['total']}, tables {t['checked']}/{t['total']})"
        )
    return (
        f"数字 {f['checked']}/{f['total']} 参与核对"
        f"（正文 {p['checked']}/{p['total']}，表格 {t['checked']}/{t['total']}）"
    )


def visible(report: FileReport) -> list[Finding]:
    return [f for f in report.findings if not f.suppressed]


def nothing_checked(report: Summarised) -> bool:
    """Read, but not one relation could be verified (none found, or all unverifiable): such
    a file must never look like a pass."""
    if report.status == "error":
        return False
    if report.findings if isinstance(report, FileSummary) else len(report.findings):
        return False
    c = coverage(report)
    return c.held + c.failed == 0


# a file's outcome, worst first: what the HTML index grades and sorts by, what JSON calls
# files[].verdict
VERDICTS = ("unreadable", "error", "warning", "nothing_checked", "info", "passed")


def verdict(report: Summarised) -> str:
    if report.status == "error":
        return "unreadable"
    counts = file_counts(report)
    for sev in ("error", "warning"):
        if counts.get(sev):
            return sev
    if nothing_checked(report):
        return "nothing_checked"
    return "info" if counts.get("info") else "passed"


def severity_counts(reports: Iterable[Summarised]) -> Counter[str]:
    c: Counter[str] = Counter()
    for r in reports:
        c.update(file_counts(r))
    return c


def suppressed_count(reports: Iterable[Summarised]) -> int:
    return sum(
        r.suppressed if isinstance(r, FileSummary) else sum(1 for f in r.findings if f.suppressed)
        for r in reports
    )


def file_counts(report: Summarised) -> Counter[str]:
    """Visible findings of one file by severity (suppressed ones are not counted): each
    finding one defect, the relations it also broke (`also`) not counted again."""
    if isinstance(report, FileSummary):
        return Counter(report.counts)
    return Counter(f.severity for f in visible(report))


@dataclass
class RuleStats(Coverage):
    """How one rule fared over the whole run (`--statistics`)."""

    rule: str = ""
    findings: int = 0
    suppressed: int = 0

    def as_dict(self) -> dict[str, int | str]:  # type: ignore[override]
        return {
            "rule": self.rule,
            **super().as_dict(),
            "findings": self.findings,
            "suppressed": self.suppressed,
        }


class RuleTally:
    """Counts per rule gathered as files finish (`--statistics`, the HTML rules table): the
    outcomes, the findings (a finding's `also` counts for its own rule), and the files each
    rule reported in."""

    def __init__(self, rule_ids: list[str] | None = None) -> None:
        self.stats: dict[str, RuleStats] = {rid: RuleStats(rule=rid) for rid in rule_ids or []}
        self.files: dict[str, int] = {}

    def _of(self, rule: str) -> RuleStats:
        s = self.stats.get(rule)
        if s is None:
            s = self.stats[rule] = RuleStats(rule=rule)
        return s

    def add(self, report: FileReport) -> None:
        for o in report.outcomes:
            self._of(o.rule).add(o.status)
        seen: set[str] = set()
        for f in report.findings:
            for x in (f, *f.also):
                s = self._of(x.rule)
                if f.suppressed:
                    s.suppressed += 1
                else:
                    s.findings += 1
                    seen.add(x.rule)
        for rule in seen:
            self.files[rule] = self.files.get(rule, 0) + 1

    def merge(self, other: RuleTally) -> None:
        for rule, o in other.stats.items():
            s = self._of(rule)
            for k in ("checked", "held", "failed", "unverified", "findings", "suppressed"):
                setattr(s, k, getattr(s, k) + getattr(o, k))
        for rule, n in other.files.items():
            self.files[rule] = self.files.get(rule, 0) + n

    def result(self) -> list[RuleStats]:
        return [self.stats[k] for k in sorted(self.stats)]


def rule_statistics(
    reports: Iterable[FileReport], rule_ids: list[str] | None = None
) -> list[RuleStats]:
    """Counts per rule; every active rule is listed, also those that never applied — a rule
    that checked nothing is worth knowing about."""
    tally = RuleTally(rule_ids)
    for r in reports:
        tally.add(r)
    return tally.result()


def summary_counts(reports: Iterable[Summarised], stale: int = 0) -> dict[str, int]:
    """The counts every machine-readable report carries (JSON summary, SARIF run): each
    finding is one defect (the relations it also broke are listed under it, not counted)."""
    rows = [summarize(r) for r in reports]
    counts = severity_counts(rows)
    return {
        "files": len(rows),
        "errors": counts.get("error", 0),
        "warnings": counts.get("warning", 0),
        "infos": counts.get("info", 0),
        "unreadable": sum(1 for r in rows if r.status == "error"),
        "nothing_checked": sum(1 for r in rows if nothing_checked(r)),
        "suppressed": suppressed_count(rows),
        "stale_suppressions": stale,
    }
