"""Year-over-year changes on real sentences."""

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


def brief(f):
    F = f.fields
    return (
        F["current"].value,
        F["direction"],
        F["change"].value,
        F["rate_direction"],
        F["rate"].value if F["rate"] else None,
    )


def test_current_value_from_the_previous_sentence_with_the_same_subject():
    (f,) = facts_from(seed_line(SEED_000, 31), "change")
    assert brief(f) == (Decimal("3469.24"), "增加", Decimal("2183.64"), "增长", Decimal("169.85"))
    assert f.fields["delta"].value == Decimal("2183.64")


def test_current_value_in_the_same_sentence_decrease():
    (f,) = facts_from(seed_line(SEED_000, 93), "change")
    assert brief(f) == (Decimal("3"), "减少", Decimal("16.12"), "下降", Decimal("84.27"))
    assert f.fields["delta"].value == Decimal("-16.12")


def test_previous_sentence_subject_with_jue_suan_suffix_000_line_103():
    (f,) = facts_from(seed_line(SEED_000, 103), "change")
    assert brief(f)[:3] == (Decimal("1.5"), "减少", Decimal("17.37"))


def test_placeholder_sentence_is_skipped_000_line_102():
    assert facts_from(seed_line(SEED_000, 102), "change") == []


def test_change_sentence_starting_a_paragraph_uses_the_previous_paragraph_002():
    (f,) = facts_from(seed_lines(SEED_002, 22, 23), "change")
    assert brief(f) == (Decimal("260.85"), "增加", Decimal("1.14"), "增长", Decimal("0.004"))


def test_changes_found_in_every_decision_seed():
    lines = {
        p.name[:3]: sorted(f.loc.line for f in seed_facts(p, "change"))
        for p in (SEED_000, SEED_001, SEED_003, SEED_004)
    }
    assert lines["000"] == [31, 45, 51, 93, 103, 107, 122]
    assert {14, 29, 35, 62, 70, 79}.issubset(lines["001"])
    assert lines["003"] == [21, 30, 35, 85]
    assert {125, 143, 207, 213, 231}.issubset(lines["004"])


def test_a_subject_that_does_not_match_is_not_used():
    text = "2023年度机关运行经费支出93.58万元。公务接待费比上年增加1.25万元，增长500%。"
    assert facts_from(text, "change") == []


def test_subject_with_the_units_name_in_front_putuo_2024():
    text = "上海市普陀区财政局2024年度收入支出总计2995.39万元。与2023年度相比，收入支出总计减少56.95万元，下降1.87%。"
    (f,) = facts_from(text, "change")
    assert brief(f) == (Decimal("2995.39"), "减少", Decimal("56.95"), "下降", Decimal("1.87"))


def test_prior_year_figure_stated_elsewhere_002():
    """002: "2021年预算收入总额2761984.37元" (line 13) is the prior year of "2022年预算收入
    260.85万元…比2021年预算增加1.14万元" (lines 22–23); 2023 compares with 2022 (line 22)."""
    priors = {
        f.loc.line: (f.fields["prior"].text, f.fields["prior"].loc.line)
        for f in seed_facts(SEED_002, "change")
        if f.fields["prior"] is not None
    }
    assert priors[23] == ("2761984.37元", 13)
    assert priors[36] == ("260.85万元", 22)
    # no seed states a prior-year figure where none can be matched by name and year
    for path in (SEED_000, SEED_001, SEED_003, SEED_004):
        assert all(f.fields["prior"] is None for f in seed_facts(path, "change")), path.name


def test_prior_year_figure_named_twice_is_not_guessed_002():
    """002 twice over (as in a long batch file): "2021年预算收入总额…" and "2022年预算收入…"
    are each stated twice, so every change's prior has two candidates and none is guessed;
    the lookup by name and year finds both copies."""
    text = SEED_002.read_text(encoding="utf-8")
    once = {f.loc.line: f.fields["prior"] for f in facts_from(text, "change")}
    assert {line: q.text for line, q in once.items() if q} == {
        23: "2761984.37元",
        36: "260.85万元",
        38: "260.85万元",
    }
    twice = facts_from(text + "\n" + text, "change")
    assert len(twice) == 2 * len(once)
    assert [f.fields["prior"] for f in twice] == [None] * len(twice)


def test_a_change_in_a_list_of_changes_is_not_hung_on_the_item_before_js_fayuan_2018_p17():
    """江苏省高级人民法院 2018 p17: "主要原因是基本支出增加…等1447.63万元、项目经费支出安排
    减少江苏法院云平台租赁费200万元、单位预留机动经费增加3075.14万元。" — 200 is another
    item of the list, not this year's 单位预留机动经费 (GA-CHG-004 said its prior year was
    −2875.14). The 预留 paragraph itself states it: 3258.06, up 3075.14."""

    changes = pdf_facts(jiangsu("js-fayuan-2018-yusuan.pdf"), "change")
    on_3075 = [c for c in changes if c.fields["change"].value == Decimal("3075.14")]
    assert [c.fields["current"].value for c in on_3075] == [Decimal("3258.06")]
    assert not any(c.fields["current"].value == 200 for c in changes)


def test_a_figure_that_is_itself_a_change_is_no_current_figure_js_renda_2019_p13():
    """江苏省人大 2019 p13: "…主要原因是增加省人大立法研究所办公用房以及省级老同志阅文室专项
    经费23.3万元，信息化建设经费增加35万元，扶贫经费压减10万元。": 23.3 is an increase too."""

    changes = pdf_facts(jiangsu("js-renda-2019-yusuan-shuoming.pdf"), "change")
    assert not any(c.fields["change"].value == 35 for c in changes)
