"""Edited copies of the real documents, for tests of what govaudit does with a document
nobody here has: the real file read by its reader, then changed the way another issuer's
document differs (a variant character, a truncating conversion, a page printed twice).

* `edit(doc, {old: new})`: every occurrence in the Document's paragraphs and cells replaced,
  the location anchors after it shifted, so findings still point at the real page and line;
* `edited_findings(path, changes, rules, prefix)`: a real document of the fixtures, edited, checked
  by the rules whose id starts with `prefix`: (rule, line, expected, actual) of each finding;
* `repeat_page(data, n)`: the PDF's bytes with page n printed once more right after it (an
  incremental update, as a PDF editor saves it: the original bytes stay as they are).
"""

from __future__ import annotations

import copy
import io
import re

from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import PDFObjRef, resolve1
from pdfminer.psparser import PSLiteral

from govaudit.check import check_document
from govaudit.model import Document, Paragraph, Table, Text
from tests.seeds import every_finding, read


def _edit_text(t: Text, old: str, new: str) -> int:
    n = 0
    start = 0
    while (i := t.text.find(old, start)) >= 0:
        delta = len(new) - len(old)
        t.text = t.text[:i] + new + t.text[i + len(old) :]
        t.anchors = tuple((o if o <= i else o + delta, loc) for o, loc in t.anchors)
        start = i + len(new)
        n += 1
    return n


def edit(doc: Document, changes: dict[str, str]) -> dict[str, int]:
    """Replace each `old` by its `new` everywhere; how many times each was replaced."""
    counts: dict[str, int] = {}
    for old, new in changes.items():
        n = 0
        for block in doc.blocks:
            if isinstance(block, Paragraph):
                n += _edit_text(block.text, old, new)
            elif isinstance(block, Table):
                n += sum(_edit_text(c.text, old, new) for row in block.rows for c in row)
        counts[old] = n
    return counts


# --------------------------------------------------------------------------- PDF


def edited_findings(
    path: object, changes: dict[str, str], rules: list, prefix: str
) -> list[tuple[str, int | None, object, object]]:
    """Check an edited copy of a real document (every change must apply)."""
    doc = copy.deepcopy(read(path))  # type: ignore[arg-type]
    applied = edit(doc, changes)
    assert all(applied.values()), applied
    report = check_document(doc, [r for r in rules if r.id.startswith(prefix)])
    # every failed relation, those folded under another finding of their defect too
    return [(f.rule, f.loc.line, f.expected, f.actual) for f in every_finding(report)]


def _pdf(v: object) -> str:
    """A pdfminer object written back as PDF syntax."""
    if isinstance(v, PDFObjRef):
        return f"{v.objid} 0 R"
    if isinstance(v, PSLiteral):
        return "/" + (v.name.decode() if isinstance(v.name, bytes) else str(v.name))
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int | float):
        return repr(v)
    if isinstance(v, bytes):
        return "<" + v.hex() + ">"
    if isinstance(v, list):
        return "[" + " ".join(_pdf(x) for x in v) + "]"
    if isinstance(v, dict):
        return "<<" + " ".join(f"/{k} {_pdf(x)}" for k, x in v.items()) + ">>"
    if v is None:
        return "null"
    raise TypeError(f"cannot write {v!r}")


def repeat_page(data: bytes, page: int) -> bytes:
    """The PDF with page `page` (1-based) printed a second time right after itself: a new
    page object with the page's own dictionary (its content and resources), listed after it
    in a new page tree, with the new objects' cross-reference section and trailer."""
    doc = PDFDocument(PDFParser(io.BytesIO(data)))
    trailer = doc.xrefs[0].get_trailer()
    pages_ref = doc.catalog["Pages"]
    pages = resolve1(pages_ref)
    kids = list(resolve1(pages["Kids"]))
    copy_id = max(i for x in doc.xrefs for i in x.get_objids()) + 1
    kids.insert(page, PDFObjRef(None, copy_id))
    new_pages = {**pages, "Kids": kids, "Count": len(kids)}
    prev = int(re.findall(rb"startxref\s+(\d+)", data)[-1])
    out = bytearray(data if data.endswith(b"\n") else data + b"\n")
    offsets = {copy_id: len(out)}
    out += f"{copy_id} 0 obj\n{_pdf(dict(resolve1(kids[page - 1])))}\nendobj\n".encode()
    offsets[pages_ref.objid] = len(out)
    out += f"{pages_ref.objid} 0 obj\n{_pdf(new_pages)}\nendobj\n".encode()
    xref = len(out)
    out += b"xref\n0 1\n0000000000 65535 f\r\n"
    for objid in sorted(offsets):
        out += f"{objid} 1\n{offsets[objid]:010d} 00000 n\r\n".encode()
    keep = {k: v for k, v in trailer.items() if k in ("Root", "Info", "ID")}
    new_trailer = {**keep, "Size": copy_id + 1, "Prev": prev}
    out += f"trailer\n{_pdf(new_trailer)}\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)
