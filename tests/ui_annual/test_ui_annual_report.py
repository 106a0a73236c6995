"""年度报告 page: the computed year in the template's tables, drill-down, checks, text, lock, export."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook
from PySide6.QtCore import QModelIndex, Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select, update

from app.annual.layout import PART3_COLUMN_LABELS, PART3_CORNER_NOTE, part3_rows
from app.annual.models import AnnualReport
from app.annual.service import report_state, save_texts
from app.audit.models import AuditEntry
from app.auth.roles import Role
from app.bootstrap import Database
from app.cases.models import RequestCase
from app.context import Actor
from tests.factories import case
from tests.ui_annual.annual_helpers import message_boxes, wait
from ui.annual.checks_panel import CASES_COLUMN
from ui.annual.grid_model import GridView
from ui.annual.tab import AnnualTab
from ui.context import AppContext

pytestmark = pytest.mark.gui
OpenTab = Callable[[AppContext], AnnualTab]


def _double_click(qtbot: QtBot, view: GridView, index: QModelIndex) -> None:
    view.scrollTo(index)
    pos = view.visualRect(index).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=pos)  # a real double-click starts so
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=pos)


def _number(view: GridView, label: str, column: int) -> QModelIndex:
    """The number cell of the row labelled `label`, applicant column `column` (0 = 自然人 … 6 = 总计)."""
    row = view.grid.find(label).row()
    assert row >= 0, label
    return view.grid.index(row, 3 + column)


def test_tab_computes_the_year_in_the_template_layout(ctx: AppContext, year_2024: dict[str, RequestCase],
                                                      open_tab: OpenTab) -> None:
    tab = open_tab(ctx)
    page = tab.report
    assert [tab.pages.tabText(i) for i in range(2)] == ["年度报告", "月度/季度统计"]
    assert page.current_year == 2024 and page.loaded is not None
    model, view = page.part3, page.part3_view
    assert model.index(0, 0).data() == PART3_CORNER_NOTE
    assert (view.rowSpan(0, 0), view.columnSpan(0, 0)) == (3, 3)
    for text in ("申请人情况", "法人或其他组织", *PART3_COLUMN_LABELS, "三、本年度办理结果", "（三）不予公开"):
        assert model.find(text).isValid(), text
    for row in part3_rows():
        if row.has_numbers:
            assert model.find(row.label).isValid(), row.label  # word for word
    assert model.find("（二）部分公开（区分处理的，只计这一情形，不计其他情形）").isValid()
    assert _number(view, "一、本年新收政府信息公开申请数量", 6).data() == "5"
    assert _number(view, "（一）予以公开", 0).data() == "3"
    assert _number(view, "6.属于四类过程性信息", 1).data() == "1"
    assert _number(view, "四、结转下年度继续办理", 6).data() == "1"
    assert page.part4.index(3, 0).data() == "1" and page.part4.index(2, 0).data() == "结果维持"
    assert page.part2.find("第二十条第（一）项").isValid()
    assert page.checks.summary.text().startswith("数据校验：全部")


def test_double_click_opens_the_records_behind_a_number(qtbot: QtBot, ctx: AppContext,
                                                        year_2024: dict[str, RequestCase], open_tab: OpenTab) -> None:
    tab = open_tab(ctx)  # held: an unparented tab is deleted with its last Python reference
    page = tab.report
    _double_click(qtbot, page.part3_view, _number(page.part3_view, "（一）予以公开", 0))
    qtbot.waitUntil(lambda: len(page.dialogs) == 1)
    dialog = page.dialogs[0]
    assert dialog.case_numbers() == [year_2024[k].case_no for k in "abc"]
    assert dialog.model.headerData(0, Qt.Orientation.Horizontal) == "受理编号"
    assert [dialog.model.headerData(i, Qt.Orientation.Horizontal) for i in range(5)] == [
        "受理编号", "申请人", "收到日期", "答复日期", "办理结果"]
    assert dialog.model.index(0, 4).data() == "予以公开"
    assert "予以公开 — 自然人" in dialog.windowTitle()
    dialog.close()
    # Part 4: the reconsideration counted under 结果维持
    page.parts.setCurrentIndex(2)
    _double_click(qtbot, page.part4_view, page.part4.index(3, 0))
    qtbot.waitUntil(lambda: len(page.dialogs) == 1)
    assert page.dialogs[0].case_numbers() == [year_2024["c"].case_no]


def test_inconsistent_database_names_the_case_in_the_failed_check(
        qtbot: QtBot, db: Database, ctx: AppContext, year_2024: dict[str, RequestCase], open_tab: OpenTab) -> None:
    bad = case(date(2024, 9, 2), date(2024, 9, 20))  # answered, but nobody recorded the outcome
    with db.session_factory.begin() as s:
        s.add(bad)
    tab = open_tab(ctx)  # held: an unparented tab is deleted with its last Python reference
    page = tab.report
    rows = {r.check.name: r for r in page.checks.model.rows}
    failed = rows["本年答复的申请都有办理结果"]
    assert failed.mark == "✘ 未通过" and failed.case_nos == (bad.case_no,)
    assert rows["一 + 二 = 三（七）+ 四"].mark == "✘ 未通过"
    assert rows["答复日期不早于收到申请日期"].mark == "✔ 通过"
    assert "未通过" in page.checks.summary.text()
    row = page.checks.model.rows.index(failed)
    index = page.checks.model.index(row, CASES_COLUMN)
    assert index.data() == bad.case_no
    qtbot.mouseClick(page.checks.table.viewport(), Qt.MouseButton.LeftButton,
                     pos=page.checks.table.visualRect(index).center())
    qtbot.waitUntil(lambda: len(page.dialogs) == 1)
    assert page.dialogs[0].case_numbers() == [bad.case_no]
    assert page.dialogs[0].model.index(0, 4).data() == "（未填写办理结果）"


def test_saving_texts_with_last_years_text_as_a_start(
        qtbot: QtBot, db: Database, ctx: AppContext, year_2024: dict[str, RequestCase], open_tab: OpenTab,
        answers: list[str]) -> None:
    with db.session_factory.begin() as s:
        save_texts(s, Actor.system(), 2023, "2023年总体情况。", "2023年的问题。", "2023年其他事项。", 0)
    tab = open_tab(ctx)  # held: an unparented tab is deleted with its last Python reference
    page = tab.report
    texts = page.texts
    page.parts.setCurrentWidget(texts)
    assert texts.previous_button.isEnabled() and not texts.save_button.isEnabled()
    assert "未收取" in texts.fees.text()
    qtbot.mouseClick(texts.previous_button, Qt.MouseButton.LeftButton)
    assert texts.texts() == ("2023年总体情况。", "2023年的问题。", "2023年其他事项。")
    texts.part1.setPlainText("2024年，本机关认真贯彻《条例》。")
    assert texts.is_dirty() and texts.save_button.isEnabled()
    qtbot.mouseClick(texts.save_button, Qt.MouseButton.LeftButton)
    assert not texts.is_dirty() and texts.status.text() == "已保存。"
    wait(qtbot, page)  # a save recomputes the page
    texts.part5.setPlainText("主动公开的深度还不够。")
    assert texts.save()  # the second save carries the new version
    wait(qtbot, page)
    with db.session_factory() as s:
        row = s.get(AnnualReport, 2024)
        assert row is not None
        assert (row.part1, row.part5, row.part6) == ("2024年，本机关认真贯彻《条例》。", "主动公开的深度还不够。",
                                                     "2023年其他事项。")
    # Someone else saves meanwhile: the stale version is refused and the parts that differ are shown
    # (theirs / yours; resolved in test_ui_annual_texts_conflict.py), not a dead-end message.
    with db.session_factory.begin() as s:
        save_texts(s, Actor.system(), 2024, "别人改的。", "", "", row.version)
    texts.part6.setPlainText("改。")
    assert not texts.save()
    assert texts.conflict is not None and texts.conflict.isVisible() and not message_boxes()


def test_lock_shows_later_changes_and_a_clerk_gets_the_services_refusal(
        qtbot: QtBot, db: Database, ctx: AppContext, make_user: Callable[..., Actor],
        year_2024: dict[str, RequestCase], open_tab: OpenTab, answers: list[str]) -> None:
    _texts(db)
    clerk_only = AppContext(db, make_user("clerk", Role.DISCLOSURE_STAFF))
    clerk_tab = open_tab(clerk_only)
    page = clerk_tab.report
    assert not page.lock()
    assert any("此操作需要以下角色之一" in box.text() for box in message_boxes())
    tab = open_tab(ctx)  # held: an unparented tab is deleted with its last Python reference
    page = tab.report
    assert page.lock()
    wait(qtbot, page)
    assert page.state_label.text().startswith("已锁定（已发布）") and page.texts.part1.isReadOnly()
    assert not page.banner.isVisible()
    with db.session_factory.begin() as s:
        s.execute(update(RequestCase).where(RequestCase.id == year_2024["d"].id).values(outcome_detail=4))
    page.reload()
    wait(qtbot, page)
    assert page.banner.isVisible()
    assert "6.属于四类过程性信息”：已发布 1，当前记录 0" in page.banner.text()


def test_export_word_and_excel_are_written_and_audited(
        qtbot: QtBot, db: Database, ctx: AppContext, year_2024: dict[str, RequestCase], open_tab: OpenTab,
        tmp_path: Path, answers: list[str]) -> None:
    tab = open_tab(ctx)  # held: an unparented tab is deleted with its last Python reference
    page = tab.report
    assert page.export.export_word(tmp_path / "年报.docx") is None  # Parts 1 and 5 are empty: refused
    assert any("“一、总体情况”、“五、存在的主要问题及改进情况”尚未填写，不能导出" in box.text()
               for box in message_boxes())
    assert not (tmp_path / "年报.docx").exists() and answers == []
    _texts(db)
    page.reload()
    wait(qtbot, page)
    handle = page.export.export_word(tmp_path / "年报.docx")
    assert handle is not None and answers == []  # 2024 has ended: nothing to ask
    wait(qtbot, page.export)
    doc = Document(str(tmp_path / "年报.docx"))
    assert doc.paragraphs[0].text == "锦屏县人民政府办公室2024年政府信息公开工作年度报告"
    part3 = doc.tables[1]
    assert part3.cell(0, 0).text == PART3_CORNER_NOTE
    rows = {r.cells[2].text: [c.text for c in r.cells[3:]] for r in part3.rows[3:]}
    assert rows["（一）予以公开"] == ["3", "0", "0", "0", "0", "0", "3"]
    page.export.export_excel(tmp_path / "年报.xlsx")
    wait(qtbot, page.export)
    wb = load_workbook(tmp_path / "年报.xlsx")
    ws = wb["三、依申请公开"]
    labels = {ws.cell(r, 1).value: [ws.cell(r, c).value for c in range(2, 9)] for r in range(3, ws.max_row + 1)}
    assert labels["一、本年新收政府信息公开申请数量"] == [4, 1, 0, 0, 0, 0, 5]
    with db.session_factory() as s:
        exports = s.scalars(select(AuditEntry).where(AuditEntry.action == "export",
                                                     AuditEntry.record_type == "annual_report")).all()
    assert [e.summary for e in exports] == ["导出 2024 年度报告（Word）", "导出 2024 年度报告（Excel）"]
    assert all(e.username == "keyuan" for e in exports)


def _texts(db: Database) -> None:
    with db.session_factory.begin() as s:
        save_texts(s, Actor.system(), 2024, "本年度，本机关认真贯彻条例。", "一是培训不足。", "",
                   expected_version=report_state(s, 2024).version)


def test_unsaved_text_blocks_export_and_asks_before_closing(
        ctx: AppContext, year_2024: dict[str, RequestCase], open_tab: OpenTab, tmp_path: Path,
        answers: list[str]) -> None:
    tab = open_tab(ctx)
    tab.report.texts.part1.setPlainText("尚未保存")
    assert tab.report.export.export_word(tmp_path / "x.docx") is None
    assert any("请先保存" in box.text() for box in message_boxes())
    assert not (tmp_path / "x.docx").exists()
    assert tab.can_close() and answers == ["年度报告"]


def test_models_pass_the_model_tester(qtmodeltester, ctx: AppContext,
                                      year_2024: dict[str, RequestCase], open_tab: OpenTab) -> None:
    tab = open_tab(ctx)  # held: an unparented tab is deleted with its last Python reference
    page = tab.report
    for model in (page.part2, page.part3, page.part4, page.checks.model):
        qtmodeltester.check(model)


def test_locking_figures_changed_since_the_page_showed_them_is_refused(
        qtbot: QtBot, db: Database, ctx: AppContext, year_2024: dict[str, RequestCase], open_tab: OpenTab,
        answers: list[str]) -> None:
    """The lock publishes what the head looked at (issue 19): a record changed on another PC
    meanwhile refuses the lock and the page shows the figures as they are now."""
    _texts(db)
    tab = open_tab(ctx)  # held: an unparented tab is deleted with its last Python reference
    page = tab.report
    wait(qtbot, page)
    shown = page.loaded
    with db.session_factory.begin() as s:  # another PC corrects a case's outcome
        s.execute(update(RequestCase).where(RequestCase.id == year_2024["d"].id).values(outcome_detail=4))
    assert not page.lock()
    assert any("请重新查看后再锁定" in box.text() for box in message_boxes())
    wait(qtbot, page)
    assert page.loaded is not shown and not page.loaded.data.locked  # recomputed, still a draft
    assert page.lock()
    wait(qtbot, page)
    assert page.state_label.text().startswith("已锁定（已发布）")


def test_an_editor_is_refused_before_being_asked_anything(
        db: Database, make_user: Callable[..., Actor], year_2024: dict[str, RequestCase], open_tab: OpenTab,
        tmp_path: Path, answers: list[str]) -> None:
    _texts(db)  # everything else in order: only the role stands in the way
    editor = AppContext(db, make_user("caibian", Role.EDITOR, display_name="采编员"))
    tab = open_tab(editor)
    assert tab.report.export.export_word(tmp_path / "年报.docx") is None
    assert any("当前用户“采编员”无此权限" in box.text() for box in message_boxes())
    assert answers == [] and not (tmp_path / "年报.docx").exists()
