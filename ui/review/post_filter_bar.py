"""The filters above the post list: status, column/account, mine, waiting for me, search."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal, Slot
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QLineEdit, QWidget

from app.context import Actor
from app.review.enums import PostStatus
from app.review.ui_support import PostFilter, targets
from ui.context import AppContext

SEARCH_DEBOUNCE_MS = 300


class PostFilterBar(QWidget):
    filter_changed = Signal()
    """The user changed a filter or (after a pause in typing) the search text."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.status = QComboBox(self)
        self.status.setObjectName("filterStatus")
        self.status.addItem(self.tr("全部状态"), None)
        for status in PostStatus:
            self.status.addItem(status.label, status)
        self.target = QComboBox(self)
        self.target.setObjectName("filterTarget")
        self.target.setMinimumWidth(160)
        self.reload_targets(ctx)
        self.mine = QCheckBox(self.tr("我的稿件"), self)
        self.mine.setToolTip(self.tr("由我采编的稿件"))
        self.waiting = QCheckBox(self.tr("待我处理"), self)
        self.waiting.setObjectName("filterWaiting")
        self.waiting.setToolTip(self.tr("轮到我的角色审核、且我可以签署的稿件；采编员还包括自己的草稿、待发布和待确认的稿件"))
        self.search = QLineEdit(self)
        self.search.setObjectName("filterSearch")
        self.search.setPlaceholderText(self.tr("搜索编号、标题、正文…"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(220)

        # A query per keystroke would make a long list stutter: wait for a pause.
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DEBOUNCE_MS)
        self._debounce.timeout.connect(self.filter_changed)
        self.search.textChanged.connect(self._debounce.start)
        self.search.returnPressed.connect(self.flush)
        for combo in (self.status, self.target):
            combo.currentIndexChanged.connect(self._on_changed)
        for box in (self.mine, self.waiting):
            box.toggled.connect(self._on_changed)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(QLabel(self.tr("筛选："), self))
        for w in (self.status, self.target, self.mine, self.waiting):
            layout.addWidget(w)
        layout.addStretch(1)
        layout.addWidget(self.search, 2)

    def reload_targets(self, ctx: AppContext) -> None:
        current = self.target.currentData()
        self.target.blockSignals(True)
        self.target.clear()
        self.target.addItem(self.tr("全部栏目和账号"), None)
        with ctx.reader() as s:
            columns, accounts = targets(s)
        for name in (*columns, *accounts):
            self.target.addItem(name, name)
        self.target.setCurrentIndex(max(self.target.findData(current), 0))
        self.target.blockSignals(False)

    @Slot()
    def _on_changed(self) -> None:
        self._debounce.stop()
        self.filter_changed.emit()

    @Slot()
    def flush(self) -> None:
        """Apply pending search text at once (Enter pressed, or a test that does not want to wait)."""
        self._debounce.stop()
        self.filter_changed.emit()

    def current_filter(self, actor: Actor) -> PostFilter:
        return PostFilter(
            status=self.status.currentData(), target=self.target.currentData(),
            mine_user_id=actor.user_id if self.mine.isChecked() else None,
            waiting_for=actor if self.waiting.isChecked() else None,
            text=self.search.text().strip(),
        )
