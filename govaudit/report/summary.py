"""Counts for the closing summary and the coverage line (display only, no checking)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from govaudit.model import FileReport, Finding


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


def coverage(report: FileReport) -> Coverage:
    c = Coverage()
    for o in report.outcomes:
        c.add(o.status)
    return c


def figures(report: FileReport) -> dict[str, Any] | None:
    """Money and percentage figures read, and those a rule compared with another figure:
    {total, checked, prose: {total, checked}, table: {total, checked}}; None for a file
    that could not be read."""
    f = report.figures
    if f is None or report.status != "ok":
        return None
    return {
        "total": f.total,
        "checked": f.checked,
        "prose": {"total": f.prose.total, "checked": f.prose.checked},
        "table": {"total": f.table.total, "checked": f.table.checked},
    }


def figures_line(report: FileReport, en: bool) -> str:
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


def nothing_checked(report: FileReport) -> bool:
    """Read, but not one relation could be verified (none found, or all unverifiable): such
    a file must never look like a pass."""
    if report.status == "error" or report.findings:
        return False
    c = coverage(report)
    return c.held + c.failed == 0


# a file's outcome, worst first: what the HTML index grades and sorts by, what JSON calls
# files[].verdict
VERDICTS = ("unreadable", "error", "warning", "nothing_checked", "info", "passed")


def verdict(report: FileReport) -> str:
    if report.status == "error":
        return "unreadable"
    counts = file_counts(report)
    for sev in ("error", "warning"):
        if counts.get(sev):
            return sev
    if nothing_checked(report):
        return "nothing_checked"
    return "info" if counts.get("info") else "passed"


def severity_counts(reports: list[FileReport]) -> Counter[str]:
    c: Counter[str] = Counter()
    for r in reports:
        for f in visible(r):
            c[f.severity] += 1
    return c


def suppressed_count(reports: list[FileReport]) -> int:
    return sum(1 for r in reports for f in r.findings if f.suppressed)


def file_counts(report: FileReport) -> Counter[str]:
    """Visible findings of one file by severity (suppressed ones are not counted)."""
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


def rule_statistics(
    reports: list[FileReport], rule_ids: list[str] | None = None
) -> list[RuleStats]:
    """Counts per rule; every active rule is listed, also those that never applied — a rule
    that checked nothing is worth knowing about."""
    stats: dict[str, RuleStats] = {rid: RuleStats(rule=rid) for rid in rule_ids or []}
    for r in reports:
        for o in r.outcomes:
            stats.setdefault(o.rule, RuleStats(rule=o.rule)).add(o.status)
        for f in r.findings:
            s = stats.setdefault(f.rule, RuleStats(rule=f.rule))
            if f.suppressed:
                s.suppressed += 1
            else:
                s.findings += 1
    return [stats[k] for k in sorted(stats)]


def summary_counts(reports: list[FileReport], stale: int = 0) -> dict[str, int]:
    """The counts every machine-readable report carries (JSON summary, SARIF run)."""
    counts = severity_counts(reports)
    return {
        "files": len(reports),
        "errors": counts.get("error", 0),
        "warnings": counts.get("warning", 0),
        "infos": counts.get("info", 0),
        "unreadable": sum(1 for r in reports if r.status == "error"),
        "nothing_checked": sum(1 for r in reports if nothing_checked(r)),
        "suppressed": suppressed_count(reports),
        "stale_suppressions": stale,
    }
