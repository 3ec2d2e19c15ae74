"""Run each rule's own examples: a passing example must be checked and hold, a failing
example must be reported. An example the rule never reaches proves nothing and fails."""

from __future__ import annotations

from dataclasses import dataclass

from govaudit.check import check_text
from govaudit.engine.rules import Rule
from govaudit.errors import GovauditError


@dataclass
class ExampleResult:
    rule: str
    kind: str  # "pass" (checked and holds) | "fail" (reported) | "ignore" (not reported)
    text: str
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


def _one(rule: Rule, kind: str, text: str) -> ExampleResult:
    try:
        report = check_text(text, [rule], f"<{rule.id} example>")
    except GovauditError as exc:
        return ExampleResult(rule.id, kind, text, False, f"示例无法读取：{exc.zh}")
    findings = report.findings
    mine = [o for o in report.outcomes if o.rule == rule.id]
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
