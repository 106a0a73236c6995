"""政策解读 tab of a 主动公开 item: the posts that interpret this policy, linking another, removing a link.
Policy and interpretation are published together (同步); the dashboard reminds when one is missing."""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.changes import RecordKind
from app.disclosure.models import DisclosureItem
from app.website.interpretation import (
    LinkedPost,
    candidate_posts,
    is_policy,
    link_interpretation,
    linked_posts,
    unlink_interpretation,
)
from ui.context import AppContext
from ui.list_table import list_table
from ui.operations import Op
from ui.rows_model import RowColumn, RowsModel
from ui.style import Colour


class InterpretationPanel(QWidget):
    links_changed = Signal(int)
    """A link of the shown item was added or removed; carries the item id."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.item_id: int | None = None
        self._build()
        self._lay_out()
        self._connect()

    def _build(self) -> None:
        self.note = QLabel(self)
        self.note.setObjectName("interpretationNote")
        self.note.setWordWrap(True)
        self.model: RowsModel[LinkedPost] = RowsModel([
            RowColumn(self.tr("稿件编号"), lambda p: p.post_no),
            RowColumn(self.tr("标题"), lambda p: p.title),
            RowColumn(self.tr("栏目/账号"), lambda p: p.target),
            RowColumn(self.tr("解读类型"), lambda p: p.kind or self.tr("未注明"),
                      lambda p: None if p.kind else Colour.ERROR),
            RowColumn(self.tr("状态"), lambda p: self.tr("已发布") if p.published else self.tr("未发布"),
                      lambda p: Colour.DONE if p.published else Colour.WARN),
        ], self)
        self.table = list_table(self.model, (90, 320, 150, 90), self, object_name="interpretationTable")
        self.candidates = QComboBox(self)
        self.candidates.setObjectName("interpretationCandidates")
        self.candidates.setMinimumWidth(360)
        self.link_button = QPushButton(self.tr("关联"), self)
        self.unlink_button = QPushButton(self.tr("取消关联"), self)

    def _lay_out(self) -> None:
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("解读稿件："), self))
        bar.addWidget(self.candidates, 1)
        bar.addWidget(self.link_button)
        bar.addWidget(self.unlink_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)

    def _connect(self) -> None:
        self.link_button.clicked.connect(self._on_link)
        self.unlink_button.clicked.connect(self._on_unlink)

    def set_item(self, item_id: int | None) -> None:
        self.item_id = item_id
        policy = False
        rows: list[LinkedPost] = []
        candidates: list[LinkedPost] = []
        if item_id is not None:
            with self.ctx.reader() as s:
                item = s.get(DisclosureItem, item_id)
                policy = item is not None and is_policy(item)
                if policy:
                    rows, candidates = linked_posts(s, item_id), candidate_posts(s)
        self.model.set_rows(rows)
        self.candidates.clear()
        for post in candidates:
            self.candidates.addItem(f"{post.post_no}《{post.title}》（{post.target}）", post.post_id)
        if not policy:
            self.note.setText(self.tr("本事项不是主动公开的行政规范性文件或重大决策，无需关联政策解读。"))
        elif not any(p.published for p in rows):
            self.note.setText(self.tr("政策文件与解读应同步发布：请关联本政策的政策解读稿件（解读材料、解读产品或媒体评论文章）。"))
        else:
            self.note.setText(self.tr("已关联 {n} 篇政策解读；网站年报按关联和政策解读栏目统计解读信息。")
                              .format(n=len(rows)))
        for w in (self.candidates, self.link_button):
            w.setEnabled(policy and bool(candidates))
        self.unlink_button.setEnabled(policy and bool(rows))

    def _run(self, title: str, action: str, post_id: int) -> bool:
        if self.item_id is None:
            return False
        item_id, actor = self.item_id, self.ctx.actor
        change = link_interpretation if action == "link" else unlink_interpretation
        ok, _ = self.ctx.run(Op(lambda s: change(s, actor, item_id, post_id), RecordKind.DISCLOSURE, parent=self,
                                title=title))
        if not ok:
            return False
        self.set_item(item_id)
        self.links_changed.emit(item_id)
        return True

    def link_selected(self) -> bool:
        post_id = self.candidates.currentData()
        return post_id is not None and self._run(self.tr("关联政策解读"), "link", int(post_id))

    def unlink_selected(self) -> bool:
        post = self.model.row_at(self.table.currentIndex().row())
        return post is not None and self._run(self.tr("取消政策解读关联"), "unlink", post.post_id)

    @Slot()
    def _on_link(self) -> None:
        self.link_selected()

    @Slot()
    def _on_unlink(self) -> None:
        self.unlink_selected()
