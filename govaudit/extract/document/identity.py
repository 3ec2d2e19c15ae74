"""What a document is: its kind (部门预算 / 单位预算 / 部门决算 / 单位决算 / 绩效自评报告), who
issued it and for which year, and — for a department — the units its figures cover.

Read from the first page the way a reader does: the cover title ("上海市普陀区2025年区级部门
预算", "上海市普陀区财政局2024年度部门决算", "2023年度泸州市政务服务管理局单位决算"), the
line that names the issuer ("预算主管部门：…" for a department, "预算单位：…" for a unit), or
a sentence of the first part ("纳入…2022年度部门决算编制范围"). Names and years may wrap over
lines or carry spaces on a cover. A department's units: "本部以及下属5家预算单位" and the
list after it, where a unit that "不单列预算，并入本部" is part of the 本部's figures.
"""

from __future__ import annotations

from govaudit.extract.base.context import ExtractContext
from govaudit.extract.base.normalize import compact
from govaudit.model import DocumentInfo
from govaudit.patterns import lazy_pattern

KINDS: dict[str, dict[str, str]] = {}

_KIND = lazy_pattern(r"(部门|单位)(预算|决算)")
_PERF = lazy_pattern(r"绩效自评|绩效评价")
_YEAR = lazy_pattern(r"((?:19|20)\d\d)年度?")
_ISSUER_LINE = lazy_pattern(
    r"^(预算主管部门|主管部门|预算单位|编制部门|编制单位|单位名称|部门名称|部门)[:：]\s*(.*)$"
)
# "上海市普陀区财政局2024年度部门决算", "2023年度泸州市政务服务管理局单位决算"
_TITLE_BEFORE = lazy_pattern(
    r"^(.{2,40}?)((?:19|20)\d\d)年度?(?:区级|市级|县级|省级)?(部门|单位)(预算|决算)(?:公开)?$"
)
_TITLE_AFTER = lazy_pattern(
    r"^((?:19|20)\d\d)年度?(.{2,40}?)(?:(部门|单位)(预算|决算)(?:公开)?|()(预算|决算)公开)$"
)
# 江苏: the tables published as a file of their own ("公开01表 收支预算总表 / 部门：… /
# 单位：万元"), the year only in a title ("2019年政府采购预算表"); the text's first sentence
# "江苏省政协办公厅2019年度收入、支出预算总计13,377.11万元"
_TABLE_TITLE_YEAR = lazy_pattern(r"^((?:19|20)\d\d)年度?.{0,40}(预算|决算)表$")
_TABLE_TITLE = lazy_pattern(r"(预算|决算)(?:总)?表$")
_OPENING = lazy_pattern(r"^(.{2,30}?)((?:19|20)\d\d)年度?(?:收入、支出|收、支|收支)(预算|决算)总计")
_SCOPE = lazy_pattern(r"纳入(.{2,40}?)((?:19|20)\d\d)年度?(部门|单位)(预算|决算)编制范围")
_REGION_TITLE = lazy_pattern(
    r"^(.{0,20}?)((?:19|20)\d\d)年(?:区级|市级|县级|省级)(部门|单位)(预算|决算)$"
)
_PERF_TITLE = lazy_pattern(r"^((?:19|20)\d\d)年度?.{0,10}绩效(?:自评|评价).{0,8}(?:总结|报告)$")
# "第二部分 2020年度部门决算情况说明" (not "深化2019年部门预算改革": a duty, not a title)
_HEADING_KIND = lazy_pattern(r"((?:19|20)\d\d)年度?(部门|单位)(决算|预算)(?!改革|制度|管理)")
# "泸县行政审批局是县级人民政府所属部门"
_SELF = lazy_pattern(
    r"^([^,，。;；:：()]{2,30}?(?:局|委员会|委|办公室|中心|厅|部|处|所|院|站|队))是"
)
_UNITS = lazy_pattern(r"本部以及下属\s*(\d+)\s*家")
_LISTED = lazy_pattern(r"^\d{1,2}\s*[.、．]\s*(.+?)(?:[,，。]|$)")
_MERGED = lazy_pattern(r"不单列预算")

FIRST_BLOCKS = 40


def identify(ctx: ExtractContext) -> DocumentInfo:
    """The document's kind, issuer, year and units, as far as its first pages say."""
    override = ctx.settings.document
    found = _read(ctx)
    if override is None:
        return found
    return DocumentInfo(
        override.kind or found.kind,
        override.issuer or found.issuer,
        override.year or found.year,
        found.units,
        found.merged,
    )


def _lines(ctx: ExtractContext) -> list[str]:
    out: list[str] = []
    for p in ctx.prose[:FIRST_BLOCKS]:
        if p.in_table:
            continue
        out.extend(compact(line) for line in p.text.text.split("\n") if line.strip())
    return out


def _read(ctx: ExtractContext) -> DocumentInfo:
    lines = _lines(ctx)
    kind = issuer = ""
    year: int | None = None
    level = ""  # 部门 / 单位 from the issuer line
    for i, line in enumerate(lines[:15]):
        m = _ISSUER_LINE.match(line)
        if m and not issuer:
            # "部门：" with the name on the next line
            issuer = m.group(2) or (lines[i + 1] if i + 1 < len(lines) else "")
            level = "部门" if "部门" in m.group(1) else "单位"
            continue
        # a cover title wrapped over up to three lines
        for joined in (line, *("".join(lines[i : i + n]) for n in (2, 3))):
            hit = _title(joined)
            if hit is not None:
                t_issuer, t_year, t_kind = hit
                kind = kind or t_kind
                year = year or t_year
                issuer = issuer or t_issuer
                break
    if not issuer or not year:
        for p in ctx.prose[:120]:
            m = _OPENING.match(compact(p.text.text)) if not p.in_table else None
            if m:
                issuer = issuer or m.group(1)
                year = year or int(m.group(2))
                kind = kind or "部门" + m.group(3)
                break
    if (not kind or not year) and level:
        # a file of tables: its titles say budget or 决算, one of them the year
        for p in ctx.prose:
            text = compact(p.text.text)
            if p.in_table or len(text) > 60:
                continue
            m = _TABLE_TITLE_YEAR.match(text)
            if m:
                year = year or int(m.group(1))
                kind = kind or level + m.group(2)
            elif not kind and (t := _TABLE_TITLE.search(text)):
                kind = level + t.group(1)
            if kind and year:
                break
    if not kind or not year or not issuer:
        for p in ctx.prose[:80]:
            m = _SCOPE.search(compact(p.text.text))
            if m:
                issuer = issuer or m.group(1)
                year = year or int(m.group(2))
                kind = kind or m.group(3) + m.group(4)
                break
    if not kind or not year:
        for p in ctx.prose[:FIRST_BLOCKS]:
            heading = p.heading is not None and not p.about_duties
            m = _HEADING_KIND.search(compact(p.text.text)) if heading else None
            if m:
                year = year or int(m.group(1))
                kind = kind or m.group(2) + m.group(3)
                break
    if not issuer and kind:
        for p in ctx.prose[:12]:
            m = _SELF.match(compact(p.text.text))
            if m and not p.in_table:
                issuer = m.group(1)
                break
    if not kind:
        for line in lines[:6]:
            if _PERF.search(line):
                kind = "绩效自评报告"
                m = _YEAR.search(line)
                year = year or (int(m.group(1)) if m else None)
                break
    if not issuer and kind == "绩效自评报告" and lines:
        issuer = lines[0] if not _YEAR.search(lines[0]) else ""
    if level and kind[2:] in ("预算", "决算"):
        kind = level + kind[2:]  # "预算单位：…" makes it a 单位预算 whatever the title says
    units, merged = _units(ctx)
    return DocumentInfo(kind, issuer, year, units, merged)


def _title(line: str) -> tuple[str, int, str] | None:
    """(issuer, year, kind) of a cover title; issuer "" when the title names a region only."""
    m = _TITLE_BEFORE.match(line)
    if m:
        issuer = "" if _REGION_TITLE.match(line) else m.group(1)
        return issuer, int(m.group(2)), m.group(3) + m.group(4)
    m = _TITLE_AFTER.match(line)
    if m:
        # "2018年度江苏省高级人民法院预算公开": a department's disclosure
        return m.group(2), int(m.group(1)), (m.group(3) or "部门") + (m.group(4) or m.group(6))
    m = _PERF_TITLE.match(line)
    if m:
        return "", int(m.group(1)), "绩效自评报告"
    return None


_UNIT_NOISE = lazy_pattern(r"^下属(?:行政|事业|参公)?单位|不单列预算.*$|[(]本部[)]$")


def _units(ctx: ExtractContext) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The units a department's document covers, and those merged into the 本部 ("不单列
    预算，并入本部"), from "本部以及下属N家…" and the numbered list after it."""
    for p in ctx.prose[:120]:
        found = _UNITS.search(compact(p.text.text)) if not p.in_table else None
        if found is None:
            continue
        want = int(found.group(1)) + 1  # the 本部 and its N units
        units: list[str] = []
        merged: list[str] = []
        for q in [p, *ctx.following(p)[:12]]:
            listed = False
            for line in q.text.text.split("\n"):
                m = _LISTED.match(compact(line))
                if not m or len(units) + len(merged) >= want:
                    continue
                listed = True
                name = _UNIT_NOISE.sub("", m.group(1)).rstrip("。.") or m.group(1)
                (merged if _MERGED.search(compact(line)) else units).append(name)
            if (units or merged) and (not listed or len(units) + len(merged) >= want):
                break
        return tuple(units), tuple(merged)
    return (), ()
