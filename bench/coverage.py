"""Figure coverage: of the money and percentage figures each document prints, how many took
part in a relation a rule compared (the count the report gives as coverage.figures).

    python bench/coverage.py [PATH ...] [--unchecked]

Without paths: the five seeds, the corpus PDFs and the generated copies of seed 000.
--unchecked lists every figure no rule compared, with its line, for finding what to read next.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from govaudit.check import check_file, discover, load_rules  # noqa: E402

SHARED = HERE.parent.parent / "shared"
DEFAULT = [str(SHARED / "seeds"), str(SHARED / "corpus")]


def pct(a: int, b: int) -> str:
    return f"{a}/{b} {a / b:4.0%}" if b else "—"


def main(argv: list[str]) -> int:
    show = "--unchecked" in argv
    paths = [a for a in argv if not a.startswith("--")] or DEFAULT
    rules = load_rules()
    sums = {"prose": [0, 0], "table": [0, 0]}
    for path in discover(paths).files:
        r = check_file(path, rules)
        if r.status != "ok":
            print(f"{Path(path).name}: {r.error}")
            continue
        f = r.figures
        print(
            f"{Path(path).name[:44]:46s} prose {pct(f.prose.checked, f.prose.total):>14s}"
            f"   table {pct(f.table.checked, f.table.total):>14s}"
        )
        if "seeds" in path:
            for name, t in (("prose", f.prose), ("table", f.table)):
                sums[name][0] += t.checked
                sums[name][1] += t.total
        if show:
            lines = r.document.source_lines if r.document else None
            for loc, text in f.unchecked:
                ctx = lines[loc.line - 1].strip()[:70] if lines and loc.line else ""
                print(f"    {loc.describe():14s} {text:12s} {ctx}")
    if any(t for _, t in sums.values()):
        print(f"{'seeds':46s} prose {pct(*sums['prose']):>14s}   table {pct(*sums['table']):>14s}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
