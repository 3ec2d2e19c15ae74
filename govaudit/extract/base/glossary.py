"""The one glossary (rules/vocab/glossary.yaml) and its one matcher.

Prose labels, table titles, row labels and column headers are all resolved here: which
concept a label names and with what scope and role, which standard table a title names,
what a column of that table holds, which concept a cell states. Every key in the ledger
comes from these functions, so a figure in prose and the same figure in a 附表 cell meet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any

from govaudit.extract.base.normalize import fold_variants, norm
from govaudit.model import Location
from govaudit.model import header_matches as col_matches
from govaudit.patterns import lazy_pattern
from govaudit.resources import vocab

ALL_FUNDS = "全部资金"
ANY = "any"
SCOPE_ORDER = ("一般公共预算", "政府性基金", "国有资本经营", "财政拨款")

_QUOTES = str.maketrans("", "", "“”\"'‘’「」『』〝〞")


@lru_cache(maxsize=1 << 16)
def key(s: str) -> str:
    """Compare names without spaces, quotes or bracket width, and with variant spellings
    folded (其它政府办公厅… is the table's 其他政府办公厅…). Memoised: every label, title
    and heading is keyed again and again (by concepts, roles, scopes and tables)."""
    return fold_variants("".join(norm(s).translate(_QUOTES).split()))


@cache
def _data() -> dict[str, Any]:
    return vocab("glossary")


# --------------------------------------------------------------------------- concepts


@dataclass(frozen=True)
class CellRef:
    """Where a table states a concept: a row (by label, or by 经济分类 code), a column (the
    end of its header path; None: the panel's first value column), a "三公" item."""

    table: str
    side: str = ""
    row: str = ""
    col: str = ""
    code: str = ""
    item: str = ""


@dataclass(frozen=True)
class Concept:
    id: str
    names: tuple[str, ...]
    scope: str
    cells: tuple[CellRef, ...] = ()


@cache
def concepts() -> tuple[Concept, ...]:
    out = []
    for c in _data().get("concepts", []):
        cells = tuple(
            CellRef(
                table=key(str(r.get("table", ""))),
                side=str(r.get("side", "")),
                row=key(str(r.get("row", ""))),
                col=key(str(r.get("col", ""))),
                code=str(r.get("code", "")),
                item=str(r.get("item", "")),
            )
            for r in c.get("cells") or []
        )
        out.append(
            Concept(
                str(c["id"]),
                tuple(key(n) for n in c.get("names") or []),
                str(c.get("scope", ALL_FUNDS)),
                cells,
            )
        )
    return tuple(out)


@cache
def concept(cid: str) -> Concept | None:
    return next((c for c in concepts() if c.id == cid), None)


@cache
def _names_longest_first() -> tuple[tuple[str, Concept], ...]:
    pairs = [(n, c) for c in concepts() for n in c.names]
    return tuple(sorted(pairs, key=lambda x: -len(x[0])))


def match(label: str) -> tuple[Concept, str] | None:
    """(concept, the words in front of its name) for a label, or None."""
    k = key(label)
    for name, c in _names_longest_first():
        if k.endswith(name):
            return c, k[: -len(name)]
    return None


@cache
def scope_words() -> tuple[tuple[str, tuple[str, ...]], ...]:
    data = _data().get("scope_words", {})
    return tuple((s, tuple(data.get(s, []))) for s in SCOPE_ORDER if s in data)


def scope_of(text: str) -> str | None:
    """The narrowest scope the words in `text` name, or None."""
    t = key(text)
    for scope, words in scope_words():
        if any(w in t for w in words):
            return scope
    return None


@cache
def narrow_sections() -> tuple[str, ...]:
    return tuple(key(w) for w in _data().get("narrow_sections", []))


@cache
def _role_words() -> tuple[tuple[str, str], ...]:
    pairs = [(key(w), role) for role, ws in (_data().get("roles") or {}).items() for w in ws]
    return tuple(sorted(pairs, key=lambda p: -len(p[0])))


# "预算" inside the name of a fund is no role: 一般公共预算财政拨款 is not a budget figure
_FUND_NAMES = lazy_pattern(r"一般公共预算|政府性基金预算|国有资本经营预算")


def _masked(k: str) -> str:
    return _FUND_NAMES.sub(lambda m: "#" * len(m.group()), k)


def role_suffix(label: str) -> tuple[str, str | None]:
    """(the label without a trailing role word, that role) — "三公经费预算数" →
    ("三公经费", "预算数"); the label unchanged and None when it ends with none."""
    k = key(label)
    m = _masked(k)
    for w, role in _role_words():
        if m.endswith(w) and len(k) > len(w):
            return k[: -len(w)], role
    return k, None


def role_in(text: str) -> str | None:
    """The role a column header names anywhere in its path ("2024年预算数", "决算数")."""
    m = _masked(key(text))
    for w, role in _role_words():
        if w in m:
            return role
    return None


# --------------------------------------------------------------------------- tables


@dataclass(frozen=True)
class Column:
    """What a value column of a standard table holds."""

    measure: str = ""  # what a subject row's figure is here (支出, 基本支出, 收入 …)
    total: str = ""  # the concept of the table's 合计 row in this column
    scope: str = ""  # when the column names its fund
    role: str = ""  # when the column names its role


@dataclass(frozen=True)
class StdTable:
    key: str
    name: str
    aliases: tuple[str, ...]
    kind: str = "决算"
    layout: str = ""
    scope: str = ALL_FUNDS
    columns: tuple[tuple[str, Column], ...] = field(default=())
    template: str = ""  # the set of tables it belongs to (九张表, 公开表; "" the 决算 set)
    year_rows: tuple[str, ...] = ()  # the year's total rows besides 本年…合计 (当年收入小计)
    grand_rows: tuple[str, ...] = ()  # the grand total rows besides …总计 (收入合计)

    @property
    def role(self) -> str:
        return "预算数" if self.kind == "预算" else "决算数"

    def column(self, header: str) -> Column | None:
        """The meaning of a column, by the end of its header path (longest name first)."""
        for name, col in self.columns:
            if col_matches(header, name):
                return col
        return None


@cache
def standard_tables() -> tuple[StdTable, ...]:
    out = []
    for t in _data().get("tables", []):
        cols = tuple(
            sorted(
                (
                    (
                        key(str(name)),
                        Column(
                            str(c.get("measure", "")),
                            str(c.get("total", "")),
                            str(c.get("scope", "")),
                            str(c.get("role", "")),
                        ),
                    )
                    for name, c in (t.get("columns") or {}).items()
                ),
                key=lambda p: -len(p[0]),
            )
        )
        out.append(
            StdTable(
                str(t["key"]),
                str(t["name"]),
                tuple(key(a) for a in t.get("aliases", [])),
                str(t.get("kind", "决算")),
                str(t.get("layout", "")),
                str(t.get("scope", ALL_FUNDS)),
                cols,
                str(t.get("template", "")),
                tuple(key(r) for r in t.get("year_rows") or []),
                tuple(key(r) for r in t.get("grand_rows") or []),
            )
        )
    return tuple(out)


@cache
def template_names() -> tuple[str, ...]:
    """The sets of tables the glossary knows, in its order ("" — the 决算 tables)."""
    return tuple(dict.fromkeys(t.template for t in standard_tables()))


@cache
def template_label(name: str) -> str:
    """How a message names a set of tables ("九张标准预算表")."""
    return str((_data().get("templates") or {}).get(name, name))


@cache
def template_marks() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """(set, pattern) of the numbers a set's tables carry over their titles ("公开03表")."""
    marks = _data().get("template_marks") or {}
    return tuple((str(n), re.compile(str(p))) for n, ps in marks.items() for p in ps)


def template_tables(name: str, kind: str | None = None) -> tuple[StdTable, ...]:
    return tuple(
        t for t in standard_tables() if t.template == name and (not kind or t.kind == kind)
    )


_TITLE_NOISE = lazy_pattern(
    r"^(?:附表\s*[\d\-—.]*|表\s*[\d\-—.]+|[一二三四五六七八九十]+\s*[、.]|\d{1,2}\s*[、.]|[A-Z]\d{2}\s*)"
)
# "(财决01表)", "(2019年度)", "(一般公共预算)": a note after the title, not its name
_TITLE_TAIL = lazy_pattern(r"[(][^()]{0,12}表[)]$|[(]\d{4}年度?[)]$|[(][^()]{0,8}预算[)]$")


def match_title(text: str, kind: str | None = None, template: str | None = None) -> StdTable | None:
    """The standard table a title names: the longest alias the cleaned title ends with —
    among the tables of `kind` (决算 / 预算) when the document's kind is known, and of the
    set of tables the document follows (`template`, see extract/document/template.py) when
    that is known: 江苏's "收入预算总表" is not Shanghai's, though both are so titled."""
    t = key(text)
    if not t or len(t) > 60:
        return None
    t = _TITLE_TAIL.sub("", _TITLE_NOISE.sub("", t))
    if template is None:
        # not known: the sets in the glossary's order, the first that names it
        for name in template_names():
            std = _match_in(t, kind, name)
            if std is not None:
                return std
        return None
    return _match_in(t, kind, template)


def _match_in(t: str, kind: str | None, template: str) -> StdTable | None:
    best: tuple[int, StdTable] | None = None
    for std in standard_tables():
        if kind and std.kind != kind:
            continue
        if std.template != template:
            continue
        for a in std.aliases:
            if t.endswith(a) and (best is None or len(a) > best[0]):
                best = (len(a), std)
    return best[1] if best else None


@dataclass(frozen=True)
class Listed:
    """A table a document lists as its own (a line of its 目录), and which standard table
    that line names."""

    title: str
    table: StdTable
    loc: Location
    block: int


@dataclass(frozen=True)
class Template:
    """The set of tables a document follows (extract/document/template.py reads it):
    `name` is a `template` of the glossary's tables (None: not known, every set is tried);
    `listed` the tables its own 目录 names, which are then the tables it must contain."""

    name: str | None = None
    listed: tuple[Listed, ...] = ()

    def label(self) -> str:
        return template_label(self.name or "")

    def required(self, kind: str) -> tuple[StdTable, ...]:
        """The tables a disclosure of `kind` must contain: those its 目录 lists, else every
        table of its set."""
        if self.listed:
            return tuple(x.table for x in self.listed if x.table.kind == kind)
        return template_tables(self.name or "", kind)

    def listing(self, std: StdTable) -> Listed | None:
        return next((x for x in self.listed if x.table == std), None)


@cache
def cells_in(std: StdTable) -> tuple[tuple[Concept, CellRef], ...]:
    """The concepts a standard table states in named cells, by the table's name or key."""
    names = {key(std.name), key(std.key)}
    return tuple((c, r) for c in concepts() for r in c.cells if r.table in names)


@cache
def units() -> dict[str, tuple[str, ...]]:
    return {u: tuple(key(w) for w in ws) for u, ws in (_data().get("units") or {}).items()}


# --------------------------------------------------------------------------- subjects


@cache
def class_codes() -> dict[str, str]:
    """类 name → code ("社会保障和就业支出" → "208"), former names included."""
    data = vocab("subjects")
    codes = {key(str(k)): str(v) for k, v in (data.get("codes") or {}).items()}
    for old, (new, _) in (data.get("former") or {}).items():
        if key(str(new)) in codes:
            codes[key(str(old))] = codes[key(str(new))]
    return codes


def class_code(name: str) -> str | None:
    k = key(name)
    return class_codes().get(k) or class_codes().get(k + "支出")


@cache
def _name_variants() -> tuple[tuple[str, str], ...]:
    data = _data().get("name_variants") or {}
    return tuple((key(str(a)), key(str(b))) for a, b in data.items())


def name_key(name: str) -> str:
    """A subject's name as compared: "其它…" and "其他…" are one name (the glossary's
    `name_variants`)."""
    k = key(name)
    for a, b in _name_variants():
        k = k.replace(a, b)
    return k


def subject_section() -> str:
    return key(str(_data().get("subject_section", "")))


def subject_measure() -> str:
    return str(_data().get("subject_measure", "支出"))


@cache
def item_labels() -> frozenset[str]:
    return frozenset(key(w) for w in _data().get("item_labels", []))
