"""A project's own report states its money again and again; each statement is a ledger entry
of that project, compared with the others and with the project's 绩效自评表."""

from __future__ import annotations

from govaudit.check import check_text


def keyed(report):
    doc = report.document
    from govaudit.extract import extract

    return [
        (e.loc.line, e.key.entity, e.key.role, e.quantity.value)
        for e in extract(doc).ledger.keyed()
        if e.key.concept == "项目资金" and e.source == "prose"
    ]


def test_004_a_report_whose_funds_differ_from_one_section_to_the_next(seed_reports):
    """004: 政务云采购及建设项目: "(一)…财政安排…经费资金86万元" (line 736) — the 86万元 of the
    政务大厅运行 report copied — but "1.资金计划。…经费987.49万元" (line 740)."""
    (f,) = [f for f in seed_reports["004"].findings if f.rule == "GA-XREF-001"]
    assert (f.loc.line, f.expected, f.actual, f.severity) == (736, "987.49", "86", "error")
    assert f.message == (
        "「政务云采购及建设」项目资金（预算安排）前后不一致：第736行为 86 万元，"
        "第740行为 987.49 万元（差 901.49）"
    )


def test_the_roles_of_a_reports_figures(seed_reports):
    got = keyed(seed_reports["003"])
    # "大厅运行项目年初预算214.61万元，财政批复214.61万元" … "资金到位214.61万元" … "资金支出214.61万元"
    hall = [(line, role) for line, who, role, _ in got if who == "大厅运行"]
    assert (427, "年初预算") in hall and (427, "预算安排") in hall
    assert any(role == "到位数" for _, role in hall) and any(role == "执行数" for _, role in hall)
    # the parts of the spending ("窗口职工生活费84万元") are not the project's figure
    assert not any(v == 84 for *_, v in got)


def test_the_departments_own_report_is_no_projects():
    text = (
        "2021年雅安市政务服务和大数据局整体绩效评价报告\n"
        "2021年财政安排政务大厅运行项目经费资金86万元。\n"
    )
    assert keyed(check_text(text, [])) == []


def test_correct_reports_give_no_finding(seed_reports):
    """001's and 003's reports state their projects' money consistently; the comparisons
    were made (held), not skipped."""
    for name in ("001", "003"):
        r = seed_reports[name]
        assert [f for f in r.findings if "项目资金" in f.message] == []
        assert any(o.rule == "GA-XREF-001" and o.status == "held" for o in r.outcomes)


def test_001_the_money_the_finance_bureau_arranged_before_what_it_is_for(check, seed_reports):
    """001 line 4935, in the report of 12345政务服务便民热线运行经费 (its table: 12345政务服务热线
    运行经费): "3.市财政安排258.5万专项经费,用于解决…" is the project's arranged budget, the same
    as line 4944's "2022年财政安排…项目资金258.5万元". Edited to 285.5万, the two disagree."""
    got = keyed(seed_reports["001"])
    assert (4935, "12345政务服务热线运行经费", "预算安排", 258.5) in [
        (line, who, role, float(v)) for line, who, role, v in got
    ]
    from tests.seeds import SEED_001

    lines = SEED_001.read_text(encoding="utf-8").split("\n")
    assert "市财政安排258.5万专项经费" in lines[4934]
    lines[4934] = lines[4934].replace("258.5万", "285.5万")
    r = check("\n".join(lines))
    found = [f for f in r.findings if f.rule == "GA-XREF-001" and "285.5" in f.message]
    assert len(found) == 1
    assert found[0].loc.line == 4935 and "预算安排" in found[0].message
