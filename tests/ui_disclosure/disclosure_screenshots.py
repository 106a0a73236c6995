"""Screenshots of the 主动公开 tab for a human to look at (not a test).

    /tmp/venv/bin/govinfo-desk --data-dir /tmp/disc-shots demo
    PYTHONPATH=. xvfb-run -a -s "-screen 0 1400x900x24" /tmp/venv/bin/python \
        tests/ui_disclosure/disclosure_screenshots.py \
        /tmp/disc-shots /tmp/shots-disclosure

Signs in as the demo clerk sunli and shows the demo items in the real main window.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QWidget
from sqlalchemy import select

from app.auth.models import User
from app.auth.service import actor_for
from app.bootstrap import open_database
from app.disclosure.enums import Decision
from app.disclosure.models import DisclosureItem
from tests.screenshot_support import grab as shared_grab
from ui.app_setup import create_application
from ui.context import AppContext
from ui.disclosure.item_dialogs import DecisionDialog
from ui.disclosure.tab import DisclosureTab
from ui.main_window import MainWindow


def grab(widget: QWidget, path: Path) -> None:
    shared_grab(widget, path, rounds=8)


def first(db, *where) -> int | None:
    with db.session_factory() as s:
        return s.scalar(select(DisclosureItem.id).where(*where).order_by(DisclosureItem.id.desc()).limit(1))


def main() -> None:
    data, out = Path(sys.argv[1]), Path(sys.argv[2])
    out.mkdir(parents=True, exist_ok=True)
    _app = create_application(["shots"])  # kept alive for the whole run
    db = open_database(data)
    with db.session_factory() as s:
        user = s.scalar(select(User).where(User.username == "sunli"))
        assert user is not None, "make the demo database first (govinfo-desk demo)"
        clerk = actor_for(user)
    ctx = AppContext(db=db, actor=clerk)
    window = MainWindow(ctx, settings=QSettings(str(out / "settings.ini"), QSettings.Format.IniFormat),
                        idle_timeout=0)
    window.resize(1400, 900)
    window.show()
    index = window.tab_titles().index("主动公开")
    window.tabs.setCurrentIndex(index)
    tab = window.tab_widget(index)
    assert isinstance(tab, DisclosureTab)
    grab(window, out / "1_list.png")

    overdue = first(db, DisclosureItem.status == "reviewed", DisclosureItem.due_on.is_not(None))
    if overdue:
        tab.select_item(overdue)
        grab(window, out / "2_detail_pending.png")
        shown = tab.detail.publish_item()
        if shown is not None:
            grab(shown, out / "6_publish_dialog.png")
            shown.close()
        shown = tab.detail.decide_item()
        if shown is not None:
            assert isinstance(shown, DecisionDialog)
            shown.choices[Decision.WITHHELD].setChecked(True)
            grab(shown, out / "5_decision_dialog.png")
            shown.close()
    published = first(db, DisclosureItem.status == "published", DisclosureItem.version_no == 2)
    if published:
        tab.select_item(published)
        grab(window, out / "3_detail_published.png")
        tab.detail.tabs.setCurrentIndex(2)
        grab(window, out / "3b_versions.png")
        tab.detail.tabs.setCurrentIndex(0)
        shown = tab.detail.show_deadline()
        if shown is not None:
            grab(shown, out / "7_deadline.png")
            shown.close()
    draft = first(db, DisclosureItem.status == "draft")
    if draft:
        tab.select_item(draft)
        shown = tab.detail.sign_secrecy_review()
        if shown is not None:
            grab(shown, out / "4_secrecy_review.png")
            shown.close()
    form = tab.new_item()
    form.title.setText("锦屏县人民政府办公室关于印发《锦屏县政务公开工作要点》的通知")
    form.doc_no.setText("锦府办发[2026]第05号")
    grab(form, out / "8_item_form.png")
    form.reject()
    tab.pages.setCurrentIndex(1)
    grab(window, out / "9_year_figures.png")
    window.close()
    db.dispose()


if __name__ == "__main__":
    main()
