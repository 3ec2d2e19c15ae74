"""Which set of tables a document follows, and the tables it lists as its own.

A Shanghai budget publishes the nine standard tables; 江苏's provincial departments
(2017–2019) number their own twelve ("公开01表 收支预算总表" … "公开12表 政府采购预算表")
and list them in the 目录 ("第二部分 2019年度部门预算表 / 一、收支预算总表 / …"). Three of
those titles are also titles of the nine, with another layout. So before a table is read,
the document says which set it follows: each set of the glossary (rules/vocab/glossary.yaml,
the `template` of its tables) is scored by how many of the document's own table titles — its
目录 lines and the captions over its tables — name one of its tables, and the set that names
the most wins; a title numbered the way a set numbers its tables ("公开03表", "公开表三")
settles it. The 目录 lines that name a table of that set are the document's list: the
tables it must contain (GA-YS-000 / GA-TAB-000 ask for those, never for another set's).
"""

from __future__ import annotations

import re

from govaudit.extract.base.context import ExtractContext, Prose
from govaudit.extract.base.glossary import (
    Listed,
    Template,
    match_title,
    template_marks,
    template_names,
    template_tables,
)
from govaudit.extract.base.normalize import compact
from govaudit.model import Table

KINDS: dict[str, dict[str, str]] = {}

_CONTENTS = re.compile(r"^目\s*录$")
_ENUM = re.compile(
    r"^(?:[一二三四五六七八九十]+\s*[、.]|\d{1,2}\s*[、.](?!\d)|[(（][一二三四五六七八九十\d]+[)）])"
)
TOC_SPAN = 80  # prose blocks after "目录" that may still be its lines
CAPTION_SPAN = 5  # paragraphs over a table that may be its title
TITLE_MAX = 60


def read(ctx: ExtractContext) -> Template:
    """The set of tables the document follows and the tables its 目录 lists."""
    kind = _kind(ctx)
    toc = _contents(ctx)
    titles = [t for t, _ in toc] + _captions(ctx)
    if not titles:
        return Template()
    best: tuple[int, str] | None = None
    for name in template_names():
        if not template_tables(name, kind):
            continue
        hits = {std.key for t in titles if (std := match_title(t, kind, name)) is not None}
        # a title numbered the set's way ("公开03表") counts as much as every title it shares
        if any(n == name and m.match(t) for t in titles for n, m in template_marks()):
            hits |= {"#mark", *(str(i) for i in range(len(titles)))}
        if hits and (best is None or len(hits) > best[0]):
            best = (len(hits), name)
    if best is None:
        return Template()
    name = best[1]
    listed: list[Listed] = []
    seen: set[str] = set()
    for text, p in toc:
        std = match_title(text, kind, name)
        if std is not None and std.key not in seen:
            seen.add(std.key)
            listed.append(Listed(text, std, p.text.loc, p.index))
    return Template(name, tuple(listed) if len(listed) >= 2 else ())


def _kind(ctx: ExtractContext) -> str | None:
    kind = ctx.info.kind
    return kind[-2:] if kind.endswith(("决算", "预算")) else None


def _contents(ctx: ExtractContext) -> list[tuple[str, Prose]]:
    """The lines of the 目录 (the short paragraphs after a "目录" line, up to the first long
    paragraph or table), a line cut over a page joined to its tail ("…培训费支" + "出预算表")."""
    start = next(
        (
            i
            for i, p in enumerate(ctx.prose[:TOC_SPAN])
            if not p.in_table and _CONTENTS.match(compact(p.text.text))
        ),
        None,
    )
    if start is None:
        return []
    lines: list[Prose] = []
    for p in ctx.prose[start + 1 : start + 1 + TOC_SPAN]:
        text = compact(p.text.text)
        if p.in_table or len(text) > TITLE_MAX or (lines and p.index != lines[-1].index + 1):
            break
        lines.append(p)
    out: list[tuple[str, Prose]] = []
    skip = False
    for i, p in enumerate(lines):
        if skip:
            skip = False
            continue
        text = compact(p.text.text)
        if i + 1 < len(lines) and match_title(text) is None:
            tail = compact(lines[i + 1].text.text)
            if not _ENUM.match(tail) and match_title(text + tail) is not None:
                out.append((text + tail, p))
                skip = True
                continue
        out.append((text, p))
    return out


def _captions(ctx: ExtractContext) -> list[str]:
    """The short paragraphs right over each table (its title, "部门：…", "单位：万元")."""
    out: list[str] = []
    blocks = ctx.doc.blocks
    for view in ctx.tables:
        if view.table.title:
            out.append(view.table.title)
        i = view.index - 1
        n = 0
        while i >= 0 and n < CAPTION_SPAN and not isinstance(blocks[i], Table):
            text = compact(blocks[i].text.text)  # type: ignore[union-attr]
            if len(text) <= TITLE_MAX:
                out.append(text)
            i -= 1
            n += 1
    return out
