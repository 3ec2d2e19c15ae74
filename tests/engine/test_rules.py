"""Rule files: a broken rule file is a clear error naming file, line, rule and field."""

from __future__ import annotations

import textwrap

import pytest

from govaudit.check import load_rules
from govaudit.engine.rules import load_rule_file, select_rules
from govaudit.errors import RuleError
from govaudit.extract import fact_kinds

GOOD = """
rules:
  - id: XX-SUM-001
    title: 测试
    applies_to: breakdown
    assert: total == sum(parts)
    severity: error
    message: "{num(total)}"
"""


def write(tmp_path, text: str):
    p = tmp_path / "pack.yaml"
    p.write_text(textwrap.dedent(text), encoding="utf-8")
    return p


def test_good_rule_loads(tmp_path):
    (rule,) = load_rule_file(write(tmp_path, GOOD), fact_kinds())
    assert rule.id == "XX-SUM-001" and rule.line == 3


def test_an_equality_reports_its_two_sides_by_default(tmp_path):
    """For "total == sum(parts)" with no expected/actual/at: the finding prints the total as
    actual, the sum as expected, and points at the total (000 line 85)."""
    from govaudit.check import check_text

    (rule,) = load_rule_file(write(tmp_path, GOOD), fact_kinds())
    text = "2023年度一般公共预算财政拨款基本支出575.15万元，其中：人员经费461.75万元，公用经费89.33万元。"
    (f,) = check_text(text, [rule]).findings
    assert (f.expected, f.actual, f.highlights) == ("551.08", "575.15", ("575.15万元",))


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        (("severity: error", "severity: fatal"), "severity", "severity"),
        (("applies_to: breakdown", "applies_to: nothing"), "applies_to", "applies_to"),
        (
            ("assert: total == sum(parts)", "assert: total == summ(parts)"),
            "assert",
            "未知函数 summ",
        ),
        (("assert: total == sum(parts)", "assert: totl == sum(parts)"), "assert", "totl"),
        (("assert: total == sum(parts)", "assert: total == (sum(parts)"), "assert", "表达式"),
        (("    severity: error", "    severity: error\n    colour: red"), "colour", "未知字段"),
        (('message: "{num(total)}"', 'message: "{num(total)"'), "message", "}"),
        (("id: XX-SUM-001", "id: bad id"), "id", "GA-SUM-001"),
    ],
)
def test_bad_rule_names_file_line_rule_and_field(tmp_path, change, field, words):
    p = write(tmp_path, GOOD.replace(*change))
    with pytest.raises(RuleError) as exc:
        load_rule_file(p, fact_kinds())
    err = exc.value
    assert err.file == str(p)
    assert err.field == field
    assert err.line is not None
    assert words in err.zh
    assert str(p) in err.zh


def test_yaml_syntax_error_names_the_line(tmp_path):
    p = write(tmp_path, GOOD + "  - id: [unclosed\n")
    with pytest.raises(RuleError) as exc:
        load_rule_file(p, fact_kinds())
    assert exc.value.line == 10
    assert "YAML" in exc.value.zh


def test_missing_required_field(tmp_path):
    p = write(tmp_path, GOOD.replace('    message: "{num(total)}"\n', ""))
    with pytest.raises(RuleError) as exc:
        load_rule_file(p, fact_kinds())
    assert exc.value.field == "message" and exc.value.rule == "XX-SUM-001"


def test_duplicate_ids_across_packs(tmp_path):
    d = tmp_path / "mine"
    d.mkdir()
    (d / "a.yaml").write_text(GOOD.replace("XX-SUM-001", "GA-SUM-001"), encoding="utf-8")
    with pytest.raises(RuleError, match="重复"):
        load_rules([d])


def test_builtin_rules_load_and_select_by_prefix():
    rules = load_rules()
    ids = {r.id for r in rules}
    assert {"GA-SUM-001", "GA-SHR-001", "GA-CHG-001", "GA-RATE-001"} <= ids
    assert {r.id for r in select_rules(rules, ["GA-SUM"], None)} == {
        i for i in ids if i.startswith("GA-SUM")
    }
    assert "GA-SUM-001" not in {r.id for r in select_rules(rules, None, ["GA-SUM-001"])}


FAMILY = (
    GOOD
    + """families:
  - id: XX-READ-001
    title: 一节的分解都不成立
    severity: warning
    rules: [XX-SUM-001]
    place: section
    least: 2
    share: 1
    message: "{place}的 {checked} 处都不成立：{example}"
"""
)


def test_a_family_is_loaded_with_its_rules(tmp_path):
    d = tmp_path / "mine"
    d.mkdir()
    (d / "pack.yaml").write_text(textwrap.dedent(FAMILY), encoding="utf-8")
    (rule,) = [r for r in load_rules([d]) if r.id == "XX-SUM-001"]
    assert rule.family is not None
    assert (rule.family.id, rule.family.place, rule.family.least) == ("XX-READ-001", "section", 2)
    # the built-in families: each of their rules knows its family
    builtin = {r.id: r.family.id for r in load_rules() if r.family is not None}
    assert builtin["GA-TAB-002"] == "GA-READ-001" and builtin["GA-SUM-001"] == "GA-READ-002"


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        (("rules: [XX-SUM-001]", "rules: [XX-SUM-009]"), "rules", "不存在"),
        (("place: section", "place: chapter"), "place", "place 应为"),
        (("{checked}", "{total}"), "message", "没有的名称 total"),
        (("    least: 2\n", ""), "least", "缺少必填字段「least」"),
    ],
)
def test_a_bad_family_names_its_file_and_field(tmp_path, change, field, words):
    d = tmp_path / "mine"
    d.mkdir()
    (d / "pack.yaml").write_text(textwrap.dedent(FAMILY).replace(*change), encoding="utf-8")
    with pytest.raises(RuleError) as exc:
        load_rules([d])
    assert exc.value.field == field and exc.value.rule == "XX-READ-001"
    assert words in exc.value.zh and "pack.yaml" in str(exc.value.file)


def test_ignoring_a_family_keeps_its_rules():
    rules = select_rules(load_rules(), None, ["GA-READ-002"])
    (rule,) = [r for r in rules if r.id == "GA-SUM-001"]
    assert rule.family is None
    assert next(r for r in rules if r.id == "GA-TAB-001").family is not None
