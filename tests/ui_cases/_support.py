"""Set-up the 依申请公开 GUI tests share: a case started through the real service, the detail view
showing it (reloading on every change, as the tab does), the stored case, and filling a FormDialog."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QPlainTextEdit
from pytestqt.qtbot import QtBot

from app.bootstrap import Database
from app.cases.handling import start_handling
from app.cases.models import RequestCase
from app.context import Actor
from tests.db_support import stored
from ui.cases.case_detail import CaseDetail
from ui.cases.form_dialog import FormDialog
from ui.context import AppContext


def started_case(db: Database, clerk: Actor, add_case: Callable[..., int], *, today: date | None = None,
                 **form: object) -> int:
    """A case registered by `add_case(**form)` and taken into handling (on `today`, default today)."""
    case_id = add_case(**form)
    with db.session_factory.begin() as s:
        if today is None:
            start_handling(s, clerk, case_id)
        else:
            start_handling(s, clerk, case_id, today=today)
    return case_id


def show_detail(qtbot: QtBot, ctx: AppContext, case_id: int, today: date | None = None) -> CaseDetail:
    """The case's detail view, reloading after every change; `today` fixes the view's date."""
    detail = CaseDetail(ctx) if today is None else CaseDetail(ctx, today=lambda: today)
    qtbot.addWidget(detail)
    ctx.events.changed.connect(lambda _changes: detail.reload())
    detail.show_case(case_id)
    return detail


def stored_case(db: Database, case_id: int) -> RequestCase:
    """The case as stored now, detached from its session."""
    return stored(db, RequestCase, case_id)


def click_ok(qtbot: QtBot, dlg: FormDialog | None) -> None:
    assert dlg is not None
    qtbot.mouseClick(dlg.ok_button, Qt.MouseButton.LeftButton)


def set_field(dlg: FormDialog, name: str, value: object) -> None:
    w = dlg.fields[name]
    if isinstance(w, QComboBox):
        w.setCurrentIndex(w.findData(value))
    elif isinstance(w, QPlainTextEdit):
        w.setPlainText(str(value))
    else:
        w.setText(str(value))  # type: ignore[attr-defined]


def field_text(dlg: FormDialog, name: str) -> str:
    w = dlg.fields[name]
    return w.toPlainText() if isinstance(w, QPlainTextEdit) else w.text()  # type: ignore[attr-defined]
