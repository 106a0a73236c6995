"""A clerk takes a case from intake to archive in the GUI alone (issue 3, "done means")."""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from sqlalchemy import select

from app.audit.models import AuditEntry
from app.cases.archive import ITEMS_BY_CODE
from app.cases.enums import CaseStatus, Channel
from app.cases.models import RequestCase
from app.cases.outcomes import ReplyType
from app.signoff.service import signoffs_for
from tests.conftest import TEST_PASSWORD
from ui.cases.case_detail import CaseDetail
from ui.cases.form_dialog import FormDialog
from ui.cases.tab import CasesTab

pytestmark = pytest.mark.gui

VALID_ID = "11010519491231002X"  # the check digit is right


def _status(db, case_id: int) -> CaseStatus:
    with db.session_factory() as s:
        case = s.get(RequestCase, case_id)
        assert case is not None
        return CaseStatus(case.status)


def _sign(qtbot, dialog, username: str) -> None:
    assert dialog is not None and dialog.isVisible()
    qtbot.keyClicks(dialog.username, username)
    qtbot.keyClicks(dialog.password, TEST_PASSWORD)
    qtbot.mouseClick(dialog.approve_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible(), dialog.message.text()


def _click(qtbot, button: QPushButton) -> None:
    assert button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _add_document(qtbot, detail: CaseDetail, code: str, tmp_path: Path) -> None:
    dlg = detail.documents.add_dialog()
    assert isinstance(dlg, FormDialog)
    combo = dlg.fields["category"]
    combo.setCurrentIndex(combo.findData(code))  # type: ignore[attr-defined]
    scan = tmp_path / f"{code}.pdf"
    scan.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Page >> endobj\n%%EOF\n")
    dlg.fields["path"].setText(str(scan))  # type: ignore[attr-defined]
    _click(qtbot, dlg.ok_button)
    assert not dlg.isVisible()


def test_intake_to_archive_in_the_gui(qtbot, request, db, ctx, leaders, opened, boxes, answers, tmp_path) -> None:
    tab = CasesTab(ctx)
    qtbot.addWidget(tab)
    tab.resize(1300, 860)
    tab.show()

    # -- 登记 ------------------------------------------------------------------------------
    intake = tab.new_case()
    form = intake.form
    form.channel.setCurrentIndex(form.channel.findData(Channel.LETTER_REGISTERED))
    assert form.channel_date_label.text() == "签收日期：" and not form.channel_date.isHidden()
    assert "签收之日" in form.rule_text.text()
    form.channel.setCurrentIndex(form.channel.findData(Channel.IN_PERSON))
    assert form.channel_date.isHidden()
    assert form.received_on.text() == date.today().isoformat()
    form.applicant_name.setText("张三")  # QTest types ASCII only; Chinese text is set directly
    qtbot.keyClicks(form.id_number, VALID_ID)
    qtbot.keyClicks(form.phone, "13800138000")
    form.address.setText("锦屏县三江镇飞山路1号")
    form.content.setPlainText("申请公开2023年锦屏县城区道路改造工程的招标文件及中标结果")
    _click(qtbot, intake.save_button)
    if not intake.warning_frame.isHidden():  # warnings never block: a second click saves
        _click(qtbot, intake.save_button)
    assert intake.saved_case_id is not None, boxes.texts()
    case_id = intake.saved_case_id
    assert intake.saved_case_no in intake.done_text.text()
    # Without the office's address the letter is refused, in Chinese, and nothing is stored.
    _click(qtbot, intake.receipt_button)
    assert not opened and any("机关地址" in t for t in boxes.texts()), boxes.texts()
    boxes.close()
    request.getfixturevalue("org_filled")
    _click(qtbot, intake.receipt_button)
    assert opened and opened[-1].suffix == ".docx", boxes.texts()
    _click(qtbot, intake.close_button)

    # The case is in the list, selected, and shown below.
    assert tab.model.row_of_case(case_id) >= 0
    assert tab.detail.case_id == case_id
    detail = tab.detail
    assert detail.case_no.text() == intake.saved_case_no
    assert "答复期限" in detail.due.text()
    box = detail.show_deadline()
    assert box is not None and "20 个工作日" in box.text.toPlainText()
    box.close()

    # -- 办理 → 答复 --------------------------------------------------------------------------
    _click(qtbot, detail.start_button)
    assert _status(db, case_id) is CaseStatus.IN_PROGRESS
    reply = detail.reply
    reply.reply_type.setCurrentIndex(reply.reply_type.findData(ReplyType.DISCLOSABLE))
    assert "第三十六条" in reply.body.toPlainText()  # prefilled with the default wording
    assert "（一）予以公开" in reply.outcome_label.text()
    _click(qtbot, reply.save_draft_button)
    assert _status(db, case_id) is CaseStatus.AWAITING_APPROVAL

    reply.justice_opinion.setText("经审核，答复内容合法，同意答复。")
    _click(qtbot, reply.justice_button)
    assert "✓" in reply.justice_status.text()

    # The clerk cannot sign; the principal leader cannot go first.
    assert not reply.approval_buttons["principal_leader"].isEnabled()
    _click(qtbot, reply.approval_buttons["leader_in_charge"])
    dialog = reply.sign_dialog
    assert dialog is not None
    qtbot.keyClicks(dialog.username, "clerk")
    qtbot.keyClicks(dialog.password, TEST_PASSWORD)
    qtbot.mouseClick(dialog.approve_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and "分管领导" in dialog.message.text()
    dialog.reject()

    _click(qtbot, reply.approval_buttons["leader_in_charge"])
    _sign(qtbot, reply.sign_dialog, "fenguan")
    _click(qtbot, reply.approval_buttons["principal_leader"])
    _sign(qtbot, reply.sign_dialog, "zhuyao")
    with db.session_factory() as s:
        assert {x.step for x in signoffs_for(s, "request_case", case_id)} == {"leader_in_charge", "principal_leader"}

    qtbot.keyClicks(reply.tracking_no, "EA123456789CN")
    _click(qtbot, reply.send_button)
    assert "已于" in reply.send_status.text() and "依复" in reply.send_status.text()
    _click(qtbot, reply.deliver_button)
    assert _status(db, case_id) is CaseStatus.CLOSED
    assert detail.archive_button.isVisible()

    # -- 归档: refused while mandatory items are missing; nothing changes --------------------
    _click(qtbot, detail.archive_button)
    texts = boxes.texts()
    assert any("尚缺以下必备存档材料" in t for t in texts), texts
    boxes.close()
    assert _status(db, case_id) is CaseStatus.CLOSED

    detail.show_panel(detail.documents)
    missing = [r.code for r in detail.view.checklist if r.missing]  # type: ignore[union-attr]
    assert "reply_letter" in missing and "original_request" in missing
    assert detail.documents.make_letter("reply") is not None, boxes.texts()
    for code in missing:
        if code != "reply_letter":
            _add_document(qtbot, detail, code, tmp_path)
    assert "已齐全" in detail.documents.missing.text(), detail.documents.missing.text()
    assert [r for r in detail.view.checklist if r.missing] == []  # type: ignore[union-attr]
    assert all(code in ITEMS_BY_CODE for code in missing)

    _click(qtbot, detail.archive_button)
    assert _status(db, case_id) is CaseStatus.ARCHIVED, boxes.texts()
    assert detail.status.text() == "已归档"
    row = tab.model.row_of_case(case_id)
    assert tab.model.index(row, 1).data() == "已归档"
    assert detail.flowchart.current_steps() == set()

    # -- 打印副本: the archived reply printed again from the original, marked 副本 ---------------
    import io

    from docx import Document

    docs = detail.documents
    assert not docs.letter_button.isEnabled()  # the archive is read-only: no new letters
    reply_row = next(i for i, d in enumerate(docs.documents.rows) if d.letter_kind == "reply")
    upload_row = next(i for i, d in enumerate(docs.documents.rows) if not d.letter_kind)
    docs.doc_table.selectRow(upload_row)
    assert not docs.copy_button.isEnabled()  # an upload has no issued original
    docs.doc_table.selectRow(reply_row)
    assert docs.copy_button.isEnabled()
    before = len(opened)
    _click(qtbot, docs.copy_button)
    assert len(opened) == before + 1 and opened[-1].name.endswith("（副本）.docx"), boxes.texts()
    copy = Document(io.BytesIO(opened[-1].read_bytes()))
    assert any("副本" in p.text for s in copy.sections for p in s.header.paragraphs)
    with db.session_factory() as s:
        number = s.get_one(RequestCase, case_id).reply_doc_no
    assert number and any(number in p.text for p in copy.paragraphs)
    assert _status(db, case_id) is CaseStatus.ARCHIVED

    # -- 办理单 of the archived case: printed, not filed ---------------------------------------------
    filed = len(docs.documents.rows)
    assert docs.form_button.isEnabled()
    _click(qtbot, docs.form_button)
    assert opened[-1].name == "政府信息公开申请办理单.docx", boxes.texts()
    assert len(docs.documents.rows) == filed

    # -- 导出案卷: the panel runs the export use case; the zip is read back, the export audited ------
    handle = detail.documents.export_to(tmp_path / "案卷.zip")
    qtbot.waitUntil(lambda: handle.is_finished, timeout=20_000)
    assert handle.error is None, boxes.texts()
    with zipfile.ZipFile(tmp_path / "案卷.zip") as zf:
        names = zf.namelist()
    assert names[0] == "卷内目录.docx" and len(names) == 1 + len(detail.documents.documents.rows)
    with db.session_factory() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "export",
                                                   AuditEntry.record_type == "request_case")).one()
    assert entry.record_id == str(case_id) and "案卷.zip" in entry.summary
