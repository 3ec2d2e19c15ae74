"""What a 绩效自评表 says, as read: the structures perf_tables.py and perf_flat.py build and
the extractors after them (projects, the ledger) read, and how project names compare."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Generic, TypeVar

from govaudit.extract.base.normalize import compact
from govaudit.extract.tables.perf_layout import Segment, Value
from govaudit.model import Cell, Location, Quantity
from govaudit.patterns import lazy_pattern

T = TypeVar("T")


@dataclass
class BudgetRow:
    label: str
    is_total: bool
    loc: Location
    initial: Quantity | None = None
    adjusted: Quantity | None = None
    executed: Quantity | None = None
    rate: Quantity | None = None
    weight: Quantity | None = None
    score: Quantity | None = None


@dataclass
class Indicator:
    level1: str
    level2: str
    name: str
    loc: Location
    operator: str = ""
    target: Value | None = None
    unit: str = ""
    actual: Value | None = None
    weight: Quantity | None = None
    score: Quantity | None = None
    reason: str = ""
    deduction: bool = False


@dataclass
class Task:
    name: str
    loc: Location
    values: dict[str, Quantity | None]


@dataclass
class PerfTable:
    """One recognised table, as read."""

    table_type: str
    segment: Segment
    section: tuple[str, ...] = ()
    title: str = ""
    name: str = ""
    code: str | None = None
    name_loc: Location | None = None
    budget_unit: str = ""
    budget_block_points: Quantity | None = None
    indicator_block_points: Quantity | None = None
    budget_rows: list[BudgetRow] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    task_columns: list[tuple[str, str]] = field(default_factory=list)  # (group, column)
    tasks: list[Task] = field(default_factory=list)
    task_total: Task | None = None
    weight_total: Quantity | None = None
    total_score: Quantity | None = None
    conclusion: Cell | None = None
    stated_score: Quantity | None = None
    prose_cells: list[tuple[str, Cell]] = field(default_factory=list)


# --------------------------------------------------------------------------- project names

_CODE_NAME = lazy_pattern(r"^([0-9A-Za-z]{12,})\s*[-－—–_]\s*(.+)$", re.S)


def split_name(text: str) -> tuple[str, str | None]:
    """ "51050021T000000039086-12345政务服务热线建设及运营维护" → (name, code)."""
    m = _CODE_NAME.match(" ".join(text.split()))
    if m:
        return m.group(2).strip(), m.group(1)
    return " ".join(text.split()), None


_NAME_TAILS = ("专项经费", "经费", "费用", "费", "项目")


@lru_cache(maxsize=1 << 14)
def project_key(name: str) -> str:
    """ "政务中心综合楼日常运行费" and "政务中心综合楼日常运行经费" name one project."""
    k = re.sub(r"[“”\"'‘’「」《》]", "", compact(name))
    for tail in _NAME_TAILS:
        if k.endswith(tail) and len(k) - len(tail) >= 4:
            return k[: -len(tail)]
    return k


def same_project(a: str, b: str) -> bool:
    """Equal names, or one cut short ("…审批提速经" in a narrow cell) starting the other."""
    ka, kb = project_key(a), project_key(b)
    short, long_ = sorted((ka, kb), key=len)
    return len(short) >= 6 and long_.startswith(short)


class ProjectNames(Generic[T]):
    """Things (project tables, budget rows) by the key of their project's name, so that a
    name finds the things of its project (`same_project`) in about log(n) steps instead of
    a comparison with every one: a document that names many projects stays linear."""

    def __init__(self, items: Iterable[T], name: Callable[[T], str]) -> None:
        self.name = name
        self.by_key: dict[str, list[T]] = {}
        for item in items:
            self.by_key.setdefault(project_key(name(item)), []).append(item)
        self.keys = sorted(self.by_key)

    def lookup(self, label: str) -> list[T]:
        """Every thing whose project `label` names, in the order of their keys."""
        key = project_key(label)
        cands: list[T] = []
        # keys that the label's key starts with (the table's name cut short) …
        for n in range(6, len(key) + 1):
            cands.extend(self.by_key.get(key[:n], []))
        # … and keys that start with the label's key
        i = bisect.bisect_left(self.keys, key)
        while i < len(self.keys) and self.keys[i].startswith(key):
            if len(key) < len(self.keys[i]):
                cands.extend(self.by_key[self.keys[i]])
            i += 1
        seen: set[int] = set()
        out = []
        for item in cands:
            if id(item) not in seen and same_project(label, self.name(item)):
                seen.add(id(item))
                out.append(item)
        return out
