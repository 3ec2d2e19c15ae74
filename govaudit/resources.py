"""Where the shipped rule packs and vocabularies live, installed or in a source checkout."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from govaudit.cache import cached, entry_name, stamps
from govaudit.errors import RuleError


@cache
def rules_dir() -> Path:
    """The built-in rules: govaudit/rules in an installed wheel, ../rules in a checkout."""
    here = Path(__file__).resolve().parent
    for cand in (here / "rules", here.parent / "rules"):
        if cand.is_dir():
            return cand
    raise RuleError(
        "找不到内置规则目录（安装不完整？请重新执行 pip install .）",
        "built-in rules folder not found (incomplete install? run pip install . again)",
    )


@cache
def vocab(name: str) -> dict[str, Any]:
    """A word list of rules/vocab, parsed once per process and kept in the user's cache
    under the file's stamp (cache.py)."""
    path = rules_dir() / "vocab" / f"{name}.yaml"
    try:
        key = stamps([path])
    except OSError:
        return _parse(path)  # says what is wrong with it
    return cached(entry_name("vocab", str(path)), key, lambda: _parse(path))


def _parse(path: Path) -> dict[str, Any]:
    import yaml  # only when the cache cannot answer

    try:
        # libyaml's parser where PyYAML has it (~10× the pure-Python one's speed)
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise RuleError(
            f"词表无法读取：{exc}", f"cannot read vocabulary: {exc}", file=str(path)
        ) from exc
    if not isinstance(data, dict):
        raise RuleError("词表应为键值映射", "vocabulary must be a mapping", file=str(path))
    return data
