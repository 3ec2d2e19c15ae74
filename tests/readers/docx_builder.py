"""Build real .docx files (OOXML written with zipfile) for tests and benchmarks.

Two levels:

* small XML helpers (`p`, `r`, `tbl`, `tr`, `tc`, `package`) to write exactly the
  WordprocessingML a test needs: merged cells, content controls, tracked changes, fields;
* `docx_from_text(path)`: a seed .txt turned into a Word document the way Word would hold
  it. Lines become paragraphs (headings get 标题 1–3 styles), the TAB-layout tables become
  real w:tbl tables on one grid: a short row spans the columns it lacks with w:gridSpan
  (a 合计 row's label spans the label columns; in a merged block the second cell spans;
  elsewhere the last cell), and the empty cells under a block header (预算执行情况,
  绩效指标, 项目基本情况 …, and the 一级/二级指标 columns inside those blocks) are
  w:vMerge continuations. Text is split into several runs, with proofing marks and
  bookmarks between them, as Word writes it. Nothing is converted by hand.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W_STRICT_NS = "http://purl.oclc.org/ooxml/wordprocessingml/main"
NS_DECL = (
    'xmlns:w="{w}" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
)

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>
</Types>"""

ROOT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>"""

DOC_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
</Relationships>"""

# Chinese Word names its heading styles "heading N" with the numeric style ids "1", "2"…
STYLES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles {ns}>
<w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:basedOn w:val="a"/></w:style>
<w:style w:type="paragraph" w:styleId="2"><w:name w:val="heading 2"/><w:basedOn w:val="a"/></w:style>
<w:style w:type="paragraph" w:styleId="3"><w:name w:val="heading 3"/><w:basedOn w:val="a"/></w:style>
<w:style w:type="paragraph" w:styleId="BodyLvl"><w:name w:val="My Section"/><w:basedOn w:val="2"/></w:style>
<w:style w:type="paragraph" w:styleId="Plain"><w:name w:val="Plain Text"/><w:basedOn w:val="a"/></w:style>
</w:styles>"""


# --------------------------------------------------------------------------- XML helpers


def r(text: str, *, rpr: str = "") -> str:
    """A run of text (tabs and line breaks become w:tab / w:br)."""
    out = []
    for k, line in enumerate(text.split("\n")):
        if k:
            out.append("<w:br/>")
        for j, piece in enumerate(line.split("\t")):
            if j:
                out.append("<w:tab/>")
            if piece:
                out.append(f'<w:t xml:space="preserve">{escape(piece)}</w:t>')
    return f"<w:r>{f'<w:rPr>{rpr}</w:rPr>' if rpr else ''}{''.join(out)}</w:r>"


def p(*content: str, style: str | None = None, num: tuple[int, int] | None = None) -> str:
    """A paragraph; plain strings are wrapped in runs, XML (starting with "<") is kept.
    `num` = (numId, ilvl) puts it in a Word list."""
    props = f'<w:pStyle w:val="{style}"/>' if style else ""
    if num is not None:
        props += f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>'
    ppr = f"<w:pPr>{props}</w:pPr>" if props else ""
    inner = "".join(c if c.startswith("<") else r(c) for c in content)
    return f"<w:p>{ppr}{inner}</w:p>"


def tc(*content: str, span: int = 1, vmerge: str | None = None) -> str:
    """A cell; strings are paragraphs (plain text or XML of p/tbl/sdt)."""
    props = []
    if span > 1:
        props.append(f'<w:gridSpan w:val="{span}"/>')
    if vmerge == "restart":
        props.append('<w:vMerge w:val="restart"/>')
    elif vmerge == "continue":
        props.append("<w:vMerge/>")
    tcpr = f"<w:tcPr>{''.join(props)}</w:tcPr>" if props else ""
    paras = "".join(c if c.startswith("<") else p(c) for c in content) or "<w:p/>"
    return f"<w:tc>{tcpr}{paras}</w:tc>"


def tr(*cells: str, trpr: str = "") -> str:
    return f"<w:tr>{f'<w:trPr>{trpr}</w:trPr>' if trpr else ''}{''.join(cells)}</w:tr>"


def tbl(*rows: str, grid: int) -> str:
    cols = "".join('<w:gridCol w:w="800"/>' for _ in range(grid))
    return f"<w:tbl><w:tblPr/><w:tblGrid>{cols}</w:tblGrid>{''.join(rows)}</w:tbl>"


def document_xml(body: str, ns: str = W_NS) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f"<w:document {NS_DECL.format(w=ns)}><w:body>{body}<w:sectPr/></w:body></w:document>"
    )


def numbering_xml(inner: str, ns: str = W_NS) -> str:
    """word/numbering.xml around abstractNum / num elements."""
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f"<w:numbering {NS_DECL.format(w=ns)}>{inner}</w:numbering>"
    )


def package(
    body: str,
    *,
    ns: str = W_NS,
    document: str | bytes | None = None,
    numbering: str | None = None,
    styles: str | None = None,
) -> bytes:
    """A complete .docx with `body` (or a raw document.xml), the heading styles (or
    `styles`, a whole styles.xml) and optionally a numbering part."""
    doc = document if document is not None else document_xml(body, ns)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", ROOT_RELS)
        z.writestr("word/_rels/document.xml.rels", DOC_RELS)
        z.writestr("word/styles.xml", styles or STYLES.format(ns=NS_DECL.format(w=ns)))
        if numbering is not None:
            z.writestr("word/numbering.xml", numbering)
        z.writestr("word/document.xml", doc)
    return buf.getvalue()


# --------------------------------------------------------------------------- seed → docx

BLOCK_HEADS = ("预算执行情况", "绩效指标", "项目基本情况", "年度目标完成情况", "年度总体目标")
TOTAL_LABELS = ("合计", "总计")


def _compact(s: str) -> str:
    return "".join(s.split())


def _runs(text: str, every: int = 5) -> str:
    """Split text into runs the way Word does (at arbitrary points, numbers included),
    with proofing marks and bookmarks between some of them."""
    out = []
    for k in range(0, len(text), every):
        if k and k % (every * 4) == 0:
            out.append('<w:proofErr w:type="gramStart"/>')
        if k and k % (every * 7) == 0:
            out.append(f'<w:bookmarkStart w:id="{k}" w:name="_Toc{k}"/><w:bookmarkEnd w:id="{k}"/>')
        out.append(r(text[k : k + every]))
    return "".join(out)


def _spans(row: list[str], width: int, in_block: bool) -> list[int]:
    spans = [1] * len(row)
    extra = width - len(row)
    if extra <= 0:
        return spans
    if _compact(row[0]) in TOTAL_LABELS:
        spans[0] += extra
    elif len(row) >= 3 and (in_block or _compact(row[0]).startswith(BLOCK_HEADS)):
        spans[1] += extra
    else:
        spans[-1] += extra
    return spans


def _table_xml(rows: list[list[str]]) -> str:
    width = max(len(row) for row in rows)
    layout: list[list[tuple[int, int, str]]] = []  # (start, span, text) per cell
    cont: list[list[bool]] = []
    in_block = False
    prev: dict[tuple[int, int], tuple[str, bool]] = {}
    for row in rows:
        first = _compact(row[0])
        spans = _spans(row, width, in_block and first == "")
        cells, flags, start = [], [], 0
        for text, span in zip(row, spans, strict=True):
            cells.append((start, span, text))
            start += span
        for start, span, text in cells:
            above = prev.get((start, span))
            ok = (
                text.strip() == ""
                and above is not None
                and (above[0].strip() != "" or above[1])
                and start <= 2
                and ((start == 0 and in_block) or (start > 0 and flags and flags[0]))
            )
            flags.append(bool(ok))
        if first.startswith(BLOCK_HEADS):
            in_block = True
        elif first != "":
            in_block = False
        layout.append(cells)
        cont.append(flags)
        prev = {(s, n): (t, f) for (s, n, t), f in zip(cells, flags, strict=True)}
    # a cell starts a vertical merge when the cell below it continues it
    out = []
    for i, cells in enumerate(layout):
        below = (
            {(s, n) for (s, n, _), f in zip(layout[i + 1], cont[i + 1], strict=True) if f}
            if i + 1 < len(layout)
            else set()
        )
        xml_cells = []
        for (start, span, text), f in zip(cells, cont[i], strict=True):
            vm = "continue" if f else ("restart" if (start, span) in below else None)
            paras = [p(_runs(line)) if line else "<w:p/>" for line in text.split("\n")]
            xml_cells.append(tc(*paras, span=span, vmerge=vm))
        out.append(tr(*xml_cells))
    return tbl(*out, grid=width)


def docx_from_text(path: str | Path) -> bytes:
    """The seed text as a Word document (see the module docstring)."""
    from govaudit.extract.base.context import heading_level
    from govaudit.model import Paragraph
    from govaudit.readers.text import read_text

    doc = read_text(str(path), Path(path).read_bytes())
    body = []
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            text = block.text.text
            level = heading_level(text)
            style = {0: "1", 1: "2", 2: "3"}.get(level) if level is not None else None
            body.append(p(_runs(text), style=style))
        else:
            body.append(_table_xml([[c.text.text for c in row] for row in block.rows]))
            body.append("<w:p/>")
    return package("".join(body))
