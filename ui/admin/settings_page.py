"""系统参数: a form generated from the settings registry, one group box per SettingDef.group.

Nothing here knows individual keys: a setting a later feature declares in app/settings/registry.py
appears on this page by itself, with the editor its type calls for.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal, SignalInstance, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from app.auth.roles import Role
from app.changes import RecordKind
from app.settings import SETTINGS, SettingDef, all_settings, set_setting
from ui.context import AppContext
from ui.operations import Op
from ui.style import Sheet, apply_style

_INT_LIMIT = 2_147_483_647


def choice_label(value: str) -> str:
    """Role codes are shown by their Chinese names; other choices as written."""
    return Role(value).label if value in Role._value2member_map_ else value


def _edited(editor: QWidget) -> SignalInstance:
    """The signal an editor made by SettingsPage._editor sends when its value changes."""
    if isinstance(editor, QCheckBox):
        return editor.toggled
    if isinstance(editor, QSpinBox):
        return editor.valueChanged
    if isinstance(editor, QComboBox):
        return editor.currentIndexChanged
    assert isinstance(editor, QPlainTextEdit | QLineEdit)
    return editor.textChanged


class SettingsPage(QWidget):
    settings_saved = Signal(list)
    """Settings were saved in one transaction; carries the changed keys."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.editors: dict[str, QWidget] = {}
        self.loaded: dict[str, Any] = {}
        self.default_buttons: list[tuple[QPushButton, list[str]]] = []  # 恢复默认 of each group, its keys
        self._build()
        self._lay_out()
        self._connect()
        self.reload()

    # -- build / lay out / connect -----------------------------------------------------------
    def _build(self) -> None:
        self.title = QLabel(self.tr("系统参数"), self)
        self.title.setObjectName("pageTitle")
        self.hint = QLabel(self.tr("这些参数全单位共用，保存后对所有电脑生效，每次修改都记入审计记录。"), self)
        self.hint.setObjectName("pageHint")
        self.hint.setWordWrap(True)
        self.body = QWidget(self)
        self.group_boxes = [self._group_box(group, defs, self.body) for group, defs in self._groups().items()]
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QScrollArea.Shape.NoFrame)
        self.status_label = QLabel(self)
        self.status_label.setObjectName("pageHint")
        self.revert_button = QPushButton(self.tr("撤销修改"), self)
        self.revert_button.setToolTip(self.tr("放弃尚未保存的修改，重新读取已保存的参数"))
        self.save_button = QPushButton(self.tr("保存"), self)
        self.save_button.setDefault(True)

    def _lay_out(self) -> None:
        body_layout = QVBoxLayout(self.body)
        body_layout.setContentsMargins(0, 0, 12, 0)
        for box in self.group_boxes:
            body_layout.addWidget(box)
        body_layout.addStretch(1)
        self.scroll_area.setWidget(self.body)
        bar = QHBoxLayout()
        bar.addWidget(self.status_label, 1)
        bar.addWidget(self.revert_button)
        bar.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.hint)
        layout.addWidget(self.scroll_area, 1)
        layout.addLayout(bar)

    def _connect(self) -> None:
        self.revert_button.clicked.connect(self.reload)
        self.save_button.clicked.connect(self.save)
        for button, keys in self.default_buttons:
            button.clicked.connect(lambda _=False, keys=keys: self.restore_defaults(keys))
        for editor in self.editors.values():
            _edited(editor).connect(self._on_edited)

    # --- building -------------------------------------------------------------------------
    @staticmethod
    def _groups() -> dict[str, list[SettingDef]]:
        groups: dict[str, list[SettingDef]] = {}
        for defn in SETTINGS.values():
            groups.setdefault(defn.group, []).append(defn)
        return groups

    def _group_box(self, group: str, defs: list[SettingDef], parent: QWidget) -> QGroupBox:
        box = QGroupBox(group, parent)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.setHorizontalSpacing(16)
        for defn in defs:
            editor = self._editor(defn, box)
            editor.setObjectName(f"setting_{defn.key}")
            self.editors[defn.key] = editor
            if defn.help:
                editor.setToolTip(defn.help)
                cell = QWidget(box)
                cell_layout = QVBoxLayout(cell)
                cell_layout.setContentsMargins(0, 0, 0, 0)
                cell_layout.setSpacing(2)
                cell_layout.addWidget(editor)
                caption = QLabel(defn.help, cell)
                caption.setObjectName("fieldCaption")
                caption.setWordWrap(True)
                cell_layout.addWidget(caption)
                form.addRow(self._label(defn, box), cell)
            else:
                form.addRow(self._label(defn, box), editor)
        defaults = QPushButton(self.tr("恢复默认"), box)
        defaults.setToolTip(self.tr("把“{group}”中的各项填回出厂默认值（需再点“保存”）").format(group=group))
        self.default_buttons.append((defaults, [d.key for d in defs]))
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(defaults)
        outer = QVBoxLayout(box)
        outer.addLayout(form)
        outer.addLayout(row)
        return box

    @staticmethod
    def _label(defn: SettingDef, parent: QWidget) -> QLabel:
        label = QLabel(defn.label + "：", parent)
        # One width for every group, so the editors of all boxes line up on the same edge.
        label.setMinimumWidth(170)
        label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return label

    def _editor(self, defn: SettingDef, parent: QWidget) -> QWidget:
        editor: QWidget
        if defn.kind is bool:
            editor = QCheckBox(self.tr("是"), parent)
        elif defn.kind is int:
            spin = QSpinBox(parent)
            spin.setRange(
                defn.minimum if defn.minimum is not None else -_INT_LIMIT,
                defn.maximum if defn.maximum is not None else _INT_LIMIT,
            )
            spin.setMinimumWidth(120)
            editor = spin
        elif defn.choices:
            combo = QComboBox(parent)
            for value in defn.choices:
                combo.addItem(choice_label(value), value)
            editor = combo
        elif defn.kind is list:
            text = QPlainTextEdit(parent)
            text.setPlaceholderText(self.tr("每行一项"))
            text.setFixedHeight(text.fontMetrics().lineSpacing() * 6 + 12)
            editor = text
        else:
            editor = QLineEdit(parent)
        return editor

    # --- values ---------------------------------------------------------------------------
    def editor_value(self, key: str) -> Any:
        editor = self.editors[key]
        if isinstance(editor, QCheckBox):
            return editor.isChecked()
        if isinstance(editor, QSpinBox):
            return editor.value()
        if isinstance(editor, QComboBox):
            return editor.currentData()
        if isinstance(editor, QPlainTextEdit):
            return [line.strip() for line in editor.toPlainText().splitlines() if line.strip()]
        assert isinstance(editor, QLineEdit)
        return editor.text().strip()

    def set_editor_value(self, key: str, value: Any) -> None:
        editor = self.editors[key]
        if isinstance(editor, QCheckBox):
            editor.setChecked(bool(value))
        elif isinstance(editor, QSpinBox):
            editor.setValue(int(value))
        elif isinstance(editor, QComboBox):
            index = editor.findData(value)
            if index < 0:  # a stored value no longer offered stays visible rather than vanishing
                editor.addItem(choice_label(str(value)), value)
                index = editor.count() - 1
            editor.setCurrentIndex(index)
        elif isinstance(editor, QPlainTextEdit):
            editor.setPlainText("\n".join(str(v) for v in value or []))
        else:
            assert isinstance(editor, QLineEdit)
            editor.setText(str(value))
            editor.setCursorPosition(0)

    def changed_values(self) -> dict[str, Any]:
        return {k: self.editor_value(k) for k in self.editors if self.editor_value(k) != self.loaded.get(k)}

    # --- actions --------------------------------------------------------------------------
    @Slot()
    def reload(self) -> None:
        """Read the stored values into the form, discarding unsaved edits."""
        with self.ctx.reader() as s:
            self.loaded = all_settings(s)
        for key in self.editors:
            self.set_editor_value(key, self.loaded[key])
        self._mark_invalid(None)
        self._on_edited()

    def restore_defaults(self, keys: list[str]) -> None:
        for key in keys:
            self.set_editor_value(key, SETTINGS[key].default)

    @Slot()
    def save(self) -> None:
        """Apply every changed value in one transaction: all of them are saved, or none."""
        changed = self.changed_values()
        if not changed:
            return
        def save(s: Session) -> None:
            for key, value in changed.items():
                set_setting(s, self.ctx.actor, key, value)

        if not self.ctx.run(Op(save, RecordKind.SETTINGS, parent=self, title=self.tr("参数未保存"),
                               point_at=self._mark_invalid)).ok:
            return
        self.reload()
        self.status_label.setText(self.tr("已保存 {n} 项参数。").format(n=len(changed)))
        self.settings_saved.emit(sorted(changed))

    def _mark_invalid(self, key: str | None) -> None:
        for k, editor in self.editors.items():
            editor.setProperty("invalid", k == key)
            apply_style(editor, Sheet.either(k == key, Sheet.INVALID_FIELD, Sheet.NONE))
        if key in self.editors:
            self.editors[key].setFocus()

    @Slot()
    def _on_edited(self) -> None:
        if not self.loaded:
            return
        count = len(self.changed_values())
        self.save_button.setEnabled(count > 0)
        self.revert_button.setEnabled(count > 0)
        if count:
            self.status_label.setText(self.tr("有 {n} 项修改尚未保存。").format(n=count))
        elif not self.status_label.text().startswith(self.tr("已保存")):
            self.status_label.setText("")
