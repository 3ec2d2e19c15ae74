"""The projects a document names, and how a label names one of them.

A project is known from the document's own structure, never from a figure that happens to
agree: the name of a 项目支出绩效自评表 (its 项目名称 row), the title of a project's own
report ("2022年度12345政务服务便民热线运行经费绩效自评报告", or the title broken over two
lines), a heading that opens one project's section ("1.2023年政务服务辅助人员工作专项经费
主要任务及完成情况。") and an item of the list of evaluated projects ("本次评价项目共7个，
分别为…工作专项经费86.601351万元；…").

Documents shorten a project's name: its tail (经费, 项目, 专项经费 …), its start (the
issuer, a year, a place: "接入张掖市“12345”政务服务热线专项经费" and "“12345”政务服务热线
专项经费"), a run in the middle ("镇（街道）标准化建设" for "镇（街道）便民服务中心标准化
建设"). Two names are one project when one is the other with one contiguous run left out,
keeping at least `min_name` characters and half the longer name; a name is taken for a
project only when exactly one of the document's projects fits (an exact name first).

Words come from rules/vocab/projects.yaml.
"""

from __future__ import annotations

import re
import weakref
from dataclasses import dataclass, field
from functools import cache

from govaudit.extract.base.context import ExtractContext, Prose
from govaudit.extract.base.glossary import match as concept_match
from govaudit.extract.base.normalize import compact, norm
from govaudit.resources import vocab

AMOUNT = "金额"  # the role of a figure whose words name no role: one of the project's amounts

_QUOTES = str.maketrans("", "", "“”\"'‘’「」『』《》")
_DATES = re.compile(
    r"(?:19|20)\d\d\s*年度?(?:\s*\d{1,2}\s*月份?(?:\s*\d{1,2}\s*日)?)?(?:底|末|初)?"
    r"(?:\s*(?:至|到|-|—|~)\s*(?:(?:19|20)\d\d\s*年)?\s*\d{1,2}\s*月份?)?"
)
_NOTE = re.compile(r"\(([^()]*)\)")
_NUMBERING = re.compile(r"^(?:\d{1,2}\s*[.、]|[(]?[一二三四五六七八九十]+[)、.]|[(]\d{1,2}[)])\s*")

# a project's own report: "2021年政务大厅物业管理项目绩效自评报告", "大厅运行项目2020年绩效评价报告"
_YEAR = r"(?:(?:19|20)\d\d年度?)?"
TITLE = re.compile(rf"^{_YEAR}(.{{2,50}}?){_YEAR}(?:项目)?(?:支出)?{_YEAR}绩效(?:自评|评价)报告$")
TITLE_ALONE = re.compile(r"^(?:项目)?(?:支出)?绩效(?:自评|评价)报告$")
OWN = re.compile(r"部门整体|整体支出|整体绩效")


@cache
def _words() -> dict:
    return vocab("projects")


def _list(name: str) -> tuple[str, ...]:
    return tuple(sorted((str(w) for w in _words().get(name) or []), key=len, reverse=True))


@cache
def _roles(name: str) -> tuple[tuple[str, str], ...]:
    """(word, role), longest word first."""
    data = _words().get(name) or {}
    pairs = [(str(w), str(role)) for role, ws in data.items() for w in ws or []]
    return tuple(sorted(pairs, key=lambda p: -len(p[0])))


@cache
def min_name() -> int:
    return int(_words().get("min_name", 6))


@cache
def list_intro() -> re.Pattern[str]:
    return re.compile(str(_words().get("list_intro") or r"(?!)"))


def clean(text: str) -> str:
    """A label or a name without spaces, quotes, dates and bracketed notes ("（包含保洁及临聘
    人员工资…）"); a short bracket that is part of a name ("镇（街道）") keeps its words."""
    s = compact(text).translate(_QUOTES)
    s = _DATES.sub("", s)
    s = _NOTE.sub(lambda m: m.group(1) if len(m.group(1)) <= 4 else "", s)
    return s.replace("(", "").replace(")", "")


def strip_tails(k: str) -> str:
    """ "政务中心办公专项经费" → "政务中心办公": the words every project name may end with."""
    changed = True
    while changed:
        changed = False
        for t in _list("name_tails"):
            if k.endswith(t) and len(k) - len(t) >= 4:
                k = k[: -len(t)]
                changed = True
                break
    return k


def variant(a: str, b: str) -> bool:
    """Two name keys are one project: equal, or one is the other with one contiguous run
    left out (at its start, in its middle or at its end)."""
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    if len(short) < min_name() or 2 * len(short) < len(long_):
        return False
    p = _common_prefix(short, long_)
    s = _common_suffix(short, long_)
    return p + s >= len(short)


def _inside(longer: str, name: str) -> bool:
    """ "12345政务服务便民热线服务" holds "12345政务服务热线服务" with words added inside: it
    starts and ends like the name."""
    return _common_prefix(longer, name) >= 2 and _common_suffix(longer, name) >= 2


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _common_suffix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(reversed(a), reversed(b), strict=False):
        if x != y:
            break
        n += 1
    return n


@dataclass(frozen=True)
class Named:
    """A figure's label names a project: which, and the role its words give the figure."""

    project: str
    role: str


@dataclass
class ProjectIndex:
    """The document's projects by name key; the canonical name is the 自评表's when one
    table is the project, else the first name the document gives it."""

    issuer: str = ""
    by_key: dict[str, str] = field(default_factory=dict)
    tables: set[str] = field(default_factory=set)  # the projects that have their own 自评表

    def key(self, name: str) -> str:
        k = clean(name)
        issuer = clean(self.issuer) if self.issuer else ""
        if issuer and k.startswith(issuer) and len(k) > len(issuer):
            k = k[len(issuer) :]
        return strip_tails(k)

    def add(self, name: str) -> str:
        """Register a name the structure gives; the project it is (an existing one it is a
        variant of, when exactly one; else itself)."""
        found = self.find(name)
        if found is not None:
            return found
        k = self.key(name)
        concept = concept_match(k)
        if len(k) < 4 or (concept is not None and not concept[1]):
            return name.strip()  # a concept of the glossary ("基本支出"), not a project
        self.by_key.setdefault(k, self.display(name))
        return self.by_key[k]

    def display(self, name: str) -> str:
        """How messages name it: as written, without the issuer in front or a long note
        ("政务中心办公专项经费（包含保洁及临聘人员工资…）" → "政务中心办公专项经费")."""
        s = re.sub(r"[(（][^()（）]{5,}[)）]", "", " ".join(name.split()))
        if self.issuer and s.startswith(self.issuer) and len(s) > len(self.issuer) + 3:
            s = s[len(self.issuer) :]
        return s.strip()

    def find(self, name: str) -> str | None:
        return self.find_key(self.key(name))

    def find_key(self, k: str, mention: bool = False) -> str | None:
        """The one project a name key is. A `mention` is the end of a label: it may leave out
        part of the project's name, or add words inside it, but never words in front — those
        are the label's own ("中途下达…")."""
        if k in self.by_key:
            return self.by_key[k]
        found = {
            p
            for pk, p in self.by_key.items()
            if variant(k, pk) and (not mention or len(k) < len(pk) or _inside(k, pk))
        }
        return found.pop() if len(found) == 1 else None

    def named(self, label: str) -> Named | None:
        """The project a figure's label ends with, and the role its words give the figure
        ("本年预算大厅运行经费" → 大厅运行, 预算数; "大厅运行项目资金支出" → 执行数; "政务中心
        办公经费" → 金额). None when no project, or when the words in front make the figure
        another amount ("中途下达…", "增加…")."""
        if not self.by_key:
            return None
        k = clean(label)
        suffix_role = ""
        for word, role in _roles("suffix_roles"):
            if k.endswith(word) and len(k) > len(word):
                k, suffix_role = k[: -len(word)], role
                break
        core = strip_tails(k)
        for i in range(0, len(core) - 3):  # a name is at least 4 characters
            project = self.find_key(core[i:], mention=True)
            if project is None:
                continue
            prefix_role = _prefix_role(core[:i], clean(self.issuer) if self.issuer else "")
            if prefix_role is None:
                return None
            if prefix_role and suffix_role and prefix_role != suffix_role:
                return None
            return Named(project, suffix_role or prefix_role or AMOUNT)
        return None


def _prefix_role(prefix: str, issuer: str) -> str | None:
    """The role the words in front of a name give ("" for none); None when they make the
    figure something else."""
    if issuer and prefix.startswith(issuer):
        prefix = prefix[len(issuer) :]
    if not prefix:
        return ""
    for word, role in _roles("prefix_roles"):
        if prefix.endswith(word):
            before = prefix[: -len(word)]
            if any(d in before for d in _list("prefix_deny")):
                return None
            return role
    rest = prefix
    neutral = _list("prefix_neutral")
    while rest:
        w = next((w for w in neutral if rest.startswith(w)), None)
        if w is None:
            return None
        rest = rest[len(w) :]
    return ""


# --------------------------------------------------------------------------- the index


_INDEXES: weakref.WeakKeyDictionary[ExtractContext, ProjectIndex] = weakref.WeakKeyDictionary()


def index(ctx: ExtractContext) -> ProjectIndex:
    """The document's projects (built once per document, after the 绩效自评表 are read)."""
    found = _INDEXES.get(ctx)
    if found is None:
        found = _INDEXES[ctx] = _build(ctx)
    return found


def _build(ctx: ExtractContext) -> ProjectIndex:
    idx = ProjectIndex(issuer=ctx.info.issuer or "")
    for f in ctx.facts_of("perf_table"):
        if f.fields.get("table_type") == "项目" and f.fields.get("name"):
            idx.tables.add(idx.add(str(f.fields["name"])))
    for _, name in report_titles(ctx):
        if name:
            idx.add(name)
    for p in ctx.prose:
        if p.in_table:
            continue
        name = heading_project(p)
        if name:
            idx.add(name)
        for item in list_items(p):
            idx.add(item.name)
    return idx


def report_titles(ctx: ExtractContext) -> list[tuple[int, str | None]]:
    """(position in ctx.prose, project name or None for the department's own report) of
    every report title: "…经费绩效自评报告" on one line, or "2022年无差别综合窗口运行经费" over
    "绩效自评报告" on the next."""
    out: list[tuple[int, str | None]] = []
    for p in ctx.prose:
        if p.in_table:
            continue
        text = compact(p.text.text)
        if len(text) > 60:
            continue
        title = TITLE.match(text)
        if title:
            out.append((p.position, None if OWN.search(text) else _unquote(title.group(1))))
            continue
        if TITLE_ALONE.match(text):
            before = ctx.previous(p)
            head = compact(before.text.text) if before is not None else ""
            if before is not None and 2 <= len(head) <= 50 and before.heading is None:
                full = head + text
                named = TITLE.match(full)
                if named and not _NUMBERING.match(head):
                    name = None if OWN.search(full) else _unquote(named.group(1))
                    out.append((p.position, name))
    return out


def _unquote(name: str) -> str:
    return re.sub(r"^[“\"]|[”\"]$", "", name).removesuffix("项目")


def heading_project(p: Prose) -> str | None:
    """The project a numbered heading opens: "1.2023年政务服务辅助人员工作专项经费主要任务及
    完成情况。" (its "1.2023" is no decimal: the line is read here, not by heading_level)."""
    text = compact(p.text.text)
    if len(text) > 60 or not _NUMBERING.match(text):
        return None
    text = _NUMBERING.sub("", text).rstrip("。.")
    for tail in _list("heading_tails"):
        if text.endswith(tail):
            name = text[: -len(tail)]
            if len(name) >= 4 and name.endswith(_list("project_words")):
                return name
    return None


@dataclass(frozen=True)
class ListItem:
    """One item of the list of evaluated projects: its name and the offset of its amount."""

    name: str
    start: int  # offset of the amount in the paragraph's text


def list_items(p: Prose) -> list[ListItem]:
    """ "本次评价项目共7个，分别为A86.601351万元；B（注）33.39238万元；…" → the items, each a
    name followed by its amount and nothing else."""
    m = list_intro().search(p.norm)
    if m is None:
        return []
    _, b = p.sentence_of(m.start())
    out: list[ListItem] = []
    pos = m.end()
    for part in re.split(r"(;)", p.norm[m.end() : b]):
        start, pos = pos, pos + len(part)
        if part == ";":
            continue
        qs = p.quantities_in(start, start + len(part))
        if len(qs) != 1 or qs[0].kind != "money" or qs[0].approx:
            return []  # not a list of names and amounts
        q = qs[0]
        tail = norm(p.norm[q.end : start + len(part)]).strip(" 。.,")
        if tail:
            return []
        out.append(ListItem(p.norm[start : q.start].strip(), q.start))
    return out if len(out) >= 2 else []
