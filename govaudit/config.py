"""Configuration: ``[tool.govaudit]`` in pyproject.toml or a ``govaudit.toml``, found from
the checked files' folders upward (as ruff finds it; from the current folder when none lies
above them), merged with command-line flags.

Precedence, lowest first: built-in defaults, the configuration file, the command line.
Every effective value remembers where it came from, so ``govaudit config`` can say why a
rule is off or why the exit code is 1. A bad configuration is a `ConfigError` naming the
file and the key; the CLI turns it into exit code 2.
"""

from __future__ import annotations

import fnmatch
import re
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from govaudit.errors import GovauditError
from govaudit.model import SEVERITIES, DocumentInfo

FAIL_ON = ("error", "warning", "info", "never")
LANGS = ("zh", "en")
PROFILE_PATTERN = re.compile(r"^\s*\d+(\.\d+)?\s*[+＋]\s*\d+(\.\d+)?\s*$")
RULE_PATTERN = re.compile(r"^[A-Za-z][A-Za-z0-9]*(-[A-Za-z0-9]*)*\*?$")

# key → what it holds, (Chinese, English), for error messages and `govaudit config`
KEYS: dict[str, tuple[str, str]] = {
    "select": ("只用这些规则（编号或前缀）", "rule ids or prefixes to use"),
    "ignore": ("不用这些规则（编号或前缀）", "rule ids or prefixes to skip"),
    "fail-on": ("何种级别使退出码为 1", "lowest severity that fails the run"),
    "rules": ("额外的规则目录（相对于配置文件）", "extra rule folders (relative to the file)"),
    "severity": ("按规则改级别", "severity per rule id or prefix"),
    "perf-profile": ("绩效自评表评分方案，如 10+90", "scoring profile of 绩效自评表, like 10+90"),
    "baseline": ("基线文件（相对于配置文件）", "baseline file (relative to the file)"),
    "lang": ("消息语言 zh|en", "message language zh|en"),
    "jobs": ("并行进程数", "parallel processes"),
    "timeout": ("每个文件的检查时限（秒，0 为不限）", "time limit per file in seconds (0: none)"),
    "suppress": ("带原因的忽略项", "suppressions with reasons"),
    "documents": (
        "按文件名指定文件种类、编制单位、年度（[[tool.govaudit.documents]]）",
        "what files are, by file pattern: kind, issuer, year ([[tool.govaudit.documents]])",
    ),
    "pairs": (
        "指定要互相核对的文件（[[tool.govaudit.pairs]]，发布单位名称写法不同时）",
        "files to check against each other ([[tool.govaudit.pairs]], when names differ)",
    ),
}
# what a [[tool.govaudit.documents]] entry may say a document is (extract/identity.py reads
# the same from the document's first pages; the configuration wins)
DOCUMENT_KINDS = ("部门预算", "单位预算", "部门决算", "单位决算", "绩效自评报告")
DOCUMENT_KEYS = ("pattern", "kind", "issuer", "year")
PAIR_KEYS = ("first", "other")


class ConfigError(GovauditError):
    """A configuration or baseline file is malformed: names the file and the key."""

    def __init__(self, zh: str, en: str, *, file: str | None = None, key: str | None = None):
        option = bool(key and key.startswith("--"))
        key_zh = (f"选项 {key}" if option else f"键 {key}") if key else None
        key_en = (f"option {key}" if option else f"key {key}") if key else None
        where_zh = "，".join(x for x in (file, key_zh) if x)
        where_en = ", ".join(x for x in (file, key_en) if x)
        super().__init__(
            f"配置错误（{where_zh}）：{zh}" if where_zh else f"配置错误：{zh}",
            f"configuration error ({where_en}): {en}" if where_en else f"configuration error: {en}",
        )
        self.file = file
        self.key = key


@dataclass(frozen=True)
class Suppression:
    """One accepted finding: rule, file name and fingerprint, with the reason it is accepted."""

    rule: str
    file: str
    fingerprint: str
    reason: str
    source: str = ""  # the file the entry was read from
    line: int | None = None  # informational: where the finding was when it was accepted
    message: str = ""  # informational

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.rule, self.file, self.fingerprint)


@dataclass(frozen=True)
class DocumentOverride:
    """ "Files matching `pattern` are …": a kind, issuer or year that overrides what the
    document's own first pages say. A pattern without "/" is matched against the file name
    ("*单位预算*"), one with "/" against the path below the configuration file's folder
    ("budget/2025/*.pdf")."""

    pattern: str
    info: DocumentInfo
    base: str = ""  # the configuration file's folder

    def matches(self, path: str) -> bool:
        return pattern_matches(self.pattern, self.base, path)


def pattern_matches(pattern: str, base: str, path: str) -> bool:
    """A configuration file pattern: without "/" against the file name, with "/" against the
    path below the configuration file's folder `base`."""
    p = Path(path)
    if "/" not in pattern:
        return fnmatch.fnmatchcase(p.name, pattern)
    full = p.resolve()
    try:
        rel = full.relative_to(base).as_posix() if base else full.as_posix()
    except ValueError:
        rel = full.as_posix()
    return fnmatch.fnmatchcase(rel, pattern)


@dataclass(frozen=True)
class PairOverride:
    """ "Compare the files matching `first` with those matching `other`": for documents of
    one issuer whose names are written differently (a renamed bureau, a unit's own name),
    which the batch would not pair by itself. Patterns as in [[tool.govaudit.documents]]."""

    first: str
    other: str
    base: str = ""
    where: str = ""  # "pairs[0]": for the message when it matches nothing

    def resolve(self, paths: Sequence[str]) -> list[tuple[str, str]]:
        firsts = [p for p in paths if pattern_matches(self.first, self.base, p)]
        others = [p for p in paths if pattern_matches(self.other, self.base, p)]
        return [(a, b) for a in firsts for b in others if a != b]


def document_for(path: str, overrides: Sequence[DocumentOverride]) -> DocumentInfo | None:
    """What the configuration says `path` is: the first entry whose pattern matches."""
    return next((o.info for o in overrides if o.matches(path)), None)


@dataclass
class Settings:
    """The effective configuration of one run."""

    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    fail_on: str = "error"
    rule_dirs: list[Path] = field(default_factory=list)
    severity: dict[str, str] = field(default_factory=dict)
    perf_profile: str | None = None
    baseline: Path | None = None
    lang: str = "zh"
    jobs: int = 1
    timeout: float = 300.0
    suppress: list[Suppression] = field(default_factory=list)
    documents: list[DocumentOverride] = field(default_factory=list)
    pairs: list[PairOverride] = field(default_factory=list)
    config_file: Path | None = None
    sources: dict[str, str] = field(
        default_factory=dict
    )  # key → "default" | "file" | "cli" | "file+cli"

    def source_of(self, key: str) -> str:
        return self.sources.get(key, "default")

    def describe_source(self, key: str, lang: str = "zh", *, short: bool = False) -> str:
        src = self.source_of(key)
        cf = self.config_file
        where = (cf.name if short else str(cf)) if cf else ""
        table = "[tool.govaudit]" if cf and cf.name == "pyproject.toml" else ""
        file_desc = f"{where} {table}".strip()
        if lang == "en":
            return {
                "default": "default",
                "file": file_desc,
                "cli": "command line",
                "file+cli": f"{file_desc} + command line",
            }[src]
        return {
            "default": "默认",
            "file": file_desc,
            "cli": "命令行",
            "file+cli": f"{file_desc} + 命令行",
        }[src]


# --------------------------------------------------------------------------- finding the file


def find_config(start: Path | None = None) -> Path | None:
    """The nearest govaudit.toml, or pyproject.toml with a [tool.govaudit] table, from `start`
    upward. A pyproject.toml without the table is passed over, as ruff does."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        own = folder / "govaudit.toml"
        if own.is_file():
            return own
        py = folder / "pyproject.toml"
        if py.is_file() and _has_tool_table(py):
            return py
    return None


def _has_tool_table(path: Path) -> bool:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    if "govaudit" not in text:
        return False
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        # a broken pyproject.toml that mentions [tool.govaudit]: let loading report it
        return "[tool.govaudit" in text
    return isinstance(data.get("tool"), dict) and "govaudit" in data["tool"]


def find_config_for(files: Iterable[str], cwd: Path | None = None) -> Path | None:
    """The configuration that governs the checked files: the nearest one above each file's
    folder, as ruff finds it; a file with none above it takes the one found from the current
    folder. One run has one configuration: files under different ones are a ConfigError
    (name one with --config, or check the folders one at a time)."""
    fallback: list[Path | None] = []
    by_folder: dict[Path, Path | None] = {}
    first_file: dict[Path | None, str] = {}
    for f in files:
        p = Path(f)
        if not p.exists():
            continue  # reported as unreadable; it has no folder to speak for
        folder = p.resolve().parent
        if folder not in by_folder:
            found = find_config(folder)
            if found is None:
                if not fallback:
                    fallback.append(find_config(cwd))
                found = fallback[0]
            by_folder[folder] = found
        first_file.setdefault(by_folder[folder], f)
    if not first_file:
        return find_config(cwd)
    if len(first_file) == 1:
        return next(iter(first_file))
    lines = [f"{f} → {c if c else '（无）'}" for c, f in first_file.items()]
    lines_en = [f"{f} → {c if c else '(none)'}" for c, f in first_file.items()]
    raise ConfigError(
        "要检查的文件属于不同的配置文件："
        + "；".join(lines)
        + "。请用 --config 指定一个，或分别检查各个文件夹。",
        "the files to check fall under different configuration files: "
        + "; ".join(lines_en)
        + ". Name one with --config, or check the folders one at a time.",
    )


def files_folder(files: Iterable[str]) -> Path | None:
    """The deepest folder holding every existing checked file (None when there is none)."""
    import os

    folders = {str(Path(f).resolve().parent) for f in files if Path(f).exists()}
    if not folders:
        return None
    try:
        return Path(os.path.commonpath(sorted(folders)))
    except ValueError:  # different drives
        return None


def find_upward(name: str, start: Path | None = None) -> Path | None:
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        cand = folder / name
        if cand.is_file():
            return cand
    return None


# --------------------------------------------------------------------------- reading it


def read_config_table(path: Path) -> dict[str, Any]:
    """The govaudit table of a config file: the whole govaudit.toml, or [tool.govaudit]."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ConfigError("文件不是 UTF-8 编码", "the file is not UTF-8", file=str(path)) from exc
    except OSError as exc:
        raise ConfigError(
            f"无法读取：{exc.strerror or exc}",
            f"cannot read: {exc.strerror or exc}",
            file=str(path),
        ) from exc
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(
            f"TOML 语法错误：{exc}", f"TOML syntax error: {exc}", file=str(path)
        ) from exc
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("govaudit", {})
        if not isinstance(table, dict):
            raise ConfigError(
                "[tool.govaudit] 应为表", "[tool.govaudit] must be a table", file=str(path)
            )
        return table
    if "tool" in data and isinstance(data["tool"], dict) and "govaudit" in data["tool"]:
        return data["tool"]["govaudit"]
    return data


def load_file_settings(path: Path) -> Settings:
    """Validate a config file's table into Settings (sources marked "file")."""
    table = read_config_table(path)
    s = Settings(config_file=path.resolve())
    base = path.resolve().parent
    f = str(path)

    def err(zh: str, en: str, key: str) -> ConfigError:
        return ConfigError(zh, en, file=f, key=key)

    for raw_key, value in table.items():
        key = raw_key.replace("_", "-")
        if key not in KEYS:
            raise err(
                f"不认识的键（可用：{', '.join(KEYS)}）",
                f"unknown key (valid keys: {', '.join(KEYS)})",
                raw_key,
            )
        if key in ("select", "ignore"):
            setattr(s, key, _rule_list(value, err, raw_key))
        elif key == "fail-on":
            s.fail_on = _choice(value, FAIL_ON, err, raw_key)
        elif key == "lang":
            s.lang = _choice(value, LANGS, err, raw_key)
        elif key == "rules":
            dirs = [value] if isinstance(value, str) else value
            if not isinstance(dirs, list) or not all(isinstance(d, str) for d in dirs):
                raise err('应为目录列表，如 ["my-rules"]', "must be a list of folders", raw_key)
            s.rule_dirs = []
            for d in dirs:
                p = (base / d).resolve()
                if not p.exists():
                    raise err(f"规则目录不存在：{p}", f"rules folder does not exist: {p}", raw_key)
                s.rule_dirs.append(p)
        elif key == "severity":
            s.severity = _severity_table(value, err, raw_key)
        elif key == "perf-profile":
            s.perf_profile = check_profile(value, err, raw_key)
        elif key == "baseline":
            if not isinstance(value, str) or not value.strip():
                raise err("应为文件路径", "must be a file path", raw_key)
            s.baseline = (base / value).resolve()
        elif key == "jobs":
            if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 64:
                raise err("应为 1 到 64 的整数", "must be an integer from 1 to 64", raw_key)
            s.jobs = value
        elif key == "timeout":
            if not isinstance(value, int | float) or isinstance(value, bool) or value < 0:
                raise err(
                    "应为不小于 0 的秒数（0 为不限）", "must be seconds ≥ 0 (0: no limit)", raw_key
                )
            s.timeout = float(value)
        elif key == "suppress":
            s.suppress = suppressions_from(value, f, raw_key)
        elif key == "documents":
            s.documents = documents_from(value, f, raw_key, base)
        elif key == "pairs":
            s.pairs = pairs_from(value, f, raw_key, base)
        s.sources[key] = "file"
    return s


def _rule_list(value: Any, err: Any, key: str) -> list[str]:
    items = value.split(",") if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(x, str) for x in items):
        raise err(
            '应为规则编号或前缀的列表，如 ["GA-SUM", "GA-SHR-001"]',
            'must be a list of rule ids or prefixes, like ["GA-SUM", "GA-SHR-001"]',
            key,
        )
    out = [x.strip() for x in items if x.strip()]
    for x in out:
        if not RULE_PATTERN.match(x):
            raise err(f"「{x}」不像规则编号或前缀", f"{x!r} is not a rule id or prefix", key)
    return out


def _choice(value: Any, choices: tuple[str, ...], err: Any, key: str) -> str:
    if not isinstance(value, str) or value not in choices:
        raise err(
            f"应为 {' / '.join(choices)} 之一，而不是 {value!r}",
            f"must be one of {', '.join(choices)}, not {value!r}",
            key,
        )
    return value


def _severity_table(value: Any, err: Any, key: str) -> dict[str, str]:
    if not isinstance(value, dict):
        raise err(
            '应为表：[tool.govaudit.severity] 下写 "GA-SHR-001" = "info"',
            'must be a table of "RULE-ID" = "error|warning|info"',
            key,
        )
    out: dict[str, str] = {}
    for rid, level in value.items():
        if not RULE_PATTERN.match(rid):
            raise err(
                f"「{rid}」不像规则编号或前缀",
                f"{rid!r} is not a rule id or prefix",
                f"{key}.{rid}",
            )
        out[rid] = _choice(level, SEVERITIES, err, f"{key}.{rid}")
    return out


def check_profile(value: Any, err: Any, key: str) -> str | None:
    """A scoring profile "10+90" (预算执行分值 + 绩效指标分值), or "table" (read each table's)."""
    if value in ("table", ""):
        return None
    if not isinstance(value, str) or not PROFILE_PATTERN.match(value):
        raise err(
            f'评分方案应写作「预算执行分值+绩效指标分值」，如 "10+90"，而不是 {value!r}',
            f'a scoring profile looks like "10+90" (budget points + indicator points), not {value!r}',
            key,
        )
    return value.replace("＋", "+").replace(" ", "")


def _entries(
    value: Any, file: str, key: str, fields: tuple[str, ...], what: tuple[str, str, str]
) -> list[tuple[str, dict[str, Any]]]:
    """A list of tables ([[tool.govaudit.suppress]], [[tool.govaudit.documents]]) with only
    the known fields: (where, entry) for each. `what`: (the list in Chinese, in English, an
    entry in Chinese) for the messages."""
    if not isinstance(value, list):
        raise ConfigError(f"应为{what[0]}", f"must be {what[1]}", file=file, key=key)
    out: list[tuple[str, dict[str, Any]]] = []
    for i, entry in enumerate(value):
        where = f"{key}[{i}]"
        if not isinstance(entry, dict):
            raise ConfigError(
                f"每个{what[2]}应为表", "each entry must be a table", file=file, key=where
            )
        for k in entry:
            if k not in fields:
                raise ConfigError(
                    f"不认识的字段（可用：{', '.join(fields)}）",
                    f"unknown field (valid: {', '.join(fields)})",
                    file=file,
                    key=f"{where}.{k}",
                )
        out.append((where, entry))
    return out


def _pattern(entry: dict[str, Any], name: str, file: str, where: str, example: str) -> str:
    """A file pattern of a configuration entry, with "/" as the separator."""
    v = entry.get(name)
    if not isinstance(v, str) or not v.strip():
        raise ConfigError(
            f'缺少文件名模式 {name}，如 "{example}"',
            f'missing {name}, a file pattern like "{example}"',
            file=file,
            key=f"{where}.{name}",
        )
    return v.strip().replace("\\", "/")


def documents_from(value: Any, file: str, key: str, base: Path) -> list[DocumentOverride]:
    """Validate [[tool.govaudit.documents]]: each a pattern and what such files are."""
    what = (
        '表的列表：[[tool.govaudit.documents]] 下写 pattern = "*单位预算*"、kind = "单位预算"',
        'a list of tables: [[tool.govaudit.documents]] with pattern = "…" and kind = "…"',
        "文件说明",
    )
    out: list[DocumentOverride] = []
    for where, entry in _entries(value, file, key, DOCUMENT_KEYS, what):
        pattern = _pattern(entry, "pattern", file, where, "*单位预算*.pdf")
        kind = entry.get("kind", "")
        if kind != "" and kind not in DOCUMENT_KINDS:
            raise ConfigError(
                f"kind 应为 {' / '.join(DOCUMENT_KINDS)} 之一，而不是 {kind!r}",
                f"kind must be one of {', '.join(DOCUMENT_KINDS)}, not {kind!r}",
                file=file,
                key=f"{where}.kind",
            )
        issuer = entry.get("issuer", "")
        if not isinstance(issuer, str):
            raise ConfigError(
                "issuer 应为单位名称", "issuer must be a name", file=file, key=f"{where}.issuer"
            )
        year = entry.get("year")
        if year is not None and (
            not isinstance(year, int) or isinstance(year, bool) or not 1990 <= year <= 2100
        ):
            raise ConfigError(
                f"year 应为年份（如 2025），而不是 {year!r}",
                f"year must be a year like 2025, not {year!r}",
                file=file,
                key=f"{where}.year",
            )
        if not kind and not issuer.strip() and year is None:
            raise ConfigError(
                "至少写明 kind、issuer、year 之一",
                "say at least one of kind, issuer, year",
                file=file,
                key=where,
            )
        info = DocumentInfo(kind=kind, issuer=issuer.strip(), year=year)
        out.append(DocumentOverride(pattern, info, str(base)))
    return out


def pairs_from(value: Any, file: str, key: str, base: Path) -> list[PairOverride]:
    """Validate [[tool.govaudit.pairs]]: each two file patterns."""
    what = (
        '表的列表：[[tool.govaudit.pairs]] 下写 first = "*部门预算*"、other = "*单位预算*"',
        'a list of tables: [[tool.govaudit.pairs]] with first = "…" and other = "…"',
        "配对",
    )
    out: list[PairOverride] = []
    for where, entry in _entries(value, file, key, PAIR_KEYS, what):
        first = _pattern(entry, "first", file, where, "*部门预算*.pdf")
        other = _pattern(entry, "other", file, where, "*单位预算*.pdf")
        out.append(PairOverride(first, other, str(base), where))
    return out


SUPPRESS_KEYS = ("rule", "file", "fingerprint", "reason", "line", "message")


def suppressions_from(value: Any, file: str, key: str) -> list[Suppression]:
    """Validate a list of suppression entries (config tables or baseline objects)."""
    what = ("忽略项的列表（[[tool.govaudit.suppress]]）", "a list of suppression entries", "忽略项")
    out: list[Suppression] = []
    for where, entry in _entries(value, file, key, SUPPRESS_KEYS, what):
        for k in ("rule", "file", "fingerprint"):
            v = entry.get(k)
            if not isinstance(v, str) or not v.strip():
                raise ConfigError(f"缺少「{k}」", f"missing {k!r}", file=file, key=f"{where}.{k}")
        reason = entry.get("reason")
        if not isinstance(reason, str) or not reason.strip():
            raise ConfigError(
                "每个忽略项都必须写明原因（reason）",
                "every suppression must give a reason",
                file=file,
                key=f"{where}.reason",
            )
        line = entry.get("line")
        out.append(
            Suppression(
                rule=entry["rule"].strip(),
                file=Path(entry["file"].strip().replace("\\", "/")).name,
                fingerprint=entry["fingerprint"].strip(),
                reason=reason.strip(),
                source=file,
                line=line if isinstance(line, int) and not isinstance(line, bool) else None,
                message=str(entry.get("message") or ""),
            )
        )
    return out


# --------------------------------------------------------------------------- merging


def load_settings(
    *,
    config: Path | None = None,
    isolated: bool = False,
    cwd: Path | None = None,
    files: Iterable[str] | None = None,
) -> Settings:
    """Settings from the named config file, else the one governing `files` (or the current
    folder), else the defaults."""
    if isolated:
        return Settings()
    if config is not None:
        if not config.is_file():
            raise ConfigError("配置文件不存在", "config file does not exist", file=str(config))
        return load_file_settings(config)
    found = find_config_for(files, cwd) if files is not None else find_config(cwd)
    return load_file_settings(found) if found else Settings()


def merge_cli(s: Settings, **cli: Any) -> Settings:
    """Apply command-line values (None or empty = not given). --select replaces the file's
    list, --ignore and --rules add to it, --severity overrides per rule (ruff's layering)."""
    s = replace(s, sources=dict(s.sources), severity=dict(s.severity))

    def mark(key: str, combine: bool) -> None:
        before = s.sources.get(key, "default")
        s.sources[key] = "file+cli" if combine and before in ("file", "file+cli") else "cli"

    if cli.get("select"):
        s.select = list(cli["select"])
        mark("select", False)
    if cli.get("ignore"):
        s.ignore = [*s.ignore, *[x for x in cli["ignore"] if x not in s.ignore]]
        mark("ignore", True)
    if cli.get("rule_dirs"):
        extra = [Path(d).resolve() for d in cli["rule_dirs"]]
        s.rule_dirs = [*s.rule_dirs, *[d for d in extra if d not in s.rule_dirs]]
        mark("rules", True)
    if cli.get("severity"):
        s.severity.update(cli["severity"])
        mark("severity", True)
    for key, attr in (
        ("fail-on", "fail_on"),
        ("lang", "lang"),
        ("jobs", "jobs"),
        ("timeout", "timeout"),
        ("perf-profile", "perf_profile"),
    ):
        v = cli.get(attr)
        if v is not None:
            setattr(s, attr, v)
            mark(key, False)
    if cli.get("baseline") is not None:
        s.baseline = Path(cli["baseline"]).resolve()
        mark("baseline", False)
    return s


def parse_cli_rules(values: tuple[str, ...] | list[str], option: str) -> list[str]:
    """Comma-separated rule ids/prefixes from repeated options, checked like the file's."""
    out: list[str] = []
    for v in values:
        out.extend(x.strip() for x in v.split(",") if x.strip())

    def err(zh: str, en: str, key: str) -> ConfigError:
        return ConfigError(zh, en, key=key)

    return _rule_list(out, err, option)


def parse_cli_severity(values: tuple[str, ...] | list[str]) -> dict[str, str]:
    """--severity GA-SHR-001=info (repeatable, comma-separated)."""
    table: dict[str, str] = {}
    for v in values:
        for item in v.split(","):
            if not item.strip():
                continue
            rid, sep, level = item.partition("=")
            if not sep:
                raise ConfigError(
                    f"应写作 规则=级别，如 GA-SHR-001=info，而不是「{item}」",
                    f"must be RULE=LEVEL, like GA-SHR-001=info, not {item!r}",
                    key="--severity",
                )
            table[rid.strip()] = level.strip()

    def err(zh: str, en: str, key: str) -> ConfigError:
        return ConfigError(zh, en, key=key)

    return _severity_table(table, err, "--severity")


# --------------------------------------------------------------------------- applying


def unmatched_patterns(s: Settings, rule_ids: list[str]) -> list[tuple[str, str]]:
    """(key, pattern) pairs naming no loaded rule: a typo, most likely."""

    def hits(p: str) -> bool:
        return any(r == p or r.startswith(p.rstrip("*")) for r in rule_ids)

    out: list[tuple[str, str]] = []
    for key, pats in (("select", s.select), ("ignore", s.ignore), ("severity", list(s.severity))):
        out.extend((key, p) for p in pats if not hits(p))
    return out


def severity_for(rule_id: str, table: dict[str, str]) -> str | None:
    """The override for a rule: an exact id wins, else the longest matching prefix."""
    if rule_id in table:
        return table[rule_id]
    best: tuple[int, str] | None = None
    for pat, level in table.items():
        p = pat.rstrip("*")
        if rule_id.startswith(p) and (best is None or len(p) > best[0]):
            best = (len(p), level)
    return best[1] if best else None


def apply_severity(
    rules: list[Any], table: dict[str, str]
) -> tuple[list[Any], dict[str, tuple[str, str]]]:
    """Copies of the rules with the configured severities (a relation family's id sets its
    own finding's level), and {id: (old, new level)} for those whose level changed (SARIF
    reports them as configuration overrides)."""
    if not table:
        return rules, {}
    out = []
    changed: dict[str, tuple[str, str]] = {}
    for r in rules:
        level = severity_for(r.id, table)
        if level and level != r.severity:
            changed[r.id] = (r.severity, level)
            r = replace(r, severity=level)
        fam = r.family
        level = severity_for(fam.id, table) if fam is not None else None
        if fam is not None and level and level != fam.severity:
            # a relation family's own finding (GA-READ-…) has its level too
            r = replace(r, family=replace(fam, severity=level))
            changed[fam.id] = (fam.severity, level)
        out.append(r)
    return out, changed
