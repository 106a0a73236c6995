"""The registration warnings follow the clerk's corrections.

The warnings (ID check digit, phone, repeats …) appear when 保存登记 is pressed. They used to stay
until the next save even after the ID number was corrected, so the clerk could not tell whether
the correction was right. Once shown, they are worked out again shortly after each edit: a fixed
cause disappears at once, and with no warning left the box closes and the button reads 保存登记
again.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Slot

from app.cases.intake import intake_warnings
from app.errors import UserError
from ui.cases.actions import read
from ui.form_watch import watch_edits

if TYPE_CHECKING:
    from ui.cases.intake_dialog import IntakeDialog

log = logging.getLogger("govinfo.ui")
DELAY_MS = 300  # after the last keystroke, so each digit of an ID number does not query the database


class LiveWarnings(QObject):
    def __init__(self, dialog: IntakeDialog) -> None:
        super().__init__(dialog)
        self.dialog = dialog
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DELAY_MS)
        self.timer.timeout.connect(self.recheck)
        watch_edits(dialog.form, self._edited)

    @Slot()
    def _edited(self) -> None:
        if not self.dialog.warning_frame.isHidden():
            self.timer.start()

    @Slot()
    def recheck(self) -> None:
        d = self.dialog
        if d.warning_frame.isHidden():
            return
        try:
            form = d.form.form_data()
            found = read(d.ctx, lambda s: intake_warnings(s, form, d._today(), exclude_case_id=d.case_id))
        except UserError:
            return  # the form is mid-edit (e.g. a required field emptied); the save will say what to fix
        if not found:
            d.warning_frame.hide()
            d._acknowledged = []
            d.save_button.setText(d.tr("保存登记") if d.case_id is None else d.tr("保存修改"))
            return
        d.warnings.setText("\n".join(f"• {w}" for w in found))
