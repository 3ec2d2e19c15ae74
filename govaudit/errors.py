"""The project's own errors. Anything a user can cause (a bad file, a bad rule) is one of
these and carries a message in Chinese first, English second, and what to do about it."""

from __future__ import annotations

import errno


class GovauditError(Exception):
    """Base class: every error we expect and explain."""

    def __init__(self, zh: str, en: str = "", hint: str = "") -> None:
        super().__init__(zh)
        self.zh = zh
        self.en = en or zh
        self.hint = hint

    def text(self) -> str:
        msg = self.zh
        if self.hint:
            msg += f"（{self.hint}）"
        return msg


class InputError(GovauditError):
    """An input file could not be read: missing, empty, binary, wrong encoding, damaged."""


class RuleError(GovauditError):
    """A rule file is malformed. Names the file, the line, the rule and the field."""

    def __init__(
        self,
        zh: str,
        en: str = "",
        *,
        file: str | None = None,
        line: int | None = None,
        rule: str | None = None,
        field: str | None = None,
    ) -> None:
        where = []
        if file:
            where.append(file + (f":{line}" if line else ""))
        if rule:
            where.append(f"规则 {rule}")
        if field:
            where.append(f"字段 {field}")
        prefix = "，".join(where)
        where_en = []
        if file:
            where_en.append(file + (f":{line}" if line else ""))
        if rule:
            where_en.append(f"rule {rule}")
        if field:
            where_en.append(f"field {field}")
        super().__init__(
            f"规则文件错误（{prefix}）：{zh}" if prefix else f"规则文件错误：{zh}",
            f"rule file error ({', '.join(where_en)}): {en or zh}",
        )
        self.file = file
        self.line = line
        self.rule = rule
        self.field = field


class ExpressionError(GovauditError):
    """A rule expression cannot be parsed or uses something the evaluator does not know."""


# what the operating system's errors mean, in the report's language (its own words are English)
_OS_REASONS = {
    errno.ENOENT: "文件夹或文件不存在",
    errno.EACCES: "没有权限",
    errno.EPERM: "没有权限",
    errno.EISDIR: "这是一个文件夹",
    errno.ENOTDIR: "路径中有一段不是文件夹",
    errno.ENOSPC: "磁盘空间不足",
    errno.EROFS: "只读的文件系统",
    errno.EEXIST: "已经存在",
    errno.ENAMETOOLONG: "文件名太长",
    errno.EMFILE: "打开的文件太多",
    errno.EIO: "读写出错（磁盘或网络故障）",
    errno.EBUSY: "文件正被占用",
}


def os_reason(exc: OSError, lang: str = "zh") -> str:
    """An OSError's reason in the report's language: "文件夹或文件不存在", not "No such file or
    directory"."""
    if lang == "en":
        return exc.strerror or str(exc)
    return _OS_REASONS.get(exc.errno or 0) or f"系统错误（{exc.strerror or exc}）"
