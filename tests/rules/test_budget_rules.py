"""The six real budget PDFs (部门预算 / 单位预算, Shanghai Putuo 2024–2025): every finding the
tool gives on them, checked by hand against the PDF, at its page with its numbers; no other
finding; and each relation, on a copy of a real document with one figure changed, reported
where the figure stands."""

from __future__ import annotations

import copy
from functools import cache

import pytest

from govaudit.check import check_document, load_rules
from govaudit.model import Document, FileReport, Paragraph, Table
from govaudit.report.summary import coverage
from tests.seeds import FIXTURES, checked, read

BUDGET = FIXTURES / "pdf" / "budget"
SHANGWU = "putuo-shangwuwei-2025-yusuan.pdf"  # 商务委员会 部门预算 2025
SHANGWU_UNIT = "putuo-shangwuwei-unit-2025-yusuan.pdf"  # 商务委员会 单位预算 2025
WANLI_24 = "putuo-wanli-2024-yusuan.pdf"  # 万里街道 部门预算 2024
WANLI_25 = "putuo-wanli-2025-yusuan.pdf"  # 万里街道 部门预算 2025
ZFB = "putuo-zhengfuban-2025-yusuan.pdf"  # 区政府办公室 部门预算 2025
ZFB_UNIT = "putuo-zhengfuban-unit-2025-yusuan.pdf"  # 区政府办公室 单位预算 2025
ALL = [SHANGWU, SHANGWU_UNIT, WANLI_24, WANLI_25, ZFB, ZFB_UNIT]


@cache
def _rules():
    return load_rules()


@cache
def _doc(name: str) -> Document:
    return read(BUDGET / name)


@cache
def _report(name: str) -> FileReport:
    return checked(BUDGET / name)


def _broken(
    name: str, old: str, new: str, *, table: str | None = None, row: str = ""
) -> FileReport:
    """The document with one printed figure changed: in a paragraph, or in the table whose
    title (the paragraphs before it) contains `table`, in the row whose cells contain `row`."""
    doc = copy.deepcopy(_doc(name))
    title = ""
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            title = block.text.text if "表" in block.text.text else title
            if table is None and old in block.text.text:
                block.text.text = block.text.text.replace(old, new, 1)
                return check_document(doc, _rules())
        elif isinstance(block, Table) and table is not None and table in title:
            for cells in block.rows:
                texts = [c.text.text for c in cells]
                if row in "|".join(texts) and old in texts:
                    cells[texts.index(old)].text.text = new
                    return check_document(doc, _rules())
    raise AssertionError(f"{old!r} not found")


def _found(report: FileReport) -> list[tuple[str, int | None]]:
    return [(f.rule, f.loc.page) for f in report.findings]


# --------------------------------------------------------------------------- the real PDFs


@pytest.mark.parametrize("name", ALL)
def test_each_budget_gets_at_least_150_relations_checked(name):
    c = coverage(_report(name))
    assert c.checked >= 150
    assert c.failed <= 4
    fig = _report(name).figures
    assert fig.table.checked == fig.table.total  # every table figure takes part in a relation


# every finding on the six PDFs, verified by hand against the PDF text (see the report)
EXPECTED = {
    SHANGWU: [],
    SHANGWU_UNIT: [],
    ZFB: [],
    ZFB_UNIT: [],
    WANLI_24: [
        ("GA-YS-017", 6),  # 宣传事务: 114.00 → 110.60 (减少2.98%), 原因"…经费增加"
        ("GA-YS-012", 7),  # 其他教育支出: 执行数0.00, 增加100.00% — undefined, info
        ("GA-TAB-020", 9),  # 住房公积金: 预算安排352.67 ≠ 表 3,503,499元 (350.35)
        ("GA-YS-024", 31),  # “三公”表 47.91 … with 注"…故本表为空表"
        ("GA-SUM-001", 33),  # 地上建筑面积8013 ≠ 7998 + 105
    ],
    WANLI_25: [
        (
            "GA-YS-013",
            7,
        ),  # 卫生健康支出（款）计划生育事务（项）: 表中 21007 计划生育事务/计划生育服务
        ("GA-SUM-001", 31),  # 地上建筑面积8013 ≠ 7998 + 105
    ],
}


@pytest.mark.parametrize("name", ALL)
def test_the_findings_on_the_budget_pdfs_are_the_true_ones(name):
    assert _found(_report(name)) == EXPECTED[name]


def _one(report: FileReport, rule: str, page: int):
    hits = [f for f in report.findings if f.rule == rule and f.loc.page == page]
    assert len(hits) == 1, _found(report)
    return hits[0]


def test_wanli_2024_item_31_states_a_budget_the_table_does_not_have():
    f = _one(_report(WANLI_24), "GA-TAB-020", 9)
    assert (f.actual, f.expected) == ("352.67", "350.3499")  # the table's 3,503,499元
    assert "住房公积金（2210201）" in f.message
    assert "一般公共预算支出功能分类预算表" in f.message
    # the heading (350.35) and the rate (0.53% = (350.35 − 348.52) ÷ 348.52) fit the table:
    # the 预算安排 figure is the odd one, reported once
    assert [x.rule for x in _report(WANLI_24).findings if x.loc.page == 9] == ["GA-TAB-020"]


def test_wanli_2024_item_4_gives_a_reason_that_points_the_other_way():
    f = _one(_report(WANLI_24), "GA-YS-017", 6)
    assert (f.expected, f.actual) == ("减少", "增加")
    assert "宣传事务" in f.message and f.severity == "warning"


def test_wanli_2024_growth_from_zero_is_unverifiable_not_an_error():
    f = _one(_report(WANLI_24), "GA-YS-012", 7)
    assert f.severity == "info" and f.actual == "100.00%"
    assert "上年执行数为 0.00 万元" in f.message and "没有定义" in f.message
    assert coverage(_report(WANLI_24)).unverified == 1


def test_wanli_2024_three_public_expenses_table_is_noted_empty_but_is_not():
    f = _one(_report(WANLI_24), "GA-YS-024", 31)
    assert "6 个不为零的数" in f.message and "故本表为空表" in f.message


def test_wanli_2025_item_21_names_its_subject_wrongly():
    f = _one(_report(WANLI_25), "GA-YS-013", 7)
    assert "卫生健康支出（类）卫生健康支出（款）计划生育事务（项）" in f.message
    assert "2100717 卫生健康支出/计划生育事务/计划生育服务" in f.message
    # found by its names all the same: its 20.00万元 is compared with the table's 200,000
    # and holds


def test_the_building_areas_do_not_add_up_in_both_wanli_budgets():
    for name, page in ((WANLI_24, 33), (WANLI_25, 31)):
        f = _one(_report(name), "GA-SUM-001", page)
        assert (f.expected, f.actual) == ("8103", "8013")


# --------------------------------------------------------------------------- broken copies


@pytest.mark.parametrize(
    ("name", "old", "new", "table", "row", "rule", "page"),
    [
        # 支出预算总表 行政运行: 合计 12,029,501.84 = 11,919,501.84 + 110,000.00
        (ZFB, "110,000.00", "100,000.00", "支出预算总表", "行政运行", "GA-YS-001", 11),
        # 收入预算总表 (pages 11–15) 2120101 行政运行: 合计 16,603,248 = 财政拨款收入 16,603,248
        (WANLI_24, "16,603,248", "16,603,284", "收入预算总表", "行政运行", "GA-YS-002", 14),
        # 经济分类 (pages 18–19) 合计: 24,606,775.35 = 22,473,997.81 + 2,132,777.54
        (ZFB, "2,132,777.54", "2,123,777.54", "经济分类预算表", "合计", "GA-YS-003", 19),
        # 单位 财务收支总表 一般公共服务支出: 21,601,733 = 10,823,891 + 1,467,842 + 9,310,000
        (
            SHANGWU_UNIT,
            "1,467,842.00",
            "1,476,842.00",
            "财务收支预算总表",
            "一般公共服务",
            "GA-YS-004",
            9,
        ),
        # 财政拨款收支总表 公共安全支出: 合计 1,633,000 = 一般公共预算 1,633,000
        (WANLI_24, "1,633,000", "1,636,000", "财政拨款收支预算总表", "公共安全", "GA-YS-005", 21),
        # 功能分类表 款 20103 = Σ 项: a 项 changed
        (
            ZFB,
            "3,807,295.58",
            "3,870,295.58",
            "一般公共预算支出功能分类预算表",
            "事业运行",
            "GA-TAB-002",
            14,
        ),
        # 财务收支总表 收入总计 = 一、财政拨款收入 + …
        (
            WANLI_25,
            "189,767,551",
            "189,767,515",
            "财务收支预算总表",
            "一、财政拨款收入",
            "GA-TAB-001",
            9,
        ),
        # 经济分类表 合计 (page 20) = 功能分类表 基本支出 合计 (page 16), reported at the
        # first; and its row no longer adds up
        (SHANGWU, "19,830,655.00", "19,830,565.00", "经济分类预算表", "合计", "GA-TAB-010", 16),
        (SHANGWU, "19,830,655.00", "19,830,565.00", "经济分类预算表", "合计", "GA-YS-003", 20),
        # “三公”表 合计 867.50 = 839.00 + 28.50 (+ 0)
        (ZFB_UNIT, "867.50", "876.50", "三公", "", "GA-EQ-006", 20),
        # 机关运行经费 ≤ 一般公共预算基本支出中的公用经费 (213.28 = 2,132,777.54元)
        (ZFB, "213.28", "2132.80", "三公", "", "GA-EQ-012", 20),
    ],
)
def test_a_table_figure_changed_is_reported_where_it_stands(name, old, new, table, row, rule, page):
    assert rule not in {r for r, _ in _found(_report(name))}
    report = _broken(name, old, new, table=table, row=row)
    assert (rule, page) in _found(report), _found(report)


@pytest.mark.parametrize(
    ("name", "old", "new", "rule", "page"),
    [
        # the item heading against the table, and the items' sum against the total (财政拨款
        # 收支预算总表 page 13)
        (ZFB, "科目1,202.95万元", "科目1,220.95万元", "GA-TAB-020", 6),
        (ZFB, "科目1,202.95万元", "科目1,220.95万元", "GA-YS-014", 13),
        # 收入预算 = 支出预算 in the prose
        (ZFB_UNIT, "支出预算9,101.68万元", "支出预算9,110.68万元", "GA-YS-006", 6),
        # 收入预算 = 财政拨款收入 + 事业收入 + 事业单位经营收入 + 其他收入: the page writes the
        # sources as the "其中" list of 收入预算, so the list itself is the relation (GA-SUM-001)
        (ZFB, "其他收入0万元", "其他收入10万元", "GA-SUM-001", 6),
        # 财政拨款支出预算 = 一般公共预算 + 政府性基金 + 国有资本经营预算
        (ZFB, "政府性基金拨款支出预算0万元", "政府性基金拨款支出预算10万元", "GA-YS-009", 6),
        # the rate of the item before copied: 减少6.19% → 减少57.14%
        (WANLI_24, "执行数减少6.19%", "执行数减少57.14%", "GA-YS-010", 6),
        # the direction word against the two figures
        (WANLI_24, "执行数增加46.19%", "执行数减少46.19%", "GA-YS-011", 6),
        # a year not the budget's ("2022年当年预算执行数" in a 2024 budget)
        (
            WANLI_24,
            "2023年当年预算执行数为45.41万元",
            "2022年当年预算执行数为45.41万元",
            "GA-YS-016",
            6,
        ),
        # a 单位预算 copying its department's wording
        (ZFB_UNIT, "2025年单位预算安排购置车辆", "2025年部门预算安排购置车辆", "GA-YS-020", 21),
        # vehicles to buy against the purchase budget (25万元 in the table)
        (WANLI_24, "预算安排购置车辆1辆", "预算安排购置车辆0辆", "GA-YS-021", 32),
        # reserved for small firms more than for SMEs
        (WANLI_24, "项目预算为465.49万元", "项目预算为765.49万元", "GA-YS-022", 32),
        # project funds with targets more than the 项目支出 budget (66,410,000.00元)
        (ZFB, "涉及项目预算资金6626万元", "涉及项目预算资金6662万元", "GA-YS-023", 21),
        # the prose's “三公” figure against the table
        (SHANGWU, "预算数为1.00万元", "预算数为1.10万元", "GA-TAB-020", 22),
    ],
)
def test_a_sentence_figure_changed_is_reported_where_it_stands(name, old, new, rule, page):
    assert (rule, page) not in _found(_report(name))
    report = _broken(name, old, new)
    assert (rule, page) in _found(report), _found(report)


# --------------------------------------------------------------------------- misread input


def test_a_misread_table_figure_is_unverifiable_never_an_error():
    """A cell the reader cannot take for a number (an O for a 0): the row's relation cannot
    be verified; nothing is reported."""
    report = _broken(ZFB, "110,000.00", "11O,000.00", table="支出预算总表", row="行政运行")
    assert _found(report) == []
    assert [(o.rule, o.status) for o in report.outcomes if o.status != "held"] == [
        ("GA-YS-001", "unverified")
    ]


def test_an_item_cut_in_the_middle_of_a_figure_is_not_checked():
    """万里街道 2024 item 2 read as two paragraphs cut inside "42.60万元": the 预算安排 is not
    read, so neither the rate nor the amount is compared — no finding."""
    doc = copy.deepcopy(_doc(WANLI_24))
    for i, block in enumerate(doc.blocks):
        if isinstance(block, Paragraph) and block.text.text.startswith("2.“一般公共服务支出"):
            head, tail = block.text.text.split("2024年预算安排42.", 1)
            block.text.text = head + "2024年预算安排42."
            doc.blocks.insert(i + 1, Paragraph(copy.deepcopy(block.text)))
            doc.blocks[i + 1].text.text = "60万元" + tail
            break
    report = check_document(doc, _rules())
    assert _found(report) == EXPECTED[WANLI_24]
