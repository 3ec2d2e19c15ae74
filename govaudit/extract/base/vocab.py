"""The extractors' word lists, read from rules/vocab/prose.yaml."""

from __future__ import annotations

from functools import cache
from typing import Any

from govaudit.resources import vocab


@cache
def scope_qualifiers() -> tuple[str, ...]:
    return tuple(vocab("prose").get("scope_qualifiers", []))


@cache
def rate_definitions() -> tuple[dict[str, Any], ...]:
    return tuple(vocab("prose").get("rates", []))


@cache
def rate_prefixes() -> tuple[str, ...]:
    return tuple(vocab("prose").get("rate_prefixes", []))


@cache
def direction_words() -> tuple[tuple[str, ...], tuple[str, ...]]:
    v = vocab("prose")
    return tuple(v.get("increase_words", [])), tuple(v.get("decrease_words", []))


@cache
def duty_headings() -> tuple[str, ...]:
    """Heading words of the part that lists a department's duties (主要职能)."""
    return tuple(vocab("prose").get("duty_headings", []))


@cache
def _change_words() -> tuple[str, ...]:
    inc, dec = direction_words()
    verbs = tuple(vocab("prose").get("change_verbs", []))
    return tuple(w for w in (*inc, *dec) if len(w) >= 2) + verbs


def states_a_change(label: str) -> bool:
    """Does the figure this label names state by how much something changed? "增加基本支出"
    and "基本支出增加人员经费" do; "基本支出" and "机关运行经费支出" do not."""
    return any(w in label for w in _change_words())
