"""Totals and parts, on real sentences from the five seeds."""

from __future__ import annotations

from decimal import Decimal

from tests.seeds import (
    SEED_000,
    SEED_001,
    SEED_002,
    SEED_003,
    SEED_004,
    facts_from,
    jiangsu,
    pdf_facts,
    seed_facts,
    seed_line,
    seed_lines,
)


def breakdowns(text: str):
    return facts_from(text, "breakdown")


def values(fact) -> tuple[Decimal, list[Decimal]]:
    return fact.fields["total"].value, [q.value for q in fact.fields["parts"]]


def test_total_with_parts_and_shares_000_line_39():
    (b,) = breakdowns(seed_line(SEED_000, 39))
    assert values(b) == (Decimal("3469.24"), [Decimal("575.18"), Decimal("2894.06"), 0, 0, 0])
    assert [q.label for q in b.fields["parts"]][:2] == ["基本支出", "项目支出"]
    shares = facts_from(seed_line(SEED_000, 39), "share")
    assert [s.fields["share"].text for s in shares][:2] == ["16.58%", "83.42%"]
    assert all(s.fields["whole"].value == Decimal("3469.24") for s in shares)


def test_parts_on_the_following_lines_000_line_85():
    text = seed_lines(SEED_000, 85, 88)
    (b,) = breakdowns(text)
    assert values(b) == (Decimal("575.15"), [Decimal("461.75"), Decimal("89.33")])
    assert [q.label for q in b.fields["parts"]] == ["人员经费", "公用经费"]
    assert b.fields["multiline"] is True


def test_numbered_items_after_qizhong_000_lines_61_79():
    (b,) = breakdowns(seed_lines(SEED_000, 61, 81))
    total, parts = values(b)
    assert total == Decimal("3469.2") and len(parts) == 11
    assert b.fields["total"].unit_inferred  # "决算数为3469.2" has no unit in the original
    assert b.fields["parts"][0].label.endswith("行政运行（项）")


def test_parenthesised_list_with_nested_brackets_002_line_57():
    found = breakdowns(seed_line(SEED_002, 57))
    (b,) = [f for f in found if f.fields["marker"] == "其中"]
    assert values(b) == (Decimal("16.21"), [Decimal("7.15"), Decimal("6.3"), Decimal("2.76")])
    # and the budget it came from: 21 = 16.21 executed + 4.79 left
    (r,) = [f for f in found if f.fields["marker"] == "剩余"]
    assert values(r) == (Decimal("21"), [Decimal("16.21"), Decimal("4.79")])


def test_total_in_wan_itemised_in_yuan_000_line_109():
    (b,) = breakdowns(seed_line(SEED_000, 109))
    assert b.fields["total"].text == "1.5万元"
    assert [q.unit for q in b.fields["parts"]] == ["元"] * 8
    assert sum(q.value for q in b.fields["parts"]) == 15044


def test_zhuyao_yongyu_is_a_full_list_when_every_part_carries_its_share():
    # 000 line 55: every part carries its share of the total
    (b,) = breakdowns(seed_line(SEED_000, 55))
    assert values(b)[0] == Decimal("3469.2")
    # 001 line 81: "主要用于…145.07万元、…142.17万元…" lists uses, not a full breakdown
    texts = [f.fields["total"].text for f in breakdowns(seed_line(SEED_001, 81))]
    assert "439.90万元" in texts
    assert all(
        len(f.fields["parts"]) == 3 or len(f.fields["parts"]) == 1
        for f in breakdowns(seed_line(SEED_001, 81))
    )


def test_nested_breakdowns_001_line_128():
    found = {
        f.fields["total"].text: len(f.fields["parts"]) for f in breakdowns(seed_line(SEED_001, 128))
    }
    # 700.51 (人员经费603.34、日常公用支出97.17) in brackets with no 其中
    assert found == {"2013.29万元": 2, "1312.78万元": 16, "700.51万元": 2}


def test_ambiguous_total_is_skipped_001_line_118():
    """ "编制13名、工勤事业编制2名，其中主任1名…": which one is the total? Skip."""
    assert breakdowns(seed_line(SEED_001, 118)) == []


def test_counts_with_mismatched_units_are_skipped_004_line_317():
    """ "行政编制14个,其中:局长1人,副局长3人…": 个 and 人 are not the same count."""
    assert breakdowns(seed_line(SEED_004, 317)) == []


def test_mixed_count_and_money_items_are_skipped_004_line_209():
    found = [values(f) for f in breakdowns(seed_line(SEED_004, 209))]
    # only the clean list "共有公务用车4辆,其中:轿车1辆、越野车3辆、载客汽车0辆" is taken
    assert (Decimal(4), [1, 3, 0]) in found
    assert all(total != 0 or parts != [0, 0, 0] for total, parts in found)


def test_sentence_initial_qizhong_takes_the_paragraph_subject_000_line_107():
    found = breakdowns(seed_lines(SEED_000, 107, 113))
    (b,) = [f for f in found if f.loc.line == 1]  # line 107 of the seed is line 1 here
    assert values(b) == (Decimal("1.5"), [Decimal("1.5"), 0])
    assert [q.label for q in b.fields["parts"]] == ["国内公务接待支出", "外事接待支出"]


def test_named_total_stated_earlier_004_line_327():
    found = {
        f.fields["total"].text: [q.text for q in f.fields["parts"]]
        for f in breakdowns(seed_line(SEED_004, 327))
    }
    assert found["1634.34万元"] == ["501.65万元", "1132.69元"]
    assert found["1755.78万元"] == ["121.45万元", "1634.34万元"]


def test_single_part_003_line_88_and_part_larger_than_total_002_line_47():
    (b,) = breakdowns(seed_line(SEED_003, 88))
    assert values(b) == (Decimal("25.41"), [Decimal("25.41")])
    (b,) = breakdowns(seed_line(SEED_002, 47))
    assert values(b) == (Decimal("33.39238"), [Decimal("108690.55")])


def test_share_lists_without_a_stated_total_000_line_99():
    shares = facts_from(seed_line(SEED_000, 99), "share")
    assert [s.fields["share"].text for s in shares] == ["0%", "50%", "50%"]
    assert all(s.fields["whole"] is None and len(s.fields["siblings"]) == 3 for s in shares)


def test_breakdowns_in_all_five_seeds_have_real_lines():
    lines = {
        p.name[:3]: sorted({f.loc.line for f in seed_facts(p, "breakdown")})
        for p in (SEED_000, SEED_001, SEED_002, SEED_003, SEED_004)
    }
    assert {35, 39, 55, 61, 85, 107, 128}.issubset(lines["000"])
    assert {19, 25, 40, 44, 57, 81, 128}.issubset(lines["001"])
    assert {47, 53, 57}.issubset(lines["002"])
    assert {24, 27, 38, 42, 62, 88}.issubset(lines["003"])
    assert {111, 115, 131, 137, 157, 163, 185, 235, 323, 327}.issubset(lines["004"])


def test_structure_list_whose_shares_miss_100_but_whose_parts_make_the_total():
    """上海市普陀区财政局 2024 决算 p21: 71.73 + 11.11 + 2.07 + 15.16 = 100.07%. Every part
    carries its share, so the list is read (whether the shares add up is GA-SHR-001's to say:
    71.73% is wrong, 71.65%)."""
    text = (
        "一般公共预算财政拨款支出2940.05万元，主要用于以下方面：一般公共服务支出（类）2106.66万元，占71.73%；"
        "社会保障和就业支出（类）326.72万元，占11.11%；卫生健康支出（类）60.99万元，占2.07%；住房保障支出（类）445.69万元，占15.16%；"
    )
    (b,) = breakdowns(text)
    assert len(b.fields["parts"]) == 4
    shares = facts_from(text, "share")
    assert [s.fields["share"].text for s in shares] == ["71.73%", "11.11%", "2.07%", "15.16%"]


def test_whole_number_parts_read_at_their_siblings_precision_004_line_235():
    (b, _) = breakdowns(seed_line(SEED_004, 235))
    precise = b.fields["precise_parts"]
    assert [(q.value, q.decimals) for q in precise] == [
        (Decimal("19.32"), 2),
        (0, 0),
        (Decimal("223"), 2),
    ]
    # nothing to re-read when every part already has decimals
    (b,) = breakdowns(seed_line(SEED_000, 39))
    assert b.fields["precise_parts"] is None


# --------------------------------------------------------------------------- list structure
# The 江苏 2017–2019 budgets (tests/fixtures/pdf/jiangsu): each part of a list on a line of
# its own, numbered 1．/（1）/（一）. Which lines are the parts is read from the numbering,
# never from whether they add up.


def _at(path, page: int, line: int):
    found = [
        f
        for f in pdf_facts(path, "breakdown")
        if f.loc.page == page and f.loc.line == line and not f.fields["marker"].startswith("其中（")
    ]
    assert len(found) == 1, found
    return found[0]


def test_a_numbered_sub_list_ends_at_the_next_item_of_its_own_level_js_renda_2018_p28():
    """ "2．公务用车购置及运行费预算支出183.6万元。其中：（1）…购置…0万元…（2）…运行维护费…
    183.6万元…" then "3．公务接待费预算支出427.5万元" and the 会议费 / 培训费 paragraphs: those
    are not parts of 公务用车 (GA-UNIT-004 took 1305.25 for one)."""
    b = _at(jiangsu("js-renda-2018-yusuan.pdf"), 28, 5)
    assert values(b) == (Decimal("183.6"), [0, Decimal("183.6")])
    # the same shape in the three other gold documents, the last one over a page break
    for name, page, line, total, parts in [
        ("js-fayuan-2018-yusuan.pdf", 23, 2, "266.8", [0, Decimal("266.8")]),
        ("js-zhengxie-2019-yusuan-shuoming.pdf", 16, 4, "156.6", [0, Decimal("156.6")]),
        ("js-jianchayuan-2019-yusuan.pdf", 30, 22, "237", [Decimal("237")]),
    ]:
        assert values(_at(jiangsu(name), page, line)) == (Decimal(total), parts)


def test_income_and_expenditure_under_one_total_are_two_lists_js_renda_2018_p19():
    """ "（一）收入预算总计15897.44万元。包括：1．财政拨款…（1）一般公共预算…（2）政府性基金…
    2．…3．…4．…" then "（二）支出预算总计…包括：1．…4．" then "此外，基本支出…": the
    （1）（2） nest under 1．, the list of （一） stops at （二）, and the 基本/项目/预留
    paragraphs after "此外" are another breakdown, not more parts."""
    path = jiangsu("js-renda-2018-yusuan.pdf")
    income = _at(path, 19, 11)
    assert values(income) == (Decimal("15897.44"), [Decimal("15897.44"), 0, 0, 0])
    assert [q.label for q in income.fields["parts"]] == [
        "财政拨款收入预算总计",
        "财政专户管理资金收入预算总计",
        "其他资金收入预算总计",
        "上年结转资金预算数",
    ]
    spending = _at(path, 20, 5)
    assert values(spending) == (
        Decimal("15897.44"),
        [Decimal("12706.28"), Decimal("1068.78"), Decimal("2122.38"), 0],
    )


def test_the_next_number_with_another_mark_goes_on_the_list_js_jianchayuan_2019_p25():
    """ "1．公共安全（类）…2．社会保障和就业支出…3、住房保障支出5686.35万元": "3、" is the
    third item of the list, and its 、 separates nothing."""
    b = _at(jiangsu("js-jianchayuan-2019-yusuan.pdf"), 25, 12)
    assert values(b) == (
        Decimal("24169.74"),
        [Decimal("16593.12"), Decimal("1890.27"), Decimal("5686.35")],
    )


def test_a_part_with_a_thousands_separator_is_one_part_js_zhengxie_2019_p17():
    """ "政府采购支出预算总额1,624.42万元，其中：拟采购货物支出350万元、拟采购工程支出0万元、
    拟购买服务支出1,274.42万元。": the comma of 1,274.42 is no item separator (the 服务 part
    was lost and GA-SUM-001 said 1624.42 ≠ 350 + 0)."""
    b = _at(jiangsu("js-zhengxie-2019-yusuan-shuoming.pdf"), 17, 7)
    assert values(b) == (Decimal("1624.42"), [Decimal("350"), 0, Decimal("1274.42")])


def test_a_remark_after_a_part_ends_its_segment_not_the_list_js_zhengxie_2017_p19():
    """ "…运行维护费预算支出156.60万元。其中，公务用车购置费0万元，与上年数一致；公务用车
    运行维护费156.60万元，与上年数一致。" """
    b = _at(jiangsu("js-zhengxie-2017-yusuan-shuoming.pdf"), 19, 4)
    assert values(b) == (Decimal("156.60"), [0, Decimal("156.60")])


def test_one_total_broken_down_two_ways_is_two_relations():
    """江苏省政协办公厅 2017 说明 p6 writes its changes "按功能分类，…。按支出用途分类，…";
    here the same wording over its 2017 figures (p7): two breakdowns of 9146.79, never one
    sum of six parts."""
    text = (
        "2017年度部门支出预算9,146.79万元，其中：按功能分类，一般公共服务支出6,543.55万元，"
        "社会保障和就业支出1,509.72万元，住房保障支出1,093.52万元；按支出用途分类，"
        "基本支出5,916.27万元，项目支出3,123.68万元，单位预留机动经费106.84万元。"
    )
    found = {f.fields["marker"]: values(f) for f in breakdowns(text)}
    assert found == {
        "其中（按功能）": (
            Decimal("9146.79"),
            [Decimal("6543.55"), Decimal("1509.72"), Decimal("1093.52")],
        ),
        "其中（按支出用途）": (
            Decimal("9146.79"),
            [Decimal("5916.27"), Decimal("3123.68"), Decimal("106.84")],
        ),
    }


def test_parts_that_really_exceed_their_total_are_still_found(check):
    """An edited copy of 江苏省政协办公厅 2019 说明 p16 whose 购置费 is 10 instead of 0: the
    list is read by its numbering, so the error is found, and 公务接待费 is still no part."""
    report = check(
        "2.公务用车购置及运行维护费预算支出156.6万元，其中：\n"
        "（1）公务用车购置费10万元，与上年数一致。\n"
        "（2）公务用车运行维护费156.6万元，与上年数一致。\n"
        "3.公务接待费预算支出397.5万元，比上年预算减少15万元，主要原因是厉行节约、压缩支出。\n"
    )
    (f,) = [f for f in report.findings if f.rule.startswith(("GA-SUM", "GA-UNIT"))]
    assert (f.rule, f.loc.line, f.expected, f.actual) == ("GA-SUM-001", 1, "166.6", "156.6")
    assert "397.5" not in f.message


def test_shares_on_lines_of_their_own_are_read_js_jianchayuan_2019_p26():
    """ "省检察院本年支出预算合计24,169.74万元，其中：" | "基本支出15,844.04万元，占65.56%；" |
    "项目支出4335.3万元，占17.94%；" | "单位预留机动经费3990.4万元，占16.5%；": 15844.04 ÷
    24169.74 = 65.55%, printed 65.56% (= 100 − 17.94 − 16.5)."""
    shares = [
        f
        for f in pdf_facts(jiangsu("js-jianchayuan-2019-yusuan.pdf"), "share")
        if f.loc.page in (26, 27) and f.fields["whole"] is not None
    ]
    assert [s.fields["share"].text for s in shares] == ["100 %", "65.56%", "17.94%", "16.5%"]
    assert shares[1].fields["whole"].value == Decimal("24169.74")


def test_shares_that_miss_100_percent_are_read_and_the_wrong_one_reported(check):
    """000 line 99 edited: 公务接待费 50% → 40%. The list was dropped because its shares
    did not make 100%, which hid the very error it states."""
    line = seed_line(SEED_000, 99).replace("占50%。", "占40%。")
    assert "占40%" in line
    shares = facts_from(line, "share")
    assert [s.fields["share"].text for s in shares] == ["0%", "50%", "40%"]
    report = check(line)
    (f,) = [f for f in report.findings if f.rule == "GA-SHR-001"]
    assert (f.expected, f.actual) == ("50.00%", "40%")


def test_the_putuo_template_lists_its_parts_in_semicolon_segments():
    """上海市普陀区财政局 2024 决算 p23: "…基本支出2336.91万元。其中：人员经费2152.26万元，
    主要包括：基本工资、…；公用经费184.65万元，主要包括：办公费、…" — "主要包括" ended the
    list after 人员经费; and "…支出决算为0.00万元，…，其中：因公出国（境）费决算为0.00万元，
    完成预算的0%；公务用车…0.00万元，…；公务接待费…0.00万元…" lost all but the first."""
    from tests.seeds import FIXTURES

    path = FIXTURES / "pdf" / "putuo-caizhengju-2024-juesuan.pdf"
    assert values(_at(path, 23, 2)) == (Decimal("2336.91"), [Decimal("2152.26"), Decimal("184.65")])
    assert values(_at(path, 23, 10)) == (Decimal("0.00"), [0, 0, 0])


def _shr(name: str):
    from govaudit.check import check_file, load_rules

    rules = [r for r in load_rules() if r.id.startswith("GA-SHR")]
    return check_file(str(jiangsu(name)), rules).findings


def test_shares_named_after_the_whole_the_sentence_opens_with_are_one_list_js_renda_2018_p27():
    """ "…“三公”经费预算支出中，因公出国（境）费支出222.5万元，占“三公”经费的26.69%；公务用车
    购置及运行费支出183.6万元，占“三公”经费的22.03%；公务接待费支出427.5万元，占“三公”经费的
    51.28%": the three items are the whole's list, and the whole (not stated) is their sum."""
    (lst,) = [
        f
        for f in pdf_facts(jiangsu("js-renda-2018-yusuan.pdf"), "share_list")
        if f.loc.page in (27, 28)
    ]
    assert [q.value for q in lst.fields["parts"]] == [
        Decimal("222.5"),
        Decimal("183.6"),
        Decimal("427.5"),
    ]
    assert [q.text for q in lst.fields["shares"]] == ["26.69%", "22.03%", "51.28%"]
    assert lst.fields["whole"] is None and lst.fields["whole_name"] == "“三公”经费"


def test_a_share_adjusted_by_one_last_digit_to_make_100_is_a_note_js_renda_2018_p27():
    """183.6 ÷ 833.6 = 22.02495% → 22.02%, written 22.03% so that 26.69 + 22.03 + 51.28 = 100
    (the gold's js-rd18-3): an info, on that share only."""
    (f,) = [f for f in _shr("js-renda-2018-yusuan.pdf") if f.rule == "GA-SHR-003"]
    assert (f.rule, f.severity, f.loc.page, f.expected, f.actual) == (
        "GA-SHR-003",
        "info",
        28,
        "22.02%",
        "22.03%",
    )


def test_shares_computed_against_another_whole_are_one_finding_js_renda_2017_p28():
    """人大 2017 writes "占“三公”经费的8.75%…7.22%…16.81%" (32.78% in all): the shares of
    222.5 / 183.6 / 427.5 in 三公 + 会议费 + 培训费. One GA-SHR-002 for the list, not three
    GA-SHR-001."""
    (f,) = _shr("js-renda-2017-yusuan.pdf")
    assert (f.rule, f.severity, f.loc.page) == ("GA-SHR-002", "error", 28)
    assert "8.75% + 7.22% + 16.81% = 32.78%" in f.message


def test_shares_that_add_up_and_round_right_give_nothing_js_zhengxie_2019_p15():
    """106 / 156.6 / 397.5 of 660.1: 16.06%, 23.72%, 60.22% (the gold's trap js-zx19-t5)."""
    assert _shr("js-zhengxie-2019-yusuan-shuoming.pdf") == []
