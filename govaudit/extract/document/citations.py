"""A table the text cites by its number and title must be the table the document numbers so.

江苏's budget texts point their reader at a table: "（按“部门预算公开08表 财政拨款基本支出预算
表”中实际发生经济分类支出事项填写）". The document numbers its own tables in its 目录 ("八、
一般公共预算基本支出预算表": its 公开08表), which the template reads (template.py). A citation
whose title names another of the set's tables than the one the document numbers so — 08表
called 财政拨款基本支出预算表 where its 08表 is 一般公共预算基本支出预算表 — is a wording
error: the figures may be right, the reader is sent to the wrong table. A title the glossary
knows as the same table (an alias, "（经济科目）" or not) is the same table; a citation whose
title names no table of the set, or a number the 目录 does not give, is not judged.
"""

from __future__ import annotations

import re

from govaudit.extract.base.context import ExtractContext
from govaudit.extract.base.facts import fact_at
from govaudit.extract.base.glossary import Listed, match_title
from govaudit.extract.base.normalize import compact, compact_with_offsets
from govaudit.extract.document.numbering import cn_number
from govaudit.model import Fact

KINDS: dict[str, dict[str, str]] = {}
KINDS["table_citation"] = {
    "number": "引用的表号（如 8）",
    "cited": "引文中的表名",
    "cited_table": "引文表名所指的标准表",
    "own": "本文件目录中该号的表名",
    "own_table": "该号在本文件中是哪一张标准表",
    "own_at": "目录中该行的位置",
    "same": "引文所指与本文件该号的表是否为同一张",
    "printed": "引文中表号的写法（如「08」「八」）",
    "times": "同样的引文在文中出现的次数",
    "others": "其余各处（供消息显示，如「（共2处，另见第15页第15行）」；只有一处时为空）",
}

# "公开08表 财政拨款基本支出预算表", "公开表八“…表”"; spaces and line breaks already removed
_CITE = re.compile(
    r"公开(?:(\d{1,2})表|表([一二三四五六七八九十]{1,3}))[“\"'《]?([^”\"'》,;:()。，；：（）]{2,40}?表)"
)
_NUMBER = re.compile(r"^(?:([一二三四五六七八九十]{1,3})\s*[、.]|(\d{1,2})\s*[、.](?!\d))")


def extract(ctx: ExtractContext) -> list[Fact]:
    template = ctx.template
    if not template.listed:
        return []
    own = _numbered(template.listed)
    kind = ctx.info.kind[-2:] if ctx.info.kind.endswith(("决算", "预算")) else None
    found: dict[tuple[int, str], list[tuple[Fact, str]]] = {}
    for p in ctx.prose:
        if "公开" not in p.norm or "表" not in p.norm:
            continue
        text, offsets = compact_with_offsets(p.norm)
        for m in _CITE.finditer(text):
            number = int(m.group(1)) if m.group(1) else cn_number(m.group(2) or "")
            listed = own.get(number) if number is not None else None
            cited = m.group(3)
            std = match_title(cited, kind, template.name)
            if number is None or listed is None or std is None:
                continue
            fields = {
                "number": number,
                "printed": m.group(1) or m.group(2),
                "cited": cited,
                "cited_table": std.name,
                "own": _title_only(listed.title),
                "own_table": listed.table.name,
                "own_at": listed.loc.describe(),
                "same": std.key == listed.table.key,
            }
            fact = fact_at(p, offsets[m.start()], "table_citation", fields)
            found.setdefault((number, std.key), []).append((fact, fact.loc.describe()))
    # one citation made several times is one finding, which names the other places
    facts: list[Fact] = []
    for group in found.values():
        first, _ = group[0]
        first.fields["times"] = len(group)
        rest = "、".join(where for _, where in group[1:])
        first.fields["others"] = f"（共{len(group)}处，另见{rest}）" if rest else ""
        facts.append(first)
    return facts


def _numbered(listed: tuple[Listed, ...]) -> dict[int, Listed]:
    """Number → the table the 目录 lists under it ("八、一般公共预算基本支出预算表" → 8)."""
    out: dict[int, Listed] = {}
    for x in listed:
        m = _NUMBER.match(compact(x.title))
        if m:
            n = cn_number(m.group(1)) if m.group(1) else int(m.group(2))
            if n is not None:
                out.setdefault(n, x)
    return out


def _title_only(text: str) -> str:
    return _NUMBER.sub("", compact(text))
