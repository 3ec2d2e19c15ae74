"""Time the .docx reader on Word documents built from the seeds.

Run by hand: python bench/bench_docx.py [--runs 5]. For each seed a real .docx is built by
tests/readers/docx_builder.py (paragraphs, w:tbl tables with merged cells, text split into
runs); the table shows its size, the reader's time (read_docx: unzip + parse + walk), the
whole check (read → extract → rules) for the .docx and for the .txt it came from, and, when
python-docx is installed, python-docx's time to open the file and read its paragraph and
cell texts. Nothing here is asserted in tests.
"""

from __future__ import annotations

import argparse
import io
import platform
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from timing import SEEDS, best_of  # noqa: E402

from govaudit.check import check_file, load_rules  # noqa: E402
from govaudit.readers.docx import read_docx  # noqa: E402
from tests.readers.docx_builder import docx_from_text  # noqa: E402


def python_docx_time(data: bytes, runs: int) -> float | None:
    try:
        import docx  # python-docx
    except ImportError:
        return None

    def read() -> None:
        d = docx.Document(io.BytesIO(data))
        for para in d.paragraphs:
            _ = para.text
        for table in d.tables:
            for row in table.rows:
                for cell in row.cells:
                    _ = cell.text

    return best_of(runs, read)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    rules = load_rules()
    print(f"machine: {platform.machine()} python {platform.python_version()}")
    print(
        f"{'document':<28} {'docx KB':>8} {'xml KB':>8} {'blocks':>7} {'read ms':>8} "
        f"{'check docx':>11} {'check txt':>10} {'python-docx':>12}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        items = [(p.name[:3], p) for p in SEEDS]
        joined = Path(tmp) / "all.txt"
        joined.write_text("\n".join(p.read_text(encoding="utf-8") for p in SEEDS), encoding="utf-8")
        items.append(("five seeds joined", joined))
        for label, src in items:
            data = docx_from_text(src)
            path = Path(tmp) / f"{src.stem}.docx"
            path.write_bytes(data)
            import zipfile

            xml_kb = zipfile.ZipFile(io.BytesIO(data)).getinfo("word/document.xml").file_size / 1024
            doc = read_docx(str(path), data)
            read = best_of(args.runs, lambda d=data, p=path: read_docx(str(p), d))
            check_docx = best_of(args.runs, lambda p=path: check_file(str(p), rules))
            check_txt = best_of(args.runs, lambda s=src: check_file(str(s), rules))
            pd = python_docx_time(data, args.runs)
            pd_s = f"{pd * 1000:>10.1f}ms" if pd is not None else f"{'—':>12}"
            print(
                f"{label:<28} {len(data) / 1024:>8.0f} {xml_kb:>8.0f} {len(doc.blocks):>7} "
                f"{read * 1000:>8.1f} {check_docx * 1000:>9.1f}ms {check_txt * 1000:>8.1f}ms {pd_s}"
            )


if __name__ == "__main__":
    main()
