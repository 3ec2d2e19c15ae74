"""Every shipped rule's own examples: passing ones are checked and hold, failing ones are
reported. A rule without both kinds of example is a defect."""

from __future__ import annotations

import pytest

from govaudit.check import load_rules
from govaudit.ruletest import run_examples

RULES = load_rules()


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_rule_examples(rule):
    assert rule.examples_pass or rule.examples_fail, f"{rule.id} has no examples"
    assert rule.examples_fail, f"{rule.id} has no failing example"
    for result in run_examples([rule]):
        assert result.ok, f"{rule.id} {result.kind} example: {result.detail}\n{result.text}"
