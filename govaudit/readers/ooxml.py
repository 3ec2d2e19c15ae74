"""Safe access to Office Open XML packages (.docx, .xlsx): a zip of XML parts.

Everything a hostile or damaged file can do to a zip + XML reader is refused here with an
`InputError` that says, Chinese first, what is wrong and what to do: not a zip, an encrypted
or old binary Office file (OLE compound file), a missing part, a part that decompresses to
more than a limit (zip bomb; checked on the declared size and again while reading), a DTD or
entity declaration (billion laughs, external entities) and XML that does not parse.
"""

from __future__ import annotations

import io
import os
import re
import zipfile
import zlib
from xml.etree import ElementTree as ET

from govaudit.errors import InputError

# The largest XML part we decompress (bytes); a 36-page report's document.xml is ~2 MB.
MAX_PART_BYTES = int(os.environ.get("GOVAUDIT_MAX_XML_BYTES", str(200 * 1024 * 1024)))
# All parts together (an .xlsx hands every sheet to openpyxl).
MAX_TOTAL_BYTES = int(os.environ.get("GOVAUDIT_MAX_UNZIPPED_BYTES", str(500 * 1024 * 1024)))

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_CHUNK = 1 << 20

KIND_NAMES = {"docx": ("Word", ".docx"), "xlsx": ("Excel", ".xlsx")}


def _app(kind: str) -> tuple[str, str]:
    return KIND_NAMES.get(kind, ("Office", "." + kind))


def open_package(data: bytes, name: str, kind: str) -> zipfile.ZipFile:
    """Open the bytes as a zip package, or explain why they are not one."""
    app, suffix = _app(kind)
    if data.startswith(OLE_MAGIC):
        raise InputError(
            f"{name} 是加密（设置了打开密码）的 {suffix} 文件，或旧版 {app} 二进制格式"
            f"（{'.doc' if kind == 'docx' else '.xls'}），无法直接读取："
            f"请在 {app}/WPS 中打开，取消密码（文件 → 信息 → 保护文档/工作簿）"
            f"并另存为 {suffix} 后再检查。",
            f"{name} is a password-protected {suffix} file or an old binary {app} file "
            f"(OLE compound document): open it in {app}/WPS, remove the password and save "
            f"it as {suffix}, then check again.",
        )
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError) as exc:
        raise InputError(
            f"{name} 不是有效的 {suffix} 文件（不是 zip 格式，或文件不完整）："
            f"请用 {app}/WPS 打开后另存为 {suffix} 再检查。",
            f"{name} is not a valid {suffix} file (not a zip archive, or truncated): "
            f"open it in {app}/WPS, save it as {suffix} and check again.",
        ) from exc
    total = sum(i.file_size for i in infos)
    if total > MAX_TOTAL_BYTES:
        raise _bomb(name, "（全部内容）", total, MAX_TOTAL_BYTES)
    if any(i.flag_bits & 0x1 for i in infos):
        raise InputError(
            f"{name} 的压缩包内容已加密，无法读取：请在 {app}/WPS 中取消密码并另存为 {suffix}。",
            f"the contents of {name} are encrypted: remove the password in {app}/WPS and "
            f"save it as {suffix}.",
        )
    return zf


def _bomb(name: str, part: str, size: int, limit: int) -> InputError:
    mb = size // (1024 * 1024)
    lim = limit // (1024 * 1024)
    return InputError(
        f"{name} 解压后过大：{part} 超过 {lim} MB（{mb} MB 以上），可能已损坏或是恶意构造的压缩包"
        f"（zip 炸弹），已拒绝读取。如确为正常文件，可设置环境变量 GOVAUDIT_MAX_XML_BYTES 调高上限。",
        f"{name} is too large once unzipped: {part} exceeds {lim} MB; it may be damaged or a "
        f"zip bomb and was not read. Raise GOVAUDIT_MAX_XML_BYTES if the file is genuine.",
    )


def damaged(name: str, kind: str, detail: str) -> InputError:
    app, suffix = _app(kind)
    return InputError(
        f"{name} 已损坏（{detail}）：请用 {app}/WPS 打开，确认内容完整后另存为 {suffix} 再检查。",
        f"{name} is damaged ({detail}): open it in {app}/WPS, check it and save it as "
        f"{suffix} again.",
    )


def read_part(zf: zipfile.ZipFile, member: str, name: str, kind: str) -> bytes:
    """The bytes of one part, refusing more than MAX_PART_BYTES whatever the zip header says."""
    try:
        info = zf.getinfo(member)
    except KeyError as exc:
        raise damaged(name, kind, f"缺少 {member}") from exc
    if info.file_size > MAX_PART_BYTES:
        raise _bomb(name, member, info.file_size, MAX_PART_BYTES)
    chunks: list[bytes] = []
    size = 0
    try:
        with zf.open(info) as fh:
            while True:
                chunk = fh.read(_CHUNK)
                if not chunk:
                    break
                size += len(chunk)
                if size > MAX_PART_BYTES:
                    raise _bomb(name, member, size, MAX_PART_BYTES)
                chunks.append(chunk)
    except InputError:
        raise
    except RuntimeError as exc:  # "File is encrypted, password required"
        raise damaged(name, kind, f"{member} 已加密") from exc
    except (zipfile.BadZipFile, zlib.error, NotImplementedError, EOFError, OSError) as exc:
        raise damaged(name, kind, f"{member} 无法解压：{exc}") from exc
    data = b"".join(chunks)
    check_prolog(data, member, name)
    return data


def check_part_prolog(zf: zipfile.ZipFile, info: zipfile.ZipInfo, name: str, kind: str) -> None:
    """Refuse a DTD in a part another library will parse (reads only its first 64 KB)."""
    if info.file_size > MAX_PART_BYTES:
        raise _bomb(name, info.filename, info.file_size, MAX_PART_BYTES)
    try:
        with zf.open(info) as fh:
            head = fh.read(65536)
    except RuntimeError as exc:
        raise damaged(name, kind, f"{info.filename} 已加密") from exc
    except (zipfile.BadZipFile, zlib.error, NotImplementedError, EOFError, OSError) as exc:
        raise damaged(name, kind, f"{info.filename} 无法解压：{exc}") from exc
    check_prolog(head, info.filename, name)


# A DTD can only come before the root element: skip the XML declaration, comments,
# processing instructions and white space, then either a DOCTYPE or the root follows.
_PROLOG_ITEM = re.compile(r"\s+|<\?.*?\?>|<!--.*?-->", re.DOTALL)


def check_prolog(data: bytes, member: str, name: str) -> None:
    """Refuse a part that declares a DTD or entities: Office never writes one, and it is how
    "billion laughs" and external-entity attacks get into an XML parser."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data[:65536].decode("utf-16", errors="replace")
    else:
        text = data[:65536].decode("utf-8", errors="replace").lstrip("\ufeff")
    pos = 0
    while True:
        m = _PROLOG_ITEM.match(text, pos)
        if not m or m.end() == pos:
            break
        pos = m.end()
    rest = text[pos : pos + 9]
    if rest.startswith("<!") or (pos >= len(text) > 65000) or "<!ENTITY" in text[:pos]:
        raise InputError(
            f"{name} 的 {member} 含有 DTD/实体声明（<!DOCTYPE …>），正常的 Office 文件不会有，"
            "为安全起见已拒绝读取（可能是恶意构造的文件）：请用 Word/Excel/WPS 重新另存后再检查。",
            f"{member} in {name} declares a DTD or entities (<!DOCTYPE ...>), which Office never "
            "writes; refused for safety (possible 'billion laughs' attack). Save the file again "
            "with Word/Excel/WPS and check it.",
        )


def parse_xml(data: bytes, member: str, name: str, kind: str) -> ET.Element:
    """Parse a part already checked by read_part; malformed XML is a damaged file."""
    try:
        return ET.fromstring(data)
    except ET.ParseError as exc:
        line = exc.position[0] if exc.position else "?"
        raise damaged(name, kind, f"{member} 不是有效的 XML，第 {line} 行") from exc


def main_part(zf: zipfile.ZipFile, default: str, name: str, kind: str) -> str:
    """The main part named by the package relationships (_rels/.rels), else the default."""
    names = set(zf.namelist())
    if "_rels/.rels" in names:
        try:
            root = parse_xml(read_part(zf, "_rels/.rels", name, kind), "_rels/.rels", name, kind)
        except InputError:
            root = None
        if root is not None:
            for rel in root:
                if rel.get("Type", "").endswith("/officeDocument"):
                    target = rel.get("Target", "").lstrip("/")
                    if target in names:
                        return target
    return default


def package_kind(data: bytes) -> str | None:
    """ "docx" or "xlsx" by what the package holds, so a Word file named .xlsx (or the other
    way round) still goes to the right reader; None when the bytes do not say, and the
    reader for the file's name then explains what is wrong."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
        return None
    with zf:
        main = main_part(zf, "", "", "")
        names = set(zf.namelist())
    for prefix, kind in (("word/", "docx"), ("xl/", "xlsx")):
        if main.startswith(prefix):
            return kind
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    return None
