"""A 第三十五条 later deadline is honoured and named wherever the due date appears (issue 11): the
case list and its overdue filter, the dashboard, the register (date cell + 备注, and back on import),
the 受理回执 and the 办理单, a calendar recompute; and the two letters, read back from the .docx.

Dates (2026, RULES.md: no holiday in March; 4/4–6 off): received Mon 3/2; the 20th working day after
it is Mon 3/30 (3/3–6: 4, 3/9–13: 9, 3/16–20: 14, 3/23–27: 19, 3/30: 20). The office fixes Thu 4/30.
On Wed 4/1 the case would be overdue by the 第三十三条 date, but is not; on Tue 4/28 it is due within
3 working days (4/28, 4/29, 4/30).
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from docx import Document
from openpyxl import Workbook, load_workbook
from sqlalchemy.orm import Session

from app.auth.roles import Role
from app.bootstrap import Database
from app.cases.enums import ApplicantType, Channel, DeliveryMethod
from app.cases.excessive import ask_for_reasons, record_reasons
from app.cases.handling import start_handling
from app.cases.handling_form import handling_form_data
from app.cases.hooks import dashboard_items
from app.cases.intake import CaseForm, register_case
from app.cases.letters import generate_letter, letter_context
from app.cases.models import RequestCase
from app.cases.queries import CaseFilter, deadline_explanation, list_cases
from app.cases.recompute import recompute_open_cases
from app.cases.register_export import export_register
from app.cases.register_import import check_register, import_register
from app.context import Actor
from app.errors import ValidationError
from app.settings import set_setting
from app.workdays.service import load_calendar
from tests.seen_hashes import decide_later_seen

RECEIVED, DUE, LATER = date(2026, 3, 2), date(2026, 3, 30), date(2026, 4, 30)
DECIDED = date(2026, 3, 12)
SHOWN = "2026年4月30日（依第三十五条确定的合理期限）"
FACTS = "申请人自2026年1月以来已提出政府信息公开申请86件。"


@pytest.fixture
def people(make_user) -> dict[str, Actor]:  # type: ignore[no-untyped-def]
    return {"clerk": make_user("clerk", Role.DISCLOSURE_STAFF, display_name="张经办"),
            "leader": make_user("leader", Role.LEADER_IN_CHARGE, display_name="李分管")}


def _office(session: Session) -> None:
    system = Actor.system()
    set_setting(session, system, "org.address", "贵州省黔东南州锦屏县三江镇政府路1号")
    set_setting(session, system, "org.phone", "0855-7222001")
    set_setting(session, system, "org.postcode", "556700")


def fixed_case(session: Session, people: dict[str, Actor]) -> RequestCase:
    clerk = people["clerk"]
    _office(session)
    case = register_case(session, clerk, CaseForm(
        applicant_type=ApplicantType.NATURAL, applicant_name="王小明", phone="13812345678",
        address="锦屏县三江镇飞山路8号", channel=Channel.IN_PERSON, submitted_on=RECEIVED,
        content="申请公开2014年以来县政府全部会议纪要", delivery_method=DeliveryMethod.POST,
    ), RECEIVED)
    start_handling(session, clerk, case.id, today=RECEIVED)
    ask_for_reasons(session, clerk, case.id, date(2026, 3, 4), FACTS, date(2026, 3, 11), today=date(2026, 3, 4))
    record_reasons(session, clerk, case.id, date(2026, 3, 10), "系课题研究需要", today=date(2026, 3, 10))
    decide_later_seen(session, clerk, case.id, DECIDED, "所申请会议纪要达86件，需逐件检索、审查。", LATER,
           approver=people["leader"], opinion="同意", today=DECIDED)
    return case


def _paragraphs(content: bytes, tmp_path: Path, name: str) -> list[str]:
    path = tmp_path / name
    path.write_bytes(content)
    return [p.text for p in Document(str(path)).paragraphs]


def test_list_dashboard_receipt_form_and_recompute_use_the_fixed_date(
    session: Session, people: dict[str, Actor]
) -> None:
    case = fixed_case(session, people)
    (row,) = list_cases(session, CaseFilter())
    assert row.due_on == LATER
    assert list_cases(session, CaseFilter(overdue=True, today=date(2026, 4, 1))) == []
    assert [r.id for r in list_cases(session, CaseFilter(due_soon=True, today=date(2026, 4, 28)))] == [case.id]
    items = [i for i in dashboard_items(session, people["clerk"], date(2026, 4, 28)) if i.record_id == case.id]
    assert any("答复期限为2026年4月30日（依第三十五条确定的合理期限）" in i.detail for i in items)
    assert not [i for i in dashboard_items(session, people["clerk"], date(2026, 4, 1)) if i.title == "逾期未答复"]
    receipt = letter_context(session, case, "receipt")["答复期限"]
    assert receipt == SHOWN and "20个工作日" not in receipt
    data = handling_form_data(session, case.id, DECIDED, datetime(2026, 3, 12, 9))
    assert dict(data.rows)["答复期限"] == SHOWN
    events = [what for _day, what in data.events]
    assert f"发出说明理由通知书（{case.excessive_ask_doc_no}）：{FACTS}" in events
    assert ("第三十五条处理决定：理由合理，确定延迟答复的合理期限，延迟答复至2026年4月30日"
            f"（{case.excessive_notice_doc_no}）：所申请会议纪要达86件，需逐件检索、审查。") in events
    assert data.signs[0][:2] == ("延迟答复期限审批", "李分管")
    assert "依条例第三十五条确定延迟答复的合理期限：2026年4月30日" in deadline_explanation(session, case, DECIDED)
    # A calendar change recomputes open cases: the fixed date stays.
    case.due_on = DUE
    session.flush()
    recompute_open_cases(session, load_calendar(session), DECIDED)
    session.refresh(case)
    assert case.due_on == LATER


def test_register_names_the_fixed_date_and_import_keeps_it(
    db: Database, people: dict[str, Actor], tmp_path: Path
) -> None:
    with db.session_factory.begin() as s:
        fixed_case(s, people)
        path = tmp_path / "台账.xlsx"
        export_register(s, people["clerk"], path, year=2026)
    ws = load_workbook(path)["依申请公开登记台账"]
    col = {c.value: c.column_letter for c in ws[2]}
    assert ws[f"{col['答复期限']}3"].value.date() == LATER
    assert ws[f"{col['备注']}3"].value == "答复期限依第三十五条确定"
    # An older register row carrying the same note: the date is kept, not recomputed to 3/30.
    other = tmp_path / "旧台账.xlsx"
    wb = Workbook()
    sheet = wb.active
    sheet.append(["受理编号", "申请人类型", "申请人", "申请方式", "收到申请日期", "申请内容", "答复期限", "备注"])
    sheet.append(["锦府办依申〔2026〕99号", "自然人", "李四", "当面", "2026-03-02", "请公开全部纪要", "2026-04-30",
                  "答复期限依第三十五条确定"])
    wb.save(other)
    with db.session_factory.begin() as s:
        report = check_register(s, other, DECIDED)
        assert report.errors == [] and not [w for w in report.warnings if w.column == "答复期限"]
        assert import_register(s, Actor.system(), other, DECIDED).imported == 1
        imported = s.query(RequestCase).filter_by(case_no="锦府办依申〔2026〕99号").one()
        assert (imported.due_on, imported.excessive_due_on) == (LATER, LATER)


def test_import_warns_when_the_excessive_reply_lacks_its_facts(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "台账.xlsx"
    wb = Workbook()
    sheet = wb.active
    sheet.append(["受理编号", "申请人类型", "申请人", "申请方式", "收到申请日期", "申请内容", "答复日期", "办理结果",
                  "具体情形"])
    sheet.append(["锦府办依申〔2025〕7号", "自然人", "张三", "互联网", "2025-03-05", "请公开全部文件", "2025-04-01",
                  "不予处理", "4"])
    wb.save(path)
    with db.session_factory.begin() as s:
        report = check_register(s, path, date(2025, 6, 1))
        assert report.errors == []
        (warning,) = [w for w in report.warnings if w.column == "具体情形"]
        assert "没有要求说明理由" in warning.message
        assert import_register(s, Actor.system(), path, date(2025, 6, 1)).imported == 1


def test_letters_are_numbered_when_sent_and_read_back(
    db: Database, people: dict[str, Actor], tmp_path: Path
) -> None:
    clerk = people["clerk"]
    with db.session_factory.begin() as s:
        case = fixed_case(s, people)
        ask_no, later_no = case.excessive_ask_doc_no, case.excessive_notice_doc_no
        assert ask_no and later_no and ask_no != later_no
        ask = generate_letter(s, clerk, case.id, "excessive-ask", tmp_path / "templates")
        later = generate_letter(s, clerk, case.id, "excessive-later", tmp_path / "templates")
        again = generate_letter(s, clerk, case.id, "excessive-ask", tmp_path / "templates")
        assert f"文号：{ask_no}" in ask.note and f"文号：{ask_no}" in again.note  # a reprint keeps its number
        assert ask.filename == "政府信息公开申请说明理由通知书.docx"
    text = "\n".join(_paragraphs(ask.content, tmp_path, "ask.docx"))
    assert "政府信息公开申请说明理由通知书" in text and ask_no in text
    assert ("经审查，申请人自2026年1月以来已提出政府信息公开申请86件，"
            "申请公开政府信息的数量、频次明显超过合理范围。") in text
    assert "第三十五条的规定，请您于2026年3月11日前" in text
    assert "2026年3月4日" in text  # dated the day it was sent
    text = "\n".join(_paragraphs(later.content, tmp_path, "later.docx"))
    assert later_no in text and "于2026年3月10日收到您的说明" in text
    assert "因所申请会议纪要达86件，需逐件检索、审查，无法在原答复期限（2026年3月30日）内答复" in text
    assert "确定延迟答复的合理期限为2026年4月30日" in text
    assert "2026年3月12日" in text


def test_letters_refused_without_their_facts(db: Database, people: dict[str, Actor], tmp_path: Path) -> None:
    clerk = people["clerk"]
    with db.session_factory.begin() as s:
        _office(s)
        case = register_case(s, clerk, CaseForm(
            applicant_type=ApplicantType.NATURAL, applicant_name="王小明", phone="13812345678",
            channel=Channel.IN_PERSON, submitted_on=RECEIVED, content="申请公开会议纪要",
            delivery_method=DeliveryMethod.IN_PERSON,
        ), RECEIVED)
        with pytest.raises(ValidationError, match="没有登记要求申请人说明理由"):
            generate_letter(s, clerk, case.id, "excessive-ask", tmp_path)
        start_handling(s, clerk, case.id, today=RECEIVED)
        ask_for_reasons(s, clerk, case.id, date(2026, 3, 4), FACTS, date(2026, 3, 11), today=date(2026, 3, 4))
        with pytest.raises(ValidationError, match="没有确定延迟答复的合理期限"):
            generate_letter(s, clerk, case.id, "excessive-later", tmp_path)
