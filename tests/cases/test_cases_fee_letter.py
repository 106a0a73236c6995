"""The 收费通知书 (RULES.md C.8; 国办函〔2020〕109号): generated from the fee stored on the case,
numbered when the notice is sent, refused without the facts it states; read back with python-docx."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from docx import Document
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.audit.models import AuditEntry
from app.auth.roles import Role
from app.bootstrap import Database
from app.cases.enums import ApplicantType, Channel, DeliveryMethod
from app.cases.fee_letter import amount_text, yuan_in_words
from app.cases.handling import record_fee_notice, start_handling
from app.cases.intake import CaseForm, register_case
from app.cases.letters import generate_letter, letter_context
from app.cases.models import CaseDocument, RequestCase
from app.context import Actor
from app.errors import ValidationError
from app.numbering import DocCounter
from app.settings import set_setting
from reports.letters import list_placeholders

TODAY = date(2024, 11, 1)
NOTICE = date(2024, 9, 20)
PAY = "通过非税收入缴款渠道缴纳，执收单位：锦屏县人民政府办公室，缴款账号：2406 0212 0900 0123 456"


@pytest.fixture
def clerk(make_user) -> Actor:  # type: ignore[no-untyped-def]
    return make_user("clerk", Role.DISCLOSURE_STAFF, display_name="张经办")


def _office(session: Session, payment: str = PAY) -> None:
    system = Actor.system()
    set_setting(session, system, "org.address", "贵州省黔东南州锦屏县三江镇政府路1号")
    set_setting(session, system, "org.phone", "0855-7222001")
    set_setting(session, system, "org.postcode", "556700")
    if payment:
        set_setting(session, system, "cases.fee_payment_method", payment)


def _started(session: Session, clerk: Actor) -> RequestCase:
    form = CaseForm(
        applicant_type=ApplicantType.NATURAL, applicant_name="王小明", phone="13812345678",
        address="锦屏县三江镇飞山路8号",
        channel=Channel.IN_PERSON, submitted_on=date(2024, 9, 2),
        content="申请公开2015年至2023年县政府常务会议纪要全文", delivery_method=DeliveryMethod.POST,
    )
    case = register_case(session, clerk, form, TODAY)
    start_handling(session, clerk, case.id, today=TODAY)
    return case


def _office_case(session: Session, clerk: Actor, payment: str = PAY) -> RequestCase:
    """The office's particulars (`payment`: how to pay, none if empty) and a case started on TODAY."""
    _office(session, payment)
    return _started(session, clerk)


def _fee_noticed(session: Session, clerk: Actor, pages: int, payment: str = PAY) -> RequestCase:
    """The same, with a per-page fee for `pages` pages noticed on NOTICE."""
    case = _office_case(session, clerk, payment)
    record_fee_notice(session, clerk, case.id, NOTICE, "per_page", pages, today=TODAY)
    return case


def _paragraphs(content: bytes, tmp_path: Path) -> list[str]:
    path = tmp_path / "fee.docx"
    path.write_bytes(content)
    return [p.text for p in Document(str(path)).paragraphs]


@pytest.mark.parametrize(("amount", "words"), [
    ("4700", "肆仟柒佰元整"), ("10010", "壹万零壹拾元整"), ("100", "壹佰元整"), ("3000", "叁仟元整"),
    ("100000", "壹拾万元整"), ("120.50", "壹佰贰拾元伍角"), ("0.05", "伍分"), ("1005.07", "壹仟零伍元零柒分"),
    ("2740", "贰仟柒佰肆拾元整"),
])
def test_amount_in_words(amount: str, words: str) -> None:
    assert yuan_in_words(Decimal(amount)) == words


def test_amount_text_drops_zero_cents() -> None:
    assert amount_text(Decimal("4700.00")) == "4700元"
    assert amount_text(Decimal("120.50")) == "120.50元"


def test_fee_letter_states_amount_working_period_and_consequence(
    db: Database, clerk: Actor, tmp_path: Path
) -> None:
    with db.session_factory.begin() as s:
        case = _fee_noticed(s, clerk, 250)
        # The number was drawn when the notice was recorded as sent, before any letter exists.
        assert case.fee_doc_no == "锦府办依告〔2024〕1号"
        doc = generate_letter(s, clerk, case.id, "fee", tmp_path / "templates")
        assert doc.letter_kind == "fee" and doc.category == "other"
        assert doc.filename == "政府信息公开信息处理费收费通知书.docx"
        assert "文号：锦府办依告〔2024〕1号" in doc.note
        text = "\n".join(_paragraphs(doc.content, tmp_path))
        # Printing again keeps the number: no second notice number is drawn.
        again = generate_letter(s, clerk, case.id, "fee", tmp_path / "templates")
        assert "锦府办依告〔2024〕1号" in "\n".join(_paragraphs(again.content, tmp_path))
        assert s.scalar(select(func.max(DocCounter.last_number)).where(DocCounter.kind == "notice")) == 1
    assert "政府信息公开信息处理费收费通知书" in text
    assert "锦府办依告〔2024〕1号" in text
    assert "王小明：" in text
    assert "第四十二条" in text and "国办函〔2020〕109号" in text
    assert "一、计费方式：按量计收。" in text
    # 250 pages: 30 × 0 + 70 × 10 + 100 × 20 + 50 × 40 = 4700 元 (the working stored on the case).
    assert "本件250页＝30页×0元＋70页×10元＋100页×20元＋50页×40元＝4700元" in text
    assert "应缴金额：人民币4700元（大写：肆仟柒佰元整）" in text
    assert "自收到本通知之日起20个工作日内缴纳" in text
    assert PAY in text
    assert "逾期未缴纳信息处理费的，视为放弃申请，本机关不再处理该政府信息公开申请" in text
    assert "不计算在答复期限内" in text  # the office's default: the fee period pauses the clock
    assert "2024年9月20日" in text  # 落款日期: the day the notice was sent
    assert "[" not in text and "{{" not in text


def test_clock_setting_changes_the_pause_sentence(db: Database, clerk: Actor) -> None:
    with db.session_factory.begin() as s:
        _office(s)
        set_setting(s, Actor.system(), "cases.fee_pauses_clock", False)
        case = _started(s, clerk)
        record_fee_notice(s, clerk, case.id, NOTICE, "per_page", 40, today=TODAY)
        context = letter_context(s, case, "fee")
    assert set(list_placeholders("fee")) <= set(context)
    assert context["收费期间说明"] == "本机关收到费用后继续办理您的申请。"
    assert context["收费金额"] == "100元"  # 10 pages over the free 30 at 10元
    assert context["落款日期"] == "2024年9月20日"


def test_refused_without_a_fee_notice(db: Database, clerk: Actor, tmp_path: Path) -> None:
    with db.session_factory.begin() as s:
        case = _office_case(s, clerk)
        with pytest.raises(ValidationError, match=r"尚未登记收费通知.*收费通知…"):
            generate_letter(s, clerk, case.id, "fee", tmp_path)
        assert s.scalar(select(func.count(CaseDocument.id))) == 0


def test_refused_for_a_fee_without_stored_working(db: Database, clerk: Actor, tmp_path: Path) -> None:
    """A fee recorded by an older version has an amount but no method or working to print."""
    with db.session_factory.begin() as s:
        case = _office_case(s, clerk)
        case.fee_notice_on, case.fee_amount = NOTICE, Decimal("300.00")
        s.flush()
        with pytest.raises(ValidationError, match="没有保存计费方式和计算过程"):
            generate_letter(s, clerk, case.id, "fee", tmp_path)


def test_refused_until_the_payment_method_is_set(db: Database, clerk: Actor, tmp_path: Path) -> None:
    with db.session_factory.begin() as s:
        case = _fee_noticed(s, clerk, 40, payment="")
        with pytest.raises(ValidationError, match=r"\[缴费方式\].*信息处理费缴费方式"):
            generate_letter(s, clerk, case.id, "fee", tmp_path)
        assert s.scalar(select(func.count(CaseDocument.id))) == 0
        # The refusal gave nothing back: the number drawn at sending stays the case's.
        assert case.fee_doc_no == "锦府办依告〔2024〕1号"


def test_fee_recorded_before_numbering_receives_one_number_and_keeps_it(
    db: Database, clerk: Actor, tmp_path: Path
) -> None:
    """A fee notice recorded before 收费通知书 numbers existed gets its number at its first print."""
    with db.session_factory.begin() as s:
        case = _fee_noticed(s, clerk, 31)
        case.fee_doc_no = ""  # as the upgrade leaves it
        s.flush()
        first = generate_letter(s, clerk, case.id, "fee", tmp_path)
        second = generate_letter(s, clerk, case.id, "fee", tmp_path)
        assert case.fee_doc_no == "锦府办依告〔2024〕2号"
        assert "锦府办依告〔2024〕2号" in first.note and "锦府办依告〔2024〕2号" in second.note
        actions = s.scalars(select(AuditEntry.action).where(AuditEntry.action == "assign_doc_no")).all()
        assert len(actions) == 1
