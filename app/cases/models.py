"""Request-case tables. Enum columns store the enum's value (a short English code)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    Numeric,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db.base import Base, owned_rows, utcnow


class RequestCase(Base):
    __tablename__ = "request_cases"
    __table_args__ = (
        Index("ix_request_cases_status_due", "status", "due_on"),
        Index("ix_request_cases_received_on", "received_on"),
        # The case list sorted by 答复期限 (both directions, NULLs last) pages through this (issue 8).
        Index("ix_request_cases_due_on", "due_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    case_no: Mapped[str] = mapped_column(String(64), unique=True)
    status: Mapped[str] = mapped_column(String(32), index=True)

    # Applicant (条例第二十九条; types follow the annual report)
    applicant_type: Mapped[str] = mapped_column(String(32), index=True)
    applicant_name: Mapped[str] = mapped_column(String(200), index=True)
    id_type: Mapped[str] = mapped_column(String(32), default="")  # 居民身份证 / 护照 / 统一社会信用代码 …
    id_number: Mapped[str] = mapped_column(String(64), default="", index=True)
    legal_representative: Mapped[str] = mapped_column(String(100), default="")
    contact_person: Mapped[str] = mapped_column(String(100), default="")
    phone: Mapped[str] = mapped_column(String(64), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    address: Mapped[str] = mapped_column(String(300), default="")
    postcode: Mapped[str] = mapped_column(String(16), default="")
    # Agent with power of attorney
    agent_name: Mapped[str] = mapped_column(String(100), default="")
    agent_id_number: Mapped[str] = mapped_column(String(64), default="")
    agent_phone: Mapped[str] = mapped_column(String(64), default="")
    has_power_of_attorney: Mapped[bool] = mapped_column(Boolean, default=False)

    # Intake and the date of receipt (条例第三十一条)
    channel: Mapped[str] = mapped_column(String(32), index=True)
    submitted_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    channel_date: Mapped[date | None] = mapped_column(Date, nullable=True)  # signed for / confirmed
    # 平信: the day the letter arrived; the office must confirm with the applicant that same day
    # (条例第三十一条第（二）项), so a later confirmation is shown as a warning.
    letter_arrived_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    received_on: Mapped[date] = mapped_column(Date)
    receipt_rule: Mapped[str] = mapped_column(String(200), default="")
    content: Mapped[str] = mapped_column(Text)
    info_reference: Mapped[str] = mapped_column(String(300), default="")  # 文号 or description
    form_wanted: Mapped[str] = mapped_column(String(64), default="")  # 纸质 / 电子邮件 / 光盘 …
    delivery_method: Mapped[str] = mapped_column(String(32), default="")

    # Deadline, recomputed whenever an event or the calendar changes
    due_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    due_unconfirmed: Mapped[bool] = mapped_column(Boolean, default=False)

    # 补正
    correction_notice_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    correction_items: Mapped[str] = mapped_column(Text, default="")
    correction_due_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    correction_received_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    # Why a notice went out later than 7 working days after receipt (条例第三十条 sets that limit).
    correction_late_reason: Mapped[str] = mapped_column(Text, default="")
    correction_doc_no: Mapped[str] = mapped_column(String(64), default="")  # drawn when the notice is sent

    # 延期
    extension_notified_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    extension_reason: Mapped[str] = mapped_column(Text, default="")
    extension_doc_no: Mapped[str] = mapped_column(String(64), default="")  # drawn when the notice is sent

    # 收费 (国办函〔2020〕109号)
    fee_notice_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    fee_amount: Mapped[Decimal | None] = mapped_column(Numeric(12, 2), nullable=True)
    fee_paid_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    # The payment period runs from the day the applicant RECEIVED the notice (109号); until it is
    # recorded it is counted from the notice date and the case says so.
    fee_notice_received_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    # How the amount was computed, never typed: method (FeeMethod), units charged, the applicant's
    # earlier requests that month (per request) and the band-by-band working as printed.
    fee_method: Mapped[str] = mapped_column(String(16), default="")
    fee_units: Mapped[int | None] = mapped_column(Integer, nullable=True)
    fee_earlier: Mapped[int | None] = mapped_column(Integer, nullable=True)
    fee_working: Mapped[str] = mapped_column(Text, default="")
    fee_doc_no: Mapped[str] = mapped_column(String(64), default="")  # 收费通知书, drawn when the notice is sent

    # 条例第三十五条 (excessive requests): the request for reasons (说明理由通知书, numbered when
    # sent), the applicant's reasons, and the office's decision: on_time / later (a reasonable later
    # deadline, approved like an extension, told in a 延迟答复告知书) / decline (不予处理). The time the
    # applicant takes to explain does not pause the clock: the 条例 says nothing of a pause.
    excessive_asked_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    excessive_facts: Mapped[str] = mapped_column(Text, default="")  # the number / frequency found
    excessive_reasons_due_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    excessive_ask_doc_no: Mapped[str] = mapped_column(String(64), default="")
    excessive_reasons_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    excessive_reasons: Mapped[str] = mapped_column(Text, default="")
    excessive_decision: Mapped[str] = mapped_column(String(16), default="")
    excessive_decided_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    excessive_decision_reason: Mapped[str] = mapped_column(Text, default="")
    excessive_due_on: Mapped[date | None] = mapped_column(Date, nullable=True)  # the later deadline
    excessive_notice_doc_no: Mapped[str] = mapped_column(String(64), default="")  # 延迟答复告知书

    # Reply
    reply_type: Mapped[str] = mapped_column(String(32), default="")
    outcome: Mapped[str] = mapped_column(String(32), default="", index=True)
    outcome_detail: Mapped[int | None] = mapped_column(Integer, nullable=True)  # index into Outcome.details
    reply_body: Mapped[str] = mapped_column(Text, default="")
    reply_doc_no: Mapped[str] = mapped_column(String(64), default="")
    # 重复申请: the 受理编号 of the same applicant's earlier, answered request the reply refers to.
    repeat_of_case_no: Mapped[str] = mapped_column(String(64), default="")
    justice_review_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    justice_opinion: Mapped[str] = mapped_column(Text, default="")
    replied_on: Mapped[date | None] = mapped_column(Date, nullable=True, index=True)
    reply_delivery_method: Mapped[str] = mapped_column(String(32), default="")
    tracking_no: Mapped[str] = mapped_column(String(64), default="")
    # 条例第四十四条: the 主动公开 item (DisclosureItem.item_no) this request's information became.
    proactive_item_no: Mapped[str] = mapped_column(String(32), default="")
    # Why a reply by post has no EMS / 挂号 number, or how a reply sent “其他” went (delivery_rules).
    reply_delivery_note: Mapped[str] = mapped_column(Text, default="")
    delivered_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    # Approval round of the reply (SignOff.round): a return or a changed draft starts a new round,
    # so the leaders sign the draft that is actually sent.
    reply_round: Mapped[int] = mapped_column(Integer, default=1)

    # Remedies (annual report Part 4)
    reconsideration_result: Mapped[str] = mapped_column(String(16), default="")
    reconsideration_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    litigation_kind: Mapped[str] = mapped_column(String(16), default="")
    litigation_result: Mapped[str] = mapped_column(String(16), default="")
    litigation_on: Mapped[date | None] = mapped_column(Date, nullable=True)

    remarks: Mapped[str] = mapped_column(Text, default="")
    # Lower-cased, whitespace-free copy of applicant and content for substring search that finds
    # two-character Chinese words (no word segmentation needed).
    search_text: Mapped[str] = mapped_column(Text, default="")
    handler_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True, index=True)
    created_by: Mapped[str] = mapped_column(String(64), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    archived_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    version: Mapped[int] = mapped_column(Integer, default=1)

    consultations: Mapped[list[Consultation]] = owned_rows("case", "Consultation.id")
    documents: Mapped[list[CaseDocument]] = owned_rows("case", "CaseDocument.id")

    __mapper_args__ = {"version_id_col": version}


class Consultation(Base):
    """One consultation: another department (5 working days), a third party or a co-producing
    agency (15 working days). The days it is out are not counted in the reply deadline."""

    __tablename__ = "case_consultations"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("request_cases.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    party: Mapped[str] = mapped_column(String(200))
    matter: Mapped[str] = mapped_column(Text, default="")
    sent_on: Mapped[date] = mapped_column(Date)
    due_on: Mapped[date] = mapped_column(Date)
    # 征求意见送达日期: the day the party received the letter (EMS signed); the party's period and
    # so the pause run from it (RULES.md C.7). Empty = counted from sent_on, and shown as such.
    delivered_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    doc_no: Mapped[str] = mapped_column(String(64), default="")  # the letter's 文号, drawn when sent
    # 告知申请人 that the party is being consulted (county text 五(三)): drawn when the consultation is sent.
    applicant_notice_doc_no: Mapped[str] = mapped_column(String(64), default="")
    # 告知第三方 the office discloses over its objection (条例第三十二条): drawn with that decision.
    disclosure_notice_doc_no: Mapped[str] = mapped_column(String(64), default="")
    answered_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    opinion: Mapped[str] = mapped_column(String(16), default="")  # agree / object / none (silence)
    opinion_text: Mapped[str] = mapped_column(Text, default="")
    decision: Mapped[str] = mapped_column(String(16), default="")  # disclose / withhold (office's call)
    decision_reason: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    case: Mapped[RequestCase] = relationship(back_populates="consultations")


class CaseDocument(Base):
    """A document in the case file: scans, recordings, generated letters. Stored in the database so
    backups and a shared server carry them."""

    __tablename__ = "case_documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("request_cases.id", ondelete="CASCADE"), index=True)
    category: Mapped[str] = mapped_column(String(32), index=True)  # archive checklist item code
    filename: Mapped[str] = mapped_column(String(255))
    mime_type: Mapped[str] = mapped_column(String(100), default="application/octet-stream")
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    content: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    letter_kind: Mapped[str] = mapped_column(String(32), default="")  # set for generated letters
    note: Mapped[str] = mapped_column(String(300), default="")
    added_by: Mapped[str] = mapped_column(String(64), default="")
    added_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    case: Mapped[RequestCase] = relationship(back_populates="documents")
