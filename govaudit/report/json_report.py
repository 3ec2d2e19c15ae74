"""The JSON contract (DESIGN.md). Scripts parse this: keys are only ever added, never
renamed or removed.

Written as the files come: the `files` array one file object at a time, the summary after
it (its counts gathered on the way), so that a batch of thousands of documents never holds
more than one file's findings.

`also` (an addition): the other relations the finding's figure breaks, each a finding
object of its own (without `also`); one defect is one finding, and the summary counts
findings, not the relations under them."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from govaudit import __version__
from govaudit.model import FileReport, Finding
from govaudit.report import Output, Run
from govaudit.report.summary import (
    Coverage,
    FileSummary,
    RuleStats,
    coverage,
    figures,
    summary_counts,
    verdict,
)


def finding_dict(f: Finding, lang: str = "zh", *, nested: bool = False) -> dict[str, Any]:
    message = f.message_en if lang == "en" and f.message_en else f.message
    entry = {
        "rule": f.rule,
        "severity": f.severity,
        "message": message,
        "line": f.loc.line,
        "page": f.loc.page,
        "expected": f.expected,
        "actual": f.actual,
        "excerpt": f.excerpt,
        # additions to the contract
        "title": f.title_en if lang == "en" and f.title_en else f.title,
        "location": f.loc.describe_en() if lang == "en" else f.loc.describe(),
        # addition: a figure printed in 元 (or 亿元) as printed, the 万元 beside it; null
        # where expected / actual already show it as printed
        "expected_shown": f.expected_shown,
        "actual_shown": f.actual_shown,
        "fingerprint": f.fingerprint,
        "suppressed": f.suppressed,
        **({"suppression_reason": f.suppression_reason} if f.suppressed else {}),
        # where in a .docx / .xlsx / PDF table (null elsewhere)
        "paragraph": f.loc.paragraph,
        "table": f.loc.table,
        "row": f.loc.row,
        "col": f.loc.col,
        "sheet": f.loc.sheet,
        # addition: the other places the finding names (another file's: its path)
        "related": [
            {
                "path": path or None,
                "line": rl.line,
                "page": rl.page,
                "location": rl.describe_en() if lang == "en" else rl.describe(),
            }
            for rl, path in zip(f.related, _paths(f), strict=True)
        ],
    }
    if not nested:
        # addition: the relations the same defect also breaks (see the module's note)
        entry["also"] = [finding_dict(x, lang, nested=True) for x in f.also]
    return entry


def _paths(f: Finding) -> tuple[str, ...]:
    """Each related place's file ("" for the finding's own)."""
    return f.related_paths or ("",) * len(f.related)


def stale_dict(e: Any) -> dict[str, Any]:
    """A suppression (config.Suppression) that matched no finding in this run."""
    return {
        "rule": e.rule,
        "file": e.file,
        "fingerprint": e.fingerprint,
        "reason": e.reason,
        "source": e.source,
    }


def file_dict(r: FileReport, lang: str = "zh", *, findings: bool = True) -> dict[str, Any]:
    """One file's entry: the JSON contract's `files[]`, and (without the findings) the row
    of the HTML report's file index. Per-file facts are added here, once, for both."""
    error = r.error_en if lang == "en" and r.error_en else r.error
    entry: dict[str, Any] = {"path": r.path, "status": r.status, "error": error}
    if findings:
        entry["findings"] = [finding_dict(f, lang) for f in r.findings]
    entry["coverage"] = coverage(r).as_dict()
    # addition: money and percentage figures read / compared with another figure
    entry["coverage"]["figures"] = figures(r)
    entry["verdict"] = verdict(r)  # addition: unreadable|error|warning|nothing_checked|info|passed
    entry["document"] = r.info.as_json() if r.info is not None else None  # addition
    return entry


def skipped_dict(x: Any) -> dict[str, Any]:
    """A file a folder scan found and does not check (check.Skipped)."""
    return {"path": x.path, "reason": x.reason}


def to_dict(
    reports: Iterable[FileReport],
    lang: str = "zh",
    *,
    stale: list[Any] | None = None,
    statistics: list[RuleStats] | None = None,
    skipped: list[Any] | None = None,
    pairs: list[Any] | None = None,
) -> dict[str, Any]:
    """The whole report as one dict (for scripts and tests; `render` streams it)."""
    totals = _Totals()
    files = [totals.add(file_dict(r, lang)) for r in reports]
    data: dict[str, Any] = {"version": __version__, "files": files}
    data.update(_tail(totals, lang, stale, statistics, skipped, pairs))
    return data


class _Totals:
    """The summary's counts, gathered from the file entries as they are written."""

    def __init__(self) -> None:
        self.cov = {"checked": 0, "held": 0, "failed": 0, "unverified": 0}
        self.fig = {"total": 0, "checked": 0}
        self.summaries: list[FileSummary] = []

    def add(self, entry: dict[str, Any], summary: FileSummary | None = None) -> dict[str, Any]:
        for k in self.cov:
            self.cov[k] += entry["coverage"][k]
        for k in self.fig:
            self.fig[k] += (entry["coverage"]["figures"] or {}).get(k, 0)
        self.summaries.append(summary or _summary_of(entry))
        return entry


def _summary_of(entry: dict[str, Any]) -> FileSummary:
    counts: dict[str, int] = {}
    live = [x for x in entry.get("findings") or [] if not x["suppressed"]]
    for x in live:
        counts[x["severity"]] = counts.get(x["severity"], 0) + 1
    cov = entry["coverage"]
    return FileSummary(
        path=entry["path"],
        status=entry["status"],
        counts=counts,
        findings=len(entry.get("findings") or []),
        suppressed=len(entry.get("findings") or []) - len(live),
        coverage=Coverage(cov["checked"], cov["held"], cov["failed"], cov["unverified"]),
    )


def _tail(
    totals: _Totals,
    lang: str,
    stale: list[Any] | None,
    statistics: list[RuleStats] | None,
    skipped: list[Any] | None,
    pairs: list[Any] | None,
) -> dict[str, Any]:
    stale = stale or []
    data: dict[str, Any] = {
        "summary": {**_summary(totals.summaries, totals.cov, len(stale)), "figures": totals.fig},
        "stale_suppressions": [stale_dict(e) for e in stale],
        "skipped": [skipped_dict(x) for x in skipped or []],
    }
    if statistics is not None:
        data["statistics"] = [s.as_dict() for s in statistics]
    data["pairs"] = [p.as_json() for p in pairs or []]
    return data


def _summary(reports: list[FileSummary], relations: dict[str, int], stale: int) -> dict[str, Any]:
    """The contract's keys first and in their order, then the additions."""
    counts = summary_counts(reports, stale)
    return {
        **{k: counts[k] for k in ("files", "errors", "warnings", "infos", "unreadable")},
        "relations": relations,
        "suppressed": counts["suppressed"],
        "stale_suppressions": counts["stale_suppressions"],
        "nothing_checked": counts["nothing_checked"],
    }


def _dumps(value: Any, depth: int) -> str:
    """`value` as json.dumps(indent=2) would write it `depth` levels down."""
    text = json.dumps(value, ensure_ascii=False, indent=2)
    return text.replace("\n", "\n" + "  " * depth)


def render(run: Run, out: Output) -> None:
    """The report, written a file object at a time: the same text as
    ``json.dumps(to_dict(...), indent=2)``."""
    totals = _Totals()
    out.write('{\n  "version": ' + json.dumps(__version__) + ',\n  "files": [')
    first = True
    for r, summary in zip(run.reports, run.summaries, strict=True):
        entry = totals.add(file_dict(r, run.lang), summary)
        out.write(("\n    " if first else ",\n    ") + _dumps(entry, 2))
        first = False
    out.write("\n  ]" if not first else "]")
    tail = _tail(totals, run.lang, run.stale, run.statistics, run.skipped, run.pairs)
    for key, value in tail.items():
        out.write(",\n  " + json.dumps(key, ensure_ascii=False) + ": " + _dumps(value, 1))
    out.write("\n}\n")
