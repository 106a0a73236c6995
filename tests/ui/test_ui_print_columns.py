"""The print-columns dialog of register exports: choice, paper, remembered per register."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDialogButtonBox

from app.cases.register_export import PRINT_COLUMNS
from app.cases.register_rows import HEADERS
from ui.print_columns_dialog import PrintColumnsDialog, remembered_layout


def _tick(dialog: PrintColumnsDialog, wanted: set[str]) -> None:
    for i in range(dialog.columns.count()):
        item = dialog.columns.item(i)
        item.setCheckState(Qt.CheckState.Checked if item.text() in wanted else Qt.CheckState.Unchecked)


def test_defaults_then_choice_remembered(qtbot, qsettings: QSettings) -> None:
    assert remembered_layout("requests", HEADERS, PRINT_COLUMNS, qsettings).columns == PRINT_COLUMNS
    dialog = PrintColumnsDialog("requests", "依申请公开登记台账", HEADERS, PRINT_COLUMNS, qsettings)
    qtbot.addWidget(dialog)
    assert dialog.chosen().columns == PRINT_COLUMNS and dialog.chosen().paper == "A4"
    assert dialog.width() <= 1366 and dialog.height() <= 768
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    _tick(dialog, set())
    assert not ok.isEnabled()  # a print sheet without columns is not offered
    _tick(dialog, {"申请内容", "受理编号"})
    dialog.paper.setCurrentIndex(dialog.paper.findData("A3"))
    assert ok.isEnabled()
    ok.click()
    again = remembered_layout("requests", HEADERS, PRINT_COLUMNS, qsettings)
    assert again.columns == ("受理编号", "申请内容") and again.paper == "A3"
    # Another register keeps its own choice.
    assert remembered_layout("posts", ("编号", "标题"), ("标题",), qsettings).columns == ("标题",)
    reopened = PrintColumnsDialog("requests", "依申请公开登记台账", HEADERS, PRINT_COLUMNS, qsettings)
    qtbot.addWidget(reopened)
    assert reopened.chosen().columns == ("受理编号", "申请内容")
    qtbot.mouseClick(reopened.findChild(type(ok), "restorePrintColumns"), Qt.MouseButton.LeftButton)
    assert reopened.chosen().columns == PRINT_COLUMNS


def test_one_remembered_column_survives_the_ini_file(qsettings: QSettings) -> None:
    qsettings.setValue("print/requests/columns", ["申请内容"])
    qsettings.sync()
    reread = QSettings(qsettings.fileName(), QSettings.Format.IniFormat)
    assert remembered_layout("requests", HEADERS, PRINT_COLUMNS, reread).columns == ("申请内容",)
