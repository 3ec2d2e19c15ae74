"""Pairing a batch across documents stays linear in the number of documents.

Run by hand: python bench/bench_across.py [--counts 100,250,500]. Each "issuer" publishes a
部门预算 and a 单位预算 for 2025 and a 部门预算 for 2024 (the real 区政府办公室 and 万里街道
sentences with the issuer's name changed), so a batch of N documents holds about 2N/3 pairs.
The documents are checked once; the cost measured is that of check_across (pairing by index,
facts, rules) on the reports. Nothing here is asserted in the tests.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from govaudit.across import check_across  # noqa: E402
from govaudit.check import check_text, load_rules  # noqa: E402

DEPT = """上海市普陀区{year}年区级部门预算
预算主管部门：{name}
{name}部门预算是包括{name}本部以及下属1家事业单位的综合收支计划。
1.{name}本部。
2.下属事业单位{name}交流服务中心不单列预算，并入本部。
{year}年，{name}收入预算{total}万元，其中：财政拨款收入{total}万元，比{prev}年预算减少2,389.52万元；事业收入0万元；事业单位经营收入0万元；其他收入0万元。
{year}年“三公”经费预算数为867.50万元，比{prev}年预算持平。
"""
UNIT = """上海市普陀区{year}年区级单位预算
预算单位：{name}
{year}年，{name}收入预算{total}万元，其中：财政拨款收入{total}万元，比{prev}年预算减少2,389.52万元；事业收入0万元；事业单位经营收入0万元；其他收入0万元。
{year}年“三公”经费预算数为867.50万元，比{prev}年预算持平。
"""


def batch(count: int) -> list:
    rules = load_rules()
    reports = []
    i = 0
    while len(reports) < count:
        name = f"上海市普陀区第{i}委员会"
        for text, year, total in (
            (DEPT, 2025, "9,101.68"),
            (UNIT, 2025, "9,101.68"),
            (DEPT, 2024, "11,491.20"),
        ):
            if len(reports) < count:
                body = text.format(name=name, year=year, prev=year - 1, total=total)
                reports.append(check_text(body, rules, f"{name}-{year}-{len(reports)}.txt"))
        i += 1
    return reports


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--counts", default="100,250,500")
    a = ap.parse_args()
    rules = load_rules()
    for n in (int(x) for x in a.counts.split(",")):
        reports = batch(n)
        t = time.perf_counter()
        pairs = check_across(reports, rules)
        dt = time.perf_counter() - t
        print(
            f"{n:5d} documents: {len(pairs):4d} pairs, {dt * 1000:7.1f} ms, {dt / n * 1e6:6.0f} µs per document"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
