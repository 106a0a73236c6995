"""统计 → 导出 Excel as a use case: the same export pipeline as the registers (role, plain data, a
reports/ writer, atomic file, audit entry), run by `app.export_unit.run_export`."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session

from app.annual.report_export import EXPORT_ROLES
from app.annual.statistics import compute_statistics
from app.context import Actor
from app.errors import ValidationError
from app.export_unit import record_export
from reports.statistics_xlsx import write_statistics_xlsx

__all__ = ["EXPORT_ROLES", "export_statistics"]


def export_statistics(session: Session, actor: Actor, path: Path, year: int, month: int | None = None,
                      quarter: int | None = None, *, today: date | None = None) -> Path:
    """Write the period's statistics tables to `path` (.xlsx), computed from the records now, and audit it."""
    actor.require(*EXPORT_ROLES)
    if path.suffix.lower() != ".xlsx":
        raise ValidationError(f"文件名“{path.name}”应以 .xlsx 结尾。", field="path")
    stats = compute_statistics(session, year, month, quarter, today=today)
    written = write_statistics_xlsx(stats, path)
    label = stats.period.label
    record_export(session, actor, "statistics", label, after={"文件": str(written), "统计期间": label},
                  summary=f"导出{stats.period.label}依申请公开统计（{written.name}）")
    return written
