"""Apply rules to facts: every (rule, fact) pair is held, failed or unverified."""

from __future__ import annotations

import hashlib
import re
from dataclasses import replace
from decimal import Decimal
from typing import Any

from govaudit.engine.expr import (
    Context,
    ExpressionError,
    as_interval,
    as_printed,
    calls_in,
    eval_template,
    evaluate,
    show,
    truth,
)
from govaudit.engine.families import Member, fold
from govaudit.engine.rules import Rule
from govaudit.intervals import CUT_ONLY, Interval, convention
from govaudit.model import HALF_UP, TRUNCATE, Fact, Finding, Location, Quantity, RuleOutcome


def run(
    rules: list[Rule],
    facts: list[Fact],
    doc_name: str = "",
    rounding: str = "",
    places: int | None = None,
) -> tuple[list[Finding], list[RuleOutcome]]:
    """Every rule over the facts of its kind. `rounding` and `places` are the document's
    conventions for printed money figures (DocumentProfile.rounding, "" is half-up;
    DocumentProfile.money_places, None where the document keeps its trailing zeros); the
    convention of its percentages is measured here, from the relations that tell half-up
    and truncation apart (`_percent_convention`)."""
    findings: list[Finding] = []
    outcomes: list[RuleOutcome] = []
    members: list[Member] = []  # the relations of rules in a family (engine/families.py)
    by_kind: dict[str, list[Fact]] = {}
    for f in facts:
        by_kind.setdefault(f.kind, []).append(f)
    results: list[tuple[Rule, Fact, Applied]] = []
    for rule in rules:
        for fact in by_kind.get(rule.applies_to, []):
            result = apply(rule, fact, doc_name, rounding, places=places)
            if result is not None:
                results.append((rule, fact, result))
    results = _percent_convention(results, doc_name, rounding, places)
    for rule, fact, (status, finding, figures) in results:
        outcome = RuleOutcome(rule.id, status, fact.loc, fact.kind, figures)
        outcomes.append(outcome)
        if finding is not None:
            findings.append(finding)
        if rule.family is not None:
            members.append(Member(rule, fact, outcome, finding))
    # most relations of a family failing in one place: one warning, not a list of errors
    findings = fold(members, findings, doc_name)
    findings.sort(key=lambda f: (f.loc.page or 0, f.loc.line or 0, f.order, f.loc.row or 0, f.rule))
    return _dedupe(findings), outcomes


def _percent_convention(
    results: list[tuple[Rule, Fact, Applied]],
    doc_name: str,
    rounding: str,
    places: int | None = None,
) -> list[tuple[Rule, Fact, Applied]]:
    """Judge a percentage that fits truncation but not half-up rounding by the document's
    own convention. A relation on a percentage tells the two apart when it holds under one
    reading of the printed percentage and fails under the other ("10.15%" for 10.1581%
    fits truncation only; "17.94%" for 17.9369% fits half-up only). A document whose telling
    percentages are consistently truncated (intervals.convention) has its truncated ones
    accepted; in a document that rounds, a truncated one is a finding at the rule's own
    severity; where nothing else tells, it is at most a warning that says so. A value that
    fits neither convention is always reported as the rule says."""
    # first the failed relations that truncation would explain (few): only when there is
    # one are the held relations read again, to count the percentages that fit half-up only
    cut: dict[int, Applied] = {}
    for i, (rule, fact, (status, _finding, _figures)) in enumerate(results):
        if status == "failed" and _has_percent(fact):
            alt = apply(rule, fact, doc_name, rounding, TRUNCATE, places)
            if alt is not None and alt[0] == "held":
                cut[i] = alt
    if not cut:
        return results
    # a percentage tells once, however many rules read it (GA-SHR-001 and GA-SHR-003 read
    # the same share): counted by the fact that holds it
    half: set[int] = set()
    for rule, fact, (status, _finding, _figures) in results:
        if status != "held" or "exact" in calls_in(rule.assert_) or not _has_percent(fact):
            # a rule that takes the printed amounts as exact (GA-SHR-003) says nothing about
            # how the percentage was cut: the amounts themselves are rounded
            continue
        alt = apply(rule, fact, doc_name, rounding, CUT_ONLY, places)
        if alt is not None and alt[0] == "failed":
            half.add(id(fact))
    seen = convention(len(half), len(cut))
    out = list(results)
    for i, alt in cut.items():
        rule, fact, (status, finding, figures) = results[i]
        if seen == TRUNCATE:
            out[i] = (rule, fact, alt)
        elif finding is not None:
            out[i] = (
                rule,
                fact,
                (status, _truncated(finding, seen, len(half), rule.severity), figures),
            )
    return out


def _has_percent(fact: Fact) -> bool:
    for v in fact.fields.values():
        items = v if isinstance(v, list) else [v]
        if any(isinstance(q, Quantity) and q.kind == "percent" for q in items):
            return True
    return False


def _truncated(finding: Finding, seen: str, half: int, severity: str) -> Finding:
    """A percentage that only truncation explains, in a document that rounds (`half` of its
    percentages fit half-up only) or whose convention nothing tells."""
    if seen == HALF_UP:
        note = f"（{finding.actual} 是截去尾数的写法，而本文件的百分数按四舍五入写：{half} 处只符合四舍五入）"
        note_en = f" ({finding.actual} is truncated, while {half} other percentages of this document are rounded half-up)"
    else:
        note = f"（{finding.actual} 是截去尾数的写法；本文件只有 {half} 个百分数只符合四舍五入，不足以判定其取舍方式，请核对）"
        note_en = f" ({finding.actual} is truncated; only {half} percentages of this document fit half-up rounding alone: too few to tell its convention)"
        severity = "warning" if severity == "error" else severity
    return replace(
        finding,
        severity=severity,
        message=finding.message + note,
        message_en=finding.message_en + note_en if finding.message_en else "",
    )


Applied = tuple[str, Finding | None, tuple[tuple[int, int], ...]]


_NO_SPACE_BEFORE = re.compile(r" +(?=[，。；：、（）])")


def apply(
    rule: Rule,
    fact: Fact,
    doc_name: str = "",
    rounding: str = "",
    percent: str = "",
    places: int | None = None,
) -> Applied | None:
    """None when the rule does not apply; else (status, finding-or-None, the figures the
    assert compared — none when it could not be verified). `percent` reads the printed
    percentages by another convention (intervals.Interval.of); `places` the 万元 figures of
    a document that drops trailing zeros."""
    ctx = Context(
        env=dict(fact.fields),
        missing_zero=rule.missing == "zero",
        rounding=rounding,
        percent=percent,
        places=places,
    )
    try:
        if rule.when is not None and truth(evaluate(rule.when, ctx)) is not True:
            return None
        ctx.unverified = False
        ctx.touched = []
        verdict = truth(evaluate(rule.assert_, ctx))
    except ExpressionError:
        return ("unverified", None, ())
    touched, ctx.touched = ctx.touched, None
    compared = _refs(touched, 1 if rule.against_words else 2)
    if verdict is False:
        if rule.outcome == "unverified":
            # the rule says why the relation cannot be checked: its message, no comparison
            return ("unverified", _finding(rule, fact, ctx, doc_name, touched), ())
        return ("failed", _finding(rule, fact, ctx, doc_name, touched), compared)
    if ctx.unverified:
        return ("unverified", None, ())
    return ("held", None, compared)


def _refs(touched: list[Quantity], least: int = 2) -> tuple[tuple[int, int], ...]:
    """The printed figures an assert compared — only when it compared at least two of them:
    a figure held against a constant alone ("≤ 100%") has not been checked against anything
    the document says (unless the rule holds it against the document's words: least 1)."""
    seen: dict[tuple[int, int], None] = {}
    for q in touched:
        ref = q.ref
        if ref is not None:
            seen[ref] = None
    return tuple(seen) if len(seen) >= least else ()


def _finding(
    rule: Rule, fact: Fact, ctx: Context, doc_name: str, touched: list[Quantity]
) -> Finding:
    expected = evaluate(rule.expected, ctx) if rule.expected is not None else None
    actual = evaluate(rule.actual, ctx) if rule.actual is not None else None
    # "{num(x)} {unit(x)}，" leaves a space before the comma when the unit is empty (a
    # percentage): Chinese text never has one before full-width punctuation
    message = _NO_SPACE_BEFORE.sub("", eval_template(rule.message, ctx))
    message_en = eval_template(rule.message_en, ctx) if rule.message_en else ""
    anchor = _anchor(rule, fact, actual)
    loc = anchor.loc if anchor is not None else fact.loc
    highlights = tuple(q.text for q in _highlight_quantities(rule, fact, actual) if q.text)
    exp_s = _display(expected, actual)
    act_s = _display(actual, expected)
    # a rule that cannot tell which of two printings is right says "expected: none": the
    # other printing still sizes the difference and keeps the fingerprint it always had
    other = _other_printing(touched, actual) if expected is None else None
    labels = [q.label for q in _highlight_quantities(rule, fact, actual)]
    fp_exp = exp_s if other is None else _display(other, actual)
    fp_src = "|".join([rule.id, doc_name, fact.excerpt.strip(), fp_exp or "", act_s or "", *labels])
    return Finding(
        rule=rule.id,
        severity=rule.severity,
        title=rule.title,
        title_en=rule.title_en,
        message=message,
        message_en=message_en,
        loc=loc,
        excerpt=fact.excerpt,
        expected=exp_s,
        actual=act_s,
        expected_shown=_shown(expected),
        actual_shown=_shown(actual),
        highlights=highlights,
        fact_kind=fact.kind,
        fingerprint=hashlib.sha1(fp_src.encode("utf-8")).hexdigest()[:16],
        related=_related(touched, loc),
        order=anchor.block if anchor is not None and anchor.block >= 0 else fact.block,
        anchor_ref=anchor.ref if anchor is not None else None,
        figures=tuple(dict.fromkeys(q.ref for q in touched if q.ref is not None)),
        sides=_sides(expected if other is None else other, actual, ctx),
        subject=_subject(fact, touched),
    )


def _subject(fact: Fact, touched: list[Quantity]) -> str:
    """What the finding is about and the printed values it compared ("…|326.71,326.72"):
    one rule over one subject and the same values is one defect (causes.py)."""
    if not fact.subject:
        return ""
    values = sorted({f"{q.printed()}{q.unit}" for q in touched})
    return fact.subject + "|" + ",".join(values)


def _other_printing(touched: list[Quantity], actual: Any) -> Quantity | None:
    """The one other printed figure an assert compared `actual` with, if there is one."""
    if not isinstance(actual, Quantity) or actual.ref is None:
        return None
    others = {q.ref: q for q in touched if q.ref is not None and q.ref != actual.ref}
    return next(iter(others.values())) if len(others) == 1 else None


def _sides(expected: Any, actual: Any, ctx: Context) -> tuple[Interval, Interval] | None:
    """expected and actual as intervals (万元 for money), for telling whether two findings
    are off by the same amount (causes.py); None where either is not a number."""
    if expected is None or actual is None or isinstance(expected, str) or isinstance(actual, str):
        return None
    try:
        e, a = as_interval(expected, ctx), as_interval(actual, ctx)
    except ExpressionError:
        return None
    if e is None or a is None or not (e.bounded and a.bounded):
        return None
    plain = ("number", "score")  # a score is a plain number; a sum of exact() is "number"
    if e.kind != a.kind and not (e.kind in plain and a.kind in plain):
        return None
    return e, a


def _anchor(rule: Rule, fact: Fact, actual: Any) -> Quantity | None:
    if rule.at:
        v = fact.fields.get(rule.at)
        if isinstance(v, Quantity):
            return v
        if isinstance(v, list) and v and isinstance(v[0], Quantity):
            return v[0]
    if isinstance(actual, Quantity):
        return actual
    return fact.anchor


def _highlight_quantities(rule: Rule, fact: Fact, actual: Any) -> list[Quantity]:
    out: list[Quantity] = []
    a = _anchor(rule, fact, actual)
    if a is not None:
        out.append(a)
    if isinstance(actual, Quantity) and actual is not a:
        out.append(actual)
    return out


def _related(touched: list[Quantity], loc: Location) -> tuple[Location, ...]:
    """The other places the failed assert took figures from (an equation's terms, the other
    statement of a figure), not every figure its fact happens to hold."""
    locs: list[Location] = []
    for q in touched:
        if q.loc != loc and q.loc not in locs and q.loc.line is not None:
            locs.append(q.loc)
    return tuple(locs[:8])


def _shown(v: Any) -> str | None:
    """A figure printed in another unit than the 万元 it was compared in, as printed with
    the 万元 beside it ("3,503,499.00元（350.3499万元）"); None where `expected`/`actual`
    already show it as printed."""
    if isinstance(v, Quantity) and v.kind == "money" and v.unit != "万元" and not v.unit_inferred:
        return f"{as_printed(v)}{v.unit}（{Interval.of(v).show()}万元）"
    return None


def _display(v: Any, other: Any) -> str | None:
    """expected/actual as numbers a script can compare: "551.08", "16.58%"."""
    if v is None:
        return None
    if isinstance(v, Quantity):
        if v.kind == "percent":
            return f"{v.printed()}%"
        if v.kind == "money" and v.unit != "万元":
            return Interval.of(v).show()
        if v.kind == "count" and v.unit.startswith(("万", "亿")):
            return f"{v.printed()}{v.unit}"  # "110.04万件" next to "353947件"
        return v.printed()
    if isinstance(v, Interval):
        if v.kind == "ratio":
            d = 2
            if isinstance(other, Quantity) and other.kind == "percent":
                d = max(other.decimals, 2)
            return v.show(d)
        return v.show()
    if isinstance(v, Decimal):
        return str(v)
    return show(v)


def _dedupe(findings: list[Finding]) -> list[Finding]:
    seen: set[tuple[str, str, Location]] = set()
    out: list[Finding] = []
    for f in findings:
        key = (f.rule, f.fingerprint, f.loc)
        if key in seen:
            continue
        seen.add(key)
        out.append(f)
    return out
