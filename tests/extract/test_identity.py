"""What a document is, read from its first page: kind, issuer, year, a department's units."""

from __future__ import annotations

import pytest

from govaudit.extract import extract
from govaudit.extract.base.context import ExtractSettings
from govaudit.model import DocumentInfo
from govaudit.readers.text import read_text
from tests.seeds import FIXTURES, SEED_000, SEED_001, SEED_002, SEED_003, SEED_004, read

CORPUS = FIXTURES / "pdf"  # copies of ../shared/corpus/pdf
BUDGET = CORPUS / "budget"


def info(path, settings=None) -> DocumentInfo:
    return extract(read(path), settings).info


@pytest.mark.parametrize(
    ("path", "kind", "issuer", "year"),
    [
        # "2023年度泸州市政务服务管理局单位决算": the year first
        (SEED_000, "单位决算", "泸州市政务服务管理局", 2023),
        # no cover: "纳入广元市政务服务和公共资源交易中心2022年度部门决算编制范围…"
        (SEED_001, "部门决算", "广元市政务服务和公共资源交易中心", 2022),
        # "甘州区政务服务管理局" over "2023年部门绩效自评工作总结"
        (SEED_002, "绩效自评报告", "甘州区政务服务管理局", 2023),
        # "第二部分 2020年度部门决算情况说明"; "泸县行政审批局是县级人民政府所属部门"
        (SEED_003, "部门决算", "泸县行政审批局", 2020),
        # a web page: navigation first, then "2021年度四川省雅安市政务服务和大数据局部门决算"
        (SEED_004, "部门决算", "四川省雅安市政务服务和大数据局", 2021),
    ],
)
def test_the_seeds(path, kind, issuer, year):
    got = info(path)
    assert (got.kind, got.issuer, got.year) == (kind, issuer, year)


@pytest.mark.parametrize(
    ("name", "kind", "issuer", "year"),
    [
        # "上海市普陀区规划和自然 / 资源局 / 2024年度部门决算": a title wrapped on the cover
        ("putuo-guihuaziyuan-2024-juesuan.pdf", "部门决算", "上海市普陀区规划和自然资源局", 2024),
        ("putuo-caizhengju-2024-juesuan.pdf", "部门决算", "上海市普陀区财政局", 2024),
        ("budget/putuo-zhengfuban-2025-yusuan.pdf", "部门预算", "上海市普陀区人民政府办公室", 2025),
        # the same issuer, "预算单位：": its 单位预算
        (
            "budget/putuo-zhengfuban-unit-2025-yusuan.pdf",
            "单位预算",
            "上海市普陀区人民政府办公室",
            2025,
        ),
        (
            "budget/putuo-wanli-2024-yusuan.pdf",
            "部门预算",
            "上海市普陀区人民政府万里街道办事处",
            2024,
        ),
    ],
)
def test_the_corpus(name, kind, issuer, year):
    got = info(CORPUS / name)
    assert (got.kind, got.issuer, got.year) == (kind, issuer, year)


def test_a_departments_units():
    # "本部以及下属 5 家预算单位" and the six names after it
    wanli = info(BUDGET / "putuo-wanli-2025-yusuan.pdf")
    assert len(wanli.units) == 6 and wanli.merged == ()
    assert wanli.units[1] == "上海市普陀区万里街道社区事务受理服务中心"
    # "2.下属事业单位上海市普陀区交流服务中心不单列预算，并入本部": one budget unit
    office = info(BUDGET / "putuo-zhengfuban-2025-yusuan.pdf")
    assert office.units == ("上海市普陀区人民政府办公室本部",)
    assert office.merged == ("上海市普陀区交流服务中心",)


def test_the_configuration_overrides_what_the_cover_says():
    doc = read_text("<t>", "2023年度泸州市政务服务管理局单位决算\n".encode())
    told = ExtractSettings(document=DocumentInfo(kind="部门决算"))
    got = extract(doc, told).info
    assert (got.kind, got.issuer, got.year) == ("部门决算", "泸州市政务服务管理局", 2023)


def test_a_document_that_does_not_say():
    doc = read_text("<t>", "基本支出575.15万元。\n".encode())
    assert extract(doc).info == DocumentInfo()


def test_a_duty_to_deepen_the_budget_reform_is_not_the_documents_kind_or_year():
    """Seed 003 with a 职能 item "（1）深化2019年部门预算改革。" under （一）主要职能: it is
    still the 2020 部门决算 its heading 第二部分 says, not a 2019 部门预算."""
    lines = SEED_003.read_text(encoding="utf-8").split("\n")
    assert lines[3] == "（一）主要职能。"
    lines.insert(5, "（1）深化2019年部门预算改革。")
    info = extract(read_text("003-duty.txt", "\n".join(lines).encode("utf-8"))).info
    assert (info.kind, info.year, info.issuer) == ("部门决算", 2020, "泸县行政审批局")
