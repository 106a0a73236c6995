"""系统设置 → 审计记录: lazy loading, filters, detail view, integrity check and export."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select, update

from app.audit import query
from app.audit.models import AuditEntry
from app.audit.query import AuditFilter
from app.audit.service import record
from app.auth.roles import Role
from app.bootstrap import Database
from app.context import Actor
from ui.admin.audit_detail import AuditDetailDialog
from ui.admin.audit_model import AuditModel
from ui.admin.audit_page import AuditPage
from ui.context import AppContext

pytestmark = pytest.mark.gui

CLERK = Actor(user_id=99, username="clerk", display_name="办事员")


@pytest.fixture
def ctx(db: Database, make_user) -> AppContext:
    return AppContext(db=db, actor=make_user("guanli", Role.ADMIN, display_name="管理员"))


def _fill(ctx: AppContext, n: int) -> None:
    with ctx.unit_of_work() as s:
        for i in range(n):
            record(s, CLERK, "update", "case", i % 7, before={"状态": "办理中"}, after={"状态": f"第{i}步"},
                   summary=f"办理第 {i} 步")


@pytest.fixture
def page(qtbot: QtBot, ctx: AppContext) -> AuditPage:
    _fill(ctx, 500)
    widget = AuditPage(ctx)
    qtbot.addWidget(widget)
    widget.resize(1100, 700)
    widget.show()
    return widget


def test_entries_load_lazily_newest_first(qtbot: QtBot, ctx: AppContext) -> None:
    _fill(ctx, 500)  # plus the one entry for creating the administrator
    page = AuditPage(ctx)  # not shown: no view asks for more rows by itself
    qtbot.addWidget(page)
    model = page.model
    root = QModelIndex()
    assert model.rowCount() == 200 and model.total == 501
    assert model.canFetchMore(root)
    first = model.row_at(0)
    assert first is not None and first.seq == 501 and first.summary == "办理第 499 步"
    model.fetchMore(root)
    assert model.rowCount() == 400
    model.fetchMore(root)
    assert model.rowCount() == 501
    assert not model.canFetchMore(root)
    assert [model.row_at(i).seq for i in range(501)] == list(range(501, 0, -1))  # type: ignore[union-attr]
    assert "共 501 条" in page.status_label.text()


def test_display_columns(page: AuditPage) -> None:
    model = page.model
    headers = [model.headerData(i, Qt.Orientation.Horizontal) for i in range(model.columnCount())]
    assert headers == ["时间", "用户", "操作系统用户", "操作", "记录类型", "记录编号", "摘要"]
    row = [model.data(model.index(0, c)) for c in range(model.columnCount())]
    assert row[1] == "办事员（clerk）" and row[3] == "修改" and row[4] == "case" and row[6] == "办理第 499 步"


def test_filters(qtbot: QtBot, page: AuditPage) -> None:
    assert page.user_combo.findData("guanli") == -1  # only people who appear in the trail are offered
    page.user_combo.setCurrentIndex(page.user_combo.findData("system"))  # make_user acts as the system
    page.apply_filter()
    assert page.model.rowCount() == 1 and page.model.total == 1
    row = page.model.row_at(0)
    assert row is not None and row.action == "create"
    page.reset_filter()
    assert page.model.total == 501
    page.text_edit.setText("第 42 步")
    page.apply_filter()
    assert page.model.total == 1
    page.reset_filter()
    page.record_id_edit.setText("3")
    page.type_combo.setCurrentIndex(page.type_combo.findData("case"))
    page.apply_filter()
    assert page.model.total == len([i for i in range(500) if i % 7 == 3])
    page.reset_filter()
    page.date_check.setChecked(True)  # the last 30 days: everything was written just now
    page.apply_filter()
    assert page.model.total == 501
    page.date_from.setDate(page.date_to.date().addDays(1))
    page.date_to.setDate(page.date_to.date().addDays(2))
    page.apply_filter()
    assert page.model.total == 0


def test_double_click_shows_before_and_after(qtbot: QtBot, page: AuditPage) -> None:
    index = page.model.index(0, 2)
    page.table.doubleClicked.emit(index)
    dialog = page.findChild(AuditDetailDialog)
    assert dialog is not None and dialog.isVisible()
    assert '"状态": "办理中"' in dialog.before_text.toPlainText()
    assert '"状态": "第499步"' in dialog.after_text.toPlainText()
    assert len(dialog.after_text.extraSelections()) == 1  # the changed key is shaded


def test_verify_integrity_ok_then_tampered(qtbot: QtBot, page: AuditPage, ctx: AppContext) -> None:
    with qtbot.waitSignal(page.verification_finished, timeout=10_000) as done:
        page.verify_button.click()
    assert done.args[0] is True and "501" in done.args[1]
    with ctx.unit_of_work() as s:
        s.execute(update(AuditEntry).where(AuditEntry.seq == 250).values(summary="改过了"))
    with qtbot.waitSignal(page.verification_finished, timeout=10_000) as done:
        page.verify_integrity()
    assert done.args[0] is False and "第 250 条" in done.args[1]
    assert any("第 250 条" in b.text() for b in page.findChildren(QMessageBox))


def test_export_current_filter(qtbot: QtBot, page: AuditPage, ctx: AppContext, tmp_path: Path) -> None:
    page.text_edit.setText("第 1")  # 第 1 步, 第 10–19 步, 第 100–199 步
    page.apply_filter()
    expected = page.model.total
    assert expected == 1 + 10 + 100
    target = tmp_path / "审计.xlsx"
    with qtbot.waitSignal(page.export_finished, timeout=20_000) as done:
        page.export_to(str(target))
    assert done.args == [str(target), expected]
    ws = openpyxl.load_workbook(target).active
    assert ws is not None and ws.max_row == expected + 1
    assert ws.cell(row=2, column=9).value == "办理第 199 步"
    with ctx.reader() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "export")).one()
    assert entry.username == "guanli" and str(expected) in entry.summary and "第 1" in entry.summary
    assert page.action_combo.findData("export") >= 0  # the filter lists now offer the new action


def test_audit_model_passes_modeltester(qtbot: QtBot, qtmodeltester, ctx: AppContext) -> None:
    _fill(ctx, 30)

    def fetch(filt: AuditFilter, before: int | None, limit: int) -> list[query.AuditRow]:
        with ctx.reader() as s:
            return query.fetch_entries(s, Actor.system(), filt, before_seq=before, limit=limit)

    model = AuditModel(fetch, page_size=8)
    model.set_filter(AuditFilter())
    qtmodeltester.check(model)
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    assert model.rowCount() == 31
    qtmodeltester.check(model)
