"""Damaged Word and Excel files never crash the readers: every failure is an InputError.

Deterministic mutations of real files (bytes flipped, cut or inserted inside the XML parts,
then re-zipped; or bytes flipped in the zip itself)."""

from __future__ import annotations

import io
import random
import zipfile

import pytest

from govaudit.errors import InputError
from govaudit.readers.docx import read_docx
from govaudit.readers.xlsx import read_xlsx
from tests.readers.docx_builder import docx_from_text
from tests.readers.test_xlsx import putuo_workbook, xlsx_bytes
from tests.seeds import SEED_003

SNIPPETS = [
    b"<w:tbl>",
    b"</w:tc>",
    b'w:val="99999"',
    b'w:val="-5"',
    b"<w:vMerge/>",
    b'<w:gridSpan w:val="x"/>',
    b'<mergeCell ref="A1:XFD1048576"/>',
    b"<v>1e308</v>",
    b'<c r="A1" t="s"><v>999</v></c>',
    b"<!DOCTYPE x>",
]


def _mutate(data: bytes, rnd: random.Random) -> bytes:
    if rnd.random() < 0.2:
        b = bytearray(data)
        b[rnd.randrange(len(b))] = rnd.randrange(256)
        return bytes(b)
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            b = bytearray(src.read(info.filename))
            if info.filename.endswith(".xml") and b:
                for _ in range(rnd.randint(1, 4)):
                    k = rnd.randrange(len(b))
                    op = rnd.random()
                    if op < 0.4:
                        b[k] = rnd.randrange(256)
                    elif op < 0.7:
                        del b[k : k + rnd.randint(1, 50)]
                    else:
                        b[k:k] = rnd.choice(SNIPPETS)
            z.writestr(info.filename, bytes(b))
    return out.getvalue()


@pytest.mark.parametrize("kind", ["docx", "xlsx"])
def test_mutated_files_read_or_raise_input_error(kind):
    rnd = random.Random(20261123)
    if kind == "docx":
        data, reader = docx_from_text(SEED_003), read_docx
    else:
        data, reader = xlsx_bytes(putuo_workbook()), read_xlsx
    for _ in range(60):
        try:
            reader(f"m.{kind}", _mutate(data, rnd))
        except InputError as e:
            assert e.zh and e.en
