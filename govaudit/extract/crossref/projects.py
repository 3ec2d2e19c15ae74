"""A project's amounts wherever the text names the project: keyed in the ledger by project and
role, and an amount whose role the words leave open held against the project's own figures.

The prose names projects with their money: "项目支出1312.78万元（其中…无差别综合窗口运行经费
45.83万元…）", "本年预算大厅运行经费214.61万元", "2023年人民日报电子阅报栏服务费用实际支出5万元",
the list of evaluated projects ("本次评价项目共7个，分别为…工作专项经费86.601351万元；…") and a
project's own paragraph ("…为我单位拨付…工作经费866013.51元"). Each such figure is a ledger
entry of the project (project_names.py says which project a label names, and which role its
words give the figure), so that the same amount stated twice — in 万元 in one place and in 元
in another — is compared by the ledger (ledger_facts.same_figure) like any other figure.

Which of the project's figures an amount is, is not guessed. Words that name a role (年初预算,
执行数, 实际支出 …) key it with that role. An amount given by the name alone (金额), or as the
project's 预算 / 安排 / 批复, states one of the project's figures without saying which: it is
held against the project's own 绩效自评表 (年初预算, 调整后预算, 执行数; 预算 and 安排 against
the two budgets only) and, for a project without a table, against the amounts the text stated
with the project's name before it (`project_amount`). Two amounts given by the name alone are
never compared as one figure: "…管理系统建设172.66万元" among the year's spending and "…管理
系统项目资金395.84万元已经支出172.7万元" are the project's spending and its budget. Procurement sentences are left out: the amount
procured for a project ("…管理系统建设142.17万元", a contract) is neither its budget nor its
spending.
"""

from __future__ import annotations

import re

from govaudit.extract.base.context import ExtractContext, Prose
from govaudit.extract.base.facts import excerpt
from govaudit.extract.base.ledger import PROSE, THIS_YEAR, Entry, Key
from govaudit.extract.crossref.project_names import AMOUNT, ProjectIndex, index, list_items
from govaudit.extract.tables.perf_tables import PROJECT_FUNDS
from govaudit.model import Fact, Quantity

KINDS: dict[str, dict[str, str]] = {}
KINDS["project_amount"] = {
    "project": "项目名称",
    "stated": "正文中给出的该项目金额（未写明是预算还是执行数，或只写“预算”“安排”）",
    "role": "正文的写法：金额（只写项目名）/ 预算数 / 预算安排",
    "amounts": "该项目的各项金额（列表）：有项目自评表时为表中的年初预算、调整后预算、执行数，否则为正文写明的各项金额",
    "amounts_text": "同上，供消息显示（在哪里、是什么）",
    "initial": "自评表的年初预算数（没有自评表时为 none）",
    "adjusted": "自评表的调整后预算数",
    "executed": "自评表的预算执行数",
    "table_at": "项目自评表的位置（没有时为空）",
}

# roles that say which of the project's figures an amount is not, or only partly
OPEN_ROLES = (AMOUNT, "预算数", "预算安排")
_BUDGET_ONLY = ("预算数", "预算安排")
_YEARS = re.compile(r"((?:19|20)\d\d)年")


def extract(ctx: ExtractContext) -> list[Fact]:
    idx = index(ctx)
    if not idx.by_key:
        return []
    named: list[Entry] = []
    for p in ctx.prose:
        if p.in_table or any("采购" in h for h in p.section):
            continue
        items = {item.start: item for item in list_items(p)}
        for q in p.quantities:
            if q.kind != "money" or q.approx or not p.readable(q.start):
                continue
            if ctx.ledger.key_of(q) is not None or _another_year(ctx, p, q):
                continue
            sa, sb = p.sentence_of(q.start)
            if "采购支出" in p.norm[sa:sb]:
                continue  # an amount procured for a project is not its budget or spending
            item = items.get(q.start)
            if item is not None:
                project = idx.add(item.name)
                role = AMOUNT
            else:
                found = idx.named(q.label)
                if found is None:
                    continue
                project, role = found.project, found.role
            entry = _key(ctx, p, q, project, role)
            if entry is not None:
                named.append(entry)
    return _open_amounts(ctx, idx, named)


def _another_year(ctx: ExtractContext, p: Prose, q: Quantity) -> bool:
    """ "2024年安排…" in a 2023 report: another year's money. A period inside the name
    ("…辅助人员2023年1月至2022年12月工作经费") is the label's, not the figure's year."""
    a, _ = p.sentence_of(q.start)
    at = p.text.text.rfind(q.label, a, q.start) if q.label else -1
    years = _YEARS.findall(p.norm[a : at if at >= 0 else q.start])
    return bool(years and ctx.report_year and int(years[-1]) != ctx.report_year)


def _key(ctx: ExtractContext, p: Prose, q: Quantity, project: str, role: str) -> Entry | None:
    key = Key(PROJECT_FUNDS, "", THIS_YEAR, project, role)
    where = f"「{project}」{q.loc.describe()}"
    ctx.ledger.resolve(q, key, where, PROSE, excerpt(p, q.start))
    entry = ctx.ledger.entries.get(q.ref) if q.ref is not None else None
    return entry if entry is not None and entry.key == key else None


def _open_amounts(ctx: ExtractContext, idx: ProjectIndex, named: list[Entry]) -> list[Fact]:
    """Each amount whose role is open, against the project's own 自评表; for a project
    without one, a later amount given by the name alone against the amounts stated with the
    name before it (so that two statements that differ give one finding, at the later)."""
    tables = {
        str(f.fields["project"]): f
        for f in ctx.facts_of("perf_budget_row")
        if f.fields.get("is_total") and f.fields.get("project") in idx.tables
    }
    before: dict[str, list[Entry]] = {}
    facts: list[Fact] = []
    for e in named:  # in reading order
        assert e.key is not None
        role, project = e.key.role, e.key.entity
        earlier = before.setdefault(project, [])
        row = tables.get(project)
        fields = None
        if role in OPEN_ROLES and row is not None:
            fields = _against_table(row, role)
        elif role == AMOUNT and row is None:
            fields = _against_text(earlier)
        earlier.append(e)
        if fields is None:
            continue
        fields.update({"project": project, "stated": e.quantity, "role": role})
        facts.append(
            Fact(
                "project_amount",
                e.quantity.loc,
                e.quantity.block,
                fields,
                excerpt=e.excerpt,
                anchor=e.quantity,
            )
        )
    return facts


def _against_table(row: Fact, role: str) -> dict | None:
    names = (("initial", "年初预算"), ("adjusted", "调整后预算"), ("executed", "执行数"))
    if role in _BUDGET_ONLY:
        names = names[:2]
    shown = [(row.fields.get(k), label) for k, label in names]
    amounts = [q for q, _ in shown if q is not None]
    if not amounts:
        return None
    listing = "、".join(f"{label} {q.text}" for q, label in shown if q is not None)
    return {
        "amounts": amounts,
        "amounts_text": f"其项目绩效自评表（{row.loc.describe()}）中{listing} 万元",
        "initial": row.fields.get("initial"),
        "adjusted": row.fields.get("adjusted"),
        "executed": row.fields.get("executed"),
        "table_at": row.loc.describe(),
    }


def _against_text(others: list[Entry]) -> dict | None:
    if not others:
        return None
    listing = "、".join(
        f"{o.loc.describe()}{o.key.role if o.key else ''} {o.quantity.text}" for o in others
    )
    return {
        "amounts": [o.quantity for o in others],
        "amounts_text": f"文中写明的该项目金额（{listing}）",
        "initial": None,
        "adjusted": None,
        "executed": None,
        "table_at": "",
    }
