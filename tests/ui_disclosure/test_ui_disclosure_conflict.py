"""已被他人修改 on a disclosure item (issue 19): the differing fields, a choice per field, saved on
the other PC's version instead of a dead end."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.bootstrap import Database
from app.context import Actor
from app.disclosure.models import DisclosureItem
from app.disclosure.queries import load_item
from app.disclosure.service import update_item
from app.workdays.service import load_calendar
from tests.ui_disclosure.conftest import TODAY
from ui.context import AppContext
from ui.disclosure.item_form import FormMode, ItemFormDialog

pytestmark = pytest.mark.gui


def test_a_stale_item_form_shows_the_differences_and_saves_the_choice(
        qtbot: QtBot, db: Database, ctx: AppContext, clerk: Actor, add_item: Callable[..., int]) -> None:
    item_id = add_item(doc_no="锦府发〔2024〕8号")
    with db.session_factory() as s:
        view = load_item(s, item_id)
    dialog = ItemFormDialog(ctx, FormMode.EDIT, view, today=lambda: TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    # Another PC corrects the document number meanwhile.
    with db.session_factory.begin() as s:
        form = view.form()
        form.doc_no = "锦府发〔2024〕9号"
        update_item(s, clerk, item_id, form, view.version, load_calendar(s), TODAY)
    dialog.summary.setPlainText("本办法自印发之日起施行。")
    dialog.save()
    conflict = dialog.conflict
    assert conflict is not None and conflict.isVisible()
    assert {r.field: (r.theirs, r.yours) for r in conflict.rows} == {
        "doc_no": ("锦府发〔2024〕9号", "锦府发〔2024〕8号"), "summary": ("（空）", "本办法自印发之日起施行。")}
    assert conflict.theirs["doc_no"].isChecked() and conflict.mine["summary"].isChecked()
    qtbot.mouseClick(conflict.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible() and dialog.saved_id == item_id
    with db.session_factory() as s:
        item = s.get(DisclosureItem, item_id)
        assert item is not None and (item.doc_no, item.summary) == ("锦府发〔2024〕9号", "本办法自印发之日起施行。")
