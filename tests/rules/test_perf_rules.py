"""rules/perf.yaml on the real seeds: the findings a finance officer sees in the 绩效自评表,
at the line of the wrong figure, and none on the tables that are consistent."""

from __future__ import annotations

import pytest

from govaudit.check import check_file, load_rules
from govaudit.extract.base.context import ExtractSettings
from tests.seeds import SEED_000, SEED_001, every_finding


def perf(report):
    return [
        (f.rule, f.loc.line, f.expected, f.actual)
        for f in every_finding(report)
        if f.rule.startswith("GA-PERF")
    ]


def lines_of(report, rule):
    return [f.loc.line for f in every_finding(report) if f.rule == rule]


def message(report, rule, line):
    (f,) = [f for f in every_finding(report) if f.rule == rule and f.loc.line == line]
    return f


# --------------------------------------------------------------------------- 000


def test_000_every_perf_finding(seed_reports):
    assert perf(seed_reports["000"]) == [
        ("GA-PERF-022", 626, None, None),  # 平台运营费用: 元/月, 完成值 36000元/年
        ("GA-PERF-020", 640, "600000", "60000"),  # 运营人员管理费用 ＝ 600000, 完成 60000, 10/10
        ("GA-PERF-001", 645, "99.9", "99"),  # 12345热线: 9.9 + 90 ≠ 合计 99
        ("GA-PERF-009", 651, "99.9", "99"),  # 评价结论 "自评得分99分"
        ("GA-PERF-024", 1185, None, None),  # 办事大厅日常管理经费: "（200字以内）"
        ("GA-PERF-020", 1538, "3", "1"),  # 办公大楼租赁期 ＝ 3 年, 完成 1, 10/10
        ("GA-PERF-020", 1564, "3", "1"),  # 可持续影响 ＝ 3 年, 完成 1, 10/10
        ("GA-PERF-002", 2434, "100", "10"),  # 纳税辅助性服务: "说明项目自评10分"
    ]


def test_000_hotline_scores_add_to_99_9_while_total_and_conclusion_say_99(seed_reports):
    r = seed_reports["000"]
    total = message(r, "GA-PERF-001", 645)
    assert total.severity == "error"
    assert (
        total.message
        == "「12345政务服务热线建设及运营维护」各项得分（12 项）之和为 99.9，合计栏却写 99（差 0.9）"
    )
    prose = message(r, "GA-PERF-009", 651)
    assert prose.message == (
        "「12345政务服务热线建设及运营维护」评价结论写自评得分 99 分（合计栏为 99），但各项得分之和为 99.9"
    )
    assert "自评得分99分" in prose.source


def test_000_tax_service_conclusion_says_10_against_a_total_of_100(seed_reports):
    f = message(seed_reports["000"], "GA-PERF-002", 2434)
    assert (
        f.message
        == "「泸州市政务大厅纳税辅助性服务」评价结论写自评得分 10 分，表中合计栏却为 100（各项得分之和为 100）"
    )


def test_000_unit_mismatch_is_one_finding_listing_the_rows(seed_reports):
    f = message(seed_reports["000"], "GA-PERF-022", 626)
    assert f.severity == "warning"
    assert f.message.endswith("平台运营费用（元/月）完成值 36000元/年")


CONSISTENT_000 = {
    "最多跑一次快递服务": (180, 390),
    "市政务服务大楼物业管理": (666, 924),
    "第一书记工作经费": (1197, 1391),
    "市政务服务中心整体搬迁经费": (1613, 1949),
    "政务服务管理业务经费": (1951, 2233),
    "政务服务标准化规范化便利化专题研讨班培训": (2446, 2656),
    "泸州市“一网通办”能力提升技术服务项目": (2658, 2910),
}


@pytest.mark.parametrize("name", CONSISTENT_000)
def test_000_consistent_tables_give_no_finding(seed_reports, name):
    a, b = CONSISTENT_000[name]
    r = seed_reports["000"]
    assert [f for f in r.findings if f.rule.startswith("GA-PERF") and a <= f.loc.line <= b] == []
    # and the rules did check them: 合计 = Σ 得分 held for every table but the hotline
    held = [o for o in r.outcomes if o.rule == "GA-PERF-001" and o.status == "held"]
    assert any(a <= o.loc.line <= b for o in held)


def test_000_budget_scores_follow_the_rounding_conventions(seed_reports):
    # 99.47% → 9.9, 99.09% → 9.9, 74.06% → 7.4, 51.56% → 5, 19.85% → 2, 100% → 10
    outcomes = [o.status for o in seed_reports["000"].outcomes if o.rule == "GA-PERF-012"]
    assert outcomes == ["held"] * 11


# --------------------------------------------------------------------------- 001


def test_001_every_perf_finding_but_the_unit_ones(seed_reports):
    # GA-PERF-022 and GA-PERF-025 (one per table) are tested on their own
    found = [x for x in perf(seed_reports["001"]) if x[0] not in ("GA-PERF-022", "GA-PERF-025")]
    assert found == [
        # the 部门整体 table's 预算金额 / 实际执行 against each project table's 调整后预算数 / 执行数
        ("GA-PERF-013", 244, "148.64", "146"),  # 政府采购工作经费: 146 / 142.42, 148.64 / 145.07
        ("GA-PERF-014", 247, "145.07", "142.42"),
        ("GA-PERF-013", 284, "45.80", "45.83"),  # 无差别综合窗口运行经费
        ("GA-PERF-014", 287, "45.80", "45.83"),
        ("GA-PERF-013", 344, "5.73", "5.52"),  # 交易场地设施设备维护费
        ("GA-PERF-014", 347, "5.73", "5.52"),
        ("GA-PERF-002", 1323, "98", "100"),  # 政府采购工作经费: 评价结论 100 分, 合计 98
        ("GA-PERF-026", 1744, "100.72", "101.14"),  # 网络及信息系统运维费: 32.8 + 68.34 成本指标
        ("GA-PERF-002", 2013, "98", "96"),  # 网络及信息系统运维费: 评价结论 96 分, 合计 98
        ("GA-PERF-023", 3113, None, None),  # 政府采购专家评审费: two 满意度 rows without 完成值
        ("GA-PERF-003", 3302, "3", "5"),  # 网络运行维护费: 得分 5 > 权重 3
        ("GA-PERF-003", 3314, "3", "5"),
        ("GA-PERF-003", 3326, "4", "5"),
        ("GA-PERF-001", 3415, "100", "95"),  # …so the scores add to 100, the 合计 says 95
        ("GA-PERF-023", 3811, None, None),  # 土地出让工作经费: nine rows without 完成值
        ("GA-PERF-012", 4235, "4.36", "5"),  # 43.62% of 10 scored 5
        ("GA-PERF-001", 4521, "95", "100"),  # 智慧化: 5 + 90 = 95, 合计 100
        ("GA-PERF-002", 4525, "100", "95"),  # …and its 评价结论 says 95
    ]


def test_001_conclusions_that_disagree_with_the_total(seed_reports):
    r = seed_reports["001"]
    assert message(r, "GA-PERF-002", 1323).message == (
        "「政府采购工作经费」评价结论写自评得分 100 分，表中合计栏却为 98（各项得分之和为 98）"
    )
    assert message(r, "GA-PERF-002", 2013).message.startswith(
        "「网络及信息系统运维费」评价结论写自评得分 96 分，表中合计栏却为 98"
    )
    # 网络运行维护费's conclusion says 95 like its 合计: the capped scores add to 95 as well
    assert 3419 not in lines_of(r, "GA-PERF-002") + lines_of(r, "GA-PERF-009")


def test_001_writes_completion_ratios_and_is_held_to_them(seed_reports):
    """Every project table of 001 writes "100%" for 人, 个, 万元 …: its convention (the
    profile's), not a unit mismatch (GA-PERF-022) nor a number for a grade (GA-PERF-025);
    GA-PERF-028 holds each ratio against its score."""
    r = seed_reports["001"]
    assert r.info.profile.completion["项目"] == "ratio"
    assert lines_of(r, "GA-PERF-022") == lines_of(r, "GA-PERF-025") == []
    held = [o for o in r.outcomes if o.rule == "GA-PERF-028" and o.status == "held"]
    assert len(held) == 168
    # being ratios, 001's "90%" under "≥90%" is not read as the value: no miss/meet finding
    assert lines_of(r, "GA-PERF-020") == lines_of(r, "GA-PERF-021") == []


def test_001_department_table_against_the_project_tables(seed_reports):
    r = seed_reports["001"]
    f = message(r, "GA-PERF-013", 284)
    assert f.severity == "warning"
    assert f.message == (
        "部门整体支出绩效自评表中「无差别综合窗口运行经费」预算金额 45.83 万元，"
        "「无差别综合窗口运行经费」项目自评表总额的调整后预算 45.80 万元（第4576行），不一致（差 0.03）"
    )
    g = message(r, "GA-PERF-014", 287)
    assert g.message == (
        "部门整体支出绩效自评表中「无差别综合窗口运行经费」实际执行 45.83 万元，"
        "「无差别综合窗口运行经费」项目自评表总额的执行数 45.80 万元（第4577行），不一致"
    )
    # the other ten projects agree, names matched despite "…运行费" / "…运行经费" and a
    # project name cut short ("…审批提速经")
    held = [o for o in r.outcomes if o.rule == "GA-PERF-013" and o.status == "held"]
    assert len(held) == 10


def test_001_department_table_and_indicator_system_are_consistent(seed_reports):
    r = seed_reports["001"]
    internal = [
        f
        for f in r.findings
        if f.rule.startswith("GA-PERF") and f.rule not in ("GA-PERF-013", "GA-PERF-014")
    ]
    assert [f for f in internal if 188 <= f.loc.line <= 1095] == []
    held = {o.rule for o in r.outcomes if o.status == "held" and 188 <= (o.loc.line or 0) <= 1095}
    # Σ scores = 合计 97, Σ 任务 = 金额合计, the 指标体系's sections and its 100 points
    assert {"GA-PERF-001", "GA-PERF-002", "GA-PERF-011", "GA-PERF-030", "GA-PERF-006"} <= held


def test_001_consistent_project_tables_give_no_arithmetic_finding(seed_reports):
    r = seed_reports["001"]
    for a, b in ((1338, 1705), (2030, 2398), (2400, 2636), (3432, 3704), (3957, 4192)):
        assert [
            f.rule
            for f in r.findings
            if f.rule.startswith("GA-PERF")
            and f.rule not in ("GA-PERF-022", "GA-PERF-025")
            and a <= f.loc.line <= b
        ] == []


# --------------------------------------------------------------------------- others


def test_other_seeds_have_no_perf_finding(seed_reports):
    for key in ("002", "003", "004"):
        assert perf(seed_reports[key]) == []
    # 004's flattened 部门整体支出绩效评价自评表 was checked: Σ 得分 = 总分 96, 80 + 20 = 100
    held = {o.rule for o in seed_reports["004"].outcomes if o.status == "held"}
    assert {"GA-PERF-001", "GA-PERF-006", "GA-PERF-030"} <= held


def test_an_expected_profile_of_20_plus_80_flags_the_sichuan_tables():
    rules = [r for r in load_rules() if r.id in ("GA-PERF-007", "GA-PERF-008")]
    r = check_file(str(SEED_000), rules, ExtractSettings.of("20+80"))
    assert len(r.findings) == 22  # 11 tables × (budget weight, indicator weights)
    f = r.findings[0]
    assert (f.rule, f.loc.line, f.expected, f.actual) == ("GA-PERF-007", 224, "20", "10")
    assert (
        f.message
        == "「最多跑一次快递服务」预算执行权重为 10，配置的评分方案（20+80）规定预算执行为 20 分"
    )


def test_expected_profile_matching_the_tables_changes_nothing():
    rules = [r for r in load_rules() if r.id.startswith("GA-PERF-00")]
    r = check_file(str(SEED_001), rules, ExtractSettings.of("10+90"))
    assert [f.rule for f in r.findings if f.rule in ("GA-PERF-007", "GA-PERF-008")] == []


def test_a_word_document_built_from_001_gives_the_same_perf_findings(tmp_path):
    """gridSpan tails and vMerge continuations (.docx) read like the text layout."""
    import re
    from collections import Counter

    from tests.readers.docx_builder import docx_from_text

    rules = [r for r in load_rules() if r.id.startswith("GA-PERF")]
    docx = tmp_path / "001.docx"
    docx.write_bytes(docx_from_text(SEED_001))
    where = re.compile(r"(?:表\d+)?第\d+(?:行第\d+列|行|段|页)")

    def key(report):
        return Counter(
            (f.rule, f.expected, f.actual, where.sub("@", f.message)) for f in report.findings
        )

    def held(report):
        return Counter((o.rule, o.status) for o in report.outcomes)

    txt, word = check_file(str(SEED_001), rules), check_file(str(docx), rules)
    # 27 + GA-PERF-014's three executed amounts + GA-PERF-026 − GA-PERF-022's 13 tables
    # (001 writes completion ratios, its convention) − GA-PERF-002 at line 4525, one defect
    # with GA-PERF-001 at 4521 (the score 95 against the table's 100), under it
    assert len(txt.findings) == 17
    assert [(a.rule, a.loc.line) for f in txt.findings for a in f.also] == [("GA-PERF-002", 4525)]
    assert key(word) == key(txt)
    assert held(word) == held(txt)


def test_000_the_goal_outcome_cell_states_the_projects_execution(rules, seed_reports):
    """场地租赁 (000 line 1415): the 年度目标完成情况 cell says "年度预算执行数为1068.13万元，
    预算执行率为74.06%", the project's own 执行数 and 执行率: it holds against the budget row
    and is reported when one of them is changed; the 项目年度目标 cell beside it (the plan)
    is never read so."""
    from govaudit.check import check_text

    held = [
        o
        for o in seed_reports["000"].outcomes
        if o.rule == "GA-PERF-014" and o.loc.line == 1415 and o.status == "held"
    ]
    # 执行数 against the budget row (line 1437), 执行率 against it (1438) and the 评价结论 (1601)
    assert len(held) == 3
    lines = SEED_000.read_text(encoding="utf-8").split("\n")
    lines[1414] = lines[1414].replace(
        "执行数为1068.13万元，预算执行率为74.06%", "执行数为1086.13万元，预算执行率为74.60%"
    )
    found = [
        (f.expected, f.actual, f.message)
        for f in check_text("\n".join(lines), rules).findings
        if f.rule == "GA-PERF-014" and f.loc.line == 1415
    ]
    assert [(e, a) for e, a, _ in found] == [("1068.13", "1086.13"), ("74.06%", "74.60%")]
    assert "项目自评表第1415行 74.60%，" in found[1][2]
