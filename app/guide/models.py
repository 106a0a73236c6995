"""One row per exported 政府信息公开指南: what it said (the settings it was made from) and when
it was published, so a later change of those settings shows the published guide is out of date."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import Base, utcnow


class GuideEdition(Base):
    __tablename__ = "guide_editions"

    id: Mapped[int] = mapped_column(primary_key=True)
    exported_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    exported_on: Mapped[date] = mapped_column(Date)  # the 编制日期 printed in the guide
    exported_by: Mapped[str] = mapped_column(String(64))
    file_name: Mapped[str] = mapped_column(String(255), default="")
    settings_json: Mapped[str] = mapped_column(Text)  # the values of GUIDE_SETTING_KEYS it was made from
    fingerprint: Mapped[str] = mapped_column(String(64), index=True)
    published_on: Mapped[date | None] = mapped_column(Date, nullable=True, index=True)
    published_by: Mapped[str] = mapped_column(String(64), default="")
    disclosure_item_id: Mapped[int | None] = mapped_column(
        ForeignKey("disclosure_items.id", ondelete="SET NULL"), nullable=True)
