"""reports/ receives plain data: it never imports Qt, the UI or the database layer."""

from __future__ import annotations

import ast
from pathlib import Path

import reports

FORBIDDEN = ("PySide6", "shiboken6", "ui", "sqlalchemy", "alembic", "app.db")


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_reports_package_has_no_qt_ui_or_database_imports() -> None:
    root = Path(reports.__file__).parent
    files = sorted(root.rglob("*.py"))
    assert len(files) > 5
    for path in files:
        for name in _imports(path):
            assert not any(name == bad or name.startswith(bad + ".") for bad in FORBIDDEN), (path, name)
