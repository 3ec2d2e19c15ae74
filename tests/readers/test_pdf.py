"""The PDF reader on real disclosures (the Putuo 2024 部门决算 PDFs, the Putuo 2024–2025
部门预算 PDFs in tests/fixtures/pdf/budget, and seed 000 as a Word file converted to PDF by
LibreOffice, all copied unchanged into tests/fixtures/pdf) and on PDFs that cannot be
checked: a scan, an encrypted file, a damaged one. The same findings in the PDF made from
seed 000 as in its text."""

from __future__ import annotations

import re
import zlib
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from govaudit.check import check_file
from govaudit.cli import main
from govaudit.errors import InputError
from govaudit.model import Document, Paragraph, Table
from govaudit.readers.pdf import read_pdf
from govaudit.readers.pdf_layout import Glyph, Seg, find_grids, join_wrapped, tidy
from govaudit.readers.pdf_tables import page_table
from tests.seeds import FIXTURES, SEED_000, checked, read

PDF_DIR = FIXTURES / "pdf"
CAIZHENGJU = PDF_DIR / "putuo-caizhengju-2024-juesuan.pdf"
GUIHUA = PDF_DIR / "putuo-guihuaziyuan-2024-juesuan.pdf"
SEED_000_PDF = FIXTURES / "000_ee64df1db50c45f3.pdf"
LIBREOFFICE = PDF_DIR / "000-word-to-pdf-libreoffice.pdf"
WANLI_2024 = PDF_DIR / "budget" / "putuo-wanli-2024-yusuan.pdf"
WANLI_2025 = PDF_DIR / "budget" / "putuo-wanli-2025-yusuan.pdf"
SHANGWUWEI = PDF_DIR / "budget" / "putuo-shangwuwei-2025-yusuan.pdf"
SHANGWUWEI_UNIT = PDF_DIR / "budget" / "putuo-shangwuwei-unit-2025-yusuan.pdf"
JIANGSU = PDF_DIR / "jiangsu"


@pytest.fixture(scope="module")
def caizhengju() -> Document:
    return read(CAIZHENGJU)


@pytest.fixture(scope="module")
def libreoffice() -> Document:
    return read(LIBREOFFICE)


@pytest.fixture(scope="module")
def wanli_2025() -> Document:
    return read(WANLI_2025)


def paragraphs(doc: Document) -> list[Paragraph]:
    return [b for b in doc.blocks if isinstance(b, Paragraph)]


def tables(doc: Document) -> list[Table]:
    return [b for b in doc.blocks if isinstance(b, Table)]


def para_with(doc: Document, text: str) -> Paragraph:
    hits = [p for p in paragraphs(doc) if text in p.text.text]
    assert hits, f"no paragraph contains {text!r}"
    return hits[0]


def row_texts(table: Table) -> list[list[str]]:
    return [[c.text.text for c in row] for row in table.rows]


# --------------------------------------------------------------------------- text


def test_paragraphs_are_reflowed_and_keep_page_and_line(caizhengju):
    # printed on two lines of page 21: "…其中： 财政拨款收入…；其他" | "收入6.2万元，占0.21%；"
    p = para_with(caizhengju, "本年收入合计2946.25万元")
    assert p.text.text == (
        "本年收入合计2946.25万元，其中：财政拨款收入2940.05万元，占99.79%；其他收入6.2万元，占0.21%；"
    )
    assert p.text.loc.page == 21 and p.text.loc.line == 8
    # the second visual line keeps its own line number
    off = p.text.text.index("收入6.2万元")
    assert p.text.loc_at(off).line == 9


def test_a_line_that_ends_early_before_an_unbreakable_number_still_continues(caizhengju):
    # "…住房保障支出（类）445.69万元，占" | "15.16%；": the number did not fit on the line
    p = para_with(caizhengju, "住房保障支出（类）445.69万元")
    assert p.text.text.endswith("住房保障支出（类）445.69万元，占15.16%；")


def test_a_paragraph_continues_across_a_page_break(caizhengju):
    p = para_with(caizhengju, "（十）执行国家和本市债务管理的制度和政策")
    assert p.text.loc.page == 5
    assert p.text.text.endswith("运行高效的地方政府举债融资机制。")


def test_spaces_between_chinese_and_digits_are_removed(caizhengju):
    # the PDF has "纳入上海市普陀区财政局 2024 年度部门决算编制范围"
    p = para_with(caizhengju, "纳入上海市普陀区财政局2024年度部门决算编制范围")
    assert " " not in p.text.text
    p = para_with(caizhengju, "年初预算为1560.05万元")  # "年初预算为 1560.05 万元"
    assert "为1560.05万元" in p.text.text


def test_text_with_its_characters_spread_apart_reads_like_any_other():
    """江苏省人民检察院 2017 p18 and p21 print some lines with every character spread out
    (pdfminer gives "一 般 公 共 预 算 收 入" and "17981.68 万 元 ， 与 上 年 相 比 增 加 1454.35
    万 元 ， 增 长"); the paragraphs read as written, and the change is a change (issue 19)."""
    from govaudit.readers import read_document

    doc = read_document(FIXTURES / "pdf" / "jiangsu" / "js-jianchayuan-2017-yusuan.pdf")
    texts = [b.text.text for b in doc.blocks if isinstance(b, Paragraph)]
    assert any(
        t.startswith("（1）一般公共预算收入预算17981.68万元，与上年相比增加1454.35万元")
        for t in texts
    )
    assert any("支出预算17981.68万元，与上年相比增加1454.35万元，增长8.8%。" in t for t in texts)
    from decimal import Decimal

    from tests.seeds import pdf_facts

    changes = [
        f
        for f in pdf_facts(
            FIXTURES / "pdf" / "jiangsu" / "js-jianchayuan-2017-yusuan.pdf", "change"
        )
        if f.fields["change"].value == Decimal("1454.35")
    ]
    assert [(f.loc.page, f.fields["current"].value) for f in changes] == [
        (18, Decimal("17981.68")),
        (21, Decimal("17981.68")),
    ]


def test_headings_and_table_of_contents_lines_stay_apart(caizhengju):
    texts = [p.text.text for p in paragraphs(caizhengju)]
    assert "八、政府性基金预算财政拨款收入支出决算情况说明" in texts
    assert "九、国有资本经营预算财政拨款收入支出决算情况说明" in texts
    # a centred title wrapped onto a second line is one heading
    assert "第三部分上海市普陀区财政局2024年度部门决算情况说明" in texts


def test_tidy_and_join():
    assert tidy("延至 2026 年") == "延至2026年"
    assert tidy("2024 年度") == "2024年度"
    assert tidy("0.00  0.00") == "0.00 0.00"
    assert tidy("Microsoft  Word 2010") == "Microsoft Word 2010"
    assert join_wrapped("12751.6", "5") == "12751.65"
    assert (
        join_wrapped("机关事业单位基本养老保", "险缴费支出") == "机关事业单位基本养老保险缴费支出"
    )


# --------------------------------------------------------------------------- tables


def test_ruled_tables_are_recovered_with_rows_and_cells(caizhengju):
    ts = tables(caizhengju)
    # the 单位构成 table and the nine 附表
    assert len(ts) == 10
    total = ts[1]
    rows = row_texts(total)
    assert rows[0][0] == "收入" and total.rows[0][1].merged
    assert rows[2] == [
        "一、一般公共预算财政拨款收入",
        "2,940.05",
        "一、一般公共服务支出",
        "2,106.66",
    ]
    # the table runs over onto page 7: one table, its last rows located on page 7
    assert rows[-1] == ["总计", "2,995.39", "总计", "2,995.39"]
    assert total.rows[-1][1].text.loc.page == 7 and total.loc.page == 6


def test_multi_line_labels_and_split_code_columns(caizhengju):
    income = tables(caizhengju)[2]
    rows = row_texts(income)
    assert ["208", "05", "05", "机关事业单位基本养老保险缴费支出", "160.75", "160.75"] == rows[13][
        :6
    ]
    # header cells that wrap inside a narrow column are joined
    assert rows[0][4:7] == ["本年收入合计", "财政拨款收入", "上级补助收入"]


def test_a_row_cut_by_the_page_break_is_joined(caizhengju):
    basic = tables(caizhengju)[6]
    rows = row_texts(basic)
    i = next(i for i, r in enumerate(rows) if r[2] == "抚恤金")
    assert rows[i][4:7] == ["302", "24", "被装购置费"]
    # the empty remainder of that row at the top of page 17 is not a row of its own
    assert rows[i + 1][:3] == ["303", "05", "生活补助"]
    assert rows[-1][0] == "人员经费合计" and rows[-1][3] == "2,152.26"


def test_word_tables_drawn_with_rectangles():
    doc = read(GUIHUA)
    basic = next(t for t in tables(doc) if any(r[0].text.text == "30101" for r in t.rows))
    rows = row_texts(basic)
    assert rows[1] == ["301", "工资福利支出", "4816.14", "302", "商品和服务支出", "440.90"]
    assert rows[-1][0] == "人员经费合计" and rows[-1][2] == "4884.09"


def _glyphs(text: str, x: float, top: float, size: float = 9.0) -> list[Glyph]:
    out = []
    for ch in text:
        out.append(Glyph(ch, x, x + size * 0.5, top, top + size, top + size * 0.8, size))
        x += size * 0.5
    return out


def test_a_number_wrapped_in_a_narrow_cell_is_one_number():
    h = [Seg(y, 0, 100) for y in (0, 20, 50)]
    v = [Seg(x, 0, 50) for x in (0, 60, 100)]
    (grid,) = find_grids(h, v)
    glyphs = (
        _glyphs("合计", 2, 22)
        + _glyphs("12751.6", 62, 22)
        + _glyphs("5", 62, 34)
        + _glyphs("项目", 2, 4)
    )
    pt = page_table(grid, glyphs, 1)
    assert [c.text for c in pt.rows[1]] == ["合计", "12751.65"]


def test_merged_cells_follow_the_docx_convention():
    # a header cell spanning two columns over two cells
    h = [Seg(0, 0, 100), Seg(20, 0, 100), Seg(40, 0, 100)]
    v = [Seg(0, 0, 40), Seg(100, 0, 40), Seg(50, 20, 40)]
    (grid,) = find_grids(h, v)
    pt = page_table(grid, _glyphs("收入", 30, 4) + _glyphs("1.00", 60, 24), 1)
    assert [(c.text, c.merged, c.span) for c in pt.rows[0]] == [("收入", False, 2), ("", True, 1)]
    assert [c.text for c in pt.rows[1]] == ["", "1.00"]


def test_titles_are_headings_as_word_heading_styles_are(wanli_2025):
    """Centred titles in a larger font are what Word's heading styles are: the sections of
    the budget ("2025年部门预算编制说明") start there, not under the last numbered item."""
    from govaudit.extract.base.context import ExtractContext

    heads = [h["text"] for h in wanli_2025.meta["headings"]]
    assert heads[5:7] == ["名词解释", "2025年部门预算编制说明"]
    assert "其他相关情况说明" in heads and not any("…" in h for h in heads)
    assert all(wanli_2025.blocks[h["block"]].kind == "heading" for h in wanli_2025.meta["headings"])
    ctx = ExtractContext(wanli_2025)
    (item,) = [p for p in ctx.prose if p.text.text.startswith("2025年，上海市普陀区人民政府万里")]
    assert item.section == ("2025年部门预算编制说明",)


# --------------------------------------------------------------------------- tables over pages


def perf_table(doc: Document, project: str) -> Table:
    (table,) = [t for t in tables(doc) if project in t.rows[1][1].text.text]
    return table


def test_a_table_over_page_breaks_keeps_its_rows_and_columns(libreoffice):
    """The 自评表 of 一网通办 runs over pages 32–35: page 32 draws 4 columns, the others 9
    and 11; a row is cut after page 32 and another after page 33."""
    table = perf_table(libreoffice, "泸州市“一网通办”能力提升技术服务项目")
    rows = row_texts(table)
    assert {len(r) for r in rows} == {11} and len(rows) == 29
    # the 项目年度目标 cell cut after "坚持“简政放权、放" on page 32 is one cell again
    goal = rows[4][2]
    assert "坚持“简政放权、放管结合、优化服务”改革总思路" in goal
    assert goal.endswith("确保我市“一网通办”能力提升行动在2023年仍然保持全省先进队列。")
    # every label of the 预算执行情况 header row is cut in two ("预算执" | "行情况（10分）")
    head = next(i for i, r in enumerate(rows) if r[0].startswith("预算执行情况"))
    assert rows[head][:9] == [
        "预算执行情况（10分）",
        "年度预算数（万元）",
        "年初预算",
        "调整后预算数",
        "预算执行数",
        "预算执行率",
        "权重",
        "得分",
        "原因",
    ]
    assert table.rows[head][0].text.loc.page == 33
    assert rows[head + 1][:8] == ["", "总额", "0.00", "395.00", "78.40", "19.85%", "10", "2"]
    # the indicators: four first-level indicators and weights adding up to 90
    first = next(i for i, r in enumerate(rows) if r[1] == "一级指标") + 1
    total = next(i for i, r in enumerate(rows) if r[0] == "合计")
    indicators = table.rows[first:total]
    assert [r[1].text.text for r in indicators if not r[1].merged] == [
        "产出指标",
        "效益指标",
        "满意度指标",
        "成本指标",
    ]
    assert sum(int(r[8].text.text) for r in indicators) == 90
    # the row at the top of page 35 goes on under the merged 绩效指标 and 产出指标 cells
    top = next(r for r in indicators if r[3].text.text.startswith("高质量实现"))
    assert top[3].text.loc.page == 35
    # 质量指标 starts on the last row of page 34 and spans this row too, as in Word
    assert all(c.merged and not c.text.text for c in top[:3])
    assert rows[total][:3] == ["合计", "100", "92"] and table.rows[total][0].text.loc.page == 35


def _blocks(doc: Document) -> list[object]:
    """Paragraph texts and table grids (text, merged) with the white space taken out: the
    Word reader keeps a cell's paragraphs apart with line breaks, the PDF shows lines."""

    def squeeze(t: str) -> str:
        return "".join(t.split())

    return [
        [[(squeeze(c.text.text), c.merged) for c in row] for row in b.rows]
        if isinstance(b, Table)
        else squeeze(b.text.text)
        for b in doc.blocks
    ]


def test_the_pdf_of_a_word_file_reads_as_the_word_file(libreoffice):
    """Every paragraph and every table of the Word file, cell by cell, merged cells too."""
    word = read(PDF_DIR / "000-word.docx")
    assert _blocks(libreoffice) == _blocks(word)


def test_a_table_of_the_same_form_on_the_next_page_is_a_new_table(libreoffice):
    """Page 30 starts with the title row of the next 自评表, like the table that ends at the
    foot of page 29: a new table, its title kept."""
    perf = [t for t in tables(libreoffice) if t.rows[0][0].text.text.startswith("部门预算项目")]
    assert len(perf) == 11
    table = perf_table(libreoffice, "政务服务标准化规范化便利化专题研讨班培训")
    assert table.loc.page == 30
    assert row_texts(table)[0][0] == "部门预算项目支出绩效自评表（2023年度）"
    before = perf_table(libreoffice, "泸州市政务大厅纳税辅助性服务")
    assert row_texts(before)[-1][:2] == ["项目负责人：", "财务负责人："]


def test_a_row_of_placeholders_after_the_break_is_not_the_rest_of_the_row_before(libreoffice):
    # page 28 ends with "单位资金 … / /", page 29 starts with "其他资金 … / /"
    rows = row_texts(perf_table(libreoffice, "泸州市政务大厅纳税辅助性服务"))
    labels = [r[1] for r in rows[7:12]]
    assert labels == ["总额", "其中：财政资金", "财政专户管理资金", "单位资金", "其他资金"]


def test_a_one_row_piece_alone_on_a_page_continues_its_table(libreoffice, wanli_2025):
    # page 24 holds only the rest of one row of the 政务服务管理业务经费 自评表
    rows = row_texts(perf_table(libreoffice, "政务服务管理业务经费"))
    assert rows[4][2].startswith("2023年，持续推动落实“一网通办”三年行动方案。推动省一体化")
    assert rows[4][3].endswith(
        "坚持全域统筹，政务服务“三化”建设得到新提升，对标省级标杆政务服务大厅建设标准，扎实做好创建工作，带动全市政务服务能力整体提升。"
    )
    assert not any("网通" == p.text.text for p in paragraphs(libreoffice))
    # page 18 of the budget holds only the 合计 row of the 支出预算总表 (pages 14–18)
    spending = next(t for t in tables(wanli_2025) if t.loc.page == 14)
    last = spending.rows[-1]
    assert [c.text.text for c in last] == [
        "合计",
        "",
        "",
        "",
        "189,767,551",
        "101,341,746",
        "88,425,805",
    ]
    assert last[4].text.loc.page == 18 and all(c.merged for c in last[1:4])
    assert not any(p.text.text.startswith("合计") for p in paragraphs(wanli_2025))


def test_budget_tables_over_several_pages_are_one_table_each(wanli_2025):
    """The nine budget tables; 收入预算总表 runs over pages 10–13, its header once."""
    from govaudit.extract.base.quantities import parse_cell_number

    ts = tables(wanli_2025)
    assert [t.loc.page for t in ts] == [9, 10, 14, 19, 20, 25, 26, 27, 29]
    income = ts[1]
    rows = row_texts(income)
    assert len(rows) == 70 and sum(r[0] == "项目" for r in rows) == 1
    assert {income.rows[i][0].text.loc.page for i in range(len(rows))} == {10, 11, 12, 13}
    assert rows[3][:5] == ["201", "", "", "一般公共服务支出", "3,296,600"]
    assert rows[-1][0] == "合计" and rows[-1][4] == "189,767,551"
    # thousands separators: a figure in 元
    q = parse_cell_number(income.rows[-1][4].text, 0)
    assert q is not None and q.value == 189767551
    # the lines above a table stay paragraphs: the title, and 编制部门 and 单位 apart
    texts = [p.text for p in paragraphs(wanli_2025) if p.text.loc.page == 10]
    assert [t.text for t in texts[:3]] == [
        "2025年部门收入预算总表",
        "编制部门：上海市普陀区人民政府万里街道办事处",
        "单位：元",
    ]
    assert [t.loc.line for t in texts[:3]] == [1, 2, 2]


def test_a_repeated_header_row_on_the_next_page_is_dropped():
    # the 一般公共预算支出功能分类预算表 of 2024 repeats its header on pages 23–26
    doc = read(WANLI_2024)
    table = next(t for t in tables(doc) if t.loc.page == 22)
    rows = row_texts(table)
    assert sum(r[0] == "项目" for r in rows) == 1 and rows[-1][0] == "合计"
    assert {c.text.loc.page for r in table.rows for c in r} == {22, 23, 24, 25, 26}


def test_white_cell_backgrounds_are_not_rules():
    """Page 14 of the 单位预算 fills every cell of its print area white, the title rows
    too; only the black rules make the table, and the lines above it stay paragraphs."""
    doc = read(SHANGWUWEI_UNIT)
    texts = [p.text for p in paragraphs(doc) if p.text.loc.page == 14]
    assert [t.text for t in texts] == [
        "2025年预算单位财政拨款收支预算总表",
        "编制单位：上海市普陀区商务委员会",
        "单位：元",
    ]
    table = next(t for t in tables(doc) if t.loc.page == 14)
    rows = row_texts(table)
    assert rows[0][:3] == ["财政拨款收入", "", "财政拨款支出"]
    assert rows[-1][:4] == ["收入总计", "371,514,655.00", "支出总计", "371,514,655.00"]


# --------------------------------------------------------------------------- budget prose


def test_a_line_that_stops_before_a_number_that_did_not_fit_goes_on():
    """Page 7 of the 2024 budget: "…主要用于行政单位离退休。" ends 1.5 characters short of
    the margin because "2023年" does not fit; the next line is not indented."""
    doc = read(WANLI_2024)
    p = para_with(doc, "行政单位离退休（项）”24.31万元")
    assert "主要用于行政单位离退休。2023年当年预算执行数为20.30万元，2024年预算安排24.31万元，" in (
        p.text.text
    )
    assert p.text.loc.page == 7 and p.text.loc.line == 11
    assert p.text.loc_at(p.text.text.index("2023年当年预算执行数")).line == 12


def test_a_line_broken_mid_sentence_goes_on_where_paragraphs_are_indented():
    doc = read(SHANGWUWEI)
    p = para_with(doc, "9、组织协调本区商品交易市场规划")
    assert "负责建立健全生活必需品市场供应应急机制，协调重要商品储备和市场调控；" in p.text.text
    assert p.text.loc.page == 3 and p.text.loc.line == 23
    assert p.text.loc_at(p.text.text.index("应急机制")).line == 24


def test_table_of_contents_lines_are_not_a_wrapped_title(wanli_2025):
    texts = [p.text.text for p in paragraphs(wanli_2025) if p.text.loc.page == 2]
    assert len(texts) == 17
    assert texts[1].startswith("一、部门主要职能…") and texts[2].startswith("二、部门机构设置…")
    assert texts[9].startswith("4．2025年部门财政拨款收支预算总表…")


def test_a_budget_item_paragraph_with_its_page_and_line(wanli_2025):
    p = para_with(wanli_2025, "（二）公务用车购置及运行费36.56万元")
    assert p.text.loc.page == 30 and p.text.loc.line == 5
    off = p.text.text.index("公务用车运行费21.56万元")
    assert p.text.loc_at(off).page == 30 and p.text.loc_at(off).line == 6
    assert p.text.text.endswith("主要原因是公务车用车运行费保持不变。")


# --------------------------------------------------------------------------- same findings

_WHERE = re.compile(r"(?:第\d+页)?(?:表\d+)?第\d+(?:行第\d+列|行|段|页)")


def _key(f) -> tuple:
    return (f.rule, f.severity, f.expected, f.actual, _WHERE.sub("@", f.message), f.excerpt)


def test_the_pdf_made_from_seed_000_gives_the_same_findings_as_its_text():
    """tests/fixtures/000_ee64df1db50c45f3.pdf is made by make_pdf_from_seed.py (reportlab,
    run by hand): justified paragraphs and ruled tables, some rows split across pages."""
    txt = checked(SEED_000)
    pdf = checked(SEED_000_PDF)
    assert pdf.status == "ok", pdf.error
    assert Counter(_key(f) for f in pdf.findings) == Counter(_key(f) for f in txt.findings)
    (f,) = [f for f in pdf.findings if f.rule == "GA-SUM-001"]
    assert (f.expected, f.actual) == ("551.08", "575.15")
    assert f.loc.page == 3 and f.loc.line is not None
    assert f.excerpt.startswith("2023年度一般公共预算财政拨款基本支出575.15万元")
    for g in pdf.findings:
        assert g.loc.page is not None


# --------------------------------------------------------------------------- bad PDFs


def _pdf(objects: list[bytes], trailer: bytes = b"") -> bytes:
    """A minimal, well-formed PDF from numbered object bodies (1 0 obj … endobj)."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R {trailer.decode()} >>\n".encode()
    out += f"startxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def _stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def scanned_pdf() -> bytes:
    """One A4 page showing a grey image and nothing else, as a scanner makes it."""
    pixels = zlib.compress(bytes(range(256)) * 16)
    return _pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /XObject << /Im1 4 0 R >> >> /Contents 5 0 R >>",
            _stream(
                pixels,
                b"/Type /XObject /Subtype /Image /Width 64 /Height 64 /ColorSpace /DeviceGray "
                b"/BitsPerComponent 8 /Filter /FlateDecode",
            ),
            _stream(b"q 595 0 0 842 0 0 cm /Im1 Do Q"),
        ]
    )


def encrypted_pdf() -> bytes:
    """A page of text behind the standard security handler with an unknown user password."""
    text = b"BT /F1 12 Tf 72 720 Td (2024 nian) Tj ET"
    return _pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
            _stream(text),
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            b"<< /Filter /Standard /V 1 /R 2 /P -44 /O <"
            + b"7a" * 32
            + b"> /U <"
            + b"3c" * 32
            + b"> >>",
        ],
        trailer=b"/Encrypt 6 0 R /ID [<0123456789abcdef0123456789abcdef><0123456789abcdef0123456789abcdef>]",
    )


def test_a_scanned_pdf_says_it_has_no_text_layer():
    with pytest.raises(InputError) as exc:
        read_pdf("scan.pdf", scanned_pdf())
    assert "该 PDF 没有文字层（可能是扫描件），无法检查数字" in exc.value.zh
    assert "原始 Word/Excel 文件" in exc.value.zh


def test_an_encrypted_pdf_says_it_is_encrypted():
    with pytest.raises(InputError) as exc:
        read_pdf("secret.pdf", encrypted_pdf())
    assert "PDF 已加密" in exc.value.zh


@pytest.mark.parametrize("cut", [20, 400, 1500])
def test_a_truncated_pdf_is_an_input_error(cut):
    data = CAIZHENGJU.read_bytes()[:cut]
    with pytest.raises(InputError) as exc:
        read_pdf("cut.pdf", data)
    assert "PDF" in exc.value.zh


def test_damaged_pdfs_never_raise_anything_but_input_error():
    """Bytes flipped all over a small real PDF: a Document or an InputError, never a crash."""
    good = _text_pdf()
    # the unbroken one reads
    assert "Total 2946.25" in "\n".join(b.text.text for b in read_pdf("ok.pdf", good).blocks)
    for i in range(0, len(good), 7):
        data = bytearray(good)
        data[i] = (data[i] + 0x35) % 256
        try:
            read_pdf("x.pdf", bytes(data))
        except InputError:
            pass


def _text_pdf() -> bytes:
    text = b"BT /F1 12 Tf 72 720 Td (Total 2946.25) Tj 0 -20 Td (Part 2940.05) Tj ET"
    return _pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
            _stream(text),
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ]
    )


def test_cli_bad_pdfs_exit_2_and_the_good_file_is_still_reported(tmp_path: Path):
    scan = tmp_path / "扫描件.pdf"
    scan.write_bytes(scanned_pdf())
    locked = tmp_path / "加密.pdf"
    locked.write_bytes(encrypted_pdf())
    r = CliRunner().invoke(
        main, ["check", str(scan), str(locked), str(SEED_000), "--select", "GA-SUM"]
    )
    assert r.exit_code == 2
    assert "没有文字层（可能是扫描件）" in r.output
    assert "PDF 已加密" in r.output
    assert "575.15" in r.output and "GA-SUM-001" in r.output
    assert "Traceback" not in r.output


def test_cli_json_marks_the_unreadable_pdf(tmp_path: Path):
    import json

    scan = tmp_path / "scan.pdf"
    scan.write_bytes(scanned_pdf())
    r = CliRunner().invoke(main, ["check", str(scan), str(CAIZHENGJU), "--format", "json"])
    assert r.exit_code == 2
    data = json.loads(r.output)
    bad, good = data["files"]
    assert bad["status"] == "error" and "扫描件" in bad["error"]
    assert good["status"] == "ok"
    assert any(f["rule"] == "GA-TAB-020" and f["page"] == 21 for f in good["findings"])


# --------------------------------------------------------------------------- made-up pages


def cjk_pdf(
    texts: list[tuple[float, float, str, float]],
    rules: list[tuple] = (),
    *more_pages: list[tuple[float, float, str, float]],
    encoding: bytes = b"/UniGB-UCS2-H",
    ordering: bytes = b"GB1",
) -> bytes:
    """A4 pages: Chinese text at (x, y from the top) in the standard font STSong-Light
    (not embedded, Unicode via UniGB-UCS2-H) and optional rules (x0, y0, x1, y1) as lines
    on the first page."""
    pages = [(texts, rules), *((t, ()) for t in more_pages)]
    n = len(pages)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids ["
        + b" ".join(b"%d 0 R" % (6 + 2 * i) for i in range(n))
        + b"] /Count %d >>" % n,
        b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding "
        + encoding
        + b" /DescendantFonts [4 0 R] >>",
        b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /DW 1000 "
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (" + ordering + b") /Supplement 2 >> "
        b"/FontDescriptor 5 0 R >>",
        b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 "
        b"/FontBBox [0 -200 1000 900] /ItalicAngle 0 /Ascent 880 /Descent -120 "
        b"/CapHeight 880 /StemV 93 >>",
    ]
    for i, (page_texts, page_rules) in enumerate(pages):
        ops = []
        for x, y, text, size in page_texts:
            hexed = text.encode("utf-16-be").hex()
            ops.append(f"BT /F1 {size} Tf {x} {842 - y} Td <{hexed}> Tj ET")
        for x0, y0, x1, y1 in page_rules:
            ops.append(f"0.5 w {x0} {842 - y0} m {x1} {842 - y1} l S")
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % (7 + 2 * i)
        )
        objects.append(_stream("\n".join(ops).encode()))
    return _pdf(objects)


SUMMARY_ROWS = [
    ("项目", "决算数", "项目", "决算数"),
    ("一、财政拨款收入", "2940.05", "一、一般公共服务支出", "2106.66"),
    ("二、其他收入", "6.20", "二、住房保障支出", "833.39"),
    ("本年收入合计", "2946.25", "本年支出合计", "2940.05"),
    ("年初结转和结余", "49.14", "年末结转和结余", "55.34"),
    ("总计", "2995.39", "总计", "2995.39"),
]


def test_a_table_without_rules_is_read_from_its_column_alignment(rules, tmp_path):
    texts = [(200, 60, "收入支出决算总表", 14), (460, 85, "单位：万元", 9)]
    for i, (a, b, c, d) in enumerate(SUMMARY_ROWS):
        y = 110 + i * 16
        texts += [(60, y, a, 9), (200, y, b, 9), (290, y, c, 9), (450, y, d, 9)]
    doc = read_pdf("unruled.pdf", cjk_pdf(texts))
    (table,) = tables(doc)
    assert row_texts(table) == [list(r) for r in SUMMARY_ROWS]
    assert [p.text.text for p in paragraphs(doc)] == ["收入支出决算总表", "单位：万元"]
    path = tmp_path / "unruled.pdf"
    path.write_bytes(cjk_pdf(texts))
    report = check_file(str(path), [r for r in rules if r.id.startswith("GA-TAB")])
    held = {o.rule for o in report.outcomes if o.status == "held"}
    assert {"GA-TAB-001", "GA-TAB-010"} <= held  # rows; 收入总计 = 支出总计
    assert report.findings == []


def test_a_ruled_table_with_a_number_wrapped_in_its_cell(rules, tmp_path):
    """A narrow cell wraps "12751.65" after "12751.6"; the reader joins the two lines."""
    texts = [(60, 60, "一般公共预算财政拨款支出决算表", 12)]
    grid = [(50, 80, 380, 80), (50, 100, 380, 100), (50, 140, 380, 140), (50, 160, 380, 160)]
    grid += [(x, 80, x, 160) for x in (50, 200, 290, 380)]
    texts += [(55, 93, "科目名称", 9), (205, 93, "合计", 9), (295, 93, "基本支出", 9)]
    texts += [(55, 115, "合计", 9), (203, 115, "12751.6", 9), (203, 127, "5", 9)]
    texts += [(295, 115, "12751.65", 7)]
    texts += [(55, 153, "行政运行", 9), (203, 153, "1.00", 9), (295, 153, "1.00", 9)]
    doc = read_pdf("wrapped.pdf", cjk_pdf(texts, grid))
    (table,) = tables(doc)
    assert row_texts(table)[1] == ["合计", "12751.65", "12751.65"]


def _body(lines: list[str], top: float = 100, indent_first: bool = True) -> list[tuple]:
    out = []
    for i, text in enumerate(lines):
        x = 72 + (24 if indent_first and i == 0 else 0)
        out.append((x, top + i * 18, text, 12))
    return out


def test_a_running_header_is_dropped_and_the_paragraph_runs_over_the_page():
    header = (200, 40, "某某局2024年度部门决算", 9)
    full = "本年支出合计2940.05万元，其中：基本支出2336.91万元，占"  # 29 chars of 12 pt: full width
    page1 = [header, *_body(["一、支出决算情况说明"]), *_body([full], top=130, indent_first=False)]
    page1 += [(72, 148 + k * 18, full, 12) for k in range(3)]
    page2 = [header, (72, 100, "79.49%；项目支出603.14万元。", 12)]
    page3 = [header, (96, 100, "二、其他。", 12)]
    doc = read_pdf("run.pdf", cjk_pdf(page1, (), page2, page3))
    texts = [p.text.text for p in paragraphs(doc)]
    assert "某某局2024年度部门决算" not in texts
    last = next(t for t in texts if t.endswith("项目支出603.14万元。"))
    assert last.endswith("基本支出2336.91万元，占79.49%；项目支出603.14万元。")


# --------------------------------------------------------------------------- page numbers


def test_a_page_number_well_inside_the_margin_neither_cuts_nor_joins_the_text():
    """江苏省人大 2019 说明, pages 13–14: "─ 11 ─" is printed at 90% of the page height, the
    last line of page 13; the item "1．行政事业单位离退休（类）未归口管理的行政单位离退" |
    "休支出（项）271.45万元…" runs on at the top of page 14. The page number was read into
    the label ("─ 11 ─休支出（项）"); the label is one label over the page break."""
    doc = read(JIANGSU / "js-renda-2019-yusuan-shuoming.pdf")
    texts = [p.text.text for p in paragraphs(doc)]
    assert not any("─" in t for t in texts)
    p = para_with(doc, "未归口管理的行政单位离退休支出（项）271.45万元")
    assert p.text.text.startswith("1．行政事业单位离退休（类）未归口管理的行政单位离退休支出（项）")
    assert p.text.loc.page == 13 and p.text.loc.line == 22
    assert p.text.loc_at(p.text.text.index("休支出（项）")).page == 14


def test_a_number_at_the_top_of_a_page_belongs_to_the_label_that_ends_the_page_before():
    """江苏省委办公厅 2019 说明: page 6 ends "…各增加3205.79万元，增长", then its page number
    "4" (the document counts from the first page after the cover and contents); page 7
    opens with "13.11%。其中：". The rate is the rate of that sentence."""
    doc = read(JIANGSU / "js-shengwei-2019-yusuan-shuoming.pdf")
    texts = [p.text.text for p in paragraphs(doc)]
    assert "4" not in texts and "5" not in texts
    p = para_with(doc, "各增加3205.79万元，增长")
    assert p.text.text.endswith("各增加3205.79万元，增长13.11%。其中：")
    # page 10 ends "…基本支出预算11700.63" and page 11 goes on "万元，其中："
    p = para_with(doc, "2019年度财政拨款基本支出预算11700.63")
    assert p.text.text.endswith("基本支出预算11700.63万元，其中：")


def test_a_lone_number_in_the_body_is_kept_when_the_pages_do_not_count_with_it():
    """A line "4" at the foot of one page only is not known to be a page number: it stays."""
    full = "本年支出合计2940.05万元，其中：基本支出2336.91万元，占"
    page1 = [*_body([full], top=100, indent_first=False), (300, 700, "4", 12)]
    page2 = [(72, 100, "79.49%。", 12)]
    doc = read_pdf("one.pdf", cjk_pdf(page1, (), page2))
    assert "4" in [p.text.text for p in paragraphs(doc)]


def test_a_pdf_whose_font_has_no_unicode_mapping_says_so():
    texts = [(72, 100, "本年支出合计2940.05万元", 12)]
    with pytest.raises(InputError) as exc:
        read_pdf("cid.pdf", cjk_pdf(texts, encoding=b"/Identity-H", ordering=b"Identity"))
    assert "没有文字编码映射" in exc.value.zh
