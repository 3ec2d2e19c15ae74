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
