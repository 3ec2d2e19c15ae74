"""A project's amount in the prose against its own self-evaluation table."""

from __future__ import annotations

from decimal import Decimal

from tests.seeds import SEED_001, seed_facts


def test_001_project_amounts_in_the_expenditure_sentence():
    facts = {f.fields["project"]: f for f in seed_facts(SEED_001, "project_amount")}
    # line 128 names 11 projects with the spending of each
    assert {f.loc.line for f in facts.values()} == {128}
    assert facts["网络及信息系统运维费"].fields["stated"].value == Decimal("100.72")
    assert facts["网络及信息系统运维费"].fields["executed"].value == Decimal("100.72")
    # "“12345”政务服务热线经费258.5万元" is the project "12345政务服务热线运行经费"
    assert facts["12345政务服务热线运行经费"].fields["stated"].value == Decimal("258.5")
    wrong = facts["无差别综合窗口运行经费"]
    assert (wrong.fields["stated"].value, wrong.fields["executed"].value) == (
        Decimal("45.83"),
        Decimal("45.80"),
    )


def test_procurement_amounts_are_not_project_budgets():
    """001 line 81: "主要用于…智慧化信息化管理系统建设142.17万元" is what was procured."""
    assert not any(f.loc.line == 81 for f in seed_facts(SEED_001, "project_amount"))
