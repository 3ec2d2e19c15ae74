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


def occurrence(text: str, figure: str, before: str) -> int | None:
    """Where `figure` stands in `text`: of its occurrences, the one whose preceding
    characters agree longest with `before` (the words before it where it was read); the
    first on a tie. "478.5" twice on 003's line 24 are told apart by what precedes each."""
    found = []
    pos = text.find(figure) if figure else -1
    while pos >= 0:
        found.append(pos)
        pos = text.find(figure, pos + 1)
    if len(found) <= 1 or not before:
        return found[0] if found else None

    def agree(p: int) -> int:
        n = 0
        while n < len(before) and n < p and text[p - 1 - n] == before[-1 - n]:
            n += 1
        return n

    return max(found, key=lambda p: (agree(p), -p))


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


def header_matches(path: str, want: str) -> bool:
    """Does a column's header path ("本年支出/小计") name the column `want` ("小计")? Its
    last part is `want`, or ends with it when `want` is specific enough (4+ characters:
    "一般公共预算财政拨款" in "支出/一般公共预算财政拨款")."""
    last = path.rsplit("/", 1)[-1]
    return last == want or (len(want) >= 4 and last.endswith(want)) or path == want


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
    src: int = 0  # the Text it was read from (0: computed, not printed); see `ref`

    @property
    def ref(self) -> tuple[int, int] | None:
        """Which printed figure this is — the same whichever extractor read it or relabelled
        it — or None for a number the tool computed. Valid while its Document lives."""
        return (self.src, self.start) if self.src else None

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
    # what the fact is about, whatever its scope ("社会保障和就业支出（208）支出"): findings
    # of one rule about one subject and the same two printed values are one defect (causes.py)
    subject: str = ""

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
    expected: str | None = None  # numbers a script can compare (万元 for money)
    actual: str | None = None
    message_en: str = ""
    # the same, as printed where the document prints it in another unit ("3,503,499.00元
    # （350.3499万元）"); None where expected/actual show it as printed
    expected_shown: str | None = None
    actual_shown: str | None = None
    title_en: str = ""
    highlights: tuple[str, ...] = ()
    fact_kind: str = ""
    fingerprint: str = ""
    related: tuple[Location, ...] = ()
    related_paths: tuple[str, ...] = ()  # per related place: another file's path, "" for this one
    suppressed: bool = False
    suppression_reason: str | None = None
    source: str = ""  # the whole source line (text files) or block text the finding is in
    order: int = 0  # the block the finding is in: sorts findings in document order
    row: TableRow | None = None  # display only: the table row the finding is in
    # where the figure stands in `source` (character offsets): the occurrence the finding
    # means, not the first equal number on the line
    span: tuple[int, int] | None = None
    # the other findings the same defect caused (causes.py): listed under this one, never
    # counted apart
    also: list[Finding] = field(default_factory=list)
    # for grouping by cause, valid only while the Document lives (causes.py drops them):
    # Quantity.ref of the figure the finding is placed at, of every figure its assert
    # compared, expected and actual as intervals (万元 / fraction) and what its fact is about
    anchor_ref: tuple[int, int] | None = None
    figures: tuple[tuple[int, int], ...] = ()
    sides: Any = None
    subject: str = ""


HALF_UP = "half_up"  # 四舍五入: "1,202.95" stands for [1202.945, 1202.955]
TRUNCATE = "truncate"  # 截尾: "1,202.94" cut from 12,029,456.78 元 stands for [1202.94, 1202.95)
RATIO = "ratio"  # 完成值 written as a completion ratio: 100% = the target met
VALUE = "value"  # 完成值 written as the value reached, in the indicator's unit

_ROUNDING_ZH = {HALF_UP: "四舍五入", TRUNCATE: "截尾（舍去尾数）"}
_COMPLETION_ZH = {RATIO: "完成程度（100%为达到指标值）", VALUE: "实际完成的数值"}


@dataclass(slots=True)
class DocumentProfile:
    """How a document writes, measured once from the document itself (extract/document/
    profile.py and the readers that see the evidence), read by every extractor and rule:
    none re-guesses it. Each convention is decided from the figures that tell the
    possibilities apart; where none does, the common one holds (half-up, measured values)."""

    # 元 → 万元 conversions: HALF_UP or TRUNCATE, from figures printed at two precisions
    rounding: str = HALF_UP
    # (half-up only, truncation only): how many such pairs fit one convention and not the other
    rounding_evidence: tuple[int, int] = (0, 0)
    # 绩效自评表 kind (项目 / 部门整体) → RATIO or VALUE, from the indicators whose 完成值
    # tells them apart (a "100%" under an indicator counted in 人 or 万元 is a ratio)
    completion: dict[str, str] = field(default_factory=dict)
    # the level a budget's item paragraphs explain the subjects at: 类, 款 or 项 ("" none)
    explanation_level: str = ""
    # pages printed twice: (the page, the earlier page it repeats); counted once
    repeated_pages: tuple[tuple[int, int], ...] = ()
    # variant spellings the document uses for one word (其它 for 其他): written → standard
    variants: dict[str, str] = field(default_factory=dict)
    # the money unit most figures are printed in: {"prose": "万元", "table": "元"}
    units: dict[str, str] = field(default_factory=dict)
    # the set of tables the document follows and those its 目录 lists (template.py's
    # reading): {"name", "label", "listed"}; None where nothing says
    template: dict[str, Any] | None = None
    # the places its prose writes 万元 at when it drops trailing zeros ("28.1" for 28.10,
    # "1657" for 1657.00): such a figure stands for 28.10 ± 0.005, not 28.1 ± 0.05; None
    # where the figures do not show it (profile.money_places)
    money_places: int | None = None
    # (prose 万元 figures at those places, of which end in 0, fewer-place figures equal to a
    # more precise statement of the same key, fewer-place figures that round one)
    money_places_evidence: tuple[int, int, int, int] = (0, 0, 0, 0)

    def as_json(self) -> dict[str, Any]:
        return {
            "rounding": self.rounding,
            "rounding_evidence": {
                "half_up": self.rounding_evidence[0],
                "truncate": self.rounding_evidence[1],
            },
            "completion": dict(self.completion),
            "explanation_level": self.explanation_level or None,
            "repeated_pages": [{"page": p, "same_as": s} for p, s in self.repeated_pages],
            "variants": dict(self.variants),
            "units": dict(self.units),
            "template": dict(self.template) if self.template else None,
            "money_places": self.money_places,
            "money_places_evidence": dict(
                zip(
                    ("figures", "ending_in_zero", "keyed_zero", "keyed_rounded"),
                    self.money_places_evidence,
                    strict=True,
                )
            ),
        }

    def describe(self) -> str:
        """One line for a finance officer: what govaudit took the document's conventions to be."""
        half, cut = self.rounding_evidence
        parts = [
            f"元折合万元：{_ROUNDING_ZH.get(self.rounding, self.rounding)}"
            + (
                f"（{half + cut} 处可区分：四舍五入 {half}，截尾 {cut}）"
                if half + cut
                else "（没有可区分的数，按通例）"
            )
        ]
        for kind, conv in self.completion.items():
            parts.append(f"{kind}自评表完成值：{_COMPLETION_ZH.get(conv, conv)}")
        if self.explanation_level:
            parts.append(f"科目说明到{self.explanation_level}级")
        for page, same in self.repeated_pages:
            parts.append(f"第{page}页与第{same}页相同（只计一次）")
        if self.variants:
            parts.append("异体写法：" + "、".join(f"{a}（{b}）" for a, b in self.variants.items()))
        if self.template and self.template.get("label"):
            listed = self.template.get("listed") or []
            parts.append(
                f"表格：{self.template['label']}"
                + (f"（目录列出 {len(listed)} 张）" if listed else "")
            )
        if self.money_places is not None:
            n, zero, _, _ = self.money_places_evidence
            parts.append(
                f"正文金额写到 {self.money_places} 位小数、省略末尾的 0（{n} 个 {self.money_places}"
                f" 位小数的金额中 {zero} 个以 0 结尾），少写小数位的金额按 {self.money_places} 位理解"
            )
        if self.units:
            names = {"prose": "正文", "table": "表格"}
            parts.append(
                "金额单位："
                + "，".join(f"{names.get(k, k)}{v}" for k, v in sorted(self.units.items()))
            )
        return "；".join(parts)


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    """What a document is: 部门预算 / 单位预算 / 部门决算 / 单位决算 / 绩效自评报告, whose, which
    year, and the units a department's figures cover ("" / None / () where it does not say);
    and how it writes (`profile`, measured once during extraction)."""

    kind: str = ""
    issuer: str = ""
    year: int | None = None
    units: tuple[str, ...] = ()  # the budget units the department's figures cover
    merged: tuple[str, ...] = ()  # units "不单列预算，并入本部"
    # how many budget units the department's figures cover, the 本部 (本级) included, as the
    # document counts or lists them; None where it does not say (never taken for one)
    budget_units: int | None = None
    profile: DocumentProfile = field(default_factory=DocumentProfile, compare=False)

    def as_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind or None,
            "issuer": self.issuer or None,
            "year": self.year,
            "profile": self.profile.as_json(),  # addition
        }


SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {"info": 1, "warning": 2, "error": 3}


@dataclass(slots=True)
class RuleOutcome:
    """How one rule fared on one fact: feeds the coverage numbers."""

    rule: str
    status: str  # "held" | "failed" | "unverified"
    loc: Location = field(default_factory=Location)
    kind: str = ""
    figures: tuple[tuple[int, int], ...] = ()  # Quantity.ref of every figure the assert compared


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
    figures: Any = None  # ledger.FigureCoverage: money and percentage figures read / checked
    info: DocumentInfo | None = None  # kind, issuer, year
    # the document's keyed figures and prior-year statements (ledger.Stated, PriorStatement),
    # for the comparisons across documents; dropped once those are made
    stated: tuple[Any, ...] = ()
    priors: tuple[Any, ...] = ()
