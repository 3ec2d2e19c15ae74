"""Clause-level helpers over normalised text: parenthesis matching and splitting a list of
items at its top-level separators."""

from __future__ import annotations

OPEN = "(《[【"
CLOSE = ")》]】"
ITEM_SEPARATORS = set(",;、")
CLAUSE_SEPARATORS = set(",;:")


def matching_close(s: str, open_at: int, limit: int | None = None) -> int:
    """Index of the bracket closing the one at `open_at`, or -1."""
    end = len(s) if limit is None else limit
    depth = 0
    for i in range(open_at, end):
        ch = s[i]
        if ch in OPEN:
            depth += 1
        elif ch in CLOSE:
            depth -= 1
            if depth == 0:
                return i
    return -1


def split_top(s: str, a: int, b: int, seps: set[str]) -> list[tuple[int, int]]:
    """Spans of s[a:b] between top-level separators."""
    spans: list[tuple[int, int]] = []
    depth = 0
    start = a
    for i in range(a, b):
        ch = s[i]
        if ch in OPEN:
            depth += 1
        elif ch in CLOSE:
            depth = max(depth - 1, 0)
        elif depth == 0 and ch in seps:
            spans.append((start, i))
            start = i + 1
    spans.append((start, b))
    return [(x, y) for x, y in spans if s[x:y].strip()]


def clause_start(s: str, pos: int, floor: int = 0) -> int:
    """Start of the clause that contains `pos` (after the previous , ; : or sentence start)."""
    depth = 0
    i = pos - 1
    while i >= floor:
        ch = s[i]
        if ch in CLOSE:
            depth += 1
        elif ch in OPEN:
            if depth == 0:
                return i + 1
            depth -= 1
        elif depth == 0 and ch in CLAUSE_SEPARATORS:
            return i + 1
        i -= 1
    return floor
