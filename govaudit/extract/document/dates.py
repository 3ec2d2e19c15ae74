"""Years and dates.

* A span must not end before it begins: "拨付…2023年1月至2022年12月工作经费".
* The report's own figures carry the report's year. A paragraph that opens with another
  year while the paragraph before it (at the same place in a parallel structure) opens with
  the report year — "2021年度部门财政资金收入…" / "2020年度部门财政资金支出…" in a 2021
  report — very likely mislabels the current year. Comparisons ("比2020年…", "上年…") and
  paragraphs about other years throughout are not flagged.
* A part heading that names a year ("第二部分 2021年度部门决算情况说明") must name the
  report's year.
* The closing date of a 决算 is the end of the report's year: "截至2023年12月31日，市政务服务
  管理局共有特种专业技术用车1辆" in a 2023 决算; "截至2022年12月31日" there is last year's
  count. A budget (预算) states its assets at an earlier date ("截至2023年8月31日" in a 2024
  budget) and is not checked.
"""

from __future__ import annotations

from govaudit.extract.base.context import ExtractContext, Prose
from govaudit.extract.base.facts import fact_at
from govaudit.model import Fact
from govaudit.patterns import lazy_pattern

_SPAN = lazy_pattern(
    r"(?P<y1>\d{4})\s*年\s*(?P<m1>\d{1,2})\s*月(?:\s*(?P<d1>\d{1,2})\s*日)?\s*(?:至|到|—|–|-|~|～)\s*"
    r"(?:(?P<y2>\d{4})\s*年\s*)?(?P<m2>\d{1,2})\s*月(?:\s*(?P<d2>\d{1,2})\s*日)?"
)
_LEADING_YEAR = lazy_pattern(r"^(?:\d{1,2}\s*[.、]\s*)?(\d{4})\s*年")
_COMPARISON = lazy_pattern(r"比|较|相比|同比|上年|上一年|去年|同期|增加|减少|增长|下降")
_HEADING_YEAR = lazy_pattern(r"(\d{4})\s*年度?[^。]{0,20}?(决算|预算)")
_CLOSING = lazy_pattern(
    r"(?:截至|截止|截止到|截至到)\s*(?P<year>\d{4})\s*年\s*(?:12\s*月\s*(?:31\s*日|底|末)|底|末)"
)
_KIND = lazy_pattern(r"(\d{4})\s*年度?[^。,;]{0,30}?(决算|预算|自评|绩效|总结)")

KINDS: dict[str, dict[str, str]] = {}
KINDS["date_span"] = {
    "text": "文中的起止日期",
    "ordered": "结束日期是否不早于开始日期",
}
KINDS["closing_date"] = {
    "text": "文中的截止日期（如「截至2023年12月31日」）",
    "year": "截止日期的年份",
    "report_year": "报告年度",
}
KINDS["year_label"] = {
    "year": "文中所写的年份",
    "report_year": "报告年度",
    "neighbour_year": "上一段开头的年份（与之对照）",
    "where": "heading（标题）或 paragraph（段落）",
}


def extract(ctx: ExtractContext) -> list[Fact]:
    return _spans(ctx) + _year_labels(ctx) + _closing_dates(ctx)


def _is_budget(ctx: ExtractContext) -> bool:
    """A 预算 disclosure: its title speaks of 预算, not of 决算 or 自评."""
    for p in ctx.prose[:12]:
        m = _KIND.search(p.norm)
        if m:
            return m.group(2) == "预算"
    return False


def _closing_dates(ctx: ExtractContext) -> list[Fact]:
    year = ctx.report_year
    if year is None or _is_budget(ctx):
        return []
    facts: list[Fact] = []
    for p in ctx.prose:
        for m in _CLOSING.finditer(p.norm):
            fields = {
                "text": p.text.text[m.start() : m.end()],
                "year": int(m.group("year")),
                "report_year": year,
            }
            facts.append(fact_at(p, m.start(), "closing_date", fields))
    return facts


def _spans(ctx: ExtractContext) -> list[Fact]:
    facts: list[Fact] = []
    for p in ctx.prose:
        for m in _SPAN.finditer(p.norm):
            y1, m1 = int(m.group("y1")), int(m.group("m1"))
            y2 = int(m.group("y2")) if m.group("y2") else y1
            m2 = int(m.group("m2"))
            d1 = int(m.group("d1") or 1)
            d2 = int(m.group("d2") or 31)
            if not (1 <= m1 <= 12 and 1 <= m2 <= 12):
                continue
            fields = {
                "text": p.text.text[m.start() : m.end()],
                "ordered": (y1, m1, d1) <= (y2, m2, d2),
            }
            facts.append(fact_at(p, m.start(), "date_span", fields))
    return facts


def _opening_year(p: Prose) -> int | None:
    m = _LEADING_YEAR.match(p.norm.strip())
    return int(m.group(1)) if m else None


def _year_labels(ctx: ExtractContext) -> list[Fact]:
    year = ctx.report_year
    if year is None:
        return []
    facts: list[Fact] = []
    previous: Prose | None = None
    for p in ctx.prose:
        if p.in_table:
            continue
        if p.heading == 0:
            m = _HEADING_YEAR.search(p.norm)
            if m and int(m.group(1)) != year:
                facts.append(_year_fact(p, int(m.group(1)), year, year, "heading"))
        if p.heading is not None:
            continue
        opening = _opening_year(p)
        if (
            opening is not None
            and opening != year
            and previous is not None
            and _opening_year(previous) == year
            and p.quantities
            and not _COMPARISON.search(p.norm[: p.sentences[0][1]] if p.sentences else p.norm)
        ):
            facts.append(_year_fact(p, opening, year, year, "paragraph"))
        previous = p
    return facts


def _year_fact(p: Prose, found: int, report_year: int, neighbour: int, where: str) -> Fact:
    fields = {
        "year": found,
        "report_year": report_year,
        "neighbour_year": neighbour,
        "where": where,
    }
    return fact_at(p, 0, "year_label", fields)
