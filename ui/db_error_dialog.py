"""The database cannot be opened: say so in Chinese and offer to restore a backup.

Restoring never overwrites the damaged file: app.backup.restore_from renames it aside first.
Accepted means "a backup was restored (or the user wants to retry): open the database again".
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from app.backup import list_backups, restore_from
from ui.style import Sheet, apply_style
from ui.workers import Progress, TaskHandle, run_task


class DbErrorDialog(QDialog):
    def __init__(self, message: str, data_dir: Path, db_path: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.db_path = db_path
        self.restored_from: Path | None = None
        self.kept_path: Path | None = None
        self.task: TaskHandle[Path | None] | None = None
        self.backups = list_backups(data_dir) if db_path is not None else []
        self.setWindowTitle(self.tr("无法打开数据库 — 政务公开工作台"))
        self.setMinimumWidth(560)
        self._build(message)
        self._lay_out()
        self._connect()

    def _build(self, message: str) -> None:
        self.icon = QLabel(self)
        self.icon.setPixmap(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical).pixmap(48, 48))
        self.icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.heading = QLabel(self.tr("无法打开数据库"), self)
        apply_style(self.heading, Sheet.PAGE_TITLE)
        self.text = QLabel(message, self)
        self.text.setObjectName("dbErrorMessage")
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.backup_info = QLabel(self._backup_info_text(), self)
        self.backup_info.setWordWrap(True)
        apply_style(self.backup_info, Sheet.HINT)
        self.message = QLabel(self)
        self.message.setObjectName("dbErrorStatus")
        self.message.setWordWrap(True)
        apply_style(self.message, Sheet.ERROR)
        self.message.hide()
        self.buttons = QDialogButtonBox(self)
        self.latest_button = QPushButton(self.tr("从最近的备份恢复"), self)
        self.choose_button = QPushButton(self.tr("选择备份文件…"), self)
        self.retry_button = QPushButton(self.tr("重试"), self)
        self.quit_button = QPushButton(self.tr("退出"), self)

    def _lay_out(self) -> None:
        texts = QVBoxLayout()
        texts.addWidget(self.heading)
        texts.addWidget(self.text)
        texts.addWidget(self.backup_info)
        texts.addWidget(self.message)
        top = QHBoxLayout()
        top.addWidget(self.icon)
        top.addLayout(texts, 1)
        if self.db_path is not None:
            self.buttons.addButton(self.latest_button, QDialogButtonBox.ButtonRole.ActionRole)
            self.buttons.addButton(self.choose_button, QDialogButtonBox.ButtonRole.ActionRole)
            self.latest_button.setEnabled(bool(self.backups))
            self.retry_button.hide()
        else:
            # A server database (PostgreSQL) is restored by its administrator, not by this program.
            self.buttons.addButton(self.retry_button, QDialogButtonBox.ButtonRole.AcceptRole)
            self.latest_button.hide()
            self.choose_button.hide()
        self.buttons.addButton(self.quit_button, QDialogButtonBox.ButtonRole.RejectRole)
        layout = QVBoxLayout(self)
        layout.setSpacing(14)
        layout.addLayout(top)
        layout.addWidget(self.buttons)

    def _connect(self) -> None:
        self.latest_button.clicked.connect(self.restore_latest)
        self.choose_button.clicked.connect(self.choose_file)
        self.retry_button.clicked.connect(self.accept)
        self.quit_button.clicked.connect(self.reject)

    def _backup_info_text(self) -> str:
        if self.db_path is None:
            return self.tr("请检查数据库服务器是否可用，或联系系统管理员。")
        if not self.backups:
            return self.tr("数据文件夹中没有自动备份。如有手动备份的文件，请点击“选择备份文件…”。")
        return self.tr("最近的自动备份：{name}（共 {n} 份）。恢复后，损坏的文件会改名保留在原文件夹中。").format(
            name=self.backups[0].name, n=len(self.backups)
        )

    @Slot()
    def restore_latest(self) -> None:
        if self.backups:
            self.restore_file(self.backups[0])

    @Slot()
    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("选择备份文件"), str(self.data_dir / "backups"),
            self.tr("数据库备份 (*.db *.sqlite);;所有文件 (*)"),
        )
        if path:
            self.restore_file(Path(path))

    def restore_file(self, backup: Path) -> TaskHandle[Path | None] | None:
        """Restore off the GUI thread (a large file takes a while to check and copy)."""
        if self.db_path is None or (self.task is not None and not self.task.is_finished):
            return None
        db_path = self.db_path
        self._set_busy(True)
        self.message.hide()

        def work(_progress: Progress) -> Path | None:
            return restore_from(backup, db_path)

        def done(kept: Path | None) -> None:
            self.restored_from = backup
            self.kept_path = kept
            self.accept()

        def failed(exc: BaseException) -> None:
            from ui.messages import error_text

            self._set_busy(False)
            self.message.setText(error_text(exc))
            self.message.show()

        self.task = run_task(
            self, self.tr("恢复数据库"), work, done, on_error=failed, cancellable=False,
            label=self.tr("正在检查并恢复备份“{name}”…").format(name=backup.name),
        )
        return self.task

    def _set_busy(self, busy: bool) -> None:
        self.latest_button.setEnabled(not busy and bool(self.backups))
        self.choose_button.setEnabled(not busy)
        self.quit_button.setEnabled(not busy)
