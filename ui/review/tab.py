"""发布审核: the post list with its filters and the selected post below; the daily inspection log on
its own page. Dialogs (editor, review, publication) open from here without blocking the window."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QDialog, QTabWidget, QWidget

from app.changes import Changes, RecordKind
from app.review.workflow import submit
from ui.column_layout import column, column_widget
from ui.context import AppContext
from ui.list_shell import ListDetailShell
from ui.list_tab import ListTab
from ui.messages import show_info
from ui.operations import Op, precheck
from ui.review.export_actions import ReviewExports
from ui.review.inspections_page import InspectionsPage
from ui.review.post_detail import PostDetail
from ui.review.post_editor import PostEditor
from ui.review.post_filter_bar import PostFilterBar
from ui.review.post_list_model import PostListModel
from ui.review.publish_dialog import PublishDialog
from ui.review.review_dialog import ReviewDialog
from ui.screen_fit import page_scroll_area


class ReviewTab(ListTab[PostDetail]):
    record_type = "post"
    kinds = (RecordKind.REVIEW,)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.dialogs: list[QDialog] = []  # open non-modal dialogs, kept alive until they close
        self._build()
        self._lay_out()
        self._connect()

    def _build(self) -> None:
        self.filters = PostFilterBar(self.ctx, self)
        self.model = PostListModel(self.ctx, self)
        self.detail = PostDetail(self.ctx, self)
        self.shell = ListDetailShell(self.ctx, self.model, self.detail, self.filters, name="post",
                                     current_filter=lambda: self.filters.current_filter(self.ctx.actor),
                                     count_text=lambda: self.tr("共 {n} 篇").format(n=self.model.total),
                                     sort_column=8, parent=self)
        shell = self.shell
        self.new_button = shell.add_button(self.tr("新建稿件…"), self.new_post, "newPost", primary=True)
        self.register_button = shell.add_button(self.tr("导出稿件登记…"), lambda: self.exports.register_dialog(),
                                                "exportPostRegister")
        self.refresh_button, self.count, self.table = shell.refresh_button, shell.count, shell.table
        self.count.setObjectName("postCount")
        self.inspections = InspectionsPage(self.ctx, self)
        self.exports = ReviewExports(self.ctx, self)
        self.pages = QTabWidget(self)
        self.pages.setObjectName("reviewPages")

    def _lay_out(self) -> None:
        self.pages.addTab(column_widget(self, self.shell, margins=(8, 8, 8, 8)), self.tr("稿件审核"))
        # Its own scroll area: the long inspection form must not set the whole tab's minimum height
        # and push the 稿件审核 page's record below the fold (issue 17).
        self.inspections_area = page_scroll_area(self.inspections, self.pages)
        self.pages.addTab(self.inspections_area, self.tr("读网巡检"))
        column(self, self.pages)

    def _connect(self) -> None:
        self.table.doubleClicked.connect(lambda index: self.open_post(self.model.rows[index.row()].id))
        self.detail.edit_requested.connect(self.open_post)
        self.detail.submit_requested.connect(self.submit_post)
        self.detail.review_requested.connect(self.review_post)
        self.detail.publish_requested.connect(self.publish_post)
        self.detail.sheet_requested.connect(self.exports.print_sheet)
        self.inspections.export_button.clicked.connect(lambda: self.exports.inspections_dialog(*self.inspections.month))
        self.ctx.events.changed.connect(self._on_changed)
        self.ctx.events.actor_changed.connect(self.apply_filter)

    # -- the list ----------------------------------------------------------------------------
    @Slot(object)
    def _on_changed(self, changes: Changes) -> None:
        if changes.touches(RecordKind.REVIEW):
            self.refresh()
            self.inspections.reload()
        elif changes.touches(RecordKind.SETTINGS):
            self.filters.reload_targets(self.ctx)
            self.inspections.reload()

    select_post = ListTab.select_record

    def show_list(self) -> None:
        self.pages.setCurrentIndex(0)

    # -- actions -----------------------------------------------------------------------------
    def _track(self, dialog: QDialog) -> None:
        self.dialogs.append(dialog)
        dialog.finished.connect(lambda _r: self.dialogs.remove(dialog) if dialog in self.dialogs else None)

    @Slot()
    def new_post(self) -> PostEditor:
        return self._editor(None)

    @Slot(int)
    def open_post(self, post_id: int) -> PostEditor:
        for dialog in self.dialogs:
            if isinstance(dialog, PostEditor) and dialog.post_id == post_id:
                dialog.raise_()
                dialog.activateWindow()
                return dialog
        return self._editor(post_id)

    def _editor(self, post_id: int | None) -> PostEditor:
        editor = PostEditor(self.ctx, post_id, self)
        editor.post_saved.connect(self.select_post)
        self._track(editor)
        editor.show()  # not modal: the editor may look things up in the list meanwhile
        return editor

    @Slot(int)
    def submit_post(self, post_id: int) -> bool:
        ok, no = self.ctx.run(Op(lambda s: submit(s, self.ctx.actor, post_id).post_no, RecordKind.REVIEW,
                                 parent=self, title=self.tr("提交审核")))
        if not ok:
            return False
        show_info(self, self.tr("提交审核"), self.tr("稿件 {no} 已提交初审。").format(no=no))
        return True

    @Slot(int)
    def review_post(self, post_id: int) -> ReviewDialog | None:
        # The dialog reads the post and what this reviewer may do with it; a refusal (the post gone,
        # not at a stage this account reviews) is shown as any Op's is.
        opened: list[ReviewDialog] = []
        if not precheck(lambda: opened.append(ReviewDialog(self.ctx, post_id, self)), parent=self,
                        title=self.tr("审核")):
            return None
        dialog = opened[0]
        self._track(dialog)
        dialog.open()
        return dialog

    @Slot(int)
    def publish_post(self, post_id: int) -> PublishDialog:
        dialog = PublishDialog(self.ctx, post_id, self)
        dialog.change_started.connect(self._on_change_started)
        self._track(dialog)
        dialog.open()
        return dialog

    @Slot(int)
    def _on_change_started(self, post_id: int) -> None:
        self.select_post(post_id)
        self.open_post(post_id)

    # -- main window contract ----------------------------------------------------------------
    def show_record(self, record_type: str, record_id: int | None) -> None:
        if record_type in ("inspection", "column"):
            self.pages.setCurrentWidget(self.inspections_area)
        else:
            super().show_record(record_type, record_id)

    def can_close(self) -> bool:
        """False while an editor has unsaved changes; that editor comes forward and asks about them."""
        for dialog in self.dialogs:
            if isinstance(dialog, PostEditor) and dialog.isVisible() and dialog.dirty:
                dialog.raise_()
                dialog.activateWindow()
                dialog.reject()  # opens the 保存 / 不保存 / 取消 question without blocking
                return False
        return True
