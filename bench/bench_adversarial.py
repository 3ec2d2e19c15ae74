"""Adversarial text through the whole pipeline: long runs of digits, commas, 其中,
full-width punctuation, brackets. Run by hand; prints the time for each input.

    python bench/bench_adversarial.py [--scale 1]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from govaudit.check import check_text, load_rules


def cases(k: int) -> dict[str, str]:
    return {
        "digits": "1" * 200000 * k,
        "digit_commas": "1," * 100000 * k,
        "num_units": "12.5万元，" * 40000 * k,
        "qizhong": "其中：" * 50000 * k,
        "qizhong_nums": "合计100万元，其中：A1万元、" * 20000 * k,
        "fullwidth": "（，；：）" * 50000 * k,
        "parens_open": "（" * 100000 * k + "1万元",
        "pct": "占12.5%；" * 40000 * k,
        "increase": "增加1万元，增长2%。" * 20000 * k,
        "tabs": "\t1\n" * 50000 * k,
        "pipes": "|1|2|\n" * 30000 * k,
        "long_sentence": "本年支出合计3469.24万元，其中：基本支出575.18万元，占16.58%；项目支出2894.06万元，占83.42%；"
        * 3000
        * k,
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--scale", type=int, default=1, help="multiply every input by this")
    args = ap.parse_args()
    rules = load_rules()
    print(f"{'input':<16} {'chars':>9} {'ms':>9} {'µs/char':>8}")
    for name, text in cases(args.scale).items():
        t = time.perf_counter()
        check_text(text, rules)
        dt = time.perf_counter() - t
        print(
            f"{name:<16} {len(text):>9} {dt * 1000:>9.0f} {dt * 1e6 / len(text):>8.2f}", flush=True
        )


if __name__ == "__main__":
    main()
