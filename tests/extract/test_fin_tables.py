"""The standard 决算 tables (附表) on the real Putuo 2024 disclosures: the nine tables are
found on their pages, every table rule holds on the published tables (except the real
inconsistencies), and a copy with one figure changed gives the finding a reader expects."""

from __future__ import annotations

import copy
from collections import Counter

import pytest

from govaudit.check import check_document, check_text
from govaudit.extract import extract_facts
from govaudit.extract.tables.fin_tables import match_title
from govaudit.model import Cell, Document, Paragraph, Quantity, Table, Text
from tests.seeds import FIXTURES, read

PDF = FIXTURES / "pdf"
CAIZHENGJU = PDF / "putuo-caizhengju-2024-juesuan.pdf"
GUIHUA = PDF / "putuo-guihuaziyuan-2024-juesuan.pdf"
SHEHUI = PDF / "putuo-shehuigongzuobu-2024-juesuan.pdf"
TEMPLATE = PDF / "juesuan-template-2024.pdf"

NINE = [
    "收入支出决算总表",
    "收入决算表",
    "支出决算表",
    "财政拨款收入支出决算总表",
    "一般公共预算财政拨款支出决算表",
    "一般公共预算财政拨款基本支出决算表",
    "财政拨款“三公”经费支出决算表",
    "政府性基金预算财政拨款收入支出决算表",
    "国有资本经营预算财政拨款支出决算表",
]


@pytest.fixture(scope="module")
def docs() -> dict[str, Document]:
    return {p.name: read(p) for p in (CAIZHENGJU, GUIHUA, SHEHUI, TEMPLATE)}


def table_facts(doc: Document) -> dict[str, object]:
    return {f.fields["name"]: f for f in extract_facts(doc) if f.kind == "fin_table"}


@pytest.mark.parametrize(
    ("name", "pages"),
    [
        (CAIZHENGJU.name, [6, 8, 10, 12, 15, 16, 18, 19, 20]),
        (GUIHUA.name, [7, 8, 10, 12, 14, 16, 17, 18, 19]),
        (SHEHUI.name, [5, 6, 8, 10, 12, 13, 14, 15, 16]),
        (TEMPLATE.name, [5, 6, 7, 8, 10, 11, 12, 13, 14]),
    ],
)
def test_the_nine_tables_are_found_on_their_pages(docs, name, pages):
    found = table_facts(docs[name])
    assert list(found) == NINE
    assert all(f.fields["found"] for f in found.values())
    assert [f.loc.page for f in found.values()] == pages


def test_rows_found_in_the_caizhengju_tables(docs):
    found = table_facts(docs[CAIZHENGJU.name])
    rows = {n: f.fields["rows"] for n, f in found.items()}
    assert rows["收入决算表"] == 20  # the 合计 row and 19 subject rows
    assert rows["一般公共预算财政拨款支出决算表"] == 20
    assert rows["财政拨款“三公”经费支出决算表"] == 1
    cols = found["支出决算表"].fields["columns"]
    assert {"本年支出合计", "基本支出", "项目支出"} <= set(cols)


# the table rules, the named equations over the ledger and the cross-references
TABLE_RULES = ("GA-TAB", "GA-EQ", "GA-XREF")


def findings(doc: Document, rules, prefix: str | tuple[str, ...] = TABLE_RULES):
    report = check_document(doc, [r for r in rules if r.id.startswith(prefix)])
    return report


# one-digit differences between two tables that the published documents really have
ULP = {
    CAIZHENGJU.name: {("326.71", "326.72"), ("326.72", "326.71")},
    GUIHUA.name: {("236.63", "236.64"), ("3845.25", "3845.24")},
}


def test_every_table_rule_holds_on_the_published_tables(docs, rules):
    held: Counter[str] = Counter()
    for name, doc in docs.items():
        report = findings(doc, rules)
        for o in report.outcomes:
            if o.status == "held":
                held[o.rule] += 1
        wrong = [
            f
            for f in report.findings
            if f.rule != "GA-TAB-020"
            and not (f.rule == "GA-XREF-004" and (f.expected, f.actual) in ULP.get(name, ()))
        ]
        assert wrong == [], (name, [f.message for f in wrong])
    for rule in (
        "GA-TAB-000",
        "GA-TAB-001",  # 合计 rows, 总表 rows
        "GA-TAB-002",  # 类 = Σ 款 = Σ 项
        "GA-TAB-003",  # 收入决算表 columns
        "GA-TAB-007",  # 支出决算表 columns
        "GA-TAB-008",  # 一般公共预算表 合计 = 基本 + 项目
        "GA-TAB-009",  # 财政拨款总表 合计 = three funds
        "GA-TAB-010",  # the same figure in two tables (收入总计 = 支出总计 included)
        "GA-TAB-020",  # prose = table
        "GA-EQ-005",  # 一般公共预算表 基本支出 = 基本支出表 人员经费 + 公用经费
        "GA-EQ-006",  # 三公 = 出国 + 公务用车 + 接待, 预算数 and 决算数
        "GA-EQ-010",  # 人员经费 = 301 + 303
        "GA-EQ-011",  # 公用经费 = 302 + 310 + …
        "GA-XREF-004",
    ):
        assert held[rule] > 0, rule


def test_the_real_inconsistencies(docs, rules):
    report = findings(docs[CAIZHENGJU.name], rules)
    got = [(f.rule, f.expected, f.actual, f.loc.page) for f in report.findings]
    assert got == [
        # 总表 支出方 八、社会保障和就业支出 326.71; 支出决算表 208 类 326.72
        ("GA-XREF-004", "326.71", "326.72", 10),
        # the prose's 社会保障和就业支出（类）326.72 (page 21), the 财政拨款总表 326.71
        ("GA-XREF-004", "326.72", "326.71", 12),
        # the 财政拨款总表 326.71, the 一般公共预算财政拨款支出决算表 208 类 326.72
        ("GA-XREF-004", "326.71", "326.72", 15),
        ("GA-TAB-020", "2961.68", "0.3", 21),
    ]
    f = report.findings[-1]
    assert (f.loc.page, f.loc.line) == (21, 14)
    assert f.message == (
        "正文写财政拨款收支总计 0.3 万元（第21页第14行），财政拨款收入支出决算总表（收入）"
        "「总计」决算数中为 2961.68 万元（第13页表5第34行第2列），不一致（差 2961.38）"
    )
    assert report.findings[0].severity == "warning"

    report = findings(docs[GUIHUA.name], rules)
    got = sorted((f.rule, f.expected, f.actual, f.loc.page) for f in report.findings)
    assert got == [
        ("GA-TAB-020", "4884.09", "4896.98", 24),  # 人员经费
        ("GA-TAB-020", "5364.75", "5377.64", 24),  # 一般公共预算财政拨款基本支出
        ("GA-XREF-004", "236.63", "236.64", 10),  # 总表 九、卫生健康支出 vs 支出决算表 210
        ("GA-XREF-004", "236.63", "236.64", 14),  # the prose vs the 一般公共预算表
        ("GA-XREF-004", "3845.25", "3845.24", 11),  # 总表 十一、城乡社区支出 vs 212
    ]


def test_codes_are_never_read_as_amounts(docs):
    """Every figure the table facts hold comes from a value column: two decimals or an
    empty cell (0), never a subject code such as 201, 20106 or 2010601."""
    for doc in docs.values():
        for f in extract_facts(doc):
            if f.kind not in ("fin_sum", "table_row", "same_figure"):
                continue
            for v in [*f.fields.values(), *f.fields.get("__cells__", {}).values()]:
                for q in v if isinstance(v, list) else [v]:
                    if isinstance(q, Quantity) and q.loc.table is not None:
                        assert q.decimals == 2 or q.value == 0, (q.text, f.excerpt)


# --------------------------------------------------------------------------- one figure changed


def edited(doc: Document, title: str, row_label: str, col: int, text: str) -> Document:
    """A copy of `doc` with one cell of the table titled `title` changed."""
    doc = copy.deepcopy(doc)
    blocks = doc.blocks
    for i, b in enumerate(blocks):
        if not isinstance(b, Table):
            continue
        before = [p.text.text for p in blocks[max(0, i - 3) : i] if isinstance(p, Paragraph)]
        if title not in before:
            continue
        for row in b.rows:
            if any(c.text.text == row_label for c in row):
                old = row[col]
                row[col] = Cell(Text(text, old.text.anchors), old.merged, old.span)
                return doc
    raise AssertionError(f"no row {row_label} in {title}")


def messages(doc: Document, rules) -> list[tuple[str, str | None, str | None, str]]:
    return [(f.rule, f.expected, f.actual, f.message) for f in findings(doc, rules).findings]


def test_an_item_changed_in_the_expenditure_table(docs, rules):
    # 支出决算表: 行政运行 本年支出合计 1,511.89 → 1,521.89
    doc = edited(docs[CAIZHENGJU.name], "支出决算表", "行政运行", 4, "1,521.89")
    got = messages(doc, rules)
    assert (
        "GA-TAB-002",
        "2116.66",
        "2106.66",
        "支出决算表「20106 财政事务」本年支出合计 2106.66 万元 ≠ 其下各项之和 行政运行 1521.89 + "
        "一般行政管理事务 10.00 + 信息化建设 135.25 + 财政委托业务支出 449.52 = 2116.66 万元（差 10.00）",
    ) in got
    assert (
        "GA-TAB-007",
        "1511.89",
        "1521.89",
        "支出决算表「2010601 行政运行」行本年支出合计 1521.89 万元 ≠ 基本支出 1503.52 + 项目支出 8.37 "
        "= 1511.89 万元（差 10.00）",
    ) in got
    # the prose names items of the 一般公共预算 table, which is unchanged; the real ones stay
    assert [r for r, *_ in got] == [
        "GA-TAB-002",
        "GA-TAB-007",
        "GA-XREF-004",
        "GA-XREF-004",
        "GA-XREF-004",
        "GA-TAB-020",
    ]


def test_staff_costs_changed_in_the_basic_table(docs, rules):
    doc = edited(
        docs[CAIZHENGJU.name], "一般公共预算财政拨款基本支出决算表", "人员经费合计", 3, "2,125.26"
    )
    got = {(r, e, a) for r, e, a, _ in messages(doc, rules)}
    assert got == {
        ("GA-EQ-010", "2152.26", "2125.26"),  # 301 2082.85 + 303 69.41
        ("GA-EQ-005", "2309.91", "2336.91"),  # 一般公共预算表 基本支出 vs 人员 + 公用
        ("GA-TAB-020", "2125.26", "2152.26"),  # the prose says 人员经费2152.26万元
        ("GA-TAB-020", "2961.68", "0.3"),  # the real ones stay
        ("GA-XREF-004", "326.71", "326.72"),
        ("GA-XREF-004", "326.72", "326.71"),
    }


def test_a_total_changed_in_the_summary_table(docs, rules):
    doc = edited(docs[GUIHUA.name], "收入支出决算总表", "本年支出合计", 3, "9795.38")
    got = {(r, e, a) for r, e, a, _ in messages(doc, rules)}
    assert ("GA-TAB-001", "9759.38", "9795.38") in got  # Σ 一、… 二十四、
    assert ("GA-TAB-001", "9895.38", "9859.38") in got  # 总计 = 本年支出合计 + 年末结转和结余
    # the 总表's figure against the 支出决算表's 合计 9759.38; the prose (本年支出合计9759.38万元)
    # agrees with the 支出决算表, so the one odd figure gets one cross-reference finding
    assert ("GA-TAB-010", "9759.38", "9795.38") in got
    assert ("GA-EQ-001", "9759.38", "9795.38") in got  # 基本支出 + 项目支出 (支出决算表)


def test_sangong_changed(docs, rules):
    doc = copy.deepcopy(docs[GUIHUA.name])
    table = next(
        b
        for b in doc.blocks
        if isinstance(b, Table)
        and b.rows[0][0].text.text.startswith("财政拨款")
        and "三公" in b.rows[0][0].text.text
    )
    cell = table.rows[-1][1]  # 合计 决算数 0.39
    table.rows[-1][1] = Cell(Text("0.93", cell.text.anchors))
    got = {(r, e, a) for r, e, a, _ in messages(doc, rules)}
    assert ("GA-EQ-006", "0.39", "0.93") in got  # 三公 = 出国 + 公务用车 + 接待
    assert ("GA-TAB-020", "0.93", "2.85") not in got


# --------------------------------------------------------------------------- text layouts


def test_codes_in_one_column_or_in_front_of_the_label(check):
    text = (
        "一般公共预算财政拨款支出决算表\n"
        "单位：万元\n"
        "| 科目名称 | 合计 | 基本支出 | 项目支出 |\n"
        "| 208 社会保障和就业支出 | 754.75 | 754.75 | 0.00 |\n"
        "| 20805 行政事业单位养老支出 | 754.75 | 754.75 | 0.00 |\n"
        "| 2080501 行政单位离退休 | 54.53 | 54.53 | 0.00 |\n"
        "| 2080502 事业单位离退休 | 28.11 | 28.11 | 0.00 |\n"
        "| 2080505 机关事业单位基本养老保险缴费支出 | 446.11 | 446.11 | 0.00 |\n"
        "| 2080506 机关事业单位职业年金缴费支出 | 225.12 | 225.12 | 0.00 |\n"
        "| 2080599 其他行政事业单位养老支出 | 0.88 | 0.88 | 0.00 |\n"
        "| 合计 | 754.75 | 754.75 | 0.00 |\n"
    )
    r = check(text)
    assert [f.rule for f in r.findings if f.rule.startswith("GA-TAB")] == []
    held = Counter(o.rule for o in r.outcomes if o.status == "held")
    # 208 = Σ 款 and 20805 = Σ 项 in the 合计 and 基本支出 columns (项目支出 is all 0.00)
    assert held["GA-TAB-002"] == 4 and held["GA-TAB-001"] == 2
    bad = text.replace("| 2080502 事业单位离退休 | 28.11 |", "| 2080502 事业单位离退休 | 82.11 |")
    (f,) = [f for f in check(bad).findings if f.rule == "GA-TAB-002"]
    assert (f.expected, f.actual) == ("808.75", "754.75")


def test_a_table_in_yuan(rules):
    text = (
        "收入决算表\n"
        "单位：元\n"
        "| 科目编码 | 科目名称 | 本年收入合计 | 财政拨款收入 | 其他收入 |\n"
        "| 合计 | | 29,462,500.00 | 29,400,500.00 | 62,000.00 |\n"
        "收入支出决算总表\n"
        "| 项目 | 决算数 | 项目 | 决算数 |\n"
        "| 本年收入合计 | 2,946.25 | 本年支出合计 | 2,940.05 |\n"
    )
    r = check_text(text, [x for x in rules if x.id.startswith("GA-TAB")])
    assert [f.rule for f in r.findings if f.severity != "info"] == []
    assert any(o.rule == "GA-TAB-010" and o.status == "held" for o in r.outcomes)


def test_missing_tables_are_reported_once_each(check):
    text = (
        "收入支出决算总表\n"
        "| 项目 | 决算数 | 项目 | 决算数 |\n"
        "| 本年收入合计 | 2,946.25 | 本年支出合计 | 2,940.05 |\n"
        "收入决算表\n"
        "| 科目名称 | 本年收入合计 |\n"
        "| 合计 | 2,946.25 |\n"
    )
    missing = [f for f in check(text).findings if f.rule == "GA-TAB-000"]
    assert [f.severity for f in missing] == ["info"] * 7
    assert "未找到标准表「支出决算表」" in missing[0].message
    # one table alone is not a set of 附表
    one = text.split("收入决算表")[0]
    assert [f for f in check(one).findings if f.rule == "GA-TAB-000"] == []


def test_the_seeds_have_no_table_findings(seed_reports):
    for report in seed_reports.values():
        assert [f for f in report.findings if f.rule.startswith("GA-TAB")] == []


@pytest.mark.parametrize(
    ("title", "name"),
    [
        ("收入支出决算总表", "收入支出决算总表"),
        ("Z01 收入支出决算总表(财决01表)", "收入支出决算总表"),
        ("附表1-2 上海市普陀区财政局2024年度收入决算表", "收入决算表"),
        ("一般公共预算财政拨款支出决算表", "一般公共预算财政拨款支出决算表"),
        ("支出决算表", "支出决算表"),
        ('一般公共预算财政拨款"三公"经费支出决算表', "财政拨款“三公”经费支出决算表"),
        ("国有资本经营预算财政拨款收入支出决算表", "国有资本经营预算财政拨款支出决算表"),
        ("七、财政拨款“三公”经费支出决算表", "财政拨款“三公”经费支出决算表"),
    ],
)
def test_titles(title, name):
    std = match_title(title)
    assert std is not None and std.name == name


def test_not_titles():
    assert match_title("第二部分上海市普陀区财政局2024年度部门决算表") is None
    assert match_title("三、支出决算情况说明") is None


def test_the_reporting_software_layout_with_row_and_column_numbers(check):
    """The 财决 export: a 行次 column and a 栏次 row are numbers, never figures."""
    text = (
        "Z01 收入支出决算总表(财决01表)\n"
        "| 项目 | 行次 | 决算数 | 项目 | 行次 | 决算数 |\n"
        "| 栏次 | | 1 | 栏次 | | 2 |\n"
        "| 一、一般公共预算财政拨款收入 | 1 | 2,940.05 | 一、一般公共服务支出 | 32 | 2,106.66 |\n"
        "| 八、其他收入 | 8 | 6.20 | 二、住房保障支出 | 33 | 833.39 |\n"
        "| 本年收入合计 | 9 | 2,946.25 | 本年支出合计 | 34 | 2,940.05 |\n"
        "| 年初结转和结余 | 10 | 49.14 | 年末结转和结余 | 35 | 55.34 |\n"
        "| 总计 | 11 | 2,995.39 | 总计 | 36 | 2,995.39 |\n"
    )
    r = check(text)
    assert [f for f in r.findings if f.rule.startswith("GA-TAB")] == []
    held = Counter(o.rule for o in r.outcomes if o.status == "held")
    assert held["GA-TAB-001"] == 4 and held["GA-TAB-010"] == 1  # 收入总计 = 支出总计


def test_a_sangong_table_with_one_row_per_item(check):
    text = (
        "“三公”经费支出决算表\n"
        "| 项目 | 预算数 | 决算数 |\n"
        "| 合计 | 2.85 | 0.39 |\n"
        "| 因公出国（境）费 | 0.00 | 0.00 |\n"
        "| 公务用车购置及运行维护费 | 1.00 | 0.20 |\n"
        "| 其中：公务用车购置费 | 0.00 | 0.00 |\n"
        "| 公务用车运行维护费 | 1.00 | 0.20 |\n"
        "| 公务接待费 | 1.85 | 0.19 |\n"
    )
    r = check(text)
    assert [f for f in r.findings if f.rule.startswith(TABLE_RULES)] == []
    held = Counter(o.rule for o in r.outcomes if o.status == "held")
    # 三公 = Σ and 公务用车 = 购置 + 运行, for the 预算数 and the 决算数 column
    assert held["GA-EQ-006"] == 2 and held["GA-EQ-007"] == 2
    bad = check(text.replace("| 公务接待费 | 1.85 | 0.19 |", "| 公务接待费 | 1.85 | 0.91 |"))
    (f,) = [f for f in bad.findings if f.rule == "GA-EQ-006"]
    assert (f.expected, f.actual) == ("1.11", "0.39")
    assert f.message.endswith("（表格，决算数）")


def test_workbook_sheets_are_recognised_by_their_names(tmp_path, rules):
    """The reporting software's export: one sheet per table, named "Z01 收入支出决算总表(财决01表)",
    with a title row and a 部门/单位 row above the header."""
    import openpyxl

    from govaudit.check import check_file

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Z01 收入支出决算总表(财决01表)"
    for row in [
        ["收入支出决算总表"],
        ["部门：上海市普陀区财政局", "", "", "单位：万元"],
        ["收入", "", "支出", ""],
        ["项目", "决算数", "项目", "决算数"],
        ["一、一般公共预算财政拨款收入", 2940.05, "一、一般公共服务支出", 2106.66],
        ["八、其他收入", 6.2, "二、住房保障支出", 833.39],
        ["本年收入合计", 2946.25, "本年支出合计", 2940.05],
        ["年初结转和结余", 49.14, "年末结转和结余", 55.34],
        ["总计", 2995.39, "总计", 2995.39],
    ]:
        ws.append(row)
    ws.merge_cells("A1:D1")
    ws2 = wb.create_sheet("Z03 支出决算表(财决03表)")
    for row in [
        ["科目编码", "科目名称", "本年支出合计", "基本支出", "项目支出"],
        ["", "合计", 2940.05, 2336.91, 603.14],
    ]:
        ws2.append(row)
    path = tmp_path / "附表.xlsx"
    wb.save(path)
    report = check_file(str(path), [r for r in rules if r.id.startswith("GA-TAB")])
    assert report.status == "ok", report.error
    assert {f.rule for f in report.findings} == {"GA-TAB-000"}  # the other seven tables
    held = Counter(o.rule for o in report.outcomes if o.status == "held")
    assert held["GA-TAB-001"] >= 4 and held["GA-TAB-010"] == 2  # 收入 = 支出 总计, 总表 = 支出表


def test_a_figure_of_all_funds_is_not_compared_in_a_section_on_fiscal_funds(check):
    table = (
        "收入支出决算总表\n"
        "| 项目 | 决算数 | 项目 | 决算数 |\n"
        "| 本年收入合计 | 2,946.25 | 本年支出合计 | 2,940.05 |\n"
    )
    narrow = "四、财政拨款收入支出决算总体情况说明\n本年收入合计2940.05万元。\n" + table
    assert [f for f in check(narrow).findings if f.rule == "GA-TAB-020"] == []
    broad = "二、收入决算情况说明\n本年收入合计2940.05万元。\n" + table
    (f,) = [f for f in check(broad).findings if f.rule == "GA-TAB-020"]
    assert (f.expected, f.actual) == ("2946.25", "2940.05")


def test_a_cell_that_is_not_a_figure_makes_its_relations_unverifiable(check):
    text = (
        "支出决算表\n"
        "| 科目编码 | 科目名称 | 本年支出合计 | 基本支出 | 项目支出 |\n"
        "| 2010601 | 行政运行 | 1,511.89 | 1,503.52* | 8.37 |\n"
        "| 2010602 | 一般行政管理事务 | 10.00 | XX | 10.00 |\n"
    )
    r = check(text)
    assert [f for f in r.findings if f.rule.startswith("GA-TAB")] == []
    assert not any(o.rule == "GA-TAB-003" for o in r.outcomes)
