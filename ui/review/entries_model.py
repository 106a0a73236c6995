"""An editable table of one word list's entries; what each column means depends on the list kind."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QObject, QPersistentModelIndex, Qt

from app.review.enums import WordListKind
from app.review.wordlists_db import Entry
from ui.translate import translator

AnyIndex = QModelIndex | QPersistentModelIndex
LEVELS = {"central": QCoreApplication.translate("EntriesModel", "中央"),
          "provincial": QCoreApplication.translate("EntriesModel", "省级"),
          "local": QCoreApplication.translate("EntriesModel", "地方")}


_tr = translator("EntriesModel")


# (title, Entry field) per list kind.
COLUMNS: dict[WordListKind, tuple[tuple[str, str], ...]] = {
    WordListKind.SENSITIVE: ((_tr("敏感词"), "term"), (_tr("备注"), "note")),
    WordListKind.WORDING: ((_tr("错误写法"), "term"), (_tr("正确写法"), "extra"), (_tr("备注"), "note")),
    WordListKind.LEADER: ((_tr("姓名"), "term"), (_tr("职务"), "extra"), (_tr("备注"), "note")),
    WordListKind.PLACE: ((_tr("地名"), "term"), (_tr("备注"), "note")),
    WordListKind.DOMAIN: ((_tr("网站域名"), "term"), (_tr("备注"), "note")),
    WordListKind.SOURCE: ((_tr("来源名称"), "term"), (_tr("网站域名"), "extra"), (_tr("级别"), "note")),
}


class EntriesModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.kind = WordListKind.SENSITIVE
        self.rows: list[Entry] = []

    def set_entries(self, kind: WordListKind, rows: list[Entry]) -> None:
        self.beginResetModel()
        self.kind = kind
        self.rows = list(rows)
        self.endResetModel()

    def entries(self) -> list[Entry]:
        return list(self.rows)

    def _columns(self) -> tuple[tuple[str, str], ...]:
        return COLUMNS[self.kind]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns())

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._columns()):
            return self._columns()[section][0]
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self.rows):
            return str(section + 1)
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable
                | Qt.ItemFlag.ItemNeverHasChildren)

    def _field(self, column: int) -> str:
        return self._columns()[column][1]

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self.rows)):
            return None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole, Qt.ItemDataRole.ToolTipRole):
            return None
        name = self._field(index.column())
        value = str(getattr(self.rows[index.row()], name))
        if self.kind is WordListKind.SOURCE and name == "note":
            if role == Qt.ItemDataRole.ToolTipRole:
                return _tr("中央、省级或地方：决定可从该来源转载哪一级的文件（第十条(三)）")
            return LEVELS.get(value, value)
        return value

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or not (0 <= index.row() < len(self.rows)):
            return False
        name = self._field(index.column())
        text = str(value or "").strip()
        if self.kind is WordListKind.SOURCE and name == "note":
            text = next((k for k, v in LEVELS.items() if v == text), text) or "local"
        self.rows[index.row()] = replace(self.rows[index.row()], **{name: text})
        self.dataChanged.emit(index, index)
        return True

    def insertRows(self, row: int, count: int, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008
        if parent.isValid() or not (0 <= row <= len(self.rows)) or count < 1:
            return False
        self.beginInsertRows(QModelIndex(), row, row + count - 1)
        blank = Entry("", "", "local" if self.kind is WordListKind.SOURCE else "")
        self.rows[row:row] = [blank] * count
        self.endInsertRows()
        return True

    def removeRows(self, row: int, count: int, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008
        if parent.isValid() or row < 0 or count < 1 or row + count > len(self.rows):
            return False
        self.beginRemoveRows(QModelIndex(), row, row + count - 1)
        del self.rows[row:row + count]
        self.endRemoveRows()
        return True
