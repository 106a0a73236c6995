"""One case: a header (number, status, due date, working days left) and the work tabs."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.cases.archive import archive_case, check_archive
from app.cases.enums import ApplicantType, CaseStatus, Channel
from app.cases.handling import start_handling
from app.changes import RecordKind
from app.errors import UserError
from ui.cases import actions, event_dialogs, proactive_dialog
from ui.cases.actions import read
from ui.cases.case_header_text import due_line, next_step_hint
from ui.cases.case_summary import summary_html
from ui.cases.case_view import CaseView, load_case_view
from ui.cases.deadline_dialog import DeadlineDialog
from ui.cases.documents_panel import DocumentsPanel
from ui.cases.flow_panel import FlowPanel
from ui.cases.form_dialog import FormDialog
from ui.cases.handling_panel import HandlingPanel
from ui.cases.intake_dialog import IntakeDialog
from ui.cases.letters_ui import open_generated_letter
from ui.cases.redaction_panel import RedactionPanel
from ui.cases.reply_panel import ReplyPanel
from ui.column_layout import column, column_widget
from ui.context import AppContext
from ui.form_watch import watch_edits
from ui.list_shell import RecordDetail
from ui.messages import show_error
from ui.operations import Op
from ui.status_colours import CASE_STATUS_COLOURS
from ui.style import Sheet, apply_style


def _scrolled(panel: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidget(panel)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    return area


class CaseDetail(RecordDetail):
    case_changed = Signal(int)
    """The shown case was changed by an action taken here; carries its id."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None,
                 today: Callable[[], date] | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._today = today or ctx.today
        self.view: CaseView | None = None
        self.dialog: QWidget | None = None

        self.edited = False  # the clerk typed in a panel since the case was last shown
        self._build()
        self._lay_out()
        self._connect()

    def _build(self) -> None:
        self.case_no = QLabel(self)
        self.case_no.setObjectName("detailCaseNo")
        apply_style(self.case_no, Sheet.RECORD_NO)
        self.status = QLabel(self)
        self.status.setObjectName("detailStatus")
        self.applicant = QLabel(self)
        apply_style(self.applicant, Sheet.LARGE)
        self.applicant.setWordWrap(True)  # wraps rather than widen the case past the window at 大 (issue 17)
        self.due = QLabel(self)
        self.due.setObjectName("detailDue")
        apply_style(self.due, Sheet.LARGE)
        self.deadline_button = QPushButton(self.tr("查看期限计算"), self)
        self.deadline_button.setObjectName("showDeadline")
        self.deadline_button.setFlat(True)
        apply_style(self.deadline_button, Sheet.LINK)
        self.deadline_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.next_step = QLabel(self)
        apply_style(self.next_step, Sheet.HINT)

        self.start_button = QPushButton(self.tr("开始办理"), self)
        self.start_button.setObjectName("startHandling")
        self.edit_button = QPushButton(self.tr("修改登记…"), self)
        self.receipt_button = QPushButton(self.tr("打印受理回执"), self)
        self.archive_button = QPushButton(self.tr("归档"), self)
        self.archive_button.setObjectName("archiveCase")
        self.reopen_button = QPushButton(self.tr("重新打开…"), self)
        self.reopen_button.setObjectName("reopenCase")
        self.remedy_button = QPushButton(self.tr("复议/诉讼…"), self)
        self.remedy_button.setObjectName("recordRemedy")
        self.proactive_button = QPushButton(self.tr("转为主动公开…"), self)
        self.proactive_button.setObjectName("registerProactive")
        self.proactive_button.setToolTip(self.tr("多个申请人申请相同信息的，登记为主动公开事项（条例第四十四条）"))

        self._header = QFrame(self)
        self._header.setObjectName("caseHeader")
        apply_style(self._header, Sheet.CASE_HEADER)

        self.summary = QTextBrowser(self)
        self.summary.setObjectName("caseSummary")
        self.handling = HandlingPanel(self.ctx, self, self._today)
        self.reply = ReplyPanel(self.ctx, self, self._today)
        self.documents = DocumentsPanel(self.ctx, self)
        self.flow_panel = FlowPanel(self)
        self.flowchart = self.flow_panel.chart
        self.redaction = RedactionPanel(self.ctx, self)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("caseTabs")
        # The pages go in here, not in _lay_out: each scroll area joins the tab order when it is
        # added, before the stale banner's button below.
        self.tabs.addTab(self.summary, self.tr("申请信息"))
        # Panels scroll rather than force their full height on the splitter, so the list above
        # keeps room for its rows on a 900-pixel screen.
        self.panels: list[QWidget] = [self.summary, self.handling, self.reply, self.documents, self.flowchart,
                                      self.redaction]
        self.tabs.addTab(_scrolled(self.handling), self.tr("办理过程"))
        self.tabs.addTab(_scrolled(self.reply), self.tr("答复"))
        self.tabs.addTab(_scrolled(self.documents), self.tr("案卷材料"))
        self.tabs.addTab(_scrolled(self.flow_panel), self.tr("流程图"))
        self.tabs.addTab(_scrolled(self.redaction), self.tr("区分处理"))

        # Shown when another PC changed this case while the clerk was typing here (issue 19).
        self.stale = QFrame(self)
        self.stale.setObjectName("staleBanner")
        apply_style(self.stale, Sheet.STALE_BANNER)
        self.stale_label = QLabel(self.tr(
            "已被他人修改：上方为最新状态，下方是您尚未保存的内容。"
            "点“刷新”放弃未保存的内容并显示最新内容。"), self.stale)
        self.stale_label.setWordWrap(True)
        self.stale_refresh = QPushButton(self.tr("刷新"), self.stale)
        self.stale_refresh.setObjectName("staleRefresh")
        self.stale.hide()

        self.empty = QLabel(self.tr("在上方列表中选择一件申请查看和办理，或点“登记新申请”。"), self)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        apply_style(self.empty, Sheet.EMPTY_DETAIL)
        self.pages = QStackedWidget(self)

    def _lay_out(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.case_no)
        top.addWidget(self.status)
        top.addSpacing(12)
        top.addWidget(self.applicant, 1)
        for b in (self.start_button, self.edit_button, self.receipt_button, self.archive_button, self.reopen_button,
                  self.remedy_button, self.proactive_button):
            top.addWidget(b)
        second = QHBoxLayout()
        second.addWidget(self.due)
        second.addWidget(self.deadline_button)
        second.addSpacing(16)
        second.addWidget(self.next_step, 1)
        hl = QVBoxLayout(self._header)
        hl.setContentsMargins(12, 8, 12, 8)
        hl.addLayout(top)
        hl.addLayout(second)

        sl = QHBoxLayout(self.stale)
        sl.setContentsMargins(8, 4, 8, 4)
        sl.addWidget(self.stale_label, 1)
        sl.addWidget(self.stale_refresh)

        body = column_widget(self, self._header, self.stale, (self.tabs, 1))
        self.pages.addWidget(self.empty)
        self.pages.addWidget(body)
        column(self, self.pages)

    def _connect(self) -> None:
        self.deadline_button.clicked.connect(self.show_deadline)
        self.start_button.clicked.connect(self.start)
        self.edit_button.clicked.connect(self.edit)
        self.receipt_button.clicked.connect(lambda: self.letter("receipt"))
        self.archive_button.clicked.connect(self.archive)
        self.documents.archive_requested.connect(self.archive)
        self.reopen_button.clicked.connect(self.reopen)
        self.remedy_button.clicked.connect(self.record_remedy)
        self.proactive_button.clicked.connect(self.register_proactive)
        self.reply.letter_requested.connect(self.letter)
        self.stale_refresh.clicked.connect(self.reload)
        for panel in (self.handling, self.reply):
            watch_edits(panel, self._mark_edited)

    def show_panel(self, panel: QWidget) -> None:
        """Bring the tab holding `panel` (one of self.panels) to the front."""
        self.tabs.setCurrentIndex(self.panels.index(panel))

    # -- loading (the list shell's contract, ui/list_shell.py) ---------------------------------
    @property
    def case_id(self) -> int | None:
        return self.record_id

    def show_record(self, record_id: int | None) -> None:
        if record_id is None:
            self._set(None)
            return
        try:
            view = read(self.ctx, lambda s: load_case_view(s, record_id, self._today()))
        except UserError as exc:  # deleted meanwhile
            show_error(self, exc)
            self._set(None)
            return
        self._set(view)

    show_case = show_record

    def read_fresh(self, record_id: int) -> CaseView | None:
        try:
            return read(self.ctx, lambda s: load_case_view(s, record_id, self._today()))
        except UserError:
            return None

    def may_leave(self, record_id: int, go: Callable[[], None]) -> bool:
        """The list asks before it shows another case here: a typed reply draft is not lost unasked."""
        return self.reply.may_leave(go)

    def _mark_edited(self) -> None:
        self.edited = True

    def reload_if_changed(self) -> None:
        """Another PC may have changed the shown case. Unchanged: nothing happens. Changed and
        nothing typed here: the fresh case is shown. Changed while the clerk is typing in a panel:
        the header (status, deadline, buttons) shows the fresh state and acts on it, the typed text
        stays, and a banner says 已被他人修改 with 刷新."""
        if self.view is None:
            return
        fresh = self.read_fresh(self.view.id)
        if fresh == self.view:
            return
        if fresh is None or not self.edited:
            self._set(fresh)
            return
        self.view = fresh
        self._show_header(fresh)
        self.stale.show()

    def _set(self, v: CaseView | None) -> None:
        self.view = v
        self.pages.setCurrentIndex(0 if v is None else 1)
        for panel in (self.handling, self.reply, self.documents, self.redaction):
            panel.set_case(v)
        self.flow_panel.set_facts(v.flow_facts() if v else None, v.timeline() if v else None)
        self.edited = False  # what the panels show now is what is stored
        self.stale.hide()
        if v is None:
            return
        self._show_header(v)

    def _show_header(self, v: CaseView) -> None:
        self.case_no.setText(v.case_no)
        colour = CASE_STATUS_COLOURS[v.status]
        self.status.setText(v.status.label)
        apply_style(self.status, Sheet.pill(colour))
        self.applicant.setText(self.tr("{name}（{type}） · {channel} · {received} 收到").format(
            name=v.text("applicant_name"), type=ApplicantType(v.text("applicant_type")).label,
            channel=Channel(v.text("channel")).label, received=v.text("received_on")))
        self.summary.setHtml(summary_html(v))
        self._header_due(v)
        self._header_actions(v)

    def _header_due(self, v: CaseView) -> None:
        text, style = due_line(v, self.tr)
        self.due.setText(text)
        apply_style(self.due, style)

    def _header_actions(self, v: CaseView) -> None:
        s = v.status
        self.start_button.setVisible(s is CaseStatus.REGISTERED)
        # After a reopen the registration can be corrected even though a reply was sent.
        self.edit_button.setVisible(v.is_open and (v.date_of("replied_on") is None or s is CaseStatus.IN_PROGRESS))
        self.archive_button.setVisible(s is CaseStatus.CLOSED)
        self.reopen_button.setVisible(s is CaseStatus.CLOSED)
        # Also on an unanswered case past its due date: a remedy against 逾期不答复 (RULES.md D).
        overdue = v.date_of("replied_on") is None and v.due_on is not None and v.due_on < self._today()
        self.remedy_button.setVisible(v.date_of("replied_on") is not None or overdue)
        self.receipt_button.setVisible(s is not CaseStatus.ARCHIVED)
        # 条例第四十四条: offered only when another applicant asked for the same information.
        linked = v.text("proactive_item_no")
        # Once linked it stays shown, disabled, naming the item: the link back from the request.
        self.proactive_button.setVisible(bool(linked) or (s is not CaseStatus.ARCHIVED
                                                          and bool(proactive_dialog.others_asking(self.ctx, v.id))))
        self.proactive_button.setEnabled(not linked)
        self.proactive_button.setText(self.tr("已转主动公开（{no}）").format(no=linked) if linked
                                      else self.tr("转为主动公开…"))
        self.next_step.setText(next_step_hint(v, self.tr))

    # -- actions -----------------------------------------------------------------------------
    def _changed(self, ok: bool) -> bool:
        if ok and self.view is not None:
            self.case_changed.emit(self.view.id)
        return ok

    @Slot()
    def show_deadline(self) -> DeadlineDialog | None:
        if self.view is None:
            return None
        dlg = DeadlineDialog(self.view, self)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dlg
        dlg.open()
        return dlg

    @Slot()
    def start(self) -> bool:
        if self.view is None:
            return False
        case_id = self.view.id
        return self._changed(self.ctx.run(Op(lambda s: start_handling(s, self.ctx.actor, case_id),
                                             RecordKind.CASES, parent=self))[0])

    @Slot()
    def edit(self) -> IntakeDialog | None:
        if self.view is None:
            return None
        dlg = IntakeDialog(self.ctx, self, case_id=self.view.id, today=self._today)
        self.dialog = dlg
        dlg.open()
        return dlg

    @Slot()
    def archive(self) -> bool:
        if self.view is None:
            return False
        case_id = self.view.id
        # Role, state and missing items first: nobody is asked to confirm what would be refused.
        try:
            read(self.ctx, lambda s: check_archive(s, self.ctx.actor, case_id))
        except UserError as exc:
            show_error(self, exc)
            return False
        if not actions.ask(self, self.tr("归档"), self.tr(
                "归档后，申请件“{no}”及其全部案卷材料只读：不能再增删材料、生成文书，也不能重新打开；"
                "已发出的文书仍可“打印副本”。确定归档吗？").format(no=self.view.case_no)):
            return False
        return self._changed(self.ctx.run(Op(lambda s: archive_case(s, self.ctx.actor, case_id),
                                             RecordKind.CASES, parent=self))[0])

    @Slot()
    def reopen(self) -> FormDialog | None:
        return self._form_dialog(event_dialogs.reopen)

    @Slot()
    def register_proactive(self) -> FormDialog | None:
        return self._form_dialog(proactive_dialog.register_dialog)

    @Slot()
    def record_remedy(self) -> FormDialog | None:
        return self._form_dialog(event_dialogs.remedy)

    def _form_dialog(self, open_form: Callable[[QWidget, AppContext, CaseView, date], FormDialog]) -> FormDialog | None:
        """Open one of the shown case's event forms (it opens itself); the last opened is `dialog`."""
        if self.view is None:
            return None
        dlg = open_form(self, self.ctx, self.view, self._today())
        self.dialog = dlg
        return dlg

    @Slot(str)
    def letter(self, kind: str) -> int | None:
        if self.view is None:
            return None
        return open_generated_letter(self, self.ctx, self.view.id, kind)
