"""The checklist of one stage: the nine points of rule A 第十一条 and the five requirements of 第十条,
each ticked (checked and fine) or annotated, as workflow.review expects them."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from app.review.workflow import ChecklistMark
from ui.style import Colour
from ui.translate import translator

AnyIndex = QModelIndex | QPersistentModelIndex
COL_ITEM, COL_OK, COL_NOTE = 0, 1, 2
_NUMERALS = "一二三四五六七八九"


_tr = translator("ChecklistModel")


@dataclass(frozen=True)
class ChecklistRow:
    key: str  # the item's wording: the key workflow.review stores
    label: str  # as shown, with the rule's numbering
    explanation: str  # tooltip
    ok: bool = False
    note: str = ""

    @property
    def done(self) -> bool:
        return self.ok or bool(self.note.strip())


# 第十条 in the county's words, shown as the tooltip of each requirement.
REQUIREMENT_TEXT = {
    "法规审核": _tr(
        "所发布的信息不得存在危害国家安全和社会稳定的内容；不得涉及国家秘密、商业秘密及个人隐私；"
        "不得与非法网站建立连接，不得存在法律禁止的暴力、色情及其他违法内容。"
    ),
    "保密审核": _tr(
        "所发布的信息不得存在涉密内容（尤其是绝密、机密、秘密文件严禁在政府网站及政务新媒体上公开发布）；"
        "未经批准不得擅自公开发布各级党委、政府文件；不得含有未经议决的行政管理事项（公开征集意见的除外）。"
    ),
    "转载审核": _tr(
        "转载中央、国务院及各部委文件，应当从《人民日报》、新华社等中央新闻单位或中国政府网、国务院各部委、"
        "各直属机构官方网站等权威新媒体平台转载；转载省政府及其部门文件，应当从贵州省人民政府门户网站、"
        "省政府各组成部门、各直属机构官方网站等权威新媒体平台转载。"
    ),
    "来源审核": _tr(
        "应从文件的制发机关、单位官方门户网站或该机关单位授权的媒体转载，严禁从未经授权的网站转载，"
        "转载页面上要准确清晰标注转载来源网站、转载时间、转载链接等。"
    ),
    "质量审核": _tr(
        "不得存在虚假不实、废止无效内容；不得出现严重表述错误、错别字、语句不通等文字错误；"
        "不得出现图片、视频、数据等内容错误；不得从事营利性等与政府网站及政务新媒体身份不符的活动。"
    ),
}


def rows_for(items: tuple[str, ...], explanations: dict[str, str] | None = None) -> list[ChecklistRow]:
    return [ChecklistRow(item, f"（{_NUMERALS[i]}）{item}", (explanations or {}).get(item, item))
            for i, item in enumerate(items)]


class ChecklistModel(QAbstractTableModel):
    HEADERS = (_tr("审核要点"), _tr("符合"), _tr("说明（未勾选时必填）"))

    def __init__(self, rows: list[ChecklistRow], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows = rows

    def marks(self) -> dict[str, ChecklistMark]:
        return {r.key: ChecklistMark(r.ok, r.note.strip()) for r in self.rows}

    def pending(self) -> int:
        return sum(1 for r in self.rows if not r.done)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.HEADERS):
            return self.HEADERS[section]
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
        if index.column() == COL_OK:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        if index.column() == COL_NOTE:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self.rows)):
            return None
        r, col = self.rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (r.label, "", r.note)[col]
        if role == Qt.ItemDataRole.EditRole and col == COL_NOTE:
            return r.note
        if role == Qt.ItemDataRole.ToolTipRole:
            return r.explanation if col == COL_ITEM else None
        if role == Qt.ItemDataRole.CheckStateRole and col == COL_OK:
            return Qt.CheckState.Checked if r.ok else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ForegroundRole and col == COL_ITEM and not r.done:
            return QBrush(QColor(Colour.WARN))
        return None

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or not (0 <= index.row() < len(self.rows)):
            return False
        r, col = self.rows[index.row()], index.column()
        if col == COL_OK and role == Qt.ItemDataRole.CheckStateRole:
            state = value.value if isinstance(value, Qt.CheckState) else value
            new = replace(r, ok=state == Qt.CheckState.Checked.value)
        elif col == COL_NOTE and role == Qt.ItemDataRole.EditRole:
            new = replace(r, note=str(value or ""))
        else:
            return False
        self.rows[index.row()] = new
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), COL_NOTE))
        return True
