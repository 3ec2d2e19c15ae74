"""Width normalisation that keeps every character where it was, and variant spellings.

Full-width digits and punctuation become their ASCII forms one character for one, so an
offset found in the normalised text is the offset in the original text too. Names compared
(`compact`, and glossary.key) also fold variant spellings of one word (其它 → 其他, the
glossary's `variants`): two names that differ only so name the same subject.
"""

from __future__ import annotations

from functools import cache, lru_cache

from govaudit.resources import vocab

_TABLE: dict[int, int] = {}
for _cp in range(0xFF01, 0xFF5F):  # full-width ASCII variants
    _TABLE[_cp] = _cp - 0xFEE0
_TABLE[0x3000] = 0x20  # ideographic space
_TABLE[0x00A0] = 0x20  # no-break space
_TABLE[0xFE6A] = ord("%")  # small percent sign
_TABLE[0x2030] = 0x2030  # per mille stays
_TABLE[0x3002] = 0x3002  # 。 stays: it ends sentences, never a decimal point
_TABLE[0x2236] = ord(":")  # ratio colon
_TABLE[0x2014] = 0x2014
_TABLE[0x2212] = ord("-")  # minus sign
_TABLE[0x2266] = 0x2264  # ≦ → ≤
_TABLE[0x2267] = 0x2265  # ≧ → ≥


def norm(text: str) -> str:
    """Half-width digits and punctuation, same length as the input."""
    return text.translate(_TABLE)


@cache
def variants() -> tuple[tuple[str, str], ...]:
    """(variant, standard) spellings, from rules/vocab/glossary.yaml."""
    pairs = vocab("glossary").get("variants") or {}
    return tuple((str(a), str(b)) for a, b in pairs.items())


def fold_variants(text: str) -> str:
    """其它 → 其他 and the other variants of the glossary (same length: offsets stay)."""
    for variant, standard in variants():
        if variant in text:
            text = text.replace(variant, standard)
    return text


@lru_cache(maxsize=1 << 16)
def compact(text: str) -> str:
    """For matching labels and headers: normalised, without any white space, variant
    spellings folded."""
    return fold_variants("".join(norm(text).split()))


def compact_with_offsets(s: str) -> tuple[str, list[int]]:
    """The text without white space (a PDF breaks a name over two lines), and for each of its
    characters the offset in `s`."""
    chars: list[str] = []
    offsets: list[int] = []
    for i, ch in enumerate(s):
        if not ch.isspace():
            chars.append(ch)
            offsets.append(i)
    return "".join(chars), offsets
