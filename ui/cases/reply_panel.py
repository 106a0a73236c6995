"""答复 (RULES.md C.9–C.12): draft → 司法局审核 → 分管领导/主要领导审定 → 发送 → 送达.

The reply type decides the annual-report row and the default wording; only 不予公开 asks for
the reason (sub-row). Approvals go through SignOffDialog with the leader's own password.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.auth.roles import Role
from app.availability import Availability
from app.cases.enums import DeliveryMethod
from app.cases.outcomes import ReplyType
from app.cases.queries import get_case
from app.cases.reply import (
    check_send_reply,
    record_delivery,
    record_justice_review,
    save_reply_draft,
    send_reply,
)
from app.cases.reply_actions import (
    STEP_LABELS,
    ReplyAction,
    reply_actions_for,
)
from app.cases.reply_text import unfilled_markers
from app.changes import RecordKind
from app.redaction.reply_rules import reply_body
from app.signoff.service import Decision
from ui.availability import refused
from ui.cases import actions
from ui.cases.actions import read
from ui.cases.case_view import CaseView
from ui.cases.form_dialog import form_row as _row
from ui.cases.intake_form import date_edit, to_date, to_qdate
from ui.cases.reply_approval import approval_dialog
from ui.cases.reply_gate import ReplyGate, first_allowed
from ui.cases.reply_step_states import APPROVERS, show_step_states
from ui.context import AppContext
from ui.enum_combo import add_labelled
from ui.operations import Op, precheck
from ui.screen_fit import scroll_area
from ui.signoff_dialog import SignOffDialog
from ui.style import Sheet, apply_style


class ReplyPanel(QWidget):
    letter_requested = Signal(str)
    """The clerk asked to generate a letter of the given kind (e.g. "reply")."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None,
                 today: Callable[[], date] | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._today = today or ctx.today
        self.view: CaseView | None = None
        self.reply_actions: Availability[ReplyAction] | None = None
        self._default_body = ""
        self.sign_dialog: SignOffDialog | None = None
        self._loading = False
        self._loaded_draft: tuple[object, ...] = ()  # the draft as loaded, to tell typed changes
        self.leave_question: QMessageBox | None = None  # 保存/放弃/取消 before another case is shown
        self._leave_to: Callable[[], None] | None = None

        self._build()
        self._lay_out()
        self._connect()
        self._on_type()

    def _build(self) -> None:
        self._draft_box = draft = QGroupBox(self.tr("① 起草答复书"), self)
        self.reply_type = QComboBox(draft)
        self.reply_type.setObjectName("replyType")
        add_labelled(self.reply_type, ReplyType)
        self.detail = QComboBox(draft)
        self.detail.setObjectName("replyDetail")
        self.detail_label = QLabel(self.tr("具体情形："), draft)
        self.outcome_label = QLabel(draft)
        self.outcome_label.setWordWrap(True)
        apply_style(self.outcome_label, Sheet.INFO)
        self.body = QPlainTextEdit(draft)
        self.body.setObjectName("replyBody")
        self.body.setPlaceholderText(self.tr("答复内容（“现答复如下：”之后的正文）"))
        self.markers = QLabel(draft)
        self.markers.setWordWrap(True)
        apply_style(self.markers, Sheet.WARN)
        self.fill_button = QPushButton(self.tr("填入默认文本"), draft)
        self.save_draft_button = QPushButton(self.tr("保存答复稿并提交审核"), draft)
        self.save_draft_button.setObjectName("saveReplyDraft")
        self.gate = ReplyGate(self.ctx, draft)

        self._justice_box = justice = QGroupBox(self.tr("② 司法局审核"), self)
        self.justice_status = QLabel(justice)
        self.justice_date = date_edit(justice, self._today())
        self.justice_opinion = QLineEdit(justice)
        self.justice_opinion.setObjectName("justiceOpinion")
        self.justice_opinion.setPlaceholderText(self.tr("书面审核意见，如：经审核，答复内容合法，同意答复。"))
        self.justice_button = QPushButton(self.tr("登记审核意见"), justice)
        self.justice_button.setObjectName("recordJustice")

        self._leaders_box = leaders = QGroupBox(self.tr("③ 领导审定"), self)
        self.returned = QLabel(leaders)
        self.returned.setObjectName("replyReturned")
        self.returned.setWordWrap(True)
        apply_style(self.returned, Sheet.ERROR)
        self.returned.hide()
        self.approval_status: dict[str, QLabel] = {}
        self.approval_buttons: dict[str, QPushButton] = {}
        for step, role in APPROVERS:
            self.approval_status[step] = QLabel(leaders)
            button = QPushButton(self.tr("{role}签批…").format(role=role.label), leaders)
            button.setObjectName(f"approve_{step}")
            self.approval_buttons[step] = button

        self._send_box = send = QGroupBox(self.tr("④ 发送答复  ⑤ 送达"), self)
        self.send_status = QLabel(send)
        self.send_date = date_edit(send, self._today())
        self.send_method = QComboBox(send)
        add_labelled(self.send_method, DeliveryMethod)
        self.tracking_no = QLineEdit(send)
        self.tracking_no.setObjectName("trackingNo")
        self.tracking_no.setPlaceholderText(self.tr("EMS 或挂号信邮件号，如 EA123456789CN"))
        self.delivery_note = QLineEdit(send)
        self.delivery_note.setObjectName("deliveryNote")
        self.delivery_note.setPlaceholderText(self.tr("邮寄而无邮件号的原因；送达方式为“其他”时写明方式"))
        self.send_button = QPushButton(self.tr("发送答复"), send)
        self.send_button.setObjectName("sendReply")
        self.letter_button = QPushButton(self.tr("生成答复书"), send)
        self.delivered_date = date_edit(send, self._today())
        self.deliver_button = QPushButton(self.tr("登记送达（办结）"), send)
        self.deliver_button.setObjectName("recordDelivery")

    def _lay_out(self) -> None:
        f = QFormLayout()
        f.addRow(self.tr("答复类型："), self.reply_type)
        f.addRow("", self.gate.reason)
        f.addRow(self.gate.earlier_label, self.gate.earlier)
        f.addRow(self.detail_label, self.detail)
        f.addRow("", self.outcome_label)
        dl = QVBoxLayout(self._draft_box)
        dl.addLayout(f)
        # The actions sit above the text, so they stay in view however short the panel is
        # (a 1366×768 screen at 125 % leaves the detail area about 160 pixels).
        row = QHBoxLayout()
        row.addWidget(self.fill_button)
        row.addStretch(1)
        row.addWidget(self.save_draft_button)
        dl.addLayout(row)
        dl.addWidget(self.body, 1)
        dl.addWidget(self.markers)

        jl = QFormLayout(self._justice_box)
        jl.addRow(self.justice_status)
        jl.addRow(self.tr("审核意见："), self.justice_opinion)
        jl.addRow(self.tr("审核日期："), _row(self.justice_date, None, self.justice_button))

        ll = QFormLayout(self._leaders_box)
        ll.addRow(self.returned)
        for step, role in APPROVERS:
            line = QHBoxLayout()
            line.addWidget(self.approval_status[step], 1)
            line.addWidget(self.approval_buttons[step])
            ll.addRow(role.label + self.tr("："), line)

        send = self._send_box
        sl = QFormLayout(send)
        sl.addRow(self.send_status)
        sl.addRow(self.tr("答复日期："), _row(self.send_date, QLabel(self.tr("送达方式："), send), self.send_method))
        sl.addRow(self.tr("邮寄单号："), self.tracking_no)
        sl.addRow(self.tr("送达说明："), self.delivery_note)
        sl.addRow("", _row(self.letter_button, None, self.send_button))
        sl.addRow(self.tr("送达日期："), _row(self.delivered_date, None, self.deliver_button))

        right_box = QWidget(self)
        right = QVBoxLayout(right_box)
        right.setContentsMargins(0, 0, 0, 0)
        right.addWidget(self._justice_box)
        right.addWidget(self._leaders_box)
        right.addWidget(send)
        right.addStretch(1)
        layout = QHBoxLayout(self)
        layout.addWidget(self._draft_box, 3)
        # The steps on the right scroll on their own, so the draft keeps its save button in view.
        layout.addWidget(scroll_area(right_box, self), 2)

    def _connect(self) -> None:
        for step, role in APPROVERS:
            self.approval_buttons[step].clicked.connect(lambda _=False, st=step, r=role: self.open_approval(st, r))
        self.reply_type.currentIndexChanged.connect(self._on_type)
        self.detail.currentIndexChanged.connect(self._on_detail)
        self.gate.earlier.currentIndexChanged.connect(self._on_detail)
        self.body.textChanged.connect(self._check_markers)
        self.fill_button.clicked.connect(self.fill_default)
        self.save_draft_button.clicked.connect(self.save_draft)
        self.justice_button.clicked.connect(self.record_justice)
        self.send_button.clicked.connect(self.send)
        self.deliver_button.clicked.connect(self.deliver)
        self.letter_button.clicked.connect(lambda: self.letter_requested.emit("reply"))

    # -- showing a case ----------------------------------------------------------------------
    def set_case(self, view: CaseView | None) -> None:
        self.view = view
        if view is None:
            self.setEnabled(False)
            return
        self.setEnabled(True)
        case_id, actor = view.id, self.ctx.actor
        self.reply_actions = read(self.ctx, lambda s: reply_actions_for(s, get_case(s, case_id), actor))
        self._loading = True
        self.gate.load(self.reply_type, view.id, self._today(), view.text("repeat_of_case_no"))
        rt = view.reply_type
        if rt is not None:
            self.reply_type.setCurrentIndex(self.reply_type.findData(rt))
            detail = view.get("outcome_detail")
            if isinstance(detail, int) and not self.detail.isHidden():
                self.detail.setCurrentIndex(max(0, self.detail.findData(detail)))
        else:
            first_allowed(self.reply_type)
        self.gate.show_for(self.current_type())
        self._loading = False
        self._on_detail()
        self.body.setPlainText(view.text("reply_body"))
        self._default_body = ""
        if not view.text("reply_body"):
            self.fill_default()
        today = self._today()
        for edit, name in ((self.justice_date, "justice_review_on"), (self.send_date, "replied_on"),
                           (self.delivered_date, "delivered_on")):
            edit.setDate(to_qdate(view.date_of(name) or today))
        self.justice_opinion.setText(view.text("justice_opinion"))
        self.tracking_no.setText(view.text("tracking_no"))
        self.delivery_note.setText(view.text("reply_delivery_note"))
        method = view.text("reply_delivery_method") or view.text("delivery_method")
        if method:
            self.send_method.setCurrentIndex(max(0, self.send_method.findData(DeliveryMethod(method))))
        self._update_states()
        self._loaded_draft = self._draft_now()

    def _draft_now(self) -> tuple[object, ...]:
        return self.current_type(), self.current_detail(), self.body.toPlainText()

    def draft_is_dirty(self) -> bool:
        """The clerk typed or chose something in the draft that is not saved."""
        return self.view is not None and self.body.isEnabled() and self._draft_now() != self._loaded_draft

    def can_discard(self) -> bool:
        """Before the window closes (Ctrl+Q, 退出, the close button): ask when a typed draft would be lost."""
        return not self.draft_is_dirty() or actions.ask(self, self.tr("答复稿尚未保存"), self.tr(
            "答复稿有未保存的修改，关闭后将丢失。确定放弃这些修改吗？"))

    def may_leave(self, go: Callable[[], None]) -> bool:
        """Before another case takes this one's place (a click in the list): True when no typed
        draft would be lost. Otherwise False, and the question 保存/放弃/取消 is shown without a
        nested event loop; `go` shows the other case after 保存 (once saved) or 放弃, 取消 stays."""
        if not self.draft_is_dirty():
            return True
        self._leave_to = go  # a second click while asking: the latest target wins
        if self.leave_question is None or not self.leave_question.isVisible():
            self.leave_question = self._ask_leave()
        return False

    def _ask_leave(self) -> QMessageBox:
        # The discard guard's words (ui/discard_guard.py), with 保存 offered first.
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("放弃修改"), self.tr(
            "答复稿尚未保存，切换到其他申请件后将丢失。要先保存吗？"), QMessageBox.StandardButton.NoButton, self)
        save = box.addButton(self.tr("保存"), QMessageBox.ButtonRole.AcceptRole)
        discard = box.addButton(self.tr("放弃"), QMessageBox.ButtonRole.DestructiveRole)
        cancel = box.addButton(self.tr("取消"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(save)
        box.setEscapeButton(cancel)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def answered() -> None:
            clicked, go = box.clickedButton(), self._leave_to
            self.leave_question, self._leave_to = None, None
            if go is not None and (clicked is discard or (clicked is save and self.save_draft())):
                go()

        box.finished.connect(answered)
        box.open()
        return box

    def _update_states(self) -> None:
        show_step_states(self)

    def _refused(self, action: ReplyAction) -> bool:
        """Check `action` afresh (another PC may have moved the case on) and show the refusal."""
        assert self.view is not None
        case_id, actor = self.view.id, self.ctx.actor
        self.reply_actions = read(self.ctx, lambda s: reply_actions_for(s, get_case(s, case_id), actor))
        return refused(self, self.reply_actions, action)

    # -- the draft ---------------------------------------------------------------------------
    def current_type(self) -> ReplyType:
        return ReplyType(self.reply_type.currentData())

    def current_detail(self) -> int | None:
        rt = self.current_type()
        if rt.fixed_detail is not None:
            return rt.fixed_detail
        data = self.detail.currentData()
        return data if isinstance(data, int) else None

    @Slot()
    def _on_type(self) -> None:
        rt = self.current_type()
        self.gate.show_for(rt)
        details = rt.outcome.details
        choose = rt.fixed_detail is None and bool(details)
        self.detail.blockSignals(True)
        self.detail.clear()
        if choose:
            # 属于行政查询事项 has its own reply type (SPECIAL_LAW); the rest are the reasons to choose.
            for i, label in enumerate(details):
                if rt is ReplyType.WITHHELD and i == 7:
                    continue
                self.detail.addItem(f"{i + 1}. {label}", i)
        self.detail.blockSignals(False)
        self.detail.setVisible(choose)
        self.detail_label.setVisible(choose)
        self._on_detail()

    @Slot()
    def _on_detail(self) -> None:
        rt = self.current_type()
        idx = self.current_detail()
        row = rt.outcome.row_label.split("（区分")[0]
        if idx is not None and rt.outcome.details:
            row += f" — {idx + 1}.{rt.outcome.details[idx]}"
        self.outcome_label.setText(self.tr("计入年度报告：{row}").format(row=row))
        # Follow the type with the default text unless the clerk has written their own.
        current = self.body.toPlainText().strip()
        if self.view is not None and not self._loading and (not current or current == self._default_body.strip()):
            self.fill_default()

    @Slot()
    def fill_default(self) -> None:
        if self.view is None:
            return
        rt, idx, case_id = self.current_type(), self.current_detail(), self.view.id
        earlier = self.gate.earlier_facts() if rt is ReplyType.REPEATED else None
        self._default_body = read(
            self.ctx, lambda s: reply_body(s, rt, idx, get_case(s, case_id), earlier=earlier))
        self.body.setPlainText(self._default_body)

    @Slot()
    def _check_markers(self) -> None:
        found = unfilled_markers(self.body.toPlainText())
        self.markers.setText(self.tr("尚待填写：{items}").format(items="、".join(found)) if found else "")

    @Slot()
    def save_draft(self) -> bool:
        if self.view is None:
            return False
        v = self.view
        case_id, rt, idx, body = v.id, self.current_type(), self.current_detail(), self.body.toPlainText()
        if self._refused(ReplyAction.DRAFT):
            return False  # refused before the question below, never after it
        repeat_of = self.gate.repeat_of() if rt is ReplyType.REPEATED else ""
        signed = [] if v.date_of("replied_on") else [
            self.tr("{step}（{name}）").format(step=STEP_LABELS[s.step], name=s.signer_name)
            for s in v.approvals().values() if s.decision is Decision.APPROVE]
        if signed and not actions.ask(self, self.tr("修改已签批的答复稿"), self.tr(
                "本答复稿已经{names}签批。保存修改后，这些签批作废（记入审计记录），须重新报司法局审核和领导审定。"
                "确定要保存修改吗？").format(names="、".join(signed))):
            return False
        seen = v.reply_state  # the consent above covers the approvals shown, not ones made since
        return self.ctx.run(Op(lambda s: save_reply_draft(
            s, self.ctx.actor, case_id, rt, idx, body, repeat_of=repeat_of, void_approvals=bool(signed),
            seen_state=seen),
            RecordKind.CASES, parent=self))[0]

    # -- review, approval, sending -----------------------------------------------------------
    @Slot()
    def record_justice(self) -> bool:
        if self.view is None:
            return False
        case_id, on, opinion = self.view.id, to_date(self.justice_date.date()), self.justice_opinion.text().strip()
        seen = self.view.reply_state
        return self.ctx.run(Op(lambda s: record_justice_review(s, self.ctx.actor, case_id, on, opinion,
                                                               seen_state=seen),
                               RecordKind.CASES, parent=self))[0]

    def open_approval(self, step: str, role: Role) -> SignOffDialog | None:
        if self.view is None:
            return None
        dialog = approval_dialog(self, self.ctx, self.view.id, step, role)
        self.sign_dialog = dialog
        dialog.open()
        return dialog

    @Slot()
    def send(self) -> bool:
        if self.view is None:
            return False
        case_id = self.view.id
        on, method = to_date(self.send_date.date()), DeliveryMethod(self.send_method.currentData())
        tracking, note = self.tracking_no.text().strip(), self.delivery_note.text().strip()
        # Every refusal first (role, approvals, mail number): the question is asked only of a
        # clerk who may send, about a reply that can be sent.
        if not precheck(lambda: read(self.ctx, lambda s: check_send_reply(s, self.ctx.actor, case_id, on, method,
                                                                         tracking, delivery_note=note)),
                        parent=self, title=self.tr("发送答复")):
            return False
        how = method.label + (self.tr("，邮件号 {n}").format(n=tracking) if tracking else "")
        if not actions.ask(self, self.tr("发送答复"), self.tr(
                "确定于 {d} 以“{how}”发出答复书吗？\n发出后答复类型、答复正文和送达方式不能再修改，文号随之确定；"
                "登记送达后申请件办结，内容只读（更正须“重新打开”并记入审计记录）。").format(
                    d=on.isoformat(), how=how)):
            return False
        return self.ctx.run(Op(lambda s: send_reply(s, self.ctx.actor, case_id, on, method, tracking,
                                                    delivery_note=note),
                               RecordKind.CASES, parent=self))[0]

    @Slot()
    def deliver(self) -> bool:
        if self.view is None:
            return False
        case_id, on = self.view.id, to_date(self.delivered_date.date())
        return self.ctx.run(Op(lambda s: record_delivery(s, self.ctx.actor, case_id, on),
                               RecordKind.CASES, parent=self))[0]
