"""The ledger and figure coverage: every money and percentage figure is read once, and it
counts as checked only when a rule compared it with another figure the document prints."""

from __future__ import annotations

from govaudit.check import check_file, check_text, load_rules
from tests.seeds import SEED_000

RULES = load_rules()


def unchecked_lines(report) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    for loc, text in report.figures.unchecked:
        out.setdefault(loc.line, []).append(text)
    return out


def test_a_breakdown_that_fails_still_counts_its_figures_as_checked():
    """000 line 85–87: 575.15 ≠ 461.75 + 89.33 is a finding, and all three were compared."""
    r = check_file(str(SEED_000), RULES)
    missing = unchecked_lines(r)
    assert not any(line in missing for line in (85, 86, 87))
    assert r.figures.prose.total >= 120 and r.figures.table.total >= 60


def test_only_money_and_percentages_count_and_each_figure_once():
    text = (
        "2022年本年支出合计2013.29万元，其中：基本支出700.51万元，占34.79%；"
        "项目支出1312.78万元，占65.21%。全年共受理群众诉求353947件。"
    )
    r = check_text(text, RULES)
    # five figures: three amounts and two shares; the count of 件 is not money
    assert (r.figures.prose.total, r.figures.prose.checked) == (5, 5)
    assert r.figures.table.total == 0


def test_a_figure_no_rule_compares_is_listed_as_unchecked():
    text = "截至2023年12月31日，市政务服务管理局共有车辆1辆，单价50万元以上通用设备0台（套）。"
    r = check_text(text, RULES)
    assert r.figures.prose.checked == 0
    assert [t for _, t in r.figures.unchecked] == ["50万元"]


def one_rule(tmp_path, applies_to: str, assert_: str):
    from govaudit.engine.rules import load_rule_file
    from govaudit.extract import fact_kinds

    pack = tmp_path / "pack.yaml"
    pack.write_text(
        "rules:\n  - id: XX-T-001\n    title: t\n    severity: error\n"
        f"    applies_to: {applies_to}\n    assert: {assert_}\n    message: m\n",
        encoding="utf-8",
    )
    (rule,) = load_rule_file(pack, fact_kinds())
    return rule


def figures_in(text: str):
    from govaudit.extract.base.quantities import find_quantities

    return find_quantities(check_text(text, []).document.blocks[0].text, 0)


def test_a_relation_that_cannot_be_verified_compares_nothing(tmp_path):
    """A total whose part cannot be read is unverifiable: no figure counts as checked."""
    from govaudit.engine.evaluate import apply
    from govaudit.model import Fact, Location

    rule = one_rule(tmp_path, "breakdown", "total == sum(parts)")
    total, part = figures_in("合计3万元，公务接待费1.5万元。")
    fact = Fact("breakdown", Location(line=1), 0, {"total": total, "parts": [part, None]})
    assert apply(rule, fact) == ("unverified", None, ())
    fact.fields["parts"] = [part, part]
    status, _, figures = apply(rule, fact)
    assert status == "held" and set(figures) == {total.ref, part.ref}


def test_a_figure_compared_only_with_a_constant_is_not_checked(tmp_path):
    """A rule that holds one figure against a constant (a share ≤ 100%) has not compared it
    with anything the document says."""
    from govaudit.engine.evaluate import apply
    from govaudit.model import Fact, Location

    rule = one_rule(tmp_path, "share", "share <= 1")
    (q,) = figures_in("占16.58%。")
    assert apply(rule, Fact("share", Location(line=1), 0, {"share": q})) == ("held", None, ())
