"""Chinese for the few Qt texts that Qt's own zh_CN catalogue leaves in English.

qtbase_zh_CN (shipped in the PySide6 wheel; the program uses only QtCore, QtGui and QtWidgets, all
in qtbase) translates almost every standard dialog, but Qt's own file dialog still read "Look in:"
and "Files of type:". This translator fills those gaps. It is installed *before* qtbase_zh_CN, and
Qt asks the most recently installed translator first, so Qt's catalogue wins wherever it has a
text and this table is only the fallback. Kept as a table in code rather than a compiled .qm, so
nothing binary is generated or committed; tests/ui/test_ui_chinese_dialogs.py walks the dialogs.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTranslator

# (context, source text) → Chinese. Access keys keep their letter, as Qt's zh_CN catalogue does.
GAPS: dict[tuple[str, str], str] = {
    ("QFileDialog", "&Look in:"): "查找范围(&L)：",
    ("QFileDialog", "Look in:"): "查找范围：",
    ("QFileDialog", "Files of &type:"): "文件类型(&T)：",
    ("QFileDialog", "Files of type:"): "文件类型：",
    ("QFileDialog", "&Show hidden files"): "显示隐藏文件(&S)",
    ("QFileSystemModel", "Drive"): "驱动器",
    ("QFileSystemModel", "File Folder"): "文件夹",
    ("QFileSystemModel", "Folder"): "文件夹",
    ("QFileSystemModel", "Alias"): "替身",
    ("QFileSystemModel", "Shortcut"): "快捷方式",
    ("QCalendarWidget", "Previous Month"): "上个月",
    ("QCalendarWidget", "Next Month"): "下个月",
    ("QCalendarWidget", "Month"): "月",
    ("QCalendarWidget", "Year"): "年",
    ("QMessageBox", "OK"): "确定",
    ("QMessageBox", "Help"): "帮助",
    ("QWizard", "Back"): "上一步",
}


class QtGapsTranslator(QTranslator):
    """Answers only for GAPS; every other text goes on to the next translator."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)

    def translate(self, context: str, source_text: str, disambiguation: str | None = None,
                  n: int = -1) -> str | None:
        # None reaches Qt as a null string, which sends it on to the next translator; an empty
        # string would be taken as the translation and blank out every other text.
        return GAPS.get((context, source_text))

    def isEmpty(self) -> bool:
        return False
