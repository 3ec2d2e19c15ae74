"""Word's automatic list numbering: the "一、" / "（二）" / "3." that Word draws in front of a
paragraph but that is not in its text.

Finance staff often number the headings of a 决算 disclosure with Word's multilevel lists.
Without the numbers the heading path ("一、收入支出决算总体情况说明") and numbering checks
would see nothing, so the labels are rendered as Word shows them: counters per list
(abstractNum, shared by the w:num instances that point to it, as Word does; a
startOverride restarts it), a deeper level restarts when a shallower one advances, and the
level's lvlText ("%1、", "（%1）", "%1.%2") is filled with each level's counter in its
format (decimal, chineseCounting, ideographTraditional, letters, roman, circled…).
Bullets and formats we do not know add nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from xml.etree.ElementTree import Element

_CN_DIGITS = "零一二三四五六七八九"
_HEAVENLY = "甲乙丙丁戊己庚辛壬癸"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def chinese(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五 (as Word's chineseCounting)."""
    if n <= 0:
        return str(n)
    if n < 10:
        return _CN_DIGITS[n]
    if n < 20:
        return "十" + (_CN_DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return _CN_DIGITS[n // 10] + "十" + (_CN_DIGITS[n % 10] if n % 10 else "")
    if n < 1000:
        rest = n % 100
        tail = "" if not rest else ("零" + chinese(rest) if rest < 10 else _tens(rest))
        return _CN_DIGITS[n // 100] + "百" + tail
    return str(n)


def _tens(n: int) -> str:
    return _CN_DIGITS[n // 10] + "十" + (_CN_DIGITS[n % 10] if n % 10 else "")


def _roman(n: int) -> str:
    out = []
    for v, s in (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        while n >= v:
            out.append(s)
            n -= v
    return "".join(out)


def _letters(n: int) -> str:
    # Word repeats the letter: a … z, aa … zz
    if n <= 0:
        return str(n)
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_counter(n: int, fmt: str) -> str | None:
    """The counter n in Word's numFmt; None for a format we cannot render."""
    if fmt in ("decimal", "", "ordinal", "cardinalText", "ordinalText"):
        return str(n)
    if fmt in (
        "chineseCounting",
        "chineseCountingThousand",
        "japaneseCounting",
        "chineseLegalSimplified",
    ):
        return chinese(n)
    if fmt == "ideographTraditional":
        return _HEAVENLY[(n - 1) % 10] if n > 0 else str(n)
    if fmt == "upperLetter":
        return _letters(n)
    if fmt == "lowerLetter":
        return _letters(n).lower()
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese"):
        return _CIRCLED[n - 1] if 1 <= n <= len(_CIRCLED) else str(n)
    if fmt == "decimalFullWidth":
        return "".join(chr(ord(c) + 0xFEE0) for c in str(n))
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("ideographDigital", "taiwaneseDigital"):
        return "".join(_CN_DIGITS[int(c)] if c != "0" else "〇" for c in str(n))
    return None


@dataclass
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = ""
    suffix: str = "tab"
    legal: bool = False
    style: str = ""


@dataclass
class Numbering:
    """numbering.xml, and the running counters while the document is read in order."""

    abstract: dict[str, dict[int, _Level]] = field(default_factory=dict)
    nums: dict[str, tuple[str, dict[int, int]]] = field(default_factory=dict)
    counters: dict[str, list[int | None]] = field(default_factory=dict)
    started: set[str] = field(default_factory=set)

    @classmethod
    def parse(cls, root: Element | None, ns: str) -> Numbering:
        q = "{" + ns + "}"
        val = q + "val"
        out = cls()
        if root is None:
            return out
        for an in root.iter(q + "abstractNum"):
            levels: dict[int, _Level] = {}
            for lvl in an.iter(q + "lvl"):
                lv = _Level()
                for child in lvl:
                    tag = child.tag[len(q) :] if child.tag.startswith(q) else ""
                    v = child.get(val, "")
                    if tag == "start":
                        lv.start = _num(v, 1)
                    elif tag == "numFmt":
                        lv.fmt = v
                    elif tag == "lvlText":
                        lv.text = v
                    elif tag == "suff":
                        lv.suffix = v
                    elif tag == "isLgl":
                        lv.legal = v.lower() not in ("0", "false", "off")
                    elif tag == "pStyle":
                        lv.style = v
                levels[_num(lvl.get(q + "ilvl", "0"), 0)] = lv
            out.abstract[an.get(q + "abstractNumId", "")] = levels
        for num in root.iter(q + "num"):
            ref = num.find(q + "abstractNumId")
            overrides: dict[int, int] = {}
            for ov in num.iter(q + "lvlOverride"):
                so = ov.find(q + "startOverride")
                if so is not None:
                    overrides[_num(ov.get(q + "ilvl", "0"), 0)] = _num(so.get(val, "1"), 1)
            if ref is not None:
                out.nums[num.get(q + "numId", "")] = (ref.get(val, ""), overrides)
        return out

    def level_for_style(self, num_id: str, style: str) -> int:
        abstract = self.nums.get(num_id, ("", {}))[0]
        for ilvl, lv in self.abstract.get(abstract, {}).items():
            if lv.style == style:
                return ilvl
        return 0

    def label(self, num_id: str, ilvl: int) -> str:
        """Advance the list of `num_id` at level `ilvl` and return the label Word draws
        ("" for bullets, unknown lists and numId 0)."""
        if num_id in ("", "0") or num_id not in self.nums:
            return ""
        abstract, overrides = self.nums[num_id]
        levels = self.abstract.get(abstract)
        if not levels or ilvl not in levels or not 0 <= ilvl < 9:
            return ""
        counters = self.counters.setdefault(abstract, [None] * 9)
        if num_id not in self.started:
            self.started.add(num_id)
            for lvl, start in overrides.items():
                if 0 <= lvl < 9:
                    counters[lvl] = start - 1
                    for deeper in range(lvl + 1, 9):
                        counters[deeper] = None
        lv = levels[ilvl]
        cur = counters[ilvl]
        counters[ilvl] = lv.start if cur is None else cur + 1
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = None
        if lv.fmt in ("bullet", "none") or not lv.text:
            return ""
        text = lv.text
        for k in range(9):
            token = f"%{k + 1}"
            if token not in text:
                continue
            level = levels.get(k, _Level())
            n = counters[k] if counters[k] is not None else level.start
            fmt = "decimal" if lv.legal and level.fmt not in ("decimalZero",) else level.fmt
            shown = format_counter(n or 0, fmt)
            if shown is None:
                return ""
            text = text.replace(token, shown)
        return text + ("" if lv.suffix == "nothing" else " ")


def _num(raw: str | None, default: int) -> int:
    try:
        return int(raw or default)
    except ValueError:
        return default
