"""Disclosure items, their attachments, and the yearly Part 2 figures entered by hand."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Index, Integer, Numeric, String, Text, func, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.attachment_model import AttachmentColumns
from app.db.base import Base, owned_rows, utcnow


class DisclosureItem(Base):
    __tablename__ = "disclosure_items"
    __table_args__ = (
        # The item list's default order, newest number first (GK-2024-10 after GK-2024-9): the year,
        # then the length, then the text. Indexed, so a page of 100,000 items is read without
        # sorting them all (app/disclosure/queries.py, issue 14).
        Index("ix_disclosure_items_number_order", func.substr(text("item_no"), 4, 4), func.length(text("item_no")),
              "item_no", "version_no"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    item_no: Mapped[str] = mapped_column(String(32), index=True)  # shared by every version of one item
    version_no: Mapped[int] = mapped_column(Integer, default=1)
    previous_id: Mapped[int | None] = mapped_column(ForeignKey("disclosure_items.id"), nullable=True)
    title: Mapped[str] = mapped_column(String(300))
    category: Mapped[int] = mapped_column(Integer)  # index into enums.CATEGORIES
    section: Mapped[str] = mapped_column(String(64))  # responsible section (第五条)
    doc_no: Mapped[str] = mapped_column(String(64), default="")
    doc_kind: Mapped[str] = mapped_column(String(16), default="")
    formed_on: Mapped[date] = mapped_column(Date)  # formed or changed (第九条)
    repealed_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    summary: Mapped[str] = mapped_column(Text, default="")
    # Involving other bodies (第十条)
    other_bodies: Mapped[str] = mapped_column(String(300), default="")
    others_confirmed_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    others_confirmation: Mapped[str] = mapped_column(Text, default="")

    status: Mapped[str] = mapped_column(String(16), index=True)
    decision: Mapped[str] = mapped_column(String(16), default="pending")
    withhold_reason: Mapped[int | None] = mapped_column(Integer, nullable=True)  # index into WITHHOLD_REASONS
    legal_basis: Mapped[str] = mapped_column(Text, default="")
    # Secrecy review (第六条), signed in the sign-off dialog
    secrecy_reviewer: Mapped[str] = mapped_column(String(64), default="")
    secrecy_reviewed_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    secrecy_opinion: Mapped[str] = mapped_column(Text, default="")

    # Publication (第八、九条)
    channels: Mapped[str] = mapped_column(String(200), default="")  # "、"-joined CHANNELS
    published_on: Mapped[date | None] = mapped_column(Date, nullable=True, index=True)
    url: Mapped[str] = mapped_column(String(500), default="")
    due_on: Mapped[date | None] = mapped_column(Date, nullable=True, index=True)
    due_unconfirmed: Mapped[bool] = mapped_column(Boolean, default=False)
    delay_cause: Mapped[str] = mapped_column(Text, default="")
    delay_ended_on: Mapped[date | None] = mapped_column(Date, nullable=True)

    search_text: Mapped[str] = mapped_column(Text, default="")
    created_by: Mapped[str] = mapped_column(String(64), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)

    attachments: Mapped[list[DisclosureAttachment]] = owned_rows("item", "DisclosureAttachment.id")

    __mapper_args__ = {"version_id_col": version}


class DisclosureAttachment(AttachmentColumns, Base):
    __tablename__ = "disclosure_attachments"

    item_id: Mapped[int] = mapped_column(ForeignKey("disclosure_items.id", ondelete="CASCADE"), index=True)

    item: Mapped[DisclosureItem] = relationship(back_populates="attachments")


class YearFigures(Base):
    """Part 2 numbers that no record in this program produces (entered once a year)."""

    __tablename__ = "disclosure_year_figures"

    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    rules_issued: Mapped[int] = mapped_column(Integer, default=0)
    rules_repealed: Mapped[int] = mapped_column(Integer, default=0)
    rules_in_force: Mapped[int] = mapped_column(Integer, default=0)
    normative_issued_extra: Mapped[int] = mapped_column(Integer, default=0)  # not recorded as items
    normative_repealed_extra: Mapped[int] = mapped_column(Integer, default=0)
    normative_in_force_extra: Mapped[int] = mapped_column(Integer, default=0)
    licensing_decisions: Mapped[int] = mapped_column(Integer, default=0)
    punishment_decisions: Mapped[int] = mapped_column(Integer, default=0)
    enforcement_decisions: Mapped[int] = mapped_column(Integer, default=0)
    fees_amount: Mapped[Decimal] = mapped_column(Numeric(14, 4), default=Decimal("0"))  # 万元
    updated_by: Mapped[str] = mapped_column(String(64), default="")
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}
