"""Patterns compiled at their first use (govaudit/patterns.py) answer as re.compile's do."""

from __future__ import annotations

import re

from govaudit.patterns import lazy_pattern


def test_a_lazy_pattern_is_compiled_at_its_first_use_and_answers_as_the_pattern():
    source = r"(\d+(?:\.\d+)?)万元"
    lazy, eager = lazy_pattern(source), re.compile(source)
    assert "search" not in vars(lazy)  # importing a module compiles nothing
    text = "2023年度收入总计100.00万元，支出总计99.5万元。"
    assert lazy.search(text).group(1) == eager.search(text).group(1) == "100.00"
    assert "search" in vars(lazy)  # from now on the compiled pattern's own method
    assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in eager.finditer(text)]
    assert lazy.sub("X", text) == eager.sub("X", text)
    assert lazy.findall(text) == ["100.00", "99.5"]
    assert (lazy.pattern, lazy.groups) == (source, 1)


def test_flags_are_kept():
    lazy = lazy_pattern(r"^合计$", re.M)
    assert lazy.findall("项目\n合计\n其他") == ["合计"]
