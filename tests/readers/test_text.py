"""The text reader on real seed text: encodings, line numbers, debris, table recovery."""

from __future__ import annotations

import pytest

from govaudit.errors import InputError
from govaudit.model import Paragraph, Table
from govaudit.readers import read_document
from govaudit.readers.text import read_text
from tests.seeds import SEED_000, SEED_001, SEED_002, seed_line

LINE_85 = seed_line(SEED_000, 85)


def _paragraph_at(doc, line: int) -> Paragraph:
    for b in doc.blocks:
        if isinstance(b, Paragraph) and b.text.loc.line == line:
            return b
    raise AssertionError(f"no paragraph at line {line}")


def test_utf8_seed_keeps_original_line_numbers():
    doc = read_text(str(SEED_000), SEED_000.read_bytes())
    assert _paragraph_at(doc, 85).text.text == LINE_85.strip()
    assert doc.line_text(85) == LINE_85


@pytest.mark.parametrize(
    ("encoding", "newline", "bom"),
    [
        ("utf-8", "\n", b""),
        ("utf-8", "\r\n", b"\xef\xbb\xbf"),
        ("gb18030", "\r\n", b""),
        ("gbk", "\n", b""),
        ("utf-16", "\r\n", b""),  # Python writes the BOM itself
    ],
)
def test_encodings_and_line_endings_give_the_same_lines(encoding, newline, bom):
    lines = SEED_000.read_text(encoding="utf-8").split("\n")[:120]
    data = bom + newline.join(lines).encode(encoding)
    doc = read_text("copy.txt", data)
    assert _paragraph_at(doc, 85).text.text == LINE_85.strip()
    assert doc.line_text(31) == lines[30]


def test_gb18030_copy_gives_the_same_findings(tmp_path, rules):
    from govaudit.check import check_file

    copy = tmp_path / "000-gb18030.txt"
    copy.write_bytes(SEED_000.read_text(encoding="utf-8").encode("gb18030"))
    original = check_file(str(SEED_000), rules)
    converted = check_file(str(copy), rules)
    assert [(f.rule, f.loc.line, f.expected, f.actual) for f in converted.findings] == [
        (f.rule, f.loc.line, f.expected, f.actual) for f in original.findings
    ]


def test_binary_file_is_a_clear_error(tmp_path):
    p = tmp_path / "junk.txt"
    p.write_bytes(bytes(range(256)) * 10)
    with pytest.raises(InputError) as exc:
        read_document(p)
    assert "二进制" in exc.value.zh


def test_unknown_encoding_is_a_clear_error(tmp_path):
    p = tmp_path / "latin.txt"
    # Shift-JIS half-width katakana bytes are not valid UTF-8 and decode as GB18030 noise
    p.write_bytes("ｱｲｳｴｵｶｷｸｹｺ ｻｼｽｾｿ ﾀﾁﾂﾃﾄ\n".encode("shift_jis") * 20 + b"\x81\x30")
    with pytest.raises(InputError) as exc:
        read_document(p)
    assert "编码" in exc.value.zh


def test_empty_file_is_a_clear_error(tmp_path):
    p = tmp_path / "empty.txt"
    p.write_bytes(b"")
    with pytest.raises(InputError) as exc:
        read_document(p)
    assert "为空" in exc.value.zh


def test_missing_file_and_folder_are_clear_errors(tmp_path):
    with pytest.raises(InputError, match="找不到文件"):
        read_document(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="文件夹"):
        read_document(tmp_path)


def test_bookmark_debris_is_removed_but_lines_are_kept():
    doc = read_text(str(SEED_001), SEED_001.read_bytes())
    p = _paragraph_at(doc, 25)
    assert p.text.text.startswith("2022年本年支出合计2013.29万元")
    assert "[bookmark" not in (doc.line_text(25) or "")


def _tables(doc) -> list[Table]:
    return [b for b in doc.blocks if isinstance(b, Table)]


def test_tab_layout_tables_are_recovered_with_cells_and_lines():
    doc = read_text(str(SEED_000), SEED_000.read_bytes())
    table = _tables(doc)[0]
    rows = [[c.text.text for c in r] for r in table.rows]
    header = next(r for r in rows if r and r[0] == "预算执行情况（10分）")
    assert header[2:8] == ["年初预算", "调整后预算数", "预算执行数", "预算执行率", "权重", "得分"]
    total = next(r for r in rows if len(r) > 2 and r[1] == "总额")
    assert total[2:8] == ["19.00", "19.00", "18.90", "99.47%", "10", "9.9"]
    # a cell continued on later lines ("实施\n\n单位\n\n（盖章）") stays one cell
    assert any("实施\n单位\n（盖章）" in c for r in rows for c in r)
    # the 合计 row of the first table, with its line
    for r in table.rows:
        if r and r[0].text.text == "合计":
            assert [c.text.text for c in r[:3]] == ["合计", "100", "99.9"]
            assert r[2].text.loc.line == 370
            break
    else:
        raise AssertionError("合计 row not found")


def test_a_row_split_by_an_empty_paragraph_is_rejoined():
    """001 line 4410: the cell "LED大屏" ends with an empty paragraph in Word."""
    doc = read_text(str(SEED_001), SEED_001.read_bytes())
    rows = [[c.text.text for c in r] for t in _tables(doc) for r in t.rows]
    led = next(r for r in rows if "LED大屏" in r)
    assert led[3:10] == ["LED大屏", "=", "40", "平方米", "100%", "4", "4"]


def test_pipe_rows_are_a_table():
    doc = read_text(
        "t.txt", "说明\n| 合计 | 100 | 99.9 |\n|---|---|---|\n| 总额 | 19.00 | 18.90 |\n".encode()
    )
    (table,) = _tables(doc)
    assert [[c.text.text for c in r] for r in table.rows] == [
        ["合计", "100", "99.9"],
        ["总额", "19.00", "18.90"],
    ]
    assert table.rows[1][2].text.loc.line == 4


def test_mixed_encodings_are_a_clear_error(tmp_path):
    lines = SEED_000.read_text(encoding="utf-8").split("\n")[:40]
    data = "\n".join(lines[:30]).encode("utf-8") + b"\n" + "\n".join(lines[30:]).encode("gb18030")
    p = tmp_path / "mixed.txt"
    p.write_bytes(data)
    with pytest.raises(InputError) as exc:
        read_document(p)
    assert "混有不同的文字编码" in exc.value.zh


def test_gbk_file_is_not_taken_for_mixed():
    data = SEED_000.read_text(encoding="utf-8").encode("gbk", errors="ignore")
    doc = read_text("gbk.txt", data)
    assert doc.line_text(85) == LINE_85


def test_a_page_printed_twice_in_a_paged_text_is_read_once(rules):
    """A text converted from a PDF separates pages with a form feed. Seed 002 paged so that
    its lines 21–30 (2022年度收支情况) are one page, then that page printed again: the copy
    is left out (its lines blank, their numbers kept) and named once; every other finding is
    the real file's, ten lines further on after the copy."""
    from govaudit.check import check_document

    lines = SEED_002.read_text(encoding="utf-8").split("\n")
    page = lines[20:30]
    paged = [*lines[:20], "\f" + page[0], *page[1:], "\f" + page[0], *page[1:]]
    paged += ["\f" + lines[30], *lines[31:]]
    doc = read_text("002-paged.txt", "\n".join(paged).encode("utf-8"))
    assert doc.meta["repeated_pages"] == [{"page": 3, "same_as": 2, "line": 31}]
    assert all(doc.source_lines[i] == "" for i in range(30, 40))
    original = check_document(read_document(SEED_002), rules)
    report = check_document(doc, rules)
    moved = [
        (f.rule, f.loc.line + (10 if f.loc.line > 30 else 0), f.message) for f in original.findings
    ]
    assert [(f.rule, f.loc.line, f.message) for f in report.findings] == sorted(
        [
            *moved,
            (
                "GA-ART-005",
                31,
                "第3页（第31行起）与第2页的内容完全相同：同一页印了两次。"
                "这一页只按一次核对，其中的数不重复计算",
            ),
        ],
        key=lambda x: x[1],
    )
