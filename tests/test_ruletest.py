"""Every shipped rule's own examples: passing ones are checked and hold, failing ones are
reported. A rule without both kinds of example is a defect."""

from __future__ import annotations

import pytest

from govaudit.check import load_rules
from govaudit.engine.rules import families_of
from govaudit.ruletest import run_examples, run_family_examples

RULES = load_rules()
FAMILIES = families_of(RULES)


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_rule_examples(rule):
    assert rule.examples_pass or rule.examples_fail, f"{rule.id} has no examples"
    assert rule.examples_fail, f"{rule.id} has no failing example"
    for result in run_examples([rule]):
        assert result.ok, f"{rule.id} {result.kind} example: {result.detail}\n{result.text}"


@pytest.mark.parametrize("family", FAMILIES, ids=[f.id for f in FAMILIES])
def test_family_examples(family):
    """A relation family's failing examples give its one finding, its passing ones none."""
    assert family.examples_fail, f"{family.id} has no failing example"
    members = [r for r in RULES if r.family is not None and r.family.id == family.id]
    results = [x for x in run_family_examples(members)]
    assert results
    for result in results:
        assert result.ok, f"{family.id} {result.kind} example: {result.detail}\n{result.text}"
