"""The lists, headers and checklists at every 界面字号 on 1366×768 at 100 % and 125 % (issue 17).

At 大 the case list opened with ONE row above the case (the record's minimum height won the
divider), headers read 到申请日期 for 收到申请日期, and the review checklist and 系统参数 scrolled
sideways. Here, on the demo data, in the real main window fitted to the screen: each list shows at
least LIST_ROWS rows, its main action is reachable (the record scrolls inside its own area), every
header is whole, and nothing scrolls sideways.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, QSettings
from PySide6.QtWidgets import QScrollArea, QScrollBar, QTableView, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.auth.service import authenticate
from app.bootstrap import Database
from app.demo import DEMO_PASSWORD
from ui.context import AppContext
from ui.font_size import FontSize, apply_font_size
from ui.list_shell import LIST_ROWS, ListDetailShell
from ui.screen_fit import SCREEN_100, SCREEN_125, fit_into

pytestmark = pytest.mark.gui
SCREENS = {"100%": SCREEN_100, "125%": SCREEN_125}
LIST_TABS = ("ReviewTab", "DisclosureTab", "CasesTab")


def sign_in(db: Database, username: str) -> AppContext:
    with db.session_factory.begin() as s:
        result = authenticate(s, username, DEMO_PASSWORD)
        assert result.ok and result.actor is not None
        return AppContext(db, result.actor)


@pytest.fixture(params=[(size, scale) for size in FontSize for scale in SCREENS],
                ids=lambda p: f"{p[0].key}-{p[1]}")
def font_screen(request: pytest.FixtureRequest) -> Iterator[QRect]:
    size, scale = request.param
    apply_font_size(size)
    yield SCREENS[scale]
    apply_font_size(FontSize.STANDARD)


def main_window(qtbot: QtBot, ctx: AppContext, tmp_path: Path, screen: QRect) -> QWidget:
    from ui.main_window import MainWindow

    window = MainWindow(ctx, settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat),
                        idle_timeout=0)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    fit_into(window, screen)
    qtbot.wait(10)
    return window


def open_tab(window: QWidget, class_name: str) -> QWidget:
    index = next(i for i, spec in enumerate(window.specs) if spec.class_name == class_name)  # type: ignore[attr-defined]
    window.tabs.setCurrentIndex(index)  # type: ignore[attr-defined]
    return window.tab_widget(index)  # type: ignore[attr-defined]


def shown_whole(widget: QWidget) -> bool:
    return widget.visibleRegion().boundingRect().size() == widget.size()


def bring_into_view(widget: QWidget) -> None:
    """What the clerk does with the scroll bars: scroll every area holding `widget` to it."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea):
            parent.ensureWidgetVisible(widget)
        parent = parent.parentWidget()


def sideways_bars(root: QWidget) -> list[str]:
    """Horizontal scroll bars shown inside `root` (each named by the scrolled widget's class)."""
    return [type(bar.parentWidget().parentWidget()).__name__ for bar in root.findChildren(QScrollBar)
            if bar.orientation().name == "Horizontal" and bar.isVisible() and bar.parentWidget() is not None
            and bar.parentWidget().parentWidget() is not None and bar.maximum() > 0]


def test_each_list_shows_its_rows_and_the_reply_can_be_reached(
        qtbot: QtBot, demo_db: Database, tmp_path: Path, font_screen: QRect) -> None:
    from app.cases.models import RequestCase

    window = main_window(qtbot, sign_in(demo_db, "wangfang"), tmp_path, font_screen)
    for class_name in LIST_TABS:
        tab = open_tab(window, class_name)
        qtbot.wait(10)
        shell = tab.findChild(ListDetailShell)
        assert shell is not None
        table = shell.table
        row = table.verticalHeader().defaultSectionSize()
        shown = table.viewport().visibleRegion().boundingRect().height()
        assert shown >= LIST_ROWS * row, (class_name, shown, row)
        assert table.model().rowCount() >= LIST_ROWS  # the demo fills more: the rows are really there
        assert table.rowViewportPosition(LIST_ROWS - 1) + row <= shown, class_name
        header = table.horizontalHeader()
        for column in range(header.count()):
            text = str(table.model().headerData(column, header.orientation()))
            assert table.columnWidth(column) >= header.fontMetrics().horizontalAdvance(text), (class_name, text)

    tab = open_tab(window, "CasesTab")
    with demo_db.session_factory() as s:
        case_id = s.scalar(select(RequestCase.id).limit(1))
    tab.select_case(case_id)  # type: ignore[attr-defined]
    tab.detail.show_panel(tab.detail.reply)  # type: ignore[attr-defined]
    qtbot.wait(10)
    shell = tab.findChild(ListDetailShell)
    assert shell is not None
    assert shell.table.viewport().visibleRegion().boundingRect().height() >= LIST_ROWS * row  # still, with a case
    button = tab.detail.reply.save_draft_button  # type: ignore[attr-defined]
    bring_into_view(button)
    qtbot.wait(10)
    assert shown_whole(button)


def test_the_review_checklist_and_the_settings_never_scroll_sideways(
        qtbot: QtBot, demo_db: Database, tmp_path: Path, font_screen: QRect) -> None:
    from app.review.enums import PostStatus
    from app.review.models import Post
    from ui.review.checklist_view import ChecklistTable
    from ui.review.tab import ReviewTab

    with demo_db.session_factory() as s:
        post_id = s.scalar(select(Post.id).where(Post.status == PostStatus.SECOND_REVIEW).limit(1))
    assert post_id is not None
    tab = ReviewTab(sign_in(demo_db, "zhaomin"))
    qtbot.addWidget(tab)
    dialog = tab.review_post(post_id)
    assert dialog is not None
    qtbot.addWidget(dialog)
    dialog.show()
    fit_into(dialog, font_screen)
    dialog.approve()  # nothing ticked: the list of open points appears under the checklist
    qtbot.wait(10)
    tables = dialog.findChildren(ChecklistTable)
    assert len(tables) == 2
    for table in tables:
        assert sum(table.columnWidth(c) for c in range(3)) <= table.viewport().width()
        assert table.verticalHeader().length() <= table.viewport().height()  # every point shown, none cut
    assert sideways_bars(dialog) == []
    dialog.points.setData(dialog.points.index(0, 2), "本稿件不涉及个人信息，已核对来源单位提供的原件。" * 3)
    qtbot.wait(10)  # a long note wraps onto more lines instead of widening the column
    assert sideways_bars(dialog) == []
    assert tables[0].verticalHeader().length() <= tables[0].viewport().height()

    window = main_window(qtbot, sign_in(demo_db, "admin"), tmp_path, font_screen)
    admin = open_tab(window, "AdminTab")
    admin.show_page(1)  # type: ignore[attr-defined]  # 系统参数
    qtbot.wait(10)
    assert admin.settings_page.isVisible()  # type: ignore[attr-defined]
    assert sideways_bars(window.tabs.currentWidget()) == []  # type: ignore[attr-defined]
    # The page's own 保存 stays in view: only the parameters scroll (the wrapped hint once stretched
    # the page to its preferred height and pushed 保存 below the fold).
    assert shown_whole(admin.settings_page.save_button)  # type: ignore[attr-defined]


def test_switching_to_a_larger_font_keeps_the_rows_and_whole_headers(
        qtbot: QtBot, demo_db: Database, tmp_path: Path) -> None:
    """界面字号 changed while the list is open (视图 ▸ 界面字号): the divider and the program's column
    widths follow the new letters; nothing the clerk dragged is stored, so nothing is kept."""
    window = main_window(qtbot, sign_in(demo_db, "wangfang"), tmp_path, SCREEN_100)
    tab = open_tab(window, "CasesTab")
    shell = tab.findChild(ListDetailShell)
    assert shell is not None
    try:
        apply_font_size(FontSize.LARGE)
        qtbot.wait(50)
        table = shell.table
        row = table.verticalHeader().defaultSectionSize()
        assert table.viewport().visibleRegion().boundingRect().height() >= LIST_ROWS * row
        header = table.horizontalHeader()
        for column in range(header.count()):
            text = str(table.model().headerData(column, header.orientation()))
            assert table.columnWidth(column) >= header.fontMetrics().horizontalAdvance(text), text
    finally:
        apply_font_size(FontSize.STANDARD)


def _whole_headers(table: QTableView) -> list[str]:
    """The headers narrower than their text."""
    header = table.horizontalHeader()
    cut = []
    for column in range(header.count()):
        text = str(table.model().headerData(column, header.orientation()))
        if table.columnWidth(column) < header.fontMetrics().horizontalAdvance(text):
            cut.append(text)
    return cut


def test_the_drill_down_list_and_the_audit_log_show_whole_dates_and_headers(
        qtbot: QtBot, demo_db: Database, font_screen: QRect) -> None:
    """At 大 the drill-down list read 2025-12… in its fixed 780 px and the audit log cut 操作系统用户."""
    from app.cases.models import RequestCase
    from ui.admin.audit_page import AuditPage
    from ui.annual.records_dialog import RecordsDialog

    ctx = sign_in(demo_db, "admin")
    with demo_db.session_factory() as s:
        ids = list(s.scalars(select(RequestCase.id)))
    dialog = RecordsDialog(ctx, "收到申请数", ids)
    qtbot.addWidget(dialog)
    dialog.show()
    fit_into(dialog, font_screen)
    qtbot.wait(10)
    assert _whole_headers(dialog.table) == []
    metrics = dialog.table.fontMetrics()
    for column in (2, 3):  # 收到日期, 答复日期
        assert dialog.table.columnWidth(column) >= metrics.horizontalAdvance("2026-12-31"), column
    page = AuditPage(ctx)
    qtbot.addWidget(page)
    page.resize(font_screen.size())
    page.show()
    qtbot.wait(10)
    assert _whole_headers(page.table) == []
