"""What the sentence-level relations catch: take a real sentence that holds, change one figure
(or one word) the way a typo would, and assert the finding a user sees, with its numbers.
Each test also checks the unchanged sentence gives no such finding, so none of them can pass
by reporting everything."""

from __future__ import annotations

import pytest

from tests.seeds import (
    SEED_000,
    SEED_001,
    SEED_002,
    SEED_003,
    SEED_004,
    every_finding,
    seed_line,
    seed_lines,
)

# real sentences from the shared corpus (Shanghai Putuo, 2024 决算 and 预算)
CAIZHENGJU_ITEM = (
    "3、一般公共服务支出（类）财政事务（款）信息化建设（项）。主要用于：信息化系统日常维护费等支出。"
    "年初预算为135.90万元，支出决算为135.25万元。决算数小于预算数的主要原因：因产业政策扶持资金管理系统"
    "项目进度，调减相关经费。"
)
CAIZHENGJU_LIST = """一般公共预算财政拨款支出年初预算为2993.92万元，支出决算为2940.05万元，完成年初预算的98.20%。决算数小于预算数的主要原因：因年度工作计划安排，个别信息化项目和中介机构服务调减。其中：
1、一般公共服务支出（类）财政事务（款）行政运行（项）。主要用于：局本部人员经费及公用经费等的基本支出。年初预算为1560.05万元，支出决算为1511.89万元。决算数小于预算数的主要原因：人员进出及退休变化，减少人员经费开支。
2、一般公共服务支出（类）财政事务（款）一般行政管理事务（项）。主要用于：局财政业务指导与宣传等基本支出。年初预算为10.00万元，支出决算为10.00万元。决算数与预算数基本持平。
3、一般公共服务支出（类）财政事务（款）信息化建设（项）。主要用于：信息化系统日常维护费等支出。年初预算为135.90万元，支出决算为135.25万元。决算数小于预算数的主要原因：因产业政策扶持资金管理系统项目进度，调减相关经费。
4、一般公共服务支出（类）财政事务（款）财政委托业务支出（项）。主要用于：委托中介机构开展各类审计及绩效评价工作。年初预算为450.52万元，支出决算为449.52万元。决算数小于预算数的主要原因：因个别项目评审费未能实施或未来得及支付完毕，于明年重新申请。
5、社会保障和就业支出（类）行政事业单位养老支出（款）行政单位离退休（项）。主要用于：退休人员经费支出。年初预算为85.55万元，支出决算为84.65万元。决算数小于预算数的主要原因：预算按充分保障预估，实际执行基本贴合预期。
6、社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位基本养老保险缴费支出（项）。主要用于：在职人员的基本养老保险支出。年初预算为161.62万元，支出决算为160.75万元。决算数小于预算数的主要原因：预算按充分保障预估，实际执行基本贴合预期。
7、社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位职业年金缴费支出（项）。主要用于：在职人员的职业年金缴费支出。年初预算为80.81万元，支出决算为80.38万元。决算数小于预算数的主要原因：预算按周全保障测算，实际执行基本贴合预期。
8、社会保障和就业支出（类）行政事业单位养老支出（款）其他行政事业单位养老支出（项）。主要用于：退休人员经费支出。年初预算为0.94万元，支出决算为0.94万元。决算数与预算数基本持平。
9、卫生健康支出（类）行政事业单位医疗（款）行政单位医疗（项）。主要用于：在职人员基本医疗保险费。年初预算为62.29万元，支出决算为60.99万元。决算数小于预算数的主要原因：预算按周全保障测算，实际执行基本贴合预期。
10、住房保障支出（类）住房改革支出（款）住房公积金（项）。主要用于：缴纳在职人员住房公积金。年初预算为187.75万元，支出决算为187.19万元。决算数小于预算数的主要原因：预算按周全保障测算，实际执行基本贴合预期。
11、住房保障支出（类）住房改革支出（款）购房补贴（项）。主要用于：缴纳在职人员住房购房补贴。年初预算为258.50万元，支出决算为258.50万元。决算数与预算数基本持平。"""
WANLI_ITEM = (
    "2.“一般公共服务支出（类）群众团体事务（款）一般行政管理事务（项）”42.60万元，主要用于群众团体事务"
    "一般行政管理事务。2023年当年预算执行数为45.41万元，2024年预算安排42.60万元，比2023年预算执行数减少"
    "6.19%。主要原因是：群众团体事务一般行政管理事务经费减少。"
)
# the item's comparison sentence without its heading: no budget item, read as a change
WANLI_CHANGE = WANLI_ITEM.split("。", 1)[1]
EMPTY_TABLE = """政府性基金预算财政拨款收入支出决算表
单位：万元
注：上海市普陀区财政局无政府性基金预算财政拨款支出，故本表无数据。"""


def found(report, rule):
    return [(f.loc.line, f.expected, f.actual) for f in every_finding(report) if f.rule == rule]


def changed(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, f"{old!r} must occur once"
    return text.replace(old, new)


# (name, text that holds, the change, rule, (line, expected, actual) of the finding)
CASES = [
    # item 1: wording and rates against the figures
    (
        "item budgets imply the total's rate (001 lines 44–55)",
        seed_lines(SEED_001, 44, 55),
        ("完成预算98.59%", "完成预算88.59%"),
        "GA-RATE-005",
        (1, "97.90%", "99.39%"),
    ),
    (
        "决算数小于预算数 against the two amounts (财政局 2024)",
        CAIZHENGJU_ITEM,
        ("支出决算为135.25", "支出决算为136.25"),
        "GA-WORD-001",
        (1, "135.90", "136.25"),
    ),
    (
        "决算数等于预算数 against the completion rate (001 line 50)",
        seed_line(SEED_001, 50),
        ("完成预算100%", "完成预算98%"),
        "GA-WORD-002",
        (1, None, "98%"),
    ),
    (
        "比2023年…减少 against the two years (万里街道 2024 预算)",
        WANLI_ITEM,
        ("执行数减少", "执行数增加"),
        "GA-YS-011",
        (1, None, "增加"),
    ),
    (
        "the stated rate against the two years (万里街道 2024 预算)",
        WANLI_ITEM,
        ("减少6.19%", "减少7.19%"),
        "GA-YS-010",
        (1, "6.19%", "7.19%"),
    ),
    (
        "比2023年…减少 against the two years, the sentence alone",
        WANLI_CHANGE,
        ("执行数减少", "执行数增加"),
        "GA-WORD-004",
        (1, "45.41", "42.60"),
    ),
    (
        "the stated rate against the two years, the sentence alone",
        WANLI_CHANGE,
        ("减少6.19%", "减少7.19%"),
        "GA-WORD-005",
        (1, "6.19%", "7.19%"),
    ),
    (
        "an increase larger than this year's figure (000 line 122)",
        seed_line(SEED_000, 122),
        ("增加5.82万元", "增加95.82万元"),
        "GA-CHG-004",
        (1, "93.58", "95.82"),
    ),
    (
        "完成资金计划的X% against the plan stated earlier in the section (003 lines 425–431)",
        seed_lines(SEED_003, 425, 431),
        ("完成资金计划的100%", "完成资金计划的90%"),
        "GA-RATE-001",
        (6, "100.00%", "90%"),
    ),
    # item 2: counts
    (
        "a list then its count (001 line 114)",
        seed_line(SEED_001, 114),
        ("6个科室", "7个科室"),
        "GA-CNT-001",
        (1, "6", "7"),
    ),
    (
        "a count then its list (002 line 67)",
        seed_line(SEED_002, 67),
        ("共7个", "共8个"),
        "GA-CNT-001",
        (1, "7", "8"),
    ),
    (
        "共受理 = 已办结 + 正在办理 (002 line 53)",
        seed_line(SEED_002, 53),
        ("正在办理186件", "正在办理187件"),
        "GA-CNT-002",
        (1, "14590", "14589"),
    ),
    # item 3: breakdowns read today
    (
        "parts in brackets (001 line 128)",
        seed_line(SEED_001, 128),
        ("人员经费603.34", "人员经费604.34"),
        "GA-SUM-001",
        (1, "701.51", "700.51"),
    ),
    (
        "the budget column of numbered items (财政局 2024)",
        CAIZHENGJU_LIST,
        ("年初预算为1560.05", "年初预算为1561.05"),
        "GA-SUM-001",
        (1, "2994.93", "2993.92"),
    ),
    (
        "numbered 类 lines under 主要是 (002 lines 24–29)",
        seed_lines(SEED_002, 24, 29),
        ("237.25", "238.25"),
        "GA-SUM-001",
        (2, "261.84", "260.85"),
    ),
    (
        "budget = spent + left (002 line 57)",
        seed_line(SEED_002, 57),
        ("剩余指标数4.79", "剩余指标数5.79"),
        "GA-SUM-001",
        (1, "22.00", "21"),
    ),
    (
        "parts, then 总计 (002 line 53)",
        seed_line(SEED_002, 53),
        ("粉刷费1584元", "粉刷费1684元"),
        "GA-SUM-001",
        (1, "1.1110", "1.1010"),
    ),
    (
        "the adjusted budget = initial + adjustment (001 line 126)",
        seed_line(SEED_001, 126),
        ("调整金额为683.64", "调整金额为684.64"),
        "GA-SUM-001",
        (1, "1905.07", "1904.07"),
    ),
    (
        "one part 占100% of the whole named before (003 lines 69–72)",
        seed_lines(SEED_003, 69, 72),
        ("公务接待费支出决算2万元", "公务接待费支出决算5万元"),
        "GA-SHR-001",
        (4, "250.00%", "100%"),
    ),
    # item 4: dates
    (
        "a closing date in last year (000 lines 1, 132)",
        seed_line(SEED_000, 1) + "\n" + seed_line(SEED_000, 132),
        ("截至2023年12月31日", "截至2022年12月31日"),
        "GA-DATE-002",
        (2, "2023", "2022"),
    ),
    # item 5: editing artefacts
    (
        "the note under an empty table names another fund (财政局 2024)",
        EMPTY_TABLE,
        ("无政府性基金预算财政拨款支出", "无国有资本经营预算财政拨款支出"),
        "GA-ART-003",
        (3, "政府性基金", "国有资本经营"),
    ),
    (
        "a budget item's heading against its 预算安排 (万里街道 2024 预算)",
        WANLI_ITEM,
        ("2024年预算安排42.60", "2024年预算安排43.60"),
        "GA-XREF-001",
        (1, None, "42.60"),
    ),
    (
        "all the money planned, stated again (004 lines 505–517)",
        seed_lines(SEED_004, 505, 517),
        ("全部到位,共计89.84", "全部到位,共计88.84"),
        "GA-ART-004",
        (11, "89.84", "88.84"),
    ),
    (
        "办结 more than 转办 (004 line 111)",
        seed_line(SEED_004, 111),
        ("办结15562件", "办结15762件"),
        "GA-CNT-003",
        (1, "15724", "15762"),
    ),
    (
        "共计支出 at the end of the account (003 line 75)",
        seed_line(SEED_003, 75),
        ("共计支出2万元", "共计支出5万元"),
        "GA-ART-004",
        (1, "2", "5"),
    ),
]


@pytest.mark.parametrize("name,text,change,rule,finding", CASES, ids=[c[0] for c in CASES])
def test_one_changed_figure_is_reported(check, name, text, change, rule, finding):
    assert found(check(text), rule) == []
    assert finding in found(check(changed(text, *change)), rule)


# ------------------------------------------------------------------ 绩效自评表 (item 6)

HEAD = "| 绩效指标（90分） | 一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位 | 完成值 | 权重 | 得分 | 未完成原因分析 |"
BUDGET_HEAD = "| 预算执行情况（10分） | 年度预算数（万元） | 年初预算 | 调整后预算数 | 预算执行数 | 预算执行率 | 权重 | 得分 | 原因 |"


def test_a_lower_is_better_indicator_over_its_target_keeps_full_marks(check):
    # 000 最多跑一次快递服务（第359行）：邮寄费 ≤ 13 元，完成 12
    row = "|  | 成本指标 | 经济成本指标 | 邮寄费 | ≤ | 13 | 元 | 12 | 20 | 20 |  |"
    assert found(check(f"{HEAD}\n{row}"), "GA-PERF-020") == []
    bad = changed(row, "| 12 |", "| 14 |")
    # expected/actual of money are given in 万元 (the JSON contract): 13 元 = 0.0013 万元
    assert found(check(f"{HEAD}\n{bad}"), "GA-PERF-020") == [(2, "0.0013", "0.0014")]


def test_an_indicator_that_meets_its_target_but_loses_points_is_a_warning(check):
    # 000 第一书记工作经费（第1351行）：满意度 ≥ 98%，完成 98，10 分
    row = (
        "|  | 满意度指标 | 帮扶对象满意度指标 | 村集体、村民满意度 | ≥ | 98 | % | 98 | 10 | 10 |  |"
    )
    assert found(check(f"{HEAD}\n{row}"), "GA-PERF-021") == []
    report = check(f"{HEAD}\n{changed(row, '| 10 |  |', '| 9 |  |')}")
    (f,) = [f for f in report.findings if f.rule == "GA-PERF-021"]
    assert (f.severity, f.expected, f.actual) == ("warning", "10", "9")


def test_a_rate_printed_over_a_zero_budget(check):
    # 000 市政务服务中心整体搬迁经费（第1667行）
    rows = "\n".join(
        [
            BUDGET_HEAD,
            "|  | 总额 | 2,057.84 | 1,626.33 | 838.52 | 51.56% | 10 | 5 |  |",
            "|  | 财政专户管理资金 | 0.00 | 0.00 | 0.00 | 0.00% | / | / |  |",
        ]
    )
    assert found(check(rows), "GA-PERF-027") == []
    assert found(check(changed(rows, "0.00 | 0.00%", "0.00 | 100.00%")), "GA-PERF-027") == [
        (3, None, "100.00%")
    ]


def test_cost_targets_above_the_budget(check):
    # 001 网络及信息系统运维费（第1741、1947、1959行）: 32.8 + 68.34 = 101.14 > 100.72
    text = "\n".join(
        [
            BUDGET_HEAD,
            "|  | 总额 | 100.72 | 100.72 | 100.72 | 100.00% | 10 | 10 |  |",
            HEAD,
            "|  | 产出指标 | 成本指标 | 年度网络使用费 | ≥ | 32.8 | 万元 | 100% | 5 | 5 |  |",
            "|  |  |  | 软件硬件升级及运维费 | ≥ | 68.34 | 万元 | 100% | 5 | 5 |  |",
        ]
    )
    assert found(check(text), "GA-PERF-026") == [(2, "100.72", "101.14")]
    assert found(check(changed(text, "68.34", "67.34")), "GA-PERF-026") == []


def test_a_completion_ratio_against_the_score(check):
    # 001 12345政务服务热线运行经费（第4053、4077行）: 完成值 written as how much was done
    text = "\n".join(
        [
            HEAD,
            "|  | 产出指标 | 数量指标 | 聘用话务员 | ＝ | 40 | 名 | 100% | 8 | 8 |  |",
            "|  | 产出指标 | 质量指标 | 话务及时响应率 | ≥ | 95 | % | 90% | 8 | 7 | 疫情封控期间话务量增大 |",
        ]
    )
    assert found(check(text), "GA-PERF-028") == []
    # 90% done, yet full marks
    bad = changed(text, "| 90% | 8 | 7 |", "| 90% | 8 | 8 |")
    assert found(check(bad), "GA-PERF-028") == [(3, "8", "8")]
