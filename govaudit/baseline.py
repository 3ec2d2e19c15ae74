"""Suppressions with reasons: accepted findings that are no longer reported.

A PDF or .docx cannot carry a "noqa" comment, so an accepted finding is named from outside:
by rule, file name and the finding's fingerprint (stable when lines move: it is computed from
the rule, the file name, the sentence and the figures, never from the line number). Entries
live in ``govaudit-baseline.json`` (found from the current folder upward, or ``--baseline``)
or in ``[[tool.govaudit.suppress]]`` tables of the configuration. Every entry must give a
reason. A suppressed finding is left out of the text report, kept (``"suppressed": true``)
in JSON and SARIF; an entry that no longer matches any finding is reported as stale.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from govaudit import __version__
from govaudit.config import (
    ConfigError,
    Settings,
    Suppression,
    find_upward,
    suppressions_from,
)
from govaudit.model import FileReport, Finding

BASELINE_NAME = "govaudit-baseline.json"
FORMAT_VERSION = 1
TOP_KEYS = ("comment", "version", "tool", "suppressions")


def locate(settings: Settings, cwd: Path | None = None) -> Path | None:
    """--baseline or the config's `baseline`, else the nearest govaudit-baseline.json."""
    if settings.baseline is not None:
        return settings.baseline
    return find_upward(BASELINE_NAME, cwd)


def load(path: Path) -> list[Suppression]:
    """Read and validate a baseline file; a missing reason is an error naming the entry."""
    f = str(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ConfigError("基线文件不存在", "baseline file does not exist", file=f) from exc
    except UnicodeDecodeError as exc:
        raise ConfigError("基线文件不是 UTF-8 编码", "baseline is not UTF-8", file=f) from exc
    except json.JSONDecodeError as exc:
        raise ConfigError(
            f"JSON 语法错误（第{exc.lineno}行第{exc.colno}列）：{exc.msg}",
            f"JSON syntax error (line {exc.lineno}, column {exc.colno}): {exc.msg}",
            file=f,
        ) from exc
    except OSError as exc:
        raise ConfigError(
            f"无法读取：{exc.strerror or exc}", f"cannot read: {exc.strerror or exc}", file=f
        ) from exc
    if not isinstance(data, dict) or not isinstance(data.get("suppressions"), list):
        raise ConfigError(
            '基线文件应为 {"version": 1, "suppressions": [...]}',
            'a baseline is {"version": 1, "suppressions": [...]}',
            file=f,
            key="suppressions",
        )
    for k in data:
        if k not in TOP_KEYS:
            raise ConfigError(
                f"不认识的键（可用：{', '.join(TOP_KEYS)}）",
                f"unknown key (valid: {', '.join(TOP_KEYS)})",
                file=f,
                key=k,
            )
    if data.get("version", FORMAT_VERSION) != FORMAT_VERSION:
        raise ConfigError(
            f"不支持的基线版本 {data.get('version')!r}（本版本读写 {FORMAT_VERSION}）",
            f"unsupported baseline version {data.get('version')!r} (this release reads {FORMAT_VERSION})",
            file=f,
            key="version",
        )
    return suppressions_from(data["suppressions"], f, "suppressions")


def gather(
    settings: Settings, cwd: Path | None = None, *, allow_missing: bool = False
) -> tuple[list[Suppression], Path | None]:
    """Config entries first (hand-written), then the baseline file's; and the baseline path.
    A baseline named by --baseline or the config must exist, unless it is about to be
    written (`allow_missing`)."""
    path = locate(settings, cwd)
    entries = list(settings.suppress)
    if path is not None and (
        path.is_file() or (settings.baseline is not None and not allow_missing)
    ):
        entries.extend(load(path))
    return entries, path


@dataclass
class Applied:
    suppressed: int = 0
    stale: list[Suppression] = field(default_factory=list)


Index = dict[tuple[str, str, str], Suppression]


def index_of(entries: list[Suppression]) -> Index:
    """Entries by (rule, file name, fingerprint); the first of equal keys wins."""
    index: Index = {}
    for e in entries:
        index.setdefault(e.key, e)
    return index


def mark(report: FileReport, index: Index) -> set[tuple[str, str, str]]:
    """Mark the report's matching findings suppressed (with the reason); the keys that
    matched. A finding that folds others (`also`) is suppressed by its own entry; an entry
    for one of the folded findings still counts as matched (it is not stale: the defect it
    accepted is still reported, under another rule)."""
    used: set[tuple[str, str, str]] = set()
    if report.status != "ok" or not index:
        return used
    name = Path(report.path).name
    for f in report.findings:
        key = (f.rule, name, f.fingerprint)
        e = index.get(key)
        if e is not None:
            f.suppressed = True
            f.suppression_reason = e.reason
            used.add(key)
        for x in f.also:
            k = (x.rule, name, x.fingerprint)
            if k in index:
                used.add(k)
    return used


def stale(
    index: Index, used: set[tuple[str, str, str]], checked: set[str], active_rules: set[str]
) -> list[Suppression]:
    """Entries whose file was checked in this run, whose rule was active, and which no
    finding matched."""
    return [
        e
        for key, e in index.items()
        if key not in used and e.file in checked and e.rule in active_rules
    ]


def apply(reports: list[FileReport], entries: list[Suppression], active_rules: set[str]) -> Applied:
    """Mark matching findings suppressed (with the reason). An entry is stale when its file
    was checked in this run, its rule was active, and no finding matches it any more."""
    index = index_of(entries)
    used: set[tuple[str, str, str]] = set()
    checked: set[str] = set()
    result = Applied()
    for r in reports:
        if r.status != "ok":
            continue
        checked.add(Path(r.path).name)
        used |= mark(r, index)
    result.suppressed = sum(1 for r in reports for f in r.findings if f.suppressed)
    result.stale = stale(index, used, checked, active_rules)
    return result


@dataclass
class Written:
    path: Path
    total: int
    added: int
    kept: int
    dropped: int


def _row(rule: str, name: str, fingerprint: str, reason: str, f: Finding) -> dict[str, Any]:
    return {
        "rule": rule,
        "file": name,
        "fingerprint": fingerprint,
        "reason": reason,
        "line": f.loc.line if f.loc.line is not None else f.loc.page,
        "message": f.message,
    }


class ReasonRequired(ConfigError):
    """--write-baseline found new findings but no --reason to give them."""


def write(
    path: Path,
    reports: Iterable[FileReport],
    reason: str | None,
    config_entries: list[Suppression],
) -> Written:
    """Write a baseline accepting every current finding. Entries already in the file keep
    their (hand-edited) reasons; findings accepted in the config are not repeated; entries
    for files not checked in this run are kept; new entries take `reason`, which is then
    required. Entries of checked files that no longer match are dropped."""
    old: list[Suppression] = load(path) if path.is_file() else []
    old_by_key = {e.key: e for e in old}
    in_config = {e.key for e in config_entries}
    checked: set[str] = set()
    rows: list[dict[str, Any]] = []
    seen: set[tuple[str, str, str]] = set()
    added = kept = 0
    new_without_reason = 0
    for r in reports:
        if r.status != "ok":
            continue
        name = Path(r.path).name
        checked.add(name)
        for f in r.findings:
            for x in f.also:  # an entry for a finding now folded under another is kept
                k = (x.rule, name, x.fingerprint)
                prev = old_by_key.get(k)
                if prev is not None and k not in seen and k not in in_config:
                    seen.add(k)
                    kept += 1
                    rows.append(_row(x.rule, name, x.fingerprint, prev.reason, x))
            key = (f.rule, name, f.fingerprint)
            if key in seen or key in in_config:
                continue
            seen.add(key)
            prev = old_by_key.get(key)
            if prev is not None:
                why = prev.reason
                kept += 1
            elif reason and reason.strip():
                why = reason.strip()
                added += 1
            else:
                new_without_reason += 1
                continue
            rows.append(_row(f.rule, name, f.fingerprint, why, f))
    if new_without_reason:
        raise ReasonRequired(
            f"有 {new_without_reason} 项新的发现要写入基线，每项都必须写明原因："
            '请加上 --reason "接受的原因"（写入后可在文件中逐项修改）',
            f"{new_without_reason} new finding(s) would be accepted and each needs a reason: "
            'add --reason "why they are accepted" (you can edit each entry afterwards)',
            file=str(path),
            key="--reason",
        )
    others = [e for e in old if e.file not in checked and e.key not in seen]
    for e in others:
        rows.append(
            {
                "rule": e.rule,
                "file": e.file,
                "fingerprint": e.fingerprint,
                "reason": e.reason,
                "line": e.line,
                "message": e.message,
            }
        )
    rows.sort(key=lambda d: (d["file"], d["line"] or 0, d["rule"], d["fingerprint"]))
    dropped = sum(1 for e in old if e.file in checked and e.key not in seen)
    data = {
        "comment": (
            "govaudit 基线：这里列出的发现已被接受，不再报告；每项都必须写明原因（reason）。"
            "line 与 message 只供查阅，匹配只看 rule、file 与 fingerprint。 / "
            "Accepted findings, no longer reported; each needs a reason. line and message are "
            "for reading only; entries match on rule, file and fingerprint."
        ),
        "version": FORMAT_VERSION,
        "tool": f"govaudit {__version__}",
        "suppressions": rows,
    }
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return Written(path, len(rows), added, kept + len(others), dropped)
