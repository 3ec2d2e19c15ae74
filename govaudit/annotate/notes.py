"""The words of one comment: what the text report says of a finding, on a few lines."""

from __future__ import annotations

from govaudit.model import Finding
from govaudit.report import SEVERITY_WORDS, also_lines, figures_text

SEVERITY = SEVERITY_WORDS
AUTHOR = "govaudit"
INITIALS = "GA"


def note(f: Finding, lang: str = "zh", *, unplaced: bool = False) -> str:
    """ "GA-SUM-001 错误 合计应等于各分项之和\\n{message}\\n应为 551.08 · 实为 575.15\\n同时导致 …
    \\n另见 …" — rule, message, the figures, the relations the same defect also breaks and the
    other places it names."""
    en = lang == "en"
    sev = SEVERITY["en" if en else "zh"].get(f.severity, f.severity)
    title = f.title_en if en and f.title_en else f.title
    lines = [f"{f.rule} {sev} {title}".rstrip()]
    if unplaced:
        where = f.loc.describe_en() if en else f.loc.describe()
        lines.append(
            f"(not found in the file; the report places it at {where})"
            if en
            else f"（未能在文中定位；报告中的位置：{where}）"
        )
    lines.append(f.message_en if en and f.message_en else f.message)
    shown = figures_text(f, en)
    if shown:
        lines.append(shown)
    lines.extend(also_lines(f, en))
    places = [
        (path + " " if path else "") + (rl.describe_en() if en else rl.describe())
        for rl, path in zip(f.related, f.related_paths or ("",) * len(f.related), strict=False)
    ]
    if places:
        lines.append(("see also " if en else "另见 ") + "、".join(places))
    return "\n".join(lines)
