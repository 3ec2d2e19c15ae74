"""The command line: a thin layer over config.py, check.py/batch.py, baseline.py, the
engine and the reporters.

Exit codes: 0 — nothing at or above --fail-on; 1 — such findings; 2 — a usage error, a bad
rule file, a bad configuration or baseline, or an input that could not be read (every other
input is still checked).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

from govaudit import __version__, usage
from govaudit.config import (
    FAIL_ON,
    KEYS,
    LANGS,
    ConfigError,
    Settings,
    apply_severity,
    check_profile,
    files_folder,
    find_upward,
    load_settings,
    merge_cli,
    parse_cli_rules,
    parse_cli_severity,
    unmatched_patterns,
)
from govaudit.engine.rules import Rule, example_text, families_of, select_rules
from govaudit.errors import GovauditError
from govaudit.model import SEVERITIES, SEVERITY_RANK, FileReport
from govaudit.packs import load_rules
from govaudit.report import FORMATS, Output, Run, format_for

# each command imports what only it needs (rich, the pipeline, a reporter): `govaudit
# --version` or `rules list` from the cache never reads an extractor
if TYPE_CHECKING:
    from rich.console import Console

    from govaudit.check import Discovery


def _err_console() -> Console:
    from rich.console import Console

    return Console(stderr=True, highlight=False, soft_wrap=True)


def _explicit_pairs(s: Settings, reports: list[FileReport]) -> list[tuple[str, str]]:
    """The pairs the configuration names ([[tool.govaudit.pairs]]); an entry that matches no
    file on one side is said, not dropped in silence."""
    paths = [r.path for r in reports]
    out: list[tuple[str, str]] = []
    for o in s.pairs:
        found = o.resolve(paths)
        if not found:
            zh = (
                f"提示：配置中的配对 {o.where}（{o.first} ↔ {o.other}）在本次检查的文件中没有配成对"
            )
            en = f"note: the configured pair {o.where} ({o.first} ↔ {o.other}) matches no two files"
            _err_console().print(en if s.lang == "en" else zh, markup=False)
        out.extend(found)
    return out


def _say_unformed(explicit: list[tuple[str, str]], pairs: list, lang: str) -> None:
    """A configured pair whose documents make no relation (two 决算 of one year, a document
    whose kind or year could not be told) is named, with what would make it one."""
    formed = {frozenset((p.first.path, p.other.path)) for p in pairs}
    for a, b in explicit:
        if frozenset((a, b)) in formed:
            continue
        zh = (
            f"提示：配置中指定的 {Path(a).name} ↔ {Path(b).name} 未能核对：两者的文件种类和年度"
            "不构成部门—单位、相邻年度或预算—决算关系（可用 [[tool.govaudit.documents]] 写明种类和年度）"
        )
        en = (
            f"note: the configured pair {Path(a).name} ↔ {Path(b).name} was not checked: their "
            "kinds and years make no department–unit, consecutive-year or budget–final relation "
            "(state them with [[tool.govaudit.documents]])"
        )
        _err_console().print(en if lang == "en" else zh, markup=False)


def _fail(exc: GovauditError | str, lang: str | None = None, en: str = "") -> NoReturn:
    """Print an error (Chinese first, English under it; English only with --lang en), exit 2."""
    zh = exc.text() if isinstance(exc, GovauditError) else exc
    en = exc.en if isinstance(exc, GovauditError) else (en or zh)
    c = _err_console()
    if lang == "en":
        c.print(en, style="bold red", markup=False)
    else:
        c.print(zh, style="bold red", markup=False)
        if en and en != zh:
            c.print(en, markup=False)
    sys.exit(2)


def exit_code(reports: list[FileReport], fail_on: str) -> int:
    if any(r.status == "error" for r in reports):
        return 2
    if fail_on == "never":
        return 0
    threshold = SEVERITY_RANK[fail_on]
    for r in reports:
        for f in r.findings:
            if not f.suppressed and SEVERITY_RANK.get(f.severity, 0) >= threshold:
                return 1
    return 0


# --------------------------------------------------------------------------- settings


def config_options(f: Callable[..., Any]) -> Callable[..., Any]:
    """The options `check` and `config` share: everything the configuration can also say."""
    options = [
        click.option(
            "--config",
            "config_file",
            type=click.Path(dir_okay=False),
            default=None,
            help="使用此配置文件（默认从当前目录向上查找 govaudit.toml 或 pyproject.toml）"
            " / use this configuration file",
        ),
        click.option(
            "--no-config",
            "isolated",
            is_flag=True,
            help="不读取任何配置文件 / ignore configuration files",
        ),
        click.option(
            "--rules",
            "rule_dirs",
            multiple=True,
            type=click.Path(exists=False),
            help="额外的规则目录（可重复）/ extra rule folder (repeatable)",
        ),
        click.option(
            "--select",
            multiple=True,
            help="只用这些规则（编号或前缀，逗号分隔；取代配置中的 select）/ rule ids or prefixes",
        ),
        click.option(
            "--ignore",
            multiple=True,
            help="不用这些规则（编号或前缀；追加到配置中的 ignore）/ rule ids or prefixes to skip",
        ),
        click.option(
            "--severity",
            "severity",
            multiple=True,
            metavar="RULE=LEVEL",
            help="改变规则的级别，如 GA-SHR-001=info（可重复）/ override a rule's severity",
        ),
        click.option(
            "--fail-on",
            type=click.Choice(FAIL_ON),
            default=None,
            help="何种级别的问题使退出码为 1（默认 error）/ lowest severity that makes the exit code 1",
        ),
        click.option(
            "--perf-profile",
            default=None,
            metavar="A+B",
            help="绩效自评表评分方案，如 10+90（默认按各表所写）/ scoring profile of 绩效自评表",
        ),
        click.option(
            "--baseline",
            type=click.Path(dir_okay=False),
            default=None,
            help="基线文件（默认向上查找 govaudit-baseline.json）/ baseline file",
        ),
        click.option(
            "--lang",
            type=click.Choice(LANGS),
            default=None,
            help="消息语言（默认 zh）/ message language",
        ),
        click.option(
            "--jobs",
            "-j",
            type=click.IntRange(1, 64),
            default=None,
            help="并行进程数（默认 1）/ parallel processes",
        ),
        click.option(
            "--timeout",
            type=click.FloatRange(min=0),
            default=None,
            metavar="SECONDS",
            help="每个文件的检查时限，超时记为无法检查（默认 300，0 为不限）/ time limit per file",
        ),
    ]
    for opt in reversed(options):
        f = opt(f)
    return f


def _settings(opts: dict[str, Any], files: Sequence[str] | None = None) -> Settings:
    """The effective settings; the configuration file is the one governing `files` (found
    from their folders upward), or the current folder's when no files are named."""
    lang = opts.get("lang")
    if lang:
        usage.set_language(lang)
    try:
        s = load_settings(
            config=Path(opts["config_file"]) if opts.get("config_file") else None,
            isolated=bool(opts.get("isolated")),
            files=files,
        )
        profile = opts.get("perf_profile")
        if profile is not None:

            def err(zh: str, en: str, key: str) -> ConfigError:
                return ConfigError(zh, en, key=key)

            profile = check_profile(profile, err, "--perf-profile") or "table"
        for d in opts.get("rule_dirs") or ():
            if not Path(d).exists():
                raise ConfigError(
                    f"规则目录不存在：{d}", f"rules folder does not exist: {d}", key="--rules"
                )
        s = merge_cli(
            s,
            select=parse_cli_rules(opts.get("select") or (), "--select"),
            ignore=parse_cli_rules(opts.get("ignore") or (), "--ignore"),
            rule_dirs=list(opts.get("rule_dirs") or ()),
            severity=parse_cli_severity(opts.get("severity") or ()),
            fail_on=opts.get("fail_on"),
            lang=lang,
            jobs=opts.get("jobs"),
            timeout=opts.get("timeout"),
            perf_profile=profile,
            baseline=opts.get("baseline"),
        )
        if s.perf_profile == "table":
            s.perf_profile = None
    except ConfigError as exc:
        _fail(exc, lang)
    usage.set_language(s.lang)
    return s


def _rules(s: Settings) -> tuple[list[Rule], list[Rule], dict[str, tuple[str, str]]]:
    """All loaded rules, the active ones (selected, with severity overrides), the overrides."""
    try:
        everything = load_rules(list(s.rule_dirs))
    except GovauditError as exc:
        _fail(exc, s.lang)
    # a relation family's id (GA-READ-…) may be ignored too: its rules then report each relation
    bad = unmatched_patterns(
        s, [r.id for r in everything] + [f.id for f in families_of(everything)]
    )
    if bad:
        key, pat = bad[0]
        from_file = s.source_of(key) == "file" and s.config_file is not None
        _fail(
            ConfigError(
                f"「{pat}」没有匹配任何规则（用 govaudit rules 查看规则编号）",
                f"{pat!r} matches no rule (see govaudit rules for the ids)",
                file=str(s.config_file) if from_file else None,
                key=key if from_file else f"--{key}",
            ),
            s.lang,
        )
    active = select_rules(everything, s.select, s.ignore)
    active, overrides = apply_severity(active, s.severity)
    return everything, active, overrides


# --------------------------------------------------------------------------- main


class _Main(click.Group):
    """The command group: usage errors in Chinese first (English with --lang en), and Ctrl-C
    a short message and exit code 130 instead of click's "Aborted!" and 1."""

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode, **extra)
        argv = list(sys.argv[1:] if args is None else args)
        usage.set_language(None)
        try:
            code = super().main(argv, prog_name, complete_var, False, **extra)
        except click.exceptions.Abort:  # click's wrapping of KeyboardInterrupt
            usage.interrupted(argv)
            sys.exit(usage.INTERRUPTED_EXIT)
        except KeyboardInterrupt:
            usage.interrupted(argv)
            sys.exit(usage.INTERRUPTED_EXIT)
        except click.ClickException as exc:
            usage.show(exc, argv)
            sys.exit(exc.exit_code)
        except Exception as exc:
            if not usage.caused_by_interrupt(exc):
                raise
            usage.interrupted(argv)  # Ctrl-C while a module was being imported
            sys.exit(usage.INTERRUPTED_EXIT)
        sys.exit(code if isinstance(code, int) else 0)


@click.group(cls=_Main, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="govaudit")
def main() -> None:
    """govaudit：政府部门决算/预算公开与绩效自评表的数字一致性检查。

    Consistency checks for Chinese government budget and final-accounts disclosures.
    """


FORMAT_HELP = (
    "输出格式（默认按 -o 文件的扩展名，否则 text）："
    + "，".join(f"{f.name} {f.help_zh}" for f in FORMATS.values())
    + " / output format (default: from the -o file's extension, else text)"
)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(list(FORMATS)), default=None, help=FORMAT_HELP)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False),
    default=None,
    help="写入文件而不是屏幕；扩展名 .html .json .sarif .csv .xlsx 决定格式 / write to a file",
)
@click.option(
    "--min-severity",
    type=click.Choice(SEVERITIES),
    default=None,
    help="只显示此级别及以上的问题（text、concise、csv、xlsx；html 的初始筛选）/ hide lower severities",
)
@click.option("--quiet", "-q", is_flag=True, help="只输出最后的汇总 / print only the summary")
@click.option(
    "--statistics",
    is_flag=True,
    help="列出每条规则核对、成立、不成立、无法验证的次数 / counts per rule",
)
@click.option(
    "--write-baseline",
    is_flag=True,
    help="把当前全部发现写入基线文件（需要 --reason）/ accept every current finding",
)
@click.option(
    "--reason",
    default=None,
    help="写入基线的新条目的原因（与 --write-baseline 一起用）/ the reason for new baseline entries",
)
@click.option(
    "--no-progress",
    is_flag=True,
    help="不显示进度条 / no progress bar",
)
@click.option(
    "--no-cross",
    is_flag=True,
    help="不做跨文件核对（部门与单位、相邻两年、预算与决算）/ no checks across documents",
)
@config_options
def check(
    paths: tuple[str, ...],
    fmt: str | None,
    output: str | None,
    min_severity: str | None,
    quiet: bool,
    statistics: bool,
    write_baseline: bool,
    reason: str | None,
    no_progress: bool,
    no_cross: bool,
    **opts: Any,
) -> None:
    """检查文件、文件夹或通配符匹配的文件 / check files, folders or glob patterns."""
    from govaudit import baseline
    from govaudit.across import check_across
    from govaudit.batch import ProgressBar, run_batch, stderr_is_terminal
    from govaudit.check import discover

    if reason is not None and not write_baseline:
        raise usage.UsageError(
            "--reason 只能与 --write-baseline 一起使用（它是写入基线的新条目的原因）",
            "--reason only goes with --write-baseline (it is the reason for new baseline entries)",
        )
    fmt = _format(fmt, output)
    found = discover(paths)
    s = _settings(opts, found.files)
    en = s.lang == "en"
    if not found.files:
        zh, en_msg = _nothing_to_check(found, paths)
        _fail(zh, s.lang, en_msg)
    _, rules, overrides = _rules(s)
    try:
        near = files_folder(found.files)
        anchor = near if near and find_upward(baseline.BASELINE_NAME, near) else None
        entries, baseline_path = baseline.gather(s, anchor, allow_missing=write_baseline)
    except ConfigError as exc:
        _fail(exc, s.lang)

    spec = FORMATS[fmt]
    if output is None and spec.terminal_file and sys.stdout.isatty():
        output = spec.terminal_file
    # a report on stdout other than text must be all that reaches the terminal: a script or
    # a harness reading the terminal would get the bar's escape codes mixed into it
    quiet_terminal = fmt != "text" and output is None
    files = found.files
    batch = {
        "jobs": s.jobs,
        "perf_profile": s.perf_profile,
        "timeout": s.timeout,
        "documents": s.documents,
    }
    if not no_progress and not quiet_terminal and len(files) > 1 and stderr_is_terminal():
        with ProgressBar(len(files), s.lang) as bar:
            reports = run_batch(files, rules, on_done=bar.advance, **batch)
    else:
        reports = run_batch(files, rules, **batch)

    # the documents of one issuer against each other (a department and its unit, two
    # consecutive years, a budget and its 决算): findings join the narrower or later file
    pairs: list = []
    if not no_cross:
        explicit = _explicit_pairs(s, reports)
        pairs = check_across(reports, rules, explicit)
        _say_unformed(explicit, pairs, s.lang)
    applied = baseline.apply(reports, entries, {r.id for r in rules})

    if write_baseline:
        target = baseline_path or Path.cwd() / baseline.BASELINE_NAME
        try:
            done = baseline.write(target, reports, reason, list(s.suppress))
        except ConfigError as exc:
            _fail(exc, s.lang)
        msg = (
            f"wrote {done.total} suppression(s) to {done.path} "
            f"({done.added} new, {done.kept} kept with their reasons, {done.dropped} no longer matching dropped)"
            if en
            else f"已写入 {done.total} 项忽略到 {done.path}（新增 {done.added}，保留原有原因 {done.kept}，"
            f"删除已不再匹配的 {done.dropped}）"
        )
        _err_console().print(msg, markup=False)
        sys.exit(2 if any(r.status == "error" for r in reports) else 0)

    stats = None
    if statistics:
        from govaudit.report.summary import rule_statistics

        stats = rule_statistics(reports, [r.id for r in rules])
    code = exit_code(reports, s.fail_on)
    run = Run(
        reports=reports,
        rules=rules,
        lang=s.lang,
        overrides=overrides,
        stale=applied.stale,
        statistics=stats,
        exit_code=code,
        skipped=found.skipped,
        min_severity=min_severity or "info",
        quiet=quiet,
        pairs=pairs,
    )
    _emit(fmt, output, run)
    sys.exit(code)


def _format(fmt: str | None, output: str | None) -> str:
    """--format, else the format the -o file's extension names, else text; a clash between
    the two is a usage error (a .json file holding HTML helps nobody)."""
    by_name = format_for(output) if output else None
    if fmt is None:
        return by_name or "text"
    suffix = Path(output).suffix if output else ""
    if by_name is not None and by_name != fmt and suffix.lower() not in FORMATS[fmt].suffixes:
        raise usage.UsageError(
            f"-o {output} 的扩展名 {suffix} 表示 {by_name} 格式，与 --format {fmt} 不符："
            f"去掉 --format（按扩展名输出），或把文件名改为 {FORMATS[fmt].suffixes[0] if FORMATS[fmt].suffixes else '其他扩展名'}",
            f"-o {output}: the extension {suffix} means {by_name}, not --format {fmt}; drop --format "
            "or change the file name",
        )
    return fmt


def _nothing_to_check(found: Discovery, paths: Sequence[str]) -> tuple[str, str]:
    """The message for a run with nothing to check: which folders, what they hold, what
    govaudit reads."""
    from govaudit.readers import LEGACY_SUFFIXES, SUPPORTED_SUFFIXES

    kinds = " ".join(sorted(SUPPORTED_SUFFIXES))
    legacy = " ".join(sorted(LEGACY_SUFFIXES))
    where = "、".join(found.empty_folders) or "、".join(paths)
    zh = (
        f"没有找到可检查的文件：{where} 中没有 {kinds} 文件"
        f"（旧版 {legacy} 也会列出，并提示另存为新格式；隐藏文件和 ~$ 开头的临时文件不检查）。"
    )
    en = (
        f"no files to check: {where} holds no {kinds} files (old {legacy} files are listed with "
        "advice to save them in the new format; hidden files and ~$ lock files are skipped)."
    )
    if found.skipped:
        names = [Path(x.path).name for x in found.skipped]
        shown = "、".join(names[:8]) + ("等" if len(names) > 8 else "")
        zh += f"不支持的文件 {len(names)} 个：{shown}。"
        en += f" Unsupported files ({len(names)}): {', '.join(names[:8])}."
    return zh, en


def _emit(fmt: str, output: str | None, run: Run) -> None:
    """Hand the run to the format's reporter, writing to --output or stdout."""
    spec = FORMATS[fmt]
    lang = run.lang
    if output is None:
        if spec.binary and sys.stdout.isatty():
            _fail(
                f"{fmt} 是二进制格式，不能显示在终端上：请用 -o 报告.{fmt} 写入文件",
                lang,
                f"{fmt} is binary and cannot go to a terminal: write it with -o report.{fmt}",
            )
        sys.stdout.flush()
        stream = getattr(sys.stdout, "buffer", None) or sys.stdout
        spec.reporter()(run, Output(stream, None, terminal=sys.stdout.isatty()))
        stream.flush()
        return
    try:
        with open(output, "wb") as fh:
            spec.reporter()(run, Output(fh, output))
    except OSError as exc:
        _fail(f"无法写入 {output}：{exc.strerror}", lang, f"cannot write {output}: {exc.strerror}")
    if fmt in ("html", "xlsx", "csv"):
        name = fmt.upper() if fmt != "xlsx" else "Excel"
        _err_console().print(
            f"{name} report written to {output}" if lang == "en" else f"{name} 报告已写入 {output}",
            markup=False,
        )


# --------------------------------------------------------------------------- config


@main.command("config")
@click.argument("paths", nargs=-1)
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@config_options
def show_config(paths: tuple[str, ...], fmt: str, **opts: Any) -> None:
    """显示生效的配置及每项的来源；给出 PATHS 时显示检查它们所用的配置 / show the effective
    configuration (for PATHS when given) and where each value came from."""
    import json

    from rich.console import Console
    from rich.text import Text

    from govaudit import baseline
    from govaudit.check import discover

    s = _settings(opts, discover(paths).files if paths else None)
    everything, active, overrides = _rules(s)
    try:
        entries, baseline_path = baseline.gather(s)
    except ConfigError as exc:
        _fail(exc, s.lang)
    en = s.lang == "en"
    in_file = sum(
        1 for e in entries if e.source and baseline_path and e.source == str(baseline_path)
    )

    def src(key: str) -> str:
        return s.describe_source(key, s.lang, short=True)

    if baseline_path is None:
        baseline_value: Any = "—"
    else:
        baseline_value = (
            f"{baseline_path} ({in_file} entries)" if en else f"{baseline_path}（{in_file} 项）"
        )
    baseline_src = src("baseline")
    if s.source_of("baseline") == "default" and baseline_path:
        baseline_src = "found upward" if en else "向上查找到"
    rows: list[tuple[str, Any, str]] = [
        ("select", s.select or ("all" if en else "全部"), src("select")),
        ("ignore", s.ignore, src("ignore")),
        ("fail-on", s.fail_on, src("fail-on")),
        ("rules", [str(d) for d in s.rule_dirs], src("rules")),
        ("severity", s.severity, src("severity")),
        (
            "perf-profile",
            s.perf_profile or ("per table" if en else "按各表所写"),
            src("perf-profile"),
        ),
        ("baseline", baseline_value, baseline_src),
        ("lang", s.lang, src("lang")),
        ("jobs", s.jobs, src("jobs")),
        ("timeout", s.timeout, src("timeout")),
        ("suppress", len(s.suppress), src("suppress")),
        (
            "documents",
            [
                f"{d.pattern} → "
                + " ".join(x for x in (d.info.kind, d.info.issuer, str(d.info.year or "")) if x)
                for d in s.documents
            ],
            src("documents"),
        ),
        ("pairs", [f"{o.first} ↔ {o.other}" for o in s.pairs], src("pairs")),
    ]
    if fmt == "json":
        data = {
            "config_file": str(s.config_file) if s.config_file else None,
            "settings": {
                k: {
                    "value": v if not isinstance(v, Path) else str(v),
                    "source": s.source_of(k),
                    "meaning": KEYS[k][1 if en else 0],
                }
                for k, v, _ in rows
            },
            "rules": {"loaded": len(everything), "active": [r.id for r in active]},
            "severity_overrides": {k: v[1] for k, v in overrides.items()},
        }
        data["settings"]["baseline"]["value"] = str(baseline_path) if baseline_path else None
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        return
    from rich.table import Table

    c = Console(highlight=False, soft_wrap=True)
    where = str(s.config_file) if s.config_file else ("none found" if en else "未找到")
    c.print(("configuration file: " if en else "配置文件：") + where, markup=False)
    t = Table(show_header=True, header_style="bold")
    t.add_column("key" if en else "键")
    t.add_column("value" if en else "值", overflow="fold")
    t.add_column("from" if en else "来源", overflow="fold")
    for key, value, source in rows:
        if isinstance(value, list):
            shown = ", ".join(map(str, value)) or "—"
        elif isinstance(value, dict):
            shown = ", ".join(f"{k}={v}" for k, v in value.items()) or "—"
        else:
            shown = str(value)
        t.add_row(key, Text(shown), Text(source))
    c.print(t)
    c.print(
        f"{len(active)} of {len(everything)} rules active (govaudit rules lists them)"
        if en
        else f"规则：共 {len(everything)} 条，启用 {len(active)} 条（govaudit rules 列出）",
        markup=False,
    )


# --------------------------------------------------------------------------- rules


@main.group(invoke_without_command=True)
@click.option("--rules", "rule_dirs", multiple=True, help="额外的规则目录 / extra rule folder")
@click.option("--config", "config_file", type=click.Path(dir_okay=False), default=None)
@click.option("--no-config", "isolated", is_flag=True)
@click.option("--lang", type=click.Choice(LANGS), default=None, help="语言 / language")
@click.pass_context
def rules(
    ctx: click.Context,
    rule_dirs: tuple[str, ...],
    config_file: str | None,
    isolated: bool,
    lang: str | None,
) -> None:
    """列出、查看、测试规则 / list, show and test rules."""
    ctx.obj = {
        "rule_dirs": rule_dirs,
        "config_file": config_file,
        "isolated": isolated,
        "lang": lang,
    }
    if ctx.invoked_subcommand is None:
        ctx.invoke(list_rules)


def _rules_settings(ctx: click.Context, lang: str | None, extra: tuple[str, ...] = ()) -> Settings:
    obj = ctx.obj or {}
    return _settings(
        {
            "config_file": obj.get("config_file"),
            "isolated": obj.get("isolated"),
            "rule_dirs": tuple(obj.get("rule_dirs") or ()) + extra,
            "lang": lang or obj.get("lang"),
        }
    )


@rules.command("list")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@click.option("--lang", type=click.Choice(LANGS), default=None, help="语言 / language")
@click.pass_context
def list_rules(ctx: click.Context, fmt: str = "text", lang: str | None = None) -> None:
    """列出全部规则：编号、级别、适用对象、标题、是否启用 / list all rules."""
    import json

    from rich.console import Console
    from rich.table import Table

    s = _rules_settings(ctx, lang)
    en = s.lang == "en"
    everything, active, overrides = _rules(s)
    active_ids = {r.id for r in active}
    if fmt == "json":
        data = [
            {
                "id": r.id,
                "severity": overrides.get(r.id, (r.severity, r.severity))[1],
                "default_severity": r.severity,
                "applies_to": r.applies_to,
                "title": r.title,
                "title_en": r.title_en,
                "active": r.id in active_ids,
                "builtin": r.builtin,
                "file": r.file,
            }
            for r in everything
        ]
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        return
    table = Table(show_header=True, header_style="bold")
    table.add_column("id" if en else "编号 id", no_wrap=True)
    table.add_column("severity" if en else "级别", no_wrap=True)
    table.add_column("applies to" if en else "适用", no_wrap=True)
    table.add_column("title" if en else "标题")
    table.add_column("on" if en else "启用", no_wrap=True)
    for r in everything:
        sev = r.severity
        if r.id in overrides:
            sev = f"{overrides[r.id][0]}→{overrides[r.id][1]}"
        title = r.title_en if en and r.title_en else r.title
        if not r.builtin:
            title += f"  ({Path(r.file).name})"
        state = "✓" if r.id in active_ids else ("off" if not r.enabled else "—")
        table.add_row(r.id, sev, r.applies_to, title, state)
    c = Console(highlight=False)
    c.print(table)
    c.print(
        f"{len(everything)} rules, {len(active)} active; details: govaudit rules show ID"
        if en
        else f"共 {len(everything)} 条规则，启用 {len(active)} 条；详情：govaudit rules show 编号",
        markup=False,
    )


@rules.command("kinds")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
def list_kinds(fmt: str) -> None:
    """列出规则可用的事实种类及其字段 / the fact kinds rules apply to, with their fields."""
    from rich.console import Console
    from rich.text import Text

    from govaudit.check import all_kinds

    kinds = all_kinds()
    if fmt == "json":
        sys.stdout.write(json.dumps(kinds, ensure_ascii=False, indent=2) + "\n")
        return
    console = Console(highlight=False, soft_wrap=True)
    for kind in sorted(kinds):
        console.print(Text(f"{kind}", style="bold"))
        for name, doc in kinds[kind].items():
            console.print(Text(f"  {name}：{doc}"))


@rules.command("functions")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
def list_functions(fmt: str) -> None:
    """列出表达式中可用的函数 / the functions rule expressions may call."""
    from rich.console import Console
    from rich.text import Text

    from govaudit.engine.expr import FUNCTIONS

    if fmt == "json":
        data = {name: fn.help for name, fn in sorted(FUNCTIONS.items())}
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        return
    console = Console(highlight=False, soft_wrap=True)
    for _, fn in sorted(FUNCTIONS.items()):
        console.print(Text(fn.help))


@rules.command("show")
@click.argument("rule_id")
@click.option("--lang", type=click.Choice(LANGS), default=None, help="语言 / language")
@click.pass_context
def show_rule(ctx: click.Context, rule_id: str, lang: str | None) -> None:
    """显示一条规则的说明与示例 / show a rule, its explanation and examples."""
    from rich.console import Console

    s = _rules_settings(ctx, lang)
    en = s.lang == "en"
    everything, active, overrides = _rules(s)
    wanted = rule_id.strip()
    match = [r for r in everything if r.id == wanted] or [
        r for r in everything if r.id.upper() == wanted.upper()
    ]
    if not match:
        near = close_ids(wanted, [r.id for r in everything])
        hint = ("；相近的：" + ", ".join(near)) if near else "（govaudit rules 列出全部规则）"
        hint_en = ("; close: " + ", ".join(near)) if near else " (govaudit rules lists them all)"
        _fail(f"没有规则 {rule_id}{hint}", s.lang, f"no rule {rule_id}{hint_en}")
    r = match[0]
    c = Console(highlight=False)
    title = (
        f"{r.title_en} / {r.title}"
        if en and r.title_en
        else (r.title + (f" / {r.title_en}" if r.title_en else ""))
    )
    c.print(f"[bold]{r.id}[/]  ", end="")
    c.print(title, markup=False)
    sev = r.severity + (f" → {overrides[r.id][1]}" if r.id in overrides else "")
    state = (
        ("active" if en else "启用")
        if r.id in {a.id for a in active}
        else ("not selected" if en else "未启用")
    )
    c.print(
        (
            f"severity: {sev}    applies to: {r.applies_to}    {state}    file: {r.file}:{r.line}"
            if en
            else f"级别 severity: {sev}    适用 applies to: {r.applies_to}    {state}    文件 file: {r.file}:{r.line}"
        ),
        markup=False,
    )
    if r.when_src:
        c.print(("when:   " if en else "条件 when:   ") + r.when_src, markup=False)
    c.print(("assert: " if en else "断言 assert: ") + r.assert_src, markup=False)
    c.print(("message: " if en else "消息 message: ") + r.message_src, markup=False)
    if en and r.message_en_src:
        c.print("message_en: " + r.message_en_src, markup=False)
    explain = [r.explain_en, r.explain] if en else [r.explain, r.explain_en]
    for text in explain:
        if text:
            c.print("\n" + text, markup=False)
    for title_zh, title_en, items in (
        ("通过的示例", "passing examples", r.examples_pass),
        ("应报告的示例", "failing examples", r.examples_fail),
        ("不检查的示例", "ignored examples", r.examples_ignore),
    ):
        if items:
            c.print(f"\n[bold]{title_en if en else title_zh + ' ' + title_en}[/]")
            for ex in items:
                c.print("  • " + example_text(ex).strip().replace("\n", "\n    "), markup=False)


def close_ids(wanted: str, ids: list[str], n: int = 5) -> list[str]:
    """Rule ids a mistyped one may mean: those it is a prefix of (GA-SUM → GA-SUM-001…),
    else the most alike, and only those nearly as alike as the best (GA-SUM-01 →
    GA-SUM-001, GA-SMU-001 → GA-SUM-001; not every GA-…-001)."""
    import difflib

    key = wanted.upper()
    prefixed = [i for i in ids if i.upper().startswith(key)]
    if prefixed:
        return sorted(prefixed)[:n]
    scored = sorted(
        ((difflib.SequenceMatcher(None, key, i.upper()).ratio(), i) for i in ids),
        key=lambda x: -x[0],
    )
    if not scored or scored[0][0] < 0.75:
        return []
    best = scored[0][0]
    return [i for r, i in scored if r >= best - 0.03][:n]


@rules.command("test")
@click.argument("directory", required=False)
@click.option("--verbose", "-v", is_flag=True, help="列出每条规则的结果 / one line per rule")
@click.option("--lang", type=click.Choice(LANGS), default=None, help="语言 / language")
@click.pass_context
def test_rules(ctx: click.Context, directory: str | None, verbose: bool, lang: str | None) -> None:
    """运行规则自带的示例（内置规则与 DIR 中的用户规则）/ run the rules' own examples."""
    from rich.console import Console

    from govaudit.ruletest import run_examples, run_family_examples

    s = _rules_settings(ctx, lang, (directory,) if directory else ())
    en = s.lang == "en"
    rs, _, _ = _rules(s)
    if directory:
        target = Path(directory).resolve()
        rs = [
            r
            for r in rs
            if Path(r.file).resolve().is_relative_to(target) or Path(r.file).resolve() == target
        ]
    results = run_examples(rs) + run_family_examples(rs)
    c = Console(highlight=False)
    failures = [x for x in results if not x.ok]
    if verbose:
        per: dict[str, list[bool]] = {}
        for x in results:
            per.setdefault(x.rule, []).append(x.ok)
        for r in rs:
            oks = per.get(r.id, [])
            mark = (
                "[green]✓[/]" if all(oks) and oks else ("[yellow]·[/]" if not oks else "[red]✗[/]")
            )
            n_bad = oks.count(False)
            if en:
                detail = f"{len(oks)} example(s)" + (f", {n_bad} failed" if n_bad else "")
            else:
                detail = f"示例 {len(oks)} 个" + (f"，失败 {n_bad} 个" if n_bad else "")
            c.print(f"{mark} {r.id}  ", end="")
            c.print(detail if oks else ("no examples" if en else "没有示例"), markup=False)
    for x in failures:
        c.print(f"[red]✗[/] {x.rule} {x.kind}: ", end="")
        c.print(x.detail, markup=False)
        c.print("    " + x.text.strip()[:200].replace("\n", " "), markup=False)
    c.print(
        f"{len(rs)} rules, {len(results)} examples, {len(failures)} failed"
        if en
        else f"规则 {len(rs)} 条，示例 {len(results)} 个，失败 {len(failures)} 个 / "
        f"{len(rs)} rules, {len(results)} examples, {len(failures)} failed",
        markup=False,
    )
    sys.exit(1 if failures else 0)


# --------------------------------------------------------------------------- extract


@main.command()
@click.argument("path")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "text", "json"]),
    default="table",
    show_default=True,
    help="table（即 text）或 json / table (or text) or json",
)
@click.option(
    "--kind",
    "kinds",
    multiple=True,
    help="只显示这些种类的事实（逗号分隔，可重复）/ only these fact kinds",
)
@click.option("--lang", type=click.Choice(LANGS), default=None, help="语言 / language")
def extract(path: str, fmt: str, kinds: tuple[str, ...], lang: str | None) -> None:
    """显示从文件中识别出的数字关系（事实）/ show the facts found in a file."""
    from rich.console import Console

    from govaudit.config import document_for
    from govaudit.extract import extract, fact_kinds
    from govaudit.extract.base.context import ExtractSettings
    from govaudit.readers import read_document
    from govaudit.report.facts import (
        LEDGER,
        render_facts_json,
        render_facts_table,
        render_ledger_table,
    )

    usage.set_language(lang or "zh")
    wanted = [k.strip() for v in kinds for k in v.split(",") if k.strip()]
    kinds_known = fact_kinds()
    known = sorted([*kinds_known, LEDGER])
    unknown = [k for k in wanted if k not in kinds_known and k != LEDGER]
    if unknown:
        import difflib

        bad = unknown[0]
        near = difflib.get_close_matches(bad, known, n=3, cutoff=0.5)
        raise usage.UsageError(
            f"不认识的事实种类 {bad}"
            + (f"（你是不是想用 {'、'.join(near)}？）" if near else "")
            + f"；可用：{', '.join(known)}",
            f"unknown fact kind {bad!r}"
            + (f" (did you mean {', '.join(near)}?)" if near else "")
            + f"; known kinds: {', '.join(known)}",
        )
    try:
        doc = read_document(path)
        s = load_settings(files=[path])
    except GovauditError as exc:
        _fail(exc, lang)
    # what the configuration says the file is ([[tool.govaudit.documents]]), as `check` does
    settings = ExtractSettings.of(s.perf_profile, document_for(path, s.documents))
    found = extract(doc, settings)
    facts = found.facts
    show_ledger = not wanted or LEDGER in wanted
    if wanted:
        facts = [f for f in facts if f.kind in set(wanted)]
    ledger = found.ledger if show_ledger else None
    if fmt == "json":
        sys.stdout.write(render_facts_json(doc, facts, ledger, found.info))
        return
    console = Console(highlight=False, soft_wrap=True)
    # how the document writes (the profile every rule reads): rounding, 完成值, …
    console.print("文件概况 / profile：" + found.info.profile.describe(), markup=False)
    if wanted != [LEDGER]:
        render_facts_table(console, doc, facts, lang or "zh")
    if ledger is not None:
        render_ledger_table(console, ledger, lang or "zh")


if __name__ == "__main__":
    main()
