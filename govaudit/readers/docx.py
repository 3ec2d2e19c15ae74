"""Word .docx documents, read from word/document.xml with the standard library.

zipfile + ElementTree are several times faster than python-docx (bench/bench_docx.py:
~6 ms for seed 003, 16–25 ms for seed 000, python-docx 5–12× slower) and see text
python-docx drops (content controls, tracked insertions, field results). What is read:

* Blocks in body order: paragraphs and tables, also inside content controls (w:sdt) and
  custom XML wrappers. A nested table (a table inside a cell) becomes its own `Table`
  block right after the table that holds it, and its text is not repeated in the host
  cell, so no amount is counted twice.
* Text: w:t of runs, hyperlinks, smart tags, tracked insertions (w:ins, w:moveTo) and field
  results (between fldChar separate and end, and w:fldSimple); never tracked deletions
  (w:del, w:moveFrom, w:delText), field codes (w:instrText), hidden text (w:vanish) or
  drawings and text boxes. w:tab is a space; w:br / w:cr is a line break. A body
  paragraph with line breaks becomes one `Paragraph` per line, as the text reader sees
  lines; a cell's paragraphs and lines are joined with "\\n".
* Tables are grids: every row has one `Cell` per grid column. A cell spanning n columns
  (gridSpan) is `Cell(text, span=n)` followed by n-1 empty `merged=True` cells, so
  `row[c]` is always grid column c+1 and a header's column index fits the rows below. A
  vertical-merge continuation (vMerge) is an empty `merged=True` cell, never a copy; text
  Word keeps in a continuation cell is appended to the cell that starts the merge. Rows
  shifted by w:gridBefore start with `merged=True` fillers; deleted rows (tracked) are
  skipped.
* Locations: `Location(paragraph=n)` for the n-th body paragraph that has text (empty
  paragraphs are invisible to a reader and not counted); `Location(table=t, row=r, col=c)`
  for cells, t counting top-level tables in order, r the row, c the grid column (1-based).
  Cells of a nested table are located at the host cell (table t, row r, col c): Word
  gives a nested table no number of its own.
* Word's automatic list numbers ("一、", "（二）", "3.") are put in front of the paragraph
  text as Word draws them (docx_numbering.py), so headings read as printed.
* Headings: paragraphs whose style (or direct formatting) has an outline level (标题 1,
  Heading 1, …) get `kind="heading"`; `Document.meta["headings"]` lists them with their
  level. Paragraph text is kept as printed, so ExtractContext finds the section path
  ("一、…", "（二）…") exactly as for text files.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from typing import Any
from xml.etree.ElementTree import Element

from govaudit.errors import InputError
from govaudit.model import Block, Cell, Document, Location, Paragraph, Table, Text
from govaudit.readers.docx_numbering import Numbering
from govaudit.readers.ooxml import main_part, open_package, parse_xml, read_part

W_MAIN = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W_STRICT = "http://purl.oclc.org/ooxml/wordprocessingml/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"

MAX_COLUMNS = 63
_HEADING_NAME = re.compile(r"^(?:heading|标题)\s*([1-9])$", re.IGNORECASE)
_FALSE = {"0", "false", "off"}


class _Tags:
    """Qualified tag and attribute names for one WordprocessingML namespace."""

    def __init__(self, ns: str) -> None:
        q = "{" + ns + "}"
        for local in (
            "body p r t tbl tr tc tcPr trPr tblGrid gridCol gridSpan vMerge hMerge gridBefore "
            "sdt sdtContent customXml smartTag hyperlink fldSimple ins moveTo moveFrom "
            "fldChar instrText delText tab ptab br cr noBreakHyphen softHyphen sym pPr pStyle "
            "outlineLvl rPr vanish dir bdo style name basedOn numPr numId ilvl"
        ).split():
            setattr(self, local, q + local)
        self.val = q + "val"
        self.type = q + "type"
        self.fldCharType = q + "fldCharType"
        self.styleId = q + "styleId"
        self.del_ = q + "del"  # "del" is a keyword
        self.alt = "{" + MC + "}AlternateContent"


@dataclass
class _Reader:
    name: str
    w: _Tags
    heading_styles: dict[str, int]
    numbering: Numbering = field(default_factory=Numbering)
    style_numbers: dict[str, tuple[str, int | None]] = field(default_factory=dict)
    blocks: list[Block] = field(default_factory=list)
    headings: list[dict[str, Any]] = field(default_factory=list)
    paragraphs: int = 0
    tables: int = 0
    # field state: one entry per open field, True while in its code (before "separate")
    fields: list[bool] = field(default_factory=list)
    in_code: int = 0

    # ------------------------------------------------------------------ blocks

    def body(self, container: Element) -> None:
        w = self.w
        for el in container:
            tag = el.tag
            if tag == w.p:
                self.body_paragraph(el)
            elif tag == w.tbl:
                self.tables += 1
                pending: list[Table] = []
                self.blocks.append(self.table(el, self.tables, None, pending))
                self.blocks.extend(pending)
            elif tag == w.sdt:
                content = el.find(w.sdtContent)
                if content is not None:
                    self.body(content)
            elif tag in (w.customXml, w.ins, w.moveTo):
                self.body(el)
            elif tag == w.alt:
                branch = _branch(el)
                if branch is not None:
                    self.body(branch)

    def body_paragraph(self, p: Element) -> None:
        text = self.paragraph_text(p)
        lines = [s.strip() for s in text.split("\n")]
        if not any(lines):
            return
        self.paragraphs += 1
        loc = Location(paragraph=self.paragraphs)
        level = self.heading_level(p)
        first = True
        for line in lines:
            if not line:
                continue
            kind = "paragraph"
            if level is not None and first:
                kind = "heading"
                self.headings.append(
                    {
                        "block": len(self.blocks),
                        "level": level,
                        "text": line,
                        "paragraph": self.paragraphs,
                    }
                )
            self.blocks.append(Paragraph(Text(line, ((0, loc),)), kind))
            first = False

    def heading_level(self, p: Element) -> int | None:
        w = self.w
        ppr = p.find(w.pPr)
        if ppr is None:
            return None
        ol = ppr.find(w.outlineLvl)
        if ol is not None:
            return _outline(ol.get(w.val))
        style = ppr.find(w.pStyle)
        if style is not None:
            sid = style.get(w.val, "")
            if sid in self.heading_styles:
                return self.heading_styles[sid]
            m = _HEADING_NAME.match(sid)  # "Heading1" without a styles part
            return int(m.group(1)) if m else None
        return None

    # ------------------------------------------------------------------ tables

    def table(
        self, tbl: Element, number: int, host: Location | None, pending: list[Table]
    ) -> Table:
        """One table as a grid. `host` is the cell a nested table sits in; its nested
        tables go to `pending` (emitted after the outer table)."""
        w = self.w
        rows: list[list[Cell]] = []
        starts: dict[int, Cell] = {}  # grid column → the cell a vertical merge started in
        r = 0
        for tr in _children(tbl, w.tr, w):
            trpr = tr.find(w.trPr)
            before = 0
            if trpr is not None:
                if trpr.find(w.del_) is not None:
                    continue  # a row deleted with tracked changes
                gb = trpr.find(w.gridBefore)
                if gb is not None:
                    before = _int(gb.get(w.val), 0, 63)
            r += 1
            row: list[Cell] = []
            for c in range(before):
                row.append(_empty(host or Location(table=number, row=r, col=c + 1), True))
            for tc in _children(tr, w.tc, w):
                col = len(row)
                loc = host or Location(table=number, row=r, col=col + 1)
                span, vmerge, hmerge = _cell_props(tc, w)
                text = self.cell_text(tc, loc, pending)
                if hmerge == "continue":
                    row.append(_empty(loc, True))
                    continue
                if vmerge == "continue":
                    cell = _empty(loc, True)
                    cell.span = span
                    start = starts.get(col)
                    if text and start is not None:
                        joined = f"{start.text.text}\n{text}" if start.text.text else text
                        anchors = (*start.text.anchors, (len(joined) - len(text), loc))
                        start.text = Text(joined, anchors)
                    elif text:  # a continuation with nothing to continue: keep its text
                        cell = Cell(Text(text, ((0, loc),)), span=span)
                else:
                    cell = Cell(Text(text, ((0, loc),)), span=span)
                    if vmerge == "restart":
                        starts[col] = cell
                    else:
                        starts.pop(col, None)
                row.append(cell)
                # Word tables have at most 63 columns: a hostile span pads no further
                for k in range(1, min(span, MAX_COLUMNS - col)):
                    row.append(_empty(host or Location(table=number, row=r, col=col + k + 1), True))
            rows.append(row)
        return Table(rows=rows, loc=host or Location(table=number))

    def cell_text(self, tc: Element, loc: Location, pending: list[Table]) -> str:
        lines: list[str] = []
        self._cell_content(tc, loc, pending, lines)
        while lines and not lines[-1]:
            lines.pop()
        return "\n".join(lines)

    def _cell_content(
        self, container: Element, loc: Location, pending: list[Table], lines: list[str]
    ) -> None:
        w = self.w
        for el in container:
            tag = el.tag
            if tag == w.p:
                lines.extend(s.strip() for s in self.paragraph_text(el).split("\n"))
            elif tag == w.tbl:
                inner: list[Table] = []
                pending.append(self.table(el, loc.table or 0, loc, inner))
                pending.extend(inner)
            elif tag == w.sdt:
                content = el.find(w.sdtContent)
                if content is not None:
                    self._cell_content(content, loc, pending, lines)
            elif tag in (w.customXml, w.ins, w.moveTo):
                self._cell_content(el, loc, pending, lines)
            elif tag == w.alt:
                branch = _branch(el)
                if branch is not None:
                    self._cell_content(branch, loc, pending, lines)

    # ------------------------------------------------------------------ text

    def paragraph_text(self, p: Element) -> str:
        parts: list[str] = []
        self._inline(p, parts)
        text = "".join(parts)
        if self.numbering.nums:
            label = self.list_label(p)
            if label and text.strip():
                return label + text.lstrip()
        return text

    def list_label(self, p: Element) -> str:
        """The number Word draws in front of a list paragraph (advancing its list)."""
        w = self.w
        ppr = p.find(w.pPr)
        if ppr is None:
            return ""
        num_id, ilvl = "", None
        npr = ppr.find(w.numPr)
        style = ppr.find(w.pStyle)
        style_id = style.get(w.val, "") if style is not None else ""
        if npr is not None:
            ne, le = npr.find(w.numId), npr.find(w.ilvl)
            num_id = ne.get(w.val, "") if ne is not None else ""
            ilvl = _int(le.get(w.val), 0, 8) if le is not None else None
            if not num_id and style_id in self.style_numbers:
                num_id = self.style_numbers[style_id][0]
        elif style_id in self.style_numbers:
            num_id, ilvl = self.style_numbers[style_id]
        if not num_id or num_id == "0":
            return ""
        if ilvl is None:
            ilvl = self.numbering.level_for_style(num_id, style_id) if style_id else 0
        return self.numbering.label(num_id, ilvl)

    def _inline(self, container: Element, parts: list[str]) -> None:
        w = self.w
        for el in container:
            tag = el.tag
            if tag == w.r:
                self._run(el, parts)
            elif tag in (w.hyperlink, w.ins, w.moveTo, w.smartTag, w.customXml, w.fldSimple):
                self._inline(el, parts)
            elif tag == w.sdt:
                content = el.find(w.sdtContent)
                if content is not None:
                    self._inline(content, parts)
            elif tag in (w.dir, w.bdo):
                self._inline(el, parts)
            elif tag == w.alt:
                branch = _branch(el)
                if branch is not None:
                    self._inline(branch, parts)
            # w:del, w:moveFrom, w:pPr, bookmarks, comments, proofErr, math: no text

    def _run(self, run: Element, parts: list[str]) -> None:
        w = self.w
        hidden = False
        for el in run:
            tag = el.tag
            if tag == w.t:
                if not hidden and not self.in_code and el.text:
                    parts.append(el.text)
            elif tag == w.rPr:
                v = el.find(w.vanish)
                hidden = v is not None and v.get(w.val, "true").lower() not in _FALSE
            elif tag == w.fldChar:
                kind = el.get(w.fldCharType)
                if kind == "begin":
                    self.fields.append(True)
                    self.in_code += 1
                elif kind == "separate":
                    if self.fields and self.fields[-1]:
                        self.fields[-1] = False
                        self.in_code -= 1
                elif kind == "end" and self.fields:
                    if self.fields.pop():
                        self.in_code -= 1
            elif self.in_code or hidden:
                continue
            elif tag in (w.tab, w.ptab):
                parts.append(" ")
            elif tag == w.br:
                if el.get(w.type) in (None, "textWrapping"):
                    parts.append("\n")
            elif tag == w.cr:
                parts.append("\n")
            elif tag == w.noBreakHyphen:
                parts.append("-")
            elif tag == w.alt:
                continue  # drawings and text boxes
            # w:instrText, w:delText, w:sym, w:drawing, w:softHyphen: nothing to add


# ---------------------------------------------------------------------- helpers


def _children(el: Element, tag: str, w: _Tags):
    """Direct children with `tag`, looking through content controls and custom XML
    wrappers (a content control can hold whole rows or cells)."""
    for child in el:
        t = child.tag
        if t == tag:
            yield child
        elif t == w.sdt:
            content = child.find(w.sdtContent)
            if content is not None:
                yield from _children(content, tag, w)
        elif t in (w.customXml, w.ins, w.moveTo):
            yield from _children(child, tag, w)


def _cell_props(tc: Element, w: _Tags) -> tuple[int, str | None, str | None]:
    pr = tc.find(w.tcPr)
    if pr is None:
        return 1, None, None
    span = 1
    gs = pr.find(w.gridSpan)
    if gs is not None:
        span = _int(gs.get(w.val), 1, 63)
    vmerge = None
    vm = pr.find(w.vMerge)
    if vm is not None:
        vmerge = "restart" if vm.get(w.val) == "restart" else "continue"
    hmerge = None
    hm = pr.find(w.hMerge)
    if hm is not None:
        hmerge = "restart" if hm.get(w.val) == "restart" else "continue"
    return max(span, 1), vmerge, hmerge


def _int(raw: str | None, default: int, limit: int) -> int:
    try:
        return min(max(int(raw or default), 0), limit)
    except ValueError:
        return default


def _empty(loc: Location, merged: bool) -> Cell:
    return Cell(Text("", ((0, loc),)), merged=merged)


def _branch(alt: Element) -> Element | None:
    """mc:AlternateContent holds the same content twice; read only the fallback (plain
    WordprocessingML) so nothing is counted twice."""
    fallback = alt.find("{" + MC + "}Fallback")
    if fallback is not None:
        return fallback
    return alt.find("{" + MC + "}Choice")


def _outline(raw: str | None) -> int | None:
    """w:outlineLvl is 0-based; 9 means body text."""
    try:
        v = int(raw or "")
    except ValueError:
        return None
    return v + 1 if 0 <= v <= 8 else None


def _heading_styles(root: Element | None, w: _Tags) -> dict[str, int]:
    """styleId → heading level, from names ("heading 1", "标题 1") or outline levels,
    following basedOn."""
    if root is None:
        return {}
    own: dict[str, int | None] = {}
    based: dict[str, str] = {}
    for st in root.iter(w.style):
        if st.get(w.type) != "paragraph":
            continue
        sid = st.get(w.styleId, "")
        level: int | None = None
        ppr = st.find(w.pPr)
        ol = ppr.find(w.outlineLvl) if ppr is not None else None
        if ol is not None:
            level = _outline(ol.get(w.val))
        else:
            nm = st.find(w.name)
            m = _HEADING_NAME.match((nm.get(w.val, "") if nm is not None else "").strip())
            if m:
                level = int(m.group(1))
            else:
                own[sid] = None
                b = st.find(w.basedOn)
                if b is not None:
                    based[sid] = b.get(w.val, "")
                continue
        own[sid] = level
    out: dict[str, int] = {}
    for sid in own:
        cur, seen = sid, 0
        while cur in own and own[cur] is None and cur in based and seen < 10:
            cur = based[cur]
            seen += 1
        level = own.get(cur)
        if level is not None:
            out[sid] = level
    return out


def _style_numbers(root: Element | None, w: _Tags) -> dict[str, tuple[str, int | None]]:
    """styleId → (numId, ilvl or None) for styles linked to a list (following basedOn)."""
    if root is None:
        return {}
    own: dict[str, tuple[str, int | None]] = {}
    based: dict[str, str] = {}
    for st in root.iter(w.style):
        if st.get(w.type) != "paragraph":
            continue
        sid = st.get(w.styleId, "")
        b = st.find(w.basedOn)
        if b is not None:
            based[sid] = b.get(w.val, "")
        ppr = st.find(w.pPr)
        npr = ppr.find(w.numPr) if ppr is not None else None
        if npr is not None:
            ne, le = npr.find(w.numId), npr.find(w.ilvl)
            if ne is not None:
                own[sid] = (
                    ne.get(w.val, ""),
                    _int(le.get(w.val), 0, 8) if le is not None else None,
                )
    out: dict[str, tuple[str, int | None]] = {}
    for sid in set(own) | set(based):
        cur, seen = sid, 0
        while cur not in own and cur in based and seen < 10:
            cur = based[cur]
            seen += 1
        if cur in own:
            out[sid] = own[cur]
    return out


def _part_root(zf, doc_part: str, file: str, name: str) -> Element | None:
    """A secondary part (styles, numbering) next to the document; a damaged one only costs
    us what it would have added."""
    member = posixpath.join(posixpath.dirname(doc_part), file)
    if member not in zf.namelist():
        return None
    try:
        return parse_xml(read_part(zf, member, name, "docx"), member, name, "docx")
    except InputError:
        return None


def read_docx(path: str, data: bytes) -> Document:
    """Read a .docx into paragraphs and tables in document order, or raise InputError."""
    name = path.replace("\\", "/").rsplit("/", 1)[-1]
    zf = open_package(data, name, "docx")
    with zf:
        names = set(zf.namelist())
        part = main_part(zf, "word/document.xml", name, "docx")
        if part not in names or part.startswith("xl/"):
            raise _not_word(name, names)
        root = parse_xml(read_part(zf, part, name, "docx"), part, name, "docx")
        ns = root.tag[1:].split("}", 1)[0] if root.tag.startswith("{") else ""
        if ns not in (W_MAIN, W_STRICT):
            raise InputError(
                f"{name} 不是 Word 文档（{part} 的内容不是 WordprocessingML）："
                "请用 Word/WPS 另存为 .docx 再检查。",
                f"{name} is not a Word document ({part} is not WordprocessingML): "
                "save it as .docx with Word/WPS and check again.",
            )
        w = _Tags(ns)
        styles_root = _part_root(zf, part, "styles.xml", name)
        numbering = Numbering.parse(_part_root(zf, part, "numbering.xml", name), ns)
    body = root.find(w.body)
    reader = _Reader(name, w, _heading_styles(styles_root, w), numbering)
    reader.style_numbers = _style_numbers(styles_root, w)
    if body is not None:
        try:
            reader.body(body)
        except RecursionError as exc:
            raise InputError(
                f"{name} 的表格或内容控件嵌套过深，无法读取。",
                f"{name} nests tables or content controls too deeply to read.",
            ) from exc
    if not any(_has_text(b) for b in reader.blocks):
        raise InputError(
            f"文件没有可读的文字：{name} 中没有段落或表格文字（可能只有图片或扫描件）。",
            f"no readable text: {name} has no paragraph or table text (images or scans only?).",
        )
    meta: dict[str, Any] = {"headings": reader.headings, "paragraphs": reader.paragraphs}
    meta["tables"] = reader.tables
    return Document(path=path, format="docx", blocks=reader.blocks, meta=meta)


def _has_text(b: Block) -> bool:
    if isinstance(b, Paragraph):
        return bool(b.text.text.strip())
    return any(c.text.text.strip() for row in b.rows for c in row)


def _not_word(name: str, names: set[str]) -> InputError:
    if "mimetype" in names or "content.xml" in names:
        what, what_en = "OpenDocument（.odt/.ods，WPS/LibreOffice 格式）", "an OpenDocument file"
    elif any(n.startswith("xl/") for n in names):
        what, what_en = "Excel 工作簿", "an Excel workbook"
    elif any(n.startswith("ppt/") for n in names):
        what, what_en = "PowerPoint 演示文稿", "a PowerPoint presentation"
    else:
        what, what_en = "普通 zip 压缩包", "a plain zip archive"
    return InputError(
        f"{name} 不是 Word 文档（缺少 word/document.xml，像是{what}）："
        "请用 Word/WPS 打开后另存为 .docx 再检查；压缩包请先解压。",
        f"{name} is not a Word document (no word/document.xml; it looks like {what_en}): "
        "save it as .docx with Word/WPS, or unzip it first.",
    )
