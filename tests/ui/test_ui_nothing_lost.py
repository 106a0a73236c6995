"""Nothing typed is lost, and the keyboard reaches everything (issue 19): Esc, 取消, the close button
and Ctrl+Q ask before typed content is thrown away; the registration form is walked by Tab alone,
starting on 申请人; warnings follow corrections (issue 17)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from app.auth.roles import Role
from tests.ui.date_typing import activate, type_text
from tests.ui_cases._intake import WRONG_CHECK_DIGIT_ID, fill_request
from ui.cases.intake_dialog import IntakeDialog
from ui.context import AppContext

pytestmark = pytest.mark.gui


@pytest.fixture
def clerk_ctx(make_ctx) -> AppContext:  # type: ignore[no-untyped-def]
    return make_ctx("wangfang", Role.DISCLOSURE_STAFF, display_name="王芳")


def _question() -> QMessageBox | None:
    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
    return boxes[0] if boxes else None


def _answer(box: QMessageBox, text: str) -> None:
    button = next(b for b in box.buttons() if b.text() == text)
    assert isinstance(button, QPushButton)
    button.click()


def _open_intake(qtbot: QtBot, ctx: AppContext) -> IntakeDialog:
    dialog = IntakeDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    activate(dialog)
    return dialog


def test_focus_starts_on_the_applicant_name(qtbot: QtBot, clerk_ctx: AppContext) -> None:
    dialog = _open_intake(qtbot, clerk_ctx)
    assert QApplication.focusWidget() is dialog.form.applicant_name


@pytest.mark.parametrize("how", ["esc", "cancel", "close"])
def test_leaving_with_typed_content_asks_first(qtbot: QtBot, clerk_ctx: AppContext, how: str) -> None:
    dialog = _open_intake(qtbot, clerk_ctx)
    type_text(dialog.form.applicant_name, "zhang")
    leave = {"esc": lambda: QTest.keyClick(dialog.form.applicant_name, Qt.Key.Key_Escape),
             "cancel": dialog.cancel_button.click, "close": dialog.close}[how]
    leave()
    box = _question()
    assert box is not None and "尚未保存" in box.text() and dialog.isVisible()
    _answer(box, "继续填写")
    assert dialog.isVisible() and dialog.form.applicant_name.text() == "zhang"
    leave()
    box = _question()
    assert box is not None
    _answer(box, "放弃")
    assert not dialog.isVisible()


def test_an_untouched_form_closes_without_a_question(qtbot: QtBot, clerk_ctx: AppContext) -> None:
    dialog = _open_intake(qtbot, clerk_ctx)
    QTest.keyClick(dialog.form.applicant_name, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and _question() is None


def test_quitting_the_program_asks_about_an_open_form(qtbot: QtBot, clerk_ctx: AppContext, tmp_path: Path) -> None:
    from ui.main_window import MainWindow

    window = MainWindow(clerk_ctx, settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat),
                        idle_timeout=0)
    qtbot.addWidget(window)
    window.show()
    dialog = _open_intake(qtbot, clerk_ctx)
    type_text(dialog.form.applicant_name, "li")
    assert not window.close()  # what Ctrl+Q (文件 → 退出) does
    box = _question()
    assert box is not None and window.isVisible() and dialog.isVisible()
    _answer(box, "放弃")
    assert not dialog.isVisible()
    assert window.close()


def test_tab_alone_walks_the_registration_form_and_never_types_a_tab(qtbot: QtBot, clerk_ctx: AppContext) -> None:
    dialog = _open_intake(qtbot, clerk_ctx)
    form = dialog.form
    seen = []
    for _ in range(60):
        widget = QApplication.focusWidget()
        assert widget is not None
        seen.append(widget)
        if widget is dialog.save_button:
            break
        QTest.keyClick(widget, Qt.Key.Key_Tab)
    reached = set(seen)
    for field in (form.applicant_name, form.id_number, form.phone, form.address, form.content,
                  form.submitted_on, dialog.save_button):
        assert field in reached, field.objectName()
    assert "\t" not in form.content.toPlainText()
    # The natural order: who applies before what is asked.
    assert seen.index(form.applicant_name) < seen.index(form.id_number) < seen.index(form.content)


def test_an_id_warning_disappears_once_the_number_is_corrected(qtbot: QtBot, clerk_ctx: AppContext) -> None:
    dialog = _open_intake(qtbot, clerk_ctx)
    form = dialog.form
    fill_request(form, WRONG_CHECK_DIGIT_ID, phone="13800138000")
    dialog.save_button.click()
    assert not dialog.warning_frame.isHidden() and "校验" in dialog.warnings.text()
    form.id_number.selectAll()
    type_text(form.id_number, "11010519491231002X")
    qtbot.waitUntil(lambda: dialog.warning_frame.isHidden(), timeout=3000)
    assert dialog.save_button.text() == "保存登记"
