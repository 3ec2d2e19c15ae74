"""End to end on the five real seeds: the prose findings a finance officer sees, and no
finding on correct statements — including those that only hold within rounding."""

from __future__ import annotations

from tests.seeds import every_finding

PROSE = ("GA-SUM", "GA-SHR", "GA-CHG", "GA-SCALE", "GA-RATE", "GA-UNIT")


def prose_findings(report):
    return [
        (f.rule, f.loc.line, f.expected, f.actual)
        for f in every_finding(report)
        if f.rule.startswith(PROSE)
    ]


def test_000_basic_expenditure_line_85(seed_reports):
    report = seed_reports["000"]
    assert prose_findings(report) == [
        ("GA-UNIT-003", 61, None, "3469.2"),  # "决算数为3469.2，" has no unit
        ("GA-SUM-001", 85, "551.08", "575.15"),
    ]
    (f,) = [f for f in report.findings if f.rule == "GA-SUM-001"]
    assert f.severity == "error"
    assert (
        f.message
        == "一般公共预算财政拨款基本支出 575.15 万元 ≠ 人员经费 461.75 + 公用经费 89.33 = 551.08 万元（差 24.07）"
    )


def test_003_income_total_line_24(seed_reports):
    findings = prose_findings(seed_reports["003"])
    assert ("GA-SUM-001", 24, "542.38", "478.5") in findings
    # the shares on line 24 fit the parts (63.88 + 478.5 = 542.38): not reported twice
    assert not any(rule == "GA-SHR-001" and line == 24 for rule, line, *_ in findings)
    # line 38: 8.21 / 542.38 = 1.514%, printed 1.52% (so the shares add up to 100%): it fits
    # neither rounding nor truncation, an error like any other
    (share,) = [f for f in seed_reports["003"].findings if f.rule == "GA-SHR-001"]
    assert (share.loc.line, share.severity, share.expected, share.actual) == (
        38,
        "error",
        "1.51%",
        "1.52%",
    )


def test_002_findings(seed_reports):
    assert prose_findings(seed_reports["002"]) == [
        # 260.85 − 1.14 = 259.71, but line 13 gives 2021's 预算收入 as 2761984.37元
        ("GA-CHG-003", 23, "259.71", "276.1984"),
        ("GA-SCALE-001", 23, "0.439%", "0.004%"),
        ("GA-SCALE-001", 25, "0.439%", "0.004%"),
        ("GA-UNIT-002", 47, "33.39238", "108690.55"),
    ]
    unit = next(f for f in seed_reports["002"].findings if f.rule == "GA-UNIT-002")
    assert "若单位为“元”（即 10.8691 万元）则合理" in unit.message


def test_004_findings(seed_reports):
    assert prose_findings(seed_reports["004"]) == [
        ("GA-SUM-001", 163, "1627.98", "1634.34"),
        ("GA-CHG-001", 231, "13.00%", "19.03%"),
        # 19.32 + 0 + 223 = 242.32 ≠ 242.63: 004 writes 万元 at two places and drops trailing
        # zeros (76 two-place figures, none ends in 0), so "223万元" is 223.00 (the profile's
        # money_places), an error, not GA-SUM-003's "unless 223 was rounded"
        ("GA-SUM-001", 235, "242.32", "242.63"),
        ("GA-UNIT-001", 327, "项目支出 1132.69万元", "项目支出 1132.69元"),
    ]
    unit = next(f for f in seed_reports["004"].findings if f.rule == "GA-UNIT-001")
    assert "项目支出 1132.69元 的单位与其他分项不同" in unit.message


def test_001_prose_is_consistent(seed_reports):
    assert prose_findings(seed_reports["001"]) == []


def _held_in(report, first: int, last: int):
    """Outcomes of the sum, share and change rules in a range of lines."""
    rules = ("GA-SUM-001", "GA-SHR-001", "GA-CHG-001", "GA-CHG-002")
    return [o for o in report.outcomes if o.rule in rules and first <= (o.loc.line or 0) <= last]


def test_sections_one_to_five_of_000_all_hold(seed_reports):
    """Lines 30–82 of 000 hold 18 shares, 5 breakdowns, 3 changes; several only within
    rounding (e.g. 3469.2 / 3469.24 printed as 100%)."""
    outcomes = _held_in(seed_reports["000"], 30, 82)
    assert len([o for o in outcomes if o.kind == "share"]) == 18
    assert sorted({o.loc.line for o in outcomes if o.kind == "change"}) == [31, 45, 51]
    assert outcomes and all(o.status == "held" for o in outcomes)


def test_sections_one_to_five_of_001_all_hold(seed_reports):
    outcomes = _held_in(seed_reports["001"], 13, 56)
    assert len([o for o in outcomes if o.kind == "share"]) == 8
    assert sorted({o.loc.line for o in outcomes if o.kind == "change"}) == [14, 29, 35]
    assert outcomes and all(o.status == "held" for o in outcomes)


def test_every_seed_is_read(seed_reports):
    assert all(r.status == "ok" for r in seed_reports.values())
