"""The nine standard budget tables, read from the six real budget PDFs: recognised by their
titles (部门 / 预算单位 / 单位, with or without the year), their 元 figures given ledger keys
that meet the same figure in another table and in the 万元 prose, and the structure's sums
(类 = Σ 款 = Σ 项, 收入总计 = Σ 一、二、…, 一、财政拨款收入 = Σ 1. 2. 3.)."""

from __future__ import annotations

import json
from decimal import Decimal
from functools import cache

import pytest
from click.testing import CliRunner

from govaudit.cli import main
from govaudit.extract import Extraction, extract
from govaudit.extract.base.glossary import match_title
from govaudit.extract.base.ledger import PROSE, TABLE, Key
from tests.seeds import FIXTURES, extracted, read

BUDGET = FIXTURES / "pdf" / "budget"
NINE = [
    "财务收支预算总表",
    "收入预算总表",
    "支出预算总表",
    "财政拨款收支预算总表",
    "一般公共预算支出功能分类预算表",
    "政府性基金预算支出功能分类预算表",
    "国有资本经营预算支出功能分类预算表",
    "一般公共预算基本支出部门预算经济分类预算表",
    "“三公”经费和机关运行经费预算表",
]


@cache
def found(name: str) -> Extraction:
    return extracted(BUDGET / name)


def facts(name: str, kind: str):
    return [f for f in found(name).facts if f.kind == kind]


@pytest.mark.parametrize(
    ("name", "pages", "titles"),
    [
        (
            "putuo-zhengfuban-2025-yusuan.pdf",
            [8, 9, 11, 13, 14, 16, 17, 18, 20],
            ["2025年部门财务收支预算总表", "2025年部门“三公”经费和机关运行经费预算表"],
        ),
        (
            "putuo-shangwuwei-unit-2025-yusuan.pdf",
            [9, 10, 12, 14, 15, 17, 18, 19, 21],
            ["2025年预算单位财务收支预算总表", "2025年单位“三公”经费和机关运行经费预算表"],
        ),
        (
            # the 三公 table's title has no year: "部门“三公”经费和机关运行经费预算表"
            "putuo-wanli-2024-yusuan.pdf",
            [10, 11, 16, 21, 22, 27, 28, 29, 31],
            ["2024年部门财务收支预算总表", "部门“三公”经费和机关运行经费预算表"],
        ),
        ("putuo-wanli-2025-yusuan.pdf", [9, 10, 14, 19, 20, 25, 26, 27, 29], None),
        ("putuo-shangwuwei-2025-yusuan.pdf", [9, 10, 12, 14, 15, 17, 18, 19, 21], None),
        ("putuo-zhengfuban-unit-2025-yusuan.pdf", [8, 9, 11, 13, 14, 16, 17, 18, 20], None),
    ],
)
def test_every_standard_budget_table_is_recognised(name, pages, titles):
    tables = facts(name, "fin_table")
    assert [f.fields["name"] for f in tables] == NINE
    assert all(f.fields["found"] == 1 and f.fields["kind"] == "预算" for f in tables)
    assert [f.loc.page for f in tables] == pages
    if titles:
        assert [tables[0].fields["title"], tables[-1].fields["title"]] == titles
    # the two empty fund tables are published with their note
    for f in tables[5:7]:
        assert f.fields["figures"] == 0 and f.fields["noted_empty"]
        assert "故本表为空表" in f.fields["note"]


def test_govaudit_extract_lists_the_tables():
    out = CliRunner().invoke(
        main,
        [
            "extract",
            str(BUDGET / "putuo-wanli-2025-yusuan.pdf"),
            "--kind",
            "fin_table",
            "--format",
            "json",
        ],
    )
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    assert [f["fields"]["name"] for f in data["facts"]] == NINE
    assert data["document"]["kind"] == "部门预算"


@pytest.mark.parametrize(
    ("title", "name"),
    [
        ("2025年部门财务收支预算总表", "财务收支预算总表"),
        ("2025年预算单位收入预算总表", "收入预算总表"),
        ("3. 2025年部门支出预算总表", "支出预算总表"),
        ("4．2025年预算单位财政拨款收支预算总表", "财政拨款收支预算总表"),
        ("2025年单位“三公”经费和机关运行经费预算表", "“三公”经费和机关运行经费预算表"),
        ("9.部门“三公”经费和机关运行经费预算表", "“三公”经费和机关运行经费预算表"),
        ("8．2025年预算单位一般公共预算基本支出部门预算经济分类预算表", NINE[7]),
    ],
)
def test_titles_in_every_written_form(title, name):
    std = match_title(title, "预算")
    assert std is not None and std.name == name and std.kind == "预算"
    # a 决算 document does not take a budget table's title for one of its own tables
    assert match_title(title, "决算") is None


def test_a_final_account_keeps_its_own_tables():
    doc = read(FIXTURES / "pdf" / "putuo-caizhengju-2024-juesuan.pdf")
    tables = [f for f in extract(doc).facts if f.kind == "fin_table"]
    assert len(tables) == 9 and all(f.fields["kind"] == "决算" for f in tables)


def _rows(name: str, table: str) -> dict[str, dict]:
    return {
        f.fields["code"] or f.fields["row"]: f.fields
        for f in facts(name, "table_row")
        if f.fields["table"] == table
    }


def test_split_codes_printed_without_their_zero_are_read():
    """万里街道 2024, page 29: "301 | 2 | 津贴补贴", "301 | 7 | 绩效工资"."""
    rows = _rows("putuo-wanli-2024-yusuan.pdf", NINE[7])
    assert rows["30102"]["row"] == "30102 津贴补贴"
    assert rows["30107"]["row"] == "30107 绩效工资"
    sums = [
        f
        for f in facts("putuo-wanli-2024-yusuan.pdf", "fin_sum")
        if f.fields["what"] == "「301 工资福利支出」合计"
    ]
    (s,) = sums
    assert s.fields["total"].text == "88,282,511"
    assert "16,623,810" in [p.text for p in s.fields["parts"]]  # 津贴补贴 counted in 301


def test_the_summary_table_adds_up_by_level():
    """区政府办公室 2025, page 8: 收入总计 = 一、…四、; 一、财政拨款收入 = 1. + 2. + 3."""
    sums = {
        f.fields["what"]: f
        for f in facts("putuo-zhengfuban-2025-yusuan.pdf", "fin_sum")
        if f.fields["table"] == "财务收支预算总表"
    }
    total = sums["「收入总计」预算数"]
    assert total.fields["total"].text == "91,016,775.35"
    assert [p.label for p in total.fields["parts"]] == ["一、财政拨款收入"]  # 二、三、四 are 0
    assert [p.label for p in sums["「一、财政拨款收入」预算数"].fields["parts"]] == [
        "1.一般公共预算资金"
    ]
    spent = sums["「支出总计」预算数"]
    assert [p.text for p in spent.fields["parts"]] == [
        "82,096,797.42",
        "4,213,779.28",
        "1,097,073.43",
        "3,609,125.22",
    ]


def _entries(name: str, key: Key):
    return sorted(
        (e.source, e.quantity.loc.page, e.quantity.text)
        for e in found(name).ledger.entries.values()
        if e.key == key
    )


def test_the_same_total_in_four_tables_and_the_prose_has_one_key():
    """区政府办公室 2025: the year's income in the 财务收支总表 (p8, 收入总计 with nothing but
    the year's rows above it), the 收入预算总表 (p10, 合计) and the prose (p6, 万元)."""
    name = "putuo-zhengfuban-2025-yusuan.pdf"
    assert _entries(name, Key("本年收入合计", "全部资金", role="预算数")) == [
        (PROSE, 6, "9,101.68万元"),
        (TABLE, 8, "91,016,775.35"),
        (TABLE, 10, "91,016,775.35"),
    ]
    # 一般公共预算 expenditure: 财政拨款收支总表 支出总计 (p13), 功能分类表 合计 (p15), prose
    assert _entries(name, Key("一般公共预算财政拨款支出", "一般公共预算", role="预算数")) == [
        (PROSE, 6, "9,101.68万元"),
        (TABLE, 13, "91,016,775.35"),
        (TABLE, 15, "91,016,775.35"),
    ]
    # the 经济分类表 total is the 功能分类表's 基本支出 total
    assert _entries(name, Key("一般公共预算财政拨款基本支出", "一般公共预算", role="预算数")) == [
        (TABLE, 15, "24,606,775.35"),
        (TABLE, 19, "24,606,775.35"),
    ]
    # a class row of the 总表 and of the 支出预算总表: 201 of all funds
    assert [t for _, _, t in _entries(name, Key("科目201·支出", "全部资金", role="预算数"))] == [
        "82,096,797.42",
        "82,096,797.42",
    ]
    pairs = [f for f in facts(name, "same_figure") if f.fields["name"].startswith("本年收入合计")]
    assert {f.fields["sources"] for f in pairs} == {"表格-表格", "正文-表格"}


def test_the_three_public_expenses_and_the_running_costs_are_keyed():
    """万里街道 2024, page 31: 47.91 | 0 | 1.35 | 46.56 | 25 | 21.56 | 443.18 (万元) — the last
    is the 机关运行经费, not a 运行费."""
    name = "putuo-wanli-2024-yusuan.pdf"
    got = {
        cid: [t for s, _, t in _entries(name, Key(cid, "", role="预算数")) if s == TABLE]
        for cid in (
            "三公经费",
            "公务用车费",
            "公务用车购置费",
            "公务用车运行维护费",
            "机关运行经费",
        )
    }
    assert got == {
        "三公经费": ["47.91"],
        "公务用车费": ["46.56"],
        "公务用车购置费": ["25"],
        "公务用车运行维护费": ["21.56"],
        "机关运行经费": ["443.18"],
    }
    # the prose's 运行费 (after "比2023年预算增加25万元…；") is this year's, not 2023's
    assert (PROSE, 32, "21.56万元") in _entries(name, Key("公务用车运行维护费", "", role="预算数"))


def test_yuan_in_the_tables_meet_wanyuan_in_the_prose():
    e = [
        f
        for f in facts("putuo-shangwuwei-2025-yusuan.pdf", "same_figure")
        if f.fields["sources"] == "正文-表格" and f.fields["name"].startswith("财政拨款收入")
    ]
    assert e
    first, other = e[0].fields["first"], e[0].fields["other"]
    assert (first.text, first.unit) == ("37,151.47万元", "万元")
    assert (other.text, other.unit, other.value) == (
        "371,514,655.00",
        "元",
        Decimal("371514655.00"),
    )
