"""The JSON contract (DESIGN.md). Scripts parse this: keys are only ever added, never
renamed or removed."""

from __future__ import annotations

import json
from typing import Any

from govaudit import __version__
from govaudit.model import FileReport, Finding
from govaudit.report import Output, Run
from govaudit.report.summary import (
    RuleStats,
    coverage,
    figures,
    summary_counts,
    verdict,
)


def finding_dict(f: Finding, lang: str = "zh") -> dict[str, Any]:
    message = f.message_en if lang == "en" and f.message_en else f.message
    return {
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
    reports: list[FileReport],
    lang: str = "zh",
    *,
    stale: list[Any] | None = None,
    statistics: list[RuleStats] | None = None,
    skipped: list[Any] | None = None,
    pairs: list[Any] | None = None,
) -> dict[str, Any]:
    total_cov = {"checked": 0, "held": 0, "failed": 0, "unverified": 0}
    total_fig = {"total": 0, "checked": 0}
    files = []
    for r in reports:
        entry = file_dict(r, lang)
        for k in total_cov:
            total_cov[k] += entry["coverage"][k]
        for k in total_fig:
            total_fig[k] += (entry["coverage"]["figures"] or {}).get(k, 0)
        files.append(entry)
    stale = stale or []
    data: dict[str, Any] = {
        "version": __version__,
        "files": files,
        "summary": {**_summary(reports, total_cov, len(stale)), "figures": total_fig},
        "stale_suppressions": [stale_dict(e) for e in stale],
        "skipped": [skipped_dict(x) for x in skipped or []],
    }
    if statistics is not None:
        data["statistics"] = [s.as_dict() for s in statistics]
    data["pairs"] = [p.as_json() for p in pairs or []]
    return data


def _summary(reports: list[FileReport], relations: dict[str, int], stale: int) -> dict[str, Any]:
    """The contract's keys first and in their order, then the additions."""
    counts = summary_counts(reports, stale)
    return {
        **{k: counts[k] for k in ("files", "errors", "warnings", "infos", "unreadable")},
        "relations": relations,
        "suppressed": counts["suppressed"],
        "stale_suppressions": counts["stale_suppressions"],
        "nothing_checked": counts["nothing_checked"],
    }


def render(run: Run, out: Output) -> None:
    data = to_dict(
        run.reports,
        run.lang,
        stale=run.stale,
        statistics=run.statistics,
        skipped=run.skipped,
        pairs=run.pairs,
    )
    out.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
