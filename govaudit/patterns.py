"""Regular expressions compiled when first used, not when their module is imported.

Compiling a module's patterns is a good part of what importing it costs, and a run uses only
some of them (a text without tables never needs the 附表 patterns; `govaudit rules list`
none). `lazy_pattern(p, flags)` stands for `re.compile(p, flags)` at module level: the
pattern is compiled at its first use, after which its methods are the compiled pattern's
own, looked up as plain attributes (no cost per call).
"""

from __future__ import annotations

import re
from typing import Any, cast

_TAKEN = (
    "search",
    "match",
    "fullmatch",
    "finditer",
    "findall",
    "sub",
    "subn",
    "split",
    "scanner",
    "pattern",
    "flags",
    "groups",
    "groupindex",
)


class _Lazy:
    """Compiles on the first attribute asked for, then keeps the compiled pattern's
    methods in its own __dict__ so that `__getattr__` is never called again."""

    def __init__(self, source: str, flags: int) -> None:
        self._source = source
        self._flags = flags

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):  # copy, pickle and the like ask before any use
            raise AttributeError(name)
        compiled = re.compile(self._source, self._flags)
        for attr in _TAKEN:
            setattr(self, attr, getattr(compiled, attr))
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"lazy_pattern({self._source!r})"


def lazy_pattern(source: str, flags: int = 0) -> re.Pattern[str]:
    """A pattern compiled at its first use (see the module's docstring)."""
    return cast(re.Pattern[str], _Lazy(source, flags))
