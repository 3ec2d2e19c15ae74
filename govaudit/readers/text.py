"""Plain-text documents: decode as the user has them, keep every original line number, and
recover the tables that .docx-to-text conversion leaves behind.

Two table layouts are recovered:

* the TAB layout of the seeds: each cell is a line that starts with a TAB; a row ends at a
  blank line followed by another TAB line; a cell's further paragraphs follow after a
  single blank line without a TAB; two blank lines and a non-TAB line end the table;
* pipe rows: ``a | b | c |``.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

from govaudit.errors import InputError
from govaudit.model import Block, Cell, Document, Location, Paragraph, Table, Text
from govaudit.readers.pages import repeats, signature

# Conversion debris: Word bookmarks and similar markers that carry no text.
DEBRIS = re.compile(r"\[(?:bookmark|anchor|image|toc)\s*:[^\]\n]{0,200}\]", re.IGNORECASE)

# Limits (bytes / characters), configurable through the environment. A real disclosure is
# well under 2 MB of text with lines of a few thousand characters at most; anything far
# beyond is not a document to check line by line, and would take memory in proportion
# (about 25 bytes per byte of text while it is checked).
MAX_TEXT_BYTES = int(os.environ.get("GOVAUDIT_MAX_TEXT_BYTES", str(20 * 1024 * 1024)))
MAX_LINE_CHARS = int(os.environ.get("GOVAUDIT_MAX_LINE_CHARS", str(1_000_000)))

PIPE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")


def decode(data: bytes, name: str) -> str:
    """Decode bytes the way a Chinese government file is likely encoded, or say clearly why not."""
    if not data.strip():
        raise InputError(
            f"文件为空：{name} 没有任何内容。请确认选择了正确的文件。",
            f"empty file: {name} has no content. Check that you chose the right file.",
        )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise _encoding_error(name) from exc
    if b"\x00" in data[:65536]:
        raise InputError(
            f"无法读取 {name}：这是二进制文件，不是文本文件。"
            "请提供 .txt（UTF-8 或 GB18030 编码）、.docx、.pdf 或 .xlsx 文件。",
            f"cannot read {name}: it is a binary file, not text. "
            "Provide a .txt (UTF-8 or GB18030), .docx, .pdf or .xlsx file.",
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    if _mostly_utf8(data):
        raise InputError(
            f"无法读取 {name}：文件中混有不同的文字编码（大部分是 UTF-8，但有部分文字不是），"
            "可能是从不同来源拼接而成。请用记事本或 WPS 打开，确认文字无乱码后另存为 UTF-8。",
            f"cannot read {name}: it mixes text encodings (mostly UTF-8, partly not). "
            "Open it, check the text, and save it as UTF-8.",
        )
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError as exc:
        raise _encoding_error(name) from exc
    if not _plausible_chinese(text):
        raise _encoding_error(name)
    return text


def _mostly_utf8(data: bytes) -> bool:
    """A file stitched together from two encodings: some lines are valid UTF-8 with Chinese
    in them, others are not. Pure GBK text practically never has a whole line of Chinese
    that also happens to be valid UTF-8."""
    utf8_lines = 0
    other_lines = 0
    for line in data.split(b"\n"):
        if not any(b > 0x7F for b in line):
            continue
        try:
            decoded = line.decode("utf-8")
        except UnicodeDecodeError:
            other_lines += 1
            continue
        if sum(1 for ch in decoded if ord(ch) >= 0x800) >= 2:
            utf8_lines += 1
    return utf8_lines >= 1 and other_lines >= 1


def _encoding_error(name: str) -> InputError:
    return InputError(
        f"无法识别 {name} 的文字编码：既不是 UTF-8，也不是 GB18030/GBK。"
        "请用记事本或 WPS 将文件另存为 UTF-8 编码后重试。",
        f"cannot decode {name}: it is neither UTF-8 nor GB18030/GBK. "
        "Save it as UTF-8 (e.g. with Notepad or WPS) and try again.",
    )


def _plausible_chinese(text: str) -> bool:
    """GB18030 decodes almost any bytes; accept the result only if it reads like text."""
    if not text:
        return True
    good = 0
    for ch in text:
        o = ord(ch)
        if (
            ch in "\t\n\r"
            or 0x20 <= o < 0x7F
            or 0x4E00 <= o <= 0x9FFF
            or 0x3000 <= o <= 0x303F
            or 0xFF00 <= o <= 0xFFEF
            or 0x2000 <= o <= 0x206F
            or 0x2460 <= o <= 0x24FF
            or o in (0xA0, 0xB7, 0xD7, 0xF7, 0x2103, 0x2116, 0x2264, 0x2265, 0x33A1)
        ):
            good += 1
    return good / len(text) >= 0.95


def split_lines(text: str) -> list[str]:
    """Lines as a text editor counts them: CRLF, CR and LF all end a line."""
    lines = re.split(r"\r\n|\r|\n", text)
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def clean_line(line: str) -> str:
    return DEBRIS.sub("", line)


def read_text(path: str, data: bytes) -> Document:
    name = path.rsplit("/", 1)[-1]
    if len(data) > MAX_TEXT_BYTES:
        mb = len(data) / (1024 * 1024)
        limit = MAX_TEXT_BYTES / (1024 * 1024)
        raise InputError(
            f"文本文件过大：{name} 有 {mb:.1f} MB，超过文本文件的上限 {limit:.0f} MB。"
            "一份决算公开通常不到 2 MB；请确认这是要检查的文件，或分成几个文件检查"
            "（上限可用环境变量 GOVAUDIT_MAX_TEXT_BYTES 调整）。",
            f"text file too large: {name} is {mb:.1f} MB, above the {limit:.0f} MB limit for text "
            "(a disclosure is usually under 2 MB; split it, or raise GOVAUDIT_MAX_TEXT_BYTES).",
        )
    text = decode(data, name)
    raw_lines = split_lines(text)
    for n, raw in enumerate(raw_lines, 1):
        if len(raw) > MAX_LINE_CHARS:
            raise InputError(
                f"无法检查 {name}：第{n}行长达 {len(raw)} 个字符，超过单行上限 {MAX_LINE_CHARS} 个字符，"
                "不像正常的文本文件（可能是数据文件或转换出错）。请检查文件内容"
                "（上限可用环境变量 GOVAUDIT_MAX_LINE_CHARS 调整）。",
                f"cannot check {name}: line {n} has {len(raw)} characters, above the limit of "
                f"{MAX_LINE_CHARS} (set GOVAUDIT_MAX_LINE_CHARS to change it).",
            )
    lines = [clean_line(raw) for raw in raw_lines]
    if not any(line.strip() for line in lines):
        raise InputError(
            f"文件没有可读的文字：{name} 只有空白。",
            f"no readable text: {name} contains only white space.",
        )
    repeated = _drop_repeated_pages(lines)
    blocks = parse_blocks(lines)
    doc = Document(path=path, format="text", blocks=blocks, source_lines=lines)
    if repeated:
        doc.meta["repeated_pages"] = repeated
    return doc


def _drop_repeated_pages(lines: list[str]) -> list[dict[str, int | None]]:
    """A text converted from a PDF (pdftotext) separates its pages with a form feed; a page
    whose text is an earlier page's is a copy: its lines are read as blank (their numbers
    stay), and each copy is returned as {page, same_as, line: its first line}."""
    if not any("\f" in line for line in lines):
        return []
    pages: list[list[int]] = [[]]
    for i, line in enumerate(lines):
        if "\f" in line:
            before, _, _ = line.partition("\f")
            if before.strip():
                pages[-1].append(i)
            pages.extend([] for _ in range(line.count("\f")))
        pages[-1].append(i)
    found = repeats([signature([lines[i].replace("\f", "") for i in p]) for p in pages])
    out: list[dict[str, int | None]] = []
    for k, same in sorted(found.items()):
        for i in pages[k]:
            lines[i] = ""
        first = pages[k][0] + 1 if pages[k] else None
        out.append({"page": k + 1, "same_as": same + 1, "line": first})
    return out


# --------------------------------------------------------------------------- layout parsing


def _is_cell_line(line: str) -> bool:
    return line.lstrip(" ").startswith("\t")


def _is_pipe_row(line: str) -> bool:
    s = line.strip()
    return s.count("|") >= 2 and (s.startswith("|") or s.endswith("|"))


def parse_blocks(lines: list[str]) -> list[Block]:
    blocks: list[Block] = []
    i = 0
    n = len(lines)
    while i < n:
        line = lines[i]
        if _is_cell_line(line):
            table, i = _parse_tab_table(lines, i)
            blocks.append(table)
        elif _is_pipe_row(line):
            table, i = _parse_pipe_table(lines, i)
            blocks.append(table)
        elif line.strip() == "":
            i += 1
        else:
            stripped = line.strip()
            blocks.append(Paragraph(Text(stripped, ((0, Location(line=i + 1)),))))
            i += 1
    return blocks


@dataclass
class _CellBuf:
    parts: list[tuple[str, int]] = field(default_factory=list)

    def to_cell(self) -> Cell:
        pieces: list[str] = []
        anchors: list[tuple[int, Location]] = []
        offset = 0
        for text, line in self.parts:
            if pieces:
                pieces.append("\n")
                offset += 1
            anchors.append((offset, Location(line=line)))
            pieces.append(text)
            offset += len(text)
        return Cell(Text("".join(pieces), tuple(anchors)))


def _parse_tab_table(lines: list[str], start: int) -> tuple[Table, int]:
    rows: list[list[_CellBuf]] = []
    cur: list[_CellBuf] | None = None
    blanks = 0
    j = start
    n = len(lines)
    while j < n:
        line = lines[j]
        if _is_cell_line(line):
            if cur is None or blanks > 0:
                cur = []
                rows.append(cur)
            content = line.lstrip(" ")[1:]
            cur.append(_CellBuf([(content.strip(), j + 1)]))
            blanks = 0
        elif line.strip() == "":
            blanks += 1
        else:
            if cur is not None and cur and blanks <= 1:
                cur[-1].parts.append((line.strip(), j + 1))
                blanks = 0
            else:
                break
        j += 1
    # the blank lines that ended the table belong to nobody
    end = j
    rows = _rejoin_split_rows(rows)
    table_rows = [[c.to_cell() for c in row] for row in rows]
    return Table(rows=table_rows, loc=Location(line=start + 1)), end


def _rejoin_split_rows(rows: list[list[_CellBuf]]) -> list[list[_CellBuf]]:
    """A cell with a trailing empty paragraph splits its row in two in the text layout;
    join two short rows whose widths add up to the width of the row before them."""
    out: list[list[_CellBuf]] = []
    k = 0
    while k < len(rows):
        row = rows[k]
        if out and k + 1 < len(rows):
            width = len(out[-1])
            nxt = rows[k + 1]
            if (
                width >= 5
                and len(row) < width
                and len(nxt) < width
                and len(row) + len(nxt) == width
                and nxt[0].parts
                and nxt[0].parts[0][0] != ""
                and row[-1].parts
                and row[-1].parts[0][0] != ""
            ):
                out.append(row + nxt)
                k += 2
                continue
        out.append(row)
        k += 1
    return out


def _split_pipe(line: str) -> list[str]:
    s = line.strip()
    if s.startswith("|"):
        s = s[1:]
    if s.endswith("|"):
        s = s[:-1]
    return [c.strip() for c in s.split("|")]


def _parse_pipe_table(lines: list[str], start: int) -> tuple[Table, int]:
    rows: list[list[Cell]] = []
    j = start
    while j < len(lines) and _is_pipe_row(lines[j]):
        if not PIPE_SEPARATOR.match(lines[j]):
            cells = _split_pipe(lines[j])
            rows.append([Cell(Text(c, ((0, Location(line=j + 1)),))) for c in cells])
        j += 1
    return Table(rows=rows, loc=Location(line=start + 1)), j
