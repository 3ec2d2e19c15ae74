"""A project's amounts wherever the text names it: keyed in the ledger by project and role,
and an amount whose role is open held against the project's own figures (GA-XREF-002)."""

from __future__ import annotations

from decimal import Decimal

from govaudit.extract import extract
from govaudit.readers.text import read_text
from tests.seeds import SEED_001, SEED_002, SEED_003, every_finding, seed_facts


def edited(path, line: int, old: str, new: str) -> str:
    """The seed with one figure of one line changed (the real document has no such error)."""
    lines = path.read_text(encoding="utf-8").split("\n")
    assert old in lines[line - 1], (line, old)
    lines[line - 1] = lines[line - 1].replace(old, new, 1)
    return "\n".join(lines)


def xref(report, rule="GA-XREF-002"):
    """The findings of `rule`, those folded under another finding of their defect too."""
    return [f for f in every_finding(report) if f.rule == rule]


def keyed(text: str, line: int):
    found = extract(read_text("<t>", text.encode("utf-8"))).ledger
    return sorted(
        (e.quantity.text, e.key.entity, e.key.role)
        for e in found.keyed()
        if e.loc.line == line and e.key.concept == "项目资金"
    )


# --------------------------------------------------------------------------- 001


def test_001_project_amounts_in_the_expenditure_sentence():
    facts = seed_facts(SEED_001, "project_amount")
    at_128 = {f.fields["project"]: f for f in facts if f.loc.line == 128}
    # line 128 names 12 of the projects with the spending of each; "“天府通办”分站点建设经费"
    # is "“天府通办”广元分站点建设项目" with 广元 left out
    assert len(at_128) == 12
    assert at_128["“天府通办”广元分站点建设项目"].fields["stated"].value == Decimal("140")
    assert at_128["网络及信息系统运维费"].fields["stated"].value == Decimal("100.72")
    assert at_128["网络及信息系统运维费"].fields["executed"].value == Decimal("100.72")
    # "“12345”政务服务热线经费258.5万元" is the project "12345政务服务热线运行经费"
    assert at_128["12345政务服务热线运行经费"].fields["stated"].value == Decimal("258.5")
    wrong = at_128["无差别综合窗口运行经费"]
    assert (wrong.fields["stated"].value, wrong.fields["executed"].value) == (
        Decimal("45.83"),
        Decimal("45.80"),
    )


def test_procurement_amounts_are_not_project_budgets():
    """001 line 81: "主要用于…智慧化信息化管理系统建设142.17万元" is what was procured."""
    assert not any(f.loc.line == 81 for f in seed_facts(SEED_001, "project_amount"))


def test_001_the_report_says_the_project_was_given_45_83(seed_reports):
    """The report of 无差别综合窗口运行经费 ("2022年无差别综合窗口运行经费" over "绩效自评报告")
    says "2022年财政安排无差别综合窗口运行经费项目资金45.83万元" (line 4905); its own table
    budgets 45.80. A budget the text arranges is held against the table's two budgets."""
    (f,) = [f for f in xref(seed_reports["001"]) if f.loc.line == 4905]
    assert (f.expected, f.actual) == ("45.80", "45.83")
    assert "年初预算 45.80、调整后预算 45.80 万元" in f.message and "执行数" not in f.message


def test_001_changes_and_instalments_are_not_the_projects_amount(seed_reports):
    """ "中途下达12345政务服务热线运行经费173万元" (line 126) is money added during the year;
    "…系统建设172.66万元" among the year's spending (line 128) and "…系统项目资金395.84万元
    已经支出172.7万元" (line 5009) are the project's spending and its budget: never one figure."""
    text = SEED_001.read_text(encoding="utf-8")
    assert keyed(text, 126) == []
    assert ("395.84万元", "市政务服务大厅智慧化信息化管理系统建设", "金额") in keyed(text, 5009)
    assert not [
        f
        for f in seed_reports["001"].findings
        if f.loc.line in (128, 5009) and f.rule == "GA-XREF-001"
    ]


# --------------------------------------------------------------------------- 002


def test_002_the_list_of_evaluated_projects_is_compared_with_their_paragraphs(seed_reports):
    """002 line 67 lists the seven projects with their money; each project's paragraph
    (under "1.2023年政务服务辅助人员工作专项经费主要任务及完成情况。") states it again, in 元
    (line 45: "…为我单位拨付政务服务辅助人员2023年1月至2022年12月工作经费866013.51元") or in
    万元. The real document agrees with itself: four comparisons made, none failed."""
    r = seed_reports["002"]
    assert xref(r) == []
    held = [o for o in r.outcomes if o.rule == "GA-XREF-002" and o.status == "held"]
    assert {o.loc.line for o in held} == {67}
    assert len(held) == 4


def test_002_a_list_amount_that_is_not_the_paragraphs(check):
    """Edited copy: the list says 86.701351万元 where line 45 says 866013.51元."""
    r = check(edited(SEED_002, 67, "86.601351万元", "86.701351万元"))
    (f,) = xref(r)
    assert (f.loc.line, f.actual, f.severity) == (67, "86.701351", "warning")
    assert f.message == (
        "「2023年政务服务辅助人员工作专项经费」在第67行写作 86.701351 万元，但文中写明的该项目金额"
        "（第45行预算安排 866013.51元），都不相符"
    )


def test_002_an_amount_in_yuan_that_is_not_the_lists(check):
    """Edited copy: line 45 says 867013.51元; the list (line 67) says 86.601351万元."""
    (f,) = xref(check(edited(SEED_002, 45, "866013.51元", "867013.51元")))
    assert f.loc.line == 67 and "第45行预算安排 867013.51元" in f.message


def test_002_a_project_named_in_a_breakdown_of_its_paragraph(check):
    """Line 53: "（其中“接诉即办”改革工作经费6万元，政务大厅运行经费0.5万元）" names project 5
    ("甘州区推行“接诉即办”改革工作经费", its front left out); edited to 8万元, the list's 6万元
    (line 67) is no longer one of its amounts (7万元 would still be: 6万元 stands for 5.5–6.5)."""
    (f,) = xref(check(edited(SEED_002, 53, "改革工作经费6万元", "改革工作经费8万元")))
    assert (f.loc.line, f.actual) == (67, "6")
    assert "甘州区推行“接诉即办”改革工作经费" in f.message and "第53行金额 8万元" in f.message


# --------------------------------------------------------------------------- 003


def test_003_a_shortened_name_is_the_project(check):
    """003 line 380: "本年预算大厅运行经费214.61万元，镇（街道）标准化建设经费122.6万元" — the
    second is the project "镇（街道）便民服务中心标准化建设" with a run of its name left out.
    Edited to 123.6万元, it is none of that project's table figures."""
    text = SEED_003.read_text(encoding="utf-8")
    assert keyed(text, 380) == [
        ("122.6万元", "镇（街道）便民服务中心标准化建设", "金额"),
        ("214.61万元", "大厅运行", "预算数"),
    ]
    (f,) = xref(check(edited(SEED_003, 380, "122.6万元", "123.6万元")))
    assert (f.loc.line, f.actual, f.expected) == (380, "123.6", "122.6")
    assert "镇（街道）便民服务中心标准化建设" in f.message


def test_003_correct_amounts_give_no_finding(seed_reports):
    r = seed_reports["003"]
    assert xref(r) == []
    assert {o.loc.line for o in r.outcomes if o.rule == "GA-XREF-002"} >= {380, 409, 484}
