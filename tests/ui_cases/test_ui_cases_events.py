"""Handling events in the GUI: 补正, consultations, extension via sign-off, fees, return, reopen."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session

from app.annual.compute import part4
from app.bootstrap import Database
from app.cases import reply
from app.cases.enums import CaseStatus, ConsultationKind, LitigationKind, RemedyResult
from app.cases.handling import start_handling
from app.cases.models import RequestCase
from app.cases.outcomes import ReplyType
from app.cases.remedies import record_litigation
from app.cases.reply_text import default_reply_body
from app.context import Actor
from app.errors import ValidationError
from tests.cases._support import approve_as_seen, review_as_seen
from tests.conftest import TEST_PASSWORD
from tests.ui_cases._dialogs import clerk_refused_then_leader_approves, dialog_from, shown_started_case
from tests.ui_cases._support import click_ok, set_field, show_detail, started_case, stored_case
from ui.cases.case_detail import CaseDetail
from ui.cases.reply_panel import ReplyPanel
from ui.context import AppContext
from ui.date_field import DateField
from ui.signoff_dialog import SignOffDialog

pytestmark = pytest.mark.gui


def _reviewed_draft(s: Session, clerk: Actor, case_id: int, reviewed_on: date) -> None:
    """A 不存在 reply in its default wording, drafted and passed by the 司法局 on `reviewed_on`."""
    body = default_reply_body(ReplyType.NOT_EXIST, None, s.get(RequestCase, case_id))
    reply.save_reply_draft(s, clerk, case_id, ReplyType.NOT_EXIST, None, body)
    review_as_seen(s, clerk, case_id, reviewed_on, "同意")


def _awaiting_approval(db: Database, clerk: Actor, add_case: Callable[..., int]) -> int:
    """A case started today whose reply the 司法局 passed today: it waits for the leaders."""
    case_id = started_case(db, clerk, add_case)
    with db.session_factory.begin() as s:
        _reviewed_draft(s, clerk, case_id, date.today())
    return case_id


def _leader_signing(qtbot: QtBot, panel: ReplyPanel) -> SignOffDialog:
    """The 分管领导 step's sign-off dialog, opened from the reply panel, with 陈军's name and password typed."""
    qtbot.mouseClick(panel.approval_buttons["leader_in_charge"], Qt.MouseButton.LeftButton)
    sign = panel.sign_dialog
    assert sign is not None
    sign.username.setText("fenguan")
    sign.password.setText(TEST_PASSWORD)
    return sign


def _closed_case(db: Database, clerk: Actor, leaders: tuple[Actor, Actor], add_case: Callable[..., int]) -> int:
    """A case answered today: reviewed, approved by both leaders, sent by e-mail and delivered."""
    leader, principal = leaders
    case_id = started_case(db, clerk, add_case)
    today = date.today()
    with db.session_factory.begin() as s:
        _reviewed_draft(s, clerk, case_id, today)
        approve_as_seen(s, leader, case_id, reply.STEP_LEADER, "")
        approve_as_seen(s, principal, case_id, reply.STEP_PRINCIPAL, "")
        reply.send_reply(s, clerk, case_id, today, reply.DeliveryMethod.EMAIL, "")
        reply.record_delivery(s, clerk, case_id, today)
    return case_id


def test_correction_notice_pauses_and_the_supplement_restarts(qtbot, db, ctx, clerk, add_case) -> None:
    case_id, detail = shown_started_case(qtbot, db, ctx, clerk, add_case)
    panel = detail.handling
    dlg = dialog_from(qtbot, panel, panel.correction_button)
    assert any("7 个工作日内" in label.text() for label in dlg.findChildren(QLabel))
    set_field(dlg, "items", "1. 请明确所需文件的名称或文号")
    click_ok(qtbot, dlg)
    assert not dlg.isVisible()
    assert stored_case(db, case_id).status == CaseStatus.AWAITING_CORRECTION.value
    assert "等待补正" in detail.due.text()
    assert "handle_correction" in detail.flowchart.current_steps()
    assert not panel.correction_button.isEnabled() and panel.received_button.isEnabled()

    qtbot.mouseClick(panel.received_button, Qt.MouseButton.LeftButton)
    click_ok(qtbot, panel.dialog)
    case = stored_case(db, case_id)
    assert case.status == CaseStatus.IN_PROGRESS.value and case.correction_received_on == date.today()
    assert "重新起算" in panel.correction.text()


def test_third_party_consultation_records_opinion_and_decision(
    qtbot, db, ctx, clerk, add_case, boxes, org_filled, opened,
) -> None:
    _case_id, detail = shown_started_case(qtbot, db, ctx, clerk, add_case)
    panel = detail.handling
    dlg = dialog_from(qtbot, panel, panel.consult_button)
    set_field(dlg, "kind", ConsultationKind.THIRD_PARTY)
    set_field(dlg, "party", "锦屏县某建材有限公司")
    set_field(dlg, "matter", "是否同意公开其投标报价")
    click_ok(qtbot, dlg)
    assert panel.consultations.rowCount() == 1
    assert panel.consultations.index(0, 6).data() == "等待答复"
    assert "handle_third" in detail.flowchart.current_steps()

    panel.table.selectRow(0)
    qtbot.mouseClick(panel.letter_button, Qt.MouseButton.LeftButton)
    assert opened and "第三方意见征询书" in opened[-1].name, boxes.texts()
    assert any(d.letter_kind == "third-party" for d in detail.documents.documents.rows)
    panel.table.selectRow(0)
    answer = dialog_from(qtbot, panel, panel.answer_button)
    notes = " ".join(label.text() for label in answer.findChildren(QLabel))
    assert "视为同意公开" in notes and "条例" in notes  # the county text and the 条例 side by side
    set_field(answer, "opinion", "object")
    click_ok(qtbot, answer)  # an objection without its reasons is refused, the dialog stays open
    assert answer.isVisible() and any("理由" in t for t in boxes.texts())
    boxes.close()
    set_field(answer, "opinion_text", "涉及商业秘密")
    set_field(answer, "decision", "withhold")
    click_ok(qtbot, answer)
    assert not answer.isVisible()
    assert panel.consultations.index(0, 6).data() == "已收回"
    assert panel.consultations.index(0, 8).data() == "不予公开"


def test_extension_needs_the_approvers_signature(qtbot, db, ctx, clerk, leaders, add_case) -> None:
    case_id = started_case(db, clerk, add_case)
    due_before = stored_case(db, case_id).due_on
    detail = show_detail(qtbot, ctx, case_id)
    panel = detail.handling
    form = dialog_from(qtbot, panel, panel.extension_button)
    set_field(form, "reason", "需要调取档案室存档材料，工作量较大")
    click_ok(qtbot, form)
    sign = form.child
    assert isinstance(sign, SignOffDialog) and sign.isVisible() and form.isVisible()
    clerk_refused_then_leader_approves(qtbot, sign)  # the clerk may not approve their own extension
    assert not sign.isVisible() and not form.isVisible()
    case = stored_case(db, case_id)
    assert case.extension_notified_on == date.today()
    assert due_before is not None and case.due_on is not None and case.due_on > due_before
    assert "陈军同意" in panel.extension.text()
    assert not panel.extension_button.isEnabled()


def test_fee_notice_and_payment(qtbot, db, ctx, clerk, add_case) -> None:
    case_id, detail = shown_started_case(qtbot, db, ctx, clerk, add_case)
    panel = detail.handling
    dlg = dialog_from(qtbot, panel, panel.fee_button)
    set_field(dlg, "method", "per_page")
    count = dlg.fields["count"]
    count.setValue(40)  # type: ignore[attr-defined]  # 10 pages over the free 30 at 10 元
    click_ok(qtbot, dlg)
    assert "100" in panel.fee.text() and panel.paid_button.isEnabled()
    qtbot.mouseClick(panel.paid_button, Qt.MouseButton.LeftButton)
    click_ok(qtbot, panel.dialog)
    assert stored_case(db, case_id).fee_paid_on == date.today()


def test_a_leader_returns_the_draft_with_reasons(qtbot, db, ctx, clerk, leaders, add_case) -> None:
    case_id = _awaiting_approval(db, clerk, add_case)
    detail = show_detail(qtbot, ctx, case_id)
    panel = detail.reply
    sign = _leader_signing(qtbot, panel)
    sign.opinion.setPlainText("请补充检索范围的说明")
    qtbot.mouseClick(sign.return_button, Qt.MouseButton.LeftButton)
    assert not sign.isVisible()
    assert stored_case(db, case_id).status == CaseStatus.IN_PROGRESS.value
    assert not panel.returned.isHidden() and "请补充检索范围" in panel.returned.text()
    assert panel.save_draft_button.isEnabled()
    assert "reply_draft" in detail.flowchart.current_steps()


def test_reopen_a_closed_case_with_a_reason(qtbot, db, ctx, clerk, leaders, add_case) -> None:
    case_id = _closed_case(db, clerk, leaders, add_case)
    detail = show_detail(qtbot, ctx, case_id)
    assert not detail.reopen_button.isHidden() and detail.edit_button.isHidden()
    dlg = detail.reopen()
    click_ok(qtbot, dlg)  # no reason → refused, stays open
    assert dlg is not None and dlg.isVisible()
    set_field(dlg, "reason", "答复书送达地址有误，需重新送达")
    click_ok(qtbot, dlg)
    assert stored_case(db, case_id).status == CaseStatus.IN_PROGRESS.value
    assert detail.status.text() == "办理中"
    # Reopened: the registration can be corrected, a new draft can be written, or the case closed
    # again with the reply standing — it must never be stuck.
    assert not detail.edit_button.isHidden()
    panel = detail.reply
    assert panel.save_draft_button.isEnabled()
    assert panel.deliver_button.isEnabled() and panel.deliver_button.text() == "重新办结（原答复有效）"
    qtbot.mouseClick(panel.deliver_button, Qt.MouseButton.LeftButton)
    assert stored_case(db, case_id).status == CaseStatus.CLOSED.value


def test_a_leader_approves_on_their_own_pc(qtbot, db, clerk, leaders, add_case) -> None:
    """Signed in as the leader (not the clerk's PC): the leader's own name is not excluded."""
    leader, _principal = leaders
    case_id = _awaiting_approval(db, clerk, add_case)
    detail = show_detail(qtbot, AppContext(db=db, actor=leader), case_id)
    panel = detail.reply
    sign = _leader_signing(qtbot, panel)
    qtbot.mouseClick(sign.approve_button, Qt.MouseButton.LeftButton)
    assert not sign.isVisible()
    with db.session_factory() as s:
        assert reply.reply_approvals(s, s.get(RequestCase, case_id))["leader_in_charge"] is not None


def test_deadline_arithmetic_names_the_holidays(qtbot, ctx, add_case) -> None:
    case_id = add_case(submitted_on=date(2025, 9, 26))  # the National Day week falls in the 20 days
    detail = show_detail(qtbot, ctx, case_id)
    dlg = detail.show_deadline()
    assert dlg is not None
    text = dlg.text.toPlainText()
    assert "起算日：2025年9月26日" in text
    assert "国庆节" in text and "20 个工作日" in text
    assert "调休上班日" in text  # 2025-09-28 and 2025-10-11 were worked Sundays/Saturdays
    assert "答复期限：" in detail.due.text() and "已超期" in detail.due.text()


def test_reconsideration_and_lawsuit_are_recorded_on_a_closed_case(qtbot, db, ctx, clerk, leaders, add_case) -> None:
    case_id = _closed_case(db, clerk, leaders, add_case)
    today = date.today()
    detail = show_detail(qtbot, ctx, case_id)
    assert not detail.remedy_button.isHidden()
    dlg = detail.record_remedy()
    assert dlg is not None
    set_field(dlg, "kind", LitigationKind.AFTER_RECONSIDERATION)
    click_ok(qtbot, dlg)  # after-review lawsuit without a reconsideration: refused, stays open
    assert dlg.isVisible()
    set_field(dlg, "kind", "reconsideration")
    set_field(dlg, "result", RemedyResult.UPHELD)
    click_ok(qtbot, dlg)
    case = stored_case(db, case_id)
    assert case.reconsideration_on == today and case.reconsideration_result == RemedyResult.UPHELD.value
    assert case.status == CaseStatus.CLOSED.value
    with db.session_factory() as s:
        assert part4(s, today.year)[:5] == [1, 0, 0, 0, 1]
    with db.session_factory.begin() as s, pytest.raises(ValidationError, match="早于答复日期"):
        record_litigation(s, clerk, case_id, date(2000, 1, 1), LitigationKind.DIRECT, RemedyResult.PENDING)


def test_a_late_correction_notice_asks_for_its_reason(qtbot, db, ctx, clerk, add_case, boxes) -> None:
    # Received Mon 2024-03-04: the 7th working day after is Wed 3/13; a notice on Thu 3/14 is late.
    case_id = started_case(db, clerk, add_case, today=date(2024, 3, 4), submitted_on=date(2024, 3, 4))
    detail = CaseDetail(ctx, today=lambda: date(2024, 3, 14))
    qtbot.addWidget(detail)
    detail.show_case(case_id)
    panel = detail.handling
    dlg = dialog_from(qtbot, panel, panel.correction_button)
    assert dlg.form.isRowVisible(dlg.fields["late_reason"])
    # The period defaults to the office's minimum: 10 working days after 3/14 → 3/15, 3/18–22, 3/25–28.
    due = dlg.fields["due_on"]
    assert isinstance(due, DateField) and due.date() == QDate(2024, 3, 28)
    due.setDate(QDate(2024, 3, 15))  # one working day: refused, naming the minimum
    set_field(dlg, "items", "1. 请明确所需文件的名称")
    click_ok(qtbot, dlg)
    assert dlg.isVisible() and any("至少为告知之日起 10 个工作日" in t for t in boxes.texts())
    boxes.close()
    due.setDate(QDate(2024, 3, 28))
    click_ok(qtbot, dlg)
    assert dlg.isVisible() and any("逾期告知理由" in t for t in boxes.texts())
    boxes.close()
    set_field(dlg, "late_reason", "申请书经县信访局转来，延误")
    click_ok(qtbot, dlg)
    assert not dlg.isVisible()
    assert stored_case(db, case_id).correction_late_reason == "申请书经县信访局转来，延误"


def test_third_party_delivery_date_bounds_the_pause(qtbot, db, ctx, clerk, add_case) -> None:
    case_id = add_case(submitted_on=date(2024, 3, 4))
    with db.session_factory.begin() as s:
        start_handling(s, clerk, case_id, today=date(2024, 3, 5))
        from app.cases.handling import add_consultation

        add_consultation(s, clerk, case_id, ConsultationKind.THIRD_PARTY, "某化工公司", "环评报告",
                         date(2024, 3, 5), today=date(2024, 3, 5))
    detail = CaseDetail(ctx, today=lambda: date(2024, 3, 8))
    qtbot.addWidget(detail)
    ctx.events.changed.connect(lambda _changes: detail.reload())
    detail.show_case(case_id)
    panel = detail.handling
    assert panel.consultations.index(0, 3).data() == "未登记（暂自发出日计算）"
    assert detail.view is not None and "送达日期未登记" in detail.view.deadline_text
    panel.table.selectRow(0)
    assert panel.delivery_button.isEnabled()
    dlg = dialog_from(qtbot, panel, panel.delivery_button)
    delivered = dlg.fields["delivered_on"]
    assert isinstance(delivered, DateField)
    delivered.setDate(QDate(2024, 3, 7))
    click_ok(qtbot, dlg)
    assert not dlg.isVisible()
    # 15 working days after Thu 3/7 → Thu 3/28; the case is due on the 37th working day after 3/4,
    # Thu 2024-04-25 (worked in tests/cases/test_cases_bounded_pauses.py).
    assert panel.consultations.index(0, 3).data() == "2024-03-07"
    assert panel.consultations.index(0, 4).data() == "2024-03-28"
    assert stored_case(db, case_id).due_on == date(2024, 4, 25)


def test_a_remedy_against_no_reply_on_an_overdue_case(qtbot, db, ctx, clerk, add_case) -> None:
    # Received Mon 2024-03-04, due Mon 2024-04-01; the GUI runs on 2024-04-10.
    case_id = started_case(db, clerk, add_case, today=date(2024, 3, 4), submitted_on=date(2024, 3, 4))
    detail = CaseDetail(ctx, today=lambda: date(2024, 4, 10))
    qtbot.addWidget(detail)
    detail.show_case(case_id)
    assert not detail.remedy_button.isHidden()
    dlg = detail.record_remedy()
    assert dlg is not None
    assert any("逾期不答复" in label.text() and "2024年4月1日" in label.text() for label in dlg.findChildren(QLabel))
    on = dlg.fields["on"]
    assert isinstance(on, DateField)
    on.setDate(QDate(2024, 4, 8))
    set_field(dlg, "kind", "reconsideration")
    click_ok(qtbot, dlg)
    assert not dlg.isVisible()
    case = stored_case(db, case_id)
    assert case.reconsideration_on == date(2024, 4, 8) and case.replied_on is None


def test_consultation_notices_from_the_selected_row(qtbot, db, ctx, clerk, add_case, boxes, org_filled,
                                                   opened) -> None:
    """告知申请人 (county text 五(三)) for any outside consultation; 告知第三方 only once the office
    decided to disclose over the third party's objection (条例第三十二条)."""
    import io

    from docx import Document

    from app.cases.handling import add_consultation, answer_consultation

    case_id = started_case(db, clerk, add_case)
    with db.session_factory.begin() as s:
        c = add_consultation(s, clerk, case_id, ConsultationKind.THIRD_PARTY, "锦屏县某建材有限公司",
                             "是否同意公开其投标报价", date.today())
        cid = c.id
    detail = show_detail(qtbot, ctx, case_id)
    panel = detail.handling
    panel.table.selectRow(0)
    assert panel.notice_button.isEnabled() and not panel.disclose_notice_button.isEnabled()
    qtbot.mouseClick(panel.notice_button, Qt.MouseButton.LeftButton)
    assert opened and "征求意见告知书" in opened[-1].name, boxes.texts()
    text = "\n".join(p.text for p in Document(io.BytesIO(opened[-1].read_bytes())).paragraphs)
    assert "因该申请涉及第三方" in text and "锦屏县某建材有限公司" not in text

    with db.session_factory.begin() as s:
        answer_consultation(s, clerk, cid, date.today(), "object", "涉及商业秘密", "disclose",
                            "涉及公共资金使用，不公开将对公共利益造成重大影响")
    detail.reload()
    panel.table.selectRow(0)
    assert panel.disclose_notice_button.isEnabled()
    qtbot.mouseClick(panel.disclose_notice_button, Qt.MouseButton.LeftButton)
    assert "第三方告知书" in opened[-1].name, boxes.texts()
    text = "\n".join(p.text for p in Document(io.BytesIO(opened[-1].read_bytes())).paragraphs)
    assert "锦屏县某建材有限公司：" in text and "涉及公共资金使用" in text
