"""Fees in the GUI: the 计算 helper and payment deadline of the fee notice, and the 逾期未缴费办结 button."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QComboBox, QLabel, QSpinBox

from app.cases.enums import CaseStatus
from app.cases.fees import FeeMethod, record_fee_notice_received
from app.cases.handling import record_fee_notice
from app.cases.outcomes import Outcome, ReplyType
from tests.ui_cases._dialogs import dialog_from
from tests.ui_cases._support import click_ok, show_detail, started_case, stored_case
from ui.date_field import DateField

pytestmark = pytest.mark.gui

NOTICE = date(2024, 9, 20)
DUE = date(2024, 10, 23)  # the 20th working day after the notice, across the National Day holiday


def _started(db, clerk, add_case) -> int:
    return started_case(db, clerk, add_case, today=NOTICE, submitted_on=date(2024, 9, 2))


def _noticed(db, clerk, add_case, received: bool = True) -> int:
    case_id = _started(db, clerk, add_case)
    with db.session_factory.begin() as s:
        record_fee_notice(s, clerk, case_id, NOTICE, "per_page", 40, today=NOTICE)
        if received:  # handed over in person the same day
            record_fee_notice_received(s, clerk, case_id, NOTICE, today=NOTICE)
    return case_id


def test_fee_notice_computes_the_amount_and_shows_the_deadline(qtbot, db, ctx, clerk, add_case) -> None:
    case_id = _started(db, clerk, add_case)
    panel = show_detail(qtbot, ctx, case_id, NOTICE).handling
    assert not panel.unpaid_button.isEnabled()
    dlg = dialog_from(qtbot, panel, panel.fee_button)
    deadline = dlg.findChild(QLabel, "feeDeadline")
    assert deadline is not None and "2024年10月23日" in deadline.text()
    notice = dlg.fields["notice_on"]
    assert isinstance(notice, DateField)
    notice.setDate(QDate(2024, 9, 19))  # a day earlier: 10/22
    assert "2024年10月22日" in deadline.text()
    notice.setDate(QDate(2024, 9, 20))

    method, count = dlg.fields["method"], dlg.fields["count"]
    assert isinstance(method, QComboBox) and isinstance(count, QSpinBox)
    basis = dlg.findChild(QLabel, "feeBasis")
    assert basis is not None and "amount" not in dlg.fields  # no amount to type in
    method.setCurrentIndex(method.findData(FeeMethod.PER_REQUEST))
    earlier = dlg.fields["earlier"]
    assert isinstance(earlier, QLabel) and "0 件" in earlier.text()  # counted from the file, not typed
    count.setValue(1)
    assert "本件为第1件" in basis.text() and "不能收费" in basis.text()
    method.setCurrentIndex(method.findData(FeeMethod.PER_PAGE))
    assert dlg.form.isRowVisible(earlier) is False  # pages do not accumulate over the month
    count.setValue(250)
    # 30 × 0 + 70 × 10 + 100 × 20 + 50 × 40 = 4700 元
    assert basis.text() == "按量计收：本件250页＝30页×0元＋70页×10元＋100页×20元＋50页×40元＝4700元"
    click_ok(qtbot, dlg)
    assert not dlg.isVisible()
    case = stored_case(db, case_id)
    assert case.fee_notice_on == NOTICE and case.fee_amount == Decimal("4700.00")
    assert (case.fee_method, case.fee_units, case.fee_working) == ("per_page", 250, basis.text())
    assert "缴费期限至 2024-10-23" in panel.fee.text() and "尚未缴费" in panel.fee.text()


def test_a_fee_within_the_free_thresholds_is_refused(qtbot, db, ctx, clerk, add_case, boxes) -> None:
    case_id = _started(db, clerk, add_case)
    panel = show_detail(qtbot, ctx, case_id, NOTICE).handling
    dlg = dialog_from(qtbot, panel, panel.fee_button)
    method, count = dlg.fields["method"], dlg.fields["count"]
    assert isinstance(method, QComboBox) and isinstance(count, QSpinBox)
    method.setCurrentIndex(method.findData(FeeMethod.PER_PAGE))
    count.setValue(30)
    click_ok(qtbot, dlg)
    assert dlg.isVisible() and any("未超过免费标准" in t for t in boxes.texts())
    assert stored_case(db, case_id).fee_notice_on is None


def test_unpaid_close_button_waits_for_the_deadline(qtbot, db, ctx, clerk, add_case) -> None:
    case_id = _noticed(db, clerk, add_case)
    panel = show_detail(qtbot, ctx, case_id, DUE).handling
    assert not panel.unpaid_button.isEnabled()  # the last day to pay

    detail = show_detail(qtbot, ctx, case_id, date(2024, 10, 24))
    panel = detail.handling
    assert panel.unpaid_button.isEnabled() and "逾期未缴费" in panel.fee.text()
    dlg = dialog_from(qtbot, panel, panel.unpaid_button)
    assert any("2024年10月23日" in label.text() for label in dlg.findChildren(QLabel))
    click_ok(qtbot, dlg)
    assert not dlg.isVisible()
    case = stored_case(db, case_id)
    assert case.status == CaseStatus.CLOSED.value and case.reply_type == ReplyType.FEE_UNPAID.value
    assert (case.outcome, case.outcome_detail, case.replied_on) == (Outcome.OTHER.value, 1, date(2024, 10, 24))
    assert not panel.unpaid_button.isEnabled() and not panel.paid_button.isEnabled()


def test_a_refused_close_keeps_the_dialog_open(qtbot, db, ctx, clerk, add_case, boxes) -> None:
    case_id = _noticed(db, clerk, add_case)
    panel = show_detail(qtbot, ctx, case_id, date(2024, 10, 24)).handling
    dlg = dialog_from(qtbot, panel, panel.unpaid_button)
    closed_on = dlg.fields["closed_on"]
    assert isinstance(closed_on, DateField)
    closed_on.setDate(QDate(2024, 10, 23))  # still within the payment period
    click_ok(qtbot, dlg)
    assert dlg.isVisible() and any("尚未届满" in t for t in boxes.texts())
    assert stored_case(db, case_id).status == CaseStatus.IN_PROGRESS.value


def test_the_unpaid_close_asks_for_the_notice_receipt_first(qtbot, db, ctx, clerk, add_case, boxes) -> None:
    case_id = _noticed(db, clerk, add_case, received=False)
    panel = show_detail(qtbot, ctx, case_id, date(2024, 10, 28)).handling
    assert "送达日期未登记" in panel.fee.text()
    qtbot.mouseClick(panel.unpaid_button, Qt.MouseButton.LeftButton)
    click_ok(qtbot, panel.dialog)
    assert panel.dialog is not None and panel.dialog.isVisible()
    assert any("尚未登记申请人收到收费通知的日期" in t for t in boxes.texts())
    boxes.close()
    panel.dialog.reject()
    dlg = dialog_from(qtbot, panel, panel.fee_received_button)
    received = dlg.fields["received_on"]
    assert isinstance(received, DateField)
    received.setDate(QDate(2024, 9, 23))  # Mon: 20 working days → 9/24–27 (4), Sun 9/29 (5), 9/30 (6),
    click_ok(qtbot, dlg)  # [10/1–7 off], 10/8–11 (10), Sat 10/12 (11), 10/14–18 (16), 10/21–24 (20) → Thu 10/24
    assert not dlg.isVisible()
    assert "2024-09-23 送达申请人" in panel.fee.text() and "缴费期限至 2024-10-24" in panel.fee.text()
    assert stored_case(db, case_id).fee_notice_received_on == date(2024, 9, 23)


def test_fee_letter_button_generates_the_notice_or_names_what_is_missing(
    qtbot, db, ctx, clerk, add_case, org_filled, opened, boxes
) -> None:
    from docx import Document

    from app.context import Actor
    from app.settings import set_setting

    case_id = _started(db, clerk, add_case)
    panel = show_detail(qtbot, ctx, case_id, NOTICE).handling
    assert not panel.fee_letter_button.isEnabled()  # no fee recorded: nothing to print
    with db.session_factory.begin() as s:
        record_fee_notice(s, clerk, case_id, NOTICE, "per_page", 40, today=NOTICE)
    panel = show_detail(qtbot, ctx, case_id, NOTICE).handling
    assert panel.fee_letter_button.isEnabled()

    # The office has not said how to pay yet: refused in Chinese, nothing opened.
    qtbot.mouseClick(panel.fee_letter_button, Qt.MouseButton.LeftButton)
    assert not opened and any("[缴费方式]" in t and "信息处理费缴费方式" in t for t in boxes.texts())
    boxes.close()

    with db.session_factory.begin() as s:
        set_setting(s, Actor.system(), "cases.fee_payment_method", "到锦屏县政务服务中心收费窗口现金缴纳")
    qtbot.mouseClick(panel.fee_letter_button, Qt.MouseButton.LeftButton)
    assert opened and opened[-1].name.startswith("政府信息公开信息处理费收费通知书"), boxes.texts()
    text = "\n".join(p.text for p in Document(str(opened[-1])).paragraphs)
    # 40 pages: 30 free + 10 × 10元 = 100元.
    assert "应缴金额：人民币100元（大写：壹佰元整）" in text
    assert "到锦屏县政务服务中心收费窗口现金缴纳" in text
    assert stored_case(db, case_id).fee_doc_no in text
