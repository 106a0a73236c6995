"""A damaged database: clear Chinese message, restore from a backup, damaged file kept beside."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from app import paths
from app.auth.service import has_users
from app.backup import AUTO_PREFIX, backup_to
from app.bootstrap import Database, open_database
from app.errors import DatabaseUnreadable
from ui.db_error_dialog import DbErrorDialog
from ui.launch import sqlite_file_for

pytestmark = pytest.mark.gui
GARBAGE = b"this is not a database at all \x00\x01\x02" * 100


def damage(db: Database) -> Path:
    """Back up the healthy database into the backups folder, then overwrite it with garbage."""
    db_path = db.sqlite_path
    assert db_path is not None
    backup_to(db_path, paths.backups_dir(db.data_dir) / f"{AUTO_PREFIX}20240102-080000.db")
    db.dispose()
    for suffix in ("-wal", "-shm"):
        db_path.with_name(db_path.name + suffix).unlink(missing_ok=True)
    db_path.write_bytes(GARBAGE)
    return db_path


def error_dialog(qtbot: QtBot, data_dir: Path) -> tuple[DbErrorDialog, DatabaseUnreadable]:
    with pytest.raises(DatabaseUnreadable) as info:
        open_database(data_dir)
    dialog = DbErrorDialog(str(info.value), data_dir, sqlite_file_for(data_dir, None))
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog, info.value


def test_restore_latest_backup_keeps_damaged_file(
    qtbot: QtBot, db: Database, make_user: object, data_dir: Path
) -> None:
    db_path = damage(db)
    dialog, exc = error_dialog(qtbot, data_dir)
    assert "已损坏" in str(exc)
    assert dialog.latest_button.isEnabled()
    assert f"{AUTO_PREFIX}20240102-080000.db" in dialog.backup_info.text()
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        qtbot.mouseClick(dialog.latest_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.kept_path is not None and dialog.kept_path.parent == db_path.parent
    assert dialog.kept_path.read_bytes() == GARBAGE
    reopened = open_database(data_dir)
    try:
        with reopened.session_factory() as s:
            assert not has_users(s)  # the backup is the fresh database the fixture created
    finally:
        reopened.dispose()


def test_choosing_an_invalid_file_says_why(qtbot: QtBot, db: Database, data_dir: Path, tmp_path: Path) -> None:
    db_path = damage(db)
    dialog, _ = error_dialog(qtbot, data_dir)
    bogus = tmp_path / "not-a-backup.db"
    bogus.write_bytes(b"nonsense")
    handle = dialog.restore_file(bogus)
    assert handle is not None
    qtbot.waitUntil(lambda: handle.is_finished, timeout=10_000)
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "不是有效的数据库备份文件" in dialog.message.text()
    assert db_path.read_bytes() == GARBAGE  # untouched
    assert dialog.choose_button.isEnabled()


def test_no_backups_disables_latest(qtbot: QtBot, data_dir: Path) -> None:
    db_path = data_dir / "govinfo.db"
    db_path.write_bytes(GARBAGE)
    dialog, _ = error_dialog(qtbot, data_dir)
    assert not dialog.latest_button.isEnabled()
    assert "没有自动备份" in dialog.backup_info.text()
    assert [b.text() for b in (dialog.latest_button, dialog.choose_button, dialog.quit_button)] == [
        "从最近的备份恢复", "选择备份文件…", "退出"
    ]


def test_server_database_offers_retry_not_restore(qtbot: QtBot, data_dir: Path) -> None:
    dialog = DbErrorDialog("无法连接数据库服务器。", data_dir, None)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.retry_button.isVisible() and not dialog.latest_button.isVisible()
