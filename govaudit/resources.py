"""Where the shipped rule packs and vocabularies live, installed or in a source checkout."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

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
    path = rules_dir() / "vocab" / f"{name}.yaml"
    try:
        with path.open(encoding="utf-8") as fh:
            data = yaml.safe_load(fh) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise RuleError(
            f"词表无法读取：{exc}", f"cannot read vocabulary: {exc}", file=str(path)
        ) from exc
    if not isinstance(data, dict):
        raise RuleError("词表应为键值映射", "vocabulary must be a mapping", file=str(path))
    return data
