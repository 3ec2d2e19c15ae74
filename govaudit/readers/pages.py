"""Pages printed twice: a page whose whole text is an earlier page's is a copy, not more of
the document. Its content is counted once (the reader leaves it out) and the document says
where it was (`Document.meta["repeated_pages"]`: (page, the earlier page it repeats)), so
that the profile and one finding can name it."""

from __future__ import annotations

# a page with less text than this (a cover, a blank page, a page of one heading) is not
# compared: two of them may well be alike without being a copy
MIN_CHARS = 40


def signature(texts: list[str]) -> str:
    """A page's text for comparison: every piece in reading order, white space removed."""
    return "\n".join("".join(t.split()) for t in texts if t.strip())


def repeats(pages: list[str]) -> dict[int, int]:
    """index → the index of the earlier page it repeats, for each page (by its signature)
    that is another page's copy."""
    first: dict[str, int] = {}
    out: dict[int, int] = {}
    for i, sig in enumerate(pages):
        if len(sig) - sig.count("\n") < MIN_CHARS:
            continue
        if sig in first:
            out[i] = first[sig]
        else:
            first[sig] = i
    return out
