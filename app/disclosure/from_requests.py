"""条例第四十四条: when several applicants ask for the same government information, the office may
make it a proactive-disclosure item. Lives with 主动公开 (which builds on the request cases): the new
item's summary names the requests, and each request keeps the item's number — the link both ways.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from app.audit.service import record
from app.auth.roles import Role
from app.cases.enums import CaseStatus
from app.cases.models import RequestCase
from app.cases.queries import get_case
from app.context import Actor
from app.disclosure.models import DisclosureItem
from app.disclosure.service import ItemForm, create_item
from app.errors import ValidationError
from app.workdays.service import load_calendar

ROLES = (Role.DISCLOSURE_STAFF, Role.ADMIN)
_LEAD = re.compile(r"^(申请)?(公开|获取|提供)[：:，,\s]*")
_NOISE = re.compile(r"[\s，,。．.；;：:、“”\"'‘’《》（）()]")


def information_key(content: str) -> str:
    """What a request asks for, without the wording around it: “申请公开：2023年县级预算。” and
    “获取2023年县级预算” ask for the same thing."""
    first = next((line for line in content.strip().splitlines() if line.strip()), "")
    return _NOISE.sub("", _LEAD.sub("", first.strip()))


def same_information_cases(session: Session, case_id: int) -> list[RequestCase]:
    """Other applicants' requests for the same information: the same 文号/名称 of the information
    asked for, or the same request text once its wording is set aside."""
    case = get_case(session, case_id)
    key, reference = information_key(case.content), case.info_reference.strip()
    other_person = RequestCase.applicant_name != case.applicant_name
    if case.id_number.strip():
        other_person = and_(other_person, RequestCase.id_number != case.id_number)
    # A rough SQL filter first (the reference, or the key's first characters); the exact comparison
    # of the normalised text below decides.
    near = [RequestCase.info_reference == reference] if reference else []
    if key:
        near.append(RequestCase.content.contains(key[:4], autoescape=True))
    if not near:
        return []
    candidates = session.scalars(select(RequestCase).where(
        RequestCase.id != case.id, other_person, or_(*near),
    ).order_by(RequestCase.received_on, RequestCase.id)).all()
    return [c for c in candidates
            if (reference and c.info_reference.strip() == reference) or (key and information_key(c.content) == key)]


def register_proactive_item(
    session: Session, actor: Actor, case_id: int, form: ItemForm, today: date,
) -> DisclosureItem:
    """A 主动公开 item for the information several applicants asked for (条例第四十四条), linked both
    ways: the item's summary names the requests, the requests keep the item's number."""
    actor.require(*ROLES)
    case = get_case(session, case_id)
    if case.proactive_item_no:
        raise ValidationError(f"本件申请的信息已登记为主动公开事项 {case.proactive_item_no}，无需重复登记。")
    others = same_information_cases(session, case_id)
    if not others:
        raise ValidationError(
            "条例第四十四条适用于多个申请人就相同政府信息申请公开的情形。目前没有其他申请人申请与本件相同的信息"
            "（按所需信息的文号或名称、申请内容比对），不能据此转为主动公开事项。")
    related = [case, *others]
    numbers = "、".join(c.case_no for c in related)
    link = f"依申请公开转为主动公开（条例第四十四条），相关申请：{numbers}。"
    item = create_item(session, actor, replace(form, summary=(form.summary.strip() + "\n" + link).strip()),
                       load_calendar(session), today)
    for c in related:
        # An archived case's file is closed: it stays named in the item, but is not changed.
        if c.proactive_item_no or c.status == CaseStatus.ARCHIVED.value:
            continue
        c.proactive_item_no = item.item_no
        record(session, actor, "link_proactive", "request_case", c.id, before={"proactive_item_no": ""},
               after={"proactive_item_no": item.item_no},
               summary=f"{c.case_no}：所申请信息登记为主动公开事项 {item.item_no}（条例第四十四条）")
    session.flush()
    return item
