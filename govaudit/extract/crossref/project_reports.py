"""A project's own report (项目支出绩效自评报告 / 绩效评价报告) states the project's money again
and again: "财政安排…项目资金258.5万元", "申请并批复资金258.5万元", "资金到位…共计258.5万元",
"资金…已经全部支出", "年初预算214.61万元，财政批复214.61万元", "实现支付876.04万元". Each of
those is a ledger entry with the project as its entity, so the report's statements are
compared with each other and with the project's own 绩效自评表 — a report whose 资金申报 says
86万元 while its 资金计划 says 987.49万元 (004 lines 736/740) is one figure stated twice.

A report starts at its title ("2022年度12345政务服务便民热线运行经费绩效自评报告", "大厅运行
项目2020年绩效评价报告") and runs to the next title; a paragraph that opens with a project's
name ("大厅运行项目绩效目标完成情况综述。项目全年预算数214.61万元…") is that project's too.
The department's own report (部门整体支出绩效评价报告) is no project's.
"""

from __future__ import annotations

import re

from govaudit.extract.base.context import ExtractContext, Prose
from govaudit.extract.base.facts import excerpt
from govaudit.extract.base.ledger import PROSE, THIS_YEAR, Key
from govaudit.extract.base.normalize import compact
from govaudit.extract.crossref.project_names import (
    ProjectIndex,
    heading_project,
    index,
    report_titles,
)
from govaudit.extract.tables.perf_tables import PROJECT_FUNDS
from govaudit.model import Fact, Quantity
from govaudit.patterns import lazy_pattern

KINDS: dict[str, dict[str, str]] = {}

# "大厅运行项目绩效目标完成情况综述。"
_SUMMARY = lazy_pattern(r"^(.{2,40}?)项目(?:绩效目标)?完成情况综述")

# The role a figure's label gives it in a project's report, first match wins. A label that
# names none ("窗口职工生活费84万元") is a part of the spending, not the project's figure.
ROLES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"未支付|未使用|结转|结余|节约"), ""),
    (re.compile(r"年初预算(?:数)?$"), "年初预算"),
    (re.compile(r"全年预算(?:数)?$|调整后预算(?:数)?$"), "调整后预算"),
    # "市财政安排258.5万专项经费,用于解决…" (the money before what it is for)
    (
        re.compile(
            r"(?:财政)?批复(?:资金)?$|计划数$|安排.{0,30}(?:资金|经费)$|(?:财政|年度?)安排$"
        ),
        "预算安排",
    ),
    (re.compile(r"到位(?:资金)?$|到位.{0,6}共计$|共计$"), "到位数"),
    (re.compile(r"执行数(?:为)?$|(?:资金)?支出$|实现支付$|已经支出$|实际支出$"), "执行数"),
)


def extract(ctx: ExtractContext) -> list[Fact]:
    idx = index(ctx)
    titles = dict(report_titles(ctx))
    report: str | None = None  # from a report's title to the next title
    section: str | None = None  # from a project's heading to the next heading
    for p in ctx.prose:
        if p.in_table:
            continue
        if p.position in titles:
            name = titles[p.position]
            report, section = (idx.add(name) if name else None), None
            continue
        opened = heading_project(p)
        if opened:
            section = idx.add(opened)
            continue
        if p.heading is not None or _NUMBERED.match(compact(p.text.text)):
            section = None
        own = _SUMMARY.match(compact(p.text.text))
        who = idx.add(own.group(1)) if own else section or report
        if who:
            _register(ctx, idx, p, who)
    return []


# a short numbered line is a heading even where heading_level cannot tell ("1.部门总体目标")
_NUMBERED = re.compile(r"^(?:\d{1,2}[.、]|[(]?[一二三四五六七八九十]+[)、]|[(]\d{1,2}[)]).{0,30}$")


_YEARS = lazy_pattern(r"((?:19|20)\d\d)年")


def _register(ctx: ExtractContext, idx: ProjectIndex, p: Prose, project: str) -> None:
    ctx.entity_of[id(p.text)] = project
    for q in p.quantities:
        if q.kind != "money" or q.approx or not p.readable(q.start):
            continue
        if q.label and idx.named(q.label) is not None:
            continue  # it names a project itself: projects.py keys it
        a, _ = p.sentence_of(q.start)
        years = _YEARS.findall(p.norm[a : q.start])
        if years and ctx.report_year and int(years[-1]) != ctx.report_year:
            continue  # another year's money
        role = _role(p, q)
        if role:
            key = Key(PROJECT_FUNDS, "", THIS_YEAR, project, role)
            ctx.ledger.resolve(
                q, key, f"「{project}」报告{q.loc.describe()}", PROSE, excerpt(p, q.start)
            )


def _role(p: Prose, q: Quantity) -> str:
    """The role the words before the figure (within its clause) give it."""
    a, _ = p.sentence_of(q.start)
    before = compact(p.norm[max(a, q.start - 40) : q.start])
    before = re.split(r"[,，;；:：。]", before)[-1] if before else ""
    for pattern, role in ROLES:
        if pattern.search(before):
            return role
    return ""
