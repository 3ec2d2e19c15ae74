"""`govaudit extract`: what the extractors understood, for rule authors and doubters."""

from __future__ import annotations

import json
from typing import Any

from rich.console import Console
from rich.table import Table

from govaudit.extract.base.ledger import Entry, Key, Ledger
from govaudit.model import Document, DocumentInfo, Fact, Quantity
from govaudit.report.perf_facts import PERF_SUMMARIES

LEDGER = "ledger"  # `--kind ledger`: the ledger alone


def _q(q: Quantity) -> dict[str, Any]:
    return {
        "text": q.text,
        "value": str(q.value),
        "decimals": q.decimals,
        "unit": q.unit,
        "label": q.label,
        "line": q.loc.line,
        "page": q.loc.page,
        "approx": q.approx,
        **({"unit_inferred": True} if q.unit_inferred else {}),
    }


def _value(v: Any) -> Any:
    if isinstance(v, Quantity):
        return _q(v)
    if isinstance(v, list):
        return [_value(x) for x in v]
    if isinstance(v, dict):
        return {k: _value(x) for k, x in v.items()}
    if v is None or isinstance(v, str | int | float | bool):
        return v
    return str(v)


def fact_dict(f: Fact) -> dict[str, Any]:
    return {
        "kind": f.kind,
        "line": f.loc.line,
        "page": f.loc.page,
        "location": f.loc.describe(),
        "section": list(f.section),
        "excerpt": f.excerpt,
        "fields": {k: _value(v) for k, v in f.fields.items() if not k.startswith("__")},
    }


def ledger_groups(ledger: Ledger) -> list[tuple[Key, list[Entry]]]:
    """The keyed figures by key, in the order the document first states each key."""
    groups = ledger.by_key()
    return sorted(groups.items(), key=lambda kv: (kv[1][0].quantity.block, kv[1][0].quantity.start))


def _entry(e: Entry) -> dict[str, Any]:
    return {**_q(e.quantity), "source": e.source, "where": e.where, "location": e.loc.describe()}


def render_facts_json(
    doc: Document,
    facts: list[Fact],
    ledger: Ledger | None = None,
    info: DocumentInfo | None = None,
) -> str:
    data: dict[str, Any] = {"path": doc.path, "format": doc.format}
    if info is not None:
        data["document"] = {
            **info.as_json(),
            "units": list(info.units),
            "merged": list(info.merged),
        }
    data["facts"] = [fact_dict(f) for f in facts]
    if ledger is not None:
        data["ledger"] = [
            {
                "key": {
                    "concept": k.concept,
                    "scope": k.scope,
                    "year": k.year,
                    "entity": k.entity,
                    "role": k.role,
                },
                "name": k.describe(),
                "entries": [_entry(e) for e in entries],
            }
            for k, entries in ledger_groups(ledger)
        ]
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def render_ledger_table(console: Console, ledger: Ledger, lang: str = "zh") -> None:
    """Every figure the document states with what it is: the key, the value as printed,
    every place that states it (the same key twice is compared)."""
    en = lang == "en"
    groups = ledger_groups(ledger)
    n = sum(len(es) for _, es in groups)
    title = (
        f"ledger: {len(groups)} keys, {n} figures" if en else f"账簿：{len(groups)} 个数，{n} 处"
    )
    table = Table(title=title, show_lines=False)
    table.add_column("figure" if en else "这个数", overflow="fold")
    table.add_column("value" if en else "数值", no_wrap=True)
    table.add_column("where" if en else "出现在", overflow="fold")
    for k, entries in groups:
        values = sorted({e.quantity.text for e in entries})
        places = "；".join(
            (e.where or "")
            + ("" if e.where and e.loc.describe() in e.where else f"（{e.loc.describe()}）")
            for e in entries
        )
        table.add_row(k.describe(), " / ".join(values), places)
    console.print(table)


def _short(v: Any) -> str:
    if isinstance(v, Quantity):
        return f"{v.label} {v.text}".strip()
    if isinstance(v, list):
        if v and all(isinstance(x, Quantity) for x in v):
            inner = " + ".join(_short(x) for x in v[:6])
            return inner + (f" …（共{len(v)}项）" if len(v) > 6 else "")
        return "、".join(_short(x) for x in v[:6])
    if v is None:
        return "—"
    return str(v)


SUMMARY_FIELDS: dict[str, tuple[str, ...]] = {
    "breakdown": ("total", "parts"),
    "share": ("part", "share", "whole", "whole_name"),
    "change": ("current", "change", "rate"),
    "rate": ("numerator", "denominator", "rate"),
    "same_figure": ("name", "first", "other", "sources"),
    "numbering": ("sequence", "ordered"),
    "subject_name": ("name", "known", "suggestion"),
    "subject_total": ("name", "total", "items"),
    "date_span": ("text", "ordered"),
    "year_label": ("year", "report_year"),
    "fin_table": ("name", "found", "title", "rows"),
    "fin_sum": ("table", "what", "total", "parts"),
    "table_row": ("table", "row"),
}


def summary(f: Fact) -> str:
    if f.kind in PERF_SUMMARIES:
        return PERF_SUMMARIES[f.kind](f)
    names = SUMMARY_FIELDS.get(f.kind) or tuple(k for k in f.fields if not k.startswith("__"))[:4]
    return "；".join(f"{n}={_short(f.fields.get(n))}" for n in names)


def render_facts_table(
    console: Console, doc: Document, facts: list[Fact], lang: str = "zh"
) -> None:
    en = lang == "en"
    title = f"{doc.path}: {len(facts)} fact(s)" if en else f"{doc.path}：识别出 {len(facts)} 条事实"
    table = Table(title=title, show_lines=False)
    table.add_column("where" if en else "位置", no_wrap=True)
    table.add_column("kind" if en else "种类", no_wrap=True)
    table.add_column("content" if en else "内容")
    for f in facts:
        table.add_row(f.loc.describe_en() if en else f.loc.describe(), f.kind, summary(f))
    console.print(table)
