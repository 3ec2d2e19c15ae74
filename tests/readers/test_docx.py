"""The .docx reader: document order, merged cells, content controls, tracked changes, fields,
nested tables, locations, headings, and every way a file can be bad."""

from __future__ import annotations

import io
import json
import struct
import zipfile

import pytest
from click.testing import CliRunner

from govaudit.cli import main
from govaudit.errors import InputError
from govaudit.extract.base.quantities import parse_cell_number
from govaudit.model import Location, Paragraph, Table
from govaudit.readers import ooxml, read_document
from govaudit.readers.docx import read_docx
from tests.readers.docx_builder import (
    NS_DECL,
    STYLES,
    W_NS,
    W_STRICT_NS,
    document_xml,
    numbering_xml,
    p,
    package,
    r,
    tbl,
    tc,
    tr,
)
from tests.seeds import SEED_000

NS = NS_DECL.format(w=W_NS)


def read(body: str, **kw) -> list:
    return read_docx("t.docx", package(body, **kw)).blocks


def texts(table: Table) -> list[list[str]]:
    return [[c.text.text for c in row] for row in table.rows]


# --------------------------------------------------------------------------- order and text


def test_paragraphs_and_tables_in_document_order_with_locations():
    body = (
        p("第一部分 单位概况")
        + p()  # an empty paragraph is not counted
        + tbl(tr(tc("项目"), tc("金额")), tr(tc("基本支出"), tc("575.15")), grid=2)
        + p("本年支出合计3469.24万元。")
        + tbl(tr(tc("合计"), tc("1")), grid=2)
    )
    blocks = read(body)
    assert [type(b).__name__ for b in blocks] == ["Paragraph", "Table", "Paragraph", "Table"]
    assert blocks[0].text.loc == Location(paragraph=1)
    assert blocks[2].text.text == "本年支出合计3469.24万元。"
    assert blocks[2].text.loc == Location(paragraph=2)
    assert blocks[1].loc == Location(table=1)
    assert blocks[3].loc == Location(table=2)
    assert blocks[1].rows[1][1].text.loc == Location(table=1, row=2, col=2)
    assert blocks[1].rows[1][1].text.loc.describe() == "表1第2行第2列"


def test_runs_split_inside_a_number_are_joined():
    (para,) = read(p(r("本年收入合计34"), r("69."), r("24万元")))
    assert para.text.text == "本年收入合计3469.24万元"


def test_tab_is_a_space_and_line_breaks_split_a_body_paragraph():
    blocks = read(
        p(r("一、收入支出决算总体情况说明\n2023年度收、支总计均为3469.24万元。")) + p(r("甲\t乙"))
    )
    assert [b.text.text for b in blocks] == [
        "一、收入支出决算总体情况说明",
        "2023年度收、支总计均为3469.24万元。",
        "甲 乙",
    ]
    assert blocks[0].text.loc == blocks[1].text.loc == Location(paragraph=1)
    assert blocks[2].text.loc == Location(paragraph=2)


def test_cell_paragraphs_and_breaks_joined_with_newlines():
    (table,) = read(tbl(tr(tc("评价", "结论"), tc(p(r("自评得分99分。\n存在问题：无")))), grid=2))
    assert texts(table) == [["评价\n结论", "自评得分99分。\n存在问题：无"]]


def test_hidden_text_is_dropped():
    (para,) = read(p(r("合计"), r("（隐藏批注）", rpr="<w:vanish/>"), r("100万元")))
    assert para.text.text == "合计100万元"


# --------------------------------------------------------------------------- merged cells


def test_grid_span_is_one_cell_followed_by_merged_fillers():
    (table,) = read(
        tbl(
            tr(tc("一级指标"), tc("二级指标"), tc("三级指标"), tc("权重"), tc("得分")),
            tr(tc("合计", span=3), tc("100"), tc("99")),
            grid=5,
        )
    )
    total = table.rows[1]
    assert [c.text.text for c in total] == ["合计", "", "", "100", "99"]
    assert [c.merged for c in total] == [False, True, True, False, False]
    assert total[0].span == 3
    # grid aligned: the 得分 column is the same index in the header and in the 合计 row
    assert table.rows[0][4].text.text == "得分" and total[4].text.text == "99"
    assert total[4].text.loc == Location(table=1, row=2, col=5)


def test_vmerge_continuation_is_empty_and_no_amount_is_counted_twice():
    (table,) = read(
        tbl(
            tr(
                tc("预算执行情况（10分）", vmerge="restart"),
                tc("总额"),
                tc("120.50", vmerge="restart"),
            ),
            tr(tc(vmerge="continue"), tc("其中：财政资金"), tc(vmerge="continue")),
            tr(tc(vmerge="continue"), tc("单位资金"), tc("0.00")),
            grid=3,
        )
    )
    assert texts(table) == [
        ["预算执行情况（10分）", "总额", "120.50"],
        ["", "其中：财政资金", ""],
        ["", "单位资金", "0.00"],
    ]
    assert [[c.merged for c in row] for row in table.rows] == [
        [False, False, False],
        [True, False, True],
        [True, False, False],
    ]
    amounts = [
        q.value
        for row in table.rows
        for c in row
        if not c.merged and (q := parse_cell_number(c.text, 0)) is not None
    ]
    assert [str(a) for a in amounts] == ["120.50", "0.00"]


def test_text_left_in_a_continuation_cell_joins_the_merged_cell():
    (table,) = read(
        tbl(
            tr(tc("项目基本情况", vmerge="restart"), tc("a")),
            tr(tc("（续）", vmerge="continue"), tc("b")),
            grid=2,
        )
    )
    assert table.rows[0][0].text.text == "项目基本情况\n（续）"
    assert table.rows[0][0].text.loc_at(8) == Location(table=1, row=2, col=1)
    assert table.rows[1][0].text.text == "" and table.rows[1][0].merged


def test_grid_before_keeps_columns_aligned_and_deleted_rows_are_skipped():
    (table,) = read(
        tbl(
            tr(tc("甲"), tc("乙"), tc("丙")),
            tr(tc("已删除"), tc("1"), tc("2"), trpr='<w:del w:id="1" w:author="x"/>'),
            tr(tc("3"), trpr='<w:gridBefore w:val="2"/>'),
            grid=3,
        )
    )
    assert texts(table) == [["甲", "乙", "丙"], ["", "", "3"]]
    assert [c.merged for c in table.rows[1]] == [True, True, False]
    assert table.rows[1][2].text.loc == Location(table=1, row=2, col=3)


# --------------------------------------------------------------------------- special content


def _sdt(content: str) -> str:
    return f'<w:sdt><w:sdtPr><w:alias w:val="金额"/></w:sdtPr><w:sdtContent>{content}</w:sdtContent></w:sdt>'


def test_text_in_content_controls_at_every_level():
    body = (
        _sdt(p("块级内容控件中的段落"))
        + p(r("行内："), _sdt(r("3469.24")), r("万元"))
        + tbl(
            tr(tc("项目"), _sdt(tc("单元格控件"))),
            _sdt(tr(tc("行控件"), tc(_sdt(p("单元格内的控件"))))),
            grid=2,
        )
    )
    blocks = read(body)
    assert blocks[0].text.text == "块级内容控件中的段落"
    assert blocks[1].text.text == "行内：3469.24万元"
    assert texts(blocks[2]) == [["项目", "单元格控件"], ["行控件", "单元格内的控件"]]


def test_tracked_insertions_kept_and_deletions_dropped():
    body = p(
        r("基本支出"),
        '<w:del w:id="1" w:author="a"><w:r><w:delText>551.08</w:delText></w:r></w:del>',
        '<w:ins w:id="2" w:author="a"><w:r><w:t>575.15</w:t></w:r></w:ins>',
        '<w:moveFrom w:id="3" w:author="a"><w:r><w:t>旧位置</w:t></w:r></w:moveFrom>',
        '<w:moveTo w:id="4" w:author="a"><w:r><w:t>万元</w:t></w:r></w:moveTo>',
    )
    (para,) = read(body)
    assert para.text.text == "基本支出575.15万元"


def _field(code: str, result: str) -> str:
    return (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve"> {code} </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        f"{r(result)}"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )


def test_field_results_kept_and_field_codes_dropped():
    nested = (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        "<w:r><w:instrText> IF </w:instrText></w:r>"
        + _field("=1+1", "2")  # a field inside the code of another: not shown
        + '<w:r><w:instrText> = 2 "是" </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        + r("是")
        + '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )
    body = (
        p(r("合计"), _field("=SUM(ABOVE)", "3469.24"), r("万元"))
        + p(
            r("共"),
            '<w:fldSimple w:instr=" NUMPAGES "><w:r><w:t>36</w:t></w:r></w:fldSimple>',
            r("页"),
        )
        + p(r("结果："), nested)
    )
    blocks = read(body)
    assert [b.text.text for b in blocks] == ["合计3469.24万元", "共36页", "结果：是"]


def test_a_field_result_spanning_paragraphs_is_kept():
    body = (
        p(
            '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>TOC \\o "1-3"</w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r>' + r("一、部门概况\t3")
        )
        + p(r("二、决算情况说明\t5"), '<w:r><w:fldChar w:fldCharType="end"/></w:r>')
        + p("正文")
    )
    assert [b.text.text for b in read(body)] == ["一、部门概况 3", "二、决算情况说明 5", "正文"]


def test_alternate_content_read_once():
    body = p(
        r("甲"),
        '<mc:AlternateContent><mc:Choice Requires="wps"><w:r><w:t>乙</w:t></w:r></mc:Choice>'
        "<mc:Fallback><w:r><w:t>乙</w:t></w:r></mc:Fallback></mc:AlternateContent>",
    )
    assert read(body)[0].text.text == "甲乙"


def test_nested_table_follows_its_host_and_is_not_repeated_in_the_cell():
    inner = tbl(tr(tc("人员经费"), tc("461.75")), tr(tc("公用经费"), tc("89.33")), grid=2)
    body = tbl(
        tr(tc("基本支出"), tc("551.08")),
        tr(tc("其中"), tc(p("明细如下："), inner)),
        grid=2,
    ) + tbl(tr(tc("下一个表")), grid=1)
    outer, nested, nxt = read(body)
    assert texts(outer) == [["基本支出", "551.08"], ["其中", "明细如下："]]
    assert texts(nested) == [["人员经费", "461.75"], ["公用经费", "89.33"]]
    host = Location(table=1, row=2, col=2)
    assert nested.loc == host and nested.rows[1][1].text.loc == host
    assert nxt.loc == Location(table=2)  # nested tables do not take a top-level number


def test_heading_styles_become_heading_paragraphs():
    body = (
        p("第一部分 单位概况", style="1")
        + p("（一）主要职责", style="BodyLvl")  # based on heading 2
        + p('<w:pPr><w:outlineLvl w:val="2"/></w:pPr>', r("1.部门决算"))
        + p("正文", style="Plain")
    )
    doc = read_docx("t.docx", package(body))
    assert [b.kind for b in doc.blocks] == ["heading", "heading", "heading", "paragraph"]
    assert [(h["level"], h["text"]) for h in doc.meta["headings"]] == [
        (1, "第一部分 单位概况"),
        (2, "（一）主要职责"),
        (3, "1.部门决算"),
    ]


def test_heading_style_ids_without_a_styles_part():
    data = package(p("一、部门概况", style="Heading1") + p("正文"))
    data = _drop(data, "word/styles.xml")
    doc = read_docx("t.docx", data)
    assert [b.kind for b in doc.blocks] == ["heading", "paragraph"]


def _drop(data: bytes, member: str) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for info in src.infolist():
            if info.filename != member:
                z.writestr(info.filename, src.read(info.filename))
    return out.getvalue()


def test_strict_ooxml_namespace():
    (para, table) = read(p("严格格式") + tbl(tr(tc("甲"), tc("1")), grid=2), ns=W_STRICT_NS)
    assert para.text.text == "严格格式" and texts(table) == [["甲", "1"]]


def test_read_document_dispatches_docx(tmp_path):
    f = tmp_path / "report.docx"
    f.write_bytes(package(p("本年收入合计3469.24万元。")))
    doc = read_document(f)
    assert doc.format == "docx" and doc.source_lines is None
    assert isinstance(doc.blocks[0], Paragraph)


# --------------------------------------------------------------------------- bad input


def _zip(members: dict[str, bytes | str]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for k, v in members.items():
            z.writestr(k, v)
    return buf.getvalue()


def _error(data: bytes) -> InputError:
    with pytest.raises(InputError) as info:
        read_docx("bad.docx", data)
    return info.value


def test_not_a_zip():
    e = _error(b"PK\x03\x04 this is not really a zip file")
    assert e.zh.startswith("bad.docx 不是有效的 .docx 文件（不是 zip 格式")
    assert "另存为 .docx" in e.zh and "not a valid .docx" in e.en


def test_encrypted_or_old_doc_file():
    e = _error(ooxml.OLE_MAGIC + b"\x00" * 512)
    assert "加密" in e.zh and ".doc" in e.zh and "password-protected" in e.en


def test_zip_without_document_xml():
    e = _error(_zip({"readme.txt": "hello"}))
    assert "缺少 word/document.xml" in e.zh and "普通 zip 压缩包" in e.zh
    e = _error(_zip({"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<a/>"}))
    assert "OpenDocument" in e.zh


def test_malformed_xml():
    e = _error(package("", document="<w:document><w:body><w:p>"))
    assert "word/document.xml 不是有效的 XML" in e.zh and "已损坏" in e.zh and "damaged" in e.en


def test_billion_laughs_is_refused():
    doc = (
        '<?xml version="1.0"?>\n<!-- a comment first -->\n'
        '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;">]>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        "<w:body><w:p><w:r><w:t>&lol2;</w:t></w:r></w:p></w:body>"
        "</w:document>"
    )
    e = _error(package("", document=doc))
    assert "DTD/实体声明" in e.zh and "billion laughs" in e.en


def test_zip_bomb_refused_by_declared_size(monkeypatch):
    monkeypatch.setattr(ooxml, "MAX_PART_BYTES", 10_000)
    e = _error(package(p("一" * 20_000)))
    assert "解压后过大" in e.zh and "word/document.xml" in e.zh and "zip bomb" in e.en


def _lie_about_size(data: bytes, member: str, size: int) -> bytes:
    """Rewrite the uncompressed size of `member` in both zip headers."""
    buf = bytearray(data)
    name = member.encode()
    i = buf.find(b"PK\x03\x04")
    while i != -1:
        n = struct.unpack_from("<H", buf, i + 26)[0]
        if buf[i + 30 : i + 30 + n] == name:
            struct.pack_into("<I", buf, i + 22, size)
        i = buf.find(b"PK\x03\x04", i + 4)
    i = buf.find(b"PK\x01\x02")
    while i != -1:
        n = struct.unpack_from("<H", buf, i + 28)[0]
        if buf[i + 46 : i + 46 + n] == name:
            struct.pack_into("<I", buf, i + 24, size)
        i = buf.find(b"PK\x01\x02", i + 4)
    return bytes(buf)


def test_zip_bomb_with_a_lying_header_is_still_an_input_error(monkeypatch):
    monkeypatch.setattr(ooxml, "MAX_PART_BYTES", 50_000)
    data = _lie_about_size(package(p("一" * 40_000)), "word/document.xml", 1000)
    e = _error(data)
    assert "已损坏" in e.zh or "过大" in e.zh


def test_reading_stops_at_the_limit_while_decompressing(monkeypatch):
    """The running count refuses a part whatever its header says. (zipfile itself stops at
    the declared size and then fails the CRC; this guards any stream that does not.)"""

    class Lying:
        def getinfo(self, member):
            return zipfile.ZipInfo(member)  # file_size 0

        def open(self, info):
            return io.BytesIO(b"<a>" + b"x" * 10_000 + b"</a>")

    monkeypatch.setattr(ooxml, "MAX_PART_BYTES", 5_000)
    monkeypatch.setattr(ooxml, "_CHUNK", 1024)
    with pytest.raises(InputError, match="解压后过大"):
        ooxml.read_part(Lying(), "word/document.xml", "bad.docx", "docx")


def test_document_without_text():
    e = _error(package(p() + tbl(tr(tc("")), grid=1)))
    assert "没有可读的文字" in e.zh


def test_not_wordprocessingml():
    e = _error(package("", document='<?xml version="1.0"?><html><body/></html>'))
    assert "不是 Word 文档" in e.zh


def test_encrypted_zip_entry():
    data = bytearray(package(p("甲")))
    i = data.find(b"PK\x01\x02")
    while i != -1:
        struct.pack_into("<H", data, i + 8, struct.unpack_from("<H", data, i + 8)[0] | 1)
        i = data.find(b"PK\x01\x02", i + 4)
    e = _error(bytes(data))
    assert "加密" in e.zh


def test_cli_bad_docx_exits_2_and_the_good_file_is_still_reported(tmp_path):
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"PK\x03\x04 damaged")
    result = CliRunner().invoke(main, ["check", "--format", "json", str(bad), str(SEED_000)])
    assert result.exit_code == 2
    data = json.loads(result.output)
    by_path = {f["path"]: f for f in data["files"]}
    assert by_path[str(bad)]["status"] == "error"
    assert "不是有效的 .docx" in by_path[str(bad)]["error"]
    good = by_path[str(SEED_000)]
    assert good["status"] == "ok" and any(f["rule"] == "GA-SUM-001" for f in good["findings"])


def test_cli_text_report_names_the_bad_docx(tmp_path):
    bad = tmp_path / "加密.docx"
    bad.write_bytes(ooxml.OLE_MAGIC + b"\x00" * 100)
    result = CliRunner().invoke(main, ["check", str(bad), str(SEED_000)])
    assert result.exit_code == 2
    assert "加密" in result.output and "Traceback" not in result.output
    assert "第85行" in result.output


def test_document_xml_helper_is_wellformed():
    # the builder itself: a sanity check that tests above exercise real OOXML
    from xml.etree import ElementTree as ET

    ET.fromstring(document_xml(p("甲") + tbl(tr(tc("1", span=2)), grid=2)))


# --------------------------------------------------------------------------- list numbering

NUMBERING = numbering_xml(
    '<w:abstractNum w:abstractNumId="0">'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
    '<w:pStyle w:val="1"/><w:suff w:val="nothing"/><w:lvlText w:val="%1、"/></w:lvl>'
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
    '<w:suff w:val="nothing"/><w:lvlText w:val="（%2）"/></w:lvl>'
    '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
    '<w:suff w:val="nothing"/><w:lvlText w:val="%3."/></w:lvl>'
    "</w:abstractNum>"
    '<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/>'
    '<w:lvlText w:val="\uf06c"/></w:lvl></w:abstractNum>'
    '<w:abstractNum w:abstractNumId="2"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
    '<w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>'
    '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
    '<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>'
    '<w:num w:numId="3"><w:abstractNumId w:val="0"/>'
    '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'
    '<w:num w:numId="4"><w:abstractNumId w:val="2"/></w:num>'
)

LINKED_STYLES = STYLES.replace(
    '<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:basedOn w:val="a"/>',
    '<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:basedOn w:val="a"/>'
    '<w:pPr><w:numPr><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="0"/></w:pPr>',
)


def test_word_list_numbers_are_rendered_as_printed():
    body = (
        p("收入支出决算总体情况说明", style="1")  # numbered through its style
        + p("收入", num=(1, 1))
        + p("支出", num=(1, 1))
        + p("基本支出", num=(1, 2))
        + p("收入决算情况说明", style="1")
        + p("财政拨款收入", num=(1, 1))  # restarted by the level above
        + p("要点", num=(2, 0))  # a bullet adds nothing
        + p(
            '<w:pPr><w:pStyle w:val="1"/><w:numPr><w:numId w:val="0"/></w:numPr></w:pPr>',
            r("不编号"),
        )
        + p("新的列表", num=(3, 0))  # startOverride restarts the shared list
        + tbl(tr(tc(p("项目年度目标完成情况", num=(4, 0))), tc(p("实施内容", num=(4, 0)))), grid=2)
    )
    doc = read_docx(
        "n.docx", package(body, numbering=NUMBERING, styles=LINKED_STYLES.format(ns=NS))
    )
    paragraphs = [b.text.text for b in doc.blocks if isinstance(b, Paragraph)]
    assert paragraphs == [
        "一、收入支出决算总体情况说明",
        "（一）收入",
        "（二）支出",
        "1.基本支出",
        "二、收入决算情况说明",
        "（一）财政拨款收入",
        "要点",
        "不编号",
        "一、新的列表",
    ]
    assert texts(doc.blocks[-1]) == [["1. 项目年度目标完成情况", "2. 实施内容"]]


def test_numbered_headings_give_the_section_path():
    from govaudit.extract.base.context import ExtractContext

    body = (
        p("收入支出决算总体情况说明", style="1")
        + p("基本支出情况", num=(1, 1))
        + p("2023年度基本支出575.15万元。")
    )
    doc = read_docx(
        "n.docx", package(body, numbering=NUMBERING, styles=LINKED_STYLES.format(ns=NS))
    )
    prose = ExtractContext(doc).prose[-1]
    assert prose.section == ("一、收入支出决算总体情况说明", "（一）基本支出情况")


@pytest.mark.parametrize(
    ("n", "shown"),
    [
        (1, "一"),
        (10, "十"),
        (11, "十一"),
        (20, "二十"),
        (21, "二十一"),
        (100, "一百"),
        (105, "一百零五"),
        (110, "一百一十"),
    ],
)
def test_chinese_counting(n, shown):
    from govaudit.readers.docx_numbering import chinese

    assert chinese(n) == shown
