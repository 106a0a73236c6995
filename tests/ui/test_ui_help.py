"""F1 帮助 (issue 17): F1 opens the short page of the tab in front or of the dialog it is pressed in;
the 帮助 menu lists every page with the key shown; the pages ship as package data and in the bundle."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from resources import resource_dir
from tests.ui.date_typing import activate
from ui.cases.intake_dialog import IntakeDialog
from ui.help import PAGES, TAB_PAGES, HelpDialog, page_text

pytestmark = pytest.mark.gui
ROOT = Path(__file__).resolve().parents[2]


def _help_dialog() -> HelpDialog:
    shown = [w for w in QApplication.allWidgets() if isinstance(w, HelpDialog) and w.isVisible()]
    assert len(shown) == 1
    return shown[0]


@pytest.fixture
def window(clerk_window):  # type: ignore[no-untyped-def]
    return clerk_window


def test_f1_opens_the_page_of_the_tab_in_front(qtbot: QtBot, window) -> None:  # type: ignore[no-untyped-def]
    cases = next(i for i, s in enumerate(window.specs) if s.class_name == "CasesTab")
    window.tabs.setCurrentIndex(cases)
    qtbot.keyClick(window, Qt.Key.Key_F1)
    dialog = _help_dialog()
    assert dialog.key == "cases"
    assert dialog.browser.toPlainText().startswith("依申请公开")
    assert "查看期限计算" in dialog.browser.toPlainText()

    review = next(i for i, s in enumerate(window.specs) if s.class_name == "ReviewTab")
    window.tabs.setCurrentIndex(review)
    activate(window)
    qtbot.keyClick(window, Qt.Key.Key_F1)
    assert _help_dialog() is dialog and dialog.key == "review"  # the same window, turned to the page


def test_f1_in_a_dialog_opens_the_dialog_page(qtbot: QtBot, window) -> None:  # type: ignore[no-untyped-def]
    window.tabs.setCurrentIndex(next(i for i, s in enumerate(window.specs) if s.class_name == "CasesTab"))
    tab = window.tab_widget(window.tabs.currentIndex())
    intake = tab.new_case()
    qtbot.addWidget(intake)
    assert isinstance(intake, IntakeDialog)
    activate(intake)
    qtbot.keyClick(intake.form.applicant_name, Qt.Key.Key_F1)
    dialog = _help_dialog()
    assert dialog.key == "intake" and dialog.parentWidget() is intake
    assert "收到申请日期" in dialog.browser.toPlainText()


def test_the_help_menu_lists_every_page_and_shows_f1(window) -> None:  # type: ignore[no-untyped-def]
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "帮助(&H)")
    here = menu.actions()[0]
    assert here.text() == "当前页帮助" and here.shortcut().toString() == "F1"
    topics = next(a.menu() for a in menu.actions() if a.text() == "帮助主题")
    assert [a.text() for a in topics.actions()] == list(PAGES.values())
    topics.actions()[list(PAGES).index("shortcuts")].trigger()
    text = _help_dialog().browser.toPlainText()
    assert "Ctrl+N" in text and "F5" in text and "界面字号" in text
    assert "关于" in [a.text() for a in menu.actions()]


def test_every_page_exists_names_its_user_guide_chapter_and_ships(window) -> None:  # type: ignore[no-untyped-def]
    assert {s.class_name for s in window.specs} <= set(TAB_PAGES)
    assert set(TAB_PAGES.values()) <= set(PAGES)
    for key, title in PAGES.items():
        text = page_text(key)
        assert text.startswith(f"# {title}\n"), key
        chapter = text.rsplit("docs/user-guide/", 1)[1].split("）", 1)[0]
        assert (ROOT / "docs" / "user-guide" / chapter).is_file(), (key, chapter)
    assert sorted(p.stem for p in resource_dir("help").glob("*.md")) == sorted(PAGES)
    package_data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    assert "help/*.md" in package_data["package-data"]["resources"]
    assert '"resources" / "help" / "*.md"' in (ROOT / "build_spec" / "govinfo_desk.spec").read_text(encoding="utf-8")


def test_f1_in_the_account_dialog_opens_the_settings_page(qtbot: QtBot, admin_ctx) -> None:  # type: ignore[no-untyped-def]
    from ui.admin.user_dialog import UserDialog

    dialog = UserDialog(admin_ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    activate(dialog)
    qtbot.keyClick(dialog, Qt.Key.Key_F1)
    assert _help_dialog().key == "admin"
