"""End to end on the seeds: cross-references, named equations, units, dates, numbering and
subject names — each finding a finance officer would see, and none on correct text."""

from __future__ import annotations

STRUCTURE = ("GA-XREF", "GA-EQ", "GA-UNIT", "GA-SCALE", "GA-DATE", "GA-YEAR", "GA-NUM", "GA-SUBJ")


def found(report):
    return [
        (f.rule, f.loc.line, f.expected, f.actual)
        for f in report.findings
        if f.rule.startswith(STRUCTURE)
    ]


def test_003_income_total_against_the_annex_line_24_and_371(seed_reports):
    report = seed_reports["003"]
    xref = [f for f in report.findings if f.rule == "GA-XREF-001"]
    assert [(f.loc.line, f.expected, f.actual) for f in xref] == [
        (24, "542.38", "478.5"),
        (24, "542.38", "478.5"),
    ]
    assert (
        xref[0].message
        == "本年收入合计（全部资金）前后不一致：第24行为 478.5 万元，第371行为 542.38 万元（差 63.88）"
    )
    assert "一般公共预算财政拨款收入" in xref[1].message
    assert any(loc.line == 371 for loc in xref[0].related)


def test_001_numbering_subject_name_and_project_amounts(seed_reports):
    assert found(seed_reports["001"]) == [
        ("GA-NUM-001", 46, "2", "3"),
        ("GA-SUBJ-001", 54, "卫生健康支出（类）", "卫生健康支持"),
        # line 128 lists project spending; two disagree with the projects' own tables
        ("GA-XREF-002", 128, "45.80", "45.83"),
        ("GA-XREF-002", 128, "30.00", "33.91"),
        ("GA-NUM-001", 177, "3", "4"),
        # the project's report: "2022年财政安排无差别综合窗口运行经费项目资金45.83万元"
        ("GA-XREF-002", 4905, "45.80", "45.83"),
    ]


def test_002_dates_units_and_scale(seed_reports):
    assert found(seed_reports["002"]) == [
        ("GA-SCALE-001", 23, "0.439%", "0.004%"),
        ("GA-SCALE-001", 25, "0.439%", "0.004%"),
        ("GA-DATE-001", 45, None, "2023年1月至2022年12月"),
        ("GA-UNIT-002", 47, "33.39238", "108690.55"),
    ]


def test_004_category_totals_unit_and_year(seed_reports):
    assert found(seed_reports["004"]) == [
        ("GA-SUBJ-003", 157, "43.98", "50.26"),
        ("GA-SUBJ-003", 157, "38.34", "38.43"),
        # 公务用车购置及运行维护费: 7.03万元 in the 三公 structure (line 199), 7.02 in its item
        ("GA-XREF-004", 207, "7.03", "7.02"),
        ("GA-UNIT-001", 327, "1634.34", "501.7633"),
        ("GA-YEAR-001", 327, "2021", "2020"),
        # 政务云采购及建设 report: 资金申报 86万元 (the 政务大厅运行 report's), 资金计划 987.49万元
        ("GA-XREF-001", 736, "987.49", "86"),
    ]


def test_000_category_total_and_missing_unit(seed_reports):
    findings = found(seed_reports["000"])
    assert ("GA-UNIT-003", 61, None, "3469.2") in findings
    (subj,) = [f for f in seed_reports["000"].findings if f.rule == "GA-SUBJ-003"]
    # 439.83 + 2894.09 + 0.86 = 3334.78 ≠ 3334.75: beyond rounding but tiny
    assert (subj.loc.line, subj.severity, subj.expected, subj.actual) == (
        55,
        "warning",
        "3334.78",
        "3334.75",
    )


def test_no_cross_reference_between_different_concepts(seed_reports):
    """基本支出 575.18 (line 39, all funds) and 一般公共预算财政拨款基本支出 575.15 (line 85)
    are not compared; nor are 004's 基本支出 501.68 (all funds) and 501.65 (fiscal funds)."""
    found = {
        (name, f.loc.line)
        for name, report in seed_reports.items()
        for f in report.findings
        if f.rule == "GA-XREF-001"
    }
    # the real ones: 003's 本年收入合计 478.5 vs 542.38, 004's 政务云 report 86 vs 987.49
    assert found == {("003", 24), ("004", 736)}


def test_named_equations_hold_on_the_seeds(seed_reports):
    eq = [o for r in seed_reports.values() for o in r.outcomes if o.rule.startswith("GA-EQ")]
    assert eq, "the equations were checked on at least one seed"
    assert all(o.status != "failed" for o in eq)
