"""The selected post below the list: its particulars, text and review history, and the next steps."""

from __future__ import annotations

from PySide6.QtCore import Signal, SignalInstance
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QTextBrowser,
    QWidget,
)

from app.review.enums import PostStatus
from app.review.post_actions import PostAction
from app.review.ui_support import PostView, post_view
from ui.column_layout import column
from ui.context import AppContext
from ui.list_shell import RecordDetail
from ui.review.post_summary import history_html, status_text, summary_html
from ui.style import Sheet, apply_style

_AFTER_REVIEW = (PostStatus.READY, PostStatus.PUBLISHED, PostStatus.CONFIRMED)


class PostDetail(RecordDetail):
    edit_requested = Signal(int)
    """The user wants to open the post in the editor."""

    submit_requested = Signal(int)
    """The author wants to send the draft to 初审."""

    review_requested = Signal(int)
    """The user wants to review the post at its current stage."""

    publish_requested = Signal(int)
    """The user wants to record publication or confirmation, or start a change."""

    sheet_requested = Signal(int)
    """The user wants the post's 审核发布单 to print."""

    load = staticmethod(post_view)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.view: PostView | None = None
        self._build()
        self._lay_out()
        self._connect()
        self._update_buttons()

    def _build(self) -> None:
        self.heading = QLabel(self.tr("请在上方列表中选择一篇稿件。"), self)
        self.heading.setObjectName("postHeading")
        apply_style(self.heading, Sheet.BOLD)
        self.edit_button = QPushButton(self.tr("打开稿件…"), self)
        self.submit_button = QPushButton(self.tr("提交审核"), self)
        self.review_button = QPushButton(self.tr("审核…"), self)
        apply_style(self.review_button, Sheet.BOLD)
        self.publish_button = QPushButton(self.tr("发布与确认…"), self)
        self.sheet_button = QPushButton(self.tr("打印审核发布单"), self)
        self.sheet_button.setObjectName("printSheet")
        self.sheet_button.setToolTip(self.tr("生成本稿件的信息审核发布单（Word），打开后打印存档"))
        self.info = QTextBrowser(self)
        self.info.setOpenLinks(False)
        self.body = QPlainTextEdit(self)
        self.body.setReadOnly(True)
        self.history = QTextBrowser(self)
        self.tabs = QTabWidget(self)

    def _lay_out(self) -> None:
        bar = QHBoxLayout()
        bar.addWidget(self.heading, 1)
        for b in (self.edit_button, self.submit_button, self.review_button, self.publish_button, self.sheet_button):
            bar.addWidget(b)
        self.tabs.addTab(self.info, self.tr("稿件信息"))
        self.tabs.addTab(self.body, self.tr("正文"))
        self.tabs.addTab(self.history, self.tr("审核记录"))
        column(self, bar, (self.tabs, 1), margins=(0, 4, 0, 0))

    def _connect(self) -> None:
        self.edit_button.clicked.connect(lambda: self._emit(self.edit_requested))
        self.submit_button.clicked.connect(lambda: self._emit(self.submit_requested))
        self.review_button.clicked.connect(lambda: self._emit(self.review_requested))
        self.publish_button.clicked.connect(lambda: self._emit(self.publish_requested))
        self.sheet_button.clicked.connect(lambda: self._emit(self.sheet_requested))

    @property
    def post_id(self) -> int | None:
        return self.record_id

    def _emit(self, signal: SignalInstance) -> None:
        if self.view is not None:
            signal.emit(self.view.id)

    def show_record(self, record_id: int | None) -> None:
        self.view = None if record_id is None else self.read_fresh(record_id)
        v = self.view
        if v is None:
            self.heading.setText(self.tr("请在上方列表中选择一篇稿件。"))
            for w in (self.info, self.history):
                w.clear()
            self.body.clear()
        else:
            self.heading.setText(self.tr("{no}《{title}》 — {status}").format(
                no=v.post_no, title=v.form.title, status=status_text(v.status, v.round)))
            self.info.setHtml(summary_html(v))
            self.body.setPlainText(v.form.body)
            self.history.setHtml(history_html(v))
            self.tabs.setTabText(2, self.tr("审核记录（{n}）").format(n=len(v.reviews)))
        self._update_buttons()

    show_post = show_record

    def _update_buttons(self) -> None:
        v = self.view
        self.edit_button.setEnabled(v is not None)
        self.sheet_button.setEnabled(v is not None)
        self.edit_button.setText(self.tr("编辑稿件…") if v is not None and v.may_edit else self.tr("查看稿件…"))
        # A draft shows 提交审核 to everyone; who may press it (the author or an administrator) and why
        # not is app.review.post_actions'.
        self.submit_button.setVisible(v is not None and v.status is PostStatus.DRAFT)
        self.submit_button.setEnabled(v is not None and v.actions.allowed(PostAction.SUBMIT))
        self.submit_button.setToolTip(v.actions.reason(PostAction.SUBMIT) if v is not None else "")
        stage = v.stage if v is not None else None
        self.review_button.setVisible(stage is not None)
        if stage is not None:
            self.review_button.setText(self.tr("{stage}…").format(stage=stage.label))
            self.review_button.setToolTip(self.tr("由{who}审核").format(who=stage.reviewer_label))
        self.publish_button.setVisible(v is not None and v.status in _AFTER_REVIEW)
