"""The ledger: every figure of a document once, with what it is.

Readers deliver text and cells; the extraction context registers every printed figure here
(`Ledger.figure`) and the extractors that understand a figure give it a key
(`Ledger.resolve`): the concept it states (from the one glossary), the funds it covers
(scope), the year, whose figure it is (the document's issuer, a project, an indicator) and
its role (预算数, 调整后预算, 执行数, 决算数, 指标值, 完成值). Two entries with the same key
state the same figure and are compared wherever they sit — prose, 附表 cells, 绩效自评表 —
without an extractor written for that pair.

The ledger is also what figure coverage counts: of the money and percentage figures read,
how many took part in a relation a rule actually compared (see `coverage`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from govaudit.model import Location, Quantity

THIS_YEAR = "本年"
PRIOR_YEAR = "上年"

PROSE = "prose"
TABLE = "table"


@dataclass(frozen=True, slots=True)
class Key:
    """What a figure states. Two figures with equal keys must agree."""

    concept: str
    scope: str = ""
    year: str = THIS_YEAR
    entity: str = ""  # "" — the document's own issuer; else a project or an indicator
    role: str = ""

    def describe(self) -> str:
        """ "一般公共预算财政拨款基本支出（一般公共预算，决算数）" — for messages and `extract`."""
        quals = [q for q in (self.scope, self.role) if q and q not in self.concept]
        if self.year != THIS_YEAR:
            quals.insert(0, self.year)
        who = f"「{self.entity}」" if self.entity else ""
        return who + self.concept + (f"（{'，'.join(quals)}）" if quals else "")


@dataclass(slots=True)
class Entry:
    """One printed figure: as read (unit resolved), where it sits, and what it states."""

    quantity: Quantity
    source: str  # PROSE | TABLE
    key: Key | None = None
    where: str = ""  # a place a finance officer recognises: "收入支出决算总表 本年收入合计 决算数"
    excerpt: str = ""  # the sentence a prose figure stands in

    @property
    def loc(self) -> Location:
        return self.quantity.loc

    @property
    def countable(self) -> bool:
        """Money and percentages count towards figure coverage."""
        return self.quantity.kind in ("money", "percent")


@dataclass(frozen=True, slots=True)
class PriorStatement:
    """ "财政拨款收入18,976.76万元，比2024年预算增加3,355.65万元": a figure of this document
    and how it compares with a figure of an earlier year's (another document's)."""

    key: Key  # the current figure's
    current: Quantity
    delta: Quantity | None  # signed (减少 negative); None for 持平
    base_year: int
    base_role: str  # 预算数 / 执行数 / 决算数: what the earlier figure is
    excerpt: str = ""


@dataclass(frozen=True, slots=True)
class Stated:
    """A keyed figure as it leaves its document's process: what another document's figures
    are compared with (issue 13's cross-document relations)."""

    key: Key
    quantity: Quantity
    where: str
    source: str


@dataclass
class Ledger:
    entries: dict[tuple[int, int], Entry] = field(default_factory=dict)
    priors: list[PriorStatement] = field(default_factory=list)

    def figure(self, q: Quantity, source: str) -> Entry | None:
        """Register a printed figure as read; the first registration of a figure stays."""
        ref = q.ref
        if ref is None:
            return None
        entry = self.entries.get(ref)
        if entry is None:
            entry = self.entries[ref] = Entry(q, source)
        return entry

    def resolve(
        self, q: Quantity | None, key: Key, where: str = "", source: str = TABLE, excerpt: str = ""
    ) -> None:
        """Say what a figure states. A later reading refines the unit (a bare "1,442.16" in
        a 万元 table) but an entry keeps its first key: one figure, one meaning."""
        if q is None or q.ref is None:
            return
        entry = self.entries.get(q.ref)
        if entry is None:
            self.entries[q.ref] = Entry(q, source, key, where, excerpt)
            return
        if entry.key is None:
            entry.key = key
            entry.where = where or entry.where
            entry.excerpt = excerpt or entry.excerpt
        if not entry.quantity.unit and q.unit:
            entry.quantity = q

    def key_of(self, q: Quantity | None) -> Key | None:
        entry = self.entries.get(q.ref) if q is not None and q.ref is not None else None
        return entry.key if entry is not None else None

    def keyed(self) -> Iterator[Entry]:
        return (e for e in self.entries.values() if e.key is not None)

    def by_key(self) -> dict[Key, list[Entry]]:
        out: dict[Key, list[Entry]] = {}
        for e in self.keyed():
            assert e.key is not None
            out.setdefault(e.key, []).append(e)
        return out

    def __len__(self) -> int:
        return len(self.entries)

    def export(self) -> tuple[Stated, ...]:
        """The keyed figures, for the comparisons across documents (picklable: no refs)."""
        return tuple(Stated(e.key, e.quantity, e.where, e.source) for e in self.keyed() if e.key)


@dataclass(frozen=True, slots=True)
class Tally:
    total: int = 0
    checked: int = 0

    def add(self, checked: bool) -> Tally:
        return Tally(self.total + 1, self.checked + int(checked))


@dataclass(frozen=True, slots=True)
class FigureCoverage:
    """How many money and percentage figures were read, and how many took part in at least
    one relation a rule compared (held or failed; an unverifiable one does not count)."""

    prose: Tally = Tally()
    table: Tally = Tally()
    unchecked: tuple[tuple[Location, str], ...] = ()  # (where, the figure as printed)

    @property
    def total(self) -> int:
        return self.prose.total + self.table.total

    @property
    def checked(self) -> int:
        return self.prose.checked + self.table.checked


def coverage(ledger: Ledger, compared: Iterable[tuple[int, int]]) -> FigureCoverage:
    seen = set(compared)
    prose, table = Tally(), Tally()
    unchecked: list[tuple[Location, str]] = []
    for ref, e in ledger.entries.items():
        if not e.countable:
            continue
        hit = ref in seen
        if e.source == PROSE:
            prose = prose.add(hit)
        else:
            table = table.add(hit)
        if not hit:
            unchecked.append((e.loc, e.quantity.text))
    return FigureCoverage(prose, table, tuple(unchecked))
