"""条例第四十四条: the same information asked for by several applicants becomes a 主动公开 item, linked
both ways; refused while only one applicant asked."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.audit.models import AuditEntry
from app.auth.roles import Role
from app.cases.enums import ApplicantType, Channel, DeliveryMethod
from app.cases.intake import CaseForm, register_case
from app.cases.models import RequestCase
from app.context import Actor
from app.disclosure.from_requests import information_key, register_proactive_item, same_information_cases
from app.disclosure.service import ItemForm
from app.errors import PermissionDenied, ValidationError

TODAY = date(2024, 6, 28)


@pytest.fixture
def clerk(make_user) -> Actor:  # type: ignore[no-untyped-def]
    return make_user("clerk", Role.DISCLOSURE_STAFF, display_name="张经办")


def _case(session: Session, clerk: Actor, name: str, content: str, reference: str = "") -> int:
    form = CaseForm(applicant_type=ApplicantType.NATURAL, applicant_name=name, phone="13812345678",
                    channel=Channel.IN_PERSON, submitted_on=date(2024, 6, 3), content=content,
                    info_reference=reference, delivery_method=DeliveryMethod.IN_PERSON)
    return register_case(session, clerk, form, TODAY).id


def _form() -> ItemForm:
    return ItemForm(title="2023年锦屏县城区道路改造工程招标文件", category=10, section="信息公开科",
                    formed_on=date(2024, 6, 20))


def test_information_key_ignores_the_wording() -> None:
    assert information_key("申请公开：2023年县级预算。") == information_key("获取 2023年县级预算") == "2023年县级预算"


def test_several_applicants_make_a_linked_item(session: Session, clerk: Actor) -> None:
    first = _case(session, clerk, "张三", "申请公开2023年锦屏县城区道路改造工程的招标文件")
    alone = _case(session, clerk, "王五", "申请公开2022年县级决算")
    with pytest.raises(ValidationError, match=r"第四十四条.*没有其他申请人"):
        register_proactive_item(session, clerk, first, _form(), TODAY)
    second = _case(session, clerk, "李四", "获取：2023年锦屏县城区道路改造工程的招标文件。")
    same_again = _case(session, clerk, "张三", "申请公开2023年锦屏县城区道路改造工程的招标文件")  # the same person
    assert [c.id for c in same_information_cases(session, first)] == [second]

    item = register_proactive_item(session, clerk, first, _form(), TODAY)
    assert item.item_no.startswith("GK-2024-")
    assert "条例第四十四条" in item.summary
    assert "锦府办依申〔2024〕1号" in item.summary and "锦府办依申〔2024〕3号" in item.summary
    cases = {c: session.get_one(RequestCase, c) for c in (first, second, alone, same_again)}
    assert cases[first].proactive_item_no == cases[second].proactive_item_no == item.item_no
    assert cases[alone].proactive_item_no == "" and cases[same_again].proactive_item_no == ""
    links = session.scalars(select(AuditEntry).where(AuditEntry.action == "link_proactive")).all()
    assert sorted(e.record_id for e in links) == sorted([str(first), str(second)])
    with pytest.raises(ValidationError, match="已登记为主动公开事项"):
        register_proactive_item(session, clerk, second, _form(), TODAY)


def test_same_reference_counts_as_the_same_information(session: Session, clerk: Actor) -> None:
    first = _case(session, clerk, "张三", "要那个预算文件", reference="锦府发〔2024〕8号")
    second = _case(session, clerk, "李四", "请提供县政府今年印发的预算通知", reference="锦府发〔2024〕8号")
    assert [c.id for c in same_information_cases(session, first)] == [second]


@pytest.fixture
def boss(make_user) -> Actor:  # type: ignore[no-untyped-def]
    return make_user("boss", Role.PRINCIPAL_LEADER)


def test_leaders_cannot_register(clerk: Actor, boss: Actor, session: Session) -> None:
    first = _case(session, clerk, "张三", "申请公开2023年锦屏县城区道路改造工程的招标文件")
    _case(session, clerk, "李四", "申请公开2023年锦屏县城区道路改造工程的招标文件")
    with pytest.raises(PermissionDenied):
        register_proactive_item(session, boss, first, _form(), TODAY)
