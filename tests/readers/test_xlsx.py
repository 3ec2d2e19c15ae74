"""The .xlsx reader on a real-shaped 收入支出决算总表 (the figures of the Putuo 财政局 2024
决算, page 6), number formats as Excel shows them, merged cells, and bad workbooks."""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from decimal import Decimal

import openpyxl
import pytest
from click.testing import CliRunner

from govaudit.cli import main
from govaudit.errors import InputError
from govaudit.extract.base.quantities import parse_cell_number
from govaudit.model import Location, Table
from govaudit.readers import ooxml, read_document
from govaudit.readers.docx import read_docx
from govaudit.readers.xlsx import display, format_number, read_xlsx
from tests.readers.docx_builder import p, package
from tests.seeds import SEED_003

SHEET = "Z01 收入支出决算总表(财决01表)"
MONEY = "#,##0.00"

# (收入项目, 决算数, 支出项目, 决算数) as printed in putuo-caizhengju-2024-juesuan.pdf, page 6
PUTUO_ROWS = [
    ("一、一般公共预算财政拨款收入", 2940.05, "一、一般公共服务支出", 2106.66),
    ("二、政府性基金预算财政拨款收入", None, "二、外交支出", None),
    ("三、国有资本经营预算财政拨款收入", None, "三、国防支出", None),
    ("四、上级补助收入", None, "四、公共安全支出", None),
    ("五、事业收入", None, "五、教育支出", None),
    ("六、经营收入", None, "六、科学技术支出", None),
    ("七、附属单位上缴收入", None, "七、文化旅游体育与传媒支出", None),
    ("八、其他收入", 6.2, "八、社会保障和就业支出", 326.71),
    (None, None, "九、卫生健康支出", 60.99),
    (None, None, "十九、住房保障支出", 445.69),
    ("本年收入合计", 2946.25, "本年支出合计", 2940.05),
    ("使用非财政拨款结余（含专用结余）", None, "结余分配", None),
    ("年初结转和结余", 49.14, "年末结转和结余", 55.34),
]


def putuo_workbook() -> openpyxl.Workbook:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = SHEET
    ws["A1"] = "收入支出决算总表"
    ws.merge_cells("A1:D1")
    ws["D2"] = "单位：万元"
    ws["A3"], ws["C3"] = "收入", "支出"
    ws.merge_cells("A3:B3")
    ws.merge_cells("C3:D3")
    ws.append(["项目", "决算数", "项目", "决算数"])
    for row in PUTUO_ROWS:
        ws.append(list(row))
    ws.append([])  # an empty row between the body and the 总计 rows
    ws.append(["总计", 2995.39, "总计", 2995.39])
    ws.append([None, None, None, None])
    ws.merge_cells("A19:A20")  # 总计 and its amounts spread over two rows, as printed
    ws.merge_cells("B19:B20")
    ws.merge_cells("C19:C20")
    ws.merge_cells("D19:D20")
    for row in ws.iter_rows(min_row=5):
        for cell in row:
            if isinstance(cell.value, float):
                cell.number_format = MONEY
    return wb


def xlsx_bytes(wb: openpyxl.Workbook) -> bytes:
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


@pytest.fixture(scope="module")
def putuo() -> Table:
    doc = read_xlsx("putuo.xlsx", xlsx_bytes(putuo_workbook()))
    assert doc.format == "xlsx" and doc.source_lines is None
    (table,) = doc.blocks
    return table


def texts(table: Table) -> list[list[str]]:
    return [[c.text.text for c in row] for row in table.rows]


def test_sheet_is_a_table_titled_with_the_sheet_name(putuo):
    assert putuo.title == SHEET
    assert putuo.loc == Location(sheet=SHEET)
    rows = texts(putuo)
    assert rows[0] == ["收入支出决算总表", "", "", ""]
    assert rows[1] == ["", "", "", "单位：万元"]
    assert rows[3] == ["项目", "决算数", "项目", "决算数"]
    assert rows[4] == [
        "一、一般公共预算财政拨款收入",
        "2,940.05",
        "一、一般公共服务支出",
        "2,106.66",
    ]
    assert ["本年收入合计", "2,946.25", "本年支出合计", "2,940.05"] in rows
    assert ["八、其他收入", "6.20", "八、社会保障和就业支出", "326.71"] in rows


def test_locations_are_excel_rows_and_columns(putuo):
    total = next(row for row in putuo.rows if row[0].text.text == "本年收入合计")
    assert total[1].text.loc == Location(sheet=SHEET, row=15, col=2)
    # the empty row 18 is left out, the 总计 row keeps its real number
    grand = next(row for row in putuo.rows if row[0].text.text == "总计")
    assert grand[3].text.loc == Location(sheet=SHEET, row=19, col=4)


def test_merged_ranges_mark_every_cell_but_the_anchor(putuo):
    title = putuo.rows[0]
    assert title[0].span == 4 and [c.merged for c in title] == [False, True, True, True]
    head = putuo.rows[2]
    assert [c.text.text for c in head] == ["收入", "", "支出", ""]
    assert [c.merged for c in head] == [False, True, False, True]
    assert head[0].span == head[2].span == 2


def test_no_amount_is_counted_twice(putuo):
    amounts = [
        q.value
        for row in putuo.rows
        for c in row
        if not c.merged and (q := parse_cell_number(c.text, 0)) is not None
    ]
    assert amounts.count(Decimal("2995.39")) == 2  # 收入总计 and 支出总计, once each
    assert sum(1 for row in putuo.rows for c in row if c.merged and c.text.text) == 0
    second = next(row for row in putuo.rows if row[0].text.loc.row == 20)
    assert all(c.merged and c.text.text == "" for c in second)


def test_putuo_workbook_is_checked_as_a_table(tmp_path, rules):
    from govaudit.check import check_file

    f = tmp_path / "putuo.xlsx"
    f.write_bytes(xlsx_bytes(putuo_workbook()))
    report = check_file(str(f), rules)
    assert report.status == "ok", report.error
    assert report.findings == []
    assert any(o.status == "held" for o in report.outcomes)  # the table's sums were checked


def test_a_wrong_total_in_the_sheet_is_found_at_its_cell(tmp_path, rules):
    from govaudit.check import check_file

    wb = putuo_workbook()
    wb.active["B15"] = 2956.25  # 本年收入合计, printed 2,946.25
    f = tmp_path / "putuo.xlsx"
    f.write_bytes(xlsx_bytes(wb))
    found = [x for x in check_file(str(f), rules).findings if x.actual == "2956.25"]
    assert found and found[0].expected == "2946.25"
    assert found[0].loc == Location(sheet=SHEET, row=15, col=2)


# --------------------------------------------------------------------------- number formats


@pytest.mark.parametrize(
    ("value", "fmt", "shown"),
    [
        (1442.16, "#,##0.00", "1,442.16"),
        (2940.0, "#,##0.00", "2,940.00"),
        (6.2, "0.00", "6.20"),
        (0.9947, "0.00%", "99.47%"),
        (0.0, "0.00%", "0.00%"),
        (3469.2400000000002, "General", "3469.24"),  # float noise from a sum
        (0.1 + 0.2, "General", "0.3"),
        (2940, "General", "2940"),
        (2940.0, "General", "2940"),
        (2.675, "0.00", "2.68"),  # as Excel rounds it, although the double is 2.67499…
        (12.345, '0.00"万元"', "12.35万元"),
        (-1234.5, "#,##0.00_);[Red](#,##0.00)", "-1,234.50"),
        (12.5, "#,##0.##", "12.5"),
        (12.0, "#,##0.##", "12"),
        (1234567, "#,##0,", "1,235"),
        (5, "[$¥-804]#,##0.00", "¥5.00"),
        (3.14159, "0.0#", "3.14"),
        (1e-07, "General", "0.0000001"),
        (123456789012345678.0, "General", "123456789012346000"),
    ],
)
def test_numbers_read_as_excel_shows_them(value, fmt, shown):
    assert format_number(value, fmt) == shown


def test_other_values():
    assert display(dt.datetime(2024, 12, 31), "yyyy-mm-dd") == "2024-12-31"
    assert display(dt.datetime(2024, 12, 31, 8, 30), "yyyy-mm-dd h:mm") == "2024-12-31 08:30:00"
    assert display(True, "General") == "TRUE"
    assert display("  合计\r\n（万元） ", "General") == "合计\n（万元）"
    assert display(None, "General") == ""


def test_dates_in_a_sheet_are_iso_text():
    wb = openpyxl.Workbook()
    wb.active["A1"] = "截至日期"
    wb.active["B1"] = dt.date(2023, 12, 31)
    (table,) = read_xlsx("d.xlsx", xlsx_bytes(wb)).blocks
    assert texts(table) == [["截至日期", "2023-12-31"]]


# --------------------------------------------------------------------------- formulas, sheets


def test_workbook_with_formulas_but_no_values_is_explained():
    wb = openpyxl.Workbook()  # openpyxl saves formulas without calculating them
    ws = wb.active
    ws["A1"] = "=1+1"
    ws["A2"] = "=SUM(A1:A1)"
    with pytest.raises(InputError) as info:
        read_xlsx("f.xlsx", xlsx_bytes(wb))
    assert "2 个公式没有计算结果" in info.value.zh
    assert "请在 Excel 或 WPS 中打开并保存一次后再检查" in info.value.zh
    assert "without calculating" in info.value.en


def _basic_expenses(total: str = "=SUM(B1:B2)") -> openpyxl.Workbook:
    """The 基本支出 of seed 000 (line 85) as a script would write it: the total a formula."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["人员经费", 461.75])
    ws.append(["公用经费", 89.33])
    ws.append(["基本支出合计", total])
    return wb


def test_a_total_written_as_a_formula_without_its_value_is_not_read_as_empty():
    """Labels and parts have values, the total is a formula nobody calculated: reading on
    would check everything but the total and pass the file. It is refused with the advice."""
    with pytest.raises(InputError) as info:
        read_xlsx("partial.xlsx", xlsx_bytes(_basic_expenses()))
    assert "「Sheet」中有 1 个公式没有计算结果" in info.value.zh
    assert "Excel 或 WPS 中打开并保存一次" in info.value.zh


def test_formulas_saved_with_their_values_are_read_as_excel_shows_them():
    """Excel stores each formula's result beside it (<f>…</f><v>551.08</v>)."""
    data = _rewrite(
        xlsx_bytes(_basic_expenses()),
        "xl/worksheets/sheet1.xml",
        # an empty value as openpyxl writes it: "<v/>", or "<v></v>" when it writes with lxml
        lambda body: (
            body.replace(b"<v />", b"<v>551.08</v>")
            .replace(b"<v/>", b"<v>551.08</v>")
            .replace(b"<v></v>", b"<v>551.08</v>")
        ),
    )
    doc = read_xlsx("saved.xlsx", data)
    assert texts(doc.blocks[0])[2] == ["基本支出合计", "551.08"]
    assert doc.meta["formulas_without_values"] == {}


def test_hidden_sheets_are_left_out():
    wb = putuo_workbook()
    hidden = wb.create_sheet("辅助")
    hidden["A1"] = "不公开"
    hidden.sheet_state = "hidden"
    doc = read_xlsx("h.xlsx", xlsx_bytes(wb))
    assert [t.title for t in doc.blocks] == [SHEET]
    assert doc.meta["hidden_sheets"] == ["辅助"]


def test_several_sheets_in_workbook_order():
    wb = putuo_workbook()
    wb.create_sheet("Z02 收入决算表(财决03表)")["A1"] = "收入决算表"
    wb.create_sheet("空表")
    doc = read_xlsx("m.xlsx", xlsx_bytes(wb))
    assert [t.title for t in doc.blocks] == [SHEET, "Z02 收入决算表(财决03表)"]


def _rewrite(data: bytes, member: str, fn) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            body = src.read(info.filename)
            z.writestr(info.filename, fn(body) if info.filename == member else body)
    return out.getvalue()


def test_a_wrong_dimension_does_not_cut_rows_off():
    data = xlsx_bytes(putuo_workbook())
    data = _rewrite(
        data,
        "xl/worksheets/sheet1.xml",
        lambda b: b.replace(b'<dimension ref="A1:D20" />', b'<dimension ref="A1" />'),
    )
    (table,) = read_xlsx("dim.xlsx", data).blocks
    assert table.rows[-1][0].text.loc.row == 20


# --------------------------------------------------------------------------- bad input


def _error(data: bytes, name: str = "bad.xlsx") -> InputError:
    with pytest.raises(InputError) as info:
        read_xlsx(name, data)
    return info.value


def test_not_a_zip():
    e = _error(b"PK\x03\x04 garbage")
    assert "不是有效的 .xlsx 文件" in e.zh and "另存为 .xlsx" in e.zh


def test_encrypted_or_old_xls():
    e = _error(ooxml.OLE_MAGIC + b"\x00" * 100)
    assert "加密" in e.zh and ".xls" in e.zh


def test_zip_that_is_no_workbook():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("a.txt", "x")
    e = _error(buf.getvalue())
    assert "不是 Excel 工作簿" in e.zh


def test_empty_workbook():
    e = _error(xlsx_bytes(openpyxl.Workbook()))
    assert "工作表都是空的" in e.zh


def test_dtd_in_a_sheet_is_refused():
    data = _rewrite(
        xlsx_bytes(putuo_workbook()),
        "xl/worksheets/sheet1.xml",
        lambda b: b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]>' + b,
    )
    e = _error(data)
    assert "DTD/实体声明" in e.zh


def test_zip_bomb_is_refused(monkeypatch):
    monkeypatch.setattr(ooxml, "MAX_PART_BYTES", 2_000)
    e = _error(xlsx_bytes(putuo_workbook()))
    assert "解压后过大" in e.zh


def test_damaged_workbook_part():
    data = _rewrite(xlsx_bytes(putuo_workbook()), "xl/styles.xml", lambda b: b"<styleSheet")
    e = _error(data)
    assert "已损坏" in e.zh


def test_word_and_excel_files_with_the_wrong_name_are_still_read(tmp_path):
    word_as_xlsx = tmp_path / "report.xlsx"
    word_as_xlsx.write_bytes(package(p("本年收入合计3469.24万元。")))
    doc = read_document(word_as_xlsx)
    assert doc.format == "docx"
    assert doc.blocks[0].text.text == "本年收入合计3469.24万元。"
    excel_as_docx = tmp_path / "tables.docx"
    excel_as_docx.write_bytes(xlsx_bytes(putuo_workbook()))
    doc = read_document(excel_as_docx)
    assert doc.format == "xlsx"
    assert doc.blocks[0].title == SHEET


def test_each_reader_refuses_the_other_kind_of_package_with_a_clear_message():
    with pytest.raises(InputError) as e:
        read_xlsx("report.xlsx", package(p("本年收入合计3469.24万元。")))
    assert "不是 Excel 工作簿" in e.value.zh
    with pytest.raises(InputError) as e:
        read_docx("tables.docx", xlsx_bytes(putuo_workbook()))
    assert "不是 Word 文档" in e.value.zh and "Excel 工作簿" in e.value.zh


def test_read_document_dispatches_xlsx(tmp_path):
    f = tmp_path / "附表.xlsx"
    f.write_bytes(xlsx_bytes(putuo_workbook()))
    assert read_document(f).blocks[0].title == SHEET


def test_cli_bad_xlsx_exits_2_and_the_good_file_is_still_reported(tmp_path):
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"PK\x03\x04 damaged")
    r = CliRunner().invoke(main, ["check", "--format", "json", str(bad), str(SEED_003)])
    assert r.exit_code == 2
    files = {f["path"]: f for f in json.loads(r.output)["files"]}
    assert files[str(bad)]["status"] == "error" and ".xlsx" in files[str(bad)]["error"]
    assert files[str(SEED_003)]["status"] == "ok" and files[str(SEED_003)]["findings"]
