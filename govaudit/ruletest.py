"""Run each rule's own examples: a passing example must be checked and hold, a failing
example must be reported. An example the rule never reaches proves nothing and fails."""

from __future__ import annotations

from dataclasses import dataclass

from govaudit.across import check_across
from govaudit.check import check_text
from govaudit.engine.rules import Example, Rule, example_text
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


def _checked(rule: Rule, example: Example) -> tuple[list[Finding], list[RuleOutcome]]:
    """The findings and outcomes of one example: one document, or several checked as a
    batch (a rule over a pair of documents)."""
    if isinstance(example, str):
        report = check_text(example, [rule], f"<{rule.id} example>")
        return report.findings, report.outcomes
    reports = [
        check_text(text, [rule], f"<{rule.id} example, document {i + 1}>")
        for i, text in enumerate(example)
    ]
    check_across(reports, [rule])
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
