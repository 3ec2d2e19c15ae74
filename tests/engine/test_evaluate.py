"""A percentage judged by the document's own rounding convention (engine/evaluate.py,
`_percent_convention`): the relations that tell half-up rounding and truncation apart decide
it; a truncated percentage is accepted in a document that truncates, an error in one that
rounds, a warning where nothing tells; a value that fits neither is reported as the rule says."""

from __future__ import annotations

from tests.seeds import checked, jiangsu

# 上海市普陀区社会工作部 2024 年部门决算 第18页（9.55% 为截尾：29.42 ÷ 307.82 = 9.5575%）
SHEHUI = (
    "一般公共预算财政拨款支出307.82万元，主要用于以下方面：一般公共服务支出（类）264.87万元，"
    "占86.05%；社会保障和就业支出（类）10.82万元，占3.52%；卫生健康支出（类）2.71万元，"
    "占0.88%；住房保障支出（类）29.42万元，占9.55%。"
)


def shares(report):
    return [f for f in report.findings if f.rule == "GA-SHR-001"]


def test_truncated_share_where_nothing_tells_is_a_warning(check):
    # one share fits half-up only (3.52), one truncation only (9.55): the convention is unknown
    (f,) = shares(check(SHEHUI))
    assert (f.severity, f.expected, f.actual) == ("warning", "9.56%", "9.55%")
    assert "9.55% 是截去尾数的写法" in f.message and "不足以判定" in f.message


# the same document's 完成率 sentence (第18页), edited to 全年预算 and cut: 307.82 ÷ 321.02 = 95.888%
RATE = "一般公共预算财政拨款支出全年预算为321.02万元，支出决算为307.82万元，完成全年预算的95.88%。"


def test_truncated_percentages_in_a_document_that_truncates_are_accepted(check):
    # edited: every percentage cut, not rounded (3.515 → 3.51, 9.5575 → 9.55, 95.888 → 95.88):
    # the two that only truncation explains make the document's convention, none is reported
    report = check(SHEHUI.replace("3.52%", "3.51%") + "\n" + RATE)
    assert [f.rule for f in report.findings if "%" in (f.actual or "")] == []
    # as printed, 3.52% fits half-up only: one against two tells nothing, both are warnings
    report = check(SHEHUI + "\n" + RATE)
    assert sorted((f.rule, f.severity) for f in report.findings if "%" in (f.actual or "")) == [
        ("GA-RATE-001", "warning"),
        ("GA-SHR-001", "warning"),
    ]


def test_share_fitting_neither_convention_is_an_error(check):
    # edited: 9.57% is neither 9.5575 rounded nor cut
    (f,) = shares(check(SHEHUI.replace("9.55%", "9.57%")))
    assert (f.severity, f.expected, f.actual) == ("error", "9.56%", "9.57%")
    assert "截去尾数" not in f.message


def test_truncated_rate_in_a_document_that_rounds_is_an_error():
    # 江苏省人民检察院 2019 第25页：2228.78 ÷ 21940.96 = 10.158%, written 10.15% (truncated) while
    # the document's other telling percentages are rounded half-up (gold js-jcy19-2)
    report = checked(jiangsu("js-jianchayuan-2019-yusuan.pdf"))
    found = [
        (f.loc.page, f.loc.line, f.severity)
        for f in report.findings
        if f.rule == "GA-CHG-001" and f.actual == "10.15%"
    ]
    assert found == [(25, 9, "error"), (29, 21, "error")]
    (f,) = [f for f in report.findings if f.loc.page == 25 and f.loc.line == 9]
    assert "10.15% 是截去尾数的写法，而本文件的百分数按四舍五入写" in f.message
