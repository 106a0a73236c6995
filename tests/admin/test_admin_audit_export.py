"""Exporting audit entries to .xlsx (reports/audit_log.py), read back with openpyxl."""

from __future__ import annotations

import tempfile
from datetime import datetime, timedelta
from pathlib import Path

import openpyxl
import pytest

from app.audit import query
from app.audit import service as audit_service
from app.audit.query import AuditFilter, AuditRow
from app.bootstrap import Database
from app.context import Actor
from app.errors import UserError
from reports.audit_log import COLUMNS, write_audit_xlsx


def _row(seq: int, summary: str, username: str = "alice") -> AuditRow:
    return AuditRow(
        seq=seq, at_utc=datetime(2027, 3, 1, 8, 30) + timedelta(seconds=seq), username=username, display_name="艾丽斯",
        os_user="clerk", action="update", record_type="user", record_id=str(seq), summary=summary,
        before_json='{"a": 1}', after_json="{}",
    )


def test_cells_read_back_equal(db: Database, tmp_path: Path) -> None:
    actor = Actor(user_id=1, username="alice", display_name="艾丽斯")
    with db.session_factory.begin() as s:
        audit_service.record(s, actor, "create", "user", 1, after={"name": "张三"}, summary="创建账户 zhangsan")
        audit_service.record(s, actor, "login_failed", "user", 1, summary="=HYPERLINK(\"http://x\",\"点我\")")
        audit_service.record(s, actor, "update", "setting", "org.name", before={"v": "甲"}, after={"v": "乙"},
                             summary="+1 -1 @cmd")
    with db.session_factory() as s:
        rows = list(query.iter_entries(s, Actor.system(), AuditFilter()))
        target = tmp_path / "审计记录.xlsx"
        assert write_audit_xlsx(query.iter_entries(s, Actor.system(), AuditFilter()), target) == 3

    ws = openpyxl.load_workbook(target).active
    assert ws is not None
    values = list(ws.iter_rows(values_only=True))
    assert values[0] == tuple(title for title, _, _ in COLUMNS)
    assert len(values) == 4
    for row, cells in zip(rows, values[1:], strict=True):
        assert cells[0] == row.seq
        assert cells[1] == row.at_local.replace(microsecond=0)
        assert cells[2:9] == (row.username, row.display_name, row.os_user, row.action_label,
                              row.record_type_label, row.record_id, row.summary)
        assert (cells[9] or "{}") == row.before_json
        assert (cells[10] or "{}") == row.after_json
    formula_cell = ws.cell(row=3, column=9)
    assert formula_cell.value == "=HYPERLINK(\"http://x\",\"点我\")"
    assert formula_cell.data_type == "s"
    assert ws.cell(row=2, column=9).value == "+1 -1 @cmd"


def test_layout_frozen_header_filter_widths(tmp_path: Path) -> None:
    target = tmp_path / "out.xlsx"
    write_audit_xlsx([_row(1, "a"), _row(2, "b")], target, description="用户 alice")
    ws = openpyxl.load_workbook(target).active
    assert ws is not None
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == "A1:K3"
    assert ws.column_dimensions["I"].width == 48
    assert ws.page_setup.orientation == "landscape"
    assert "用户 alice" in (ws.oddHeader.center.text or "")
    assert ws.cell(row=1, column=1).font.bold


def test_every_text_cell_is_a_string_even_formula_like(tmp_path: Path) -> None:
    target = tmp_path / "out.xlsx"
    write_audit_xlsx([_row(1, "=1+1", username="=cmd|' /C calc'!A0"), _row(2, "@SUM(A1)")], target)
    ws = openpyxl.load_workbook(target).active
    assert ws is not None
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, str):
                assert cell.data_type == "s"
    assert ws.cell(row=2, column=3).value == "=cmd|' /C calc'!A0"


def test_control_characters_are_dropped_and_long_text_cut(tmp_path: Path) -> None:
    target = tmp_path / "out.xlsx"
    write_audit_xlsx([_row(1, "a\x00b\x07c"), _row(2, "长" * 40_000)], target)
    ws = openpyxl.load_workbook(target).active
    assert ws is not None
    assert ws.cell(row=2, column=9).value == "abc"
    assert len(ws.cell(row=3, column=9).value) == 32_767


def test_failed_export_leaves_existing_file_and_no_temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    scratch = tmp_path / "scratch"  # where openpyxl streams its write-only sheets
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    target = tmp_path / "out.xlsx"
    target.write_bytes(b"previous export")

    def rows() -> list[AuditRow]:
        return [_row(i, "x") for i in range(1, 1200)]

    def stop(n: int) -> None:
        raise RuntimeError("cancelled")

    with pytest.raises(RuntimeError):
        write_audit_xlsx(rows(), target, progress=stop)
    assert target.read_bytes() == b"previous export"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.xlsx", "scratch"]
    assert list(scratch.iterdir()) == []
    assert write_audit_xlsx(rows(), target) == 1199
    assert openpyxl.load_workbook(target).active is not None


def test_missing_folder_is_a_user_error(tmp_path: Path) -> None:
    with pytest.raises(UserError):
        write_audit_xlsx([_row(1, "x")], tmp_path / "没有这个文件夹" / "out.xlsx")
