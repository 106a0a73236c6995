"""The case list: SQL-side filters, text search that finds two-character Chinese words, sorting,
paging; one case; the working days left."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy.orm import Session

from app.auth.roles import Role
from app.cases.enums import ApplicantType, CaseStatus, Channel, DeliveryMethod
from app.cases.handling import send_correction_notice, start_handling
from app.cases.intake import CaseForm, register_case
from app.cases.models import RequestCase
from app.cases.queries import (
    CaseFilter,
    count_cases,
    deadline_explanation,
    get_case,
    list_cases,
    workdays_left,
)
from app.context import Actor
from app.errors import NotFound, ValidationError
from app.workdays.calendar import WorkCalendar

TODAY = date(2024, 12, 20)


def a_form(**changes: object) -> CaseForm:
    base = CaseForm(
        applicant_type=ApplicantType.NATURAL, applicant_name="王小明", phone="13812345678",
        channel=Channel.IN_PERSON, submitted_on=date(2024, 3, 4), content="申请公开本县城乡低保资金发放情况",
        delivery_method=DeliveryMethod.IN_PERSON,
    )
    return replace(base, **changes)  # type: ignore[arg-type]


@pytest.fixture
def people(make_user) -> tuple[Actor, Actor]:  # type: ignore[no-untyped-def]
    return make_user("clerk", Role.DISCLOSURE_STAFF), make_user("other", Role.DISCLOSURE_STAFF)


@pytest.fixture
def cases(session: Session, people: tuple[Actor, Actor]) -> list[RequestCase]:
    clerk, other = people
    made = [
        register_case(session, clerk, a_form(), TODAY),  # 2024-1, due 2024-04-01
        register_case(session, clerk, a_form(applicant_name="锦屏某某科技有限公司",
                                             applicant_type=ApplicantType.BUSINESS, channel=Channel.INTERNET,
                                             submitted_on=date(2024, 12, 16), channel_date=date(2024, 12, 17),
                                             content="请提供三江镇道路维修工程招标文件"), TODAY),
        register_case(session, other, a_form(applicant_name="李四", submitted_on=date(2023, 11, 6),
                                             content="2023 年征地补偿标准"), TODAY),
    ]
    for n in range(3, 12):  # more 2024 cases so that 〔2024〕10号 and 11号 exist
        made.append(register_case(session, other, a_form(applicant_name=f"申请人{n}", content=f"事项 {n}",
                                                          submitted_on=date(2024, 11, 1)), TODAY))
    start_handling(session, clerk, made[0].id, today=TODAY)
    return made


def test_filters_by_year_status_channel_type_and_handler(
    session: Session, cases: list[RequestCase], people: tuple[Actor, Actor]
) -> None:
    clerk, _ = people
    assert count_cases(session, CaseFilter(today=TODAY)) == 12
    assert count_cases(session, CaseFilter(year=2023, today=TODAY)) == 1
    assert count_cases(session, CaseFilter(year=2024, today=TODAY)) == 11
    assert [r.id for r in list_cases(session, CaseFilter(status=CaseStatus.IN_PROGRESS, today=TODAY))] == [cases[0].id]
    internet = list_cases(session, CaseFilter(channel=Channel.INTERNET, today=TODAY))
    assert [r.applicant_name for r in internet] == ["锦屏某某科技有限公司"]
    assert internet[0].applicant_type is ApplicantType.BUSINESS and internet[0].channel is Channel.INTERNET
    assert count_cases(session, CaseFilter(applicant_type=ApplicantType.BUSINESS, today=TODAY)) == 1
    assert count_cases(session, CaseFilter(mine_user_id=clerk.user_id, today=TODAY)) == 2


def test_a_two_character_chinese_word_finds_the_case(session: Session, cases: list[RequestCase]) -> None:
    rows = list_cases(session, CaseFilter(text="低保", today=TODAY))
    assert [r.id for r in rows] == [cases[0].id]
    assert rows[0].content_preview.startswith("申请公开本县城乡低保")
    assert count_cases(session, CaseFilter(text="招标", today=TODAY)) == 1
    assert count_cases(session, CaseFilter(text="科技 有限", today=TODAY)) == 1  # spaces ignored
    assert count_cases(session, CaseFilter(text="100%", today=TODAY)) == 0  # % is literal
    assert count_cases(session, CaseFilter(text="〔2023〕1号", today=TODAY)) == 1  # the case number


def test_overdue_and_due_soon(session: Session, cases: list[RequestCase], people: tuple[Actor, Actor]) -> None:
    clerk, _ = people
    # The internet case was confirmed on Tue 2024-12-17: due 2025-01-15, neither overdue nor soon.
    overdue = {r.id for r in list_cases(session, CaseFilter(overdue=True, today=TODAY), limit=100)}
    assert cases[0].id in overdue and cases[2].id in overdue and cases[1].id not in overdue
    soon_day = date(2025, 1, 10)  # Fri; the 3rd working day after is Wed 2025-01-15
    soon = list_cases(session, CaseFilter(due_soon=True, today=soon_day))
    assert [r.id for r in soon] == [cases[1].id]
    assert count_cases(session, CaseFilter(due_soon=True, today=date(2025, 1, 9))) == 0
    # A case waiting for a supplement has no due date and is neither.
    send_correction_notice(session, clerk, cases[1].id, date(2024, 12, 18), "请写明工程名称", date(2025, 1, 3),
                           today=TODAY)
    assert count_cases(session, CaseFilter(due_soon=True, today=soon_day)) == 0


def test_sorting_and_paging(session: Session, cases: list[RequestCase]) -> None:
    numbers = [r.case_no for r in list_cases(session, CaseFilter(today=TODAY), sort_key="case_no", descending=False)]
    assert numbers[:3] == ["锦府办依申〔2023〕1号", "锦府办依申〔2024〕1号", "锦府办依申〔2024〕2号"]
    assert numbers[-2:] == ["锦府办依申〔2024〕10号", "锦府办依申〔2024〕11号"]
    page1 = list_cases(session, CaseFilter(today=TODAY), offset=0, limit=5, sort_key="received_on")
    page2 = list_cases(session, CaseFilter(today=TODAY), offset=5, limit=5, sort_key="received_on")
    assert len(page1) == 5 and len(page2) == 5
    assert not {r.id for r in page1} & {r.id for r in page2}
    assert page1[0].received_on == date(2024, 12, 17)
    with pytest.raises(ValidationError):
        list_cases(session, CaseFilter(today=TODAY), sort_key="password")


def test_get_case_and_not_found(session: Session, cases: list[RequestCase]) -> None:
    assert get_case(session, cases[0].id).case_no == cases[0].case_no
    with pytest.raises(NotFound, match="不存在"):
        get_case(session, 999_999)


def test_workdays_left() -> None:
    cal = WorkCalendar()
    assert workdays_left(cal, date(2024, 4, 1), date(2024, 4, 1)) == 0
    assert workdays_left(cal, date(2024, 4, 8), date(2024, 4, 3)) == 2  # 4/7 (Sun, worked), 4/8
    assert workdays_left(cal, date(2024, 4, 1), date(2024, 4, 3)) == -2
    assert workdays_left(cal, date(2024, 4, 12), date(2024, 4, 13)) == -1  # Saturday after a Friday due date


def test_deadline_explanation_names_start_holidays_and_due(session: Session, cases: list[RequestCase]) -> None:
    text = deadline_explanation(session, cases[0], TODAY)
    assert "2024年3月4日" in text and "2024年4月1日" in text
    text = deadline_explanation(session, cases[1], TODAY)
    assert "元旦" in text and "2025年1月15日" in text


def test_a_thousand_cases_count_and_page(session: Session) -> None:
    session.add_all(
        RequestCase(
            case_no=f"测试〔2024〕{n}号", status=CaseStatus.IN_PROGRESS.value, applicant_type="natural",
            applicant_name=f"申请人{n}", channel="internet", received_on=date(2024, 1 + n % 12, 1 + n % 28),
            due_on=date(2024, 12, 31), content=f"内容{n}" + ("低保" if n % 10 == 0 else ""),
            search_text=f"申请人{n}内容{n}" + ("低保" if n % 10 == 0 else ""),
        )
        for n in range(1, 1001)
    )
    session.flush()
    f = CaseFilter(year=2024, text="低保", today=TODAY)
    assert count_cases(session, f) == 100
    page = list_cases(session, f, offset=90, limit=50, sort_key="case_no", descending=False)
    assert len(page) == 10 and page[-1].case_no == "测试〔2024〕1000号"
