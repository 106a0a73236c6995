"""Intake: the date of receipt by channel, validation, numbering, warnings, corrections."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.audit.models import AuditEntry
from app.auth.roles import Role
from app.cases.enums import ApplicantType, CaseStatus, Channel, DeliveryMethod
from app.cases.handling import close_for_no_correction, send_correction_notice
from app.cases.intake import (
    USCC,
    CaseForm,
    intake_warnings,
    monthly_fee_per_request,
    receipt_date,
    register_case,
    update_case,
)
from app.cases.validation import (
    id_card_check_digit,
    id_card_problem,
    is_valid_email,
    is_valid_postcode,
    phone_problem,
    uscc_problem,
)
from app.context import Actor
from app.errors import ConflictError, ValidationError

TODAY = date(2024, 6, 28)
VALID_ID = "11010519491231002X"


@pytest.fixture
def clerk(make_user) -> Actor:  # type: ignore[no-untyped-def]
    return make_user("clerk", Role.DISCLOSURE_STAFF, display_name="张经办")


def a_form(**changes: object) -> CaseForm:
    base = CaseForm(
        applicant_type=ApplicantType.NATURAL, applicant_name="王小明", id_type="居民身份证", id_number=VALID_ID,
        phone="13812345678", address="贵州省锦屏县三江镇某路 1 号", postcode="556700",
        channel=Channel.IN_PERSON, submitted_on=date(2024, 3, 4),
        content="申请公开 2023 年本县城乡低保资金发放情况", delivery_method=DeliveryMethod.POST,
    )
    return replace(base, **changes)  # type: ignore[arg-type]


# --- date of receipt (条例第三十一条) ----------------------------------------------------------------
@pytest.mark.parametrize(
    ("channel", "submitted", "channel_date", "expected", "label"),
    [
        (Channel.IN_PERSON, date(2024, 3, 4), None, date(2024, 3, 4), ""),
        (Channel.LETTER_REGISTERED, date(2024, 3, 1), date(2024, 3, 5), date(2024, 3, 5), "签收日期"),
        (Channel.LETTER_ORDINARY, date(2024, 3, 1), date(2024, 3, 6), date(2024, 3, 6), "与申请人确认日期"),
        (Channel.INTERNET, date(2024, 3, 2), date(2024, 3, 4), date(2024, 3, 4), "双方确认日期"),
        (Channel.FAX, date(2024, 3, 2), date(2024, 3, 4), date(2024, 3, 4), "双方确认日期"),
        (Channel.OTHER, date(2024, 3, 2), None, date(2024, 3, 2), "确认日期"),
        (Channel.OTHER, date(2024, 3, 2), date(2024, 3, 3), date(2024, 3, 3), "确认日期"),
        (Channel.LETTER_REGISTERED, date(2024, 3, 1), None, None, "签收日期"),
    ],
)
def test_receipt_date_follows_article_31(
    channel: Channel, submitted: date, channel_date: date | None, expected: date | None, label: str
) -> None:
    result = receipt_date(channel, submitted, channel_date)
    assert result.received_on == expected
    assert result.needs_label == label
    assert "收到申请之日" in result.rule_text


# --- registering ------------------------------------------------------------------------------
def test_register_numbers_per_year_and_computes_the_deadline(session: Session, clerk: Actor) -> None:
    first = register_case(session, clerk, a_form(), TODAY)
    second = register_case(session, clerk, a_form(submitted_on=date(2024, 3, 5)), TODAY)
    next_year = register_case(session, clerk, a_form(submitted_on=date(2025, 1, 6)), date(2025, 1, 6))
    assert first.case_no == "锦府办依申〔2024〕1号"
    assert second.case_no == "锦府办依申〔2024〕2号"
    assert next_year.case_no == "锦府办依申〔2025〕1号"
    assert first.status == CaseStatus.REGISTERED.value
    assert first.received_on == date(2024, 3, 4)
    assert first.due_on == date(2024, 4, 1)  # 20th working day after Mon 2024-03-04
    assert not first.due_unconfirmed
    assert "《条例》第三十一条第（一）项" in first.receipt_rule
    assert "低保" in first.search_text
    assert first.handler_id == clerk.user_id
    entry = session.scalars(
        select(AuditEntry).where(AuditEntry.record_type == "request_case", AuditEntry.record_id == str(first.id))
    ).one()
    assert entry.action == "create"
    assert json.loads(entry.after_json)["case_no"] == first.case_no


def test_a_refused_registration_uses_no_number(session: Session, clerk: Actor) -> None:
    with pytest.raises(ValidationError):
        register_case(session, clerk, a_form(content="  "), TODAY)
    assert register_case(session, clerk, a_form(), TODAY).case_no == "锦府办依申〔2024〕1号"


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"applicant_name": " "}, "applicant_name", "申请人"),
        ({"content": ""}, "content", "申请公开"),
        ({"phone": "", "address": "", "email": "", "delivery_method": None}, "phone", "联系方式"),
        ({"email": "wang#example.com"}, "email", "电子邮箱"),
        ({"postcode": "5567"}, "postcode", "6 位"),
        ({"address": "", "delivery_method": DeliveryMethod.POST}, "address", "通信地址"),
        ({"delivery_method": DeliveryMethod.EMAIL}, "email", "电子邮箱"),
        ({"submitted_on": None}, "submitted_on", "提交"),
        ({"channel": Channel.LETTER_REGISTERED, "channel_date": None}, "channel_date", "签收日期"),
        ({"channel": Channel.INTERNET, "channel_date": date(2024, 3, 1)}, "channel_date", "不能早于提交日期"),
        ({"submitted_on": date(2024, 7, 1)}, "submitted_on", "不能晚于今天"),
        ({"channel": Channel.FAX, "submitted_on": date(2024, 6, 27), "channel_date": date(2024, 6, 29)},
         "channel_date", "不能晚于今天"),
        ({"applicant_name": "名" * 201}, "applicant_name", "200"),
    ],
)
def test_register_refuses_with_a_chinese_message_naming_the_field(
    session: Session, clerk: Actor, changes: dict[str, object], field: str, words: str
) -> None:
    with pytest.raises(ValidationError) as err:
        register_case(session, clerk, a_form(**changes), TODAY)
    assert err.value.field == field
    assert words in str(err.value)


def test_a_gap_in_numbering_is_never_filled_by_an_imported_number(session: Session, clerk: Actor) -> None:
    """A number an imported case already holds is skipped, never handed out twice."""
    from app.numbering import ensure_at_least

    register_case(session, clerk, a_form(), TODAY)
    ensure_at_least(session, "case", 2024, 5)
    assert register_case(session, clerk, a_form(), TODAY).case_no == "锦府办依申〔2024〕6号"


# --- warnings ---------------------------------------------------------------------------------
def test_warnings_for_a_wrong_check_digit_an_impossible_phone_and_a_missing_attorney(
    session: Session, clerk: Actor
) -> None:
    form = a_form(id_number="110105194912310021", phone="1381234567", agent_name="李代理",
                  agent_id_number="E12345678")  # a passport number: not checked as an ID card
    warnings = intake_warnings(session, form, TODAY)
    assert any(w.startswith("申请人证件号码") and "校验码" in w for w in warnings)
    assert not any(w.startswith("代理人证件号码") for w in warnings)
    assert any("11 位" in w for w in warnings)
    assert any("授权委托书" in w for w in warnings)
    # Warnings never block: the case registers as it is.
    assert register_case(session, clerk, form, TODAY).id_number == "110105194912310021"


def test_an_organisation_is_checked_against_gb_32100(session: Session) -> None:
    form = a_form(applicant_type=ApplicantType.BUSINESS, applicant_name="某某科技有限公司", id_type=USCC,
                  id_number="91350100M000100Y44")
    assert any("统一社会信用代码" in w for w in intake_warnings(session, form, TODAY))
    good = replace(form, id_number="91350100M000100Y43")
    assert intake_warnings(session, good, TODAY) == []


def test_a_similar_request_by_the_same_applicant_is_flagged_as_a_possible_repeat(
    session: Session, clerk: Actor
) -> None:
    earlier = register_case(session, clerk, a_form(), TODAY)
    again = a_form(submitted_on=date(2024, 5, 6), content="请公开 2023 年本县城乡低保资金的发放情况")
    warnings = intake_warnings(session, again, TODAY)
    assert any(earlier.case_no in w and "重复申请" in w for w in warnings)
    unrelated = replace(again, content="请提供三江镇 2024 年道路维修工程的招标文件")
    assert not any("重复申请" in w for w in intake_warnings(session, unrelated, TODAY))
    # The case being edited is not its own repeat.
    assert not any("重复申请" in w for w in intake_warnings(session, a_form(), TODAY, exclude_case_id=earlier.id))


def test_many_requests_in_a_natural_month_point_to_the_fee_rules(session: Session, clerk: Actor) -> None:
    for day in range(1, 11):
        register_case(session, clerk, a_form(submitted_on=date(2024, 4, day), content=f"第 {day} 件：事项{day}"),
                      TODAY)
    eleventh = a_form(submitted_on=date(2024, 4, 20), content="另一件完全不同的事")
    warnings = intake_warnings(session, eleventh, TODAY)
    assert any("第 11 件" in w and "100 元" in w and "国办函〔2020〕109号" in w for w in warnings)
    may = replace(eleventh, submitted_on=date(2024, 5, 2))
    assert not any("收费" in w for w in intake_warnings(session, may, TODAY))


def test_fee_bands_per_request() -> None:
    assert [monthly_fee_per_request(n) for n in (1, 10, 11, 30, 31, 40, 41, 51)] == [0, 0, 100, 100, 200, 200, 300, 400]


# --- correcting a registration ----------------------------------------------------------------
def test_update_recomputes_and_audits_only_what_changed(session: Session, clerk: Actor) -> None:
    case = register_case(session, clerk, a_form(), TODAY)
    version = case.version
    form = CaseForm.from_case(case)
    form.content = "申请公开 2023 年本县医疗救助资金发放情况"
    form.channel, form.channel_date = Channel.LETTER_REGISTERED, date(2024, 3, 20)
    update_case(session, clerk, case.id, form, version, today=TODAY)
    assert case.received_on == date(2024, 3, 20)
    assert case.due_on == date(2024, 4, 18)  # Qingming 4/4–6 off, Sun 4/7 worked
    assert "医疗救助" in case.search_text and "低保" not in case.search_text
    entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "update")).one()
    after = json.loads(entry.after_json)
    assert after["received_on"] == "2024-03-20" and "applicant_name" not in after


def test_update_after_someone_else_saved_reports_the_differences(session: Session, clerk: Actor) -> None:
    case = register_case(session, clerk, a_form(), TODAY)
    seen = case.version
    theirs = CaseForm.from_case(case)
    theirs.phone = "13900001111"
    update_case(session, clerk, case.id, theirs, seen, today=TODAY)
    mine = a_form(address="锦屏县新地址 8 号")
    with pytest.raises(ConflictError) as err:
        update_case(session, clerk, case.id, mine, seen, today=TODAY)
    assert err.value.changes["phone"] == ("13900001111", "13812345678")
    assert err.value.changes["address"][1] == "锦屏县新地址 8 号"


def test_a_save_that_changes_nothing_writes_nothing(session: Session, clerk: Actor) -> None:
    """Issue 13: each save bumps the version once and writes one audit entry, or does neither — the
    invariant the crash test checks. An unchanged form used to write an "update" entry claiming a
    change while the version stayed, which a restarted save loop saving the same text could hit."""
    case = register_case(session, clerk, a_form(), TODAY)
    session.flush()

    def updates() -> int:
        return len(session.scalars(select(AuditEntry).where(AuditEntry.action == "update")).all())

    update_case(session, clerk, case.id, CaseForm.from_case(case), case.version, today=TODAY)
    assert (case.version, updates()) == (1, 0)
    changed = CaseForm.from_case(case)
    changed.remarks = "申请人来电补充说明"
    update_case(session, clerk, case.id, changed, case.version, today=TODAY)
    assert (case.version, updates()) == (2, 1)
    update_case(session, clerk, case.id, changed, case.version, today=TODAY)  # saved again, unchanged
    assert (case.version, updates()) == (2, 1)


def test_update_refuses_a_receipt_date_after_recorded_events(session: Session, clerk: Actor) -> None:
    case = register_case(session, clerk, a_form(), TODAY)
    send_correction_notice(session, clerk, case.id, date(2024, 3, 6), "请写明所需信息的年份", date(2024, 3, 20),
                           today=TODAY)
    with pytest.raises(ValidationError, match="补正告知日期"):
        update_case(session, clerk, case.id, a_form(submitted_on=date(2024, 3, 8)), case.version, today=TODAY)


def test_update_is_refused_on_a_closed_case(session: Session, clerk: Actor) -> None:
    case = register_case(session, clerk, a_form(), TODAY)
    send_correction_notice(session, clerk, case.id, date(2024, 3, 6), ["年份", "地域"], date(2024, 3, 20),
                           today=TODAY)
    close_for_no_correction(session, clerk, case.id, date(2024, 3, 25), today=TODAY)
    with pytest.raises(ValidationError, match="重新打开") as err:
        update_case(session, clerk, case.id, CaseForm.from_case(case), case.version, today=TODAY)
    assert err.value.field == "status"


# --- pure checks ------------------------------------------------------------------------------
def test_id_card_and_credit_code_checks() -> None:
    assert id_card_check_digit("11010519491231002") == "X"
    assert id_card_problem("11010519491231002x") is None  # lower-case x accepted
    assert "校验码" in (id_card_problem("110105194912310021") or "")
    assert "出生日期" in (id_card_problem("110105194913310021") or "")
    assert "18 位" in (id_card_problem("1101051949") or "")
    assert uscc_problem("91350100M000100Y43") is None
    assert "校验码" in (uscc_problem("91350100M000100Y40") or "")
    assert "字符" in (uscc_problem("91350100M000100I43") or "")


@pytest.mark.parametrize(
    ("phone", "ok"),
    [("13812345678", True), ("+86 138-1234-5678", True), ("0855-3221234", True), ("010-62345678", True),
     ("0855-3221234转808", True), ("12345", True), ("400-810-8888", True), ("1381234567", False),
     ("11112345678", False), ("0855-322123", False), ("电话", False)],
)
def test_phone_plausibility(phone: str, ok: bool) -> None:
    assert (phone_problem(phone) is None) is ok


def test_email_and_postcode() -> None:
    assert is_valid_email("wang.xm@example.com.cn")
    assert not is_valid_email("wang xm@example.com")
    assert not is_valid_email("wang@example")
    assert is_valid_postcode("556700") and not is_valid_postcode("55670") and not is_valid_postcode("55670a")


def test_an_ordinary_letter_needs_its_arrival_day_and_the_confirmation_not_before_it(
    session: Session, clerk: Actor
) -> None:
    form = replace(a_form(), channel=Channel.LETTER_ORDINARY, submitted_on=date(2024, 3, 1),
                   channel_date=date(2024, 3, 6))
    with pytest.raises(ValidationError, match="信件到达日期") as err:
        register_case(session, clerk, form, date(2024, 3, 8))
    assert err.value.field == "letter_arrived_on"
    with pytest.raises(ValidationError, match="不能早于信件到达日期"):
        register_case(session, clerk, replace(form, letter_arrived_on=date(2024, 3, 7)), date(2024, 3, 8))
    late = replace(form, letter_arrived_on=date(2024, 3, 4))
    assert any("收到当日与申请人确认" in w for w in intake_warnings(session, late, date(2024, 3, 8)))
    same_day = replace(form, letter_arrived_on=date(2024, 3, 6))
    assert not any("收到当日" in w for w in intake_warnings(session, same_day, date(2024, 3, 8)))
    case = register_case(session, clerk, late, date(2024, 3, 8))
    assert (case.letter_arrived_on, case.received_on) == (date(2024, 3, 4), date(2024, 3, 6))
    # Another channel never keeps an arrival day.
    other = register_case(session, clerk, replace(late, channel=Channel.LETTER_REGISTERED), date(2024, 3, 8))
    assert other.letter_arrived_on is None
