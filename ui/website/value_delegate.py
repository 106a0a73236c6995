"""Editors for the typed figures: 是/否 from a list, numbers and text typed (the service checks them)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from app.website.layout import Source
from app.website.values import NO, YES
from ui.website.report_model import ReportModel

AnyIndex = QModelIndex | QPersistentModelIndex


class ValueDelegate(QStyledItemDelegate):
    def __init__(self, model: ReportModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.report = model

    def _is_yes_no(self, index: AnyIndex) -> bool:
        return 0 <= index.row() < len(self.report.rows) and self.report.rows[index.row()].source is Source.YESNO

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex) -> QWidget:
        if self._is_yes_no(index):
            combo = QComboBox(parent)
            combo.addItems(["", YES, NO])
            # A choice is the whole edit: commit it at once rather than wait for the focus to leave.
            combo.activated.connect(lambda _index, c=combo: self._commit(c))
            return combo
        return super().createEditor(parent, option, index)

    def _commit(self, editor: QWidget) -> None:
        self.commitData.emit(editor)
        self.closeEditor.emit(editor)

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:
        if isinstance(editor, QComboBox):
            editor.setCurrentText(str(index.data(Qt.ItemDataRole.EditRole) or ""))
            return
        super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: AnyIndex) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentText(), Qt.ItemDataRole.EditRole)
            return
        super().setModelData(editor, model, index)
