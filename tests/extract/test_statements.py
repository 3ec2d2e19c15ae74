"""The same statement twice inside one project states one figure."""

from __future__ import annotations

from tests.seeds import SEED_000, SEED_001, seed_facts


def statement_pairs(path):
    return [f for f in seed_facts(path, "same_figure") if f.fields["role"] == "表述"]


def test_000_same_statement_twice_in_the_12345_table():
    """ "共受理群众诉求353947件" (年度目标完成情况, line 413), "…110.04万件" (评价结论, line 651)."""
    found = [
        f
        for f in statement_pairs(SEED_000)
        if f.fields["first"].label == "12345政务服务便民热线共受理群众诉求"
    ]
    (f,) = found
    assert (f.fields["first"].loc.line, f.fields["first"].text) == (413, "353947件")
    assert (f.fields["other"].loc.line, f.fields["other"].text) == (651, "110.04万件")
    assert f.fields["entity"] == "12345政务服务热线建设及运营维护"


def test_the_statements_that_agree_are_compared_too(seed_reports):
    """Same 满意率 in both cells of the 12345 table: held, so both figures count as checked."""
    held = [
        o
        for o in seed_reports["000"].outcomes
        if o.rule == "GA-XREF-003" and o.status == "held" and o.loc.line == 413
    ]
    assert held


def test_a_project_named_in_a_list_is_no_statement():
    """001: the procurement list (line 81) and the spending list (line 128) both name
    "…智慧化信息化管理系统建设" with 142.17 and 172.66万元: two figures, not one statement."""
    assert not [
        f
        for f in statement_pairs(SEED_001)
        if {f.fields["first"].loc.line, f.loc.line} == {81, 128}
    ]
