"""A table the text cites by number and title is the document's table of that number
(GA-TPL-001)."""

from __future__ import annotations

from pathlib import Path

from govaudit.check import check_file

JIANGSU = Path(__file__).parent.parent / "fixtures" / "pdf" / "jiangsu"


def tpl(report):
    return [f for f in report.findings if f.rule == "GA-TPL-001"]


def test_zhengxie_2019_cites_its_08_table_by_the_06_tables_title(rules):
    """p15, twice: "（按“部门预算公开 08 表 财政拨款基本支出预算表”中实际发生经济分类支出事项填
    写）"; its own 目录 (p2) lists 八、一般公共预算基本支出预算表 — 财政拨款基本支出预算表 is 06."""
    r = check_file(str(JIANGSU / "js-zhengxie-2019-yusuan-shuoming.pdf"), rules)
    (f,) = tpl(r)
    assert (f.loc.page, f.loc.line, f.severity) == (15, 10, "warning")
    assert (f.expected, f.actual) == ("一般公共预算基本支出预算表", "财政拨款基本支出预算表")
    assert f.message == (
        "文中引用“公开08表 财政拨款基本支出预算表”（共2处，另见第15页第15行），但本文件的公开08表"
        "是“一般公共预算基本支出预算表”（目录第2页第14行），“财政拨款基本支出预算表”是另一张表"
    )


def test_citations_of_the_right_table_hold(rules):
    """js-renda-2018 cites "公开06表 财政拨款基本支出预算表" and "公开08表 一般公共预算基本支出
    预算表" — its own 06 and 08 (目录: 六、… 八、…): compared, and they hold."""
    r = check_file(str(JIANGSU / "js-renda-2018-yusuan.pdf"), rules)
    assert tpl(r) == []
    held = [o for o in r.outcomes if o.rule == "GA-TPL-001" and o.status == "held"]
    assert len(held) == 2
