"""界面字号 (issue 17): a larger interface font reaches open dialogs, their named style sheets and the
ones opened later, and the choice is remembered on this PC for the next start."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit
from pytestqt.qtbot import QtBot

from app.bootstrap import Database
from ui import style
from ui.font_size import (
    SETTINGS_KEY,
    FontSize,
    apply_font_size,
    change_font_size,
    current_font_size,
    font_size_menu,
    saved_font_size,
)
from ui.login_dialog import LoginDialog

pytestmark = pytest.mark.gui


@pytest.fixture(autouse=True)
def _standard_afterwards() -> Iterator[None]:
    yield
    apply_font_size(FontSize.STANDARD)


def test_a_larger_size_reaches_an_open_dialog_and_its_title_style(qtbot: QtBot, db: Database,
                                                                  qsettings: QSettings) -> None:
    dialog = LoginDialog(db)
    qtbot.addWidget(dialog)
    dialog.show()
    edit = dialog.findChild(QLineEdit)
    assert edit is not None
    title = next(label for label in dialog.findChildren(QLabel) if "font-size" in label.styleSheet())
    standard_edit, standard_title = edit.font().pointSizeF(), title.font().pointSizeF()
    assert standard_edit == 10 and standard_title == 18  # FONT_POINT_SIZE and Sheet.APP_TITLE

    change_font_size(FontSize.LARGE, qsettings)

    assert QApplication.font().pointSizeF() == 14  # 10 pt × 1.4
    assert edit.font().pointSizeF() == 14
    assert "font-size: 25.2pt" in title.styleSheet()  # 18 pt × 1.4, re-applied to the open dialog
    assert title.font().pointSizeF() == pytest.approx(25.2, abs=0.1)
    later = LoginDialog(db)
    qtbot.addWidget(later)
    assert later.findChild(QLineEdit).font().pointSizeF() == 14  # type: ignore[union-attr]


def test_the_choice_is_remembered_on_this_pc(qsettings: QSettings) -> None:
    assert saved_font_size(qsettings) is FontSize.STANDARD
    change_font_size(FontSize.LARGER, qsettings)
    assert qsettings.value(SETTINGS_KEY) == "larger"
    reopened = QSettings(qsettings.fileName(), QSettings.Format.IniFormat)
    assert saved_font_size(reopened) is FontSize.LARGER
    reopened.setValue(SETTINGS_KEY, "enormous")  # an unknown value from a later version
    assert saved_font_size(reopened) is FontSize.STANDARD


def test_the_menu_ticks_the_current_size_and_changes_it(qtbot: QtBot, qsettings: QSettings) -> None:
    holder = QLabel()
    qtbot.addWidget(holder)
    menu = font_size_menu(holder, qsettings)
    actions = menu.actions()
    assert [a.text() for a in actions] == ["标准（10 磅）", "较大（12 磅）", "大（14 磅）"]
    assert [a.isChecked() for a in actions] == [True, False, False]
    actions[1].trigger()
    assert current_font_size() is FontSize.LARGER and style.current_scale() == 1.2
    assert QApplication.font().pointSizeF() == 12
    assert saved_font_size(qsettings) is FontSize.LARGER
    assert font_size_menu(holder, qsettings).actions()[1].isChecked()


def test_flowchart_labels_shrink_to_their_boxes_at_the_large_size() -> None:
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QFont, QFontMetricsF

    from ui.cases.flowchart import _fitted

    apply_font_size(FontSize.LARGE)
    font = QFont(QApplication.font())
    box = QRectF(0, 0, 96, 30)  # a sub-step box of the chart in the 流程图 tab at 1366×768
    fitted = _fitted(font, "确认申请时间  ✓", box)
    assert fitted.pointSizeF() < 14
    bound = QFontMetricsF(fitted).boundingRect(box, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                                               "确认申请时间  ✓")
    assert bound.width() <= box.width() + 0.5 and bound.height() <= box.height() + 0.5
    assert _fitted(font, "存档", QRectF(0, 0, 200, 60)).pointSizeF() == 14  # fits already: unchanged
