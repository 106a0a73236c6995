"""The filters above the post list: status, column/account, mine, waiting for me, search."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QWidget

from app.context import Actor
from app.review.enums import PostStatus
from app.review.ui_support import PostFilter, targets
from ui.context import AppContext
from ui.list_filter_bar import ListFilterBar
from ui.translate import translator

_tr = translator("PostFilterBar")


class PostFilterBar(ListFilterBar):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent, placeholder=_tr("搜索编号、标题、正文…"), min_width=220)
        self._build(ctx)
        self._lay_out()
        self._connect()

    def _build(self, ctx: AppContext) -> None:
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

    def _lay_out(self) -> None:
        self.lay_out_row((self.status, self.target, self.mine, self.waiting))

    def _connect(self) -> None:
        self.watch((self.status, self.target), (self.mine, self.waiting))

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

    def current_filter(self, actor: Actor) -> PostFilter:
        return PostFilter(
            status=self.status.currentData(), target=self.target.currentData(),
            mine_user_id=actor.user_id if self.mine.isChecked() else None,
            waiting_for=actor if self.waiting.isChecked() else None,
            text=self.search.text().strip(),
        )
