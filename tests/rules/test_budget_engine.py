"""What the budget pack needs from the engine: a pack for some kinds of document only
(`kinds:`), and a rule that says why a relation cannot be verified (`outcome: unverified`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from govaudit.check import check_text, load_rules
from govaudit.engine.rules import load_rule_file
from govaudit.errors import RuleError
from govaudit.extract import fact_kinds
from govaudit.report.summary import coverage
from tests.seeds import FIXTURES

# 万里街道 2024 部门预算, page 7, item 9: growth from 0.00
ZERO_BASE = (
    "上海市普陀区2024年区级部门预算\n"
    "9.“教育支出（类）其他教育支出（款）其他教育支出（项）”25.00万元，主要用于其他教育支出。"
    "2023年当年预算执行数为0.00万元，2024年预算安排25.00万元，比2023年预算执行数增加100.00%。"
    "主要原因是：项目调整。\n"
)
# the same sentence in a 决算 (a 部门决算's cover): the budget pack does not run on it
FINAL_COVER = "上海市普陀区财政局2024年度部门决算\n"


def _pack(tmp_path: Path, body: str) -> Path:
    p = tmp_path / "pack.yaml"
    p.write_text(body, encoding="utf-8")
    return p


RULE = """
  - id: GA-T-001
    title: 收入预算 = 支出预算
    applies_to: concepts
    when: exists(本年收入合计, 本年支出合计)
    assert: 本年收入合计 == 本年支出合计
    severity: error
    message: "{num(本年收入合计)} ≠ {num(本年支出合计)}"
"""
UNBALANCED = (
    "上海市普陀区人民政府办公室收入预算9,101.68万元，比2024年预算减少2,389.52万元。\n"
    "支出预算9,110.68万元，比2024年预算减少2,380.52万元。\n"
)


def test_a_pack_for_budgets_runs_on_budgets_and_on_documents_of_unknown_kind(tmp_path):
    rules = load_rule_file(
        _pack(tmp_path, "kinds: [部门预算, 单位预算]\nrules:" + RULE), fact_kinds()
    )
    assert rules[0].kinds == ("部门预算", "单位预算")
    budget = check_text("上海市普陀区2025年区级部门预算\n" + UNBALANCED, rules)
    assert [f.rule for f in budget.findings] == ["GA-T-001"]
    assert budget.info is not None and budget.info.kind == "部门预算"
    unknown = check_text(UNBALANCED, rules)
    assert [f.rule for f in unknown.findings] == ["GA-T-001"]
    final = check_text("上海市普陀区财政局2025年度部门决算\n" + UNBALANCED, rules)
    assert final.findings == [] and final.outcomes == []


def test_a_pack_names_document_kinds_it_knows(tmp_path):
    with pytest.raises(RuleError) as exc:
        load_rule_file(_pack(tmp_path, "kinds: [部门预算, 预算]\nrules:" + RULE), fact_kinds())
    assert exc.value.field == "kinds" and "单位预算" in exc.value.zh


def test_outcome_must_be_failed_or_unverified(tmp_path):
    bad = RULE.replace("severity: error", "severity: error\n    outcome: skipped")
    with pytest.raises(RuleError) as exc:
        load_rule_file(_pack(tmp_path, "rules:" + bad), fact_kinds())
    assert exc.value.field == "outcome"


def test_growth_from_zero_is_unverifiable_with_the_reason_and_never_an_error():
    rules = [r for r in load_rules() if r.id in ("GA-YS-010", "GA-YS-011", "GA-YS-012")]
    report = check_text(ZERO_BASE, rules)
    (finding,) = report.findings
    assert finding.rule == "GA-YS-012" and finding.severity == "info"
    assert "上年执行数为 0.00 万元" in finding.message
    assert "以 0 为基数的增长幅度没有定义" in finding.message
    assert finding.actual == "100.00%"
    c = coverage(report)
    # the rate is not checked (GA-YS-010 does not apply); GA-YS-012 counts as unverifiable,
    # the direction word (增加: 25.00 > 0.00) holds
    assert (c.held, c.failed, c.unverified) == (1, 0, 1)
    assert [o.status for o in report.outcomes if o.rule == "GA-YS-012"] == ["unverified"]
    # nothing was compared with the 100.00%: it does not count as a checked figure
    assert "100.00%" in [text for _, text in report.figures.unchecked]


def test_the_budget_pack_is_silent_on_a_final_account():
    rules = [r for r in load_rules() if r.id.startswith("GA-YS-")]
    report = check_text(FINAL_COVER + ZERO_BASE.split("\n", 1)[1], rules)
    assert report.info is not None and report.info.kind == "部门决算"
    assert report.findings == [] and report.outcomes == []


def test_growth_of_100_percent_from_zero_is_the_documents_wording_and_is_accepted():
    """中共上海市普陀区委社会工作部 2024 部门决算 (a department new in 2024): "与2023年度相比，
    收入支出总计增加307.82万元，增长100.00%" on a total of 307.82 — four such sentences. "增长
    100%" is how a new item is customarily written (江苏省高级人民法院 2018 writes it for its
    two new 项 too): accepted, not reported, and never checked as a rate."""
    from govaudit.check import check_file

    report = check_file(
        str(FIXTURES / "pdf" / "putuo-shehuigongzuobu-2024-juesuan.pdf"), load_rules()
    )
    assert [f for f in report.findings if f.rule in ("GA-ZERO-001", "GA-CHG-001")] == []
    statuses = [o.status for o in report.outcomes if o.rule == "GA-CHG-001"]
    assert "failed" not in statuses


def test_another_rate_from_zero_says_why_it_is_not_checked(check):
    """The same sentence edited to "增长10.23%": a rate over a prior year of 0 that is not the
    customary 100% cannot be checked, and the officer is told why (info, never an error)."""
    report = check("机关运行经费支出10.23万元，比2023年度增加10.23万元，增长10.23%。")
    (f,) = [f for f in report.findings if f.rule == "GA-ZERO-001"]
    assert (f.severity, f.actual) == ("info", "10.23%")
    assert "上年为 0" in f.message and "机关运行经费支出增加 10.23 万元" in f.message
