"""--annotate: each finding of the report as a comment in a copy of the officer's own file,
on the figure it names — Word comments (seed 000 as .docx), PDF highlights (Putuo 财政局
2024 决算), Excel cell comments (the Putuo 收入支出决算总表 as a workbook, one figure
edited). The copies are opened with the libraries that read them, and with LibreOffice where
it is installed."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import openpyxl
import pytest
from click.testing import CliRunner
from docx.oxml.ns import qn
from pypdf import PdfReader

from govaudit.annotate import annotate, copy_path
from govaudit.cli import main
from govaudit.model import Finding, Location
from tests.readers.test_xlsx import SHEET, putuo_workbook, xlsx_bytes
from tests.seeds import FIXTURES

DOCX = FIXTURES / "pdf" / "000-word.docx"
PUTUO = FIXTURES / "pdf" / "putuo-caizhengju-2024-juesuan.pdf"


def check(path: Path, *more: str) -> dict:
    """The JSON report of one file (what the text report shows, as data)."""
    r = CliRunner().invoke(main, ["check", str(path), "--format", "json", "--no-config", *more])
    assert r.exit_code in (0, 1), r.output
    return json.loads(r.stdout)["files"][0]


def annotated(tmp_path: Path, original: Path) -> tuple[Path, Path, str]:
    """A copy of `original` in tmp_path, checked with --annotate: (the file, its annotated
    copy, what stderr said)."""
    path = tmp_path / original.name
    shutil.copyfile(original, path)
    r = CliRunner().invoke(main, ["check", str(path), "--annotate", "--no-config"])
    assert r.exit_code == 1, r.output
    return path, copy_path(str(path)), r.stderr


# --------------------------------------------------------------------------- Word


def comment_ranges(d) -> dict[str, tuple[str, object]]:
    """comment id → (the text it covers, the paragraph element its range starts in)."""
    out = {}
    for start in d.element.body.iter(qn("w:commentRangeStart")):
        cid = start.get(qn("w:id"))
        texts, el = [], start.getnext()
        while el is not None and not (
            el.tag == qn("w:commentRangeEnd") and el.get(qn("w:id")) == cid
        ):
            texts.extend(t.text or "" for t in el.iter(qn("w:t")))
            el = el.getnext()
        out[cid] = ("".join(texts), start.getparent())
    return out


def test_docx_copy_has_one_comment_per_finding_on_its_figure(tmp_path):
    original, copy, said = annotated(tmp_path, DOCX)
    assert original.read_bytes() == DOCX.read_bytes()  # the original is never touched
    assert copy.name == "000-word.govaudit.docx" and f"带批注的副本已写入 {copy}" in said
    report = check(original)
    d = docx.Document(str(copy))
    comments = list(d.comments)
    # one for one: each finding of the report is a comment, in the report's order
    assert [c.text.split(" ", 1)[0] for c in comments] == [x["rule"] for x in report["findings"]]
    for c, x in zip(comments, report["findings"], strict=True):
        assert x["message"] in c.text
    ranges = comment_ranges(d)
    # 第55段: 一般公共预算财政拨款基本支出 575.15 万元 ≠ 人员经费 461.75 + 公用经费 89.33
    sum_ = next(c for c in comments if c.text.startswith("GA-SUM-001"))
    text, para = ranges[str(sum_.comment_id)]
    assert text == "575.15万元"
    assert "基本支出575.15万元" in "".join(t.text or "" for t in para.iter(qn("w:t")))
    assert "应为 551.08 · 实为 575.15" in sum_.text
    # 表2第25行第3列: the 合计 row's 得分 99, with the 评价结论 that says the same 99 under it
    perf = next(c for c in comments if c.text.startswith("GA-PERF-001"))
    text, para = ranges[str(perf.comment_id)]
    assert text == "99"
    cell = para.getparent()
    assert cell.tag == qn("w:tc")
    row = [
        "".join(t.text or "" for t in tc.iter(qn("w:t")))
        for tc in cell.getparent().iter(qn("w:tc"))
    ]
    assert row[0] == "合计" and "100" in row
    assert "同时导致 GA-PERF-009（表2第26行第2列）" in perf.text


def test_a_finding_with_no_place_in_the_file_is_a_comment_at_the_top(tmp_path):
    path = tmp_path / "a.docx"
    shutil.copyfile(DOCX, path)
    lost = Finding(
        rule="GA-SUM-001",
        severity="error",
        title="合计应等于各分项之和",
        message="某合计 1 万元 ≠ 2 万元",
        loc=Location(paragraph=99999),
    )
    done = annotate(str(path), [lost])
    assert (done.placed, done.unplaced) == (0, 1)
    d = docx.Document(done.path)
    (c,) = d.comments
    assert "未能在文中定位" in c.text and "第99999段" in c.text
    _, para = comment_ranges(d)[str(c.comment_id)]
    first = next(p for p in d.element.body.iter(qn("w:p")) if "".join(p.itertext()).strip())
    assert para is first


@pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed"
)
def test_libreoffice_opens_the_docx_copy_and_finds_every_comment(tmp_path):
    _, copy, _ = annotated(tmp_path, DOCX)
    out = tmp_path / "lo"
    r = subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path / 'profile'}",
            "--headless",
            "--convert-to",
            "odt",
            "--outdir",
            str(out),
            str(copy),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert r.returncode == 0, r.stderr
    odt = out / "000-word.govaudit.odt"
    assert odt.exists(), r.stdout + r.stderr
    content = zipfile.ZipFile(odt).read("content.xml").decode("utf-8")
    assert content.count("<office:annotation ") + content.count("<office:annotation>") == len(
        docx.Document(str(copy)).comments
    )


# --------------------------------------------------------------------------- PDF


def text_in(path: Path, page: int, rect: list[float]) -> str:
    """The characters whose centres lie inside `rect` on `page` (pdfminer)."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTChar

    x0, y0, x1, y1 = rect
    found = []

    def walk(o):
        if isinstance(o, LTChar):
            cx, cy = (o.x0 + o.x1) / 2, (o.y0 + o.y1) / 2
            if x0 <= cx <= x1 and y0 <= cy <= y1:
                found.append((-round(o.y0), o.x0, o.get_text()))
            return
        for k in getattr(o, "_objs", ()) or ():
            walk(k)

    for layout in extract_pages(str(path), page_numbers=[page - 1], laparams=None):
        walk(layout)
    return "".join(t for *_, t in sorted(found)).strip()


def test_pdf_copy_highlights_each_figure_on_its_page(tmp_path):
    original, copy, _ = annotated(tmp_path, PUTUO)
    assert original.read_bytes() == PUTUO.read_bytes()
    report = check(original)
    notes = []
    for i, page in enumerate(PdfReader(str(copy)).pages, start=1):
        for a in page.get("/Annots") or []:
            a = a.get_object()
            notes.append((i, a["/Subtype"], [float(v) for v in a["/Rect"]], a["/Contents"]))
    assert sorted(n[3].split(" ", 1)[0] for n in notes) == sorted(
        x["rule"] for x in report["findings"]
    )
    for x in report["findings"]:
        (page, kind, rect, _) = next(n for n in notes if x["message"] in n[3])
        assert kind == "/Highlight" and page == x["page"]
        shown = (x["actual"] or "").rstrip("%")
        assert shown.replace(",", "") in text_in(copy, page, rect).replace(",", ""), x["message"]
    # 第21页第25行: 一般公共服务支出（类）2106.66万元，占 71.73% — the highlight is on 71.73%
    share = next(n for n in notes if n[3].startswith("GA-SHR-001"))
    assert share[0] == 21 and text_in(copy, 21, share[2]) == "71.73%"


# --------------------------------------------------------------------------- Excel


def test_xlsx_copy_has_a_cell_comment_on_each_figure(tmp_path):
    wb = putuo_workbook()
    ws = wb[SHEET]
    total = next(r for r in ws.iter_rows() if r[0].value == "本年收入合计")
    total[1].value = 2964.25  # printed 2,946.25: the 收入 column no longer adds up
    path = tmp_path / "收入支出决算总表.xlsx"
    path.write_bytes(xlsx_bytes(wb))
    original = path.read_bytes()
    report = check(path)
    assert report["findings"], report
    r = CliRunner().invoke(main, ["check", str(path), "--annotate", "--no-config"])
    assert r.exit_code == 1
    assert path.read_bytes() == original
    copy = openpyxl.load_workbook(io.BytesIO(copy_path(str(path)).read_bytes()))
    commented = {
        (c.coordinate, c.comment.text)
        for row in copy[SHEET].iter_rows()
        for c in row
        if c.comment is not None
    }
    assert len(commented) <= len(report["findings"])
    for x in report["findings"]:
        cell = copy[x["sheet"]].cell(row=x["row"], column=x["col"])
        assert cell.comment is not None and x["message"] in cell.comment.text
        assert cell.comment.author == "govaudit"
    assert copy[SHEET]["B15"].comment is not None  # the edited 本年收入合计
