"""Letters generated for a case that goes through every event, opened again with python-docx."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from docx import Document
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.auth.roles import Role
from app.bootstrap import Database
from app.cases.archive import missing_items
from app.cases.enums import ApplicantType, Channel, ConsultationKind, DeliveryMethod
from app.cases.handling import (
    add_consultation,
    answer_consultation,
    extend_deadline,
    record_correction_received,
    send_correction_notice,
)
from app.cases.intake import CaseForm, register_case
from app.cases.letters import LETTER_KINDS, generate_letter, letter_context
from app.cases.models import CaseDocument, RequestCase
from app.cases.outcomes import ReplyType
from app.cases.reply import approve_reply, record_delivery, record_justice_review, save_reply_draft, send_reply
from app.cases.reply_text import default_reply_body
from app.context import Actor
from app.errors import ValidationError
from app.numbering import DocCounter
from app.settings import set_setting
from app.signoff.service import Decision
from reports.letters import list_placeholders
from tests.seen_hashes import seen_extension, seen_reply, seen_state

TODAY = date(2024, 6, 28)
# Letters whose facts this case does not have: test_cases_fee_letter.py, test_cases_consult_notices.py,
# test_cases_excessive_outputs.py.
_ELSEWHERE = ("fee", "disclosure-notice", "excessive-ask", "excessive-later")


def _text(content: bytes, tmp_path: Path, name: str) -> str:
    path = tmp_path / f"{name}.docx"
    path.write_bytes(content)
    doc = Document(str(path))
    parts = [p.text for p in doc.paragraphs]
    parts += [cell.text for table in doc.tables for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def _office(session: Session) -> None:
    system = Actor.system()
    set_setting(session, system, "org.address", "贵州省黔东南州锦屏县三江镇政府路1号")
    set_setting(session, system, "org.phone", "0855-7222001")
    set_setting(session, system, "org.postcode", "556700")


def _register(session: Session, clerk: Actor, name: str = "张三") -> RequestCase:
    form = CaseForm(
        applicant_type=ApplicantType.NATURAL, applicant_name=name, id_type="居民身份证", phone="13985512345",
        address="锦屏县三江镇飞山路8号", postcode="556700", channel=Channel.IN_PERSON,
        submitted_on=date(2024, 5, 6), content="锦屏县城北片区棚户区改造项目征收补偿方案",
        delivery_method=DeliveryMethod.POST,
    )
    return register_case(session, clerk, form, TODAY)


@pytest.fixture
def people(make_user) -> dict[str, Actor]:
    return {
        "clerk": make_user("wangfang", Role.DISCLOSURE_STAFF, display_name="王芳"),
        "leader": make_user("chenjun", Role.LEADER_IN_CHARGE, display_name="陈军"),
        "principal": make_user("yanghua", Role.PRINCIPAL_LEADER, display_name="杨华"),
    }


def test_every_kind_generated_and_filed(db: Database, people: dict[str, Actor], tmp_path: Path) -> None:
    clerk, folder = people["clerk"], tmp_path / "templates"
    texts: dict[str, str] = {}
    with db.session_factory.begin() as s:
        _office(s)
        case = _register(s, clerk)
        cid = case.id
        texts["receipt"] = _text(generate_letter(s, clerk, cid, "receipt", folder).content, tmp_path, "receipt")
        send_correction_notice(s, clerk, cid, date(2024, 5, 8), ["请明确所需方案的项目名称", "请说明所需信息的形式"],
                               date(2024, 5, 21), today=TODAY)  # 10 working days incl. Sat 5/11
        texts["correction"] = _text(generate_letter(s, clerk, cid, "correction", folder).content, tmp_path, "c")
        record_correction_received(s, clerk, cid, date(2024, 5, 15), today=TODAY)
        third = add_consultation(s, clerk, cid, ConsultationKind.THIRD_PARTY, "贵州清水江建设工程有限公司",
                                 "是否同意公开补偿方案中涉及贵公司的补偿金额", date(2024, 5, 16), today=TODAY)
        texts["third-party"] = _text(generate_letter(s, clerk, cid, "third-party", folder).content, tmp_path, "t")
        texts["consult-notice"] = _text(generate_letter(s, clerk, cid, "consult-notice", folder).content,
                                        tmp_path, "n")
        dept = add_consultation(s, clerk, cid, ConsultationKind.DEPARTMENT, "锦屏县住房和城乡建设局",
                                "该方案是否已经批准并可以公开", date(2024, 5, 16), today=TODAY)
        texts["consultation"] = _text(generate_letter(s, clerk, cid, "consultation", folder).content, tmp_path, "d")
        extend_deadline(s, clerk, cid, date(2024, 5, 20), "所申请信息涉及多个部门，需要协调核实。", people["leader"],
                        "同意延期", today=TODAY,
                            seen_hash=seen_extension(s, cid, "所申请信息涉及多个部门，需要协调核实。"))
        texts["extension"] = _text(generate_letter(s, clerk, cid, "extension", folder).content, tmp_path, "e")
        answer_consultation(s, clerk, third.id, date(2024, 5, 24), "agree", "同意公开", "disclose", "", today=TODAY)
        answer_consultation(s, clerk, dept.id, date(2024, 5, 21), "agree", "可以公开", "", "", today=TODAY)
        case = s.get_one(RequestCase, cid)
        save_reply_draft(s, clerk, cid, ReplyType.DISCLOSABLE, None,
                         default_reply_body(ReplyType.DISCLOSABLE, None, case), today=TODAY)
        record_justice_review(s, clerk, cid, date(2024, 6, 3), "经审核，答复内容合法。", today=TODAY,
                              seen_state=seen_state(s, cid))
        approve_reply(s, people["leader"], cid, "leader_in_charge", Decision.APPROVE, "同意", today=TODAY,
                      seen_hash=seen_reply(s, cid))
        approve_reply(s, people["principal"], cid, "principal_leader", Decision.APPROVE, "同意", today=TODAY,
                      seen_hash=seen_reply(s, cid))
        send_reply(s, clerk, cid, date(2024, 6, 5), DeliveryMethod.POST, "1100123456789", today=TODAY)
        record_delivery(s, clerk, cid, date(2024, 6, 8), today=TODAY)
        reply_doc = generate_letter(s, clerk, cid, "reply", folder)
        texts["reply"] = _text(reply_doc.content, tmp_path, "reply")
        assert reply_doc.category == "reply_letter" and reply_doc.letter_kind == "reply"
        docs = s.scalars(select(CaseDocument).where(CaseDocument.case_id == cid)).all()
        # The 收费通知书 needs a fee notice this case has not had (tests/cases/test_cases_fee_letter.py);
        # the consultation notices are in tests/cases/test_cases_consult_notices.py.
        assert sorted(d.letter_kind for d in docs) == sorted(k for k in LETTER_KINDS if k not in _ELSEWHERE)
        # The letters fill their checklist items; the scans and the department's own answer do not.
        assert missing_items(s, cid) == ["依申请公开件原件（含信封）", "申请人证件及其他证明材料", "其他部门的反馈意见"]
        notices = s.scalar(select(func.max(DocCounter.last_number)).where(DocCounter.kind == "notice"))
        # correction, third party and its notice to the applicant (county text 五(三)), consultation,
        # extension; the receipt has none
        assert notices == 5
        reply_no = case.reply_doc_no

    for kind, text in texts.items():
        assert "{{" not in text and "}}" not in text, kind
        assert "[" not in text, kind
        assert "2024年5月6日" in text, kind  # 收到申请日期
        assert "锦屏县人民政府办公室" in text, kind
    for kind in ("receipt", "correction", "extension", "consultation", "reply"):
        assert "张三" in texts[kind], kind
    assert "张三" not in texts["third-party"]  # the third party is not told who asked
    assert "张三" in texts["consult-notice"] and "贵州清水江建设工程有限公司" not in texts["consult-notice"]
    assert "答复期限" in texts["receipt"] and "当面提交" in texts["receipt"]
    assert "依据《中华人民共和国政府信息公开条例》第三十一条第（一）项" in texts["receipt"]
    assert "20个工作日内（" not in texts["receipt"]  # the date is stated, not called 20 working days
    assert "请明确所需方案的项目名称" in texts["correction"] and "2024年5月21日" in texts["correction"]
    assert "锦府办依告〔2024〕1号" in texts["correction"]
    assert "需要协调核实，不能" in texts["extension"]  # the reason's own full stop was dropped
    assert "贵州清水江建设工程有限公司" in texts["third-party"]
    assert "锦屏县住房和城乡建设局" in texts["consultation"]
    assert reply_no in texts["reply"] and "2024年6月5日" in texts["reply"]
    assert "六十日内向锦屏县人民政府申请行政复议" in texts["reply"]
    assert "六个月内向锦屏县人民法院提起行政诉讼" in texts["reply"]
    assert "第三十六条第（二）项" in texts["reply"]


def test_context_has_every_placeholder_and_preview_draws_no_number(
    db: Database, people: dict[str, Actor]
) -> None:
    with db.session_factory.begin() as s:
        case = _register(s, people["clerk"])
        add_consultation(s, people["clerk"], case.id, ConsultationKind.THIRD_PARTY, "李四", "", date(2024, 5, 7),
                         today=TODAY)
        add_consultation(s, people["clerk"], case.id, ConsultationKind.DEPARTMENT, "县财政局", "", date(2024, 5, 7),
                         today=TODAY)
        # The letters took their numbers when they were recorded as sent (the third party's with its
        # notice to the applicant); previews draw none.
        issued = s.scalar(select(func.max(DocCounter.last_number)).where(DocCounter.kind == "notice"))
        assert issued == 3
        for kind in (k for k in LETTER_KINDS if k not in _ELSEWHERE):
            context = letter_context(s, case, kind, letter_date=date(2024, 5, 7))
            assert set(list_placeholders(kind)) <= set(context), kind
            assert context["落款日期"] == "2024年5月7日"
        assert letter_context(s, case, "extension")["原答复期限"]  # previewable before the extension
        assert s.scalar(select(func.max(DocCounter.last_number)).where(DocCounter.kind == "notice")) == issued
        assert letter_context(s, case, "reply")["文号"] == "草稿"  # not approved: a draft, no number


def test_refused_while_markers_remain(db: Database, people: dict[str, Actor], tmp_path: Path) -> None:
    clerk = people["clerk"]
    with db.session_factory.begin() as s:
        case = _register(s, clerk)
        with pytest.raises(ValidationError, match="机关地址"):  # the office has not entered its address
            generate_letter(s, clerk, case.id, "receipt", tmp_path)
        _office(s)
        # A draft still holding fill-in markers cannot even be submitted for review (issue 11).
        with pytest.raises(ValidationError, match=r"\[负责公开的机关名称及联系方式\]") as err:
            save_reply_draft(s, clerk, case.id, ReplyType.NOT_OURS, None,
                             default_reply_body(ReplyType.NOT_OURS, None, case), today=TODAY)
        assert err.value.field == "body" and case.reply_type == ""
        with pytest.raises(ValidationError, match="尚未选择答复类型"):
            generate_letter(s, clerk, case.id, "reply", tmp_path)
        with pytest.raises(ValidationError, match="尚未登记征求第三方意见"):
            generate_letter(s, clerk, case.id, "third-party", tmp_path)
        assert s.scalar(select(func.count()).select_from(DocCounter).where(DocCounter.kind != "case")) == 0


def test_reply_printed_before_sending_keeps_its_number(db: Database, people: dict[str, Actor], tmp_path: Path) -> None:
    clerk = people["clerk"]
    with db.session_factory.begin() as s:
        _office(s)
        case = _register(s, clerk)
        body = "经查，您申请获取的政府信息已于2024年5月10日在锦屏县人民政府门户网站主动公开。"
        save_reply_draft(s, clerk, case.id, ReplyType.ALREADY_PUBLIC, None, body, today=TODAY)
        # Printed for review before approval: a draft, "草稿" where the number goes, no number drawn.
        draft = generate_letter(s, clerk, case.id, "reply", tmp_path, letter_date=date(2024, 5, 30))
        assert case.reply_doc_no == "" and "草稿，未编号" in draft.note and draft.category == "other"
        assert "草稿" in _text(draft.content, tmp_path, "draft")
        assert s.scalar(select(func.count()).select_from(DocCounter).where(DocCounter.kind == "reply")) == 0
        record_justice_review(s, clerk, case.id, date(2024, 5, 28), "同意", today=TODAY,
                              seen_state=seen_state(s, case.id))
        approve_reply(s, people["leader"], case.id, "leader_in_charge", Decision.APPROVE, "同意", today=TODAY,
                      seen_hash=seen_reply(s, case.id))
        assert case.reply_doc_no == ""  # not issued until the last leader approves
        approve_reply(s, people["principal"], case.id, "principal_leader", Decision.APPROVE, "同意", today=TODAY,
                      seen_hash=seen_reply(s, case.id))
        assert case.reply_doc_no == "锦府办依复〔2024〕1号"
        first = generate_letter(s, clerk, case.id, "reply", tmp_path, letter_date=date(2024, 5, 30))
        again = generate_letter(s, clerk, case.id, "reply", tmp_path, letter_date=date(2024, 5, 30))
        assert "锦府办依复〔2024〕1号" in first.note and "锦府办依复〔2024〕1号" in again.note and again.id != first.id
        send_reply(s, clerk, case.id, date(2024, 5, 30), DeliveryMethod.EMAIL, "", today=TODAY)
        assert case.reply_doc_no == "锦府办依复〔2024〕1号"


def test_notices_are_numbered_in_the_order_they_are_sent(
    db: Database, people: dict[str, Actor], tmp_path: Path
) -> None:
    clerk, folder = people["clerk"], tmp_path / "templates"
    with db.session_factory.begin() as s:
        _office(s)
        cid = _register(s, clerk).id
        dept = add_consultation(s, clerk, cid, ConsultationKind.DEPARTMENT, "锦屏县住房和城乡建设局",
                                "该方案是否已经批准并可以公开", date(2024, 5, 8), today=TODAY)
        extend_deadline(s, clerk, cid, date(2024, 5, 20), "所申请信息涉及多个部门，需要协调核实。",
                        people["leader"], "同意延期", today=TODAY,
                            seen_hash=seen_extension(s, cid, "所申请信息涉及多个部门，需要协调核实。"))
        # Printed in the opposite order: each letter still carries the number it was issued with.
        ext = generate_letter(s, clerk, cid, "extension", folder)
        con = generate_letter(s, clerk, cid, "consultation", folder, consultation_id=dept.id)
        again = generate_letter(s, clerk, cid, "extension", folder)
        assert "文号：锦府办依告〔2024〕1号" in con.note and dept.doc_no == "锦府办依告〔2024〕1号"
        assert "文号：锦府办依告〔2024〕2号" in ext.note and "文号：锦府办依告〔2024〕2号" in again.note
        assert s.scalar(select(func.max(DocCounter.last_number)).where(DocCounter.kind == "notice")) == 2
