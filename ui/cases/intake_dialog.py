"""The dialog around the registration form: warnings before saving, then the 受理回执 at once."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QDialog, QGroupBox, QHBoxLayout, QLabel, QPushButton, QStackedWidget, QVBoxLayout, QWidget
from sqlalchemy.orm import Session

from app.cases.intake import CaseForm, intake_warnings, register_case, update_case
from app.cases.intake_conflict import differences, merged
from app.cases.queries import get_case
from app.changes import RecordKind
from app.errors import ConflictError
from ui.cases.actions import read
from ui.cases.intake_form import IntakeForm
from ui.cases.letters_ui import open_generated_letter
from ui.cases.live_warnings import LiveWarnings
from ui.conflict_dialog import ConflictDialog, open_conflict
from ui.context import AppContext
from ui.discard_guard import DiscardGuard
from ui.operations import Op, RollBack
from ui.screen_fit import scroll_area
from ui.shortcuts import connect_form
from ui.style import Sheet, apply_style


class IntakeDialog(QDialog):
    """New registration (case_id None) or correction of the registration fields of a case."""

    case_saved = Signal(int)
    """A case was registered or its registration fields saved; carries the case id."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *, case_id: int | None = None,
                 today: Callable[[], date] | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.case_id = case_id
        self.saved_case_id: int | None = None
        self.saved_case_no = ""
        self._today = today or ctx.today
        self._version: int | None = None
        self._original: CaseForm | None = None  # what the form was opened with, for a conflict
        self.conflict: ConflictDialog | None = None
        self._acknowledged: list[str] = []
        self.setWindowTitle(self.tr("登记依申请公开申请") if case_id is None else self.tr("修改登记信息"))
        self.resize(1060, 660)
        self._build()
        self._lay_out()
        self._connect()
        if case_id is not None:
            self._load(case_id)
        # Typed content is never lost by Esc/取消/closing (after loading: loading is no edit).
        self.guard = DiscardGuard(self, self.form, what=self.tr("登记信息"))
        self.form.applicant_name.setFocus()

    def _load(self, case_id: int) -> None:
        def load(s: Session) -> tuple[CaseForm, int, str]:
            case = get_case(s, case_id)
            return CaseForm.from_case(case), case.version, case.case_no
        form, self._version, case_no = read(self.ctx, load)
        self._original = form
        self.form.load(form)
        self.setWindowTitle(self.tr("修改登记信息 — {no}").format(no=case_no))

    def _build(self) -> None:
        self.form = IntakeForm(self, self._today())
        self.warnings = QLabel(self)
        self.warnings.setObjectName("intakeWarningsText")
        self.warnings.setWordWrap(True)
        self.warning_frame = QGroupBox(self.tr("请核对以下提示（不影响保存）"), self)
        self.warning_frame.setObjectName("intakeWarnings")
        apply_style(self.warning_frame, Sheet.INTAKE_WARNINGS)
        self.warning_frame.hide()

        self.save_button = QPushButton(self.tr("保存登记") if self.case_id is None else self.tr("保存修改"), self)
        self.save_button.setObjectName("intakeSave")
        self.save_button.setDefault(True)
        self.cancel_button = QPushButton(self.tr("取消"), self)
        self.form_page = QWidget(self)
        self.form_scroll = scroll_area(self.form, self.form_page)  # scrolls at a large 界面字号 on a 125 % screen

        # After a new registration: what was saved, and the receipt to hand over at once.
        self.done_page = QWidget(self)
        self.done_text = QLabel(self.done_page)
        self.done_text.setObjectName("intakeDone")
        self.done_text.setWordWrap(True)
        self.done_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        apply_style(self.done_text, Sheet.DONE_TEXT)
        self.receipt_button = QPushButton(self.tr("打印受理回执"), self.done_page)
        self.receipt_button.setObjectName("printReceipt")
        self.another_button = QPushButton(self.tr("继续登记下一件"), self.done_page)
        self.close_button = QPushButton(self.tr("关闭"), self.done_page)
        self.pages = QStackedWidget(self)

    def _lay_out(self) -> None:
        QVBoxLayout(self.warning_frame).addWidget(self.warnings)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.cancel_button)
        pl = QVBoxLayout(self.form_page)
        pl.setContentsMargins(0, 0, 0, 0)
        pl.addWidget(self.form_scroll, 1)
        pl.addWidget(self.warning_frame)
        pl.addLayout(buttons)

        dl = QVBoxLayout(self.done_page)
        dl.addStretch(1)
        dl.addWidget(self.done_text)
        row = QHBoxLayout()
        row.addStretch(1)
        for b in (self.receipt_button, self.another_button, self.close_button):
            row.addWidget(b)
        row.addStretch(1)
        dl.addLayout(row)
        dl.addStretch(2)

        self.pages.addWidget(self.form_page)
        self.pages.addWidget(self.done_page)
        QVBoxLayout(self).addWidget(self.pages)

    def _connect(self) -> None:
        connect_form(self, self.save, self.save_button.clicked, self.cancel_button.clicked, help_page="intake")
        self.receipt_button.clicked.connect(self.print_receipt)
        self.another_button.clicked.connect(self.start_another)
        self.close_button.clicked.connect(self.accept)
        self.live_warnings = LiveWarnings(self)  # warnings follow the corrections live

    def reject(self) -> None:
        if self.pages.currentWidget() is self.done_page or self.guard.allow_reject():
            super().reject()

    def _show_warnings(self, warnings: object) -> None:
        assert isinstance(warnings, list)
        self._acknowledged = list(warnings)
        self.warnings.setText("\n".join(f"• {w}" for w in warnings))
        self.warning_frame.show()
        self.save_button.setText(self.tr("已核对，仍然保存"))

    @Slot()
    def save(self) -> bool:
        """Validate and save in one transaction. The rules are checked first (an error is shown
        and nothing is kept); then, if there are warnings the clerk has not seen yet, the
        transaction is rolled back — the case number too — and the warnings are shown instead."""
        form = self.form.form_data()
        today = self._today()

        def save(s: Session) -> tuple[int, str, date | None, bool]:
            found = intake_warnings(s, form, today, exclude_case_id=self.case_id)
            if self.case_id is None:
                case = register_case(s, self.ctx.actor, form, today)
            else:
                assert self._version is not None
                try:
                    case = update_case(s, self.ctx.actor, self.case_id, form, self._version, today=today)
                except ConflictError as exc:
                    if self._original is None:
                        raise
                    raise RollBack(exc) from None  # theirs / yours, field by field (resolve_conflict)
            s.flush()
            if found and found != self._acknowledged:
                raise RollBack(found)  # the case number too goes back until the clerk has read them
            return case.id, case.case_no, case.due_on, case.due_unconfirmed

        def rolled_back(value: object) -> None:
            if isinstance(value, ConflictError):
                self.resolve_conflict(str(value), form)
            else:
                self._show_warnings(value)

        ok, saved = self.ctx.run(Op(save, RecordKind.CASES, parent=self, point_at=self.form.focus_field,
                                    on_rollback=rolled_back, retry=self.save))
        if not ok or saved is None:
            return False
        self.saved_case_id, self.saved_case_no = saved[0], saved[1]
        self.guard.mark_clean()
        self.case_saved.emit(saved[0])
        if self.case_id is not None:
            self.accept()
            return True
        due = saved[2].isoformat() if saved[2] else self.tr("（待定）")
        self.done_text.setText(self.tr("已登记：{no}\n答复期限：{due}{mark}").format(
            no=saved[1], due=due, mark=self.tr("（未确认）") if saved[3] else ""))
        self.pages.setCurrentWidget(self.done_page)
        self.receipt_button.setFocus()
        return True

    def resolve_conflict(self, message: str, mine: CaseForm) -> ConflictDialog:
        """Another PC saved first: show what differs and save the clerk's choice on its version."""
        case_id = self.case_id
        assert case_id is not None and self._original is not None

        def load(s: Session) -> tuple[CaseForm, int]:
            case = get_case(s, case_id)
            return CaseForm.from_case(case), case.version
        theirs, version = read(self.ctx, load)

        def chosen(keep_mine: set[str]) -> None:
            self.form.load(merged(theirs, mine, keep_mine))
            self._original, self._version = theirs, version
            self.save()

        self.conflict = open_conflict(self, message, differences(self._original, theirs, mine), chosen)
        return self.conflict

    @Slot()
    def print_receipt(self) -> None:
        """Generate the 受理回执 into the case file and open it in Word/WPS for printing."""
        if self.saved_case_id is not None:
            open_generated_letter(self, self.ctx, self.saved_case_id, "receipt")

    @Slot()
    def start_another(self) -> None:
        self.form.load(CaseForm(**{**self.form.form_data().__dict__, **_blank()}))
        self._acknowledged = []
        self.warning_frame.hide()
        self.save_button.setText(self.tr("保存登记"))
        self.saved_case_id = None
        self.pages.setCurrentIndex(0)
        self.guard.mark_clean()
        self.form.applicant_name.setFocus()


def _blank() -> dict[str, object]:
    """Fields to empty for the next registration; channel and dates stay as a batch usually shares them."""
    return {n: "" for n in ("applicant_name", "id_number", "legal_representative", "contact_person", "phone",
                            "email", "address", "postcode", "agent_name", "agent_id_number", "agent_phone",
                            "content", "info_reference", "remarks")} | {"has_power_of_attorney": False}
