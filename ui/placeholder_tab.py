"""An honest panel for an area that is not in this build (or failed to load): no fake content."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ui.style import Sheet, apply_style


class PlaceholderTab(QWidget):
    def __init__(self, title: str, parent: QWidget | None = None, *, error: str | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.is_error = error is not None
        if error is None:
            text = self.tr("「{title}」模块正在开发中，本版本尚不可用。").format(title=title)
            detail = ""
        else:
            text = self.tr("「{title}」模块未能加载。").format(title=title)
            detail = self.tr("{error}\n详细信息已写入日志文件，请联系系统管理员。").format(error=error)
        self.message = QLabel(text, self)
        self.message.setObjectName("placeholderMessage")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        apply_style(self.message, Sheet.PLACEHOLDER)
        self.detail = QLabel(detail, self)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.detail.setWordWrap(True)
        apply_style(self.detail, Sheet.FAINT)
        self.detail.setVisible(bool(detail))
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        layout.addWidget(self.message)
        layout.addWidget(self.detail)
        layout.addStretch(3)
