"""Chinese throughout (issue 17): Qt's own dialogs, as the program opens them, show no English.

The program uses QtCore, QtGui and QtWidgets only — all translated by qtbase_zh_CN; ui/qt_gaps.py
fills what that catalogue leaves out ("Look in:", "Files of type:" in the file dialog).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QLibraryInfo, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialogButtonBox,
    QFileDialog,
    QInputDialog,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QProgressDialog,
    QWidget,
    QWizard,
    QWizardPage,
)
from pytestqt.qtbot import QtBot

from ui.date_field import DateField

pytestmark = pytest.mark.gui
# Key names in shortcuts (Ctrl+C) are written in Latin letters in Chinese software too.
KEY_NAMES = re.compile(r"\b(Ctrl|Alt|Shift|Del|Esc|Tab|Home|End|PgUp|PgDown|Ins|F\d+)\b")
ENGLISH = re.compile(r"[A-Za-z]{2,}")


def _texts(root: QWidget) -> Iterator[str]:
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisibleTo(root) and widget is not root:
            continue
        for getter in ("text", "toolTip", "windowTitle", "placeholderText", "title", "accessibleName"):
            method = getattr(widget, getter, None)
            if callable(method):
                try:
                    value = method()
                except TypeError:  # text() of a widget that needs arguments
                    continue
                if isinstance(value, str):
                    yield value
        if isinstance(widget, QAbstractItemView) and widget.model() is not None and not isinstance(widget, QComboBox):
            model = widget.model()
            for column in range(model.columnCount()):
                yield str(model.headerData(column, Qt.Orientation.Horizontal) or "")
        for action in widget.actions():
            yield action.text()


def _english(texts: Iterator[str]) -> list[str]:
    return sorted({t for t in texts if ENGLISH.search(KEY_NAMES.sub("", t))})


def _file_dialog(mode: str) -> QFileDialog:
    dialog = QFileDialog(None, "选择文件")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)  # Qt's own dialog, as on Linux
    if mode == "save":
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setViewMode(QFileDialog.ViewMode.Detail)
    elif mode == "folder":
        dialog.setFileMode(QFileDialog.FileMode.Directory)
    return dialog


def _message_box() -> QMessageBox:
    box = QMessageBox()
    box.setText("确定要放弃吗？")
    box.setStandardButtons(
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No | QMessageBox.StandardButton.Save
        | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel | QMessageBox.StandardButton.Retry
        | QMessageBox.StandardButton.Close | QMessageBox.StandardButton.Ok)
    box.setDetailedText("详细信息")
    return box


def _button_box() -> QWidget:
    box = QDialogButtonBox()
    for button in (QDialogButtonBox.StandardButton.Ok, QDialogButtonBox.StandardButton.Cancel,
                   QDialogButtonBox.StandardButton.Apply, QDialogButtonBox.StandardButton.Close,
                   QDialogButtonBox.StandardButton.Help, QDialogButtonBox.StandardButton.Reset,
                   QDialogButtonBox.StandardButton.RestoreDefaults, QDialogButtonBox.StandardButton.Open):
        box.addButton(button)
    return box


def _wizard() -> QWizard:
    wizard = QWizard()
    wizard.addPage(QWizardPage())
    wizard.addPage(QWizardPage())
    return wizard


def _calendar() -> QWidget:
    field = DateField()
    field.show_calendar()
    return field.calendarWidget()


DIALOGS: dict[str, Callable[[], QWidget]] = {
    "open-file": lambda: _file_dialog("open"), "save-file": lambda: _file_dialog("save"),
    "folder": lambda: _file_dialog("folder"), "message": _message_box, "buttons": _button_box,
    "input": QInputDialog, "progress": QProgressDialog, "wizard": _wizard, "calendar": _calendar,
}


@pytest.mark.parametrize("name", list(DIALOGS))
def test_standard_dialog_has_no_english(qtbot: QtBot, name: str) -> None:
    widget = DIALOGS[name]()
    qtbot.addWidget(widget)
    widget.show()
    texts = list(_texts(widget))
    if isinstance(widget, QFileDialog):
        # The folder box shows paths; the type box shows the program's own filters.
        for combo in widget.findChildren(QComboBox):
            texts = [t for t in texts if t not in {combo.itemText(i) for i in range(combo.count())}]
        assert "查找范围(&L)：" in texts and "文件类型(&T)：" in texts
    assert _english(iter(texts)) == []


@pytest.mark.parametrize("make", [QLineEdit, QPlainTextEdit], ids=["line", "text"])
def test_context_menus_are_chinese(qtbot: QtBot, make: Callable[[], QWidget]) -> None:
    widget = make()
    qtbot.addWidget(widget)
    menu = widget.createStandardContextMenu()  # type: ignore[attr-defined]
    texts = [action.text() for action in menu.actions() if action.text()]
    assert texts and _english(iter(texts)) == []


def test_qt_catalogue_is_loaded_from_the_wheel_and_wins_over_the_gaps() -> None:
    """qtbase's own 打开 is used, not a copy; the gap table only answers what qtbase lacks."""
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    assert folder and QCoreApplication.translate("QFileDialog", "&Open") == "打开(&O)"
    assert QCoreApplication.translate("QFileDialog", "Files of &type:") == "文件类型(&T)："
    # Texts no catalogue knows come back unchanged (the gap table must not blank them out).
    assert QCoreApplication.translate("DashboardModel", "紧急程度") == "紧急程度"
