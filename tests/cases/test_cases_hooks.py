"""The request-case hooks: 工作台 items, the deadline recomputer and the demo filler."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

import app.cases.hooks as hooks
from app.auth.roles import Role
from app.bootstrap import Database
from app.cases.archive import missing_items
from app.cases.enums import CaseStatus, ConsultationKind
from app.cases.models import CaseDocument, Consultation, RequestCase
from app.cases.outcomes import ReplyType
from app.context import Actor
from app.dashboard import Urgency, collect
from app.demo import fill_demo
from app.signoff.models import SignOff
from app.workdays.service import load_calendar, set_year_arrangement

TODAY = date(2024, 6, 12)  # a Wednesday; Monday 2024-06-10 was the Dragon Boat Festival
STAFF = Actor(user_id=1, username="wangfang", display_name="王芳", roles=frozenset({Role.DISCLOSURE_STAFF}))
LEADER = Actor(user_id=2, username="chenjun", display_name="陈军", roles=frozenset({Role.LEADER_IN_CHARGE}))


def _case(session: Session, no: int, status: CaseStatus, due: date | None, **extra: object) -> RequestCase:
    case = RequestCase(
        case_no=f"锦府办依申〔2024〕{no}号", status=status.value, applicant_type="natural",
        applicant_name=f"申请人{no}", channel="internet", received_on=date(2024, 5, 6),
        content="2023年度城乡居民最低生活保障对象名单", due_on=due,
        **extra,
    )
    session.add(case)
    session.flush()
    return case


def _cases_items(session: Session, actor: Actor) -> list[tuple[Urgency, str]]:
    return [(i.urgency, i.title) for i in collect(session, actor, TODAY) if i.area == "依申请公开"]


def test_overdue_due_soon_and_lapsed_corrections(session: Session) -> None:
    _case(session, 1, CaseStatus.IN_PROGRESS, date(2024, 6, 5))  # overdue by 4 working days (6/10 off)
    _case(session, 2, CaseStatus.REGISTERED, date(2024, 6, 12))  # due today
    _case(session, 3, CaseStatus.AWAITING_APPROVAL, date(2024, 6, 17))  # the 3rd working day from today
    _case(session, 4, CaseStatus.IN_PROGRESS, date(2024, 6, 18))  # 4 working days: not yet
    _case(session, 5, CaseStatus.CLOSED, date(2024, 6, 1))  # closed cases are never overdue
    _case(session, 6, CaseStatus.AWAITING_CORRECTION, None, correction_due_on=date(2024, 6, 7))
    _case(session, 7, CaseStatus.AWAITING_CORRECTION, None, correction_due_on=date(2024, 6, 20))
    late = _case(session, 8, CaseStatus.IN_PROGRESS, date(2024, 7, 10))
    session.add(Consultation(case_id=late.id, kind=ConsultationKind.DEPARTMENT.value, party="县民政局",
                             sent_on=date(2024, 6, 3), due_on=date(2024, 6, 7)))
    session.flush()

    items = collect(session, STAFF, TODAY)
    assert [(i.urgency, i.title) for i in items] == [
        (Urgency.OVERDUE, "逾期未答复：锦府办依申〔2024〕1号"),
        (Urgency.DUE_SOON, "即将到期：锦府办依申〔2024〕2号"),
        (Urgency.DUE_SOON, "即将到期：锦府办依申〔2024〕3号"),
        (Urgency.WAITING, "征求意见逾期未复：锦府办依申〔2024〕8号"),
        (Urgency.WAITING, "逾期未补正：锦府办依申〔2024〕6号"),
    ]
    assert "已逾期 4 个工作日" in items[0].detail
    assert "今天到期" in items[1].detail and "剩余 3 个工作日" in items[2].detail
    assert "5个工作日" in items[3].detail and "可按其他处理结案" in items[4].detail
    assert items[0].record_type == "request_case" and items[0].record_id is not None
    assert _cases_items(session, LEADER) == []  # leaders see what waits for them, not the clerks' deadlines


def test_many_items_are_summarised(session: Session, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(hooks, "ITEM_CAP", 2)
    for no in range(1, 6):
        _case(session, no, CaseStatus.IN_PROGRESS, date(2024, 6, no))
    titles = [t for _, t in _cases_items(session, STAFF)]
    assert titles == [
        "逾期未答复：锦府办依申〔2024〕1号", "逾期未答复：锦府办依申〔2024〕2号", "另有 3 件逾期未答复的申请",
    ]


def _sign(session: Session, case: RequestCase, step: str, signer: Actor, decision: str = "approve") -> None:
    session.add(SignOff(subject_type="request_case", subject_id=case.id, step=step, round=case.reply_round,
                        signer_id=signer.user_id, signer_name=signer.display_name, signer_role=step,
                        decision=decision))
    session.flush()


def test_approvals_wait_for_the_right_leader(db: Database, make_user) -> None:
    leader = make_user("chenjun", Role.LEADER_IN_CHARGE)
    principal = make_user("yanghua", Role.PRINCIPAL_LEADER)
    with db.session_factory.begin() as session:
        _approvals(session, leader, principal)


def _approvals(session: Session, leader: Actor, principal: Actor) -> None:
    reviewed = _case(session, 1, CaseStatus.AWAITING_APPROVAL, date(2024, 6, 28), justice_review_on=date(2024, 6, 11),
                     reply_type=ReplyType.DISCLOSABLE.value)
    _case(session, 2, CaseStatus.AWAITING_APPROVAL, date(2024, 6, 28))  # 司法局 review still outstanding
    waiting = (Urgency.WAITING, "待审批答复：锦府办依申〔2024〕1号")
    assert _cases_items(session, leader) == [waiting]
    assert _cases_items(session, principal) == []  # the principal leader signs after the leader in charge
    _sign(session, reviewed, "leader_in_charge", leader)
    assert _cases_items(session, leader) == []
    assert _cases_items(session, principal) == [waiting]
    _sign(session, reviewed, "principal_leader", principal)
    assert _cases_items(session, principal) == []
    # A new draft starts a new round: the leaders sign again.
    reviewed.reply_round += 1
    session.flush()
    assert _cases_items(session, leader) == [waiting]


def test_calendar_change_recomputes_open_cases(session: Session) -> None:
    case = _case(session, 1, CaseStatus.IN_PROGRESS, None)
    from app.cases.recompute import refresh_due

    refresh_due(case, load_calendar(session), TODAY, True)
    assert case.due_on == date(2024, 5, 31)  # 20 working days after 2024-05-06 (Saturday 5/11 worked)
    counts = set_year_arrangement(
        session, Actor.system(), 2024,
        days_off=[date(2024, m, d) for m, d in ((1, 1), (2, 12), (5, 1), (5, 2), (5, 3), (5, 20))],
        makeup_days=[date(2024, 5, 11)],
    )
    assert counts["cases"] == 1
    assert case.due_on == date(2024, 6, 3)  # the extra day off on 5/20 moved it by one working day


def test_demo_fills_every_state(db: Database) -> None:
    with db.session_factory.begin() as s:
        lines = fill_demo(s, load_calendar(s), date(2024, 11, 20))
    assert any(line.startswith("依申请公开：示例申请") for line in lines)
    with db.session_factory() as s:
        statuses = dict(s.execute(select(RequestCase.status, func.count()).group_by(RequestCase.status)).all())
        assert set(statuses) == {st.value for st in CaseStatus}
        assert 55 <= sum(statuses.values()) <= 70
        replied = set(s.scalars(select(RequestCase.reply_type).where(RequestCase.replied_on.is_not(None))))
        assert replied == {t.value for t in ReplyType}
        archived = s.scalars(select(RequestCase.id).where(RequestCase.status == CaseStatus.ARCHIVED.value)).all()
        assert archived and all(missing_items(s, cid) == [] for cid in archived)
        letters = s.scalar(select(func.count()).select_from(CaseDocument).where(CaseDocument.letter_kind == "reply"))
        assert letters == len(archived)
        items = collect(s, Actor.system(), date(2024, 11, 20))
        urgencies = {i.urgency for i in items if i.area == "依申请公开"}
        assert {Urgency.OVERDUE, Urgency.DUE_SOON, Urgency.WAITING} <= urgencies
