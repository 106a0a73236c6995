"""Reading and exporting the audit trail is an administrator's, whoever calls the service: a clerk
is refused with a Chinese message, an administrator's export is read back and audited itself."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.audit import query
from app.audit.models import AuditEntry
from app.audit.query import AuditFilter
from app.audit_export import export_audit_log
from app.auth.roles import Role
from app.auto_backup import run_daily_backup
from app.bootstrap import Database
from app.cli import main as run_cli
from app.errors import PermissionDenied
from app.export_unit import run_export

READS: dict[str, Callable[[Session, Any], object]] = {
    "fetch_entries": lambda s, a: query.fetch_entries(s, a, AuditFilter()),
    "count_entries": lambda s, a: query.count_entries(s, a, AuditFilter()),
    "iter_entries": lambda s, a: query.iter_entries(s, a, AuditFilter()),
    "get_entry": lambda s, a: query.get_entry(s, a, 1),
    "audit_users": lambda s, a: query.audit_users(s, a),
    "record_types": lambda s, a: query.record_types(s, a),
    "actions": lambda s, a: query.actions(s, a),
}


@pytest.mark.parametrize("name", sorted(READS))
def test_only_an_administrator_reads_the_trail(db: Database, make_user: Any, name: str) -> None:
    leader = make_user("lingdao", Role.PRINCIPAL_LEADER, Role.SECTION_HEAD, Role.DISCLOSURE_STAFF, Role.EDITOR,
                       Role.LEADER_IN_CHARGE)
    admin = make_user("guanli", Role.ADMIN)
    with db.reader() as s:
        with pytest.raises(PermissionDenied, match="需要以下角色之一：系统管理员。当前用户“lingdao”无此权限"):
            READS[name](s, leader)
        READS[name](s, admin)  # the same call is allowed to an administrator


def test_a_clerk_cannot_export_the_trail(db: Database, make_user: Any, tmp_path: Path) -> None:
    clerk = make_user("banshi", Role.DISCLOSURE_STAFF)
    out = tmp_path / "审计.xlsx"
    with pytest.raises(PermissionDenied, match="系统管理员"):
        run_export(db, lambda s: export_audit_log(s, clerk, out, AuditFilter()))
    assert not out.exists()
    with db.reader() as s:
        assert s.scalars(select(AuditEntry).where(AuditEntry.record_type == "audit_log")).all() == []


def test_administrator_export_is_read_back_and_audited(db: Database, make_user: Any, tmp_path: Path) -> None:
    make_user("banshi", Role.DISCLOSURE_STAFF)  # one entry: the account's creation
    admin = make_user("guanli", Role.ADMIN)  # and a second
    out = tmp_path / "审计.xlsx"
    assert run_export(db, lambda s: export_audit_log(s, admin, out, AuditFilter(username="system"))) == 2
    ws = load_workbook(out).active
    assert ws is not None
    assert [ws.cell(r, 1).value for r in (2, 3)] == [2, 1]  # newest first
    with db.reader() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.record_type == "audit_log")).one()
    assert entry.action == "export" and entry.username == "guanli" and "用户 system" in entry.summary


def test_command_line_export_uses_the_same_use_case(db: Database, make_user: Any, tmp_path: Path) -> None:
    make_user("banshi", Role.DISCLOSURE_STAFF)
    run_daily_backup(db)  # the day's automatic backup (audited as 系统) first: the command makes none
    with db.reader() as s:
        by_system = sorted(s.scalars(select(AuditEntry.seq).where(AuditEntry.username == "system")))
    assert len(by_system) >= 2  # the account's creation and the backup: the filter has rows to keep
    out = tmp_path / "审计.xlsx"
    assert run_cli(["audit", "export", "-o", str(out), "--user", "system"]) == 0
    ws = load_workbook(out).active
    assert ws is not None
    listed = [ws.cell(row, 1).value for row in range(2, ws.max_row + 1) if ws.cell(row, 1).value is not None]
    assert sorted(listed) == by_system  # exactly the entries by that user, none of banshi's
    with db.reader() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.record_type == "audit_log")).one()
    assert entry.after_json.count("审计.xlsx") == 1
