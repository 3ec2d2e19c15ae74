"""Date spans and years."""

from __future__ import annotations

from tests.seeds import SEED_000, SEED_001, SEED_002, SEED_003, SEED_004, facts_from, seed_facts


def test_002_line_45_span_ends_before_it_begins():
    (f,) = seed_facts(SEED_002, "date_span")
    assert (f.loc.line, f.fields["text"], f.fields["ordered"]) == (
        45,
        "2023年1月至2022年12月",
        False,
    )


def test_ordered_spans_and_day_precision():
    (f,) = facts_from("租期自2023年4月1日至2026年3月31日。", "date_span")
    assert f.fields["ordered"] is True
    (f,) = facts_from("2023年3月至12月。", "date_span")
    assert f.fields["ordered"] is True


def test_004_line_327_current_figures_labelled_2020():
    facts = seed_facts(SEED_004, "year_label")
    assert [(f.loc.line, f.fields["year"], f.fields["report_year"]) for f in facts] == [
        (327, 2020, 2021)
    ]


def test_no_year_findings_in_the_other_seeds():
    for path in (SEED_000, SEED_001, SEED_002, SEED_003):
        assert seed_facts(path, "year_label") == [], path.name


def test_part_heading_with_another_year():
    text = "2021年度雅安市政务服务和大数据局部门决算\n第一部分 部门概况\n第二部分 2020年度部门决算情况说明\n"
    (f,) = facts_from(text, "year_label")
    assert (f.loc.line, f.fields["year"], f.fields["where"]) == (3, 2020, "heading")


def test_closing_date_in_the_report_year_only_for_decisions():
    from tests.seeds import SEED_000, facts_from, seed_line

    text = seed_line(SEED_000, 1) + "\n" + seed_line(SEED_000, 132)
    (f,) = facts_from(text, "closing_date")
    assert (f.fields["text"], f.fields["year"], f.fields["report_year"]) == (
        "截至2023年12月31日",
        2023,
        2023,
    )
    budget = "上海市普陀区2024年区级部门预算\n截至2023年8月31日，上海市普陀区人民政府万里街道办事处（部门）共有车辆7辆。"
    assert facts_from(budget, "closing_date") == []
