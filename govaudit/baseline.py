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
from govaudit.model import FileReport

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


def apply(reports: list[FileReport], entries: list[Suppression], active_rules: set[str]) -> Applied:
    """Mark matching findings suppressed (with the reason). An entry is stale when its file
    was checked in this run, its rule was active, and no finding matches it any more."""
    index: dict[tuple[str, str, str], Suppression] = {}
    for e in entries:
        index.setdefault(e.key, e)
    used: set[tuple[str, str, str]] = set()
    result = Applied()
    checked_names = set()
    for r in reports:
        if r.status != "ok":
            continue
        name = Path(r.path).name
        checked_names.add(name)
        for f in r.findings:
            key = (f.rule, name, f.fingerprint)
            e = index.get(key)
            if e is None:
                continue
            f.suppressed = True
            f.suppression_reason = e.reason
            used.add(key)
            result.suppressed += 1
    for key, e in index.items():
        if key in used or e.file not in checked_names or e.rule not in active_rules:
            continue
        result.stale.append(e)
    return result


@dataclass
class Written:
    path: Path
    total: int
    added: int
    kept: int
    dropped: int


class ReasonRequired(ConfigError):
    """--write-baseline found new findings but no --reason to give them."""


def write(
    path: Path,
    reports: list[FileReport],
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
    checked = {Path(r.path).name for r in reports if r.status == "ok"}
    rows: list[dict[str, Any]] = []
    seen: set[tuple[str, str, str]] = set()
    added = kept = 0
    new_without_reason = 0
    for r in reports:
        if r.status != "ok":
            continue
        name = Path(r.path).name
        for f in r.findings:
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
            rows.append(
                {
                    "rule": f.rule,
                    "file": name,
                    "fingerprint": f.fingerprint,
                    "reason": why,
                    "line": f.loc.line if f.loc.line is not None else f.loc.page,
                    "message": f.message,
                }
            )
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
