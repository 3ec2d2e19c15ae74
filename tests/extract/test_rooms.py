"""extract/ is five rooms with one-way imports (docs/DEVELOPING.md, "The rooms of extract/").
A module that imports a room it may not use is a cycle in the making: this test names it."""

from __future__ import annotations

import ast
from pathlib import Path

EXTRACT = Path(__file__).parents[2] / "govaudit" / "extract"

# room -> the rooms its modules may import (besides itself)
MAY_USE = {
    "base": set(),
    "document": {"base"},
    "sentences": {"base", "document"},
    "tables": {"base"},
    "crossref": {"base", "tables"},
}


def imported_rooms(path: Path) -> set[str]:
    rooms: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = []
        if isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        for name in names:
            parts = name.split(".")
            if parts[:2] == ["govaudit", "extract"] and len(parts) > 2:
                rooms.add(parts[2])
    return rooms & set(MAY_USE)


def test_every_module_of_extract_sits_in_a_room():
    loose = [p.name for p in EXTRACT.glob("*.py") if p.name != "__init__.py"]
    assert loose == []
    assert sorted(p.name for p in EXTRACT.iterdir() if p.is_dir() and p.name != "__pycache__") == (
        sorted(MAY_USE)
    )


def test_rooms_import_one_way_only():
    wrong = []
    for room, allowed in MAY_USE.items():
        for module in sorted((EXTRACT / room).glob("*.py")):
            for other in sorted(imported_rooms(module) - allowed - {room}):
                wrong.append(f"{room}/{module.name} imports {other}/")
    assert wrong == []


def test_the_check_sees_a_wrong_import(tmp_path):
    bad = tmp_path / "m.py"
    bad.write_text("from govaudit.extract.sentences import breakdowns\n", encoding="utf-8")
    assert imported_rooms(bad) == {"sentences"}
