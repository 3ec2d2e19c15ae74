"""A project's 自评表 flattened into one value per line, as a web page or a pasted .docx gives
it, is read as the table it is: the same facts and the same findings as the table."""

from __future__ import annotations

from govaudit.model import Table
from govaudit.readers import read_document
from tests.seeds import SEED_000, facts_from, seed_facts

CODE_12345 = "51050021T000000039086"  # 12345政务服务热线建设及运营维护


def flattened(code: str = CODE_12345) -> str:
    """Seed 000's 自评表 of one project as a web page prints it: each non-empty cell on a line
    of its own, in reading order; empty cells leave no line, a cell's line breaks are gone."""
    doc = read_document(SEED_000)
    (table,) = [b for b in doc.blocks if isinstance(b, Table)]
    rows = table.rows
    start = next(i for i, r in enumerate(rows) if any(code in c.text.text for c in r))
    end = next(
        i
        for i in range(start, len(rows))
        if rows[i] and rows[i][0].text.text.startswith("项目负责人")
    )
    out = [rows[start - 1][0].text.text.strip()]  # the title
    for r in rows[start:end]:
        out += ["".join(c.text.text.split("\n")).strip() for c in r if not c.merged]
    return "\n".join(t for t in out if t) + "\n"


def found(report):
    return sorted(
        (f.rule, f.expected, f.actual) for f in report.findings if f.rule.startswith("GA-PERF")
    )


def indicators(facts):
    return [
        (
            f.fields["level1"],
            f.fields["level2"],
            f.fields["name"],
            f.fields["operator"],
            f.fields["target_text"],
            f.fields["unit"],
            f.fields["actual_text"],
            f.fields["weight"].value,
            f.fields["score"].value,
        )
        for f in facts
        if f.kind == "perf_indicator"
    ]


def budget(facts):
    keys = ("label", "initial", "adjusted", "executed", "rate", "weight", "score")
    return [
        tuple(getattr(f.fields[k], "value", f.fields[k]) for k in keys)
        for f in facts
        if f.kind == "perf_budget_row"
    ]


def test_the_flattened_table_reads_as_the_table():
    text = flattened()
    assert "\t" not in text and "\n\n" not in text
    flat = facts_from(text)
    table = [
        f
        for f in seed_facts(SEED_000)
        if f.fields.get("project") == "12345政务服务热线建设及运营维护"
    ]
    assert indicators(flat) == indicators(table)
    assert len(indicators(flat)) == 11
    # 总额 330.00 / 329.13 / 326.13 / 99.09% / 10 / 9.9; the row of only "/" is not read
    assert budget(flat) == [b for b in budget(table) if b[0] != "其他资金"]
    (t,) = [f for f in flat if f.kind == "perf_table"]
    assert (t.fields["total_score"].value, t.fields["stated_score"].value) == (99, 99)


def test_the_flattened_table_gives_the_tables_findings(check, seed_reports):
    """Seed 000's 12345 table: 得分 add up to 99.9 but 合计 and 评价结论 say 99; 60000 against
    "＝600000 元/人年"; "36000元/年" under 元/月 — found in the flattened copy as in the table."""
    flat = check(flattened())
    table = [
        f
        for f in seed_reports["000"].findings
        if f.rule.startswith("GA-PERF") and "12345政务服务热线建设及运营维护" in f.message
    ]
    assert found(flat) == sorted((f.rule, f.expected, f.actual) for f in table)
    assert ("GA-PERF-001", "99.9", "99") in found(flat)
    (f,) = [f for f in flat.findings if f.rule == "GA-PERF-001"]
    assert f.loc.line == flattened().split("\n").index("合计") + 3  # its 99


def test_a_changed_score_in_the_flattened_table_is_found(check):
    """Edited copy: 话务人员聘请人数 (权重 10) scored 12."""
    lines = flattened().split("\n")
    at = lines.index("话务人员聘请人数")
    assert lines[at + 1 : at + 7] == ["＝", "47", "人", "47", "10", "10"]
    lines[at + 6] = "12"
    r = check("\n".join(lines))
    (f,) = [f for f in r.findings if f.rule == "GA-PERF-003"]
    assert (f.loc.line, f.expected, f.actual) == (at + 7, "10", "12")
    assert "话务人员聘请人数" in f.message


def test_the_national_column_order():
    """The national template's order (年度资金总额 / 年初预算数 / 全年预算数 / 全年执行数 / 分值 /
    执行率 / 得分; 年度指标值 and 实际完成值 with the operator in the cell), seed 000's figures."""
    text = "\n".join(
        [
            "项目支出绩效自评表（2023年度）",
            "项目名称",
            "12345政务服务热线建设及运营维护",
            "项目资金（万元）",
            "年初预算数",
            "全年预算数",
            "全年执行数",
            "分值",
            "执行率",
            "得分",
            "年度资金总额",
            "330.00",
            "329.13",
            "326.13",
            "10",
            "99.09%",
            "9.9",
            "一级指标",
            "二级指标",
            "三级指标",
            "年度指标值",
            "实际完成值",
            "分值",
            "得分",
            "偏差原因分析及改进措施",
            "产出指标",
            "数量指标",
            "话务人员聘请人数",
            "＝47人",
            "47人",
            "10",
            "10",
            "接电总量",
            "≥110万件",
            "110.04万件",
            "10",
            "10",
            "质量指标",
            "人工接通率",
            "≥95%",
            "96.97%",
            "5",
            "6",
            "合计",
            "25",
            "26",
        ]
    )
    facts = facts_from(text)
    (row,) = budget(facts)
    assert [str(x) for x in row] == [
        "年度资金总额",
        "330.00",
        "329.13",
        "326.13",
        "99.09",
        "10",
        "9.9",
    ]
    inds = indicators(facts)
    assert [(i[2], i[3], i[7], i[8]) for i in inds] == [
        ("话务人员聘请人数", "=", 10, 10),
        ("接电总量", "≥", 10, 10),
        ("人工接通率", "≥", 5, 6),
    ]
    assert inds[2][:2] == ("产出指标", "质量指标")


def test_a_run_of_lines_that_is_no_table_is_not_read():
    """002's prose after its title-like line gives no 自评表."""
    text = "\n".join(
        ["2023年部门绩效自评工作总结", "区财政局：", "根据《预算法》精神，现将自评情况报告如下："]
    )
    assert [f for f in facts_from(text) if f.kind.startswith("perf_")] == []
