"""One defect, one finding (govaudit/causes.py): the findings one wrong figure causes come
back as one, placed at the figure, the others under it; findings with causes of their own
stay apart."""

from __future__ import annotations

from decimal import Decimal

from govaudit.causes import group
from govaudit.intervals import Interval
from govaudit.model import Finding, Location, Quantity


def test_003_line_24_is_one_finding(seed_reports):
    """本年收入合计 478.5 (it should be 542.38) breaks its breakdown and both restatements at
    line 371: one finding, at the first 478.5; the second restatement is placed at the
    second 478.5 (column 57), the one it means."""
    (f,) = [f for f in seed_reports["003"].findings if f.loc.line == 24]
    assert (f.rule, f.expected, f.actual) == ("GA-SUM-001", "542.38", "478.5")
    assert [(x.rule, x.loc.line) for x in f.also] == [("GA-XREF-001", 24), ("GA-XREF-001", 24)]
    assert f.source[f.span[0] : f.span[1]] == "478.5万元" and f.span[0] == 11
    second = f.also[1]
    assert second.message.startswith("一般公共预算财政拨款收入前后不一致")
    assert second.span == (56, 63)  # the 478.5 after 一般公共预算财政拨款收入, column 57
    # the tool cannot tell which of line 24 and line 371 is right: no 应为
    assert second.expected is None and "第371行为 542.38 万元" in second.message


def _money(v: str) -> Interval:
    return Interval.of(Quantity(Decimal(v), 2, "万元", v, "", Location(), 0, 0, 0))


def _ratio(v: str) -> Interval:
    return Interval.exact(Decimal(v), "ratio")


def test_a_wrong_base_and_a_share_off_by_the_same_factor_are_one_finding():
    """A total printed 600.00 that should be 500.00 fails its breakdown; a share computed on
    the printed 600.00 comes out 500/600 of the printed share: one defect, at the total. A
    share wrong by a factor of its own (a ×100 slip) stays apart."""
    total = Finding(
        "GA-SUM-001", "error", "", "本年支出合计 600.00 万元 ≠ … = 500.00 万元", Location(line=1),
        anchor_ref=(1, 10), figures=((1, 10), (1, 20), (1, 30)),
        sides=(_money("500.00"), _money("600.00")),
    )  # fmt: skip
    share = Finding(
        "GA-SHR-001", "error", "", "基本支出占 80.00%，但 400.00 ÷ 600.00 = 66.67%",
        Location(line=2), anchor_ref=(2, 5), figures=((1, 10), (1, 20), (2, 5)),
        sides=(_ratio("0.6667"), _ratio("0.8000")),
    )  # fmt: skip
    (f,) = group([total, share])
    assert f.rule == "GA-SUM-001" and [x.rule for x in f.also] == ["GA-SHR-001"]
    slip = Finding(
        "GA-SCALE-001", "error", "", "写为 0.008%", Location(line=2), anchor_ref=(2, 5),
        figures=((1, 10), (1, 20), (2, 5)), sides=(_ratio("0.6667"), _ratio("0.00008")),
    )  # fmt: skip
    total.also = []
    assert len(group([total, slip])) == 2


def test_a_rate_wrong_on_its_own_is_not_folded_into_its_base(seed_reports):
    """002 line 23: 比2021年预算增加1.14万元，增长0.004% — the prior year the increase implies
    disagrees with line 13 (GA-CHG-003), and the rate is off by a factor 100 whatever the base
    (GA-SCALE-001): two defects."""
    at23 = [f for f in seed_reports["002"].findings if f.loc.line == 23]
    assert sorted(f.rule for f in at23) == ["GA-CHG-003", "GA-SCALE-001"]
    assert all(not f.also for f in at23)


def test_a_score_that_only_takes_part_in_a_failed_sum_is_not_its_cause(seed_reports):
    """000: the 得分 of 运营人员管理费用 (line 640, full marks for a missed target) is one of the
    scores whose sum misses the 合计 (line 645); that does not make it the sum's cause."""
    found = {f.loc.line: f for f in seed_reports["000"].findings}
    assert found[640].rule == "GA-PERF-020" and not found[640].also
    assert found[645].rule == "GA-PERF-001"
    assert [x.rule for x in found[645].also] == ["GA-PERF-009"]  # the 评价结论 says the same 99


def _finding(line: int, rule: str = "GA-YS-020") -> Finding:
    return Finding(
        rule=rule,
        severity="warning",
        title="单位预算不应自称部门预算（反之亦然）",
        message="这是一份单位预算，文中却写“部门预算”",
        loc=Location(page=21, line=line),
        excerpt="2025年部门预算安排购置车辆0辆，…；部门预算安排购置单价100万元以上设备0台。",
        order=7,
    )


def test_a_word_repeated_in_one_sentence_is_one_finding():
    """Two "部门预算" in one sentence that a PDF wraps over two lines: one finding."""
    (f,) = group([_finding(3), _finding(4)])
    assert f.loc.line == 3 and [x.loc.line for x in f.also] == [4]
    # another rule on the same sentence stays apart
    assert len(group([_finding(3), _finding(3, "GA-YS-017")])) == 2
