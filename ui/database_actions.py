"""文件 → 备份数据库… / 从备份恢复…: copy the SQLite database out, or replace it with a backup.

Both run off the GUI thread. Restore keeps the current file beside the restored one and asks the
launcher (via `restored`) to reopen the database, because every open session belongs to the old file.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QFileDialog, QWidget

from app.audit.service import record
from app.backup import backup_to
from app.restore import check_restore, restore_database
from ui.context import AppContext
from ui.messages import confirm, show_info
from ui.operations import precheck
from ui.workers import Progress, TaskHandle, run_task

log = logging.getLogger("govinfo.ui")


class DatabaseActions(QObject):
    restored = Signal(str)
    restore_started = Signal()
    """A restore is about to replace the database file: stop anything that opens it."""
    """The database file was replaced by a backup; carries the message to show after reopening."""

    def __init__(self, ctx: AppContext, window: QWidget) -> None:
        super().__init__(window)
        self.ctx = ctx
        self.window = window

    def _db_path(self) -> Path | None:
        path = self.ctx.db.sqlite_path
        if path is None:
            show_info(
                self.window, self.tr("备份与恢复"),
                self.tr("当前使用的是数据库服务器（如 PostgreSQL），请由服务器管理员用其自带的工具备份和恢复。"),
            )
        return path

    @Slot()
    def backup_database(self) -> None:
        if self._db_path() is None:
            return
        suggested = Path.home() / self.tr("政务公开工作台备份-{stamp}.db").format(
            stamp=self.ctx.now().strftime("%Y%m%d-%H%M")
        )
        path, _ = QFileDialog.getSaveFileName(
            self.window, self.tr("备份数据库"), str(suggested), self.tr("数据库备份 (*.db *.sqlite);;所有文件 (*)")
        )
        if path:
            self.start_backup(Path(path))

    def start_backup(self, dest: Path) -> TaskHandle[Path] | None:
        db_path = self._db_path()
        if db_path is None:
            return None

        def work(_progress: Progress) -> Path:
            return backup_to(db_path, dest)

        return run_task(
            self.window, self.tr("备份数据库"), work, self._backup_done, cancellable=False,
            label=self.tr("正在备份数据库，请稍候…"),
        )

    def _backup_done(self, written: Path) -> None:
        with self.ctx.unit_of_work() as session:
            record(session, self.ctx.actor, "backup", "database", "*", after={"文件": str(written)},
                   summary="手动备份数据库")
        show_info(self.window, self.tr("备份完成"), self.tr("数据库已备份到：\n{path}").format(path=written))

    @Slot()
    def restore_database(self) -> None:
        if not precheck(lambda: check_restore(self.ctx.actor), parent=self.window, title=self.tr("从备份恢复")):
            return
        if self._db_path() is None:
            return
        path, _ = QFileDialog.getOpenFileName(
            self.window, self.tr("选择备份文件"), str(self.ctx.db.data_dir / "backups"),
            self.tr("数据库备份 (*.db *.sqlite);;所有文件 (*)"),
        )
        if not path:
            return
        question = self.tr(
            "将用备份文件“{name}”替换当前数据库。\n\n当前数据库不会删除，会改名保留在数据文件夹中。"
            "恢复完成后程序将重新打开数据库，所有人需要重新登录；备份之后录入的数据将不在恢复后的数据库中。\n\n确定要恢复吗？"
        ).format(name=Path(path).name)
        if confirm(self.window, self.tr("从备份恢复"), question):
            self.start_restore(Path(path))

    def start_restore(self, backup: Path) -> TaskHandle[Path | None] | None:
        # Refused before anything is stopped for the restore (restore_database checks again).
        if not precheck(lambda: check_restore(self.ctx.actor), parent=self.window, title=self.tr("从备份恢复")):
            return None
        if self._db_path() is None:
            return None
        ctx = self.ctx
        self.restore_started.emit()

        def work(_progress: Progress) -> Path | None:
            return restore_database(ctx.db, ctx.actor, backup)

        return run_task(
            self.window, self.tr("从备份恢复"), work, self._restore_done, cancellable=False,
            label=self.tr("正在恢复数据库，请稍候…"),
        )

    def _restore_done(self, kept: Path | None) -> None:
        text = self.tr("数据库已从备份恢复。")
        if kept is not None:
            text += self.tr("原数据库已保留为：\n{path}").format(path=kept)
        text += "\n\n" + self.tr("程序将重新打开数据库，请重新登录。")
        log.info("Database restored; previous file kept at %s", kept)
        self.restored.emit(text)
