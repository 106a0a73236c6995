"""The website report's typed figures and published figures per year, and policy ↔ 政策解读 links."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import Base, utcnow


class WebsiteReport(Base):
    """One year's 政府网站工作年度报表: what the office typed, and once published, every figure as published."""

    __tablename__ = "website_reports"

    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    typed_json: Mapped[str] = mapped_column(Text, default="{}")  # row key -> text as typed ("" = not filled)
    locked: Mapped[bool] = mapped_column(Boolean, default=False)
    locked_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    locked_by: Mapped[str] = mapped_column(String(64), default="")
    figures_json: Mapped[str] = mapped_column(Text, default="")  # row key -> value, as published
    updated_by: Mapped[str] = mapped_column(String(64), default="")
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}


class PolicyInterpretation(Base):
    """A 政策解读 post published with a policy (a 主动公开 item). One post interprets one policy;
    a policy may have several interpretations (material, product, media article)."""

    __tablename__ = "policy_interpretations"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("disclosure_items.id", ondelete="CASCADE"), index=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"), unique=True)
    linked_by: Mapped[str] = mapped_column(String(64), default="")
    linked_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
