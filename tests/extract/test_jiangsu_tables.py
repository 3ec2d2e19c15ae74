"""The twelve 公开表 of 江苏's provincial budgets, read by the glossary
(rules/vocab/glossary.yaml, template 公开表) through extract/tables/fin_tables.py."""

from __future__ import annotations

import copy
from functools import cache

from govaudit.check import check_document, load_rules
from govaudit.extract import extract
from govaudit.model import Table
from tests.seeds import FIXTURES, every_finding, read

JS = FIXTURES / "pdf" / "jiangsu"
TABLES_2019 = JS / "js-zhengxie-2019-yusuan-biao.pdf"
FAYUAN_2018 = JS / "js-fayuan-2018-yusuan.pdf"
RULES = load_rules()


@cache
def _doc(path):
    return read(path)


def _check(doc):
    return check_document(doc, RULES)


def test_every_table_of_a_tables_file_is_read_and_adds_up():
    report = _check(copy.deepcopy(_doc(TABLES_2019)))
    assert report.findings == []
    assert report.figures.table.total >= 150
    assert report.figures.table.checked >= report.figures.table.total - 3
    held = {o.rule for o in report.outcomes if o.status == "held"}
    assert {"GA-TAB-001", "GA-TAB-002", "GA-TAB-010", "GA-YS-025"} <= held


def _edited_cell(path, old: str, new: str, near: str):
    doc = copy.deepcopy(_doc(path))
    for b in doc.blocks:
        if isinstance(b, Table):
            for row in b.rows:
                texts = [c.text.text for c in row]
                if old in texts and near in "|".join(
                    texts + [t for r in b.rows[:3] for t in (c.text.text for c in r)]
                ):
                    row[texts.index(old)].text.text = new
                    return doc
    raise AssertionError(old)


def test_the_three_gong_subtotal_is_the_sum_of_its_group():
    # 公开09表: 合计 2,224.43 | 三公 小计 660.10 | 106.00 | 车 小计 156.60 | | 156.60 | 397.50 | …
    doc = _edited_cell(TABLES_2019, "660.10", "666.10", "会议费")
    found = [(f.rule, f.loc.page) for f in _check(doc).findings]
    assert ("GA-TAB-001", 9) in found


def test_the_procurement_outline_adds_up_by_level():
    # 公开12表: 一、货物A 350.00 = 办公设备购置费 300.00 + 省政协专项会议 50.00
    doc = _edited_cell(TABLES_2019, "300.00", "310.00", "采购品目大类")
    msgs = [f.message for f in every_finding(_check(doc)) if f.rule == "GA-TAB-001"]
    assert any("「一、货物A」" in m and "350.00" in m for m in msgs)


def test_figures_of_different_funds_are_never_compared():
    # 01表 一般公共服务支出 10,271.56 (all funds, 其他资金 80 included) and 05/07表 201
    # 10,191.56 (财政拨款 / 一般公共预算): one subject, three keys that differ by scope
    ledger = extract(copy.deepcopy(_doc(TABLES_2019))).ledger
    keys = {
        e.quantity.text: e.key for e in ledger.keyed() if e.key and e.key.concept == "科目201·支出"
    }
    assert keys["10,271.56"].scope == "全部资金"
    assert keys["10,191.56"].scope in ("财政拨款", "一般公共预算")


def test_a_table_cut_by_the_page_keeps_its_first_row():
    # 法院 2018 财政拨款基本支出预算表 (p11–12): the row 30108 at the top of page 12 has no
    # rule above it; it is the table's row, not loose text
    doc = _doc(FAYUAN_2018)
    tables = [b for b in doc.blocks if isinstance(b, Table)]
    rows = [
        [c.text.text for c in r] for t in tables for r in t.rows if r and r[0].text.text == "30108"
    ]
    assert ["30108", "机关事业单位基本养老保险缴费", "1,326.81"] in rows
    report = _check(copy.deepcopy(doc))
    assert not [f for f in report.findings if f.rule in ("GA-TAB-001", "GA-TAB-002")]
