"""How a label names one of the document's projects (the names are the seeds')."""

from __future__ import annotations

from govaudit.extract.crossref.project_names import Named, ProjectIndex, variant


def test_names_the_documents_shorten():
    idx = ProjectIndex()
    for n in ("镇（街道）便民服务中心标准化建设", "12345政务服务热线运行经费"):
        idx.add(n)
    # a run left out in the middle (003 lines 380, 484, 502)
    assert idx.find("镇（街道）标准化建设经费") == "镇（街道）便民服务中心标准化建设"
    assert idx.find("镇(街道)便民服务标准化建设项目") == "镇（街道）便民服务中心标准化建设"
    # the report's title adds a word inside (001 line 4929)
    assert idx.find("12345政务服务便民热线运行经费") == "12345政务服务热线运行经费"
    assert idx.find("政务服务热线") is None  # too little of the name left


def test_issuer_years_quotes_and_notes_are_not_the_name():
    idx = ProjectIndex(issuer="甘州区政务服务管理局")
    assert idx.add("2023年政务中心办公专项经费") == "2023年政务中心办公专项经费"
    assert (
        idx.add("政务中心办公专项经费（包含保洁及临聘人员工资和政务大厅运行经费）")
        == "2023年政务中心办公专项经费"
    )
    assert idx.add("接入张掖市“12345”政务服务热线专项经费") == idx.add(
        "“12345”政务服务热线专项经费"
    )


def test_the_role_the_words_give():
    idx = ProjectIndex()
    idx.add("大厅运行")
    idx.add("无差别综合窗口运行经费")
    idx.add("2023年政务服务辅助人员工作专项经费")
    assert idx.named("本年预算大厅运行经费") == Named("大厅运行", "预算数")
    assert idx.named("大厅运行项目年初预算") == Named("大厅运行", "年初预算")
    assert idx.named("财政安排无差别综合窗口运行经费项目资金") == Named(
        "无差别综合窗口运行经费", "预算安排"
    )
    assert idx.named(
        "财政局审核为我单位拨付政务服务辅助人员2023年1月至2022年12月工作经费"
    ) == Named("2023年政务服务辅助人员工作专项经费", "预算安排")
    assert idx.named("无差别综合窗口运行经费") == Named("无差别综合窗口运行经费", "金额")
    # another amount: a change, money added during the year, an instalment
    assert idx.named("中途下达无差别综合窗口运行经费") is None
    assert idx.named("增加了增加无差别综合窗口运行经费") is None
    assert idx.named("②9月下达的无差别综合窗口运行经费") is None


def test_variant_is_one_run_left_out():
    assert variant("镇街道标准化建设", "镇街道便民服务中心标准化建设")
    assert variant("12345政务服务热线", "接入张掖市12345政务服务热线")
    assert not variant("政务大厅运行维护", "政务大厅物业管理")
    assert not variant("12345政务服务热线运行", "12345政务服务便民热线服务")
