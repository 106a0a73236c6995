"""审计记录 → 导出 Excel as one use case for the screen and `govinfo-desk audit export` (beside app.audit, not in
it: the export pipeline itself writes audit entries). The role is
checked here, the entries are read as plain rows, `reports.audit_log` writes them (temp name, then
rename), and the export itself is audited; run it with `app.export_unit.run_export`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from app.audit.query import AuditFilter, iter_entries
from app.errors import ValidationError
from app.export_unit import record_export
from reports.audit_log import write_audit_xlsx

if TYPE_CHECKING:
    from app.context import Actor


def export_audit_log(session: Session, actor: Actor, path: str | Path, filt: AuditFilter, *,
                     progress: Callable[[int], None] | None = None) -> int:
    """Write the entries matching `filt` to `path` (.xlsx), newest first; returns how many.

    `progress(count)` is called every 500 rows and may raise to abandon the export (no file)."""
    rows = iter_entries(session, actor, filt)  # refuses a role that may not read the trail
    target = Path(path)
    if target.suffix.lower() != ".xlsx":
        raise ValidationError(f"文件名“{target.name}”应以 .xlsx 结尾。", field="path")
    description = filt.describe()
    count = write_audit_xlsx(rows, target, description=description, progress=progress)
    record_export(session, actor, "audit_log", "*", after={"文件": str(target), "条数": count, "筛选条件": description},
                  summary=f"导出审计记录 {count} 条（{description}）")
    return count
