"""What every extractor needs to know about a document, computed once.

`ExtractContext` walks the blocks in order, keeps the section heading path (第一部分 / 一、
/ （一） / 1. / （1）), normalises each piece of prose, finds its quantities and splits it
into sentences. Prose inside table cells (评价结论, 说明 cells) is prose too.
"""

from __future__ import annotations

import bisect
import os
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import cached_property

from govaudit.extract.base.clauses import split_top
from govaudit.extract.base.glossary import Template
from govaudit.extract.base.ledger import PROSE, TABLE, Ledger
from govaudit.extract.base.normalize import compact, norm
from govaudit.extract.base.quantities import find_quantities, parse_cell_number
from govaudit.extract.base.vocab import duty_headings
from govaudit.model import (
    Document,
    DocumentInfo,
    DocumentProfile,
    Fact,
    Paragraph,
    Quantity,
    Table,
    Text,
)
from govaudit.patterns import lazy_pattern

_CN = "一二三四五六七八九十百零〇"
HEADING_PATTERNS: list[tuple[int, re.Pattern[str]]] = [
    (0, re.compile(rf"^第[{_CN}\d]+部分")),
    (1, re.compile(rf"^[{_CN}]+\s*[、.]")),
    (1, re.compile(r"^\d{1,2}\s*、")),
    (2, re.compile(rf"^[(][{_CN}]+[)]")),
    (3, re.compile(r"^\d{1,2}\s*[.](?!\d)")),
    (4, re.compile(r"^[(]\d{1,2}[)]")),
]

SENTENCE_END = set("。!?\n")

# A "sentence" longer than this is data or debris, not prose: its figures are still read but
# no relation is extracted from it (keeps every extractor linear on hostile input).
MAX_SENTENCE = int(os.environ.get("GOVAUDIT_MAX_SENTENCE", "4000"))


def heading_level(text: str) -> int | None:
    """The level of a heading line, or None for ordinary prose."""
    s = norm(text).strip()
    if not s or len(s) > 45:
        return None
    if "%" in s or "万元" in s or s.count(",") > 1 or s.count(";") > 0:
        return None
    for level, pat in HEADING_PATTERNS:
        if pat.match(s):
            return level
    return None


Profile = tuple[Decimal, Decimal]


def parse_profile(
    profile: str | tuple[int | str | Decimal, int | str | Decimal] | None,
) -> Profile | None:
    """A scoring profile "10+90" → (10, 90): 预算执行 points, 绩效指标 points. None or "table"
    means: read the profile each table states in its headers."""
    if profile is None or profile == "" or profile == "table":
        return None
    parts = (
        re.split(r"[+/,，＋\s]+", profile.strip()) if isinstance(profile, str) else list(profile)
    )
    try:
        a, b = (Decimal(str(p)) for p in parts)
    except (ValueError, InvalidOperation) as exc:
        raise ValueError(
            f"评分方案应写作「预算执行分值+绩效指标分值」，如 10+90，而不是 {profile!r}"
        ) from exc
    return a, b


@dataclass(frozen=True)
class ExtractSettings:
    """What the configuration tells the extractors. It travels with each document's
    context (and to worker processes with the rules), never through module globals."""

    perf_profile: Profile | None = None  # every project table checked against one profile
    document: DocumentInfo | None = None  # what the configuration says this document is

    @classmethod
    def of(
        cls, perf_profile: str | None = None, document: DocumentInfo | None = None
    ) -> ExtractSettings:
        return cls(perf_profile=parse_profile(perf_profile), document=document)


@dataclass
class Prose:
    index: int
    text: Text
    norm: str
    section: tuple[str, ...]
    heading: int | None = None
    in_table: bool = False
    position: int = 0  # position in ExtractContext.prose
    quantities: list[Quantity] = field(default_factory=list)

    @cached_property
    def about_duties(self) -> bool:
        """Under a heading of the department's duties ("一、主要职能"): "深化部门预算改革"
        there is a duty, not the document naming its own kind or year."""
        words = duty_headings()
        return any(w in compact(h) for h in self.section for w in words)

    @cached_property
    def all_sentences(self) -> list[tuple[int, int]]:
        """Every sentence span: a sentence ends after 。!? or a line break."""
        out: list[tuple[int, int]] = []
        start = 0
        s = self.norm
        for i, ch in enumerate(s):
            if ch in SENTENCE_END:
                if i + 1 > start and s[start : i + 1].strip():
                    out.append((start, i + 1))
                start = i + 1
        if start < len(s) and s[start:].strip():
            out.append((start, len(s)))
        return out

    @cached_property
    def sentences(self) -> list[tuple[int, int]]:
        """The sentences relations are read from (overlong ones are left out)."""
        return [(a, b) for a, b in self.all_sentences if b - a <= MAX_SENTENCE]

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [a for a, _ in self.all_sentences]

    def sentence_of(self, offset: int) -> tuple[int, int]:
        i = bisect.bisect_right(self._sentence_starts, offset) - 1
        if i >= 0:
            a, b = self.all_sentences[i]
            if a <= offset < b:
                return a, b
        return 0, len(self.norm)

    def readable(self, offset: int) -> bool:
        """False inside an overlong sentence, where no relation is extracted."""
        a, b = self.sentence_of(offset)
        return b - a <= MAX_SENTENCE

    @cached_property
    def _depth(self) -> list[int]:
        """Bracket depth at each character (an opening bracket belongs to the outside)."""
        out = []
        depth = 0
        for ch in self.norm:
            if ch in ")》]】":
                depth = max(depth - 1, 0)
            out.append(depth)
            if ch in "(《[【":
                depth += 1
        return out

    def top(self, a: int, pos: int) -> bool:
        """True if `pos` is not inside brackets opened after `a`."""
        if pos >= len(self._depth) or a >= len(self._depth):
            return True
        return self._depth[pos] <= self._depth[a]

    @cached_property
    def _starts(self) -> list[int]:
        return [q.start for q in self.quantities]

    def split_items(self, a: int, b: int, seps: set[str]) -> list[tuple[int, int]]:
        """`split_top`, but never inside a printed number: the comma of "1,274.42" separates
        thousands, not two items of a list."""
        out: list[tuple[int, int]] = []
        for x, y in split_top(self.norm, a, b, seps):
            if out and self._inside_number(x - 1):
                out[-1] = (out[-1][0], y)
            else:
                out.append((x, y))
        return out

    def _inside_number(self, pos: int) -> bool:
        i = bisect.bisect_right(self._starts, pos) - 1
        return i >= 0 and self.quantities[i].start < pos < self.quantities[i].end

    def quantities_in(self, a: int, b: int) -> list[Quantity]:
        i = bisect.bisect_left(self._starts, a)
        j = bisect.bisect_left(self._starts, b, lo=i)
        return [q for q in self.quantities[i:j] if q.end <= b]


@dataclass
class TableView:
    index: int
    table: Table
    section: tuple[str, ...]


class ExtractContext:
    def __init__(self, doc: Document, settings: ExtractSettings | None = None) -> None:
        self.doc = doc
        self.settings = settings or ExtractSettings()
        self.prose: list[Prose] = []
        self.tables: list[TableView] = []
        self.facts: list[Fact] = []  # filled by extract_facts as extractors run
        self.ledger = Ledger()  # every printed figure; extractors say what each one states
        # 功能分类 names the document's own tables give a code ("行政运行" → "2010601"): how
        # a subject the prose names by words meets its row in the tables
        self.subjects: dict[str, str] = {}
        self.info = DocumentInfo()  # set by extract() from extract/identity.py first
        # how the document writes (rounding, 完成值, explanation level, repeated pages …):
        # measured once (extract/document/profile.py and the readers of the evidence), read
        # by every extractor and, through DocumentInfo.profile, by the engine
        self.profile = DocumentProfile()
        # the set of tables it follows and those its 目录 lists (extract/document/template.py)
        self.template = Template()
        # whose text a piece of prose is (id of its Text → project): a project table's
        # sentences, a project's report; filled by perf_tables and project_reports
        self.entity_of: dict[int, str] = {}
        self._walk()

    def facts_of(self, kind: str) -> list[Fact]:
        return [f for f in self.facts if f.kind == kind]

    def _walk(self) -> None:
        path: list[tuple[int, str]] = []
        styled = {h["block"]: int(h.get("level", 1)) for h in self.doc.meta.get("headings", [])}
        for idx, block in enumerate(self.doc.blocks):
            section = tuple(t for _, t in path)
            if isinstance(block, Paragraph):
                level = heading_level(block.text.text)
                if level is None and block.kind == "heading" and idx in styled:
                    # a Word heading style without a number ("部门概况"): 标题 1 → level 0
                    level = max(styled[idx] - 1, 0)
                if level is not None:
                    while path and path[-1][0] >= level:
                        path.pop()
                    path.append((level, block.text.text.strip()))
                    section = tuple(t for _, t in path)
                self._add(idx, block.text, section, level, in_table=False)
            elif isinstance(block, Table):
                self.tables.append(TableView(idx, block, section))
                for row in block.rows:
                    for cell in row:
                        if cell.merged:
                            continue
                        q = (
                            parse_cell_number(cell.text, idx)
                            if _DIGIT.search(cell.text.text)
                            else None
                        )
                        if q is not None:
                            # a bare number gets its unit from whoever reads the table
                            if q.unit:
                                self.ledger.figure(q, TABLE)
                        elif _prose_like(cell.text.text):
                            self._add(idx, cell.text, section, None, in_table=True)

    def _add(
        self, idx: int, text: Text, section: tuple[str, ...], level: int | None, *, in_table: bool
    ) -> None:
        n = norm(text.text)
        p = Prose(idx, text, n, section, level, in_table, len(self.prose))
        p.quantities = find_quantities(text, idx, normalized=n)
        for q in p.quantities:
            self.ledger.figure(q, TABLE if in_table else PROSE)
        self.prose.append(p)

    def previous(self, p: Prose) -> Prose | None:
        """The prose block right before `p`, if nothing (no table) stands between them."""
        if p.position == 0:
            return None
        q = self.prose[p.position - 1]
        if q.in_table != p.in_table or (not p.in_table and q.index != p.index - 1):
            return None
        return q

    @cached_property
    def _paragraph_of_block(self) -> dict[int, Prose]:
        out: dict[int, Prose] = {}
        for p in self.prose:
            if not p.in_table:
                out.setdefault(p.index, p)
        return out

    def paragraph(self, block: int) -> Prose | None:
        """The paragraph (not a table's prose) of a block index: a dict, not a walk over every
        prose block, so that what is looked up per figure stays linear in a long document."""
        return self._paragraph_of_block.get(block)

    def following(self, p: Prose) -> list[Prose]:
        """The prose blocks that follow `p` directly (paragraphs only, no table between)."""
        out: list[Prose] = []
        expect = p.index + 1
        for q in self.prose[p.position + 1 :]:
            if q.in_table or q.index != expect:
                break
            out.append(q)
            expect += 1
        return out

    @cached_property
    def report_year(self) -> int | None:
        """The year the report is about: "2023年度…单位决算", "第二部分 2021年度部门决算…",
        "2023年部门绩效自评工作总结" — the document's identity (its cover, or what the
        configuration says) first. None when nothing says it."""
        if self.info.year is not None:
            return self.info.year
        # "2023年当年预算执行数", "2024年预算安排" name a figure's year, not the report's
        pattern = re.compile(
            r"(20\d\d|19\d\d)\s*年度?[^。,;]{0,30}?(决算|预算|自评|绩效|总结)(?!执行|安排|改革)"
        )
        for p in self.prose[:80]:
            if p.in_table or p.about_duties:
                continue
            if p.heading is None and p.position > 12:
                continue
            m = pattern.search(p.norm)
            if m:
                return int(m.group(1))
        return None

    @cached_property
    def report_kind(self) -> str:
        """决算 or 预算: what the document reports (its first pages say); 决算 when unsure.
        The role of a figure that does not name its own (预算数 in a budget)."""
        if self.info.kind.endswith(("预算", "决算")):
            return self.info.kind[-2:]
        pattern = re.compile(r"(?:20\d\d|19\d\d)\s*年度?[^。,;]{0,30}?(决算|预算)(?!改革)")
        for p in self.prose[:40]:
            if p.in_table or (p.heading is None and p.position > 12) or p.about_duties:
                continue
            m = pattern.search(p.norm)
            if m:
                return m.group(1)
        return "决算"


_DIGIT = lazy_pattern(r"[0-9０-９]")


def _prose_like(text: str) -> bool:
    s = text.strip()
    return len(s) >= 12 and any(ch in s for ch in "，,。；;：:")
