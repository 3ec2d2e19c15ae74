"""Time `govaudit check` on PDFs against pdfminer.six's own `extract_text`.

Run by hand: python bench/bench_pdf.py [FILE.pdf ...] (default: the corpus PDFs in
tests/fixtures/pdf, the budget PDFs in tests/fixtures/pdf/budget and the PDF made from seed 000). For each file: pages, best-of-N time of
pdfminer's `extract_text` (its default layout analysis), of govaudit's reader alone and of
govaudit's whole check (read → extract → rules, rules loaded once beforehand), ms per
page, and the ratio check / extract_text (the aim is ≤ 1.3). Nothing here is asserted in
the tests.
"""

from __future__ import annotations

import argparse
import platform
import sys
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from pdfminer.high_level import extract_text  # noqa: E402
from timing import best_of  # noqa: E402

from govaudit.check import check_file, load_rules  # noqa: E402
from govaudit.readers.pdf import read_pdf  # noqa: E402

DEFAULT = [
    *sorted((ROOT / "tests" / "fixtures" / "pdf").glob("*.pdf")),
    *sorted((ROOT / "tests" / "fixtures" / "pdf" / "budget").glob("*.pdf")),
    ROOT / "tests" / "fixtures" / "000_ee64df1db50c45f3.pdf",
]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("files", nargs="*", type=Path)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    files = args.files or DEFAULT
    rules = load_rules()
    print(f"# {platform.machine()}, Python {platform.python_version()}, best of {args.runs}")
    print()
    print(
        "| file | pages | extract_text ms | read ms | check ms | check ms/page | check / extract_text | peak MB | findings |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for path in files:
        data = path.read_bytes()
        doc = read_pdf(str(path), data)
        pages = int(doc.meta.get("pages", 0))
        t_pm = best_of(args.runs, lambda p=path: extract_text(str(p)))
        t_read = best_of(args.runs, lambda p=path, d=data: read_pdf(str(p), d))
        tracemalloc.start()
        report = check_file(str(path), rules)
        peak = tracemalloc.get_traced_memory()[1] / 1e6
        tracemalloc.stop()
        t_check = best_of(args.runs, lambda p=path: check_file(str(p), rules))
        print(
            f"| {path.name} | {pages} | {t_pm * 1000:.0f} | {t_read * 1000:.0f} | "
            f"{t_check * 1000:.0f} | {t_check * 1000 / max(pages, 1):.1f} | "
            f"{t_check / t_pm:.2f} | {peak:.0f} | {len(report.findings)} |"
        )


if __name__ == "__main__":
    main()
