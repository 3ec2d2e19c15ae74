"""extract/document/template.py: which set of tables a document follows and which tables it
lists — on the real 江苏 and Putuo budgets, and on 江苏 copies with one of their own tables
taken out."""

from __future__ import annotations

import copy
from functools import cache

import pytest

from govaudit.check import check_document, load_rules
from govaudit.model import Paragraph, Table
from tests.seeds import FIXTURES, read

JS = FIXTURES / "pdf" / "jiangsu"
RENDA_2018 = JS / "js-renda-2018-yusuan.pdf"  # text and its twelve tables, a 目录
ZHENGXIE_2019_TABLES = JS / "js-zhengxie-2019-yusuan-biao.pdf"  # 公开01–12表, no 目录
OFFICE = FIXTURES / "pdf" / "budget" / "putuo-zhengfuban-2025-yusuan.pdf"
RULES = load_rules()


@cache
def _doc(path):
    return read(path)


def _without_table(path, words: str):
    """The document with the table whose title contains `words` taken out (its title lines
    and the table), as if the department had not published it."""
    doc = copy.deepcopy(_doc(path))
    for i, b in enumerate(doc.blocks):
        if isinstance(b, Table):
            before = [x for x in doc.blocks[max(0, i - 5) : i] if isinstance(x, Paragraph)]
            if any(words in p.text.text for p in before):
                start = i - 1
                while start >= 0 and isinstance(doc.blocks[start], Paragraph) and i - start <= 5:
                    start -= 1
                del doc.blocks[start + 1 : i + 1]
                return doc
    raise AssertionError(f"no table titled {words}")


def test_a_jiangsu_document_follows_its_twelve_and_lists_them():
    from govaudit.extract.base.context import ExtractContext
    from govaudit.extract.document import identity, template

    ctx = ExtractContext(_doc(RENDA_2018))
    ctx.info = identity.identify(ctx)
    got = template.read(ctx)
    assert got.name == "公开表"
    assert len(got.listed) == 12
    assert got.listed[0].title == "一、收支预算总表" and got.listed[0].loc.page == 2
    assert got.listed[-1].table.name == "政府采购预算表"


def test_a_shanghai_budget_follows_the_nine():
    from govaudit.extract.base.context import ExtractContext
    from govaudit.extract.document import identity, template

    ctx = ExtractContext(_doc(OFFICE))
    ctx.info = identity.identify(ctx)
    assert template.read(ctx).name == "九张表"


@pytest.mark.parametrize("path", [RENDA_2018, ZHENGXIE_2019_TABLES])
def test_the_real_documents_contain_every_table_they_list(path):
    report = check_document(copy.deepcopy(_doc(path)), RULES)
    assert not [f for f in report.findings if f.rule == "GA-YS-000"]


def test_a_table_taken_out_of_a_document_with_a_contents_list_is_named_once():
    doc = _without_table(RENDA_2018, "会议费、培训费")
    report = check_document(doc, RULES)
    (f,) = [f for f in report.findings if f.rule == "GA-YS-000"]
    assert f.message == (
        "未找到预算表「九、一般公共预算“三公”经费、会议费、培训费支出预算表」："
        "本文件目录列出了这张表，文件中却没有找到它"
    )
    assert f.loc.page == 2  # its line in the 目录
    assert not any("九张" in g.message for g in report.findings)


def test_a_table_taken_out_of_a_tables_file_is_named_by_its_set():
    doc = _without_table(ZHENGXIE_2019_TABLES, "机关运行经费")
    report = check_document(doc, RULES)
    (f,) = [f for f in report.findings if f.rule == "GA-YS-000"]
    assert f.message.startswith("未找到预算表「一般公共预算机关运行经费支出预算表」：")
    assert "按“公开01–12表”编号的十二张预算表" in f.message
    assert not any("九张" in g.message for g in report.findings)
