"""Across documents: the real Putuo budgets are paired by what they are, every figure both
state is compared, nothing differs; a copy with one figure changed gives the finding under
the narrower or later file, naming the other file's place."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from govaudit.across import check_across, pair
from govaudit.check import check_document, load_rules
from govaudit.cli import main
from govaudit.model import Cell, Paragraph, Table, Text
from tests.seeds import FIXTURES, read

BUDGET = FIXTURES / "pdf" / "budget"
OFFICE = BUDGET / "putuo-zhengfuban-2025-yusuan.pdf"
OFFICE_UNIT = BUDGET / "putuo-zhengfuban-unit-2025-yusuan.pdf"
COMMERCE = BUDGET / "putuo-shangwuwei-2025-yusuan.pdf"
COMMERCE_UNIT = BUDGET / "putuo-shangwuwei-unit-2025-yusuan.pdf"
WANLI_2024 = BUDGET / "putuo-wanli-2024-yusuan.pdf"
WANLI_2025 = BUDGET / "putuo-wanli-2025-yusuan.pdf"

RULES = load_rules()


@pytest.fixture(scope="module")
def docs():
    return {
        p.name: read(p)
        for p in (OFFICE, OFFICE_UNIT, COMMERCE, COMMERCE_UNIT, WANLI_2024, WANLI_2025)
    }


def reports_of(*documents):
    return [check_document(d, RULES) for d in documents]


def edited(doc, old: str, new: str):
    """The document with one paragraph's figure changed (its place kept)."""
    import copy

    doc = copy.deepcopy(doc)
    for i, b in enumerate(doc.blocks):
        if isinstance(b, Paragraph) and old in b.text.text:
            doc.blocks[i] = Paragraph(
                Text(b.text.text.replace(old, new, 1), b.text.anchors), b.kind
            )
            return doc
    raise AssertionError(f"no paragraph with {old}")


def test_the_batch_pairs_each_issuers_documents_with_a_reason(docs):
    reports = reports_of(*docs.values())
    got = sorted(
        (
            p.relation,
            p.first.path.rsplit("/", 1)[-1],
            p.other.path.rsplit("/", 1)[-1],
            p.single_unit,
        )
        for p in pair(reports)
    )
    assert got == [
        ("上年-本年", WANLI_2024.name, WANLI_2025.name, False),
        ("部门-单位", COMMERCE.name, COMMERCE_UNIT.name, True),
        ("部门-单位", OFFICE.name, OFFICE_UNIT.name, True),
    ]


def test_the_real_pairs_agree_on_every_figure_they_both_state(docs):
    reports = reports_of(*docs.values())
    before = [len(r.findings) for r in reports]
    pairs = check_across(reports, RULES)
    assert [len(r.findings) for r in reports] == before  # nothing across documents differs
    held = {
        (o.rule)
        for r in reports
        for o in r.outcomes
        if o.status == "held" and o.rule.startswith("GA-DOC")
    }
    assert held == {"GA-DOC-001", "GA-DOC-003"}
    compared = {
        p.other.path.rsplit("/", 1)[-1]: sum(
            1 for o in p.other.outcomes if o.rule.startswith("GA-DOC")
        )
        for p in pairs
    }
    # the 区政府办公室 unit: its 收支、财政拨款、三公、机关运行经费 figures; 万里 2025: ten
    # "比2024年预算…" statements (p. 6: 财政拨款收入, 财政拨款支出, 一般公共预算, 政府性基金 and
    # 国有资本 持平; p. 30: 三公 total, 因公出国 持平, 公务用车购置及运行, 购置费, 运行费 持平)
    assert compared[OFFICE_UNIT.name] >= 13 and compared[WANLI_2025.name] == 10


def test_a_unit_figure_changed_is_reported_under_the_unit(docs):
    unit = edited(docs[OFFICE_UNIT.name], "财政拨款收入9,101.68万元", "财政拨款收入9,110.68万元")
    dept, unit_r = reports_of(docs[OFFICE.name], unit)
    check_across([dept, unit_r], RULES)
    (f,) = [f for f in unit_r.findings if f.rule == "GA-DOC-001"]
    assert (f.expected, f.actual, f.loc.page) == ("9101.68", "9110.68", 6)
    assert f.related_paths == (str(OFFICE),) and f.related[0].page == 6
    assert (
        "财政拨款收入（预算数）：putuo-zhengfuban-unit-2025-yusuan.pdf 为 9110.68 万元" in f.message
    )
    assert not [f for f in dept.findings if f.rule.startswith("GA-DOC")]


def edited_cell(doc, old: str, new: str):
    """The document with the first table cell that reads `old` changed (its place kept)."""
    import copy

    doc = copy.deepcopy(doc)
    for b in doc.blocks:
        if isinstance(b, Table):
            for row in b.rows:
                for i, c in enumerate(row):
                    if c.text.text == old:
                        row[i] = Cell(Text(new, c.text.anchors), c.merged, c.span)
                        return doc
    raise AssertionError(f"no cell with {old}")


def test_a_unit_table_cell_changed_is_reported_with_both_cells(docs):
    """商务委员会: the unit's 财务收支预算总表 row 科学技术支出 17,200,000.00 元 made 17,300,000.00;
    the department's same subject and column (matched by code 206, not by position) differs."""
    unit = edited_cell(docs[COMMERCE_UNIT.name], "17,200,000.00", "17,300,000.00")
    dept, unit_r = reports_of(docs[COMMERCE.name], unit)
    check_across([dept, unit_r], RULES)
    (f,) = [f for f in unit_r.findings if f.rule == "GA-DOC-001"]
    assert (f.loc.page, f.loc.row, f.loc.col) == (9, 6, 4)
    assert (f.expected, f.actual) == ("1720.00", "1730.00")
    assert f.related_paths == (str(COMMERCE),) and (f.related[0].page, f.related[0].row) == (9, 4)
    assert "科目206·支出（全部资金，预算数）" in f.message and "（差 10.00）" in f.message
    assert not [f for f in dept.findings if f.rule.startswith("GA-DOC")]


def test_a_prior_year_statement_that_does_not_lead_to_last_years_figure(docs):
    later = edited(
        docs[WANLI_2025.name], "比2024年预算增加3,355.65万元", "比2024年预算增加3,365.65万元"
    )
    early, late = reports_of(docs[WANLI_2024.name], later)
    check_across([early, late], RULES)
    found = [f for f in late.findings if f.rule == "GA-DOC-003"]
    assert found and all((f.expected, f.actual) == ("15621.11", "15611.11") for f in found)
    assert found[0].related_paths == (str(WANLI_2024),)


def test_the_cli_lists_the_pairs_and_no_cross_turns_them_off():
    r = CliRunner().invoke(main, ["check", str(BUDGET), "--format", "json", "--no-config"])
    data = json.loads(r.stdout)
    assert [(p["relation"], p["identical"]) for p in data["pairs"]] == [
        ("上年-本年", False),
        ("部门-单位", True),
        ("部门-单位", True),
    ]
    r = CliRunner().invoke(
        main, ["check", str(BUDGET), "--format", "json", "--no-config", "--no-cross"]
    )
    data = json.loads(r.stdout)
    assert data["pairs"] == []
    assert not any(
        o for f in data["files"] for o in f["findings"] if o["rule"].startswith("GA-DOC")
    )


DEPT_TEXT = """上海市普陀区2025年区级部门预算
预算主管部门：上海市普陀区人民政府办公室
上海市普陀区人民政府办公室部门预算是包括上海市普陀区人民政府办公室本部以及下属1家事业单位的综合收支计划。
1.上海市普陀区人民政府办公室本部。
2.下属事业单位上海市普陀区交流服务中心不单列预算，并入本部。
2025年，上海市普陀区人民政府办公室收入预算9,101.68万元，其中：财政拨款收入9,101.68万元，比2024年预算减少2,389.52万元；事业收入0万元；事业单位经营收入0万元；其他收入0万元。
"""
UNIT_TEXT = """上海市普陀区2025年区级单位预算
预算单位：上海市普陀区人民政府办公室
2025年，上海市普陀区人民政府办公室收入预算9,110.68万元，其中：财政拨款收入9,110.68万元，比2024年预算减少2,380.52万元；事业收入0万元；事业单位经营收入0万元；其他收入0万元。
"""


def test_every_report_names_the_other_files_place(tmp_path):
    (tmp_path / "a-部门预算.txt").write_text(DEPT_TEXT, encoding="utf-8")
    (tmp_path / "b-单位预算.txt").write_text(UNIT_TEXT, encoding="utf-8")
    run = CliRunner()
    data = json.loads(
        run.invoke(main, ["check", str(tmp_path), "--format", "json", "--no-config"]).stdout
    )
    dept, unit = data["files"]
    assert not [f for f in dept["findings"] if f["rule"].startswith("GA-DOC")]
    found = [f for f in unit["findings"] if f["rule"] == "GA-DOC-001"]
    assert found and found[0]["related"] == [
        {"path": dept["path"], "line": 6, "page": None, "location": "第6行"}
    ]
    sarif = json.loads(
        run.invoke(main, ["check", str(tmp_path), "--format", "sarif", "--no-config"]).stdout
    )
    rel = next(r for r in sarif["runs"][0]["results"] if r["ruleId"] == "GA-DOC-001")[
        "relatedLocations"
    ]
    assert rel[0]["physicalLocation"]["artifactLocation"]["uri"].endswith(
        "a-%E9%83%A8%E9%97%A8%E9%A2%84%E7%AE%97.txt"
    )
    text = run.invoke(main, ["check", str(tmp_path), "--no-config"]).output
    assert f"另见 {dept['path']} 第6行" in text and "跨文件核对：1 对文件" in text
    out = tmp_path / "r.html"
    run.invoke(main, ["check", str(tmp_path), "-o", str(out), "--no-config"])
    from tests.report.test_html import file_data

    finding = next(
        f
        for f in file_data(out.read_text(encoding="utf-8"), 1)["findings"]
        if f["rule"] == "GA-DOC-001"
    )
    assert finding["rel"] == [["file-0", "a-部门预算.txt 第6行"]]


def test_the_configuration_pairs_files_whose_issuer_names_differ(tmp_path):
    """The unit calls itself by a short name, so the batch cannot tell the two documents are
    one issuer's; [[pairs]] in the configuration pairs them, and says so as the reason."""
    (tmp_path / "a-部门预算.txt").write_text(DEPT_TEXT, encoding="utf-8")
    short = UNIT_TEXT.replace("预算单位：上海市普陀区人民政府办公室", "预算单位：普陀区政府办")
    (tmp_path / "b-单位预算.txt").write_text(short, encoding="utf-8")
    run = CliRunner()
    data = json.loads(run.invoke(main, ["check", str(tmp_path), "--format", "json"]).stdout)
    assert data["pairs"] == []
    (tmp_path / "govaudit.toml").write_text(
        '[[pairs]]\nfirst = "*部门预算*"\nother = "*单位预算*"\n'
        '[[pairs]]\nfirst = "*部门决算*"\nother = "*单位预算*"\n',
        encoding="utf-8",
    )
    r = run.invoke(main, ["check", str(tmp_path), "--format", "json"])
    data = json.loads(r.stdout)
    (p,) = data["pairs"]
    assert (p["relation"], p["reason"].split("；")[0]) == ("部门-单位", "配置中指定的配对")
    found = [f for f in data["files"][1]["findings"] if f["rule"] == "GA-DOC-001"]
    assert [(f["expected"], f["actual"]) for f in found] == [("9101.68", "9110.68")] * 2
    # the second entry matches no 部门决算: said, not dropped in silence
    assert (
        "配置中的配对 pairs[1]（*部门决算* ↔ *单位预算*）在本次检查的文件中没有配成对" in r.stderr
    )


def test_a_configured_pair_that_makes_no_relation_is_said(tmp_path):
    (tmp_path / "a-部门预算.txt").write_text(DEPT_TEXT, encoding="utf-8")
    (tmp_path / "b-部门预算.txt").write_text(DEPT_TEXT, encoding="utf-8")
    (tmp_path / "govaudit.toml").write_text(
        '[[pairs]]\nfirst = "a-*"\nother = "b-*"\n', encoding="utf-8"
    )
    r = CliRunner().invoke(main, ["check", str(tmp_path), "--format", "json"])
    assert json.loads(r.stdout)["pairs"] == []
    assert "配置中指定的 a-部门预算.txt ↔ b-部门预算.txt 未能核对" in r.stderr


def test_a_pair_entry_needs_both_sides(tmp_path):
    (tmp_path / "a.txt").write_text(DEPT_TEXT, encoding="utf-8")
    (tmp_path / "govaudit.toml").write_text('[[pairs]]\nfirst = "a*"\n', encoding="utf-8")
    r = CliRunner().invoke(main, ["check", str(tmp_path)])
    assert r.exit_code == 2
    assert "缺少文件名模式 other" in r.output and "Traceback" not in r.output


# --------------------------------------------------------------------------- make-up


def test_a_department_of_its_own_unit_and_one_more_is_never_below_the_unit(docs):
    """区政府办公室 2025, edited into a department of 本部 + one budget unit: its 交流服务中心
    no longer "不单列预算，并入本部". The department's figures then cover two units: they
    may exceed the 本部's (机关运行经费 raised to 250.28 here), and only a department figure
    below the unit's (政府采购 lowered from 34 to 30) is reported — never the ~200 figures
    that rightly differ."""
    dept = edited(
        docs[OFFICE.name],
        "2.下属事业单位上海市普陀区交流服务中心不单列预算，并入本部。",
        "2.下属事业单位上海市普陀区交流服务中心。",
    )
    dept = edited(dept, "机关运行经费预算为213.28万元", "机关运行经费预算为250.28万元")
    dept = edited(
        dept,
        "政府采购预算34万元，其中：政府采购货物预算0万元、政府采购工程预算0万元、政府采购服务预算34万元",
        "政府采购预算30万元，其中：政府采购货物预算0万元、政府采购工程预算0万元、政府采购服务预算30万元",
    )
    dept_r, unit_r = reports_of(dept, docs[OFFICE_UNIT.name])
    assert dept_r.info.units == ("上海市普陀区人民政府办公室本部", "上海市普陀区交流服务中心")
    (p,) = check_across([dept_r, unit_r], RULES)
    assert (p.relation, p.single_unit) == ("部门-单位", False)
    assert "部门的数不应小于单位的数" in p.reason
    across = [f for f in unit_r.findings if f.rule.startswith("GA-DOC")]
    assert sorted((f.rule, f.actual, f.expected) for f in across) == [
        ("GA-DOC-002", "34", "30"),
        ("GA-DOC-002", "34", "30"),
    ]
    assert {f.message.split("：")[0] for f in across} == {
        "政府采购支出总额（预算数）",
        "政府采购服务支出（预算数）",
    }
    held = [o for o in unit_r.outcomes if o.rule == "GA-DOC-002" and o.status == "held"]
    assert len(held) >= 12  # every other figure both state: the unit's ≤ the department's


def test_the_real_one_unit_departments_stay_identical(docs):
    """The real 区政府办公室 and 商务委 departments have one budget unit (the others "不单列
    预算，并入本部"): their figures must be identical to the unit's, and are."""
    reports = reports_of(*(docs[p.name] for p in (OFFICE, OFFICE_UNIT, COMMERCE, COMMERCE_UNIT)))
    pairs = check_across(reports, RULES)
    assert [(p.relation, p.single_unit) for p in pairs] == [("部门-单位", True)] * 2
    for r in reports:
        assert not [f for f in r.findings if f.rule.startswith("GA-DOC")]
    held = {o.rule for r in reports for o in r.outcomes if o.status == "held"}
    assert "GA-DOC-001" in held and "GA-DOC-002" not in held


# --------------------------------------------------------------------------- text and tables

JS = FIXTURES / "pdf" / "jiangsu"
ZX_TEXT = JS / "js-zhengxie-2019-yusuan-shuoming.pdf"
ZX_TABLES = JS / "js-zhengxie-2019-yusuan-biao.pdf"


def test_a_text_and_its_tables_file_are_one_disclosure():
    """江苏省政协办公厅 2019 publishes its 说明 and its 公开01–12表 as two files: they are
    paired by issuer and year, the text's figures are checked against the tables' and agree;
    a text figure changed is reported under the text, naming the table's cell."""
    text, tables = read(ZX_TEXT), read(ZX_TABLES)
    reports = reports_of(text, tables)
    (p,) = check_across(reports, RULES)
    assert (p.relation, p.first.path, p.other.path) == ("正文-附表", str(ZX_TABLES), str(ZX_TEXT))
    held = [o for o in reports[0].outcomes if o.rule == "GA-DOC-006" and o.status == "held"]
    assert len(held) >= 5
    assert not [f for f in reports[0].findings if f.rule == "GA-DOC-006"]

    changed = edited(text, "拟采购货物支出350万元", "拟采购货物支出530万元")
    reports = reports_of(changed, tables)
    check_across(reports, RULES)
    (f,) = [f for f in reports[0].findings if f.rule == "GA-DOC-006"]
    assert (f.actual, f.expected) == ("530", "350.00")
    assert f.related_paths == (str(ZX_TABLES),)
