"""Set-up the disclosure-item service tests share: the day they run on, the default work calendar and
the 规范性文件-style item form (formed Fri 2024-09-20) each test adjusts."""

from __future__ import annotations

from datetime import date

from app.disclosure.service import ItemForm
from app.workdays.calendar import WorkCalendar

CAL = WorkCalendar()
TODAY = date(2024, 10, 30)


def item_form(**changes: object) -> ItemForm:
    """锦府发〔2024〕8号 of the 文书科, formed 2024-09-20, with `changes` set on it."""
    form = ItemForm(title="锦屏县人民政府关于印发某某办法的通知", category=2, section="文书科",
                    formed_on=date(2024, 9, 20), doc_no="锦府发〔2024〕8号")
    for k, v in changes.items():
        setattr(form, k, v)
    return form
