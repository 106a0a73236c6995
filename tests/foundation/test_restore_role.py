"""从备份恢复 replaces everyone's data: the service refuses anyone but an administrator (the menu
item being disabled is not the rule), and an administrator's restore is audited."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from app.audit.models import AuditEntry
from app.auth.roles import Role
from app.backup import backup_to
from app.bootstrap import Database, open_database
from app.errors import PermissionDenied
from app.restore import restore_database

pytestmark = pytest.mark.sqlite_only  # restoring the SQLite file; a server database is restored with pg_restore


def test_a_leader_may_not_restore(db: Database, make_user: Any, tmp_path: Path) -> None:
    assert db.sqlite_path is not None
    backup = backup_to(db.sqlite_path, tmp_path / "copy.db")
    leader = make_user("lingdao", Role.PRINCIPAL_LEADER, Role.SECTION_HEAD, Role.DISCLOSURE_STAFF)
    with pytest.raises(PermissionDenied, match="须由系统管理员执行；当前用户“lingdao”不是系统管理员"):
        restore_database(db, leader, backup)
    assert list(db.sqlite_path.parent.glob("*.before-restore-*")) == []  # nothing was replaced
    with db.reader() as s:
        assert s.scalars(select(AuditEntry).where(AuditEntry.action == "restore")).all() == []


def test_an_administrator_restores_and_the_old_file_keeps_who_did(db: Database, make_user: Any,
                                                                  tmp_path: Path) -> None:
    assert db.sqlite_path is not None
    admin = make_user("guanli", Role.ADMIN)
    backup = backup_to(db.sqlite_path, tmp_path / "copy.db")
    make_user("later", Role.EDITOR)  # made after the backup: gone once restored
    kept = restore_database(db, admin, backup)
    assert kept is not None and kept.exists()
    old = open_database(kept.parent, f"sqlite:///{kept}", migrate=False)
    try:
        with old.reader() as s:
            entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "restore")).one()
    finally:
        old.dispose()
    assert entry.username == "guanli" and json.loads(entry.after_json) == {"备份文件": str(backup)}
    restored = open_database(db.data_dir)
    try:
        with restored.reader() as s:
            assert s.scalars(select(AuditEntry).where(AuditEntry.summary.contains("later"))).all() == []
    finally:
        restored.dispose()
