"""A user's cache of what is slow to build and quick to reuse: the loaded rule packs.

Loading the rule packs (YAML, validation against the fact kinds, every expression parsed)
is most of the start-up of `govaudit check`; the result depends only on the rule files and
on govaudit's own code. So it is kept, pickled, where a user's cache belongs
(``$XDG_CACHE_HOME/govaudit`` or ``~/.cache/govaudit``; never beside the installed
package), under a key of govaudit's version, the Python version, and the stamps (path,
size, mtime_ns) of the files it was built from and of govaudit's own modules.

The cache can only save time, never change a result or stop a run: an entry whose key
differs (stale), that cannot be read or unpickled (corrupt), or a folder that cannot be
written is passed over in silence, and the value is built as without a cache.
``GOVAUDIT_NO_CACHE=1`` turns it off.
"""

from __future__ import annotations

import os
import pickle
import sys
import zlib
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path
from typing import TypeVar

from govaudit import __version__

T = TypeVar("T")
Stamp = tuple[str, int, int]

PACKAGE = Path(__file__).resolve().parent


def cache_dir() -> Path | None:
    """$XDG_CACHE_HOME/govaudit (an absolute XDG_CACHE_HOME only, as the XDG spec says),
    else ~/.cache/govaudit; None when the cache is off or there is no home."""
    if os.environ.get("GOVAUDIT_NO_CACHE", "") not in ("", "0"):
        return None
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    if xdg and os.path.isabs(xdg):
        return Path(xdg) / "govaudit"
    try:
        return Path.home() / ".cache" / "govaudit"
    except RuntimeError:  # no home directory to be found
        return None


def stamps(paths: Iterable[Path | str]) -> tuple[Stamp, ...]:
    """(absolute path, size, mtime_ns) of each file: what changes when a file is edited,
    replaced, added or removed."""
    out: list[Stamp] = []
    for p in paths:
        st = os.stat(p)
        out.append((os.path.abspath(p), st.st_size, st.st_mtime_ns))
    return tuple(out)


@cache
def code_stamp() -> tuple[Stamp, ...]:
    """The stamps of govaudit's own modules: an edited checkout (whose version does not
    change) must not reuse what older code built."""
    return stamps(sorted(str(p) for p in PACKAGE.rglob("*.py")))


def cached(name: str, key: object, build: Callable[[], T]) -> T:
    """The value stored under `name` when it was stored under `key` by this version of
    govaudit and this Python; else `build()`, stored for next time when the folder allows."""
    folder = cache_dir()
    if folder is None:
        return build()
    full_key = (__version__, sys.version, code_stamp(), key)
    path = folder / f"{name}.pickle"
    try:
        with path.open("rb") as fh:
            if pickle.load(fh) == full_key:
                return pickle.load(fh)
    except Exception:  # missing, unreadable, truncated, from other code: build anew
        pass
    value = build()
    _store(path, full_key, value)
    return value


def _store(path: Path, key: object, value: object) -> None:
    """Write key and value to a file of this process, then move it into place: a reader
    sees the old entry or the new one, never half of one. Failing to write is no error."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        with tmp.open("wb") as fh:
            pickle.dump(key, fh, protocol=pickle.HIGHEST_PROTOCOL)
            pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except Exception:  # a folder not writable, a disk full, a value pickle cannot take
        try:
            tmp.unlink(missing_ok=True)
        except OSError:
            pass


def entry_name(prefix: str, *parts: str) -> str:
    """A file name for one set of sources (the built-in packs with a user's --rules
    folders): each set keeps its own entry instead of evicting the others'. Two sets whose
    names collide only take turns: the key inside tells them apart."""
    return f"{prefix}-{zlib.crc32(chr(0).join(parts).encode()):08x}"
