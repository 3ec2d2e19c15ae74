"""The budget sentences (extract/budget_items.py): the item paragraphs of 预算编制说明 in the
three forms the corpus shows, found in the tables by code and names (renamed ones too), keyed
in the ledger; a budget naming its own kind; vehicles; project funds."""

from __future__ import annotations

import re

import pytest

from govaudit.check import check_document, load_rules
from govaudit.extract import extract
from govaudit.extract.base.ledger import PRIOR_YEAR, THIS_YEAR, Key
from govaudit.extract.crossref import budget_items
from govaudit.model import Document, Paragraph
from govaudit.readers import read_document
from govaudit.readers.text import read_text
from tests.edits import edit
from tests.seeds import FIXTURES, extracted

BUDGET = FIXTURES / "pdf" / "budget"

COVER_2024 = "上海市普陀区2024年区级部门预算\n"
# 万里街道 2024 部门预算, page 6, item 2
ITEM_2 = (
    "2.“一般公共服务支出（类）群众团体事务（款）一般行政管理事务（项）”42.60万元，主要用于群众团体"
    "事务一般行政管理事务。2023年当年预算执行数为45.41万元，2024年预算安排42.60万元，比2023年预算"
    "执行数减少6.19%。主要原因是：群众团体事务一般行政管理事务经费减少。"
)
# the same document, page 7, item 10: 持平, no rate
ITEM_10 = (
    "10.“科学技术支出（类）科学技术普及（款）科普活动（项）”10.00万元，主要用于科普活动。2023年当年"
    "预算执行数为10.00万元，2024年预算安排10.00万元，比2023年预算执行数持平。主要原因是：科普活动经费"
    "保持不变。"
)
# 区政府办公室 2025, page 6: the dash form with 科目
DASH = "1.“一般公共服务支出-政府办公厅（室）及相关机构事务-行政运行”科目1,202.95万元，主要用于行政单位的基本支出。"
# 商务委员会 2025, page 8: a 款 bracket closed half-width
MIXED = "11.“卫生健康支出（类）行政事业单位医疗（款)行政单位医疗（项）”63.19万元，主要用于行政单位医疗金缴纳。"


def items(text: str):
    doc = read_text("<test>", text.encode("utf-8"))
    found = extract(doc)
    return [f.fields for f in found.facts if f.kind == "budget_item"], found


def test_the_item_paragraph_with_its_execution_budget_and_rate():
    (item,), _ = items(COVER_2024 + ITEM_2 + "\n")
    assert item["subject"] == "一般公共服务支出（类）群众团体事务（款）一般行政管理事务（项）"
    assert (item["amount"].text, item["planned"].text, item["executed"].text) == (
        "42.60万元",
        "42.60万元",
        "45.41万元",
    )
    assert (item["rate"].text, item["direction"], item["reason_direction"]) == (
        "6.19%",
        "减少",
        "减少",
    )
    assert (item["executed_year"], item["planned_year"], item["report_year"]) == (2023, 2024, 2024)
    assert item["code"] is None and item["known"] == 0  # no table to look it up in


def test_flat_has_no_rate():
    (item,), _ = items(COVER_2024 + ITEM_10 + "\n")
    assert (item["rate"], item["direction"], item["reason_direction"]) == (None, "持平", "持平")


@pytest.mark.parametrize(
    ("text", "subject", "amount"),
    [
        (DASH, "一般公共服务支出-政府办公厅（室）及相关机构事务-行政运行", "1,202.95万元"),
        (MIXED, "卫生健康支出（类）行政事业单位医疗（款)行政单位医疗（项）", "63.19万元"),
    ],
)
def test_the_other_written_forms(text, subject, amount):
    (item,), _ = items("上海市普陀区2025年区级部门预算\n" + text + "\n")
    assert (item["subject"], item["amount"].text, item["planned"]) == (subject, amount, None)


def test_two_items_run_together_are_read_apart():
    """A reader that joins two paragraphs must not give item 2's figures to item 10."""
    got, _ = items(COVER_2024 + ITEM_10.replace("比2023年预算执行数持平。", "") + ITEM_2 + "\n")
    assert [(i["amount"].text, i["executed"].text) for i in got] == [
        ("10.00万元", "10.00万元"),
        ("42.60万元", "45.41万元"),
    ]
    assert got[0]["rate"] is None


def test_the_figures_are_the_subjects_budget_and_last_years_execution():
    name = BUDGET / "putuo-wanli-2024-yusuan.pdf"
    found = extracted(name)
    this = Key("科目2210201·支出", "一般公共预算", THIS_YEAR, "", "预算数")
    prior = Key("科目2210201·支出", "一般公共预算", PRIOR_YEAR, "", "执行数")
    got = {
        k: sorted((e.source, e.quantity.text) for e in found.ledger.entries.values() if e.key == k)
        for k in (this, prior)
    }
    # page 9, item 31: heading 350.35, 预算安排 352.67; the table's 3,503,499元 (page 26)
    assert got[this] == [("prose", "350.35万元"), ("prose", "352.67万元"), ("table", "3,503,499")]
    assert got[prior] == [("prose", "348.52万元")]


def test_every_item_of_wanli_2025_is_found_in_the_tables_one_by_its_other_names():
    found = extracted(BUDGET / "putuo-wanli-2025-yusuan.pdf")
    got = [f.fields for f in found.facts if f.kind == "budget_item"]
    assert len(got) == 33 and all(i["code"] for i in got)
    renamed = [(i["subject"], i["code"]) for i in got if i["renamed"]]
    # page 7, item 21: the 款 written where the 类 is repeated, the 款 as the 项
    assert renamed == [("卫生健康支出（类）卫生健康支出（款）计划生育事务（项）", "2100717")]


def test_a_former_class_name_is_the_same_class():
    """医疗卫生与计划生育支出 was 卫生健康支出 (210) until 2018."""
    table = (
        "2025年部门一般公共预算支出功能分类预算表\n"
        "| 科目编码 | 科目名称 | 合计 | 基本支出 | 项目支出 |\n"
        "| 210 | 卫生健康支出 | 63.19 | 63.19 | |\n"
        "| 21011 | 行政事业单位医疗 | 63.19 | 63.19 | |\n"
        "| 2101101 | 行政单位医疗 | 63.19 | 63.19 | |\n"
    )
    text = MIXED.replace("卫生健康支出（类）", "医疗卫生与计划生育支出（类）")
    (item,), _ = items("上海市普陀区2025年区级部门预算\n" + table + text + "\n")
    assert (item["code"], item["renamed"]) == ("2101101", False)


def test_a_unit_budget_naming_its_kind():
    name = BUDGET / "putuo-zhengfuban-unit-2025-yusuan.pdf"
    found = extracted(name)
    words = [(f.loc.page, f.fields["word"]) for f in found.facts if f.kind == "budget_self_name"]
    # page 21: "2025年单位预算安排购置车辆0辆…；单位预算安排购置单价100万元…"; the
    # 经济分类 table's "部门预算经济分类" and "预算主管部门" are no self-reference
    assert (21, "单位预算") in words
    assert all(w == "单位预算" for _, w in words)


def test_vehicles_and_project_funds():
    found = extracted(BUDGET / "putuo-wanli-2024-yusuan.pdf")
    (v,) = [f.fields for f in found.facts if f.kind == "budget_vehicles"]
    assert (v["vehicles"].text, v["purchase"].text, v["purchase"].loc.page) == ("1辆", "25", 31)
    (p,) = [f.fields for f in found.facts if f.kind == "budget_projects"]
    # page 32: 涉及项目预算资金5634.81万元; 支出预算总表 项目支出 合计 56,505,103元 (page 20)
    assert (p["performance"].text, p["projects"].text) == ("5634.81万元", "56,505,103")


def test_nothing_of_this_in_a_final_account():
    found = extracted(FIXTURES / "pdf" / "putuo-caizhengju-2024-juesuan.pdf")
    assert not [f for f in found.facts if f.kind in budget_items.KINDS]


# --------------------------------------------------------------------------- the profile

ZFB = BUDGET / "putuo-zhengfuban-2025-yusuan.pdf"
ZFB_UNIT = BUDGET / "putuo-zhengfuban-unit-2025-yusuan.pdf"


@pytest.fixture(scope="module")
def rules():
    return load_rules()


def _class_items(doc: Document) -> dict[str, str]:
    """区政府办公室 2025, pages 6–7: its twelve 项 paragraphs explained instead per 类, in
    whole 万元 (8,209.68 → 8,210; 421.38 → 421; 109.71 → 110; 360.91 → 361)."""
    items = [
        b.text.text
        for b in doc.blocks
        if isinstance(b, Paragraph) and re.match(r"\d{1,2}\.“[^”]+-[^”]+”科目", b.text.text)
    ]
    assert len(items) == 12
    new = {
        items[0]: "1.“一般公共服务支出（类）”8,210万元，主要用于政府办公厅（室）及相关机构事务。",
        items[4]: "2.“社会保障和就业支出（类）”421万元，主要用于行政事业单位养老支出。",
        items[8]: "3.“卫生健康支出（类）”110万元，主要用于行政事业单位医疗。",
        items[10]: "4.“住房保障支出（类）”361万元，主要用于住房改革支出。",
    }
    new.update({items[i]: "" for i in (1, 2, 3, 5, 6, 7, 9, 11)})
    return new


def test_items_explained_per_class_in_whole_wan_yuan_owe_no_item_per_xiang(rules):
    assert extract(read_document(ZFB)).info.profile.explanation_level == "项"
    doc = read_document(ZFB)
    edit(doc, _class_items(doc))
    report = check_document(doc, rules)
    assert report.info.profile.explanation_level == "类"
    assert report.findings == []
    # the four 类 paragraphs are summed against the total (9,101.68 within 9,100–9,104)
    assert ("GA-YS-014", "held") in {(o.rule, o.status) for o in report.outcomes}
    assert not [o for o in report.outcomes if o.rule == "GA-YS-015"]


def test_a_class_without_its_paragraph_is_still_missing(rules):
    doc = read_document(ZFB)
    changes = _class_items(doc)
    housing = next(k for k, v in changes.items() if v.startswith("4.“住房保障支出"))
    changes[housing] = ""
    edit(doc, changes)
    report = check_document(doc, rules)
    assert [(f.rule, f.loc.describe(), f.message) for f in report.findings] == [
        (
            "GA-YS-015",
            "第13页表4第16行第4列",
            "预算编制说明列出 3 项科目说明（合计 8741 万元，支出预算合计 9101.6775 万元），"
            "表中以下有预算的科目没有说明：221 住房保障支出",
        )
    ]


def test_a_variant_character_names_the_same_subject(rules):
    """其它 for 其他 (page 6, item 4): the item is the table's 2010399, nothing is "missing",
    no message prints an empty 「」, and the items are still summed against the total."""
    doc = read_document(ZFB)
    assert edit(doc, {"-其他政府办公厅": "-其它政府办公厅"}) == {"-其他政府办公厅": 1}
    found = extract(doc)
    (item,) = [
        f.fields for f in found.facts if f.kind == "budget_item" and "其它" in f.fields["subject"]
    ]
    assert (item["code"], item["renamed"]) == ("2010399", False)
    report = check_document(doc, rules)
    assert report.info.profile.variants == {"其它": "其他"}
    assert report.findings == []
    assert ("GA-YS-014", "held") in {(o.rule, o.status) for o in report.outcomes}


def test_a_duty_to_deepen_the_budget_reform_is_no_self_reference(rules):
    """A 单位预算 whose 职能 list says "深化部门预算改革" does not call itself a 部门预算."""
    doc = read_document(ZFB_UNIT)
    duty = "6.负责区政府系统目标管理及市、区政府实事项目的推进、指导、协调、监督。"
    assert edit(doc, {duty: duty[:-1] + "，深化部门预算改革。"}) == {duty: 1}
    report = check_document(doc, rules)
    assert (report.info.kind, report.info.year) == ("单位预算", 2025)
    assert [f for f in report.findings if f.rule == "GA-YS-020"] == []
    # the same words where the document speaks of itself are still its own kind named wrong
    doc = read_document(ZFB_UNIT)
    assert edit(doc, {"2025年单位预算安排购置车辆": "2025年部门预算安排购置车辆"})
    report = check_document(doc, rules)
    assert [(f.rule, f.loc.page) for f in report.findings if f.rule == "GA-YS-020"] == [
        ("GA-YS-020", 21)
    ]
