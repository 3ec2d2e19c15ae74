"""Remainders, instalments and bounded rates (sentences/remainders.py), on real sentences and
on edited copies of the real seeds."""

from __future__ import annotations

from govaudit.extract import extract
from tests.edits import edited_findings
from tests.seeds import (
    SEED_000,
    SEED_001,
    SEED_002,
    SEED_003,
    SEED_004,
    facts_from,
    read,
    seed_line,
)

REM = "GA-REM"


def texts(fact, field):
    v = fact.fields[field]
    return [q.text for q in v] if isinstance(v, list) else (v.text if v is not None else None)


def rem_findings(path, changes, rules):
    return edited_findings(path, changes, rules, REM)


# --------------------------------------------------------------------------- reading


def test_bounded_rates_in_prose():
    got = [
        (f.fields["rate_name"], f.fields["rate"].text)
        for f in facts_from(seed_line(SEED_004, 489), "bounded_rate")
    ]
    assert got == [
        ("主动回访率", "100%"),
        ("接通率", "97.50%"),
        ("总体诉求解决率", "100%"),
        ("满意率", "99.72%"),
    ]
    # "响应率、办结率均达到100%": one figure, the rate named last
    got = [
        (f.fields["rate_name"], f.fields["rate"].text)
        for f in facts_from(seed_line(SEED_002, 53), "bounded_rate")
    ]
    assert got == [("办结率", "100%"), ("满意率", "99.56%")]
    # a target ("95%以上") and a completion rate are not bounded rates
    assert facts_from("大厅窗口工作人员及办事群众满意度达95%以上。", "bounded_rate") == []
    assert facts_from(seed_line(SEED_000, 61), "bounded_rate") == []


def test_remainder_with_its_execution_rate_000_line_1601():
    (f,) = facts_from(seed_line(SEED_000, 1601), "remainder")
    assert [texts(f, k) for k in ("spent", "left", "rate")] == [
        "1068.13万元",
        "374.03万元",
        "74.06%",
    ]
    # the same passage without the rate (000 line 1419) states no budget to check against
    assert facts_from(seed_line(SEED_000, 1419), "remainder") == []
    # a budget stated before them: breakdowns.py reads 预算 = 执行 + 结余 (001 line 163)
    assert facts_from(seed_line(SEED_001, 163), "remainder") == []


def test_instalments():
    (f,) = facts_from(seed_line(SEED_001, 4531), "instalments")
    assert texts(f, "parts") == ["40%", "30%", "20%", "10%"]
    (f,) = facts_from(seed_line(SEED_001, 5026), "instalments")
    assert texts(f, "parts") == ["40%", "40%", "10%", "10%"]  # the last: "剩余10%待质保期后付款"
    (f,) = facts_from(seed_line(SEED_000, 2700), "instalments")
    assert texts(f, "parts") == ["20%", "80%"]
    # the other ways of writing 001 line 4531's schedule: a first payment without "…后", the
    # object between the verb and the share, "余款"
    for text, parts in (
        ("优化资金支付流程，签订合同后预付40%，余款60%于终验后支付。", ["40%", "60%"]),
        (
            "优化资金支付流程，初验后支付合同金额的70%，质保期后支付合同金额的30%。",
            ["70%", "30%"],
        ),
    ):
        (f,) = facts_from(text, "instalments")
        assert texts(f, "parts") == parts
    # what has been paid is not a schedule
    assert facts_from("截至年底已支付合同款的40%，付款进度达40%。", "instalments") == []
    # one stage of a payment is not a schedule
    assert facts_from(seed_line(SEED_001, 5025), "instalments") == []


# --------------------------------------------------------------------------- findings


def test_the_seeds_hold(seed_reports):
    for name, report in seed_reports.items():
        assert [f for f in report.findings if f.rule.startswith(REM)] == [], name
    held = {o.rule for r in seed_reports.values() for o in r.outcomes if o.status == "held"}
    assert {"GA-REM-001", "GA-REM-003", "GA-REM-004"} <= held


def test_a_call_back_rate_over_100_percent(rules):
    found = rem_findings(
        SEED_004, {"主动回访率100%,解决群众诉求": "主动回访率101%,解决群众诉求"}, rules
    )
    # the sentence is printed twice in 004 (lines 489 and 619)
    assert [(r, line) for r, line, _, _ in found] == [("GA-REM-001", 489), ("GA-REM-001", 619)]


def test_a_connection_rate_over_100_percent_in_the_self_evaluation_table(rules):
    # 000: the 自评表 cell (line 536) and the two sentences that restate it
    found = rem_findings(SEED_000, {"96.97": "100.97"}, rules)
    assert sorted(line for r, line, _, _ in found if r == "GA-REM-001") == [413, 536, 651]


def test_savings_against_the_budget_of_their_own_table(rules):
    # 000: both cells of the 场地租赁 自评表 (lines 1419 and 1601) say 374.03 was saved; the
    # table's 调整后预算数 is 1,442.16 and 1,442.16 − 1,068.13 = 374.03
    doc = extract(read(SEED_000))
    got = [
        (f.loc.line, f.fields["budget"].text, f.fields["spent"].text, f.fields["left"].text)
        for f in doc.facts
        if f.kind == "remainder"
    ]
    assert got == [
        (1419, "1,442.16", "1068.13万元", "374.03万元"),
        (1601, "1,442.16", "1068.13万元", "374.03万元"),
    ]
    found = rem_findings(SEED_000, {"节约财政资金374.03": "节约财政资金375.03"}, rules)
    assert [(r, line, e, a) for r, line, e, a in found] == [
        ("GA-REM-004", 1419, "374.03", "375.03"),
        ("GA-REM-004", 1601, "374.03", "375.03"),
    ]


def test_savings_that_do_not_fit_the_execution_rate(check):
    # 000 line 1601 outside its table: the execution rate makes the budget spent + saved
    text = seed_line(SEED_000, 1601).replace("资金374.03", "资金375.03")
    found = [(f.rule, f.loc.line) for f in check(text).findings if f.rule.startswith(REM)]
    assert found == [("GA-REM-002", 1)]


def test_instalments_that_do_not_add_up(rules):
    found = rem_findings(SEED_001, {"完成初验后支付30%": "完成初验后支付31%"}, rules)
    assert [(r, line) for r, line, _, _ in found] == [("GA-REM-003", 4531)]


def test_a_covered_rate_in_003_is_read(seed_reports):
    held = [
        o for o in seed_reports["003"].outcomes if o.rule == "GA-REM-001" and o.status == "held"
    ]
    assert len(held) >= 4  # the 覆盖率 and 满意度 cells and sentences
    # "限时完成率达到100%" (line 528): the share of cases done in time, unlike a 完成预算
    (f,) = facts_from(seed_line(SEED_003, 528), "bounded_rate")
    assert (f.fields["rate_name"], f.fields["rate"].text) == ("限时完成率", "100%")
