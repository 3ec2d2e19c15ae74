"""绩效自评表 recognised on the real seeds: which tables, what each row says, where."""

from __future__ import annotations

from decimal import Decimal

import pytest

from govaudit.extract.base.context import ExtractContext, ExtractSettings, parse_profile
from govaudit.extract.tables.perf_tables import read_tables
from govaudit.readers.text import read_text
from tests.seeds import (
    SEED_000,
    SEED_001,
    SEED_002,
    SEED_003,
    SEED_004,
    extracted,
    facts_from,
    read,
    seed_facts,
)


def tables_of(path):
    return read_tables(ExtractContext(read(path)))


def tables_in(text: str):
    return read_tables(ExtractContext(read_text("<t>", text.encode("utf-8"))))


def v(q):
    return None if q is None else q.value


@pytest.fixture(scope="module")
def t000():
    return tables_of(SEED_000)


@pytest.fixture(scope="module")
def t001():
    return tables_of(SEED_001)


# --------------------------------------------------------------------------- which tables


def test_000_has_eleven_project_tables_with_names_and_totals(t000):
    assert [(t.table_type, t.name, v(t.total_score)) for t in t000] == [
        ("项目", "最多跑一次快递服务", Decimal("99.9")),
        ("项目", "12345政务服务热线建设及运营维护", Decimal("99")),
        ("项目", "市政务服务大楼物业管理", Decimal("100")),
        ("项目", "办事大厅日常管理经费", Decimal("100")),
        ("项目", "第一书记工作经费", Decimal("100")),
        ("项目", "泸州市政务服务中心场地租赁", Decimal("97.39")),
        ("项目", "市政务服务中心整体搬迁经费", Decimal("95")),
        ("项目", "政务服务管理业务经费", Decimal("100")),
        ("项目", "泸州市政务大厅纳税辅助性服务", Decimal("100")),
        ("项目", "政务服务标准化规范化便利化专题研讨班培训", Decimal("100")),
        ("项目", "泸州市“一网通办”能力提升技术服务项目", Decimal("92")),
    ]
    # the 11 tables are one Table block in the text layout, told apart by their title rows
    assert len({t.segment.block for t in t000}) == 1
    assert t000[0].code == "51050021T000000039075"
    assert t000[0].name_loc.line == 183


def test_001_has_the_department_table_the_indicator_system_and_13_project_tables(t001):
    kinds = [t.table_type for t in t001]
    assert kinds[:2] == ["部门整体", "指标体系"]
    assert kinds[2:] == ["项目"] * 13
    assert t001[0].name == "广元市政务服务和公共资源交易中心"
    assert t001[1].name == "2023年市级部门整体支出绩效评价指标体系"
    names = [t.name for t in t001[2:]]
    assert names[0] == "政府采购工作经费"
    assert "12345政务服务热线运行经费" in names  # 专项资金…绩效目标自评表, no project code
    assert names[-1] == "无差别综合窗口运行经费"
    # 市级特定目标项目绩效目标表 (line 4796) states targets only: not a self-evaluation
    assert all("绩效目标表" not in t.title or "自评" in t.title for t in t001)


def test_003_project_completion_tables_with_key_value_budget():
    t = tables_of(SEED_003)
    assert [(x.name, len(x.indicators)) for x in t] == [
        ("大厅运行", 9),
        ("镇（街道）便民服务中心标准化建设", 9),
    ]
    total, *parts = t[0].budget_rows
    assert (total.label, v(total.adjusted), v(total.executed), total.is_total) == (
        "预算数",
        Decimal("214.61"),
        Decimal("214.61"),
        True,
    )
    assert [p.label for p in parts] == ["财政拨款", "其它资金"]


def test_prose_only_seed_has_no_table():
    assert tables_of(SEED_002) == []


def test_004_scored_table_flattened_into_paragraphs():
    """A web page keeps one cell per paragraph: 部门整体支出绩效评价自评表 read from the
    sequence of section headers, names, points and scores (lines 363–473)."""
    (t,) = tables_of(SEED_004)
    assert (t.table_type, t.name) == (
        "指标体系",
        "雅安市政务服务和大数据局部门2021年度部门整体支出绩效评价自评表",
    )
    assert len(t.indicators) == 13
    first, *_, last = t.indicators
    assert (first.level1, first.level2, first.name, v(first.weight), v(first.score)) == (
        "部门预算管理(80分)",
        "预算编制(30分)",
        "目标制定",
        10,
        10,
    )
    assert (last.level1, last.level2, last.name) == (
        "绩效结果应用(20分)",
        "整改反馈(8分)",
        "应用反馈",
    )
    assert (v(t.total_score), t.total_score.loc.line) == (96, 473)
    sections = [
        (f.fields["level"], f.fields["name"], f.fields["stated_points"].value)
        for f in seed_facts(SEED_004, "perf_section")
    ]
    assert sections[:2] == [("一级指标", "部门预算管理", 80), ("二级指标", "预算编制", 30)]
    assert ("一级指标", "绩效结果应用", 20) in sections


# --------------------------------------------------------------------------- rows


def test_budget_block_of_000_moving_costs(t000):
    t = t000[6]
    assert (v(t.budget_block_points), v(t.indicator_block_points)) == (10, 90)
    total = t.budget_rows[0]
    assert (total.label, total.is_total) == ("总额", True)
    assert [v(total.initial), v(total.adjusted), v(total.executed)] == [
        Decimal("2057.84"),
        Decimal("1626.33"),
        Decimal("838.52"),
    ]
    assert (v(total.rate), v(total.weight), v(total.score)) == (
        Decimal("51.56"),
        Decimal(10),
        Decimal(5),
    )
    assert total.rate.loc.line == 1652
    assert [r.label for r in t.budget_rows] == [
        "总额",
        "财政资金",
        "财政专户管理资金",
        "单位资金",
        "其他资金",
    ]
    assert t.budget_rows[1].weight is None  # "/"


def test_merged_level_cells_are_filled_from_above(t000):
    hotline = t000[1]
    rows = {i.name: i for i in hotline.indicators}
    assert (rows["接电总量"].level1, rows["接电总量"].level2) == ("产出指标", "数量指标")
    assert (rows["运营人员管理费用"].level1, rows["运营人员管理费用"].level2) == (
        "成本指标",
        "经济成本指标",
    )
    pay = rows["运营人员管理费用"]
    assert (pay.operator, pay.target.text, pay.unit, pay.actual.text) == (
        "=",
        "600000",
        "元/人年",
        "60000",
    )
    assert (v(pay.weight), v(pay.score), pay.score.loc.line) == (10, 10, 640)
    assert rows["平台运营费用"].actual.unit == "元/年"


def test_001_variants_unlabelled_total_empty_row_split_cell_and_renamed_headers(t001):
    by_name = {t.name: t for t in t001}
    tianfu = by_name["“天府通办”广元分站点建设项目"]
    assert (v(tianfu.weight_total), v(tianfu.total_score)) == (100, 98)  # no "合计" label
    assert tianfu.total_score.loc.line == 2857
    smart = by_name["市政务服务大厅智慧化信息化管理系统建设"]
    assert len(smart.indicators) == 18  # the empty row at line 4507 is skipped
    assert "LED大屏" in [i.name for i in smart.indicators]  # a cell split across rows
    window = by_name["无差别综合窗口运行经费"]  # headers "权重%" and "自评得分"
    assert (v(window.budget_rows[0].weight), v(window.budget_rows[0].score)) == (10, 10)
    assert [v(i.score) for i in window.indicators][:7] == [7, 7, 7, 7, 8, 8, 6]
    assert window.conclusion.text.loc.line == 4773  # "自评结论"
    assert v(window.stated_score) == 98


def test_department_table_tasks_scores_and_conclusion(t001):
    dept = t001[0]
    assert len(dept.tasks) == 14
    assert dept.tasks[0].name == "基本支出"
    assert v(dept.task_total.values["budget:总额"]) == Decimal("2156.3")
    assert v(dept.task_total.values["actual:总额"]) == Decimal("1904.09")
    assert len(dept.indicators) == 51
    first = dept.indicators[0]
    assert (first.name, first.operator, first.target.text, first.actual.text) == (
        "科目调整次数",
        "≤",
        "≤10次",
        "＜10次",
    )
    assert sum(i.score.value for i in dept.indicators) == 97
    assert (v(dept.total_score), dept.total_score.loc.line) == (97, 855)
    assert (v(dept.stated_score), dept.stated_score.loc.line) == (97, 859)


def test_indicator_system_points_scores_and_sections(t001):
    system = t001[1]
    assert len(system.indicators) == 15
    assert sum(i.weight.value for i in system.indicators if not i.deduction) == 100
    assert sum(i.score.value for i in system.indicators if not i.deduction) == 97
    (deduction,) = [i for i in system.indicators if i.deduction]
    assert (deduction.level1, v(deduction.weight), v(deduction.score)) == ("扣分项（10分）", 10, 0)
    sections = [
        (f.fields["level"], f.fields["name"], f.fields["stated_points"].value)
        for f in seed_facts(SEED_001, "perf_section")
    ]
    assert sections == [
        ("一级指标", "部门预算项目绩效管理", 65),
        ("二级指标", "目标管理", 40),
        ("二级指标", "动态调整", 15),
        ("二级指标", "完成结果", 10),
        ("一级指标", "绩效结果应用", 25),
        ("二级指标", "内部应用", 10),
        ("二级指标", "信息公开", 5),
        ("二级指标", "整改反馈", 10),
        ("一级指标", "自评质量", 10),
        ("一级指标", "扣分项", 10),
    ]


def test_scores_stated_in_the_conclusions(t000, t001):
    stated = {t.name: (v(t.stated_score), t.stated_score and t.stated_score.loc.line) for t in t000}
    assert stated["12345政务服务热线建设及运营维护"] == (99, 651)
    assert stated["泸州市政务服务中心场地租赁"] == (Decimal("97.39"), 1601)  # 自评总分为97.39分
    assert stated["泸州市政务大厅纳税辅助性服务"] == (10, 2434)  # 说明项目自评10分
    assert stated["最多跑一次快递服务"] == (None, None)  # the conclusion states no score
    assert stated["办事大厅日常管理经费"] == (None, None)  # "说明项目自评总分，…（200字以内）"
    by_name = {t.name: t for t in t001}
    assert v(by_name["政府采购工作经费"].stated_score) == 100


# --------------------------------------------------------------------------- layout variants


SWAPPED = """\
| 项目名称 | 第一书记工作经费 |
| 绩效指标 | 一级指标 | 二级指标 | 三级指标 | 得分 | 权重 | 完成值 | 度量单位 | 指标值 | 指标性质 |
|  | 产出指标 | 数量指标 | 选派第一书记 | 10 | 10 | 1 | 人 | 1 | ＝ |
|  |  | 时效指标 | 驻村任务时效 | 8 | 10 | 11 | 月 | 12 | ＝ |
| 项目名称 | 乡村振兴工作经费 |
| 绩效指标 | 一级指标 | 二级指标 | 三级指标 | 得分 | 权重 | 完成值 | 度量单位 | 指标值 | 指标性质 |
|  | 产出指标 | 数量指标 | 驻村工作队员人数 | 10 | 10 | 2 | 人 | 2 | ＝ |
"""


def test_columns_are_found_by_header_in_any_order_and_tables_split_at_project_names():
    a, b = tables_in(SWAPPED)
    assert (a.name, b.name) == ("第一书记工作经费", "乡村振兴工作经费")
    second = a.indicators[1]
    assert (second.operator, second.target.text, second.unit, second.actual.text) == (
        "=",
        "12",
        "月",
        "11",
    )
    assert (v(second.weight), v(second.score)) == (10, 8)
    assert len(b.indicators) == 1


def test_indicator_facts_compare_only_figures_in_the_indicators_unit():
    facts = {f.fields["name"]: f for f in facts_from(SWAPPED, "perf_indicator")}
    f = facts["驻村任务时效"]
    assert f.fields["comparable"] is True
    assert (f.fields["target"].value, f.fields["actual"].value) == (12, 11)
    # 001's "100%" for 人 or 个 reports how much was done, not the value: not comparable
    ratio = {
        f.fields["name"]: f
        for f in seed_facts(SEED_001, "perf_indicator")
        if f.fields["project"] == "乡村振兴工作经费"
    }
    assert ratio["驻村工作队员人数"].fields["actual"] is None
    assert ratio["县区排名情况"].fields["comparable"] is False  # "%" under a table of ratios


# --------------------------------------------------------------------------- the profile


def test_expected_profile_defaults_to_the_tables_own_headers():
    (f,) = [f for f in facts_from(seed_table_000_shuji(), "perf_table")]
    assert (f.fields["budget_points"].value, f.fields["points_source"]) == (10, "表头")
    configured = ExtractSettings.of("20+80")
    (f,) = [f for f in facts_from(seed_table_000_shuji(), "perf_table", configured)]
    assert (f.fields["budget_points"].value, f.fields["indicator_points"].value) == (20, 80)
    assert f.fields["points_source"] == "配置的评分方案（20+80）"


def test_parse_profile_forms():
    assert parse_profile(None) is None
    assert parse_profile("table") is None
    assert parse_profile("10+90") == (Decimal(10), Decimal(90))
    assert parse_profile((20, 80)) == (Decimal(20), Decimal(80))
    with pytest.raises(ValueError, match="10\\+90"):
        parse_profile("ten")


def seed_table_000_shuji() -> str:
    """000 第一书记工作经费 (lines 1197–1386) as it reads in the seed."""
    lines = SEED_000.read_text(encoding="utf-8").split("\n")
    return "\n".join(lines[1196:1386]) + "\n"


# --------------------------------------------------------------------------- 完成值 convention

# 001, 政府采购工作经费 (lines 1101–1331): the whole project table as published
PROCUREMENT = (1101, 1331)
# the same table with its counted indicators' 完成值 written as the values reached, as 000's
# tables write them (line → new cell): 450 人, 32300 平方米, 1 年, 1460000 元/年
MEASURED = {1204: "\t450", 1216: "\t32300", 1240: "\t1", 1264: "\t1460000"}


def _procurement(changes: dict[int, str] | None = None) -> str:
    lines = SEED_001.read_text(encoding="utf-8").split("\n")
    for n, text in (changes or {}).items():
        assert lines[n - 1] == "\t100%"
        lines[n - 1] = text
    return "\n".join(lines[PROCUREMENT[0] - 1 : PROCUREMENT[1]]) + "\n"


def test_the_completion_convention_is_read_from_the_tables_themselves():
    """001 writes every 完成值 of its project tables as a completion ratio, 000 the values."""
    assert extracted(SEED_001).info.profile.completion == {
        "部门整体": "value",
        "项目": "ratio",
    }
    assert extracted(SEED_000).info.profile.completion == {"项目": "value"}


def test_a_qualitative_90_percent_is_the_documents_ratio_not_a_number_for_a_grade(rules):
    """GA-PERF-025 and GA-PERF-028 read the one convention: in 001's own table "90%" for
    服务民生大众便民度 (定性) says how much was met; in the same table edited to write the
    values reached, it is a number where a grade belongs (and "90%" under "≥90%" a value)."""
    from govaudit.check import check_text

    ratio = check_text(_procurement(), rules)
    assert ratio.info.profile.completion == {"项目": "ratio"}
    assert [(f.rule, f.loc.line) for f in ratio.findings] == [("GA-PERF-002", 223)]
    checked = {(o.rule, o.status) for o in ratio.outcomes}
    assert ("GA-PERF-028", "held") in checked and ("GA-PERF-025", "held") in checked

    measured = check_text(_procurement(MEASURED), rules)
    assert measured.info.profile.completion == {"项目": "value"}
    assert [(f.rule, f.loc.line, f.message) for f in measured.findings] == [
        (
            "GA-PERF-025",
            176,
            "「政府采购工作经费」有 2 项定性指标的完成值写成了数值，无法与指标值（评价等级）比较："
            "服务民生大众便民度（好坏）完成值 90%；政务服务环境改善度（优良中低差）完成值 100%",
        ),
        # the values reached: "90%" under "≥90%" is met, and met indicators keep their weight
        (
            "GA-PERF-021",
            214,
            "「政府采购工作经费」指标「物业服务质量满意度」指标值 ≥ 90 %，完成值 90% 已达到，"
            "却只得 9 分（权重 10）",
        ),
        (
            "GA-PERF-002",
            223,
            "「政府采购工作经费」评价结论写自评得分 100 分，表中合计栏却为 98（各项得分之和为 98）",
        ),
    ]
    assert not [o for o in measured.outcomes if o.rule == "GA-PERF-028"]
