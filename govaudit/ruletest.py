"""Run each rule's own examples: a passing example must be checked and hold, a failing
example must be reported. An example the rule never reaches proves nothing and fails.

A rule's examples are checked with the rule alone (outside its relation family); a family's
examples (rules/families.yaml) with all its rules: a failing one must give the family's one
finding, a passing one must be checked by the family's rules and give none."""

from __future__ import annotations

from dataclasses import dataclass, replace

from govaudit.across import check_across
from govaudit.check import check_text
from govaudit.engine.rules import Example, Family, Rule, example_text, families_of
from govaudit.errors import GovauditError
from govaudit.model import Finding, RuleOutcome


@dataclass
class ExampleResult:
    rule: str
    kind: str  # "pass" (checked and holds) | "fail" (reported) | "ignore" (not reported)
    text: str  # the example's text (several documents' texts one after the other)
    ok: bool
    detail: str = ""


def run_examples(rules: list[Rule]) -> list[ExampleResult]:
    out: list[ExampleResult] = []
    for rule in rules:
        for text in rule.examples_pass:
            out.append(_one(rule, "pass", text))
        for text in rule.examples_fail:
            out.append(_one(rule, "fail", text))
        for text in rule.examples_ignore:
            out.append(_one(rule, "ignore", text))
    return out


def run_family_examples(rules: list[Rule]) -> list[ExampleResult]:
    """The examples of every relation family the rules belong to, each with its rules."""
    out: list[ExampleResult] = []
    for fam in families_of(rules):
        members = [r for r in rules if r.family is not None and r.family.id == fam.id]
        for text in fam.examples_fail:
            out.append(_family_one(fam, members, "fail", text))
        for text in fam.examples_pass:
            out.append(_family_one(fam, members, "pass", text))
    return out


def _family_one(fam: Family, members: list[Rule], kind: str, example: Example) -> ExampleResult:
    text = example_text(example)
    try:
        findings, outcomes = _checked_with(members, example, fam.id)
    except GovauditError as exc:
        return ExampleResult(fam.id, kind, text, False, f"示例无法读取：{exc.zh}")
    mine = [f for f in findings if f.rule == fam.id]
    if kind == "fail":
        if not mine:
            return ExampleResult(fam.id, kind, text, False, "应报告却没有报告")
        return ExampleResult(fam.id, kind, text, True, mine[0].message)
    if mine:
        return ExampleResult(fam.id, kind, text, False, f"不应报告却报告了：{mine[0].message}")
    if not any(o.status == "held" for o in outcomes):
        return ExampleResult(fam.id, kind, text, False, "关系族的规则没有检查到这段文字")
    return ExampleResult(fam.id, kind, text, True)


def _checked(rule: Rule, example: Example) -> tuple[list[Finding], list[RuleOutcome]]:
    """The findings and outcomes of one example; the rule alone, outside its family."""
    return _checked_with([replace(rule, family=None)], example, rule.id)


def _checked_with(
    rules: list[Rule], example: Example, name: str
) -> tuple[list[Finding], list[RuleOutcome]]:
    """One document, or several checked as a batch (rules over a pair of documents)."""
    if isinstance(example, str):
        report = check_text(example, rules, f"<{name} example>")
        return report.findings, report.outcomes
    reports = [
        check_text(text, rules, f"<{name} example, document {i + 1}>")
        for i, text in enumerate(example)
    ]
    check_across(reports, rules)
    return [f for r in reports for f in r.findings], [o for r in reports for o in r.outcomes]


def _one(rule: Rule, kind: str, example: Example) -> ExampleResult:
    text = example_text(example)
    try:
        findings, outcomes = _checked(rule, example)
    except GovauditError as exc:
        return ExampleResult(rule.id, kind, text, False, f"示例无法读取：{exc.zh}")
    mine = [o for o in outcomes if o.rule == rule.id]
    if kind == "ignore":
        if findings:
            return ExampleResult(
                rule.id, kind, text, False, f"不应报告却报告了：{findings[0].message}"
            )
        return ExampleResult(rule.id, kind, text, True)
    if kind == "pass":
        if findings:
            return ExampleResult(
                rule.id, kind, text, False, f"不应报告却报告了：{findings[0].message}"
            )
        if not any(o.status == "held" for o in mine):
            return ExampleResult(
                rule.id, kind, text, False, "规则没有检查到这段文字（示例没有起作用）"
            )
        return ExampleResult(rule.id, kind, text, True)
    if not findings:
        return ExampleResult(rule.id, kind, text, False, "应报告却没有报告")
    return ExampleResult(rule.id, kind, text, True, findings[0].message)
