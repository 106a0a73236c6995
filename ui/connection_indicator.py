"""The status bar's word on the database connection (issue 19): a lost server is visible before the
clerk clicks 保存, from the change watcher's background check every 10 seconds."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QLabel, QWidget

from ui.style import Sheet, apply_style


class ConnectionIndicator(QLabel):
    """Hidden while the database answers; a red 数据库连接中断 with the reason as tooltip when not."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("connectionIndicator")
        apply_style(self, Sheet.LOST_CONNECTION)
        self.hide()

    @Slot(bool, str)
    def set_reachable(self, reachable: bool, reason: str) -> None:
        if reachable:
            self.hide()
            self.setToolTip("")
            return
        self.setText(self.tr("⚠ 数据库连接中断，正在自动重试…"))
        after = self.tr("连接恢复后此提示自动消失；恢复前保存的操作不会成功，已填写的内容会保留。")
        self.setToolTip(f"{reason}\n{after}")
        self.show()
