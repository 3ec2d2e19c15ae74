"""Counts for the closing summary and the coverage line (display only, no checking)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from govaudit.model import FileReport, Finding


@dataclass
class Coverage:
    checked: int = 0
    held: int = 0
    failed: int = 0
    unverified: int = 0

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
        c.checked += 1
        if o.status == "held":
            c.held += 1
        elif o.status == "failed":
            c.failed += 1
        else:
            c.unverified += 1
    return c


def visible(report: FileReport) -> list[Finding]:
    return [f for f in report.findings if not f.suppressed]


def severity_counts(reports: list[FileReport]) -> Counter[str]:
    c: Counter[str] = Counter()
    for r in reports:
        for f in visible(r):
            c[f.severity] += 1
    return c
