"""Tables of 区分处理: the marks of each document to be released, and a case's reason for no copy."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import Base, utcnow


class CaseRedaction(Base):
    """The marks on one 拟公开材料 (a case document) and the released copy made from them."""

    __tablename__ = "case_redactions"
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("request_cases.id", ondelete="CASCADE"), index=True)
    source_document_id: Mapped[int] = mapped_column(
        ForeignKey("case_documents.id", ondelete="CASCADE"), unique=True
    )
    marks: Mapped[str] = mapped_column(Text, default="[]")  # JSON list of app.redaction.run.MarkSpec
    output_format: Mapped[str] = mapped_column(String(8), default="pdf")  # pdf / docx
    released_document_id: Mapped[int | None] = mapped_column(
        ForeignKey("case_documents.id", ondelete="SET NULL"), nullable=True
    )
    # JSON rows of the 区分处理说明 for this document: [{"page": 1, "ground": "privacy", "count": 2}, …]
    statement: Mapped[str] = mapped_column(Text, default="[]")
    released_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    # Second-person review (setting redaction.second_review): who checked which marks, and when.
    reviewed_by: Mapped[str] = mapped_column(String(64), default="")
    reviewed_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    reviewed_marks: Mapped[str] = mapped_column(String(32), default="")  # digest of the marks reviewed
    updated_by: Mapped[str] = mapped_column(String(64), default="")
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}


class PartialDisclosureNote(Base):
    """Why a 部分公开 reply has no redacted copy (e.g. the information is given as an excerpt)."""

    __tablename__ = "partial_disclosure_notes"

    case_id: Mapped[int] = mapped_column(ForeignKey("request_cases.id", ondelete="CASCADE"), primary_key=True)
    no_copy_reason: Mapped[str] = mapped_column(Text, default="")
    recorded_by: Mapped[str] = mapped_column(String(64), default="")
    recorded_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
