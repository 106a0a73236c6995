"""Conventions that keep the domain testable: no Qt below ui/, migrations match the models."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

import app.db.models  # noqa: F401
from app.bootstrap import Database
from app.db.base import Base

ROOT = Path(__file__).resolve().parents[2]


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_app_and_reports_never_import_qt() -> None:
    offenders = []
    for package in ("app", "reports"):
        for path in (ROOT / package).rglob("*.py"):
            if any(n == "PySide6" or n.startswith(("PySide6.", "ui.", "shiboken6")) or n == "ui"
                   for n in _imports(path)):
                offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


def test_the_scan_would_catch_an_import(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("from PySide6.QtCore import QObject\n", encoding="utf-8")
    assert "PySide6.QtCore" in _imports(bad)


# SQLite cannot reflect expression indexes (ix_disclosure_items_number_order): SQLAlchemy warns and
# alembic leaves them out of the comparison there; PostgreSQL compares them.
@pytest.mark.filterwarnings("ignore:Skipped unsupported reflection of expression-based index")
def test_migrations_match_models(db: Database) -> None:
    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
    assert diff == [], f"models and migrations differ; add a migration: {diff}"
