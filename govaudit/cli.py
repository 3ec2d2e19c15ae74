"""The command line: a thin layer over check.py, the engine and the reporters.

Exit codes: 0 — nothing at or above --fail-on; 1 — such findings; 2 — a usage error, a bad
rule file, or an input that could not be read (every other input is still checked).
"""

from __future__ import annotations

import sys
from pathlib import Path

import click
from rich.console import Console

from govaudit import __version__
from govaudit.check import check_file, discover
from govaudit.engine.rules import Rule, load_rules, select_rules
from govaudit.errors import GovauditError, RuleError
from govaudit.model import SEVERITY_RANK, FileReport

FAIL_ON = ("error", "warning", "info", "never")


def _split(values: tuple[str, ...]) -> list[str]:
    out: list[str] = []
    for v in values:
        out.extend(x.strip() for x in v.split(",") if x.strip())
    return out


def _console(output: str | None) -> tuple[Console, object | None]:
    if output:
        fh = open(output, "w", encoding="utf-8")
        return Console(file=fh, no_color=True, width=160, highlight=False, soft_wrap=True), fh
    return Console(highlight=False, soft_wrap=True), None


def _err_console() -> Console:
    return Console(stderr=True, highlight=False, soft_wrap=True)


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


def _load_rules(rule_dirs: tuple[str, ...], select: list[str], ignore: list[str]) -> list[Rule]:
    try:
        rules = load_rules([Path(d) for d in rule_dirs])
    except RuleError as exc:
        _err_console().print(f"[bold red]{exc.zh}[/]", markup=True)
        _err_console().print(exc.en)
        sys.exit(2)
    return select_rules(rules, select, ignore)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="govaudit")
def main() -> None:
    """govaudit：政府部门决算/预算公开与绩效自评表的数字一致性检查。

    Consistency checks for Chinese government budget and final-accounts disclosures.
    """


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="输出格式 / output format",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, writable=True),
    default=None,
    help="写入文件而不是屏幕 / write to a file",
)
@click.option(
    "--rules",
    "rule_dirs",
    multiple=True,
    type=click.Path(exists=False),
    help="额外的规则目录（可重复）/ extra rule folder (repeatable)",
)
@click.option(
    "--select", multiple=True, help="只用这些规则（编号或前缀，逗号分隔）/ rule ids or prefixes"
)
@click.option(
    "--ignore", multiple=True, help="不用这些规则（编号或前缀）/ rule ids or prefixes to skip"
)
@click.option(
    "--fail-on",
    type=click.Choice(FAIL_ON),
    default="error",
    show_default=True,
    help="何种级别的问题使退出码为 1 / lowest severity that makes the exit code 1",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(1, 64),
    default=1,
    show_default=True,
    help="并行进程数 / parallel processes",
)
@click.option(
    "--lang",
    type=click.Choice(["zh", "en"]),
    default="zh",
    show_default=True,
    help="消息语言 / message language",
)
def check(
    paths: tuple[str, ...],
    fmt: str,
    output: str | None,
    rule_dirs: tuple[str, ...],
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    fail_on: str,
    jobs: int,
    lang: str,
) -> None:
    """检查文件、文件夹或通配符匹配的文件 / check files, folders or glob patterns."""
    rules = _load_rules(rule_dirs, _split(select), _split(ignore))
    files = discover(paths)
    if not files:
        _err_console().print("没有找到可检查的文件 / no files to check")
        sys.exit(2)
    reports = _run(files, rules, jobs)
    console, fh = _console(output)
    try:
        if fmt == "json":
            from govaudit.report.json_report import render as render_json

            text = render_json(reports, lang)
            if fh is not None:
                fh.write(text)  # type: ignore[attr-defined]
            else:
                sys.stdout.write(text)
        else:
            from govaudit.report.text import render as render_text

            render_text(console, reports, lang)
    finally:
        if fh is not None:
            fh.close()  # type: ignore[attr-defined]
    sys.exit(exit_code(reports, fail_on))


def _run(files: list[str], rules: list[Rule], jobs: int) -> list[FileReport]:
    if jobs <= 1 or len(files) <= 1:
        reports = [check_file(f, rules) for f in files]
    else:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(max_workers=jobs) as pool:
            reports = list(pool.map(_check_detached, files, [rules] * len(files)))
    for r in reports:
        r.document = None
    return reports


def _check_detached(path: str, rules: list[Rule]) -> FileReport:
    r = check_file(path, rules)
    r.document = None
    return r


# --------------------------------------------------------------------------- rules


@main.group(invoke_without_command=True)
@click.option("--rules", "rule_dirs", multiple=True, help="额外的规则目录 / extra rule folder")
@click.pass_context
def rules(ctx: click.Context, rule_dirs: tuple[str, ...]) -> None:
    """列出、查看、测试规则 / list, show and test rules."""
    ctx.obj = {"rule_dirs": rule_dirs}
    if ctx.invoked_subcommand is None:
        ctx.invoke(list_rules)


@rules.command("list")
@click.pass_context
def list_rules(ctx: click.Context) -> None:
    """列出全部规则 / list all rules."""
    from rich.table import Table

    rs = _load_rules(ctx.obj["rule_dirs"] if ctx.obj else (), [], [])
    table = Table(show_header=True, header_style="bold")
    table.add_column("编号 id")
    table.add_column("级别 severity")
    table.add_column("适用 applies to")
    table.add_column("标题 title")
    for r in rs:
        table.add_row(r.id, r.severity, r.applies_to, r.title)
    Console().print(table)


@rules.command("show")
@click.argument("rule_id")
@click.pass_context
def show_rule(ctx: click.Context, rule_id: str) -> None:
    """显示一条规则的说明与示例 / show a rule, its explanation and examples."""
    rs = _load_rules(ctx.obj["rule_dirs"] if ctx.obj else (), [], [])
    match = [r for r in rs if r.id == rule_id]
    if not match:
        _err_console().print(f"没有规则 {rule_id} / no rule {rule_id}")
        sys.exit(2)
    r = match[0]
    c = Console(highlight=False)
    c.print(f"[bold]{r.id}[/]  {r.title}" + (f" / {r.title_en}" if r.title_en else ""))
    c.print(
        f"级别 severity: {r.severity}    适用 applies to: {r.applies_to}    文件 file: {r.file}:{r.line}"
    )
    if r.when_src:
        c.print(f"条件 when:   {r.when_src}", markup=False)
    c.print(f"断言 assert: {r.assert_src}", markup=False)
    c.print(f"消息 message: {r.message_src}", markup=False)
    if r.explain:
        c.print("\n" + r.explain, markup=False)
    if r.explain_en:
        c.print(r.explain_en, markup=False)
    for title, items in (
        ("通过的示例 passing examples", r.examples_pass),
        ("应报告的示例 failing examples", r.examples_fail),
        ("不检查的示例 ignored examples", r.examples_ignore),
    ):
        if items:
            c.print(f"\n[bold]{title}[/]")
            for ex in items:
                c.print("  • " + ex.strip().replace("\n", "\n    "), markup=False)


@rules.command("test")
@click.argument("directory", required=False)
@click.pass_context
def test_rules(ctx: click.Context, directory: str | None) -> None:
    """运行规则自带的示例 / run the rules' own examples."""
    from govaudit.engine.ruletest import run_examples

    dirs = tuple(ctx.obj["rule_dirs"] if ctx.obj else ()) + ((directory,) if directory else ())
    rs = _load_rules(dirs, [], [])
    if directory:
        target = Path(directory).resolve()
        rs = [
            r
            for r in rs
            if Path(r.file).resolve().is_relative_to(target) or Path(r.file).resolve() == target
        ]
    results = run_examples(rs)
    c = Console(highlight=False)
    failures = [x for x in results if not x.ok]
    for x in failures:
        c.print(f"[red]✗[/] {x.rule} {x.kind}: {x.detail}", markup=True)
        c.print("    " + x.text.strip()[:200].replace("\n", " "), markup=False)
    c.print(
        f"规则 {len(rs)} 条，示例 {len(results)} 个，失败 {len(failures)} 个 / "
        f"{len(rs)} rules, {len(results)} examples, {len(failures)} failed"
    )
    sys.exit(1 if failures else 0)


# --------------------------------------------------------------------------- extract


@main.command()
@click.argument("path")
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)
@click.option("--kind", "kinds", multiple=True, help="只显示这些种类的事实 / only these fact kinds")
def extract(path: str, fmt: str, kinds: tuple[str, ...]) -> None:
    """显示从文件中识别出的数字关系（事实）/ show the facts found in a file."""
    from govaudit.extract import extract_facts
    from govaudit.readers import read_document
    from govaudit.report.facts import render_facts_json, render_facts_table

    try:
        doc = read_document(path)
    except GovauditError as exc:
        _err_console().print(exc.text())
        _err_console().print(exc.en)
        sys.exit(2)
    facts = extract_facts(doc)
    wanted = set(_split(kinds))
    if wanted:
        facts = [f for f in facts if f.kind in wanted]
    if fmt == "json":
        sys.stdout.write(render_facts_json(doc, facts))
    else:
        render_facts_table(Console(highlight=False, soft_wrap=True), doc, facts)


if __name__ == "__main__":
    main()
