"""SARIF 2.1.0 output, for code-scanning dashboards and CI annotations.

One run; the driver lists every rule that was active (id, title as name and short
description, the rule's `explain` text as full description and help, its severity as the
default level). Each finding is a result with its rule, level, message, location and the
finding's fingerprint in ``partialFingerprints["govaudit/v1"]``; an accepted (baselined)
finding carries ``suppressions`` with the reason.

Locations. A text file has lines: ``region.startLine`` (and the columns of the printed
figure when it is found on that line). A PDF has pages, not lines or byte offsets a viewer
could use, so a finding on a page has no ``region`` (SARIF requires a region to start at a
line or an offset); its page is ``physicalLocation.properties.page`` and a logical location
of kind ``"page"`` names it. Paragraphs, tables and cells of .docx/.xlsx files are logical
locations too (kind ``"paragraph"`` / ``"tableCell"``) with the numbers in ``properties``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

from govaudit import __version__
from govaudit.engine.rules import Rule, example_text
from govaudit.model import FileReport, Finding, Location
from govaudit.report import Output, Run, figure_span, figures_text
from govaudit.report.summary import (
    FileSummary,
    RuleStats,
    coverage,
    figures,
    summarize,
    summary_counts,
    verdict,
)

SCHEMA_URI = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
LEVEL = {"error": "error", "warning": "warning", "info": "note"}
FINGERPRINT_KEY = "govaudit/v1"
BASE_ID = "SRCROOT"


def artifact_location(path: str) -> dict[str, Any]:
    """A relative path stays relative to %SRCROOT% (the folder govaudit ran in); an absolute
    one becomes a file: URI. Non-ASCII names are percent-encoded, as a URI must be."""
    p = Path(path)
    if p.is_absolute():
        return {"uri": p.as_uri()}
    return {"uri": quote(p.as_posix(), safe="/._-~"), "uriBaseId": BASE_ID}


def _msg(text: str) -> dict[str, str]:
    return {"text": text}


def unwrap(text: str) -> str:
    """Rule explanations are hard-wrapped YAML blocks: join the lines of each paragraph (no
    space between Chinese characters, one between Latin words), keep blank-line breaks."""
    paras = []
    for para in text.strip().split("\n\n"):
        out = ""
        for line in (x.strip() for x in para.splitlines()):
            if not line:
                continue
            if out and out[-1].isascii() and out[-1].isalnum() and line[0].isascii():
                out += " "
            elif out and out[-1] in ",.;:" and line[0].isascii():
                out += " "
            out += line
        paras.append(out)
    return "\n\n".join(p for p in paras if p)


def _rule_descriptor(r: Rule, lang: str) -> dict[str, Any]:
    en = lang == "en"
    title = r.title_en if en and r.title_en else r.title
    explain = unwrap((r.explain_en if en and r.explain_en else r.explain) or title)
    help_lines = [explain, ""]
    help_lines.append(("Assertion: " if en else "断言：") + r.assert_src)
    if r.when_src:
        help_lines.append(("Applies when: " if en else "适用条件：") + r.when_src)
    if r.examples_fail:
        help_lines += ["", "Reported, for example:" if en else "会报告的示例："]
        help_lines += [
            "  " + example_text(x).strip().replace("\n", " ") for x in r.examples_fail[:3]
        ]
    md = [explain, "", f"{'Assertion' if en else '断言'}: `{r.assert_src}`"]
    if r.when_src:
        md.append(f"{'Applies when' if en else '适用条件'}: `{r.when_src}`")
    if r.examples_fail:
        md += ["", "Reported, for example:" if en else "会报告的示例："]
        md += ["> " + example_text(x).strip().replace("\n", " ") for x in r.examples_fail[:3]]
    tags = [r.applies_to, *r.tags, "builtin" if r.builtin else "user"]
    return {
        "id": r.id,
        "name": title,
        "shortDescription": _msg(title),
        "fullDescription": _msg(explain),
        "help": {"text": "\n".join(help_lines), "markdown": "\n".join(md)},
        "defaultConfiguration": {"enabled": True, "level": LEVEL.get(r.severity, "warning")},
        "properties": {
            "tags": list(dict.fromkeys(tags)),
            "title": r.title,
            "title_en": r.title_en,
            "applies_to": r.applies_to,
            "assert": r.assert_src,
            "severity": r.severity,
        },
    }


def _location(f: Finding, art: dict[str, Any], lang: str) -> dict[str, Any]:
    loc = f.loc
    phys: dict[str, Any] = {"artifactLocation": dict(art)}
    out: dict[str, Any] = {}
    if loc.page is not None:
        props: dict[str, Any] = {"page": loc.page}
        if loc.line is not None:
            props["lineOnPage"] = loc.line
        phys["properties"] = props
        out["logicalLocations"] = [_logical(loc, lang, "page")]
    elif loc.line is not None:
        region: dict[str, Any] = {"startLine": loc.line}
        line = f.source or ""
        span = figure_span(f)
        if span is not None:
            region["startColumn"] = span[0] + 1
            region["endColumn"] = span[1] + 1
        if line:
            region["snippet"] = {"text": line}
        phys["region"] = region
    elif loc.paragraph is not None or loc.table is not None or loc.sheet is not None:
        kind = "tableCell" if loc.table is not None or loc.sheet is not None else "paragraph"
        props = {
            k: v
            for k, v in (
                ("paragraph", loc.paragraph),
                ("table", loc.table),
                ("row", loc.row),
                ("col", loc.col),
                ("sheet", loc.sheet),
            )
            if v is not None
        }
        phys["properties"] = props
        out["logicalLocations"] = [_logical(loc, lang, kind)]
    out["physicalLocation"] = phys
    return out


def _logical(loc: Location, lang: str, kind: str) -> dict[str, Any]:
    name = loc.describe_en() if lang == "en" else loc.describe()
    return {"name": name, "kind": kind}


def _result(
    f: Finding, art: dict[str, Any], rule_index: dict[str, int], lang: str
) -> dict[str, Any]:
    en = lang == "en"
    message = f.message_en if en and f.message_en else f.message
    shown = figures_text(f, en, ", " if en else "，")
    if shown:
        message += f" ({shown})" if en else f"（{shown}）"
    res: dict[str, Any] = {
        "ruleId": f.rule,
        "level": LEVEL.get(f.severity, "warning"),
        "kind": "fail",
        "message": _msg(message),
        "locations": [_location(f, art, lang)],
        "partialFingerprints": {FINGERPRINT_KEY: f.fingerprint},
        "properties": {
            "title": f.title_en if en and f.title_en else f.title,
            "severity": f.severity,
            "expected": f.expected,
            "actual": f.actual,
            "excerpt": f.excerpt,
            "location": f.loc.describe_en() if en else f.loc.describe(),
        },
    }
    if f.rule in rule_index:
        res["ruleIndex"] = rule_index[f.rule]
    related = []
    paths = f.related_paths or ("",) * len(f.related)
    for i, (rl, path) in enumerate(zip(f.related, paths, strict=True), start=1):
        where = artifact_location(path) if path else dict(art)
        phys: dict[str, Any] = {"artifactLocation": where}
        if rl.line is not None:
            phys["region"] = {"startLine": rl.line}
        elif rl.page is not None:
            phys["properties"] = {"page": rl.page}
        elif not path:
            continue
        label = rl.describe_en() if en else rl.describe()
        related.append(
            {
                "id": i,
                "physicalLocation": phys,
                "message": _msg(f"{path}: {label}" if path else label),
            }
        )
    for x in f.also:  # the relations the same defect also breaks, where each is placed
        loc = _location(x, art, lang)
        note = x.message_en if en and x.message_en else x.message
        related.append(
            {
                "id": len(related) + 1,
                **loc,
                "message": _msg(
                    f"also breaks {x.rule}: {note}" if en else f"同时导致 {x.rule}：{note}"
                ),
                "properties": {"rule": x.rule, "fingerprint": x.fingerprint},
            }
        )
    if related:
        res["relatedLocations"] = related
    if f.also:
        res["properties"]["also"] = [x.rule for x in f.also]
    if f.suppressed:
        res["suppressions"] = [
            {
                "kind": "external",
                "status": "accepted",
                "justification": f.suppression_reason or "",
            }
        ]
    return res


def to_sarif(
    reports: Iterable[FileReport],
    rules: list[Rule],
    lang: str = "zh",
    *,
    overrides: dict[str, tuple[str, str]] | None = None,
    stale: list[Any] | None = None,
    statistics: list[RuleStats] | None = None,
    base: Path | None = None,
    exit_code: int | None = None,
    skipped: list[Any] | None = None,
    pairs: list[Any] | None = None,
) -> dict[str, Any]:
    """The SARIF log as a dict. `overrides`: {rule id: (default level, configured level)};
    `base`: the folder relative paths are relative to (the working folder)."""
    listed = list(reports)
    en = lang == "en"
    found = [
        (x.rule, x.title_en if en and x.title_en else x.title)
        for r in listed
        for f in r.findings
        for x in (f, *f.also)
    ]
    log, rule_index = _log(
        [summarize(r) for r in listed],
        rules,
        lang,
        found,
        overrides=overrides,
        stale=stale,
        statistics=statistics,
        base=base,
        exit_code=exit_code,
        skipped=skipped,
        pairs=pairs,
    )
    log["runs"][0]["results"] = list(_results(listed, rule_index, lang))
    return log


def _results(
    reports: Iterable[FileReport], rule_index: dict[str, int], lang: str
) -> Iterator[dict[str, Any]]:
    for i, rep in enumerate(reports):
        if rep.status == "error":
            continue
        art = {**artifact_location(rep.path), "index": i}
        for f in rep.findings:
            yield _result(f, art, rule_index, lang)


def _log(
    summaries: list[FileSummary],
    rules: list[Rule],
    lang: str,
    found: Iterable[tuple[str, str]],
    *,
    overrides: dict[str, tuple[str, str]] | None = None,
    stale: list[Any] | None = None,
    statistics: list[RuleStats] | None = None,
    base: Path | None = None,
    exit_code: int | None = None,
    skipped: list[Any] | None = None,
    pairs: list[Any] | None = None,
) -> tuple[dict[str, Any], dict[str, int]]:
    """The log without its results (which `_results` gives, file by file), and each rule's
    index among the descriptors. `found`: (rule, title) of the findings (a rule not passed
    in still gets a descriptor)."""
    en = lang == "en"
    base = (base or Path.cwd()).resolve()
    known = {r.id: r for r in rules}
    descriptors: list[dict[str, Any]] = []
    rule_index: dict[str, int] = {}
    for r in rules:
        rule_index[r.id] = len(descriptors)
        d = _rule_descriptor(r, lang)
        if overrides and r.id in overrides:
            d["defaultConfiguration"]["level"] = LEVEL[overrides[r.id][0]]
        descriptors.append(d)
    for rule, title in found:
        if rule not in rule_index:
            rule_index[rule] = len(descriptors)
            descriptors.append({"id": rule, "name": title, "shortDescription": _msg(title)})
    artifacts: list[dict[str, Any]] = []
    exec_notes: list[dict[str, Any]] = []
    for i, rep in enumerate(summaries):
        art = {**artifact_location(rep.path), "index": i}
        props: dict[str, Any] = {
            "status": rep.status,
            "coverage": {**coverage(rep).as_dict(), "figures": figures(rep)},
            "verdict": verdict(rep),
            "document": rep.info.as_json() if rep.info is not None else None,
        }
        artifacts.append(
            {
                "location": artifact_location(rep.path),
                "roles": ["analysisTarget"],
                "properties": props,
            }
        )
        if rep.status == "error":
            error = (rep.error_en if en and rep.error_en else rep.error) or ""
            props["error"] = error
            exec_notes.append(
                {
                    "level": "error",
                    "message": _msg(error),
                    "locations": [{"physicalLocation": {"artifactLocation": art}}],
                }
            )
    for x in skipped or []:
        exec_notes.append(
            {
                "level": "note",
                "message": _msg(
                    f"skipped: {x.path} is not a format govaudit reads"
                    if en
                    else f"已跳过：{x.path} 不是 govaudit 能读取的格式"
                ),
                "locations": [
                    {"physicalLocation": {"artifactLocation": artifact_location(x.path)}}
                ],
            }
        )
    config_notes = []
    for e in stale or []:
        text = (
            f"stale suppression: {e.rule} in {e.file} (fingerprint {e.fingerprint}, "
            f"reason: {e.reason}) matches no finding any more"
            if en
            else f"忽略项已不再匹配任何发现：{e.rule}，{e.file}，指纹 {e.fingerprint}（原因：{e.reason}）"
        )
        note: dict[str, Any] = {
            "level": "warning",
            "message": _msg(text),
            "properties": {
                "rule": e.rule,
                "file": e.file,
                "fingerprint": e.fingerprint,
                "reason": e.reason,
            },
        }
        if e.source:
            note["locations"] = [
                {"physicalLocation": {"artifactLocation": artifact_location(e.source)}}
            ]
        config_notes.append(note)
    invocation: dict[str, Any] = {
        "executionSuccessful": not any(r.status == "error" for r in summaries),
        "toolExecutionNotifications": exec_notes,
        "toolConfigurationNotifications": config_notes,
    }
    if exit_code is not None:
        invocation["exitCode"] = exit_code
    if overrides:
        invocation["ruleConfigurationOverrides"] = [
            {
                "descriptor": {"id": rid, "index": rule_index[rid]},
                "configuration": {"level": LEVEL[new]},
            }
            for rid, (_, new) in sorted(overrides.items())
            if rid in rule_index and rid in known
        ]
    run_props: dict[str, Any] = {"summary": summary_counts(summaries, len(stale or []))}
    run_props["pairs"] = [p.as_json() for p in pairs or []]
    if statistics is not None:
        run_props["statistics"] = [s.as_dict() for s in statistics]
    run = {
        "tool": {
            "driver": {
                "name": "govaudit",
                "fullName": f"govaudit {__version__}",
                "version": __version__,
                "semanticVersion": __version__,
                "language": "en-US" if en else "zh-CN",
                "shortDescription": _msg(
                    "Consistency checks for Chinese government budget and final-accounts disclosures"
                    if en
                    else "政府部门决算、预算公开文件和绩效自评表的数字一致性检查"
                ),
                "rules": descriptors,
            }
        },
        "invocations": [invocation],
        "language": "en-US" if en else "zh-CN",
        "originalUriBaseIds": {BASE_ID: {"uri": base.as_uri().rstrip("/") + "/"}},
        "artifacts": artifacts,
        "results": [],
        "columnKind": "unicodeCodePoints",
        "properties": run_props,
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}, rule_index


RESULTS_MARK = "\u0000results\u0000"


def render(run: Run, out: Output) -> None:
    """The log, its results written one file at a time between the parts before and after
    them."""
    if run.tally is not None:
        found = [(rule, rule) for rule in run.tally.stats]
    else:
        found = [(x.rule, x.title) for r in run.reports for f in r.findings for x in (f, *f.also)]
    log, rule_index = _log(
        run.summaries,
        run.rules,
        run.lang,
        found,
        overrides=run.overrides,
        stale=run.stale,
        statistics=run.statistics,
        exit_code=run.exit_code,
        skipped=run.skipped,
        pairs=run.pairs,
    )
    log["runs"][0]["results"] = RESULTS_MARK
    text = json.dumps(log, ensure_ascii=False, indent=2)
    head, tail = text.split(json.dumps(RESULTS_MARK), 1)
    out.write(head + "[")
    first = True
    for result in _results(run.reports, rule_index, run.lang):
        body = json.dumps(result, ensure_ascii=False, indent=2).replace("\n", "\n" + "  " * 4)
        out.write(("\n" if first else ",\n") + "  " * 4 + body)
        first = False
    out.write(("\n" + "  " * 3 + "]" if not first else "]") + tail + "\n")
