"""Rule files: load, validate, and explain what is wrong with a bad one.

A rule pack is a YAML file with a top-level ``rules:`` list. Each rule is a mapping:

    id, title, severity, applies_to, assert, message      (required)
    title_en, message_en, when, expected, actual, at, near_miss, missing,
    explain, explain_en, examples: {pass: [...], fail: [...]}, enabled, outcome,
    against_words                                                           (optional)

A pack may say which documents it is for (top-level ``kinds: [部门预算, 单位预算]``): its
rules then run only on documents of those kinds (and on documents whose kind is unknown).
A rule with ``outcome: unverified`` says why a relation cannot be verified: when its
assertion fails, the relation counts as unverifiable (not failed) and its message, at the
rule's severity, tells the reader why (a growth rate over a prior year of 0).
A rule with ``against_words: true`` holds a figure against the document's own words ("决算数
与预算数持平" and "完成预算100%"): the one figure it compares counts as checked, where
otherwise a figure counts only when the assert compared it with another printed figure.

A pack may declare relation families (top-level ``families:``): rules whose relations, when
most of them fail in one place (a table, a section, a pair of documents), say that govaudit
misread that place, not that the document is wrong everywhere. Each family has its own id
(GA-READ-…), severity and message; engine/families.py reports one warning for such a place
instead of the rules' findings. Required: id, title, severity, rules, place, least, share,
message.

Every expression is parsed when the file is loaded, so a typo is reported with the file,
the line, the rule and the field before any document is read. For an assert ``a == b``,
``actual`` defaults to ``a``, ``expected`` to ``b`` and ``at`` to ``a`` when it is a field.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path
from typing import Any

from govaudit.cache import cached, entry_name, stamps
from govaudit.engine.expr import Node, check_functions, names_in, parse, parse_template
from govaudit.errors import ExpressionError, RuleError
from govaudit.model import SEVERITIES
from govaudit.patterns import lazy_pattern

# fact kind → field → description: what the extractors emit (handed in by the caller, so the
# engine knows nothing of extract/)
Kinds = Mapping[str, Mapping[str, str]]

REQUIRED = ("id", "title", "severity", "applies_to", "assert", "message")
OPTIONAL = (
    "title_en",
    "message_en",
    "when",
    "expected",
    "actual",
    "at",
    "near_miss",
    "missing",
    "explain",
    "explain_en",
    "examples",
    "enabled",
    "tags",
    "outcome",
    "against_words",
)
OUTCOMES = ("failed", "unverified")
ID_PATTERN = lazy_pattern(r"^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$")
TOP_LEVEL = ("rules", "pack", "description", "version", "kinds", "families")
# where a family's relations are counted together (engine/families.py)
PLACES = ("table", "section", "document", "pair")
FAMILY_REQUIRED = ("id", "title", "severity", "rules", "place", "least", "share", "message")
FAMILY_OPTIONAL = ("title_en", "message_en", "explain", "examples")
# what a family's message may name
FAMILY_FIELDS = {
    "place": "这一处：一张表、一节或另一个文件",
    "failed": "这一处不成立的关系数",
    "checked": "这一处核对了的关系数",
    "rules": "这些关系的规则编号",
    "example": "其中第一项不成立的关系（原来的提示）",
}
# the document kinds a pack may be restricted to (extract/identity.py)
DOC_KINDS = ("部门预算", "单位预算", "部门决算", "单位决算", "绩效自评报告")


@dataclass
class NearMiss:
    severity: str
    absolute: Decimal | None = None
    relative: Decimal | None = None
    note: str = ""
    note_en: str = ""


@dataclass
class Rule:
    id: str
    title: str
    severity: str
    applies_to: str
    assert_src: str
    assert_: Node
    message: list[tuple[str, Node | None]]
    message_src: str
    file: str
    line: int | None = None
    title_en: str = ""
    message_en: list[tuple[str, Node | None]] | None = None
    message_en_src: str = ""
    when_src: str | None = None
    when: Node | None = None
    expected: Node | None = None
    actual: Node | None = None
    at: str | None = None
    near_miss: NearMiss | None = None
    missing: str = "skip"
    explain: str = ""
    explain_en: str = ""
    # an example is one document's text, or several (a rule across documents)
    examples_pass: list[Example] = field(default_factory=list)
    examples_fail: list[Example] = field(default_factory=list)
    examples_ignore: list[Example] = field(default_factory=list)
    enabled: bool = True
    tags: list[str] = field(default_factory=list)
    builtin: bool = False
    outcome: str = "failed"  # what a failed assertion counts as: failed | unverified
    against_words: bool = False  # the assert holds one figure against the document's words
    kinds: tuple[str, ...] = ()  # the document kinds the rule's pack is for (empty: all)
    family: Family | None = None  # the relation family the rule belongs to (families:)

    def applies_to_document(self, kind: str) -> bool:
        """Does the rule run on a document of this kind? Every rule runs on a document whose
        kind is unknown."""
        return not self.kinds or not kind or kind in self.kinds


Example = str | tuple[str, ...]


@dataclass(frozen=True)
class Family:
    """Rules whose relations fail together when a place was misread (engine/families.py):
    where at least `least` of them fail in one `place` and they are at least `share` of
    those checked there, one finding (this family's id and message) replaces theirs."""

    id: str
    title: str
    severity: str
    rules: tuple[str, ...]
    place: str  # table | section | pair
    least: int
    share: Decimal
    message: list[tuple[str, Node | None]]
    file: str
    line: int | None = None
    title_en: str = ""
    message_en: list[tuple[str, Node | None]] | None = None
    explain: str = ""
    examples_pass: tuple[Example, ...] = ()
    examples_fail: tuple[Example, ...] = ()


def example_text(example: Example) -> str:
    """An example as one text: several documents one after the other."""
    return example if isinstance(example, str) else "\n──\n".join(example)


def _example(raw: Any, err: Any) -> Example:
    """A text, or {documents: [text, text, …]} for a rule over a pair of documents."""
    if isinstance(raw, dict):
        docs = raw.get("documents")
        if not isinstance(docs, list) or len(docs) < 2:
            raise err(
                "多文件示例应写作 {documents: [第一个文件的文字, 第二个文件的文字]}",
                "a multi-document example is {documents: [text, text, ...]}",
                "examples",
            )
        return tuple(str(d) for d in docs)
    return str(raw)


@cache
def _line_loader() -> type:
    """A YAML loader that remembers the line where each mapping and each key starts, for
    error messages. libyaml's parser (installed with PyYAML) reads the packs ~10× faster
    than the pure-Python one, with the same marks; the pure-Python one stands in where
    libyaml is missing. Made when first needed: a start whose packs are in the cache
    never imports yaml."""
    import yaml

    class LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
        pass

    def construct_mapping(loader: Any, node: yaml.MappingNode) -> dict[str, Any]:
        mapping = loader.construct_mapping(node, deep=True)
        mapping["__line__"] = node.start_mark.line + 1
        keys = {}
        for k, _ in node.value:
            if isinstance(k, yaml.ScalarNode):
                keys[k.value] = k.start_mark.line + 1
        mapping["__keys__"] = keys
        return mapping

    LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, construct_mapping)
    return LineLoader


def load_yaml(path: Path) -> Any:
    import yaml

    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise RuleError(
            "规则文件不是 UTF-8 编码", "rule file is not UTF-8", file=str(path)
        ) from exc
    except OSError as exc:
        raise RuleError(
            f"无法读取：{exc.strerror}", f"cannot read: {exc.strerror}", file=str(path)
        ) from exc
    try:
        return yaml.load(text, Loader=_line_loader())
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = exc.problem or str(exc)
        raise RuleError(
            f"YAML 语法错误：{problem}", f"YAML syntax error: {problem}", file=str(path), line=line
        ) from exc
    except yaml.YAMLError as exc:
        raise RuleError(
            f"YAML 语法错误：{exc}", f"YAML syntax error: {exc}", file=str(path)
        ) from exc


def load_rule_file(path: Path, kinds: Kinds, *, builtin: bool = False) -> list[Rule]:
    return load_pack(path, kinds, builtin=builtin)[0]


def load_pack(
    path: Path, kinds: Kinds, *, builtin: bool = False
) -> tuple[list[Rule], list[Family]]:
    """A pack's rules and the relation families it declares (one read of the file)."""
    data = load_yaml(path)
    if data is None:
        return [], []
    if not isinstance(data, dict) or "rules" not in data:
        raise RuleError(
            "规则文件顶层应有 rules: 列表",
            "a rule file needs a top-level 'rules:' list",
            file=str(path),
        )
    for key in data:
        if key not in TOP_LEVEL and not key.startswith("__"):
            raise RuleError(
                f"未知的顶层字段「{key}」（可用：{', '.join(TOP_LEVEL)}）",
                f"unknown top-level field {key!r}",
                file=str(path),
                line=data["__keys__"].get(key),
                field=key,
            )
    items = data["rules"]
    if not isinstance(items, list):
        raise RuleError("rules: 应为列表", "'rules:' must be a list", file=str(path), field="rules")
    doc_kinds = _doc_kinds(data, path)
    rules = [replace(_build(item, path, kinds, builtin), kinds=doc_kinds) for item in items]
    return rules, _families(data, path)


def _doc_kinds(data: dict[str, Any], path: Path) -> tuple[str, ...]:
    raw = data.get("kinds")
    if raw is None:
        return ()
    items = [raw] if isinstance(raw, str) else raw
    if not isinstance(items, list) or not items or not all(x in DOC_KINDS for x in items):
        raise RuleError(
            f"kinds 应为文件种类的列表（可用：{'、'.join(DOC_KINDS)}）",
            f"kinds must be a list of document kinds ({', '.join(DOC_KINDS)})",
            file=str(path),
            line=data["__keys__"].get("kinds"),
            field="kinds",
        )
    return tuple(str(x) for x in items)


def _text(v: Any) -> str:
    return "" if v is None else str(v)


def _build(raw: Any, path: Path, kinds: Kinds, builtin: bool) -> Rule:
    if not isinstance(raw, dict):
        raise RuleError("每条规则应为键值映射", "each rule must be a mapping", file=str(path))
    line = raw.get("__line__")
    keys = raw.get("__keys__", {})
    rid = _text(raw.get("id")) or None

    def err(zh: str, en: str, fld: str | None) -> RuleError:
        return RuleError(
            zh, en, file=str(path), line=keys.get(fld, line) if fld else line, rule=rid, field=fld
        )

    for k in raw:
        if k.startswith("__"):
            continue
        if k not in REQUIRED and k not in OPTIONAL:
            raise err(f"未知字段「{k}」", f"unknown field {k!r}", k)
    for k in REQUIRED:
        if raw.get(k) in (None, ""):
            raise err(f"缺少必填字段「{k}」", f"missing required field {k!r}", k)
    if not ID_PATTERN.match(str(raw["id"])):
        raise err("规则编号应形如 GA-SUM-001", "rule id must look like GA-SUM-001", "id")
    sev = str(raw["severity"])
    if sev not in SEVERITIES:
        raise err(
            f"severity 应为 {'/'.join(SEVERITIES)}",
            f"severity must be one of {SEVERITIES}",
            "severity",
        )
    kind = str(raw["applies_to"])
    if kind not in kinds:
        raise err(
            f"applies_to 不认识「{kind}」（可用：{', '.join(sorted(kinds))}）",
            f"unknown applies_to {kind!r}",
            "applies_to",
        )
    fields = set(kinds[kind])

    def expr(fld: str, required: bool = False) -> Node | None:
        src = raw.get(fld)
        if src in (None, ""):
            if required:
                raise err(f"缺少必填字段「{fld}」", f"missing required field {fld!r}", fld)
            return None
        try:
            node = parse(str(src))
        except ExpressionError as exc:
            raise err(exc.zh, exc.en, fld) from exc
        _validate(node, fields, fld, err)
        return node

    def template(fld: str) -> list[tuple[str, Node | None]] | None:
        return _template(raw, fld, fields, err)

    at = raw.get("at")
    if at is not None and str(at) not in fields:
        raise err(
            f"at 应为本类事实的字段之一（{', '.join(sorted(fields))}）",
            "at must name a field",
            "at",
        )
    outcome = str(raw.get("outcome", "failed"))
    if outcome not in OUTCOMES:
        raise err(
            "outcome 应为 failed 或 unverified", "outcome must be failed or unverified", "outcome"
        )
    missing = str(raw.get("missing", "skip"))
    if missing not in ("skip", "zero"):
        raise err("missing 应为 skip 或 zero", "missing must be skip or zero", "missing")

    examples = raw.get("examples") or {}
    if not isinstance(examples, dict):
        raise err(
            "examples 应为 {pass: [...], fail: [...]}", "examples must be a mapping", "examples"
        )
    for k in examples:
        if k not in ("pass", "fail", "ignore") and not k.startswith("__"):
            raise err(
                f"examples 只能有 pass、fail 和 ignore，不认识「{k}」",
                f"unknown examples key {k!r}",
                "examples",
            )
    ex_pass = [_example(x, err) for x in examples.get("pass") or []]
    ex_fail = [_example(x, err) for x in examples.get("fail") or []]
    ex_ignore = [_example(x, err) for x in examples.get("ignore") or []]

    message = template("message")
    assert message is not None
    assert_node = expr("assert", required=True)
    assert assert_node is not None
    expected, actual = expr("expected"), expr("actual")
    if assert_node[0] == "cmp" and assert_node[1] == "==":
        # "a == b": what is printed (a) against what it should be (b), found at a
        left, right = assert_node[2], assert_node[3]
        expected = right if expected is None else expected
        actual = left if actual is None else actual
        if at is None and left[0] == "name":
            at = left[1]
    return Rule(
        id=str(raw["id"]),
        title=str(raw["title"]),
        severity=sev,
        applies_to=kind,
        assert_src=str(raw["assert"]),
        assert_=assert_node,
        message=message,
        message_src=str(raw["message"]),
        file=str(path),
        line=line,
        title_en=_text(raw.get("title_en")),
        message_en=template("message_en"),
        message_en_src=_text(raw.get("message_en")),
        when_src=_text(raw.get("when")) or None,
        when=expr("when"),
        expected=expected,
        actual=actual,
        at=str(at) if at is not None else None,
        near_miss=_near_miss(raw.get("near_miss"), err),
        missing=missing,
        explain=_text(raw.get("explain")).strip(),
        explain_en=_text(raw.get("explain_en")).strip(),
        examples_pass=ex_pass,
        examples_fail=ex_fail,
        examples_ignore=ex_ignore,
        enabled=bool(raw.get("enabled", True)),
        tags=[str(t) for t in raw.get("tags") or []],
        builtin=builtin,
        outcome=outcome,
        against_words=bool(raw.get("against_words", False)),
    )


def _template(
    raw: dict[str, Any], fld: str, fields: set[str], err: Any
) -> list[tuple[str, Node | None]] | None:
    """A message template of a rule or a family, each expression checked against `fields`."""
    src = raw.get(fld)
    if src in (None, ""):
        return None
    try:
        parts = parse_template(str(src))
    except ExpressionError as exc:
        raise err(exc.zh, exc.en, fld) from exc
    for _, node in parts:
        if node is not None:
            _validate(node, fields, fld, err)
    return parts


def _validate(node: Node, fields: set[str], fld: str, err: Any) -> None:
    unknown_fn = check_functions(node)
    if unknown_fn:
        raise err(
            f"未知函数 {', '.join(unknown_fn)}", f"unknown function {', '.join(unknown_fn)}", fld
        )
    unknown = sorted(n for n in names_in(node) if n not in fields)
    if unknown:
        raise err(
            f"表达式用到了本类事实没有的名称 {', '.join(unknown)}（可用：{', '.join(sorted(fields))}）",
            f"unknown name {', '.join(unknown)} (available: {', '.join(sorted(fields))})",
            fld,
        )


def _near_miss(raw: Any, err: Any) -> NearMiss | None:
    if raw is None:
        return None
    if not isinstance(raw, dict):
        raise err("near_miss 应为映射", "near_miss must be a mapping", "near_miss")
    sev = str(raw.get("severity", "warning"))
    if sev not in SEVERITIES:
        raise err("near_miss.severity 无效", "invalid near_miss.severity", "near_miss")
    for k in raw:
        if k not in ("severity", "absolute", "relative", "note", "note_en") and not k.startswith(
            "__"
        ):
            raise err(f"near_miss 不认识「{k}」", f"unknown near_miss key {k!r}", "near_miss")

    def dec(k: str) -> Decimal | None:
        v = raw.get(k)
        if v is None:
            return None
        try:
            return Decimal(str(v))
        except InvalidOperation as exc:
            raise err(
                f"near_miss.{k} 应为数字", f"near_miss.{k} must be a number", "near_miss"
            ) from exc

    return NearMiss(
        sev, dec("absolute"), dec("relative"), _text(raw.get("note")), _text(raw.get("note_en"))
    )


def rule_files(directory: Path) -> list[Path]:
    return sorted(
        p
        for p in directory.rglob("*.y*ml")
        if p.suffix in (".yaml", ".yml") and "vocab" not in p.parts
    )


def _families(data: dict[str, Any], path: Path) -> list[Family]:
    """The relation families a pack declares (top-level ``families:``)."""
    if not data.get("families"):
        return []
    items = data["families"]
    if not isinstance(items, list):
        raise RuleError(
            "families: 应为列表", "'families:' must be a list", file=str(path), field="families"
        )
    return [_family(item, path) for item in items]


def _family(raw: Any, path: Path) -> Family:
    if not isinstance(raw, dict):
        raise RuleError("每个关系族应为键值映射", "each family must be a mapping", file=str(path))
    keys = raw.get("__keys__", {})
    fid = _text(raw.get("id")) or None

    def err(zh: str, en: str, fld: str | None) -> RuleError:
        return RuleError(
            zh, en, file=str(path), line=keys.get(fld, raw.get("__line__")), rule=fid, field=fld
        )

    for k in raw:
        if not k.startswith("__") and k not in FAMILY_REQUIRED and k not in FAMILY_OPTIONAL:
            raise err(f"关系族不认识字段「{k}」", f"unknown family field {k!r}", k)
    for k in FAMILY_REQUIRED:
        if raw.get(k) in (None, ""):
            raise err(f"关系族缺少必填字段「{k}」", f"family misses field {k!r}", k)
    if not ID_PATTERN.match(str(raw["id"])):
        raise err("关系族编号应形如 GA-READ-001", "family id must look like GA-READ-001", "id")
    if str(raw["severity"]) not in SEVERITIES:
        raise err(f"severity 应为 {'/'.join(SEVERITIES)}", "bad severity", "severity")
    if str(raw["place"]) not in PLACES:
        raise err(f"place 应为 {'/'.join(PLACES)}", f"place must be one of {PLACES}", "place")
    members = raw["rules"]
    if not isinstance(members, list) or not members:
        raise err("rules 应为规则编号的列表", "rules must be a list of rule ids", "rules")
    try:
        least = int(raw["least"])
        share = Decimal(str(raw["share"]))
    except (ValueError, InvalidOperation) as exc:
        raise err(
            "least 应为整数，share 应为 0–1 的数", "least: integer, share: 0–1", None
        ) from exc
    if least < 1 or not (0 < share <= 1):
        raise err("least 至少为 1，share 应在 0 与 1 之间", "least >= 1, 0 < share <= 1", None)

    def template(fld: str) -> list[tuple[str, Node | None]] | None:
        return _template(raw, fld, set(FAMILY_FIELDS), err)

    examples = raw.get("examples") or {}
    message = template("message")
    assert message is not None
    return Family(
        id=str(raw["id"]),
        title=str(raw["title"]),
        severity=str(raw["severity"]),
        rules=tuple(str(x) for x in members),
        place=str(raw["place"]),
        least=least,
        share=share,
        message=message,
        file=str(path),
        line=raw.get("__line__"),
        title_en=_text(raw.get("title_en")),
        message_en=template("message_en"),
        explain=_text(raw.get("explain")).strip(),
        examples_pass=tuple(_example(x, err) for x in examples.get("pass") or []),
        examples_fail=tuple(_example(x, err) for x in examples.get("fail") or []),
    )


def _with_families(rules: list[Rule], families: list[Family]) -> list[Rule]:
    """Each rule with the family that names it; a family naming no known rule, or a rule
    named by two families, is an error in the family's file."""
    known = {r.id for r in rules}
    owner: dict[str, Family] = {}
    for fam in families:
        for rid in fam.rules:
            problem: tuple[str, str] | None = None
            if rid not in known:
                problem = (
                    f"关系族 {fam.id} 列出的规则 {rid} 不存在",
                    f"family {fam.id} names an unknown rule {rid}",
                )
            elif rid in owner:
                problem = (
                    f"规则 {rid} 同时属于关系族 {owner[rid].id} 和 {fam.id}",
                    f"rule {rid} is in two families ({owner[rid].id}, {fam.id})",
                )
            if problem is not None:
                raise RuleError(*problem, file=fam.file, line=fam.line, rule=fam.id, field="rules")
            owner[rid] = fam
    return [replace(r, family=owner[r.id]) if r.id in owner else r for r in rules]


def families_of(rules: list[Rule]) -> list[Family]:
    """The families the rules belong to, each once, in the order first met."""
    seen: dict[str, Family] = {}
    for r in rules:
        if r.family is not None:
            seen.setdefault(r.family.id, r.family)
    return list(seen.values())


def load_rules(
    kinds: Kinds | Callable[[], Kinds],
    extra_dirs: list[Path] | None = None,
    *,
    builtin_dir: Path | None = None,
) -> list[Rule]:
    """The built-in packs and the user's (--rules), validated against `kinds` (or what
    `kinds()` returns: only asked for when the packs are not in the cache, so that a cached
    start imports no extractor), each rule with its relation family.

    Kept in the user's cache (cache.py) under the stamps of every pack file, the user's
    included: editing, adding or removing a file loads them all anew."""
    from govaudit.resources import rules_dir

    base = builtin_dir or rules_dir()
    packs = [(f, True) for f in rule_files(base)]
    for d in extra_dirs or []:
        d = Path(d)
        if not d.exists():
            raise RuleError("规则目录不存在", "rules folder does not exist", file=str(d))
        packs.extend((f, False) for f in ([d] if d.is_file() else rule_files(d)))

    def build() -> list[Rule]:
        known = kinds() if callable(kinds) else kinds
        rules: list[Rule] = []
        families: list[Family] = []
        for f, builtin in packs:
            pack, fams = load_pack(f, known, builtin=builtin)
            rules.extend(pack)
            families.extend(fams)
        _no_duplicate_ids(rules, families)
        return _with_families(rules, families)

    given = [str(base), *(str(d) for d in extra_dirs or [])]
    key = (given, [b for _, b in packs], stamps(f for f, _ in packs))
    return cached(entry_name("rules", *map(os.path.abspath, given)), key, build)


def _no_duplicate_ids(rules: list[Rule], families: list[Family]) -> None:
    seen: dict[str, Rule] = {}
    for r in rules:
        if r.id in seen:
            prev = seen[r.id]
            raise RuleError(
                f"规则编号重复：也见于 {prev.file}:{prev.line}",
                f"duplicate rule id, also in {prev.file}:{prev.line}",
                file=r.file,
                line=r.line,
                rule=r.id,
                field="id",
            )
        seen[r.id] = r
    ids = {fam.id for fam in families}
    clash = next((fam for fam in families if fam.id in seen), None)
    if clash is not None or len(ids) < len(families):
        fam = clash or families[-1]
        raise RuleError(
            "关系族编号与规则或其他关系族重复",
            "a family id repeats a rule's or another family's",
            file=fam.file,
            line=fam.line,
            rule=fam.id,
            field="id",
        )


def select_rules(
    rules: list[Rule], select: list[str] | None, ignore: list[str] | None
) -> list[Rule]:
    """ruff-style selection: ids or prefixes ("GA-SUM", "GA-")."""

    def hit(rule: Rule, pats: list[str]) -> bool:
        return _hit_id(rule.id, pats)

    out = [r for r in rules if r.enabled]
    if select:
        out = [r for r in out if hit(r, select)]
    if ignore:
        out = [r for r in out if not hit(r, ignore)]
        # an ignored family (--ignore GA-READ-001) lets its rules report every relation
        out = [
            replace(r, family=None) if r.family is not None and _hit_id(r.family.id, ignore) else r
            for r in out
        ]
    return out


def _hit_id(rid: str, pats: list[str]) -> bool:
    return any(rid == p or rid.startswith(p.rstrip("*")) for p in pats)
