"""The post editor's 解读类型 choice: 解读材料 / 解读产品 / 媒体评论文章, for posts that interpret a policy
(in a 政策解读 column, or linked to a policy); the website report counts each kind."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from app.website.columns import InterpretationKind


class InterpretationKindBox(QWidget):
    changed = Signal()
    """The user picked another kind."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.combo = QComboBox(self)
        self.combo.setObjectName("postInterpretationKind")
        self.combo.addItem(self.tr("（非政策解读）"), "")
        for kind in InterpretationKind:
            self.combo.addItem(kind.label, kind.value)
        self.combo.setToolTip(self.tr("政策解读栏目的稿件和关联到政策文件的解读稿件须选择解读类型，网站年报按类型计数。"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(self.tr("解读类型："), self))
        layout.addWidget(self.combo)
        self.combo.currentIndexChanged.connect(self.changed)

    def kind(self) -> str:
        return str(self.combo.currentData() or "")

    def set_kind(self, kind: str) -> None:
        self.combo.setCurrentIndex(max(self.combo.findData(kind), 0))
