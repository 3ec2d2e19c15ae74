"""Usage errors in Chinese first (click writes them in English only), and what Ctrl-C says.

click raises typed exceptions for a mistyped command line; the Chinese text is built from
their fields (the option's name, the close matches click found) and, for a bad value, from
the English sentence click's types write, matched by pattern. Whatever is not recognised
keeps click's English words inside the Chinese frame, never a traceback. With ``--lang en``
click's own message is shown unchanged.
"""

from __future__ import annotations

import re
import sys

import click

INTERRUPTED_EXIT = 130  # 128 + SIGINT, what a shell reports for Ctrl-C


class UsageError(click.UsageError):
    """A usage error of our own, worded in both languages."""

    def __init__(self, zh: str, en: str, ctx: click.Context | None = None) -> None:
        super().__init__(en, ctx)
        self.zh = zh


_VALUE_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (
        re.compile(r"^(?P<v>.+?) is not one of (?P<c>.+?)\.?$", re.S),
        "{v} 不是可选的值（可选：{c}）",
    ),
    (re.compile(r"^(?P<v>.+?) is not (?:a valid )?choice.*$", re.S), "{v} 不是可选的值"),
    (re.compile(r"^(?P<v>.+?) is not in the range (?P<c>.+?)\.?$"), "{v} 不在允许的范围 {c} 内"),
    (re.compile(r"^(?P<v>.+?) is not a valid integer( range)?\.?$"), "{v} 不是整数"),
    (re.compile(r"^(?P<v>.+?) is not a valid float( range)?\.?$"), "{v} 不是数"),
    (re.compile(r"^(?:File|Directory|Path) (?P<v>.+?) does not exist\.?$"), "{v} 不存在"),
    (re.compile(r"^(?:File|Path) (?P<v>.+?) is a directory\.?$"), "{v} 是文件夹，应为文件"),
    (re.compile(r"^(?:Directory|Path) (?P<v>.+?) is a file\.?$"), "{v} 是文件，应为文件夹"),
]


def _value_zh(message: str) -> str:
    for pat, template in _VALUE_PATTERNS:
        m = pat.match(message.strip())
        if m:
            return template.format(**m.groupdict())
    return message


def _param_name(param: click.Parameter | None, hint: str | None = None) -> str:
    if hint:
        return hint.strip("'\"")
    if param is None:
        return ""
    if isinstance(param, click.Option) and param.opts:
        return max(param.opts, key=len)
    return (param.human_readable_name or param.name or "").upper()


def message_zh(e: click.ClickException) -> str:
    """The Chinese wording of a click usage error."""
    if isinstance(e, UsageError):
        return e.zh
    if isinstance(e, click.NoSuchOption):
        near = sorted(e.possibilities or [])
        return f"没有选项 {e.option_name}" + (f"（相近的：{'、'.join(near)}）" if near else "")
    if isinstance(e, click.BadOptionUsage):
        msg = e.message
        if "does not take a value" in msg:
            return f"选项 {e.option_name} 不接受值"
        m = re.search(r"requires (\d+) arguments", msg)
        if m:
            return f"选项 {e.option_name} 需要 {m.group(1)} 个值"
        if "requires an argument" in msg:
            return f"选项 {e.option_name} 需要一个值"
        return f"选项 {e.option_name} 用法有误：{msg}"
    if isinstance(e, click.MissingParameter):
        name = _param_name(e.param, e.param_hint if isinstance(e.param_hint, str) else None)
        if e.param_type == "argument" or isinstance(e.param, click.Argument):
            return (
                f"缺少参数 {name}（例如要检查的文件或文件夹）"
                if name.startswith("PATH")
                else f"缺少参数 {name}"
            )
        return f"缺少选项 {name}"
    if isinstance(e, click.BadParameter):
        hint = e.param_hint if isinstance(e.param_hint, str) else None
        name = _param_name(e.param, hint)
        return (
            f"{name} 的值无效：{_value_zh(e.message)}"
            if name
            else f"值无效：{_value_zh(e.message)}"
        )
    msg = e.message
    m = re.match(r"No such command '?(?P<c>[^'.]+)'?\.?", msg)
    if m:
        return f"没有命令 {m.group('c')}（可用：check、rules、extract、config）"
    m = re.match(r"Got unexpected extra arguments? \((?P<a>.*)\)", msg)
    if m:
        return f"多余的参数：{m.group('a')}"
    if msg.startswith("Missing command"):
        return "缺少命令（可用：check、rules、extract、config）"
    return msg


_LANG: list[str] = []  # the run's language once the settings are read


def set_language(lang: str | None) -> None:
    """The run's language, once known (None: not known yet, at the start of a command)."""
    _LANG[:] = [lang] if lang else []


def wants_english(argv: list[str]) -> bool:
    """The run's language when known, else --lang en on the command line (a command line
    that fails to parse has no settings yet)."""
    if _LANG:
        return _LANG[0] == "en"
    for i, a in enumerate(argv):
        if a == "--lang=en" or (a == "--lang" and i + 1 < len(argv) and argv[i + 1] == "en"):
            return True
    return False


def show(e: click.ClickException, argv: list[str]) -> None:
    """Chinese first, click's English under it (English only with --lang en), the usage
    line and where to find help."""
    if wants_english(argv):
        e.show()
        return
    err = sys.stderr
    ctx = getattr(e, "ctx", None)
    print(f"错误：{message_zh(e)}", file=err)
    print(f"Error: {e.format_message()}", file=err)
    if ctx is not None:
        usage = ctx.get_usage().replace("Usage:", "用法 Usage:", 1)
        print(usage, file=err)
        helps = ctx.help_option_names or ["--help"]
        print(f"查看帮助 / help: {ctx.command_path} {helps[0]}", file=err)


def interrupted(argv: list[str]) -> None:
    """What Ctrl-C leaves on the terminal."""
    if wants_english(argv):
        print("interrupted (Ctrl-C): stopped, no report written.", file=sys.stderr)
    else:
        print("已中断（Ctrl-C）：检查已停止，没有生成报告。", file=sys.stderr)


def caused_by_interrupt(exc: BaseException) -> bool:
    """Is this error a Ctrl-C in disguise? Python turns a KeyboardInterrupt raised while a
    class is being made (a module imported on the way, at start) into "RuntimeError: Error
    calling __set_name__", with the interrupt as its cause."""
    seen: set[int] = set()
    e: BaseException | None = exc
    while e is not None and id(e) not in seen:
        if isinstance(e, KeyboardInterrupt):
            return True
        seen.add(id(e))
        e = e.__cause__ or e.__context__
    return False
