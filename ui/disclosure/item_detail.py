"""One disclosure item: status, deadline with working days left, the workflow actions, attachments
and the version history. Every action goes through an app.disclosure.service function."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QTextBrowser,
    QWidget,
)
from sqlalchemy.orm import Session

from app.changes import RecordKind
from app.context import Actor
from app.disclosure.enums import DocKind, ItemStatus
from app.disclosure.queries import ItemRow, ItemView, attachment_content, load_item, workdays_left
from app.disclosure.service import (
    SECRECY_ROLES,
    add_attachment,
    delay,
    end_delay,
    get_item,
    repeal,
    revisit,
    secrecy_content,
    secrecy_review,
)
from app.signoff.content import content_hash
from app.signoff.service import Decision as SignDecision
from app.workdays.calendar import WorkCalendar
from app.workdays.service import load_calendar
from ui.attachments_panel import AttachmentsPanel
from ui.column_layout import column, column_widget
from ui.context import AppContext
from ui.disclosure import detail_actions
from ui.disclosure.item_dialogs import DateDialog, DeadlineDialog, DecisionDialog, PublishDialog, ReasonDialog
from ui.disclosure.item_form import FormMode, ItemFormDialog
from ui.disclosure.item_summary import review_html, summary_html
from ui.list_shell import RecordDetail
from ui.operations import announce, read_if_present
from ui.rows_model import RowColumn, RowsModel
from ui.signoff_dialog import SignOffDialog
from ui.status_colours import ITEM_STATUS_COLOURS
from ui.style import Colour, Sheet, apply_style
from ui.website.interpretation_panel import InterpretationPanel


def _table(parent: QWidget, name: str) -> QTableView:
    table = QTableView(parent)
    table.setObjectName(name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


class ItemDetail(RecordDetail):
    item_shown = Signal(int)
    """Another item (e.g. an earlier version from the history) is now shown; carries its id."""

    load = staticmethod(load_item)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *,
                 today: Callable[[], date] | None = None) -> None:
        super().__init__(parent)
        self.ctx, self._today = ctx, today or ctx.today
        self.view: ItemView | None = None
        self.calendar = WorkCalendar()
        self.dialog: QDialog | None = None  # the dialog last opened (tests drive it)
        self._build()
        self._lay_out()
        self._connect()

    def _build(self) -> None:
        self.item_no = QLabel(self)
        self.item_no.setObjectName("itemNo")
        apply_style(self.item_no, Sheet.HINT)
        self.status = QLabel(self)
        self.status.setObjectName("itemStatus")
        self.title = QLabel(self)
        self.title.setObjectName("itemTitleLabel")
        self.title.setWordWrap(True)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        apply_style(self.title, Sheet.HEADING_LARGE)
        self.deadline = QLabel(self)
        self.deadline.setObjectName("itemDeadline")
        self.deadline_button = QPushButton(self.tr("期限计算…"), self)
        self.deadline_button.setObjectName("deadlineButton")
        self.deadline_button.setFlat(True)
        apply_style(self.deadline_button, Sheet.LINK)
        self.deadline_button.setCursor(Qt.CursorShape.PointingHandCursor)

        self.buttons = detail_actions.ActionButtons(self)
        self.info = QTextBrowser(self)
        self.info.setObjectName("itemInfo")
        self.info.setOpenExternalLinks(True)
        self.files = AttachmentsPanel(
            self.ctx, rows=lambda _s, _id: [], read=attachment_content, kind=RecordKind.DISCLOSURE,
            add=lambda s, actor, item_id, name, content, _purpose: add_attachment(s, actor, item_id, name, content),
            parent=self)
        self.attachments = self.files.model
        self.attachment_table = self.files.table
        self.versions: RowsModel[ItemRow] = RowsModel([
            RowColumn(self.tr("版本"), lambda r: self.tr("第 {v} 版").format(v=r.version_no)),
            RowColumn(self.tr("形成/变更日期"), lambda r: r.formed_on.isoformat()),
            RowColumn(self.tr("文号"), lambda r: r.doc_no),
            RowColumn(self.tr("状态"), lambda r: r.status.label),
            RowColumn(self.tr("发布日期"), lambda r: r.published_on.isoformat() if r.published_on else ""),
            RowColumn(self.tr("标题"), lambda r: r.title),
        ], self)
        self.version_table = _table(self, "versionTable")
        self.version_table.setModel(self.versions)
        self.version_table.setToolTip(self.tr("双击查看该版本"))
        self.tabs = QTabWidget(self)
        self.interpretations = InterpretationPanel(self.ctx, self)
        self.empty = QLabel(self.tr("在上方列表中选择一条公开事项查看和办理；新的信息请点击“登记公开事项…”。"), self)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        apply_style(self.empty, Sheet.FAINT)
        self.stack = QStackedWidget(self)

    def _lay_out(self) -> None:
        self.tabs.addTab(self.info, self.tr("详细信息"))
        self.tabs.addTab(self.files, self.tr("附件"))
        self.tabs.addTab(self.version_table, self.tr("版本历史"))
        self.tabs.addTab(self.interpretations, self.tr("政策解读"))
        top = QHBoxLayout()
        top.addWidget(self.item_no)
        top.addWidget(self.status)
        top.addStretch(1)
        due = QHBoxLayout()
        due.addWidget(self.deadline)
        due.addWidget(self.deadline_button)
        due.addStretch(1)
        page = column_widget(self, top, self.title, due, self.buttons, (self.tabs, 1), margins=(0, 4, 0, 0))
        self.stack.addWidget(self.empty)
        self.stack.addWidget(page)
        column(self, self.stack)

    def _connect(self) -> None:
        self.deadline_button.clicked.connect(self.show_deadline)
        self.files.added.connect(self._files_added)
        self.version_table.doubleClicked.connect(self._open_version)
        self.buttons.connect_to(self)

    @property
    def item_id(self) -> int | None:
        return self.record_id

    # -- showing -----------------------------------------------------------------------------
    def show_record(self, record_id: int | None) -> None:
        if record_id is None:
            self.view = None
            self.stack.setCurrentWidget(self.empty)
            return
        actor = self.ctx.actor
        loaded = read_if_present(self.ctx, lambda s: (load_item(s, record_id, actor), load_calendar(s)))
        if loaded is None:  # deleted meanwhile
            self.show_record(None)
            return
        self.view, self.calendar = loaded
        self._render()

    show_item = show_record

    def _render(self) -> None:
        v = self.view
        assert v is not None
        self.stack.setCurrentIndex(1)
        self.item_no.setText(self.tr("{no}　第 {v} 版").format(no=v.item_no, v=v.version_no))
        colour = ITEM_STATUS_COLOURS[v.status]
        self.status.setText(v.status.label)
        apply_style(self.status, Sheet.tag(colour))
        kind = f"〔{v.doc_kind.label}〕" if v.doc_kind is not DocKind.NONE else ""
        self.title.setText(v.title + kind)
        self._render_deadline(v)
        self.info.setHtml(summary_html(v))
        self.files.set_owner(v.id, editable=True, rows=v.attachments)
        self.versions.set_rows(v.versions)
        self.tabs.setTabText(1, self.tr("附件（{n}）").format(n=len(v.attachments)))
        self.tabs.setTabText(2, self.tr("版本历史（{n}）").format(n=len(v.versions)))
        self.buttons.update_for(v)
        self.interpretations.set_item(v.id)

    def _render_deadline(self, v: ItemView) -> None:
        today = self._today()
        style, text = "color: #333;", ""
        if v.status is ItemStatus.DELAYED and v.due_on is None:
            cause = v.delay_cause if len(v.delay_cause) <= 60 else v.delay_cause[:58] + "…"  # in full below
            text = self.tr("暂缓发布：{cause}　事由消除后重新计算发布期限。").format(cause=cause.rstrip("。"))
            style = Sheet.colour(Colour.DELAYED)
        elif v.status.is_pending and v.due_on is not None:
            left = workdays_left(self.calendar, v.due_on, today)
            if left < 0:
                text = self.tr("发布期限：{due}（已超期 {n} 个工作日）").format(due=v.due_on.isoformat(), n=-left)
                style = Sheet.bold_colour(Colour.ERROR)
            elif left == 0:
                text = self.tr("发布期限：{due}（今天到期）").format(due=v.due_on.isoformat())
                style = Sheet.bold_colour(Colour.ERROR)
            else:
                text = self.tr("发布期限：{due}（剩余 {n} 个工作日）").format(due=v.due_on.isoformat(), n=left)
                style = Sheet.bold_colour(Colour.WARN) if left <= 3 else Sheet.colour(Colour.TEXT)
            if v.due_unconfirmed:
                text += self.tr("　期限未确认：节假日安排尚未录入")
        elif v.published_on is not None:
            due = detail_actions.deadline_text(v, self.calendar)
            text = self.tr("已于 {day} 发布").format(day=v.published_on.isoformat()) + due
            style = Sheet.ERROR if "逾期" in due else Sheet.DONE_STEP
        elif v.status in (ItemStatus.WITHHELD, ItemStatus.ON_REQUEST):
            text = self.tr("{decision}，不计发布期限").format(decision=v.decision.label)
        self.deadline.setText(text)
        apply_style(self.deadline, style)
        self.deadline_button.setVisible(v.due_on is not None or v.published_on is not None)

    # -- actions -----------------------------------------------------------------------------
    def _open(self, dialog: QDialog) -> QDialog:
        self.dialog = dialog
        dialog.open()
        return dialog

    @Slot()
    def show_deadline(self) -> QDialog | None:
        if self.view is None:
            return None
        return self._open(DeadlineDialog(self.view, detail_actions.explanation(self.view, self.calendar), self))

    @Slot()
    def sign_secrecy_review(self) -> QDialog | None:
        """保密审查: a section head or leader signs in the sign-off dialog with their own password."""
        v = self.view
        if v is None:
            return None
        today = self._today()
        def on_signed(s: Session, signer: Actor, decision: SignDecision, opinion: str) -> None:
            secrecy_review(s, signer, v.id, opinion, today, decision, seen_hash=dialog.seen_hash)

        def content(s: Session) -> tuple[str, str]:
            # Read now, not from the panel: the reviewer signs the item as it is on record.
            return review_html(load_item(s, v.id)), content_hash(secrecy_content(get_item(s, v.id)))

        dialog = SignOffDialog(self.ctx, title=self.tr("保密审查签批（第六条）"), summary_html_or_text="",
                               roles=SECRECY_ROLES, on_signed=on_signed, reload=content, parent=self)
        dialog.opinion.setPlaceholderText(self.tr("审查意见（必填），如：经审查，不涉及国家秘密和工作秘密，同意公开。"))
        dialog.return_button.setText(self.tr("不同意"))
        dialog.accepted.connect(self._changed)
        return self._open(dialog)

    @Slot()
    def _changed(self) -> None:
        announce(self.ctx, RecordKind.DISCLOSURE)
        self.reload()

    def run_dialog(self, dialog: QDialog) -> QDialog:
        """Open one of the workflow dialogs; the item is shown again when it changed something."""
        changed = getattr(dialog, "item_changed", None) or getattr(dialog, "item_saved", None)
        if changed is not None:
            changed.connect(self._after_change)
        return self._open(dialog)

    @Slot(int)
    def _after_change(self, item_id: int) -> None:
        self.show_item(item_id)
        self.item_shown.emit(item_id)

    def _form(self, mode: FormMode) -> QDialog | None:
        if self.view is None:
            return None
        return self.run_dialog(ItemFormDialog(self.ctx, mode, self.view, self, today=self._today))

    @Slot()
    def edit_item(self) -> QDialog | None:
        return self._form(FormMode.EDIT)

    @Slot()
    def new_version_item(self) -> QDialog | None:
        return self._form(FormMode.NEW_VERSION)

    @Slot()
    def decide_item(self) -> QDialog | None:
        return self.run_dialog(DecisionDialog(self.ctx, self.view, self)) if self.view else None

    @Slot()
    def publish_item(self) -> QDialog | None:
        return self.run_dialog(PublishDialog(self.ctx, self.view, self, today=self._today)) if self.view else None

    @Slot()
    def delay_item(self) -> QDialog | None:
        return self._reason(self.tr("暂缓发布"), self.tr("写明不能按时发布的法定事由（第九条）："),
                            self.tr("如：须经州人民政府批准后方可发布，待批复"), self.tr("暂缓发布"),
                            lambda s, v, text: delay(s, self.ctx.actor, v.id, text, load_calendar(s)))

    @Slot()
    def revisit_item(self) -> QDialog | None:
        return self._reason(self.tr("重新研判"), self.tr("写明重新研判的原因（如不予公开的情形已消除）；"
                                                        "该事项将回到待保密审查："),
                            self.tr("如：人事调整已完成，内部事务情形消除"), self.tr("重新研判"),
                            lambda s, v, text: revisit(s, self.ctx.actor, v.id, text))

    def _reason(self, title: str, prompt: str, placeholder: str, ok: str,
                fn: Callable[..., object]) -> QDialog | None:
        v = self.view
        if v is None:
            return None
        return self.run_dialog(ReasonDialog(self.ctx, v, title=title, prompt=prompt, placeholder=placeholder,
                                            ok_text=ok, run=lambda s, text: fn(s, v, text), parent=self))

    @Slot()
    def end_delay_item(self) -> QDialog | None:
        return self._date(self.tr("暂缓事由消除"), self.tr("法定事由消除的日期（自该日起重新计算 20 个工作日）："),
                          self.tr("确定"), lambda s, v, day: end_delay(s, self.ctx.actor, v.id, day, load_calendar(s)))

    @Slot()
    def repeal_item(self) -> QDialog | None:
        return self._date(self.tr("登记废止"), self.tr("文件废止或失效的日期（此后不再计入现行有效件数）："),
                          self.tr("登记废止"), lambda s, v, day: repeal(s, self.ctx.actor, v.id, day))

    def _date(self, title: str, prompt: str, ok: str, fn: Callable[..., object]) -> QDialog | None:
        v = self.view
        if v is None:
            return None
        return self.run_dialog(DateDialog(self.ctx, v, title=title, prompt=prompt, ok_text=ok,
                                          run=lambda s, day: fn(s, v, day), today=self._today(), parent=self))

    # -- attachments and history -------------------------------------------------------------
    def add_attachment_file(self, path: Path) -> bool:
        return self.files.add_files([path])

    @Slot()
    def _files_added(self) -> None:
        self.reload()
        self.tabs.setCurrentIndex(1)

    def save_attachment_to(self, attachment_id: int, target: Path) -> bool:
        return self.files.save_to(attachment_id, target)

    @Slot(QModelIndex)
    def _open_version(self, index: QModelIndex) -> None:
        row = self.versions.row_at(index.row())
        if row is not None and row.id != self.item_id:
            self.show_item(row.id)
            self.item_shown.emit(row.id)
