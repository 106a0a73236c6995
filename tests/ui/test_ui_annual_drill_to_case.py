"""The list behind an annual-report figure opens the case on double-click, and goes back (issue 17)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot

from app.auth.roles import Role
from app.cases.enums import ApplicantType, Channel, DeliveryMethod
from app.cases.intake import CaseForm, register_case
from ui.annual.records_dialog import RecordsDialog

pytestmark = pytest.mark.gui


def test_double_click_shows_the_case_and_back_returns_to_the_report(
        qtbot: QtBot, db, make_ctx, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from ui.main_window import MainWindow

    ctx = make_ctx("wangfang", Role.DISCLOSURE_STAFF, display_name="王芳")
    ids = []
    with db.session_factory.begin() as s:
        for name in ("张三", "李四"):
            form = CaseForm(applicant_type=ApplicantType.NATURAL, applicant_name=name, id_type="居民身份证",
                            phone="13800138000", address="锦屏县三江镇", channel=Channel.IN_PERSON,
                            submitted_on=date(2026, 11, 2), content="申请公开县政府2025年工作报告",
                            delivery_method=DeliveryMethod.POST)
            case = register_case(s, ctx.actor, form, date(2026, 11, 2))
            s.flush()
            ids.append(case.id)
    window = MainWindow(ctx, settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat), idle_timeout=0)
    qtbot.addWidget(window)
    window.show()
    reports = next(i for i, spec in enumerate(window.specs) if spec.class_name == "AnnualTab")
    window.tabs.setCurrentIndex(reports)
    dialog = RecordsDialog(ctx, "2026年：收到申请数", ids, window.tab_widget(reports))
    qtbot.addWidget(dialog)
    dialog.show()
    row = next(r for r, rec in enumerate(dialog.model.rows) if rec.id == ids[1])
    rect = dialog.table.visualRect(dialog.model.index(row, 1))
    qtbot.mouseClick(dialog.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())  # a double-click's
    qtbot.mouseDClick(dialog.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())  # first press
    cases = window.tab_widget(window.tabs.currentIndex())
    assert window.specs[window.tabs.currentIndex()].class_name == "CasesTab"
    assert cases.detail.case_id == ids[1]  # type: ignore[attr-defined]
    assert dialog.isVisible()  # the list stays, to come back to
    dialog.back_button.click()
    assert window.tabs.currentIndex() == reports
