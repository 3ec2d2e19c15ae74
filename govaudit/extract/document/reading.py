"""Pages from which nothing was read, and why: said once, so that "no finding" is never taken
for "checked".

Two reasons are told apart, each from what the file itself shows:

* a page without a text layer that holds an image (the reader lists it in
  `Document.meta["pages_without_text"]`): it is a scan, and its figures are not read at all;
* a page that prints amounts ("18,330.37", at least `MIN_AMOUNTS` numbers with two decimals
  or a thousands separator) of which not one became a figure (no money or percentage in the
  ledger, nothing an extractor keyed): its text is there, but its layout — a table without
  rules, columns that do not align — was not understood.

A document without pages (a text or Word file) is one page here. A file that has no text at
all never gets this far: the PDF reader says it is a scan and the file is not checked.
"""

from __future__ import annotations

import re
from collections import Counter

from govaudit.extract.base.context import ExtractContext
from govaudit.extract.base.quantities import parse_cell_number
from govaudit.model import Fact, Location

KINDS: dict[str, dict[str, str]] = {}
KINDS["unread_pages"] = {
    "reason": "未读取的原因：图片（扫描件）/ 版式未能识别",
    "pages": "这些页（列表；文本文件为空列表）",
    "page_text": "供消息显示的页码，如「第1、4页」（文本文件为「全文」）",
    "amounts": "这些页上印出的金额个数（扫描页为 none）",
    "figures": "从这些页读出的金额和百分比个数",
    "whole": "是否整个文件都没有读出数字",
    "whole_text": "供消息显示：整个文件没有读出数字时为「；整个文件没有读出任何金额」，否则为空",
    "why": "供消息显示：这些页为什么没有读出数字（图片：没有文字层；版式：印有多少金额、版式未能识别）",
    "why_en": "the same, in English",
    "advice": "供消息显示：怎么办（扫描件：请提供可复制文字的文件；否则为空）",
}

MIN_AMOUNTS = 3
# "18,330.37", "9312.90": a thousands separator or two decimals; not "5.2024年" (a list
# number before a year), not a rate
_AMOUNT = re.compile(r"(?<![\d.])(?:\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?|\d+\.\d{2})(?![\d.年月日%])")


def extract(ctx: ExtractContext) -> list[Fact]:
    # a figure read: a money or percentage figure, or one an extractor said what it is (a
    # 自评表's 指标值 "554.75" under 万元 in another column)
    read = Counter(
        e.loc.page for e in ctx.ledger.entries.values() if e.countable or e.key is not None
    )
    total_read = sum(1 for e in ctx.ledger.entries.values() if e.countable)
    facts: list[Fact] = []
    scanned = [int(n) for n in ctx.doc.meta.get("pages_without_text") or []]
    if scanned:
        facts.append(_fact("图片", scanned, None, 0, total_read == 0))
    printed = _amounts_by_page(ctx)
    unread = sorted(
        page for page, n in printed.items() if n >= MIN_AMOUNTS and read.get(page, 0) == 0
    )
    if unread:
        amounts = sum(printed[p] for p in unread)
        pages = [p for p in unread if p is not None]
        facts.append(_fact("版式", pages, amounts, 0, total_read == 0))
    return facts


def _amounts_by_page(ctx: ExtractContext) -> Counter[int | None]:
    """Numbers printed like amounts, by page: in the prose and in table cells."""
    out: Counter[int | None] = Counter()
    for p in ctx.prose:
        for m in _AMOUNT.finditer(p.norm):
            out[p.text.loc_at(m.start()).page] += 1
    for view in ctx.tables:
        for row in view.table.rows:
            for cell in row:
                if cell.merged or not _AMOUNT.search(cell.text.text):
                    continue
                if parse_cell_number(cell.text, view.index) is not None:
                    out[cell.text.loc.page] += 1
    return out


_WORDS = {
    "图片": lambda _: {
        "why": "没有文字层，是图片（可能是扫描件）：其中的数字没有读取，也没有核对",
        "why_en": "are images (no text layer, probably scanned): their figures were neither read nor checked",
        "advice": "。请提供可复制文字的 PDF，或原始 Excel/Word 文件",
    },
    "版式": lambda n: {
        "why": f"印有 {n} 个金额，但一个也没有读出：文字可以复制，表格的版式（没有表格线、"
        "各栏没有对齐等）未能识别，其中的数字没有核对",
        "why_en": f"print {n} amounts, none of which could be read: the text is there but the "
        "table layout was not understood, so these figures were not checked",
        "advice": "",
    },
}


def _fact(reason: str, pages: list[int], amounts: int | None, figures: int, whole: bool) -> Fact:
    shown = "全文" if not pages else "第" + "、".join(str(p) for p in pages) + "页"
    loc = Location(page=pages[0], line=1) if pages else Location(line=1)
    fields = {
        "reason": reason,
        "pages": pages,
        "page_text": shown,
        "amounts": amounts,
        "figures": figures,
        "whole": whole,
        "whole_text": "；整个文件没有读出任何金额" if whole else "",
        **_WORDS[reason](amounts),
    }
    return Fact("unread_pages", loc, 0, fields, excerpt=shown)
