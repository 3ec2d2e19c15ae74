"""A project's amounts in the prose against its own 绩效自评表.

The report's prose names projects with their amounts ("“12345”政务服务热线经费258.5万元",
"财政安排无差别综合窗口运行经费项目资金45.83万元"); each project's self-evaluation table gives
its 年初预算, 调整后预算数 and 预算执行数. A figure in the prose that names a project and
equals none of the three is a finding. Which of the three the sentence means is not
guessed: agreeing with any one is enough. Sentences about procurement are left out: the
amount procured for a project ("…智慧化信息化管理系统建设142.17万元") is neither.
"""

from __future__ import annotations

from govaudit.extract.base.context import ExtractContext
from govaudit.extract.base.facts import excerpt
from govaudit.extract.tables.perf_model import ProjectNames
from govaudit.model import Fact

KINDS: dict[str, dict[str, str]] = {}
KINDS["project_amount"] = {
    "project": "项目名称（取自项目绩效自评表）",
    "stated": "正文中给出的该项目金额",
    "initial": "自评表的年初预算数",
    "adjusted": "自评表的调整后预算数",
    "executed": "自评表的预算执行数",
    "table_at": "项目自评表的位置",
}


def extract(ctx: ExtractContext) -> list[Fact]:
    return _prose_against_tables(ctx)


def _prose_against_tables(ctx: ExtractContext) -> list[Fact]:
    rows = [f for f in ctx.facts_of("perf_budget_row") if f.fields.get("is_total")]
    if not rows:
        return []
    index = ProjectNames(rows, lambda r: str(r.fields["project"]))
    facts: list[Fact] = []
    for p in ctx.prose:
        if p.in_table or any("采购" in h for h in p.section):
            continue
        for q in p.quantities:
            if q.kind != "money" or q.approx or not q.label or not p.readable(q.start):
                continue
            sa, sb = p.sentence_of(q.start)
            if "采购支出" in p.norm[sa:sb]:
                continue  # a procurement amount for a project is not its budget or spending
            found = index.lookup(q.label)
            if len(found) != 1:
                continue
            (row,) = found
            amounts = [row.fields.get(k) for k in ("initial", "adjusted", "executed")]
            if not any(amounts):
                continue
            facts.append(
                Fact(
                    kind="project_amount",
                    loc=q.loc,
                    block=q.block,
                    fields={
                        "project": row.fields["project"],
                        "stated": q,
                        "initial": amounts[0],
                        "adjusted": amounts[1],
                        "executed": amounts[2],
                        "table_at": row.loc.describe(),
                    },
                    section=p.section,
                    excerpt=excerpt(p, q.start),
                    anchor=q,
                )
            )
    return facts
