"""Which reply types the draft may choose, and why not (app.cases.reply_facts), for the reply panel.

A reply type whose fact is not on file is greyed out in the combo with the reason as its tooltip,
and the reason is shown under the combo when such a type is current (a draft saved before the rule).
重复申请 adds a choice of the same applicant's earlier answered request, whose date and 文号 the
default text names.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QComboBox, QLabel, QWidget
from sqlalchemy.orm import Session

from app.cases.outcomes import ReplyType
from app.cases.queries import get_case
from app.cases.reply_facts import EarlierCase, availability, earlier_answered_cases
from ui.cases.actions import read
from ui.context import AppContext
from ui.style import Sheet, apply_style
from ui.translate import translator

_tr = translator("ReplyGate")


class ReplyGate:
    def __init__(self, ctx: AppContext, parent: QWidget) -> None:
        self.ctx = ctx
        self.reasons: dict[ReplyType, str | None] = {}
        self.cases: list[EarlierCase] = []
        self.earlier_label = QLabel(_tr("前次申请："), parent)
        self.earlier = QComboBox(parent)
        self.earlier.setObjectName("repeatOf")
        self.reason = QLabel(parent)
        self.reason.setObjectName("replyTypeRefused")
        self.reason.setWordWrap(True)
        apply_style(self.reason, Sheet.ERROR)

    def load(self, combo: QComboBox, case_id: int, today: date, repeat_of: str) -> None:
        def gather(s: Session) -> tuple[dict[ReplyType, str | None], list[EarlierCase]]:
            case = get_case(s, case_id)
            return availability(s, case, today), earlier_answered_cases(s, case)

        self.reasons, self.cases = read(self.ctx, gather)
        model = combo.model()
        assert isinstance(model, QStandardItemModel)
        for row in range(combo.count()):
            why = self.reasons.get(ReplyType(combo.itemData(row)))
            item = model.item(row)
            item.setEnabled(why is None)
            item.setToolTip(why or "")
        self.earlier.clear()
        for e in self.cases:
            self.earlier.addItem(e.label, e.case_no)
        if repeat_of:
            self.earlier.setCurrentIndex(max(0, self.earlier.findData(repeat_of)))

    def show_for(self, reply_type: ReplyType) -> None:
        why = self.reasons.get(reply_type)
        self.reason.setText(_tr("不能选择此答复类型：{why}").format(why=why) if why else "")
        self.reason.setVisible(bool(why))
        repeated = reply_type is ReplyType.REPEATED
        self.earlier.setVisible(repeated)
        self.earlier_label.setVisible(repeated)

    def allowed(self, reply_type: ReplyType) -> bool:
        return self.reasons.get(reply_type) is None

    def repeat_of(self) -> str:
        data = self.earlier.currentData()
        return str(data) if data else ""

    def earlier_facts(self) -> tuple[date, str] | None:
        chosen = next((e for e in self.cases if e.case_no == self.repeat_of()), None)
        return (chosen.replied_on, chosen.reply_doc_no) if chosen else None


def first_allowed(combo: QComboBox) -> None:
    """Move off a greyed-out type (a fresh draft must not start on one)."""
    model = combo.model()
    assert isinstance(model, QStandardItemModel)
    if model.item(combo.currentIndex()).flags() & Qt.ItemFlag.ItemIsEnabled:
        return
    for row in range(combo.count()):
        if model.item(row).flags() & Qt.ItemFlag.ItemIsEnabled:
            combo.setCurrentIndex(row)
            return
