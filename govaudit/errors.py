"""The project's own errors. Anything a user can cause (a bad file, a bad rule) is one of
these and carries a message in Chinese first, English second, and what to do about it."""

from __future__ import annotations


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
