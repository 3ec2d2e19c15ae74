"""绩效自评表: recognise every performance self-evaluation table and state what it says.

Three kinds of table are read, by their headers:

* 项目支出绩效自评表 (one per project): the 预算执行情况 block (年初预算, 调整后预算数, 预算执行数,
  预算执行率, 权重, 得分; rows 总额, 其中：财政资金 …), the 绩效指标 block (一级/二级/三级指标,
  指标性质, 指标值, 度量单位, 完成值, 权重, 得分), the 合计 row and the 评价结论 row;
* 部门整体支出绩效目标自评表: 年度主要任务 rows with 预算金额 / 实际执行 and a 金额合计 row,
  绩效指标 rows with 部门自评得分 and a 合计 row;
* 部门整体支出绩效评价指标体系: 指标分值 and 自评得分 per 三级指标, section totals in the
  headers ("目标管理（40分）").

An empty 一级/二级指标 cell means "same as above", as a reader of a merged cell takes it.

Scoring profile. Sichuan's template gives 预算执行 10 points and the indicators 90; other
provinces use 20 + 80. By default govaudit reads the profile each table states in its block
headers ("预算执行情况（10分）", "绩效指标（90分）"); `perf-profile` in the configuration
(ExtractSettings.perf_profile) makes every project table be checked against one profile.
"""

from __future__ import annotations

import re
from decimal import Decimal

from govaudit.extract.base.context import ExtractContext, ExtractSettings, Profile, Prose
from govaudit.extract.base.glossary import role_suffix
from govaudit.extract.base.ledger import THIS_YEAR, Key
from govaudit.extract.base.normalize import compact, norm
from govaudit.extract.base.quantities import make_quantity, parse_cell_number
from govaudit.extract.tables.perf_flat import flat_tables
from govaudit.extract.tables.perf_layout import (
    Aligned,
    Segment,
    Value,
    align,
    budget_aliases,
    cell_number,
    columns,
    dominant_width,
    header_key,
    indicator_aliases,
    is_empty_row,
    is_name_row,
    is_title_row,
    key_of,
    operator_of,
    own_cells,
    parse_value,
    points_in_cell,
    segments,
    stated_points,
    strip_points,
    text_of,
    unit_key,
    word_list,
)
from govaudit.extract.tables.perf_model import (
    BudgetRow,
    Indicator,
    PerfTable,
    ProjectNames,
    Task,
    split_name,
)
from govaudit.model import RATIO, VALUE, Cell, Fact, Location, Paragraph, Quantity
from govaudit.patterns import lazy_pattern

# --------------------------------------------------------------------------- fact kinds

KINDS: dict[str, dict[str, str]] = {}
KINDS["perf_table"] = {
    "table_type": "表的种类：项目 / 部门整体 / 指标体系",
    "title": "表名（如「部门预算项目支出绩效自评表（2023年度）」）",
    "name": "项目或部门名称（不含项目编码）",
    "code": "项目编码（如 51050021T000000039075，可能为 none）",
    "budget_block_points": "表头所写的预算执行分值（「预算执行情况（10分）」中的 10）",
    "indicator_block_points": "表头所写的绩效指标分值（「绩效指标（90分）」中的 90）",
    "budget_points": "预算执行应有的分值：配置了评分方案时取配置，否则取表头",
    "indicator_points": "绩效指标应有的分值：配置了评分方案时取配置，否则取表头",
    "points_source": "应有分值的来源：表头 / 配置的评分方案",
    "budget_weight": "预算执行「总额」行的权重",
    "budget_score": "预算执行「总额」行的得分",
    "budget_rate": "预算执行「总额」行的预算执行率",
    "weights": "各绩效指标的权重（列表，指标体系为指标分值）",
    "scores": "各绩效指标的得分（列表）",
    "all_weights": "预算执行权重与各指标权重（列表，不含扣分项）",
    "all_scores": "预算执行得分与各指标得分（列表，不含扣分项）",
    "capped_scores": "同 all_scores，但超过权重的得分按权重计",
    "deductions": "扣分项的得分（列表，合计时减去）",
    "weight_total": "合计行的权重合计",
    "total_score": "合计行的得分合计（总分）",
    "stated_score": "评价结论（自评结论）中写的自评得分，如「自评得分99分」",
    "conclusion": "评价结论的文字（开头部分）",
    "indicator_count": "识别出的绩效指标行数",
    "unit_mismatches": "完成值不是以度量单位表示的指标（列表，文字）",
    "unit_mismatch_text": "同上，供消息显示（最多列 5 项）",
    "unit_mismatch_cells": "这些指标的完成值单元格（列表，用于定位）",
    "missing_actuals": "未填写完成值却有得分的指标（列表，文字）",
    "missing_actual_cells": "这些指标所在行（列表，用于定位）",
    "template_rows": "仍为填表说明（如「（200字以内）」）的栏目名（列表）",
    "template_cells": "这些栏目的位置（列表，用于定位）",
    "qualitative_numbers": "完成值写成数值的定性指标（列表，文字）",
    "qualitative_number_text": "同上，供消息显示（最多列 5 项）",
    "qualitative_number_cells": "这些指标的完成值单元格（列表，用于定位）",
    "cost_targets": "须达到的成本指标值（＝、≥、＞，度量单位为元、万元或元/年；列表）",
    "cost_target_text": "同上，供消息显示",
    "adjusted_budget": "预算执行「总额」行的调整后预算数",
}
KINDS["perf_budget_row"] = {
    "project": "所属项目名称",
    "label": "行名：总额 / 财政资金 / 财政专户管理资金 / 单位资金 / 其他资金 …",
    "is_total": "是否为总额行",
    "initial": "年初预算数",
    "adjusted": "调整后预算数（全年预算数）",
    "executed": "预算执行数（全年执行数）",
    "rate": "预算执行率",
    "weight": "权重（分值）",
    "score": "得分",
}
KINDS["perf_indicator"] = {
    "project": "所属项目或部门名称",
    "table_type": "表的种类：项目 / 部门整体 / 指标体系",
    "level1": "一级指标（合并单元格已按上一行补齐）",
    "level2": "二级指标",
    "name": "三级指标",
    "operator": "指标性质：≥ ≤ = > < 定性",
    "target": "指标值（数值，单位取度量单位）",
    "target_text": "指标值原文",
    "unit": "度量单位",
    "actual": "完成值（数值；与度量单位不符时为 none）",
    "actual_text": "完成值原文",
    "weight": "权重（指标体系为指标分值）",
    "score": "得分",
    "cost": "是否为成本指标（超出「＝」目标算未完成）",
    "comparable": "指标值与完成值能否按指标性质比较（都是同一单位的数值）",
    "deduction": "是否为扣分项",
    "completion_ratio": "以百分比表示的完成程度（文件的这类表把完成值写成完成程度时，见文件概况；否则为 none）",
}
KINDS["perf_column_sum"] = {
    "project": "所属项目或部门名称",
    "column": "哪一列或哪一行（如「调整后预算数」「预算金额」）",
    "total": "合计（总额 / 金额合计）",
    "parts": "各分项（列表）",
    "total_name": "合计的名称（总额 / 金额合计）",
}
KINDS["perf_section"] = {
    "project": "所属表名",
    "name": "指标名称（不含分值）",
    "level": "一级指标 / 二级指标",
    "stated_points": "标题中写的分值（「目标管理（40分）」中的 40）",
    "points": "其下各指标的分值（列表）",
    "scores": "其下各指标的自评得分（列表）",
}

# --------------------------------------------------------------------------- reading a segment

_SCORE = lazy_pattern(
    r"(?:自评|评价|得分|总分)[^,.;:，。；：、\d\n（(]{0,6}?(\d{1,3}(?:\.\d{1,2})?)\s*分"
)


def _first_key(row: list[Cell]) -> str:
    for c in row:
        if not c.merged and text_of(c):
            return key_of(c)
    return ""


def _first_filled(row: list[Cell], start: int = 1) -> Cell | None:
    for c in row[start:]:
        if text_of(c) and not c.merged:
            return c
    return None


def _is_number_cell(c: Cell) -> bool:
    return parse_cell_number(c.text, -1) is not None


class _Reader:
    """A small state machine over the rows of one segment."""

    def __init__(self, seg: Segment) -> None:
        self.seg = seg
        self.t = PerfTable(table_type="", segment=seg, title=seg.title)
        self.state = ""
        self.cols: dict[str, int] = {}
        self.width = 0
        self.level1 = ""
        self.level2 = ""
        self.task_groups: list[str] = []
        self.task_name_col = 1
        self.system_rows: list[list[Cell]] = []
        self.level_cols: dict[str, int] = {}
        self.outcome_col: int | None = None  # "年度目标完成情况" over the next row's cell

    # ---------------------------------------------------------------- dispatch
    def read(self) -> PerfTable | None:
        for row in self.seg.rows:
            if is_empty_row(row):
                continue
            self.row(own_cells(row))
        if self.system_rows:
            self.finish_system()
        return self.result()

    def row(self, row: list[Cell]) -> None:
        k0 = _first_key(row)
        if is_title_row(row):
            return
        if is_name_row(row):
            c = _first_filled(row)
            if c is not None and not self.t.name:
                self.t.name, self.t.code = split_name(text_of(c))
                self.t.name_loc = c.text.loc
            return
        if self.state == "system_sub":
            self.system_subheader(row)
            return
        if self.state == "task_sub":
            self.task_subheader(row)
            return
        if self.try_outcome(row):
            return
        if self.try_headers(row):
            return
        if self.is_total_row(row, k0):
            self.total_row(row)
            return
        if self.try_prose_row(row, key_of(row[0]) if not row[0].merged else ""):
            return
        if self.state == "budget":
            self.budget_row(row)
        elif self.state == "kv":
            self.kv_row(row)
        elif self.state == "indicators":
            self.indicator_row(row)
        elif self.state == "tasks":
            self.task_row(row)
        elif self.state == "system":
            self.system_rows.append(row)

    def try_headers(self, row: list[Cell]) -> bool:
        keys = [header_key(c.text.text) for c in row]
        bcols = columns(row, budget_aliases())
        if len({"adjusted", "executed", "rate", "weight", "score"} & set(bcols)) >= 3:
            self.state, self.cols, self.width = "budget", bcols, len(row)
            self.t.budget_block_points = stated_points(row[0], self.seg.block)
            # "年度预算数（万元）" may head the block a row above: the templates are in 万元
            self.t.budget_unit = _money_unit(row) or "万元"
            return True
        if (
            keys
            and keys[0].startswith(("预算执行情况", "项目预算执行情况"))
            and any(norm(text_of(c)).endswith(":") for c in row)
        ):
            self.state = "kv"
            self.t.budget_unit = _money_unit(row) or "万元"
            self.kv_row(row)
            return True
        icols = columns(row, indicator_aliases())
        if "level3" in icols and ({"actual", "score"} & set(icols)):
            self.state, self.cols, self.width = "indicators", icols, len(row)
            self.t.indicator_block_points = stated_points(row[0], self.seg.block)
            self.level1 = self.level2 = ""
            return True
        if "weight" in icols and "score" in icols and "level3" not in icols:
            self.state = "system_sub"
            return True
        if any(k in word_list("task_header") for k in keys):
            self.state = "task_sub"
            self.task_name_col = next(
                i for i, k in enumerate(keys) if k in word_list("task_header")
            )
            self.task_groups = [
                gname
                for k in keys
                for gname, aliases in _task_group_words().items()
                if any(k.startswith(a) for a in aliases)
            ]
            self.t.budget_unit = _money_unit(row) or "万元"
            return True
        return False

    def is_total_row(self, row: list[Cell], k0: str) -> bool:
        if self.state not in ("indicators", "system") and not (
            self.state == "" and self.t.indicators
        ):
            return False
        if k0 in word_list("total_rows"):
            return True
        # a 合计 row that lost its label: no indicator words, only numbers in the weight
        # and score columns (short in the text layout, spanned in a .docx)
        if self.state != "indicators":
            return False
        a = align(row, self.width)
        words = ("level1", "level2", "level3", "operator", "target", "unit", "actual")
        if any(a.text(self.cols.get(w)) for w in words if w in self.cols):
            return False
        filled = [
            c for i, c in enumerate(a.cells) if c is not None and i not in a.copies and text_of(c)
        ]
        return bool(filled) and all(_is_number_cell(c) for c in filled)

    # ---------------------------------------------------------------- budget block
    def budget_row(self, row: list[Cell]) -> None:
        a = align(row, self.width)
        first_col = min(self.cols.values())
        label = ""
        for i in range(first_col):
            t = a.text(i)
            if t and i not in a.copies and not _is_number_cell(a.cells[i]):  # type: ignore[arg-type]
                label = t
        if not label:
            return
        label = _budget_label(label)
        b = self.seg.block
        u = self.t.budget_unit

        def q(name: str, unit: str = "") -> Quantity | None:
            return cell_number(a.cell(self.cols.get(name)), b, label, unit)

        self.t.budget_rows.append(
            BudgetRow(
                label=label,
                is_total=compact(label) in word_list("budget_total_rows"),
                loc=row[0].text.loc if row else self.seg.loc,
                initial=q("initial", u),
                adjusted=q("adjusted", u),
                executed=q("executed", u),
                rate=q("rate"),
                weight=q("weight"),
                score=q("score"),
            )
        )

    def kv_row(self, row: list[Cell]) -> None:
        """ "预算数: | 214.61万元 | 执行数: | 214.61万元" (003's 项目绩效目标完成情况表)."""
        pairs: list[tuple[str, Cell | None]] = []
        for i, c in enumerate(row[1:], start=1):
            t = norm(text_of(c))
            if t.endswith(":"):
                pairs.append((t[:-1], row[i + 1] if i + 1 < len(row) else None))
        if not pairs:
            return
        label = _budget_label(pairs[0][0])
        b, u = self.seg.block, self.t.budget_unit
        vals = [cell_number(c, b, label, u) for _, c in pairs]
        self.t.budget_rows.append(
            BudgetRow(
                label=label,
                is_total=compact(label) in word_list("budget_total_rows"),
                loc=row[0].text.loc,
                adjusted=vals[0],
                executed=vals[1] if len(vals) > 1 else None,
            )
        )

    # ---------------------------------------------------------------- indicators
    def indicator_row(self, row: list[Cell]) -> None:
        a = align(row, self.width)
        c = self.cols
        l1, l2, l3 = a.text(c.get("level1")), a.text(c.get("level2")), a.text(c.get("level3"))
        if l1:
            if l1 != self.level1:
                self.level2 = ""
            self.level1 = l1
        if l2:
            self.level2 = l2
        b = self.seg.block
        name = "".join(l3.split())
        unit = a.text(c.get("unit"))
        target = parse_value(a.cell(c.get("target")), b, name)
        actual = parse_value(a.cell(c.get("actual")), b, name)
        weight = cell_number(a.cell(c.get("weight")), b, name)
        score = cell_number(a.cell(c.get("score")), b, name)
        if not name and target is None and actual is None and weight is None and score is None:
            return
        op = operator_of(a.text(c.get("operator"))) if "operator" in c else ""
        if not op and target is not None and target.op:
            op = target.op
        if not op and target is not None and target.quantity is None:
            op = "定性"
        self.t.indicators.append(
            Indicator(
                level1="".join(self.level1.split()),
                level2="".join(self.level2.split()),
                name=name,
                loc=_row_loc(row),
                operator=op,
                target=target,
                unit=" ".join(unit.split()),
                actual=actual,
                weight=weight,
                score=score,
                reason=a.text(c.get("reason")),
            )
        )

    def total_row(self, row: list[Cell]) -> None:
        width = self.width or len(row)
        a = align(row, width)
        b = self.seg.block
        weight = cell_number(a.cell(self.cols.get("weight")), b, "权重合计")
        score = cell_number(a.cell(self.cols.get("score")), b, "合计")
        if weight is None and score is None:
            nums = [q for c in row if (q := cell_number(c, b)) is not None and not c.merged]
            if len(nums) >= 2:
                weight, score = nums[0], nums[1]
            elif nums:
                score = nums[0]
        if weight is not None:
            self.t.weight_total = _relabel(weight, "权重合计")
        if score is not None:
            self.t.total_score = _relabel(score, "合计")
        self.state = ""

    # ---------------------------------------------------------------- prose rows
    def try_outcome(self, row: list[Cell]) -> bool:
        """ "项目年度目标 | 年度目标完成情况" over the two texts: the second says what was done
        ("年度预算执行数为1068.13万元，预算执行率为74.06%") and is the project's, like its
        评价结论. The target beside it (what was planned) is never taken for it."""
        keys = [compact(c.text.text) for c in row]
        if "年度目标完成情况" in keys and any(k.endswith("年度目标") for k in keys):
            self.outcome_col = keys.index("年度目标完成情况")
            return True
        col, self.outcome_col = self.outcome_col, None
        if col is None or len(row) <= col:
            return False
        cell = row[col]
        if not cell.merged and cell.text.text.strip():
            self.t.prose_cells.append(("目标完成情况", cell))
        return True

    def try_prose_row(self, row: list[Cell], k0: str) -> bool:
        kinds = (
            ("评价结论", "conclusion_labels"),
            ("存在问题", "problem_labels"),
            ("改进措施", "measure_labels"),
        )
        if not k0 or len(k0) > 14:
            return False
        for name, key in kinds:
            if any(w in k0 for w in word_list(key)):
                cell = _first_filled(row)
                if cell is None:
                    return True
                self.t.prose_cells.append((name, cell))
                if name == "评价结论" and self.t.conclusion is None:
                    self.t.conclusion = cell
                    self.t.stated_score = _stated_score(cell, self.seg.block)
                self.state = ""
                return True
        return False

    # ---------------------------------------------------------------- 部门整体 tasks
    def task_subheader(self, row: list[Cell]) -> None:
        """ "总额 | 财政拨款 | 其他资金 | 总额 | 财政拨款 | 其他资金" under "预算金额 | 实际执行":
        a group starts where the first name comes again (or, failing that, every group
        has as many columns)."""
        keys = [key_of(c) if not c.merged else "" for c in row]
        filled = [i for i, k in enumerate(keys) if k]
        start = filled[0] if filled else len(keys)
        stop = filled[-1] + 1 if filled else len(keys)
        names = keys[start:stop]
        groups = self.task_groups or ["budget"]
        starts = [j for j, k in enumerate(names) if names and k == names[0]]
        if len(starts) != len(groups):
            per = max(len(names) // len(groups), 1)
            starts = list(range(0, len(names), per))[: len(groups)]
        cols: list[tuple[str, str]] = []
        for j, k in enumerate(names):
            g = sum(1 for s0 in starts if s0 <= j) - 1
            cols.append((groups[max(min(g, len(groups) - 1), 0)], k))
        self.t.task_columns = cols
        self.cols = {f"{g}:{k}": start + j for j, (g, k) in enumerate(cols) if k}
        self.width = len(row)
        self.state = "tasks"

    def task_row(self, row: list[Cell]) -> None:
        a = align(row, self.width)
        b = self.seg.block
        texts = [a.text(i) for i in range(min(self.cols.values(), default=0))]
        is_total = any(compact(t) in word_list("task_total_rows") for t in texts if t)
        name = a.text(self.task_name_col)
        if is_total:
            name = next(t for t in texts if compact(t) in word_list("task_total_rows"))
        if not name:
            return
        values = {
            key: cell_number(a.cell(i), b, name, self.t.budget_unit) for key, i in self.cols.items()
        }
        task = Task(" ".join(name.split()), _row_loc(row), values)
        if is_total:
            self.t.task_total = task
            self.state = ""
        else:
            self.t.tasks.append(task)

    # ---------------------------------------------------------------- 指标体系
    def system_subheader(self, row: list[Cell]) -> None:
        keys = [header_key(c.text.text) for c in row]
        for lvl in ("level1", "level2", "level3"):
            for i, k in enumerate(keys):
                if indicator_aliases().get(k) == lvl:
                    self.level_cols[lvl] = i
                    break
        self.state = "system"
        if not self.level_cols:
            self.system_rows.append(row)

    def finish_system(self) -> None:
        rows = self.system_rows
        width = dominant_width(rows)
        full = [r for r in rows if len(r) == width]
        b = self.seg.block
        lc = self.level_cols or {"level1": 0, "level2": 1, "level3": 2}
        first_data = max(lc.values()) + 1
        numeric: list[int] = []
        for j in range(first_data, width):
            filled = [r[j] for r in full if text_of(r[j])]
            nums = [c for c in filled if _is_number_cell(c)]
            if len(filled) >= 2 and len(nums) >= 0.8 * len(filled):
                numeric.append(j)
        if len(numeric) < 2:
            return
        pcol, scol = numeric[0], numeric[-1]
        l1 = l2 = l3 = ""
        for row in rows:
            a = align(row, width)
            t1, t2, t3 = (
                a.text(lc.get("level1")),
                a.text(lc.get("level2")),
                a.text(lc.get("level3")),
            )
            if t1:
                if t1 != l1:
                    l2 = l3 = ""
                l1 = t1
            if t2:
                if t2 != l2:
                    l3 = ""
                l2 = t2
            if t3:
                l3 = t3
            name = " ".join((t3 or l3 or l2).split())
            points = cell_number(a.cell(pcol), b, name)
            score = cell_number(a.cell(scol), b, name)
            if points is None and score is None:
                continue
            self.t.indicators.append(
                Indicator(
                    level1=" ".join(l1.split()),
                    level2=" ".join(l2.split()),
                    name=name,
                    loc=_row_loc(row),
                    weight=points,
                    score=score,
                    deduction=any(w in compact(l1) for w in word_list("deduction_words")),
                )
            )

    # ---------------------------------------------------------------- result
    def result(self) -> PerfTable | None:
        t = self.t
        title_key = compact(t.title)
        if self.system_rows and t.indicators:
            t.table_type = "指标体系"
        elif t.tasks or "部门整体" in title_key:
            t.table_type = "部门整体"
        elif t.budget_rows or t.indicators:
            t.table_type = "项目"
        else:
            return None
        if not t.indicators and not t.budget_rows and not t.tasks:
            return None
        if not t.name and t.table_type == "指标体系":
            t.name = t.title
        return t


def _task_group_words() -> dict[str, tuple[str, ...]]:
    from govaudit.extract.tables.perf_layout import words

    groups = words().get("task_groups") or {}
    return {str(g): tuple(compact(str(w)) for w in ws) for g, ws in groups.items()}


def _money_unit(row: list[Cell]) -> str:
    for c in row:
        k = compact(c.text.text)
        if "万元" in k:
            return "万元"
        if "(元)" in k or "单位:元" in k:
            return "元"
    return ""


def _budget_label(text: str) -> str:
    s = " ".join(norm(text).split())
    s = re.sub(r"^其中\s*[:：\-—]?\s*", "", s)
    return s.strip(" :：-").replace(" ", "")


def _row_loc(row: list[Cell]) -> Location:
    for c in row:
        if text_of(c):
            return c.text.loc
    return row[0].text.loc if row else Location()


def _relabel(q: Quantity, label: str) -> Quantity:
    from dataclasses import replace

    return replace(q, label=label)


def _stated_score(cell: Cell, block: int) -> Quantity | None:
    """ "自评得分99分" "自评总分为97.39分" "说明项目自评10分" "部门整体自评总97分" → the score."""
    return points_in_cell(cell, block, _SCORE, "评价结论所述得分")


# --------------------------------------------------------------------------- recognising


def read_tables(ctx: ExtractContext) -> list[PerfTable]:
    """Every 绩效自评表 of the document, in reading order."""
    out: list[PerfTable] = []
    for view in ctx.tables:
        for seg in segments(view.table, view.index):
            if not seg.title:
                # a title above the table (.docx, .pdf) or the sheet's name (.xlsx)
                sheet = view.table.title or ""
                seg.title = sheet if _is_title_text(sheet) else _title_before(ctx, view.index)
            t = _Reader(seg).read()
            if t is not None:
                t.section = view.section
                out.append(t)
    for t in flat_tables(ctx):
        if t.conclusion is not None and t.stated_score is None:
            t.stated_score = _stated_score(t.conclusion, t.segment.block)
        out.append(t)
    return out


def _title_before(ctx: ExtractContext, index: int) -> str:
    """A table whose title is a paragraph above it (.docx, .pdf)."""
    if index <= 0:
        return ""
    block = ctx.doc.blocks[index - 1]
    if isinstance(block, Paragraph) and _is_title_text(block.text.text):
        return block.text.text.strip()
    return ""


def _is_title_text(text: str) -> bool:
    k = compact(text)
    return 0 < len(k) <= 60 and any(w in k for w in word_list("titles"))


# --------------------------------------------------------------------------- facts


def extract(ctx: ExtractContext) -> list[Fact]:
    facts: list[Fact] = []
    tables = read_tables(ctx)
    ctx.profile.completion = completion_conventions(tables)
    for t in tables:
        ratios = ctx.profile.completion.get(t.table_type) == RATIO
        facts.extend(table_facts(t, ctx.settings, ratios))
    _register(ctx, tables)
    _named_segments(ctx)
    return facts


# --------------------------------------------------------------------------- ledger keys

PROJECT_FUNDS = "项目资金"
EXECUTION_RATE = "预算执行率"
_BUDGET_ROLES = (("initial", "年初预算"), ("adjusted", "调整后预算"), ("executed", "执行数"))
# the 部门整体 table's 预算金额 is the project's 调整后预算数, its 实际执行 the 执行数
_TASK_ROLES = {"budget": "调整后预算", "actual": "执行数"}


_FISCAL = ("财政资金", "财政拨款", "财政拨款资金", "当年财政拨款")


def _fund(label: str) -> str:
    """The funds a budget row or task column covers: 总额 → all; 财政资金 and 财政拨款 are
    one fund, 财政专户管理资金, 单位资金, 其他资金 … each their own."""
    k = compact(label).removeprefix("其中:").removeprefix("其中")
    if k in word_list("budget_total_rows"):
        return ""
    return "财政拨款" if k in _FISCAL else k


def _named_segments(ctx: ExtractContext) -> None:
    """Every sentence of a table that names its project (项目名称 row) is that project's,
    even where the rest of the table cannot be read as a 绩效自评表."""
    for view in ctx.tables:
        for seg in segments(view.table, view.index):
            row = next((r for r in seg.rows if is_name_row(r)), None)
            value = _first_filled(row) if row else None
            if value is None:
                continue
            name, _ = split_name(text_of(value))
            for r in seg.rows:
                for cell in r:
                    ctx.entity_of.setdefault(id(cell.text), name)


def _register(ctx: ExtractContext, tables: list[PerfTable]) -> None:
    """A project's figures get the project as their entity: its own table, the 部门整体
    table's task row for it and the sentences of its table (评价结论 …) state the same
    年初预算 / 调整后预算 / 执行数 / 执行率, and the ledger compares them."""
    projects = ProjectNames((t for t in tables if t.table_type == "项目"), lambda t: t.name)
    cells = {id(p.text): p for p in ctx.prose if p.in_table}
    for t in tables:
        if t.table_type == "项目":
            _register_project(ctx, t, cells)
        elif t.table_type == "部门整体":
            for task in t.tasks:
                found = projects.lookup(task.name)
                entity = _display_name(found[0]) if len(found) == 1 else task.name
                for group, column in t.task_columns:
                    q = task.values.get(f"{group}:{column}")
                    role = _TASK_ROLES.get(group)
                    if q is None or role is None or _fund(column):
                        continue  # the 总额 says it; its 财政拨款 column is the task sums' to check
                    what = "预算金额" if group == "budget" else "实际执行"
                    where = f"部门整体支出绩效自评表中「{task.name}」{what}"
                    key = Key(PROJECT_FUNDS, _fund(column), THIS_YEAR, entity, role)
                    ctx.ledger.resolve(q, key, where)


def _register_project(ctx: ExtractContext, t: PerfTable, cells: dict[int, Prose]) -> None:
    name = _display_name(t)
    for r in t.budget_rows:
        fund = _fund(r.label)
        for attr, role in _BUDGET_ROLES:
            where = f"「{name}」项目自评表{r.label}的{role}"
            ctx.ledger.resolve(
                getattr(r, attr), Key(PROJECT_FUNDS, fund, THIS_YEAR, name, role), where
            )
        where = f"「{name}」项目自评表{r.label}的预算执行率"
        ctx.ledger.resolve(r.rate, Key(EXECUTION_RATE, fund, THIS_YEAR, name), where)
    for ind in t.indicators:
        concept = f"指标「{ind.level2}/{ind.name}」" if ind.level2 else f"指标「{ind.name}」"
        for value, role in ((ind.target, "指标值"), (ind.actual, "完成值")):
            if value is not None and value.quantity is not None:
                where = f"「{name}」项目自评表指标「{ind.name}」{role}"
                ctx.ledger.resolve(value.quantity, Key(concept, "", THIS_YEAR, name, role), where)
    # "年度预算执行数为1068.13万元，预算执行率为74.06%" in the table's own sentences
    for row in t.segment.rows:  # every sentence of the table is the project's
        for cell in row:
            ctx.entity_of[id(cell.text)] = name
    # the table's sentences through the dict of in-table prose: walking every prose block
    # for every project table made a long batch of tables quadratic
    seen: set[int] = set()
    for _, cell in t.prose_cells:
        p = cells.get(id(cell.text))
        if p is None or id(p) in seen:
            continue
        seen.add(id(p))
        for q in p.quantities:
            key = _sentence_key(q, name)
            if key is not None:
                ctx.ledger.resolve(q, key, f"「{name}」项目自评表{q.loc.describe()}", excerpt="")


def _sentence_key(q: Quantity, project: str) -> Key | None:
    label = compact(q.label)
    if q.kind == "percent" and label.endswith(("预算执行率", "执行率")):
        return Key(EXECUTION_RATE, "", THIS_YEAR, project)
    if q.kind != "money" or q.approx:
        return None
    _, role = role_suffix(label)
    if role in ("年初预算", "调整后预算", "执行数") or (role == "预算数" and "年初" in label):
        return Key(PROJECT_FUNDS, "", THIS_YEAR, project, "年初预算" if role == "预算数" else role)
    return None


# --------------------------------------------------------------------------- across tables


def _loc(t: PerfTable) -> Location:
    return t.name_loc or t.segment.loc


def _display_name(t: PerfTable) -> str:
    return t.name or t.title or "（未命名的表）"


def table_facts(t: PerfTable, settings: ExtractSettings, ratios: bool = False) -> list[Fact]:
    """The facts of one table; `ratios`: the document writes this kind of table's 完成值 as
    completion ratios (the profile's convention, `completion_conventions`)."""
    name = _display_name(t)
    b = t.segment.block
    excerpt = f"{t.title} {name}".strip()
    facts: list[Fact] = [_table_fact(t, name, excerpt, settings.perf_profile, ratios)]
    for r in t.budget_rows:
        facts.append(
            Fact(
                "perf_budget_row",
                r.loc,
                b,
                {
                    "project": name,
                    "label": r.label,
                    "is_total": r.is_total,
                    "initial": r.initial,
                    "adjusted": r.adjusted,
                    "executed": r.executed,
                    "rate": r.rate,
                    "weight": r.weight,
                    "score": r.score,
                },
                t.section,
                f"{name} {r.label}",
            )
        )
    facts.extend(_budget_sums(t, name, excerpt))
    for ind in t.indicators:
        facts.append(_indicator_fact(t, ind, name, ratios))
    facts.extend(_task_sums(t, name))
    facts.extend(_sections(t, name))
    return facts


def _table_fact(
    t: PerfTable, name: str, excerpt: str, expected: Profile | None, ratios: bool
) -> Fact:
    b = t.segment.block
    total = next((r for r in t.budget_rows if r.is_total), None)
    inds = [i for i in t.indicators if not i.deduction]
    deds = [i for i in t.indicators if i.deduction]
    weights = [i.weight for i in inds]
    scores = [i.score for i in inds]
    all_weights = ([total.weight] if total and total.weight else []) + weights
    all_scores = ([total.score] if total and total.score else []) + scores
    capped = [_cap(s, w) for s, w in zip(all_scores, all_weights, strict=False)]
    if len(all_scores) != len(all_weights):
        capped = list(all_scores)
    if not any(w is not None for w in weights):
        weights, all_weights = [], [w for w in all_weights if w is not None]
    if not any(s is not None for s in scores) and not (total and total.score):
        scores, all_scores, capped = [], [], []

    profile = expected if t.table_type == "项目" else None
    if profile is not None:
        # located where the table states its own points, so a finding points at the header
        budget_points = make_quantity(
            profile[0],
            _decimals(profile[0]),
            "分",
            label="配置的预算执行分值",
            loc=t.budget_block_points.loc if t.budget_block_points else _loc(t),
            block=b,
        )
        indicator_points = make_quantity(
            profile[1],
            _decimals(profile[1]),
            "分",
            label="配置的绩效指标分值",
            loc=t.indicator_block_points.loc if t.indicator_block_points else _loc(t),
            block=b,
        )
        source = f"配置的评分方案（{_fmt(profile[0])}+{_fmt(profile[1])}）"
    else:
        budget_points, indicator_points = t.budget_block_points, t.indicator_block_points
        source = "表头"

    mismatches, mismatch_cells, missing, missing_cells = _unit_checks(t, ratios)
    templates = [
        (label, cell)
        for label, cell in t.prose_cells
        if any(m in compact(cell.text.text) for m in word_list("template_marks"))
    ]
    fields = {
        "table_type": t.table_type,
        "title": t.title,
        "name": name,
        "code": t.code,
        "budget_block_points": t.budget_block_points,
        "indicator_block_points": t.indicator_block_points,
        "budget_points": budget_points,
        "indicator_points": indicator_points,
        "points_source": source,
        "budget_weight": total.weight if total else None,
        "budget_score": total.score if total else None,
        "budget_rate": total.rate if total else None,
        "weights": weights,
        "scores": scores,
        "all_weights": all_weights,
        "all_scores": all_scores,
        "capped_scores": capped,
        "deductions": [i.score for i in deds],
        "weight_total": t.weight_total,
        "total_score": t.total_score,
        "stated_score": t.stated_score,
        "conclusion": _short(text_of(t.conclusion), 60) if t.conclusion else None,
        "indicator_count": len(t.indicators),
        "unit_mismatches": mismatches,
        "unit_mismatch_text": _listing(mismatches),
        "unit_mismatch_cells": mismatch_cells,
        "missing_actuals": missing,
        "missing_actual_cells": missing_cells,
        "template_rows": [label for label, _ in templates],
        "template_cells": [_cell_anchor(c, t.segment.block, label) for label, c in templates],
        **_scoring_fields(t, ratios),
        "adjusted_budget": total.adjusted if total else None,
    }
    return Fact("perf_table", _loc(t), t.segment.block, fields, t.section, excerpt, t.total_score)


_MONEY_UNITS = {"万元": "万元", "万元/年": "万元", "元": "元", "元/年": "元"}


def _scoring_fields(t: PerfTable, ratios: bool) -> dict[str, object]:
    """What the scoring rules need beyond the indicators themselves: 定性 indicators given a
    number as their 完成值 (where the document writes completion ratios, "90%" says how much
    of a 定性 target was met: that is its convention, not a number in place of a grade), and
    the cost targets that must be reached (their sum cannot exceed the budget)."""
    from dataclasses import replace

    qualitative = [
        i
        for i in t.indicators
        if i.operator == "定性"
        and i.actual
        and i.actual.quantity
        and not (ratios and _is_ratio(i.actual))
    ]
    costs: list[Quantity] = []
    cost_words = word_list("cost_words")
    for i in t.indicators:
        if i.operator not in ("=", "≥", ">") or not i.target or i.target.quantity is None:
            continue
        if "元" not in i.unit:
            continue
        money = _MONEY_UNITS.get(unit_key(i.unit))
        cost = any(w in compact(i.level1 + i.level2) for w in cost_words)
        if not cost or money is None:
            continue
        q = i.target.quantity if i.target else None
        own = unit_key(i.target.unit) if i.target else ""
        if q is None or (own and own != unit_key(i.unit)):
            continue
        costs.append(replace(q, unit=money, label=i.name))
    return {
        "qualitative_numbers": [
            f"{i.name}（指标值 {i.target.text if i.target else '—'}）完成值 {i.actual.text}"  # type: ignore[union-attr]
            for i in qualitative
        ],
        "qualitative_number_text": _listing(
            [
                f"{i.name}（{i.target.text if i.target else '—'}）完成值 {i.actual.text}"  # type: ignore[union-attr]
                for i in qualitative
            ]
        ),
        "qualitative_number_cells": [i.actual.quantity for i in qualitative],  # type: ignore[union-attr]
        "cost_targets": costs,
        "cost_target_text": "、".join(
            f"{q.label} {q.text}{'' if q.text.endswith(('元', '万元')) else q.unit}" for q in costs
        ),
    }


def completion_conventions(tables: list[PerfTable]) -> dict[str, str]:
    """How the document writes 完成值, per kind of table (项目 / 部门整体), from the indicators
    that tell the two apart: one counted in 人, 个 or 万元 whose 完成值 is "100%" reports how
    much of the target was done (RATIO); one whose 完成值 is a number in its unit reports
    the value reached (VALUE). An indicator counted in % tells nothing. The kind's majority
    is its convention: under RATIO, "90%" under a "≥90%" indicator is a ratio too, and is not
    compared with the target; a number in the unit is still compared."""
    votes: dict[str, list[int]] = {}
    for t in tables:
        for ind in t.indicators:
            # the 度量单位 column, or the unit the 指标值 cell writes (a table without that column)
            unit = unit_key(ind.unit) or (unit_key(ind.target.unit) if ind.target else "")
            a = ind.actual
            if not unit or unit == "%" or a is None or a.quantity is None:
                continue
            own = unit_key(a.unit)
            tally = votes.setdefault(t.table_type, [0, 0])
            if own == "%":
                tally[0] += 1
            elif not own or own == unit:
                tally[1] += 1
    return {
        kind: RATIO if ratio > value else VALUE
        for kind, (ratio, value) in votes.items()
        if ratio + value
    }


def _is_ratio(v: Value) -> bool:
    return v.quantity is not None and unit_key(v.unit) == "%"


def _indicator_fact(t: PerfTable, ind: Indicator, project: str, ratios: bool = False) -> Fact:
    unit = unit_key(ind.unit)
    target = _in_unit(ind.target, unit)
    actual = _in_unit(ind.actual, unit)
    ratio = ratios and ind.actual is not None and _is_ratio(ind.actual)
    if ratio:
        actual = None
    cost = any(w in compact(ind.level1 + ind.level2) for w in word_list("cost_words"))
    comparable = (
        ind.operator in ("=", "≥", "≤", ">", "<") and target is not None and actual is not None
    )
    return Fact(
        "perf_indicator",
        ind.loc,
        t.segment.block,
        {
            "project": project,
            "table_type": t.table_type,
            "level1": ind.level1,
            "level2": ind.level2,
            "name": ind.name,
            "operator": ind.operator or None,
            "target": target,
            "target_text": ind.target.text if ind.target else None,
            "unit": ind.unit or None,
            "actual": actual,
            "actual_text": ind.actual.text if ind.actual else None,
            "weight": ind.weight,
            "score": ind.score,
            "cost": cost,
            "comparable": comparable,
            "deduction": ind.deduction,
            "completion_ratio": ind.actual.quantity if ratio and ind.actual else None,
        },
        t.section,
        f"{project} {ind.name}",
    )


def _in_unit(v: Value | None, unit: str) -> Quantity | None:
    """The figure of a target or completion cell in the indicator's unit, or None when the
    cell is words, or a figure in another unit ("100%" for 人, "36000元/年" for 元/月)."""
    if v is None or v.quantity is None:
        return None
    own = unit_key(v.unit)
    if own and unit and own != unit:
        return None
    if own and not unit:
        return None if own != "%" else v.quantity
    u = unit or own
    from dataclasses import replace

    return replace(v.quantity, unit="%" if u == "%" else u, unit_inferred=not own)


def _unit_checks(
    t: PerfTable, ratios: bool
) -> tuple[list[str], list[Quantity], list[str], list[Quantity]]:
    """完成值 not in their indicator's unit (a completion ratio is the unit where the
    document writes ratios), and indicators scored without a 完成值."""
    mismatches: list[str] = []
    cells: list[Quantity] = []
    missing: list[str] = []
    missing_cells: list[Quantity] = []
    for ind in t.indicators:
        unit = unit_key(ind.unit)
        a = ind.actual
        if a is not None and a.quantity is not None and unit:
            own = unit_key(a.unit)
            if own and own != unit and not (ratios and own == "%"):
                mismatches.append(f"{ind.name}（{ind.unit}）完成值 {a.text}")
                cells.append(a.quantity)
        if (
            t.table_type == "项目"
            and a is None
            and ind.score is not None
            and ind.weight is not None
            and ind.target is not None
        ):
            missing.append(f"{ind.name}（得分 {ind.score.text}/{ind.weight.text}）")
            missing_cells.append(ind.score)
    return mismatches, cells, missing, missing_cells


def _budget_sums(t: PerfTable, name: str, excerpt: str) -> list[Fact]:
    total = next((r for r in t.budget_rows if r.is_total), None)
    if total is None:
        return []
    parts = [r for r in t.budget_rows if r is not total and not r.is_total]
    out: list[Fact] = []
    for col, title in (
        ("initial", "年初预算数"),
        ("adjusted", "调整后预算数"),
        ("executed", "预算执行数"),
    ):
        tq = getattr(total, col)
        ps = [getattr(r, col) for r in parts if getattr(r, col) is not None]
        if tq is None or not ps:
            continue
        out.append(
            Fact(
                "perf_column_sum",
                tq.loc,
                t.segment.block,
                {
                    "project": name,
                    "column": title,
                    "total": tq,
                    "parts": ps,
                    "total_name": total.label,
                },
                t.section,
                f"{excerpt} {title}",
                tq,
            )
        )
    return out


def _task_sums(t: PerfTable, name: str) -> list[Fact]:
    """Σ 任务 = 金额合计 per column, and 总额 = 财政拨款 + 其他资金 per task and group."""
    out: list[Fact] = []
    group_names = {"budget": "预算金额", "actual": "实际执行"}

    def column_sum(column: str, tq: Quantity, ps: list[Quantity], total_name: str) -> Fact:
        fields = {
            "project": name,
            "column": column,
            "total": tq,
            "parts": ps,
            "total_name": total_name,
        }
        return Fact(
            "perf_column_sum", tq.loc, t.segment.block, fields, t.section, f"{name} {column}", tq
        )

    if t.task_total is not None:
        for key, tq in t.task_total.values.items():
            ps = [task.values.get(key) for task in t.tasks]
            ps = [p for p in ps if p is not None]
            if tq is None or not ps:
                continue
            g, col = key.split(":", 1)
            column = f"{group_names.get(g, g)}·{col}"
            out.append(column_sum(column, tq, ps, t.task_total.name))
    total_words = word_list("budget_total_rows")
    for task in [*t.tasks, *([t.task_total] if t.task_total else [])]:
        for g in dict.fromkeys(k.split(":", 1)[0] for k in task.values):
            keys = [k for k in task.values if k.startswith(g + ":")]
            tot = [k for k in keys if k.split(":", 1)[1] in total_words]
            if not tot:
                continue
            tq = task.values[tot[0]]
            ps = [
                _relabel(q, k.split(":", 1)[1])
                for k in keys
                if k not in tot and (q := task.values[k]) is not None
            ]
            if tq is None or not ps:
                continue
            column = f"{task.name}·{group_names.get(g, g)}"
            out.append(column_sum(column, tq, ps, "总额"))
    return out


def _sections(t: PerfTable, name: str) -> list[Fact]:
    """指标体系: each 一级/二级指标 whose header states its points ("目标管理（40分）")."""
    if t.table_type != "指标体系":
        return []
    out: list[Fact] = []
    groups: dict[tuple[str, str], list[Indicator]] = {}
    for ind in t.indicators:
        groups.setdefault(("一级指标", ind.level1), []).append(ind)
        if ind.level2 and ind.level2 != ind.level1:
            groups.setdefault(("二级指标", ind.level1 + "\x00" + ind.level2), []).append(ind)
    for (level, key), inds in groups.items():
        label = key.split("\x00")[-1]
        cell = _find_header_cell(t, label)
        pts = stated_points(cell, t.segment.block) if cell is not None else None
        if pts is None:
            continue
        out.append(
            Fact(
                "perf_section",
                pts.loc,
                t.segment.block,
                {
                    "project": name,
                    "name": strip_points(label),
                    "level": level,
                    "stated_points": pts,
                    "points": [i.weight for i in inds],
                    "scores": [i.score for i in inds],
                },
                t.section,
                f"{name} {label}",
                pts,
            )
        )
    return out


def _find_header_cell(t: PerfTable, label: str) -> Cell | None:
    for row in t.segment.rows:
        for c in row:
            if text_of(c) == label and not c.merged:
                return c
    return None


# --------------------------------------------------------------------------- helpers


def _cap(score: Quantity | None, weight: Quantity | None) -> Quantity | None:
    if score is None or weight is None:
        return score
    return weight if score.value > weight.value else score


def _decimals(d: Decimal) -> int:
    exp = d.as_tuple().exponent
    return max(-exp, 0) if isinstance(exp, int) else 0


def _fmt(d: Decimal) -> str:
    return f"{d.normalize():f}"


def _short(text: str, n: int) -> str:
    s = " ".join(text.split())
    return s if len(s) <= n else s[:n] + "…"


def _listing(items: list[str], n: int = 5) -> str:
    if len(items) <= n:
        return "；".join(items)
    return "；".join(items[:n]) + f"……等 {len(items)} 项"


def _cell_anchor(cell: Cell, block: int, label: str) -> Quantity:
    """A located stand-in for a text cell, so that a finding can point at its line."""
    return make_quantity(
        Decimal(0),
        0,
        "",
        label=label,
        text=_short(text_of(cell), 20),
        loc=cell.text.loc,
        block=block,
    )


__all__ = [
    "Aligned",
    "PerfTable",
    "extract",
    "read_tables",
]
