"""At start: tell the user plainly when the audit trail was found cut short or rewritten.

The program then stays usable read-only (app.audit.service.record refuses changes); the
administrator reads `govinfo-desk audit verify` and re-seals with `govinfo-desk audit reseal`.
"""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox

from app.audit.models import AuditHead
from app.audit.service import READ_ONLY_HINT, head_problem
from app.bootstrap import Database
from ui.messages import show_error

log = logging.getLogger(__name__)


def audit_problem(db: Database) -> str | None:
    with db.session_factory() as session:
        return head_problem(session, session.get(AuditHead, 1))


def warn_if_tampered(db: Database, window: QMainWindow) -> QMessageBox | None:
    """A non-blocking warning and a lasting status-bar note; None when the trail's end is sound."""
    try:
        problem = audit_problem(db)
    except Exception:  # a damaged page: the daily check and `audit verify` report it
        log.exception("Could not check the audit trail's end")
        return None
    if problem is None:
        return None
    log.error("Audit trail tampering suspected: %s", problem)
    window.statusBar().showMessage(QApplication.translate("audit_warning", "审计记录疑似被篡改，系统只读"))
    return show_error(window, problem + READ_ONLY_HINT,
                      title=QApplication.translate("audit_warning", "审计记录疑似被篡改"))
