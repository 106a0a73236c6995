"""The row of workflow buttons under an item, and the deadline texts the detail panel shows.

Buttons appear only where the step applies to the item's state, so a clerk sees the next step
instead of a row of greyed-out ones; a step that applies but is not theirs (their role) or waits for
a fact (the other units' confirmation) is shown off, with the reason. Both come from
app.disclosure.item_actions, which the services refuse with.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from app.disclosure.item_actions import ItemAction
from app.disclosure.queries import ItemView, deadline_of
from app.workdays.calendar import WorkCalendar
from ui.availability import offer
from ui.style import Sheet, apply_style

if TYPE_CHECKING:
    from ui.disclosure.item_detail import ItemDetail


def deadline_text(v: ItemView, calendar: WorkCalendar) -> str:
    """For a published item: “，发布期限 2024-10-23（按时）” or “（逾期 3 个工作日）”."""
    if v.published_on is None:
        return ""
    due = deadline_of(v, calendar).due
    if v.published_on <= due:
        return f"，发布期限 {due.isoformat()}（按时发布）"
    return f"，发布期限 {due.isoformat()}（逾期 {calendar.workdays_between(due, v.published_on)} 个工作日）"


def explanation(v: ItemView, calendar: WorkCalendar) -> str:
    """The arithmetic of the deadline (WorkCalendar.deadline(...).explain()), with what it counts from."""
    lines = []
    if v.delay_ended_on is not None:
        lines.append(f"因法定事由暂缓发布（{v.delay_cause}），{v.delay_ended_on.isoformat()} 事由消除，"
                     "自该日起重新计算。")
    lines.append(deadline_of(v, calendar).explain())
    if v.published_on is not None:
        late = calendar.workdays_between(deadline_of(v, calendar).due, v.published_on)
        verdict = f"逾期 {late} 个工作日。" if late else "按时发布。"
        lines.append(f"实际发布：{v.published_on.isoformat()}，{verdict}")
    return "\n".join(lines)


class ActionButtons(QWidget):
    """修改, 保密审查签批, 确定公开方式, 登记发布, 暂缓发布, 事由消除, 重新研判, 登记新版本, 登记废止."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = self._button("editItem", self.tr("修改…"))
        self.review = self._button("reviewItem", self.tr("保密审查签批…"))
        self.decide = self._button("decideItem", self.tr("确定公开方式…"))
        self.publish = self._button("publishItem", self.tr("登记发布…"))
        self.delay = self._button("delayItem", self.tr("暂缓发布…"))
        self.end_delay = self._button("endDelayItem", self.tr("暂缓事由消除…"))
        self.revisit = self._button("revisitItem", self.tr("重新研判…"))
        self.new_version = self._button("newVersion", self.tr("登记新版本…"))
        self.repeal = self._button("repealItem", self.tr("登记废止…"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 4)
        for button in self.all():
            layout.addWidget(button)
        layout.addStretch(1)

    def _button(self, name: str, text: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        return button

    def all(self) -> tuple[QPushButton, ...]:
        return (self.review, self.decide, self.publish, self.delay, self.end_delay, self.revisit, self.edit,
                self.new_version, self.repeal)

    def update_for(self, v: ItemView) -> None:
        actions = {
            self.edit: ItemAction.EDIT, self.review: ItemAction.SECRECY_REVIEW, self.decide: ItemAction.DECIDE,
            self.publish: ItemAction.PUBLISH, self.delay: ItemAction.DELAY, self.end_delay: ItemAction.END_DELAY,
            self.revisit: ItemAction.REVISIT, self.new_version: ItemAction.NEW_VERSION,
            self.repeal: ItemAction.REPEAL,
        }
        shown: dict[QPushButton, bool] = {}
        for button, action in actions.items():
            refusal = v.actions.refused.get(action)
            # Hidden where the step does not apply to the state; off with the reason where it is not
            # this user's (role) or waits for a fact they can record.
            shown[button] = refusal is None or refusal.permission or refusal.field is not None
            button.setVisible(shown[button])
            offer(v.actions, action, button)
        # The step that moves the item on is the obvious one to press.
        main = next((b for b in (self.review, self.publish, self.decide, self.end_delay) if shown[b]), None)
        for button in self.all():
            apply_style(button, Sheet.either(button is main, Sheet.BOLD, Sheet.NONE))

    def connect_to(self, detail: ItemDetail) -> None:
        self.edit.clicked.connect(detail.edit_item)
        self.new_version.clicked.connect(detail.new_version_item)
        self.review.clicked.connect(detail.sign_secrecy_review)
        self.decide.clicked.connect(detail.decide_item)
        self.publish.clicked.connect(detail.publish_item)
        self.delay.clicked.connect(detail.delay_item)
        self.end_delay.clicked.connect(detail.end_delay_item)
        self.revisit.clicked.connect(detail.revisit_item)
        self.repeal.clicked.connect(detail.repeal_item)
