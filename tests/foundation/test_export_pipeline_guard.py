"""Exports go through app/ use cases: no widget calls a reports/ writer itself (it would skip the role
check and the audit entry), and every app/ module that writes a document does so through reports/."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _imported_names(path: Path) -> list[tuple[str, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = [(node.module or "", alias.name) for node in ast.walk(tree)
             if isinstance(node, ast.ImportFrom) and node.level == 0 for alias in node.names]
    return found + [(alias.name, "") for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names]


def test_widgets_never_call_a_report_writer() -> None:
    offending = [f"{p.relative_to(ROOT)}: {m}.{n}" for p in (ROOT / "ui").rglob("*.py")
                 for m, n in _imported_names(p) if m.startswith("reports") and n.startswith(("write_", "save_"))]
    assert offending == []


def test_app_builds_no_document_itself() -> None:
    # Document layout (python-docx, openpyxl workbooks) belongs to reports/; app/ gathers plain data.
    # Reading .docx text for the checks and the demo data's sample documents are not exports.
    allowed = {"app/review/checks/docx_text.py", "app/demo.py", "app/redaction/docx_support.py"}
    offending = []
    for path in (ROOT / "app").rglob("*.py"):
        name = str(path.relative_to(ROOT))
        if name in allowed or "migrations" in path.parts:
            continue
        for module, imported in _imported_names(path):
            builds_workbook = module == "openpyxl" and imported == "Workbook"
            uses_python_docx = module == "docx" or module.startswith("docx.")
            new_document = module in ("reports.docx_layout", "reports.xlsx_sheet") and imported in (
                "new_document", "new_workbook")
            if builds_workbook or uses_python_docx or new_document:
                offending.append(f"{name}: {module}.{imported}")
    assert offending == []
