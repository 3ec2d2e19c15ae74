"""Readers turn a file into a `Document`. Which reader runs is decided by the file's content
first (a PDF renamed .txt is still a PDF) and its name second."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from govaudit.errors import InputError
from govaudit.model import Document
from govaudit.readers.text import read_text

Reader = Callable[[str, bytes], Document]

SUPPORTED_SUFFIXES = {".txt", ".text", ".md", ".docx", ".pdf", ".xlsx"}
# old binary Office/WPS formats: read_document answers them with the "另存为" advice
LEGACY_SUFFIXES = {".doc", ".xls", ".wps", ".et"}

# Files larger than this are refused rather than read into memory (bytes).
MAX_FILE_BYTES = int(os.environ.get("GOVAUDIT_MAX_FILE_BYTES", str(200 * 1024 * 1024)))


def _reader_for(path: Path, data: bytes) -> tuple[str, Reader | None]:
    suffix = path.suffix.lower()
    if data.startswith(b"%PDF"):
        return "pdf", _optional("govaudit.readers.pdf", "read_pdf")
    if data.startswith(b"PK\x03\x04"):
        from govaudit.readers.ooxml import package_kind  # zip and XML: only for a zip

        kind = package_kind(data) or ("xlsx" if suffix == ".xlsx" else "docx")
        return kind, _optional(f"govaudit.readers.{kind}", f"read_{kind}")
    if suffix == ".pdf":
        return "pdf", _optional("govaudit.readers.pdf", "read_pdf")
    if suffix == ".docx":
        return "docx", _optional("govaudit.readers.docx", "read_docx")
    if suffix == ".xlsx":
        return "xlsx", _optional("govaudit.readers.xlsx", "read_xlsx")
    if suffix in LEGACY_SUFFIXES:
        return "legacy", None
    return "text", read_text


def _optional(module: str, name: str) -> Reader | None:
    import importlib

    try:
        mod = importlib.import_module(module)
    except ImportError:
        return None
    return getattr(mod, name, None)


def read_document(path: str | Path) -> Document:
    """Read any supported file, or raise InputError saying what is wrong and what to do."""
    p = Path(path)
    name = str(path)
    if p.is_symlink() and not p.exists():
        raise InputError(
            f"无法读取 {name}：这是一个失效的快捷方式（符号链接指向的文件不存在）。",
            f"cannot read {name}: it is a broken symbolic link.",
        )
    if not p.exists():
        raise InputError(
            f"找不到文件 {name}，请检查路径和文件名。",
            f"file not found: {name}. Check the path and the file name.",
        )
    if p.is_dir():
        raise InputError(
            f"{name} 是文件夹，不是文件。",
            f"{name} is a folder, not a file.",
        )
    try:
        size = p.stat().st_size
        if size > MAX_FILE_BYTES:
            raise InputError(
                f"文件过大：{name} 有 {size // (1024 * 1024)} MB，超过上限 "
                f"{MAX_FILE_BYTES // (1024 * 1024)} MB（可用环境变量 GOVAUDIT_MAX_FILE_BYTES 调整）。",
                f"file too large: {name} is {size // (1024 * 1024)} MB, above the limit of "
                f"{MAX_FILE_BYTES // (1024 * 1024)} MB (set GOVAUDIT_MAX_FILE_BYTES to change it).",
            )
        with p.open("rb") as fh:
            data = fh.read()
    except PermissionError as exc:
        raise InputError(
            f"没有权限读取 {name}，请检查文件权限。",
            f"permission denied: {name}. Check the file's permissions.",
        ) from exc
    except OSError as exc:
        raise InputError(
            f"无法读取 {name}：{exc.strerror or exc}",
            f"cannot read {name}: {exc.strerror or exc}",
        ) from exc
    kind, reader = _reader_for(p, data)
    if kind == "legacy":
        raise InputError(
            f"暂不支持旧版 Office 格式（{p.suffix}）：请在 Word/Excel/WPS 中另存为 .docx 或 .xlsx 后再检查。",
            f"old Office format ({p.suffix}) is not supported: save as .docx or .xlsx and check again.",
        )
    if reader is None:
        raise InputError(
            f"无法读取 {name}：本版本尚不支持 {kind} 格式。",
            f"cannot read {name}: the {kind} format is not supported by this version.",
        )
    return reader(name, data)
