"""办理过程: 补正, consultations (per department / third party), extension, fees and 第三十五条 of one case."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.cases import fees
from app.cases.enums import CaseStatus, ConsultationKind
from app.workdays.service import load_calendar
from ui.cases import delivery_dialogs, event_dialogs
from ui.cases.actions import read
from ui.cases.case_view import CaseView, ConsultationView
from ui.cases.excessive_panel import ExcessivePanel
from ui.cases.form_dialog import FormDialog
from ui.cases.letters_ui import open_generated_letter
from ui.context import AppContext
from ui.list_table import list_table
from ui.rows_model import RowColumn, RowsModel

_OPINION = dict(event_dialogs.OPINIONS)
_DECISION = dict(event_dialogs.DECISIONS)


def _d(value: date | None) -> str:
    return value.isoformat() if value else "—"


def _delivered(c: ConsultationView) -> str:
    if c.kind is ConsultationKind.DEPARTMENT:
        return "—"
    # Shown so the clerk sees why the party's period is counted from sending.
    return _d(c.delivered_on) if c.delivered_on else "未登记（暂自发出日计算）"


def _consultation_state(c: ConsultationView, today: date) -> str:
    if c.answered_on is not None:
        return "已收回"
    return "已逾期" if today > c.due_on else "等待答复"


def _fill_box(box: QGroupBox, top: QWidget, *rows: Sequence[QWidget | None]) -> None:
    """A box of the panel: its text (or table) on top taking the height, then rows of buttons. A row
    is left-aligned; where it holds None, the buttons after it go to the right instead."""
    layout = QVBoxLayout(box)
    layout.addWidget(top, 1)
    for buttons in rows:
        row = QHBoxLayout()
        for button in buttons:
            if button is None:
                row.addStretch(1)
            else:
                row.addWidget(button)
        if None not in buttons:
            row.addStretch(1)
        layout.addLayout(row)


class HandlingPanel(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None,
                 today: Callable[[], date] | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._today = today or ctx.today
        self.view: CaseView | None = None
        self.dialog: FormDialog | None = None

        self._build()
        self._lay_out()
        self._connect()

    def _build(self) -> None:
        self._correction_box = corr = QGroupBox(self.tr("补正"), self)
        self.correction = QLabel(corr)
        self.correction.setWordWrap(True)
        self.correction_button = QPushButton(self.tr("补正告知…"), corr)
        self.correction_button.setObjectName("correctionNotice")
        self.received_button = QPushButton(self.tr("收到补正…"), corr)
        self.received_button.setObjectName("correctionReceived")
        self.abandon_button = QPushButton(self.tr("逾期不补正办结…"), corr)

        self._consultation_box = cons = QGroupBox(self.tr("部门协商 / 征求第三方意见（期间不计入答复期限）"), self)
        today_fn = self._today
        self.consultations: RowsModel[ConsultationView] = RowsModel([
            RowColumn(self.tr("类型"), lambda c: c.kind.label),
            RowColumn(self.tr("征求对象"), lambda c: c.party),
            RowColumn(self.tr("发出日期"), lambda c: _d(c.sent_on)),
            RowColumn(self.tr("送达日期"), lambda c: _delivered(c)),
            RowColumn(self.tr("应答复日期"), lambda c: _d(c.due_on)),
            RowColumn(self.tr("收回日期"), lambda c: _d(c.answered_on)),
            RowColumn(self.tr("状态"), lambda c: _consultation_state(c, today_fn()),
                      lambda c: {"已逾期": "#b3261e", "等待答复": "#8a5a00"}.get(_consultation_state(c, today_fn()))),
            RowColumn(self.tr("对方意见"), lambda c: _OPINION.get(c.opinion, "")),
            RowColumn(self.tr("本机关决定"), lambda c: _DECISION.get(c.decision, "")),
            RowColumn(self.tr("意见内容"), lambda c: " ".join(filter(None, (c.opinion_text, c.decision_reason)))),
        ], self)
        self.table = list_table(self.consultations, (), cons, object_name="consultationTable")
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setMinimumHeight(110)
        self.consult_button = QPushButton(self.tr("发起协商 / 征求意见…"), cons)
        self.consult_button.setObjectName("addConsultation")
        self.answer_button = QPushButton(self.tr("录入反馈意见…"), cons)
        self.answer_button.setObjectName("answerConsultation")
        self.delivery_button = QPushButton(self.tr("登记送达日期…"), cons)
        self.delivery_button.setObjectName("consultationDelivery")
        self.letter_button = QPushButton(self.tr("生成征询书/协商函"), cons)
        self.letter_button.setObjectName("consultationLetter")
        self.notice_button = QPushButton(self.tr("告知申请人"), cons)
        self.notice_button.setObjectName("consultNotice")
        self.notice_button.setToolTip(self.tr("征求第三方或共同制作机关意见的，书面告知申请人（县制度五（三））"))
        self.disclose_notice_button = QPushButton(self.tr("告知第三方（决定公开）"), cons)
        self.disclose_notice_button.setObjectName("disclosureNotice")
        self.disclose_notice_button.setToolTip(self.tr("第三方不同意公开而本机关决定公开的，书面告知第三方（条例第三十二条）"))

        self._extension_box = ext = QGroupBox(self.tr("延期答复"), self)
        self.extension = QLabel(ext)
        self.extension.setWordWrap(True)
        self.extension_button = QPushButton(self.tr("申请延期…"), ext)
        self.extension_button.setObjectName("extendDeadline")

        self._fee_box = fee = QGroupBox(self.tr("收费"), self)
        self.fee = QLabel(fee)
        self.fee.setWordWrap(True)
        self.fee_button = QPushButton(self.tr("收费通知…"), fee)
        self.fee_received_button = QPushButton(self.tr("登记送达…"), fee)
        self.fee_received_button.setObjectName("feeNoticeReceived")
        self.paid_button = QPushButton(self.tr("登记缴费…"), fee)
        self.unpaid_button = QPushButton(self.tr("逾期未缴费办结…"), fee)
        self.unpaid_button.setObjectName("closeFeeUnpaid")
        self.fee_letter_button = QPushButton(self.tr("生成收费通知书"), fee)
        self.fee_letter_button.setObjectName("feeLetter")

        self.excessive = ExcessivePanel(self.ctx, self._today, self)

    def _lay_out(self) -> None:
        _fill_box(self._correction_box, self.correction,
                  (self.correction_button, self.received_button, self.abandon_button))
        _fill_box(self._consultation_box, self.table,
                  (self.consult_button, self.answer_button, self.delivery_button, None,
                   self.letter_button, self.notice_button, self.disclose_notice_button))
        _fill_box(self._extension_box, self.extension, (self.extension_button,))
        # The letter on a second row: four buttons already fill the column at 1366 px.
        _fill_box(self._fee_box, self.fee,
                  (self.fee_button, self.fee_received_button, self.paid_button, self.unpaid_button),
                  (self.fee_letter_button,))

        grid = QGridLayout(self)
        grid.addWidget(self._correction_box, 0, 0)
        grid.addWidget(self._extension_box, 0, 1)
        grid.addWidget(self._fee_box, 0, 2)
        grid.addWidget(self._consultation_box, 1, 0, 1, 3)
        grid.addWidget(self.excessive, 2, 0, 1, 3)
        grid.setColumnStretch(0, 2)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        grid.setRowStretch(1, 1)

    def _connect(self) -> None:
        self.correction_button.clicked.connect(lambda: self._open(event_dialogs.correction_notice))
        self.received_button.clicked.connect(lambda: self._open(event_dialogs.correction_received))
        self.abandon_button.clicked.connect(lambda: self._open(event_dialogs.close_no_correction))
        self.consult_button.clicked.connect(lambda: self._open(event_dialogs.add_consultation))
        self.extension_button.clicked.connect(lambda: self._open(event_dialogs.extension))
        self.fee_button.clicked.connect(lambda: self._open(event_dialogs.fee_notice))
        self.paid_button.clicked.connect(lambda: self._open(event_dialogs.fee_paid))
        self.fee_received_button.clicked.connect(lambda: self._open(delivery_dialogs.fee_notice_received))
        self.delivery_button.clicked.connect(self.delivery_for_selected)
        self.unpaid_button.clicked.connect(lambda: self._open(event_dialogs.close_fee_unpaid))
        self.answer_button.clicked.connect(self.answer_selected)
        self.letter_button.clicked.connect(lambda: self.letter_for_selected())
        self.fee_letter_button.clicked.connect(self.fee_letter)
        self.notice_button.clicked.connect(lambda: self.letter_for_selected("consult-notice"))
        self.disclose_notice_button.clicked.connect(lambda: self.letter_for_selected("disclosure-notice"))
        self.table.selectionModel().selectionChanged.connect(self._update_answer_button)
        self.table.doubleClicked.connect(self.answer_selected)

    def _open(self, fn: Callable[[QWidget, AppContext, CaseView, date], FormDialog]) -> FormDialog | None:
        if self.view is None:
            return None
        self.dialog = fn(self, self.ctx, self.view, self._today())
        return self.dialog

    @Slot()
    def answer_selected(self) -> FormDialog | None:
        c = self.selected_consultation()
        if c is None:
            c = self.view.open_consultation() if self.view else None
        if c is None or c.answered_on is not None:
            return None
        self.dialog = event_dialogs.answer_consultation(self, self.ctx, c, self._today())
        return self.dialog

    @Slot()
    def delivery_for_selected(self) -> FormDialog | None:
        """送达日期 of the selected third-party / co-producer consultation."""
        c = self.selected_consultation()
        if c is None or c.kind is ConsultationKind.DEPARTMENT:
            return None
        self.dialog = delivery_dialogs.consultation_delivery(self, self.ctx, c, self._today())
        return self.dialog

    def selected_consultation(self) -> ConsultationView | None:
        rows = self.table.selectionModel().selectedRows()
        return self.consultations.row_at(rows[0].row()) if rows else None

    @Slot()
    def letter_for_selected(self, kind: str = "") -> int | None:
        """第三方意见征询书 or 部门协商函 for the selected consultation (or the notice `kind` about it)."""
        c = self.selected_consultation()
        if c is None or self.view is None:
            return None
        kind = kind or ("third-party" if c.kind is ConsultationKind.THIRD_PARTY else "consultation")
        return open_generated_letter(self, self.ctx, self.view.id, kind, c.id)

    @Slot()
    def fee_letter(self) -> int | None:
        """收费通知书 from the fee recorded on the case (the service refuses without one)."""
        if self.view is None:
            return None
        return open_generated_letter(self, self.ctx, self.view.id, "fee")

    @Slot()
    def _update_answer_button(self) -> None:
        v = self.view
        self.answer_button.setEnabled(v is not None and v.is_open and v.open_consultation() is not None)
        self.letter_button.setEnabled(v is not None and v.status.value != "archived"
                                      and self.selected_consultation() is not None)
        chosen = self.selected_consultation()
        live = v is not None and v.status.value != "archived" and chosen is not None
        self.notice_button.setEnabled(live and chosen is not None and chosen.kind is not ConsultationKind.DEPARTMENT)
        self.disclose_notice_button.setEnabled(
            live and chosen is not None and chosen.kind is ConsultationKind.THIRD_PARTY
            and chosen.opinion == "object" and chosen.decision == "disclose")
        self.delivery_button.setEnabled(v is not None and v.is_open and chosen is not None
                                        and chosen.kind is not ConsultationKind.DEPARTMENT)

    def set_case(self, v: CaseView | None) -> None:
        self.view = v
        self.setEnabled(v is not None)
        self.excessive.set_case(v)
        if v is None:
            self.consultations.set_rows([])
            return
        working = v.status in (CaseStatus.REGISTERED, CaseStatus.IN_PROGRESS)
        notice = v.date_of("correction_notice_on")
        if notice:
            text = self.tr("{on} 发出补正告知，补正期限至 {due}。\n补正事项：{items}").format(
                on=_d(notice), due=_d(v.date_of("correction_due_on")), items=v.text("correction_items"))
            got = v.date_of("correction_received_on")
            text += "\n" + (self.tr("{d} 收到补正材料，答复期限自该日重新起算。").format(d=_d(got)) if got
                            else self.tr("尚未收到补正材料，答复期限暂停。"))
        else:
            text = self.tr("未发出补正告知。申请内容不明确的，应在收到申请之日起 7 个工作日内一次性告知补正。")
        self.correction.setText(text)
        self.correction_button.setEnabled(working and notice is None)
        waiting = v.status is CaseStatus.AWAITING_CORRECTION
        self.received_button.setEnabled(waiting)
        due = v.date_of("correction_due_on")
        self.abandon_button.setEnabled(waiting and due is not None and self._today() > due)

        self.consultations.set_rows(v.consultations)
        self.consult_button.setEnabled(working)
        self._update_answer_button()

        ext = v.date_of("extension_notified_on")
        if ext:
            signer = next((s.signer_name for s in v.signs if s.step == "extension"), "")
            self.extension.setText(self.tr("{d} 告知延期（{who}同意），答复期限延长 20 个工作日。\n理由：{r}").format(
                d=_d(ext), who=signer or "—", r=v.text("extension_reason")))
        else:
            self.extension.setText(
                self.tr("未延期。延期须经负责人同意，在答复期限届满前告知申请人，最长 20 个工作日。"))
        replied = v.date_of("replied_on") is not None
        self.extension_button.setEnabled(v.is_open and not replied and ext is None
                                         and v.status is not CaseStatus.AWAITING_CORRECTION)

        fee_on, paid = v.date_of("fee_notice_on"), v.date_of("fee_paid_on")
        fee_received = v.date_of("fee_notice_received_on")
        lapsed = False
        if fee_on:
            calendar = read(self.ctx, load_calendar)
            lapsed = fees.fee_period_lapsed(calendar, fee_on, paid, self._today(), fee_received)
            if paid:
                state = self.tr("{d} 已缴费。").format(d=_d(paid))
            elif lapsed:
                state = self.tr("缴费期限已过，申请人逾期未缴费，可按其他处理结案（国办函〔2020〕109号）。")
            else:
                state = self.tr("尚未缴费。")
            received = (self.tr("{d} 送达申请人").format(d=_d(fee_received)) if fee_received
                        else self.tr("送达日期未登记，缴费期限暂自通知之日起计算"))
            self.fee.setText(self.tr("{d} 发出收费通知，金额 {a} 元；{r}，缴费期限至 {due}。\n{p}").format(
                d=_d(fee_on), a=v.text("fee_amount"), r=received,
                due=_d(fees.fee_due_on(calendar, fee_on, fee_received)), p=state)
                + ("\n" + v.text("fee_working") if v.text("fee_working") else ""))
        else:
            self.fee.setText(self.tr("未收费（一般免费）。"))
        self.fee_button.setEnabled(working and fee_on is None)
        self.paid_button.setEnabled(v.is_open and fee_on is not None and paid is None)
        self.fee_received_button.setEnabled(v.is_open and fee_on is not None and paid is None)
        self.unpaid_button.setEnabled(working and lapsed)
        self.fee_letter_button.setEnabled(fee_on is not None and v.status is not CaseStatus.ARCHIVED)
