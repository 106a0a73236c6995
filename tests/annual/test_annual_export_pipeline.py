"""The annual report and the statistics tables go through the export pipeline: the role is checked in
the service, the file is written and read back, and the export is in the audit trail."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from openpyxl import load_workbook
from sqlalchemy import select

from app.annual.report_export import export_annual_report
from app.annual.service import save_texts
from app.annual.statistics_export import export_statistics
from app.audit.models import AuditEntry
from app.auth.roles import Role
from app.bootstrap import Database
from app.cases.outcomes import Outcome
from app.context import Actor
from app.errors import PermissionDenied
from app.export_unit import run_export
from tests.factories import case

TODAY = date(2025, 1, 15)


def _fill(db: Database) -> None:
    with db.session_factory.begin() as s:
        s.add_all([case(date(2024, 2, 1), date(2024, 2, 20), Outcome.DISCLOSED),
                   case(date(2024, 3, 1), date(2024, 3, 20), Outcome.WITHHELD, 5)])
        save_texts(s, Actor.system(), 2024, "本年度，本机关认真贯彻条例。", "一是培训不足。", "", expected_version=0)


def _exports(db: Database, record_type: str) -> list[AuditEntry]:
    with db.reader() as s:
        return list(s.scalars(select(AuditEntry).where(AuditEntry.action == "export",
                                                       AuditEntry.record_type == record_type)))


def test_an_editor_may_not_export_the_annual_report(db: Database, make_user: Any, tmp_path: Path) -> None:
    _fill(db)
    editor = make_user("caibian", Role.EDITOR)
    out = tmp_path / "年报.docx"
    with pytest.raises(PermissionDenied, match="当前用户“caibian”无此权限"):
        run_export(db, lambda s: export_annual_report(s, editor, 2024, out, today=TODAY))
    assert not out.exists() and _exports(db, "annual_report") == []


def test_staff_export_the_annual_report_and_it_is_audited(db: Database, make_user: Any, tmp_path: Path) -> None:
    _fill(db)
    staff = make_user("gongkai", Role.DISCLOSURE_STAFF)
    steps: list[str] = []
    written, prepared = run_export(db, lambda s: export_annual_report(s, staff, 2024, tmp_path / "年报.docx",
                                                                      today=TODAY, step=steps.append))
    text = "\n".join(p.text for p in Document(str(written)).paragraphs)
    assert "本年度，本机关认真贯彻条例。" in text and "草稿" not in text  # 2024 ended before 2025-01-15
    assert prepared.draft == "" and steps == ["正在计算 2024 年度报告…", "正在写入“年报.docx”…"]
    [entry] = _exports(db, "annual_report")
    assert entry.username == "gongkai" and entry.record_id == "2024" and "年报.docx" in entry.after_json


def test_an_editor_may_not_export_the_statistics(db: Database, make_user: Any, tmp_path: Path) -> None:
    editor = make_user("caibian", Role.EDITOR)
    out = tmp_path / "统计.xlsx"
    with pytest.raises(PermissionDenied, match="此操作需要以下角色之一：信息公开工作人员"):
        run_export(db, lambda s: export_statistics(s, editor, out, 2024, today=TODAY))
    assert not out.exists() and _exports(db, "statistics") == []


def test_statistics_export_reads_back_and_is_audited(db: Database, make_user: Any, tmp_path: Path) -> None:
    _fill(db)
    head = make_user("kezhang", Role.SECTION_HEAD)
    written = run_export(db, lambda s: export_statistics(s, head, tmp_path / "统计.xlsx", 2024, quarter=1,
                                                         today=TODAY))
    ws = load_workbook(written).active
    assert ws is not None
    assert str(ws.cell(1, 1).value).endswith("2024年第一季度政府信息公开申请办理情况统计")
    assert [ws.cell(3, c).value for c in range(1, 5)] == ["合计", "全部申请", 2, 2]  # both received and closed in Q1
    [entry] = _exports(db, "statistics")
    assert entry.username == "kezhang" and entry.record_id == "2024年第一季度"
