"""办理过程 → 第三十五条: requests whose number or frequency clearly exceeds a reasonable range.

The state in a clerk's words, the three steps (要求说明理由, 登记理由, 处理决定) and the two letters. A
button the service would refuse is disabled, its tooltip the service's own reason
(app.cases.excessive.excessive_actions_for).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.availability import Availability
from app.cases.excessive import STEP_LATER_DUE, ExcessiveAction, excessive_actions_for
from app.cases.excessive_rules import ExcessiveDecision
from app.cases.queries import get_case
from ui.cases import excessive_dialogs
from ui.cases.actions import read
from ui.cases.case_view import CaseView
from ui.cases.form_dialog import FormDialog
from ui.cases.letters_ui import open_generated_letter
from ui.context import AppContext

Opener = Callable[[QWidget, AppContext, CaseView, date], FormDialog]


def _d(value: date | None) -> str:
    return value.isoformat() if value else "—"


class ExcessivePanel(QGroupBox):
    def __init__(self, ctx: AppContext, today: Callable[[], date], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._today = today
        self.view: CaseView | None = None
        self.dialog: FormDialog | None = None
        self.step_actions: Availability[ExcessiveAction] | None = None
        self._build()
        self._lay_out()
        self._connect()

    def _build(self) -> None:
        self.setTitle(self.tr("申请数量、频次明显超过合理范围（条例第三十五条）"))
        self.state = QLabel(self)
        self.state.setObjectName("excessiveState")
        self.state.setWordWrap(True)
        self.ask_button = QPushButton(self.tr("要求说明理由…"), self)
        self.ask_button.setObjectName("excessiveAsk")
        self.reasons_button = QPushButton(self.tr("登记申请人理由…"), self)
        self.reasons_button.setObjectName("excessiveReasons")
        self.decide_button = QPushButton(self.tr("处理决定…"), self)
        self.decide_button.setObjectName("excessiveDecide")
        self.ask_letter_button = QPushButton(self.tr("生成说明理由通知书"), self)
        self.ask_letter_button.setObjectName("excessiveAskLetter")
        self.later_letter_button = QPushButton(self.tr("生成延迟答复告知书"), self)
        self.later_letter_button.setObjectName("excessiveLaterLetter")
        self._buttons = {
            ExcessiveAction.ASK: self.ask_button, ExcessiveAction.REASONS: self.reasons_button,
            ExcessiveAction.DECIDE: self.decide_button, ExcessiveAction.ASK_LETTER: self.ask_letter_button,
            ExcessiveAction.LATER_LETTER: self.later_letter_button,
        }

    def _lay_out(self) -> None:
        box = QVBoxLayout(self)
        box.addWidget(self.state, 1)
        row = QHBoxLayout()
        for b in (self.ask_button, self.reasons_button, self.decide_button):
            row.addWidget(b)
        row.addStretch(1)
        for b in (self.ask_letter_button, self.later_letter_button):
            row.addWidget(b)
        box.addLayout(row)

    def _connect(self) -> None:
        self.ask_button.clicked.connect(lambda: self._open(excessive_dialogs.ask_for_reasons))
        self.reasons_button.clicked.connect(lambda: self._open(excessive_dialogs.record_reasons))
        self.decide_button.clicked.connect(lambda: self._open(excessive_dialogs.decide))
        self.ask_letter_button.clicked.connect(lambda: self.letter("excessive-ask"))
        self.later_letter_button.clicked.connect(lambda: self.letter("excessive-later"))

    def _open(self, fn: Opener) -> FormDialog | None:
        if self.view is None:
            return None
        self.dialog = fn(self, self.ctx, self.view, self._today())
        return self.dialog

    @Slot()
    def letter(self, kind: str) -> int | None:
        if self.view is None:
            return None
        return open_generated_letter(self, self.ctx, self.view.id, kind)

    def set_case(self, v: CaseView | None) -> None:
        self.view = v
        if v is None:
            self.step_actions = None
            self.state.setText("")
            for b in self._buttons.values():
                b.setEnabled(False)
            return
        self.step_actions = read(self.ctx, lambda s: excessive_actions_for(get_case(s, v.id), self.ctx.actor))
        for action, button in self._buttons.items():
            button.setEnabled(self.step_actions.allowed(action))
            button.setToolTip(self.step_actions.reason(action))
        self.state.setText(self._state_text(v))

    def _state_text(self, v: CaseView) -> str:
        asked = v.date_of("excessive_asked_on")
        decision = v.text("excessive_decision")
        if asked is None and not decision:
            return self.tr("未要求说明理由。申请数量、频次明显超过合理范围的，可以要求申请人说明理由；"
                           "说明理由期间答复期限照常计算。")
        lines = []
        if asked is not None:  # an imported register row may carry only the fixed 答复期限
            lines.append(self.tr("{d} 要求说明理由（{no}），期限至 {due}。情况：{facts}").format(
                d=_d(asked), no=v.text("excessive_ask_doc_no") or "—",
                due=_d(v.date_of("excessive_reasons_due_on")), facts=v.text("excessive_facts")))
            got = v.date_of("excessive_reasons_on")
            lines.append(self.tr("{d} 收到申请人的理由：{r}").format(d=_d(got), r=v.text("excessive_reasons"))
                         if got else self.tr("尚未收到申请人的理由。"))
        if decision:
            chosen = ExcessiveDecision(decision)
            text = self.tr("{d} 决定：{label}").format(d=_d(v.date_of("excessive_decided_on")), label=chosen.label)
            if chosen is ExcessiveDecision.LATER:
                signer = next((s.signer_name for s in v.signs if s.step == STEP_LATER_DUE), "")
                text += self.tr("，答复期限改为 {due}（{who}同意，{no}）").format(
                    due=_d(v.date_of("excessive_due_on")), who=signer or "—",
                    no=v.text("excessive_notice_doc_no") or "—")
            reason = v.text("excessive_decision_reason")
            lines.append(text + (self.tr("。理由：{r}").format(r=reason) if reason else ""))
        return "\n".join(lines)
