"""How `govaudit extract` shows what it understood of a 绩效自评表: one readable line per
table, budget row, indicator, column sum and section, in the order of the table."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from govaudit.model import Fact, Quantity


def _n(v: Any) -> str:
    """A figure as printed, "—" when the table leaves it empty."""
    if isinstance(v, Quantity):
        return v.text if v.unit_inferred or not v.unit else f"{v.printed()}{v.unit}"
    if v is None or v == "":
        return "—"
    return str(v)


def _sum(items: list[Any]) -> str:
    from decimal import Decimal

    qs = [q for q in items if isinstance(q, Quantity)]
    if not qs or len(qs) != len(items):
        return "—"
    total = sum((q.value for q in qs), Decimal(0))
    return f"{total.normalize():f}"


def _value_of(q: Any) -> Any:
    return q.printed() if isinstance(q, Quantity) else q


def perf_table(f: Fact) -> str:
    F = f.fields
    parts = [f"【{F.get('table_type')}】「{F.get('name')}」"]
    if F.get("weight_total") is not None or F.get("total_score") is not None:
        parts.append(f"合计 权重 {_n(F.get('weight_total'))} 得分 {_n(F.get('total_score'))}")
    stated = F.get("stated_score")
    parts.append(f"评价结论所述得分 {_n(stated.value if stated else None)}")
    if F.get("budget_weight") is not None or F.get("budget_score") is not None:
        parts.append(
            f"预算执行 权重 {_n(F.get('budget_weight'))} 得分 {_n(F.get('budget_score'))}"
            f"（执行率 {_n(F.get('budget_rate'))}）"
        )
    weights, scores = F.get("weights") or [], F.get("scores") or []
    parts.append(
        f"指标 {F.get('indicator_count', 0)} 项"
        + (f" 权重和 {_sum(weights)}" if weights else "")
        + (f" 得分和 {_sum(scores)}" if scores else "")
    )
    bp, ip = F.get("budget_block_points"), F.get("indicator_block_points")
    if bp is not None or ip is not None:
        parts.append(f"表头分值 {_n(bp and bp.value)}+{_n(ip and ip.value)}")
    tail = " ".join(str(F.get("title") or "").split())
    if F.get("code"):
        tail = f"{F['code']} {tail}".strip()
    if tail and F.get("title") != F.get("name"):
        parts.append(tail)
    return "；".join(parts)


def perf_budget_row(f: Fact) -> str:
    F = f.fields
    s = (
        f"  预算执行·{F.get('label')}：年初 {_n(F.get('initial'))} 调整后 {_n(F.get('adjusted'))}"
        f" 执行 {_n(F.get('executed'))} 执行率 {_n(F.get('rate'))}"
    )
    if F.get("weight") is not None or F.get("score") is not None:
        s += f" 权重 {_n(F.get('weight'))} 得分 {_n(F.get('score'))}"
    return s


def perf_indicator(f: Fact) -> str:
    F = f.fields
    levels = "/".join(x for x in (F.get("level1"), F.get("level2")) if x)
    s = f"  指标 {levels}/{F.get('name')}"
    if F.get("target_text") is not None or F.get("operator"):
        op = F.get("operator") or ""
        target = F.get("target_text") or "—"
        if op and op != "定性" and target.startswith(op):
            op = ""
        s += f"：{op} {target} {F.get('unit') or ''}".rstrip()
        s += f" 完成 {F.get('actual_text') or '—'}"
    if F.get("weight") is not None or F.get("score") is not None:
        label = "分值" if F.get("table_type") == "指标体系" else "权重"
        s += f" {label} {_n(F.get('weight'))} 得分 {_n(F.get('score'))}"
    if F.get("deduction"):
        s += "（扣分项）"
    return s


def perf_column_sum(f: Fact) -> str:
    F = f.fields
    parts = " + ".join(f"{q.label} {_n(q)}" for q in F.get("parts") or [])
    return f"  {F.get('column')}：{F.get('total_name')} {_n(F.get('total'))} = {parts}"


def perf_section(f: Fact) -> str:
    F = f.fields
    return (
        f"  {F.get('level')}「{F.get('name')}」标明 {_n(_value_of(F.get('stated_points')))} 分；"
        f"其下分值 {' + '.join(_n(q) for q in F.get('points') or [])}，"
        f"得分 {' + '.join(_n(q) for q in F.get('scores') or [])}"
    )


PERF_SUMMARIES: dict[str, Callable[[Fact], str]] = {
    "perf_table": perf_table,
    "perf_budget_row": perf_budget_row,
    "perf_indicator": perf_indicator,
    "perf_column_sum": perf_column_sum,
    "perf_section": perf_section,
}
