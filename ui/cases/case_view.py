"""A plain snapshot of one case for the detail pane: widgets never hold live ORM objects."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy.orm import Session

from app.auth.people import person_label
from app.cases.archive import ChecklistRow, category_label, checklist, list_documents
from app.cases.enums import CaseStatus, ConsultationKind
from app.cases.outcomes import Outcome, ReplyType
from app.cases.queries import get_case
from app.cases.reply import reply_state_hash
from app.cases.reply_actions import REPLY_STEPS
from app.signoff.service import Decision, signoffs_for
from ui.cases.deadline_text import deadline_explanation
from ui.cases.flowchart import FlowFacts
from ui.translate import translator

SUBJECT = "request_case"


_tr = translator("CaseView")
APPROVAL_STEPS = tuple(REPLY_STEPS)  # in order; app.cases.reply_actions states it


@dataclass(frozen=True)
class ConsultationView:
    id: int
    kind: ConsultationKind
    party: str
    matter: str
    sent_on: date
    due_on: date
    answered_on: date | None
    opinion: str
    opinion_text: str
    decision: str
    decision_reason: str
    delivered_on: date | None = None


@dataclass(frozen=True)
class DocumentView:
    id: int
    category: str
    category_label: str
    filename: str
    size: int
    letter_kind: str
    note: str
    added_by: str
    added_at: datetime


@dataclass(frozen=True)
class SignView:
    step: str
    round: int
    signer_name: str
    decision: Decision
    opinion: str
    signed_at: datetime
    signer_id: int | None = None


@dataclass
class CaseView:
    id: int
    case_no: str
    status: CaseStatus
    version: int
    values: dict[str, object]  # every column of the case, for the read-only summary
    due_on: date | None
    due_unconfirmed: bool
    days_left: int | None
    deadline_text: str
    consultations: list[ConsultationView] = field(default_factory=list)
    documents: list[DocumentView] = field(default_factory=list)
    checklist: list[ChecklistRow] = field(default_factory=list)
    signs: list[SignView] = field(default_factory=list)
    # app.cases.reply.reply_state_hash when loaded: a draft save or 司法局 review from this view is
    # refused when the reply changed or was signed since.
    reply_state: str = ""

    def get(self, name: str) -> object:
        return self.values.get(name)

    def date_of(self, name: str) -> date | None:
        value = self.values.get(name)
        return value if isinstance(value, date) else None

    def text(self, name: str) -> str:
        value = self.values.get(name)
        return "" if value is None else str(value)

    @property
    def reply_type(self) -> ReplyType | None:
        value = self.text("reply_type")
        return ReplyType(value) if value else None

    @property
    def outcome(self) -> Outcome | None:
        value = self.text("outcome")
        return Outcome(value) if value else None

    @property
    def is_open(self) -> bool:
        return self.status.is_open

    def approvals(self) -> dict[str, SignView]:
        """The leaders' sign-offs of the current draft, by step (saving a new draft starts a new round)."""
        current = self.get("reply_round") or 1
        return {s.step: s for s in self.signs if s.step in APPROVAL_STEPS and s.round == current}

    @property
    def approvals_done(self) -> bool:
        got = self.approvals()
        return all(step in got and got[step].decision is Decision.APPROVE for step in APPROVAL_STEPS)

    def timeline(self) -> list[tuple[date, str]]:
        """What happened to the case, by date, in a clerk's words (shown beside the flowchart)."""
        events: list[tuple[date, str]] = []

        def add(name: str, text: str) -> None:
            d = self.get(name)
            if isinstance(d, datetime):
                d = d.date()
            if isinstance(d, date):
                events.append((d, text))

        add("received_on", _tr("收到申请"))
        add("correction_notice_on", _tr("发出补正告知"))
        add("correction_received_on", _tr("收到补正材料"))
        for c in self.consultations:
            events.append((c.sent_on, _tr("{kind}：{party}").format(kind=c.kind.label, party=c.party)))
            if c.answered_on:
                events.append((c.answered_on, _tr("收回{party}意见").format(party=c.party)))
        add("extension_notified_on", _tr("延期答复"))
        add("fee_notice_on", _tr("发出收费通知"))
        add("excessive_asked_on", _tr("要求申请人说明理由"))
        add("fee_paid_on", _tr("申请人缴费"))
        add("justice_review_on", _tr("司法局审核"))
        names = {"leader_in_charge": _tr("分管领导"), "principal_leader": _tr("主要领导"),
                 "extension": _tr("延期审批"), "excessive_due": _tr("延迟答复期限审批")}
        for s in self.signs:
            events.append((s.signed_at.date(), _tr("{who}（{step}）{decision}").format(
                who=s.signer_name, step=names.get(s.step, s.step), decision=s.decision.label)))
        add("replied_on", _tr("发出答复书 {no}").format(no=self.text("reply_doc_no")).strip())
        add("delivered_on", _tr("送达，办结"))
        add("archived_at", _tr("归档"))
        return sorted(events, key=lambda e: e[0])

    def open_consultation(self) -> ConsultationView | None:
        return next((c for c in self.consultations if c.answered_on is None), None)

    def flow_facts(self) -> FlowFacts:
        open_c = self.open_consultation()
        return FlowFacts(
            status=self.status,
            had_correction=self.get("correction_notice_on") is not None,
            had_department=any(c.kind is not ConsultationKind.THIRD_PARTY for c in self.consultations),
            had_third_party=any(c.kind is ConsultationKind.THIRD_PARTY for c in self.consultations),
            open_consultation="" if open_c is None else
            ("department" if open_c.kind is ConsultationKind.DEPARTMENT else "third_party"),
            draft_saved=self.status in (CaseStatus.AWAITING_APPROVAL, CaseStatus.CLOSED, CaseStatus.ARCHIVED),
            revising=self.status is CaseStatus.IN_PROGRESS and bool(self.text("reply_body")),
            justice_done=self.get("justice_review_on") is not None,
            approvals_done=self.approvals_done,
            replied=self.get("replied_on") is not None,
            delivered=self.get("delivered_on") is not None,
        )


def load_case_view(session: Session, case_id: int, today: date) -> CaseView:
    from sqlalchemy import inspect

    case = get_case(session, case_id)
    mapper = inspect(case).mapper
    values = {a.key: getattr(case, a.key) for a in mapper.column_attrs if a.key != "search_text"}
    values["created_by_name"] = person_label(session, case.created_by)  # 登记人 by name, not login
    text, left = deadline_explanation(session, case, today)
    view = CaseView(
        id=case.id, case_no=case.case_no, status=CaseStatus(case.status), version=case.version, values=values,
        due_on=case.due_on, due_unconfirmed=case.due_unconfirmed, days_left=left, deadline_text=text,
    )
    view.consultations = [
        ConsultationView(c.id, ConsultationKind(c.kind), c.party, c.matter, c.sent_on, c.due_on, c.answered_on,
                         c.opinion, c.opinion_text, c.decision, c.decision_reason, c.delivered_on)
        for c in case.consultations
    ]
    view.documents = [
        DocumentView(d.id, d.category, category_label(d.category), d.filename, d.size, d.letter_kind, d.note,
                     d.added_by, d.added_at)
        for d in list_documents(session, case_id)
    ]
    view.checklist = checklist(session, case_id)
    view.signs = [
        SignView(s.step, s.round, s.signer_name, Decision(s.decision), s.opinion, s.signed_at, s.signer_id)
        for s in signoffs_for(session, SUBJECT, case_id)
    ]
    view.reply_state = reply_state_hash(session, case)
    return view
