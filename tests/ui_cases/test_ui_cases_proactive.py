"""转为主动公开 (条例第四十四条) in the case header: offered once another applicant asked for the same
information, registers a linked 主动公开 item, then names it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from app.cases.models import RequestCase
from app.disclosure.models import DisclosureItem
from ui.cases.case_detail import CaseDetail

pytestmark = pytest.mark.gui


def test_register_as_proactive_item_from_the_case(qtbot, db, ctx, add_case, boxes) -> None:
    first = add_case(name="张三")
    detail = CaseDetail(ctx)
    qtbot.addWidget(detail)
    ctx.events.changed.connect(lambda _changes: detail.reload())
    detail.show_case(first)
    assert detail.proactive_button.isHidden()  # one applicant so far: 第四十四条 does not apply
    second = add_case(name="李四")  # the same information (the default request text)
    detail.show_case(first)
    assert not detail.proactive_button.isHidden() and detail.proactive_button.isEnabled()
    dlg = detail.register_proactive()
    assert dlg is not None
    assert "李四" in " ".join(label.text() for label in dlg.findChildren(type(detail.status)))
    assert dlg.fields["title"].text()  # type: ignore[attr-defined]  # prefilled from the request
    qtbot.mouseClick(dlg.ok_button, Qt.MouseButton.LeftButton)
    assert not dlg.isVisible(), boxes.texts()
    with db.session_factory() as s:
        item = s.scalars(select(DisclosureItem)).one()
        linked = [s.get_one(RequestCase, c).proactive_item_no for c in (first, second)]
    assert linked == [item.item_no, item.item_no] and "条例第四十四条" in item.summary
    assert detail.proactive_button.text() == f"已转主动公开（{item.item_no}）"
    assert not detail.proactive_button.isEnabled()
