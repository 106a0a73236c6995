"""The small dialogs of one item's workflow: decision (第七条), publication (第八条), a reason or a
date (delay, revisit, end of delay, repeal), and the deadline arithmetic (第九条).

Each hands its input to the service as it is; the service's refusal is shown in the dialog and
nothing is saved, so the rules stay in app/ (a 不予公开 without a reason is refused there).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Signal, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from app.changes import RecordKind
from app.disclosure.enums import CHANNELS, WITHHOLD_REASONS, Decision
from app.disclosure.queries import ItemView, reason_label
from app.disclosure.service import decide, publish
from app.workdays.service import load_calendar
from ui.context import AppContext
from ui.deadline_explanation import DeadlineExplanationDialog
from ui.discard_guard import DiscardGuard
from ui.disclosure.actions import error_label
from ui.disclosure.item_form import date_edit, from_qdate
from ui.operations import Op
from ui.style import Sheet, apply_style


def _heading(view: ItemView, parent: QWidget) -> QLabel:
    label = QLabel(f"{view.item_no}《{view.title}》", parent)
    label.setWordWrap(True)
    apply_style(label, Sheet.BOLD)
    return label


class _ActionDialog(QDialog):
    """A dialog with an OK button that runs one service call; closes when it succeeded."""

    item_changed = Signal(int)
    """The item was changed by this dialog; carries its id."""

    def __init__(self, ctx: AppContext, view: ItemView, title: str, ok_text: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.ctx, self.view = ctx, view
        self.setWindowTitle(title)
        self.setMinimumWidth(560)
        self.message = error_label(self)
        self.buttons = QDialogButtonBox(self)
        self.ok_button = QPushButton(ok_text, self)
        self.ok_button.setObjectName("okButton")
        self.buttons.addButton(self.ok_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.tr("取消"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self.body = QVBoxLayout()
        layout = QVBoxLayout(self)
        layout.addWidget(_heading(view, self))
        layout.addLayout(self.body)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

    def change(self, session: Session) -> object:
        raise NotImplementedError

    def showEvent(self, event: QShowEvent) -> None:
        # Subclasses add and fill their fields after this constructor: watch them once shown.
        if getattr(self, "guard", None) is None:
            self.guard = DiscardGuard(self)
        super().showEvent(event)

    def reject(self) -> None:
        """Esc, 取消, the close button and Ctrl+Q ask before typed input is thrown away."""
        guard: DiscardGuard | None = getattr(self, "guard", None)
        if guard is None or guard.allow_reject():
            super().reject()

    @Slot()
    def submit(self) -> None:
        ok, _ = self.ctx.run(Op(self.change, RecordKind.DISCLOSURE, parent=self, message=self.message))
        if ok:
            guard: DiscardGuard | None = getattr(self, "guard", None)
            if guard is not None:
                guard.mark_clean()
            self.item_changed.emit(self.view.id)
            self.accept()


class DecisionDialog(_ActionDialog):
    """确定公开方式: 主动公开, 依申请公开 or 不予公开 with a 第七条 reason and the legal basis."""

    def __init__(self, ctx: AppContext, view: ItemView, parent: QWidget | None = None) -> None:
        super().__init__(ctx, view, self.tr("确定公开方式"), self.tr("确定"), parent)
        self._build()
        self._lay_out()
        self._connect()
        self._update()

    def _build(self) -> None:
        view = self.view
        self.choices: dict[Decision, QRadioButton] = {}
        self.group = QButtonGroup(self)
        self.choice_box = QGroupBox(self.tr("公开方式"), self)
        for decision in (Decision.PROACTIVE, Decision.ON_REQUEST, Decision.WITHHELD):
            button = QRadioButton(decision.label, self.choice_box)
            button.setObjectName(f"decision_{decision.value}")
            self.group.addButton(button)
            self.choices[decision] = button
        current = view.decision if view.decision is not Decision.PENDING else Decision.PROACTIVE
        self.choices[current].setChecked(True)
        self.reason = QComboBox(self)
        self.reason.setObjectName("withholdReason")
        for i in range(len(WITHHOLD_REASONS)):
            self.reason.addItem(reason_label(i), i)
        self.reason.setPlaceholderText(self.tr("请选择第七条所列的理由"))
        self.reason.setCurrentIndex(-1 if view.withhold_reason is None else view.withhold_reason)
        self.legal_basis = QPlainTextEdit(self)
        self.legal_basis.setObjectName("legalBasis")
        self.legal_basis.setPlaceholderText(self.tr("法律依据，如：《中华人民共和国政府信息公开条例》第十六条第一款"))
        self.legal_basis.setFixedHeight(60)
        self.legal_basis.setPlainText(view.legal_basis)
        self.withhold_box = QGroupBox(self.tr("不予公开的理由（第七条）和法律依据"), self)

    def _lay_out(self) -> None:
        row = QVBoxLayout(self.choice_box)
        for button in self.choices.values():
            row.addWidget(button)
        form = QFormLayout(self.withhold_box)
        form.addRow(self.tr("理由："), self.reason)
        form.addRow(self.tr("法律依据："), self.legal_basis)
        self.body.addWidget(self.choice_box)
        self.body.addWidget(self.withhold_box)

    def _connect(self) -> None:
        self.group.buttonToggled.connect(self._update)

    def decision(self) -> Decision:
        return next(d for d, b in self.choices.items() if b.isChecked())

    @Slot()
    def _update(self) -> None:
        self.withhold_box.setEnabled(self.decision() is Decision.WITHHELD)

    def change(self, session: Session) -> object:
        decision = self.decision()
        reason = self.reason.currentData() if decision is Decision.WITHHELD else None
        return decide(session, self.ctx.actor, self.view.id, decision, load_calendar(session),
                      withhold_reason=reason, legal_basis=self.legal_basis.toPlainText()).id


class PublishDialog(_ActionDialog):
    """登记发布: channels in 第八条 order (the portal first), the date and the address."""

    def __init__(self, ctx: AppContext, view: ItemView, parent: QWidget | None = None, *,
                 today: Callable[[], date] | None = None) -> None:
        super().__init__(ctx, view, self.tr("登记发布"), self.tr("登记发布"), parent)
        self._today = today or ctx.today
        self._build()
        self._lay_out()

    def _build(self) -> None:
        self.channel_box = QGroupBox(self.tr("发布渠道（第八条：以政府门户网站为第一发布平台）"), self)
        self.channels: dict[str, QCheckBox] = {}
        for i, name in enumerate(CHANNELS):
            check = QCheckBox(name, self.channel_box)
            check.setObjectName(f"channel_{i}")
            self.channels[name] = check
        self.channels[CHANNELS[0]].setChecked(True)
        self.published_on = date_edit(self, self._today(), latest=self._today())
        self.published_on.setObjectName("publishedOn")
        self.url = QLineEdit(self)
        self.url.setObjectName("publishedUrl")
        self.url.setPlaceholderText(self.tr("门户网站上的网页地址，如 https://www.jinping.gov.cn/zwgk/…"))

    def _lay_out(self) -> None:
        view = self.view
        grid = QGridLayout(self.channel_box)
        for i, check in enumerate(self.channels.values()):
            grid.addWidget(check, i // 4, i % 4)
        form = QFormLayout()
        form.addRow(self.tr("发布日期："), self.published_on)
        form.addRow(self.tr("网址："), self.url)
        self.body.addWidget(self.channel_box)
        self.body.addLayout(form)
        if view.due_on is not None:
            late = from_qdate(self.published_on.date()) > view.due_on
            note = QLabel(self.tr("发布期限：{due}").format(due=view.due_on.isoformat())
                          + (self.tr("（已超过期限，将记为逾期发布）") if late else ""), self)
            apply_style(note, Sheet.either(late, Sheet.ERROR, Sheet.HINT))
            self.body.addWidget(note)

    def change(self, session: Session) -> object:
        chosen = [name for name, box in self.channels.items() if box.isChecked()]
        return publish(session, self.ctx.actor, self.view.id, chosen, from_qdate(self.published_on.date()),
                       self.url.text(), self._today()).id


class ReasonDialog(_ActionDialog):
    """One sentence handed to a service: the legal cause of a delay, or why a decision is revisited."""

    def __init__(self, ctx: AppContext, view: ItemView, *, title: str, prompt: str, placeholder: str,
                 ok_text: str, run: Callable[[Session, str], object], parent: QWidget | None = None) -> None:
        super().__init__(ctx, view, title, ok_text, parent)
        self._run = run
        label = QLabel(prompt, self)
        label.setWordWrap(True)
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("reasonText")
        self.text.setPlaceholderText(placeholder)
        self.text.setFixedHeight(80)
        self.body.addWidget(label)
        self.body.addWidget(self.text)

    def change(self, session: Session) -> object:
        return self._run(session, self.text.toPlainText())


class DateDialog(_ActionDialog):
    """One date handed to a service: the day a delay's cause ended, or the day a document was repealed."""

    def __init__(self, ctx: AppContext, view: ItemView, *, title: str, prompt: str, ok_text: str,
                 run: Callable[[Session, date], object], today: date, parent: QWidget | None = None) -> None:
        super().__init__(ctx, view, title, ok_text, parent)
        self._run = run
        label = QLabel(prompt, self)
        label.setWordWrap(True)
        self.day = date_edit(self, today)
        self.day.setObjectName("actionDate")
        self.body.addWidget(label)
        self.body.addWidget(self.day)

    def change(self, session: Session) -> object:
        return self._run(session, from_qdate(self.day.date()))


class DeadlineDialog(DeadlineExplanationDialog):
    """期限计算: the arithmetic behind the deadline, to check by hand or explain to a leader."""

    def __init__(self, view: ItemView, explanation: str, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("发布期限计算 — {no}").format(no=view.item_no),
                         self.tr("自信息形成或变更之日起 20 个工作日内发布（第九条）"), explanation,
                         600, 320, parent)
