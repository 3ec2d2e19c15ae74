"""The data model shared by every stage: documents, quantities, facts and findings.

Readers build `Document`s, extractors turn them into `Fact`s, the engine turns facts into
`Finding`s and reporters print findings. Nothing here knows which file format a document
came from: every piece of text carries `Location` anchors instead.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any


@dataclass(frozen=True, slots=True)
class Location:
    """Where a piece of text sits in the original file (1-based everywhere)."""

    line: int | None = None
    page: int | None = None
    paragraph: int | None = None
    table: int | None = None
    row: int | None = None
    col: int | None = None
    sheet: str | None = None

    def describe(self) -> str:
        """Human wording, Chinese: 第85行 / 第3页 / 第12段 / 表2第3行第4列."""
        parts: list[str] = []
        if self.sheet:
            parts.append(f"工作表「{self.sheet}」")
            if self.row is not None:
                parts.append(
                    f"{_column_letter(self.col)}{self.row}" if self.col else f"第{self.row}行"
                )
            return "".join(parts)
        if self.page is not None:
            parts.append(f"第{self.page}页")
        if self.line is not None:
            parts.append(f"第{self.line}行")
        if self.paragraph is not None and self.line is None:
            parts.append(f"第{self.paragraph}段")
        if self.table is not None and self.line is None:
            cell = f"表{self.table}"
            if self.row is not None:
                cell += f"第{self.row}行"
            if self.col is not None:
                cell += f"第{self.col}列"
            parts.append(cell)
        return "".join(parts) or "（位置未知）"

    def describe_en(self) -> str:
        parts: list[str] = []
        if self.sheet:
            parts.append(f"sheet '{self.sheet}'")
            if self.row is not None:
                parts.append(
                    f"cell {_column_letter(self.col)}{self.row}" if self.col else f"row {self.row}"
                )
            return ", ".join(parts)
        if self.page is not None:
            parts.append(f"page {self.page}")
        if self.line is not None:
            parts.append(f"line {self.line}")
        if self.paragraph is not None and self.line is None:
            parts.append(f"paragraph {self.paragraph}")
        if self.table is not None and self.line is None:
            cell = f"table {self.table}"
            if self.row is not None:
                cell += f" row {self.row}"
            if self.col is not None:
                cell += f" col {self.col}"
            parts.append(cell)
        return ", ".join(parts) or "(unknown location)"


def _column_letter(col: int) -> str:
    """1 → A, 27 → AA: how Excel names a column."""
    out = ""
    while col > 0:
        col, rem = divmod(col - 1, 26)
        out = chr(65 + rem) + out
    return out


@dataclass(slots=True)
class Text:
    """A run of text with location anchors: anchors[i] = (offset, Location) is where a new
    source line / page / paragraph starts. Offsets index into `text`."""

    text: str
    anchors: tuple[tuple[int, Location], ...] = ()

    def loc_at(self, offset: int) -> Location:
        if not self.anchors:
            return Location()
        keys = [a[0] for a in self.anchors]
        i = bisect.bisect_right(keys, offset) - 1
        return self.anchors[max(i, 0)][1]

    @property
    def loc(self) -> Location:
        return self.loc_at(0)


@dataclass(slots=True)
class Paragraph:
    text: Text
    kind: str = "paragraph"


@dataclass(slots=True)
class Cell:
    """One table cell. `merged` marks a cell that only repeats a merged neighbour (a vMerge
    continuation or the tail of a gridSpan): it must never be counted as a second amount."""

    text: Text
    merged: bool = False
    span: int = 1


@dataclass(slots=True)
class Table:
    rows: list[list[Cell]]
    loc: Location
    title: str | None = None
    kind: str = "table"

    def row_texts(self, i: int) -> list[str]:
        return [c.text.text for c in self.rows[i]]


Block = Paragraph | Table


@dataclass(slots=True)
class Document:
    path: str
    format: str
    blocks: list[Block]
    source_lines: list[str] | None = None
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def name(self) -> str:
        from pathlib import Path

        return Path(self.path).name

    def line_text(self, line: int | None) -> str | None:
        if line is None or self.source_lines is None:
            return None
        if 1 <= line <= len(self.source_lines):
            return self.source_lines[line - 1]
        return None


# --------------------------------------------------------------------------- quantities

MONEY_FACTORS: dict[str, Decimal] = {
    "元": Decimal("0.0001"),
    "万元": Decimal(1),
    "亿元": Decimal(10000),
}


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number as printed in the document, with its unit and its place.

    `value` is in the printed unit; `interval()` gives the rounding interval in the
    canonical unit (万元 for money, a fraction for percentages)."""

    value: Decimal
    decimals: int
    unit: str
    text: str
    label: str
    loc: Location
    block: int
    start: int
    end: int
    approx: bool = False
    unit_inferred: bool = False

    @property
    def kind(self) -> str:
        if self.unit in MONEY_FACTORS:
            return "money"
        if self.unit in ("%", "‰"):
            return "percent"
        if self.unit:
            return "count"
        return "number"

    @property
    def unit_class(self) -> str:
        """Quantities can only be added when their unit classes match."""
        k = self.kind
        if k in ("money", "percent", "number"):
            return k
        return "count:" + count_base(self.unit)

    def factor(self) -> Decimal:
        if self.unit in MONEY_FACTORS:
            return MONEY_FACTORS[self.unit]
        if self.unit == "%":
            return Decimal("0.01")
        if self.unit == "‰":
            return Decimal("0.001")
        if len(self.unit) > 1 and self.unit[0] == "万":
            return Decimal(10000)
        if len(self.unit) > 1 and self.unit[0] == "亿":
            return Decimal(100000000)
        return Decimal(1)

    def canonical(self) -> Decimal:
        return self.value * self.factor()

    def half_ulp(self) -> Decimal:
        return Decimal(5).scaleb(-(self.decimals + 1)) * self.factor()

    def printed(self) -> str:
        """The number without thousands separators, as many decimals as printed."""
        return format_decimal(self.value, self.decimals)


def count_base(unit: str) -> str:
    """万件 and 件 count the same things."""
    if len(unit) > 1 and unit[0] in "万亿":
        return unit[1:]
    return unit


def format_decimal(value: Decimal, decimals: int) -> str:
    q = Decimal(1).scaleb(-decimals) if decimals > 0 else Decimal(1)
    try:
        v = value.quantize(q)
    except Exception:
        return str(value)
    s = f"{v:f}"
    if s.startswith("-0") and v == 0:
        s = s[1:]
    return s


# --------------------------------------------------------------------------- facts


@dataclass(slots=True)
class Fact:
    """A located statement the rules can check: a breakdown, a share, a change, a rate, a
    row of a performance table, a concept value, ... `fields` holds what the rule
    expressions refer to by name (Quantities, lists of Quantities, strings, numbers)."""

    kind: str
    loc: Location
    block: int
    fields: dict[str, Any]
    section: tuple[str, ...] = ()
    excerpt: str = ""
    anchor: Quantity | None = None

    def get(self, name: str, default: Any = None) -> Any:
        return self.fields.get(name, default)


@dataclass(frozen=True, slots=True)
class TableRow:
    """For display: the table row a finding's figure sits in, each cell with the column
    heading above it ("" where none was found), and which cells hold the figures. Taken from
    the Document while it is at hand (batch.py, report/rows.py); reporters show it instead
    of the lone source line of a cell."""

    cells: tuple[tuple[str, str], ...]  # (heading, cell text), empty cells left out
    marks: tuple[int, ...]  # indices in `cells` of the cells with the figures, located first
    first: Location  # where the row starts and ends (a text table spans several lines)
    last: Location


@dataclass(slots=True)
class Finding:
    rule: str
    severity: str
    title: str
    message: str
    loc: Location
    excerpt: str = ""
    expected: str | None = None
    actual: str | None = None
    message_en: str = ""
    title_en: str = ""
    highlights: tuple[str, ...] = ()
    fact_kind: str = ""
    fingerprint: str = ""
    related: tuple[Location, ...] = ()
    suppressed: bool = False
    suppression_reason: str | None = None
    source: str = ""  # the whole source line (text files) or block text the finding is in
    order: int = 0  # the block the finding is in: sorts findings in document order
    row: TableRow | None = None  # display only: the table row the finding is in


SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {"info": 1, "warning": 2, "error": 3}


@dataclass(slots=True)
class RuleOutcome:
    """How one rule fared on one fact: feeds the coverage numbers."""

    rule: str
    status: str  # "held" | "failed" | "unverified"
    loc: Location = field(default_factory=Location)
    kind: str = ""


@dataclass(slots=True)
class FileReport:
    path: str
    status: str = "ok"  # "ok" | "error"
    error: str | None = None
    error_en: str | None = None
    findings: list[Finding] = field(default_factory=list)
    outcomes: list[RuleOutcome] = field(default_factory=list)
    document: Document | None = None
    seconds: float = 0.0


# --------------------------------------------------------------------------- fact kinds

# What each kind of fact offers the rules, by field name. Extractors fill these fields;
# the rule loader rejects an expression that reads a field its kind does not have.
FACT_KINDS: dict[str, dict[str, str]] = {
    "breakdown": {
        "total": "合计数（如「本年支出合计3469.24万元」）",
        "parts": "各分项（列表）",
        "marker": "引出分项的词：其中 / 包括 / 主要用于以下方面",
        "unit_class": "单位类别：money / count:件 …",
        "multiline": "分项是否分行列出",
        "alt_parts": "分项单位不一致时，把少数单位的分项按多数单位重读后的列表（否则为 none）",
        "precise_parts": "把写成整数的分项按其他分项的小数位数理解后的列表（如 223 → 223.00；否则为 none）",
    },
    "share": {
        "part": "部分数",
        "share": "所述占比（百分数）",
        "whole": "整体数（句中点名的合计；未说明时为 none）",
        "siblings": "同一列举中的全部分项（整体未说明时其和即整体）",
        "whole_name": "整体的名称",
    },
    "change": {
        "current": "本年数",
        "change": "增减额（正数）",
        "rate": "增减幅度（百分数，可能为 none）",
        "direction": "增减额的方向词：增加 / 减少",
        "rate_direction": "幅度的方向词：增长 / 下降（可能为 none）",
        "delta": "带符号的增减额（减少为负）",
        "prior": "句中明确给出的上年数（可能为 none）",
        "subject": "变动的对象",
    },
    "rate": {
        "numerator": "分子（如执行数、办结数）",
        "denominator": "分母（如预算数、受理数）",
        "rate": "所述比率",
        "rate_name": "比率名称（如 预算完成率、办结率）",
    },
}


def register_fact_kind(kind: str, fields: dict[str, str]) -> None:
    """Extractors added later declare their facts here, so rules over them validate."""
    FACT_KINDS.setdefault(kind, {}).update(fields)
