"""After 三审 (rule A 第十二—十五条): record the publication (address and time), the source unit's
confirmation, and start a correction or withdrawal that goes through the chain again."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QDateTime, Signal, SignalInstance, Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from app.changes import RecordKind
from app.localtime import to_utc
from app.review.enums import ChangeKind, PostStatus
from app.review.ui_support import PostView, post_view
from app.review.workflow import confirm_by_source, publish, start_change
from ui.column_layout import column_widget
from ui.context import AppContext
from ui.date_field import DateTimeField
from ui.discard_guard import DiscardGuard
from ui.help import add_help_shortcut
from ui.operations import Op
from ui.review.post_summary import summary_html
from ui.screen_fit import scroll_area
from ui.style import Sheet, apply_style


def _now_edit(parent: QWidget) -> DateTimeField:
    return DateTimeField(QDateTime.currentDateTime(), parent)


class PublishDialog(QDialog):
    post_published = Signal(int)
    """The publication of the post was recorded; carries its id."""

    post_confirmed = Signal(int)
    """The source unit's confirmation was recorded; carries the post id."""

    change_started = Signal(int)
    """A correction or withdrawal was started; carries the id of the new post."""

    def __init__(self, ctx: AppContext, post_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.post_id = post_id
        self.setWindowTitle(self.tr("发布与确认"))
        self.resize(760, 720)
        self._build()
        self._lay_out()
        self._connect()
        self.view: PostView
        self.reload()
        if self.view.form.source_unit:
            self.confirmed_by.setText(self.view.form.source_unit)
        self.guard = DiscardGuard(self, what=self.tr("填写的发布、确认或更正信息"))

    def _build(self) -> None:
        self.summary = QTextBrowser(self)
        self.summary.setOpenLinks(False)
        # Title, number, state and the latest steps stay readable at 125 %; the steps below scroll instead.
        self.summary.setMinimumHeight(self.fontMetrics().lineSpacing() * 8)

        self.publish_box = QGroupBox(self.tr("记录发布（第十二条）"), self)
        self.url = QLineEdit(self.publish_box)
        self.url.setObjectName("publishedUrl")
        self.url.setPlaceholderText(self.tr("发布后的网页地址，如 https://www.jinping.gov.cn/…"))
        self.published_at = _now_edit(self.publish_box)
        self.publish_note = QLabel(self.publish_box)
        apply_style(self.publish_note, Sheet.HINT)
        self.publish_button = QPushButton(self.tr("记录发布"), self.publish_box)

        self.confirm_box = QGroupBox(self.tr("来源单位确认（第十五条）"), self)
        self.confirmed_by = QLineEdit(self.confirm_box)
        self.confirmed_by.setObjectName("confirmedBy")
        self.confirmed_by.setPlaceholderText(self.tr("来源单位及确认人，如：县发改局 刘某"))
        self.confirmed_at = _now_edit(self.confirm_box)
        self.confirm_button = QPushButton(self.tr("记录确认"), self.confirm_box)

        self.change_box = QGroupBox(self.tr("更正或撤稿（须重新审核并重新确认）"), self)
        self.correction = QRadioButton(ChangeKind.CORRECTION.label, self.change_box)
        self.withdrawal = QRadioButton(ChangeKind.WITHDRAWAL.label, self.change_box)
        self.correction.setChecked(True)
        group = QButtonGroup(self.change_box)
        group.addButton(self.correction)
        group.addButton(self.withdrawal)
        self.reason = QLineEdit(self.change_box)
        self.reason.setObjectName("changeReason")
        self.reason.setPlaceholderText(self.tr("更正或撤稿的原因"))
        self.change_button = QPushButton(self.tr("发起…"), self.change_box)

        self.message = QLabel(self)
        self.message.setObjectName("publishMessage")
        self.message.setWordWrap(True)
        self.close_button = QPushButton(self.tr("关闭"), self)

    def _lay_out(self) -> None:
        form = QFormLayout(self.publish_box)
        form.addRow(self.tr("发布网址："), self.url)
        form.addRow(self.tr("发布时间："), self.published_at)
        form.addRow(self.publish_note, self.publish_button)
        form = QFormLayout(self.confirm_box)
        form.addRow(self.tr("确认人："), self.confirmed_by)
        form.addRow(self.tr("确认时间："), self.confirmed_at)
        form.addRow("", self.confirm_button)
        kinds = QHBoxLayout()
        kinds.addWidget(self.correction)
        kinds.addWidget(self.withdrawal)
        kinds.addStretch(1)
        form = QFormLayout(self.change_box)
        form.addRow(self.tr("类型："), kinds)
        form.addRow(self.tr("原因："), self.reason)
        form.addRow("", self.change_button)

        bottom = QHBoxLayout()
        bottom.addWidget(self.message, 1)
        bottom.addWidget(self.close_button)
        # The three steps scroll rather than push 关闭 off a 1366×768 screen at 125 %.
        steps = column_widget(self, self.publish_box, self.confirm_box, self.change_box)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary, 1)
        layout.addWidget(scroll_area(steps, self))
        layout.addLayout(bottom)

    def _connect(self) -> None:
        add_help_shortcut(self, "review")  # F1
        self.publish_button.clicked.connect(self.record_publication)
        self.confirm_button.clicked.connect(self.record_confirmation)
        self.change_button.clicked.connect(self.begin_change)
        self.close_button.clicked.connect(self.reject)  # like Esc: asks first when something typed is unsaved

    def reject(self) -> None:
        if self.guard.allow_reject():
            super().reject()

    def reload(self) -> None:
        with self.ctx.reader() as s:
            self.view = post_view(s, self.post_id, self.ctx.actor)
        v = self.view
        self.summary.setHtml(summary_html(v))
        self.publish_box.setEnabled(v.status is PostStatus.READY)
        withdrawal = v.change_kind is ChangeKind.WITHDRAWAL
        self.publish_note.setText(self.tr("撤稿审核单：记录后原稿标为已撤回，可不填网址。") if withdrawal else "")
        self.confirm_box.setEnabled(v.status is PostStatus.PUBLISHED)
        self.change_box.setEnabled(v.status in (PostStatus.PUBLISHED, PostStatus.CONFIRMED) and not withdrawal)

    def _ok(self, text: str) -> None:
        self.guard.mark_clean()  # what was typed is recorded
        apply_style(self.message, Sheet.OK)
        self.message.setText(text)
        self.reload()

    @staticmethod
    def _utc(edit: DateTimeField) -> datetime | None:
        typed: datetime = edit.dateTime().toPython()  # type: ignore[assignment]
        return to_utc(typed)

    @Slot()
    def record_publication(self) -> bool:
        """Record the page's address and time (published on the portal or the account)."""
        url, at = self.url.text(), self._utc(self.published_at)
        return self._record(lambda s: publish(s, self.ctx.actor, self.post_id, url, at),
                            self.tr("已记录发布。发布后请及时与信息来源单位确认（第十五条）。"), self.post_published)

    @Slot()
    def record_confirmation(self) -> bool:
        """Record that the source unit confirmed the published post."""
        by, at = self.confirmed_by.text(), self._utc(self.confirmed_at)
        return self._record(lambda s: confirm_by_source(s, self.ctx.actor, self.post_id, by, at),
                            self.tr("已记录来源单位确认。"), self.post_confirmed)

    def _record(self, change: Callable[[Session], object], done: str, recorded: SignalInstance) -> bool:
        """Record one step; said done below the steps and announced with the post's id."""
        if not self.ctx.run(Op(change, RecordKind.REVIEW, parent=self, message=self.message)).ok:
            return False
        self._ok(done)
        recorded.emit(self.post_id)
        return True

    @Slot()
    def begin_change(self) -> int | None:
        """Start a correction or withdrawal: a new post that goes through 初审、二审、三审 again."""
        kind = ChangeKind.WITHDRAWAL if self.withdrawal.isChecked() else ChangeKind.CORRECTION
        reason = self.reason.text()
        ok, child_id = self.ctx.run(Op(lambda s: start_change(s, self.ctx.actor, self.post_id, kind, reason).id,
                                       RecordKind.REVIEW, parent=self, message=self.message))
        if not ok or child_id is None:
            return None
        self._ok(self.tr("已发起{kind}，请在新的审核单中修改后提交审核。").format(kind=kind.label))
        self.change_started.emit(child_id)
        return child_id
