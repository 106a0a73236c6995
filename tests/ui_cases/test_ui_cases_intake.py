"""The registration form: the date rule by channel, warnings that do not block, errors, corrections."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from sqlalchemy import func, select

from app.cases.enums import Channel
from app.cases.models import RequestCase
from tests.ui_cases._intake import WRONG_CHECK_DIGIT_ID, fill_request
from ui.cases.intake_dialog import IntakeDialog
from ui.cases.intake_form import IntakeForm, to_qdate

pytestmark = pytest.mark.gui


def _count(db) -> int:
    with db.session_factory() as s:
        return int(s.scalar(select(func.count(RequestCase.id))) or 0)


@pytest.mark.parametrize(("channel", "label", "uses_channel_date"), [
    (Channel.IN_PERSON, "", False),
    (Channel.LETTER_REGISTERED, "签收日期", True),
    (Channel.LETTER_ORDINARY, "与申请人确认日期", True),
    (Channel.INTERNET, "双方确认日期", True),
    (Channel.FAX, "双方确认日期", True),
])
def test_the_channel_decides_which_date_is_asked(qtbot, channel, label, uses_channel_date) -> None:
    today = date.today()
    form = IntakeForm(today=today)
    qtbot.addWidget(form)
    form.channel.setCurrentIndex(form.channel.findData(channel))
    form.submitted_on.setDate(to_qdate(today - timedelta(days=5)))
    form.channel_date.setDate(to_qdate(today - timedelta(days=2)))
    assert form.channel_date.isHidden() is not uses_channel_date
    if label:
        assert form.channel_date_label.text() == f"{label}："
    expected = today - timedelta(days=2 if uses_channel_date else 5)
    assert form.received_on.text() == expected.isoformat()
    assert "第三十一条" in form.rule_text.text()
    data = form.form_data()
    assert data.channel is channel
    assert (data.channel_date is not None) is uses_channel_date


def test_warnings_are_shown_but_do_not_block(qtbot, db, ctx, boxes) -> None:
    dlg = IntakeDialog(ctx)
    qtbot.addWidget(dlg)
    dlg.show()
    form = dlg.form
    fill_request(form, WRONG_CHECK_DIGIT_ID, phone="12345")  # and a phone number too short
    qtbot.mouseClick(dlg.save_button, Qt.MouseButton.LeftButton)
    assert not dlg.warning_frame.isHidden()
    text = dlg.warnings.text()
    assert "校验" in text or "身份证" in text
    assert "电话" in text or "号码" in text
    assert _count(db) == 0 and dlg.save_button.text() == "已核对，仍然保存"
    qtbot.mouseClick(dlg.save_button, Qt.MouseButton.LeftButton)
    assert _count(db) == 1 and dlg.saved_case_id is not None
    assert dlg.pages.currentWidget() is dlg.done_page
    assert boxes.texts() == []


def test_a_refused_registration_is_explained_and_saves_nothing(qtbot, db, ctx, boxes) -> None:
    dlg = IntakeDialog(ctx)
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.form.phone.setText("13800138000")
    dlg.form.content.setPlainText("申请公开县政府2025年工作报告")
    qtbot.mouseClick(dlg.save_button, Qt.MouseButton.LeftButton)
    assert any("申请人姓名" in t for t in boxes.texts()), boxes.texts()
    assert _count(db) == 0
    assert dlg.pages.currentIndex() == 0


def test_a_new_registration_keeps_channel_and_clears_the_applicant(qtbot, db, ctx, add_case) -> None:
    dlg = IntakeDialog(ctx)
    qtbot.addWidget(dlg)
    dlg.form.channel.setCurrentIndex(dlg.form.channel.findData(Channel.FAX))
    dlg.form.applicant_name.setText("赵六")
    dlg.form.phone.setText("13800138000")
    dlg.form.address.setText("锦屏县")
    dlg.form.id_number.setText("11010519491231002X")
    dlg.form.content.setPlainText("申请公开县政府2025年工作报告")
    assert dlg.save()
    dlg.start_another()
    assert dlg.form.applicant_name.text() == "" and dlg.form.content.toPlainText() == ""
    assert dlg.form.channel.currentData() == Channel.FAX


def test_correcting_the_registration_and_a_conflict(qtbot, db, ctx, add_case, boxes) -> None:
    case_id = add_case(name="李四", phone="13800138000", id_number="11010519491231002X")
    dlg = IntakeDialog(ctx, case_id=case_id)
    qtbot.addWidget(dlg)
    assert dlg.form.applicant_name.text() == "李四"
    dlg.form.phone.setText("13900139000")
    assert dlg.save()
    with db.session_factory() as s:
        case = s.get(RequestCase, case_id)
        assert case is not None and case.phone == "13900139000"

    stale = IntakeDialog(ctx, case_id=case_id)
    qtbot.addWidget(stale)
    fresh = IntakeDialog(ctx, case_id=case_id)
    qtbot.addWidget(fresh)
    fresh.form.address.setText("锦屏县敦寨镇")
    assert fresh.save()
    stale.form.phone.setText("13700137000")
    stale.form.remarks.setText("申请人来电更正电话")
    assert not stale.save()
    # Not a dead end (issue 19): the fields that differ, theirs / yours, a choice per field.
    conflict = stale.conflict
    assert conflict is not None and conflict.isVisible() and "已被其他人修改" in conflict.findChild(QLabel).text()
    assert {r.field: (r.theirs, r.yours) for r in conflict.rows} == {
        "phone": ("13900139000", "13700137000"), "address": ("锦屏县敦寨镇", "锦屏县三江镇飞山路1号"),
        "remarks": ("（空）", "申请人来电更正电话")}
    # What the clerk typed is kept by default; what only the other PC changed is taken from it.
    assert conflict.mine["phone"].isChecked() and conflict.theirs["address"].isChecked()
    conflict.theirs["remarks"].setChecked(True)  # on second thoughts: no remark
    with db.session_factory() as s:
        case = s.get(RequestCase, case_id)
        assert case is not None and case.phone == "13900139000" and case.address == "锦屏县敦寨镇"
    qtbot.mouseClick(conflict.save_button, Qt.MouseButton.LeftButton)
    assert boxes.texts() == []
    with db.session_factory() as s:
        case = s.get(RequestCase, case_id)
        assert case is not None
        assert (case.phone, case.address, case.remarks) == ("13700137000", "锦屏县敦寨镇", "")
    assert stale.result() == stale.DialogCode.Accepted


def test_an_ordinary_letter_records_its_arrival_and_a_late_confirmation_warns(qtbot, db, ctx, boxes) -> None:
    today = date.today()
    dlg = IntakeDialog(ctx)
    qtbot.addWidget(dlg)
    dlg.show()
    form = dlg.form
    form.channel.setCurrentIndex(form.channel.findData(Channel.LETTER_ORDINARY))
    assert not form.letter_arrived_on.isHidden()
    form.applicant_name.setText("张三")
    form.id_number.setText("11010519491231002X")
    form.phone.setText("13800138000")
    form.address.setText("锦屏县三江镇")
    form.content.setPlainText("申请公开县政府2025年工作报告")
    form.submitted_on.setDate(to_qdate(today - timedelta(days=6)))
    form.letter_arrived_on.setDate(to_qdate(today - timedelta(days=3)))
    form.channel_date.setDate(to_qdate(today - timedelta(days=1)))  # confirmed two days after it arrived
    qtbot.mouseClick(dlg.save_button, Qt.MouseButton.LeftButton)
    assert not dlg.warning_frame.isHidden() and "收到当日与申请人确认" in dlg.warnings.text()
    qtbot.mouseClick(dlg.save_button, Qt.MouseButton.LeftButton)
    assert dlg.saved_case_id is not None
    with db.session_factory() as s:
        case = s.get(RequestCase, dlg.saved_case_id)
        assert case is not None and case.letter_arrived_on == today - timedelta(days=3)
        assert case.received_on == today - timedelta(days=1)


def test_other_channels_hide_the_arrival_day(qtbot) -> None:
    form = IntakeForm(today=date.today())
    qtbot.addWidget(form)
    form.channel.setCurrentIndex(form.channel.findData(Channel.LETTER_REGISTERED))
    assert form.letter_arrived_on.isHidden() and form.form_data().letter_arrived_on is None
