"""标记为已发布: the date the guide went online and whether the 主动公开 register holds it."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.guide.publish import REGISTER_CREATE, REGISTER_LINK, REGISTER_NONE
from ui.date_field import DateField
from ui.dialog_parts import enable_with, ok_cancel_buttons


class GuidePublishDialog(QDialog):
    publish_requested = Signal()
    """标记为已发布 was clicked; the page calls the service and closes the dialog only if it agrees."""

    def __init__(self, edition_label: str, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("标记公开指南已发布"))
        self._build(edition_label, today)
        self._lay_out()
        self._connect()
        self.resize(520, self.sizeHint().height())

    def _build(self, edition_label: str, today: date) -> None:
        self.intro = QLabel(
            self.tr("将{edition}标记为已发布。记录发布日期后，系统参数再有修改时，工作台会提醒更新指南。")
            .format(edition=edition_label), self)
        self.intro.setWordWrap(True)
        self.published_on = DateField(today, self)
        self.published_on.setMaximumDate(today)
        self.none_button = QRadioButton(self.tr("不登记"), self)
        self.create_button = QRadioButton(self.tr("新建公开事项（类别：其他主动公开的政府信息）"), self)
        self.link_button = QRadioButton(self.tr("关联已有公开事项，编号："), self)
        self.item_no = QLineEdit(self)
        self.item_no.setPlaceholderText(self.tr("例如 GK-2024-12"))
        self.group = QButtonGroup(self)
        for button in (self.none_button, self.create_button, self.link_button):
            self.group.addButton(button)
        self.create_button.setChecked(True)
        self.buttons = ok_cancel_buttons(self, self.tr("标记为已发布"))

    def _lay_out(self) -> None:
        form = QFormLayout()
        form.addRow(self.tr("发布日期："), self.published_on)
        form.addRow(self.tr("主动公开登记："), self.none_button)
        form.addRow("", self.create_button)
        form.addRow(self.link_button, self.item_no)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

    def _connect(self) -> None:
        enable_with(self.link_button, self.item_no)
        self.buttons.accepted.connect(self.publish_requested)
        self.buttons.rejected.connect(self.reject)

    def chosen_date(self) -> date:
        chosen = self.published_on.date()
        return date(chosen.year(), chosen.month(), chosen.day())

    def register_choice(self) -> str:
        if self.create_button.isChecked():
            return REGISTER_CREATE
        if self.link_button.isChecked():
            return REGISTER_LINK
        return REGISTER_NONE
