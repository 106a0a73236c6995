"""What the request-case feature plugs into the application: 工作台 items, the deadline
recomputer run after a calendar change, and the demo filler. Imported by app.features.

Every query filters in SQL and is capped, so the 工作台 stays quick with 100,000 cases; when a
category has more items than the cap, one summary line says how many more there are.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import and_, exists, func, select
from sqlalchemy.orm import InstrumentedAttribute, Session
from sqlalchemy.sql.elements import ColumnElement

from app.auth.roles import Role
from app.cases.deadlines import FIXED_DUE_NOTE
from app.cases.enums import CaseStatus, ConsultationKind
from app.cases.fees import fee_due_on, lapsed_notice_cutoff
from app.cases.models import Consultation, RequestCase
from app.cases.recompute import recompute_open_cases
from app.cases.reply_actions import REPLY_STEPS, previous_step
from app.context import Actor
from app.dashboard import DashboardItem, Urgency, register_provider
from app.demo import DemoContext, register_filler
from app.signoff.models import SignOff
from app.workdays.calendar import WorkCalendar
from app.workdays.service import load_calendar, register_recomputer

AREA = "依申请公开"
RECORD_TYPE = "request_case"
DUE_SOON_WORKDAYS = 3
ITEM_CAP = 50  # per category; the rest is summarised in one line
_ANSWER_STATES = [
    CaseStatus.REGISTERED.value, CaseStatus.IN_PROGRESS.value, CaseStatus.AWAITING_APPROVAL.value,
]
_WORKING_STATES = [CaseStatus.REGISTERED.value, CaseStatus.IN_PROGRESS.value]  # where close_for_fee_unpaid applies


def _preview(text: str, width: int = 30) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def _cn(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def _fixed(case: RequestCase) -> str:
    return f"（{FIXED_DUE_NOTE}）" if case.excessive_due_on is not None else ""


def _item(case: RequestCase, title: str, detail: str, urgency: Urgency, due: date | None) -> DashboardItem:
    return DashboardItem(
        area=AREA, title=f"{title}：{case.case_no}", detail=detail, urgency=urgency, due_on=due,
        record_type=RECORD_TYPE, record_id=case.id,
    )


def _capped(
    session: Session, where: ColumnElement[bool], order: InstrumentedAttribute[date | None]
) -> tuple[list[RequestCase], int]:
    rows = list(session.scalars(select(RequestCase).where(where).order_by(order, RequestCase.id).limit(ITEM_CAP)))
    total = len(rows)
    if total == ITEM_CAP:
        total = session.scalar(select(func.count(RequestCase.id)).where(where)) or total
    return rows, total


def _summary(kind: str, extra: int, urgency: Urgency) -> list[DashboardItem]:
    if extra <= 0:
        return []
    return [DashboardItem(AREA, f"另有 {extra} 件{kind}", "请在“依申请公开”案件列表中筛选查看。", urgency)]


def _deadline_items(session: Session, calendar: WorkCalendar, today: date) -> list[DashboardItem]:
    items: list[DashboardItem] = []
    answering = RequestCase.status.in_(_ANSWER_STATES)
    overdue, total = _capped(
        session, and_(answering, RequestCase.due_on.is_not(None), RequestCase.due_on < today), RequestCase.due_on
    )
    for case in overdue:
        assert case.due_on is not None
        late = calendar.workdays_between(case.due_on, today)
        detail = (
            f"{case.applicant_name}：{_preview(case.content)}。答复期限为{_cn(case.due_on)}{_fixed(case)}，"
            f"已逾期 {late} 个工作日，请尽快答复。"
        )
        items.append(_item(case, "逾期未答复", detail, Urgency.OVERDUE, case.due_on))
    items += _summary("逾期未答复的申请", total - len(overdue), Urgency.OVERDUE)

    horizon = calendar.add_workdays(today, DUE_SOON_WORKDAYS)
    soon, total = _capped(
        session, and_(answering, RequestCase.due_on >= today, RequestCase.due_on <= horizon), RequestCase.due_on
    )
    for case in soon:
        assert case.due_on is not None
        left = calendar.workdays_between(today, case.due_on)
        when = "今天到期" if left == 0 else f"剩余 {left} 个工作日"
        detail = (f"{case.applicant_name}：{_preview(case.content)}。答复期限为{_cn(case.due_on)}{_fixed(case)}，"
                  f"{when}。")
        items.append(_item(case, "即将到期", detail, Urgency.DUE_SOON, case.due_on))
    items += _summary("即将到期的申请", total - len(soon), Urgency.DUE_SOON)

    lapsed, total = _capped(
        session,
        and_(
            RequestCase.status == CaseStatus.AWAITING_CORRECTION.value,
            RequestCase.correction_due_on.is_not(None),
            RequestCase.correction_due_on < today,
        ),
        RequestCase.correction_due_on,
    )
    for case in lapsed:
        assert case.correction_due_on is not None
        detail = (
            f"{case.applicant_name}：补正期限{_cn(case.correction_due_on)}已过，逾期未补正，可按其他处理结案"
            "（条例第三十条：视为放弃申请）。"
        )
        items.append(_item(case, "逾期未补正", detail, Urgency.WAITING, case.correction_due_on))
    items += _summary("逾期未补正的申请", total - len(lapsed), Urgency.WAITING)
    return items + _fee_items(session, calendar, today) + _consultation_items(session, today)


def _fee_items(session: Session, calendar: WorkCalendar, today: date) -> list[DashboardItem]:
    """Fee notices whose 20-working-day payment period has passed without payment."""
    # One cut-off date for all notices keeps the filter in SQL (no due date per case).
    cutoff = lapsed_notice_cutoff(calendar, today)
    unpaid, total = _capped(
        session,
        and_(
            RequestCase.status.in_(_WORKING_STATES), RequestCase.fee_notice_on.is_not(None),
            RequestCase.fee_paid_on.is_(None),
            func.coalesce(RequestCase.fee_notice_received_on, RequestCase.fee_notice_on) <= cutoff,
        ),
        RequestCase.fee_notice_on,
    )
    items = []
    for case in unpaid:
        assert case.fee_notice_on is not None
        due = fee_due_on(calendar, case.fee_notice_on, case.fee_notice_received_on)
        detail = (
            f"{case.applicant_name}：{_cn(case.fee_notice_on)}发出收费通知，缴费期限{_cn(due)}已过，"
            "逾期未缴费，可按其他处理结案（国办函〔2020〕109号）。"
        )
        items.append(_item(case, "逾期未缴费", detail, Urgency.WAITING, due))
    return items + _summary("逾期未缴费的申请", total - len(unpaid), Urgency.WAITING)


def _consultation_items(session: Session, today: date) -> list[DashboardItem]:
    """Consultations whose answer period has passed without an answer being recorded."""
    where = and_(
        Consultation.answered_on.is_(None), Consultation.due_on < today,
        RequestCase.status.in_(_ANSWER_STATES),
    )
    query = select(Consultation, RequestCase).join(RequestCase, Consultation.case_id == RequestCase.id).where(where)
    rows = session.execute(query.order_by(Consultation.due_on, Consultation.id).limit(ITEM_CAP)).all()
    total = len(rows)
    if total == ITEM_CAP:
        total = session.scalar(
            select(func.count(Consultation.id)).join(RequestCase, Consultation.case_id == RequestCase.id).where(where)
        ) or total
    items = []
    for consultation, case in rows:
        if consultation.kind == ConsultationKind.DEPARTMENT.value:
            advice = "请督促反馈（县制度：部门应在5个工作日内反馈）"
        else:
            # County text: silence = consent; 条例第三十二条: the office decides. Both are recorded.
            advice = "请登记为逾期未答复，并记录本机关是否公开的决定（条例第三十二条）"
        detail = f"{consultation.party}的意见应于{_cn(consultation.due_on)}前反馈，至今未登记答复；{advice}。"
        items.append(_item(case, "征求意见逾期未复", detail, Urgency.WAITING, consultation.due_on))
    return items + _summary("逾期未复的征求意见", total - len(rows), Urgency.WAITING)


def _signed(step: str, *decisions: str) -> ColumnElement[bool]:
    """A sign-off on `step` exists in the case's current approval round (a return or a changed
    draft starts a new round, RequestCase.reply_round)."""
    query = exists().where(
        SignOff.subject_type == RECORD_TYPE, SignOff.subject_id == RequestCase.id, SignOff.step == step,
        SignOff.round == RequestCase.reply_round,
    )
    if decisions:
        query = query.where(SignOff.decision.in_(decisions))
    return query


def _approval_items(session: Session, actor: Actor) -> list[DashboardItem]:
    items: list[DashboardItem] = []
    for step, role in REPLY_STEPS.items():
        if role in actor.roles:
            # The SQL form of app.cases.reply_actions' rule for approving `step` (pending_approval_step
            # is the row-by-row form): after the 司法局's review, before sending, after the step before.
            where = and_(
                RequestCase.status == CaseStatus.AWAITING_APPROVAL.value, RequestCase.justice_review_on.is_not(None),
                RequestCase.replied_on.is_(None), ~_signed(step),
            )
            if (previous := previous_step(step)) is not None:
                where = and_(where, _signed(previous, "approve"))
            cases, total = _capped(session, where, RequestCase.due_on)
            for case in cases:
                due = f"，答复期限为{_cn(case.due_on)}" if case.due_on else ""
                detail = f"{case.applicant_name}：{_preview(case.content)}。答复稿待您以{role.label}身份审定{due}。"
                items.append(_item(case, "待审批答复", detail, Urgency.WAITING, case.due_on))
            items += _summary(f"待您以{role.label}身份审批的答复", total - len(cases), Urgency.WAITING)
    return items


def dashboard_items(session: Session, actor: Actor, today: date) -> list[DashboardItem]:
    """The 工作台 items of the request-case feature for `actor`."""
    items: list[DashboardItem] = []
    if actor.has(Role.DISCLOSURE_STAFF, Role.ADMIN):
        items += _deadline_items(session, load_calendar(session), today)
    if actor.user_id is not None:  # the command line's system actor signs nothing
        items += _approval_items(session, actor)
    return items


def _fill_demo(ctx: DemoContext) -> str:
    # Imported on use: the demo pulls in every case service, which start-up does not need.
    from app.cases.demo_data import fill_cases_demo

    return fill_cases_demo(ctx)


register_provider("cases", dashboard_items)
register_recomputer("cases", lambda s, cal: recompute_open_cases(s, cal))
register_filler("cases", _fill_demo)
