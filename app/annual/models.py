from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import Base, utcnow


class AnnualReport(Base):
    """The office's text for a year's report, and once published, the figures as published."""

    __tablename__ = "annual_reports"

    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    part1: Mapped[str] = mapped_column(Text, default="")
    part5: Mapped[str] = mapped_column(Text, default="")
    part6: Mapped[str] = mapped_column(Text, default="")
    locked: Mapped[bool] = mapped_column(Boolean, default=False)
    locked_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    locked_by: Mapped[str] = mapped_column(String(64), default="")
    figures_json: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}
