from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import Base, utcnow


class SignOff(Base):
    """One signature on one step of one record. The unique key makes a step signable once per
    round, so two leaders approving the same stage at the same moment produce one sign-off."""

    __tablename__ = "signoffs"
    __table_args__ = (UniqueConstraint("subject_type", "subject_id", "step", "round"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    subject_type: Mapped[str] = mapped_column(String(32))
    subject_id: Mapped[int] = mapped_column(Integer)
    step: Mapped[str] = mapped_column(String(32))
    round: Mapped[int] = mapped_column(Integer, default=1)
    signer_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    signer_name: Mapped[str] = mapped_column(String(64))
    signer_role: Mapped[str] = mapped_column(String(32))
    decision: Mapped[str] = mapped_column(String(16))  # "approve" or "return"
    opinion: Mapped[str] = mapped_column(Text, default="")
    signed_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    # Who had set the signer's password when they signed (always the signer: the sign-off refuses
    # a password an administrator set), kept so the record answers the question by itself.
    signer_password_set_by: Mapped[str] = mapped_column(String(128), default="")
    signer_password_set_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    # SHA-256 of the text and fields the signer was shown (app.signoff.content); "" before issue 19.
    content_hash: Mapped[str] = mapped_column(String(64), default="")
