"""Wholesale failure is a misreading (engine/families.py, rules/families.yaml): where most
relations of one family fail in one place, the reader gets one warning naming the place and
why, never the list of errors; one wrong figure stays one finding."""

from __future__ import annotations

from collections import Counter

import pytest

from govaudit.across import check_across
from govaudit.check import check_document, load_rules
from govaudit.engine.rules import select_rules
from govaudit.model import Table
from govaudit.readers import read_document
from tests.edits import edit
from tests.seeds import FIXTURES, SEED_003

JIANGSU = FIXTURES / "pdf" / "jiangsu"
BUDGET = FIXTURES / "pdf" / "budget"
RENDA_2018 = JIANGSU / "js-renda-2018-yusuan.pdf"
ZFB = BUDGET / "putuo-zhengfuban-2025-yusuan.pdf"
ZFB_UNIT = BUDGET / "putuo-zhengfuban-unit-2025-yusuan.pdf"


@pytest.fixture(scope="module")
def rules():
    return load_rules()


def statuses(report, rule, table=None):
    return Counter(
        o.status
        for o in report.outcomes
        if o.rule == rule and (table is None or o.loc.table == table)
    )


def _renda_edited():
    """江苏省人大 2018, pages 19–20: 财政拨款收入预算总计 15897.44 and 住房保障（类）支出
    2122.38 each changed, so that both breakdowns of the section fail, by 100 and by 90."""
    doc = read_document(RENDA_2018)
    changes = {
        "1．财政拨款收入预算总计15897.44万元。": "1．财政拨款收入预算总计15797.44万元。",
        "3．住房保障（类）支出2122.38万元": "3．住房保障（类）支出2212.38万元",
    }
    assert edit(doc, changes) == dict.fromkeys(changes, 1)
    return doc


def test_every_breakdown_of_a_section_failing_is_one_warning(rules):
    report = check_document(_renda_edited(), rules)
    (warning,) = [f for f in report.findings if f.rule.startswith("GA-READ")]
    assert (warning.rule, warning.severity, warning.loc.describe()) == (
        "GA-READ-002",
        "warning",
        "第19页第11行",
    )
    assert warning.message == (
        "「一、收支预算总体情况说明」一节的 2 处合计与分项关系都不成立（GA-SUM-001），如："
        "收入预算总计 15897.44 万元 ≠ 财政拨款收入预算总计 15797.44 + 财政专户管理资金收入预算总计 0 + "
        "其他资金收入预算总计 0 + 上年结转资金预算数 0 …。一节中的分解全都对不上，多半是句子的结构没有读对"
        "（同一合计按功能、按用途的两种分解，或把下一句的数当成了分项），不一定是每句都错了：不逐条报告，"
        "请核对这一节"
    )
    assert [r.describe() for r in warning.related] == ["第20页第5行"]
    assert not [f for f in report.findings if f.rule == "GA-SUM-001"]
    # nothing in that section was verified: the two breakdowns are neither held nor failed
    assert statuses(report, "GA-SUM-001")["failed"] == 0
    # the real document: both hold, nothing is folded
    real = check_document(read_document(RENDA_2018), rules)
    assert not [f for f in real.findings if f.rule.startswith(("GA-READ", "GA-SUM"))]


def test_ignoring_the_family_shows_each_relation_again(rules):
    active = select_rules(rules, None, ["GA-READ-002"])
    report = check_document(_renda_edited(), active)
    assert [
        (f.rule, f.loc.describe(), f.expected, f.actual)
        for f in report.findings
        if f.rule == "GA-SUM-001"
    ] == [
        ("GA-SUM-001", "第19页第11行", "15797.44", "15897.44"),
        ("GA-SUM-001", "第20页第5行", "15987.44", "15897.44"),
    ]
    assert not [f for f in report.findings if f.rule.startswith("GA-READ")]


def test_a_mispaired_pair_of_real_documents_is_one_warning(rules):
    """The real 区政府办公室 部门预算 and 商务委员会 单位预算, paired by a configuration
    ([[pairs]]) as department and unit: the department has one budget unit, so every
    figure they share should be equal — 172 of 181 are not. One warning names the pair."""
    dept, unit = str(ZFB), str(BUDGET / "putuo-shangwuwei-unit-2025-yusuan.pdf")
    reports = [check_document(read_document(p), rules) for p in (dept, unit)]
    (pair,) = check_across(reports, rules, [(dept, unit)])
    assert pair.relation == "部门-单位" and pair.single_unit
    assert [(f.rule, f.loc.describe()) for f in reports[1].findings] == [
        ("GA-READ-003", "第7页第2行")
    ]
    assert (
        reports[1]
        .findings[0]
        .message.startswith(
            "「putuo-shangwuwei-unit-2025-yusuan.pdf」与「putuo-zhengfuban-2025-yusuan.pdf」"
            "共有的 181 个数中有 172 个不相符（GA-DOC-001），如：本年收入合计（全部资金，预算数）："
        )
    )
    assert statuses(reports[1], "GA-DOC-001") == Counter({"unverified": 181})


def test_a_table_read_with_its_rows_shifted_is_one_warning(rules):
    """区政府办公室 2025, 一般公共预算支出功能分类预算表 (page 14–15) with every row's figures
    read one row up — what a misaligned page gives: each 类 and 款 no longer adds up (19
    relations), while each row's own 合计 = 基本 + 项目 still holds."""
    doc = read_document(ZFB)
    (table,) = [b for b in doc.blocks if isinstance(b, Table) and b.loc.table == 5]
    rows = table.rows[3:-1]
    values = [[c.text.text for c in r[4:]] for r in rows]
    for row, shifted in zip(rows, values[1:] + values[:1], strict=True):
        for cell, text in zip(row[4:], shifted, strict=True):
            cell.text.text = text
    report = check_document(doc, rules)
    # the item paragraphs no longer meet their rows either: one warning for those too
    assert [(f.rule, f.loc.describe()) for f in report.findings] == [
        ("GA-READ-004", "第6页第9行"),
        ("GA-READ-001", "第14页表5"),
    ]
    warning = report.findings[1]
    assert warning.message.startswith(
        "第14页表5「一般公共预算支出功能分类预算表」核对的 19 项表内关系中有 19 项不成立"
        "（GA-TAB-002），如：一般公共预算支出功能分类预算表「201 一般公共服务支出」合计 8209.6797 万元 ≠ "
    )
    # those 19 could not be reconciled; the rows' own sums hold
    assert statuses(report, "GA-TAB-002", table=5) == Counter({"unverified": 19})
    assert statuses(report, "GA-YS-001", table=5) == Counter({"held": 21})


def test_one_wrong_cell_is_one_finding_not_a_misread_table(rules):
    """万里街道 2025 财务收支预算总表 (page 9): 一、财政拨款收入 189,767,551 printed
    189,767,515 breaks the row under it and the column's 收入总计, both by 36 元 — one
    error seen twice, reported where it stands (2 of the table's 3 relations fail)."""
    doc = read_document(BUDGET / "putuo-wanli-2025-yusuan.pdf")
    (cell,) = [
        c
        for b in doc.blocks
        if isinstance(b, Table) and b.loc.page == 9
        for row in b.rows
        if row and "财政拨款收入" in row[0].text.text
        for c in row
        if c.text.text == "189,767,551"
    ]
    cell.text.text = "189,767,515"
    report = check_document(doc, rules)
    assert [(f.rule, f.loc.describe()) for f in report.findings if f.loc.page == 9] == [
        ("GA-TAB-001", "第9页表1第3行第2列"),
        ("GA-TAB-010", "第9页表1第3行第2列"),
        ("GA-YS-007", "第9页表1第3行第2列"),
        ("GA-TAB-001", "第9页表1第16行第2列"),
        ("GA-YS-008", "第9页表1第16行第2列"),
    ]
    assert not [f for f in report.findings if f.rule.startswith("GA-READ")]


def test_a_table_unit_misread_is_one_warning_in_the_document_and_one_for_the_pair(rules):
    """区政府办公室 2025: its 单位预算 with the tables' "单位：元" read as 万元. In the unit's
    document, 17 of 18 figures the prose shares with the tables disagree by ten thousand
    times; against the department's budget, 185 of 221 shared figures. Two warnings, not
    202 errors."""
    dept, unit = read_document(ZFB), read_document(ZFB_UNIT)
    assert edit(unit, {"单位：元": "单位：万元"}) == {"单位：元": 8}
    reports = [check_document(dept, rules), check_document(unit, rules)]
    pairs = check_across(reports, rules)
    assert [p.relation for p in pairs] == ["部门-单位"]
    found = reports[1].findings
    assert [(f.rule, f.loc.describe()) for f in found] == [
        ("GA-READ-004", "第6页第2行"),
        ("GA-YS-014", "第13页表4第12行第4列"),
        ("GA-READ-003", "第8页表1第6行第2列"),  # the pair's, added after the document's
    ]
    by_rule = {f.rule: f for f in found}
    assert by_rule["GA-READ-004"].message.startswith(
        "本文件正文与表格共有的 21 个数中有 17 个不相符（GA-TAB-020）"
    )
    assert by_rule["GA-READ-003"].message.startswith(
        "「putuo-zhengfuban-unit-2025-yusuan.pdf」与「putuo-zhengfuban-2025-yusuan.pdf」"
        "共有的 221 个数中有 185 个不相符（GA-DOC-001）"
    )
    assert reports[0].findings == []


def test_a_family_is_never_louder_than_what_it_replaces(tmp_path):
    """A user's family over an info rule (GA-SUBJ-002, a renamed 类): seed 003 (2020) writes
    the former name 医疗卫生与计划生育 twice in one section (lines 338, 340); folded, the
    one finding stays an info."""
    pack = tmp_path / "mine"
    pack.mkdir()
    (pack / "families.yaml").write_text(
        "rules: []\n"
        "families:\n"
        "  - id: XX-READ-009\n"
        "    title: 一节中的类名都是更名前的\n"
        "    severity: warning\n"
        "    rules: [GA-SUBJ-002]\n"
        "    place: section\n"
        "    least: 2\n"
        "    share: 1\n"
        '    message: "{place}的 {failed} 处类名都是更名前的"\n',
        encoding="utf-8",
    )
    report = check_document(read_document(SEED_003), load_rules([pack]))
    (folded,) = [f for f in report.findings if f.rule == "XX-READ-009"]
    assert (folded.severity, folded.loc.line) == ("info", 338)
    assert folded.message.endswith("的 2 处类名都是更名前的")
    assert not [f for f in report.findings if f.rule == "GA-SUBJ-002"]


def test_the_command_line_takes_a_family_id_to_ignore(tmp_path):
    import json
    import shutil

    from click.testing import CliRunner

    from govaudit.cli import main

    shutil.copyfile(ZFB, tmp_path / "区政府办公室-部门预算.pdf")
    shutil.copyfile(BUDGET / "putuo-shangwuwei-unit-2025-yusuan.pdf", tmp_path / "单位预算.pdf")
    (tmp_path / "govaudit.toml").write_text(
        '[[pairs]]\nfirst = "*部门预算*"\nother = "*单位预算.pdf"\n', encoding="utf-8"
    )
    args = ["check", str(tmp_path), "--format", "json", "--fail-on", "never"]
    for extra, want in (
        ([], {"GA-READ-003": 1}),
        (["--ignore", "GA-READ-003"], {"GA-DOC-001": 172}),
    ):
        out = CliRunner().invoke(main, [*args, *extra])
        assert out.exit_code == 0, out.output
        found = Counter(f["rule"] for e in json.loads(out.output)["files"] for f in e["findings"])
        assert found == want


def test_a_familys_level_is_configured_like_a_rules():
    from govaudit.config import apply_severity

    active, changed = apply_severity(load_rules(), {"GA-READ-002": "error"})
    assert changed == {"GA-READ-002": ("warning", "error")}
    report = check_document(_renda_edited(), active)
    (folded,) = [f for f in report.findings if f.rule == "GA-READ-002"]
    assert folded.severity == "error"
